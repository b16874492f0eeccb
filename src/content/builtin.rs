//! The built-in workbook, checked when trustbook is built rather than on every start.
//!
//! Parsing and checking the shipped chapters took two fifths of the instructions before
//! the first frame, and they cannot change once the binary is built. So a test parses and
//! checks them and keeps `builtin.json`, the workbook they give, in step with
//! `content/*.toml`; a start reads that instead. The file names the sources it was made
//! from by a fingerprint: a copy out of step with the TOML compiled in (a chapter edited
//! and the test not run yet) is never used, and the TOML is parsed and checked as before.

use super::load::{EMBEDDED, check_embedded};
use super::{Diagnostics, Workbook};

/// The shipped workbook as parsed, written by the test below.
const COMPILED: &str = include_str!("builtin.json");

/// A fingerprint of the shipped TOML, worked out when trustbook is compiled.
const SOURCES: u64 = fingerprint(EMBEDDED);

/// What `builtin.json` holds: the fingerprint of the sources, a word for whoever opens
/// the file, then the workbook.
#[derive(serde::Serialize, serde::Deserialize)]
struct Compiled {
    sources: String,
    note: String,
    workbook: Workbook,
}

/// The file's note to its reader.
#[cfg(test)]
const NOTE: &str = "Written by the test in src/content/builtin.rs from content/*.toml, which it \
    parses and checks; do not edit. After changing the TOML: TRUSTBOOK_BLESS=1 cargo test --lib builtin";

/// The workbook compiled into the binary: read from its checked copy when that copy was
/// made from these very files, else parsed and checked from the TOML.
pub fn load_builtin() -> Result<Workbook, Diagnostics> {
    match from_compiled(COMPILED, SOURCES) {
        Some(wb) => Ok(wb),
        None => check_embedded().map(|(wb, _warnings)| wb),
    }
}

/// The workbook of `json`, when it was made from the sources of fingerprint `sources`.
fn from_compiled(json: &str, sources: u64) -> Option<Workbook> {
    // The fingerprint comes first in the file: a stale copy is not decoded at all.
    if !json.starts_with(&head(sources)) {
        return None;
    }
    serde_json::from_str::<Compiled>(json).ok().map(|c| c.workbook)
}

/// How `builtin.json` starts when made from the sources of fingerprint `sources`.
fn head(sources: u64) -> String {
    format!("{{\n  \"sources\": \"{}\",", hex(sources))
}

/// A fingerprint as written in the file.
fn hex(sources: u64) -> String {
    format!("{sources:016x}")
}

/// FNV-1a over each file's name and text. It tells a stale copy from a fresh one and
/// guards against no one: the copy and the sources are compiled into the same binary.
const fn fingerprint(files: &[(&str, &str)]) -> u64 {
    const PRIME: u64 = 0x0100_0000_01b3;
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut f = 0;
    while f < files.len() {
        let (name, text) = files[f];
        // A zero byte after each part, so moving text between the parts changes the hash.
        let parts = [name.as_bytes(), text.as_bytes(), b"\0"];
        let mut p = 0;
        while p < parts.len() {
            let bytes = parts[p];
            let mut i = 0;
            while i < bytes.len() {
                hash = (hash ^ bytes[i] as u64).wrapping_mul(PRIME);
                i += 1;
            }
            hash = (hash ^ 0xff).wrapping_mul(PRIME);
            p += 1;
        }
        f += 1;
    }
    hash
}

/// The text of `builtin.json` for `wb`, made from the sources of fingerprint `sources`.
#[cfg(test)]
fn compiled_text(wb: &Workbook, sources: u64) -> String {
    let compiled = Compiled {
        sources: hex(sources),
        note: NOTE.to_string(),
        workbook: wb.clone(),
    };
    let mut text = serde_json::to_string_pretty(&compiled).expect("a workbook serializes");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/content/builtin.json");

    /// Fails when `content/*.toml` changed and `builtin.json` was not written again; with
    /// `TRUSTBOOK_BLESS=1` it writes the file (then build and run the tests once more).
    #[test]
    fn the_compiled_copy_is_the_workbook_the_toml_gives() {
        let (parsed, _warnings) = check_embedded().expect("the built-in workbook loads");
        let fresh = compiled_text(&parsed, SOURCES);
        if COMPILED != fresh {
            if std::env::var_os("TRUSTBOOK_BLESS").is_some() {
                std::fs::write(FILE, &fresh).expect("write builtin.json");
                panic!("wrote {FILE}; build and run the tests again to use it");
            }
            panic!(
                "{FILE} is out of step with content/*.toml; write it again with \
                 `TRUSTBOOK_BLESS=1 cargo test --lib builtin`"
            );
        }
        assert_eq!(from_compiled(COMPILED, SOURCES), Some(parsed.clone()));
        assert_eq!(load_builtin().ok(), Some(parsed));
    }

    #[test]
    fn a_copy_made_from_other_sources_is_not_used() {
        let other = SOURCES ^ 1;
        assert_eq!(from_compiled(COMPILED, other), None);
        // The same workbook written for other sources is refused by those sources only.
        let (parsed, _) = check_embedded().expect("the built-in workbook loads");
        let text = compiled_text(&parsed, other);
        assert_eq!(from_compiled(&text, SOURCES), None);
        assert_eq!(from_compiled(&text, other), Some(parsed));
    }

    #[test]
    fn a_damaged_copy_is_not_used() {
        let cut = &COMPILED[..COMPILED.len() / 2];
        assert_eq!(from_compiled(cut, SOURCES), None);
        assert_eq!(from_compiled("", SOURCES), None);
    }

    #[test]
    fn every_byte_of_the_sources_counts() {
        let base = fingerprint(&[("a.toml", "x = 1")]);
        assert_ne!(base, fingerprint(&[("a.toml", "x = 2")]));
        assert_ne!(base, fingerprint(&[("b.toml", "x = 1")]));
        assert_ne!(
            fingerprint(&[("a", "bc")]),
            fingerprint(&[("ab", "c")]),
            "moving bytes between name and text changes it"
        );
        assert_eq!(SOURCES, fingerprint(EMBEDDED));
    }
}

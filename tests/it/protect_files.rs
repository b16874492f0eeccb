//! Hostile encrypted files (issue 17, "Bad input"): truncated at any byte, bit-flipped,
//! encrypted to someone else, of another workbook, read without the key. Each is refused
//! with an error naming the file; nothing is overwritten, and no plain text is written.
//!
//! These work on the store directly with an unlocked key (no passphrase, no terminal);
//! `protect.rs` covers the passphrase through the real binary.

use std::fs;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use trustbook::answers::Answers;
use trustbook::store::{self, Protection, Store, StoreError, StoreOptions};
use trustbook::vault::{self, VaultError};

use crate::common::{put, text};

const WB: &str = "trust-workbook";
const WORDS: &str = "my hard-won words";

fn opts(dir: &Path) -> StoreOptions {
    StoreOptions {
        data_dir: Some(dir.to_path_buf()),
        profile: "sam".into(),
    }
}

fn answers() -> Answers {
    let mut a = Answers::default();
    put(&mut a, "c", "e", false, text(WORDS));
    a
}

/// A profile "sam" saved twice under `protection` (so it has a backup too).
fn protected(dir: &Path) -> (Protection, PathBuf) {
    let id = vault::create_identity();
    let protection = Protection::locked(id);
    let (mut st, _) = Store::open(&opts(dir), WB).expect("opens");
    st.save(&answers(), None).expect("saves");
    st.protect(
        vault::parse_recovery_key(vault::recovery_key(protection.identity().expect("locked")).expose())
            .expect("key"),
        b"not a real key file",
    )
    .expect("protects");
    st.save(&answers(), None).expect("saves encrypted");
    (protection, dir.join("sam.toml"))
}

/// Every file in `dir` but the lock, sorted, with its bytes.
fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<_> = fs::read_dir(dir)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_none_or(|e| e != "lock"))
        .map(|p| {
            let b = fs::read(&p).expect("read");
            (p, b)
        })
        .collect();
    out.sort();
    out
}

fn no_plain_words(dir: &Path) {
    for (p, b) in files(dir) {
        assert!(
            !b.windows(WORDS.len()).any(|w| w == WORDS.as_bytes()),
            "{} holds the words in plain text",
            p.display()
        );
    }
}

/// Opens with `protection` and expects a refusal naming `path` that changed nothing.
fn refused(dir: &Path, protection: &Protection, path: &Path) -> StoreError {
    let before = files(dir);
    let err = Store::open_as(&opts(dir), WB, protection.clone()).expect_err("refused");
    let msg = err.to_string();
    assert!(
        msg.contains(&path.display().to_string()),
        "the message names the file: {msg}"
    );
    assert_eq!(files(dir), before, "nothing changed on disk");
    no_plain_words(dir);
    err
}

trait Expose {
    fn expose(&self) -> &str;
}

impl Expose for vault::SecretString {
    fn expose(&self) -> &str {
        vault::ExposeSecret::expose_secret(self)
    }
}

#[test]
fn a_protected_save_kept_copies_and_the_fallback_are_encrypted() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    let id = vault::create_identity();
    let key = vault::recovery_key(&id);
    let (mut st, _) = Store::open(&opts(dir), WB).expect("opens");
    st.save(&answers(), None).expect("saves");
    st.keep_copy("reset").expect("a plain copy before protect");
    st.protect(id, b"key").expect("protects");
    st.save(&answers(), None).expect("saves");
    let copy = st.keep_copy("reset").expect("copies").expect("a file");
    let elsewhere = tempfile::tempdir().expect("tmp");
    let out = elsewhere.path().to_path_buf();
    let fallback = st
        .write_fallback_in(std::slice::from_ref(&out), &store::encode(&answers(), None, WB))
        .expect("fallback");
    no_plain_words(dir);
    no_plain_words(&out);
    let protection = Protection::locked(vault::parse_recovery_key(key.expose()).expect("key"));
    for path in [dir.join("sam.toml"), dir.join("sam.toml.bak"), copy, fallback] {
        let saved = store::read_answers_as(&path, "sam", WB, &protection)
            .expect("decrypts")
            .expect("a file");
        assert_eq!(saved.answers, answers(), "{}", path.display());
    }
    // Without the key: refused as protected, never read as garbage.
    let err = store::read_answers(&dir.join("sam.toml"), "sam", WB).expect_err("protected");
    assert!(matches!(err, StoreError::Protected { .. }), "{err}");
}

#[test]
fn a_protected_profile_is_never_opened_plain() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (_, path) = protected(tmp.path());
    let err = refused(tmp.path(), &Protection::Plain, &tmp.path().join("sam.key"));
    assert!(matches!(err, StoreError::Protected { .. }), "{err}");
    // Even with the key file gone, the encrypted answers are not read as text.
    fs::remove_file(tmp.path().join("sam.key")).expect("rm");
    let err = refused(tmp.path(), &Protection::Plain, &path);
    assert!(matches!(err, StoreError::Protected { .. }), "{err}");
}

#[test]
fn a_file_encrypted_to_someone_else_is_refused() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (_, path) = protected(tmp.path());
    let stranger = Protection::locked(vault::create_identity());
    let err = refused(tmp.path(), &stranger, &path);
    assert!(
        matches!(
            err,
            StoreError::Sealed {
                why: VaultError::OtherKey,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn an_encrypted_file_of_another_workbook_is_refused() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (protection, path) = protected(tmp.path());
    let other = store::encode(&answers(), None, "another-workbook");
    store::write_profile_file(&path, other.as_bytes(), &protection, store::How::Replace).expect("write");
    let err = refused(tmp.path(), &protection, &path);
    assert!(matches!(err, StoreError::OtherWorkbook { .. }), "{err}");
}

#[test]
fn start_fresh_moves_a_damaged_encrypted_file_aside_and_deletes_nothing() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (protection, path) = protected(tmp.path());
    let mut bytes = fs::read(&path).expect("read");
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    fs::write(&path, &bytes).expect("damage");
    let (_st, saved, moved) = Store::open_fresh_as(&opts(tmp.path()), WB, protection).expect("opens fresh");
    assert_eq!(saved.answers, Answers::default());
    let moved = moved.expect("moved aside");
    assert_eq!(fs::read(&moved.to).expect("kept"), bytes, "kept as it was");
    no_plain_words(tmp.path());
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// Cut at any byte: refused, named, nothing changed, nothing plain.
    #[test]
    fn a_truncated_encrypted_file_is_refused(cut in 0usize..2000) {
        let tmp = tempfile::tempdir().expect("tmp");
        let (protection, path) = protected(tmp.path());
        let bytes = fs::read(&path).expect("read");
        let cut = cut % bytes.len();
        fs::write(&path, &bytes[..cut]).expect("cut");
        let err = refused(tmp.path(), &protection, &path);
        // Cut inside the magic, it is no age file: read as text, it is no answers file either.
        prop_assert!(err.is_bad_file(), "{}", err);
    }

    /// One bit flipped anywhere: refused (age authenticates every byte).
    #[test]
    fn a_bit_flipped_encrypted_file_is_refused(at in 0usize..2000, bit in 0u8..8) {
        let tmp = tempfile::tempdir().expect("tmp");
        let (protection, path) = protected(tmp.path());
        let mut bytes = fs::read(&path).expect("read");
        let at = at % bytes.len();
        bytes[at] ^= 1 << bit;
        fs::write(&path, &bytes).expect("flip");
        let before = files(tmp.path());
        match Store::open_as(&opts(tmp.path()), WB, protection) {
            // A flip in the header's grease line or whitespace age ignores may still open;
            // then the words must be exactly the words.
            Ok((_, saved)) => prop_assert_eq!(saved.answers, answers()),
            Err(e) => {
                prop_assert!(e.to_string().contains(&path.display().to_string()), "{}", e);
                prop_assert_eq!(files(tmp.path()), before);
            }
        }
        no_plain_words(tmp.path());
    }
}

#[test]
fn rename_takes_the_key_along() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (protection, _) = protected(tmp.path());
    store::rename_profile(tmp.path(), "sam", "alex").expect("renames");
    assert!(!store::is_protected(tmp.path(), "sam"));
    assert!(store::is_protected(tmp.path(), "alex"));
    let o = StoreOptions {
        data_dir: Some(tmp.path().to_path_buf()),
        profile: "alex".into(),
    };
    let (_, saved) = Store::open_as(&o, WB, protection).expect("opens under the new name");
    assert_eq!(saved.answers, answers());
}

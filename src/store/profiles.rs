//! Profile names, and the profiles found in a data directory.
//!
//! Own profiles are `<name>.toml` files in the data directory; imported partner profiles are
//! `partners/<name>.json`. The two share one namespace: opening an own profile under a name a
//! partner profile already has is refused ([`super::StoreError::PartnerProfile`]), and import
//! should likewise refuse a partner name for which [`profile_kind`] returns
//! [`ProfileKind::Own`].

use std::fs;
use std::path::{Path, PathBuf};

use super::{StoreError, decode};

/// Longest profile name.
pub const MAX_PROFILE_LEN: usize = 32;
/// Folder (inside the data directory) of imported partner profiles.
pub const PARTNERS_DIR: &str = "partners";

/// Checks a profile name: 1 to 32 characters, lowercase words `[a-z0-9]+` joined by single
/// dashes. Anything else (`../x`, `a/b`, `""`, `Alex`) is refused, so a name is always a
/// plain file name.
pub fn validate_profile(name: &str) -> Result<(), StoreError> {
    let word_ok = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    if name.len() <= MAX_PROFILE_LEN && name.split('-').all(word_ok) {
        Ok(())
    } else {
        Err(StoreError::BadProfile {
            name: name.to_string(),
        })
    }
}

/// Whose answers a profile holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileKind {
    /// Answers written on this machine (`<name>.toml`).
    Own,
    /// A partner's exported answers, imported (`partners/<name>.json`).
    Partner,
}

/// A profile found in the data directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileInfo {
    /// The profile name.
    pub name: String,
    /// Own or imported partner profile.
    pub kind: ProfileKind,
    /// Its file.
    pub path: PathBuf,
    /// Number of answers, when the file could be read.
    pub answers: Option<usize>,
    /// Why the file could not be read, if it could not.
    pub problem: Option<String>,
}

/// Own profiles, then partner profiles, each sorted by name. Files that are not profiles
/// (backups, lock files, temporary files) are skipped. Nothing is written.
pub fn list_profiles(data_dir: &Path) -> Vec<ProfileInfo> {
    let mut out = scan(data_dir, "toml", ProfileKind::Own);
    out.extend(scan(&data_dir.join(PARTNERS_DIR), "json", ProfileKind::Partner));
    out
}

/// Which kind of profile `name` already is in `data_dir`, if any (own wins when both exist).
pub fn profile_kind(data_dir: &Path, name: &str) -> Option<ProfileKind> {
    if data_dir.join(format!("{name}.toml")).is_file() {
        Some(ProfileKind::Own)
    } else if partner_path(data_dir, name).is_file() {
        Some(ProfileKind::Partner)
    } else {
        None
    }
}

/// Where an imported partner profile lives.
pub fn partner_path(data_dir: &Path, name: &str) -> PathBuf {
    data_dir.join(PARTNERS_DIR).join(format!("{name}.json"))
}

fn scan(dir: &Path, ext: &str, kind: ProfileKind) -> Vec<ProfileInfo> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<ProfileInfo> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let path = e.path();
            let name = path.file_name()?.to_str()?.strip_suffix(ext)?.strip_suffix('.')?;
            validate_profile(name).ok()?;
            let (answers, problem) = match count_answers(&path, kind) {
                Ok(n) => (n, None),
                Err(p) => (None, Some(p)),
            };
            Some(ProfileInfo {
                name: name.to_string(),
                kind,
                path,
                answers,
                problem,
            })
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// Counts the answers in a profile file; `Ok(None)` when a partner file's shape is unknown.
fn count_answers(path: &Path, kind: ProfileKind) -> Result<Option<usize>, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("cannot be read: {e}"))?;
    match kind {
        ProfileKind::Own => decode(&text, path)
            .map(|saved| Some(saved.answers.len()))
            .map_err(|e| e.problem()),
        // Partner exports are written by import; count `answers.<chapter>.<exercise>` if present.
        ProfileKind::Partner => {
            let value: serde_json::Value =
                serde_json::from_str(&text).map_err(|e| format!("not valid JSON: {e}"))?;
            Ok(value.get("answers").and_then(|a| a.as_object()).map(|chapters| {
                chapters
                    .values()
                    .filter_map(|c| c.as_object())
                    .map(serde_json::Map::len)
                    .sum()
            }))
        }
    }
}

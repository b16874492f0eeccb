//! Profile names, and the profiles found in a data directory.
//!
//! Own profiles are `<name>.toml` files in the data directory; imported partner profiles are
//! `partners/<name>.json`. The two share one namespace: opening an own profile under a name a
//! partner profile already has is refused ([`super::StoreError::PartnerProfile`]), and import
//! should likewise refuse a partner name for which [`profile_kind`] returns
//! [`ProfileKind::Own`].

use std::fs;
use std::path::{Path, PathBuf};

use super::fsio::{MAX_FILE_BYTES, ReadError, read_regular};
use super::{DEFAULT_PROFILE, StoreError, decode, limits};

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
    /// The workbook id the file names, when it could be read.
    pub workbook: Option<String>,
    /// Protected with a passphrase: its file is encrypted, so nothing of it is counted.
    pub protected: bool,
}

/// Own profiles, then partner profiles, each sorted by name. Files that are not profiles
/// (backups, lock files, temporary files) are skipped. Nothing is written.
pub fn list_profiles(data_dir: &Path) -> Vec<ProfileInfo> {
    let mut out = scan(data_dir, "toml", ProfileKind::Own);
    out.extend(scan(&data_dir.join(PARTNERS_DIR), "json", ProfileKind::Partner));
    out
}

/// Which kind of profile `name` already is in `data_dir`, if any (own wins when both exist).
/// A link counts, without being followed, so that every reader then refuses it the same way.
pub fn profile_kind(data_dir: &Path, name: &str) -> Option<ProfileKind> {
    let present = |p: PathBuf| {
        p.symlink_metadata()
            .is_ok_and(|m| m.file_type().is_file() || m.file_type().is_symlink())
    };
    if present(data_dir.join(format!("{name}.toml"))) {
        Some(ProfileKind::Own)
    } else if present(partner_path(data_dir, name)) {
        Some(ProfileKind::Partner)
    } else {
        None
    }
}

/// Which own profile opens when no `--profile` is given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DefaultProfile {
    /// `default` when it exists, else the only own profile of the workbook.
    Found(String),
    /// No own profile of the workbook yet: a first run, on which the app asks for a name.
    FirstRun,
    /// Several own profiles of the workbook and none called `default`: they are different
    /// people's answers, so which one is not guessed (by name, sorted).
    Several(Vec<String>),
}

/// The profile to open in `data_dir` for the workbook `workbook_id` when none is named:
/// `default` if anything is at `default.toml`; else the one own profile of this workbook, if there
/// is exactly one (a file of another workbook does not count; one that cannot be read
/// does, so its problem is reported rather than passed over). Nothing is written.
pub fn default_profile(data_dir: &Path, workbook_id: &str) -> DefaultProfile {
    // Anything at `default.toml` (even a pipe, which is no profile) makes it the one, so
    // opening it says what is wrong there.
    if data_dir
        .join(format!("{DEFAULT_PROFILE}.toml"))
        .symlink_metadata()
        .is_ok()
    {
        return DefaultProfile::Found(DEFAULT_PROFILE.to_string());
    }
    let mut names: Vec<String> = scan(data_dir, "toml", ProfileKind::Own)
        .into_iter()
        .filter(|p| p.workbook.as_deref().is_none_or(|w| w == workbook_id))
        .map(|p| p.name)
        .collect();
    match names.pop() {
        None => DefaultProfile::FirstRun,
        Some(only) if names.is_empty() => DefaultProfile::Found(only),
        Some(last) => {
            names.push(last);
            DefaultProfile::Several(names)
        }
    }
}

/// Why a new profile cannot be started under a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameRefused {
    /// Not a profile name (see [`validate_profile`]).
    Invalid,
    /// One of your own profiles already has the name.
    Own,
    /// An imported partner profile already has the name.
    Partner,
    /// The profile could not be opened: the reason, in words.
    Failed(String),
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
        // Links are listed (and then refused when read), never skipped nor followed.
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file() || t.is_symlink()))
        .filter_map(|e| {
            let path = e.path();
            let name = path.file_name()?.to_str()?.strip_suffix(ext)?.strip_suffix('.')?;
            validate_profile(name).ok()?;
            let protected = kind == ProfileKind::Own && super::is_protected(dir, name);
            let (answers, problem, workbook) = match count_answers(&path, kind) {
                Ok((n, workbook)) => (n, None, workbook),
                Err(_) if protected => (None, None, None),
                Err(p) => (None, Some(p), None),
            };
            Some(ProfileInfo {
                name: name.to_string(),
                kind,
                path,
                answers,
                problem,
                workbook,
                protected,
            })
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// Counts the answers in a profile file and names its workbook; the count is `None` when a
/// partner file's shape is unknown. The file is read as every reader reads it: a regular
/// file, no link followed, within the same limits.
fn count_answers(path: &Path, kind: ProfileKind) -> Result<(Option<usize>, Option<String>), String> {
    let bytes = read_regular(path, false, MAX_FILE_BYTES).map_err(|e| match e {
        ReadError::Link => "it is a symbolic link, which trustbook does not follow".to_string(),
        other @ (ReadError::NotRegular(_) | ReadError::TooLarge(_) | ReadError::Io(_)) => other.to_string(),
    })?;
    if crate::vault::is_age(&bytes) {
        return Err("protected with a passphrase".to_string());
    }
    let text = String::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_string())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    match kind {
        ProfileKind::Own => decode(text, path)
            .map(|saved| (Some(saved.answers.len()), saved.workbook))
            .map_err(|e| e.problem()),
        // Partner exports are written by import; count `answers.<chapter>.<exercise>` if present.
        ProfileKind::Partner => {
            limits::check(&mut serde_json::Deserializer::from_str(text)).map_err(|e| e.to_string())?;
            let value: serde_json::Value =
                serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
            let workbook = value.get("workbook").and_then(|w| w.as_str()).map(str::to_string);
            let count = value.get("answers").and_then(|a| a.as_object()).map(|chapters| {
                chapters
                    .values()
                    .filter_map(|c| c.as_object())
                    .map(serde_json::Map::len)
                    .sum()
            });
            Ok((count, workbook))
        }
    }
}

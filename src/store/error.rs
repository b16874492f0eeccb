//! What can go wrong opening or saving answers, in words for the person at the keyboard.

use std::fmt;
use std::io;
use std::path::PathBuf;

use crate::safe;

/// Why answers could not be opened. Nothing is ever changed on disk when one is returned.
#[derive(Debug)]
pub enum StoreError {
    /// The profile name is not a short lowercase word.
    BadProfile {
        /// The name as given.
        name: String,
    },
    /// The profile name belongs to an imported partner profile.
    PartnerProfile {
        /// The name as given.
        name: String,
    },
    /// No data directory could be found (no home directory) and none was given.
    NoDataDir,
    /// Another trustbook process holds the profile's lock.
    Locked {
        /// The profile.
        profile: String,
        /// The holder's process id, as written in the lock file (absent if unreadable).
        pid: Option<u32>,
    },
    /// The answers file does not parse or has wrong or unknown fields.
    BadFile {
        /// The answers file.
        path: PathBuf,
        /// What is wrong, with `line N, column M` where known.
        reason: String,
    },
    /// The answers file was written by a newer trustbook.
    NewerSchema {
        /// The answers file.
        path: PathBuf,
        /// The `schema_version` in the file.
        found: i64,
    },
    /// The answers file belongs to another workbook.
    OtherWorkbook {
        /// The answers file.
        path: PathBuf,
        /// The profile, to suggest another one.
        profile: String,
        /// Workbook id in the file.
        found: String,
        /// Workbook id of the workbook being opened.
        expected: String,
    },
    /// One of trustbook's own files in the data folder is a symbolic link.
    Link {
        /// The link.
        path: PathBuf,
    },
    /// A path that must be a regular file is a named pipe, a device, a folder, ...
    NotAFile {
        /// The path.
        path: PathBuf,
        /// What it is instead, e.g. "a named pipe (FIFO)".
        what: &'static str,
    },
    /// The data folder belongs to another user.
    FolderNotOurs {
        /// The folder.
        path: PathBuf,
        /// Its owner's user id.
        owner: u32,
    },
    /// The data folder's path is taken by something that is not a folder.
    NotAFolder {
        /// The path.
        path: PathBuf,
    },
    /// The file is encrypted (a profile protected with a passphrase) and was read without
    /// its key: the command must unlock the profile first, or cannot show it at all.
    Protected {
        /// The encrypted file.
        path: PathBuf,
    },
    /// An encrypted file of a protected profile could not be decrypted.
    Sealed {
        /// The file.
        path: PathBuf,
        /// Why, in words.
        why: crate::vault::VaultError,
    },
    /// Reading or creating something failed.
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What was being done, e.g. "create the folder".
        action: &'static str,
        /// The system's error.
        source: io::Error,
    },
}

impl StoreError {
    /// True for the errors `--start-fresh` can fix by moving the answers file aside.
    pub fn is_bad_file(&self) -> bool {
        matches!(
            self,
            StoreError::BadFile { .. }
                | StoreError::NewerSchema { .. }
                | StoreError::OtherWorkbook { .. }
                | StoreError::Sealed { .. }
        )
    }

    /// What is wrong, in a few words and without advice, e.g. for a list of profiles.
    pub fn problem(&self) -> String {
        match self {
            StoreError::BadFile { reason, .. } => safe::line(reason).to_string(),
            StoreError::NewerSchema { found, .. } => {
                format!("made by a newer trustbook (schema_version {found})")
            }
            StoreError::OtherWorkbook { found, .. } => {
                format!("it belongs to another workbook (\"{}\")", safe::line(found))
            }
            StoreError::Link { .. } => "it is a symbolic link, which trustbook does not follow".into(),
            StoreError::NotAFile { what, .. } => format!("it is {what}, not a regular file"),
            StoreError::Io { source, .. } => source.to_string(),
            StoreError::Protected { .. } => "protected with a passphrase".into(),
            StoreError::Sealed { why, .. } => why.to_string(),
            other @ (StoreError::BadProfile { .. }
            | StoreError::PartnerProfile { .. }
            | StoreError::NoDataDir
            | StoreError::Locked { .. }
            | StoreError::FolderNotOurs { .. }
            | StoreError::NotAFolder { .. }) => other.to_string(),
        }
    }

    /// The error for a [`super::fsio::ReadError`] while reading `path`.
    pub(crate) fn read(path: &std::path::Path, e: super::fsio::ReadError) -> Self {
        use super::fsio::ReadError;
        match e {
            ReadError::Link => StoreError::Link { path: path.into() },
            ReadError::NotRegular(what) => StoreError::NotAFile {
                path: path.into(),
                what,
            },
            ReadError::TooLarge(_) => StoreError::BadFile {
                path: path.into(),
                reason: e.to_string() + ", more than any workbook's answers",
            },
            ReadError::Io(source) => StoreError::io(path, "read", source),
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, action: &'static str, source: io::Error) -> Self {
        StoreError::Io {
            path: path.into(),
            action,
            source,
        }
    }
}

const UNCHANGED: &str = "The file has not been changed.";

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Every name, path and text from outside is shown quoted (see `crate::safe`).
        match self {
            StoreError::BadProfile { name } => write!(
                f,
                "\"{}\" cannot be used as a profile name: use 1 to 32 lowercase letters \
                 and digits, with single dashes between words (like \"default\" or \"sam-2\").",
                safe::line(name)
            ),
            StoreError::PartnerProfile { name } => write!(
                f,
                "\"{}\" is the name of an imported partner profile. \
                 Pick another name for your own answers: --profile NAME.",
                safe::line(name)
            ),
            StoreError::NoDataDir => write!(
                f,
                "Could not find a folder for your answers (is HOME set?). \
                 Pass --data-dir DIR or set TRUSTBOOK_DATA_DIR."
            ),
            StoreError::Locked { profile, pid } => locked(f, profile, *pid),
            StoreError::Protected { path } => write!(
                f,
                "{} is encrypted: the profile is protected with a passphrase, and this command \
                 cannot unlock it. Nothing was changed. Opening the profile (trustbook --profile \
                 NAME), export, reset and compare of your own profile ask for the passphrase.",
                safe::path(path)
            ),
            StoreError::Sealed { path, why } => write!(
                f,
                "The encrypted file {} cannot be opened: {why}. {UNCHANGED} If it was damaged, \
                 its backup {}.bak may still open (copy it over the file); `trustbook where` \
                 lists the kept copies.",
                safe::path(path),
                safe::path(path)
            ),
            StoreError::BadFile { path, reason } => write!(
                f,
                "The answers file {} cannot be read: {}. {UNCHANGED} Fix it in a text \
                 editor; or copy its backup {}.bak (the version before the last save, if there \
                 is one) over it; or run trustbook with --start-fresh to move it aside (nothing \
                 is deleted) and begin with no answers.",
                safe::path(path),
                safe::line(reason),
                safe::path(path)
            ),
            StoreError::NewerSchema { path, found } => write!(
                f,
                "The answers file {} was made by a newer trustbook (schema_version {found}; this \
                 one reads up to {}). {UNCHANGED} Update trustbook to keep working on these answers.",
                safe::path(path),
                super::SCHEMA_VERSION
            ),
            StoreError::OtherWorkbook {
                path,
                profile,
                found,
                expected,
            } => other_workbook(f, path, [profile, found, expected]),
            StoreError::Link { path } => link(f, path),
            StoreError::NotAFile { path, what } => write!(
                f,
                "{} is {what}, not a regular file, so trustbook does not read it. Nothing was \
                 changed. Move it away, then try again.",
                safe::path(path)
            ),
            StoreError::FolderNotOurs { path, owner } => write!(
                f,
                "The data folder {} belongs to another user (uid {owner}), who could read or \
                 replace your answers there. Nothing was changed. Use a folder of your own: \
                 --data-dir DIR or TRUSTBOOK_DATA_DIR.",
                safe::path(path)
            ),
            StoreError::NotAFolder { path } => write!(
                f,
                "The data folder {} is not a folder. Nothing was changed. Move that file away, \
                 or use another folder: --data-dir DIR or TRUSTBOOK_DATA_DIR.",
                safe::path(path)
            ),
            StoreError::Io { path, action, source } => {
                write!(f, "Could not {action} {}: {source}.", safe::path(path))
            }
        }
    }
}

/// [`StoreError::Locked`]: who holds the profile, and its process id when the lock
/// file says.
fn locked(f: &mut fmt::Formatter<'_>, profile: &str, pid: Option<u32>) -> fmt::Result {
    write!(
        f,
        "The profile \"{}\" is open in another trustbook process",
        safe::line(profile)
    )?;
    if let Some(pid) = pid {
        write!(f, " (pid {pid})")?;
    }
    write!(
        f,
        ". Close that one first, then try again, so neither overwrites the other's answers."
    )
}

/// [`StoreError::OtherWorkbook`]: the file at `path`, with the profile, the workbook
/// found in the file and the one expected.
fn other_workbook(f: &mut fmt::Formatter<'_>, path: &std::path::Path, names: [&String; 3]) -> fmt::Result {
    let [profile, found, expected] = names.map(|n| safe::line(n));
    write!(
        f,
        "The answers file {} of profile \"{profile}\" belongs to the workbook \"{found}\", \
         not \"{expected}\". {UNCHANGED} To work on \"{expected}\", use a separate \
         profile: --profile NAME.",
        safe::path(path)
    )
}

/// [`StoreError::Link`]: why links are not followed, and what to do, which for the
/// lock file (trustbook makes its own) differs.
fn link(f: &mut fmt::Formatter<'_>, path: &std::path::Path) -> fmt::Result {
    write!(
        f,
        "{} is a symbolic link, and trustbook does not follow links in its data folder \
         (a link there could make it overwrite another file). Nothing was changed. ",
        safe::path(path)
    )?;
    if path.extension().is_some_and(|e| e == "lock") {
        write!(
            f,
            "Remove the link (trustbook makes its own lock file), then try again."
        )
    } else {
        write!(
            f,
            "Put the file it points to in place of the link (or remove the link), then try again."
        )
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Io { source, .. } => Some(source),
            StoreError::BadProfile { .. }
            | StoreError::PartnerProfile { .. }
            | StoreError::NoDataDir
            | StoreError::Locked { .. }
            | StoreError::BadFile { .. }
            | StoreError::NewerSchema { .. }
            | StoreError::OtherWorkbook { .. }
            | StoreError::Link { .. }
            | StoreError::NotAFile { .. }
            | StoreError::FolderNotOurs { .. }
            | StoreError::NotAFolder { .. }
            | StoreError::Protected { .. }
            | StoreError::Sealed { .. } => None,
        }
    }
}

/// Why answers could not be written. The previous file on disk is left as it was.
#[derive(Debug)]
pub enum SaveError {
    /// The disk (or the user's quota) is full.
    NoSpace {
        /// The file being written.
        path: PathBuf,
    },
    /// The folder or file system does not allow writing.
    ReadOnly {
        /// The file being written.
        path: PathBuf,
        /// The system's error.
        source: io::Error,
    },
    /// Any other failure.
    Io {
        /// The file being written.
        path: PathBuf,
        /// The system's error.
        source: io::Error,
    },
    /// Not written: the file would be over trustbook's limits (and refused when read), or it
    /// already is and was opened read-only.
    TooLarge {
        /// The file not written.
        path: PathBuf,
        /// What is over the limit, e.g. "a text is longer than 4 MiB".
        reason: String,
    },
}

impl SaveError {
    pub(crate) fn from_io(path: impl Into<PathBuf>, source: io::Error) -> Self {
        let path = path.into();
        match source.kind() {
            io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => SaveError::NoSpace { path },
            io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::PermissionDenied => {
                SaveError::ReadOnly { path, source }
            }
            _ => SaveError::Io { path, source },
        }
    }

    /// The system's error behind it.
    pub(crate) fn into_io(self) -> io::Error {
        match self {
            SaveError::NoSpace { .. } => io::ErrorKind::StorageFull.into(),
            SaveError::ReadOnly { source, .. } | SaveError::Io { source, .. } => source,
            SaveError::TooLarge { reason, .. } => io::Error::new(io::ErrorKind::FileTooLarge, reason),
        }
    }

    /// A few words for a status line, e.g. "the disk is full".
    pub fn short(&self) -> String {
        match self {
            SaveError::NoSpace { .. } => "the disk is full".to_string(),
            SaveError::ReadOnly { .. } => "the folder cannot be written to".to_string(),
            SaveError::Io { source, .. } => source.to_string(),
            SaveError::TooLarge { reason, .. } => reason.clone(),
        }
    }

    /// The file that could not be written.
    pub fn path(&self) -> &std::path::Path {
        match self {
            SaveError::NoSpace { path }
            | SaveError::ReadOnly { path, .. }
            | SaveError::Io { path, .. }
            | SaveError::TooLarge { path, .. } => path,
        }
    }
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = safe::path(self.path());
        match self {
            SaveError::NoSpace { .. } => write!(
                f,
                "Answers not saved: the disk is full ({path}). Free some space; saving is retried."
            ),
            SaveError::ReadOnly { source, .. } => write!(
                f,
                "Answers not saved: {path} cannot be written to ({source}). \
                 Check the folder's permissions; saving is retried."
            ),
            SaveError::Io { source, .. } => {
                write!(f, "Answers not saved: could not write {path}: {source}.")
            }
            SaveError::TooLarge { reason, .. } => write!(
                f,
                "Answers not saved to {path}: {reason}. Shorten the answer; the file on disk \
                 is left as it was."
            ),
        }
    }
}

impl std::error::Error for SaveError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SaveError::NoSpace { .. } | SaveError::TooLarge { .. } => None,
            SaveError::ReadOnly { source, .. } | SaveError::Io { source, .. } => Some(source),
        }
    }
}

/// Why saving failed, as the app shows it: a typed summary of [`SaveError`] that can
/// travel in an action (it is `Clone` and comparable, unlike `io::Error`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveProblem {
    /// The disk (or quota) is full.
    DiskFull,
    /// The folder or file cannot be written to.
    ReadOnly,
    /// Anything else, in the system's words.
    Other(String),
    /// The answers are over trustbook's limits (the reason says which): not written, so
    /// the file on disk stays as it was and keeps opening.
    TooLarge(String),
}

impl SaveError {
    /// The typed summary the app shows in its header.
    pub fn problem(&self) -> SaveProblem {
        match self {
            SaveError::NoSpace { .. } => SaveProblem::DiskFull,
            SaveError::ReadOnly { .. } => SaveProblem::ReadOnly,
            SaveError::Io { source, .. } => SaveProblem::Other(source.to_string()),
            SaveError::TooLarge { reason, .. } => SaveProblem::TooLarge(reason.clone()),
        }
    }
}

//! Where answers live on disk: the data directory, one lock-protected TOML file per profile,
//! atomic saves with a backup of the previous version, and strict reading that never
//! overwrites a file it cannot understand.
//!
//! Layout of the data directory (see `docs/answers-format.md`):
//!
//! ```text
//! <profile>.toml            answers of an own profile (0600)
//! <profile>.toml.bak        the version before the last save
//! <profile>.toml.bak-<ts>   a backup kept because it was the last readable copy
//! <profile>.key             a protected profile's key, locked by its passphrase (see
//!                           `crate::vault`); with it, every file above and below of the
//!                           profile is an age file
//! <profile>.lock            held while a trustbook has the profile open; holds its pid
//! <profile>.toml.bad-<ts>   an unreadable file moved aside by --start-fresh
//! <profile>.toml.reset-<ts> the answers as they were before `trustbook reset`
//! partners/<name>.json      imported partner profiles (written by import)
//! ```

mod error;
mod format;
mod fsio;
pub mod kept;
pub mod limits;
mod migrate;
mod profiles;

use std::fs::{self, File};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

pub use crate::vault::Protection;
pub use error::{SaveError, SaveProblem, StoreError};
pub use format::{decode, encode};
pub use fsio::{
    DIR_MODE, DirState, FILE_MODE, MAX_FILE_BYTES, ReadError, is_link, move_aside, not_regular_words,
    read_regular, timestamp, write_atomic, write_fallback, write_fallback_in,
};
pub use migrate::migrate;
pub use profiles::{
    DefaultProfile, MAX_PROFILE_LEN, NameRefused, PARTNERS_DIR, ProfileInfo, ProfileKind, default_profile,
    list_profiles, partner_path, profile_kind, validate_profile,
};

use crate::answers::Answers;
use crate::answers::Place;
use crate::vault;

/// The `schema_version` this build writes, and the newest it reads.
pub const SCHEMA_VERSION: i64 = 3;
/// Environment variable naming the data directory (below `--data-dir`, above the default).
pub const DATA_DIR_ENV: &str = "TRUSTBOOK_DATA_DIR";
/// The profile used when none is named.
pub const DEFAULT_PROFILE: &str = "default";

/// Options that pick where answers live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreOptions {
    /// `--data-dir`; else `TRUSTBOOK_DATA_DIR`; else the platform's data directory.
    pub data_dir: Option<PathBuf>,
    /// The profile name (see [`validate_profile`]).
    pub profile: String,
}

impl Default for StoreOptions {
    fn default() -> Self {
        StoreOptions {
            data_dir: None,
            profile: DEFAULT_PROFILE.to_string(),
        }
    }
}

/// What an answers file held (all empty when there was no file yet).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Saved {
    /// The answers, including those for exercises the workbook no longer has.
    pub answers: Answers,
    /// Where to resume.
    pub place: Option<Place>,
    /// The workbook id recorded in the file.
    pub workbook: Option<String>,
    /// The file's `schema_version` when it is older than this build's (it is written
    /// in the new schema at the next save; the original is kept as `<profile>.toml.v<N>`).
    pub older_schema: Option<i64>,
    /// Answers (`chapter/exercise`) with a text over [`limits::MAX_TEXT_BYTES`], written by an
    /// older release: cut at the limit here, so the file is only read, never written.
    pub cut: Vec<String>,
}

/// An answers file that `--start-fresh` moved aside.
#[derive(Debug)]
pub struct MovedAside {
    /// Where the file is now.
    pub to: PathBuf,
    /// Why it could not be used.
    pub why: StoreError,
    /// A copy of the backup, `<profile>.toml.bak-<time>`, kept because it may be the last
    /// readable copy of these answers (the next saves replace `.bak`).
    pub backup_kept: Option<PathBuf>,
}

/// The data directory: `explicit` (`--data-dir`), else `TRUSTBOOK_DATA_DIR` if set and not
/// empty, else the platform's (`~/.local/share/trustbook` on Linux). Made absolute, not created.
pub fn resolve_data_dir(explicit: Option<&Path>) -> Result<PathBuf, StoreError> {
    let env = std::env::var_os(DATA_DIR_ENV)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    let dir = match explicit.map(Path::to_path_buf).or(env) {
        Some(dir) => dir,
        None => directories::ProjectDirs::from("", "", "trustbook")
            .ok_or(StoreError::NoDataDir)?
            .data_dir()
            .to_path_buf(),
    };
    std::path::absolute(&dir).map_err(|e| StoreError::io(dir, "find the folder", e))
}

/// The data directory ([`resolve_data_dir`]), created or made private (0700) as when a
/// profile is opened, with what was found of it; a folder of another user, or a file in its
/// place, is refused. Nothing is written inside it.
pub fn prepare_data_dir(explicit: Option<&Path>) -> Result<(PathBuf, DirState), StoreError> {
    let dir = resolve_data_dir(explicit)?;
    let state = prepare_dir(&dir)?;
    Ok((dir, state))
}

/// Reads and checks the answers file at `path` of `profile` for the workbook `workbook_id`,
/// without locking or writing anything; `None` when there is no file yet. An encrypted
/// (protected) file is refused with [`StoreError::Protected`]: see [`read_answers_as`].
pub fn read_answers(path: &Path, profile: &str, workbook_id: &str) -> Result<Option<Saved>, StoreError> {
    read_answers_as(path, profile, workbook_id, &Protection::Plain)
}

/// [`read_answers`] of a file that may be encrypted to the unlocked key in `protection`.
pub fn read_answers_as(
    path: &Path,
    profile: &str,
    workbook_id: &str,
    protection: &Protection,
) -> Result<Option<Saved>, StoreError> {
    let bytes = match read_profile_file(path, protection) {
        Ok(b) => b,
        Err(StoreError::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let text = std::str::from_utf8(&bytes).map_err(|e| StoreError::BadFile {
        path: path.to_path_buf(),
        reason: format!("it is not UTF-8 text (byte {})", e.valid_up_to()),
    })?;
    let saved = decode(text, path)?;
    match &saved.workbook {
        Some(found) if found != workbook_id => Err(StoreError::OtherWorkbook {
            path: path.to_path_buf(),
            profile: profile.to_string(),
            found: found.clone(),
            expected: workbook_id.to_string(),
        }),
        _ => Ok(Some(saved)),
    }
}

/// A few words for answers cut at the limit when read: which ones, and that the file stays.
pub fn cut_reason(cut: &[String]) -> String {
    let first = cut.first().map_or("", String::as_str);
    let more = match cut.len() {
        0 | 1 => String::new(),
        n => format!(" and {} more", n - 1),
    };
    format!(
        "{first}{more} is longer than {} MiB and shown cut there; the file is kept as it is",
        limits::MAX_TEXT_BYTES / (1024 * 1024)
    )
}

/// The key file of profile `profile`: its identity, locked by the passphrase.
pub fn key_path(data_dir: &Path, profile: &str) -> PathBuf {
    data_dir.join(format!("{profile}.key"))
}

/// True when `profile` is protected with a passphrase (its key file is there, or something
/// in its place, which is then refused when read).
pub fn is_protected(data_dir: &Path, profile: &str) -> bool {
    key_path(data_dir, profile).symlink_metadata().is_ok()
}

/// Reads a profile's key file (a regular file, no link followed, at most 64 KiB).
pub fn read_key_file(data_dir: &Path, profile: &str) -> Result<Vec<u8>, StoreError> {
    let path = key_path(data_dir, profile);
    fsio::read_regular(&path, false, 64 * 1024).map_err(|e| StoreError::read(&path, e))
}

/// How [`write_profile_file`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// Atomically replace whatever is at the path (the answers file, a backup).
    Replace,
    /// Make a new file, failing with `AlreadyExists` if the path is taken (kept copies,
    /// the fallback copy).
    New,
}

/// Writes a file holding a profile's words: plain, or encrypted to the profile's key when
/// `protection` is [`Protection::Locked`]. Private (0600) and fsynced either way.
///
/// Every file with a profile's words goes through here (the answers file, kept copies,
/// the fallback copy, files rewritten by reset, rename and migrations), so a protected
/// profile can never get a plain copy by a path that forgot to encrypt. Share files
/// (`shares/`) are meant to go through here too, with the recipients of the share.
pub fn write_profile_file(path: &Path, plain: &[u8], protection: &Protection, how: How) -> io::Result<()> {
    let sealed = protection
        .seal(plain)
        .map_err(|e| io::Error::other(e.to_string()))?;
    let bytes: &[u8] = &sealed;
    match how {
        How::New => fsio::write_new(path, bytes),
        How::Replace => fsio::write_atomic_bytes(path, bytes).map_err(SaveError::into_io),
    }
}

/// Reads a file of a profile and returns its plain bytes: decrypted when it is an age file
/// and `protection` holds the key, refused ([`StoreError::Protected`]) when it is one and
/// the profile was not unlocked.
pub fn read_profile_file(
    path: &Path,
    protection: &Protection,
) -> Result<zeroize::Zeroizing<Vec<u8>>, StoreError> {
    let bytes = fsio::read_regular(path, false, MAX_FILE_BYTES).map_err(|e| StoreError::read(path, e))?;
    if vault::is_age(&bytes) && !protection.is_locked() {
        return Err(StoreError::Protected {
            path: path.to_path_buf(),
        });
    }
    protection.open(&bytes).map_err(|why| StoreError::Sealed {
        path: path.to_path_buf(),
        why,
    })
}

/// Every file holding profile `profile`'s words in `data_dir`: `<profile>.toml` and every
/// `<profile>.toml.*` kept beside it (backups, kept and moved-aside copies), sorted, the
/// answers file last. Temporary files (hidden) are not included.
pub fn profile_files(data_dir: &Path, profile: &str) -> Vec<PathBuf> {
    let main = format!("{profile}.toml");
    let prefix = format!("{main}.");
    let mut out: Vec<PathBuf> = fs::read_dir(data_dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n == main || n.starts_with(&prefix))
        })
        .map(|e| e.path())
        .collect();
    out.sort_by_key(|p| (p.file_name().is_some_and(|n| n == main.as_str()), p.clone()));
    out
}

/// Writes an imported partner profile, `partners/<name>.json`, atomically (0600), creating the
/// data directory and `partners/` (0700) when missing; returns its path. Importing again
/// replaces the file. Refused while a trustbook holds the lock of `name` (its
/// `<name>.lock`, taken here for the write), and when the partner file is a link. Callers
/// check the export and the name first (see [`crate::export::check_target`]).
///
/// Also returns what was found of the data folder ([`DirState::Tightened`] when it was
/// open to others and has been made private), for the caller to say.
pub fn write_partner(data_dir: &Path, name: &str, text: &str) -> Result<(PathBuf, DirState), StoreError> {
    write_partner_as(data_dir, name, text, &Protection::Plain)
}

/// [`write_partner`] for a protected profile's sync: encrypted to its key when
/// `protection` is locked, so a protected profile holds nothing plain of its partner.
pub fn write_partner_as(
    data_dir: &Path,
    name: &str,
    text: &str,
    protection: &Protection,
) -> Result<(PathBuf, DirState), StoreError> {
    validate_profile(name)?;
    let path = partner_path(data_dir, name);
    let dir_state = prepare_dir(data_dir)?;
    let dir = data_dir.join(PARTNERS_DIR);
    prepare_dir(&dir)?;
    let _lock = match take_lock(&data_dir.join(format!("{name}.lock")), name)? {
        Lock::Held(file, _) => file,
        Lock::Unavailable(problem) => {
            let kind = match problem {
                SaveProblem::DiskFull => io::ErrorKind::StorageFull,
                SaveProblem::ReadOnly | SaveProblem::Other(_) => io::ErrorKind::ReadOnlyFilesystem,
                SaveProblem::TooLarge(_) => io::ErrorKind::FileTooLarge,
            };
            return Err(StoreError::io(data_dir, "write into the folder", kind.into()));
        }
    };
    if is_link(&path) {
        return Err(StoreError::Link { path });
    }
    if protection.is_locked() {
        write_profile_file(&path, text.as_bytes(), protection, How::Replace)
            .map_err(|e| StoreError::io(&path, "write", e))?;
        return Ok((path, dir_state));
    }
    write_atomic(&path, text).map_err(|e| match e {
        SaveError::NoSpace { path } => StoreError::io(path, "write", io::ErrorKind::StorageFull.into()),
        SaveError::ReadOnly { path, source } | SaveError::Io { path, source } => {
            StoreError::io(path, "write", source)
        }
        SaveError::TooLarge { path, reason } => {
            StoreError::io(path, "write", io::Error::new(io::ErrorKind::FileTooLarge, reason))
        }
    })?;
    Ok((path, dir_state))
}

/// [`fsio::ensure_dir`], with its refusals as store errors.
pub(crate) fn prepare_dir(dir: &Path) -> Result<DirState, StoreError> {
    fsio::ensure_dir(dir).map_err(|e| match e {
        fsio::DirError::NotOurs(owner) => StoreError::FolderNotOurs {
            path: dir.to_path_buf(),
            owner,
        },
        fsio::DirError::NotAFolder => StoreError::NotAFolder {
            path: dir.to_path_buf(),
        },
        fsio::DirError::Io(e) => StoreError::io(dir, "create the folder", e),
    })
}

/// An open profile: holds its lock for its whole lifetime, so no other trustbook process can
/// write the same answers. Dropping it releases the lock.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    profile: String,
    workbook: String,
    path: PathBuf,
    backup: PathBuf,
    /// The held lock; `None` when the profile could only be opened to read.
    lock: Option<File>,
    /// Why saving is known to fail from the start (no lock file could be made or written).
    unsaved: Option<SaveProblem>,
    /// What was found of the data folder when it was opened.
    dir_state: DirState,
    /// The backup must be kept under a dated name before it is next replaced: it may be the
    /// last readable copy of answers the person had (their answers file is gone).
    protect_backup: bool,
    /// Plain, or the profile's unlocked key: every file written is encrypted to it.
    protection: Protection,
    /// The file holds a text over the limits (an older release wrote it): it was read with
    /// that text cut, so it is never written while open, and nothing of it is lost.
    read_only_cut: bool,
}

impl Store {
    /// Opens `opts.profile` for the workbook `workbook_id`: creates the data directory
    /// (0700), takes the lock, and reads the answers file (none yet = empty [`Saved`]).
    ///
    /// A file that cannot be used (see [`StoreError::is_bad_file`]) is left untouched and
    /// returned as an error; so is a lock held by another process.
    pub fn open(opts: &StoreOptions, workbook_id: &str) -> Result<(Store, Saved), StoreError> {
        Store::open_as(opts, workbook_id, Protection::Plain)
    }

    /// [`Store::open`] of a profile that may be protected: `protection` holds its unlocked
    /// key (see [`crate::vault`]), or is plain for a profile without a passphrase (a
    /// protected one is then refused with [`StoreError::Protected`]).
    ///
    /// Once a protected profile's answers have been read, any of its files still plain
    /// (left by an interrupted `protect`) is encrypted in place.
    pub fn open_as(
        opts: &StoreOptions,
        workbook_id: &str,
        protection: Protection,
    ) -> Result<(Store, Saved), StoreError> {
        let mut store = Store::lock_as(opts, workbook_id, protection)?;
        let saved = store.read()?;
        store.note_cut(&saved);
        store.keep_older_schema(&saved)?;
        store.seal_leftovers()?;
        Ok((store, saved))
    }

    /// Like [`Store::open`], but an answers file that cannot be used is first moved aside to
    /// `<name>.bad-<timestamp>` (under the lock), and the profile starts empty. Returns where
    /// the file went, if it was moved. A good file is opened as usual, never moved.
    pub fn open_fresh(
        opts: &StoreOptions,
        workbook_id: &str,
    ) -> Result<(Store, Saved, Option<MovedAside>), StoreError> {
        Store::open_fresh_as(opts, workbook_id, Protection::Plain)
    }

    /// [`Store::open_fresh`] with a protection, as [`Store::open_as`].
    pub fn open_fresh_as(
        opts: &StoreOptions,
        workbook_id: &str,
        protection: Protection,
    ) -> Result<(Store, Saved, Option<MovedAside>), StoreError> {
        let mut store = Store::lock_as(opts, workbook_id, protection)?;
        match store.read() {
            Ok(saved) => {
                store.note_cut(&saved);
                store.keep_older_schema(&saved)?;
                store.seal_leftovers()?;
                Ok((store, saved, None))
            }
            Err(e) if e.is_bad_file() => {
                let moved =
                    move_aside(&store.path).map_err(|io| StoreError::io(&store.path, "move aside", io))?;
                // The next two saves replace `.bak`: keep it now, under a dated name.
                let backup_kept = store.keep_backup_copy()?;
                store.protect_backup = false;
                let moved = MovedAside {
                    to: moved,
                    why: e,
                    backup_kept,
                };
                Ok((store, Saved::default(), Some(moved)))
            }
            Err(e) => Err(e),
        }
    }

    /// Starts a new profile `opts.profile` for the workbook `workbook_id`: like
    /// [`Store::open`] with no answers file yet, but refused when the name is already an own
    /// profile or an imported partner's (checked again once the lock is held, so two
    /// trustbooks cannot both start the same one). Nothing is created under a refused name.
    pub fn claim(opts: &StoreOptions, workbook_id: &str) -> Result<Store, NameRefused> {
        validate_profile(&opts.profile).map_err(|_| NameRefused::Invalid)?;
        let dir =
            resolve_data_dir(opts.data_dir.as_deref()).map_err(|e| NameRefused::Failed(e.to_string()))?;
        match profile_kind(&dir, &opts.profile) {
            Some(ProfileKind::Own) => return Err(NameRefused::Own),
            Some(ProfileKind::Partner) => return Err(NameRefused::Partner),
            None => {}
        }
        discard_unfinished_key(&dir, &opts.profile);
        let store = Store::lock(opts, workbook_id).map_err(|e| match e {
            StoreError::PartnerProfile { .. } => NameRefused::Partner,
            e => NameRefused::Failed(e.to_string()),
        })?;
        if store.path.symlink_metadata().is_ok() {
            return Err(NameRefused::Own);
        }
        Ok(store)
    }

    /// Links (or copies) the backup to `<profile>.toml.bak-<time>`, never replacing anything;
    /// `None` when there is no backup.
    fn keep_backup_copy(&self) -> Result<Option<PathBuf>, StoreError> {
        match self.backup.symlink_metadata() {
            Ok(m) if m.file_type().is_file() => {}
            Ok(_) => {
                return Err(StoreError::Link {
                    path: self.backup.clone(),
                });
            }
            Err(_) => return Ok(None),
        }
        fsio::keep_dated(&self.backup)
            .map(Some)
            .map_err(|e| StoreError::io(&self.backup, "keep a copy of", e))
    }

    fn lock(opts: &StoreOptions, workbook_id: &str) -> Result<Store, StoreError> {
        Store::lock_as(opts, workbook_id, Protection::Plain)
    }

    fn lock_as(opts: &StoreOptions, workbook_id: &str, protection: Protection) -> Result<Store, StoreError> {
        validate_profile(&opts.profile)?;
        let dir = resolve_data_dir(opts.data_dir.as_deref())?;
        let dir_state = prepare_dir(&dir)?;
        let profile = opts.profile.clone();
        let path = dir.join(format!("{profile}.toml"));
        if profile_kind(&dir, &profile) == Some(ProfileKind::Partner) {
            return Err(StoreError::PartnerProfile { name: profile });
        }
        // A protected profile is never opened (nor written) plain.
        if !protection.is_locked() && is_protected(&dir, &profile) {
            return Err(StoreError::Protected {
                path: key_path(&dir, &profile),
            });
        }
        let backup = fsio::with_suffix(&path, ".bak");
        for own in [&path, &backup] {
            if is_link(own) {
                return Err(StoreError::Link { path: own.clone() });
            }
        }
        let (lock, unsaved) = match take_lock(&dir.join(format!("{profile}.lock")), &profile)? {
            Lock::Held(file, problem) => (Some(file), problem),
            Lock::Unavailable(problem) => (None, Some(problem)),
        };
        let protect_backup = !path.exists() && backup.is_file();
        let store = Store {
            backup,
            dir,
            profile,
            workbook: workbook_id.to_string(),
            path,
            lock,
            unsaved,
            dir_state,
            protect_backup,
            protection,
            read_only_cut: false,
        };
        if store.lock.is_some() {
            store.remove_stale_temp_files();
        }
        Ok(store)
    }

    /// A file read with texts cut at the limit is open read-only: never written, so the
    /// long texts are kept in it whole.
    fn note_cut(&mut self, saved: &Saved) {
        if saved.cut.is_empty() {
            return;
        }
        self.read_only_cut = true;
        self.unsaved = Some(SaveProblem::TooLarge(cut_reason(&saved.cut)));
    }

    /// Why saving is known to fail from the start: the lock file could not be made or
    /// written (a full disk, a read-only folder), so the profile is open to read only.
    pub fn save_problem(&self) -> Option<&SaveProblem> {
        self.unsaved.as_ref()
    }

    /// What was found of the data folder: [`DirState::Tightened`] when it was open to others.
    pub fn dir_state(&self) -> DirState {
        self.dir_state
    }

    /// Keeps a file of an older schema as it is, `<profile>.toml.v<N>`, before the next
    /// save writes it in the new one; an existing copy (from an earlier opening) is left
    /// alone, and nothing is written while another trustbook holds the profile.
    fn keep_older_schema(&self, saved: &Saved) -> Result<(), StoreError> {
        let Some(v) = saved.older_schema else {
            return Ok(());
        };
        if self.read_only_cut {
            return Ok(());
        }
        let copy = fsio::with_suffix(&self.path, &format!(".v{v}"));
        if self.lock.is_none() || copy.symlink_metadata().is_ok() {
            return Ok(());
        }
        let bytes = read_profile_file(&self.path, &self.protection)?;
        write_profile_file(&copy, &bytes, &self.protection, How::New)
            .map_err(|e| StoreError::io(&copy, "keep the original of", e))
    }

    /// Reads and checks the answers file.
    fn read(&self) -> Result<Saved, StoreError> {
        read_answers_as(&self.path, &self.profile, &self.workbook, &self.protection)
            .map(Option::unwrap_or_default)
    }

    /// The protection files are written with.
    pub fn protection(&self) -> &Protection {
        &self.protection
    }

    /// Encrypts, in place, every file of a protected profile that is still plain (an
    /// interrupted `protect` may leave some); nothing for a plain profile, or one opened
    /// read-only. Each file is replaced atomically, so a kill leaves it plain or encrypted,
    /// never torn.
    fn seal_leftovers(&self) -> Result<(), StoreError> {
        if !self.protection.is_locked() || self.lock.is_none() || self.read_only_cut {
            return Ok(());
        }
        self.each_file(|file, bytes| {
            if vault::is_age(&bytes) {
                return Ok(());
            }
            write_profile_file(file, &bytes, &self.protection, How::Replace)
                .map_err(|e| StoreError::io(file, "encrypt", e))
        })
    }

    /// Calls `f` on each file of the profile ([`profile_files`], links left alone) with its
    /// bytes as they are on disk.
    fn each_file(
        &self,
        mut f: impl FnMut(&Path, Vec<u8>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        for file in profile_files(&self.dir, &self.profile) {
            if is_link(&file) {
                continue;
            }
            let bytes =
                fsio::read_regular(&file, false, MAX_FILE_BYTES).map_err(|e| StoreError::read(&file, e))?;
            f(&file, bytes)?;
        }
        Ok(())
    }

    /// Protects this (plain) profile with `identity`, whose key file bytes (locked by the
    /// passphrase, see [`vault::lock_identity`]) are `key_file`.
    ///
    /// Steps, each leaving a profile that opens: the key file is written (atomically); each
    /// kept copy, then the answers file, is replaced by its encrypted version (atomically).
    /// Until the last step a file may still be plain, and is then read as it is (and
    /// encrypted at the next opening); after it, no file of the profile is plain.
    pub fn protect(&mut self, identity: vault::Identity, key_file: &[u8]) -> Result<(), StoreError> {
        self.replace_key_file(key_file)?;
        self.protection = Protection::locked(identity);
        self.seal_leftovers()
    }

    /// Replaces the key file (a new passphrase for the same key): one atomic replace, so a
    /// kill leaves the old passphrase or the new one working.
    pub fn replace_key_file(&self, key_file: &[u8]) -> Result<(), StoreError> {
        let key = key_path(&self.dir, &self.profile);
        if is_link(&key) {
            return Err(StoreError::Link { path: key });
        }
        fsio::write_atomic_bytes(&key, key_file).map_err(|e| StoreError::io(&key, "write", e.into_io()))
    }

    /// Makes this protected profile plain again: each file is replaced by its decrypted
    /// version (atomically), the answers file last, then the key file is removed. A kill
    /// on the way leaves the key file and a mix of plain and encrypted files, which the
    /// passphrase opens (and the next opening encrypts again: run `protect --remove` again).
    pub fn unprotect(&mut self) -> Result<(), StoreError> {
        if !self.protection.is_locked() {
            return Ok(());
        }
        self.each_file(|file, bytes| {
            if !vault::is_age(&bytes) {
                return Ok(());
            }
            let plain = self.protection.open(&bytes).map_err(|why| StoreError::Sealed {
                path: file.to_path_buf(),
                why,
            })?;
            write_profile_file(file, &plain, &Protection::Plain, How::Replace)
                .map_err(|e| StoreError::io(file, "decrypt", e))
        })?;
        let key = key_path(&self.dir, &self.profile);
        fs::remove_file(&key).map_err(|e| StoreError::io(&key, "remove", e))?;
        fsio::sync_dir(&key);
        self.protection = Protection::Plain;
        Ok(())
    }

    /// Saves answers and the place to resume at: the current file becomes the backup, then
    /// the new text replaces it atomically. On error the file on disk is the previous one.
    pub fn save(&mut self, answers: &Answers, place: Option<&Place>) -> Result<(), SaveError> {
        let text = encode(answers, place, &self.workbook);
        self.save_text(&text)
    }

    /// [`Store::save`] for text made by [`encode`], e.g. on a writer thread that owns the store.
    ///
    /// Opened read-only, it first tries to take the lock again (the disk may have room now).
    pub fn save_text(&mut self, text: &str) -> Result<(), SaveError> {
        if let Some(SaveProblem::TooLarge(reason)) = self.unsaved.as_ref().filter(|_| self.read_only_cut) {
            return Err(SaveError::TooLarge {
                path: self.path.clone(),
                reason: reason.clone(),
            });
        }
        // The last check: never write a file that would be refused when read.
        if let Err(reason) = format::check_limits(text) {
            return Err(SaveError::TooLarge {
                path: self.path.clone(),
                reason,
            });
        }
        if self.lock.is_none() {
            let path = self.dir.join(format!("{}.lock", self.profile));
            match take_lock(&path, &self.profile) {
                Ok(Lock::Held(file, _)) => {
                    self.lock = Some(file);
                    self.unsaved = None;
                }
                Ok(Lock::Unavailable(_)) => {
                    let e = io::Error::new(io::ErrorKind::ReadOnlyFilesystem, "read-only");
                    return Err(SaveError::from_io(path, e));
                }
                Err(e) => return Err(SaveError::from_io(path, io::Error::other(e.to_string()))),
            }
        }
        for own in [&self.path, &self.backup] {
            if is_link(own) {
                let e = io::Error::new(io::ErrorKind::InvalidInput, "it is a symbolic link");
                return Err(SaveError::from_io(own.as_path(), e));
            }
        }
        if self.protect_backup && self.path.exists() {
            fsio::keep_dated(&self.backup).map_err(|e| SaveError::from_io(&self.backup, e))?;
            self.protect_backup = false;
        }
        fsio::keep_backup(&self.path, &self.backup)?;
        write_profile_file(&self.path, text.as_bytes(), &self.protection, How::Replace)
            .map_err(|e| SaveError::from_io(&self.path, e))
    }

    /// [`write_fallback_in`] for this profile (encrypted when it is protected).
    pub fn write_fallback_in(&self, dirs: &[PathBuf], text: &str) -> Result<PathBuf, SaveError> {
        write_fallback_in(dirs, &self.profile, text, &self.protection)
    }

    /// Copies the answers file as it is now to `<profile>.toml.reset-<timestamp>` (0600) and
    /// returns that path; `None` when there is no file yet.
    pub fn keep_copy(&self, label: &str) -> Result<Option<PathBuf>, SaveError> {
        let bytes = match read_profile_file(&self.path, &self.protection) {
            Ok(b) => b,
            Err(StoreError::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
                return Ok(None);
            }
            Err(StoreError::Io { source, .. }) => return Err(SaveError::from_io(&self.path, source)),
            Err(e) => {
                let e = io::Error::new(io::ErrorKind::InvalidData, e.problem());
                return Err(SaveError::from_io(&self.path, e));
            }
        };
        let base = fsio::with_suffix(&self.path, &format!(".{label}-{}", timestamp()));
        fsio::first_free(&base, |p| {
            write_profile_file(p, &bytes, &self.protection, How::New)
        })
        .map(|(p, ())| Some(p))
        .map_err(|e| SaveError::from_io(base, e))
    }

    /// The answers file of this profile.
    pub fn answers_path(&self) -> &Path {
        &self.path
    }

    /// The backup of the previous version.
    pub fn backup_path(&self) -> &Path {
        &self.backup
    }

    /// The data directory.
    pub fn data_dir(&self) -> &Path {
        &self.dir
    }

    /// The profile name.
    pub fn profile(&self) -> &str {
        &self.profile
    }

    /// Removes temporary files a killed trustbook left for this profile (they hold partial
    /// copies of private answers). Safe: this process holds the profile's lock.
    fn remove_stale_temp_files(&self) {
        fsio::remove_temp_files(&self.path);
        fsio::remove_temp_files(&key_path(&self.dir, &self.profile));
        fsio::remove_temp_files(&self.backup);
        let _ = fs::remove_file(fsio::staging_name(&self.backup));
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        // Clear the pid; the lock itself goes with the file handle. The lock file stays:
        // deleting it would let two processes lock different files of the same name.
        if let Some(lock) = &self.lock {
            let _ = lock.set_len(0);
        }
    }
}

/// Removes the key file of a first run's protect that was stopped (a kill, a power cut)
/// after the key file and before the answers file: no file of the profile is encrypted to
/// that key and its recovery key was never shown, so the name starts afresh and is offered
/// protection again. Done under the profile's lock, so never while a protect still runs;
/// a key beside any file of the profile is always kept.
fn discard_unfinished_key(dir: &Path, profile: &str) {
    let key = key_path(dir, profile);
    let lone_key = || {
        key.symlink_metadata().is_ok_and(|m| m.file_type().is_file())
            && profile_files(dir, profile).is_empty()
    };
    if !lone_key() {
        return;
    }
    let Ok(Lock::Held(_lock, None)) = take_lock(&dir.join(format!("{profile}.lock")), profile) else {
        return;
    };
    if lone_key() && fs::remove_file(&key).is_ok() {
        fsio::sync_dir(&key);
    }
}

/// Tries at taking the lock, 20 ms apart, before the profile counts as open elsewhere.
const LOCK_RETRIES: u32 = 10;

/// What [`take_lock`] got.
enum Lock {
    /// The lock, held, with this process's pid written in it; or with why it could not be
    /// written (a full disk, a read-only folder), so saving is known to fail for now.
    Held(File, Option<SaveProblem>),
    /// No lock file could be made or written (a full disk, a read-only folder) and no other
    /// process holds one: the profile can be read but not saved.
    Unavailable(SaveProblem),
}

/// True for errors that mean "this folder cannot be written now", not "something is wrong".
fn cannot_write(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ReadOnlyFilesystem
            | io::ErrorKind::PermissionDenied
            | io::ErrorKind::StorageFull
            | io::ErrorKind::QuotaExceeded
    )
}

/// Opens the lock file without following a link and without truncating it.
fn open_lock_file(path: &Path, write: bool) -> Result<File, StoreError> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    if write {
        options.write(true).create(true).truncate(false);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options
            .mode(FILE_MODE)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| {
        if fsio::is_link_error(&e) {
            StoreError::Link {
                path: path.to_path_buf(),
            }
        } else {
            StoreError::io(path, "open the lock file", e)
        }
    })?;
    let meta = file
        .metadata()
        .map_err(|e| StoreError::io(path, "open the lock file", e))?;
    if let Some(what) = fsio::not_regular(&meta) {
        return Err(StoreError::NotAFile {
            path: path.to_path_buf(),
            what,
        });
    }
    Ok(file)
}

/// Opens (creating, 0600) and locks the lock file, writing this process's pid into it. A
/// link at the lock's path is refused, never followed; an existing lock file is not
/// truncated before it is locked. When the folder cannot be written, the existing lock file
/// (if any) is locked read-only so a running trustbook is still noticed.
fn take_lock(path: &Path, profile: &str) -> Result<Lock, StoreError> {
    let (mut file, writable) = match open_lock_file(path, true) {
        Ok(file) => (file, true),
        Err(StoreError::Io { source, .. }) if cannot_write(&source) => {
            let problem = SaveError::from_io(path, source).problem();
            match open_lock_file(path, false) {
                Ok(file) => (file, false),
                Err(StoreError::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
                    return Ok(Lock::Unavailable(problem));
                }
                Err(e) => return Err(e),
            }
        }
        Err(e) => return Err(e),
    };
    // A lock can be held for an instant by a process that is just exiting, or by a
    // child another thread of ours is forking (it holds our descriptors until it
    // execs); a short retry keeps that from looking like a second trustbook.
    let mut attempt = 0;
    let locked = loop {
        match file.try_lock() {
            Err(fs::TryLockError::WouldBlock) if attempt < LOCK_RETRIES => {
                attempt += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => break other,
        }
    };
    match locked {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            let mut text = String::new();
            let _ = (&file).take(64).read_to_string(&mut text);
            return Err(StoreError::Locked {
                profile: profile.to_string(),
                pid: text.trim().parse().ok(),
            });
        }
        Err(fs::TryLockError::Error(e)) => return Err(StoreError::io(path, "lock", e)),
    }
    if !writable {
        let e = io::Error::new(io::ErrorKind::ReadOnlyFilesystem, "read-only");
        return Ok(Lock::Held(file, Some(SaveError::from_io(path, e).problem())));
    }
    // The file was opened without following a link and checked to be a regular file, so
    // these change the lock file itself, nothing it could point to.
    let write_pid = |file: &mut File| -> io::Result<()> {
        fsio::set_private(file)?;
        file.set_len(0)?;
        file.rewind()?;
        writeln!(file, "{}", std::process::id())
    };
    match write_pid(&mut file) {
        Ok(()) => Ok(Lock::Held(file, None)),
        // Held, but the disk is full: reading works, saving will say why it fails.
        Err(e) if cannot_write(&e) => {
            let problem = SaveError::from_io(path, e).problem();
            Ok(Lock::Held(file, Some(problem)))
        }
        Err(e) => Err(StoreError::io(path, "write the lock file", e)),
    }
}

/// Renames own profile `old` to `new` in `data_dir`: its answers file and every copy
/// kept beside it (`.bak`, `.bak-<time>`, `.reset-<time>`, `.bad-<time>`), each by an
/// atomic rename in the same folder, the answers file last. Refuses, touching nothing,
/// when `old` is not an own profile, `new` is already a profile (own or partner) or a
/// file of its name is in the way, either is open in a trustbook (locked), or a file to
/// move is a symbolic link. Returns the new paths, or the reason in words.
pub fn rename_profile(data_dir: &Path, old: &str, new: &str) -> Result<Vec<PathBuf>, String> {
    validate_profile(old).map_err(|e| e.to_string())?;
    validate_profile(new).map_err(|e| e.to_string())?;
    let quoted = |s: &str| crate::safe::line(s).to_string();
    if old == new {
        return Err(format!("\"{}\" is already its name.", quoted(old)));
    }
    match profile_kind(data_dir, old) {
        Some(ProfileKind::Own) => {}
        Some(ProfileKind::Partner) => {
            return Err(format!(
                "\"{}\" is a partner's profile; import their export again under the new name instead.",
                quoted(old)
            ));
        }
        None => return Err(format!("there is no profile called \"{}\".", quoted(old))),
    }
    if profile_kind(data_dir, new).is_some() {
        return Err(format!(
            "there is already a profile called \"{}\"; nothing was renamed.",
            quoted(new)
        ));
    }
    // Both locks held while moving: neither can be opened meanwhile.
    let hold = |name: &str| match take_lock(&data_dir.join(format!("{name}.lock")), name) {
        Ok(Lock::Held(file, _)) => Ok(file),
        Ok(Lock::Unavailable(_)) => Err(format!("cannot write into {}.", crate::safe::path(data_dir))),
        Err(e) => Err(e.to_string()),
    };
    let new_lock_path = data_dir.join(format!("{new}.lock"));
    let new_lock_was_there = new_lock_path.symlink_metadata().is_ok();
    let old_lock = hold(old)?;
    let new_lock = match hold(new) {
        Ok(lock) => lock,
        Err(e) => {
            if !new_lock_was_there {
                let _ = fs::remove_file(&new_lock_path);
            }
            return Err(e);
        }
    };
    let result = rename_held(data_dir, old, new);
    // The lock file of the name that holds no profile now goes, removed while still held:
    // the old name's after a rename, the new name's after a refusal (when it made it).
    if result.is_ok() {
        let _ = fs::remove_file(data_dir.join(format!("{old}.lock")));
    } else if !new_lock_was_there {
        let _ = fs::remove_file(&new_lock_path);
    }
    drop((old_lock, new_lock));
    result
}

/// [`rename_profile`]'s moves, with both names' locks held.
fn rename_held(data_dir: &Path, old: &str, new: &str) -> Result<Vec<PathBuf>, String> {
    let main = format!("{old}.toml");
    let entries =
        fs::read_dir(data_dir).map_err(|e| format!("cannot read {}: {e}", crate::safe::path(data_dir)))?;
    let mut moves: Vec<(PathBuf, PathBuf)> = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let rest = if name == main {
            ""
        } else if let Some(rest) = name.strip_prefix(&format!("{main}.")) {
            rest
        } else {
            continue;
        };
        let from = entry.path();
        if is_link(&from) {
            return Err(format!(
                "{} is a symbolic link; nothing was renamed.",
                crate::safe::path(&from)
            ));
        }
        let to = if rest.is_empty() {
            data_dir.join(format!("{new}.toml"))
        } else {
            data_dir.join(format!("{new}.toml.{rest}"))
        };
        if to.symlink_metadata().is_ok() {
            return Err(format!(
                "{} is in the way; nothing was renamed.",
                crate::safe::path(&to)
            ));
        }
        moves.push((from, to));
    }
    // A protected profile's key goes along: linked under the new name first, and the old
    // name removed only once the answers file has moved, so that at every moment the
    // answers file has its key beside it.
    let old_key = key_path(data_dir, old);
    let new_key = key_path(data_dir, new);
    let keyed = old_key.symlink_metadata().is_ok();
    if keyed {
        if is_link(&old_key) {
            return Err(format!(
                "{} is a symbolic link; nothing was renamed.",
                crate::safe::path(&old_key)
            ));
        }
        if new_key.symlink_metadata().is_ok() {
            return Err(format!(
                "{} is in the way; nothing was renamed.",
                crate::safe::path(&new_key)
            ));
        }
    }
    // The answers file last: until it moves, the profile is whole under its old name.
    moves.sort_by_key(|(from, _)| from.file_name().is_some_and(|n| n == main.as_str()));
    let mut done = Vec::with_capacity(moves.len());
    if keyed {
        if let Err(e) =
            fs::hard_link(&old_key, &new_key).or_else(|_| fs::copy(&old_key, &new_key).map(|_| ()))
        {
            return Err(format!(
                "cannot copy the key {} to {}: {e}. Nothing was renamed.",
                crate::safe::path(&old_key),
                crate::safe::path(&new_key)
            ));
        }
        fsio::sync_dir(&new_key);
    }
    for (from, to) in moves {
        if let Err(e) = fs::rename(&from, &to) {
            return Err(format!(
                "cannot rename {} to {}: {e}. Moved so far: {}.",
                crate::safe::path(&from),
                crate::safe::path(&to),
                done.len()
            ));
        }
        done.push(to);
    }
    if keyed {
        if let Err(e) = fs::remove_file(&old_key) {
            return Err(format!(
                "renamed, but the old key {} could not be removed: {e}; remove it by hand.",
                crate::safe::path(&old_key)
            ));
        }
        done.push(new_key);
    }
    Ok(done)
}

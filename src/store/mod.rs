//! Where answers live on disk: the data directory, one lock-protected TOML file per profile,
//! atomic saves with a backup of the previous version, and strict reading that never
//! overwrites a file it cannot understand.
//!
//! Layout of the data directory (see `docs/answers-format.md`):
//!
//! ```text
//! <profile>.toml            answers of an own profile (0600)
//! <profile>.toml.bak        the version before the last save
//! <profile>.lock            held while a trustbook has the profile open; holds its pid
//! <profile>.toml.bad-<ts>   an unreadable file moved aside by --start-fresh
//! <profile>.toml.reset-<ts> the answers as they were before `trustbook reset`
//! partners/<name>.json      imported partner profiles (written by import)
//! ```

mod error;
mod format;
mod fsio;
mod profiles;

use std::fs::{self, File};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

pub use error::{SaveError, SaveProblem, StoreError};
pub use format::{decode, encode};
pub use fsio::{DIR_MODE, FILE_MODE, move_aside, timestamp, write_atomic, write_fallback, write_fallback_in};
pub use profiles::{
    MAX_PROFILE_LEN, PARTNERS_DIR, ProfileInfo, ProfileKind, list_profiles, partner_path, profile_kind,
    validate_profile,
};

use crate::answers::Answers;
use crate::answers::Place;

/// The `schema_version` this build writes, and the newest it reads.
pub const SCHEMA_VERSION: i64 = 1;
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
}

/// An answers file that `--start-fresh` moved aside.
#[derive(Debug)]
pub struct MovedAside {
    /// Where the file is now.
    pub to: PathBuf,
    /// Why it could not be used.
    pub why: StoreError,
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

/// Reads and checks the answers file at `path` of `profile` for the workbook `workbook_id`,
/// without locking or writing anything; `None` when there is no file yet.
pub fn read_answers(path: &Path, profile: &str, workbook_id: &str) -> Result<Option<Saved>, StoreError> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::io(path, "read", e)),
    };
    let text = String::from_utf8(bytes).map_err(|e| StoreError::BadFile {
        path: path.to_path_buf(),
        reason: format!("it is not UTF-8 text (byte {})", e.utf8_error().valid_up_to()),
    })?;
    let saved = decode(&text, path)?;
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

/// Writes an imported partner profile, `partners/<name>.json`, atomically (0600), creating the
/// data directory and `partners/` (0700) when missing; returns its path. Importing again
/// replaces the file. Callers check the export and the name first (see
/// [`crate::export::check_target`]): this writes whatever it is given.
pub fn write_partner(data_dir: &Path, name: &str, text: &str) -> Result<PathBuf, SaveError> {
    let path = partner_path(data_dir, name);
    if validate_profile(name).is_err() {
        let e = io::Error::new(io::ErrorKind::InvalidInput, "not a profile name");
        return Err(SaveError::from_io(path, e));
    }
    let dir = data_dir.join(PARTNERS_DIR);
    for d in [data_dir, dir.as_path()] {
        fsio::ensure_dir(d).map_err(|e| SaveError::from_io(d, e))?;
    }
    write_atomic(&path, text)?;
    Ok(path)
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
    lock: File,
}

impl Store {
    /// Opens `opts.profile` for the workbook `workbook_id`: creates the data directory
    /// (0700), takes the lock, and reads the answers file (none yet = empty [`Saved`]).
    ///
    /// A file that cannot be used (see [`StoreError::is_bad_file`]) is left untouched and
    /// returned as an error; so is a lock held by another process.
    pub fn open(opts: &StoreOptions, workbook_id: &str) -> Result<(Store, Saved), StoreError> {
        let store = Store::lock(opts, workbook_id)?;
        let saved = store.read()?;
        Ok((store, saved))
    }

    /// Like [`Store::open`], but an answers file that cannot be used is first moved aside to
    /// `<name>.bad-<timestamp>` (under the lock), and the profile starts empty. Returns where
    /// the file went, if it was moved. A good file is opened as usual, never moved.
    pub fn open_fresh(
        opts: &StoreOptions,
        workbook_id: &str,
    ) -> Result<(Store, Saved, Option<MovedAside>), StoreError> {
        let store = Store::lock(opts, workbook_id)?;
        match store.read() {
            Ok(saved) => Ok((store, saved, None)),
            Err(e) if e.is_bad_file() => {
                let moved =
                    move_aside(&store.path).map_err(|io| StoreError::io(&store.path, "move aside", io))?;
                Ok((store, Saved::default(), Some(MovedAside { to: moved, why: e })))
            }
            Err(e) => Err(e),
        }
    }

    fn lock(opts: &StoreOptions, workbook_id: &str) -> Result<Store, StoreError> {
        validate_profile(&opts.profile)?;
        let dir = resolve_data_dir(opts.data_dir.as_deref())?;
        fsio::ensure_dir(&dir).map_err(|e| StoreError::io(&dir, "create the folder", e))?;
        let profile = opts.profile.clone();
        let path = dir.join(format!("{profile}.toml"));
        if profile_kind(&dir, &profile) == Some(ProfileKind::Partner) {
            return Err(StoreError::PartnerProfile { name: profile });
        }
        let lock = take_lock(&dir.join(format!("{profile}.lock")), &profile)?;
        let store = Store {
            backup: fsio::with_suffix(&path, ".bak"),
            dir,
            profile,
            workbook: workbook_id.to_string(),
            path,
            lock,
        };
        store.remove_stale_temp_files();
        Ok(store)
    }

    /// Reads and checks the answers file.
    fn read(&self) -> Result<Saved, StoreError> {
        read_answers(&self.path, &self.profile, &self.workbook).map(Option::unwrap_or_default)
    }

    /// Saves answers and the place to resume at: the current file becomes the backup, then
    /// the new text replaces it atomically. On error the file on disk is the previous one.
    pub fn save(&mut self, answers: &Answers, place: Option<&Place>) -> Result<(), SaveError> {
        let text = encode(answers, place, &self.workbook);
        self.save_text(&text)
    }

    /// [`Store::save`] for text made by [`encode`], e.g. on a writer thread that owns the store.
    pub fn save_text(&mut self, text: &str) -> Result<(), SaveError> {
        fsio::keep_backup(&self.path, &self.backup)?;
        write_atomic(&self.path, text)
    }

    /// Last resort when saving keeps failing: writes the answers to a new private file (0600)
    /// in the home directory, else the temporary directory, and returns its path. The file is
    /// a normal answers file: copy it over [`Store::answers_path`] to restore it.
    pub fn write_fallback(&self, answers: &Answers, place: Option<&Place>) -> Result<PathBuf, SaveError> {
        write_fallback(&self.profile, &encode(answers, place, &self.workbook))
    }

    /// [`write_fallback_in`] for this profile.
    pub fn write_fallback_in(&self, dirs: &[PathBuf], text: &str) -> Result<PathBuf, SaveError> {
        write_fallback_in(dirs, &self.profile, text)
    }

    /// Copies the answers file as it is now to `<profile>.toml.reset-<timestamp>` (0600) and
    /// returns that path; `None` when there is no file yet.
    pub fn keep_copy(&self, label: &str) -> Result<Option<PathBuf>, SaveError> {
        let bytes = match fs::read(&self.path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(SaveError::from_io(&self.path, e)),
        };
        let base = fsio::with_suffix(&self.path, &format!(".{label}-{}", timestamp()));
        fsio::first_free(&base, |p| fsio::write_new(p, &bytes))
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
        fsio::remove_temp_files(&self.backup);
        let _ = fs::remove_file(fsio::staging_name(&self.backup));
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        // Clear the pid; the lock itself goes with the file handle. The lock file stays:
        // deleting it would let two processes lock different files of the same name.
        let _ = self.lock.set_len(0);
    }
}

/// Tries at taking the lock, 20 ms apart, before the profile counts as open elsewhere.
const LOCK_RETRIES: u32 = 10;

/// Opens (creating, 0600) and locks the lock file, writing this process's pid into it.
fn take_lock(path: &Path, profile: &str) -> Result<File, StoreError> {
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, FILE_MODE);
    let mut file = options
        .open(path)
        .map_err(|e| StoreError::io(path, "open the lock file", e))?;
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
            let _ = file.read_to_string(&mut text);
            return Err(StoreError::Locked {
                profile: profile.to_string(),
                pid: text.trim().parse().ok(),
            });
        }
        Err(fs::TryLockError::Error(e)) => return Err(StoreError::io(path, "lock", e)),
    }
    let write_pid = |file: &mut File| -> io::Result<()> {
        fsio::set_private(file)?;
        file.set_len(0)?;
        file.rewind()?;
        writeln!(file, "{}", std::process::id())
    };
    write_pid(&mut file).map_err(|e| StoreError::io(path, "write the lock file", e))?;
    Ok(file)
}

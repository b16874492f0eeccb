//! File system steps: atomic writes, private permissions, backups, moving files aside.

use std::ffi::OsString;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use atomic_write_file::AtomicWriteFile;

use super::SaveError;
use crate::answers::now_utc;

/// Mode of answers, backup and lock files.
pub const FILE_MODE: u32 = 0o600;
/// Mode of the data directory.
pub const DIR_MODE: u32 = 0o700;

/// Replaces `path` with `text` so that a crash at any instant leaves either the old or the new
/// file: a temporary file in the same directory is written, fsynced and renamed over `path`,
/// then the directory is fsynced. The file gets mode 0600 whatever the umask.
///
/// Meant for files only this process writes (the answers file under the profile's lock): a
/// failed attempt removes every leftover temporary file of `path`.
pub fn write_atomic(path: &Path, text: &str) -> Result<(), SaveError> {
    write_atomic_bytes(path, text.as_bytes())
}

/// [`write_atomic`] for bytes.
pub(crate) fn write_atomic_bytes(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let err = |e| SaveError::from_io(path, e);
    let mut options = AtomicWriteFile::options();
    private_options(&mut options);
    let mut file = options.open(path).map_err(err)?;
    set_private(file.as_file()).map_err(err)?;
    file.write_all(bytes).map_err(err)?;
    // Sync before commit: if this fails (a full disk often shows here), dropping `file`
    // removes the temporary file. `commit` syncs again (cheap) and renames.
    file.sync_all().map_err(err)?;
    file.commit().map_err(|e| {
        // A failed commit leaves its temporary file behind; do not let copies pile up.
        remove_temp_files(path);
        err(e)
    })
}

/// Removes the temporary files atomic-write-file makes for `path` (`.<name>.XXXXXX`), e.g.
/// left by a killed process. Only call this while no one else is writing `path`.
pub(crate) fn remove_temp_files(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name().and_then(|n| n.to_str())) else {
        return;
    };
    let prefix = format!(".{name}.");
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        if rest.len() == 6
            && rest.bytes().all(|b| b.is_ascii_alphanumeric())
            && entry.file_type().is_ok_and(|t| t.is_file())
        {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(unix)]
fn private_options(options: &mut atomic_write_file::OpenOptions) {
    use atomic_write_file::unix::OpenOptionsExt as _;
    use std::os::unix::fs::OpenOptionsExt as _;
    options.preserve_mode(false).preserve_owner(false).mode(FILE_MODE);
}

#[cfg(not(unix))]
fn private_options(_: &mut atomic_write_file::OpenOptions) {}

/// Sets mode 0600 on an open file (umask-independent).
pub(crate) fn set_private(file: &File) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        file.set_permissions(fs::Permissions::from_mode(FILE_MODE))?;
    }
    #[cfg(not(unix))]
    let _ = file;
    Ok(())
}

/// Creates `dir` (and missing parents) with mode 0700. An existing directory is left as it is.
pub(crate) fn ensure_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt as _, PermissionsExt as _};
        builder.mode(DIR_MODE);
        builder.create(dir)?;
        // The umask may have narrowed the mode; set it exactly.
        fs::set_permissions(dir, fs::Permissions::from_mode(DIR_MODE))?;
    }
    #[cfg(not(unix))]
    builder.create(dir)?;
    Ok(())
}

/// Opens a new private file (0600) for writing, failing if `path` exists.
pub(crate) fn create_private(path: &Path) -> io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, FILE_MODE);
    let file = options.open(path)?;
    set_private(&file)?;
    Ok(file)
}

/// Writes `bytes` to a new private file and fsyncs it and its directory.
pub(crate) fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = create_private(path)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    sync_dir(path);
    Ok(())
}

/// Fsyncs the directory holding `path`, so a new name in it survives a crash (best effort).
fn sync_dir(path: &Path) {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(d) = File::open(dir)
    {
        let _ = d.sync_all();
    }
}

/// The current time as `YYYYMMDDTHHMMSSZ`, for file names.
pub fn timestamp() -> String {
    now_utc().replace(['-', ':'], "")
}

/// `base` with `suffix` appended to its file name.
pub(crate) fn with_suffix(base: &Path, suffix: &str) -> PathBuf {
    let mut name: OsString = base.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    base.with_file_name(name)
}

/// Calls `make` on `<base>`, then `<base>-2`, `<base>-3`, ... while it reports that the path
/// exists, and returns the path that worked.
pub(crate) fn first_free<T>(
    base: &Path,
    mut make: impl FnMut(&Path) -> io::Result<T>,
) -> io::Result<(PathBuf, T)> {
    let mut path = base.to_path_buf();
    for n in 2..1000 {
        match make(&path) {
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => path = with_suffix(base, &format!("-{n}")),
            other => return other.map(|t| (path, t)),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "too many files with this name",
    ))
}

/// Renames a file that cannot be used to `<name>.bad-<YYYYMMDDTHHMMSSZ>` beside it (never
/// overwriting anything) and returns the new path. Its contents are not touched.
pub fn move_aside(path: &Path) -> io::Result<PathBuf> {
    let base = with_suffix(path, &format!(".bad-{}", timestamp()));
    let (new, ()) = first_free(&base, |to| rename_no_clobber(path, to))?;
    sync_dir(path);
    Ok(new)
}

/// Renames `from` to `to`, failing with `AlreadyExists` instead of replacing `to`.
fn rename_no_clobber(from: &Path, to: &Path) -> io::Result<()> {
    match fs::hard_link(from, to) {
        Ok(()) => fs::remove_file(from),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        // No hard links on this file system: check, then rename.
        Err(_) if to.exists() => Err(io::ErrorKind::AlreadyExists.into()),
        Err(_) => fs::rename(from, to),
    }
}

/// Makes `backup` hold what `current` holds now, atomically, before `current` is replaced.
///
/// A hard link through a temporary name costs no copying, and the rename never leaves
/// `backup` torn. Where hard links are not supported the bytes are copied atomically.
pub(crate) fn keep_backup(current: &Path, backup: &Path) -> Result<(), SaveError> {
    if !current.exists() {
        return Ok(());
    }
    let tmp = staging_name(backup);
    match fs::remove_file(&tmp) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(SaveError::from_io(&tmp, e)),
    }
    match fs::hard_link(current, &tmp) {
        Ok(()) => {
            // Same inode as `current`, which is about to be replaced: make sure it is private.
            if let Ok(f) = File::open(&tmp) {
                let _ = set_private(&f);
            }
            fs::rename(&tmp, backup).map_err(|e| {
                let _ = fs::remove_file(&tmp);
                SaveError::from_io(backup, e)
            })
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(_) => {
            let bytes = fs::read(current).map_err(|e| SaveError::from_io(current, e))?;
            write_atomic_bytes(backup, &bytes)
        }
    }
}

/// The hidden name a backup is linked under before it is renamed into place.
pub(crate) fn staging_name(backup: &Path) -> PathBuf {
    let name = backup.file_name().unwrap_or_default().to_string_lossy();
    backup.with_file_name(format!(".{name}.new"))
}

/// [`super::Store::write_fallback`] for text made by [`super::encode`], without the store (which may live
/// on a writer thread): home directory first, then the temporary directory.
pub fn write_fallback(profile: &str, text: &str) -> Result<PathBuf, SaveError> {
    let home = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf());
    let dirs: Vec<PathBuf> = home.into_iter().chain([std::env::temp_dir()]).collect();
    write_fallback_in(&dirs, profile, text)
}

/// Writes `text` to a new private file `trustbook-<profile>-unsaved-<timestamp>.toml` in the
/// first of `dirs` where that works, never replacing a file; returns its path.
pub fn write_fallback_in(dirs: &[PathBuf], profile: &str, text: &str) -> Result<PathBuf, SaveError> {
    let name = format!("trustbook-{profile}-unsaved-{}.toml", timestamp());
    let mut last = SaveError::from_io(&name, io::ErrorKind::NotFound.into());
    for dir in dirs {
        match first_free(&dir.join(&name), |p| write_new(p, text.as_bytes())) {
            Ok((path, ())) => return Ok(path),
            Err(e) => last = SaveError::from_io(dir.join(&name), e),
        }
    }
    Err(last)
}

//! File system steps: atomic writes, private permissions, backups, moving files aside.

use std::ffi::OsString;
use std::fs::{self, File};
use std::io::{self, Read as _, Write};
use std::path::{Path, PathBuf};

use atomic_write_file::AtomicWriteFile;

use super::SaveError;
use crate::answers::now_utc;
use crate::vault::Protection;

/// Mode of answers, backup and lock files.
pub const FILE_MODE: u32 = 0o600;
/// Mode of the data directory.
pub const DIR_MODE: u32 = 0o700;
/// Largest answers file or partner export read: real ones are a few KiB to a few MiB.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Why a file was not read: it is not one trustbook reads, or reading it failed.
#[derive(Debug)]
pub enum ReadError {
    /// The path is a symbolic link, and links are not followed there.
    Link,
    /// The path is not a regular file: a named pipe, a device, a socket or a folder.
    NotRegular(&'static str),
    /// The file is larger than the limit (in bytes).
    TooLarge(u64),
    /// The system's error (`NotFound` when there is no file).
    Io(io::Error),
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        ReadError::Io(e)
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Link => write!(f, "it is a symbolic link"),
            ReadError::NotRegular(what) => write!(f, "it is {what}, not a regular file"),
            ReadError::TooLarge(limit) => write!(f, "it is larger than {} MiB", limit / (1024 * 1024)),
            ReadError::Io(e) => write!(f, "{e}"),
        }
    }
}

/// True when `e` says a path was a symbolic link opened with `O_NOFOLLOW`.
pub(crate) fn is_link_error(e: &io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

/// What a file that is not a regular file is, in words ("a named pipe (FIFO)", ...);
/// "a regular file" for one.
pub fn not_regular_words(meta: &fs::Metadata) -> &'static str {
    not_regular(meta).unwrap_or("a regular file")
}

/// What a file that is not a regular file is, in words ("a named pipe (FIFO)", ...).
pub(crate) fn not_regular(meta: &fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    if t.is_symlink() {
        return Some("a symbolic link");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if t.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// Options that never follow a link at the last step of a path (`O_NOFOLLOW`) when
/// `follow_links` is false, and never block on a named pipe (`O_NONBLOCK`), so a pipe or
/// device can be refused after `fstat` instead of hanging.
fn reading_options(follow_links: bool) -> fs::OpenOptions {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        let mut flags = libc::O_NONBLOCK;
        if !follow_links {
            flags |= libc::O_NOFOLLOW;
        }
        std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, flags);
    }
    #[cfg(not(unix))]
    let _ = follow_links;
    options
}

/// Reads the regular file at `path`, at most `limit` bytes: a link (unless `follow_links`),
/// a named pipe, a device or a folder is refused at once, before anything is read.
pub fn read_regular(path: &Path, follow_links: bool, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = match reading_options(follow_links).open(path) {
        Ok(f) => f,
        Err(e) if is_link_error(&e) => return Err(ReadError::Link),
        Err(e) => return Err(ReadError::Io(e)),
    };
    let meta = file.metadata()?;
    if let Some(what) = not_regular(&meta) {
        return Err(ReadError::NotRegular(what));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge(limit));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    io::Read::take(&file, limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(limit));
    }
    Ok(bytes)
}

/// True when `path` itself (not what it points to) is a symbolic link.
pub fn is_link(path: &Path) -> bool {
    path.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink())
}

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

/// With mode and owner not preserved, atomic-write-file never looks at the file it
/// replaces: it writes an unnamed (`O_TMPFILE`) or new (`O_EXCL`) file in the folder and
/// renames it over the name, which replaces a link there instead of writing through it.
/// [`set_private`] then changes the new file's mode through its own descriptor.
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

/// What [`ensure_dir`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirState {
    /// Created now, mode 0700.
    Created,
    /// It existed and only its owner could use it.
    Private,
    /// It existed, open to others with this mode, and was narrowed to 0700.
    Tightened(u32),
}

/// Why the data directory is not used.
#[derive(Debug)]
pub enum DirError {
    /// It belongs to another user (this uid).
    NotOurs(u32),
    /// It exists but is not a folder.
    NotAFolder,
    /// The system's error.
    Io(io::Error),
}

/// Creates `dir` (and missing parents) with mode 0700. An existing folder of ours that others
/// may read or write is narrowed to 0700 (reported as [`DirState::Tightened`]); one that
/// belongs to another user is refused: they could read, replace or link its files.
pub(crate) fn ensure_dir(dir: &Path) -> Result<DirState, DirError> {
    match fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => return check_dir(dir, &meta),
        Ok(_) => return Err(DirError::NotAFolder),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(DirError::Io(e)),
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt as _, PermissionsExt as _};
        builder.mode(DIR_MODE);
        builder.create(dir).map_err(DirError::Io)?;
        // The umask may have narrowed the mode; set it exactly.
        fs::set_permissions(dir, fs::Permissions::from_mode(DIR_MODE)).map_err(DirError::Io)?;
    }
    #[cfg(not(unix))]
    builder.create(dir).map_err(DirError::Io)?;
    Ok(DirState::Created)
}

#[cfg(unix)]
fn check_dir(dir: &Path, meta: &fs::Metadata) -> Result<DirState, DirError> {
    use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
    let me = rustix::process::geteuid().as_raw();
    if meta.uid() != me {
        return Err(DirError::NotOurs(meta.uid()));
    }
    let mode = meta.mode() & 0o7777;
    if mode & 0o077 == 0 {
        return Ok(DirState::Private);
    }
    // Opened as a folder without following a link, so the mode is set on what was checked.
    let mut options = fs::OpenOptions::new();
    options.read(true);
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_DIRECTORY | libc::O_NOFOLLOW);
    let handle = options.open(dir).map_err(DirError::Io)?;
    handle
        .set_permissions(fs::Permissions::from_mode(DIR_MODE))
        .map_err(DirError::Io)?;
    Ok(DirState::Tightened(mode))
}

#[cfg(not(unix))]
fn check_dir(_: &Path, _: &fs::Metadata) -> Result<DirState, DirError> {
    Ok(DirState::Private)
}

/// Opens a new private file (0600) for writing, failing if `path` exists.
pub(crate) fn create_private(path: &Path) -> io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        // create_new never follows a link; O_NOFOLLOW says so twice.
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, FILE_MODE);
        std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW);
    }
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
pub(crate) fn sync_dir(path: &Path) {
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

/// Keeps a copy of `path` as `<name>-<YYYYMMDDTHHMMSSZ>` beside it (a hard link, else a
/// copy), never replacing anything, and returns the new path. `path` is left as it is.
pub(crate) fn keep_dated(path: &Path) -> io::Result<PathBuf> {
    let base = with_suffix(path, &format!("-{}", timestamp()));
    let (new, ()) = first_free(&base, |to| match fs::hard_link(path, to) {
        Err(e) if e.kind() != io::ErrorKind::AlreadyExists => {
            let bytes = read_regular(path, false, MAX_FILE_BYTES).map_err(|e| match e {
                ReadError::Io(e) => e,
                other => io::Error::new(io::ErrorKind::InvalidData, other.to_string()),
            })?;
            write_new(to, &bytes)
        }
        other => other,
    })?;
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
    match current.symlink_metadata() {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(SaveError::from_io(current, e)),
        // A link (planted after the profile was opened) is not backed up through.
        Ok(m) if !m.file_type().is_file() => {
            let e = io::Error::new(io::ErrorKind::InvalidInput, "it is not a regular file");
            return Err(SaveError::from_io(current, e));
        }
        Ok(_) => {}
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
            if let Ok(f) = reading_options(false).open(&tmp) {
                let _ = set_private(&f);
            }
            fs::rename(&tmp, backup).map_err(|e| {
                let _ = fs::remove_file(&tmp);
                SaveError::from_io(backup, e)
            })
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(_) => {
            let bytes = read_regular(current, false, MAX_FILE_BYTES).map_err(|e| {
                let e = match e {
                    ReadError::Io(e) => e,
                    other => io::Error::new(io::ErrorKind::InvalidData, other.to_string()),
                };
                SaveError::from_io(current, e)
            })?;
            write_atomic_bytes(backup, &bytes)
        }
    }
}

/// The hidden name a backup is linked under before it is renamed into place.
pub(crate) fn staging_name(backup: &Path) -> PathBuf {
    let name = backup.file_name().unwrap_or_default().to_string_lossy();
    backup.with_file_name(format!(".{name}.new"))
}

/// [`super::Store::write_fallback_in`] for text made by [`super::encode`], without the store
/// (which may live on a writer thread): home directory first, then the temporary directory.
/// Encrypted as `protection` says, like every file of the profile.
pub fn write_fallback(profile: &str, text: &str, protection: &Protection) -> Result<PathBuf, SaveError> {
    let home = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf());
    let dirs: Vec<PathBuf> = home.into_iter().chain([std::env::temp_dir()]).collect();
    write_fallback_in(&dirs, profile, text, protection)
}

/// Writes `text` to a new private file `trustbook-<profile>-unsaved-<timestamp>.toml` in the
/// first of `dirs` where that works, never replacing a file; returns its path. A protected
/// profile's copy is encrypted (through [`super::write_profile_file`]).
pub fn write_fallback_in(
    dirs: &[PathBuf],
    profile: &str,
    text: &str,
    protection: &Protection,
) -> Result<PathBuf, SaveError> {
    let name = format!("trustbook-{profile}-unsaved-{}.toml", timestamp());
    let mut last = SaveError::from_io(&name, io::ErrorKind::NotFound.into());
    for dir in dirs {
        let write = |p: &Path| super::write_profile_file(p, text.as_bytes(), protection, super::How::New);
        match first_free(&dir.join(&name), write) {
            Ok((path, ())) => return Ok(path),
            Err(e) => last = SaveError::from_io(dir.join(&name), e),
        }
    }
    Err(last)
}

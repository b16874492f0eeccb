//! The exchange folder on disk: each writer has one file of its own, written atomically
//! (a temporary file in the folder, then a rename, so a sync tool never carries half a
//! file); the reader takes the newest valid share among that file and the copies sync
//! tools leave behind, and names every file it ignored and why.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::share::{self, Body};
use super::{ExchangeError, OwnKeys, PartnerKeys};
use crate::store;

/// The file `from` writes its share to.
pub fn file_name(from: &str) -> String {
    format!("{from}.share.age")
}

/// Writes `bytes` as `from`'s share in `dir`: a private temporary file in `dir`, flushed
/// to disk, then renamed over the share.
pub fn write(dir: &Path, from: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    let target = dir.join(file_name(from));
    let mut rand = [0u8; 6];
    getrandom::getrandom(&mut rand).map_err(io::Error::other)?;
    let temp = dir.join(format!(".{}.tmp-{}", file_name(from), super::keys::hex(&rand)));
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, &target)?;
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(target.clone())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// What was found of one partner's share in the folder.
#[derive(Debug, Default)]
pub struct Found {
    /// The newest valid share, and the file it came from.
    pub newest: Option<(PathBuf, Body)>,
    /// Every other file that looked like theirs, with why it was not taken.
    pub ignored: Vec<(PathBuf, String)>,
}

/// True for the names sync tools give a file while it is still arriving.
fn is_partial(name: &str) -> bool {
    name.starts_with(".syncthing.")
        || name.starts_with('~')
        || name.ends_with(".tmp")
        || name.ends_with(".part")
        || name.contains(".tmp-")
}

/// Reads every file in `dir` that may be `from`'s share to `to` (the share itself,
/// conflict copies a sync tool made, half-synced files) and takes the newest valid one.
pub fn read(
    dir: &Path,
    own: &OwnKeys,
    partner: &PartnerKeys,
    (from, to, workbook): (&str, &str, &str),
) -> Found {
    let mut found = Found::default();
    let stem = format!("{from}.share");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    let mut names: Vec<(String, PathBuf)> = entries
        .flatten()
        .filter_map(|e| Some((e.file_name().into_string().ok()?, e.path())))
        .filter(|(n, _)| {
            n.trim_start_matches('.')
                .trim_start_matches("syncthing.")
                .starts_with(&stem)
        })
        .collect();
    names.sort();
    for (name, path) in names {
        if is_partial(&name) {
            found
                .ignored
                .push((path, "a file still arriving (half synced)".to_string()));
            continue;
        }
        let bytes = match store::read_regular(&path, false, store::MAX_FILE_BYTES) {
            Ok(b) => b,
            Err(e) => {
                found.ignored.push((path, format!("cannot be read: {e}")));
                continue;
            }
        };
        match share::decode(&bytes, own, partner, (from, to, workbook)) {
            Ok(body) => {
                let newer = found.newest.as_ref().is_none_or(|(p, b)| {
                    body.seq > b.seq
                        || (body.seq == b.seq && name == file_name(from) && p.file_name() != path.file_name())
                });
                if newer {
                    if let Some((p, b)) = found.newest.take() {
                        found
                            .ignored
                            .push((p, format!("an older share (number {})", b.seq)));
                    }
                    found.newest = Some((path, body));
                } else {
                    found
                        .ignored
                        .push((path, format!("an older share (number {})", body.seq)));
                }
            }
            Err(e) => found.ignored.push((path, describe(&e))),
        }
    }
    found
}

/// Why a file was not taken, in words for `where`.
fn describe(e: &ExchangeError) -> String {
    e.to_string()
}

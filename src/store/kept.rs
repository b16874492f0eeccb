//! Every file a profile leaves in the data folder and beside it: what `where` counts and
//! `erase` removes. Copies are kept on purpose (before a reset, a migration, an entry
//! deleted), so that nothing is lost by accident; this is where they are found again.

use std::path::{Path, PathBuf};

use super::profiles::partner_path;
use crate::sharing;

/// The copies kept beside profile `name`'s answers file (`<name>.toml.<anything>`:
/// `.bak`, `.bak-<time>`, `.reset-<time>`, `.bad-<time>`, `.v1`, `.before-update-<time>`),
/// sorted by name.
pub fn kept_copies(data_dir: &Path, name: &str) -> Vec<PathBuf> {
    let prefix = format!("{name}.toml.");
    files_in(data_dir, |n| n.starts_with(&prefix))
}

/// Every file of profile `name`, own or partner: its answers file and kept copies, its
/// lock and key, unfinished temporary files, what it shares and what was shared with
/// it, its exchange files, an imported export under its name, and copies written when saving failed (in
/// the home and temporary folders). Sorted, each once; only files that exist.
pub fn files_of(data_dir: &Path, name: &str) -> Vec<PathBuf> {
    let main = format!("{name}.toml");
    let hidden = format!(".{name}.toml");
    let key = format!("{name}.key");
    let lock = format!("{name}.lock");
    let mut out = files_in(data_dir, |n| {
        n == main
            || n.starts_with(&format!("{main}."))
            || n.starts_with(&hidden)
            || n == key
            || n.starts_with(&format!("{key}."))
            || n.starts_with(&format!(".{key}"))
            || n == lock
    });
    out.extend(sharing::files_of(data_dir, name));
    out.extend(sharing::files_for(data_dir, name));
    out.extend(sharing::tombstones_of(data_dir, name));
    // Its exchange keys, partners' keys and links (the link holds answers first seen).
    out.extend(files_in(&crate::exchange::local::dir_of(data_dir, name), |_| {
        true
    }));
    let partner = partner_path(data_dir, name);
    if partner.symlink_metadata().is_ok() {
        out.push(partner);
    }
    let fallback = format!("trustbook-{name}-unsaved-");
    let home = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf());
    for dir in home.into_iter().chain([std::env::temp_dir()]) {
        out.extend(files_in(&dir, |n| {
            n.starts_with(&fallback) && n.ends_with(".toml")
        }));
    }
    out.sort();
    out.dedup();
    out
}

/// Total size in bytes of `paths` that can be read.
pub fn total_size(paths: &[PathBuf]) -> u64 {
    paths
        .iter()
        .filter_map(|p| p.symlink_metadata().ok())
        .map(|m| m.len())
        .sum()
}

/// Files (not folders) in `dir` whose name passes `keep`, sorted. A link counts as a
/// file here (it is listed, never followed).
fn files_in(dir: &Path, keep: impl Fn(&str) -> bool) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| !t.is_dir()))
        .filter(|e| e.file_name().to_str().is_some_and(&keep))
        .map(|e| e.path())
        .collect();
    out.sort();
    out
}

//! Looking at the answers file from outside while the real app runs: strict reads
//! (as the app itself reads), and polling until a save shows up on disk.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use trustbook::answers::Value;
use trustbook::store::{self, Saved};

use super::pty::{POLL, Pty, TIMEOUT};

/// The answers file of `profile` in the data folder `dir`.
pub fn answers_path(dir: &Path, profile: &str) -> PathBuf {
    dir.join(format!("{profile}.toml"))
}

/// The id of the workbook shipped in the binary.
pub fn workbook_id() -> String {
    super::shipped().id
}

/// Reads the answers file strictly, as the app does; `None` when there is none yet.
/// Panics, showing the file, when it does not parse: that is the worst failure there is.
pub fn read_saved(dir: &Path, profile: &str) -> Option<Saved> {
    let path = answers_path(dir, profile);
    read_saved_at(&path)
}

/// [`read_saved`] for any answers file (a backup, a fallback copy).
pub fn read_saved_at(path: &Path) -> Option<Saved> {
    store::read_answers(path, "test", &workbook_id()).unwrap_or_else(|e| {
        let text = std::fs::read(path).map(|b| String::from_utf8_lossy(&b).into_owned());
        panic!("{} does not read back: {e}\nits text:\n{text:?}", path.display())
    })
}

/// The value answered to one exercise.
pub fn value<'a>(saved: &'a Saved, chapter: &str, exercise: &str) -> Option<&'a Value> {
    saved.answers.get(chapter, exercise).map(|a| &a.value)
}

/// Polls the answers file until `done` holds for what it reads; panics after
/// [`TIMEOUT`] with the screen and the file as they were.
pub fn wait_file(pty: &Pty, dir: &Path, what: &str, done: impl Fn(&Saved) -> bool) -> Saved {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        let saved = read_saved(dir, "default");
        if let Some(s) = saved.as_ref().filter(|s| done(s)) {
            return s.clone();
        }
        if Instant::now() >= deadline {
            panic!(
                "timed out after {TIMEOUT:?} waiting for the answers file to hold {what}\n\
                 the file read: {saved:#?}\nthe screen was:\n{}",
                pty.framed_screen()
            );
        }
        std::thread::sleep(POLL);
    }
}

/// Names of temporary files an interrupted save of `profile` can leave in `dir`.
pub fn temp_files(dir: &Path, profile: &str) -> Vec<String> {
    let prefix = format!(".{profile}.toml.");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(&prefix))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// The mode bits (permissions) of a path.
#[cfg(unix)]
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

/// Every file under `dir` (recursively), with its bytes.
pub fn all_files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let Ok(rd) = fs::read_dir(dir) else {
        return out;
    };
    for e in rd.filter_map(Result::ok) {
        let p = e.path();
        if p.is_dir() {
            out.extend(all_files(&p));
        } else if let Ok(b) = fs::read(&p) {
            out.push((p, b));
        }
    }
    out
}

/// Panics naming the file when any byte sequence of `words` is found under `dir`.
pub fn assert_nowhere(dir: &Path, words: &[&str]) {
    for (path, bytes) in all_files(dir) {
        for w in words {
            assert!(
                !bytes.windows(w.len()).any(|x| x == w.as_bytes()),
                "{} holds {w:?} in plain text",
                path.display()
            );
        }
    }
}

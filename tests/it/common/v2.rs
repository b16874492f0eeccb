//! The format-2 fixture workbook (`tests/fixtures/v2-workbook`) and one-chapter
//! workbooks written on the fly, shared by the format and kind tests.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use trustbook::answers::Answers;
use trustbook::app::{App, Screen};
use trustbook::content::{self, Diagnostic, Workbook};

use super::{app_with, char_key, place, send};

/// The id of the v2 fixture's chapter.
pub const CH: &str = "after-a-fight";

/// The folder of the v2 fixture workbook.
pub fn v2_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v2-workbook")
}

/// The v2 fixture workbook, loaded.
pub fn v2() -> Workbook {
    content::load_dir(&v2_dir()).unwrap_or_else(|d| panic!("v2 fixture is invalid:\n{d}"))
}

/// An app on the v2 fixture, opened on exercise `id`.
pub fn on(id: &str) -> App {
    let mut app = app_with(v2(), Answers::default(), Some(place(CH, Some(id))));
    send(&mut app, char_key('c'));
    assert!(matches!(app.screen(), Screen::Exercise(..)), "{:?}", app.screen());
    app
}

/// Writes a workbook folder (workbook at `version`, one chapter whose first
/// exercise ends with the keys `exercise`) and loads it: its diagnostics, if any.
pub fn load(version: i64, exercise: &str) -> Vec<Diagnostic> {
    let body = format!("[[exercises]]\nid = \"e\"\ntitle = \"E\"\nprompt = \"P\"\n{exercise}");
    match load_chapter(version, &body) {
        Ok(_) => Vec::new(),
        Err(d) => d,
    }
}

/// A format-2 workbook of one chapter `a` holding the exercises `body`, loaded
/// (fails when it does not load).
pub fn chapter(body: &str) -> Workbook {
    load_chapter(2, body).unwrap_or_else(|d| panic!("the chapter does not load: {d:#?}"))
}

/// Writes a workbook folder (workbook at `version`, one chapter `a` with the
/// exercises `body`) and loads it.
fn load_chapter(version: i64, body: &str) -> Result<Workbook, Vec<Diagnostic>> {
    let dir = tempfile::tempdir().expect("temp dir");
    let wb = format!(
        "format_version = {version}\nid = \"b\"\ntitle = \"T\"\nwelcome = \"W\"\nnote = \"N\"\nclosing = \"C\"\nchapters = [\"a.toml\"]\n"
    );
    let ch = format!(
        "id = \"a\"\ntitle = \"A\"\nintroduction = \"I\"\n\n{body}\n\n[reflection]\nprompt = \"R\"\n"
    );
    fs::write(dir.path().join("workbook.toml"), wb).expect("write");
    fs::write(dir.path().join("a.toml"), ch).expect("write");
    content::load_dir(dir.path()).map_err(|d| d.0)
}

/// The one diagnostic in `d`, as shown (fails when there are more or none).
pub fn one(d: &[Diagnostic]) -> String {
    assert_eq!(d.len(), 1, "{d:#?}");
    d[0].to_string()
}

/// Ratings as a map, from `(item, rating)` pairs.
pub fn map(pairs: &[(&str, i64)]) -> BTreeMap<String, i64> {
    pairs.iter().map(|(k, v)| ((*k).to_string(), *v)).collect()
}

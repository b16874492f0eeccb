//! Helpers shared by the export and compare tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use trustbook::answers::{Answer, Answers, Value};
use trustbook::content::{self, Workbook};

/// The fixture workbook: every kind of exercise in two chapters.
pub fn workbook() -> Workbook {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
    content::load_dir(&dir).expect("fixture workbook loads")
}

/// Stores an answer, private or not.
pub fn put(answers: &mut Answers, chapter: &str, exercise: &str, private: bool, value: Value) {
    answers.0.entry(chapter.to_string()).or_default().insert(
        exercise.to_string(),
        Answer {
            changed: "2026-11-26T10:04:00Z".to_string(),
            private,
            value,
        },
    );
}

/// A text value.
pub fn text(s: &str) -> Value {
    Value::Text { text: s.to_string() }
}

/// A list value.
pub fn list(items: &[&str]) -> Value {
    Value::List {
        items: items.iter().map(|s| s.to_string()).collect(),
    }
}

/// Compares `actual` with the golden file `tests/golden/<name>`, or rewrites
/// the file when `UPDATE_GOLDEN=1` is set (then review the diff with git).
pub fn golden(name: &str, actual: &str) {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} is missing; run with UPDATE_GOLDEN=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs from the output at line {}:\n  golden: {:?}\n  actual: {:?}\nIf the change is intended, run with UPDATE_GOLDEN=1 and review the diff.",
            path.display(),
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line)
        );
    }
}

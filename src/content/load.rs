//! Loading a workbook from a folder or from the copy compiled into the binary.

use std::collections::HashSet;
use std::path::Path;

use super::walk::{Checker, Table};
use super::{Chapter, Diagnostic, Diagnostics, Exercise, Kind, REFLECTION_ID, Workbook};

/// The content format version this build reads.
pub const FORMAT_VERSION: i64 = 1;
/// Largest content file accepted; real chapters are a few KiB.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// The workbook file inside a content folder.
const WORKBOOK_FILE: &str = "workbook.toml";

/// The shipped workbook, compiled in so the binary works from any directory.
const EMBEDDED: &[(&str, &str)] = &[
    ("workbook.toml", include_str!("../../content/workbook.toml")),
    (
        "01-where-distrust-comes-from.toml",
        include_str!("../../content/01-where-distrust-comes-from.toml"),
    ),
    (
        "02-rebuilding-trust.toml",
        include_str!("../../content/02-rebuilding-trust.toml"),
    ),
    (
        "03-lasting-trust.toml",
        include_str!("../../content/03-lasting-trust.toml"),
    ),
];

/// Loads the workbook compiled into the binary.
pub fn load_embedded() -> Result<Workbook, Diagnostics> {
    load_with(|name| {
        EMBEDDED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| Ok(t.to_string()))
            .unwrap_or_else(|| {
                Err(ReadError::Message(format!(
                    "file `{name}` is not part of the built-in workbook"
                )))
            })
    })
}

/// Loads and validates the workbook in `dir` (its `workbook.toml` and chapter files).
pub fn load_dir(dir: &Path) -> Result<Workbook, Diagnostics> {
    load_with(|name| read_file(&dir.join(name)))
}

/// Why a content file could not be read.
enum ReadError {
    /// Missing, unreadable or too large: the message says which.
    Message(String),
    /// Not UTF-8; the position of the first bad byte.
    NotUtf8 { line: usize, column: usize },
}

/// Reads one content file, enforcing the size limit and UTF-8.
fn read_file(path: &Path) -> Result<String, ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| {
        ReadError::Message(match e.kind() {
            std::io::ErrorKind::NotFound => {
                format!("file not found: {}; check the name and folder", path.display())
            }
            _ => format!("cannot read {}: {e}", path.display()),
        })
    })?;
    if !meta.is_file() {
        return Err(ReadError::Message(format!(
            "{} is not a regular file",
            path.display()
        )));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::Message(format!(
            "file is {} bytes, more than the 1 MiB limit for a content file; split it into smaller chapters",
            meta.len()
        )));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| ReadError::Message(format!("cannot read {}: {e}", path.display())))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let ok = String::from_utf8_lossy(&e.as_bytes()[..at]).into_owned();
        let (line, column) = super::diag::position(&ok, ok.len());
        ReadError::NotUtf8 { line, column }
    })
}

/// Shared loading logic; `read` returns a file's text or a message.
fn load_with(read: impl Fn(&str) -> Result<String, ReadError>) -> Result<Workbook, Diagnostics> {
    let mut diags = Vec::new();
    let wb =
        read_one(&read, WORKBOOK_FILE, &mut diags).and_then(|text| parse_workbook(&read, &text, &mut diags));
    match wb {
        Some(wb) if diags.is_empty() => Ok(wb),
        _ => {
            if diags.is_empty() {
                // Defensive: a failed load always explains itself.
                diags.push(file_error(WORKBOOK_FILE, "the workbook could not be loaded"));
            }
            Err(Diagnostics(diags))
        }
    }
}

fn file_error(file: &str, message: impl Into<String>) -> Diagnostic {
    Diagnostic {
        file: file.to_string(),
        line: 1,
        column: 1,
        message: message.into(),
    }
}

/// Reads a file, turning read problems into diagnostics; CRLF becomes LF.
fn read_one(
    read: &impl Fn(&str) -> Result<String, ReadError>,
    name: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    match read(name) {
        Ok(text) => Some(text.replace("\r\n", "\n")),
        Err(ReadError::NotUtf8 { line, column }) => {
            diags.push(Diagnostic {
                file: name.to_string(),
                line,
                column,
                message: "the file is not valid UTF-8 text; save it as UTF-8 in your editor".to_string(),
            });
            None
        }
        Err(ReadError::Message(msg)) => {
            diags.push(file_error(name, msg));
            None
        }
    }
}

fn parse_workbook(
    read: &impl Fn(&str) -> Result<String, ReadError>,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Workbook> {
    let mut ck = Checker::new(WORKBOOK_FILE, text, diags);
    let doc = ck.parse()?;
    let t = Table {
        inner: doc.get_ref(),
        span: 0..0,
        what: "the workbook file".to_string(),
    };
    ck.known_keys(
        &t,
        &[
            "format_version",
            "id",
            "title",
            "welcome",
            "note",
            "closing",
            "chapters",
        ],
    );
    if let Some(v) = ck.int(&t, "format_version", true)
        && v != FORMAT_VERSION
    {
        let span = ck.span_of(&t, "format_version");
        ck.error(
            span,
            format!("format_version {v} is not supported; this version of trustbook reads format_version = {FORMAT_VERSION}"),
        );
    }
    let id = ck.string(&t, "id", true);
    if let Some(id) = &id {
        ck.id_ok(&t, id);
    }
    let title = ck.string(&t, "title", true);
    let welcome = ck.string(&t, "welcome", true);
    let note = ck.string(&t, "note", true);
    let closing = ck.string(&t, "closing", true);
    let files = ck.strings(&t, "chapters", true);
    if let Some(files) = &files
        && files.is_empty()
    {
        let span = ck.span_of(&t, "chapters");
        ck.error(
            span,
            "`chapters` is empty; list at least one chapter file, like [\"chapter-1.toml\"]",
        );
    }
    let mut bad_files = Vec::new();
    let mut seen_files = HashSet::new();
    for (f, span) in files.iter().flatten() {
        if f.is_empty() || f.contains(['/', '\\']) || f.starts_with('.') || !f.ends_with(".toml") {
            ck.error(span.clone(), format!("chapter file `{f}` must be a plain file name ending in .toml, in the same folder as workbook.toml"));
            bad_files.push(f.clone());
        } else if !seen_files.insert(f.clone()) {
            ck.error(
                span.clone(),
                format!("chapter file `{f}` is listed twice; list each chapter once"),
            );
            bad_files.push(f.clone());
        }
    }

    let mut chapters = Vec::new();
    let mut seen_ids: Vec<(String, String)> = Vec::new();
    for (file, _) in files.iter().flatten() {
        if bad_files.contains(file) {
            continue;
        }
        let Some(ctext) = read_one(read, file, diags) else {
            continue;
        };
        let mut ck = Checker::new(file, &ctext, diags);
        if let Some(ch) = parse_chapter(&mut ck) {
            if let Some((_, first)) = seen_ids.iter().find(|(id, _)| *id == ch.id) {
                let msg = format!(
                    "chapter id `{}` is already used by {first}; give each chapter its own id",
                    ch.id
                );
                ck.error(0..0, msg);
            }
            seen_ids.push((ch.id.clone(), file.clone()));
            chapters.push(ch);
        }
    }
    Some(Workbook {
        id: id?,
        title: title?,
        welcome: welcome?,
        note: note?,
        closing: closing?,
        chapters,
    })
}

fn parse_chapter(ck: &mut Checker) -> Option<Chapter> {
    let doc = ck.parse()?;
    let t = Table {
        inner: doc.get_ref(),
        span: 0..0,
        what: "the chapter".to_string(),
    };
    ck.known_keys(&t, &["id", "title", "introduction", "exercises", "reflection"]);
    let id = ck.string(&t, "id", true);
    if let Some(id) = &id {
        ck.id_ok(&t, id);
    }
    let title = ck.string(&t, "title", true);
    let introduction = ck.string(&t, "introduction", true);
    let mut exercises = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let tables = ck.tables(&t, "exercises").unwrap_or_default();
    if tables.is_empty() && t.inner.contains_key("exercises") {
        ck.error(
            ck.span_of(&t, "exercises"),
            "the chapter has no exercises; add at least one [[exercises]] table",
        );
    }
    for (n, (tab, span)) in tables.into_iter().enumerate() {
        let raw_id = tab
            .get("id")
            .and_then(|v| v.get_ref().as_str())
            .map(str::to_string);
        let what = match &raw_id {
            Some(i) => format!("exercise `{i}`"),
            None => format!("exercise {}", n + 1),
        };
        let et = Table {
            inner: tab,
            span,
            what,
        };
        if let Some(ex) = parse_exercise(ck, &et) {
            if ex.id == REFLECTION_ID {
                ck.error(
                    ck.span_of(&et, "id"),
                    "the id `reflection` is reserved for the chapter's closing reflection; choose another id",
                );
            } else if seen.contains(&ex.id) {
                let msg = format!(
                    "duplicate exercise id `{}` in this chapter; each exercise needs its own id, since answers are stored by it",
                    ex.id
                );
                ck.error(ck.span_of(&et, "id"), msg);
            }
            seen.push(ex.id.clone());
            exercises.push(ex);
        }
    }
    let reflection = ck.table(&t, "reflection").and_then(|(tab, span)| {
        let rt = Table {
            inner: tab,
            span,
            what: "the closing reflection".to_string(),
        };
        ck.known_keys(&rt, &["title", "prompt", "hint", "example"]);
        Some(Exercise {
            id: REFLECTION_ID.to_string(),
            title: ck
                .string(&rt, "title", false)
                .unwrap_or_else(|| "Closing reflection".to_string()),
            prompt: ck.string(&rt, "prompt", true)?,
            hint: ck.string(&rt, "hint", false),
            example: ck.string(&rt, "example", false),
            kind: Kind::Text,
        })
    });
    exercises.push(reflection?);
    Some(Chapter {
        id: id?,
        title: title?,
        introduction: introduction?,
        exercises,
    })
}

const COMMON: [&str; 6] = ["id", "kind", "title", "prompt", "hint", "example"];
const KINDS: [&str; 5] = ["text", "list", "choice", "checklist", "scale"];

fn parse_exercise(ck: &mut Checker, t: &Table) -> Option<Exercise> {
    let id = ck.string(t, "id", true);
    if let Some(id) = &id {
        ck.id_ok(t, id);
    }
    let title = ck.string(t, "title", true);
    let prompt = ck.string(t, "prompt", true);
    let hint = ck.string(t, "hint", false);
    let example = ck.string(t, "example", false);
    let kind_name = ck.string(t, "kind", true);
    let extra: &[&str] = match kind_name.as_deref() {
        Some("text") => &[],
        Some("list") => &["min", "max"],
        Some("choice") => &["options", "other"],
        Some("checklist") => &["options"],
        Some("scale") => &["min", "max", "min_label", "max_label"],
        Some(other) => {
            let hint = match super::diag::suggest(other, &KINDS) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("use one of: {}", KINDS.join(", ")),
            };
            ck.error(
                ck.span_of(t, "kind"),
                format!("unknown kind `{other}` in {}; {hint}", t.what),
            );
            return None;
        }
        None => return None,
    };
    let allowed: Vec<&str> = COMMON.iter().chain(extra).copied().collect();
    ck.known_keys(t, &allowed);
    let kind = match kind_name.as_deref() {
        Some("list") => list_kind(ck, t)?,
        Some("choice") => Kind::Choice {
            options: options(ck, t)?,
            other: ck.boolean(t, "other").unwrap_or(false),
        },
        Some("checklist") => Kind::Checklist {
            options: options(ck, t)?,
        },
        Some("scale") => scale_kind(ck, t)?,
        _ => Kind::Text,
    };
    Some(Exercise {
        id: id?,
        title: title?,
        prompt: prompt?,
        hint,
        example,
        kind,
    })
}

fn list_kind(ck: &mut Checker, t: &Table) -> Option<Kind> {
    let mut count = |key: &str| -> Result<Option<u32>, ()> {
        match ck.int(t, key, false) {
            None if t.inner.contains_key(key) => Err(()),
            None => Ok(None),
            Some(n) if (0..=100).contains(&n) => Ok(Some(n as u32)),
            Some(n) => {
                ck.error(
                    ck.span_of(t, key),
                    format!("`{key}` = {n} in {} must be between 0 and 100 items", t.what),
                );
                Err(())
            }
        }
    };
    let (min, max) = (count("min"), count("max"));
    let (min, max) = (min.ok()?, max.ok()?);
    if let (Some(lo), Some(hi)) = (min, max)
        && lo > hi
    {
        ck.error(
            ck.span_of(t, "min"),
            format!(
                "list `min` ({lo}) is greater than `max` ({hi}) in {}; make min at most max",
                t.what
            ),
        );
        return None;
    }
    if max == Some(0) {
        ck.error(
            ck.span_of(t, "max"),
            format!("list `max` is 0 in {}; allow at least one item", t.what),
        );
        return None;
    }
    Some(Kind::List { min, max })
}

fn options(ck: &mut Checker, t: &Table) -> Option<Vec<String>> {
    let opts = ck.strings(t, "options", true)?;
    let mut ok = true;
    if opts.len() < 2 {
        ck.error(
            ck.span_of(t, "options"),
            format!("{} needs at least 2 options", t.what),
        );
        ok = false;
    }
    let mut seen = HashSet::new();
    for (o, span) in &opts {
        if o.trim().is_empty() {
            ck.error(
                span.clone(),
                format!(
                    "an option in {} is empty; write the option's text or remove it",
                    t.what
                ),
            );
            ok = false;
        } else if !seen.insert(o.trim()) {
            ck.error(
                span.clone(),
                format!("option `{o}` appears twice in {}; options must differ", t.what),
            );
            ok = false;
        }
    }
    ok.then(|| opts.into_iter().map(|(o, _)| o).collect())
}

fn scale_kind(ck: &mut Checker, t: &Table) -> Option<Kind> {
    let min = ck.int(t, "min", true);
    let max = ck.int(t, "max", true);
    let min_label = ck.string(t, "min_label", true);
    let max_label = ck.string(t, "max_label", true);
    let (min, max) = (min?, max?);
    if min >= max {
        ck.error(
            ck.span_of(t, "min"),
            format!(
                "scale `min` ({min}) must be less than `max` ({max}) in {}",
                t.what
            ),
        );
        return None;
    }
    if max.abs_diff(min) > 100 || min.abs() > 1_000_000 || max.abs() > 1_000_000 {
        ck.error(
            ck.span_of(t, "max"),
            format!(
                "the scale in {} has more than 100 steps; use a range like 0 to 10",
                t.what
            ),
        );
        return None;
    }
    Some(Kind::Scale {
        min,
        max,
        min_label: min_label?,
        max_label: max_label?,
    })
}

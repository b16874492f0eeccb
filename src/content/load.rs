//! Loading a workbook from a folder or from the copy compiled into the binary.

use std::path::Path;

use super::parse::parse_chapter;
use super::refs::{ChapterRefs, ReadChapter, check_items_from};
use super::walk::{Checker, Source, Table};
use super::{Diagnostic, Diagnostics, Workbook};

/// The newest content format version this build reads (1 and 2 are read).
pub const FORMAT_VERSION: i64 = 2;
/// Largest content file accepted; real chapters are a few KiB.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// The workbook file inside a content folder.
const WORKBOOK_FILE: &str = "workbook.toml";

/// The shipped workbook, compiled in so the binary works from any directory.
pub(super) const EMBEDDED: &[(&str, &str)] = &[
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
    check_embedded().map(|(wb, _warnings)| wb)
}

/// Loads the workbook compiled into the binary, with its warnings.
pub fn check_embedded() -> Result<(Workbook, Diagnostics), Diagnostics> {
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
///
/// A path to the `workbook.toml` file itself means its folder; any other file is refused
/// with a message naming the folder to give instead. Warnings are dropped: see [`check_dir`].
pub fn load_dir(dir: &Path) -> Result<Workbook, Diagnostics> {
    check_dir(dir).map(|(wb, _warnings)| wb)
}

/// Like [`load_dir`], but a workbook that loads comes with its warnings (bidi controls in
/// its texts, ...), for the validator to show. A failure lists warnings among the errors.
pub fn check_dir(dir: &Path) -> Result<(Workbook, Diagnostics), Diagnostics> {
    let dir = if dir.is_file() {
        let folder = match dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        if dir.file_name() != Some(WORKBOOK_FILE.as_ref()) {
            return Err(Diagnostics(vec![file_error(
                &dir.to_string_lossy(),
                format!(
                    "this is a file, not a workbook folder; give the folder that holds workbook.toml instead (here perhaps {})",
                    crate::safe::path(folder)
                ),
            )]));
        }
        folder
    } else {
        dir
    };
    load_with(|name| read_file(&dir.join(name)))
}

/// Why a content file could not be read.
enum ReadError {
    /// Missing: the message names the path.
    NotFound(String),
    /// Unreadable or too large: the message says which.
    Message(String),
    /// Not UTF-8; the position of the first bad byte.
    NotUtf8 { line: usize, column: usize },
}

/// Reads one content file, enforcing the size limit and UTF-8.
fn read_file(path: &Path) -> Result<String, ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::NotFound(format!(
            "file not found: {}; check the name and folder",
            path.display()
        )),
        _ => ReadError::Message(format!("cannot read {}: {e}", path.display())),
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
fn load_with(
    read: impl Fn(&str) -> Result<String, ReadError>,
) -> Result<(Workbook, Diagnostics), Diagnostics> {
    let mut diags = Vec::new();
    let wb = read_one(&read, WORKBOOK_FILE, None, &mut diags)
        .and_then(|text| parse_workbook(&read, &text, &mut diags));
    let mut diags = sorted(diags);
    match wb {
        Some(wb) if !diags.iter().any(Diagnostic::is_error) => Ok((wb, Diagnostics(diags))),
        _ => {
            if !diags.iter().any(Diagnostic::is_error) {
                // Defensive: a failed load always explains itself.
                diags.push(file_error(WORKBOOK_FILE, "the workbook could not be loaded"));
            }
            Err(Diagnostics(diags))
        }
    }
}

/// In each file, top to bottom, as the author reads it; files in the order first met.
fn sorted(mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut files: Vec<String> = Vec::new();
    for d in &diags {
        if !files.contains(&d.file) {
            files.push(d.file.clone());
        }
    }
    diags.sort_by_key(|d| (files.iter().position(|f| *f == d.file), d.line, d.column));
    diags
}

fn file_error(file: &str, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(file, 1, 1, message)
}

/// Reads a file, turning read problems and raw control characters into diagnostics;
/// CRLF becomes LF. A missing chapter file is reported at `listed_at`, the line and
/// column of its entry in workbook.toml's `chapters`.
fn read_one(
    read: &impl Fn(&str) -> Result<String, ReadError>,
    name: &str,
    listed_at: Option<(usize, usize)>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Source> {
    match read(name) {
        // Most files have no CR at all: found at memchr speed, no copy.
        Ok(text) if !text.contains('\r') => Some(Source::new(name, text, diags)),
        Ok(text) => Some(Source::new(name, text.replace("\r\n", "\n"), diags)),
        Err(ReadError::NotUtf8 { line, column }) => {
            diags.push(Diagnostic::error(
                name,
                line,
                column,
                "the file is not valid UTF-8 text; save it as UTF-8 in your editor",
            ));
            None
        }
        Err(ReadError::NotFound(msg)) => {
            diags.push(match listed_at {
                Some((line, column)) => Diagnostic::error(
                    WORKBOOK_FILE,
                    line,
                    column,
                    format!("chapter file `{name}`, listed here in `chapters`, is missing ({msg}); fix the name here or add the file next to workbook.toml"),
                ),
                None => file_error(name, msg),
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
    text: &Source,
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
            "safety",
        ],
    );
    let version = ck.int(&t, "format_version", true);
    if let Some(v) = version
        && !(1..=FORMAT_VERSION).contains(&v)
    {
        let span = ck.span_of(&t, "format_version");
        ck.error(
            span,
            format!("format_version {v} is not supported; this version of trustbook reads format_version = 1 or {FORMAT_VERSION}"),
        );
    }
    let safety = safety_page(&mut ck, &t, version);
    // A missing or unsupported version is reported once above; the chapters are then
    // checked as the newest format, so its keys are not each reported as needing it.
    let format_version = version
        .filter(|v| (1..=FORMAT_VERSION).contains(v))
        .unwrap_or(FORMAT_VERSION);
    let id = ck.string(&t, "id", true);
    if let Some(id) = &id {
        ck.id_ok(&t, id);
    }
    let title = ck.string(&t, "title", true);
    if let Some(title) = &title {
        super::lengths::check_workbook_title(&mut ck, &t, title);
    }
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
    // Each distinct, well-formed file name is checked once, however often it is listed.
    let mut to_check: Vec<(&String, (usize, usize))> = Vec::new();
    for (f, span) in files.iter().flatten() {
        if f.is_empty() || f.contains(['/', '\\']) || f.starts_with('.') || !f.ends_with(".toml") {
            ck.error(span.clone(), format!("chapter file `{f}` must be a plain file name ending in .toml, in the same folder as workbook.toml"));
        } else if to_check.iter().any(|(seen, _)| *seen == f) {
            ck.error(
                span.clone(),
                format!("chapter file `{f}` is listed twice; list each chapter once"),
            );
        } else {
            to_check.push((f, ck.position_of(span.start)));
        }
    }

    let mut chapters = Vec::new();
    let mut seen_ids: Vec<(String, String)> = Vec::new();
    let total = to_check.len();
    let mut read_chapters: Vec<ReadChapter> = Vec::new();
    for (n, (file, listed_at)) in to_check.into_iter().enumerate() {
        let Some(ctext) = read_one(read, file, Some(listed_at), diags) else {
            continue;
        };
        let mut refs = ChapterRefs::default();
        let mut ck = Checker::new(file, &ctext, diags);
        let (id, chapter) = parse_chapter(&mut ck, format_version, (n + 1, total), &mut refs);
        if let Some((id, span)) = id {
            if let Some((_, first)) = seen_ids.iter().find(|(seen, _)| *seen == id) {
                let msg =
                    format!("chapter id `{id}` is already used by {first}; give each chapter its own id");
                ck.error(span, msg);
            }
            seen_ids.push((id, file.clone()));
        }
        chapters.extend(chapter);
        read_chapters.push(ReadChapter {
            file: file.clone(),
            source: ctext,
            refs,
        });
    }
    check_items_from(&read_chapters, read_chapters.len() == total, diags);
    Some(Workbook {
        format_version,
        id: id?,
        title: title?,
        welcome: welcome?,
        note: note?,
        closing: closing?,
        safety: safety.ok()?,
        chapters,
    })
}

/// The optional `[safety]` page (format 2): `Ok(None)` when absent, `Err` when wrong.
fn safety_page(ck: &mut Checker, t: &Table, version: Option<i64>) -> Result<Option<super::Page>, ()> {
    if !t.inner.contains_key("safety") {
        return Ok(None);
    }
    if version == Some(1) {
        let span = ck.span_of(t, "safety");
        ck.error(
            span,
            "a `[safety]` page needs format_version = 2; change the first line to `format_version = 2`",
        );
        return Err(());
    }
    let Some((tab, span)) = ck.table(t, "safety", "") else {
        return Err(());
    };
    let st = Table {
        inner: tab,
        span,
        what: "the safety page".to_string(),
    };
    ck.known_keys(&st, &["title", "text"]);
    let title = ck.string(&st, "title", true);
    let text = ck.string(&st, "text", true);
    match (title, text) {
        (Some(title), Some(text)) => Ok(Some(super::Page { title, text })),
        _ => Err(()),
    }
}

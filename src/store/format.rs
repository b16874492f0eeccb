//! The answers file text: encoding and strict decoding (see `docs/answers-format.md`).

use std::path::Path;

use serde::{Deserialize, Serialize};
use toml::de::{DeTable, DeValue};

use std::collections::BTreeMap;

use super::{SCHEMA_VERSION, Saved, StoreError};
use crate::answers::{Answer, Answers, Place, ValueKind, now_utc};
use crate::content::position;
use crate::entry::Entry;

#[derive(Serialize)]
struct FileOut<'a> {
    schema_version: i64,
    workbook: &'a str,
    saved: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    resume: Option<&'a Place>,
    #[serde(skip_serializing_if = "Option::is_none")]
    week: Option<&'a crate::week::WeekSetting>,
    answers: &'a Single,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    entries: &'a BTreeMap<String, Vec<Entry>>,
}

/// Answers given once: chapter id -> exercise id -> answer.
type Single = BTreeMap<String, BTreeMap<String, Answer>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileIn {
    #[allow(dead_code)] // checked before, on the generic table
    schema_version: i64,
    workbook: String,
    #[allow(dead_code)] // informative only
    saved: Option<String>,
    #[serde(default)]
    resume: Option<ResumeIn>,
    /// The day the couple's weeks start on, once set.
    #[serde(default)]
    week: Option<crate::week::WeekSetting>,
    #[serde(default)]
    answers: Single,
    /// Schema 2: chapter id -> entries of its repeated part.
    #[serde(default)]
    entries: BTreeMap<String, Vec<Entry>>,
}

/// `[resume]`, strictly (the app's `Place` accepts unknown keys).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ResumeIn {
    chapter: String,
    #[serde(default)]
    exercise: Option<String>,
}

/// The text of an answers file holding `answers`, the place to resume at and the workbook id.
///
/// Pure and allocation-bound, so the terminal loop can call it on its own thread and hand the
/// text to [`super::write_atomic`] (or [`super::Store::save_text`]) elsewhere.
pub fn encode(answers: &Answers, place: Option<&Place>, workbook_id: &str) -> String {
    let file = FileOut {
        schema_version: SCHEMA_VERSION,
        workbook: workbook_id,
        saved: now_utc(),
        resume: place,
        week: answers.week.as_ref(),
        answers: &answers.single,
        entries: &answers.entries,
    };
    // Maps with string keys of strings, integers, booleans and string arrays always serialize.
    toml::to_string_pretty(&file).expect("answers serialize to TOML")
}

/// Reads an answers file's text. `path` is only used in error messages.
///
/// Checks, in order: TOML syntax, `schema_version` (present, not newer than this build), then
/// every field's type; unknown keys are refused. The workbook id is returned, not checked.
pub fn decode(text: &str, path: &Path) -> Result<Saved, StoreError> {
    let bad = |reason: String| StoreError::BadFile {
        path: path.to_path_buf(),
        reason,
    };
    // Limits first: a look at the text, then a walk over the parsed document that builds
    // nothing from it.
    if let Err((at, what)) = super::limits::check_toml_text(text) {
        let (line, column) = position(text, at);
        return Err(bad(format!(
            "line {line}, column {column}: {}",
            super::limits::message(what)
        )));
    }
    // Parsed once: the limits walk a copy of the tree (its texts borrowed from `text`), and
    // the file is read from the tree itself.
    let doc = DeTable::parse(text).map_err(|e| bad(describe(text, &e)))?;
    // A text over the limit (written by an older release) is cut below, not refused: the
    // profile then opens read-only instead of being locked out.
    let long = super::limits::check_allowing_long_texts(toml::Deserializer::from(doc.clone()))
        .map_err(|e| bad(describe(text, &e)))?;
    let version = match doc.get_ref().get("schema_version").map(|v| v.get_ref()) {
        None => {
            return Err(bad(
                "it has no schema_version, so it does not look like a trustbook answers file".into(),
            ));
        }
        Some(DeValue::Integer(v)) => i64::from_str_radix(v.as_str(), v.radix()).ok(),
        Some(_) => None,
    };
    match version {
        Some(v) if v > SCHEMA_VERSION => {
            return Err(StoreError::NewerSchema {
                path: path.to_path_buf(),
                found: v,
            });
        }
        // Schema 2 is schema 3 without ratings marked "didn't apply" (`na`): read as it is,
        // written as 3 (its original kept as `.v2`).
        Some(SCHEMA_VERSION | 2) => {}
        // Schema 1 is schema 2 without entries: read as it is, written as 3.
        Some(1) => {
            if doc.get_ref().contains_key("entries") {
                return Err(bad(
                    "it has `entries`, which schema_version 1 files do not have; set `schema_version = 2`"
                        .into(),
                ));
            }
        }
        Some(_) | None => {
            // Rare, so the value is shown as written at the cost of reading the file again.
            let table: toml::Table = toml::from_str(text).map_err(|e| bad(describe(text, &e)))?;
            let shown = table
                .get("schema_version")
                .map_or_else(String::new, ToString::to_string);
            return Err(bad(format!(
                "schema_version {shown} is not a version this trustbook knows"
            )));
        }
    }
    let mut file = FileIn::deserialize(toml::Deserializer::from(doc))
        .map_err(|e| bad(pinpoint(text, &e).unwrap_or_else(|| describe(text, &e))))?;
    let mut cut = Vec::new();
    if long > 0 {
        for (chapter, exercises) in &mut file.answers {
            for (exercise, answer) in exercises {
                if cut_answer(answer) {
                    cut.push(format!("{chapter}/{exercise}"));
                }
            }
        }
        for (chapter, entries) in &mut file.entries {
            for entry in entries {
                for (exercise, answer) in &mut entry.answers {
                    if cut_answer(answer) {
                        cut.push(format!("{chapter}/{exercise} ({})", entry.id));
                    }
                }
            }
        }
    }
    let older = version.filter(|v| *v < SCHEMA_VERSION);
    let mut answers = Answers::from_single(file.answers);
    answers.entries = file.entries;
    answers.week = file.week;
    // A file of schema 2 (or of schema 3 before ids) has no item ids: they come from the texts.
    answers.give_ids();
    for list in answers.entries.values_mut() {
        // Sorted by id, as lookups expect, whatever order a hand-edited file has.
        list.sort_by(|a, b| a.id.cmp(&b.id));
    }
    Ok(Saved {
        older_schema: older,
        answers,
        place: file.resume.map(|r| Place {
            chapter: r.chapter,
            exercise: r.exercise,
        }),
        workbook: Some(file.workbook),
        cut,
    })
}

/// Cuts every text of `answer` to [`super::limits::MAX_TEXT_BYTES`]; true when one was cut.
fn cut_answer(answer: &mut Answer) -> bool {
    use super::limits::cut_text;
    use crate::answers::Value;
    let mut any = false;
    let mut cut = |t: &mut String| any |= cut_text(t);
    match &mut answer.value {
        Value::Text { text } => cut(text),
        Value::List { items, .. } => items.iter_mut().for_each(cut),
        Value::Choice { option, other } => {
            option.iter_mut().for_each(&mut cut);
            other.iter_mut().for_each(cut);
        }
        Value::Checklist { ticked, other } => {
            ticked.iter_mut().for_each(&mut cut);
            other.iter_mut().for_each(cut);
        }
        Value::Ratings { ratings, na, .. } => {
            if na.iter().any(|k| k.len() > super::limits::MAX_TEXT_BYTES) {
                *na = std::mem::take(na)
                    .into_iter()
                    .map(|mut k| {
                        cut(&mut k);
                        k
                    })
                    .collect();
            }
            // Keyed by the item's text: a key over the limit is cut (merged if two cuts meet).
            if ratings.keys().any(|k| k.len() > super::limits::MAX_TEXT_BYTES) {
                *ratings = std::mem::take(ratings)
                    .into_iter()
                    .map(|(mut k, v)| {
                        cut(&mut k);
                        (k, v)
                    })
                    .collect();
            }
        }
        Value::Date { date } => cut(date),
        Value::Scale { .. } | Value::Empty {} => {}
    }
    any
}

/// Whether `text` (made by [`encode`]) would be read back: the same limits [`decode`]
/// checks, so trustbook never writes a file it would then refuse. The reason when not.
pub fn check_limits(text: &str) -> Result<(), String> {
    if let Err((_, what)) = super::limits::check_toml_text(text) {
        return Err(what.to_string());
    }
    // No text inside can be longer than the whole file: the walk is needed only past that.
    if text.len() <= super::limits::MAX_TEXT_BYTES && text.len() < super::limits::MAX_ITEMS {
        return Ok(());
    }
    let doc = DeTable::parse(text).map_err(|e| e.message().trim_end().to_string())?;
    super::limits::check(toml::Deserializer::from(doc)).map_err(|e| {
        let m = e.message().trim_end();
        m.strip_prefix(super::limits::MARK).unwrap_or(m).to_string()
    })
}

/// `line N, column M: message`, without quoting the file's text (it may be private).
fn describe(text: &str, e: &toml::de::Error) -> String {
    let message = e.message().trim_end_matches('\n');
    match e.span() {
        Some(span) => {
            let (line, column) = position(text, span.start);
            format!("line {line}, column {column}: {message}")
        }
        None => message.to_string(),
    }
}

/// What an answer's field holds, for pointing at a wrong one.
#[derive(Clone, Copy)]
enum Shape {
    Text,
    Bool,
    Number,
    Texts,
    /// A table of whole numbers by text (a ratings answer).
    Numbers,
}

impl Shape {
    fn words(self) -> &'static str {
        match self {
            Shape::Text => "text in quotes",
            Shape::Bool => "true or false",
            Shape::Number => "a whole number",
            Shape::Texts => "a list of texts in quotes, like [\"a\", \"b\"]",
            Shape::Numbers => "a table of whole numbers by item, like { \"Trust\" = 7 }",
        }
    }

    fn fits(self, v: &DeValue) -> bool {
        matches!(
            (self, v),
            (Shape::Text, DeValue::String(_))
                | (Shape::Bool, DeValue::Boolean(_))
                | (Shape::Number, DeValue::Integer(_))
                | (Shape::Texts, DeValue::Array(_))
                | (Shape::Numbers, DeValue::Table(_))
        )
    }
}

/// The fields an answer may have: the common ones and its kind's own.
fn answer_fields(kind: Option<&str>) -> Vec<(&'static str, Shape)> {
    let mut fields = vec![
        ("changed", Shape::Text),
        ("private", Shape::Bool),
        ("kind", Shape::Text),
    ];
    fields.extend_from_slice(match kind.and_then(ValueKind::from_tag) {
        Some(ValueKind::Text) => &[("text", Shape::Text)][..],
        Some(ValueKind::List) => &[("items", Shape::Texts)],
        Some(ValueKind::Choice) => &[("option", Shape::Text), ("other", Shape::Text)],
        Some(ValueKind::Checklist) => &[("ticked", Shape::Texts), ("other", Shape::Text)],
        Some(ValueKind::Scale) => &[("value", Shape::Number)],
        Some(ValueKind::Ratings) => &[("ratings", Shape::Numbers), ("na", Shape::Texts)],
        Some(ValueKind::Date) => &[("date", Shape::Text)],
        Some(ValueKind::Empty) => &[],
        None => &[],
    });
    // Last, so the list reads as it did before skipping existed.
    fields.push(("skipped", Shape::Bool));
    fields
}

/// A plain name for the type of a value as written, without quoting it.
fn shape_of(v: &DeValue) -> &'static str {
    match v {
        DeValue::String(_) => "text",
        DeValue::Integer(_) => "a whole number",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "true or false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// Serde reports a problem inside one answer at the answer's table, since each answer is
/// read in one piece; this finds the key or value at fault and says what it should be.
/// `None` when the error is elsewhere or cannot be pinned down (then serde's own words do).
fn pinpoint(text: &str, e: &toml::de::Error) -> Option<String> {
    let at = e.span()?.start;
    let doc = DeTable::parse(text).ok()?;
    let DeValue::Table(answers) = doc.get_ref().get("answers")?.get_ref() else {
        return None;
    };
    let (chapter, exercise, answer, answer_span) = answers.iter().find_map(|(c, chapter)| {
        let DeValue::Table(chapter) = chapter.get_ref() else {
            return None;
        };
        chapter.iter().find_map(|(x, answer)| match answer.get_ref() {
            DeValue::Table(t) if answer.span().contains(&at) || answer.span().start == at => {
                Some((c.get_ref().as_ref(), x.get_ref().as_ref(), t, answer.span()))
            }
            _ => None,
        })
    })?;
    let whose = format!("the answer to `{chapter}` / `{exercise}`");
    let kind = answer.get("kind").and_then(|k| k.get_ref().as_str());
    let fields = answer_fields(kind);
    let message = e.message();
    let (span, what) = if let Some(rest) = message.strip_prefix("unknown field `") {
        let key = rest.split('`').next()?;
        let (k, _) = answer.iter().find(|(k, _)| k.get_ref().as_ref() == key)?;
        let names: Vec<&str> = fields.iter().map(|(n, _)| *n).collect();
        let what = match kind {
            Some(kind) => format!(
                "unknown key `{key}`; a {kind} answer has only {}",
                names.join(", ")
            ),
            None => format!("unknown key `{key}`"),
        };
        (k.span(), what)
    } else if message.starts_with("unknown variant") {
        let k = answer.get("kind")?;
        (
            k.span(),
            "unknown `kind`; it must be one of text, list, choice, checklist, scale".to_string(),
        )
    } else if let Some(rest) = message.strip_prefix("missing field `") {
        let key = rest.split('`').next()?;
        (answer_span, format!("missing key `{key}`"))
    } else {
        // A value of the wrong type: the first field, or list item, not shaped as it should be.
        answer.iter().find_map(|(k, v)| {
            let key = k.get_ref().as_ref();
            let (_, shape) = fields.iter().find(|(n, _)| *n == key)?;
            if !shape.fits(v.get_ref()) {
                let what = format!("`{key}` must be {}, not {}", shape.words(), shape_of(v.get_ref()));
                return Some((v.span(), what));
            }
            let DeValue::Array(items) = v.get_ref() else {
                return None;
            };
            let item = items
                .iter()
                .find(|i| !matches!(i.get_ref(), DeValue::String(_)))?;
            let what = format!(
                "each item of `{key}` must be text in quotes, not {}",
                shape_of(item.get_ref())
            );
            Some((item.span(), what))
        })?
    };
    let (line, column) = position(text, span.start);
    Some(format!("line {line}, column {column}: {whose}: {what}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_err(text: &str) -> StoreError {
        decode(text, Path::new("a.toml")).expect_err("should be refused")
    }

    fn reason(text: &str) -> String {
        match decode_err(text) {
            StoreError::BadFile { reason, .. } => reason,
            other => panic!("not BadFile: {other:?}"),
        }
    }

    const HEAD: &str = "schema_version = 3\nworkbook = \"wb\"\n";

    #[test]
    fn empty_answers_and_no_resume_round_trip() {
        let text = encode(&Answers::default(), None, "wb");
        let saved = decode(&text, Path::new("a.toml")).unwrap();
        assert_eq!(
            saved,
            Saved {
                workbook: Some("wb".into()),
                ..Saved::default()
            }
        );
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let r = reason(&format!("{HEAD}\n[answers.one.free\n"));
        assert!(r.starts_with("line 4, column "), "{r}");
    }

    #[test]
    fn unknown_keys_are_refused_everywhere() {
        assert!(reason(&format!("{HEAD}colour = \"red\"\n")).contains("colour"));
        assert!(reason(&format!("{HEAD}[resume]\nchapter = \"a\"\npage = 3\n")).contains("page"));
        let answer = "[answers.c.e]\nchanged = \"t\"\nkind = \"scale\"\nvalue = 2\nmood = 1\n";
        assert!(reason(&format!("{HEAD}{answer}")).contains("mood"));
    }

    #[test]
    fn wrong_types_are_refused() {
        reason(&format!(
            "{HEAD}[answers.c.e]\nchanged = \"t\"\nkind = \"scale\"\nvalue = \"high\"\n"
        ));
        reason(&format!(
            "{HEAD}[answers.c.e]\nchanged = \"t\"\nkind = \"mood\"\n"
        ));
        reason(&format!(
            "{HEAD}[answers.c.e]\nchanged = 5\nkind = \"text\"\ntext = \"x\"\n"
        ));
        reason(&format!("{HEAD}[answers.c.e]\nkind = \"text\"\ntext = \"x\"\n"));
        reason("schema_version = 1\nworkbook = 7\n");
        reason(&format!("{HEAD}answers = 3\n"));
    }

    #[test]
    fn schema_version_is_checked_first() {
        assert!(reason("workbook = \"wb\"\n").contains("no schema_version"));
        assert!(reason("schema_version = \"1\"\n").contains("not a version"));
        assert!(reason("schema_version = 0\n").contains("not a version"));
        // A newer file may have keys and types this build does not know.
        match decode_err("schema_version = 4\nworkbook = \"wb\"\nmood = 1\n") {
            StoreError::NewerSchema { found: 4, .. } => {}
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn answers_over_the_limits_are_refused() {
        let items = "\"\",".repeat(super::super::limits::MAX_ITEMS + 1);
        let r = reason(&format!(
            "{HEAD}[answers.c.e]\nchanged = \"t\"\nkind = \"list\"\nitems = [{items}]\n"
        ));
        assert!(r.contains("more than 10000 items"), "{r}");
    }

    #[test]
    fn reasons_do_not_quote_the_file() {
        let r = reason(&format!(
            "{HEAD}[answers.c.e]\nchanged = \"t\"\nkind = \"text\"\ntext = \"my secret\n"
        ));
        assert!(!r.contains("my secret"), "{r}");
    }
}

//! The JSON export (format `trustbook-export`, version 3; see
//! `docs/export-format.md`), its parser and the checks before an import.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{ExportMeta, shareable};
use std::collections::BTreeMap;

use crate::answers::{Answer, Answers, Value};
use crate::content::Workbook;
use crate::entry::Entry;
use crate::present::clean_line;
use crate::safe;
use crate::store::{DEFAULT_PROFILE, limits, validate_profile};

/// The value of the `format` field that marks a trustbook export.
pub const FORMAT: &str = "trustbook-export";
/// The newest version of the export format this build reads, and writes when an answer
/// needs it (see [`version_for`]).
pub const VERSION: u64 = 3;

/// The version an export of `answers` (with computed `scores` or not) is written in: 3
/// only when it has a field version 2 readers would refuse as unknown: a rating marked
/// "didn't apply" (`na`), item ids of a list or of the list version a rating recorded
/// (`ids`), scores, or the couple's first day of the week (`week`); else 2, so a
/// partner's older trustbook still reads it.
fn version_for(answers: &Answers, scores: bool) -> u64 {
    if scores || answers.week.is_some() {
        return 3;
    }
    let single = answers.single.values().flat_map(|c| c.values());
    let entries = answers
        .entries
        .values()
        .flatten()
        .flat_map(|e| e.answers.values());
    // Marks "didn't apply" and item ids are schema 3: a version 2 reader refuses them.
    let new = |a: &Answer| {
        if let Value::Ratings { na, ids, .. } = &a.value {
            return !na.is_empty() || !ids.is_empty();
        }
        a.value.as_list().is_some_and(|(_, ids)| !ids.is_empty())
    };
    if single.chain(entries).any(new) { 3 } else { 2 }
}

/// The fields every version-1 export has, in the order they are written.
const FIELDS: [&str; 7] = [
    "format",
    "version",
    "workbook",
    "profile",
    "exported",
    "include_private",
    "answers",
];

/// One profile's answers as exported, or as read back from an export file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    /// Id of the workbook the answers belong to.
    pub workbook: String,
    /// Name of the profile that exported them.
    pub profile: String,
    /// Day of the export, `YYYY-MM-DD`.
    pub exported: String,
    /// Whether private answers were included on request; without it the file
    /// holds none.
    pub include_private: bool,
    /// The answers, private ones left out unless `include_private`.
    pub answers: Answers,
}

/// The file as written: field order here is the order in the file.
#[derive(Serialize)]
struct WireOut<'a> {
    format: &'static str,
    version: u64,
    workbook: &'a str,
    profile: &'a str,
    exported: &'a str,
    include_private: bool,
    answers: &'a BTreeMap<String, BTreeMap<String, Answer>>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    entries: &'a BTreeMap<String, Vec<Entry>>,
    /// The day the couple's weeks start on, once set (so the partner files alike).
    #[serde(skip_serializing_if = "Option::is_none")]
    week: Option<&'a crate::week::WeekSetting>,
    /// Each score's value, worked out from the answers in this file; not read back.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    scores: Vec<ScoreOut>,
}

/// One score's computed value in an export (`kind = "score"`).
#[derive(Serialize)]
struct ScoreOut {
    chapter: String,
    exercise: String,
    /// The entry it was worked out in, for a score of a repeated part.
    #[serde(skip_serializing_if = "Option::is_none")]
    entry: Option<String>,
    value: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    band: Option<String>,
    /// For a change: each item's change.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    items: BTreeMap<String, i64>,
}

/// The scores of `wb` over `answers` (those of the export): one per score answered
/// once, one per entry for a score of a repeated part; those still missing an input
/// are left out.
fn scores(wb: &Workbook, answers: &Answers) -> Vec<ScoreOut> {
    use crate::present::score::{Outcome, compute};
    let mut out = Vec::new();
    for ch in &wb.chapters {
        for ex in &ch.exercises {
            let Some(score) = ex.kind.as_score() else {
                continue;
            };
            let mut push = |entry: Option<String>, outcome: Outcome| {
                if let Outcome::Value { value, items, .. } = outcome {
                    out.push(ScoreOut {
                        chapter: ch.id.clone(),
                        exercise: ex.id.clone(),
                        entry,
                        value,
                        band: score.band(value).map(|b| b.label.clone()),
                        items: items.into_iter().collect(),
                    });
                }
            };
            if ch.is_repeated(&ex.id) {
                for e in answers
                    .entries
                    .get(&ch.id)
                    .into_iter()
                    .flatten()
                    .filter(|e| e.deleted.is_none())
                {
                    push(Some(e.id.clone()), compute(score, ch, |id| e.answers.get(id)));
                }
            } else {
                let once = answers.single.get(&ch.id);
                push(None, compute(score, ch, |id| once.and_then(|m| m.get(id))));
            }
        }
    }
    out
}

/// The file as read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireIn {
    #[allow(dead_code)]
    format: String,
    version: u64,
    workbook: String,
    profile: String,
    exported: String,
    include_private: bool,
    answers: BTreeMap<String, BTreeMap<String, Answer>>,
    /// Version 2: chapter id -> entries of its repeated part.
    #[serde(default)]
    entries: BTreeMap<String, Vec<Entry>>,
    /// Computed scores: worked out again from the answers, so not read.
    #[serde(default, rename = "scores")]
    _scores: serde::de::IgnoredAny,
    /// The day the couple's weeks start on, once set (so the partner files alike).
    #[serde(default)]
    week: Option<crate::week::WeekSetting>,
}

impl Export {
    /// The export of `answers`, private ones left out unless `include_private`.
    pub fn new(workbook_id: &str, answers: &Answers, meta: &ExportMeta, include_private: bool) -> Export {
        Export {
            workbook: workbook_id.to_string(),
            profile: meta.profile.clone(),
            exported: meta.date.clone(),
            include_private,
            answers: shareable(answers, include_private),
        }
    }

    /// The export file's text: pretty JSON, keys in a fixed order, ending in a
    /// newline. Parsing it and writing it again gives the same bytes. DEL, C1
    /// controls, bidi controls and invisible format characters are written as
    /// `\uXXXX` escapes (serde_json escapes only C0), so the file shows no raw
    /// control in a terminal or an editor and still reads back to the same text.
    pub fn to_json(&self) -> String {
        self.pretty(Vec::new())
    }

    /// [`Export::to_json`] with the computed scores written after the answers.
    fn pretty(&self, scores: Vec<ScoreOut>) -> String {
        let text = serde_json::to_string_pretty(&self.wire(scores)).expect("answers always serialize");
        escaped_line(&text)
    }

    /// What is written: the answers, the entries, `scores` and the week, under the
    /// format's header, at the lowest version that holds them.
    fn wire(&self, scores: Vec<ScoreOut>) -> WireOut<'_> {
        WireOut {
            format: FORMAT,
            version: version_for(&self.answers, !scores.is_empty()),
            workbook: &self.workbook,
            profile: &self.profile,
            exported: &self.exported,
            include_private: self.include_private,
            answers: &self.answers.single,
            entries: &self.answers.entries,
            scores,
            week: self.answers.week.as_ref(),
        }
    }

    /// The same export on one line: how an imported partner profile is stored (a third of
    /// the size of [`Export::to_json`] for long lists, and read back the same). A partner's
    /// text is untrusted, so controls are escaped here too: opening the stored file in a
    /// terminal or an editor shows them as `\uXXXX`, never raw.
    pub fn to_compact_json(&self) -> String {
        let text = serde_json::to_string(&self.wire(Vec::new())).expect("answers always serialize");
        escaped_line(&text)
    }
}

/// `json` escaped ([`escape_quoted`]) and ended with a newline, as the file is written.
fn escaped_line(json: &str) -> String {
    let mut text = escape_quoted(json);
    text.push('\n');
    text
}

/// `json` with every character [`crate::safe::is_quoted`] written as a `\uXXXX` escape.
/// Outside strings JSON is plain ASCII with no DEL, so any such character is inside a
/// string, where the escape stands for the same character.
fn escape_quoted(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if crate::safe::is_quoted(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// The JSON export of `answers`; see [`Export::to_json`].
pub fn json(wb: &Workbook, answers: &Answers, meta: &ExportMeta, include_private: bool) -> String {
    let export = Export::new(&wb.id, &answers.with_private_sources(wb), meta, include_private);
    export.pretty(scores(wb, &export.answers))
}

/// Why an export file cannot be imported. Its message is for the person at
/// the keyboard: what is wrong and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// The text is not JSON at all.
    NotJson {
        /// Line of the problem, from 1.
        line: usize,
        /// Column of the problem, from 1.
        column: usize,
        /// What the JSON reader said.
        detail: String,
    },
    /// JSON, but without `"format": "trustbook-export"`.
    NotAnExport,
    /// Made by a newer trustbook, in a format version this one cannot read.
    NewerVersion {
        /// The version the file says it has.
        found: u64,
    },
    /// A required field is absent.
    MissingField {
        /// Its name.
        field: &'static str,
    },
    /// A field holds something it may not (a wrong type, an unknown answer kind, ...).
    Invalid {
        /// Line of the problem, from 1.
        line: usize,
        /// Column of the problem, from 1.
        column: usize,
        /// What is wrong.
        detail: String,
    },
    /// The export is for another workbook.
    OtherWorkbook {
        /// The workbook id in the file.
        found: String,
        /// The id of the workbook in use.
        expected: String,
    },
    /// The name to import under is one of the user's own profiles.
    OwnProfile {
        /// That name.
        profile: String,
    },
    /// The export holds more than any workbook's answers could (see [`limits`]).
    TooLarge {
        /// Line of the value over the limit, from 1.
        line: usize,
        /// Column of it, from 1.
        column: usize,
        /// Which limit.
        detail: String,
    },
    /// The `profile` field is not a profile name.
    BadProfileName {
        /// What it holds.
        found: String,
    },
    /// The `exported` field is not a day `YYYY-MM-DD` (or a UTC time starting with one).
    BadDate {
        /// What it holds.
        found: String,
    },
    /// The name to import under is `default`, the user's own profile that plain `trustbook`
    /// opens, even when it has no answers file yet.
    DefaultProfile,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const REMAKE: &str = "Ask for a new export made with `trustbook export --format json`.";
        match self {
            ImportError::NotJson { line, column, detail } => write!(
                f,
                "this file is not a trustbook export: it is not JSON (line {line}, column {column}: {}). {REMAKE}",
                safe::line(detail)
            ),
            ImportError::NotAnExport => write!(
                f,
                "this file is JSON but not a trustbook export: it lacks \"format\": \"{FORMAT}\". {REMAKE}"
            ),
            ImportError::NewerVersion { found } => write!(
                f,
                "this export was made by a newer trustbook (export format version {found}; this one reads version {VERSION}). Update trustbook, then import it again."
            ),
            ImportError::MissingField { field } => write!(
                f,
                "this export is incomplete: it has no \"{field}\". It may have been cut short or edited by hand. {REMAKE}"
            ),
            ImportError::Invalid { line, column, detail } => write!(
                f,
                "this export is damaged at line {line}, column {column}: {}. {REMAKE}",
                safe::line(detail)
            ),
            ImportError::OtherWorkbook { found, expected } => write!(
                f,
                "this export holds answers to another workbook (\"{}\"), not to this one (\"{}\"); answers to different workbooks are never mixed.",
                safe::line(found),
                safe::line(expected)
            ),
            ImportError::OwnProfile { profile } => write!(
                f,
                "\"{}\" is one of your own profiles; importing under that name would mix a partner's answers with yours. Choose another name with --profile.",
                safe::line(profile)
            ),
            ImportError::TooLarge { line, column, detail } => write!(
                f,
                "this export is larger than any workbook's answers can be (line {line}, column {column}: {}). It was not read further. {REMAKE}",
                clean_line(detail.strip_prefix(limits::MARK).unwrap_or(detail))
            ),
            ImportError::BadProfileName { found } => write!(
                f,
                "this export's \"profile\" (\"{}\") is not a profile name; it may have been edited by hand. {REMAKE}",
                clean_line(found)
            ),
            ImportError::BadDate { found } => write!(
                f,
                "this export's \"exported\" (\"{}\") is not a date like 2026-11-26; it may have been edited by hand. {REMAKE}",
                clean_line(found)
            ),
            ImportError::DefaultProfile => write!(
                f,
                "\"{DEFAULT_PROFILE}\" is the name of your own profile, the one plain `trustbook` opens, even before it has answers; a partner imported under it would keep you out of it. Import under your partner's name instead, e.g. --profile sam."
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// serde_json's message without its trailing " at line L column C".
fn detail(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&suffix).unwrap_or(&text).to_string()
}

/// Reads an export file's text. Checks, in order: that it is JSON, that it is
/// a trustbook export, that its version is one this build reads, that every
/// field is there, and that every field and answer has the right shape.
///
/// A UTF-8 byte order mark at the start is skipped (as in answers files), and every value
/// is checked against the [`limits`] while reading, before anything is built from it.
pub fn parse_json(text: &str) -> Result<Export, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    limits::check(&mut serde_json::Deserializer::from_str(text)).map_err(|e| {
        let message = detail(&e);
        if limits::is_limit(&message) {
            ImportError::TooLarge {
                line: e.line(),
                column: e.column(),
                detail: message,
            }
        } else {
            ImportError::NotJson {
                line: e.line(),
                column: e.column(),
                detail: message,
            }
        }
    })?;
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| ImportError::NotJson {
        line: e.line(),
        column: e.column(),
        detail: detail(&e),
    })?;
    let Some(object) = value.as_object() else {
        return Err(ImportError::NotAnExport);
    };
    if object.get("format").and_then(serde_json::Value::as_str) != Some(FORMAT) {
        return Err(ImportError::NotAnExport);
    }
    if let Some(found) = object.get("version").and_then(serde_json::Value::as_u64)
        && found > VERSION
    {
        return Err(ImportError::NewerVersion { found });
    }
    if let Some(field) = FIELDS.into_iter().find(|f| !object.contains_key(*f)) {
        return Err(ImportError::MissingField { field });
    }
    // Read again, typed, so a wrong field is reported at its position.
    let wire: WireIn = serde_json::from_str(text).map_err(|e| ImportError::Invalid {
        line: e.line(),
        column: e.column(),
        detail: detail(&e),
    })?;
    if !(1..=VERSION).contains(&wire.version) || (wire.version == 1 && !wire.entries.is_empty()) {
        let (line, column) = position_of(text, "\"version\"");
        return Err(ImportError::Invalid {
            line,
            column,
            detail: format!("there is no export format version {}", wire.version),
        });
    }
    Ok(Export {
        workbook: wire.workbook,
        profile: wire.profile,
        exported: wire.exported,
        include_private: wire.include_private,
        answers: {
            let mut a = Answers::from_single(wire.answers);
            a.entries = wire.entries;
            a.week = wire.week;
            // An export of an earlier version has no item ids: they come from the texts.
            a.give_ids();
            for list in a.entries.values_mut() {
                list.sort_by(|x, y| x.id.cmp(&y.id));
            }
            a
        },
    })
}

/// Line and column (from 1) of the first occurrence of `needle`, or (1, 1).
fn position_of(text: &str, needle: &str) -> (usize, usize) {
    let Some(at) = text.find(needle) else {
        return (1, 1);
    };
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Refuses an export made for another workbook than `workbook_id`, or whose `profile` is
/// not a profile name or whose `exported` is not a date.
pub fn check_import(export: &Export, workbook_id: &str) -> Result<(), ImportError> {
    if export.workbook != workbook_id {
        return Err(ImportError::OtherWorkbook {
            found: export.workbook.clone(),
            expected: workbook_id.to_string(),
        });
    }
    if validate_profile(&export.profile).is_err() {
        return Err(ImportError::BadProfileName {
            found: export.profile.clone(),
        });
    }
    if !is_date(&export.exported) {
        return Err(ImportError::BadDate {
            found: export.exported.clone(),
        });
    }
    Ok(())
}

/// True for `YYYY-MM-DD` (a real month and day), alone or followed by `THH:MM:SSZ`.
fn is_date(text: &str) -> bool {
    let (day, time) = match text.split_once('T') {
        Some((day, time)) => (day, Some(time)),
        None => (text, None),
    };
    let number = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let mut parts = day.split('-');
    let (Some(y), Some(m), Some(d), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let day_ok = number(y, 4).is_some()
        && number(m, 2).is_some_and(|m| (1..=12).contains(&m))
        && number(d, 2).is_some_and(|d| (1..=31).contains(&d));
    let time_ok = time.is_none_or(|t| {
        let Some(t) = t.strip_suffix('Z') else {
            return false;
        };
        let mut parts = t.split(':');
        matches!(
            (parts.next(), parts.next(), parts.next(), parts.next()),
            (Some(h), Some(mi), Some(s), None)
                if number(h, 2).is_some_and(|h| h < 24)
                    && number(mi, 2).is_some_and(|m| m < 60)
                    && number(s, 2).is_some_and(|s| s < 61)
        )
    });
    day_ok && time_ok
}

/// Refuses to import under `target` when it names one of the user's own
/// profiles (`own`, as the store lists them) or is `default` (the user's own
/// profile even before its file exists), so an import never replaces or
/// shadows the user's answers. The caller runs this, and [`check_import`],
/// before writing anything.
pub fn check_target<'a>(target: &str, own: impl IntoIterator<Item = &'a str>) -> Result<(), ImportError> {
    if target == DEFAULT_PROFILE {
        Err(ImportError::DefaultProfile)
    } else if own.into_iter().any(|p| p == target) {
        Err(ImportError::OwnProfile {
            profile: target.to_string(),
        })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Value;

    #[test]
    fn escapes_what_serde_leaves_raw_and_reads_it_back() {
        let hostile = "a\u{1b}[31m\u{7f}\u{9b}\u{202e}\u{2066}\u{200b}\u{feff}\u{ad}é信👍🏽";
        let mut answers = Answers::default();
        answers.set(
            "c",
            "e",
            Value::Text {
                text: hostile.to_string(),
            },
            "2026-01-01T00:00:00Z".into(),
        );
        let meta = ExportMeta {
            profile: format!("p{hostile}"),
            date: "2026-01-01".into(),
        };
        let exp = Export::new("wb", &answers, &meta, false);
        let text = exp.to_json();
        assert!(
            text.contains(r"a\u001b[31m\u007f\u009b\u202e\u2066\u200b\ufeff\u00adé信👍🏽"),
            "{text}"
        );
        assert!(!text.chars().any(|c| c != '\n' && safe::is_quoted(c)), "{text}");
        let back = parse_json(&text).expect("reads back");
        assert_eq!(back, exp);
        assert_eq!(back.to_json(), text);
    }
}

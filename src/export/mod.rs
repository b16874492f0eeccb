//! Taking answers out of the app, and a partner's back in: the Markdown
//! document, the versioned JSON export and the checks an import must pass.
//!
//! All of it is pure: callers pass the date and write the result themselves.
//! The JSON format is described in `docs/export-format.md`.

mod json;
mod markdown;

pub use json::{Export, FORMAT, ImportError, VERSION, check_import, check_target, json, parse_json};
pub use markdown::{markdown, markdown_part};

use std::collections::BTreeMap;

use crate::answers::{Answer, Answers};
use crate::entry::Entry;

/// What an export records besides the answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportMeta {
    /// The profile whose answers these are.
    pub profile: String,
    /// The day of the export, `YYYY-MM-DD` (RFC 3339 full-date), passed in so
    /// the output is deterministic.
    pub date: String,
}

/// Which part of a profile's answers an export holds (`--chapter`, `--since`); the
/// default is all of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// Only this chapter's answers and entries, by chapter id.
    pub chapter: Option<String>,
    /// Only entries whose day ([`Entry::day`]) is on or after this one, in days since
    /// 1970-01-01. Answers given once are all kept: they have no day of their own.
    pub since: Option<i64>,
}

/// The answers in `scope`: those of its chapter (if it names one), with the entries
/// before its `since` day left out.
pub fn select(answers: &Answers, scope: &Scope) -> Answers {
    let mut out = answers.clone();
    if let Some(chapter) = &scope.chapter {
        out.single.retain(|c, _| c == chapter);
        out.entries.retain(|c, _| c == chapter);
    }
    if let Some(since) = scope.since {
        for list in out.entries.values_mut() {
            list.retain(|e| e.day() >= since);
        }
        out.entries.retain(|_, list| !list.is_empty());
    }
    out
}

/// The answers an export may show: all of them with `include_private`,
/// otherwise those not marked private.
pub fn shareable(answers: &Answers, include_private: bool) -> Answers {
    let keep = |exercises: &BTreeMap<String, Answer>| -> BTreeMap<String, Answer> {
        exercises
            .iter()
            .filter(|(_, a)| include_private || !a.private)
            .map(|(id, a)| {
                let mut a = a.clone();
                // A skip shares only the skip; what was written before it is kept in
                // exports that include everything (private answers too).
                if a.skipped && !include_private {
                    a.value = crate::answers::Value::Empty {};
                }
                (id.clone(), a)
            })
            .collect()
    };
    let mut out = Answers::default();
    for (chapter, exercises) in &answers.single {
        let kept = keep(exercises);
        if !kept.is_empty() {
            out.single.insert(chapter.clone(), kept);
        }
    }
    // Deleted entries stay at home, and so does an entry whose answers are all private:
    // that it exists is private too.
    for (chapter, entries) in &answers.entries {
        let kept: Vec<Entry> = entries
            .iter()
            .filter(|e| e.is_live())
            .map(|e| Entry {
                answers: keep(&e.answers),
                ..e.clone()
            })
            .filter(|e| !e.answers.is_empty())
            .collect();
        if !kept.is_empty() {
            out.entries.insert(chapter.clone(), kept);
        }
    }
    // The couple's week start is theirs together, not an answer: it travels with every
    // share and export, so both partners file a check-in under the same week.
    out.week = answers.week.clone();
    out
}

/// Number of answers marked private.
pub fn private_count(answers: &Answers) -> usize {
    let entries = answers.entries.values().flatten().filter(|e| e.is_live());
    answers
        .single
        .values()
        .chain(entries.map(|e| &e.answers))
        .flat_map(|e| e.values())
        .filter(|a| a.private)
        .count()
}

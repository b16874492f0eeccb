//! Taking answers out of the app, and a partner's back in: the Markdown
//! document, the versioned JSON export and the checks an import must pass.
//!
//! All of it is pure: callers pass the date and write the result themselves.
//! The JSON format is described in `docs/export-format.md`.

mod json;
mod markdown;

pub use json::{Export, FORMAT, ImportError, VERSION, check_import, check_target, json, parse_json};
pub use markdown::markdown;

use crate::answers::{Answer, Answers};

/// What an export records besides the answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportMeta {
    /// The profile whose answers these are.
    pub profile: String,
    /// The day of the export, `YYYY-MM-DD` (RFC 3339 full-date), passed in so
    /// the output is deterministic.
    pub date: String,
}

/// The answers an export may show: all of them with `include_private`,
/// otherwise those not marked private.
pub fn shareable(answers: &Answers, include_private: bool) -> Answers {
    let mut out = Answers::default();
    for (chapter, exercises) in &answers.0 {
        let kept: std::collections::BTreeMap<String, Answer> = exercises
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
            .collect();
        if !kept.is_empty() {
            out.0.insert(chapter.clone(), kept);
        }
    }
    out
}

/// Number of answers marked private.
pub fn private_count(answers: &Answers) -> usize {
    answers
        .0
        .values()
        .flat_map(|e| e.values())
        .filter(|a| a.private)
        .count()
}

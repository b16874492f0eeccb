//! A checklist answer's value: the ticked options, by their text, and "other, in my
//! own words".

use crate::content::Kind;

/// True when nothing is ticked and "other" holds no words.
pub fn is_empty(ticked: &[String], other: Option<&str>) -> bool {
    ticked.is_empty() && other.is_none_or(|o| o.trim().is_empty())
}

/// True when a checklist (not empty) completes an exercise of `kind`: any tick does,
/// on a checklist exercise.
pub fn done(kind: &Kind) -> bool {
    kind.as_checklist().is_some()
}

//! A choice answer's value: one option, by its text, or the "other" answer.

use crate::content::Kind;

/// True when neither an option nor "other" is chosen.
pub fn is_empty(option: Option<&str>, other: Option<&str>) -> bool {
    option.is_none() && other.is_none()
}

/// True when an option is chosen, or "other" with words typed, on a choice exercise.
pub fn done(option: Option<&str>, other: Option<&str>, kind: &Kind) -> bool {
    let typed = other.is_some_and(|o| !o.trim().is_empty());
    (option.is_some() || typed) && kind.as_choice().is_some()
}

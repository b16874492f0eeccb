//! A date answer's value: a calendar day as `YYYY-MM-DD`.

use crate::content::Kind;

/// True when the day holds nothing but white space.
pub fn is_empty(date: &str) -> bool {
    date.trim().is_empty()
}

/// True when the day is a real one, on a date exercise.
pub fn done(date: &str, kind: &Kind) -> bool {
    matches!(kind, Kind::Date) && crate::date::parse(date).is_some()
}

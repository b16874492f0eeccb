//! A scale answer's value: the point picked.

use crate::content::Kind;

/// Never: a point picked is an answer, whichever it is (an untouched scale has no
/// value at all, see [`super::empty_value`]).
pub fn is_empty(_value: i64) -> bool {
    false
}

/// True when the point lies on the exercise's scale.
pub fn done(value: i64, kind: &Kind) -> bool {
    kind.as_scale().is_some_and(|s| (s.min..=s.max).contains(&value))
}

//! A text answer's value: free text, lines joined by `\n`.

use crate::content::Kind;

/// True when the text holds nothing but white space.
pub fn is_empty(text: &str) -> bool {
    text.trim().is_empty()
}

/// True when a text (not empty) completes an exercise of `kind`: any text does, for a
/// text exercise.
pub fn done(kind: &Kind) -> bool {
    matches!(kind, Kind::Text)
}

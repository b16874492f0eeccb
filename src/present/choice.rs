//! How a choice answer reads: the option picked, or the person's own words.

use super::{Piece, clean_line, words};

/// A choice answer's pieces: the chosen option, then `Other: ...` when given.
pub fn pieces(option: Option<&str>, other: Option<&str>) -> Vec<Piece> {
    let mut out = Vec::new();
    if let Some(o) = option {
        out.push(Piece::Paragraph(vec![clean_line(o)]));
    }
    if let Some(o) = other {
        out.push(Piece::Paragraph(vec![words::other(&clean_line(o))]));
    }
    out
}

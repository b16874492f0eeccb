//! How a date answer reads: the day as stored.

use super::{Piece, clean_line};

/// A date answer's pieces: the day, `YYYY-MM-DD`.
pub fn pieces(date: &str) -> Vec<Piece> {
    vec![Piece::Paragraph(vec![clean_line(date)])]
}

//! How a text answer reads: its paragraphs.

use super::{Piece, paragraphs};

/// A text answer's pieces: its paragraphs, as the person broke them.
pub fn pieces(text: &str) -> Vec<Piece> {
    paragraphs(text).into_iter().map(Piece::Paragraph).collect()
}

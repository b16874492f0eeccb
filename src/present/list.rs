//! How a list answer reads: one item per entry that has words.

use super::{Piece, clean_line};

/// A list answer's pieces: one item per non-empty entry, in the person's order.
pub fn pieces(items: &[String]) -> Vec<Piece> {
    items
        .iter()
        .map(|i| clean_line(i))
        .filter(|i| !i.is_empty())
        .map(Piece::Item)
        .collect()
}

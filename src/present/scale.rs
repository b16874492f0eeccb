//! How a scale answer reads, and its column in a table of values by date.

use super::{Column, Piece, clean_line, unit_of, words};
use crate::content::{Exercise, ScaleView};

/// A scale answer's pieces: `7 / 10 (0 = Not at all, 10 = Completely)`, both ends'
/// labels, so a value in the middle is not read as either end. Under another kind
/// (`scale` is `None`: the workbook changed), the number alone.
pub fn pieces(scale: Option<ScaleView<'_>>, value: i64) -> Vec<Piece> {
    let line = match scale {
        Some(s) => words::scale(
            &crate::content::with_unit(value, s.unit.map(clean_line).as_deref()),
            (s.min, &clean_line(s.min_label)),
            (s.max, &clean_line(s.max_label)),
        ),
        None => value.to_string(),
    };
    vec![Piece::Paragraph(vec![line])]
}

/// A scale exercise's one column: its title, with the range and unit.
pub fn column<'a>(ex: &'a Exercise, scale: ScaleView<'_>) -> Column<'a> {
    Column {
        exercise: &ex.id,
        item: None,
        head: words::column_head(
            &clean_line(&ex.title),
            (scale.min, scale.max),
            unit_of(scale.unit),
        ),
        score: None,
    }
}

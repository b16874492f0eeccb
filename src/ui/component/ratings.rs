//! Ratings: the scale's ends, then one row per item with its value, the item
//! being rated highlighted.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Paragraph};

use super::{draw_rows, option_item};
use crate::answers::Value;
use crate::app::{RatingsAnswer, ratings_of};
use crate::content::Kind;
use crate::ui::{Theme, text};

/// Draws the items with their stored values, the cursor's row highlighted.
pub fn draw(
    frame: &mut Frame,
    theme: &Theme,
    area: Rect,
    r: &RatingsAnswer,
    kind: &Kind,
    value: Option<&Value>,
) {
    let Kind::Ratings {
        items,
        min,
        max,
        min_label,
        max_label,
        unit,
        ..
    } = kind
    else {
        return;
    };
    let ratings = ratings_of(value);
    let [ends, rows_area, status] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(
            text::rating_ends(*min, min_label, *max, max_label),
            theme.dim(),
        ))),
        ends,
    );
    let shown = |v: i64| crate::content::with_unit(v, unit.as_deref());
    let digits = shown(*min).chars().count().max(shown(*max).chars().count());
    // "[ 7] " or "[  ] ": brackets as well as colour, so values show without colour.
    let marks: Vec<(String, bool)> = items
        .iter()
        .map(|i| match ratings.and_then(|m| m.get(i)) {
            Some(v) => (format!("[{:>digits$}] ", shown(*v)), true),
            None => (format!("[{}] ", " ".repeat(digits)), false),
        })
        .collect();
    let width = usize::from(rows_area.width).saturating_sub(2 + digits + 3);
    let rows: Vec<ListItem> = items
        .iter()
        .zip(&marks)
        .map(|(i, (mark, on))| option_item(mark, i, *on, width, theme))
        .collect();
    draw_rows(frame, theme, rows_area, rows, Some(r.cursor));
    let rated = items
        .iter()
        .filter(|i| ratings.is_some_and(|m| m.get(*i).is_some_and(|v| (*min..=*max).contains(v))))
        .count();
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(
            text::ratings_status(rated, items.len()),
            theme.dim(),
        ))),
        status,
    );
}

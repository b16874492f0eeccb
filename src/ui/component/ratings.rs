//! Ratings: the scale's ends, then one row per item with its value, the item
//! being rated highlighted.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Paragraph};

use unicode_width::UnicodeWidthStr;

use super::{draw_rows, field_rows, option_item};
use crate::answers::Value;
use crate::app::{Context, Edit, RatingsAnswer, field, keys, not_applied, ratings_of};
use crate::content::{Kind, RatingsView};
use crate::ui::{Theme, text};

/// Draws the items with their stored values, the cursor's row highlighted; a note
/// when the list the items come from is still empty; the field of a new own item.
pub fn draw(
    frame: &mut Frame,
    theme: &Theme,
    area: Rect,
    r: &RatingsAnswer,
    kind: &Kind,
    value: Option<&Value>,
) {
    let Some(RatingsView {
        min,
        max,
        min_label,
        max_label,
        unit,
        ..
    }) = kind.as_ratings()
    else {
        return;
    };
    let ratings = ratings_of(value);
    let na = not_applied(value);
    let is_na = |i: &String| na.is_some_and(|n| n.contains(i));
    let rows_stored = r.rows(value);
    let items = item_texts(r, value, &rows_stored, &is_na);
    let width = usize::from(area.width);
    let note: Vec<String> = r
        .empty_list
        .as_deref()
        .map(|title| crate::present::wrap(&text::ratings_list_empty(title), width))
        .unwrap_or_default();
    let field_w = area.width.saturating_sub(text::NEW_ITEM.width() as u16);
    let field_h = r
        .adding
        .as_ref()
        .map_or(0, |f| field_rows(&field::field_text(f), field_w).min(3));
    let shown = |v: i64| crate::content::with_unit(v, unit);
    let digits = shown(min).chars().count().max(shown(max).chars().count());
    let width = usize::from(area.width).saturating_sub(2 + digits + 3);
    let tall = rows_tall(&items, width, usize::from(area.height));
    // The field of a new item right under the items, the count at the bottom.
    let [ends, note_area, rows_area, field_area, _, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(note.len() as u16),
        Constraint::Max(u16::try_from(tall).unwrap_or(u16::MAX)),
        Constraint::Length(field_h as u16),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(
            text::rating_ends(min, min_label, max, max_label),
            theme.dim(),
        ))),
        ends,
    );
    let note: Vec<Line> = note.into_iter().map(Line::raw).collect();
    frame.render_widget(Paragraph::new(note), note_area);
    let cursor = (!items.is_empty() && r.adding.is_none()).then_some(r.cursor);
    let shown_rows = visible(&items, cursor, width, usize::from(rows_area.height));
    let marks: Vec<(String, bool)> = shown_rows
        .clone()
        .map(|row| {
            let item = &rows_stored[row];
            let stored = ratings.and_then(|m| m.get(item)).map(|v| shown(*v));
            let proposed = r.proposed.filter(|(at, _)| *at == row).map(|(_, v)| shown(v));
            mark(stored, is_na(item), proposed, digits)
        })
        .collect();
    let rows: Vec<ListItem> = items[shown_rows.clone()]
        .iter()
        .zip(&marks)
        .map(|(i, (mark, on))| option_item(mark, i, *on, width, theme))
        .collect();
    draw_rows(
        frame,
        theme,
        rows_area,
        rows,
        cursor.map(|c| c - shown_rows.start),
    );
    if let Some(f) = &r.adding {
        draw_new_item(frame, theme, f, field_area);
    }
    let rated = rows_stored
        .iter()
        .filter(|i| is_na(i) || ratings.is_some_and(|m| m.get(*i).is_some_and(|v| (min..=max).contains(v))))
        .count();
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(
            status_line(r, items.len(), rated, &shown),
            theme.dim(),
        ))),
        status,
    );
}

/// The items' texts as shown: an item marked "didn't apply" says so in the workbook's
/// words after its text.
fn item_texts(
    r: &RatingsAnswer,
    value: Option<&Value>,
    rows: &[String],
    is_na: &dyn Fn(&String) -> bool,
) -> Vec<String> {
    let na_label = r
        .na_label
        .as_deref()
        .map(crate::present::clean_line)
        .unwrap_or_default();
    // An item of a past week rated under another wording than it has now says which.
    let was = if let Some(Value::Ratings { was, .. }) = value {
        Some(was)
    } else {
        None
    };
    rows.iter()
        .map(|i| {
            let named = match was.and_then(|w| w.get(i)) {
                Some(old) => crate::present::words::was(i, &crate::present::clean_line(old)),
                None => i.clone(),
            };
            if is_na(i) {
                text::rated_not_applied(&named, &na_label)
            } else {
                named
            }
        })
        .collect()
}

/// How many lines the items take at `width`, counted only until they pass `room`: a
/// partner's list may hold 10,000 items, and this runs for every frame. Rows past the
/// area's height change nothing below.
fn rows_tall(items: &[String], width: usize, room: usize) -> usize {
    let mut tall = 0;
    for i in items {
        if tall > room {
            break;
        }
        tall += crate::present::wrap(i, width).len();
    }
    tall
}

/// The field of a new own item, after its label.
fn draw_new_item(frame: &mut Frame, theme: &Theme, f: &field::Field, area: Rect) {
    let [label, rest] = Layout::horizontal([
        Constraint::Length(text::NEW_ITEM.width() as u16),
        Constraint::Min(1),
    ])
    .areas(area);
    frame.render_widget(Span::styled(text::NEW_ITEM, theme.key()), label);
    super::draw_field(frame, f, rest);
}

/// The mark before an item, and whether it holds a value: "[ 7] " for a stored value,
/// "[ -] " for one marked "didn't apply", "< 5> " for the value the arrows propose,
/// "[  ] " for none. Brackets as well as colour, so values show without colour.
fn mark(stored: Option<String>, na: bool, proposed: Option<String>, digits: usize) -> (String, bool) {
    match (stored, proposed) {
        (Some(v), _) => (format!("[{v:>digits$}] "), true),
        (None, _) if na => (format!("[{:>digits$}] ", "-"), true),
        // What the arrows point at, not picked yet: angle brackets, not square.
        (None, Some(v)) => (format!("<{v:>digits$}> "), false),
        (None, None) => (format!("[{}] ", " ".repeat(digits)), false),
    }
}

/// The line under the items: how many are rated, the value proposed, or how to add
/// one's own items to an empty list.
fn status_line(r: &RatingsAnswer, items: usize, rated: usize, shown: &dyn Fn(i64) -> String) -> String {
    match (items == 0, r.takes_own()) {
        (true, true) => text::ratings_add_own(keys::label_of(Context::RatingsOwn, &Edit::AddItem.into())),
        // The note above says why there is nothing to rate.
        (true, false) => String::new(),
        (false, _) => match r.proposed {
            Some((_, v)) => text::scale_proposed(&shown(v)),
            None => text::ratings_status(rated, items),
        },
    }
}

/// The rows that show in `height` lines with the cursor's row on screen, as the list
/// widget would scroll to it from the top: from the first row while the cursor's row
/// fits below it, else ending at the cursor's row. Only these are wrapped and drawn.
fn visible(items: &[String], cursor: Option<usize>, width: usize, height: usize) -> std::ops::Range<usize> {
    let lines = |i: &String| crate::present::wrap(i, width).len().max(1);
    let cursor = cursor.unwrap_or(0).min(items.len().saturating_sub(1));
    // Back from the cursor while the rows fit.
    let mut start = cursor;
    let mut used = items.get(cursor).map_or(0, lines);
    while start > 0 {
        let more = lines(&items[start - 1]);
        if used + more > height {
            break;
        }
        used += more;
        start -= 1;
    }
    // Then on past the cursor to fill the rest.
    let mut end = (cursor + 1).min(items.len());
    while end < items.len() && used < height {
        used += lines(&items[end]);
        end += 1;
    }
    start..end
}

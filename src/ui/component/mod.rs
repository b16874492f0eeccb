//! Drawing the answer box of an exercise, one file per kind.

mod checklist;
mod choice;
mod list;
mod scale;
mod text;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{HighlightSpacing, List, ListItem, ListState};

use super::Theme;
use crate::answers::Value;
use crate::app::Component;
use crate::app::field::{self, Field};
use crate::content::Kind;
use crate::safe;

/// Draws an answer field. A field holding characters that must never reach the terminal
/// raw (a bidi override or ESC from a hand-edited answers file, ...) is drawn from a copy
/// showing one visible placeholder for each (see [`safe::placeholders`]), so the cursor
/// stays on the same character and the answer itself is never changed.
pub fn draw_field(frame: &mut Frame, field: &Field, area: Rect) {
    let lines: Vec<_> = field.lines().iter().map(|l| safe::placeholders(l)).collect();
    if lines.iter().all(|l| matches!(l, std::borrow::Cow::Borrowed(_))) {
        frame.render_widget(field, area);
        return;
    }
    // Drawn off-screen first: that records the field's scroll position, which the app reads.
    let mut scratch = ratatui::buffer::Buffer::empty(area);
    ratatui::widgets::Widget::render(field, area, &mut scratch);
    let mut shown = field::text_area(&lines.join("\n"));
    let (top, left) = field.scroll_offset();
    let delta = |n: u16| i16::try_from(n).unwrap_or(i16::MAX);
    shown.scroll((delta(top), delta(left)));
    let ratatui_textarea::DataCursor(row, col) = field.cursor();
    let clamp = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
    shown.move_cursor(ratatui_textarea::CursorMove::Jump(clamp(row), clamp(col)));
    frame.render_widget(&shown, area);
}

/// Rows a one-line field needs at `width` columns: its text wrapped, with room
/// for the cursor after the last character.
fn field_rows(text: &str, width: u16) -> usize {
    let width = usize::from(width).max(1);
    let rows = crate::present::wrap(text, width);
    let full = rows
        .last()
        .is_some_and(|r| unicode_width::UnicodeWidthStr::width(r.as_str()) >= width);
    rows.len().max(1) + usize::from(full)
}

/// Draws `component` (the exercise of kind `kind`, stored `value`) into `area`.
pub fn draw(
    frame: &mut Frame,
    theme: &Theme,
    area: Rect,
    component: &Component,
    kind: &Kind,
    value: Option<&Value>,
) {
    match component {
        Component::Text(t) => text::draw(frame, theme, area, t),
        Component::List(l) => list::draw(frame, theme, area, l, kind),
        Component::Choice(c) => choice::draw(frame, theme, area, c, kind, value),
        Component::Checklist(c) => checklist::draw(frame, theme, area, c, kind, value),
        Component::Scale(_) => scale::draw(frame, theme, area, kind, value),
        Component::Page => {}
    }
}

/// A list of rows with a highlighted one, scrolled so it stays in view.
fn draw_rows(frame: &mut Frame, theme: &Theme, area: Rect, rows: Vec<ListItem>, cursor: Option<usize>) {
    // The marker column is kept even with nothing selected, so rows never shift.
    let list = List::new(rows)
        .highlight_style(theme.selected())
        .highlight_symbol("› ")
        .highlight_spacing(HighlightSpacing::Always);
    let mut state = ListState::default().with_selected(cursor);
    frame.render_stateful_widget(list, area, &mut state);
}

/// One option of a choice or checklist: its mark, then its text wrapped under itself.
fn option_item<'a>(mark: &'a str, option: &str, on: bool, width: usize, theme: &Theme) -> ListItem<'a> {
    let style = if on { theme.chosen() } else { Style::default() };
    let lines: Vec<Line> = crate::present::wrap(option, width)
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let lead = if i == 0 {
                Span::styled(mark, style)
            } else {
                Span::raw("    ")
            };
            Line::from(vec![lead, Span::styled(l, style)])
        })
        .collect();
    ListItem::new(Text::from(lines))
}

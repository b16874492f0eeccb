//! Drawing the answer box of an exercise, one file per kind.

mod checklist;
mod choice;
mod date;
mod list;
mod ratings;
mod scale;
mod score;
mod text;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{HighlightSpacing, List, ListItem, ListState};

use super::Theme;
use crate::answers::Value;
use crate::app::Component;
use crate::app::field::Field;
use crate::content::Kind;
use crate::safe;

/// Draws an answer field: only its visible rows, wrapped by the app's one rule, with
/// "↑"/"↓" in the right-hand column while text is hidden above or below. A row holding
/// characters that must never reach the terminal raw (a bidi override or ESC from a
/// hand-edited answers file, ...) is drawn showing one visible placeholder for each
/// (see [`safe::placeholders`]); the answer itself is never changed.
pub fn draw_field(frame: &mut Frame, field: &Field, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    // One column is kept for the scroll markers, so text never moves under them.
    let text_w = area.width.saturating_sub(1).max(1);
    let view = field.view(usize::from(text_w), usize::from(area.height));
    let paras = field.paragraphs();
    let buf = frame.buffer_mut();
    for (y, (p, range)) in (area.y..).zip(&view.rows) {
        let row = paras.get(*p).and_then(|t| t.get(range.clone())).unwrap_or("");
        super::wrap::set_row(buf, area.x, y, &safe::placeholders(row), text_w);
    }
    let marker_x = area.x + area.width - 1;
    if view.above && area.width > 1 {
        buf.set_string(marker_x, area.y, "↑", Style::default());
    }
    if view.below && area.width > 1 {
        buf.set_string(marker_x, area.y + area.height - 1, "↓", Style::default());
    }
    if let Some((row, byte)) = view.cursor
        && let Some((p, range)) = view.rows.get(row)
    {
        let para = paras.get(*p).map_or("", String::as_str);
        let before = para.get(range.start..byte).unwrap_or("");
        let col = unicode_width::UnicodeWidthStr::width(&*safe::placeholders(before));
        let col = u16::try_from(col).unwrap_or(u16::MAX).min(text_w - 1);
        let y = area.y + u16::try_from(row).unwrap_or(0);
        frame.set_cursor_position((area.x + col, y));
    }
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
        Component::Scale(s) => scale::draw(frame, theme, area, kind, value, s.proposed),
        Component::Ratings(r) => ratings::draw(frame, theme, area, r, kind, value),
        Component::Date(d) => date::draw(frame, theme, area, d, value),
        Component::Page(_) => {}
        Component::Score(s) => score::draw(frame, theme, area, s.lines()),
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

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
use crate::content::Kind;

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

//! A single choice: options with the pick marked, and "other, namely".

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Clear, HighlightSpacing, List, ListItem, ListState};

use super::{field_rows, option_item};
use crate::answers::Value;
use crate::app::{ChoiceAnswer, field};
use crate::content::Kind;
use crate::ui::{Theme, text};

/// Draws the options, the "other" row and, while it is typed, its field.
pub fn draw(
    frame: &mut Frame,
    theme: &Theme,
    area: Rect,
    c: &ChoiceAnswer,
    kind: &Kind,
    value: Option<&Value>,
) {
    let Kind::Choice { options, other } = kind else {
        return;
    };
    let has_other = *other;
    let (chosen, other_text) = match value {
        Some(Value::Choice { option, other }) => (option.as_deref(), other.as_deref()),
        Some(_) | None => (None, None),
    };
    let field = c.other.as_ref();
    let mark = |on: bool| if on { "(•) " } else { "( ) " };
    let width = usize::from(area.width).saturating_sub(2 + 4);
    let mut rows: Vec<ListItem> = options
        .iter()
        .map(|o| {
            let on = chosen == Some(o.as_str());
            option_item(mark(on), o, on, width, theme)
        })
        .collect();
    let mut heights: Vec<usize> = options
        .iter()
        .map(|o| crate::present::wrap(o, width).len())
        .collect();
    if has_other {
        let on = other_text.is_some();
        let shown = if field.is_some() {
            ""
        } else {
            other_text.unwrap_or("")
        };
        let label = format!("{} {shown}", text::OTHER);
        match field {
            // Rows left for the field as tall as its text wraps, so it shows from the start.
            Some(f) => {
                let h =
                    field_rows(&field::field_text(f), other_width(area)).min(usize::from(area.height.max(1)));
                heights.push(h);
                let mut lines = vec![Line::from(Span::raw(format!("{}{}", mark(on), text::OTHER)))];
                lines.resize(h, Line::raw(""));
                rows.push(ListItem::new(Text::from(lines)));
            }
            None => {
                heights.push(crate::present::wrap(&label, width).len());
                rows.push(option_item(mark(on), &label, on, width, theme));
            }
        }
    }
    let list = List::new(rows)
        .highlight_style(theme.selected())
        .highlight_symbol("› ")
        .highlight_spacing(HighlightSpacing::Always);
    let mut state = ListState::default().with_selected(Some(c.cursor));
    frame.render_stateful_widget(list, area, &mut state);
    if let Some(field) = field {
        // The field sits on the "other" row, after the label, wherever the list scrolled it.
        let above: usize = heights.iter().take(c.cursor).skip(state.offset()).sum();
        let y = area.y + above as u16;
        let h = heights.get(c.cursor).copied().unwrap_or(1) as u16;
        let h = h.min(area.bottom().saturating_sub(y));
        if h > 0 {
            let x = other_x(area);
            let rect = Rect {
                x,
                y,
                width: area.right().saturating_sub(x),
                height: h,
            };
            frame.render_widget(Clear, rect);
            super::draw_field(frame, field, rect);
        }
    }
}

/// Where the "other" field starts: after the mark, the option mark and the label.
fn other_x(area: Rect) -> u16 {
    area.x + 2 + 4 + unicode_width::UnicodeWidthStr::width(text::OTHER) as u16 + 1
}

/// Columns the "other" field has.
fn other_width(area: Rect) -> u16 {
    area.right().saturating_sub(other_x(area))
}

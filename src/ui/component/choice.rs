//! A single choice: options with the pick marked, and "other, namely".

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{HighlightSpacing, List, ListItem, ListState};

use super::option_item;
use crate::answers::Value;
use crate::app::ChoiceAnswer;
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
    let (options, has_other): (&[String], bool) = match kind {
        Kind::Choice { options, other } => (options, *other),
        Kind::Text | Kind::List { .. } | Kind::Checklist { .. } | Kind::Scale { .. } => (&[], false),
    };
    let (chosen, other_text) = match value {
        Some(Value::Choice { option, other }) => (option.as_deref(), other.as_deref()),
        Some(
            Value::Text { .. }
            | Value::List { .. }
            | Value::Checklist { .. }
            | Value::Scale { .. }
            | Value::Empty {},
        )
        | None => (None, None),
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
        heights.push(crate::present::wrap(&label, width).len());
        rows.push(option_item(mark(on), &label, on, width, theme));
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
        if y < area.bottom() {
            let x = area.x + 2 + 4 + text::OTHER.chars().count() as u16 + 1;
            let rect = Rect {
                x,
                y,
                width: area.right().saturating_sub(x),
                height: 1,
            };
            super::draw_field(frame, field, rect);
        }
    }
}

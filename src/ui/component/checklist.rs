//! A checklist's options with their ticks.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::ListItem;

use super::{draw_rows, option_item};
use crate::answers::Value;
use crate::app::ChecklistAnswer;
use crate::content::Kind;
use crate::ui::Theme;

/// Draws the options, ticked as stored, the cursor's row highlighted.
pub fn draw(
    frame: &mut Frame,
    theme: &Theme,
    area: Rect,
    c: &ChecklistAnswer,
    kind: &Kind,
    value: Option<&Value>,
) {
    let options: &[String] = match kind {
        Kind::Checklist { options, .. } => options,
        Kind::Text
        | Kind::List { .. }
        | Kind::Choice { .. }
        | Kind::Scale { .. }
        | Kind::Ratings { .. }
        | Kind::Date
        | Kind::Page => &[],
    };
    let ticked: &[String] = match value {
        Some(Value::Checklist { ticked }) => ticked,
        Some(
            Value::Text { .. }
            | Value::List { .. }
            | Value::Choice { .. }
            | Value::Scale { .. }
            | Value::Ratings { .. }
            | Value::Date { .. }
            | Value::Empty {},
        )
        | None => &[],
    };
    let width = usize::from(area.width).saturating_sub(2 + 4);
    let rows: Vec<ListItem> = options
        .iter()
        .map(|o| {
            let on = ticked.contains(o);
            option_item(if on { "[x] " } else { "[ ] " }, o, on, width, theme)
        })
        .collect();
    draw_rows(frame, theme, area, rows, Some(c.cursor));
}

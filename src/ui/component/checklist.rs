//! A checklist's options with their ticks.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::ListItem;

use super::{draw_rows, option_item};
use crate::answers::Value;
use crate::app::ChecklistAnswer;
use crate::content::Kind;
use crate::ui::{Theme, text};

/// Draws the options, ticked as stored, the cursor's row highlighted.
pub fn draw(
    frame: &mut Frame,
    theme: &Theme,
    area: Rect,
    c: &ChecklistAnswer,
    kind: &Kind,
    value: Option<&Value>,
) {
    let Kind::Checklist {
        options,
        other: has_other,
        ..
    } = kind
    else {
        return;
    };
    let has_other = *has_other;
    let (ticked, other): (&[String], Option<&str>) = match value {
        Some(Value::Checklist { ticked, other }) => (ticked, other.as_deref()),
        // Nothing ticked yet.
        Some(_) | None => (&[], None),
    };
    let width = usize::from(area.width).saturating_sub(2 + 4);
    let mut rows: Vec<ListItem> = options
        .iter()
        .map(|o| {
            let on = ticked.contains(o);
            option_item(if on { "[x] " } else { "[ ] " }, o, on, width, theme)
        })
        .collect();
    let label = match other {
        Some(o) => format!("{} {}", text::CHECKLIST_OTHER, crate::safe::quote_text(o)),
        None => text::CHECKLIST_OTHER.to_string(),
    };
    if has_other {
        let on = other.is_some();
        rows.push(option_item(
            if on { "[x] " } else { "[ ] " },
            &label,
            on,
            width,
            theme,
        ));
    }
    let Some(field) = c.other.as_ref().filter(|_| area.height > 1) else {
        draw_rows(frame, theme, area, rows, Some(c.cursor));
        return;
    };
    // While the words are typed, they have the bottom row, under the options.
    let list_area = Rect {
        height: area.height - 1,
        ..area
    };
    draw_rows(frame, theme, list_area, rows, Some(c.cursor));
    let y = area.bottom() - 1;
    let lead = format!("{} ", text::CHECKLIST_OTHER);
    let lead_w = u16::try_from(unicode_width::UnicodeWidthStr::width(lead.as_str())).unwrap_or(u16::MAX);
    frame.render_widget(Span::styled(lead, theme.dim()), Rect { y, height: 1, ..area });
    let x = area.x.saturating_add(lead_w).min(area.right());
    let rect = Rect {
        x,
        y,
        width: area.right().saturating_sub(x),
        height: 1,
    };
    super::draw_field(frame, field, rect);
}

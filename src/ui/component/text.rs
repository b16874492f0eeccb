//! The free-text answer box.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::{Context, Edit, TextAnswer, keys};
use crate::ui::{Theme, text};

/// Draws the text field, or a placeholder when it is empty.
pub fn draw(frame: &mut Frame, theme: &Theme, area: Rect, t: &TextAnswer) {
    let field = t.field();
    if field.is_empty() {
        let new_line = keys::label_of(Context::Text, &Edit::Type(Default::default()).into());
        frame.render_widget(
            Line::from(Span::styled(text::text_placeholder(new_line), theme.dim())),
            area,
        );
        frame.set_cursor_position((area.x, area.y));
    } else {
        super::draw_field(frame, field, area);
    }
}

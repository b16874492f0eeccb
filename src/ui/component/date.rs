//! A date: the day shown (stored, else today) and the date being typed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::answers::Value;
use crate::app::{DateAnswer, date_of, typed_shape};
use crate::ui::{Theme, text};

/// Draws the date, marked when it is the stored answer.
pub fn draw(frame: &mut Frame, theme: &Theme, area: Rect, d: &DateAnswer, value: Option<&Value>) {
    let taken = date_of(value).is_some();
    let day = crate::date::civil_from_days(d.shown(value));
    let style = if taken { theme.chosen() } else { theme.dim() };
    let mut lines = vec![
        Line::raw(""),
        Line::from(Span::styled(format!("[ {day} ]"), style)),
        Line::raw(""),
        Line::from(Span::styled(text::date_line(&day, taken), theme.dim())),
    ];
    if !d.typed.is_empty() {
        lines.push(Line::raw(text::date_typing(&typed_shape(&d.typed))));
    }
    frame.render_widget(Paragraph::new(crate::ui::wrap::fitted(lines, area.width)), area);
}

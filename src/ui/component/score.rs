//! A score: its value and band (or what it still waits on), then what it reads.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::ui::Theme;

/// Draws the score's lines; the first (the value) stands out, the last (what it is
/// computed from) is dim. The lines were cleaned when worked out.
pub fn draw(frame: &mut Frame, theme: &Theme, area: Rect, lines: &[String]) {
    let last = lines.len().saturating_sub(1);
    let mut out = vec![Line::raw("")];
    for (n, l) in lines.iter().enumerate() {
        let style = match n {
            0 => theme.chosen(),
            n if n == last => theme.dim(),
            _ => ratatui::style::Style::default(),
        };
        if n == last {
            out.push(Line::raw(""));
        }
        out.push(Line::from(Span::styled(l.clone(), style)));
    }
    frame.render_widget(Paragraph::new(crate::ui::wrap::fitted(out, area.width)), area);
}

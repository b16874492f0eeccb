//! The comparison screen: my answers beside a partner's, under the blind rule.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, text};
use crate::app::App;

/// The comparison as lines for `width` columns (the shared plain-text rendering).
pub fn lines(app: &App, width: u16) -> Vec<String> {
    app.comparison()
        .map(|c| {
            crate::compare::render_text(c, width)
                .lines()
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Where the comparison text goes.
pub fn text_area(area: Rect) -> Rect {
    Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas::<2>(area)[1]
}

/// Draws the comparison into `area`.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    frame.render_widget(
        Line::from(Span::styled(text::COMPARE_HEADING, theme.title())),
        area,
    );
    let rect = text_area(area);
    let all = lines(app, rect.width);
    let body: Vec<Line> = all.into_iter().map(Line::raw).collect();
    frame.render_widget(Paragraph::new(body).scroll((app.scroll(), 0)), rect);
}

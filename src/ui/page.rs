//! Reading pages: a chapter's introduction and the closing screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Theme, text};
use crate::app::App;

/// Draws chapter `c`'s introduction.
pub fn draw_intro(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, c: usize) {
    let ch = &app.workbook().chapters[c];
    let heading = format!(
        "{} {}: {}",
        text::chapter_of(c + 1, app.workbook().chapters.len()),
        text::INTRO_LABEL,
        ch.title
    );
    draw_page(frame, app, theme, area, &heading, &ch.introduction);
}

/// Draws the workbook's closing screen.
pub fn draw_closing(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    draw_page(
        frame,
        app,
        theme,
        area,
        text::CLOSING_TITLE,
        &app.workbook().closing,
    );
}

fn draw_page(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, heading: &str, body: &str) {
    let [head, rest] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    frame.render_widget(Line::from(Span::styled(heading, theme.title())), head);
    // Keep lines to a readable measure on wide terminals.
    let width = rest.width.min(76);
    let rest = Rect { width, ..rest };
    frame.render_widget(
        Paragraph::new(body.trim())
            .wrap(Wrap { trim: true })
            .scroll((app.scroll(), 0)),
        rest,
    );
}

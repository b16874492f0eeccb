//! Reading pages: a chapter's introduction and the closing screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::{Theme, text};
use crate::app::{App, Context, Go, keys};

/// Draws chapter `c`'s introduction.
pub fn draw_intro(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, c: usize) {
    let ch = &app.workbook().chapters[c];
    let n = app.workbook().chapters.len();
    let heading = format!("{} · {}", text::chapter_of(c + 1, n), text::INTRO_LABEL);
    draw_page(frame, app, theme, area, &heading, &ch.introduction);
}

/// The closing screen's text: while exercises are left, it says so first, so the
/// closing words never read as if everything were done.
pub fn closing_text(app: &App) -> String {
    let (done, total) = app.shown().progress(app.workbook());
    let closing = app.workbook().closing.trim();
    if done < total {
        let back = keys::label_of(Context::Page, &Go::Back.into());
        format!("{}\n\n{closing}", text::closing_left(done, total, back))
    } else {
        closing.to_string()
    }
}

/// Draws the workbook's closing screen.
pub fn draw_closing(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    draw_page(frame, app, theme, area, text::CLOSING_TITLE, &closing_text(app));
}

/// Where a page's scrollable text goes, below its heading.
pub fn text_area(area: Rect) -> Rect {
    let [_, rest] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    // Keep lines to a readable measure on wide terminals.
    Rect {
        width: rest.width.min(76),
        ..rest
    }
}

fn draw_page(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, heading: &str, body: &str) {
    let head = Rect {
        height: 1.min(area.height),
        ..area
    };
    frame.render_widget(Line::from(Span::styled(heading, theme.title())), head);
    super::scrolled_text(frame, app, theme, text_area(area), body.trim());
}

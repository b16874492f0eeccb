//! The comparison screen: my answers beside a partner's, under the blind rule.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, text};
use crate::app::{App, ScreenState};

/// The comparison as lines for `width` columns (the shared plain-text rendering),
/// laid out once per width and kept with the screen, not on every frame and key.
fn lines(app: &App, width: u16) -> Vec<String> {
    let ScreenState::Compare {
        comparison, lines, ..
    } = app.state()
    else {
        return Vec::new();
    };
    let mut cache = lines.borrow_mut();
    match &*cache {
        Some((w, l)) if *w == width => l.clone(),
        Some(_) | None => {
            let l: Vec<String> = crate::comparison::render_text(comparison, width)
                .lines()
                .map(str::to_string)
                .collect();
            *cache = Some((width, l.clone()));
            l
        }
    }
}

/// Where the comparison text goes in the body `area`.
pub fn text_area(area: Rect) -> Rect {
    Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas::<2>(area)[1]
}

/// The comparison's lines for the body `area`, the rows they get (one fewer when they
/// overflow, for the "more" marker) and the furthest scroll.
pub fn layout(app: &App, area: Rect) -> (Vec<String>, Rect, u16) {
    let rect = text_area(area);
    let all = lines(app, rect.width);
    let total = u16::try_from(all.len()).unwrap_or(u16::MAX);
    if total <= rect.height {
        return (all, rect, 0);
    }
    let rows = Rect {
        height: rect.height.saturating_sub(1),
        ..rect
    };
    (all, rows, total.saturating_sub(rows.height))
}

/// Draws the comparison into `area`, scrolled, with a marker when it does not fit.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let partner = app.comparison().map_or("", |c| c.partner.as_str());
    frame.render_widget(
        Line::from(Span::styled(text::compare_with(partner), theme.title())),
        area,
    );
    let (all, rows, max_scroll) = layout(app, area);
    if let Some(view) = app.state().viewport() {
        view.record(rows.height, max_scroll);
    }
    let scroll = app.scroll().min(max_scroll);
    let body: Vec<Line> = all.into_iter().map(Line::raw).collect();
    frame.render_widget(Paragraph::new(body).scroll((scroll, 0)), rows);
    let rect = text_area(area);
    if rows.height < rect.height {
        super::draw_more_marker(frame, theme, rect, scroll < max_scroll);
    }
}

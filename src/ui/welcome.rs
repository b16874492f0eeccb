//! The welcome screen: title, welcome text, the self-help note, and the menu.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{Theme, text, wrap};
use crate::app::{App, WelcomeItem};

/// Draws the welcome screen into `area`.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let wb = app.workbook();
    let items = app.welcome_items();
    let note_h = (wrap::height(&wb.note, area.width.saturating_sub(2)) + 2).min(area.height / 3);
    let [title, body, note, menu] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(note_h),
        Constraint::Length(items.len() as u16 + 1),
    ])
    .areas(area);
    frame.render_widget(Line::from(Span::styled(wb.title.as_str(), theme.title())), title);
    frame.render_widget(
        Paragraph::new(wb.welcome.trim())
            .wrap(Wrap { trim: true })
            .scroll((app.scroll(), 0)),
        body,
    );
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Span::styled(format!(" {} ", text::NOTE_HEADING), theme.dim()));
    frame.render_widget(
        Paragraph::new(wb.note.trim())
            .wrap(Wrap { trim: true })
            .block(block),
        note,
    );
    let lines: Vec<Line> = std::iter::once(Line::raw(""))
        .chain(items.iter().enumerate().map(|(i, item)| {
            let (key, label) = match item {
                WelcomeItem::Continue => ("c", text::CONTINUE),
                WelcomeItem::Start => ("s", text::START),
                WelcomeItem::Contents => ("t", text::CONTENTS),
            };
            let selected = i == app.welcome_cursor();
            let marker = if selected { "› " } else { "  " };
            let style = if selected {
                theme.selected()
            } else {
                Default::default()
            };
            Line::from(vec![
                Span::raw(marker),
                Span::styled(format!(" {label} "), style),
                Span::styled(format!("  ({key})"), theme.dim()),
            ])
        }))
        .collect();
    frame.render_widget(Paragraph::new(Text::from(lines)), menu);
}

//! The welcome screen: title, welcome text, the self-help note, and the menu.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Padding, Paragraph};

use super::{Theme, text, wrap};
use crate::app::{App, Go, WelcomeItem, keys};

/// Rows the note needs, borders included.
fn note_height(app: &App, area: Rect) -> u16 {
    wrap::height(app.workbook().note.trim(), area.width.saturating_sub(4)) + 2
}

/// The screen's regions: welcome text, note, menu.
fn regions(app: &App, area: Rect) -> [Rect; 4] {
    let menu_h = app.welcome_items().len() as u16 + 1;
    // The note gets its space before the welcome text, which scrolls instead; a note
    // too long for even that (the shipped one is three lines) says it is cut.
    let note_h = note_height(app, area).min(area.height.saturating_sub(menu_h + 3));
    super::stack::stack(
        area,
        [
            Constraint::Length(1),
            Constraint::Min(2),
            Constraint::Length(note_h),
            Constraint::Length(menu_h),
        ],
    )
}

/// The welcome menu's key for `go`, from the key table.
fn key_for(go: Go) -> &'static str {
    keys::label_of(keys::Context::Welcome, &go.into())
}

/// Draws the welcome screen into `area`.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let wb = app.workbook();
    let items = app.welcome_items();
    // Worked out once per frame, not once per row that names it.
    let due = app.due();
    let [_, body, note, menu] = regions(app, area);
    super::scrolled_text(frame, app, theme, body, wb.welcome.trim());
    let mut block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .padding(Padding::horizontal(1))
        .title(Span::styled(format!(" {} ", text::NOTE_HEADING), theme.dim()));
    if note_height(app, area) > note.height {
        block = block.title_bottom(
            Line::from(Span::styled(format!(" {} ", text::NOTE_CUT), theme.key())).right_aligned(),
        );
    }
    frame.render_widget(
        wrap::paragraph(wb.note.trim(), block.inner(note).width).block(block),
        note,
    );
    let lines: Vec<Line> = std::iter::once(Line::raw(""))
        .chain(items.iter().enumerate().map(|(i, item)| {
            let (key, label) = match item {
                WelcomeItem::Continue => (key_for(Go::Continue), text::CONTINUE.to_string()),
                WelcomeItem::Start => (key_for(Go::Start), text::START.to_string()),
                WelcomeItem::Safety => (
                    key_for(Go::Safety),
                    wb.safety.as_ref().map_or(String::new(), |p| p.title.clone()),
                ),
                WelcomeItem::Contents => (key_for(Go::Contents), text::CONTENTS.to_string()),
                WelcomeItem::Review => (key_for(Go::Review), text::REVIEW.to_string()),
                WelcomeItem::Sharing => (key_for(Go::Sharing), text::SHARING_ROW.to_string()),
                WelcomeItem::Due(c) => {
                    let title = wb.chapters[*c].repeat.as_ref().map_or("", |r| r.title.as_str());
                    let label = due
                        .iter()
                        .find(|(d, _)| d == c)
                        .map_or(String::new(), |(_, d)| text::due_line(title, d));
                    ("", label)
                }
                WelcomeItem::Compare(i) => {
                    let label = text::compare_with(&app.partners()[*i]);
                    let label = if app.partners().len() > 1 {
                        format!("{label}  ‹ ›")
                    } else {
                        label
                    };
                    ("", label)
                }
            };
            let key = if key.is_empty() {
                String::new()
            } else {
                format!("  ({key})")
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
                Span::styled(key, theme.dim()),
            ])
        }))
        .collect();
    frame.render_widget(Paragraph::new(Text::from(lines)), menu);
}

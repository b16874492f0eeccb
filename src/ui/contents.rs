//! The contents: chapters with progress, expandable to their exercises.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};

use unicode_width::UnicodeWidthStr;

use super::{Theme, text};
use crate::answers::Status;
use crate::app::{App, ContentsRow, ScreenState};

/// Width of the progress bar drawn beside each chapter.
const BAR: usize = 10;

/// Draws the contents screen into `area`.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let [head, legend, list_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(2), Constraint::Min(1)]).areas(area);
    frame.render_widget(
        Line::from(Span::styled(text::CONTENTS_HEADING, theme.title())),
        head,
    );
    frame.render_widget(Line::from(Span::styled(text::LEGEND, theme.dim())), legend);
    let wb = app.workbook();
    let answers = app.answers();
    let rows = app.contents_rows();
    let items: Vec<ListItem> = rows
        .iter()
        .map(|row| match *row {
            ContentsRow::Chapter(c) => {
                let ch = &wb.chapters[c];
                let (done, total) = answers.chapter_progress(ch);
                let fold = if app.is_expanded(c) { "▾" } else { "▸" };
                let head = format!("{fold} {}. ", c + 1);
                let count = format!(" {}", text::done_of(done, total));
                // The count always shows; the bar shrinks, then the title is shortened.
                let room =
                    usize::from(list_area.width).saturating_sub(2 + head.chars().count() + count.len() + 2);
                let title_w = ch.title.width();
                let bar = room.saturating_sub(title_w).min(BAR);
                let title = super::truncate(&ch.title, room.saturating_sub(bar));
                let filled = (done * bar).checked_div(total).unwrap_or(0);
                ListItem::new(Line::from(vec![
                    Span::raw(format!("{head}{title}  ")),
                    Span::styled("█".repeat(filled), theme.done()),
                    Span::styled("░".repeat(bar - filled), theme.dim()),
                    Span::styled(count, theme.dim()),
                ]))
            }
            ContentsRow::Exercise(c, e) => {
                let ch = &wb.chapters[c];
                let ex = &ch.exercises[e];
                let (mark, style) = match answers.status(&ch.id, ex) {
                    Status::Done => (text::DONE, theme.done()),
                    Status::Started => (text::STARTED, theme.started()),
                    Status::NotStarted => (text::NOT_STARTED, theme.dim()),
                };
                let private = answers.get(&ch.id, &ex.id).is_some_and(|a| a.private);
                let mut spans = vec![
                    Span::raw("    "),
                    Span::styled(mark, style),
                    Span::raw(format!(" {}", ex.title)),
                ];
                if private {
                    spans.push(Span::styled(format!(" {}", text::PRIVATE_MARK), theme.dim()));
                }
                ListItem::new(Line::from(spans))
            }
            ContentsRow::Closing => ListItem::new(Line::raw(format!("  {}", text::CLOSING_ROW))),
        })
        .collect();
    let list = List::new(items)
        .highlight_style(theme.selected())
        .highlight_symbol("› ");
    draw_list(frame, app, list, list_area, app.contents_cursor());
}

/// Draws a list of rows from where it was last shown, so moving the selection
/// inside the view never makes it jump, and records where it is now.
pub fn draw_list(frame: &mut Frame, app: &App, list: List, area: Rect, selected: usize) {
    let view = match app.state() {
        ScreenState::Contents { list, .. } | ScreenState::Review { list, .. } => Some(list),
        ScreenState::Welcome { .. }
        | ScreenState::Intro { .. }
        | ScreenState::Exercise { .. }
        | ScreenState::Closing { .. }
        | ScreenState::Compare { .. } => None,
    };
    let mut state = ListState::default()
        .with_offset(view.map_or(0, |v| v.offset()))
        .with_selected(Some(selected));
    frame.render_stateful_widget(list, area, &mut state);
    if let Some(v) = view {
        v.record(state.offset(), area.height);
    }
}

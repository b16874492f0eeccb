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
    let answers = app.shown();
    let rows = app.contents_rows();
    // One layout for every chapter row, so the bars line up and are all as wide.
    let longest = |f: &dyn Fn(usize) -> usize| (0..wb.chapters.len()).map(f).max().unwrap_or(0);
    let head_w = longest(&|c| format!("▸ {}. ", c + 1).chars().count());
    let count_w = longest(&|c| {
        let (done, total) = answers.chapter_progress(&wb.chapters[c]);
        text::done_of(done, total).width() + 1
    });
    let title_max = longest(&|c| wb.chapters[c].title.width());
    let room = usize::from(list_area.width).saturating_sub(2 + head_w + count_w + 2);
    // The count always shows; the bar shrinks (never below a quarter of the room), then titles are shortened.
    let bar = room.saturating_sub(title_max).max(room / 4).min(BAR);
    let title_room = room.saturating_sub(bar);
    let items: Vec<ListItem> = rows
        .iter()
        .map(|row| match *row {
            ContentsRow::Chapter(c) => {
                let ch = &wb.chapters[c];
                let (done, total) = answers.chapter_progress(ch);
                let fold = if app.is_expanded(c) { "▾" } else { "▸" };
                let head = format!("{fold} {}. ", c + 1);
                let head = format!("{head:<head_w$}");
                let count = format!(" {}", text::done_of(done, total));
                let title = super::truncate(&ch.title, title_room);
                let pad = " ".repeat(title_room.min(title_max).saturating_sub(title.width()));
                let filled = (done * bar).checked_div(total).unwrap_or(0).min(bar);
                ListItem::new(Line::from(vec![
                    Span::raw(format!("{head}{title}{pad}  ")),
                    Span::styled("█".repeat(filled), theme.done()),
                    Span::styled("░".repeat(bar - filled), theme.dim()),
                    Span::styled(count, theme.dim()),
                ]))
            }
            ContentsRow::Exercise(c, e) => {
                let ch = &wb.chapters[c];
                let ex = &ch.exercises[e];
                let (mark, style) = match answers.shown_status(&ch.id, ex) {
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
                // The repeated part is marked, so its exercises read as done again each
                // week (or entry), not once.
                if let Some(r) = ch.repeat.as_ref().filter(|_| ch.is_repeated(&ex.id)) {
                    spans.push(Span::styled(
                        format!(" {}", text::repeat_mark(r.rhythm)),
                        theme.key(),
                    ));
                }
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
pub(super) fn draw_list(frame: &mut Frame, app: &App, list: List, area: Rect, selected: usize) {
    draw_list_from(frame, app, list, area, selected, selected);
}

/// [`draw_list`] where the rows from `top` to `selected` (a heading above the selection)
/// are kept in sight with it: the first row shown is at most `top`.
pub(super) fn draw_list_from(
    frame: &mut Frame,
    app: &App,
    list: List,
    area: Rect,
    selected: usize,
    top: usize,
) {
    let view = match app.state() {
        ScreenState::Contents { list, .. }
        | ScreenState::Review { list, .. }
        | ScreenState::Entries { list, .. }
        | ScreenState::Sharing { list, .. } => Some(list),
        ScreenState::Name { .. }
        | ScreenState::Protect { .. }
        | ScreenState::Welcome { .. }
        | ScreenState::Intro { .. }
        | ScreenState::Exercise { .. }
        | ScreenState::Closing { .. }
        | ScreenState::Compare { .. } => None,
    };
    let mut state = ListState::default()
        .with_offset(view.map_or(0, |v| v.offset()).min(top))
        .with_selected(Some(selected));
    frame.render_stateful_widget(list, area, &mut state);
    if let Some(v) = view {
        v.record(state.offset(), area.height);
    }
}

//! The review screen: every answer under its exercise, chapter by chapter.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{List, ListItem};

use super::{Theme, text};
use std::borrow::Cow;

use crate::answers::{Status, Value};
use crate::app::{App, Context, Move, ScreenState, keys};
use crate::present::{self, words};

/// Lines of one answer shown before it is cut short; the read view shows all of it.
const MAX_ANSWER_LINES: usize = 6;

/// Draws the review screen into `area`.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let [head, list_area] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    frame.render_widget(
        Line::from(Span::styled(text::REVIEW_HEADING, theme.title())),
        head,
    );
    let wb = app.workbook();
    let rows = app.review_rows();
    if let ScreenState::Review { reading: Some(_), .. } = app.state()
        && let Some(&(c, e)) = rows.get(app.review_cursor())
    {
        return draw_reading(frame, app, theme, area, c, e);
    }
    let width = usize::from(list_area.width.saturating_sub(6)).max(10);
    let mut items: Vec<ListItem> = Vec::with_capacity(rows.len() + wb.chapters.len());
    let mut selected = 0;
    let mut top = 0;
    for (i, &(c, e)) in rows.iter().enumerate() {
        let ch = &wb.chapters[c];
        if i == app.review_cursor() {
            // The chapter's heading, when the selection is its first exercise, stays in sight.
            top = items.len();
        }
        if e == 0 {
            // A row of its own, so the selection mark stays beside the exercise.
            let heading = format!("{} · {}", text::chapter_of(c + 1, wb.chapters.len()), ch.title);
            items.push(ListItem::new(Line::from(Span::styled(heading, theme.title()))));
        }
        if i == app.review_cursor() {
            selected = items.len();
        }
        items.push(exercise_item(app, theme, c, e, width));
    }
    let tall = items.iter().map(ListItem::height).sum::<usize>() > usize::from(list_area.height);
    let list = List::new(items)
        .highlight_symbol("› ")
        .highlight_style(theme.selected_soft());
    super::contents::draw_list_from(frame, app, list, list_area, selected, top);
    if tall && list_area.height > 0 {
        // More rows than fit: say where in the list the selection is, so blank rows never read as the end.
        let marker = text::review_position(
            app.review_cursor() + 1,
            rows.len(),
            keys::label_of(Context::Review, &Move::Down.into()),
        );
        let line = Line::from(Span::styled(marker, theme.key())).right_aligned();
        frame.render_widget(
            line,
            Rect {
                y: list_area.bottom() - 1,
                height: 1,
                ..list_area
            },
        );
    }
}

/// One answer opened whole: the exercise's title and prompt, then all of the answer,
/// scrolled like a page.
fn draw_reading(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, c: usize, e: usize) {
    let ch = &app.workbook().chapters[c];
    let ex = &ch.exercises[e];
    let head = Rect {
        height: 1.min(area.height),
        ..area
    };
    frame.render_widget(
        Line::from(Span::styled(
            super::truncate(&ex.title, usize::from(area.width)),
            theme.title(),
        )),
        head,
    );
    let answer = app
        .shown()
        .get(&ch.id, &ex.id)
        .filter(|a| !crate::answers::value_is_empty(&a.value));
    let score = present::score::shown(ex, ch, app.shown()).map(|l| l.join("\n"));
    let body = match answer {
        _ if score.is_some() => score.unwrap_or_default(),
        // Laid out at the page's width, so list items wrap under themselves.
        Some(a) => present::plain_lines(
            &present::pieces(Some(&app.shown().resolved_kind(&ex.kind)), &a.value),
            Some(usize::from(super::page::text_area(area).width)),
        )
        .join("\n"),
        None => words::NOT_ANSWERED.to_string(),
    };
    let body = format!("{}\n\n{body}", ex.prompt.trim());
    super::scrolled_text(frame, app, theme, super::page::text_area(area), &body);
}

/// Enough of a text answer to fill the preview and show that it goes on: formatting
/// all of a long answer on every frame would be work thrown away.
fn preview(value: &Value) -> Cow<'_, Value> {
    const ENOUGH: usize = 8 * 1024;
    let Some(text) = value.as_text().filter(|t| t.len() > ENOUGH) else {
        return Cow::Borrowed(value);
    };
    let mut end = ENOUGH;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    Cow::Owned(Value::Text {
        text: text[..end].to_string(),
    })
}

/// One exercise: status mark, title (marked when private), prompt, and the answer, cut
/// short after [`MAX_ANSWER_LINES`].
fn exercise_item(app: &App, theme: &Theme, c: usize, e: usize, width: usize) -> ListItem<'static> {
    let ch = &app.workbook().chapters[c];
    let ex = &ch.exercises[e];
    let mut lines = Vec::new();
    let answer = app.shown().get(&ch.id, &ex.id);
    let (mark, style) = match app.shown().shown_status(&ch.id, ex) {
        Status::Done => (text::DONE, theme.done()),
        Status::Started => (text::STARTED, theme.started()),
        Status::NotStarted => (text::NOT_STARTED, theme.dim()),
    };
    let mut title = vec![Span::styled(mark, style), Span::raw(format!(" {}", ex.title))];
    if answer.map_or(ex.private, |a| a.private) || app.shown().private_source(&ex.kind) {
        title.push(Span::styled(format!("  {}", text::PRIVATE_MARK), theme.warn()));
    }
    let skipped = answer.is_some_and(|a| a.skipped);
    let not_needed = app.shown().not_needed(&ch.id, ex);
    if skipped {
        title.push(Span::styled(format!("  {}", text::SKIPPED_MARK), theme.warn()));
    }
    lines.push(Line::from(title));
    // A repeated exercise shows its latest entry, and says which.
    if let Some(repeat) = &ch.repeat
        && ch.is_repeated(&ex.id)
    {
        let line = match app.shown().live_entries(&ch.id).last() {
            Some(last) => text::review_entry(&repeat.title, &last.label(repeat.rhythm)),
            None => text::review_no_entry(&repeat.title),
        };
        for l in present::wrap(&present::clean_line(&line), width) {
            lines.push(Line::from(Span::styled(format!("  {l}"), theme.key())));
        }
    }
    let prompt = present::wrap(&ex.prompt, width);
    let cut = prompt.len() > 2;
    for (i, l) in prompt.into_iter().take(2).enumerate() {
        // A prompt cut short says so.
        let l = if cut && i == 1 {
            format!("{}…", l.trim_end_matches(['.', ',', ' ']))
        } else {
            l
        };
        lines.push(Line::from(Span::styled(format!("  {l}"), theme.dim())));
    }
    let score = present::score::shown(ex, ch, app.shown());
    let body = score.or_else(|| {
        answer
            .filter(|a| !a.skipped && !not_needed && !crate::answers::value_is_empty(&a.value))
            .map(|a| {
                present::plain_lines(
                    &present::pieces(Some(&app.shown().resolved_kind(&ex.kind)), &preview(&a.value)),
                    Some(width),
                )
            })
    });
    match body {
        Some(body) => {
            let cut = body.len() > MAX_ANSWER_LINES;
            for l in body.into_iter().take(MAX_ANSWER_LINES) {
                lines.push(Line::raw(format!("  {l}")));
            }
            if cut {
                lines.push(Line::from(Span::styled(
                    format!(
                        "  {}",
                        text::review_more(keys::label_of(Context::Review, &Move::Toggle.into()))
                    ),
                    theme.dim(),
                )));
            }
        }
        None => lines.push(Line::from(Span::styled(
            format!(
                "  {}",
                if not_needed {
                    words::NOT_NEEDED
                } else if skipped {
                    words::SKIPPED
                } else if ex.optional {
                    words::LEFT_EMPTY
                } else {
                    words::NOT_ANSWERED
                }
            ),
            theme.dim(),
        ))),
    }
    lines.push(Line::raw(""));
    ListItem::new(Text::from(lines))
}

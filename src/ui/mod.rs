//! Drawing: reads `&App`, changes nothing. One file per screen.

mod boxed;
mod compare;
mod component;
mod contents;
mod entries;
mod exercise;
mod naming;
mod overlay;
mod page;
mod pairing;
mod protect;
mod review;
mod sharing;
mod stack;
pub mod text;
mod theme;
mod unlock;
mod welcome;
mod wrap;

pub use theme::Theme;
pub use unlock::draw_unlock;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Rect};
use ratatui::text::{Line, Span};

use crate::answers::Answers;
use crate::app::{Action, App, Context, Go, Move, SaveState, Screen, keys};
pub use crate::app::{MIN_HEIGHT, MIN_WIDTH};

/// Draws the whole app into the frame.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let quit = keys::label_of(keys::context(app), &Go::Quit.into());
        let msg = wrap::paragraph(&text::too_small(area.width, area.height, quit), area.width)
            .alignment(Alignment::Center);
        let y = area.height.saturating_sub(1) / 2;
        frame.render_widget(
            msg,
            Rect {
                y,
                height: area.height - y,
                ..area
            },
        );
        return;
    }
    let [header, body, footer] = stack::stack(
        area,
        [Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)],
    );
    draw_header(frame, app, theme, header);
    // A blank column each side keeps text off the terminal's edge.
    let body = Rect {
        x: body.x + 1,
        width: body.width.saturating_sub(2),
        ..body
    };
    match app.screen() {
        Screen::Name => naming::draw(frame, app, theme, body),
        Screen::Protect => protect::draw(frame, app, theme, body),
        Screen::Welcome => welcome::draw(frame, app, theme, body),
        Screen::Contents => contents::draw(frame, app, theme, body),
        Screen::Intro(c) => page::draw_intro(frame, app, theme, body, c),
        Screen::Closing => page::draw_closing(frame, app, theme, body),
        Screen::Exercise(c, e) => exercise::draw(frame, app, theme, body, c, e),
        Screen::Review => review::draw(frame, app, theme, body),
        Screen::Compare => compare::draw(frame, app, theme, body),
        Screen::Entries(c) => entries::draw(frame, app, theme, body, c),
        Screen::Sharing => sharing::draw(frame, app, theme, body),
    }
    draw_footer(frame, app, theme, footer);
    if matches!(app.screen(), Screen::Exercise(..)) {
        overlay::draw_week_question(frame, app, theme, body);
    }
    if app.safety_open() {
        overlay::draw_safety(frame, app, theme, body);
    }
    if app.help_open() {
        overlay::draw_help(frame, app, theme, area);
    }
    if app.confirm_quit_open() && !app.safety_open() {
        overlay::draw_confirm_quit(frame, app, theme, area);
    }
    no_raw_controls(frame);
}

/// The last line of defence: texts are quoted where they are laid out, and any cell
/// that still holds a character that must not reach the terminal raw (see
/// [`crate::safe::is_quoted`]) shows the placeholder `�` instead.
fn no_raw_controls(frame: &mut Frame) {
    for cell in frame.buffer_mut().content.iter_mut() {
        // Most cells hold one printable ASCII character, shown as it is.
        if let [b' '..=b'~'] = cell.symbol().as_bytes() {
            continue;
        }
        if matches!(crate::safe::quote_line(cell.symbol()), std::borrow::Cow::Owned(_)) {
            cell.set_char(crate::safe::PLACEHOLDER);
        }
    }
}

/// Wrapped text scrolled by the screen's viewport, which learns its size here; when
/// the text overflows, the last row says there is more and how to reach it.
fn scrolled_text(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, body: &str) {
    scrolled_in(frame, app.state().viewport(), theme, area, body);
}

/// [`scrolled_text`] with the viewport given: `None` draws from the top.
fn scrolled_in(
    frame: &mut Frame,
    view: Option<&crate::app::Viewport>,
    theme: &Theme,
    area: Rect,
    body: &str,
) {
    // Measured and drawn from the same rows, so the last one can be scrolled to.
    let rows = wrap::lines(body, area.width);
    let (text_rect, max_scroll) = scroll_geometry(area, rows.len());
    if let Some(view) = view {
        view.record(text_rect.height, max_scroll);
    }
    let scroll = view.map_or(0, crate::app::Viewport::offset).min(max_scroll);
    let shown: Vec<String> = rows
        .into_iter()
        .skip(usize::from(scroll))
        .take(usize::from(text_rect.height))
        .collect();
    frame.render_widget(wrap::Rows::new(shown), text_rect);
    if text_rect.height < area.height {
        draw_more_marker(frame, theme, area, scroll < max_scroll);
    }
}

/// On the last row of `area`, right-aligned: that there is more below, or that it can
/// scroll back up.
fn draw_more_marker(frame: &mut Frame, theme: &Theme, area: Rect, more_below: bool) {
    let marker = if more_below {
        text::more_below(keys::label_of(Context::Page, &Move::PageDown.into()))
    } else {
        text::more_above(keys::label_of(Context::Page, &Move::PageUp.into()))
    };
    let line = Line::from(Span::styled(marker, theme.key())).alignment(Alignment::Right);
    frame.render_widget(
        line,
        Rect {
            y: area.bottom() - 1,
            height: 1,
            ..area
        },
    );
}

/// The rows left for text (one fewer when it overflows, for the marker) and the furthest scroll.
fn scroll_geometry(area: Rect, rows: usize) -> (Rect, u16) {
    let total = u16::try_from(rows).unwrap_or(u16::MAX);
    if total <= area.height {
        return (area, 0);
    }
    let rect = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    (rect, total.saturating_sub(rect.height))
}

fn draw_header(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let wb = app.workbook();
    let answers: &Answers = app.shown();
    let (done, total) = answers.progress(wb);
    let mut right = Vec::new();
    match app.screen() {
        Screen::Intro(c) => right.push(text::chapter_of(c + 1, wb.chapters.len())),
        // The chapter's title is on the left; its number gives way to whose answers these are.
        Screen::Exercise(c, e) => right.push(text::exercise_of(e + 1, wb.chapters[c].exercises.len())),
        Screen::Entries(c) => right.push(text::chapter_of(c + 1, wb.chapters.len())),
        Screen::Name
        | Screen::Protect
        | Screen::Welcome
        | Screen::Contents
        | Screen::Closing
        | Screen::Review
        | Screen::Compare
        | Screen::Sharing => {}
    }
    right.push(text::overall(done, total));
    let (status, status_style) = match app.save_state() {
        // Before a first run's first write there is nothing to call saved.
        SaveState::Saved if app.nothing_written_yet() => (String::new(), theme.dim()),
        SaveState::Saved if app.saving() => (text::SAVING.to_string(), theme.dim()),
        SaveState::Saved => (text::SAVED.to_string(), theme.dim()),
        SaveState::Failed(problem) => (
            format!("{}: {}", text::NOT_SAVED, text::save_problem(problem)),
            theme.warn(),
        ),
    };
    let right_text = format!("  {}  ", right.join(" · "));
    // "saved" and "saving…" take the same room, so the title never moves as they alternate.
    let steady = text::SAVED.chars().count().max(text::SAVING.chars().count());
    let status = format!("{status:<steady$}");
    let status_w = (status.chars().count() as u16).min(area.width / 2);
    let right_w = right_text.chars().count() as u16;
    // Whose answers these are, always in sight: two profiles may share one computer.
    let whose = if app.asking_for_name() {
        String::new()
    } else {
        format!(" {} ·", truncate(app.profile(), 16))
    };
    let whose_w = whose.chars().count() as u16;
    let title_w = area.width.saturating_sub(right_w + status_w + whose_w + 1);
    let title = match app.screen() {
        Screen::Intro(c) | Screen::Exercise(c, _) | Screen::Entries(c) => wb.chapters[c].title.as_str(),
        Screen::Name
        | Screen::Protect
        | Screen::Welcome
        | Screen::Contents
        | Screen::Closing
        | Screen::Review
        | Screen::Compare
        | Screen::Sharing => wb.title.as_str(),
    };
    let line = Line::from(vec![
        Span::styled(whose, theme.dim()),
        Span::styled(
            format!(" {}", truncate(title, usize::from(title_w).saturating_sub(1))),
            theme.title(),
        ),
        Span::raw(" ".repeat(usize::from(title_w).saturating_sub(title.chars().count() + 1))),
        Span::styled(right_text, theme.dim()),
        Span::styled(truncate(&status, usize::from(status_w)), status_style),
    ]);
    wrap::put_line(frame.buffer_mut(), area, &line);
}

/// Cuts `s` to `max` columns, ending with an ellipsis when cut.
pub(crate) fn truncate(s: &str, max: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    if unicode_width::UnicodeWidthStr::width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

fn draw_footer(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    if let Some(notice) = app.notice() {
        frame.render_widget(
            Line::from(Span::styled(
                format!(
                    " {}",
                    text::notice_in(notice, usize::from(area.width).saturating_sub(2))
                ),
                theme.started(),
            )),
            area,
        );
        return;
    }
    let binds: Vec<&keys::Binding> = keys::bindings(keys::context(app))
        .iter()
        .filter(|b| b.show == keys::Show::Footer && keys::offered(app, b))
        .collect();
    let width = |b: &keys::Binding| b.label.chars().count() + b.does.chars().count() + 3;
    // Help is always shown; the others while they fit, in order of importance.
    let help_w = binds
        .iter()
        .copied()
        .filter(|b| b.action == Action::Go(Go::Help))
        .map(width)
        .sum::<usize>();
    let mut room = usize::from(area.width).saturating_sub(1 + help_w);
    let mut spans = vec![Span::raw(" ")];
    for &bind in &binds {
        if bind.action != Action::Go(Go::Help) {
            if width(bind) > room {
                continue;
            }
            room -= width(bind);
        }
        spans.push(Span::styled(bind.label, theme.key()));
        spans.push(Span::styled(format!(" {}  ", bind.does), theme.dim()));
    }
    wrap::put_line(frame.buffer_mut(), area, &Line::from(spans));
}

#[cfg(test)]
mod scroll_tests;

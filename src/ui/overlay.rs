//! Overlays drawn over any screen: help, and the unsaved-quit question.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::{Theme, text};
use crate::app::{Action, App, Go, SaveState, WelcomeItem, keys};

/// A box of `w`x`h` centred in `area`, clipped to it.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Draws the help overlay: every key of the screen underneath.
pub fn draw_help(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    // Help describes the screen below it, not itself.
    let cx = keys::context_below_help(app);
    // Keys for what the welcome does not offer yet (continue, review on a first run) are left out.
    let offered = app.welcome_items();
    let binds: Vec<&keys::Binding> = keys::help_bindings(cx)
        .filter(|b| keys::offered(app, b))
        .filter(|b| {
            if cx != keys::Context::Welcome {
                true
            } else if b.action == Action::Go(Go::Continue) {
                offered.contains(&WelcomeItem::Continue)
            } else if b.action == Action::Go(Go::Review) {
                offered.contains(&WelcomeItem::Review)
            } else {
                true
            }
        })
        .collect();
    // Every key a row answers to, not only the one the footer shows.
    let names: Vec<String> = binds.iter().map(|b| keys::help_keys(cx, b)).collect();
    let label_w = names.iter().map(|n| n.chars().count()).max().unwrap_or(4);
    let mut lines: Vec<Line> = binds
        .iter()
        .zip(&names)
        .map(|(b, n)| {
            Line::from(vec![
                Span::styled(format!(" {n:label_w$}  "), theme.key()),
                Span::raw(b.does),
            ])
        })
        .collect();
    if matches!(cx, keys::Context::Contents | keys::Context::Review) {
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled(
            format!(" {}", text::LEGEND),
            theme.dim(),
        )));
    }
    let total = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let rect = centered(area, 56, total.saturating_add(2));
    // Taller than the window: the rows scroll, and the frame says there is more.
    let rows = rect.height.saturating_sub(2);
    let view = app.help_view();
    view.record(rows, total.saturating_sub(rows));
    let top = view.offset();
    let mut block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Span::styled(format!(" {} ", text::HELP_HEADING), theme.title()));
    let scroll_key = keys::label_of(keys::Context::Help, &crate::app::Move::Up.into());
    if top + rows < total {
        block = block.title_bottom(
            Line::from(Span::styled(text::more_below(scroll_key), theme.key())).right_aligned(),
        );
    } else if top > 0 {
        block = block.title_bottom(
            Line::from(Span::styled(text::more_above(scroll_key), theme.key())).right_aligned(),
        );
    }
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(Text::from(lines)).scroll((top, 0)).block(block),
        rect,
    );
}

/// Draws the "before you start" safety page over the screen's body: its title, then
/// its text, scrolling with a "more" marker when it does not fit.
pub fn draw_safety(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let Some(page) = &app.workbook().safety else {
        return;
    };
    frame.render_widget(Clear, area);
    let [_, title, _, body] = ratatui::layout::Layout::vertical([
        ratatui::layout::Constraint::Length(1),
        ratatui::layout::Constraint::Length(1),
        ratatui::layout::Constraint::Length(1),
        ratatui::layout::Constraint::Min(1),
    ])
    .areas(area);
    frame.render_widget(
        Line::from(Span::styled(
            super::truncate(&page.title, usize::from(title.width)),
            theme.title(),
        )),
        title,
    );
    super::scrolled_in(frame, Some(app.safety_view()), theme, body, page.text.trim());
}

/// Draws the question shown when quitting while answers are unsaved.
pub fn draw_confirm_quit(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let reason = match app.save_state() {
        SaveState::Failed(r) => text::save_problem(r),
        SaveState::Saved => String::new(),
    };
    let mut lines = vec![
        Line::raw(text::CONFIRM_QUIT_BODY),
        Line::from(Span::styled(reason, theme.warn())),
        Line::raw(""),
    ];
    for b in keys::bindings(keys::Context::ConfirmQuit) {
        lines.push(Line::from(vec![
            Span::styled(format!("{:>4}  ", b.label), theme.key()),
            Span::raw(b.does),
        ]));
    }
    let rect = centered(area, 58, 10);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.warn())
        .title(Span::styled(
            format!(" {} ", text::CONFIRM_QUIT_TITLE),
            theme.warn(),
        ));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(super::wrap::fitted(lines, block.inner(rect).width)).block(block),
        rect,
    );
}

/// The question which week a check-in is about (the grace window), in a small box at
/// the foot of `area`: each answer with its key and its week's dates.
pub fn draw_week_question(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let Some(q) = app.week_question() else {
        return;
    };
    let dates = |id: &str| crate::date::week_label(crate::date::parse(id).unwrap_or_default());
    let mut lines = vec![Line::raw(text::WEEK_QUESTION)];
    for (b, id) in keys::bindings(keys::Context::WhichWeek)
        .iter()
        .zip([&q.last, &q.this])
    {
        lines.push(Line::from(vec![
            Span::styled(format!("{}  ", b.label), theme.key()),
            Span::raw(format!("{} ({})", b.does, dates(id))),
        ]));
    }
    let width = area.width.min(64);
    let inner = width.saturating_sub(2);
    let text_rows = super::wrap::fitted(lines.clone(), inner).lines.len() as u16;
    let height = (text_rows + 2).min(area.height);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.bottom().saturating_sub(height),
        width,
        height,
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.warn())
        .title(Span::styled(
            format!(" {} ", text::WEEK_QUESTION_TITLE),
            theme.warn(),
        ));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(super::wrap::fitted(lines, inner)).block(block),
        rect,
    );
}

//! Overlays drawn over any screen: help, and the unsaved-quit question.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::{Theme, text};
use crate::app::{App, SaveState, keys};

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
    let binds: Vec<&keys::Binding> = keys::bindings(cx)
        .iter()
        .filter(|b| keys::offered(app, b))
        .collect();
    let label_w = binds.iter().map(|b| b.label.chars().count()).max().unwrap_or(4);
    let mut lines: Vec<Line> = binds
        .iter()
        .map(|b| {
            Line::from(vec![
                Span::styled(format!(" {:label_w$}  ", b.label), theme.key()),
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
    let h = lines.len() as u16 + 2;
    let rect = centered(area, 56, h);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Span::styled(format!(" {} ", text::HELP_HEADING), theme.title()));
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(Text::from(lines)).block(block), rect);
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
        Paragraph::new(Text::from(lines))
            .wrap(Wrap { trim: true })
            .block(block),
        rect,
    );
}

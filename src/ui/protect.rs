//! A first run's offer to protect the answers: the question, the masked passphrase
//! field (one bullet per character, never the text), "Locking your answers…", and the
//! recovery key shown once.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::{Theme, text, wrap};
use crate::app::{App, Context, Go, Move, PassphraseField, ProtectStep, keys};
use crate::vault::ExposeSecret as _;

/// Draws the offer's step into `area`.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let Some(step) = app.protect_step() else {
        return;
    };
    // A readable measure on wide terminals, as on the reading pages.
    let area = Rect {
        width: area.width.min(76),
        ..area
    };
    match step {
        ProtectStep::Offer(failed) => {
            let yes = keys::label_of(Context::ProtectOffer, &Move::Select.into());
            let no = keys::label_of(Context::ProtectOffer, &Go::Back.into());
            let body = text::protect_offer(yes, no);
            page(frame, theme, area, text::PROTECT_TITLE, &body, failed.as_deref());
        }
        ProtectStep::Typing(field) => draw_field(frame, theme, area, field),
        ProtectStep::Locking => page(frame, theme, area, text::LOCKING_TITLE, text::LOCKING_WHY, None),
        ProtectStep::Recovery(key) => {
            let key = key.secret().expose_secret();
            let body = format!(
                "{}\n\n{}\n\n{}",
                text::RECOVERY_WHY,
                key_rows(key, area.width),
                text::recovery_use(app.profile())
            );
            page(frame, theme, area, text::RECOVERY_TITLE, &body, None);
        }
    }
}

/// A title, a text, and a warning under it.
fn page(frame: &mut Frame, theme: &Theme, area: Rect, title: &str, body: &str, warn: Option<&str>) {
    let rows = |s: &str| wrap::height(s, area.width);
    let [_, title_area, _, body_area, _, warn_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(rows(body)),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(
        Line::from(Span::styled(title.to_string(), theme.title())),
        title_area,
    );
    frame.render_widget(wrap::paragraph(body, body_area.width), body_area);
    if let Some(w) = warn {
        let w = crate::present::clean_line(w);
        frame.render_widget(
            wrap::paragraph(&w, warn_area.width).style(theme.warn()),
            warn_area,
        );
    }
}

/// The recovery key cut into rows that fit `width` (it has no spaces to wrap at).
fn key_rows(key: &str, width: u16) -> String {
    let per_row = usize::from(width.max(1));
    key.chars()
        .collect::<Vec<_>>()
        .chunks(per_row)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The passphrase field: what it means, bullets for what is typed, why the last Enter
/// was not taken.
fn draw_field(frame: &mut Frame, theme: &Theme, area: Rect, field: &PassphraseField) {
    let repeating = field.repeating();
    let why = format!("{}\n\n{}", crate::protecting::NO_WAY_BACK, text::PASSPHRASE_HOW);
    let problem = field.problem().map(text::passphrase_problem).unwrap_or_default();
    let rows = |s: &str| wrap::height(s, area.width);
    let [_, title, _, body, _, input, _, problem_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(rows(&why)),
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(
        Line::from(Span::styled(text::passphrase_title(repeating), theme.title())),
        title,
    );
    frame.render_widget(wrap::paragraph(&why, body.width), body);
    let label = text::passphrase_label(repeating);
    super::unlock::draw_masked(frame, theme, input, label, field.typed_len(), true);
    frame.render_widget(
        wrap::paragraph(&problem, problem_area.width).style(theme.warn()),
        problem_area,
    );
}

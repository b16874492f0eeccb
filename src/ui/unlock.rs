//! The unlock screen of a protected profile: what it is, the masked field (one bullet per
//! character, never the text), the keys, and why the last try failed.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Padding};

use super::{Theme, wrap};
use crate::unlock::{Problem, Stage, Unlock};

/// Draws the unlock screen over the whole frame.
pub fn draw_unlock(frame: &mut Frame, unlock: &Unlock, theme: &Theme) {
    let full = frame.area();
    let area = Rect {
        x: full.x + 1,
        width: full.width.saturating_sub(2).min(76),
        ..full
    };
    let name = crate::safe::line(unlock.profile()).to_string();
    let why = format!(
        "Profile \"{name}\" is protected with a passphrase. Type it to open your answers; \
         it is not shown as you type."
    );
    let note = note(unlock);
    // Its keys as the key table has them (the README lists the same line).
    let keys = crate::app::keys::key_line(crate::app::Context::Unlock);
    let rows = |s: &str| wrap::height(s, area.width);
    let [_, title, _, body, _, input, keys_area, _, note_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(rows(&why)),
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Length(rows(&keys)),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(
        Line::from(Span::styled("Unlock your answers", theme.title())),
        title,
    );
    frame.render_widget(wrap::paragraph(&why, body.width), body);
    let label = format!("Passphrase for profile \"{name}\"");
    let typing = unlock.stage() == Stage::Typing;
    draw_masked(frame, theme, input, &label, unlock.typed_len(), typing);
    frame.render_widget(
        wrap::paragraph(&keys, keys_area.width).style(theme.dim()),
        keys_area,
    );
    frame.render_widget(
        wrap::paragraph(&note, note_area.width).style(theme.warn()),
        note_area,
    );
}

/// What the line under the keys says: the try running, or why the last did not unlock.
fn note(unlock: &Unlock) -> String {
    if unlock.stage() == Stage::Unlocking {
        return "Unlocking…".to_string();
    }
    let left = match unlock.tries_left() {
        1 => "1 try left.".to_string(),
        n => format!("{n} tries left."),
    };
    match unlock.problem() {
        None => String::new(),
        Some(Problem::Wrong) => format!("That passphrase does not unlock this profile. {left}"),
        Some(Problem::Empty) => "Nothing was typed: type the passphrase, then Enter.".to_string(),
        Some(Problem::TooLong) => format!(
            "That is longer than {} characters, so it was not taken; was something pasted by mistake?",
            crate::vault::MAX_PASSPHRASE_BYTES
        ),
    }
}

/// A masked field in `area` (three rows): a box titled `label`, one bullet per
/// character typed (`typed_len`), never the text; the cursor after them when `cursor`.
pub(super) fn draw_masked(
    frame: &mut Frame,
    theme: &Theme,
    area: Rect,
    label: &str,
    typed_len: usize,
    cursor: bool,
) {
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .padding(Padding::horizontal(1))
        .title(Span::styled(format!(" {label}: "), theme.dim()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // Only the count shows, and only as much of it as fits: the end of a long one.
    let shown = typed_len.min(usize::from(inner.width.saturating_sub(1)));
    frame.render_widget(Line::from("•".repeat(shown)), inner);
    if cursor {
        let x = inner.x + u16::try_from(shown).unwrap_or(inner.width);
        frame.set_cursor_position((x.min(inner.right().saturating_sub(1)), inner.y));
    }
}

//! Bindings that several contexts share, and the helpers that make a binding.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::{Binding, Key, Show};
use crate::app::{Action, Edit, Go, Move};

pub(super) const NONE: KeyModifiers = KeyModifiers::NONE;
pub(super) const CTRL: KeyModifiers = KeyModifiers::CONTROL;
pub(super) const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

/// A key without modifiers.
pub(super) fn k(code: KeyCode) -> Key {
    Key(code, NONE)
}

/// A character key.
pub(super) fn ch(c: char) -> Key {
    Key(KeyCode::Char(c), NONE)
}

/// A character with Ctrl held.
pub(super) fn ctrl(c: char) -> Key {
    Key(KeyCode::Char(c), CTRL)
}

/// A binding shown in help, and in the footer too when `footer` is set.
pub(super) fn b(
    keys: Vec<Key>,
    action: Action,
    label: &'static str,
    does: &'static str,
    footer: bool,
) -> Binding {
    let show = if footer { Show::Footer } else { Show::Help };
    Binding {
        keys,
        action,
        label,
        does,
        show,
    }
}

/// A binding whose keys another binding's label already names.
pub(super) fn grouped(keys: Vec<Key>, action: Action) -> Binding {
    Binding {
        keys,
        action,
        label: "",
        does: "",
        show: Show::Grouped,
    }
}

/// Help: F1 always, `?` where no text is typed.
pub(super) fn help(typing: bool) -> Binding {
    let keys = if typing {
        vec![k(KeyCode::F(1))]
    } else {
        vec![k(KeyCode::F(1)), ch('?')]
    };
    b(
        keys,
        Action::Go(Go::Help),
        if typing { "F1" } else { "?" },
        "help",
        true,
    )
}

/// The safety page is one key away everywhere: F3 always, `b` where no text is typed.
pub(super) fn safety(typing: bool) -> Binding {
    let keys = if typing {
        vec![k(KeyCode::F(3))]
    } else {
        vec![k(KeyCode::F(3)), ch('b')]
    };
    b(
        keys,
        Action::Go(Go::Safety),
        if typing { "F3" } else { "b" },
        "before you start (safety)",
        false,
    )
}

/// Quitting, from every context but the question asked when quitting.
pub(super) fn quit() -> Binding {
    b(
        vec![ctrl('c'), ctrl('q')],
        Action::Go(Go::Quit),
        "Ctrl+Q",
        "quit",
        false,
    )
}

/// The next page.
pub(super) fn next() -> Binding {
    b(vec![k(KeyCode::Tab)], Action::Go(Go::Next), "Tab", "next", true)
}

/// The previous page.
pub(super) fn prev() -> Binding {
    b(
        vec![k(KeyCode::BackTab), Key(KeyCode::BackTab, SHIFT)],
        Action::Go(Go::Prev),
        "Shift+Tab",
        "previous",
        false,
    )
}

/// Back to where this screen was reached from.
pub(super) fn back() -> Binding {
    b(vec![k(KeyCode::Esc)], Action::Go(Go::Back), "Esc", "back", true)
}

/// Esc back to the screen named by `to` (e.g. "welcome").
pub(super) fn back_to(to: &'static str) -> Binding {
    b(vec![k(KeyCode::Esc)], Action::Go(Go::Back), "Esc", to, true)
}

/// A chapter's entries and trends.
pub(super) fn entries() -> Binding {
    b(
        vec![ch('e')],
        Action::Go(Go::Entries),
        "e",
        "entries and trends",
        true,
    )
}

/// The selection up a row.
pub(super) fn up() -> Binding {
    b(
        vec![k(KeyCode::Up), ch('k')],
        Action::Move(Move::Up),
        "↑/k",
        "up",
        false,
    )
}

/// The selection down a row.
pub(super) fn down() -> Binding {
    b(
        vec![k(KeyCode::Down), ch('j')],
        Action::Move(Move::Down),
        "↓/j",
        "down",
        false,
    )
}

/// The first row.
pub(super) fn first() -> Binding {
    b(
        vec![k(KeyCode::Home), ch('g')],
        Action::Move(Move::First),
        "Home",
        "first",
        false,
    )
}

/// The last row.
pub(super) fn last() -> Binding {
    b(
        vec![k(KeyCode::End), ch('G')],
        Action::Move(Move::Last),
        "End",
        "last",
        false,
    )
}

/// The four keys that move through rows: up, down, first, last.
pub(super) fn rows() -> [Binding; 4] {
    [up(), down(), first(), last()]
}

/// Scrolling text a row at a time: ↑/k names both, ↓/j is grouped under it.
pub(super) fn scroll(footer: bool) -> [Binding; 2] {
    [
        b(
            vec![k(KeyCode::Up), ch('k')],
            Action::Move(Move::Up),
            "↑/↓",
            "scroll",
            footer,
        ),
        grouped(vec![k(KeyCode::Down), ch('j')], Action::Move(Move::Down)),
    ]
}

/// A page up.
pub(super) fn scroll_up() -> Binding {
    b(
        vec![k(KeyCode::PageUp)],
        Action::Move(Move::PageUp),
        "PgUp",
        "page up",
        false,
    )
}

/// A page down.
pub(super) fn scroll_down() -> Binding {
    b(
        vec![k(KeyCode::PageDown)],
        Action::Move(Move::PageDown),
        "PgDn",
        "page down",
        false,
    )
}

/// Digits are decoded in `key_action`; the binding only names them for help.
pub(super) fn digits(does: &'static str) -> Binding {
    b(vec![], Action::Edit(Edit::Digit(0)), "0-9", does, false)
}

/// Clearing a value picked by keys.
pub(super) fn clear() -> Binding {
    b(
        vec![k(KeyCode::Backspace), k(KeyCode::Delete)],
        Action::Edit(Edit::Clear),
        "Backspace",
        "clear",
        false,
    )
}

/// What a text field does with a key by itself (no key of the table of its own).
pub(super) fn typed() -> Action {
    Action::Edit(Edit::Type(Default::default()))
}

/// Keys the text field deletes with by itself; listed so help names every key that
/// can remove text.
pub(super) fn deletes() -> [Binding; 2] {
    [
        b(
            vec![],
            typed(),
            "Ctrl+W/Alt+D",
            "delete the word before/after",
            false,
        ),
        b(
            vec![],
            typed(),
            "Ctrl+J/K",
            "delete to the line's start/end",
            false,
        ),
    ]
}

/// Undo and redo in a text field.
pub(super) fn text_undo() -> [Binding; 2] {
    [
        b(vec![ctrl('z')], Action::Edit(Edit::Undo), "Ctrl+Z", "undo", false),
        b(vec![ctrl('y')], Action::Edit(Edit::Redo), "Ctrl+Y", "redo", false),
    ]
}

/// The editing keys of a one-line field (a list item, "other", the name on a first run).
pub(super) fn line_edits() -> Vec<Binding> {
    let mut v = Vec::from(text_undo());
    v.extend(deletes());
    v
}

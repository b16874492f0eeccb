//! The bindings of questions and overlays: a name, a yes or no, help and the safety page.

use ratatui::crossterm::event::KeyCode::{BackTab, Enter, Esc, F, PageDown, PageUp, Tab};

use super::shared::{
    SHIFT, b, ch, ctrl, first, grouped, k, last, line_edits, scroll, scroll_down, scroll_up,
};
use super::{Binding, Key};
use crate::app::{Action, Edit, Go, Move};

/// A first run's question of a name (typing).
pub(super) fn name() -> Vec<Binding> {
    let mut v = vec![
        b(
            vec![k(Enter)],
            Action::Move(Move::Select),
            "Enter",
            "use this name",
            true,
        ),
        b(
            vec![k(Esc)],
            Action::Go(Go::Back),
            "Esc",
            "keep the name \"default\"",
            true,
        ),
    ];
    v.extend(line_edits());
    v
}

/// A first run's offer to protect the answers with a passphrase.
pub(super) fn protect_offer() -> Vec<Binding> {
    vec![
        b(
            vec![ch('p')],
            Action::Move(Move::Select),
            "p",
            "protect with a passphrase",
            true,
        ),
        b(
            vec![ch('n'), k(Esc)],
            Action::Go(Go::Back),
            "n/Esc",
            "not now",
            true,
        ),
    ]
}

/// What a masked passphrase field does with Backspace by itself; listed so help names it.
fn passphrase_delete() -> Binding {
    b(
        vec![],
        Action::Edit(Edit::Type(Default::default())),
        "Backspace",
        "delete",
        true,
    )
}

/// A new passphrase, typed and repeated in a masked field.
pub(super) fn new_passphrase() -> Vec<Binding> {
    vec![
        b(vec![k(Enter)], Action::Move(Move::Select), "Enter", "next", true),
        passphrase_delete(),
        b(vec![k(Esc)], Action::Go(Go::Back), "Esc", "back, not now", true),
    ]
}

/// The recovery key, shown once.
pub(super) fn recovery_key() -> Vec<Binding> {
    vec![b(
        vec![k(Enter)],
        Action::Move(Move::Select),
        "Enter",
        "written down: go on",
        true,
    )]
}

/// The unlock screen before the app: all of its keys (no help or safety page there,
/// as no app is open yet).
pub(super) fn unlock() -> Vec<Binding> {
    vec![
        b(
            vec![k(Enter)],
            Action::Move(Move::Select),
            "Enter",
            "unlock",
            true,
        ),
        passphrase_delete(),
        b(
            vec![k(Esc), ctrl('c'), ctrl('q')],
            Action::Go(Go::Back),
            "Esc",
            "quit (nothing is changed)",
            true,
        ),
    ]
}

/// `yes` (y) and `no` (Esc or n) of a question that changes something.
fn yes_no(yes: Action, yes_does: &'static str, no_does: &'static str) -> Vec<Binding> {
    vec![
        b(vec![ch('y')], yes, "y", yes_does, true),
        b(
            vec![k(Esc), ch('n')],
            Action::Go(Go::Back),
            "Esc/n",
            no_does,
            true,
        ),
    ]
}

/// The entries screen asking whether to delete the selected entry.
pub(super) fn confirm_delete() -> Vec<Binding> {
    yes_no(Action::Go(Go::DeleteEntry), "yes, delete it", "keep it")
}

/// The entries screen asking whether to share every answer of the selected entry.
pub(super) fn confirm_share_entry() -> Vec<Binding> {
    yes_no(
        Action::Go(Go::ShareEntry),
        "yes, share every answer in it",
        "keep it as it is",
    )
}

/// A check-in's first visit in the grace window, asking which week it is about.
pub(super) fn which_week() -> Vec<Binding> {
    vec![
        b(vec![ch('l')], Action::Go(Go::LastWeek), "l", "last week", true),
        b(
            vec![ch('t'), k(Enter), k(Esc)],
            Action::Go(Go::ThisWeek),
            "t/Enter",
            "this week",
            true,
        ),
    ]
}

/// The sharing screen asking whether to start sharing with the selected partner.
pub(super) fn confirm_share() -> Vec<Binding> {
    yes_no(Action::Go(Go::Share), "yes, share", "no, keep it as it is")
}

/// The sharing screen asking whether to withdraw sharing with the selected partner.
pub(super) fn confirm_withdraw() -> Vec<Binding> {
    yes_no(Action::Go(Go::Withdraw), "yes, withdraw", "no, keep sharing")
}

/// Typing the partner's profile name and pairing code.
pub(super) fn pair_entry() -> Vec<Binding> {
    let mut v = vec![
        b(
            vec![k(Enter)],
            Action::Move(Move::Select),
            "Enter",
            "check it",
            true,
        ),
        b(vec![k(Tab)], Action::Move(Move::Down), "Tab", "other field", true),
        grouped(vec![k(BackTab), Key(BackTab, SHIFT)], Action::Move(Move::Up)),
        b(vec![k(Esc)], Action::Go(Go::Back), "Esc", "cancel", true),
    ];
    v.extend(line_edits());
    v
}

/// Both fingerprints shown: record the partner's code?
pub(super) fn confirm_pair() -> Vec<Binding> {
    yes_no(Action::Go(Go::Pair), "they match: record it", "record nothing")
}

/// A different key is recorded for the partner: only their name, typed, replaces it.
pub(super) fn key_changed() -> Vec<Binding> {
    let mut v = vec![
        b(
            vec![k(Enter)],
            Action::Move(Move::Select),
            "Enter",
            "replace the key",
            true,
        ),
        b(
            vec![k(Esc)],
            Action::Go(Go::Back),
            "Esc",
            "keep the old key",
            true,
        ),
    ];
    v.extend(line_edits());
    v
}

/// The question asked when quitting with unsaved answers.
pub(super) fn confirm_quit() -> Vec<Binding> {
    vec![
        b(
            vec![ch('r')],
            Action::Go(Go::RetrySave),
            "r",
            "try saving again",
            true,
        ),
        b(
            vec![ch('w')],
            Action::Go(Go::QuitWithFallback),
            "w",
            "write a copy elsewhere and quit",
            true,
        ),
        b(vec![k(Esc)], Action::Go(Go::Back), "Esc", "keep working", true),
    ]
}

/// The help overlay.
pub(super) fn help() -> Vec<Binding> {
    let mut v = vec![b(
        vec![k(Esc), k(F(1)), ch('?')],
        Action::Go(Go::Back),
        "Esc",
        "close help",
        true,
    )];
    v.extend(scroll(false));
    v.extend([
        grouped(vec![k(PageUp)], Action::Move(Move::PageUp)),
        grouped(vec![k(PageDown)], Action::Move(Move::PageDown)),
    ]);
    v
}

/// The "before you start" safety page.
pub(super) fn safety() -> Vec<Binding> {
    let mut v = Vec::from(scroll(true));
    v.extend([
        scroll_up(),
        scroll_down(),
        first(),
        last(),
        b(
            vec![k(Enter)],
            Action::Move(Move::Select),
            "Enter",
            "continue",
            true,
        ),
        b(
            vec![k(Esc), k(F(3)), ch('b')],
            Action::Go(Go::Back),
            "Esc",
            "close",
            true,
        ),
    ]);
    v
}

//! The bindings of the screens that are not exercises: menus, lists and pages.

use ratatui::crossterm::event::KeyCode::{Delete, Enter, Esc, Left, PageDown, PageUp, Right, Tab};

use super::Binding;
use super::shared::{
    b, back, back_to, ch, ctrl, down, entries, first, k, last, prev, rows, scroll, scroll_down, scroll_up, up,
};
use crate::app::{Action, Go, Move};

/// The welcome menu.
pub(super) fn welcome() -> Vec<Binding> {
    let mut v = Vec::from(rows());
    v.extend([
        b(
            vec![k(Enter), ch(' ')],
            Action::Move(Move::Select),
            "Enter",
            "choose",
            true,
        ),
        b(vec![ch('c')], Action::Go(Go::Continue), "c", "continue", false),
        b(vec![ch('s')], Action::Go(Go::Start), "s", "start", false),
        b(vec![ch('t')], Action::Go(Go::Contents), "t", "contents", false),
        b(
            vec![k(Left), k(Right)],
            Action::Move(Move::Right),
            "←/→",
            "whom to compare with",
            false,
        ),
        b(
            vec![ch('r')],
            Action::Go(Go::Review),
            "r",
            "review answers",
            false,
        ),
        b(
            vec![ch('w')],
            Action::Go(Go::Sharing),
            "w",
            "sharing: who sees your answers",
            false,
        ),
        scroll_up(),
        scroll_down(),
        b(vec![k(Esc)], Action::Go(Go::Back), "Esc", "quit", true),
    ]);
    v
}

/// The table of contents.
pub(super) fn contents() -> Vec<Binding> {
    vec![
        up(),
        down(),
        b(vec![k(Enter)], Action::Move(Move::Select), "Enter", "open", true),
        b(
            vec![k(Right), ch('l')],
            Action::Move(Move::Right),
            "→/l",
            "expand",
            false,
        ),
        b(
            vec![k(Left), ch('h')],
            Action::Move(Move::Left),
            "←/h",
            "collapse",
            false,
        ),
        b(
            vec![ch(' ')],
            Action::Move(Move::Toggle),
            "Space",
            "expand/collapse",
            true,
        ),
        first(),
        last(),
        entries(),
        back_to("welcome"),
    ]
}

/// A chapter introduction or the closing screen.
pub(super) fn page() -> Vec<Binding> {
    let mut v = vec![
        b(
            vec![k(Enter)],
            Action::Move(Move::Select),
            "Enter",
            "continue",
            true,
        ),
        b(vec![k(Tab)], Action::Go(Go::Next), "Tab", "next", false),
        prev(),
    ];
    v.extend(scroll(false));
    v.extend([scroll_up(), scroll_down(), entries(), back()]);
    v
}

/// The review of all answers.
pub(super) fn review() -> Vec<Binding> {
    vec![
        up(),
        down(),
        b(
            vec![k(Enter)],
            Action::Move(Move::Select),
            "Enter",
            "edit this answer",
            true,
        ),
        b(
            vec![ch(' ')],
            Action::Move(Move::Toggle),
            "Space",
            "read all of it",
            true,
        ),
        first(),
        last(),
        b(vec![k(PageUp)], Action::Move(Move::Up), "PgUp", "previous", false),
        b(vec![k(PageDown)], Action::Move(Move::Down), "PgDn", "next", false),
        back_to("welcome"),
    ]
}

/// One answer of the review opened whole for reading.
pub(super) fn reading() -> Vec<Binding> {
    let mut v = Vec::from(scroll(true));
    v.extend([
        scroll_up(),
        scroll_down(),
        first(),
        last(),
        b(vec![k(Enter)], Action::Move(Move::Select), "Enter", "edit", true),
        b(
            vec![k(Esc), ch(' ')],
            Action::Go(Go::Back),
            "Esc",
            "back to the list",
            true,
        ),
    ]);
    v
}

/// The comparison with a partner.
pub(super) fn compare() -> Vec<Binding> {
    let mut v = Vec::from(scroll(true));
    v.extend([scroll_up(), scroll_down(), first(), last(), back_to("welcome")]);
    v
}

/// The dated entries of a repeated part, and their trends.
pub(super) fn entries_list() -> Vec<Binding> {
    vec![
        up(),
        down(),
        b(
            vec![k(Enter)],
            Action::Move(Move::Select),
            "Enter",
            "read or edit",
            true,
        ),
        b(vec![ch('n')], Action::Go(Go::NewEntry), "n", "new entry", true),
        b(
            vec![ch('d'), k(Delete)],
            Action::Go(Go::DeleteEntry),
            "d",
            "delete",
            true,
        ),
        b(
            vec![ch('u'), ctrl('z')],
            Action::Go(Go::RestoreEntry),
            "u",
            "restore, or undo sharing",
            false,
        ),
        first(),
        last(),
        back_to("contents"),
        b(
            vec![ch('s')],
            Action::Go(Go::ShareEntry),
            "s",
            "share entry",
            true,
        ),
        b(
            vec![k(PageDown)],
            Action::Move(Move::PageDown),
            "PgDn",
            "more trends",
            false,
        ),
        b(
            vec![k(PageUp)],
            Action::Move(Move::PageUp),
            "PgUp",
            "earlier trends",
            false,
        ),
        b(
            vec![ch('w')],
            Action::Go(Go::WeekStart),
            "w",
            "weeks start a day later",
            false,
        ),
    ]
}

/// Who sees your answers: sharing and withdrawing.
pub(super) fn sharing() -> Vec<Binding> {
    vec![
        up(),
        down(),
        b(
            vec![ch('s'), k(Enter)],
            Action::Go(Go::Share),
            "s",
            "share with them",
            true,
        ),
        b(vec![ch('w')], Action::Go(Go::Withdraw), "w", "withdraw", true),
        // Before pairing's keys: at 60 columns the footer keeps the way back.
        back_to("welcome"),
        b(vec![ch('p')], Action::Go(Go::MyCode), "p", "your code", true),
        partner_code(),
        first(),
        last(),
    ]
}

/// `c`: the fields of the partner's name and pairing code.
fn partner_code() -> Binding {
    b(
        vec![ch('c')],
        Action::Go(Go::PartnerCode),
        "c",
        "their code",
        true,
    )
}

/// The sharing screen showing this profile's pairing code.
pub(super) fn my_code() -> Vec<Binding> {
    vec![partner_code(), back_to("the list")]
}

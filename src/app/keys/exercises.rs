//! The bindings of the exercise contexts: one builder per kind of answer.

use ratatui::crossterm::event::KeyCode::{Delete, Down, End, Enter, Esc, F, Home, Insert, Left, Right, Up};

use super::shared::{
    SHIFT, b, ch, clear, ctrl, deletes, digits, k, line_edits, next, prev, rows, text_undo, typed,
};
use super::{Binding, Key};
use crate::app::{Action, Edit, Go, Move};

/// The keys every exercise has: moving between pages, the hint, private, back, skip,
/// and (outside a text field) undo and redo.
fn exercise(typing: bool) -> Vec<Binding> {
    let private = if typing {
        vec![ctrl('p')]
    } else {
        vec![ctrl('p'), ch('p')]
    };
    let skip = if typing {
        vec![ctrl('s')]
    } else {
        vec![ctrl('s'), ch('s')]
    };
    let mut v = vec![
        next(),
        prev(),
        b(vec![k(F(2))], Action::Go(Go::ToggleHint), "F2", "hint", true),
        b(
            private,
            Action::Go(Go::TogglePrivate),
            if typing { "Ctrl+P" } else { "p" },
            "private",
            true,
        ),
        super::shared::back(),
        b(
            skip,
            Action::Go(Go::ToggleSkip),
            if typing { "Ctrl+S" } else { "s" },
            "skip",
            true,
        ),
    ];
    // Every answer change on the screen undoes with one key; a text field has
    // its own Ctrl+Z, which also reaches these changes.
    if !typing {
        v.extend([
            b(
                vec![ch('u'), ctrl('z')],
                Action::Edit(Edit::Undo),
                "u",
                "undo",
                false,
            ),
            b(
                vec![ctrl('y'), ch('U')],
                Action::Edit(Edit::Redo),
                "Ctrl+Y",
                "redo",
                false,
            ),
        ]);
    }
    v
}

/// The answer box of a text exercise.
pub(super) fn text() -> Vec<Binding> {
    let mut v = exercise(true);
    // Handled by the text field itself; listed so help tells the whole story.
    v.extend([
        b(vec![], typed(), "Enter", "new line", false),
        b(vec![], typed(), "Ctrl+←/→", "word by word", false),
        b(vec![], typed(), "Home/End", "start/end of the row", false),
    ]);
    v.extend(deletes());
    v.push(b(
        vec![ctrl('e')],
        Action::Edit(Edit::ExternalEditor),
        "Ctrl+E",
        "your editor",
        true,
    ));
    v.extend(text_undo());
    v
}

/// A list exercise, moving between its items.
pub(super) fn list() -> Vec<Binding> {
    let mut v = Vec::from(rows());
    v.extend([
        b(
            vec![k(Enter)],
            Action::Move(Move::Select),
            "Enter",
            "edit/add",
            true,
        ),
        b(vec![ch('a')], Action::Edit(Edit::AddItem), "a", "add", true),
        b(
            vec![ch('d'), k(Delete)],
            Action::Edit(Edit::DeleteItem),
            "d",
            "delete",
            true,
        ),
        b(
            vec![Key(Up, SHIFT), ch('K')],
            Action::Edit(Edit::MoveItemUp),
            "Shift+↑",
            "move up",
            false,
        ),
        b(
            vec![Key(Down, SHIFT), ch('J')],
            Action::Edit(Edit::MoveItemDown),
            "Shift+↓",
            "move down",
            false,
        ),
    ]);
    v.extend(exercise(false));
    v
}

/// A list item or an "other" field being typed in.
pub(super) fn field() -> Vec<Binding> {
    let mut v = vec![
        b(
            vec![k(Enter)],
            Action::Move(Move::Select),
            "Enter",
            "continue",
            true,
        ),
        b(vec![k(Esc)], Action::Go(Go::Back), "Esc", "done", false),
        next(),
        prev(),
        // Works while typing an item, but the footer keeps to the field's own keys.
        b(vec![k(F(2))], Action::Go(Go::ToggleHint), "F2", "hint", false),
        b(
            vec![ctrl('s')],
            Action::Go(Go::ToggleSkip),
            "Ctrl+S",
            "skip",
            false,
        ),
    ];
    v.extend(line_edits());
    v
}

/// A choice exercise.
pub(super) fn choice() -> Vec<Binding> {
    let mut v = Vec::from(rows());
    v.push(b(
        vec![k(Enter), ch(' ')],
        Action::Move(Move::Select),
        "Enter",
        "pick",
        true,
    ));
    v.extend(exercise(false));
    v
}

/// A checklist exercise.
pub(super) fn checklist() -> Vec<Binding> {
    let mut v = Vec::from(rows());
    v.push(b(
        vec![ch(' '), k(Enter)],
        Action::Move(Move::Toggle),
        "Space",
        "tick",
        true,
    ));
    v.extend(exercise(false));
    v
}

/// Lower and higher on a scale, by ←/h and →/l.
fn lower_higher(lower: &'static str, higher: &'static str) -> [Binding; 2] {
    [
        b(vec![k(Left), ch('h')], Action::Move(Move::Left), "←", lower, true),
        b(
            vec![k(Right), ch('l')],
            Action::Move(Move::Right),
            "→",
            higher,
            true,
        ),
    ]
}

/// A ratings exercise; `own` when it takes the person's own items too.
pub(super) fn ratings(own: bool) -> Vec<Binding> {
    let [up, down, first, last] = rows();
    let mut v = vec![up, down];
    v.extend(lower_higher("lower", "higher"));
    v.extend([
        digits("type a number"),
        b(
            vec![k(Enter), ch(' ')],
            Action::Move(Move::Select),
            "Enter",
            "pick the value shown",
            false,
        ),
        clear(),
        b(
            vec![ch('n')],
            Action::Edit(Edit::NotApplicable),
            "n",
            "didn't apply (when offered)",
            false,
        ),
        first,
        last,
    ]);
    if own {
        v.extend([
            b(
                vec![ch('a'), k(Insert)],
                Action::Edit(Edit::AddItem),
                "a",
                "add",
                true,
            ),
            b(vec![ch('d')], Action::Edit(Edit::DeleteItem), "d", "remove", true),
        ]);
    }
    v.extend(exercise(false));
    v
}

/// A date exercise.
pub(super) fn date() -> Vec<Binding> {
    let mut v = Vec::from(lower_higher("day before", "day after"));
    v.extend([
        b(
            vec![k(Up), ch('k')],
            Action::Move(Move::Up),
            "↑",
            "week before",
            false,
        ),
        b(
            vec![k(Down), ch('j')],
            Action::Move(Move::Down),
            "↓",
            "week after",
            false,
        ),
        b(
            vec![k(Enter), ch(' ')],
            Action::Move(Move::Select),
            "Enter",
            "take this date",
            true,
        ),
        digits("type YYYYMMDD"),
        clear(),
        b(vec![k(Home)], Action::Move(Move::First), "Home", "today", false),
    ]);
    v.extend(exercise(false));
    v
}

/// A scale exercise.
pub(super) fn scale() -> Vec<Binding> {
    let mut v = Vec::from(lower_higher("lower", "higher"));
    v.extend([
        digits("pick a number"),
        b(
            vec![k(Enter), ch(' ')],
            Action::Move(Move::Select),
            "Enter",
            "pick the middle",
            false,
        ),
        clear(),
        b(vec![k(Home)], Action::Move(Move::First), "Home", "lowest", false),
        b(vec![k(End)], Action::Move(Move::Last), "End", "highest", false),
    ]);
    v.extend(exercise(false));
    v
}

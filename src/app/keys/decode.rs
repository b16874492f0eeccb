//! Turning a terminal event into an action, by the current context's table.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind};

use super::{Context, Key, bindings, context};
use crate::app::{self, Action, App, Edit, Go, Move};

/// Decodes a terminal event into an action for the app's current context.
pub fn action(app: &App, event: &Event) -> Option<Action> {
    let cx = context(app);
    if app.too_small() {
        // Nothing of the app shows: typing blind into an answer would surprise. Only
        // a resize and quitting work until the terminal is big enough again.
        return match event {
            Event::Resize(w, h) => Some(Action::Event(app::Event::Resize(*w, *h))),
            Event::Key(key) => key_action(cx, key).filter(|a| *a == Action::Go(Go::Quit)),
            _ => None,
        };
    }
    match event {
        Event::Resize(w, h) => Some(Action::Event(app::Event::Resize(*w, *h))),
        Event::Paste(s) if cx.is_typing() => Some(Action::Edit(Edit::Paste(s.clone()))),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollUp => Some(Action::Move(Move::ScrollUp)),
            MouseEventKind::ScrollDown => Some(Action::Move(Move::ScrollDown)),
            _ => None,
        },
        Event::Key(key) => {
            let typing = cx.is_typing();
            let a = key_action(cx, key);
            // A printable key where nothing is typed may be someone typing in the wrong
            // place: the app decides, from its time and the keys before it.
            if let Some(c) = printable(key)
                && !typing
            {
                let then = a.filter(|a| offered_action(app, a)).map(Box::new);
                return Some(Action::Stroke(app::Stroke {
                    key: c,
                    at: None,
                    then,
                }));
            }
            let a = a?;
            if a == Action::Go(Go::ToggleSkip) && !app.workbook().is_v2() {
                // As before format 2: the key means what it meant without the binding.
                return cx.is_typing().then(|| Action::Edit(Edit::Type((*key).into())));
            }
            Some(a)
        }
        _ => None,
    }
}

/// The character of a key that types one (no Ctrl or Alt held), if it does.
pub fn printable(key: &KeyEvent) -> Option<char> {
    match key.code {
        KeyCode::Char(c)
            if key.kind != KeyEventKind::Release
                && !c.is_control()
                && !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(c)
        }
        _ => None,
    }
}

/// True when `a` works in this app: a format 1 workbook has no skipping, so its
/// skip key is no command there.
fn offered_action(app: &App, a: &Action) -> bool {
    *a != Action::Go(Go::ToggleSkip) || app.workbook().is_v2()
}

/// Decodes one key press in context `cx`.
pub fn key_action(cx: Context, key: &KeyEvent) -> Option<Action> {
    // Releases arrive on some terminals; acting on them would double every key.
    if key.kind == KeyEventKind::Release {
        return None;
    }
    // Shift is part of the character for letters; compare without it there.
    let mods = match key.code {
        KeyCode::Char(_) => key.modifiers - KeyModifiers::SHIFT,
        _ => key.modifiers,
    };
    let pressed = Key(key.code, mods);
    let with_shift = Key(key.code, key.modifiers);
    for bind in bindings(cx) {
        if bind.keys.iter().any(|k| *k == pressed || *k == with_shift) {
            return Some(bind.action.clone());
        }
    }
    if cx.is_typing() {
        return Some(Action::Edit(Edit::Type((*key).into())));
    }
    match key.code {
        KeyCode::Char(c) if cx.takes_digits() && mods.is_empty() => {
            c.to_digit(10).map(|d| Action::Edit(Edit::Digit(d as u8)))
        }
        _ => None,
    }
}

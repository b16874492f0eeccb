//! The one table of key bindings: decoding events into actions, and the
//! footer and help overlay, which read the same table so they never disagree.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind};

use super::{Action, App, Editor, Screen};

/// What has the keyboard, which decides what each key means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// The welcome menu.
    Welcome,
    /// The table of contents.
    Contents,
    /// A chapter introduction or the closing screen.
    Page,
    /// A text exercise (typing).
    Text,
    /// A list exercise, moving between items.
    List,
    /// A list item or an "other" field being typed in.
    Field,
    /// A choice exercise.
    Choice,
    /// A checklist exercise.
    Checklist,
    /// A scale exercise.
    Scale,
    /// The review of all answers.
    Review,
    /// The comparison with a partner.
    Compare,
    /// The help overlay.
    Help,
    /// The question asked when quitting with unsaved answers.
    ConfirmQuit,
}

impl Context {
    /// Every context, in declaration order (the binding table's order).
    const ALL: [Context; 13] = [
        Context::Welcome,
        Context::Contents,
        Context::Page,
        Context::Text,
        Context::List,
        Context::Field,
        Context::Choice,
        Context::Checklist,
        Context::Scale,
        Context::Review,
        Context::Compare,
        Context::Help,
        Context::ConfirmQuit,
    ];
}

/// A key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key(pub KeyCode, pub KeyModifiers);

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

fn k(code: KeyCode) -> Key {
    Key(code, NONE)
}
fn ch(c: char) -> Key {
    Key(KeyCode::Char(c), NONE)
}
fn ctrl(c: char) -> Key {
    Key(KeyCode::Char(c), CTRL)
}

/// One binding: the keys, what they do, and how they are shown.
#[derive(Debug, Clone)]
pub struct Binding {
    /// Keys that trigger it.
    pub keys: Vec<Key>,
    /// The action.
    pub action: Action,
    /// Keys as shown to the user, e.g. "Tab".
    pub label: &'static str,
    /// What it does, e.g. "next".
    pub does: &'static str,
    /// Shown in the footer (the few that matter), not only in help.
    pub footer: bool,
}

fn b(keys: Vec<Key>, action: Action, label: &'static str, does: &'static str, footer: bool) -> Binding {
    Binding {
        keys,
        action,
        label,
        does,
        footer,
    }
}

/// Which context the app is in.
pub fn context(app: &App) -> Context {
    if app.confirm_quit_open() {
        return Context::ConfirmQuit;
    }
    if app.help_open() {
        return Context::Help;
    }
    context_below_help(app)
}

/// The context of the screen itself, ignoring overlays (what help describes).
pub fn context_below_help(app: &App) -> Context {
    match (app.screen(), app.editor()) {
        (Screen::Welcome, _) => Context::Welcome,
        (Screen::Contents, _) => Context::Contents,
        (Screen::Intro(_) | Screen::Closing, _) => Context::Page,
        (Screen::Review, _) => Context::Review,
        (Screen::Compare, _) => Context::Compare,
        (Screen::Exercise(..), Some(ed)) => match ed {
            Editor::Text(_) => Context::Text,
            Editor::List(l) if l.editing.is_some() => Context::Field,
            Editor::List(_) => Context::List,
            Editor::Choice { other: Some(_), .. } => Context::Field,
            Editor::Choice { .. } => Context::Choice,
            Editor::Checklist { .. } => Context::Checklist,
            Editor::Scale { .. } => Context::Scale,
        },
        (Screen::Exercise(..), None) => Context::Page,
    }
}

/// Every binding of a context, most important first. Built once: it is read on
/// every keystroke and every frame.
pub fn bindings(cx: Context) -> &'static [Binding] {
    static TABLE: std::sync::OnceLock<Vec<Vec<Binding>>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| Context::ALL.iter().map(|&cx| build(cx)).collect());
    // `ALL` lists the contexts in declaration order, so the discriminant is the index.
    &table[cx as usize]
}

/// The bindings of one context, as [`bindings`] serves them.
fn build(cx: Context) -> Vec<Binding> {
    use KeyCode::*;
    let help = |typing: bool| {
        let keys = if typing {
            vec![k(F(1))]
        } else {
            vec![k(F(1)), ch('?')]
        };
        b(keys, Action::Help, if typing { "F1" } else { "?" }, "help", true)
    };
    let quit = b(vec![ctrl('c'), ctrl('q')], Action::Quit, "Ctrl+Q", "quit", false);
    let next = b(vec![k(Tab)], Action::Next, "Tab", "next", true);
    let prev = b(
        vec![k(BackTab), Key(BackTab, SHIFT)],
        Action::Prev,
        "Shift+Tab",
        "previous",
        false,
    );
    let back = b(vec![k(Esc)], Action::Back, "Esc", "back", true);
    let up = b(vec![k(Up), ch('k')], Action::Up, "↑/k", "up", false);
    let down = b(vec![k(Down), ch('j')], Action::Down, "↓/j", "down", false);
    let first = b(vec![k(Home), ch('g')], Action::First, "Home", "first", false);
    let last = b(vec![k(End), ch('G')], Action::Last, "End", "last", false);
    let hint = b(vec![k(F(2))], Action::ToggleHint, "F2", "hint", true);
    let private = |typing: bool| {
        let keys = if typing {
            vec![ctrl('p')]
        } else {
            vec![ctrl('p'), ch('p')]
        };
        b(
            keys,
            Action::TogglePrivate,
            if typing { "Ctrl+P" } else { "p" },
            "private",
            true,
        )
    };
    let scroll_up = b(vec![k(PageUp)], Action::PageUp, "PgUp", "page up", false);
    let scroll_down = b(vec![k(PageDown)], Action::PageDown, "PgDn", "page down", false);
    let exercise = |typing: bool| {
        vec![
            next.clone(),
            prev.clone(),
            hint.clone(),
            private(typing),
            back.clone(),
        ]
    };
    let mut list = match cx {
        Context::Welcome => vec![
            up.clone(),
            down.clone(),
            first.clone(),
            last.clone(),
            b(vec![k(Enter), ch(' ')], Action::Select, "Enter", "choose", true),
            b(vec![ch('c')], Action::Continue, "c", "continue", false),
            b(vec![ch('s')], Action::Start, "s", "start", false),
            b(vec![ch('t')], Action::Contents, "t", "contents", false),
            b(
                vec![k(Left), k(Right)],
                Action::Right,
                "←/→",
                "whom to compare with",
                false,
            ),
            b(vec![ch('r')], Action::Review, "r", "review answers", false),
            scroll_up.clone(),
            scroll_down.clone(),
            b(vec![k(Esc)], Action::Back, "Esc", "quit", true),
        ],
        Context::Contents => vec![
            up.clone(),
            down.clone(),
            b(vec![k(Enter)], Action::Select, "Enter", "open", true),
            b(vec![k(Right), ch('l')], Action::Right, "→/l", "expand", false),
            b(vec![k(Left), ch('h')], Action::Left, "←/h", "collapse", false),
            b(vec![ch(' ')], Action::Toggle, "Space", "expand/collapse", true),
            first.clone(),
            last.clone(),
            b(vec![k(Esc)], Action::Back, "Esc", "welcome", true),
        ],
        Context::Page => vec![
            b(vec![k(Enter)], Action::Select, "Enter", "continue", true),
            b(vec![k(Tab)], Action::Next, "Tab", "next", false),
            prev.clone(),
            b(vec![k(Up), ch('k')], Action::Up, "↑/↓", "scroll", false),
            b(vec![k(Down), ch('j')], Action::Down, "↓", "scroll down", false),
            scroll_up.clone(),
            scroll_down.clone(),
            back.clone(),
        ],
        Context::Text => {
            let mut v = exercise(true);
            v.extend([
                // Handled by the text field itself; listed so help tells the whole story.
                b(
                    vec![],
                    Action::Type(Default::default()),
                    "Enter",
                    "new line",
                    false,
                ),
                b(
                    vec![],
                    Action::Type(Default::default()),
                    "Ctrl+←/→",
                    "word by word",
                    false,
                ),
                b(
                    vec![],
                    Action::Type(Default::default()),
                    "Home/End",
                    "start/end of line",
                    false,
                ),
                b(
                    vec![ctrl('e')],
                    Action::ExternalEditor,
                    "Ctrl+E",
                    "your editor",
                    true,
                ),
                b(vec![ctrl('z')], Action::Undo, "Ctrl+Z", "undo", false),
                b(vec![ctrl('y')], Action::Redo, "Ctrl+Y", "redo", false),
            ]);
            v
        }
        Context::List => {
            let mut v = vec![
                up.clone(),
                down.clone(),
                first.clone(),
                last.clone(),
                b(vec![k(Enter)], Action::Select, "Enter", "edit/add", true),
                b(vec![ch('a')], Action::AddItem, "a", "add", true),
                b(vec![ch('d'), k(Delete)], Action::DeleteItem, "d", "delete", true),
                b(
                    vec![Key(Up, SHIFT), ch('K')],
                    Action::MoveItemUp,
                    "Shift+↑",
                    "move up",
                    false,
                ),
                b(
                    vec![Key(Down, SHIFT), ch('J')],
                    Action::MoveItemDown,
                    "Shift+↓",
                    "move down",
                    false,
                ),
                b(vec![ch('u'), ctrl('z')], Action::Undo, "u", "undo", false),
            ];
            v.extend(exercise(false));
            v
        }
        Context::Field => vec![
            b(vec![k(Enter)], Action::Select, "Enter", "done", true),
            b(vec![k(Esc)], Action::Back, "Esc", "done", false),
            next.clone(),
            prev.clone(),
            b(vec![ctrl('z')], Action::Undo, "Ctrl+Z", "undo", false),
            b(vec![ctrl('y')], Action::Redo, "Ctrl+Y", "redo", false),
        ],
        Context::Choice => {
            let mut v = vec![
                up.clone(),
                down.clone(),
                first.clone(),
                last.clone(),
                b(vec![k(Enter), ch(' ')], Action::Select, "Enter", "pick", true),
            ];
            v.extend(exercise(false));
            v
        }
        Context::Checklist => {
            let mut v = vec![
                up.clone(),
                down.clone(),
                first.clone(),
                last.clone(),
                b(vec![ch(' '), k(Enter)], Action::Toggle, "Space", "tick", true),
            ];
            v.extend(exercise(false));
            v
        }
        Context::Scale => {
            let mut v = vec![
                b(vec![k(Left), ch('h')], Action::Left, "←", "lower", true),
                b(vec![k(Right), ch('l')], Action::Right, "→", "higher", true),
                b(vec![], Action::Digit(0), "0-9", "pick a number", false),
                b(
                    vec![k(Enter), ch(' ')],
                    Action::Select,
                    "Enter",
                    "pick the middle",
                    false,
                ),
                b(
                    vec![k(Backspace), k(Delete)],
                    Action::Clear,
                    "Backspace",
                    "clear",
                    false,
                ),
                b(vec![k(Home)], Action::First, "Home", "lowest", false),
                b(vec![k(End)], Action::Last, "End", "highest", false),
            ];
            v.extend(exercise(false));
            v
        }
        Context::Review => vec![
            up.clone(),
            down.clone(),
            b(vec![k(Enter)], Action::Select, "Enter", "edit this answer", true),
            first.clone(),
            last.clone(),
            b(vec![k(PageUp)], Action::Up, "PgUp", "previous", false),
            b(vec![k(PageDown)], Action::Down, "PgDn", "next", false),
            b(vec![k(Esc)], Action::Back, "Esc", "welcome", true),
        ],
        Context::Compare => vec![
            b(vec![k(Up), ch('k')], Action::Up, "↑/↓", "scroll", true),
            b(vec![k(Down), ch('j')], Action::Down, "↓", "scroll down", false),
            scroll_up.clone(),
            scroll_down.clone(),
            first.clone(),
            last.clone(),
            b(vec![k(Esc)], Action::Back, "Esc", "welcome", true),
        ],
        Context::Help => vec![b(
            vec![k(Esc), k(F(1)), ch('?')],
            Action::Back,
            "Esc",
            "close help",
            true,
        )],
        Context::ConfirmQuit => vec![
            b(vec![ch('r')], Action::RetrySave, "r", "try saving again", true),
            b(
                vec![ch('w')],
                Action::QuitWithFallback,
                "w",
                "write a copy elsewhere and quit",
                true,
            ),
            b(vec![k(Esc)], Action::Back, "Esc", "keep working", true),
        ],
    };
    let typing = matches!(cx, Context::Text | Context::Field);
    if !matches!(cx, Context::Help | Context::ConfirmQuit) {
        list.push(help(typing));
        if matches!(cx, Context::Text) {
            list.push(scroll_up);
            list.push(scroll_down);
        }
    }
    if cx != Context::ConfirmQuit {
        list.push(quit);
    }
    list
}

/// Decodes a terminal event into an action for the app's current context.
pub fn action(app: &App, event: &Event) -> Option<Action> {
    let cx = context(app);
    let (w, h) = app.size();
    if w < crate::ui::MIN_WIDTH || h < crate::ui::MIN_HEIGHT {
        // Nothing of the app shows: typing blind into an answer would surprise. Only
        // a resize and quitting work until the terminal is big enough again.
        return match event {
            Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
            Event::Key(key) => key_action(cx, key).filter(|a| *a == Action::Quit),
            _ => None,
        };
    }
    match event {
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        Event::Paste(s) if matches!(cx, Context::Text | Context::Field) => Some(Action::Paste(s.clone())),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollUp => Some(Action::ScrollUp),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown),
            _ => None,
        },
        Event::Key(key) => key_action(cx, key),
        _ => None,
    }
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
    match (cx, key.code) {
        (Context::Text | Context::Field, _) => Some(Action::Type((*key).into())),
        (Context::Scale, KeyCode::Char(c)) if mods.is_empty() => {
            c.to_digit(10).map(|d| Action::Digit(d as u8))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::Context;

    #[test]
    fn every_context_has_its_own_row_of_the_table() {
        for (i, cx) in Context::ALL.iter().enumerate() {
            assert_eq!(*cx as usize, i, "{cx:?} is out of order in Context::ALL");
        }
    }
}

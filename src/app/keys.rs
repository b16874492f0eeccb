//! The one table of key bindings: decoding events into actions, and the
//! footer and help overlay, which read the same table so they never disagree.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind};

use super::{Action, App, Edit, Go, Lifecycle, Move, Overlay, ScreenState};

/// What has the keyboard, which decides what each key means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// A first run's question of a name (typing).
    Name,
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
    /// A ratings exercise: items, each on one scale.
    Ratings,
    /// A ratings exercise that takes the person's own items too (`add_items`).
    RatingsOwn,
    /// A date exercise.
    Date,
    /// The review of all answers.
    Review,
    /// One answer of the review opened whole for reading.
    Reading,
    /// The comparison with a partner.
    Compare,
    /// The dated entries of a repeated part, and their trends.
    Entries,
    /// The entries screen asking whether to delete the selected entry.
    ConfirmDelete,
    /// A check-in's first visit in the grace window, asking which week it is about.
    WhichWeek,
    /// Who sees your answers: sharing and withdrawing.
    Sharing,
    /// The sharing screen asking whether to start sharing with the selected partner.
    ConfirmShare,
    /// The sharing screen asking whether to withdraw sharing with the selected partner.
    ConfirmWithdraw,
    /// The help overlay.
    Help,
    /// The "before you start" safety page.
    Safety,
    /// The question asked when quitting with unsaved answers.
    ConfirmQuit,
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
    /// Where it is shown.
    pub show: Show,
}

/// Where a binding is shown to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    /// In the footer (the few that matter) and in help.
    Footer,
    /// In help only.
    Help,
    /// Nowhere: another binding's label already names its keys (e.g. "↑/↓ scroll"
    /// covers the down key), so help never lists a key twice.
    Grouped,
}

fn b(keys: Vec<Key>, action: Action, label: &'static str, does: &'static str, footer: bool) -> Binding {
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
fn grouped(keys: Vec<Key>, action: Action) -> Binding {
    Binding {
        keys,
        action,
        label: "",
        does: "",
        show: Show::Grouped,
    }
}

/// Which context the app is in.
pub fn context(app: &App) -> Context {
    match (app.lifecycle(), app.overlay()) {
        (Lifecycle::Running | Lifecycle::AskingToQuit | Lifecycle::Quitting, Overlay::Safety) => {
            Context::Safety
        }
        (Lifecycle::AskingToQuit, Overlay::None | Overlay::Help) => Context::ConfirmQuit,
        (Lifecycle::Running | Lifecycle::Quitting, Overlay::Help) => Context::Help,
        (Lifecycle::Running | Lifecycle::Quitting, Overlay::None) => context_below_help(app),
    }
}

/// The context of the screen itself, ignoring overlays (what help describes).
pub fn context_below_help(app: &App) -> Context {
    match app.state() {
        ScreenState::Name { .. } => Context::Name,
        ScreenState::Welcome { .. } => Context::Welcome,
        ScreenState::Contents { .. } => Context::Contents,
        ScreenState::Intro { .. } | ScreenState::Closing { .. } => Context::Page,
        ScreenState::Review { reading: Some(_), .. } => Context::Reading,
        ScreenState::Review { reading: None, .. } => Context::Review,
        ScreenState::Compare { .. } => Context::Compare,
        ScreenState::Entries {
            confirm_delete: true, ..
        } => Context::ConfirmDelete,
        ScreenState::Entries { .. } => Context::Entries,
        ScreenState::Sharing { confirm, .. } => match confirm {
            Some(super::SharingAsk::Share(_)) => Context::ConfirmShare,
            Some(super::SharingAsk::Withdraw(_)) => Context::ConfirmWithdraw,
            None => Context::Sharing,
        },
        ScreenState::Exercise { .. } if app.week_question().is_some() => Context::WhichWeek,
        ScreenState::Exercise { component, .. } => component.context(),
    }
}

/// Every binding of a context, most important first. Built once per context: it
/// is read on every keystroke and every frame.
pub fn bindings(cx: Context) -> &'static [Binding] {
    use std::sync::OnceLock;
    // One cell per context, picked by an exhaustive match: a new context cannot be
    // forgotten here, and there is no index to get wrong.
    macro_rules! cached {
        ($($cx:ident),*) => {
            match cx {
                $(Context::$cx => {
                    static CELL: OnceLock<Vec<Binding>> = OnceLock::new();
                    CELL.get_or_init(|| build(Context::$cx))
                })*
            }
        };
    }
    cached!(
        Name,
        Welcome,
        Contents,
        Page,
        Text,
        List,
        Field,
        Choice,
        Checklist,
        Scale,
        Ratings,
        RatingsOwn,
        Date,
        Review,
        Reading,
        Compare,
        Entries,
        ConfirmDelete,
        WhichWeek,
        Sharing,
        ConfirmShare,
        ConfirmWithdraw,
        Help,
        Safety,
        ConfirmQuit
    )
}

/// The bindings help lists for `cx`: each once, without those another binding's
/// label already names.
pub fn help_bindings(cx: Context) -> impl Iterator<Item = &'static Binding> {
    bindings(cx).iter().filter(|b| b.show != Show::Grouped)
}

/// The name of one key as help shows it, e.g. "Ctrl+Z", "h", "Space".
pub fn key_name(key: &Key) -> String {
    use KeyCode::*;
    let name = match key.0 {
        Char(' ') => "Space".to_string(),
        Char(c) if key.1.contains(CTRL) => c.to_uppercase().to_string(),
        Char(c) => c.to_string(),
        Enter => "Enter".to_string(),
        Esc => "Esc".to_string(),
        Tab => "Tab".to_string(),
        BackTab => return "Shift+Tab".to_string(),
        Up => "↑".to_string(),
        Down => "↓".to_string(),
        Left => "←".to_string(),
        Right => "→".to_string(),
        Home => "Home".to_string(),
        End => "End".to_string(),
        PageUp => "PgUp".to_string(),
        PageDown => "PgDn".to_string(),
        Backspace => "Backspace".to_string(),
        Delete => "Del".to_string(),
        Insert => "Ins".to_string(),
        F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    let ctrl = if key.1.contains(CTRL) { "Ctrl+" } else { "" };
    let shift = if key.1.contains(SHIFT) { "Shift+" } else { "" };
    format!("{ctrl}{shift}{name}")
}

/// Every key of `bind` as help lists them ("←/h"), with the keys of the grouped
/// bindings right after it, so no key works without help naming it. A binding
/// without keys of its own (digits, the text field's own keys) shows its label.
pub fn help_keys(cx: Context, bind: &Binding) -> String {
    if bind.keys.is_empty() {
        return bind.label.to_string();
    }
    let all = bindings(cx);
    let grouped = all
        .iter()
        .position(|b| std::ptr::eq(b, bind))
        .map(|i| &all[i + 1..])
        .unwrap_or(&[])
        .iter()
        .take_while(|b| b.show == Show::Grouped);
    let mut names: Vec<String> = Vec::new();
    for k in bind.keys.iter().chain(grouped.flat_map(|b| b.keys.iter())) {
        let n = key_name(k);
        if !names.contains(&n) {
            names.push(n);
        }
    }
    names.join("/")
}

/// The label of the first key for `action` in context `cx`, for texts that name
/// a key ("u brings it back"): taken from the table, so they never disagree.
pub fn label_of(cx: Context, action: &Action) -> &'static str {
    bindings(cx)
        .iter()
        .find(|b| b.action == *action && b.show != Show::Grouped)
        .map_or("", |b| b.label)
}

/// True when `bind` works in this app: skipping needs a format 2 workbook, so a
/// format 1 workbook's keys, footer and help stay as they were.
pub fn offered(app: &App, bind: &Binding) -> bool {
    match bind.action {
        Action::Go(Go::ToggleSkip) => app.workbook().is_v2(),
        // Only a chapter with a repeated part has entries to open.
        Action::Go(Go::Entries) => app.has_entries_here(),
        Action::Go(_) | Action::Move(_) | Action::Edit(_) | Action::Event(_) | Action::Stroke(_) => true,
    }
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
        b(
            keys,
            Action::Go(Go::Help),
            if typing { "F1" } else { "?" },
            "help",
            true,
        )
    };
    // The safety page is one key away everywhere: F3 always, `b` where no text is typed.
    let safety = |typing: bool| {
        let keys = if typing {
            vec![k(F(3))]
        } else {
            vec![k(F(3)), ch('b')]
        };
        b(
            keys,
            Action::Go(Go::Safety),
            if typing { "F3" } else { "b" },
            "before you start (safety)",
            false,
        )
    };
    let quit = b(
        vec![ctrl('c'), ctrl('q')],
        Action::Go(Go::Quit),
        "Ctrl+Q",
        "quit",
        false,
    );
    let next = b(vec![k(Tab)], Action::Go(Go::Next), "Tab", "next", true);
    let prev = b(
        vec![k(BackTab), Key(BackTab, SHIFT)],
        Action::Go(Go::Prev),
        "Shift+Tab",
        "previous",
        false,
    );
    let back = b(vec![k(Esc)], Action::Go(Go::Back), "Esc", "back", true);
    let entries = b(
        vec![ch('e')],
        Action::Go(Go::Entries),
        "e",
        "entries and trends",
        true,
    );
    let up = b(vec![k(Up), ch('k')], Action::Move(Move::Up), "↑/k", "up", false);
    let down = b(
        vec![k(Down), ch('j')],
        Action::Move(Move::Down),
        "↓/j",
        "down",
        false,
    );
    let first = b(
        vec![k(Home), ch('g')],
        Action::Move(Move::First),
        "Home",
        "first",
        false,
    );
    let last = b(
        vec![k(End), ch('G')],
        Action::Move(Move::Last),
        "End",
        "last",
        false,
    );
    let hint = b(vec![k(F(2))], Action::Go(Go::ToggleHint), "F2", "hint", true);
    let private = |typing: bool| {
        let keys = if typing {
            vec![ctrl('p')]
        } else {
            vec![ctrl('p'), ch('p')]
        };
        b(
            keys,
            Action::Go(Go::TogglePrivate),
            if typing { "Ctrl+P" } else { "p" },
            "private",
            true,
        )
    };
    let skip = |typing: bool| {
        let keys = if typing {
            vec![ctrl('s')]
        } else {
            vec![ctrl('s'), ch('s')]
        };
        b(
            keys,
            Action::Go(Go::ToggleSkip),
            if typing { "Ctrl+S" } else { "s" },
            "skip",
            true,
        )
    };
    // Digits are decoded in `key_action`; the binding only names them for help.
    let digits = |does: &'static str| b(vec![], Action::Edit(Edit::Digit(0)), "0-9", does, false);
    let clear = b(
        vec![k(Backspace), k(Delete)],
        Action::Edit(Edit::Clear),
        "Backspace",
        "clear",
        false,
    );
    let scroll_up = b(
        vec![k(PageUp)],
        Action::Move(Move::PageUp),
        "PgUp",
        "page up",
        false,
    );
    let scroll_down = b(
        vec![k(PageDown)],
        Action::Move(Move::PageDown),
        "PgDn",
        "page down",
        false,
    );
    // Keys the text field deletes with by itself; listed so help names every key that
    // can remove text.
    let typed = || Action::Edit(Edit::Type(Default::default()));
    let deletes = [
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
    ];
    // The editing keys of a one-line field (a list item, "other", the name on a first run).
    let line_edits = || {
        vec![
            b(vec![ctrl('z')], Action::Edit(Edit::Undo), "Ctrl+Z", "undo", false),
            b(vec![ctrl('y')], Action::Edit(Edit::Redo), "Ctrl+Y", "redo", false),
            deletes[0].clone(),
            deletes[1].clone(),
        ]
    };
    let exercise = |typing: bool| {
        let mut v = vec![
            next.clone(),
            prev.clone(),
            hint.clone(),
            private(typing),
            back.clone(),
            skip(typing),
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
    };
    let mut list = match cx {
        Context::Name => {
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
        Context::Welcome => vec![
            up.clone(),
            down.clone(),
            first.clone(),
            last.clone(),
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
            scroll_up.clone(),
            scroll_down.clone(),
            b(vec![k(Esc)], Action::Go(Go::Back), "Esc", "quit", true),
        ],
        Context::Contents => vec![
            up.clone(),
            down.clone(),
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
            first.clone(),
            last.clone(),
            entries.clone(),
            b(vec![k(Esc)], Action::Go(Go::Back), "Esc", "welcome", true),
        ],
        Context::Page => vec![
            b(
                vec![k(Enter)],
                Action::Move(Move::Select),
                "Enter",
                "continue",
                true,
            ),
            b(vec![k(Tab)], Action::Go(Go::Next), "Tab", "next", false),
            prev.clone(),
            b(
                vec![k(Up), ch('k')],
                Action::Move(Move::Up),
                "↑/↓",
                "scroll",
                false,
            ),
            grouped(vec![k(Down), ch('j')], Action::Move(Move::Down)),
            scroll_up.clone(),
            scroll_down.clone(),
            entries.clone(),
            back.clone(),
        ],
        Context::Text => {
            let mut v = exercise(true);
            v.extend([
                // Handled by the text field itself; listed so help tells the whole story.
                b(
                    vec![],
                    Action::Edit(Edit::Type(Default::default())),
                    "Enter",
                    "new line",
                    false,
                ),
                b(
                    vec![],
                    Action::Edit(Edit::Type(Default::default())),
                    "Ctrl+←/→",
                    "word by word",
                    false,
                ),
                b(
                    vec![],
                    Action::Edit(Edit::Type(Default::default())),
                    "Home/End",
                    "start/end of the row",
                    false,
                ),
                deletes[0].clone(),
                deletes[1].clone(),
                b(
                    vec![ctrl('e')],
                    Action::Edit(Edit::ExternalEditor),
                    "Ctrl+E",
                    "your editor",
                    true,
                ),
                b(vec![ctrl('z')], Action::Edit(Edit::Undo), "Ctrl+Z", "undo", false),
                b(vec![ctrl('y')], Action::Edit(Edit::Redo), "Ctrl+Y", "redo", false),
            ]);
            v
        }
        Context::List => {
            let mut v = vec![
                up.clone(),
                down.clone(),
                first.clone(),
                last.clone(),
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
            ];
            v.extend(exercise(false));
            v
        }
        Context::Field => {
            let mut v = vec![
                b(
                    vec![k(Enter)],
                    Action::Move(Move::Select),
                    "Enter",
                    "continue",
                    true,
                ),
                b(vec![k(Esc)], Action::Go(Go::Back), "Esc", "done", false),
                next.clone(),
                prev.clone(),
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
        Context::Choice => {
            let mut v = vec![
                up.clone(),
                down.clone(),
                first.clone(),
                last.clone(),
                b(
                    vec![k(Enter), ch(' ')],
                    Action::Move(Move::Select),
                    "Enter",
                    "pick",
                    true,
                ),
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
                b(
                    vec![ch(' '), k(Enter)],
                    Action::Move(Move::Toggle),
                    "Space",
                    "tick",
                    true,
                ),
            ];
            v.extend(exercise(false));
            v
        }
        Context::Ratings | Context::RatingsOwn => {
            let mut v = vec![
                up.clone(),
                down.clone(),
                b(
                    vec![k(Left), ch('h')],
                    Action::Move(Move::Left),
                    "←",
                    "lower",
                    true,
                ),
                b(
                    vec![k(Right), ch('l')],
                    Action::Move(Move::Right),
                    "→",
                    "higher",
                    true,
                ),
                digits("type a number"),
                b(
                    vec![k(Enter), ch(' ')],
                    Action::Move(Move::Select),
                    "Enter",
                    "pick the value shown",
                    false,
                ),
                clear.clone(),
                first.clone(),
                last.clone(),
            ];
            if cx == Context::RatingsOwn {
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
        Context::Date => {
            let mut v = vec![
                b(
                    vec![k(Left), ch('h')],
                    Action::Move(Move::Left),
                    "←",
                    "day before",
                    true,
                ),
                b(
                    vec![k(Right), ch('l')],
                    Action::Move(Move::Right),
                    "→",
                    "day after",
                    true,
                ),
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
                clear.clone(),
                b(vec![k(Home)], Action::Move(Move::First), "Home", "today", false),
            ];
            v.extend(exercise(false));
            v
        }
        Context::Scale => {
            let mut v = vec![
                b(
                    vec![k(Left), ch('h')],
                    Action::Move(Move::Left),
                    "←",
                    "lower",
                    true,
                ),
                b(
                    vec![k(Right), ch('l')],
                    Action::Move(Move::Right),
                    "→",
                    "higher",
                    true,
                ),
                digits("pick a number"),
                b(
                    vec![k(Enter), ch(' ')],
                    Action::Move(Move::Select),
                    "Enter",
                    "pick the middle",
                    false,
                ),
                clear.clone(),
                b(vec![k(Home)], Action::Move(Move::First), "Home", "lowest", false),
                b(vec![k(End)], Action::Move(Move::Last), "End", "highest", false),
            ];
            v.extend(exercise(false));
            v
        }
        Context::Review => vec![
            up.clone(),
            down.clone(),
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
            first.clone(),
            last.clone(),
            b(vec![k(PageUp)], Action::Move(Move::Up), "PgUp", "previous", false),
            b(vec![k(PageDown)], Action::Move(Move::Down), "PgDn", "next", false),
            b(vec![k(Esc)], Action::Go(Go::Back), "Esc", "welcome", true),
        ],
        Context::Reading => vec![
            b(
                vec![k(Up), ch('k')],
                Action::Move(Move::Up),
                "↑/↓",
                "scroll",
                true,
            ),
            grouped(vec![k(Down), ch('j')], Action::Move(Move::Down)),
            scroll_up.clone(),
            scroll_down.clone(),
            first.clone(),
            last.clone(),
            b(vec![k(Enter)], Action::Move(Move::Select), "Enter", "edit", true),
            b(
                vec![k(Esc), ch(' ')],
                Action::Go(Go::Back),
                "Esc",
                "back to the list",
                true,
            ),
        ],
        Context::Entries => vec![
            up.clone(),
            down.clone(),
            b(
                vec![k(Enter)],
                Action::Move(Move::Select),
                "Enter",
                "read or edit",
                true,
            ),
            b(vec![ch('n')], Action::Go(Go::NewEntry), "n", "new entry", true),
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
                vec![ch('s')],
                Action::Go(Go::WeekStart),
                "s",
                "weeks start a day later",
                false,
            ),
            b(
                vec![ch('d'), k(Delete)],
                Action::Go(Go::DeleteEntry),
                "d",
                "delete",
                true,
            ),
            b(vec![ch('u')], Action::Go(Go::RestoreEntry), "u", "restore", false),
            first.clone(),
            last.clone(),
            b(vec![k(Esc)], Action::Go(Go::Back), "Esc", "contents", true),
        ],
        Context::ConfirmDelete => vec![
            b(
                vec![ch('y')],
                Action::Go(Go::DeleteEntry),
                "y",
                "yes, delete it",
                true,
            ),
            b(
                vec![k(Esc), ch('n')],
                Action::Go(Go::Back),
                "Esc/n",
                "keep it",
                true,
            ),
        ],
        Context::WhichWeek => vec![
            b(vec![ch('l')], Action::Go(Go::LastWeek), "l", "last week", true),
            b(
                vec![ch('t'), k(Enter), k(Esc)],
                Action::Go(Go::ThisWeek),
                "t/Enter",
                "this week",
                true,
            ),
        ],
        Context::Sharing => vec![
            up.clone(),
            down.clone(),
            b(
                vec![ch('s'), k(Enter)],
                Action::Go(Go::Share),
                "s",
                "share with them",
                true,
            ),
            b(vec![ch('w')], Action::Go(Go::Withdraw), "w", "withdraw", true),
            first.clone(),
            last.clone(),
            b(vec![k(Esc)], Action::Go(Go::Back), "Esc", "welcome", true),
        ],
        Context::ConfirmShare => vec![
            b(vec![ch('y')], Action::Go(Go::Share), "y", "yes, share", true),
            b(
                vec![k(Esc), ch('n')],
                Action::Go(Go::Back),
                "Esc/n",
                "no, keep it as it is",
                true,
            ),
        ],
        Context::ConfirmWithdraw => vec![
            b(
                vec![ch('y')],
                Action::Go(Go::Withdraw),
                "y",
                "yes, withdraw",
                true,
            ),
            b(
                vec![k(Esc), ch('n')],
                Action::Go(Go::Back),
                "Esc/n",
                "no, keep sharing",
                true,
            ),
        ],
        Context::Compare => vec![
            b(
                vec![k(Up), ch('k')],
                Action::Move(Move::Up),
                "↑/↓",
                "scroll",
                true,
            ),
            grouped(vec![k(Down), ch('j')], Action::Move(Move::Down)),
            scroll_up.clone(),
            scroll_down.clone(),
            first.clone(),
            last.clone(),
            b(vec![k(Esc)], Action::Go(Go::Back), "Esc", "welcome", true),
        ],
        Context::Help => vec![
            b(
                vec![k(Esc), k(F(1)), ch('?')],
                Action::Go(Go::Back),
                "Esc",
                "close help",
                true,
            ),
            b(
                vec![k(Up), ch('k')],
                Action::Move(Move::Up),
                "↑/↓",
                "scroll",
                false,
            ),
            grouped(vec![k(Down), ch('j')], Action::Move(Move::Down)),
            grouped(vec![k(PageUp)], Action::Move(Move::PageUp)),
            grouped(vec![k(PageDown)], Action::Move(Move::PageDown)),
        ],
        Context::Safety => vec![
            b(
                vec![k(Up), ch('k')],
                Action::Move(Move::Up),
                "↑/↓",
                "scroll",
                true,
            ),
            grouped(vec![k(Down), ch('j')], Action::Move(Move::Down)),
            scroll_up.clone(),
            scroll_down.clone(),
            first.clone(),
            last.clone(),
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
        ],
        Context::ConfirmQuit => vec![
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
        ],
    };
    let typing = matches!(cx, Context::Text | Context::Field | Context::Name);
    if cx != Context::Safety {
        list.push(safety(typing));
    }
    if !matches!(cx, Context::Help | Context::Safety | Context::ConfirmQuit) {
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
    if app.too_small() {
        // Nothing of the app shows: typing blind into an answer would surprise. Only
        // a resize and quitting work until the terminal is big enough again.
        return match event {
            Event::Resize(w, h) => Some(Action::Event(super::Event::Resize(*w, *h))),
            Event::Key(key) => key_action(cx, key).filter(|a| *a == Action::Go(Go::Quit)),
            _ => None,
        };
    }
    match event {
        Event::Resize(w, h) => Some(Action::Event(super::Event::Resize(*w, *h))),
        Event::Paste(s) if matches!(cx, Context::Text | Context::Field | Context::Name) => {
            Some(Action::Edit(Edit::Paste(s.clone())))
        }
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollUp => Some(Action::Move(Move::ScrollUp)),
            MouseEventKind::ScrollDown => Some(Action::Move(Move::ScrollDown)),
            _ => None,
        },
        Event::Key(key) => {
            let typing = matches!(cx, Context::Text | Context::Field | Context::Name);
            let a = key_action(cx, key);
            // A printable key where nothing is typed may be someone typing in the wrong
            // place: the app decides, from its time and the keys before it.
            if let Some(c) = printable(key)
                && !typing
            {
                let then = a.filter(|a| offered_action(app, a)).map(Box::new);
                return Some(Action::Stroke(super::Stroke {
                    key: c,
                    at: None,
                    then,
                }));
            }
            let a = a?;
            if a == Action::Go(Go::ToggleSkip) && !app.workbook().is_v2() {
                // As before format 2: the key means what it meant without the binding.
                return match cx {
                    Context::Text | Context::Field | Context::Name => {
                        Some(Action::Edit(Edit::Type((*key).into())))
                    }
                    Context::Welcome
                    | Context::Contents
                    | Context::Page
                    | Context::List
                    | Context::Choice
                    | Context::Checklist
                    | Context::Scale
                    | Context::Ratings
                    | Context::RatingsOwn
                    | Context::Date
                    | Context::Review
                    | Context::Reading
                    | Context::Compare
                    | Context::Entries
                    | Context::ConfirmDelete
                    | Context::WhichWeek
                    | Context::Sharing
                    | Context::ConfirmShare
                    | Context::ConfirmWithdraw
                    | Context::Help
                    | Context::Safety
                    | Context::ConfirmQuit => None,
                };
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
    match cx {
        Context::Text | Context::Field | Context::Name => Some(Action::Edit(Edit::Type((*key).into()))),
        Context::Scale | Context::Ratings | Context::RatingsOwn | Context::Date => match key.code {
            KeyCode::Char(c) if mods.is_empty() => c.to_digit(10).map(|d| Action::Edit(Edit::Digit(d as u8))),
            _ => None,
        },
        Context::Welcome
        | Context::Contents
        | Context::Page
        | Context::List
        | Context::Choice
        | Context::Checklist
        | Context::Review
        | Context::Reading
        | Context::Compare
        | Context::Entries
        | Context::ConfirmDelete
        | Context::WhichWeek
        | Context::Sharing
        | Context::ConfirmShare
        | Context::ConfirmWithdraw
        | Context::Help
        | Context::Safety
        | Context::ConfirmQuit => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every context. Adding one to [`Context`] breaks the match below, and the
    /// list sits next to it.
    const ALL: [Context; 25] = [
        Context::Name,
        Context::Welcome,
        Context::Contents,
        Context::Page,
        Context::Text,
        Context::List,
        Context::Field,
        Context::Choice,
        Context::Checklist,
        Context::Scale,
        Context::Ratings,
        Context::RatingsOwn,
        Context::Date,
        Context::Review,
        Context::Reading,
        Context::Compare,
        Context::Entries,
        Context::ConfirmDelete,
        Context::WhichWeek,
        Context::Sharing,
        Context::ConfirmShare,
        Context::ConfirmWithdraw,
        Context::Help,
        Context::Safety,
        Context::ConfirmQuit,
    ];
    #[allow(dead_code)]
    fn listed(cx: Context) {
        match cx {
            Context::Name
            | Context::Welcome
            | Context::Contents
            | Context::Page
            | Context::Text
            | Context::List
            | Context::Field
            | Context::Choice
            | Context::Checklist
            | Context::Scale
            | Context::Ratings
            | Context::RatingsOwn
            | Context::Date
            | Context::Review
            | Context::Reading
            | Context::Compare
            | Context::Entries
            | Context::ConfirmDelete
            | Context::WhichWeek
            | Context::Sharing
            | Context::ConfirmShare
            | Context::ConfirmWithdraw
            | Context::Help
            | Context::Safety
            | Context::ConfirmQuit => {}
        }
    }

    #[test]
    fn help_names_every_key_that_works() {
        for cx in ALL {
            let shown: Vec<String> = help_bindings(cx).map(|b| help_keys(cx, b)).collect();
            for b in bindings(cx) {
                for k in &b.keys {
                    let name = key_name(k);
                    assert!(
                        shown.iter().any(|s| s.split('/').any(|n| n == name)),
                        "{cx:?}: {name} works but help does not name it: {shown:?}"
                    );
                }
            }
        }
        let scale: Vec<String> = help_bindings(Context::Scale)
            .map(|b| help_keys(Context::Scale, b))
            .collect();
        assert!(
            scale.contains(&"←/h".to_string()) && scale.contains(&"→/l".to_string()),
            "{scale:?}"
        );
    }

    #[test]
    fn readme_names_h_and_l() {
        let readme = include_str!("../../README.md");
        assert!(
            readme.contains("←/→ or h/l"),
            "the README's key table names h and l"
        );
        assert!(
            readme.contains("u or Ctrl+Z"),
            "the README's key table names undo"
        );
    }

    #[test]
    fn no_key_has_two_meanings_and_help_lists_each_once() {
        for cx in ALL {
            let mut seen: Vec<Key> = Vec::new();
            for b in bindings(cx) {
                for k in &b.keys {
                    assert!(!seen.contains(k), "{cx:?}: {k:?} is bound twice");
                    seen.push(*k);
                }
            }
            let labels: Vec<&str> = help_bindings(cx).map(|b| b.label).collect();
            for (i, l) in labels.iter().enumerate() {
                assert!(!l.is_empty(), "{cx:?}: a help row without keys");
                assert!(!labels[..i].contains(l), "{cx:?}: {l} listed twice in help");
            }
        }
    }
}

//! The one table of key bindings: decoding events into actions, and the
//! footer and help overlay, which read the same table so they never disagree.
//!
//! One builder per context: the exercises' in `exercises.rs`, the other screens'
//! in `screens.rs`, questions and overlays in `questions.rs`, the keys several
//! share in `shared.rs`; `decode.rs` turns an event into an action.

mod decode;
mod exercises;
mod questions;
mod screens;
mod shared;

use std::sync::OnceLock;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

pub use decode::{action, key_action, printable};
use shared::{CTRL, SHIFT};

use super::{Action, App, Go, Lifecycle, Overlay, ScreenState};

/// Declares [`Context`] and [`Context::ALL`] from one list, so a new context is
/// in `ALL` (and so in every test that walks it) by construction.
macro_rules! contexts {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        /// What has the keyboard, which decides what each key means.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Context {
            $($(#[$doc])* $name,)*
        }

        impl Context {
            /// Every context, in the order declared (`cx as usize` is its place here).
            pub const ALL: &[Context] = &[$(Context::$name,)*];
        }
    };
}

contexts! {
    /// A first run's question of a name (typing).
    Name,
    /// A first run's offer, after the name: protect the answers with a passphrase?
    ProtectOffer,
    /// A new passphrase typed, then repeated, in a masked field (typing).
    NewPassphrase,
    /// The answers being locked under the new passphrase (a second or so).
    Locking,
    /// The recovery key, shown once after protecting.
    RecoveryKey,
    /// The unlock screen of a protected profile, before the app opens (typing). Not a
    /// context of `App`: the unlock screen decodes its keys and words its key line
    /// from this table, so help, README and screen agree.
    Unlock,
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
    /// The entries screen asking whether to share every answer of the selected entry.
    ConfirmShareEntry,
    /// A check-in's first visit in the grace window, asking which week it is about.
    WhichWeek,
    /// Who sees your answers: sharing and withdrawing.
    Sharing,
    /// The sharing screen asking whether to start sharing with the selected partner.
    ConfirmShare,
    /// The sharing screen asking whether to withdraw sharing with the selected partner.
    ConfirmWithdraw,
    /// The sharing screen showing this profile's pairing code and fingerprint.
    MyCode,
    /// Typing the partner's profile name and pairing code (typing).
    PairEntry,
    /// Both fingerprints shown, asking whether to record the partner's code.
    ConfirmPair,
    /// A different key is recorded for the partner: their name is typed to replace it (typing).
    KeyChanged,
    /// The help overlay.
    Help,
    /// The "before you start" safety page.
    Safety,
    /// The question asked when quitting with unsaved answers.
    ConfirmQuit,
}

impl Context {
    /// True while a text field has the keyboard, so letters are text, not commands.
    pub const fn is_typing(self) -> bool {
        match self {
            Context::Name
            | Context::NewPassphrase
            | Context::Unlock
            | Context::Text
            | Context::Field
            | Context::PairEntry
            | Context::KeyChanged => true,
            Context::ProtectOffer
            | Context::Locking
            | Context::RecoveryKey
            | Context::Welcome
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
            | Context::ConfirmShareEntry
            | Context::WhichWeek
            | Context::Sharing
            | Context::ConfirmShare
            | Context::ConfirmWithdraw
            | Context::MyCode
            | Context::ConfirmPair
            | Context::Help
            | Context::Safety
            | Context::ConfirmQuit => false,
        }
    }

    /// True where the mouse wheel moves the selection of an exercise's rows rather
    /// than scrolling text (the contents and review move theirs in `App`, by screen).
    pub const fn wheel_moves_selection(self) -> bool {
        match self {
            Context::List | Context::Choice | Context::Checklist => true,
            Context::Name
            | Context::ProtectOffer
            | Context::NewPassphrase
            | Context::Locking
            | Context::RecoveryKey
            | Context::Unlock
            | Context::Welcome
            | Context::Contents
            | Context::Page
            | Context::Text
            | Context::Field
            | Context::Scale
            | Context::Ratings
            | Context::RatingsOwn
            | Context::Date
            | Context::Review
            | Context::Reading
            | Context::Compare
            | Context::Entries
            | Context::ConfirmDelete
            | Context::ConfirmShareEntry
            | Context::WhichWeek
            | Context::Sharing
            | Context::ConfirmShare
            | Context::ConfirmWithdraw
            | Context::MyCode
            | Context::PairEntry
            | Context::ConfirmPair
            | Context::KeyChanged
            | Context::Help
            | Context::Safety
            | Context::ConfirmQuit => false,
        }
    }

    /// True where a digit key picks a value (scales, ratings, dates).
    pub const fn takes_digits(self) -> bool {
        match self {
            Context::Scale | Context::Ratings | Context::RatingsOwn | Context::Date => true,
            Context::Name
            | Context::ProtectOffer
            | Context::NewPassphrase
            | Context::Locking
            | Context::RecoveryKey
            | Context::Unlock
            | Context::Welcome
            | Context::Contents
            | Context::Page
            | Context::Text
            | Context::List
            | Context::Field
            | Context::Choice
            | Context::Checklist
            | Context::Review
            | Context::Reading
            | Context::Compare
            | Context::Entries
            | Context::ConfirmDelete
            | Context::ConfirmShareEntry
            | Context::WhichWeek
            | Context::Sharing
            | Context::ConfirmShare
            | Context::ConfirmWithdraw
            | Context::MyCode
            | Context::PairEntry
            | Context::ConfirmPair
            | Context::KeyChanged
            | Context::Help
            | Context::Safety
            | Context::ConfirmQuit => false,
        }
    }
}

/// A key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key(pub KeyCode, pub KeyModifiers);

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
        ScreenState::Protect { step } => match step {
            super::ProtectStep::Offer(_) => Context::ProtectOffer,
            super::ProtectStep::Typing(_) => Context::NewPassphrase,
            super::ProtectStep::Locking => Context::Locking,
            super::ProtectStep::Recovery(_) => Context::RecoveryKey,
        },
        ScreenState::Welcome { .. } => Context::Welcome,
        ScreenState::Contents { .. } => Context::Contents,
        ScreenState::Intro { .. } | ScreenState::Closing { .. } => Context::Page,
        ScreenState::Review { reading: Some(_), .. } => Context::Reading,
        ScreenState::Review { reading: None, .. } => Context::Review,
        ScreenState::Compare { .. } => Context::Compare,
        ScreenState::Entries {
            confirm_delete: true, ..
        } => Context::ConfirmDelete,
        ScreenState::Entries {
            confirm_share: true, ..
        } => Context::ConfirmShareEntry,
        ScreenState::Entries { .. } => Context::Entries,
        ScreenState::Sharing {
            pairing: Some(step), ..
        } => match &**step {
            super::Pairing::Mine(_) => Context::MyCode,
            super::Pairing::Entering(_) => Context::PairEntry,
            super::Pairing::Compare(_) => Context::ConfirmPair,
            super::Pairing::Changed(_) => Context::KeyChanged,
        },
        ScreenState::Sharing { confirm, .. } => match confirm {
            Some(super::SharingAsk::Share(_)) => Context::ConfirmShare,
            Some(super::SharingAsk::Withdraw(_)) => Context::ConfirmWithdraw,
            None => Context::Sharing,
        },
        ScreenState::Exercise { .. } if app.week_question().is_some() => Context::WhichWeek,
        ScreenState::Exercise { component, .. } => component.context(),
    }
}

/// Every binding of a context, most important first. Built once for all
/// contexts: it is read on every keystroke and every frame.
pub fn bindings(cx: Context) -> &'static [Binding] {
    // Each context's table is built the first time it is asked for: a start builds
    // the two or three its first frame shows, not all of them.
    static TABLE: [OnceLock<Vec<Binding>>; Context::ALL.len()] =
        [const { OnceLock::new() }; Context::ALL.len()];
    // `ALL` lists the contexts in declaration order, so a context's value is its row.
    TABLE[cx as usize].get_or_init(|| build(cx))
}

/// The bindings of one context: its own, then those most contexts share.
fn build(cx: Context) -> Vec<Binding> {
    let mut list = match cx {
        Context::Name => questions::name(),
        Context::ProtectOffer => questions::protect_offer(),
        Context::NewPassphrase => questions::new_passphrase(),
        Context::Locking => Vec::new(),
        Context::RecoveryKey => questions::recovery_key(),
        Context::Unlock => return questions::unlock(),
        Context::Welcome => screens::welcome(),
        Context::Contents => screens::contents(),
        Context::Page => screens::page(),
        Context::Text => exercises::text(),
        Context::List => exercises::list(),
        Context::Field => exercises::field(),
        Context::Choice => exercises::choice(),
        Context::Checklist => exercises::checklist(),
        Context::Scale => exercises::scale(),
        Context::Ratings => exercises::ratings(false),
        Context::RatingsOwn => exercises::ratings(true),
        Context::Date => exercises::date(),
        Context::Review => screens::review(),
        Context::Reading => screens::reading(),
        Context::Compare => screens::compare(),
        Context::Entries => screens::entries_list(),
        Context::ConfirmDelete => questions::confirm_delete(),
        Context::ConfirmShareEntry => questions::confirm_share_entry(),
        Context::WhichWeek => questions::which_week(),
        Context::Sharing => screens::sharing(),
        Context::ConfirmShare => questions::confirm_share(),
        Context::ConfirmWithdraw => questions::confirm_withdraw(),
        Context::MyCode => screens::my_code(),
        Context::PairEntry => questions::pair_entry(),
        Context::ConfirmPair => questions::confirm_pair(),
        Context::KeyChanged => questions::key_changed(),
        Context::Help => questions::help(),
        Context::Safety => questions::safety(),
        Context::ConfirmQuit => questions::confirm_quit(),
    };
    let typing = cx.is_typing();
    if cx != Context::Safety {
        list.push(shared::safety(typing));
    }
    // Help, the safety page and the question on quitting have no help of their own.
    if !matches!(cx, Context::Help | Context::Safety | Context::ConfirmQuit) {
        list.push(shared::help(typing));
        if cx == Context::Text {
            list.push(shared::scroll_up());
            list.push(shared::scroll_down());
        }
    }
    if cx != Context::ConfirmQuit {
        list.push(shared::quit());
    }
    list
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

/// The keys of context `cx` itself (not help, the safety page or quitting, which most
/// contexts share) as one line, e.g. "Enter unlock · Backspace delete · …": what the
/// unlock screen shows under its field, and what the README lists.
pub fn key_line(cx: Context) -> String {
    help_bindings(cx)
        .filter(|b| !matches!(b.action, Action::Go(Go::Help | Go::Safety | Go::Quit)))
        .map(|b| format!("{} {}", help_keys(cx, b), b.does))
        .collect::<Vec<_>>()
        .join(" · ")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_each_context_once_in_declaration_order() {
        for (i, cx) in Context::ALL.iter().enumerate() {
            assert_eq!(*cx as usize, i, "{cx:?}");
        }
        assert_eq!(Context::ALL.len(), Context::ConfirmQuit as usize + 1);
    }

    #[test]
    fn help_names_every_key_that_works() {
        for cx in Context::ALL.iter().copied() {
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
        let readme = include_str!("../../../README.md");
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
    fn readme_lists_the_passphrase_screens_keys_as_the_table_has_them() {
        let readme = include_str!("../../../README.md");
        for cx in [
            Context::Unlock,
            Context::ProtectOffer,
            Context::NewPassphrase,
            Context::RecoveryKey,
        ] {
            let line = key_line(cx);
            assert!(!line.is_empty(), "{cx:?}");
            assert!(readme.contains(&line), "README's key table lacks {cx:?}: {line}");
        }
        assert_eq!(
            key_line(Context::Unlock),
            "Enter unlock · Backspace delete · Esc/Ctrl+C/Ctrl+Q quit (nothing is changed)"
        );
    }

    #[test]
    fn no_key_has_two_meanings_and_help_lists_each_once() {
        for cx in Context::ALL.iter().copied() {
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

//! The screens, each with its own state.

use std::cell::RefCell;

use super::component::Component;
use super::component::field::{Field, line_field};
use super::view::{ListView, Viewport};
use crate::answers::{Answers, Place};
use crate::comparison::Comparison;
use crate::content::Workbook;
use crate::store::NameRefused;

/// A row of the contents screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentsRow {
    /// A chapter (index).
    Chapter(usize),
    /// An exercise (chapter, exercise).
    Exercise(usize, usize),
    /// The closing screen.
    Closing,
}

/// A choice on the welcome screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WelcomeItem {
    /// Continue at the saved place.
    Continue,
    /// Start at chapter 1.
    Start,
    /// Read the "before you start" safety page.
    Safety,
    /// Open the contents.
    Contents,
    /// Read all answers back.
    Review,
    /// Compare with a partner (by index into the partner list).
    Compare(usize),
    /// Fill in the entry that is due of a chapter's repeated part (chapter index).
    Due(usize),
    /// Who sees your answers: the sharing screen.
    Sharing,
}

/// Declares [`Screen`] (which screen shows, with the indices that say which page)
/// and [`ScreenState`] (the same screen with its own state) from one list, so a
/// screen is added in one place and `ScreenState::screen` cannot miss it.
///
/// Each entry is a screen's name, its indices in parentheses if it has any (they
/// are `Screen`'s fields and the first fields of the `ScreenState` variant), then
/// the state only `ScreenState` holds, in braces.
macro_rules! screens {
    ($(
        $(#[$doc:meta])*
        $name:ident $(( $($(#[$key_doc:meta])* $key:ident: $key_ty:ty),* $(,)? ))? {
            $($(#[$field_doc:meta])* $field:ident: $field_ty:ty),* $(,)?
        }
    ),* $(,)?) => {
        /// Which screen is showing (without its state): what tests and the edges compare.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Screen {
            $($(#[$doc])* $name $(( $($key_ty),* ))?,)*
        }

        /// The screen showing, with the state that belongs to it alone.
        #[derive(Debug)]
        pub enum ScreenState {
            $($(#[$doc])* $name {
                $($($(#[$key_doc])* $key: $key_ty,)*)?
                $($(#[$field_doc])* $field: $field_ty,)*
            },)*
        }

        impl ScreenState {
            /// Which screen this is.
            pub fn screen(&self) -> Screen {
                match self {
                    $(ScreenState::$name { $($($key,)*)? .. } => Screen::$name $(( $(*$key),* ))?,)*
                }
            }
        }
    };
}

screens! {
    /// A first run's question: what name the answers go under.
    Name {
        /// The name being typed.
        field: Field,
        /// Why the name last given cannot be used.
        problem: Option<NameProblem>,
    },
    /// A first run's offer, after the name: protect the answers with a passphrase.
    Protect {
        /// Where the offer stands.
        step: super::ProtectStep,
    },
    /// Title, welcome text, self-help note and the start menu.
    Welcome {
        /// Selected menu row.
        cursor: usize,
        /// Which partner the compare row names.
        partner: usize,
        /// The welcome text.
        text: Viewport,
    },
    /// Chapters with progress, expandable to exercises.
    Contents {
        /// Selected row of `contents_rows`.
        cursor: usize,
        /// Which chapters show their exercises.
        expanded: Vec<bool>,
        /// The rows' view.
        list: ListView,
    },
    /// A chapter's introduction (chapter index).
    Intro(
        /// The chapter (index).
        chapter: usize,
    ) {
        /// The introduction's text.
        text: Viewport,
    },
    /// An exercise (chapter, exercise index); the last of a chapter is its reflection.
    Exercise(
        /// The chapter (index).
        chapter: usize,
        /// The exercise within it (index).
        exercise: usize,
    ) {
        /// The answer being given, by kind.
        component: Box<Component>,
    },
    /// The workbook's closing words.
    Closing {
        /// Their text.
        text: Viewport,
    },
    /// All answers, chapter by chapter, to read back.
    Review {
        /// Selected exercise, an index into `review_rows`.
        cursor: usize,
        /// The rows' view.
        list: ListView,
        /// The selected answer opened whole for reading, scrolled by this view.
        reading: Option<Viewport>,
    },
    /// My answers beside a partner's.
    Compare {
        /// The comparison, worked out once when the partner was loaded.
        comparison: Box<Comparison>,
        /// Its text.
        text: Viewport,
        /// Its lines for the width last drawn: laid out once per width, not per frame.
        lines: RefCell<Option<(u16, Vec<String>)>>,
    },
    /// The dated entries of a chapter's repeated part, and their trends (chapter index).
    Entries(
        /// The chapter (index).
        chapter: usize,
    ) {
        /// Selected row of [`crate::app::App::entry_rows`].
        cursor: usize,
        /// The rows' view.
        list: ListView,
        /// Set while asking whether to delete the selected entry.
        confirm_delete: bool,
        /// Set while asking whether to share the selected entry whole.
        confirm_share: bool,
        /// The last entry shared whole here, to put its marks back (`u`).
        shared_undo: Option<SharedEntry>,
        /// The trends drawn below the list, worked out when the screen opens and when
        /// an entry is deleted or restored, never per frame.
        trends: crate::entry::Trends,
        /// Where the trends are scrolled to, in series (PgDn/PgUp).
        trend_view: Viewport,
    },
    /// Who sees this profile's answers: sharing with a partner, and withdrawing it.
    Sharing {
        /// Selected partner, an index into the overview's partners.
        cursor: usize,
        /// The rows' view.
        list: ListView,
        /// The list as the edge read it; `None` until it has answered.
        overview: Option<crate::sharing::Overview>,
        /// How many answers a share holds and leaves out, counted when the screen opened.
        counts: crate::sharing::Counts,
        /// The question being asked before sharing or withdrawing, if any.
        confirm: Option<SharingAsk>,
        /// The pairing step open over the list, if any.
        pairing: Option<Box<super::pairing::Pairing>>,
    },
}

/// The question the sharing screen asks before it changes anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SharingAsk {
    /// Start sharing with this partner?
    Share(String),
    /// Withdraw sharing with this partner?
    Withdraw(String),
}

/// A name the first-run question cannot take, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameProblem {
    /// The name as given.
    pub name: String,
    /// Why it cannot be used.
    pub why: NameRefused,
}

impl ScreenState {
    /// The question of a name, with nothing typed yet.
    pub fn name() -> ScreenState {
        ScreenState::Name {
            field: line_field(""),
            problem: None,
        }
    }

    /// The welcome screen, its menu on the first row.
    pub fn welcome() -> ScreenState {
        ScreenState::Welcome {
            cursor: 0,
            partner: 0,
            text: Viewport::default(),
        }
    }

    /// The comparison screen on `comparison`.
    pub fn compare(comparison: Comparison) -> ScreenState {
        ScreenState::Compare {
            comparison: Box::new(comparison),
            text: Viewport::default(),
            lines: RefCell::new(None),
        }
    }

    /// The scrolling text of a reading screen, if this is one.
    pub fn viewport(&self) -> Option<&Viewport> {
        match self {
            ScreenState::Welcome { text, .. }
            | ScreenState::Intro { text, .. }
            | ScreenState::Closing { text }
            | ScreenState::Compare { text, .. }
            | ScreenState::Review {
                reading: Some(text), ..
            } => Some(text),
            ScreenState::Name { .. }
            | ScreenState::Protect { .. }
            | ScreenState::Contents { .. }
            | ScreenState::Exercise { .. }
            | ScreenState::Entries { .. }
            | ScreenState::Sharing { .. }
            | ScreenState::Review { reading: None, .. } => None,
        }
    }

    /// The place this screen is, for resuming, when it is a page of the workbook.
    pub fn place(&self, wb: &Workbook) -> Option<Place> {
        match self {
            ScreenState::Intro { chapter, .. } => Some(Place {
                chapter: wb.chapters[*chapter].id.clone(),
                exercise: None,
            }),
            ScreenState::Exercise {
                chapter, exercise, ..
            } => {
                let (c, e) = wb.ids(*chapter, *exercise);
                Some(Place {
                    chapter: c.to_string(),
                    exercise: Some(e.to_string()),
                })
            }
            ScreenState::Name { .. }
            | ScreenState::Protect { .. }
            | ScreenState::Welcome { .. }
            | ScreenState::Contents { .. }
            | ScreenState::Closing { .. }
            | ScreenState::Review { .. }
            | ScreenState::Compare { .. }
            | ScreenState::Entries { .. }
            | ScreenState::Sharing { .. } => None,
        }
    }
}

/// Rows of the contents screen, following which chapters are expanded.
pub fn contents_rows(wb: &Workbook, expanded: &[bool]) -> Vec<ContentsRow> {
    let mut rows = Vec::new();
    for (c, ch) in wb.chapters.iter().enumerate() {
        rows.push(ContentsRow::Chapter(c));
        if expanded.get(c).copied().unwrap_or(false) {
            rows.extend((0..ch.exercises.len()).map(|e| ContentsRow::Exercise(c, e)));
        }
    }
    rows.push(ContentsRow::Closing);
    rows
}

/// Every exercise in order, as (chapter, exercise), for the review screen.
pub fn review_rows(wb: &Workbook) -> Vec<(usize, usize)> {
    (0..wb.chapters.len())
        .flat_map(|c| {
            let exercises = &wb.chapters[c].exercises;
            (0..exercises.len())
                .filter(|e| exercises[*e].takes_answer() || exercises[*e].kind.as_score().is_some())
                .map(move |e| (c, e))
        })
        .collect()
}

/// Items of the welcome menu, in order.
pub fn welcome_items(
    answers: &Answers,
    resume: Option<&Place>,
    safety: bool,
    partners: usize,
    pick: usize,
    due: &[usize],
) -> Vec<WelcomeItem> {
    let mut items = Vec::with_capacity(6);
    if resume.is_some() || !answers.is_empty() {
        items.push(WelcomeItem::Continue);
    }
    items.extend(due.iter().map(|c| WelcomeItem::Due(*c)));
    items.push(WelcomeItem::Start);
    if safety {
        items.push(WelcomeItem::Safety);
    }
    items.push(WelcomeItem::Contents);
    if !answers.is_empty() {
        items.push(WelcomeItem::Review);
    }
    items.push(WelcomeItem::Sharing);
    // One row for comparing, whatever the number of partners (←/→ picks among
    // them), so the menu never pushes the safety note off a small screen.
    if partners > 0 {
        items.push(WelcomeItem::Compare(pick.min(partners - 1)));
    }
    items
}

/// The screen a saved place points to, if the workbook still has it.
pub fn place_screen(wb: &Workbook, p: &Place) -> Option<Screen> {
    let c = wb.chapters.iter().position(|c| c.id == p.chapter)?;
    match &p.exercise {
        None => Some(Screen::Intro(c)),
        Some(e) => wb.find(&p.chapter, e).map(|(c, e)| Screen::Exercise(c, e)),
    }
}

/// An entry shared whole on the entries screen, with what its answers were before, so
/// one key puts them back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedEntry {
    /// The entry's id.
    pub entry: String,
    /// Each answer whose mark changed: exercise id, its mark and time before.
    pub before: Vec<crate::answers::MarkBefore>,
}

//! Each exercise kind is a component: it owns its editing state, handles the
//! keys of its kind into an [`Outcome`], and names its key context. The App
//! applies outcomes in one place (`App::apply`); `ui::component` draws them.
//!
//! Adding a kind here: a file whose type implements [`Answering`] and has an `open`,
//! one line in `components!` and one arm in [`Component::new`].

mod checklist;
mod choice;
mod date;
pub mod field;
mod list;
mod page;
mod ratings;
mod scale;
mod score;
mod text;

pub use checklist::ChecklistAnswer;
pub use choice::ChoiceAnswer;
pub use date::{DateAnswer, date_of, typed_shape};
pub use list::ListAnswer;
pub use page::PageView;
pub use ratings::{RatingsAnswer, not_applied, ratings_of};
pub use scale::{ScaleAnswer, scale_value};
pub use score::ScoreView;
pub use text::TextAnswer;

use super::action::{Edit, Move};
use super::{Context, Notice};
use crate::answers::{Answers, Timestamp, Value};
use crate::content::{Chapter, Exercise, Kind, Workbook};

/// What a component is asked to handle.
#[derive(Debug, Clone, PartialEq)]
pub enum Intent {
    /// A move or pick.
    Move(Move),
    /// An edit.
    Edit(Edit),
    /// Esc in a one-line field: finish typing it.
    Done,
}

/// A change to the stored answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Store this value.
    Set(Value),
    /// Remove the answer (leave the exercise unanswered).
    Remove,
}

/// How a key changed the text being typed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Typing {
    /// Not at all.
    #[default]
    Unchanged,
    /// Text was typed; it is committed when typing pauses.
    Edited,
    /// A one-line field was closed; what it held is in `change`.
    Closed,
}

/// What handling a key produced, for the App to apply.
#[derive(Debug, Default)]
pub struct Outcome {
    /// What was typed, stored as a change of its own before `change`, so that undoing
    /// `change` keeps it (a paste of several lines into a list item being typed).
    pub typed_first: Option<Value>,
    /// A new stored answer.
    pub change: Option<Change>,
    /// Something to tell the user.
    pub notice: Option<Notice>,
    /// How the text being typed changed.
    pub typing: Typing,
    /// Open the external editor on this text.
    pub external: Option<String>,
}

/// What every kind's component does: handle a key and name its key context. The rest
/// has defaults for kinds without rows or a field to type in, so a kind writes only
/// what it has.
pub trait Answering {
    /// Handles one key; `stored` is the answer as committed.
    fn update(&mut self, intent: Intent, stored: Option<&Value>) -> Outcome;

    /// The key context, which decides what each key means.
    fn context(&self) -> Context;

    /// The value the field being typed in would give if committed now, or `None`
    /// when nothing is being typed. `stored` supplies the parts not being typed.
    fn pending_value(&self, _stored: Option<&Value>) -> Option<Value> {
        None
    }

    /// The text in the field being typed in, or `None` when nothing is being typed.
    fn typed_text(&self) -> Option<String> {
        None
    }

    /// The highlighted row, on kinds that have rows.
    fn cursor(&self) -> Option<usize> {
        None
    }

    /// Puts the highlight back on row `at`, kept within the rows there are.
    fn set_cursor(&mut self, _at: usize, _stored: Option<&Value>) {}

    /// The length in bytes of the field being typed in, or `None` when nothing is typed.
    fn typed_len(&self) -> Option<usize> {
        None
    }

    /// Lets a text field refit its view after the box changed size.
    fn refit(&mut self) {}
}

/// What a component opens from: the exercise `at` (chapter, exercise) of the workbook,
/// the answers as they stand, and the time.
pub struct Opening<'a> {
    /// The workbook.
    pub wb: &'a Workbook,
    /// The answers as they stand.
    pub answers: &'a Answers,
    /// The exercise: chapter and exercise index.
    pub at: (usize, usize),
    /// The time the exercise is opened.
    pub now: Timestamp,
}

impl Opening<'_> {
    /// The chapter the exercise is in.
    pub fn chapter(&self) -> &Chapter {
        &self.wb.chapters[self.at.0]
    }

    /// The exercise being opened.
    pub fn exercise(&self) -> &Exercise {
        &self.chapter().exercises[self.at.1]
    }

    /// The exercise's stored answer, if any.
    pub fn stored(&self) -> Option<&Value> {
        let ch = self.chapter();
        self.answers.get(&ch.id, &self.exercise().id).map(|a| &a.value)
    }
}

/// Declares [`Component`] from one list of `Variant(Type)`, each type an [`Answering`],
/// and the one match that turns a component into its kind's [`Answering`].
macro_rules! components {
    ($($(#[$doc:meta])* $name:ident($ty:ty),)*) => {
        /// The editing state of the exercise on screen, one component per kind.
        #[derive(Debug)]
        pub enum Component {
            $($(#[$doc])* $name($ty),)*
        }

        impl Component {
            /// This component as what its kind does.
            fn answering(&self) -> &dyn Answering {
                match self {
                    $(Component::$name(c) => c,)*
                }
            }

            /// This component as what its kind does, to change it.
            fn answering_mut(&mut self) -> &mut dyn Answering {
                match self {
                    $(Component::$name(c) => c,)*
                }
            }
        }
    };
}

components! {
    /// A multi-line text answer.
    Text(TextAnswer),
    /// A list of short items.
    List(ListAnswer),
    /// A single choice.
    Choice(ChoiceAnswer),
    /// A checklist.
    Checklist(ChecklistAnswer),
    /// A scale.
    Scale(ScaleAnswer),
    /// Several items rated on one scale.
    Ratings(RatingsAnswer),
    /// A calendar day.
    Date(DateAnswer),
    /// A page to read: nothing to answer.
    Page(PageView),
    /// A score, as worked out when the page opened.
    Score(ScoreView),
}

impl Component {
    /// The component for exercise `e` of chapter `c`, opened on its stored value (if any);
    /// a ratings exercise's items are resolved from `answers` now; an unanswered
    /// date offers the day of `now`. The one place a kind is paired with its component.
    pub fn new(wb: &Workbook, answers: &Answers, (c, e): (usize, usize), now: Timestamp) -> Component {
        let at = Opening {
            wb,
            answers,
            at: (c, e),
            now,
        };
        match &at.exercise().kind {
            Kind::Text => Component::Text(TextAnswer::open(&at)),
            Kind::List { max, .. } => Component::List(ListAnswer::open(&at, *max)),
            Kind::Choice { options, other } => Component::Choice(ChoiceAnswer::open(&at, options, *other)),
            Kind::Checklist {
                options,
                exclusive,
                other,
            } => Component::Checklist(ChecklistAnswer::open(options, exclusive, *other)),
            Kind::Scale { min, max, step, .. } => Component::Scale(ScaleAnswer::open((*min, *max, *step))),
            Kind::Ratings {
                items_from,
                add_items,
                min,
                max,
                step,
                na_label,
                ..
            } => Component::Ratings(RatingsAnswer::open(
                &at,
                items_from.as_ref(),
                *add_items,
                (*min, *max, *step),
                na_label.clone(),
            )),
            Kind::Date => Component::Date(DateAnswer::open(&at)),
            Kind::Page => Component::Page(PageView),
            Kind::Score(score) => Component::Score(ScoreView::open(&at, score)),
        }
    }

    /// Handles one key; `stored` is the answer as committed.
    pub fn update(&mut self, intent: Intent, stored: Option<&Value>) -> Outcome {
        self.answering_mut().update(intent, stored)
    }

    /// The key context, which decides what each key means.
    pub fn context(&self) -> Context {
        self.answering().context()
    }

    /// True while a text field has the keyboard, so letters are text, not commands.
    pub fn is_typing(&self) -> bool {
        self.context().is_typing()
    }

    /// True when the field being typed in is a single line.
    pub fn is_single_line(&self) -> bool {
        self.context() == Context::Field
    }

    /// True where the mouse wheel moves the selection rather than scrolling text.
    pub fn wheel_moves_selection(&self) -> bool {
        self.context().wheel_moves_selection()
    }

    /// The value the field being typed in would give if committed now, or `None`
    /// when nothing is being typed. `stored` supplies the parts not being typed.
    pub fn pending_value(&self, stored: Option<&Value>) -> Option<Value> {
        self.answering().pending_value(stored)
    }

    /// The text in the field being typed in (the answer box, a list item, "other"),
    /// or `None` when nothing is being typed.
    pub fn typed_text(&self) -> Option<String> {
        self.answering().typed_text()
    }

    /// The highlighted row, on kinds that have rows.
    pub fn cursor(&self) -> Option<usize> {
        self.answering().cursor()
    }

    /// Puts the highlight back on row `at` after the component was built afresh
    /// (an undo), kept within the rows there are; `stored` is the answer it shows.
    pub fn set_cursor(&mut self, at: usize, stored: Option<&Value>) {
        self.answering_mut().set_cursor(at, stored);
    }

    /// The length in bytes of the field being typed in, or `None` when nothing is
    /// typed: cheap enough to check on every key.
    pub fn typed_len(&self) -> Option<usize> {
        self.answering().typed_len()
    }

    /// Lets a text field refit its view after the box changed size.
    pub fn refit(&mut self) {
        self.answering_mut().refit();
    }
}

/// The cursor after a move (↑ ↓ Home End) among `len` rows, or `None` when
/// `m` is not such a move. Every list of rows moves through this.
pub fn moved(cursor: usize, m: Move, len: usize) -> Option<usize> {
    let last = len.saturating_sub(1);
    match m {
        Move::Up => Some(cursor.saturating_sub(1)),
        Move::Down => Some((cursor + 1).min(last)),
        Move::First => Some(0),
        Move::Last => Some(last),
        Move::Left
        | Move::Right
        | Move::Select
        | Move::Toggle
        | Move::ScrollUp
        | Move::ScrollDown
        | Move::PageUp
        | Move::PageDown => None,
    }
}

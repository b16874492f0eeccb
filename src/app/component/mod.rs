//! Each exercise kind is a component: it owns its editing state, handles the
//! keys of its kind into an [`Outcome`], and names its key context. The App
//! applies outcomes in one place (`App::apply`); `ui::component` draws them.
//!
//! Adding a kind: a variant here and its file, a `Kind` and `Value` variant in
//! the model, its drawing in `ui::component`; the compiler lists the rest.

mod checklist;
mod choice;
mod date;
pub mod field;
mod list;
mod ratings;
mod scale;
mod text;

pub use checklist::ChecklistAnswer;
pub use choice::ChoiceAnswer;
pub use date::{DateAnswer, date_of, typed_shape};
pub use list::ListAnswer;
pub use ratings::{RatingsAnswer, not_applied, ratings_of};
pub use scale::{ScaleAnswer, scale_value};
pub use text::TextAnswer;

use super::action::{Edit, Move};
use super::{Context, Notice};
use crate::answers::{Answers, Timestamp, Value};
use crate::content::{Kind, Workbook};

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

/// The editing state of the exercise on screen, one component per kind.
#[derive(Debug)]
pub enum Component {
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
    Page,
    /// A score: its lines as worked out when the page opened (what it reads cannot
    /// change while it is on screen).
    Score(Vec<String>),
}

impl Component {
    /// The component for exercise `e` of chapter `c`, opened on its stored value (if any);
    /// a ratings exercise's items are resolved from `answers` now; an unanswered
    /// date offers the day of `now`.
    pub fn new(wb: &Workbook, answers: &Answers, (c, e): (usize, usize), now: Timestamp) -> Component {
        let ch = &wb.chapters[c];
        let ex = &ch.exercises[e];
        let value = answers.get(&ch.id, &ex.id).map(|a| &a.value);
        match &ex.kind {
            Kind::Text => {
                let text = match value {
                    Some(Value::Text { text }) => text.as_str(),
                    Some(_) | None => "",
                };
                Component::Text(TextAnswer::new(text))
            }
            Kind::List { max, .. } => Component::List(ListAnswer::new(*max, value)),
            Kind::Choice { options, other } => Component::Choice(ChoiceAnswer::new(options, *other, value)),
            Kind::Checklist {
                options,
                exclusive,
                other,
            } => Component::Checklist(ChecklistAnswer::new(options, exclusive, *other)),
            Kind::Scale { min, max, step, .. } => Component::Scale(ScaleAnswer::new(*min, *max, *step)),
            Kind::Ratings {
                items_from,
                add_items,
                min,
                max,
                step,
                na_label,
                ..
            } => {
                // Still empty: say where to write it.
                let empty_list = items_from.as_ref().and_then(|f| {
                    let listed =
                        crate::answers::list_items(answers.get(&f.chapter, &f.exercise).map(|a| &a.value));
                    let (lc, le) = wb.find(&f.chapter, &f.exercise)?;
                    listed
                        .iter()
                        .all(|i| i.trim().is_empty())
                        .then(|| wb.chapters[lc].exercises[le].title.clone())
                });
                let items = answers.rating_items(&ex.kind);
                Component::Ratings(
                    RatingsAnswer::new(&items, *add_items, empty_list, (*min, *max, *step))
                        .with_na_label(na_label.clone()),
                )
            }
            Kind::Date => Component::Date(DateAnswer::new(&crate::date::day_of(&now.to_string()))),
            Kind::Page => Component::Page,
            Kind::Score(score) => {
                let outcome = crate::present::score::compute(score, ch, |id| answers.get(&ch.id, id));
                let mut lines = crate::present::score::lines(score, &outcome);
                lines.push(crate::present::score::from_line(score, ch));
                Component::Score(lines)
            }
        }
    }

    /// Handles one key; `stored` is the answer as committed.
    pub fn update(&mut self, intent: Intent, stored: Option<&Value>) -> Outcome {
        match self {
            Component::Text(t) => match intent {
                Intent::Move(m) => t.on_move(m),
                Intent::Edit(e) => t.on_edit(e),
                Intent::Done => Outcome::default(),
            },
            Component::List(l) => l.update(intent, stored),
            Component::Choice(c) => c.update(intent, stored),
            Component::Checklist(c) => c.update(intent, stored),
            Component::Scale(s) => s.update(intent, stored),
            Component::Ratings(r) => r.update(intent, stored),
            Component::Date(d) => d.update(intent, stored),
            Component::Page | Component::Score(_) => Outcome::default(),
        }
    }

    /// The key context, which decides what each key means.
    pub fn context(&self) -> Context {
        match self {
            Component::Text(t) => t.context(),
            Component::List(l) => l.context(),
            Component::Choice(c) => c.context(),
            Component::Checklist(c) => c.context(),
            Component::Scale(s) => s.context(),
            Component::Ratings(r) => r.context(),
            Component::Date(d) => d.context(),
            Component::Page | Component::Score(_) => Context::Page,
        }
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
        match self {
            Component::Text(t) => Some(Value::Text { text: t.text() }),
            Component::List(l) => l.pending_value(),
            Component::Choice(c) => c.pending_value(stored),
            Component::Checklist(_)
            | Component::Scale(_)
            | Component::Ratings(_)
            | Component::Date(_)
            | Component::Page
            | Component::Score(_) => None,
        }
    }

    /// The text in the field being typed in (the answer box, a list item, "other"),
    /// or `None` when nothing is being typed.
    pub fn typed_text(&self) -> Option<String> {
        match self {
            Component::Text(t) => Some(t.text()),
            Component::List(l) => l.editing.as_ref().map(|(_, f)| field::field_text(f)),
            Component::Choice(c) => c.other.as_ref().map(field::field_text),
            Component::Ratings(r) => r.adding.as_ref().map(field::field_text),
            Component::Checklist(_)
            | Component::Scale(_)
            | Component::Date(_)
            | Component::Page
            | Component::Score(_) => None,
        }
    }

    /// The highlighted row, on kinds that have rows.
    pub fn cursor(&self) -> Option<usize> {
        match self {
            Component::List(l) => Some(l.cursor),
            Component::Choice(c) => Some(c.cursor),
            Component::Checklist(c) => Some(c.cursor),
            Component::Ratings(r) => Some(r.cursor),
            Component::Text(_)
            | Component::Scale(_)
            | Component::Date(_)
            | Component::Page
            | Component::Score(_) => None,
        }
    }

    /// Puts the highlight back on row `at` after the component was built afresh
    /// (an undo), kept within the rows there are; `stored` is the answer it shows.
    pub fn set_cursor(&mut self, at: usize, stored: Option<&Value>) {
        match self {
            Component::List(l) => l.cursor = at.min(l.items.len()),
            Component::Choice(c) => c.cursor = at.min(c.rows().saturating_sub(1)),
            Component::Checklist(c) => c.cursor = at.min(c.rows().saturating_sub(1)),
            Component::Ratings(r) => r.cursor = at.min(r.rows(stored).len().saturating_sub(1)),
            Component::Text(_)
            | Component::Scale(_)
            | Component::Date(_)
            | Component::Page
            | Component::Score(_) => {}
        }
    }

    /// The length in bytes of the field being typed in, or `None` when nothing is
    /// typed: cheap enough to check on every key.
    pub fn typed_len(&self) -> Option<usize> {
        match self {
            Component::Text(t) => Some(t.text_len()),
            Component::List(l) => l.editing.as_ref().map(|(_, f)| f.len()),
            Component::Choice(c) => c.other.as_ref().map(field::Field::len),
            Component::Checklist(c) => c.other.as_ref().map(field::Field::len),
            Component::Ratings(r) => r.adding.as_ref().map(field::Field::len),
            Component::Scale(_) | Component::Date(_) | Component::Page | Component::Score(_) => None,
        }
    }

    /// Lets a text field refit its view after the box changed size.
    pub fn refit(&mut self) {
        match self {
            Component::Text(t) => t.refit(),
            Component::List(_)
            | Component::Choice(_)
            | Component::Checklist(_)
            | Component::Scale(_)
            | Component::Ratings(_)
            | Component::Date(_)
            | Component::Page
            | Component::Score(_) => {}
        }
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

//! One undo for every answer change on the screen: a list delete, a tick, an
//! exclusive "None", a scale or rating move, a skip, a private mark, and what was
//! typed. Each change keeps the answer before and after it; undo puts the one
//! before back, redo the one after. Leaving the screen forgets them.
//!
//! An answer's private mark is changed only by the private key: undoing any
//! other change puts its value and skip back and leaves the mark as it is now.

use super::action::Effect;
use super::{App, Notice, ScreenState};
use crate::answers::{Answer, Value, empty_value};

/// What a change did, to name it in a notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changed {
    /// Text was typed (an answer, a list item, "other").
    Typed,
    /// Skipped, or the skip taken back (the new state).
    Skip(bool),
    /// Marked private, or shared again (the new state).
    Private(bool),
    /// Any other change of the value, e.g. a tick or a move on a scale.
    Value,
}

/// One change to the answer of the exercise on screen.
#[derive(Debug, Clone)]
struct Step {
    before: Option<Answer>,
    after: Option<Answer>,
    what: Changed,
    /// Typing still goes on into this step (it grows until the field closes).
    open: bool,
}

/// The changes made on this screen, to undo and redo.
#[derive(Debug, Default)]
pub struct History {
    done: Vec<Step>,
    undone: Vec<Step>,
}

impl History {
    /// Forgets every change (a new screen).
    pub fn clear(&mut self) {
        self.done.clear();
        self.undone.clear();
    }

    /// True when the last change on the screen was typing, which the text field's
    /// own undo takes back word by word.
    pub fn last_is_typing(&self) -> bool {
        self.done.last().is_none_or(|s| s.what == Changed::Typed)
    }

    /// How many changes there are to undo.
    pub fn len(&self) -> usize {
        self.done.len()
    }

    /// Forgets the changes after the first `n` (they were put back another way).
    pub fn truncate(&mut self, n: usize) {
        self.done.truncate(n);
        self.undone.clear();
    }

    /// Closes the typing step, so the next typing is a change of its own.
    pub fn close_typing(&mut self) {
        if let Some(s) = self.done.last_mut() {
            s.open = false;
        }
    }
}

impl App {
    /// The answer of the exercise on screen, as stored now.
    fn answer_here(&self) -> Option<Answer> {
        let ScreenState::Exercise {
            chapter, exercise, ..
        } = &self.state
        else {
            return None;
        };
        let (ch, ex) = self.workbook.ids(*chapter, *exercise);
        self.answers.get(ch, ex).cloned()
    }

    /// Runs `change`, and keeps what it did to the answer on screen for undo.
    pub(super) fn recorded(&mut self, what: Changed, change: impl FnOnce(&mut App)) {
        let before = self.answer_here();
        change(self);
        let after = self.answer_here();
        if before == after {
            return;
        }
        self.history.undone.clear();
        if what == Changed::Typed
            && let Some(top) = self.history.done.last_mut()
            && top.what == Changed::Typed
            && top.open
        {
            top.after = after;
            return;
        }
        let open = what == Changed::Typed;
        self.history.done.push(Step {
            before,
            after,
            what,
            open,
        });
    }

    /// Undoes (`back`) or redoes the last change on this screen; false when there is
    /// none, so the component's own undo may have a go.
    pub(super) fn undo_step(&mut self, back: bool, fx: &mut Vec<Effect>) -> bool {
        let (from, to) = if back {
            (&mut self.history.done, &mut self.history.undone)
        } else {
            (&mut self.history.undone, &mut self.history.done)
        };
        let Some(mut step) = from.pop() else {
            return false;
        };
        step.open = false;
        let target = if back {
            step.before.clone()
        } else {
            step.after.clone()
        };
        let what = step.what.clone();
        to.push(step);
        self.put_back(target, matches!(what, Changed::Private(_)));
        self.notice = Some(if back {
            Notice::Undone(what)
        } else {
            Notice::Redone(what)
        });
        fx.push(Effect::Save);
        true
    }

    /// Stores `target` as the answer on screen and rebuilds the exercise on it.
    /// `mark`: the private mark goes back too (only when undoing the mark itself).
    fn put_back(&mut self, target: Option<Answer>, mark: bool) {
        let ScreenState::Exercise {
            chapter, exercise, ..
        } = &self.state
        else {
            return;
        };
        let (c, e) = (*chapter, *exercise);
        let ch = &self.workbook.chapters[c];
        let ex = &ch.exercises[e];
        let (ch_id, ex_id) = (ch.id.clone(), ex.id.clone());
        let now = self.now.to_string();
        let private_now = self.answers.get(&ch_id, &ex_id).is_some_and(|a| a.private);
        let target = match target {
            Some(mut a) if !mark => {
                a.private = private_now;
                Some(a)
            }
            // The mark outlives the value: an empty answer carries it.
            None if !mark && private_now => Some(Answer {
                changed: now.clone(),
                private: true,
                skipped: false,
                value: empty_value(&ex.kind).unwrap_or(Value::Empty {}),
            }),
            target => target,
        };
        let value_before = self.answers.get(&ch_id, &ex_id).map(|a| a.value.clone());
        match target {
            Some(mut a) => {
                a.changed = now;
                self.answers.put(&ch_id, &ex_id, a);
            }
            None => self.answers.remove(&ch_id, &ex_id),
        }
        if self.answers.get(&ch_id, &ex_id).map(|a| &a.value) == value_before.as_ref() {
            // Only a mark moved: the exercise keeps its state, a text field its own undo.
            return;
        }
        let cursor = self.component().and_then(|c| c.cursor());
        let mut component = super::Component::new(&self.workbook, &self.answers, (c, e), self.now);
        if let Some(at) = cursor {
            component.set_cursor(at, self.answers.get(&ch_id, &ex_id).map(|a| &a.value));
        }
        self.text_dirty = false;
        self.state = ScreenState::Exercise {
            chapter: c,
            exercise: e,
            component: Box::new(component),
        };
    }
}

impl History {
    /// Names the last change by what it turned out to do (a toggle's new state).
    pub fn name_last(&mut self, what: Changed) {
        if let Some(s) = self.done.last_mut() {
            s.what = what;
        }
    }

    /// True when redo would make typing again, which the text field redoes itself.
    fn next_redo_is_typing(&self) -> bool {
        self.undone.last().is_none_or(|s| s.what == Changed::Typed)
    }
}

impl App {
    /// Undo (`back`) or redo on an exercise: the last change on the screen, except
    /// that typing in a field is the field's to undo. False when nothing was done here.
    pub(super) fn undo_here(&mut self, back: bool, fx: &mut Vec<Effect>) -> bool {
        let typing = self.component().is_some_and(|c| c.is_typing());
        let field_has_it = if back {
            self.history.last_is_typing()
        } else {
            self.history.next_redo_is_typing()
        };
        if typing && field_has_it {
            return false;
        }
        self.undo_step(back, fx)
    }
}

/// What one key did to a value, named for the notice that offers to undo it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Made {
    /// An option ticked.
    Ticked(String),
    /// An option unticked.
    Unticked(String),
    /// An option that stands alone ticked, taking back this many other ticks.
    TickedAlone(String, usize),
    /// An option picked.
    Picked(String),
    /// A value set on a scale.
    Set(i64),
    /// An item rated.
    Rated(String, i64),
    /// An item marked "didn't apply" (`na_label`).
    NotApplied(String),
    /// A day set.
    Day(String),
    /// The answer taken back (left unanswered).
    Cleared,
    /// The items of a list changed (moved).
    Items,
}

/// What changed from `before` to `after`, when one key changed it.
pub fn made(before: Option<&Value>, after: Option<&Value>) -> Option<Made> {
    let Some(after) = after else {
        return before.map(|_| Made::Cleared);
    };
    Some(match after {
        Value::Checklist { ticked, .. } => {
            let old = before.and_then(Value::as_checklist).unwrap_or_default();
            let added: Vec<&String> = ticked.iter().filter(|t| !old.contains(t)).collect();
            let gone = old.iter().filter(|t| !ticked.contains(t)).count();
            match (added.first(), gone) {
                (Some(t), 0) => Made::Ticked((*t).clone()),
                (Some(t), n) => Made::TickedAlone((*t).clone(), n),
                (None, _) => match old.iter().find(|t| !ticked.contains(t)) {
                    Some(t) => Made::Unticked(t.clone()),
                    None => return None,
                },
            }
        }
        Value::Choice { option, other } => {
            Made::Picked(option.clone().or_else(|| other.clone()).unwrap_or_default())
        }
        Value::Scale { value } => Made::Set(*value),
        Value::Ratings { ratings, na, .. } => {
            let (old, old_na) = before.and_then(Value::as_ratings).unzip();
            if let Some(item) = na.iter().find(|i| old_na.is_none_or(|o| !o.contains(*i))) {
                return Some(Made::NotApplied(item.clone()));
            }
            match ratings
                .iter()
                .find(|(k, v)| old.and_then(|o| o.get(*k)) != Some(*v))
            {
                Some((k, v)) => Made::Rated(k.clone(), *v),
                None => Made::Cleared,
            }
        }
        Value::Date { date } => Made::Day(date.clone()),
        Value::List { .. } => Made::Items,
        Value::Text { .. } | Value::Empty {} => return None,
    })
}

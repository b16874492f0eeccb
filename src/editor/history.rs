//! Undo and redo, grouped as people expect: a run of typed word characters is
//! one step; a pause, a run of spaces, a paste, a deletion or a cursor jump
//! starts the next. Time comes from the caller, so the grouping is testable.

use std::time::{Duration, Instant};

use super::Pos;

/// Typing that pauses this long starts a new undo step.
pub const PAUSE: Duration = Duration::from_millis(1000);
/// Steps kept; the oldest are dropped first.
const LIMIT: usize = 500;

/// One change of the text: `removed` taken out at `at`, `inserted` put in its
/// place (paragraphs joined by `'\n'`), with the cursor before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Where the change starts.
    pub at: Pos,
    /// The text taken out.
    pub removed: String,
    /// The text put in.
    pub inserted: String,
    /// The cursor before the change.
    pub before: Pos,
    /// The cursor after the change.
    pub after: Pos,
}

/// What kind of edit a change was, for grouping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A typed character that is part of a word.
    Word,
    /// A typed space (or a run of them).
    Space,
    /// A single grapheme deleted backwards (Backspace).
    DeleteBack,
    /// A single grapheme deleted forwards (Delete).
    DeleteForward,
    /// Anything else (paste, word delete, new line, editor hand-off): a step of its own.
    Alone,
}

/// The undo and redo stacks.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Vec<Change>>,
    redo: Vec<Vec<Change>>,
    /// The class and time of the last change, while the next one may join its step.
    open: Option<(Class, Option<Instant>)>,
}

impl History {
    /// Records `change` of `class` made at `now`, joining the last step when it
    /// continues it.
    pub fn record(&mut self, change: Change, class: Class, now: Option<Instant>) {
        self.redo.clear();
        let joins = match (self.open, self.undo.last().and_then(|s| s.last())) {
            (Some((last, then)), Some(prev)) => {
                last == class
                    && class != Class::Alone
                    && prev.after == change.before
                    && !matches!((then, now), (Some(a), Some(b)) if b.saturating_duration_since(a) >= PAUSE)
            }
            _ => false,
        };
        match self.undo.last_mut() {
            Some(step) if joins => step.push(change),
            Some(_) | None => {
                self.undo.push(vec![change]);
                if self.undo.len() > LIMIT {
                    self.undo.remove(0);
                }
            }
        }
        self.open = Some((class, now));
    }

    /// Ends the open step (the cursor moved, or the text was replaced).
    pub fn seal(&mut self) {
        self.open = None;
    }

    /// The step to undo, moved to the redo stack.
    pub fn undo(&mut self) -> Option<&[Change]> {
        self.open = None;
        let step = self.undo.pop()?;
        self.redo.push(step);
        self.redo.last().map(Vec::as_slice)
    }

    /// The step to redo, moved back to the undo stack.
    pub fn redo(&mut self) -> Option<&[Change]> {
        self.open = None;
        let step = self.redo.pop()?;
        self.undo.push(step);
        self.undo.last().map(Vec::as_slice)
    }
}

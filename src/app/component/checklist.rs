//! A checklist: tick any number of options, and (format 2 `other = true`) an
//! "Other, in my own words" row whose text is set aside, not lost, when unticked.

use super::field::{Field, field_text, line_field, other_key};
use super::{Answering, Change, Intent, Outcome, moved};
use crate::answers::Value;
use crate::app::Context;
use crate::app::action::Move;

/// The ticked options and the "other" text of a stored checklist.
fn stored_parts(stored: Option<&Value>) -> (Vec<String>, Option<String>) {
    match stored {
        Some(Value::Checklist { ticked, other }) => (ticked.clone(), other.clone()),
        Some(_) | None => (Vec::new(), None),
    }
}

/// A checklist exercise being answered.
#[derive(Debug)]
pub struct ChecklistAnswer {
    options: Vec<String>,
    /// Options that stand alone: ticking one unticks the rest.
    exclusive: Vec<String>,
    /// Whether the "other" row is offered; it is row `options.len()`.
    has_other: bool,
    /// The highlighted row.
    pub cursor: usize,
    /// The "other" field, when it is being typed in.
    pub other: Option<Field>,
    /// "Other" text set aside when it was unticked, offered again this session.
    draft: String,
}

impl ChecklistAnswer {
    /// Rows shown: the options, and "other" when offered.
    pub fn rows(&self) -> usize {
        self.options.len() + usize::from(self.has_other)
    }

    /// Opens the checklist on its first option; `exclusive` options stand alone, and
    /// `has_other` offers the "other" row.
    pub fn open(options: &[String], exclusive: &[String], has_other: bool) -> ChecklistAnswer {
        ChecklistAnswer {
            options: options.to_vec(),
            exclusive: exclusive.to_vec(),
            has_other,
            cursor: 0,
            other: None,
            draft: String::new(),
        }
    }

    /// The value the "other" field would give if committed now: the ticks as stored
    /// and the typed text (emptied: "other" unticked). `None` when not typing.
    fn other_value(&self, stored: Option<&Value>) -> Option<Value> {
        let text = field_text(self.other.as_ref()?).trim().to_string();
        let (mut ticked, _) = stored_parts(stored);
        if !text.is_empty() {
            // "Other" is a tick like any option: an exclusive one cannot stand beside it.
            ticked.retain(|t| !self.exclusive.contains(t));
        }
        Some(Value::Checklist {
            ticked,
            other: (!text.is_empty()).then_some(text),
        })
    }

    /// Handles a key while "other" is being typed.
    fn update_field(&mut self, mut field: Field, intent: Intent, stored: Option<&Value>) -> Outcome {
        let mut out = Outcome::default();
        let closed = other_key(&mut field, intent, &mut out);
        self.other = Some(field);
        if closed {
            out.change = self.other_value(stored).map(Change::Set);
            self.other = None;
        }
        out
    }
}

impl Answering for ChecklistAnswer {
    /// The "other" words as typed so far, so a pause or quitting stores them as a
    /// choice's "other" is: they were lost when the person quit before Enter.
    fn pending_value(&self, stored: Option<&Value>) -> Option<Value> {
        self.other_value(stored)
    }

    fn typed_text(&self) -> Option<String> {
        self.other.as_ref().map(field_text)
    }

    /// Key context: ticking, or typing the "other" text.
    fn context(&self) -> Context {
        if self.other.is_some() {
            Context::Field
        } else {
            Context::Checklist
        }
    }

    fn cursor(&self) -> Option<usize> {
        Some(self.cursor)
    }

    fn set_cursor(&mut self, at: usize, _stored: Option<&Value>) {
        self.cursor = at.min(self.rows().saturating_sub(1));
    }

    fn typed_len(&self) -> Option<usize> {
        self.other.as_ref().map(Field::len)
    }

    /// Handles one key.
    fn update(&mut self, intent: Intent, stored: Option<&Value>) -> Outcome {
        if let Some(field) = self.other.take() {
            return self.update_field(field, intent, stored);
        }
        let mut out = Outcome::default();
        let m = match intent {
            Intent::Move(m) => m,
            Intent::Edit(_) | Intent::Done => return out,
        };
        let rows = self.options.len() + usize::from(self.has_other);
        if let Some(to) = moved(self.cursor, m, rows) {
            self.cursor = to;
            return out;
        }
        match m {
            Move::Toggle | Move::Select => {
                let (mut ticked, mut other) = stored_parts(stored);
                let Some(opt) = self.options.get(self.cursor) else {
                    if self.has_other {
                        match other {
                            // Unticked, the words are set aside for this session.
                            Some(o) => {
                                self.draft = o;
                                out.change = Some(Change::Set(Value::Checklist { ticked, other: None }));
                            }
                            None => self.other = Some(line_field(&self.draft)),
                        }
                    }
                    return out;
                };
                match ticked.iter().position(|t| t == opt) {
                    Some(i) => {
                        ticked.remove(i);
                    }
                    None => {
                        // An exclusive option stands alone: "None of these" and a tick
                        // elsewhere cannot both hold.
                        if self.exclusive.contains(opt) {
                            ticked.retain(|t| !self.options.contains(t));
                            if let Some(o) = other.take() {
                                self.draft = o;
                            }
                        } else {
                            ticked.retain(|t| !self.exclusive.contains(t));
                        }
                        ticked.push(opt.clone());
                    }
                }
                // Keep ticks in the order of the options; unknown old ticks stay at the end.
                let options = &self.options;
                ticked.sort_by_key(|t| options.iter().position(|o| o == t).unwrap_or(usize::MAX));
                out.change = Some(Change::Set(Value::Checklist { ticked, other }));
            }
            Move::Up
            | Move::Down
            | Move::First
            | Move::Last
            | Move::Left
            | Move::Right
            | Move::ScrollUp
            | Move::ScrollDown
            | Move::PageUp
            | Move::PageDown => {}
        }
        out
    }
}

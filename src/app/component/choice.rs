//! A single choice, with an optional "other, namely ..." field whose text is set
//! aside, not lost, when another option is picked.

use super::field::{Field, field_text, line_field, other_key};
use super::{Answering, Change, Intent, Opening, Outcome, moved};
use crate::answers::Value;
use crate::app::Context;
use crate::app::action::Move;

/// A choice exercise being answered.
#[derive(Debug)]
pub struct ChoiceAnswer {
    options: Vec<String>,
    has_other: bool,
    /// The highlighted row; `options.len()` is "other" when the exercise has it.
    pub cursor: usize,
    /// The "other, namely ..." field, when it is being typed in.
    pub other: Option<Field>,
    /// "Other" text set aside when another option was picked, offered again
    /// if "other" is picked again this session.
    draft: String,
}

/// The "other" text of a stored choice, if "other" is what was picked.
fn other_text(value: Option<&Value>) -> Option<&str> {
    match value {
        Some(Value::Choice { other: Some(o), .. }) => Some(o),
        Some(_) | None => None,
    }
}

impl ChoiceAnswer {
    /// Rows shown: the options, and "other" when offered.
    pub fn rows(&self) -> usize {
        self.options.len() + usize::from(self.has_other)
    }

    /// Opens the choice of `options` (and "other" when `has_other`) with the cursor on
    /// the stored pick.
    pub fn open(at: &Opening, options: &[String], has_other: bool) -> ChoiceAnswer {
        let cursor = match at.stored() {
            Some(Value::Choice { option: Some(o), .. }) => options.iter().position(|x| x == o).unwrap_or(0),
            Some(Value::Choice { other: Some(_), .. }) => options.len(),
            Some(_) | None => 0,
        };
        ChoiceAnswer {
            options: options.to_vec(),
            has_other,
            cursor,
            other: None,
            draft: String::new(),
        }
    }

    /// Handles a key while "other" is being typed.
    fn update_field(&mut self, mut field: Field, intent: Intent, stored: Option<&Value>) -> Outcome {
        let mut out = Outcome::default();
        let closed = other_key(&mut field, intent, &mut out);
        self.other = Some(field);
        if closed {
            // Opened and left empty: an earlier pick stays as it was.
            out.change = self.pending_value(stored).map(Change::Set);
            self.other = None;
        }
        out
    }
}

impl Answering for ChoiceAnswer {
    /// Key context: picking, or typing the "other" text.
    fn context(&self) -> Context {
        if self.other.is_some() {
            Context::Field
        } else {
            Context::Choice
        }
    }

    /// The value the "other" field would give if committed now. Emptied, it unpicks
    /// "other" if that was picked, as Enter does; else there is nothing to store.
    fn pending_value(&self, stored: Option<&Value>) -> Option<Value> {
        let text = field_text(self.other.as_ref()?).trim().to_string();
        if text.is_empty() {
            return other_text(stored).is_some().then_some(Value::Choice {
                option: None,
                other: None,
            });
        }
        Some(Value::Choice {
            option: None,
            other: Some(text),
        })
    }

    fn typed_text(&self) -> Option<String> {
        self.other.as_ref().map(field_text)
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
        let rows = self.options.len() + usize::from(self.has_other);
        let m = match intent {
            Intent::Move(m) => m,
            Intent::Edit(_) | Intent::Done => return out,
        };
        if let Some(to) = moved(self.cursor, m, rows) {
            self.cursor = to;
            return out;
        }
        match m {
            Move::Select | Move::Toggle => {
                if let Some(option) = self.options.get(self.cursor) {
                    // Picking an option sets an "other" text aside rather than losing it.
                    if let Some(o) = other_text(stored) {
                        self.draft = o.to_string();
                    }
                    out.change = Some(Change::Set(Value::Choice {
                        option: Some(option.clone()),
                        other: None,
                    }));
                } else if self.has_other {
                    let current = other_text(stored).unwrap_or(&self.draft);
                    self.other = Some(line_field(current));
                }
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

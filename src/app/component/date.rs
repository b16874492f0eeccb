//! A date: offered as today; ←/→ move a day, ↑/↓ a week, Enter takes the day
//! shown, and digits type YYYYMMDD (the dashes are put in).

use super::{Answering, Change, Intent, Opening, Outcome};
use crate::answers::Value;
use crate::app::action::{Edit, Move};
use crate::app::{Context, Notice};
use crate::date;

/// A date exercise being answered.
#[derive(Debug)]
pub struct DateAnswer {
    /// Today, as days since 1970-01-01: what an unanswered date offers.
    today: i64,
    /// Digits typed so far (at most 8), before they make a whole date.
    pub typed: String,
}

/// The stored date as days since 1970-01-01, if it is a valid date answer.
pub fn date_of(value: Option<&Value>) -> Option<i64> {
    match value {
        Some(Value::Date { date }) => date::parse(date),
        Some(_) | None => None,
    }
}

/// The typed digits shown as a date being typed: `2026-1_-__`.
pub fn typed_shape(typed: &str) -> String {
    let mut out = String::new();
    let mut digits = typed.chars();
    for i in 0..10 {
        if i == 4 || i == 7 {
            out.push('-');
        } else {
            out.push(digits.next().unwrap_or('_'));
        }
    }
    out
}

impl DateAnswer {
    /// Opens the date, offering the day the exercise is opened.
    pub fn open(at: &Opening) -> DateAnswer {
        DateAnswer {
            today: date::parse(&date::day_of(&at.now.to_string())).unwrap_or(0),
            typed: String::new(),
        }
    }

    /// The day shown: the stored one, else today.
    pub fn shown(&self, stored: Option<&Value>) -> i64 {
        date_of(stored).unwrap_or(self.today)
    }
}

impl Answering for DateAnswer {
    /// Key context: picking a date.
    fn context(&self) -> Context {
        Context::Date
    }

    /// Handles one key.
    fn update(&mut self, intent: Intent, stored: Option<&Value>) -> Outcome {
        let mut out = Outcome::default();
        let shown = self.shown(stored);
        let new = match intent {
            Intent::Move(m) => {
                self.typed.clear();
                match m {
                    Move::Left => Some(shown - 1),
                    Move::Right => Some(shown + 1),
                    Move::Up => Some(shown - 7),
                    Move::Down => Some(shown + 7),
                    Move::Select | Move::Toggle => Some(shown),
                    Move::First => Some(self.today),
                    Move::Last | Move::ScrollUp | Move::ScrollDown | Move::PageUp | Move::PageDown => None,
                }
            }
            Intent::Edit(Edit::Digit(d)) => {
                self.typed.push(char::from(b'0' + d.min(9)));
                if self.typed.len() < 8 {
                    return out;
                }
                let text = typed_shape(&self.typed);
                self.typed.clear();
                match date::parse(&text) {
                    Some(days) => Some(days),
                    None => {
                        out.notice = Some(Notice::InvalidDate(text));
                        None
                    }
                }
            }
            Intent::Edit(Edit::Clear) => {
                if self.typed.pop().is_none() && matches!(stored, Some(Value::Date { .. })) {
                    out.change = Some(Change::Remove);
                }
                None
            }
            Intent::Edit(
                Edit::AddItem
                | Edit::EditItem
                | Edit::DeleteItem
                | Edit::MoveItemUp
                | Edit::MoveItemDown
                | Edit::Type(_)
                | Edit::Paste(_)
                | Edit::Undo
                | Edit::Redo
                | Edit::ExternalEditor
                | Edit::NotApplicable
                | Edit::EditorDone(_),
            )
            | Intent::Done => None,
        };
        // Years 1 to 9999 only: further moves stay on the last valid day.
        if let Some(days) = new.filter(|d| date::parse(&date::civil_from_days(*d)).is_some()) {
            out.change = Some(Change::Set(Value::Date {
                date: date::civil_from_days(days),
            }));
        }
        out
    }
}

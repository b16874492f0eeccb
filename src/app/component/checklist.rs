//! A checklist: tick any number of options.

use super::{Change, Intent, Outcome, moved};
use crate::answers::Value;
use crate::app::Context;
use crate::app::action::Move;

/// A checklist exercise being answered.
#[derive(Debug)]
pub struct ChecklistAnswer {
    options: Vec<String>,
    /// Options that stand alone: ticking one unticks the rest.
    exclusive: Vec<String>,
    /// The highlighted row.
    pub cursor: usize,
}

impl ChecklistAnswer {
    /// Opens the checklist on its first option.
    pub fn new(options: &[String], exclusive: &[String]) -> ChecklistAnswer {
        ChecklistAnswer {
            options: options.to_vec(),
            exclusive: exclusive.to_vec(),
            cursor: 0,
        }
    }

    /// Key context: ticking.
    pub fn context(&self) -> Context {
        Context::Checklist
    }

    /// Handles one key.
    pub fn update(&mut self, intent: Intent, stored: Option<&Value>) -> Outcome {
        let mut out = Outcome::default();
        let m = match intent {
            Intent::Move(m) => m,
            Intent::Edit(_) | Intent::Done => return out,
        };
        if let Some(to) = moved(self.cursor, m, self.options.len()) {
            self.cursor = to;
            return out;
        }
        match m {
            Move::Toggle | Move::Select => {
                let Some(opt) = self.options.get(self.cursor) else {
                    return out;
                };
                let mut ticked = match stored {
                    Some(Value::Checklist { ticked }) => ticked.clone(),
                    Some(
                        Value::Text { .. }
                        | Value::List { .. }
                        | Value::Choice { .. }
                        | Value::Scale { .. }
                        | Value::Ratings { .. }
                        | Value::Date { .. }
                        | Value::Empty {},
                    )
                    | None => Vec::new(),
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
                        } else {
                            ticked.retain(|t| !self.exclusive.contains(t));
                        }
                        ticked.push(opt.clone());
                    }
                }
                // Keep ticks in the order of the options; unknown old ticks stay at the end.
                let options = &self.options;
                ticked.sort_by_key(|t| options.iter().position(|o| o == t).unwrap_or(usize::MAX));
                out.change = Some(Change::Set(Value::Checklist { ticked }));
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

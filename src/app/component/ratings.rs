//! Ratings: several items, each given a value on one scale; ↑/↓ pick the item,
//! ←/→ change its value, digits type it, Backspace clears it.

use std::collections::BTreeMap;

use super::{Change, Intent, Outcome, moved};
use crate::answers::Value;
use crate::app::Context;
use crate::app::action::{Edit, Move};

/// A ratings exercise being answered.
#[derive(Debug)]
pub struct RatingsAnswer {
    items: Vec<String>,
    min: i64,
    max: i64,
    /// Distance between neighbouring values (at least 1).
    step: i64,
    /// The item being rated.
    pub cursor: usize,
    /// A digit typed just before on this item, so "1" then "0" gives 10.
    pending_digit: Option<i64>,
}

/// The stored ratings, if `value` is a ratings answer.
pub fn ratings_of(value: Option<&Value>) -> Option<&BTreeMap<String, i64>> {
    match value {
        Some(Value::Ratings { ratings }) => Some(ratings),
        Some(
            Value::Text { .. }
            | Value::List { .. }
            | Value::Choice { .. }
            | Value::Checklist { .. }
            | Value::Scale { .. }
            | Value::Date { .. }
            | Value::Empty {},
        )
        | None => None,
    }
}

impl RatingsAnswer {
    /// Opens the ratings on the first item.
    pub fn new(items: &[String], min: i64, max: i64, step: i64) -> RatingsAnswer {
        RatingsAnswer {
            items: items.to_vec(),
            min,
            max,
            step: step.max(1),
            cursor: 0,
            pending_digit: None,
        }
    }

    /// Key context: rating items.
    pub fn context(&self) -> Context {
        Context::Ratings
    }

    /// Handles one key.
    pub fn update(&mut self, intent: Intent, stored: Option<&Value>) -> Outcome {
        let (min, max) = (self.min, self.max);
        let mut out = Outcome::default();
        let pending = self.pending_digit.take();
        let Some(item) = self.items.get(self.cursor).cloned() else {
            return out;
        };
        let mut ratings = ratings_of(stored).cloned().unwrap_or_default();
        let current = ratings.get(&item).copied().filter(|v| (min..=max).contains(v));
        let step = self.step;
        let mid = min + (max - min) / step / 2 * step;
        let new = match intent {
            Intent::Move(m) => {
                if let Some(to) = moved(self.cursor, m, self.items.len()) {
                    self.cursor = to;
                    return out;
                }
                match m {
                    Move::Left => Some(current.map_or(mid, |v| (v - step).clamp(min, max))),
                    Move::Right => Some(current.map_or(mid, |v| (v + step).clamp(min, max))),
                    Move::Select | Move::Toggle if current.is_none() => Some(mid),
                    Move::Select
                    | Move::Toggle
                    | Move::Up
                    | Move::Down
                    | Move::First
                    | Move::Last
                    | Move::ScrollUp
                    | Move::ScrollDown
                    | Move::PageUp
                    | Move::PageDown => None,
                }
            }
            Intent::Edit(Edit::Clear) => {
                if ratings.remove(&item).is_some() {
                    out.change = Some(if ratings.is_empty() {
                        Change::Remove
                    } else {
                        Change::Set(Value::Ratings { ratings })
                    });
                }
                return out;
            }
            Intent::Edit(Edit::Digit(d)) => {
                let (typed, value) = super::scale::typed_digit(pending, d, (min, max, step));
                self.pending_digit = typed;
                value
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
                | Edit::EditorDone(_),
            )
            | Intent::Done => None,
        };
        if let Some(v) = new {
            ratings.insert(item, v);
            out.change = Some(Change::Set(Value::Ratings { ratings }));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rate(r: &mut RatingsAnswer, stored: &mut Option<Value>, intent: Intent) {
        match r.update(intent, stored.as_ref()).change {
            Some(Change::Set(v)) => *stored = Some(v),
            Some(Change::Remove) => *stored = None,
            None => {}
        }
    }

    #[test]
    fn rates_each_item_and_clears_one() {
        let items = vec!["Calm".to_string(), "Heard".to_string()];
        let mut r = RatingsAnswer::new(&items, 0, 10, 1);
        let mut v = None;
        rate(&mut r, &mut v, Intent::Edit(Edit::Digit(1)));
        rate(&mut r, &mut v, Intent::Edit(Edit::Digit(0)));
        rate(&mut r, &mut v, Intent::Move(Move::Down));
        rate(&mut r, &mut v, Intent::Move(Move::Right));
        rate(&mut r, &mut v, Intent::Move(Move::Right));
        let want: BTreeMap<String, i64> = [("Calm".into(), 10), ("Heard".into(), 6)].into();
        assert_eq!(ratings_of(v.as_ref()), Some(&want));
        rate(&mut r, &mut v, Intent::Edit(Edit::Clear));
        let want: BTreeMap<String, i64> = [("Calm".into(), 10)].into();
        assert_eq!(ratings_of(v.as_ref()), Some(&want));
        rate(&mut r, &mut v, Intent::Move(Move::Up));
        rate(&mut r, &mut v, Intent::Edit(Edit::Clear));
        assert_eq!(v, None);
    }
}

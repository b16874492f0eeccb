//! A scale: one whole number between two labelled ends, picked with arrows or typed.

use super::{Answering, Change, Intent, Outcome};
use crate::answers::Value;
use crate::app::Context;
use crate::app::action::{Edit, Move};

/// A scale exercise being answered.
#[derive(Debug)]
pub struct ScaleAnswer {
    min: i64,
    max: i64,
    /// Distance between neighbouring values (at least 1).
    step: i64,
    /// A digit typed just before, so "1" then "0" gives 10.
    pending_digit: Option<i64>,
    /// On a scale with no value yet, what the arrows point at: shown, not stored,
    /// until Enter picks it (a first arrow jumping to the middle surprised people).
    pub proposed: Option<i64>,
}

/// The stored value of a scale, if it is one and lies on the scale. A value outside
/// it (the workbook changed, or a hand-edited file) reads as unanswered here; the
/// review still shows it as stored.
pub fn scale_value(value: Option<&Value>, min: i64, max: i64) -> Option<i64> {
    match value {
        Some(Value::Scale { value }) if (min..=max).contains(value) => Some(*value),
        Some(_) | None => None,
    }
}

/// A digit typed on a scale of `(min, max, step)` after `pending` (the number typed
/// so far): the number typed now, and the value it gives, if any. Digits build up
/// the number; only a value on the scale's steps is taken, so "6" then "5" gives 65
/// on a 0-100 scale in steps of 5.
pub fn typed_digit(
    pending: Option<i64>,
    digit: u8,
    (min, max, step): (i64, i64, i64),
) -> (Option<i64>, Option<i64>) {
    let d = i64::from(digit);
    let on_scale = |v: &i64| (min..=max).contains(v);
    let joined = pending
        .and_then(|p| p.checked_mul(10)?.checked_add(d))
        .filter(on_scale);
    let typed = joined.or(Some(d).filter(on_scale));
    (typed, typed.filter(|v| (v - min) % step.max(1) == 0))
}

impl ScaleAnswer {
    /// Opens a scale from `min` to `max` in steps of `step`.
    pub fn open((min, max, step): (i64, i64, i64)) -> ScaleAnswer {
        ScaleAnswer {
            min,
            max,
            step: step.max(1),
            pending_digit: None,
            proposed: None,
        }
    }
}

impl Answering for ScaleAnswer {
    /// Key context: picking a value.
    fn context(&self) -> Context {
        Context::Scale
    }

    /// Handles one key.
    fn update(&mut self, intent: Intent, stored: Option<&Value>) -> Outcome {
        let (min, max) = (self.min, self.max);
        let current = scale_value(stored, min, max);
        let step = self.step;
        let mid = min + (max - min) / step / 2 * step;
        let mut out = Outcome::default();
        let pending = self.pending_digit.take();
        let proposed = self.proposed.take();
        let new = match intent {
            Intent::Move(m @ (Move::Left | Move::Right)) if current.is_none() => {
                // Nothing stored yet: the arrows show a value, Enter picks it.
                let by = if m == Move::Left { -step } else { step };
                self.proposed = Some(proposed.map_or(mid, |p| (p + by).clamp(min, max)));
                None
            }
            Intent::Move(m) => match m {
                Move::Left => current.map(|v| (v - step).clamp(min, max)),
                Move::Right => current.map(|v| (v + step).clamp(min, max)),
                Move::First => Some(min),
                Move::Last => Some(max),
                Move::Select | Move::Toggle if current.is_none() => Some(proposed.unwrap_or(mid)),
                Move::Select
                | Move::Toggle
                | Move::Up
                | Move::Down
                | Move::ScrollUp
                | Move::ScrollDown
                | Move::PageUp
                | Move::PageDown => None,
            },
            Intent::Edit(Edit::Clear) => {
                if matches!(stored, Some(Value::Scale { .. })) {
                    out.change = Some(Change::Remove);
                }
                None
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
                | Edit::NotApplicable
                | Edit::EditorDone(_),
            )
            | Intent::Done => None,
        };
        if let Some(v) = new {
            out.change = Some(Change::Set(Value::Scale { value: v }));
        }
        out
    }
}

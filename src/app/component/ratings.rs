//! Ratings: several items, each given a value on one scale; ↑/↓ pick the item,
//! ←/→ change its value, digits type it, Backspace clears it.
//!
//! The items are resolved when the exercise is opened: the workbook's `items`, then
//! the person's answer to the list named by `items_from`. With `add_items` the person
//! adds items of their own (`a`), removes them (`d`, undone with `u`); an own item is a
//! key of the stored ratings that is no item of the exercise, and own items are shown
//! sorted, as the answers file keeps them. One added but not rated yet lives here only.

use std::collections::{BTreeMap, BTreeSet};

use super::field::{Field, edit_line, field_text, line_field};
use super::{Answering, Change, Intent, Opening, Outcome, Typing, moved};
use crate::answers::Value;
use crate::app::action::{Edit, Move};
use crate::app::{Context, Notice};
use crate::content::ItemsFrom;

/// A ratings exercise being answered.
#[derive(Debug)]
pub struct RatingsAnswer {
    /// The items to rate, as resolved when opened: the workbook's, then the list's.
    items: Vec<String>,
    /// Whether the person may add items of their own.
    add_items: bool,
    /// Own items added and not rated yet; stored once they have a value.
    added: Vec<String>,
    /// The title of the list the items come from (`items_from`) while that list is
    /// still empty, to say where to write it.
    pub empty_list: Option<String>,
    min: i64,
    max: i64,
    /// Distance between neighbouring values (at least 1).
    step: i64,
    /// The row being rated.
    pub cursor: usize,
    /// A digit typed just before on this item, so "1" then "0" gives 10.
    pending_digit: Option<i64>,
    /// The field of a new own item, while it is typed.
    pub adding: Option<Field>,
    /// On an unrated row, what the arrows point at (row, value): shown, not
    /// stored, until Enter picks it.
    pub proposed: Option<(usize, i64)>,
    /// Own items removed with their values (if rated), newest last, for undo.
    removed: Vec<(String, Option<i64>)>,
    /// The words of the "didn't apply" choice (`na_label`), when the exercise has one.
    pub na_label: Option<String>,
}

/// The stored ratings, if `value` is a ratings answer.
pub fn ratings_of(value: Option<&Value>) -> Option<&BTreeMap<String, i64>> {
    match value {
        Some(Value::Ratings { ratings, .. }) => Some(ratings),
        Some(_) | None => None,
    }
}

/// The items marked "didn't apply" (`na_label`), if `value` is a ratings answer.
pub fn not_applied(value: Option<&Value>) -> Option<&BTreeSet<String>> {
    match value {
        Some(Value::Ratings { na, .. }) => Some(na),
        Some(_) | None => None,
    }
}

/// The scale of a ratings exercise: lowest, highest, step.
pub type Range = (i64, i64, i64);

impl RatingsAnswer {
    /// Opens the ratings on the first item. `items` are the resolved items; `add_items`
    /// lets the person add their own; `empty_list` names the list still to be written.
    pub fn new(
        items: &[String],
        add_items: bool,
        empty_list: Option<String>,
        (min, max, step): Range,
    ) -> RatingsAnswer {
        RatingsAnswer {
            items: items.to_vec(),
            add_items,
            added: Vec::new(),
            empty_list,
            min,
            max,
            step: step.max(1),
            cursor: 0,
            proposed: None,
            pending_digit: None,
            adding: None,
            removed: Vec::new(),
            na_label: None,
        }
    }

    /// Opens a ratings exercise on its items as resolved from the answers now: the
    /// workbook's, then those of the list `items_from` names (whose title is kept while
    /// that list is still empty, to say where to write it). `add_items` takes own items;
    /// `na_label` words the "didn't apply" choice.
    pub fn open(
        at: &Opening,
        items_from: Option<&ItemsFrom>,
        add_items: bool,
        range: Range,
        na_label: Option<String>,
    ) -> RatingsAnswer {
        let (wb, answers) = (at.wb, at.answers);
        let empty_list = items_from.and_then(|f| {
            let listed = crate::answers::list_items(answers.get(&f.chapter, &f.exercise).map(|a| &a.value));
            let (lc, le) = wb.find(&f.chapter, &f.exercise)?;
            listed
                .iter()
                .all(|i| i.trim().is_empty())
                .then(|| wb.chapters[lc].exercises[le].title.clone())
        });
        let items = answers.rating_items(&at.exercise().kind);
        RatingsAnswer {
            na_label,
            ..RatingsAnswer::new(&items, add_items, empty_list, range)
        }
    }

    /// The rows on screen: the exercise's items, then (with `add_items`) the person's
    /// own, sorted as stored.
    pub fn rows(&self, stored: Option<&Value>) -> Vec<String> {
        self.rows_in(ratings_of(stored), not_applied(stored))
    }

    /// [`Self::rows`] with `ratings` (and `na`, marked "didn't apply") stored.
    fn rows_in(&self, ratings: Option<&BTreeMap<String, i64>>, na: Option<&BTreeSet<String>>) -> Vec<String> {
        let mut rows = self.items.clone();
        if self.add_items {
            // A set: a scan of a long list per own item is quadratic.
            let listed: std::collections::HashSet<&String> = self.items.iter().collect();
            let mut own: Vec<&String> = ratings
                .into_iter()
                .flat_map(BTreeMap::keys)
                .chain(na.into_iter().flatten())
                .chain(&self.added)
                .filter(|k| !listed.contains(k))
                .collect();
            own.sort();
            own.dedup();
            rows.extend(own.into_iter().cloned());
        }
        rows
    }

    /// True when the person may add items of their own (`add_items`).
    pub fn takes_own(&self) -> bool {
        self.add_items
    }

    /// True when row `i` is one of the person's own items.
    pub fn is_own(&self, i: usize) -> bool {
        self.add_items && i >= self.items.len()
    }

    /// Handles a key while a new item is typed: Enter adds it (an item already there
    /// is gone to instead), Esc leaves it.
    fn update_field(&mut self, mut field: Field, intent: Intent, stored: Option<&Value>) -> Outcome {
        let mut out = Outcome::default();
        let enter = match intent {
            Intent::Move(Move::Select) => true,
            Intent::Done => false,
            Intent::Move(_) => {
                self.adding = Some(field);
                return out;
            }
            Intent::Edit(edit) => {
                if edit_line(&mut field, edit) {
                    out.typing = Typing::Edited;
                }
                self.adding = Some(field);
                return out;
            }
        };
        out.typing = Typing::Closed;
        let text = crate::present::strip(&field_text(&field)).trim().to_string();
        if !enter || text.is_empty() {
            return out;
        }
        if !self.rows(stored).contains(&text) {
            self.added.push(text.clone());
        }
        self.cursor = self.rows(stored).iter().position(|r| *r == text).unwrap_or(0);
        out
    }

    /// Removes the own item under the cursor with its value, kept for undo.
    fn remove(
        &mut self,
        rows: &[String],
        (ratings, na): (&mut BTreeMap<String, i64>, &mut BTreeSet<String>),
        out: &mut Outcome,
    ) {
        let Some(item) = rows.get(self.cursor).filter(|_| self.is_own(self.cursor)) else {
            out.notice = Some(Notice::NotOwnItem);
            return;
        };
        self.added.retain(|a| a != item);
        let value = ratings.remove(item);
        let was_na = na.remove(item);
        self.removed.push((item.clone(), value));
        if value.is_some() || was_na {
            out.change = Some(stored_change(std::mem::take(ratings), std::mem::take(na)));
        }
        self.cursor = self.cursor.min(rows.len().saturating_sub(2));
        out.notice = Some(Notice::ItemDeleted(item.clone()));
    }

    /// Marks the item under the cursor "didn't apply" (its value goes), or takes the mark
    /// back; an exercise without `na_label` has no such choice, and says so.
    fn not_applicable(
        &mut self,
        rows: &[String],
        (mut ratings, mut na): (BTreeMap<String, i64>, BTreeSet<String>),
        out: &mut Outcome,
    ) {
        if self.na_label.is_none() {
            out.notice = Some(Notice::NoNotApplicable);
            return;
        }
        let Some(item) = rows.get(self.cursor).cloned() else {
            return;
        };
        self.proposed = None;
        if !na.remove(&item) {
            ratings.remove(&item);
            self.added.retain(|a| *a != item);
            na.insert(item);
        } else if self.is_own(self.cursor) {
            // An own item keeps its row until it is removed.
            self.added.push(item);
        }
        out.change = Some(stored_change(ratings, na));
    }
}

impl Answering for RatingsAnswer {
    /// Key context: rating items (with own items, or not), or typing a new item.
    fn context(&self) -> Context {
        match (self.adding.is_some(), self.add_items) {
            (true, _) => Context::Field,
            (false, true) => Context::RatingsOwn,
            (false, false) => Context::Ratings,
        }
    }

    /// The new own item's words, while they are typed.
    fn typed_text(&self) -> Option<String> {
        self.adding.as_ref().map(field_text)
    }

    fn cursor(&self) -> Option<usize> {
        Some(self.cursor)
    }

    fn set_cursor(&mut self, at: usize, stored: Option<&Value>) {
        self.cursor = at.min(self.rows(stored).len().saturating_sub(1));
    }

    fn typed_len(&self) -> Option<usize> {
        self.adding.as_ref().map(Field::len)
    }

    /// Handles one key.
    fn update(&mut self, intent: Intent, stored: Option<&Value>) -> Outcome {
        if let Some(field) = self.adding.take() {
            return self.update_field(field, intent, stored);
        }
        let (min, max) = (self.min, self.max);
        let mut out = Outcome::default();
        let pending = self.pending_digit.take();
        let rows = self.rows(stored);
        let mut ratings = ratings_of(stored).cloned().unwrap_or_default();
        let mut na = not_applied(stored).cloned().unwrap_or_default();
        match &intent {
            Intent::Edit(Edit::AddItem) if self.add_items => {
                self.adding = Some(line_field(""));
                return out;
            }
            Intent::Edit(Edit::DeleteItem) if self.add_items => {
                self.remove(&rows, (&mut ratings, &mut na), &mut out);
                return out;
            }
            Intent::Edit(Edit::NotApplicable) => {
                self.not_applicable(&rows, (ratings, na), &mut out);
                return out;
            }
            Intent::Edit(Edit::Undo) if self.add_items => {
                match self.removed.pop() {
                    Some((item, value)) => {
                        match value {
                            Some(v) => {
                                ratings.insert(item.clone(), v);
                            }
                            None => self.added.push(item.clone()),
                        }
                        let rows = self.rows_in(Some(&ratings), Some(&na));
                        self.cursor = rows.iter().position(|r| *r == item).unwrap_or(0);
                        if value.is_some() {
                            out.change = Some(Change::Set(Value::ratings(ratings, na)));
                        }
                    }
                    None => out.notice = Some(Notice::NothingToUndo),
                }
                return out;
            }
            Intent::Move(_) | Intent::Edit(_) | Intent::Done => {}
        }
        let Some(item) = rows.get(self.cursor).cloned() else {
            return out;
        };
        let current = ratings.get(&item).copied().filter(|v| (min..=max).contains(v));
        let step = self.step;
        let mid = min + (max - min) / step / 2 * step;
        let proposed = self
            .proposed
            .take()
            .filter(|(row, _)| *row == self.cursor)
            .map(|(_, v)| v);
        let new = match intent {
            Intent::Move(m) => {
                if let Some(to) = moved(self.cursor, m, rows.len()) {
                    self.cursor = to;
                    return out;
                }
                match m {
                    // Not rated yet: the arrows show a value, Enter picks it.
                    Move::Left | Move::Right if current.is_none() => {
                        let by = if m == Move::Left { -step } else { step };
                        let v = proposed.map_or(mid, |p| (p + by).clamp(min, max));
                        self.proposed = Some((self.cursor, v));
                        None
                    }
                    Move::Left => current.map(|v| (v - step).clamp(min, max)),
                    Move::Right => current.map(|v| (v + step).clamp(min, max)),
                    Move::Select | Move::Toggle if current.is_none() => Some(proposed.unwrap_or(mid)),
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
                if ratings.remove(&item).is_some() | na.remove(&item) {
                    // An own item keeps its row until it is removed.
                    if self.is_own(self.cursor) {
                        self.added.push(item);
                    }
                    out.change = Some(stored_change(ratings, na));
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
                | Edit::NotApplicable
                | Edit::EditorDone(_),
            )
            | Intent::Done => None,
        };
        if let Some(v) = new {
            self.added.retain(|a| *a != item);
            na.remove(&item);
            ratings.insert(item, v);
            out.change = Some(Change::Set(Value::ratings(ratings, na)));
        }
        out
    }
}

/// The change that stores `ratings` and the items marked "didn't apply": none of either
/// left removes the answer.
fn stored_change(ratings: BTreeMap<String, i64>, na: BTreeSet<String>) -> Change {
    if ratings.is_empty() && na.is_empty() {
        Change::Remove
    } else {
        Change::Set(Value::ratings(ratings, na))
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
        let mut r = RatingsAnswer::new(&items, false, None, (0, 10, 1));
        let mut v = None;
        rate(&mut r, &mut v, Intent::Edit(Edit::Digit(1)));
        rate(&mut r, &mut v, Intent::Edit(Edit::Digit(0)));
        rate(&mut r, &mut v, Intent::Move(Move::Down));
        // On an unrated item the arrows show a value; Enter picks it.
        rate(&mut r, &mut v, Intent::Move(Move::Right));
        rate(&mut r, &mut v, Intent::Move(Move::Right));
        assert_eq!(r.proposed, Some((1, 6)));
        assert_eq!(ratings_of(v.as_ref()).map(|m| m.len()), Some(1));
        rate(&mut r, &mut v, Intent::Move(Move::Select));
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

//! A ratings answer's value: each rated item's value by the item's text, and the
//! items marked "didn't apply".

use std::collections::{BTreeMap, BTreeSet};

use crate::content::{Kind, RatingsView};

/// A ratings answer's values by item text and its items marked "didn't apply".
pub type Rated<'a> = (&'a BTreeMap<String, i64>, &'a BTreeSet<String>);

/// True when no item is rated or marked "didn't apply".
pub fn is_empty(ratings: &BTreeMap<String, i64>, na: &BTreeSet<String>) -> bool {
    ratings.is_empty() && na.is_empty()
}

/// True when every item of the exercise is answered (see [`all_answered`]).
pub fn done(rated: Rated<'_>, kind: &Kind) -> bool {
    kind.as_ratings()
        .is_some_and(|r| all_answered(rated, r.items.iter().map(String::as_str), &r))
}

/// True when each of `items` has a value on `r`'s scale or was marked "didn't apply";
/// with no items at all, when the exercise takes the person's own (`add_items`) and
/// one of those is answered.
pub fn all_answered<'i>(rated: Rated<'_>, items: impl Iterator<Item = &'i str>, r: &RatingsView<'_>) -> bool {
    let (ratings, na) = rated;
    let mut items = items.peekable();
    if items.peek().is_none() {
        r.add_items && (ratings.values().any(|v| (r.min..=r.max).contains(v)) || !na.is_empty())
    } else {
        items.all(|i| item_answered(rated, i, (r.min, r.max)))
    }
}

/// True when `item` has a value on the scale `min..=max`, or was marked "didn't apply"
/// (`na_label`): either way it is answered.
fn item_answered((ratings, na): Rated<'_>, item: &str, (min, max): (i64, i64)) -> bool {
    ratings.get(item).is_some_and(|v| (min..=max).contains(v)) || na.contains(item)
}

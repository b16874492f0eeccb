//! A list answer's value: short items in the person's order (their ids are in
//! [`super::super::items`]).

use crate::content::Kind;

/// True when every item is blank.
pub fn is_empty(items: &[String]) -> bool {
    items.iter().all(|i| i.trim().is_empty())
}

/// True when the list holds at least as many items as the exercise asks (one unless
/// it sets `min`); blank items do not count.
pub fn done(items: &[String], kind: &Kind) -> bool {
    kind.as_list().is_some_and(|list| {
        let n = items.iter().filter(|i| !i.trim().is_empty()).count();
        n >= list.min.unwrap_or(1) as usize
    })
}

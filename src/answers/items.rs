//! Stable ids of list items (answers schema 3). An id stays with its item when the item
//! is reworded or moved, so the ratings of a list (`items_from`) follow it: trends,
//! compare and exports read a past week in today's wording, with the wording it was
//! rated under beside it ("(was: …)"), and a deleted item keeps its past ratings under
//! the wording it had.
//!
//! New ids are derived from what `update` is given (the exercise, the time, the place in
//! the list), never drawn at random. Items read without ids (a schema 2 file, a share or
//! export of an earlier release) get ids derived from their text, so the same text
//! always gets the same id, and a rating stored by text alone finds its item.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use sha2::{Digest, Sha256};

use super::{Answers, Value};
use crate::content::{Kind, RatingsView, Workbook};

/// Bytes of the hash kept in an id (shown as twice as many hex digits): 48 bits, so two
/// ids of one list meet by chance about once in ten million lists of 10,000 items.
const ID_BYTES: usize = 6;

/// The most list items a ratings answer records as the version it rated. A longer list
/// (only a partner's file within the limits could hold one) records only the items
/// answered, and its entries read against the list as it is now: recording 10,000 items
/// in every week would fill the file, and the undo history, with copies.
pub const VERSION_CAP: usize = 200;

fn hashed(parts: &[&[u8]]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        // Each part with its length, so no two sequences of parts hash alike.
        h.update((p.len() as u64).to_le_bytes());
        h.update(p);
    }
    h.finalize()
        .iter()
        .take(ID_BYTES)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The id an item read without one gets from its text: the `occurrence`-th item (from 0)
/// with this text (trimmed) in its list. The same text always gets the same id, so both
/// partners' copies of a list of an earlier release agree.
pub fn from_text(text: &str, occurrence: usize) -> String {
    hashed(&[
        b"text",
        text.trim().as_bytes(),
        &(occurrence as u64).to_le_bytes(),
    ])
}

/// Ids from the items' texts, the n-th repeat of a text told apart by `n`.
fn ids_from_text(items: &[String]) -> Vec<String> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    items
        .iter()
        .map(|i| {
            let n = seen.entry(i.trim()).or_insert(0);
            let id = from_text(i, *n);
            *n += 1;
            id
        })
        .collect()
}

/// Gives every item of a list value an id where it has none (an empty id: an item just
/// added). An item typed in place of one that was there only while it was being typed
/// keeps that one's id (`old` of the same length, whose id at that place the new value no
/// longer has); any other new item gets an id derived from `seed` (the exercise),
/// `changed` (the time passed to `update`), its place and the ids before, never one the
/// list holds or held just before. A value with no ids at all (or a number that does not
/// match its items, by a hand edit) takes them from the items' texts.
pub(super) fn fill(value: &mut Value, old: Option<&Value>, seed: &str, changed: &str) {
    let Some((items, ids)) = value.as_list_mut() else {
        return;
    };
    if ids.len() != items.len() {
        *ids = ids_from_text(items);
        return;
    }
    if ids.iter().all(|i| !i.is_empty()) {
        return;
    }
    let old_ids = old.and_then(Value::as_list).map_or(&[][..], |(_, ids)| ids);
    let kept: HashSet<String> = ids.iter().filter(|i| !i.is_empty()).cloned().collect();
    let mut taken: HashSet<String> = kept.iter().chain(old_ids).cloned().collect();
    let before = hashed(&old_ids.iter().map(String::as_bytes).collect::<Vec<_>>());
    for (k, id) in ids.iter_mut().enumerate().filter(|(_, id)| id.is_empty()) {
        let in_place = old_ids
            .get(k)
            .filter(|o| old_ids.len() == items.len() && !o.is_empty() && !kept.contains(*o));
        if let Some(o) = in_place {
            *id = o.clone();
            continue;
        }
        let at = (k as u64).to_le_bytes();
        for salt in 0u32.. {
            let parts: [&[u8]; 6] = [
                b"new",
                seed.as_bytes(),
                changed.as_bytes(),
                &at,
                before.as_bytes(),
                &salt.to_le_bytes(),
            ];
            let made = hashed(&parts);
            if taken.insert(made.clone()) {
                *id = made;
                break;
            }
        }
    }
}

/// The items of a list as it is now, by id, to follow ratings through rewording.
pub struct ItemIndex<'a> {
    /// Id -> the item's wording now (trimmed); the first item with an id, if two share it.
    by_id: HashMap<&'a str, &'a str>,
    /// The wordings now (trimmed).
    texts: HashSet<&'a str>,
}

impl<'a> ItemIndex<'a> {
    /// The index of a list answer; `None` for any other value.
    pub fn of(value: Option<&'a Value>) -> Option<ItemIndex<'a>> {
        let (items, ids) = value?.as_list()?;
        let mut by_id = HashMap::with_capacity(items.len());
        let mut texts = HashSet::with_capacity(items.len());
        for (item, id) in items.iter().zip(ids) {
            let text = item.trim();
            if !text.is_empty() {
                by_id.entry(id.as_str()).or_insert(text);
                texts.insert(text);
            }
        }
        Some(ItemIndex { by_id, texts })
    }

    /// The wording now of the item that `key` (a wording it was answered under, with the
    /// id recorded for it, if any) stands for, when the list still has it under another
    /// wording. A key recorded without an id is taken as its text: as it is when the list
    /// has that text, else by the id that text was given when ids came in.
    fn now_worded(&self, key: &str, id: Option<&String>) -> Option<&'a str> {
        let id: Cow<'_, str> = match id {
            Some(id) => Cow::Borrowed(id.as_str()),
            None if self.texts.contains(key.trim()) => return None,
            None => Cow::Owned(from_text(key, 0)),
        };
        self.by_id.get(id.as_ref()).copied().filter(|now| *now != key)
    }
}

/// A ratings value with every item the list still has under another wording put under
/// its wording now, the wording it was answered under kept in `was`; `None` when nothing
/// moves. An item whose wording now is already answered under that wording stays where it
/// is, as does an item the list no longer has (a deleted one, under the wording it had).
pub fn in_current_words(value: &Value, index: &ItemIndex<'_>) -> Option<Value> {
    let Value::Ratings {
        ratings,
        na,
        ids,
        was,
    } = value
    else {
        return None;
    };
    let answered = |k: &str| ratings.contains_key(k) || na.contains(k);
    let mut moves: HashMap<&str, &str> = HashMap::new();
    let mut targets: HashSet<&str> = HashSet::new();
    for key in ratings.keys().chain(na).chain(ids.keys()) {
        if moves.contains_key(key.as_str()) {
            continue;
        }
        if let Some(now) = index.now_worded(key, ids.get(key))
            && !answered(now)
            && !ids.contains_key(now)
            && targets.insert(now)
        {
            moves.insert(key, now);
        }
    }
    if moves.is_empty() {
        return None;
    }
    let moved = |k: &String| moves.get(k.as_str()).map_or_else(|| k.clone(), |n| n.to_string());
    let mut out_was: BTreeMap<String, String> = was.clone();
    for (from, to) in &moves {
        let first = was.get(*from).cloned().unwrap_or_else(|| from.to_string());
        out_was.insert(to.to_string(), first);
    }
    Some(Value::Ratings {
        ratings: ratings.iter().map(|(k, v)| (moved(k), *v)).collect(),
        na: na.iter().map(moved).collect(),
        ids: ids.iter().map(|(k, id)| (moved(k), id.clone())).collect(),
        was: out_was,
    })
}

impl Value {
    /// A list value with these items, their ids taken from their texts (as a list read
    /// from a file without ids gets them).
    pub fn list(items: Vec<String>) -> Value {
        Value::List {
            ids: ids_from_text(&items),
            items,
        }
    }

    /// A ratings value with these values and items marked "didn't apply"; the version of
    /// a list it rated is recorded when it is stored ([`Answers::with_version`]).
    pub fn ratings(ratings: BTreeMap<String, i64>, na: std::collections::BTreeSet<String>) -> Value {
        Value::Ratings {
            na,
            ratings,
            ids: BTreeMap::new(),
            was: BTreeMap::new(),
        }
    }

    /// True when both say the same: ids given to items, and the wordings an answer is
    /// shown under, are left out (a share of an earlier release has none).
    pub fn same_words(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::List { items: a, .. }, Value::List { items: b, .. }) => a == b,
            (
                Value::Ratings {
                    ratings: a, na: an, ..
                },
                Value::Ratings {
                    ratings: b, na: bn, ..
                },
            ) => a == b && an == bn,
            (a, b) => a == b,
        }
    }

    fn as_list_mut(&mut self) -> Option<(&[String], &mut Vec<String>)> {
        match self {
            Value::List { items, ids } => Some((items, ids)),
            _ => None,
        }
    }
}

impl Answers {
    /// Gives the items of every list answer that has none their ids from their texts
    /// (a file of schema 2, or of schema 3 before ids): run on whatever was read.
    pub fn give_ids(&mut self) {
        let once = self.single.values_mut().flat_map(|c| c.values_mut());
        let entries = self
            .entries
            .values_mut()
            .flatten()
            .flat_map(|e| e.answers.values_mut());
        for a in once.chain(entries) {
            if let Some((items, ids)) = a.value.as_list_mut()
                && ids.len() != items.len()
            {
                *ids = ids_from_text(items);
            }
        }
    }

    /// These answers as read today: every ratings answer with its items under the
    /// wording the list they come from (`items_from`) has now ([`in_current_words`]).
    /// Borrowed when nothing moves; what is stored is never changed by it.
    pub fn in_current_words(&self, wb: &Workbook) -> Cow<'_, Answers> {
        let mut out: Option<Answers> = None;
        for ch in &wb.chapters {
            for ex in &ch.exercises {
                let Some(from) = ex.kind.as_ratings().and_then(|r| r.items_from) else {
                    continue;
                };
                // A list in the same repeated part is each entry's own.
                let per_entry = from.chapter == ch.id && ch.is_repeated(&from.exercise);
                let shared = (!per_entry)
                    .then(|| ItemIndex::of(self.get(&from.chapter, &from.exercise).map(|a| &a.value)))
                    .flatten();
                let once = self.single.get(&ch.id).and_then(|c| c.get(&ex.id));
                if let Some(v) = once
                    .zip(shared.as_ref())
                    .and_then(|(a, i)| in_current_words(&a.value, i))
                {
                    let o = out.get_or_insert_with(|| self.clone());
                    if let Some(a) = o.single.get_mut(&ch.id).and_then(|c| c.get_mut(&ex.id)) {
                        a.value = v;
                    }
                }
                for (n, e) in self.entries.get(&ch.id).into_iter().flatten().enumerate() {
                    let Some(a) = e.answers.get(&ex.id) else {
                        continue;
                    };
                    let own = per_entry
                        .then(|| ItemIndex::of(e.answers.get(&from.exercise).map(|a| &a.value)))
                        .flatten();
                    let Some(v) = own
                        .as_ref()
                        .or(shared.as_ref())
                        .and_then(|i| in_current_words(&a.value, i))
                    else {
                        continue;
                    };
                    let o = out.get_or_insert_with(|| self.clone());
                    if let Some(a) = o
                        .entries
                        .get_mut(&ch.id)
                        .and_then(|l| l.get_mut(n))
                        .and_then(|e| e.answers.get_mut(&ex.id))
                    {
                        a.value = v;
                    }
                }
            }
        }
        out.map_or(Cow::Borrowed(self), Cow::Owned)
    }

    /// `value` (a ratings answer to `kind`, made against the list in effect now) with the
    /// version of that list it rated: each item of the list as worded now -> its id. An
    /// item answered that the list no longer has keeps the id `stored` recorded for it. A
    /// list longer than [`VERSION_CAP`] records only the items answered. Any other value
    /// or kind is returned as it is.
    pub fn with_version(&self, kind: &Kind, mut value: Value, stored: Option<&Value>) -> Value {
        let Some(RatingsView {
            items,
            items_from: Some(from),
            ..
        }) = kind.as_ratings()
        else {
            return value;
        };
        let Value::Ratings {
            ratings,
            na,
            ids,
            was,
        } = &mut value
        else {
            return value;
        };
        was.clear();
        let list = self.get(&from.chapter, &from.exercise).map(|a| &a.value);
        let (listed, listed_ids) = list.and_then(Value::as_list).unwrap_or((&[], &[]));
        let fixed: HashSet<&str> = items.iter().map(String::as_str).collect();
        let whole = listed.len() <= VERSION_CAP;
        let mut version = BTreeMap::new();
        for (item, id) in listed.iter().zip(listed_ids) {
            let text = item.trim();
            let wanted = whole || ratings.contains_key(text) || na.contains(text);
            if !text.is_empty() && !fixed.contains(text) && wanted && !version.contains_key(text) {
                version.insert(text.to_string(), id.clone());
            }
        }
        let before = match stored {
            Some(Value::Ratings { ids, .. }) => Some(ids),
            _ => None,
        };
        for key in ratings.keys().chain(na.iter()) {
            if let Some(id) = before.and_then(|b| b.get(key))
                && !version.contains_key(key)
            {
                version.insert(key.clone(), id.clone());
            }
        }
        *ids = version;
        value
    }
}

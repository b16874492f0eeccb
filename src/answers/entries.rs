//! Answers per entry: which exercises repeat, the entry open for each chapter, and
//! the entries themselves (listed, found, deleted and restored).

use std::collections::HashSet;

use super::{Answer, Answers, value_is_empty};
use crate::content::{Rhythm, Workbook};
use crate::entry::{Entry, Open, Route};

impl Answers {
    /// Learns which exercises of `wb` are answered per entry; no entry is open after.
    ///
    /// An answer given once to an exercise that the workbook now repeats (its author
    /// made it part of a check-in) moves into the entry of the day it was written, so
    /// it is still read, listed and compared.
    pub fn route(&mut self, wb: &Workbook) {
        self.routes = wb
            .chapters
            .iter()
            .filter_map(|c| Some((c.id.clone(), Route::of(c.repeat.as_ref()?))))
            .collect();
        for (chapter, route) in &self.routes {
            if let Some(list) = self.entries.get_mut(chapter) {
                unique_ids(list, route.rhythm);
            }
        }
        for (chapter, route) in &self.routes {
            let Some(once) = self.single.get_mut(chapter) else {
                continue;
            };
            let moved: Vec<(String, Answer)> = route
                .exercises
                .iter()
                .filter_map(|e| Some((e.clone(), once.remove(e)?)))
                .collect();
            if once.is_empty() {
                self.single.remove(chapter);
            }
            for (exercise, answer) in moved {
                let id = crate::entry::id_for(route.rhythm, &answer.changed);
                let list = self.entries.entry(chapter.clone()).or_default();
                let i = match crate::entry::find(list, &id) {
                    Ok(i) => i,
                    Err(i) => {
                        list.insert(i, Entry::new(id, answer.changed.clone()));
                        i
                    }
                };
                // An answer the entry already has is newer: the older one is kept beside it.
                let mut key = exercise.clone();
                let mut n = 1;
                while list[i].answers.contains_key(&key) {
                    key = format!("{exercise}-before-{n}");
                    n += 1;
                }
                list[i].answers.insert(key, answer);
            }
        }
    }

    /// The answers as they stood in one entry of `chapter`: the entry's answers, with
    /// those given once that an answer can depend on, read like answers given once (so
    /// status, `items_from` and `when` see what that entry saw).
    ///
    /// Free texts given once are left out: nothing depends on them, and they can be
    /// large, while this is made for every entry drawn, compared or exported.
    pub fn as_of(&self, chapter: &str, entry: &Entry) -> Answers {
        let depended_on = |a: &Answer| a.value.as_text().is_none();
        let single = self
            .single
            .iter()
            .map(|(c, exs)| {
                let kept = exs.iter().filter(|(_, a)| depended_on(a));
                (c.clone(), kept.map(|(e, a)| (e.clone(), a.clone())).collect())
            })
            .collect();
        let mut out = Answers::from_single(single);
        // The couple's shared lists as in effect here: an entry rates against them.
        out.shared = self.shared.clone();
        // Its ratings are read against the version of the list they recorded.
        out.one_entry = true;
        let once = out.single.entry(chapter.to_string()).or_default();
        once.extend(entry.answers.iter().map(|(k, v)| (k.clone(), v.clone())));
        out
    }

    /// Marks every answer of the entry `id` of `chapter` shared (not private), stamped
    /// `changed`, and nothing else; returns what each changed answer was, for
    /// [`Answers::put_marks_back`]. None when the entry has no private answer.
    pub fn share_entry(&mut self, chapter: &str, id: &str, changed: &str) -> Vec<MarkBefore> {
        let Some(entry) = self.entry_mut(chapter, id) else {
            return Vec::new();
        };
        let mut before = Vec::new();
        for (exercise, a) in entry.answers.iter_mut().filter(|(_, a)| a.private) {
            before.push(MarkBefore {
                exercise: exercise.clone(),
                private: a.private,
                changed: a.changed.clone(),
            });
            a.private = false;
            a.changed = changed.to_string();
        }
        before
    }

    /// Puts back the marks [`Answers::share_entry`] changed; returns how many.
    pub fn put_marks_back(&mut self, chapter: &str, id: &str, before: &[MarkBefore]) -> usize {
        let Some(entry) = self.entry_mut(chapter, id) else {
            return 0;
        };
        let mut n = 0;
        for b in before {
            if let Some(a) = entry.answers.get_mut(&b.exercise) {
                a.private = b.private;
                a.changed.clone_from(&b.changed);
                n += 1;
            }
        }
        n
    }

    fn entry_mut(&mut self, chapter: &str, id: &str) -> Option<&mut Entry> {
        let list = self.entries.get_mut(chapter)?;
        let i = crate::entry::find(list, id).ok()?;
        list.get_mut(i)
    }

    /// [`Answers::as_of`] for many entries of `chapter` in turn ([`AsOf::at`]), with the
    /// answers given once copied only once: a list of 10,000 items copied for each of
    /// 1,000 weeks compared took seconds.
    pub fn as_of_each(&self, chapter: &str) -> AsOf {
        AsOf {
            base: self.as_of(chapter, &Entry::new(String::new(), String::new())),
            chapter: chapter.to_string(),
            replaced: Vec::new(),
        }
    }

    /// The repeated part of `chapter`, if it has one (after [`Answers::route`]).
    pub fn route_of(&self, chapter: &str) -> Option<&Route> {
        self.routes.get(chapter)
    }

    /// Opens an entry of `chapter` for reading and writing its repeated exercises; it is
    /// made by the first answer when it does not exist yet.
    pub fn open_entry(&mut self, chapter: &str, open: Open) {
        if let Some(r) = self.routes.get_mut(chapter) {
            r.open = Some(open);
        }
    }

    /// Closes the open entry of `chapter`, if any. A new entry left holding nothing but
    /// empty answers (the marks an exercise that starts private puts there on a visit)
    /// goes with it, so a visit alone leaves no entry behind.
    pub fn close_entry(&mut self, chapter: &str) {
        let Some(open) = self.routes.get_mut(chapter).and_then(|r| r.open.take()) else {
            return;
        };
        let Some(list) = self.entries.get_mut(chapter) else {
            return;
        };
        if let Ok(i) = crate::entry::find(list, &open.id)
            && !open.old
            && list[i].is_live()
            && list[i]
                .answers
                .values()
                .all(|a| !a.skipped && value_is_empty(&a.value))
        {
            list.remove(i);
            if list.is_empty() {
                self.entries.remove(chapter);
            }
        }
    }

    /// The entries of `chapter` that are not deleted, oldest first.
    pub fn live_entries<'a>(&'a self, chapter: &str) -> impl Iterator<Item = &'a Entry> + 'a {
        self.entries
            .get(chapter)
            .into_iter()
            .flatten()
            .filter(|e| e.is_live())
    }

    /// One entry of `chapter` by id, deleted or not.
    pub fn entry(&self, chapter: &str, id: &str) -> Option<&Entry> {
        let list = self.entries.get(chapter)?;
        list.get(crate::entry::find(list, id).ok()?)
    }

    /// Marks an entry deleted (`when`) or, with `None`, restores it; false when there is
    /// no such entry. A deleted entry stays in the file until it is restored.
    pub fn set_deleted(&mut self, chapter: &str, id: &str, when: Option<String>) -> bool {
        let Some(list) = self.entries.get_mut(chapter) else {
            return false;
        };
        let Ok(i) = crate::entry::find(list, id) else {
            return false;
        };
        list[i].deleted = when;
        true
    }
}

/// The answers as one entry after another saw them (see [`Answers::as_of_each`]).
pub struct AsOf {
    /// The answers given once, as [`Answers::as_of`] keeps them, plus the entry now in.
    base: Answers,
    /// The chapter whose entries are put in.
    chapter: String,
    /// What the entry now in replaced: each key with the answer given once it hid.
    replaced: Vec<(String, Option<Answer>)>,
}

impl AsOf {
    /// The answers as `entry` saw them, like [`Answers::as_of`]; `None`: as an entry
    /// with no answers saw them.
    pub fn at(&mut self, entry: Option<&Entry>) -> &Answers {
        let once = self.base.single.entry(self.chapter.clone()).or_default();
        // The previous entry's answers out, what they hid back.
        for (key, hidden) in self.replaced.drain(..).rev() {
            match hidden {
                Some(a) => once.insert(key, a),
                None => once.remove(&key),
            };
        }
        for (key, a) in entry.into_iter().flat_map(|e| &e.answers) {
            let hidden = once.insert(key.clone(), a.clone());
            self.replaced.push((key.clone(), hidden));
        }
        &self.base
    }
}

/// Gives every entry of `list` its own id, kept sorted. A tampered or hand-merged file
/// can hold two entries with one id; every lookup is by id, so one of them was never
/// shown. A record (`entries`) moves to the next free second after its time, so both
/// are listed; two entries of one week are one week's check-in, so the later ones are
/// folded into the first: an answer only one of them has is kept, and of two answers to
/// one exercise the newer is read and the older kept beside it (`<id>-before-<n>`), as
/// when an answer moves into an entry. Nothing is lost from the file.
fn unique_ids(list: &mut Vec<Entry>, rhythm: Rhythm) {
    // Stable: equal ids stay in file order.
    list.sort_by(|a, b| a.id.cmp(&b.id));
    if !list.windows(2).any(|w| w[0].id == w[1].id) {
        return;
    }
    let taken = std::mem::take(list);
    match rhythm {
        Rhythm::Entries => {
            let mut ids: HashSet<String> = taken.iter().map(|e| e.id.clone()).collect();
            let mut seen: HashSet<String> = HashSet::new();
            for mut e in taken {
                if !seen.insert(e.id.clone()) {
                    e.id = free_id(&e.id, &ids);
                    ids.insert(e.id.clone());
                }
                list.push(e);
            }
            list.sort_by(|a, b| a.id.cmp(&b.id));
        }
        Rhythm::Weekly => {
            for e in taken {
                match list.last_mut() {
                    Some(first) if first.id == e.id => fold_into(first, e),
                    Some(_) | None => list.push(e),
                }
            }
        }
    }
}

/// An id for a second record started at `id`: the next second not taken, or, for an id
/// that is no time (a tampered file), `id` with a number after it.
fn free_id(id: &str, taken: &HashSet<String>) -> String {
    let mut n: u64 = 1;
    loop {
        let next = match super::parse_utc(id) {
            Some(secs) => super::format_utc(secs.saturating_add(n)),
            None => format!("{id} ({})", n + 1),
        };
        if !taken.contains(&next) {
            return next;
        }
        n += 1;
    }
}

/// Folds entry `e` into `first`, an entry of the same week (see [`unique_ids`]).
fn fold_into(first: &mut Entry, e: Entry) {
    // Shown if either was: a deletion of one copy is no deletion of the week.
    if e.deleted.is_none() {
        first.deleted = None;
    }
    if e.started < first.started {
        first.started = e.started;
    }
    first.edited = first.edited.take().max(e.edited);
    for (exercise, answer) in e.answers {
        let (newer, older) = match first.answers.remove(&exercise) {
            None => (answer, None),
            Some(had) if had.changed >= answer.changed => (had, Some(answer)),
            Some(had) => (answer, Some(had)),
        };
        if let Some(older) = older {
            let mut key = format!("{exercise}-before-1");
            let mut n = 1;
            while first.answers.contains_key(&key) {
                n += 1;
                key = format!("{exercise}-before-{n}");
            }
            first.answers.insert(key, older);
        }
        first.answers.insert(exercise, newer);
    }
}

/// One answer's mark as it was before an entry was shared whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkBefore {
    /// The exercise.
    pub exercise: String,
    /// Its private mark.
    pub private: bool,
    /// When it last changed.
    pub changed: String,
}

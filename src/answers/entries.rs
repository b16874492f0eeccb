//! Answers per entry: which exercises repeat, the entry open for each chapter, and
//! the entries themselves (listed, found, deleted and restored).

use super::{Answer, Answers, Value, value_is_empty};
use crate::content::Workbook;
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
        let depended_on = |a: &Answer| !matches!(a.value, Value::Text { .. });
        let single = self
            .single
            .iter()
            .map(|(c, exs)| {
                let kept = exs.iter().filter(|(_, a)| depended_on(a));
                (c.clone(), kept.map(|(e, a)| (e.clone(), a.clone())).collect())
            })
            .collect();
        let mut out = Answers::from_single(single);
        let once = out.single.entry(chapter.to_string()).or_default();
        once.extend(entry.answers.iter().map(|(k, v)| (k.clone(), v.clone())));
        out
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

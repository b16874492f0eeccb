//! The answers a person has given, keyed by chapter id and exercise id, and
//! the progress computed from them.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::content::{Chapter, Exercise, Kind, Workbook};
use crate::entry::{Entry, Open, Route};

mod clock;
mod entries;
pub mod items;
mod shared;
pub mod value;

pub use entries::{AsOf, MarkBefore};
pub use shared::believable;
pub use value::{Value, ValueKind, empty_value, value_is_empty};

pub use clock::{CLOCK_ENV, LAST_SECOND, Timestamp, clock_problem, format_utc, now_utc, parse_utc};

/// One answer with its bookkeeping.
///
/// Unknown fields are refused by [`Value`], which receives every field but
/// these two: serde cannot combine `deny_unknown_fields` with `flatten` here
/// (it would refuse `kind` itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    /// When it last changed, as RFC 3339 UTC (`2026-11-26T10:04:00Z`).
    pub changed: String,
    /// Hidden from partners and exports unless asked for.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub private: bool,
    /// Marked as not applying (format 2): counts as done, shares nothing. What was
    /// written before is kept, so un-skipping brings it back.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub skipped: bool,
    /// The answer itself.
    #[serde(flatten)]
    pub value: Value,
}

/// How far an exercise has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Nothing written or picked yet.
    NotStarted,
    /// Begun but short of what the exercise asks (e.g. fewer list items than its minimum).
    Started,
    /// Answered.
    Done,
}

/// All answers of one profile: those given once (chapter id -> exercise id -> answer)
/// and the dated entries of each chapter's repeated part.
///
/// Answers for exercises the workbook no longer has are kept as they are. An exercise of
/// a repeated part is read and written in the entry open for its chapter
/// ([`Answers::open_entry`]); with none open, it reads as in the latest entry.
#[derive(Debug, Clone, Default, Eq)]
pub struct Answers {
    /// Answers given once: chapter id -> exercise id -> answer.
    pub single: BTreeMap<String, BTreeMap<String, Answer>>,
    /// Chapter id -> the entries of its repeated part, sorted by id (oldest first).
    pub entries: BTreeMap<String, Vec<Entry>>,
    /// The day this person last set the couple's weeks to start on, if ever.
    pub week: Option<crate::week::WeekSetting>,
    /// A partner's setting of the week's first day (read from their share); not saved.
    partner_week: Option<crate::week::WeekSetting>,
    /// Chapter id -> where its repeated exercises are answered now; not saved.
    routes: BTreeMap<String, Route>,
    /// Chapter id -> exercise id -> (partner, their answer): a shared list a partner
    /// changed after this person did, which is the version in effect; not saved.
    shared: BTreeMap<String, BTreeMap<String, shared::Taken>>,
    /// Made by [`Answers::as_of`]: one entry's answers read as if given once; its
    /// ratings are read against the list version they recorded. Not saved.
    one_entry: bool,
}

/// Equal when the stored answers are; which entry is open does not count.
impl PartialEq for Answers {
    fn eq(&self, other: &Answers) -> bool {
        self.single == other.single && self.entries == other.entries && self.week == other.week
    }
}

/// Where one exercise's answer lives.
enum Target {
    /// Answered once.
    Single,
    /// Per entry; the index of the entry to read, if there is one.
    Entry(Option<usize>),
}

impl Answers {
    /// Answers given once, with no entries.
    pub fn from_single(single: BTreeMap<String, BTreeMap<String, Answer>>) -> Answers {
        Answers {
            single,
            ..Answers::default()
        }
    }

    /// The day the couple's weeks start on at `now`: the later of this person's setting
    /// and their partner's (see [`crate::week::WeekSetting::in_effect`]); Monday unset.
    pub fn week_start(&self, now: Timestamp) -> crate::week::WeekStart {
        crate::week::WeekSetting::in_effect(self.week.as_ref(), self.partner_week.as_ref(), now)
            .map(|s| s.starts)
            .unwrap_or_default()
    }

    /// Sets the day the couple's weeks start on, as of `changed`.
    pub fn set_week_start(&mut self, starts: crate::week::WeekStart, changed: String) {
        self.week = Some(crate::week::WeekSetting { starts, changed });
    }

    /// Takes a partner's setting of the week's first day from their shared answers
    /// (read, never written: this file keeps its own setting).
    pub fn take_week(&mut self, theirs: &Answers) {
        if let Some(w) = &theirs.week {
            let later = self.partner_week.as_ref().is_none_or(|p| w.changed > p.changed);
            if later {
                self.partner_week = Some(w.clone());
            }
        }
    }

    fn target(&self, chapter: &str, exercise: &str) -> Target {
        let Some(route) = self.routes.get(chapter).filter(|r| r.covers(exercise)) else {
            return Target::Single;
        };
        let list = self.entries.get(chapter).map_or(&[][..], Vec::as_slice);
        Target::Entry(match &route.open {
            Some(open) => crate::entry::find(list, &open.id).ok(),
            None => list.iter().rposition(Entry::is_live),
        })
    }

    /// The answers map that exercise `exercise` of `chapter` is written to, made when
    /// missing; a repeated exercise with no entry open opens the entry `changed` falls in.
    fn slot_mut(&mut self, chapter: &str, exercise: &str, changed: &str) -> &mut BTreeMap<String, Answer> {
        let Some(route) = self.routes.get_mut(chapter).filter(|r| r.covers(exercise)) else {
            return self.single.entry(chapter.to_string()).or_default();
        };
        let open = route.open.get_or_insert_with(|| Open {
            id: crate::entry::id_for(route.rhythm, changed),
            started: changed.to_string(),
            old: false,
        });
        let list = self.entries.entry(chapter.to_string()).or_default();
        let i = match crate::entry::find(list, &open.id) {
            Ok(i) => i,
            Err(i) => {
                list.insert(i, Entry::new(open.id.clone(), open.started.clone()));
                i
            }
        };
        if open.old {
            list[i].edited = Some(changed.to_string());
        }
        &mut list[i].answers
    }

    /// The answer to one exercise, if any.
    pub fn get(&self, chapter: &str, exercise: &str) -> Option<&Answer> {
        match self.target(chapter, exercise) {
            Target::Single if !self.shared.is_empty() => match self.shared_from(chapter, exercise) {
                Some((_, theirs)) => Some(theirs),
                None => self.single.get(chapter)?.get(exercise),
            },
            Target::Single => self.single.get(chapter)?.get(exercise),
            Target::Entry(i) => self.entries.get(chapter)?.get(i?)?.answers.get(exercise),
        }
    }

    /// This person's own answer to one exercise, leaving out a partner's version of a
    /// shared list that may be in effect.
    pub fn own(&self, chapter: &str, exercise: &str) -> Option<&Answer> {
        match self.target(chapter, exercise) {
            Target::Single => self.single.get(chapter)?.get(exercise),
            Target::Entry(i) => self.entries.get(chapter)?.get(i?)?.answers.get(exercise),
        }
    }

    /// Clears one answer's value, keeping its marks: an answer marked private or skipped
    /// keeps an empty value to carry the mark (so a value given later is private too);
    /// an unmarked one is removed.
    pub fn clear(&mut self, chapter: &str, ex: &Exercise, changed: String) {
        let Some(own) = self.get_mut(chapter, &ex.id) else {
            return;
        };
        if own.skipped {
            // What was written before a skip is kept, as `set` keeps it.
            return;
        }
        if own.private {
            own.value = empty_value(&ex.kind).unwrap_or(Value::Empty {});
            own.changed = changed;
            return;
        }
        self.remove(chapter, &ex.id);
    }

    fn get_mut(&mut self, chapter: &str, exercise: &str) -> Option<&mut Answer> {
        match self.target(chapter, exercise) {
            Target::Single => self.single.get_mut(chapter)?.get_mut(exercise),
            Target::Entry(i) => self
                .entries
                .get_mut(chapter)?
                .get_mut(i?)?
                .answers
                .get_mut(exercise),
        }
    }

    /// Stores a value, stamping it with `changed`; an empty value removes the answer
    /// unless it is marked private (so the mark is not lost). A new value takes back a
    /// skip: answering means the exercise applies after all.
    ///
    /// The marks (private, skipped) come from this person's own answer, never from a
    /// partner's version of a shared list that is in effect: editing that list must not
    /// copy the partner's "not private" onto it.
    pub fn set(&mut self, chapter: &str, exercise: &str, mut value: Value, changed: String) {
        // A list's new items get their ids here, from the time passed in; the list in
        // effect (a partner's, for a shared list) is the one the edit started from.
        let seed = format!("{chapter}/{exercise}");
        items::fill(
            &mut value,
            self.get(chapter, exercise).map(|a| &a.value),
            &seed,
            &changed,
        );
        let old = self.own(chapter, exercise);
        let private = old.is_some_and(|a| a.private);
        let skipped = old.is_some_and(|a| a.skipped && (a.value == value || value_is_empty(&value)));
        // A shared list emptied on purpose stays, empty and newest: removing it would bring
        // a partner's older version back into effect.
        let shared = self.shared.get(chapter).is_some_and(|c| c.contains_key(exercise));
        if value_is_empty(&value) && !private && !skipped && !shared {
            self.remove(chapter, exercise);
            return;
        }
        let value = match (old, skipped && value_is_empty(&value)) {
            (Some(a), true) => a.value.clone(),
            (Some(_) | None, _) => value,
        };
        let entry = Answer {
            changed: changed.clone(),
            private,
            skipped,
            value,
        };
        self.slot_mut(chapter, exercise, &changed)
            .insert(exercise.to_string(), entry);
    }

    /// Puts `answer` back as it was kept (an undo), marks and all.
    pub fn put(&mut self, chapter: &str, exercise: &str, answer: Answer) {
        let changed = answer.changed.clone();
        self.slot_mut(chapter, exercise, &changed)
            .insert(exercise.to_string(), answer);
    }

    /// Removes one answer. An entry left with no answer goes too, unless it is an old one
    /// opened on purpose (its dates stay).
    pub fn remove(&mut self, chapter: &str, exercise: &str) {
        match self.target(chapter, exercise) {
            Target::Single => {
                if let Some(ch) = self.single.get_mut(chapter) {
                    ch.remove(exercise);
                    if ch.is_empty() {
                        self.single.remove(chapter);
                    }
                }
            }
            Target::Entry(i) => {
                let old = self
                    .routes
                    .get(chapter)
                    .and_then(|r| r.open.as_ref())
                    .is_some_and(|o| o.old);
                let Some(list) = self.entries.get_mut(chapter) else {
                    return;
                };
                let Some(i) = i.filter(|i| *i < list.len()) else {
                    return;
                };
                list[i].answers.remove(exercise);
                if list[i].answers.is_empty() && !old && list[i].is_live() {
                    list.remove(i);
                }
                if list.is_empty() {
                    self.entries.remove(chapter);
                }
            }
        }
    }

    /// Flips the skipped mark of an exercise (format 2); an exercise without an answer
    /// gets an empty one to carry the mark. Returns the new state.
    /// An answer made to carry the mark starts private as `ex` starts, so skipping
    /// never takes away a private mark (answering after a skip stays private).
    pub fn toggle_skipped(&mut self, chapter: &str, ex: &Exercise, changed: String) -> bool {
        self.ensure_entry_with(chapter, ex, &changed, ex.private);
        let Some(entry) = self.get_mut(chapter, &ex.id) else {
            return false;
        };
        entry.skipped = !entry.skipped;
        entry.changed = changed;
        let now = entry.skipped;
        if !now && !entry.private && value_is_empty(&entry.value) {
            self.remove(chapter, &ex.id);
        }
        now
    }

    /// Makes sure the exercise has an entry to carry marks, private as `ex` starts
    /// (format 2 `private = true`); an existing answer is left as it is.
    pub fn ensure_entry(&mut self, chapter: &str, ex: &Exercise, changed: String) {
        self.ensure_entry_with(chapter, ex, &changed, ex.private);
    }

    fn ensure_entry_with(&mut self, chapter: &str, ex: &Exercise, changed: &str, private: bool) {
        if self.own(chapter, &ex.id).is_some() {
            return;
        }
        let answer = Answer {
            changed: changed.to_string(),
            private,
            skipped: false,
            value: empty_value(&ex.kind).unwrap_or(Value::Empty {}),
        };
        self.slot_mut(chapter, &ex.id, changed)
            .insert(ex.id.clone(), answer);
    }

    /// Flips the private mark of an answer; an exercise without an answer gets an empty
    /// one so the mark sticks. Returns the new state, or `None` for an unanswered
    /// scale, which has no empty value to carry the mark.
    pub fn toggle_private(&mut self, chapter: &str, ex: &Exercise, changed: String) -> Option<bool> {
        if self.own(chapter, &ex.id).is_none() {
            let value = empty_value(&ex.kind)?;
            let entry = Answer {
                changed: changed.clone(),
                private: false,
                skipped: false,
                value,
            };
            self.slot_mut(chapter, &ex.id, &changed)
                .insert(ex.id.clone(), entry);
        }
        let entry = self.get_mut(chapter, &ex.id)?;
        entry.private = !entry.private;
        let now = entry.private;
        // An exercise that starts private keeps its empty entry when shared, so the
        // choice to share sticks.
        if !now && !entry.skipped && !ex.private && value_is_empty(&entry.value) {
            self.remove(chapter, &ex.id);
        }
        Some(now)
    }

    /// True when `kind` is a ratings exercise whose items come from a list this person
    /// marked private (`items_from`): its ratings name that list's items, so they are
    /// private too, wherever they are shown or shared.
    pub fn private_source(&self, kind: &Kind) -> bool {
        let Some(from) = kind.as_ratings().and_then(|r| r.items_from) else {
            return false;
        };
        self.own(&from.chapter, &from.exercise).is_some_and(|a| a.private)
    }

    /// Every ratings answer whose items come from a private list marked private too
    /// ([`Answers::private_source`]), as exports and shares must see them.
    /// Borrowed as it is when no list is a private source: exports, compare and each
    /// share refresh call this, and most workbooks have none.
    pub fn with_private_sources(&self, wb: &Workbook) -> Cow<'_, Answers> {
        let any = wb
            .chapters
            .iter()
            .flat_map(|ch| &ch.exercises)
            .any(|ex| self.private_source(&ex.kind));
        if !any {
            return Cow::Borrowed(self);
        }
        let mut out = self.clone();
        for ch in &wb.chapters {
            for ex in ch.exercises.iter().filter(|ex| self.private_source(&ex.kind)) {
                let entries = out.entries.get_mut(&ch.id).into_iter().flatten();
                let answers = out
                    .single
                    .get_mut(&ch.id)
                    .into_iter()
                    .chain(entries.map(|e| &mut e.answers));
                for a in answers.filter_map(|m| m.get_mut(&ex.id)) {
                    a.private = true;
                }
            }
        }
        Cow::Owned(out)
    }

    /// How far one exercise has got. A skipped exercise is done; so is an optional one
    /// left empty.
    pub fn status(&self, chapter: &str, ex: &Exercise) -> Status {
        if self.not_needed(chapter, ex) {
            return Status::Done;
        }
        let status = match self.get(chapter, &ex.id) {
            None => Status::NotStarted,
            Some(a) if a.skipped => Status::Done,
            Some(a) => match (&a.value, &ex.kind) {
                (
                    Value::Ratings { ratings, na, ids, .. },
                    Kind::Ratings {
                        items_from: Some(_), ..
                    },
                ) if !ratings.is_empty() || !na.is_empty() => {
                    // An entry is read against the version of the list it rated; an
                    // answer given once follows the list as it is.
                    static NONE: BTreeMap<String, String> = BTreeMap::new();
                    let version = match self.target(chapter, &ex.id) {
                        Target::Entry(_) => ids,
                        Target::Single if self.one_entry => ids,
                        Target::Single => &NONE,
                    };
                    self.ratings_status((ratings, na), version, &ex.kind)
                }
                _ => value::value_status(&a.value, &self.resolved_kind(&ex.kind)),
            },
        };
        match status {
            Status::NotStarted if ex.optional => Status::Done,
            Status::NotStarted | Status::Started | Status::Done => status,
        }
    }

    /// The status of `ratings` stored for a ratings exercise with `items_from`, as
    /// [`value::value_status`] of the resolved kind gives it, without building that list: a
    /// partner's list may hold 10,000 items, and this runs for every week compared and
    /// every frame drawn. It stops at the first item not rated; an item listed twice is
    /// checked twice, which changes nothing.
    ///
    /// An answer that recorded the version of the list it rated (`ids`) is read against
    /// that version, so a later change of the list never changes an earlier week's status.
    fn ratings_status(
        &self,
        (ratings, na): value::ratings::Rated<'_>,
        version: &BTreeMap<String, String>,
        kind: &Kind,
    ) -> Status {
        let Some(r) = kind.as_ratings() else {
            return Status::Started;
        };
        let listed = r.items_from.map_or(&[][..], |f| {
            list_items(self.get(&f.chapter, &f.exercise).map(|a| &a.value))
        });
        // A version is whole only for a list within the cap (see `items::VERSION_CAP`).
        let recorded = !version.is_empty() && listed.len() <= items::VERSION_CAP;
        let (now, then) = if recorded {
            (&[][..], Some(version.keys()))
        } else {
            (listed, None)
        };
        let all = r
            .items
            .iter()
            .map(String::as_str)
            .chain(now.iter().map(|i| i.trim()).filter(|i| !i.is_empty()))
            .chain(then.into_iter().flatten().map(String::as_str));
        let done = value::ratings::all_answered((ratings, na), all, &r);
        if done { Status::Done } else { Status::Started }
    }

    /// The kind as this person meets it: a ratings exercise's `items`, then the items
    /// of the list it takes them from (`items_from`) as answered now, each once (answers
    /// are stored by item text). Every other kind is as written.
    pub fn resolved_kind<'k>(&self, kind: &'k Kind) -> Cow<'k, Kind> {
        if kind.as_ratings().is_none_or(|r| r.items_from.is_none()) {
            return Cow::Borrowed(kind);
        }
        let resolved = self.rating_items(kind);
        let mut kind = kind.clone();
        if let Kind::Ratings { items, .. } = &mut kind {
            *items = resolved;
        }
        Cow::Owned(kind)
    }

    /// The items a ratings exercise asks to rate now (see [`Self::resolved_kind`]);
    /// none for any other kind.
    pub fn rating_items(&self, kind: &Kind) -> Vec<String> {
        let Some(r) = kind.as_ratings() else {
            return Vec::new();
        };
        let items = r.items;
        let listed = r.items_from.map_or(&[][..], |f| {
            list_items(self.get(&f.chapter, &f.exercise).map(|a| &a.value))
        });
        let mut all = Vec::with_capacity(items.len() + listed.len());
        all.extend(items.iter().cloned());
        // A set, not a scan of `all`: a partner's list may hold 10,000 items, and this
        // runs on every key press and for every week compared.
        let mut seen: HashSet<&str> = HashSet::with_capacity(all.capacity());
        seen.extend(items.iter().map(String::as_str));
        for item in listed.iter().map(|i| i.trim()).filter(|i| !i.is_empty()) {
            if seen.insert(item) {
                all.push(item.to_string());
            }
        }
        all
    }

    /// How far an exercise has got as its mark shows it: like [`Answers::status`], but an
    /// optional exercise nobody has touched reads as not started (it is counted in
    /// progress only once answered, see [`Answers::chapter_progress`]).
    pub fn shown_status(&self, chapter: &str, ex: &Exercise) -> Status {
        if ex.optional && self.get(chapter, &ex.id).is_none() && !self.not_needed(chapter, ex) {
            return Status::NotStarted;
        }
        self.status(chapter, ex)
    }

    /// True when the exercise's `when` (format 2) is decided and does not hold: it is
    /// not offered and counts as done. Undecided (the deciding exercise is unanswered or
    /// skipped) means offered.
    pub fn not_needed(&self, chapter: &str, ex: &Exercise) -> bool {
        let Some(w) = &ex.when else {
            return false;
        };
        let Some(a) = self.get(chapter, &w.exercise).filter(|a| !a.skipped) else {
            return false;
        };
        let holds = if let Some(value) = a.value.as_scale() {
            w.is.is_empty()
                && w.at_least.is_none_or(|lo| value >= lo)
                && w.at_most.is_none_or(|hi| value <= hi)
        } else if let Some((option, other)) = a.value.as_choice() {
            if option.is_none() && other.is_none() {
                return false;
            }
            option.is_some_and(|o| w.is.iter().any(|i| i.as_str() == o))
        } else {
            return false;
        };
        !holds
    }

    /// True when the exercise is marked skipped.
    pub fn is_skipped(&self, chapter: &str, exercise: &str) -> bool {
        self.get(chapter, exercise).is_some_and(|a| a.skipped)
    }

    /// (done, total) for a chapter, its closing reflection included and its pages not.
    ///
    /// An optional exercise counts only once it has an answer: untouched, it neither
    /// holds progress back nor makes an empty workbook look begun.
    ///
    /// While a chapter's open entry holds nothing written yet (a check-in just opened),
    /// its repeated part is counted as of its latest written entry, as before it was
    /// opened: opening one alone never takes progress back.
    pub fn chapter_progress(&self, chapter: &Chapter) -> (usize, usize) {
        if let Some(view) = self.before_opening(&chapter.id) {
            return view.chapter_progress(chapter);
        }
        let answered = || {
            chapter
                .exercises
                .iter()
                .filter(|e| e.takes_answer() && !(e.optional && self.get(&chapter.id, &e.id).is_none()))
        };
        let done = answered()
            .filter(|e| self.status(&chapter.id, e) == Status::Done)
            .count();
        (done, answered().count())
    }

    /// The answers as they read with no entry open in `chapter`, when the open entry
    /// holds nothing written yet; `None` otherwise. Only what that chapter's progress
    /// reads is kept: the answers given once and its latest written entry.
    fn before_opening(&self, chapter: &str) -> Option<Answers> {
        let open = self.routes.get(chapter)?.open.as_ref()?;
        let list = self.entries.get(chapter).map_or(&[][..], Vec::as_slice);
        let written = |e: &Entry| e.answers.values().any(|a| a.skipped || !value_is_empty(&a.value));
        if let Ok(i) = crate::entry::find(list, &open.id)
            && written(&list[i])
        {
            return None;
        }
        let latest = list.iter().rev().find(|e| e.is_live() && written(e));
        let mut routes = self.routes.clone();
        if let Some(r) = routes.get_mut(chapter) {
            r.open = None;
        }
        Some(Answers {
            single: self.single.clone(),
            entries: latest
                .map(|e| (chapter.to_string(), vec![e.clone()]))
                .into_iter()
                .collect(),
            week: None,
            partner_week: None,
            routes,
            shared: self.shared.clone(),
            one_entry: self.one_entry,
        })
    }

    /// (done, total) over the whole workbook.
    pub fn progress(&self, wb: &Workbook) -> (usize, usize) {
        wb.chapters
            .iter()
            .map(|c| self.chapter_progress(c))
            .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    }

    /// Keys (chapter id, exercise id) of answers given once whose exercise the workbook
    /// lacks.
    pub fn orphans(&self, wb: &Workbook) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (c, exs) in &self.single {
            for e in exs.keys() {
                if wb.find(c, e).is_none() {
                    out.push((c.clone(), e.clone()));
                }
            }
        }
        out
    }

    /// Number of answers stored, those in entries included.
    pub fn len(&self) -> usize {
        let once: usize = self.single.values().map(BTreeMap::len).sum();
        let entries: usize = self.entries.values().flatten().map(|e| e.answers.len()).sum();
        once + entries
    }

    /// True when nothing is stored.
    pub fn is_empty(&self) -> bool {
        self.single.is_empty() && self.entries.is_empty()
    }
}

/// The items of a list answer; none for any other value.
pub fn list_items(value: Option<&Value>) -> &[String] {
    value.and_then(Value::as_list).map_or(&[], |(items, _)| items)
}

/// A place to resume at, by ids so it survives content edits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// Chapter id.
    pub chapter: String,
    /// Exercise id; absent for the chapter introduction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exercise: Option<String>,
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_value_kind_is_found_by_its_tag() {
        let all = [
            super::ValueKind::Text,
            super::ValueKind::List,
            super::ValueKind::Choice,
            super::ValueKind::Checklist,
            super::ValueKind::Scale,
            super::ValueKind::Ratings,
            super::ValueKind::Date,
            super::ValueKind::Empty,
        ];
        for k in all {
            assert_eq!(super::ValueKind::from_tag(k.tag()), Some(k));
        }
        assert_eq!(super::ValueKind::from_tag("rating"), None);
    }

    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn answers_read_back_and_refuse_unknown_fields() {
        let mut a = Answers::default();
        a.set("c", "e", Value::Scale { value: 3 }, "2026-11-26T10:04:00Z".into());
        a.set(
            "c",
            "t",
            Value::Text { text: "hi".into() },
            "2026-11-26T10:04:00Z".into(),
        );
        let json = serde_json::to_string(&a.single).unwrap();
        let back = Answers::from_single(serde_json::from_str(&json).unwrap());
        assert_eq!(back, a);
        let extra = json.replacen("\"value\":3", "\"value\":3,\"colour\":1", 1);
        type Single = BTreeMap<String, BTreeMap<String, Answer>>;
        assert!(serde_json::from_str::<Single>(&extra).is_err(), "{extra}");
    }

    #[test]
    fn rating_items_are_the_workbook_s_then_the_list_s_each_once() {
        let kind = Kind::Ratings {
            items: vec!["Safe".into()],
            items_from: Some(crate::content::ItemsFrom {
                chapter: "c".into(),
                exercise: "l".into(),
            }),
            add_items: false,
            min: 0,
            max: 10,
            min_label: None,
            max_label: None,
            step: 1,
            unit: None,
            na_label: None,
        };
        let mut a = Answers::default();
        assert_eq!(a.rating_items(&kind), ["Safe"]);
        let items = ["Music", " ", "Safe", "Music ", "Tea"].map(String::from).to_vec();
        a.set("c", "l", Value::list(items), "2026-11-26T10:04:00Z".into());
        assert_eq!(a.rating_items(&kind), ["Safe", "Music", "Tea"]);
        let resolved = a.resolved_kind(&kind);
        assert!(matches!(resolved.as_ref(), Kind::Ratings { items, .. } if items.len() == 3));
        assert!(matches!(a.resolved_kind(&Kind::Text), Cow::Borrowed(_)));
    }

    #[test]
    fn each_value_accessor_answers_for_its_own_kind_only() {
        let values = [
            Value::Text { text: "hi".into() },
            Value::list(vec!["a".into()]),
            Value::Choice {
                option: Some("x".into()),
                other: None,
            },
            Value::Checklist {
                ticked: vec!["y".into()],
                other: None,
            },
            Value::Scale { value: 4 },
            Value::ratings(BTreeMap::from([("a".into(), 3)]), BTreeSet::from(["b".into()])),
            Value::Date {
                date: "2026-12-01".into(),
            },
            Value::Empty {},
        ];
        let answering = |v: &Value| {
            [
                v.as_text().is_some(),
                v.as_list().is_some(),
                v.as_choice().is_some(),
                v.as_checklist().is_some(),
                v.as_scale().is_some(),
                v.as_ratings().is_some(),
            ]
            .into_iter()
            .filter(|a| *a)
            .count()
        };
        let counts: Vec<usize> = values.iter().map(answering).collect();
        assert_eq!(counts, [1, 1, 1, 1, 1, 1, 0, 0]);
        assert_eq!(values[0].as_text(), Some("hi"));
        assert_eq!(values[2].as_choice(), Some((Some("x"), None)));
        assert_eq!(values[3].as_checklist(), Some(&["y".to_string()][..]));
        assert_eq!(values[4].as_scale(), Some(4));
        let (ratings, na) = values[5].as_ratings().expect("ratings");
        assert_eq!((ratings.get("a"), na.contains("b")), (Some(&3), true));
    }

    #[test]
    fn formats_dates() {
        assert_eq!(format_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(format_utc(1_795_000_000), "2026-11-18T11:06:40Z");
        assert_eq!(parse_utc("2026-11-18T11:06:40Z"), Some(1_795_000_000));
        assert_eq!(parse_utc("2026-11-18T24:00:00Z"), None);
        assert_eq!(parse_utc("2026-11-18 11:06:40"), None);
    }
}

//! Entries of a repeated part of a chapter (format 2 `[repeat]`): one per calendar
//! week, or one each time the person starts one, each dated and kept.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::answers::{Answer, Value};
use crate::content::{Chapter, Exercise, RatingsView, Repeat, Rhythm, Score};

/// One filling-in of a chapter's repeated part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Stable and sortable by time: the week's Monday (`2026-11-30`) for a weekly
    /// entry, the time it was started (`2026-12-02T10:04:00Z`) otherwise.
    pub id: String,
    /// When it was started, RFC 3339 UTC.
    pub started: String,
    /// When it was last changed after its own time had passed (an old entry edited on
    /// purpose), RFC 3339 UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edited: Option<String>,
    /// When it was deleted: kept in the file, out of sight, until restored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted: Option<String>,
    /// Exercise id -> answer, for the repeated exercises.
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
}

impl Entry {
    /// A new, empty entry.
    pub fn new(id: String, started: String) -> Entry {
        Entry {
            id,
            started,
            edited: None,
            deleted: None,
            answers: BTreeMap::new(),
        }
    }

    /// True unless deleted.
    pub fn is_live(&self) -> bool {
        self.deleted.is_none()
    }

    /// The day the entry is about, days since 1970-01-01: its week's Monday, or the
    /// day it was started.
    pub fn day(&self) -> i64 {
        crate::date::parse(self.id.get(..10).unwrap_or(""))
            .or_else(|| crate::date::parse(&crate::date::day_of(&self.started)))
            .unwrap_or(0)
    }

    /// How the entry is named to people: the week's dates, or the day it was started.
    pub fn label(&self, rhythm: Rhythm) -> String {
        match rhythm {
            Rhythm::Weekly => format!("week of {}", crate::date::week_label(self.day())),
            Rhythm::Entries => {
                // The time of day only when the file holds one (`started` is the file's text).
                let time = self.started.get(11..16).filter(|t| {
                    t.bytes()
                        .enumerate()
                        .all(|(i, b)| if i == 2 { b == b':' } else { b.is_ascii_digit() })
                });
                match time {
                    Some(t) => format!("{} {t} UTC", crate::date::readable(self.day())),
                    None => crate::date::readable(self.day()),
                }
            }
        }
    }
}

/// The id of the entry that `now` (RFC 3339) belongs to: its week's Monday for a weekly
/// part; for entries, `now` itself.
pub fn id_for(rhythm: Rhythm, now: &str) -> String {
    match rhythm {
        Rhythm::Weekly => {
            let day = crate::date::parse(&crate::date::day_of(now)).unwrap_or(0);
            crate::date::civil_from_days(crate::date::monday_of(day))
        }
        Rhythm::Entries => now.to_string(),
    }
}

/// Where a chapter's repeated exercises are answered at the moment (not saved).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// The chapter's rhythm.
    pub rhythm: Rhythm,
    /// The repeated exercise ids.
    pub exercises: Vec<String>,
    /// The entry open for reading and writing, if one is.
    pub open: Option<Open>,
}

/// The entry being filled in or read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Open {
    /// Its id (it may not exist yet: it is made by the first answer).
    pub id: String,
    /// When it was (or is being) started.
    pub started: String,
    /// True for an entry whose time has passed, opened from the history on purpose:
    /// a change to it is dated (`edited`).
    pub old: bool,
}

impl Route {
    /// The route of a chapter's `[repeat]`, with no entry open.
    pub fn of(repeat: &Repeat) -> Route {
        Route {
            rhythm: repeat.rhythm,
            exercises: repeat.exercises.clone(),
            open: None,
        }
    }

    /// True when exercise `id` is answered per entry.
    pub fn covers(&self, id: &str) -> bool {
        self.exercises.iter().any(|e| e == id)
    }
}

/// The index of entry `id` in `entries` (sorted by id), or where it would go.
pub fn find(entries: &[Entry], id: &str) -> Result<usize, usize> {
    entries.binary_search_by(|e| e.id.as_str().cmp(id))
}

/// One line of a trend: a scale, or one rated item, across entries. It holds what it
/// measures, not its values: they are read from the entries shown ([`Series::value_in`]),
/// so a list of 10,000 items over 1,000 weeks costs only the trends in sight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    /// What is measured: the exercise title, or "title: item" for a rating.
    pub name: String,
    /// Shown after each value ("%").
    pub unit: Option<String>,
    /// Lowest value of its scale.
    pub min: i64,
    /// Highest value of its scale.
    pub max: i64,
    /// The exercise it reads.
    pub exercise: String,
    /// The rated item it reads, for a ratings exercise.
    pub item: Option<String>,
    /// For a score, which stores nothing: its value in each entry that has one (by entry
    /// id), worked out once with the trends.
    pub computed: Option<std::collections::BTreeMap<String, i64>>,
}

impl Series {
    /// Its value in `entry`: `None` where not answered (or skipped).
    pub fn value_in(&self, entry: &Entry) -> Option<i64> {
        if let Some(computed) = &self.computed {
            return computed.get(&entry.id).copied();
        }
        let a = entry.answers.get(&self.exercise).filter(|a| !a.skipped)?;
        number(&a.value, self.item.as_deref())
    }
}

/// The number a stored value gives a series or a table column: a scale's value (no
/// `item`), or the rating of `item`; `None` for any other shape (text, lists, choices,
/// dates; a scale with an item or a ratings without one: not this column's shape).
pub fn number(value: &crate::answers::Value, item: Option<&str>) -> Option<i64> {
    match item {
        None => value.as_scale(),
        Some(item) => value.as_ratings()?.0.get(item).copied(),
    }
}

/// The trends of a chapter's repeated part over `entries` (oldest first): one series
/// per scale and per rated item that has a value in one of them, in the order of the
/// exercises (a ratings' items in the order its kind lists them, then any others).
/// Private and skipped answers count as not answered only where the caller filtered
/// them out. Linear in the ratings stored.
pub fn series(chapter: &Chapter, entries: &[&Entry]) -> Vec<Series> {
    let mut out = Vec::new();
    for ex in chapter.exercises.iter().filter(|e| chapter.is_repeated(&e.id)) {
        let values = || {
            entries
                .iter()
                .filter_map(|e| e.answers.get(&ex.id).filter(|a| !a.skipped).map(|a| &a.value))
        };
        if let Some(scale) = ex.kind.as_scale() {
            if values().any(|v| v.as_scale().is_some()) {
                let range = (scale.min, scale.max);
                out.push(Series::of(ex, ex.title.clone(), scale.unit, range, None));
            }
        } else if let Some(ratings) = ex.kind.as_ratings() {
            rating_series(ex, ratings, values(), &mut out);
        } else if let Some(score) = ex.kind.as_score() {
            out.extend(score_series(chapter, ex, score, entries));
        }
    }
    out
}

impl Series {
    /// A series of exercise `ex`'s stored values, on the scale `min..=max`.
    fn of(
        ex: &Exercise,
        name: String,
        unit: Option<&str>,
        (min, max): (i64, i64),
        item: Option<String>,
    ) -> Series {
        Series {
            name,
            unit: unit.map(str::to_string),
            min,
            max,
            exercise: ex.id.clone(),
            item,
            computed: None,
        }
    }
}

/// The series of a ratings exercise: one per item rated in any of `values`, the kind's
/// items first, in its order, then the others as the entries have them.
fn rating_series<'a>(
    ex: &Exercise,
    kind: RatingsView<'_>,
    values: impl Iterator<Item = &'a Value>,
    out: &mut Vec<Series>,
) {
    let mut rated: Vec<&String> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for (ratings, _) in values.filter_map(Value::as_ratings) {
        for k in ratings.keys() {
            if seen.insert(k.as_str()) {
                rated.push(k);
            }
        }
    }
    let listed: HashSet<&str> = kind.items.iter().map(String::as_str).collect();
    let names = kind
        .items
        .iter()
        .filter(|i| seen.contains(i.as_str()))
        .chain(rated.into_iter().filter(|k| !listed.contains(k.as_str())));
    let mut done: HashSet<&str> = HashSet::new();
    for item in names {
        // An item the list holds twice is one trend.
        if done.insert(item.as_str()) {
            let name = format!("{}: {item}", ex.title);
            out.push(Series::of(
                ex,
                name,
                kind.unit,
                (kind.min, kind.max),
                Some(item.clone()),
            ));
        }
    }
}

/// The series of a score, worked out in each entry; `None` when it has no value in any.
fn score_series(chapter: &Chapter, ex: &Exercise, score: &Score, entries: &[&Entry]) -> Option<Series> {
    use crate::present::score::{Outcome, compute};
    let inputs: Vec<&Exercise> = score
        .inputs()
        .iter()
        .filter_map(|id| chapter.exercises.iter().find(|e| e.id == *id))
        .collect();
    let computed: BTreeMap<String, i64> = entries
        .iter()
        .filter_map(|e| match compute(score, chapter, |id: &str| e.answers.get(id)) {
            Outcome::Value { value, .. } => Some((e.id.clone(), value.round() as i64)),
            Outcome::Missing(_) => None,
        })
        .collect();
    if computed.is_empty() {
        return None;
    }
    let (min, max) = crate::content::score_range(score, &inputs).unwrap_or_else(|| {
        let known = computed.values();
        (
            known.clone().copied().min().unwrap_or(0),
            known.copied().max().unwrap_or(0),
        )
    });
    Some(Series {
        name: ex.title.clone(),
        unit: None,
        min,
        max: max.max(min + 1),
        exercise: ex.id.clone(),
        item: None,
        computed: Some(computed),
    })
}

/// The trends of a chapter's repeated part as the entries screen draws them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trends {
    /// The series with at least one value, in the exercises' and the list's order.
    pub series: Vec<Series>,
    /// The day of each live entry, oldest first: the series' columns.
    pub days: Vec<i64>,
    /// True for a weekly part: a week with no entry shows as a gap.
    pub weekly: bool,
}

/// One column of a trend: an entry (its index in [`Trends::days`]), or a week with no
/// check-in (its first day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The entry at this index.
    Entry(usize),
    /// A week missed, starting on this day.
    Missed(i64),
}

impl Trends {
    /// The latest `room` columns, oldest first. For a weekly part each week between two
    /// entries that has none is a [`Column::Missed`]; only the columns shown are made,
    /// so entries years apart cost no more than `room`.
    pub fn columns(&self, room: usize) -> Vec<Column> {
        let mut out = Vec::new();
        for i in (0..self.days.len()).rev() {
            if out.len() >= room {
                break;
            }
            out.push(Column::Entry(i));
            if !self.weekly || i == 0 {
                continue;
            }
            let mut missed = self.days[i] - 7;
            while missed > self.days[i - 1] && out.len() < room {
                // A week of which the earlier entry's week does not hold the first day.
                if missed >= self.days[i - 1] + 7 {
                    out.push(Column::Missed(missed));
                }
                missed -= 7;
            }
        }
        out.reverse();
        out
    }
}

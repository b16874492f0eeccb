//! A score's value from the answers it reads, and how it reads: on its page, in
//! review, in the entries' trends and in both exports.

use crate::answers::{Answer, Value};
use crate::content::{Chapter, Exercise, Method, Score};

use super::clean_line;

/// A score worked out from the answers at hand.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Every input is answered.
    Value {
        /// The score: a sum, a mean or the mean change.
        value: f64,
        /// For a change: each item both ratings rated, with after minus before.
        items: Vec<(String, i64)>,
        /// An input answer is private, so the score is too.
        private: bool,
    },
    /// Not enough answers yet: the titles of the inputs still unanswered.
    Missing(Vec<String>),
}

/// Works out `score` of `chapter` from `get`, which gives an exercise's answer by id
/// (of the same entry, for a repeated part). A skipped or empty input is missing.
pub fn compute<'a>(score: &Score, chapter: &Chapter, get: impl Fn(&str) -> Option<&'a Answer>) -> Outcome {
    let ex = |id: &str| chapter.exercises.iter().find(|e| e.id == id);
    let mut missing = Vec::new();
    let mut private = false;
    let mut values: Vec<Vec<(String, i64)>> = Vec::new();
    for id in score.inputs() {
        let Some(e) = ex(id) else {
            continue;
        };
        let answer = get(id).filter(|a| !a.skipped);
        let got = answer.and_then(|a| input_values(e, &a.value));
        match got {
            Some(v) => {
                private |= e.private || answer.is_some_and(|a| a.private);
                values.push(v);
            }
            None => missing.push(clean_line(&e.title)),
        }
    }
    if !missing.is_empty() {
        return Outcome::Missing(missing);
    }
    let all: Vec<i64> = values.iter().flatten().map(|(_, v)| *v).collect();
    let (value, items) = match &score.method {
        Method::Sum(_) => (all.iter().sum::<i64>() as f64, Vec::new()),
        Method::Mean(_) if all.is_empty() => return Outcome::Missing(Vec::new()),
        Method::Mean(_) => (all.iter().sum::<i64>() as f64 / all.len() as f64, Vec::new()),
        Method::Change { .. } => {
            let [before, after] = &values[..] else {
                return Outcome::Missing(Vec::new());
            };
            let items: Vec<(String, i64)> = before
                .iter()
                .filter_map(|(item, b)| {
                    let (_, a) = after.iter().find(|(i, _)| i == item)?;
                    Some((item.clone(), a - b))
                })
                .collect();
            if items.is_empty() {
                return Outcome::Missing(Vec::new());
            }
            let mean = items.iter().map(|(_, d)| *d).sum::<i64>() as f64 / items.len() as f64;
            (mean, items)
        }
    };
    Outcome::Value {
        value,
        items,
        private,
    }
}

/// The values an answer gives a score: a scale's one value, or each rated item of a
/// ratings answer (all of the workbook's own items must be rated); `None` while it is
/// not fully answered.
fn input_values(ex: &Exercise, value: &Value) -> Option<Vec<(String, i64)>> {
    if ex.kind.as_scale().is_some() {
        return Some(vec![(String::new(), value.as_scale()?)]);
    }
    let items = ex.kind.as_ratings()?.items;
    let (ratings, _) = value.as_ratings()?;
    let complete = !ratings.is_empty() && items.iter().all(|i| ratings.contains_key(i));
    complete.then(|| ratings.iter().map(|(k, v)| (k.clone(), *v)).collect())
}

/// A score's number as shown: whole for a sum, one decimal otherwise, a sign on a change.
pub fn number(score: &Score, value: f64) -> String {
    match score.method {
        Method::Sum(_) => format!("{}", value.round() as i64),
        Method::Mean(_) => format!("{value:.1}"),
        Method::Change { .. } => format!("{value:+.1}"),
    }
}

/// The score's lines: its value with its band, or "not enough answers yet" and what
/// is missing; then, for a change, each item's change.
pub fn lines(score: &Score, outcome: &Outcome) -> Vec<String> {
    match outcome {
        Outcome::Missing(titles) if titles.is_empty() => vec!["Not enough answers yet.".to_string()],
        Outcome::Missing(titles) => vec![format!(
            "Not enough answers yet: waiting on {}.",
            titles.join(", ")
        )],
        Outcome::Value { value, items, .. } => {
            let mut head = format!("Score: {}", number(score, *value));
            if let Some(b) = score.band(*value) {
                head.push_str(&format!(" ({})", clean_line(&b.label)));
            }
            let mut out = vec![head];
            out.extend(
                items
                    .iter()
                    .map(|(item, d)| format!("{}: {d:+}", clean_line(item))),
            );
            out
        }
    }
}

/// What a score is computed from, for its page: "Sum of: A, B".
pub fn from_line(score: &Score, chapter: &Chapter) -> String {
    let title = |id: &str| {
        chapter
            .exercises
            .iter()
            .find(|e| e.id == id)
            .map_or_else(|| id.to_string(), |e| clean_line(&e.title))
    };
    match &score.method {
        Method::Sum(of) => format!(
            "Sum of: {}",
            of.iter().map(|i| title(i)).collect::<Vec<_>>().join(", ")
        ),
        Method::Mean(of) => format!(
            "Mean of: {}",
            of.iter().map(|i| title(i)).collect::<Vec<_>>().join(", ")
        ),
        Method::Change { before, after } => format!("Change from {} to {}", title(before), title(after)),
    }
}

/// The lines of exercise `ex` of `ch` when it is a score, worked out from `answers`
/// (in the entry open, for a repeated part); `None` for any other kind.
pub fn shown(ex: &Exercise, ch: &Chapter, answers: &crate::answers::Answers) -> Option<Vec<String>> {
    let score = ex.kind.as_score()?;
    Some(lines(score, &compute(score, ch, |id| answers.get(&ch.id, id))))
}

/// A score's one column in a table of values by date: its title; its number is worked
/// out per entry ([`cell`]).
pub fn column<'a>(ex: &'a Exercise, score: &'a Score) -> super::Column<'a> {
    super::Column {
        exercise: &ex.id,
        item: None,
        head: clean_line(&ex.title),
        score: Some(score),
    }
}

/// A score's cell in a table of values by date: its number, marked when it reads a
/// private answer; empty while an input is missing.
pub fn cell<'a>(score: &Score, chapter: &Chapter, get: impl Fn(&str) -> Option<&'a Answer>) -> String {
    match compute(score, chapter, get) {
        Outcome::Value {
            value, private: true, ..
        } => format!("{} (private)", number(score, value)),
        Outcome::Value { value, .. } => number(score, value),
        Outcome::Missing(_) => String::new(),
    }
}

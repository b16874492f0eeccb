//! How a ratings answer reads, its columns in a table of values by date, and the items
//! that table shows.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::{Column, Piece, clean_line, unit_of, words};
use crate::answers::{Answers, Value};
use crate::content::{Exercise, Kind, RatingsView};

/// What the pieces of a ratings answer take from its exercise; empty under another kind.
#[derive(Default)]
struct Shape<'a> {
    items: &'a [String],
    range: Option<(i64, i64)>,
    ends: Option<String>,
    unit: Option<String>,
    na_label: Option<&'a str>,
}

impl<'a> Shape<'a> {
    fn of(kind: Option<RatingsView<'a>>) -> Shape<'a> {
        let Some(r) = kind else {
            return Shape::default();
        };
        Shape {
            items: r.items,
            range: Some((r.min, r.max)),
            ends: Some(words::rating_ends(
                (r.min, r.min_label.map(clean_line).as_deref()),
                (r.max, r.max_label.map(clean_line).as_deref()),
            )),
            unit: r.unit.map(clean_line),
            na_label: r.na_label,
        }
    }
}

/// A ratings answer's pieces: the scale's ends, the exercise's items in its order (rated,
/// "didn't apply", or not rated), then any rated or not-applying text it no longer has.
/// An item answered under another wording than it has now says so (`was`); a value off
/// the exercise's scale (a partner's file may hold one) is not shown as a value.
pub fn pieces(
    kind: Option<RatingsView<'_>>,
    ratings: &BTreeMap<String, i64>,
    na: &BTreeSet<String>,
    was: &BTreeMap<String, String>,
) -> Vec<Piece> {
    let Shape {
        items,
        range,
        ends,
        unit,
        na_label,
    } = Shape::of(kind);
    let name = |item: &str| match was.get(item) {
        Some(old) => words::was(&clean_line(item), &clean_line(old)),
        None => clean_line(item),
    };
    let line = |item: &str, v: i64| match range {
        Some((min, max)) if !(min..=max).contains(&v) => words::off_scale(&name(item), (min, max)),
        Some((_, max)) => words::rating(&name(item), &crate::content::with_unit(v, unit.as_deref()), max),
        None => format!("{}: {v}", name(item)),
    };
    let not_applied = |i: &str| words::not_applied(&name(i), &clean_line(na_label.unwrap_or_default()));
    let mut out: Vec<Piece> = ends.map(|e| Piece::Paragraph(vec![e])).into_iter().collect();
    out.extend(items.iter().map(|i| match ratings.get(i) {
        Some(v) => Piece::Item(line(i, *v)),
        None if na.contains(i) => Piece::Item(not_applied(i)),
        None => Piece::Item(words::not_rated(&name(i))),
    }));
    // A set: a partner's list may be long, and a scan per rating is quadratic.
    let listed: HashSet<&String> = items.iter().collect();
    out.extend(
        ratings
            .iter()
            .filter(|(i, _)| !listed.contains(i))
            .map(|(i, v)| Piece::Item(line(i, *v))),
    );
    out.extend(
        na.iter()
            .filter(|i| !listed.contains(i) && !ratings.contains_key(*i))
            .map(|i| Piece::Item(not_applied(i))),
    );
    out
}

/// A ratings exercise's columns: one per item, headed by the item with the range and unit.
pub fn columns<'a>(ex: &'a Exercise, kind: RatingsView<'a>) -> impl Iterator<Item = Column<'a>> {
    kind.items.iter().map(move |item| Column {
        exercise: &ex.id,
        item: Some(item),
        head: words::column_head(&clean_line(item), (kind.min, kind.max), unit_of(kind.unit)),
        score: None,
    })
}

/// `ex` as the table of values by date needs it: a ratings exercise's items are those it
/// asks now (its list's included, see [`Answers::rating_items`]), then every other item
/// rated or marked "didn't apply" in a live entry of `chapter`, first seen first. Any
/// other kind is as it is.
pub fn with_rated_items(answers: &Answers, chapter: &str, ex: &Exercise) -> Exercise {
    let mut ex = ex.clone();
    let mut all = answers.rating_items(&ex.kind);
    if let Kind::Ratings { items, .. } = &mut ex.kind {
        let mut seen: HashSet<String> = all.iter().cloned().collect();
        for e in answers.live_entries(chapter) {
            let value = e.answers.get(&ex.id).map(|a| &a.value);
            if let Some((ratings, na)) = value.and_then(Value::as_ratings) {
                for k in ratings.keys().chain(na) {
                    if seen.insert(k.clone()) {
                        all.push(k.clone());
                    }
                }
            }
        }
        *items = all;
    }
    ex
}

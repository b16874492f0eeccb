//! `kind = "ratings"` (format 2): several items, each rated on one scale.

use super::scale::scale_parts;
use super::{KindSpec, Parsed, distinct_texts};
use crate::content::walk::{Checker, Table};
use crate::content::{ItemsFrom, Kind};

/// The ratings kind's table.
pub(super) const SPEC: KindSpec = KindSpec {
    name: "ratings",
    keys: &[
        "items",
        "items_from",
        "add_items",
        "min",
        "max",
        "min_label",
        "max_label",
        "step",
        "unit",
        "na_label",
    ],
    min_version: 2,
    takes_answer: true,
    parse,
};

fn parse(ck: &mut Checker, t: &Table, version: i64) -> Option<Parsed> {
    ratings_kind(ck, t, version).map(Parsed::from)
}

/// A ratings exercise: what it rates (its `items`, the items of a list named by
/// `items_from`, the person's own with `add_items`; at least one of the three) on a
/// scale whose labels may be left out. Every key is checked before any can stop it.
fn ratings_kind(ck: &mut Checker, t: &Table, version: i64) -> Option<Kind> {
    let items = if t.inner.contains_key("items") {
        rating_items(ck, t).ok_or(())
    } else {
        Ok(Vec::new())
    };
    let items_from = match ck.string(t, "items_from", false) {
        None if t.inner.contains_key("items_from") => Err(()),
        None => Ok(None),
        Some(s) => match crate::content::refs::split_ref(&s) {
            Some((chapter, exercise)) => Ok(Some(ItemsFrom {
                chapter: chapter.unwrap_or_default().to_string(),
                exercise: exercise.to_string(),
            })),
            None => {
                ck.error(
                    ck.span_of(t, "items_from"),
                    format!(
                        "`items_from` in {} is `{s}`, which is no exercise id; write the id of a list exercise, like \"my-list\", or its chapter's id and its own, like \"chapter-id/my-list\"",
                        t.what
                    ),
                );
                Err(())
            }
        },
    };
    let add_items = ck.boolean(t, "add_items");
    let na_label = na_label(ck, t);
    let scale = scale_parts(ck, t, version, false);
    let (items, items_from, add_items) = (items.ok()?, items_from.ok()?, add_items.ok()?.unwrap_or(false));
    // `items = []` is reported above; `add_items = false` adds nothing to rate. A key
    // mistyped for one of them is reported as unknown; saying more would repeat it.
    const RATES: [&str; 3] = ["items", "items_from", "add_items"];
    let typo = t.inner.iter().any(|(k, _)| {
        let k: &str = k.get_ref().as_ref();
        !RATES.contains(&k) && crate::content::diag::suggest(k, &RATES).is_some()
    });
    if !t.inner.contains_key("items") && items_from.is_none() && !add_items && !typo {
        ck.error(
            t.span.clone(),
            format!(
                "{} has nothing to rate; add `items = [\"...\"]` (items of your own), `items_from = \"a-list-id\"` (the person's answer to an earlier list) or `add_items = true` (the person writes them)",
                t.what
            ),
        );
        return None;
    }
    let scale = scale?;
    let label = |l: Option<String>| l.filter(|l| !l.trim().is_empty());
    Some(Kind::Ratings {
        items,
        items_from,
        add_items,
        min: scale.min,
        max: scale.max,
        min_label: label(scale.min_label),
        max_label: label(scale.max_label),
        step: scale.step,
        unit: scale.unit,
        na_label: na_label?,
    })
}

/// A ratings exercise's `na_label`: the words of its "didn't apply" choice, if it has
/// one; an empty one is refused (it would show as nothing).
fn na_label(ck: &mut Checker, t: &Table) -> Option<Option<String>> {
    let present = t.inner.contains_key("na_label");
    let label = ck.string(t, "na_label", false);
    match label {
        Some(l) if l.trim().is_empty() => {
            ck.error(
                ck.span_of(t, "na_label"),
                format!(
                    "`na_label` in {} is empty; write what \"didn't apply\" should say, like \"didn't come up\", or remove it",
                    t.what
                ),
            );
            None
        }
        Some(l) => Some(Some(l)),
        // Not text: already reported by `string`.
        None if present => None,
        None => Some(None),
    }
}

/// A ratings exercise's `items`: at least one, none empty, none twice (answers are
/// stored by item text).
fn rating_items(ck: &mut Checker, t: &Table) -> Option<Vec<String>> {
    let too_few = format!("`items` in {} is empty; list at least one item to rate", t.what);
    distinct_texts(ck, t, ("items", "item"), 1, too_few)
}

//! `kind = "list"`: several short items, with an optional count range.

use super::{KindSpec, Parsed};
use crate::content::Kind;
use crate::content::parse::needs_v2;
use crate::content::walk::{Checker, Table};

/// The list kind's table.
pub(super) const SPEC: KindSpec = KindSpec {
    name: "list",
    keys: &["min", "max", "shared"],
    min_version: 1,
    takes_answer: true,
    parse,
};

fn parse(ck: &mut Checker, t: &Table, version: i64) -> Option<Parsed> {
    let shared_ok = needs_v2(ck, t, "shared", version);
    let shared = ck.boolean(t, "shared");
    let kind = match (list_kind(ck, t), shared) {
        (Some(Kind::List { min, max, .. }), Ok(shared)) if shared_ok => Kind::List {
            min,
            max,
            shared: shared.unwrap_or(false),
        },
        _ => return None,
    };
    // `min = 0` is accepted by format 1 with no effect; format 2 lets the list stay empty.
    let empty_ok = version >= 2 && matches!(kind, Kind::List { min: Some(0), .. });
    Some(Parsed { kind, empty_ok })
}

fn list_kind(ck: &mut Checker, t: &Table) -> Option<Kind> {
    let mut count = |key: &str| -> Result<Option<u32>, ()> {
        match ck.int(t, key, false) {
            None if t.inner.contains_key(key) => Err(()),
            None => Ok(None),
            Some(n) if (0..=100).contains(&n) => Ok(Some(n as u32)),
            Some(n) => {
                ck.error(
                    ck.span_of(t, key),
                    format!("`{key}` = {n} in {} must be between 0 and 100 items", t.what),
                );
                Err(())
            }
        }
    };
    let (min, max) = (count("min"), count("max"));
    let (min, max) = (min.ok()?, max.ok()?);
    if let (Some(lo), Some(hi)) = (min, max)
        && lo > hi
    {
        ck.error(
            ck.span_of(t, "min"),
            format!(
                "list `min` ({lo}) is greater than `max` ({hi}) in {}; make min at most max",
                t.what
            ),
        );
        return None;
    }
    if max == Some(0) {
        ck.error(
            ck.span_of(t, "max"),
            format!("list `max` is 0 in {}; allow at least one item", t.what),
        );
        return None;
    }
    Some(Kind::List {
        min,
        max,
        shared: false,
    })
}

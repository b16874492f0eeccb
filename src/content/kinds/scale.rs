//! `kind = "scale"`: a whole number in a range, with labels for the ends; its range,
//! step and unit are shared with ratings.

use super::{KindSpec, Parsed};
use crate::content::Kind;
use crate::content::parse::needs_v2;
use crate::content::walk::{Checker, Table};

/// The scale kind's table.
pub(super) const SPEC: KindSpec = KindSpec {
    name: "scale",
    keys: &["min", "max", "min_label", "max_label", "step", "unit"],
    min_version: 1,
    takes_answer: true,
    parse,
};

fn parse(ck: &mut Checker, t: &Table, version: i64) -> Option<Parsed> {
    scale_kind(ck, t, version).map(Parsed::from)
}

/// The keys a scale and a ratings exercise share.
pub(super) struct ScaleParts {
    pub(super) min: i64,
    pub(super) max: i64,
    pub(super) min_label: Option<String>,
    pub(super) max_label: Option<String>,
    pub(super) step: i64,
    pub(super) unit: Option<String>,
}

fn scale_kind(ck: &mut Checker, t: &Table, version: i64) -> Option<Kind> {
    let p = scale_parts(ck, t, version, true)?;
    Some(Kind::Scale {
        min: p.min,
        max: p.max,
        min_label: p.min_label?,
        max_label: p.max_label?,
        step: p.step,
        unit: p.unit,
    })
}

/// A scale's range, step, unit and labels (required when `labels`).
pub(super) fn scale_parts(ck: &mut Checker, t: &Table, version: i64, labels: bool) -> Option<ScaleParts> {
    let min = ck.int(t, "min", true);
    let max = ck.int(t, "max", true);
    let min_label = ck.string(t, "min_label", labels);
    let max_label = ck.string(t, "max_label", labels);
    let bad_label = !labels
        && ((t.inner.contains_key("min_label") && min_label.is_none())
            || (t.inner.contains_key("max_label") && max_label.is_none()));
    // Both reported, so `&` and not `&&`.
    let v2_ok = needs_v2(ck, t, "step", version) & needs_v2(ck, t, "unit", version);
    let step = ck.int(t, "step", false);
    let unit = ck.string(t, "unit", false);
    let (min, max) = (min?, max?);
    if min >= max {
        ck.error(
            ck.span_of(t, "min"),
            format!(
                "scale `min` ({min}) must be less than `max` ({max}) in {}",
                t.what
            ),
        );
        return None;
    }
    if max.abs_diff(min) > 100 || min.abs() > 1_000_000 || max.abs() > 1_000_000 {
        ck.error(
            ck.span_of(t, "max"),
            format!(
                "the scale in {} has more than 100 steps; use a range like 0 to 10",
                t.what
            ),
        );
        return None;
    }
    let step = step.unwrap_or(1);
    if step <= 0 {
        ck.error(
            ck.span_of(t, "step"),
            format!(
                "`step` in {} is {step}; it must be a positive whole number, like 1 or 5",
                t.what
            ),
        );
        return None;
    }
    if (max - min) % step != 0 {
        ck.error(
            ck.span_of(t, "step"),
            format!(
                "`step` {step} in {} does not divide the scale {min} to {max}, so `max` cannot be picked; use a step that does",
                t.what
            ),
        );
        return None;
    }
    if let Some(u) = &unit
        && u.trim().is_empty()
    {
        ck.error(
            ck.span_of(t, "unit"),
            format!(
                "`unit` in {} is empty; write it, like \"%\", or remove it",
                t.what
            ),
        );
        return None;
    }
    (v2_ok && !bad_label).then_some(())?;
    Some(ScaleParts {
        min,
        max,
        min_label,
        max_label,
        step,
        unit,
    })
}

//! `kind = "score"` (format 2): no answer of its own; a number computed from other
//! answers of its chapter (or of the same entry of a repeated part), with optional
//! bands that name ranges of it. The computing is in [`crate::present::score`].

use std::ops::Range;

use super::{KindSpec, Parsed};
use crate::content::diag::suggest;
use crate::content::walk::{Checker, Table};
use crate::content::{Exercise, Kind};

/// The score kind's table.
pub(super) const SPEC: KindSpec = KindSpec {
    name: "score",
    keys: &["method", "of", "before", "after", "bands"],
    min_version: 2,
    takes_answer: false,
    parse,
};

/// What a score computes, and from which exercises.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Method {
    /// The sum of every value of these scales and ratings.
    Sum(Vec<String>),
    /// The mean of every value of these scales and ratings.
    Mean(Vec<String>),
    /// `after` minus `before` for each item two ratings of the same list share, and
    /// their mean as the overall change.
    Change {
        /// The ratings given first.
        before: String,
        /// The ratings given later.
        after: String,
    },
}

/// A named range of a score's values, both ends included.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Band {
    /// Lowest value in the band.
    pub from: i64,
    /// Highest value in the band.
    pub to: i64,
    /// What the band is called ("low", "in the usual range").
    pub label: String,
}

/// A score exercise (format 2 `kind = "score"`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Score {
    /// How it is computed.
    pub method: Method,
    /// Named ranges, in order, not overlapping (may be empty).
    pub bands: Vec<Band>,
}

impl Score {
    /// The ids of the exercises it reads, in the order written.
    pub fn inputs(&self) -> Vec<&str> {
        match &self.method {
            Method::Sum(of) | Method::Mean(of) => of.iter().map(String::as_str).collect(),
            Method::Change { before, after } => vec![before.as_str(), after.as_str()],
        }
    }

    /// The method's name as written in content files.
    pub fn method_name(&self) -> &'static str {
        match self.method {
            Method::Sum(_) => "sum",
            Method::Mean(_) => "mean",
            Method::Change { .. } => "change",
        }
    }

    /// The band a value falls in; a mean or change is rounded to the nearest whole
    /// number first.
    pub fn band(&self, value: f64) -> Option<&Band> {
        let v = value.round() as i64;
        self.bands.iter().find(|b| (b.from..=b.to).contains(&v))
    }
}

const METHODS: [&str; 3] = ["sum", "mean", "change"];

fn parse(ck: &mut Checker, t: &Table, _: i64) -> Option<Parsed> {
    let method = ck.string(t, "method", true);
    let of = t.inner.contains_key("of").then(|| ck.strings(t, "of", true));
    let before = ck.string(t, "before", false);
    let after = ck.string(t, "after", false);
    let bands = bands(ck, t);
    let method = match method.as_deref()? {
        "sum" | "mean" => {
            for key in ["before", "after"] {
                if t.inner.contains_key(key) {
                    ck.error(
                        ck.span_of(t, key),
                        format!(
                            "`{key}` in {} belongs to `method = \"change\"`; a sum or mean reads the exercises listed in `of`",
                            t.what
                        ),
                    );
                    return None;
                }
            }
            let Some(of) = of else {
                ck.error(
                    t.span.clone(),
                    format!(
                        "{} does not say what to add up; add `of = [\"an-exercise-id\", ...]` naming scales or ratings of this chapter",
                        t.what
                    ),
                );
                return None;
            };
            let of = of?;
            if of.is_empty() {
                ck.error(
                    ck.span_of(t, "of"),
                    format!(
                        "`of` in {} is empty; name at least one scale or ratings exercise",
                        t.what
                    ),
                );
                return None;
            }
            let mut ids: Vec<String> = Vec::new();
            for (id, span) in of {
                if ids.contains(&id) {
                    ck.error(
                        span,
                        format!("`{id}` appears twice in the `of` of {}; name it once", t.what),
                    );
                    return None;
                }
                ids.push(id);
            }
            if method.as_deref() == Some("sum") {
                Method::Sum(ids)
            } else {
                Method::Mean(ids)
            }
        }
        "change" => {
            if t.inner.contains_key("of") {
                ck.error(
                    ck.span_of(t, "of"),
                    format!(
                        "`of` in {} belongs to a sum or mean; a change names its two ratings with `before = \"...\"` and `after = \"...\"`",
                        t.what
                    ),
                );
                return None;
            }
            let (Some(before), Some(after)) = (before, after) else {
                ck.error(
                    t.span.clone(),
                    format!(
                        "{} needs both `before = \"...\"` and `after = \"...\"`: the ids of two ratings exercises over the same list",
                        t.what
                    ),
                );
                return None;
            };
            if before == after {
                ck.error(
                    ck.span_of(t, "after"),
                    format!(
                        "`before` and `after` in {} name the same exercise; name two different ratings",
                        t.what
                    ),
                );
                return None;
            }
            Method::Change { before, after }
        }
        other => {
            let hint = match suggest(other, &METHODS) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("use one of: {}", METHODS.join(", ")),
            };
            ck.error(
                ck.span_of(t, "method"),
                format!("unknown method `{other}` in {}; {hint}", t.what),
            );
            return None;
        }
    };
    Some(
        Kind::Score(Score {
            method,
            bands: bands?,
        })
        .into(),
    )
}

/// The `[[...bands]]`: each with whole-number `from` at most `to` and a label,
/// in rising order without overlap.
fn bands(ck: &mut Checker, t: &Table) -> Option<Vec<Band>> {
    if !t.inner.contains_key("bands") {
        return Some(Vec::new());
    }
    let tables = ck.tables(
        t,
        "bands",
        "write each band as `bands = [{ from = 0, to = 5, label = \"...\" }]`",
    )?;
    let mut out: Vec<Band> = Vec::new();
    let mut ok = true;
    for (n, (tab, span)) in tables.into_iter().enumerate() {
        let bt = Table {
            inner: tab,
            span,
            what: format!("band {} of {}", n + 1, t.what),
        };
        ck.known_keys(&bt, &["from", "to", "label"]);
        let from = ck.int(&bt, "from", true);
        let to = ck.int(&bt, "to", true);
        let label = ck.string(&bt, "label", true);
        let (Some(from), Some(to), Some(label)) = (from, to, label) else {
            ok = false;
            continue;
        };
        // An empty `label` is reported by `ck.string`, as every empty text is.
        if from > to {
            ck.error(
                ck.span_of(&bt, "from"),
                format!("{} runs from {from} to {to}; make `from` at most `to`", bt.what),
            );
            ok = false;
        } else if let Some(prev) = out.last()
            && from <= prev.to
        {
            ck.error(
                ck.span_of(&bt, "from"),
                format!(
                    "{} starts at {from}, inside the band before it ({} to {}); bands go upwards without overlapping, so start it at {} or higher",
                    bt.what,
                    prev.from,
                    prev.to,
                    prev.to + 1
                ),
            );
            ok = false;
        }
        out.push(Band { from, to, label });
    }
    ok.then_some(out)
}

/// Where a score names its inputs and bands, for checking them against the chapter.
pub(in crate::content) struct ScoreSpans {
    /// The score's id.
    pub id: String,
    /// How to name the score.
    pub what: String,
    /// Each input id as written, with its span.
    pub inputs: Vec<(String, Range<usize>)>,
    /// Span of `bands` (or of the table without them).
    pub bands: Range<usize>,
}

impl ScoreSpans {
    /// Reads the spans of a score's table as written, reporting nothing (its parser does).
    pub(in crate::content) fn of(t: &Table, id: String) -> ScoreSpans {
        use toml::de::DeValue;
        let mut inputs = Vec::new();
        for key in ["of", "before", "after"] {
            let Some(v) = t.inner.get(key) else {
                continue;
            };
            match v.get_ref() {
                DeValue::String(s) => inputs.push((s.to_string(), v.span())),
                DeValue::Array(items) => inputs.extend(
                    items
                        .iter()
                        .filter_map(|i| i.get_ref().as_str().map(|s| (s.to_string(), i.span()))),
                ),
                _ => {}
            }
        }
        ScoreSpans {
            id,
            what: t.what.clone(),
            inputs,
            bands: t.inner.get("bands").map_or(t.span.clone(), |v| v.span()),
        }
    }
}

/// Checks what each score of a chapter reads: exercises of this chapter, before it
/// is no matter, that are scales or ratings (two ratings of one list for a change),
/// in the same part (both repeated or both answered once); and that its bands lie
/// within the values it can take. `repeated` is `None` when `[repeat]` had mistakes.
pub(in crate::content) fn check_refs(
    ck: &mut Checker,
    exercises: &[Exercise],
    ids: &[String],
    repeated: Option<&[String]>,
    spans: &[ScoreSpans],
) {
    for sp in spans {
        let Some(score) = exercises
            .iter()
            .find(|e| e.id == sp.id)
            .and_then(|e| e.kind.as_score())
        else {
            continue;
        };
        let mut inputs: Vec<&Exercise> = Vec::new();
        for (id, span) in &sp.inputs {
            match input(ck, exercises, ids, repeated, sp, score, (id, span)) {
                Some(ex) => inputs.push(ex),
                None => return,
            }
        }
        if let Method::Change { .. } = score.method
            && let [before, after] = inputs[..]
            && !same_list(&before.kind, &after.kind)
        {
            ck.error(
                sp.inputs[1].1.clone(),
                format!(
                    "the `change` of {} compares `{}` and `{}`, which rate different lists; give both the same `items` or the same `items_from`",
                    sp.what, before.id, after.id
                ),
            );
            continue;
        }
        bands_in_range(ck, sp, score, &inputs);
    }
}

/// One input of a score, checked; `None` after reporting what is wrong.
fn input<'e>(
    ck: &mut Checker,
    exercises: &'e [Exercise],
    ids: &[String],
    repeated: Option<&[String]>,
    sp: &ScoreSpans,
    score: &Score,
    (id, span): (&str, &Range<usize>),
) -> Option<&'e Exercise> {
    if id.contains('/') {
        ck.error(
            span.clone(),
            format!(
                "{} reads `{id}` from another chapter; a score reads answers of its own chapter only, so name an exercise of this one",
                sp.what
            ),
        );
        return None;
    }
    if id == sp.id {
        ck.error(
            span.clone(),
            format!("{} names itself; name the exercises it is computed from", sp.what),
        );
        return None;
    }
    let Some(ex) = exercises.iter().find(|e| e.id == id) else {
        // An id of the chapter whose exercise had mistakes is reported there already.
        if !ids.iter().any(|i| i == id) {
            let names: Vec<&str> = ids.iter().map(String::as_str).filter(|i| *i != sp.id).collect();
            let hint = match suggest(id, &names) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "name a scale or ratings exercise of this chapter".to_string(),
            };
            ck.error(
                span.clone(),
                format!(
                    "{} reads `{id}`, which is no exercise of this chapter; {hint}",
                    sp.what
                ),
            );
        }
        return None;
    };
    let change = matches!(score.method, Method::Change { .. });
    let fits = ex.kind.as_ratings().is_some() || (ex.kind.as_scale().is_some() && !change);
    if !fits {
        let needs = if change {
            "two ratings exercises"
        } else {
            "scales or ratings"
        };
        ck.error(
            span.clone(),
            format!(
                "{} reads `{id}`, a {} exercise; a `{}` score reads {needs}",
                sp.what,
                ex.kind.name(),
                score.method_name()
            ),
        );
        return None;
    }
    if let Some(repeated) = repeated
        && repeated.contains(&sp.id) != repeated.iter().any(|r| r == id)
    {
        ck.error(
            span.clone(),
            format!(
                "{} and `{id}` are in different parts of the chapter (one is in `[repeat]`, the other answered once); a score reads answers of its own entry, so put both in `[repeat]` or neither",
                sp.what
            ),
        );
        return None;
    }
    Some(ex)
}

/// Two ratings over the same list: the same `items_from`, or the same own items.
fn same_list(a: &Kind, b: &Kind) -> bool {
    let (Some(a), Some(b)) = (a.as_ratings(), b.as_ratings()) else {
        return false;
    };
    a.items == b.items && a.items_from == b.items_from && a.add_items == b.add_items
}

/// The lowest and highest value a score over `inputs` can take, where it is known
/// (a ratings exercise whose items come from a list has no fixed count).
pub fn range(score: &Score, inputs: &[&Exercise]) -> Option<(i64, i64)> {
    let span_of = |k: &Kind| {
        if let Some(s) = k.as_scale() {
            return Some((s.min, s.max, Some(1)));
        }
        let r = k.as_ratings()?;
        let fixed = r.items_from.is_none() && !r.add_items;
        Some((r.min, r.max, fixed.then_some(r.items.len() as i64)))
    };
    let parts: Vec<(i64, i64, Option<i64>)> = inputs.iter().filter_map(|e| span_of(&e.kind)).collect();
    match score.method {
        Method::Sum(_) => parts.iter().try_fold((0, 0), |(lo, hi), (min, max, n)| {
            let n = (*n)?;
            Some((lo + min * n, hi + max * n))
        }),
        Method::Mean(_) => Some((parts.iter().map(|p| p.0).min()?, parts.iter().map(|p| p.1).max()?)),
        Method::Change { .. } => {
            let (min, max, _) = parts.first()?;
            Some((min - max, max - min))
        }
    }
}

/// Reports bands outside the values the score can take.
fn bands_in_range(ck: &mut Checker, sp: &ScoreSpans, score: &Score, inputs: &[&Exercise]) {
    let Some((lo, hi)) = range(score, inputs) else {
        return;
    };
    if let Some(b) = score.bands.iter().find(|b| b.from < lo || b.to > hi) {
        ck.error(
            sp.bands.clone(),
            format!(
                "the band `{}` of {} runs from {} to {}, but the score can only be {lo} to {hi}; keep every band within that",
                b.label, sp.what, b.from, b.to
            ),
        );
    }
}

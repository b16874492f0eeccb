//! `kind = "checklist"`: any number of options, some perhaps standing alone.

use super::{KindSpec, Parsed, options};
use crate::content::Kind;
use crate::content::parse::needs_v2;
use crate::content::walk::{Checker, Table};

/// The checklist kind's table.
pub(super) const SPEC: KindSpec = KindSpec {
    name: "checklist",
    keys: &["options", "min", "exclusive", "other"],
    min_version: 1,
    takes_answer: true,
    parse,
};

fn parse(ck: &mut Checker, t: &Table, version: i64) -> Option<Parsed> {
    let min_ok = needs_v2(ck, t, "min", version);
    let exclusive_ok = needs_v2(ck, t, "exclusive", version);
    let other_ok = needs_v2(ck, t, "other", version);
    let options = options(ck, t);
    let min = checklist_min(ck, t);
    let exclusive = match (&options, exclusive_ok) {
        (Some(options), true) => exclusive(ck, t, options),
        _ => None,
    };
    let other = ck.boolean(t, "other");
    match (options, min, min_ok && other_ok, exclusive, other) {
        (Some(options), Ok(min), true, Some(exclusive), Ok(other)) => Some(Parsed {
            kind: Kind::Checklist {
                options,
                exclusive,
                other: other.unwrap_or(false),
            },
            empty_ok: min == Some(0),
        }),
        _ => None,
    }
}

/// A checklist's `exclusive` options (format 2): each one of its `options`, once.
fn exclusive(ck: &mut Checker, t: &Table, options: &[String]) -> Option<Vec<String>> {
    if !t.inner.contains_key("exclusive") {
        return Some(Vec::new());
    }
    let items = ck.strings(t, "exclusive", false)?;
    let names: Vec<&str> = options.iter().map(String::as_str).collect();
    let mut ok = true;
    let mut seen: Vec<&str> = Vec::new();
    for (x, span) in &items {
        if !names.contains(&x.as_str()) {
            let hint = match crate::content::diag::suggest(x, &names) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "copy it exactly from `options`".to_string(),
            };
            ck.error(
                span.clone(),
                format!(
                    "exclusive option `{x}` in {} is not one of its options; {hint}",
                    t.what
                ),
            );
            ok = false;
        } else if seen.contains(&x.as_str()) {
            ck.error(
                span.clone(),
                format!("exclusive option `{x}` appears twice in {}; list it once", t.what),
            );
            ok = false;
        }
        seen.push(x);
    }
    if ok && !items.is_empty() && items.len() == options.len() {
        ck.error(
            ck.span_of(t, "exclusive"),
            format!(
                "every option in {} is exclusive, so only one can be ticked; use kind = \"choice\" instead",
                t.what
            ),
        );
        ok = false;
    }
    ok.then(|| items.into_iter().map(|(x, _)| x).collect())
}

/// A checklist's `min` (format 2): 0 ("nothing ticked is a finished answer") or 1.
fn checklist_min(ck: &mut Checker, t: &Table) -> Result<Option<i64>, ()> {
    match ck.int(t, "min", false) {
        None if t.inner.contains_key("min") => Err(()),
        None => Ok(None),
        Some(n) if n == 0 || n == 1 => Ok(Some(n)),
        Some(n) => {
            ck.error(
                ck.span_of(t, "min"),
                format!(
                    "checklist `min` = {n} in {} must be 0 (nothing ticked is a finished answer) or 1",
                    t.what
                ),
            );
            Err(())
        }
    }
}

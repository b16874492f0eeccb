//! `kind = "choice"`: exactly one option, optionally "other, namely ...".

use super::{KindSpec, Parsed, options};
use crate::content::Kind;
use crate::content::walk::{Checker, Table};

/// The choice kind's table.
pub(super) const SPEC: KindSpec = KindSpec {
    name: "choice",
    keys: &["options", "other"],
    min_version: 1,
    takes_answer: true,
    parse,
};

fn parse(ck: &mut Checker, t: &Table, _: i64) -> Option<Parsed> {
    // Both checked before either can stop the exercise, so both are reported.
    let options = options(ck, t);
    let other = ck.boolean(t, "other");
    match (options, other) {
        (Some(options), Ok(other)) => Some(
            Kind::Choice {
                options,
                other: other.unwrap_or(false),
            }
            .into(),
        ),
        _ => None,
    }
}

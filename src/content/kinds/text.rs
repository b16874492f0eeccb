//! `kind = "text"`: free multi-line text; no keys of its own.

use super::{KindSpec, Parsed};
use crate::content::Kind;
use crate::content::walk::{Checker, Table};

/// The text kind's table.
pub(super) const SPEC: KindSpec = KindSpec {
    name: "text",
    keys: &[],
    min_version: 1,
    takes_answer: true,
    parse,
};

fn parse(_: &mut Checker, _: &Table, _: i64) -> Option<Parsed> {
    Some(Kind::Text.into())
}

//! `kind = "date"` (format 2): a calendar day; no keys of its own.

use super::{KindSpec, Parsed};
use crate::content::Kind;
use crate::content::walk::{Checker, Table};

/// The date kind's table.
pub(super) const SPEC: KindSpec = KindSpec {
    name: "date",
    keys: &[],
    min_version: 2,
    takes_answer: true,
    parse,
};

fn parse(_: &mut Checker, _: &Table, _: i64) -> Option<Parsed> {
    Some(Kind::Date.into())
}

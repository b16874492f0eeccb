//! `kind = "page"` (format 2): a page to read that takes no answer.

use super::{KindSpec, Parsed};
use crate::content::Kind;
use crate::content::walk::{Checker, Table};

/// The page kind's table.
pub(super) const SPEC: KindSpec = KindSpec {
    name: "page",
    keys: &[],
    min_version: 2,
    takes_answer: false,
    parse,
};

/// A page takes no answer, so `optional` and `private` (which say how an answer
/// counts and who sees it) mean nothing on it; each is reported at its key.
fn parse(ck: &mut Checker, t: &Table, _: i64) -> Option<Parsed> {
    let mut ok = true;
    for (key, effect) in [
        ("optional", "it never holds progress back"),
        ("private", "there is nothing to keep out of the comparison"),
    ] {
        if let Some((k, _)) = t.inner.get_key_value(key) {
            ck.error(
                k.span(),
                format!(
                    "`{key}` in {} has no effect: a page takes no answer, so {effect}; remove the line",
                    t.what
                ),
            );
            ok = false;
        }
    }
    ok.then(|| Kind::Page.into())
}

//! The registry of exercise kinds: one table per kind holding its name in content
//! files, its own keys, the format version it needs and its parser. Adding a kind is a
//! module here, a variant of [`Kind`] and one line in [`REGISTRY`]; [`Kind::spec`]
//! makes the compiler point at a variant without its table.

use std::collections::HashSet;

use super::Kind;
use super::walk::{Checker, Table};

mod checklist;
mod choice;
mod date;
mod list;
mod page;
mod ratings;
mod scale;
pub mod score;
mod text;

/// What a kind's parser gives back for a well-formed exercise.
pub(super) struct Parsed {
    /// The kind with its options.
    pub kind: Kind,
    /// The kind's own keys let the exercise stay empty (`min = 0`).
    pub empty_ok: bool,
}

impl From<Kind> for Parsed {
    fn from(kind: Kind) -> Parsed {
        Parsed {
            kind,
            empty_ok: false,
        }
    }
}

/// Parses a kind's own keys of one exercise table, reporting every mistake; `None`
/// when any is wrong. The third argument is the workbook's format version.
pub(super) type Parse = fn(&mut Checker, &Table, i64) -> Option<Parsed>;

/// One kind's table.
pub struct KindSpec {
    /// The kind's name in content files (`kind = "..."`).
    pub name: &'static str,
    /// The keys of its own, beyond those every exercise has.
    pub keys: &'static [&'static str],
    /// The lowest `format_version` that has this kind.
    pub min_version: i64,
    /// False for a kind that is read, never answered (a page, a score worked out
    /// from other answers): not counted in progress, Enter reads on.
    pub takes_answer: bool,
    /// Its parser.
    pub(super) parse: Parse,
}

/// Every kind, in the order the validator lists them.
pub(super) const REGISTRY: [&KindSpec; 9] = [
    &text::SPEC,
    &list::SPEC,
    &choice::SPEC,
    &checklist::SPEC,
    &scale::SPEC,
    &ratings::SPEC,
    &date::SPEC,
    &page::SPEC,
    &score::SPEC,
];

/// The kind named `name` in a content file, if there is one.
pub(super) fn find(name: &str) -> Option<&'static KindSpec> {
    REGISTRY.iter().copied().find(|s| s.name == name)
}

/// Every kind's name, for "did you mean" and "use one of".
pub(super) fn names() -> Vec<&'static str> {
    REGISTRY.iter().map(|s| s.name).collect()
}

/// Every kind's own keys, allowed when the kind is missing or unknown (any kind's keys
/// may be meant; typos are still worth reporting).
pub(super) fn any_kind_keys() -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = Vec::new();
    for k in REGISTRY.iter().flat_map(|s| s.keys) {
        if !keys.contains(k) {
            keys.push(k);
        }
    }
    keys
}

impl Kind {
    /// This kind's table in the registry; exhaustive, so a new variant needs one.
    pub fn spec(&self) -> &'static KindSpec {
        match self {
            Kind::Text => &text::SPEC,
            Kind::List { .. } => &list::SPEC,
            Kind::Choice { .. } => &choice::SPEC,
            Kind::Checklist { .. } => &checklist::SPEC,
            Kind::Scale { .. } => &scale::SPEC,
            Kind::Ratings { .. } => &ratings::SPEC,
            Kind::Date => &date::SPEC,
            Kind::Page => &page::SPEC,
            Kind::Score(_) => &score::SPEC,
        }
    }

    /// The name used for this kind in content files.
    pub fn name(&self) -> &'static str {
        self.spec().name
    }
}

/// A choice's or checklist's `options`: at least two, none empty, none twice.
fn options(ck: &mut Checker, t: &Table) -> Option<Vec<String>> {
    let too_few = format!("{} needs at least 2 options", t.what);
    distinct_texts(ck, t, ("options", "option"), 2, too_few)
}

/// The texts under `key` (each a `noun`): at least `min` of them (else `too_few`),
/// none empty, none twice.
fn distinct_texts(
    ck: &mut Checker,
    t: &Table,
    (key, noun): (&str, &str),
    min: usize,
    too_few: String,
) -> Option<Vec<String>> {
    let texts = ck.strings(t, key, true)?;
    let mut ok = true;
    if texts.len() < min {
        ck.error(ck.span_of(t, key), too_few);
        ok = false;
    }
    let mut seen = HashSet::new();
    for (text, span) in &texts {
        if text.trim().is_empty() {
            ck.error(
                span.clone(),
                format!(
                    "an {noun} in {} is empty; write the {noun}'s text or remove it",
                    t.what
                ),
            );
            ok = false;
        } else if !seen.insert(text.trim()) {
            ck.error(
                span.clone(),
                format!("{noun} `{text}` appears twice in {}; {noun}s must differ", t.what),
            );
            ok = false;
        }
    }
    ok.then(|| texts.into_iter().map(|(x, _)| x).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_one_table_in_the_registry() {
        let scale = || Kind::Scale {
            min: 0,
            max: 1,
            min_label: String::new(),
            max_label: String::new(),
            step: 1,
            unit: None,
        };
        let kinds = [
            Kind::Text,
            Kind::List {
                min: None,
                max: None,
                shared: false,
            },
            Kind::Choice {
                options: vec![],
                other: false,
            },
            Kind::Checklist {
                options: vec![],
                exclusive: vec![],
                other: false,
            },
            scale(),
            Kind::Ratings {
                items: vec![],
                items_from: None,
                add_items: false,
                min: 0,
                max: 1,
                min_label: None,
                max_label: None,
                step: 1,
                unit: None,
                na_label: None,
            },
            Kind::Date,
            Kind::Page,
            Kind::Score(score::Score {
                method: score::Method::Sum(vec![]),
                bands: vec![],
            }),
        ];
        let mut from_kinds: Vec<&str> = kinds.iter().map(Kind::name).collect();
        let mut registered = names();
        from_kinds.sort_unstable();
        registered.sort_unstable();
        assert_eq!(from_kinds, registered);
        for name in names() {
            assert_eq!(find(name).map(|s| s.name), Some(name));
        }
        assert!(find("rating").is_none());
    }
}

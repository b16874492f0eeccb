//! The stored value of an answer: [`Value`], its kinds, and the registries that send
//! each kind to its own module (what counts as empty, whether it completes an
//! exercise). A new kind of value is a variant here, a module of its own, and one
//! line in each match below; the compiler points at any it lacks.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::Status;
use crate::content::Kind;

pub mod checklist;
pub mod choice;
pub mod date;
pub mod list;
pub mod ratings;
pub mod scale;
pub mod text;

/// What was answered to one exercise; its shape follows the exercise kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
pub enum Value {
    /// Free text.
    Text {
        /// The text, lines joined by `\n`.
        text: String,
    },
    /// Short items in the person's order.
    List {
        /// The items.
        items: Vec<String>,
        /// Each item's id (schema 3), in step with `items`: it stays with its item when
        /// the item is reworded or moved, so ratings follow it ([`super::items`]). A file
        /// without them gets them when read ([`super::Answers::give_ids`]).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        ids: Vec<String>,
    },
    /// One option, by its text, or the "other" answer.
    Choice {
        /// The chosen option's text, when one of the listed options is chosen.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        option: Option<String>,
        /// The "other, namely ..." text, when other is chosen.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        other: Option<String>,
    },
    /// Ticked options, by their text.
    Checklist {
        /// Texts of the ticked options.
        ticked: Vec<String>,
        /// "Other, in my own words", when ticked (format 2 `other = true`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        other: Option<String>,
    },
    /// A point on the scale.
    Scale {
        /// The value picked.
        value: i64,
    },
    /// Each rated item's value, by the item's text (format 2 `ratings`).
    Ratings {
        /// Items marked "didn't apply" (the exercise's `na_label`), by text: answered,
        /// with no value (schema 3).
        #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
        na: BTreeSet<String>,
        /// Item text -> the value picked for it.
        ratings: BTreeMap<String, i64>,
        /// The version of the list (`items_from`) this answer rated (schema 3): each of
        /// its items as worded then -> the item's id. Ratings follow an item through
        /// rewording by it; an entry's status reads this version, not the list of today.
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        ids: BTreeMap<String, String>,
        /// Shown only, never stored: an item's wording now -> the wording it was rated
        /// under, where they differ ([`super::Answers::in_current_words`]).
        #[serde(skip)]
        was: BTreeMap<String, String>,
    },
    /// A calendar day (format 2 `date`).
    Date {
        /// The day as `YYYY-MM-DD`.
        date: String,
    },
    /// Nothing answered: carries a mark (skipped, private) on an exercise that has
    /// no empty value of its own, like a scale before a value is picked.
    Empty {},
}

/// The kind of a [`Value`], without its contents. Its tags are derived from the
/// variants (as [`Value`]'s are), so no list of names can miss one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueKind {
    /// [`Value::Text`].
    Text,
    /// [`Value::List`].
    List,
    /// [`Value::Choice`].
    Choice,
    /// [`Value::Checklist`].
    Checklist,
    /// [`Value::Scale`].
    Scale,
    /// [`Value::Ratings`].
    Ratings,
    /// [`Value::Date`].
    Date,
    /// [`Value::Empty`].
    Empty,
}

impl ValueKind {
    /// The kind named by the `kind` tag of an answers file, if it is one.
    pub fn from_tag(tag: &str) -> Option<ValueKind> {
        use serde::de::value::{Error, StrDeserializer};
        ValueKind::deserialize(StrDeserializer::<Error>::new(tag)).ok()
    }

    /// The `kind` tag as written in answers files and exports.
    pub fn tag(self) -> &'static str {
        match self {
            ValueKind::Text => "text",
            ValueKind::List => "list",
            ValueKind::Choice => "choice",
            ValueKind::Checklist => "checklist",
            ValueKind::Scale => "scale",
            ValueKind::Ratings => "ratings",
            ValueKind::Date => "date",
            ValueKind::Empty => "empty",
        }
    }
}

impl Value {
    /// Which kind of value this is.
    pub fn kind(&self) -> ValueKind {
        match self {
            Value::Text { .. } => ValueKind::Text,
            Value::List { .. } => ValueKind::List,
            Value::Choice { .. } => ValueKind::Choice,
            Value::Checklist { .. } => ValueKind::Checklist,
            Value::Scale { .. } => ValueKind::Scale,
            Value::Ratings { .. } => ValueKind::Ratings,
            Value::Date { .. } => ValueKind::Date,
            Value::Empty {} => ValueKind::Empty,
        }
    }

    // One kind's fields, for code that needs only that kind: the one place a wildcard
    // arm is right.

    /// The text of a text answer.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text { text } => Some(text),
            _ => None,
        }
    }

    /// A list's items and their ids; `None` for any other value.
    pub fn as_list(&self) -> Option<(&[String], &[String])> {
        match self {
            Value::List { items, ids } => Some((items, ids)),
            _ => None,
        }
    }

    /// A choice answer's option and "other" text, each when given.
    pub fn as_choice(&self) -> Option<(Option<&str>, Option<&str>)> {
        match self {
            Value::Choice { option, other } => Some((option.as_deref(), other.as_deref())),
            _ => None,
        }
    }

    /// A checklist answer's ticked options.
    pub fn as_checklist(&self) -> Option<&[String]> {
        match self {
            Value::Checklist { ticked, .. } => Some(ticked),
            _ => None,
        }
    }

    /// The value picked on a scale.
    pub fn as_scale(&self) -> Option<i64> {
        match self {
            Value::Scale { value } => Some(*value),
            _ => None,
        }
    }

    /// A ratings answer's values by item and its items marked "didn't apply".
    pub fn as_ratings(&self) -> Option<(&BTreeMap<String, i64>, &BTreeSet<String>)> {
        match self {
            Value::Ratings { ratings, na, .. } => Some((ratings, na)),
            _ => None,
        }
    }
}

/// The value an untouched exercise of this kind has; a scale has none.
pub fn empty_value(kind: &Kind) -> Option<Value> {
    Some(match kind {
        Kind::Text => Value::Text { text: String::new() },
        Kind::List { .. } => Value::list(Vec::new()),
        Kind::Choice { .. } => Value::Choice {
            option: None,
            other: None,
        },
        Kind::Checklist { .. } => Value::Checklist {
            ticked: Vec::new(),
            other: None,
        },
        Kind::Ratings { .. } => Value::ratings(BTreeMap::new(), BTreeSet::new()),
        Kind::Scale { .. } | Kind::Date | Kind::Page | Kind::Score(_) => return None,
    })
}

/// True when a value holds nothing worth keeping.
pub fn value_is_empty(v: &Value) -> bool {
    match v {
        Value::Text { text } => text::is_empty(text),
        Value::List { items, .. } => list::is_empty(items),
        Value::Choice { option, other } => choice::is_empty(option.as_deref(), other.as_deref()),
        Value::Checklist { ticked, other } => checklist::is_empty(ticked, other.as_deref()),
        Value::Scale { value } => scale::is_empty(*value),
        Value::Ratings { ratings, na, .. } => ratings::is_empty(ratings, na),
        Value::Date { date } => date::is_empty(date),
        Value::Empty {} => true,
    }
}

/// How far a stored value takes an exercise of `kind`.
pub(super) fn value_status(v: &Value, kind: &Kind) -> Status {
    if value_is_empty(v) {
        return Status::NotStarted;
    }
    // A stored shape that no longer matches the exercise (its kind was changed) is
    // kept but not counted as done; so is a scale value outside the scale.
    let done = match v {
        Value::Text { .. } => text::done(kind),
        Value::List { items, .. } => list::done(items, kind),
        Value::Choice { option, other } => choice::done(option.as_deref(), other.as_deref(), kind),
        Value::Checklist { .. } => checklist::done(kind),
        Value::Scale { value } => scale::done(*value, kind),
        Value::Ratings { ratings, na, .. } => ratings::done((ratings, na), kind),
        Value::Date { date } => date::done(date, kind),
        Value::Empty {} => false,
    };
    if done { Status::Done } else { Status::Started }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One exercise of each kind that stores a value, and a value that completes it.
    fn pairs() -> Vec<(Value, Kind)> {
        let ratings = Kind::Ratings {
            items: vec!["Tea".into()],
            items_from: None,
            add_items: false,
            min: 0,
            max: 10,
            min_label: None,
            max_label: None,
            step: 1,
            unit: None,
            na_label: None,
        };
        let scale = Kind::Scale {
            min: 1,
            max: 5,
            min_label: "low".into(),
            max_label: "high".into(),
            step: 1,
            unit: None,
        };
        vec![
            (Value::Text { text: "hi".into() }, Kind::Text),
            (
                Value::list(vec!["a".into()]),
                Kind::List {
                    min: None,
                    max: None,
                    shared: false,
                },
            ),
            (
                Value::Choice {
                    option: Some("x".into()),
                    other: None,
                },
                Kind::Choice {
                    options: vec!["x".into()],
                    other: false,
                },
            ),
            (
                Value::Checklist {
                    ticked: vec!["y".into()],
                    other: None,
                },
                Kind::Checklist {
                    options: vec!["y".into()],
                    exclusive: Vec::new(),
                    other: false,
                },
            ),
            (Value::Scale { value: 4 }, scale),
            (
                Value::ratings(BTreeMap::from([("Tea".into(), 3)]), BTreeSet::new()),
                ratings,
            ),
            (
                Value::Date {
                    date: "2026-12-01".into(),
                },
                Kind::Date,
            ),
        ]
    }

    #[test]
    fn each_value_completes_its_own_kind_only() {
        let pairs = pairs();
        for (i, (value, _)) in pairs.iter().enumerate() {
            assert!(!value_is_empty(value), "{value:?}");
            for (j, (_, kind)) in pairs.iter().enumerate() {
                let want = if i == j { Status::Done } else { Status::Started };
                assert_eq!(value_status(value, kind), want, "{value:?} for {kind:?}");
            }
        }
    }

    #[test]
    fn an_empty_value_of_each_kind_has_not_started() {
        for (_, kind) in pairs() {
            let Some(empty) = empty_value(&kind) else {
                continue;
            };
            assert!(value_is_empty(&empty), "{empty:?}");
            assert_eq!(value_status(&empty, &kind), Status::NotStarted);
        }
        let blank = Value::Text { text: " \n".into() };
        assert_eq!(value_status(&blank, &Kind::Text), Status::NotStarted);
        assert_eq!(value_status(&Value::Empty {}, &Kind::Text), Status::NotStarted);
    }

    #[test]
    fn a_value_short_of_its_exercise_has_started() {
        let (_, scale) = &pairs()[4];
        assert_eq!(value_status(&Value::Scale { value: 9 }, scale), Status::Started);
        let unknown_day = Value::Date {
            date: "2026-13-40".into(),
        };
        assert_eq!(value_status(&unknown_day, &Kind::Date), Status::Started);
        let (_, ratings) = &pairs()[5];
        let off_scale = Value::ratings(BTreeMap::from([("Tea".into(), 11)]), BTreeSet::new());
        assert_eq!(value_status(&off_scale, ratings), Status::Started);
        let marked = Value::ratings(BTreeMap::new(), BTreeSet::from(["Tea".into()]));
        assert_eq!(value_status(&marked, ratings), Status::Done);
    }
}

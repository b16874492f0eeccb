//! Answers stored under an exercise id or option text the shipped workbook has since
//! renamed are moved to the new name when a profile is opened, keeping every word.
//!
//! A rename applies only where the workbook in use has the new name and not the old one,
//! so an older copy of the workbook (from `--content`) keeps its answers as they are.

use crate::answers::{Answers, Value};
use crate::content::{Kind, Workbook};

/// Exercises renamed: (chapter id, old exercise id, new exercise id).
const IDS: &[(&str, &str, &str)] = &[];

/// Option texts reworded: (chapter id, exercise id, old text, new text).
const OPTIONS: &[(&str, &str, &str, &str)] = &[
    (
        "where-distrust-comes-from",
        "main-source",
        "Earlier experiences, from before this relationship",
        "Experiences from before this relationship",
    ),
    (
        "where-distrust-comes-from",
        "main-source",
        "My own insecurities and doubts about myself",
        "My own doubts about myself",
    ),
    (
        "where-distrust-comes-from",
        "main-source",
        "Things happening in our relationship now",
        "Things happening between us now",
    ),
];

/// Applies the shipped workbook's renames to `answers`, where `wb` has the new names;
/// true when an answer moved (the caller keeps the file as it was).
pub fn migrate(answers: &mut Answers, wb: &Workbook) -> bool {
    let ids: Vec<_> = IDS
        .iter()
        .filter(|(c, old, new)| wb.find(c, new).is_some() && wb.find(c, old).is_none())
        .copied()
        .collect();
    let options: Vec<_> = OPTIONS
        .iter()
        .filter(|(c, e, old, new)| {
            let Some((ci, ei)) = wb.find(c, e) else {
                return false;
            };
            let opts: &[String] = match &wb.chapters[ci].exercises[ei].kind {
                Kind::Choice { options, .. } | Kind::Checklist { options, .. } => options,
                Kind::Text
                | Kind::List { .. }
                | Kind::Scale { .. }
                | Kind::Ratings { .. }
                | Kind::Date
                | Kind::Page => &[],
            };
            opts.iter().any(|o| o == new) && !opts.iter().any(|o| o == old)
        })
        .copied()
        .collect();
    if ids.is_empty() && options.is_empty() {
        return false;
    }
    let before = answers.clone();
    migrate_with(answers, &ids, &options);
    *answers != before
}

/// Applies the renames in `ids` and `options`. An answer is moved to a new id only where
/// that id has no answer yet; otherwise it stays under the old id, untouched.
fn migrate_with(answers: &mut Answers, ids: &[(&str, &str, &str)], options: &[(&str, &str, &str, &str)]) {
    for (chapter, old, new) in ids {
        let Some(ch) = answers.single.get_mut(*chapter) else {
            continue;
        };
        if ch.contains_key(*new) {
            continue;
        }
        if let Some(a) = ch.remove(*old) {
            ch.insert((*new).to_string(), a);
        }
    }
    for (chapter, exercise, old, new) in options {
        let Some(a) = answers
            .single
            .get_mut(*chapter)
            .and_then(|c| c.get_mut(*exercise))
        else {
            continue;
        };
        match &mut a.value {
            Value::Choice { option, .. } => {
                if option.as_deref() == Some(*old) {
                    *option = Some((*new).to_string());
                }
            }
            Value::Checklist { ticked, .. } => {
                let had_new = ticked.iter().any(|t| t == new);
                if let Some(i) = ticked.iter().position(|t| t == old) {
                    if had_new {
                        ticked.remove(i);
                    } else {
                        ticked[i] = (*new).to_string();
                    }
                }
            }
            Value::Text { .. }
            | Value::List { .. }
            | Value::Scale { .. }
            | Value::Ratings { .. }
            | Value::Date { .. }
            | Value::Empty {} => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Value;

    fn tick(a: &mut Answers, c: &str, e: &str, v: Value) {
        a.set(c, e, v, "2026-01-01T00:00:00Z".into());
    }

    #[test]
    fn ids_move_only_into_free_places() {
        let mut a = Answers::default();
        let text = |t: &str| Value::Text { text: t.into() };
        tick(&mut a, "c", "old", text("kept words"));
        tick(&mut a, "c", "old2", text("second"));
        tick(&mut a, "c", "taken", text("already here"));
        migrate_with(&mut a, &[("c", "old", "new"), ("c", "old2", "taken")], &[]);
        assert_eq!(a.get("c", "new").map(|x| &x.value), Some(&text("kept words")));
        assert!(a.get("c", "old").is_none());
        // The new id was answered: both answers stay.
        assert_eq!(a.get("c", "old2").map(|x| &x.value), Some(&text("second")));
        assert_eq!(a.get("c", "taken").map(|x| &x.value), Some(&text("already here")));
    }

    #[test]
    fn checklist_ticks_are_renamed_once() {
        let mut a = Answers::default();
        let ticked = |t: &[&str]| Value::Checklist {
            ticked: t.iter().map(|s| s.to_string()).collect(),
            other: None,
        };
        tick(&mut a, "c", "e", ticked(&["x", "old", "new"]));
        tick(&mut a, "c", "f", ticked(&["old", "y"]));
        let opts = [("c", "e", "old", "new"), ("c", "f", "old", "new")];
        migrate_with(&mut a, &[], &opts);
        assert_eq!(a.get("c", "e").map(|x| &x.value), Some(&ticked(&["x", "new"])));
        assert_eq!(a.get("c", "f").map(|x| &x.value), Some(&ticked(&["new", "y"])));
    }
}

//! Answers stored under an exercise id or option text the shipped workbook has since
//! renamed, moved to another chapter or merged into another exercise are moved to the
//! new place when a profile is opened, keeping every word.
//!
//! A change applies only where the workbook in use has the new place and not the old
//! one, so an older copy of the workbook (from `--content`) keeps its answers as they are.

use crate::answers::{Answer, Answers, Value};
use crate::content::{Kind, Workbook};

/// Exercises renamed: (chapter id, old exercise id, new exercise id).
const IDS: &[(&str, &str, &str)] = &[];

/// Exercises moved to another chapter under the same id, so that each chapter keeps
/// 5 to 9 one-time exercises: (old chapter id, exercise id, new chapter id).
const MOVED: &[(&str, &str, &str)] = &[
    ("lasting-trust", "trust-today", "where-distrust-comes-from"),
    ("rebuilding-trust", "review-date", "lasting-trust"),
];

/// Exercises merged into a text exercise of the same chapter: (chapter id, old exercise
/// id, text exercise id, label). The old answer's words are added to the end of the text,
/// after the label, such as "How often: Twice a week".
const MERGED: &[(&str, &str, &str, &str)] = &[
    (
        "rebuilding-trust",
        "slips-plan",
        "triggers-plan",
        "If there's a slip",
    ),
    ("lasting-trust", "check-in-rhythm", "check-in-plan", "How often"),
];

/// Option texts reworded: (chapter id, exercise id, old text, new text).
const OPTIONS: &[(&str, &str, &str, &str)] = &[
    (
        "rebuilding-trust",
        "room-to-heal",
        "Being able to ask questions, even the same ones again",
        "Being able to ask questions at times we agree, and get honest answers",
    ),
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
    let moved: Vec<_> = MOVED
        .iter()
        .filter(|(old, e, new)| wb.find(new, e).is_some() && wb.find(old, e).is_none())
        .copied()
        .collect();
    let merged: Vec<_> = MERGED
        .iter()
        .filter(|(c, old, into, _)| {
            wb.find(c, old).is_none()
                && wb
                    .find(c, into)
                    .is_some_and(|(ci, ei)| wb.chapters[ci].exercises[ei].kind == Kind::Text)
        })
        .copied()
        .collect();
    let options: Vec<_> = OPTIONS
        .iter()
        .filter(|(c, e, old, new)| {
            let Some((ci, ei)) = wb.find(c, e) else {
                return false;
            };
            let kind = &wb.chapters[ci].exercises[ei].kind;
            let opts = kind.as_choice().or(kind.as_checklist()).unwrap_or_default();
            opts.iter().any(|o| o == new) && !opts.iter().any(|o| o == old)
        })
        .copied()
        .collect();
    if ids.is_empty() && moved.is_empty() && merged.is_empty() && options.is_empty() {
        return false;
    }
    let before = answers.clone();
    migrate_with(answers, &ids, &options);
    move_chapters(answers, &moved);
    merge_into_text(answers, &merged);
    *answers != before
}

/// Moves answers to another chapter under the same id, only where that place has no
/// answer yet; otherwise the answer stays where it was, untouched.
fn move_chapters(answers: &mut Answers, moved: &[(&str, &str, &str)]) {
    for (old, exercise, new) in moved {
        if answers.get(new, exercise).is_some() {
            continue;
        }
        let Some(a) = answers.single.get_mut(*old).and_then(|c| c.remove(*exercise)) else {
            continue;
        };
        answers
            .single
            .entry((*new).to_string())
            .or_default()
            .insert((*exercise).to_string(), a);
    }
}

/// Adds the words of each merged answer to the end of the text it was merged into. A
/// merged answer that was private or skipped (shared with nobody) makes the text private,
/// so nothing hidden comes to be shared. An answer with no words to carry (only a mark)
/// is dropped; one whose kind has no words here is left as it is.
fn merge_into_text(answers: &mut Answers, merged: &[(&str, &str, &str, &str)]) {
    for (chapter, old, into, label) in merged {
        let Some(ch) = answers.single.get_mut(*chapter) else {
            continue;
        };
        let Some(words) = ch.get(*old).and_then(|a| words_of(&a.value)) else {
            continue;
        };
        let fits = ch
            .get(*into)
            .is_none_or(|a| a.value.as_text().is_some() || matches!(a.value, Value::Empty {}));
        if !fits {
            continue;
        }
        let Some(from) = ch.remove(*old) else {
            continue;
        };
        if words.is_empty() {
            continue;
        }
        let line = format!("{label}: {words}");
        let hidden = from.private || from.skipped;
        match ch.get_mut(*into) {
            Some(a) => {
                a.value = match &a.value {
                    Value::Text { text } if !text.trim().is_empty() => Value::Text {
                        text: format!("{}\n\n{line}", text.trim_end()),
                    },
                    _ => Value::Text { text: line },
                };
                a.private |= hidden;
                if from.changed > a.changed {
                    a.changed = from.changed;
                }
            }
            None => {
                let a = Answer {
                    changed: from.changed,
                    private: hidden,
                    skipped: false,
                    value: Value::Text { text: line },
                };
                ch.insert((*into).to_string(), a);
            }
        }
    }
}

/// The words of a text or a choice answer (empty when it has none); `None` for kinds
/// that are not merged into a text.
fn words_of(value: &Value) -> Option<String> {
    let words = if let Some(text) = value.as_text() {
        text
    } else if let Some((option, other)) = value.as_choice() {
        option.or(other).unwrap_or_default()
    } else if matches!(value, Value::Empty {}) {
        ""
    } else {
        return None;
    };
    Some(words.trim().to_string())
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
        if let Value::Choice { option, .. } = &mut a.value
            && option.as_deref() == Some(*old)
        {
            *option = Some((*new).to_string());
        }
        if let Value::Checklist { ticked, .. } = &mut a.value
            && let Some(i) = ticked.iter().position(|t| t == old)
        {
            if ticked.iter().any(|t| t == new) {
                ticked.remove(i);
            } else {
                ticked[i] = (*new).to_string();
            }
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

    #[test]
    fn moved_answers_change_chapter_only_into_free_places() {
        let mut a = Answers::default();
        let text = |t: &str| Value::Text { text: t.into() };
        tick(&mut a, "old", "e", text("moves"));
        tick(&mut a, "old", "f", text("stays"));
        tick(&mut a, "new", "f", text("already here"));
        move_chapters(&mut a, &[("old", "e", "new"), ("old", "f", "new")]);
        assert_eq!(a.get("new", "e").map(|x| &x.value), Some(&text("moves")));
        assert!(a.get("old", "e").is_none());
        assert_eq!(a.get("old", "f").map(|x| &x.value), Some(&text("stays")));
        assert_eq!(a.get("new", "f").map(|x| &x.value), Some(&text("already here")));
    }

    #[test]
    fn merged_words_are_added_to_the_text_and_hidden_stays_hidden() {
        let mut a = Answers::default();
        let text = |t: &str| Value::Text { text: t.into() };
        let choice = |o: Option<&str>, other: Option<&str>| Value::Choice {
            option: o.map(str::to_string),
            other: other.map(str::to_string),
        };
        // Into an answered text, after its words.
        tick(&mut a, "c", "plan", text("Sundays.\n"));
        tick(&mut a, "c", "often", choice(Some("Twice a week"), None));
        // Into nothing yet: the words become the text, private as they were.
        tick(&mut a, "c", "slips", text("I tell you the same day."));
        a.single
            .get_mut("c")
            .and_then(|c| c.get_mut("slips"))
            .expect("slips")
            .private = true;
        // "Other" words are carried too; a skipped answer makes the text private.
        tick(&mut a, "d", "plan", text("Shared words."));
        tick(&mut a, "d", "often", choice(None, Some("When one of us asks")));
        a.single
            .get_mut("d")
            .and_then(|c| c.get_mut("often"))
            .expect("often")
            .skipped = true;
        // A kind without words here is left as it is.
        tick(&mut a, "e", "often", Value::Scale { value: 3 });
        let merged = [
            ("c", "often", "plan", "How often"),
            ("c", "slips", "triggers", "If there's a slip"),
            ("d", "often", "plan", "How often"),
            ("e", "often", "plan", "How often"),
        ];
        merge_into_text(&mut a, &merged);
        let got = |c: &str, e: &str| a.get(c, e).cloned().expect("answer");
        assert_eq!(
            got("c", "plan").value,
            text("Sundays.\n\nHow often: Twice a week")
        );
        assert!(!got("c", "plan").private);
        assert!(a.get("c", "often").is_none());
        assert_eq!(
            got("c", "triggers").value,
            text("If there's a slip: I tell you the same day.")
        );
        assert!(got("c", "triggers").private);
        assert_eq!(
            got("d", "plan").value,
            text("Shared words.\n\nHow often: When one of us asks")
        );
        assert!(
            got("d", "plan").private,
            "a skipped answer shared nothing, and still shares nothing"
        );
        assert_eq!(got("e", "often").value, Value::Scale { value: 3 });
        assert!(a.get("e", "plan").is_none());
    }
}

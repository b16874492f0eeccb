//! The compare view: blind until both have answered, private answers never
//! shown, counts of who is still to answer, and a layout that fits its width.
//!
//! Golden files live in `tests/golden/`; rewrite them after an intended change
//! with `UPDATE_GOLDEN=1 cargo test --test compare` and review the diff.

mod common;

use common::{golden, list, put, text, workbook};
use trustbook::answers::{Answers, Value};
use trustbook::compare::{self, Comparison, RowView, Share, Summary};
use unicode_width::UnicodeWidthStr;

const ALEX_ONE_SIDED: &str = "ALEX-ONE-SIDED-ITEM";
const SAM_ONE_SIDED: &str = "SAM-ONE-SIDED-REFLECTION";
const SAM_PRIVATE: &str = "SAM-PRIVATE-PICK";
const ALEX_STARTED: &str = "ALEX-STARTED-LIST";

/// alex and sam, one of each case:
/// - one/free: both answered (CJK, emoji, combining marks, a very long word);
/// - one/items: only alex;
/// - one/pick: alex only started (an empty "other"), sam private;
/// - one/reflection: only sam;
/// - two/ticks: both answered;
/// - two/rate: alex private, sam answered;
/// - two/reflection: neither.
fn couple() -> (Answers, Answers) {
    let (mut alex, mut sam) = (Answers::default(), Answers::default());
    put(
        &mut alex,
        "one",
        "free",
        false,
        text(&format!(
            "信頼は時間がかかる。{}\n\nTrust takes time 👍🏽, cafe\u{301} talks.",
            "信頼を取り戻すには、毎日の小さな約束を守ることが大切だと思う。".repeat(3)
        )),
    );
    put(
        &mut sam,
        "one",
        "free",
        false,
        text(&format!("Mostly agree.\nA {} word.", "very".repeat(40))),
    );
    put(
        &mut alex,
        "one",
        "items",
        false,
        list(&[ALEX_ONE_SIDED, "second item"]),
    );
    put(
        &mut alex,
        "one",
        "pick",
        false,
        Value::Choice {
            option: None,
            other: Some(String::new()),
        },
    );
    put(
        &mut sam,
        "one",
        "pick",
        true,
        Value::Choice {
            option: None,
            other: Some(SAM_PRIVATE.to_string()),
        },
    );
    put(&mut sam, "one", "reflection", false, text(SAM_ONE_SIDED));
    put(
        &mut alex,
        "two",
        "ticks",
        false,
        Value::Checklist {
            ticked: vec!["One".to_string(), "Three".to_string()],
        },
    );
    put(
        &mut sam,
        "two",
        "ticks",
        false,
        Value::Checklist {
            ticked: vec!["Two".to_string()],
        },
    );
    put(&mut alex, "two", "rate", true, Value::Scale { value: 3 });
    put(&mut sam, "two", "rate", false, Value::Scale { value: 9 });
    (alex, sam)
}

fn comparison() -> Comparison {
    let (alex, sam) = couple();
    compare::compare(&workbook(), ("alex", &alex), ("sam", &sam))
}

fn view(c: &Comparison, chapter: &str, exercise: &str) -> RowView {
    c.chapters
        .iter()
        .find(|ch| ch.id == chapter)
        .and_then(|ch| ch.rows.iter().find(|r| r.exercise_id == exercise))
        .map(|r| r.view.clone())
        .expect("row exists")
}

#[test]
fn counts_who_is_still_to_answer() {
    let c = comparison();
    assert_eq!(
        c.summary,
        Summary {
            total: 7,
            shown: 2,
            waiting_on_me: 3,
            waiting_on_partner: 2,
            private: 2,
        }
    );
    assert_eq!(
        c.summary_text(),
        "2 to talk over, 2 waiting on sam, 3 waiting on alex, 2 kept private"
    );
}

#[test]
fn shows_a_row_only_when_both_have_shared() {
    use Share::*;
    let c = comparison();
    assert!(matches!(view(&c, "one", "free"), RowView::Both { .. }));
    assert!(matches!(view(&c, "two", "ticks"), RowView::Both { .. }));
    for (ch, ex, me, partner) in [
        ("one", "items", Shared, NotAnswered),
        ("one", "pick", NotAnswered, Private),
        ("one", "reflection", NotAnswered, Shared),
        ("two", "rate", Private, Shared),
        ("two", "reflection", NotAnswered, NotAnswered),
    ] {
        assert_eq!(view(&c, ch, ex), RowView::Hidden { me, partner }, "{ch}/{ex}");
    }
}

#[test]
fn hidden_rows_say_why_without_content() {
    use Share::*;
    let c = comparison();
    for (me, partner, says) in [
        (
            Shared,
            NotAnswered,
            "Hidden until both have answered: waiting on sam.",
        ),
        (
            NotAnswered,
            Private,
            "Not shown: sam keeps this answer private; waiting on alex.",
        ),
        (Private, Private, "Not shown: both keep their answers private."),
        (NotAnswered, NotAnswered, "Not shown: neither has answered yet."),
    ] {
        assert_eq!(c.hidden_text(me, partner), says);
    }
}

#[test]
fn hidden_answers_appear_nowhere() {
    let c = comparison();
    let held = format!("{c:?}");
    for width in [40, 60, 80, 99, 100, 120, 200] {
        let out = compare::render_text(&c, width);
        for secret in [
            ALEX_ONE_SIDED,
            "second item",
            SAM_ONE_SIDED,
            SAM_PRIVATE,
            "3 / 10",
            "9 / 10",
        ] {
            assert!(!out.contains(secret), "{secret:?} shown at width {width}:\n{out}");
            assert!(!held.contains(secret), "{secret:?} held in the comparison");
        }
    }
    let out = compare::render_text(&c, 80);
    assert!(out.contains("Hidden until both have answered: waiting on sam."));
    assert!(out.contains("Not shown: alex keeps this answer private."));
}

#[test]
fn either_partner_sees_the_same_rules() {
    let (alex, sam) = couple();
    let c = compare::compare(&workbook(), ("sam", &sam), ("alex", &alex));
    assert_eq!((c.summary.waiting_on_me, c.summary.waiting_on_partner), (2, 3));
    let out = compare::render_text(&c, 120);
    for secret in [ALEX_ONE_SIDED, SAM_ONE_SIDED, SAM_PRIVATE, "9 / 10"] {
        assert!(!out.contains(secret), "{secret:?} shown");
    }
}

#[test]
fn a_started_answer_is_not_yet_answered() {
    let wb = workbook();
    let (mut alex, mut sam) = (Answers::default(), Answers::default());
    // At least one item is asked for; blank items do not count.
    put(&mut alex, "one", "items", false, list(&["  "]));
    put(&mut sam, "one", "items", false, list(&[ALEX_STARTED]));
    let c = compare::compare(&wb, ("alex", &alex), ("sam", &sam));
    assert!(!compare::render_text(&c, 120).contains(ALEX_STARTED));
    assert_eq!(c.summary.shown, 0);
}

#[test]
fn shows_both_answers_formatted_by_kind() {
    let c = comparison();
    let wide = compare::render_text(&c, 120);
    assert!(wide.contains("[x] One"), "{wide}");
    assert!(wide.contains("| [x] Two"), "{wide}");
    assert!(wide.contains("信頼は時間がかかる。"));
    assert!(wide.contains("cafe\u{301}"));
    let narrow = compare::render_text(&c, 60);
    assert!(narrow.contains("\nalex:\n  信頼は"), "{narrow}");
    assert!(narrow.contains("\nsam:\n  Mostly agree.\n"), "{narrow}");
    assert!(!narrow.contains(" | "));
}

#[test]
fn lines_never_exceed_the_width() {
    let c = comparison();
    for width in (10..=140).chain([60, 120]) {
        let out = compare::render_text(&c, width);
        for line in out.lines() {
            assert!(
                line.width() <= usize::from(width),
                "{} columns at width {width}: {line:?}",
                line.width()
            );
        }
    }
}

#[test]
fn side_by_side_from_100_columns() {
    let c = comparison();
    assert!(
        compare::render_text(&c, 100).contains("alex") && compare::render_text(&c, 100).contains(" | sam")
    );
    assert!(!compare::render_text(&c, 99).contains(" | sam"));
}

#[test]
fn render_matches_golden() {
    let c = comparison();
    golden("compare-60.txt", &compare::render_text(&c, 60));
    golden("compare-120.txt", &compare::render_text(&c, 120));
}

#[test]
fn names_cannot_drive_the_terminal() {
    let (alex, sam) = couple();
    let c = compare::compare(&workbook(), ("al\u{1b}[2Jex", &alex), ("sam", &sam));
    let out = compare::render_text(&c, 80);
    assert!(!out.contains('\u{1b}'));
    assert!(out.contains("al[2Jex and sam"), "{out}");
}

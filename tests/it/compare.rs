//! The compare view: blind until both have answered, private answers never
//! shown and never even hinted at (they read exactly as unanswered ones),
//! counts of who is still to answer, and a layout that fits its width.
//!
//! The rendered comparison is an insta snapshot; after an intended change, review
//! it with `cargo insta review` (or `INSTA_UPDATE=always` and the diff).

use crate::common::{ends_in_newline, list, put, text, workbook};
use trustbook::answers::{Answers, Value};
use trustbook::comparison::{self, Comparison, RowView, Share, Summary};
use trustbook::export::shareable;
use unicode_width::UnicodeWidthStr;

const ALEX_ONE_SIDED: &str = "ALEX-ONE-SIDED-ITEM";
const SAM_ONE_SIDED: &str = "SAM-ONE-SIDED-REFLECTION";
const SAM_PRIVATE: &str = "SAM-PRIVATE-PICK";
const ALEX_STARTED: &str = "ALEX-STARTED-LIST";
const ALEX_PRIVATE_RATE: &str = "3 / 10";

/// alex and sam, one of each case:
/// - one/free: both answered (CJK, emoji, combining marks, a very long word);
/// - one/items: only alex;
/// - one/pick: alex only started (an empty "other"), sam private;
/// - one/reflection: only sam;
/// - two/ticks: both answered;
/// - two/rate: alex private, sam answered;
/// - two/reflection: neither (alex marked it private with nothing written).
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
            other: None,
        },
    );
    put(
        &mut sam,
        "two",
        "ticks",
        false,
        Value::Checklist {
            ticked: vec!["Two".to_string()],
            other: None,
        },
    );
    put(&mut alex, "two", "rate", true, Value::Scale { value: 3 });
    put(&mut sam, "two", "rate", false, Value::Scale { value: 9 });
    put(&mut alex, "two", "reflection", true, text(""));
    (alex, sam)
}

fn comparison() -> Comparison {
    let (alex, sam) = couple();
    comparison::compare(&workbook(), ("alex", &alex), ("sam", &sam))
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
            // Private answers count as waiting: alex's "rate", sam's "pick".
            waiting_on_me: 4,
            mine_private: 0,
        }
    );
    assert_eq!(
        c.summary_text(),
        // Only my own side is counted: no total of what sam has not shared.
        "2 to talk over, 4 waiting on alex"
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
        ("one", "pick", NotAnswered, NotAnswered),
        ("one", "reflection", NotAnswered, Shared),
        ("two", "rate", NotAnswered, Shared),
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
            "Nothing of sam's to show yet. Nothing is shown for this one until both have shared an answer.",
        ),
        (
            NotAnswered,
            Shared,
            "alex has not answered yet. Nothing is shown for this one until both have shared an answer.",
        ),
        (
            NotAnswered,
            NotAnswered,
            "alex has not answered yet. Nothing of sam's to show yet. Nothing is shown for this one until both have shared an answer.",
        ),
        // However the partner stands, their side reads the same.
        (
            Shared,
            Skipped,
            "Nothing of sam's to show yet. Nothing is shown for this one until both have shared an answer.",
        ),
        (
            Shared,
            Personal,
            "Nothing of sam's to show yet. Nothing is shown for this one until both have shared an answer.",
        ),
    ] {
        assert_eq!(c.hidden_text(me, partner), says);
    }
}

#[test]
fn hidden_answers_appear_nowhere() {
    let c = comparison();
    let held = format!("{c:?}");
    for width in [40, 60, 80, 99, 100, 120, 200] {
        let out = comparison::render_text(&c, width);
        for secret in [
            ALEX_ONE_SIDED,
            "second item",
            SAM_ONE_SIDED,
            SAM_PRIVATE,
            ALEX_PRIVATE_RATE,
            "9 / 10",
        ] {
            assert!(!out.contains(secret), "{secret:?} shown at width {width}:\n{out}");
            assert!(!held.contains(secret), "{secret:?} held in the comparison");
        }
    }
    let out = comparison::render_text(&c, 80);
    assert!(out.contains("Nothing of sam's to show yet."));
    // alex's private "rate" reads as not answered yet.
    assert!(out.contains("alex has not answered yet."));
}

/// Knowing that a partner wrote something and hid it is itself a disclosure: with private
/// answers, the comparison and its text are exactly what they would be without them, and
/// no word of the output speaks of privacy (no marker, no count).
#[test]
fn private_answers_are_indistinguishable_from_unanswered_ones() {
    let wb = workbook();
    let (alex, sam) = couple();
    let (alex_open, sam_open) = (shareable(&alex, false), shareable(&sam, false));
    assert_ne!(alex, alex_open, "the fixture has private answers");
    for (me, partner, me_open, partner_open) in [
        (("alex", &alex), ("sam", &sam), &alex_open, &sam_open),
        (("sam", &sam), ("alex", &alex), &sam_open, &alex_open),
    ] {
        let with = comparison::compare(&wb, me, partner);
        let without = comparison::compare(&wb, (me.0, me_open), (partner.0, partner_open));
        assert_eq!(with, without, "{} and {}", me.0, partner.0);
        assert_eq!(with.summary_text(), without.summary_text());
        for width in [20, 40, 60, 80, 99, 100, 120, 200] {
            let out = comparison::render_text(&with, width);
            assert_eq!(out, comparison::render_text(&without, width), "width {width}");
            let lower = out.to_lowercase();
            for marker in ["private", "keeps", "kept", "hidden by", "not shared"] {
                assert!(!lower.contains(marker), "{marker:?} at width {width}:\n{out}");
            }
            for secret in [SAM_PRIVATE, ALEX_PRIVATE_RATE] {
                assert!(!out.contains(secret), "{secret:?} at width {width}:\n{out}");
            }
        }
    }
}

/// Marking an exercise private before answering it shows nothing special either.
#[test]
fn a_private_mark_on_nothing_changes_nothing() {
    let wb = workbook();
    let (mut alex, sam) = couple();
    let before = comparison::compare(&wb, ("alex", &alex), ("sam", &sam));
    put(&mut alex, "one", "reflection", true, text(""));
    put(
        &mut alex,
        "one",
        "pick",
        true,
        Value::Choice {
            option: None,
            other: Some(String::new()),
        },
    );
    let after = comparison::compare(&wb, ("alex", &alex), ("sam", &sam));
    assert_eq!(before, after);
    assert_eq!(
        comparison::render_text(&before, 80),
        comparison::render_text(&after, 80)
    );
}

/// Unmarking a private answer opens its row once the other has answered too.
#[test]
fn unmarking_a_private_answer_opens_its_row() {
    let wb = workbook();
    let (mut alex, sam) = couple();
    alex.single
        .get_mut("two")
        .and_then(|c| c.get_mut("rate"))
        .expect("rate")
        .private = false;
    let c = comparison::compare(&wb, ("alex", &alex), ("sam", &sam));
    assert!(matches!(view(&c, "two", "rate"), RowView::Both { .. }));
    assert_eq!(c.summary.waiting_on_me, 3);
    assert!(comparison::render_text(&c, 80).contains(ALEX_PRIVATE_RATE));
}

#[test]
fn either_partner_sees_the_same_rules() {
    let (alex, sam) = couple();
    let c = comparison::compare(&workbook(), ("sam", &sam), ("alex", &alex));
    assert_eq!(c.summary.waiting_on_me, 3);
    let out = comparison::render_text(&c, 120);
    for secret in [
        ALEX_ONE_SIDED,
        SAM_ONE_SIDED,
        SAM_PRIVATE,
        ALEX_PRIVATE_RATE,
        "9 / 10",
    ] {
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
    let c = comparison::compare(&wb, ("alex", &alex), ("sam", &sam));
    assert!(!comparison::render_text(&c, 120).contains(ALEX_STARTED));
    assert_eq!(c.summary.shown, 0);
}

#[test]
fn shows_both_answers_formatted_by_kind() {
    let c = comparison();
    let wide = comparison::render_text(&c, 120);
    assert!(wide.contains("[x] One"), "{wide}");
    assert!(wide.contains("| [x] Two"), "{wide}");
    assert!(wide.contains("信頼は時間がかかる。"));
    assert!(wide.contains("cafe\u{301}"));
    let narrow = comparison::render_text(&c, 60);
    assert!(narrow.contains("\nalex:\n  信頼は"), "{narrow}");
    assert!(narrow.contains("\nsam:\n  Mostly agree.\n"), "{narrow}");
    assert!(!narrow.contains(" | "));
}

#[test]
fn lines_never_exceed_the_width() {
    let c = comparison();
    for width in (10..=140).chain([60, 120]) {
        let out = comparison::render_text(&c, width);
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
fn side_by_side_from_an_80_column_terminal() {
    let c = comparison();
    // 78: what the app's body has in an 80-column terminal.
    assert!(
        comparison::render_text(&c, 78).contains("alex")
            && comparison::render_text(&c, 78).contains(" | sam")
    );
    assert!(!comparison::render_text(&c, 77).contains(" | sam"));
}

#[test]
fn render_matches_golden() {
    let c = comparison();
    insta::assert_snapshot!("compare-60", ends_in_newline(&comparison::render_text(&c, 60)));
    insta::assert_snapshot!("compare-120", ends_in_newline(&comparison::render_text(&c, 120)));
}

#[test]
fn names_cannot_drive_the_terminal() {
    let (alex, sam) = couple();
    let c = comparison::compare(&workbook(), ("al\u{1b}[2Jex", &alex), ("sam", &sam));
    let out = comparison::render_text(&c, 80);
    assert!(!out.contains('\u{1b}'));
    // Quoted, not dropped: the name reads as it is, and cannot clear the screen.
    assert!(out.contains("al<U+001B>[2Jex and sam"), "{out}");
}

/// A private answer reads as not answered, even when it is also marked skipped: the
/// skip must not show through (format 2).
#[test]
fn a_private_skip_reads_as_not_answered() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v2-workbook");
    let wb = trustbook::content::load_dir(&dir).expect("v2 fixture");
    let (c, e) = wb.find("after-a-fight", "excuses").expect("excuses");
    let ex = &wb.chapters[c].exercises[e];
    let mut alex = Answers::default();
    alex.set(
        "after-a-fight",
        "excuses",
        text("My own words."),
        "2026-11-26T10:00:00Z".into(),
    );
    alex.toggle_skipped("after-a-fight", ex, "2026-11-26T10:01:00Z".into());
    assert_eq!(
        alex.toggle_private("after-a-fight", ex, "2026-11-26T10:02:00Z".into()),
        Some(true)
    );
    let sam = Answers::default();
    let cmp = comparison::compare(&wb, ("sam", &sam), ("alex", &alex));
    let shown = comparison::render_text(&cmp, 80);
    assert!(!shown.contains("Skipped by alex"), "{shown}");
    assert!(!shown.contains("My own words."), "{shown}");
}

/// An exercise made "not needed" by a private answer reads as not answered: "not
/// needed" would tell the partner what the private answer was (format 2 `when`).
#[test]
fn not_needed_by_a_private_answer_tells_nothing() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v2-workbook");
    let wb = trustbook::content::load_dir(&dir).expect("v2 fixture");
    let (c, e) = wb.find("after-a-fight", "how-upset").expect("how-upset");
    let upset = &wb.chapters[c].exercises[e];
    let mut alex = Answers::default();
    // Above 3: "talk-now" is not needed.
    alex.set(
        "after-a-fight",
        "how-upset",
        Value::Scale { value: 9 },
        "2026-11-26T10:00:00Z".into(),
    );
    // sam has not answered what decides it: "not needed" would tell alex's answer early.
    let blind = comparison::render_text(
        &comparison::compare(&wb, ("sam", &Answers::default()), ("alex", &alex)),
        80,
    );
    assert!(!blind.contains("Not needed"), "before sam answers: {blind}");
    let mut sam = Answers::default();
    sam.set(
        "after-a-fight",
        "how-upset",
        Value::Scale { value: 2 },
        "2026-11-26T10:00:00Z".into(),
    );
    let open = comparison::render_text(&comparison::compare(&wb, ("sam", &sam), ("alex", &alex)), 80);
    assert!(
        open.contains("Not needed for alex"),
        "both answered, the condition shows: {open}"
    );
    alex.toggle_private("after-a-fight", upset, "2026-11-26T10:01:00Z".into());
    let private = comparison::render_text(&comparison::compare(&wb, ("sam", &sam), ("alex", &alex)), 80);
    assert!(!private.contains("Not needed"), "{private}");
}

//! The `score` kind: worked out from other answers (a thought record's change from
//! before to after, a questionnaire's sum and mean with bands), checked by the
//! validator, private when it reads a private answer, and shown in both exports.

use std::collections::BTreeMap;
use std::fs;

use trustbook::answers::{Answer, Answers, Value};
use trustbook::comparison::{RowView, Share, compare};
use trustbook::content::{self, Diagnostic, Workbook};
use trustbook::entry::Entry;
use trustbook::export::{self, ExportMeta};
use trustbook::present::score::{Outcome, compute};

use crate::common::v2::map;

/// Writes a format-`version` workbook of one chapter `a` with `body` (its exercises,
/// perhaps a `[repeat]`) and loads it.
fn load(version: i64, body: &str) -> Result<Workbook, Vec<Diagnostic>> {
    let dir = tempfile::tempdir().expect("temp dir");
    let wb = format!(
        "format_version = {version}\nid = \"b\"\ntitle = \"T\"\nwelcome = \"W\"\nnote = \"N\"\nclosing = \"C\"\nchapters = [\"a.toml\"]\n"
    );
    let ch = format!(
        "id = \"a\"\ntitle = \"A\"\nintroduction = \"I\"\n\n{body}\n\n[reflection]\nprompt = \"R\"\n"
    );
    fs::write(dir.path().join("workbook.toml"), wb).expect("write");
    fs::write(dir.path().join("a.toml"), ch).expect("write");
    content::load_dir(dir.path()).map_err(|d| d.0)
}

/// The one error of a chapter that should not load, as shown.
fn error(body: &str) -> String {
    let d = load(2, body).expect_err("should not load");
    assert_eq!(d.len(), 1, "{d:#?}");
    d[0].to_string()
}

const RECORD: &str = r#"
[[exercises]]
id = "situation"
kind = "text"
title = "Situation"
prompt = "What happened?"

[[exercises]]
id = "before"
kind = "ratings"
title = "Feelings before"
prompt = "How strong, 0 to 100?"
items = ["Anxious", "Angry"]
min = 0
max = 100

[[exercises]]
id = "after"
kind = "ratings"
title = "Feelings after"
prompt = "And now?"
items = ["Anxious", "Angry"]
min = 0
max = 100

[[exercises]]
id = "change"
kind = "score"
title = "Change"
prompt = "How much the feelings moved."
method = "change"
before = "before"
after = "after"
bands = [{ from = -100, to = -1, label = "eased" }, { from = 0, to = 100, label = "no easing" }]

[repeat]
rhythm = "entries"
title = "Thought record"
"#;

fn answer(value: Value, private: bool) -> Answer {
    Answer {
        changed: "2026-11-26T10:04:00Z".into(),
        private,
        skipped: false,
        value,
    }
}

fn ratings(pairs: &[(&str, i64)]) -> Value {
    Value::Ratings {
        ratings: map(pairs),
        na: Default::default(),
        ids: Default::default(),
        was: Default::default(),
    }
}

fn meta() -> ExportMeta {
    ExportMeta {
        profile: "alex".into(),
        date: "2026-11-26".into(),
    }
}

/// Answers with one thought record holding `before` and `after`.
fn record(before: &[(&str, i64)], after: &[(&str, i64)]) -> Answers {
    let mut entry = Entry::new("2026-11-26T10-00-00Z".into(), "2026-11-26T10:00:00Z".into());
    entry
        .answers
        .insert("before".into(), answer(ratings(before), false));
    entry
        .answers
        .insert("after".into(), answer(ratings(after), false));
    let mut a = Answers::default();
    a.entries.insert("a".into(), vec![entry]);
    a
}

#[test]
fn a_thought_records_change_is_worked_out_per_item_and_overall() {
    let wb = load(2, RECORD).expect("valid");
    let ch = &wb.chapters[0];
    let score = ch.exercises[3].kind.as_score().expect("a score");
    let answers = record(
        &[("Anxious", 80), ("Angry", 60)],
        &[("Anxious", 40), ("Angry", 50)],
    );
    let entry = &answers.entries["a"][0];
    let Outcome::Value {
        value,
        items,
        private,
    } = compute(score, ch, |id| entry.answers.get(id))
    else {
        panic!("both ratings are there");
    };
    assert_eq!(value, -25.0);
    assert_eq!(
        items,
        vec![("Angry".to_string(), -10), ("Anxious".to_string(), -40)]
    );
    // A thought record's entries start private, so the score over them is private too.
    assert!(private);
    assert_eq!(score.band(value).map(|b| b.label.as_str()), Some("eased"));
    // Not a thing to answer: progress counts the three exercises only (reflections are never counted).
    assert_eq!(wb.exercise_count(), 3);
}

#[test]
fn a_change_waits_for_the_after_ratings() {
    let wb = load(2, RECORD).expect("valid");
    let ch = &wb.chapters[0];
    let score = ch.exercises[3].kind.as_score().expect("a score");
    let answers = record(&[("Anxious", 80), ("Angry", 60)], &[]);
    let entry = &answers.entries["a"][0];
    assert_eq!(
        compute(score, ch, |id| entry.answers.get(id)),
        Outcome::Missing(vec!["Feelings after".into()])
    );
}

#[test]
fn both_exports_show_the_change_and_markdown_gives_it_a_column() {
    let wb = load(2, RECORD).expect("valid");
    let answers = record(
        &[("Anxious", 80), ("Angry", 60)],
        &[("Anxious", 40), ("Angry", 50)],
    );
    let md = export::markdown(&wb, &answers, &meta(), true);
    assert!(md.contains("Score: -25.0 (eased)"), "{md}");
    assert!(md.contains("Anxious: -40"), "{md}");
    let table = md.split("Values by date").nth(1).expect("a table of values");
    assert!(table.lines().next().is_some());
    assert!(table.contains(" Change |"), "{table}");
    assert!(table.contains("-25.0 (private)"), "{table}");
    let json = export::json(&wb, &answers, &meta(), true);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    // Version 3: a version 2 reader would call `scores` damaged, not newer.
    assert_eq!(v["version"], 3);
    let s = &v["scores"][0];
    assert_eq!(s["exercise"], "change");
    assert_eq!(s["value"], -25.0);
    assert_eq!(s["band"], "eased");
    assert_eq!(s["items"]["Anxious"], -40);
    // The export still reads back: computed scores are not answers.
    export::parse_json(&json).expect("reads back");
}

const QUESTIONNAIRE: &str = r#"
[[exercises]]
id = "q1"
kind = "scale"
title = "Item 1"
prompt = "[item 1 from your licensed copy]"
min = 0
max = 5
min_label = "[low anchor]"
max_label = "[high anchor]"

[[exercises]]
id = "q2"
kind = "ratings"
title = "Items 2 and 3"
prompt = "[items from your licensed copy]"
items = ["[item 2]", "[item 3]"]
min = 0
max = 5

[[exercises]]
id = "total"
kind = "score"
title = "Total"
prompt = "Your total."
method = "sum"
of = ["q1", "q2"]
bands = [{ from = 0, to = 7, label = "[band A]" }, { from = 8, to = 15, label = "[band B]" }]

[[exercises]]
id = "average"
kind = "score"
title = "Average"
prompt = "Your average."
method = "mean"
of = ["q1", "q2"]
bands = [{ from = 0, to = 2, label = "[low]" }, { from = 3, to = 5, label = "[high]" }]
"#;

fn questionnaire(private: bool) -> (Workbook, Answers) {
    let wb = load(2, QUESTIONNAIRE).expect("valid");
    let mut a = Answers::default();
    let once: BTreeMap<String, Answer> = [
        ("q1".to_string(), answer(Value::Scale { value: 4 }, private)),
        (
            "q2".to_string(),
            answer(ratings(&[("[item 2]", 5), ("[item 3]", 2)]), false),
        ),
    ]
    .into_iter()
    .collect();
    a.single.insert("a".into(), once);
    (wb, a)
}

#[test]
fn a_questionnaire_sums_and_averages_into_bands() {
    let (wb, a) = questionnaire(false);
    let ch = &wb.chapters[0];
    let get = |id: &str| a.single["a"].get(id);
    let total = ch.exercises[2].kind.as_score().expect("score");
    let Outcome::Value { value, .. } = compute(total, ch, get) else {
        panic!("answered")
    };
    assert_eq!(value, 11.0);
    assert_eq!(total.band(value).map(|b| b.label.as_str()), Some("[band B]"));
    let mean = ch.exercises[3].kind.as_score().expect("score");
    let Outcome::Value { value, .. } = compute(mean, ch, get) else {
        panic!("answered")
    };
    assert!((value - 11.0 / 3.0).abs() < 1e-9);
    // 3.67 rounds to 4: the upper band.
    assert_eq!(mean.band(value).map(|b| b.label.as_str()), Some("[high]"));
    let md = export::markdown(&wb, &a, &meta(), false);
    assert!(
        md.contains("Score: 11 (\\[band B\\])") || md.contains("Score: 11 ([band B])"),
        "{md}"
    );
    assert!(md.contains("Score: 3.7"), "{md}");
}

#[test]
fn a_score_over_a_private_answer_is_private() {
    let (wb, a) = questionnaire(true);
    let ch = &wb.chapters[0];
    let total = ch.exercises[2].kind.as_score().expect("score");
    let Outcome::Value { private, .. } = compute(total, ch, |id| a.single["a"].get(id)) else {
        panic!("answered")
    };
    assert!(private);
    // A plain export leaves the private answer out, and with it the score.
    let md = export::markdown(&wb, &a, &meta(), false);
    assert!(!md.contains("Score: 11"), "{md}");
    assert!(md.contains("Not enough answers yet"), "{md}");
    let json = export::json(&wb, &a, &meta(), false);
    assert!(!json.contains("\"scores\""), "{json}");
    // Asked for by name, it is there.
    assert!(export::markdown(&wb, &a, &meta(), true).contains("Score: 11"));
    // Compared, my score is private and neither side shows.
    let (_, partner) = questionnaire(false);
    let c = compare(&wb, ("alex", &a), ("sam", &partner));
    let row = c.chapters[0]
        .rows
        .iter()
        .find(|r| r.exercise_id == "total")
        .expect("a row");
    assert!(
        matches!(
            row.view,
            RowView::Hidden {
                me: Share::Personal,
                partner: Share::Shared
            }
        ),
        "{:?}",
        row.view
    );
    // With both shared, each side's own score shows.
    let c = compare(&wb, ("alex", &partner), ("sam", &partner));
    let row = c.chapters[0]
        .rows
        .iter()
        .find(|r| r.exercise_id == "total")
        .expect("a row");
    assert!(matches!(row.view, RowView::Both { .. }), "{:?}", row.view);
}

/// The questionnaire with `from` replaced by `to` in the `total` score.
fn total_with(from: &str, to: &str) -> String {
    let (head, tail) = QUESTIONNAIRE.split_once("id = \"total\"").expect("total");
    let (total, rest) = tail.split_once("[[exercises]]").expect("after total");
    assert!(total.contains(from), "{from}");
    format!(
        "{head}id = \"total\"{}[[exercises]]{rest}",
        total.replacen(from, to, 1)
    )
}

#[test]
fn an_unknown_input_is_named_with_did_you_mean() {
    let e = error(&total_with("of = [\"q1\", \"q2\"]", "of = [\"q1\", \"q22\"]"));
    assert!(
        e.contains("a.toml:") && e.contains("`q22`") && e.contains("did you mean `q2`?"),
        "{e}"
    );
}

#[test]
fn a_sum_needs_its_inputs() {
    let e = error(&total_with("of = [\"q1\", \"q2\"]\n", ""));
    assert!(
        e.contains("does not say what to add up") && e.contains("of = ["),
        "{e}"
    );
}

#[test]
fn an_input_that_is_not_a_scale_or_ratings_is_refused() {
    let body = format!(
        "[[exercises]]\nid = \"note\"\nkind = \"text\"\ntitle = \"N\"\nprompt = \"P\"\n{}",
        total_with("of = [\"q1\", \"q2\"]", "of = [\"q1\", \"note\"]")
    );
    let e = error(&body);
    assert!(
        e.contains("`note`, a text exercise") && e.contains("scales or ratings"),
        "{e}"
    );
}

#[test]
fn an_input_of_another_chapter_is_refused() {
    let e = error(&total_with(
        "of = [\"q1\", \"q2\"]",
        "of = [\"q1\", \"other/q2\"]",
    ));
    assert!(
        e.contains("another chapter") && e.contains("own chapter only"),
        "{e}"
    );
}

#[test]
fn a_score_and_its_inputs_share_a_part() {
    let e = error(&format!(
        "{QUESTIONNAIRE}\n[repeat]\nrhythm = \"weekly\"\ntitle = \"W\"\nexercises = [\"q1\", \"q2\", \"average\"]\n"
    ));
    assert!(
        e.contains("different parts of the chapter") && e.contains("`[repeat]`"),
        "{e}"
    );
}

#[test]
fn a_change_needs_two_ratings_of_one_list() {
    let e = error(&RECORD.replacen(
        "items = [\"Anxious\", \"Angry\"]\nmin = 0\nmax = 100\n\n[[exercises]]\nid = \"change\"",
        "items = [\"Sad\"]\nmin = 0\nmax = 100\n\n[[exercises]]\nid = \"change\"",
        1,
    ));
    assert!(
        e.contains("rate different lists") && e.contains("same `items`"),
        "{e}"
    );
}

#[test]
fn a_change_of_a_scale_is_refused() {
    let e = error(&format!(
        "{QUESTIONNAIRE}\n[[exercises]]\nid = \"moved\"\nkind = \"score\"\ntitle = \"M\"\nprompt = \"P\"\nmethod = \"change\"\nbefore = \"q1\"\nafter = \"q2\"\n"
    ));
    assert!(
        e.contains("`q1`, a scale exercise") && e.contains("two ratings"),
        "{e}"
    );
}

#[test]
fn overlapping_bands_are_refused() {
    let e = error(&total_with("{ from = 8, to = 15", "{ from = 7, to = 15"));
    assert!(
        e.contains("inside the band before it") && e.contains("start it at 8"),
        "{e}"
    );
}

#[test]
fn bands_outside_the_possible_range_are_refused() {
    let e = error(&total_with("{ from = 8, to = 15", "{ from = 8, to = 16"));
    assert!(e.contains("can only be 0 to 15"), "{e}");
}

#[test]
fn an_empty_band_label_is_refused() {
    let e = error(&total_with("label = \"[band A]\"", "label = \" \""));
    assert!(
        e.contains("`label` in band 1 of exercise `total` is empty"),
        "{e}"
    );
}

#[test]
fn an_unknown_method_suggests_one() {
    let e = error(&total_with("method = \"sum\"", "method = \"summ\""));
    assert!(
        e.contains("unknown method `summ`") && e.contains("did you mean `sum`?"),
        "{e}"
    );
}

#[test]
fn a_score_needs_format_2() {
    let d = load(1, "[[exercises]]\nid = \"s\"\nkind = \"score\"\ntitle = \"S\"\nprompt = \"P\"\nmethod = \"sum\"\nof = [\"x\"]\n")
        .expect_err("format 1 has no score");
    assert!(
        d.iter()
            .any(|d| d.to_string().contains("kind `score`") && d.to_string().contains("format_version = 2")),
        "{d:#?}"
    );
}

#[test]
fn an_unknown_kind_names_the_registry() {
    let e = error("[[exercises]]\nid = \"s\"\nkind = \"scroe\"\ntitle = \"S\"\nprompt = \"P\"\n");
    assert!(
        e.contains("unknown kind `scroe`") && e.contains("did you mean `score`?"),
        "{e}"
    );
}

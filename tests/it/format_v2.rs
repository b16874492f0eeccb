//! Format 2: skip and optional exercises, end to end (content, keys, screens,
//! answers file, exports, comparison).

use std::fs;
use std::path::Path;

use ratatui::crossterm::event::KeyCode;
use trustbook::answers::{Answers, Status, Value};
use trustbook::app::Screen;
use trustbook::comparison;
use trustbook::content::{self, Diagnostic, Workbook};
use trustbook::export::{self, ExportMeta};

use crate::common::v2::{CH, load, on, one, v2, v2_dir};
use crate::common::{app_on, app_with, char_key, ctrl, place, press, render, send, type_str, value};

fn exercise<'a>(wb: &'a Workbook, id: &str) -> &'a trustbook::content::Exercise {
    let (c, e) = wb.find(CH, id).expect("exercise in fixture");
    &wb.chapters[c].exercises[e]
}

#[test]
fn the_v2_fixture_loads_with_its_keys() {
    let wb = v2();
    assert_eq!(wb.format_version, 2);
    assert!(exercise(&wb, "anything-else").optional);
    assert!(exercise(&wb, "feelings").optional, "checklist min = 0");
    assert!(exercise(&wb, "what-helps").optional, "list min = 0");
    assert!(!exercise(&wb, "what-happened").optional);
    // An untouched optional exercise counts as done; the others do not.
    let a = Answers::default();
    assert_eq!(a.status(CH, exercise(&wb, "anything-else")), Status::Done);
    assert_eq!(a.status(CH, exercise(&wb, "what-happened")), Status::NotStarted);
}

#[test]
fn v1_fixtures_stay_format_1() {
    // The shipped workbook is format 2 (its "Before you start" page); the frozen copy
    // the pty tests use, and the fixture, stay format 1 and behave as before.
    assert_eq!(crate::common::shipped().format_version, 2);
    assert_eq!(crate::common::pty_workbook().format_version, 1);
    assert_eq!(crate::common::fixture().format_version, 1);
    // min = 0 on a list in format 1 keeps meaning nothing.
    assert!(
        crate::common::pty_workbook()
            .chapters
            .iter()
            .flat_map(|c| &c.exercises)
            .all(|e| !e.optional)
    );
}

#[test]
fn skip_key_marks_counts_done_and_takes_back() {
    let mut app = on("how-upset");
    let wb = v2();
    let ex = exercise(&wb, "how-upset");
    assert_eq!(app.answers().status(CH, ex), Status::NotStarted);
    assert!(render(&app, 80, 24).contains("s skip"), "the footer offers it");
    send(&mut app, char_key('s'));
    assert!(app.answers().is_skipped(CH, "how-upset"));
    assert_eq!(app.answers().status(CH, ex), Status::Done);
    assert_eq!(value(&app, CH, "how-upset"), Some(&Value::Empty {}));
    let screen = render(&app, 80, 24);
    assert!(screen.contains("How upset  [skipped]"), "{screen}");
    assert!(screen.contains("Skipped: counts as done"), "{screen}");
    send(&mut app, char_key('s'));
    assert!(!app.answers().is_skipped(CH, "how-upset"));
    assert_eq!(
        value(&app, CH, "how-upset"),
        None,
        "an un-skip leaves nothing behind"
    );
}

#[test]
fn ctrl_s_skips_while_typing_and_keeps_the_words() {
    let mut app = on("what-happened");
    type_str(&mut app, "We argued.");
    send(&mut app, ctrl('s'));
    assert!(app.answers().is_skipped(CH, "what-happened"));
    assert_eq!(
        value(&app, CH, "what-happened"),
        Some(&Value::Text {
            text: "We argued.".into()
        })
    );
    // Answering again takes the skip back.
    type_str(&mut app, " More.");
    press(&mut app, KeyCode::Tab);
    assert!(!app.answers().is_skipped(CH, "what-happened"));
}

#[test]
fn format_1_workbooks_have_no_skip() {
    let mut app = app_on(crate::common::pty_workbook());
    crate::common::tab_to(&mut app, Screen::Exercise(0, 0));
    send(&mut app, ctrl('s'));
    let (c, e) = (
        &app.workbook().chapters[0].id.clone(),
        app.workbook().chapters[0].exercises[0].id.clone(),
    );
    assert!(!app.answers().is_skipped(c, &e));
    assert!(!render(&app, 120, 40).contains("skip"));
}

fn skipped_answers() -> Answers {
    let wb = v2();
    let mut a = Answers::default();
    a.set(
        CH,
        "what-happened",
        Value::Text {
            text: "Words.".into(),
        },
        "2026-11-26T10:04:00Z".into(),
    );
    a.set(
        CH,
        "excuses",
        Value::Text {
            text: "Kept back.".into(),
        },
        "2026-11-26T10:04:00Z".into(),
    );
    a.toggle_skipped(CH, exercise(&wb, "excuses"), "2026-11-26T10:05:00Z".into());
    a.toggle_skipped(CH, exercise(&wb, "how-upset"), "2026-11-26T10:05:00Z".into());
    a
}

#[test]
fn answers_file_keeps_skips() {
    let a = skipped_answers();
    let text = trustbook::store::encode(&a, None, "v2-workbook");
    assert!(text.contains("skipped = true"), "{text}");
    assert!(text.contains("kind = \"empty\""), "{text}");
    let back = trustbook::store::decode(&text, Path::new("a.toml")).expect("decodes");
    assert_eq!(back.answers, a);
}

#[test]
fn exports_say_skipped_and_round_trip() {
    let wb = v2();
    let meta = ExportMeta {
        profile: "alex".into(),
        date: "2026-11-26".into(),
    };
    let a = skipped_answers();
    let md = export::markdown(&wb, &a, &meta, false);
    assert!(md.contains("*Skipped.*"), "{md}");
    assert!(md.contains("*No answer in this export (optional).*"), "{md}");
    assert!(!md.contains("Kept back."), "a skip shares nothing: {md}");
    for include in [false, true] {
        let first = export::json(&wb, &a, &meta, include);
        assert_eq!(first.contains("Kept back."), include, "{first}");
        let parsed = export::parse_json(&first).expect("parses");
        assert_eq!(parsed.to_json(), first);
        assert_eq!(export::json(&wb, &parsed.answers, &meta, include), first);
    }
}

#[test]
fn compare_hides_a_skip_and_waits_on_nobody_for_it() {
    let wb = v2();
    let me = skipped_answers();
    let mut partner = Answers::default();
    partner.set(
        CH,
        "excuses",
        Value::Text {
            text: "Partner words.".into(),
        },
        "2026-11-26T10:04:00Z".into(),
    );
    let c = comparison::compare(&wb, ("alex", &me), ("sam", &partner));
    let text = comparison::render_text(&c, 80);
    assert!(
        !text.contains("Partner words."),
        "whoever skipped sees nothing: {text}"
    );
    assert!(text.contains("Skipped by alex."), "{text}");
    assert!(
        text.contains("Left empty by alex (optional). Nothing of sam's to show yet."),
        "{text}"
    );
    // alex waits on: talk-now (its condition is undecided while how-upset is
    // skipped), the three ratings and the reflection; what-happened is answered, excuses
    // and how-upset skipped, the optional ones left empty, hot-thought is personal.
    assert_eq!(c.summary.waiting_on_me, 5, "{text}");
    let c = comparison::compare(&wb, ("sam", &partner), ("alex", &me));
    // sam's view counts only sam's own side, and says nothing of alex's skips.
    let sams = comparison::render_text(&c, 80);
    assert!(!sams.contains("Skipped by alex"), "{sams}");
    assert!(!sams.contains("waiting on alex"), "{sams}");
    assert!(!comparison::render_text(&c, 80).contains("Partner words."));
}

#[test]
fn v2_keys_in_a_v1_workbook_say_how_to_enable_them() {
    assert_eq!(
        one(&load(1, "kind = \"text\"\noptional = true")),
        "a.toml:10:1: `optional` in exercise `e` is a key of format 2; set `format_version = 2` in workbook.toml to use it"
    );
    assert_eq!(
        one(&load(
            1,
            "kind = \"checklist\"\noptions = [\"x\", \"y\"]\nmin = 0"
        )),
        "a.toml:11:1: `min` in exercise `e` is a key of format 2; set `format_version = 2` in workbook.toml to use it"
    );
}

#[test]
fn v2_key_mistakes_have_exact_messages() {
    assert_eq!(
        one(&load(2, "kind = \"text\"\noptional = \"yes\"")),
        "a.toml:10:12: `optional` in exercise `e` must be true or false, not string"
    );
    assert_eq!(
        one(&load(2, "kind = \"text\"\noptinal = true")),
        "a.toml:10:1: unknown key `optinal` in exercise `e`; did you mean `optional`?"
    );
    assert_eq!(
        one(&load(
            2,
            "kind = \"checklist\"\noptions = [\"x\", \"y\"]\nmin = 2"
        )),
        "a.toml:11:7: checklist `min` = 2 in exercise `e` must be 0 (nothing ticked is a finished answer) or 1"
    );
    assert_eq!(
        one(&load(3, "kind = \"text\"")),
        "workbook.toml:1:18: format_version 3 is not supported; this version of trustbook reads format_version = 1 or 2"
    );
    assert!(load(2, "kind = \"text\"\noptional = true").is_empty());
}

#[test]
fn an_exclusive_option_stands_alone() {
    let mut app = on("feelings");
    let ticked = |app: &trustbook::app::App| match value(app, CH, "feelings") {
        Some(Value::Checklist { ticked, .. }) => ticked.clone(),
        other => panic!("{other:?}"),
    };
    send(&mut app, char_key(' ')); // Hurt
    press(&mut app, KeyCode::Down);
    send(&mut app, char_key(' ')); // Angry
    assert_eq!(ticked(&app), ["Hurt", "Angry"]);
    press(&mut app, KeyCode::End);
    send(&mut app, char_key(' ')); // None of these
    assert_eq!(ticked(&app), ["None of these"]);
    press(&mut app, KeyCode::Home);
    send(&mut app, char_key(' ')); // Hurt again
    assert_eq!(ticked(&app), ["Hurt"]);
}

#[test]
fn exclusive_mistakes_have_exact_messages() {
    let base = "kind = \"checklist\"\noptions = [\"Hurt\", \"None of these\"]\n";
    assert_eq!(
        one(&load(2, &format!("{base}exclusive = [\"None of thse\"]"))),
        "a.toml:11:14: exclusive option `None of thse` in exercise `e` is not one of its options; did you mean `None of these`?"
    );
    assert_eq!(
        one(&load(2, &format!("{base}exclusive = [\"Other\"]"))),
        "a.toml:11:14: exclusive option `Other` in exercise `e` is not one of its options; copy it exactly from `options`"
    );
    assert_eq!(
        one(&load(2, &format!("{base}exclusive = [\"Hurt\", \"Hurt\"]"))),
        "a.toml:11:22: exclusive option `Hurt` appears twice in exercise `e`; list it once"
    );
    assert_eq!(
        one(&load(
            2,
            &format!("{base}exclusive = [\"Hurt\", \"None of these\"]")
        )),
        "a.toml:11:13: every option in exercise `e` is exclusive, so only one can be ticked; use kind = \"choice\" instead"
    );
    assert_eq!(
        one(&load(2, &format!("{base}exclusive = \"Hurt\""))),
        "a.toml:11:13: `exclusive` in exercise `e` must be a list of texts, like [\"a\", \"b\"], not string"
    );
    assert_eq!(
        one(&load(1, &format!("{base}exclusive = [\"Hurt\"]"))),
        "a.toml:11:1: `exclusive` in exercise `e` is a key of format 2; set `format_version = 2` in workbook.toml to use it"
    );
    assert_eq!(
        one(&load(2, "kind = \"text\"\nexclusive = [\"a\"]")),
        "a.toml:10:1: unknown key `exclusive` in exercise `e`; allowed keys here: id, kind, title, prompt, hint, example, optional, private, show, when"
    );
}

#[test]
fn a_private_exercise_starts_private_and_is_never_waited_on() {
    let mut app = on("hot-thought");
    assert!(render(&app, 80, 24).contains("The hot thought  [private]"));
    type_str(&mut app, "They don't care.");
    press(&mut app, KeyCode::Tab);
    let a = app.answers().get(CH, "hot-thought").expect("stored");
    assert!(a.private, "starts private");
    // Ctrl+P still shares it.
    let mut app = on("hot-thought");
    send(&mut app, ctrl('p'));
    type_str(&mut app, "Shared words.");
    press(&mut app, KeyCode::Tab);
    assert!(!app.answers().get(CH, "hot-thought").expect("stored").private);

    let wb = v2();
    let c = comparison::compare(&wb, ("alex", &Answers::default()), ("sam", &Answers::default()));
    let text = comparison::render_text(&c, 80);
    assert!(
        text.contains("Kept private by alex (a personal exercise). Nothing of sam's to show yet."),
        "{text}"
    );
    // Waiting on: what-happened, how-upset, talk-now, excuses, the three ratings,
    // reflection; not hot-thought.
    assert_eq!(c.summary.waiting_on_me, 8, "{text}");
}

#[test]
fn ctrl_p_on_a_scale_before_a_value_marks_it() {
    let mut app = on("how-upset");
    send(&mut app, char_key('p'));
    assert!(render(&app, 80, 24).contains("How upset  [private]"));
    assert!(app.answers().get(CH, "how-upset").expect("a mark").private);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Enter);
    let a = app.answers().get(CH, "how-upset").expect("stored");
    assert_eq!((a.private, &a.value), (true, &Value::Scale { value: 5 }));
}

#[test]
fn private_mistakes_have_exact_messages() {
    assert_eq!(
        one(&load(1, "kind = \"text\"\nprivate = true")),
        "a.toml:10:1: `private` in exercise `e` is a key of format 2; set `format_version = 2` in workbook.toml to use it"
    );
    assert_eq!(
        one(&load(2, "kind = \"text\"\nprivate = 1")),
        "a.toml:10:11: `private` in exercise `e` must be true or false, not integer"
    );
    assert_eq!(
        one(&load(2, "kind = \"text\"\nprivat = true")),
        "a.toml:10:1: unknown key `privat` in exercise `e`; did you mean `private`?"
    );
}

#[test]
fn a_private_chapter_makes_every_exercise_private() {
    let dir = tempfile::tempdir().expect("temp dir");
    for f in ["workbook.toml", "after-a-fight.toml"] {
        let mut text = fs::read_to_string(v2_dir().join(f)).expect("read");
        if f != "workbook.toml" {
            text = text.replacen("introduction", "private = true\nintroduction", 1);
        }
        fs::write(dir.path().join(f), text).expect("write");
    }
    let wb = content::load_dir(dir.path()).expect("loads");
    assert!(wb.chapters[0].exercises.iter().all(|e| e.private));
    let v1 = fs::read_to_string(v2_dir().join("workbook.toml"))
        .expect("read")
        .replace("format_version = 2", "format_version = 1");
    fs::write(dir.path().join("workbook.toml"), v1).expect("write");
    let d = content::load_dir(dir.path()).expect_err("v1 refuses");
    assert!(
        d.0.iter().any(|d| d.to_string() == "after-a-fight.toml:3:1: `private` in the chapter is a key of format 2; set `format_version = 2` in workbook.toml to use it"),
        "{d}"
    );
}

#[test]
fn show_puts_earlier_answers_above_the_prompt() {
    let mut a = Answers::default();
    a.set(
        CH,
        "what-happened",
        Value::Text {
            text: "A fight over money.".into(),
        },
        "2026-11-26T10:04:00Z".into(),
    );
    let mut app = app_with(v2(), a, Some(place(CH, Some("hot-thought"))));
    send(&mut app, char_key('c'));
    let screen = render(&app, 60, 20);
    let at = |s: &str| screen.find(s).unwrap_or_else(|| panic!("{s} missing:\n{screen}"));
    assert!(at("What happened:") < at("A fight over money."));
    assert!(at("How upset:") < at("Not answered yet."));
    assert!(
        at("Not answered yet.") < at("What went through your mind?"),
        "{screen}"
    );
}

/// Loads a format 2 chapter whose exercises are `body` (ids `a`, `b`, ...).
fn load_exercises(body: &str) -> Vec<Diagnostic> {
    let dir = tempfile::tempdir().expect("temp dir");
    let wb = "format_version = 2\nid = \"b\"\ntitle = \"T\"\nwelcome = \"W\"\nnote = \"N\"\nclosing = \"C\"\nchapters = [\"a.toml\"]\n";
    let ch =
        format!("id = \"a\"\ntitle = \"A\"\nintroduction = \"I\"\n{body}\n[reflection]\nprompt = \"R\"\n");
    fs::write(dir.path().join("workbook.toml"), wb).expect("write");
    fs::write(dir.path().join("a.toml"), ch).expect("write");
    match content::check_dir(dir.path()) {
        Ok((_, warnings)) => warnings.0,
        Err(d) => d.0,
    }
}

const EX_A: &str = "\n[[exercises]]\nid = \"first\"\nkind = \"text\"\ntitle = \"F\"\nprompt = \"P\"\n";

#[test]
fn show_mistakes_have_exact_messages() {
    let second = |show: &str| {
        format!(
            "{EX_A}\n[[exercises]]\nid = \"second\"\nkind = \"text\"\ntitle = \"S\"\nprompt = \"P\"\nshow = {show}\n"
        )
    };
    assert!(load_exercises(&second("[\"first\"]")).is_empty());
    assert_eq!(
        one(&load_exercises(&second("[\"frist\"]"))),
        "a.toml:16:9: `show` in exercise `second` names `frist`, which is no exercise of this chapter; did you mean `first`?"
    );
    assert_eq!(
        one(&load_exercises(&second("[\"second\"]"))),
        "a.toml:16:9: exercise `second` shows its own answer in `show`; name an earlier exercise"
    );
    assert_eq!(
        one(&load_exercises(&second("\"first\""))),
        "a.toml:16:8: `show` in exercise `second` must be a list of texts, like [\"a\", \"b\"], not string"
    );
    let later = format!(
        "{EX_A}show = [\"second\"]\n\n[[exercises]]\nid = \"second\"\nkind = \"text\"\ntitle = \"S\"\nprompt = \"P\"\n"
    );
    assert_eq!(
        one(&load_exercises(&later)),
        "a.toml:10:9: warning: `show` in exercise `first` names `second`, which comes later, so its answer is usually not written yet; move it before this exercise"
    );
    assert_eq!(
        one(&load(1, "kind = \"text\"\nshow = [\"x\"]")),
        "a.toml:10:1: `show` in exercise `e` is a key of format 2; set `format_version = 2` in workbook.toml to use it"
    );
}

#[test]
fn when_offers_an_exercise_only_while_it_holds() {
    let wb = v2();
    let ex = exercise(&wb, "talk-now");
    let mut a = Answers::default();
    assert!(!a.not_needed(CH, ex), "undecided: offered");
    a.set(
        CH,
        "how-upset",
        Value::Scale { value: 7 },
        "2026-11-26T10:04:00Z".into(),
    );
    assert!(a.not_needed(CH, ex));
    assert_eq!(a.status(CH, ex), Status::Done);
    let md = export::markdown(
        &wb,
        &a,
        &ExportMeta {
            profile: "alex".into(),
            date: "2026-11-26".into(),
        },
        false,
    );
    assert!(md.contains("### Talking now\n\n> You feel calm enough: what would you like to say to your partner now?\n\n*Not needed.*"), "{md}");
    let c = comparison::compare(&wb, ("alex", &a), ("sam", &Answers::default()));
    assert!(comparison::render_text(&c, 80).contains("Not needed for alex."));
    let mut app = app_with(wb.clone(), a.clone(), Some(place(CH, Some("talk-now"))));
    send(&mut app, char_key('c'));
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("Not needed, given your answer to \"How upset\""),
        "{screen}"
    );
    a.set(
        CH,
        "how-upset",
        Value::Scale { value: 3 },
        "2026-11-26T10:04:00Z".into(),
    );
    assert!(!a.not_needed(CH, ex));
    assert_eq!(a.status(CH, ex), Status::NotStarted);
}

#[test]
fn when_mistakes_have_exact_messages() {
    let scale = "\n[[exercises]]\nid = \"first\"\nkind = \"scale\"\ntitle = \"F\"\nprompt = \"P\"\nmin = 0\nmax = 10\nmin_label = \"a\"\nmax_label = \"b\"\n";
    let choice = "\n[[exercises]]\nid = \"first\"\nkind = \"choice\"\ntitle = \"F\"\nprompt = \"P\"\noptions = [\"Yes\", \"No\"]\n";
    let second = |first: &str, when: &str| {
        format!(
            "{first}\n[[exercises]]\nid = \"second\"\nkind = \"text\"\ntitle = \"S\"\nprompt = \"P\"\nwhen = {when}\n"
        )
    };
    assert!(load_exercises(&second(scale, "{ exercise = \"first\", at_most = 3 }")).is_empty());
    assert!(load_exercises(&second(choice, "{ exercise = \"first\", is = [\"Yes\"] }")).is_empty());
    let line = |first: &str| first.matches('\n').count() + 3 + 7;
    let (ls, lc) = (line(scale), line(choice));
    assert_eq!(
        one(&load_exercises(&second(
            scale,
            "{ exercise = \"frist\", at_most = 3 }"
        ))),
        format!(
            "a.toml:{ls}:21: the `when` of exercise `second` names `frist`, which is no exercise of this chapter; did you mean `first`?"
        )
    );
    assert_eq!(
        one(&load_exercises(&second(
            scale,
            "{ exercise = \"first\", at_mots = 3 }"
        ))),
        format!(
            "a.toml:{ls}:30: unknown key `at_mots` in the `when` of exercise `second`; did you mean `at_most`?"
        )
    );
    assert_eq!(
        one(&load_exercises(&second(scale, "{ exercise = \"first\" }"))),
        format!(
            "a.toml:{ls}:8: the `when` of exercise `second` has no test; add `at_least = ...` or `at_most = ...` (a scale) or `is = [...]` (a choice)"
        )
    );
    assert_eq!(
        one(&load_exercises(&second(
            scale,
            "{ exercise = \"first\", is = [\"Yes\"] }"
        ))),
        format!(
            "a.toml:{ls}:35: the `when` of exercise `second` tests `first`, a scale exercise; `is` needs a choice"
        )
    );
    assert_eq!(
        one(&load_exercises(&second(
            choice,
            "{ exercise = \"first\", is = [\"Yse\"] }"
        ))),
        format!(
            "a.toml:{lc}:35: the `when` of exercise `second` tests for `Yse`, which is no option of `first`; did you mean `Yes`?"
        )
    );
    assert_eq!(
        one(&load_exercises(&second(choice, "\"first\""))),
        format!(
            "a.toml:{lc}:8: `when` in exercise `second` must be a table, like when = {{ exercise = \"calm-check\", at_most = 3 }}"
        )
    );
    assert_eq!(
        one(&load(
            1,
            "kind = \"text\"\nwhen = { exercise = \"x\", at_most = 1 }"
        )),
        "a.toml:10:1: `when` in exercise `e` is a key of format 2; set `format_version = 2` in workbook.toml to use it"
    );
}

#[test]
fn duplicate_keys_are_named_with_both_places() {
    let d = load_exercises(&format!("{EX_A}title = \"Again\"\n"));
    assert_eq!(
        one(&d),
        "a.toml:10:1: duplicate key `title`: it is already set on line 8 in the same table; keep one of the two (line 8 or line 10)"
    );
}

#[test]
fn authors_are_warned_of_long_titles_and_an_early_reflection() {
    let long = format!(
        "\n[[exercises]]\nid = \"first\"\nkind = \"text\"\ntitle = \"{}\"\nprompt = \"P\"\n",
        "W".repeat(90)
    );
    assert_eq!(
        one(&load_exercises(&long)),
        "a.toml:8:9: warning: the title of exercise `first` is 90 columns wide and will be cut short on an 80-column screen; keep it under 78 (50 fits narrow screens too)"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let wb = "format_version = 1\nid = \"b\"\ntitle = \"T\"\nwelcome = \"W\"\nnote = \"N\"\nclosing = \"C\"\nchapters = [\"a.toml\"]\n";
    let ch =
        format!("id = \"a\"\ntitle = \"A\"\nintroduction = \"I\"\n\n[reflection]\nprompt = \"R\"\n{EX_A}");
    fs::write(dir.path().join("workbook.toml"), wb).expect("write");
    fs::write(dir.path().join("a.toml"), ch).expect("write");
    let (_, warnings) = content::check_dir(dir.path()).expect("a warning does not stop loading");
    assert_eq!(
        one(&warnings.0),
        "a.toml:5:1: warning: the `[reflection]` comes before the exercises, yet it is always asked last; move it to the end of the file so the file reads in the order people see it"
    );
}

/// A workbook whose chapter `a` has a scale `upset` (0 to 10), a crisis page shown
/// only `when` it is at least 8, and a text.
fn crisis_workbook() -> Workbook {
    let dir = tempfile::tempdir().expect("temp dir");
    let wb = "format_version = 2\nid = \"b\"\ntitle = \"T\"\nwelcome = \"W\"\nnote = \"N\"\nclosing = \"C\"\nchapters = [\"a.toml\"]\n";
    let ch = r#"id = "a"
title = "A"
introduction = "I"

[[exercises]]
id = "upset"
kind = "scale"
title = "How upset"
prompt = "How upset are you?"
min = 0
max = 10
min_label = "Calm"
max_label = "Very"

[[exercises]]
id = "crisis"
kind = "page"
title = "If you are in danger"
prompt = "Call a crisis line now."
when = { exercise = "upset", at_least = 8 }

[[exercises]]
id = "notes"
kind = "text"
title = "Notes"
prompt = "Anything else?"

[reflection]
prompt = "R"
"#;
    fs::write(dir.path().join("workbook.toml"), wb).expect("write");
    fs::write(dir.path().join("a.toml"), ch).expect("write");
    content::load_dir(dir.path()).unwrap_or_else(|d| panic!("{d}"))
}

#[test]
fn a_page_with_when_shows_only_while_it_holds() {
    let wb = crisis_workbook();
    let screen_after_upset = |value: Option<i64>| {
        let mut a = Answers::default();
        if let Some(value) = value {
            a.set(
                "a",
                "upset",
                Value::Scale { value },
                "2026-11-26T10:04:00Z".into(),
            );
        }
        let mut app = app_with(wb.clone(), a, Some(place("a", Some("upset"))));
        send(&mut app, char_key('c'));
        assert_eq!(app.screen(), Screen::Exercise(0, 0));
        press(&mut app, KeyCode::Tab);
        let on = app.screen();
        // Back from there returns past the page the same way.
        press(&mut app, KeyCode::BackTab);
        assert_eq!(app.screen(), Screen::Exercise(0, 0), "back from {on:?}");
        on
    };
    assert_eq!(
        screen_after_upset(Some(9)),
        Screen::Exercise(0, 1),
        "holds: shown"
    );
    assert_eq!(
        screen_after_upset(None),
        Screen::Exercise(0, 1),
        "undecided: shown"
    );
    assert_eq!(
        screen_after_upset(Some(3)),
        Screen::Exercise(0, 2),
        "does not hold: passed over"
    );
    // Opened on purpose, it still shows, saying why it is not needed.
    let mut a = Answers::default();
    a.set(
        "a",
        "upset",
        Value::Scale { value: 3 },
        "2026-11-26T10:04:00Z".into(),
    );
    let mut app = app_with(wb, a, Some(place("a", Some("crisis"))));
    send(&mut app, char_key('c'));
    assert_eq!(app.screen(), Screen::Exercise(0, 1));
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("Not needed, given your answer to \"How upset\""),
        "{screen}"
    );
    assert!(screen.contains("Call a crisis line now."), "{screen}");
}

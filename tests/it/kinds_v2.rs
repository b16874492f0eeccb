//! Format 2 kinds added by issue 11: ratings (several items on one scale).

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use ratatui::crossterm::event::KeyCode;
use trustbook::answers::{Answers, Status, Value};
use trustbook::content::{self};
use trustbook::export::{self, ExportMeta};

use crate::common::v2::{CH, load, map, on, one, v2};
use crate::common::{char_key, press, rated, render, send, value};

fn ratings(app: &trustbook::app::App) -> BTreeMap<String, i64> {
    match value(app, CH, "how-it-feels") {
        Some(Value::Ratings { ratings, .. }) => ratings.clone(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn ratings_are_given_by_keys_and_done_when_every_item_has_one() {
    let wb = v2();
    let mut app = on("how-it-feels");
    send(&mut app, char_key('7'));
    assert_eq!(ratings(&app), map(&[("Safe", 7)]));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Right); // unrated: shows the middle
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Enter); // picks what shows
    press(&mut app, KeyCode::Down);
    send(&mut app, char_key('1'));
    send(&mut app, char_key('0'));
    assert_eq!(ratings(&app), map(&[("Safe", 7), ("Heard", 6), ("Hopeful", 10)]));
    let (c, e) = wb.find(CH, "how-it-feels").expect("in fixture");
    let ex = &wb.chapters[c].exercises[e];
    let status = |app: &trustbook::app::App| app.answers().status(CH, ex);
    assert_eq!(status(&app), Status::Done);
    // ← at the top of the scale and past its end stays on it.
    press(&mut app, KeyCode::Right);
    assert_eq!(ratings(&app)["Hopeful"], 10);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(ratings(&app), map(&[("Safe", 7), ("Heard", 6)]));
    assert_eq!(status(&app), Status::Started);
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Left);
    assert_eq!(ratings(&app)["Heard"], 5);
}

#[test]
fn ratings_draw_at_60x20_and_80x24() {
    let mut app = on("how-it-feels");
    send(&mut app, char_key('7'));
    press(&mut app, KeyCode::Down);
    for (w, h) in [(60, 20), (80, 24)] {
        let screen = render(&app, w, h);
        assert!(screen.contains("[ 7] Safe"), "{screen}");
        assert!(screen.contains("1 of 3 rated."), "{screen}");
        insta::assert_snapshot!(format!("ratings_{w}x{h}"), screen);
    }
}

fn rated_answers() -> Answers {
    let mut a = Answers::default();
    a.set(
        CH,
        "how-it-feels",
        rated(&[("Safe", 7), ("Heard", 3)]),
        "2026-11-26T10:04:00Z".into(),
    );
    a
}

#[test]
fn ratings_survive_the_answers_file_and_both_exports() {
    let wb = v2();
    let a = rated_answers();
    let text = trustbook::store::encode(&a, None, "v2-workbook");
    assert!(text.contains("kind = \"ratings\""), "{text}");
    assert!(text.contains("Safe = 7"), "{text}");
    let back = trustbook::store::decode(&text, Path::new("a.toml")).expect("decodes");
    assert_eq!(back.answers, a);
    let meta = ExportMeta {
        profile: "alex".into(),
        date: "2026-11-26".into(),
    };
    let md = export::markdown(&wb, &a, &meta, false);
    assert!(md.contains("0 = not at all, 10 = completely"), "{md}");
    assert!(
        md.contains("- Safe: 7 / 10\n- Heard: 3 / 10\n- Hopeful: not rated"),
        "{md}"
    );
    let first = export::json(&wb, &a, &meta, false);
    assert!(first.contains("\"ratings\": {"), "{first}");
    let parsed = export::parse_json(&first).expect("parses");
    assert_eq!(parsed.answers, a);
    assert_eq!(parsed.to_json(), first);
    assert_eq!(export::json(&wb, &parsed.answers, &meta, false), first);
}

#[test]
fn a_ratings_answer_with_a_wrong_shape_is_refused_with_its_place() {
    let text =
        trustbook::store::encode(&rated_answers(), None, "v2-workbook").replace("Safe = 7", "Safe = \"7\"");
    let err = trustbook::store::decode(&text, Path::new("a.toml")).expect_err("refused");
    assert!(err.to_string().contains("a.toml"), "{err}");
}

const RATINGS: &str = "kind = \"ratings\"\nmin = 0\nmax = 10\nmin_label = \"no\"\nmax_label = \"yes\"\n";

#[test]
fn ratings_mistakes_have_exact_messages() {
    assert!(load(2, &format!("{RATINGS}items = [\"a\", \"b\"]")).is_empty());
    assert_eq!(
        one(&load(2, &format!("{RATINGS}items = []"))),
        "a.toml:14:9: `items` in exercise `e` is empty; list at least one item to rate"
    );
    assert_eq!(
        one(&load(2, &format!("{RATINGS}items = [\"a\", \"a\"]"))),
        "a.toml:14:15: item `a` appears twice in exercise `e`; items must differ"
    );
    assert_eq!(
        one(&load(2, &format!("{RATINGS}items = [\"a\", \" \"]"))),
        "a.toml:14:15: an item in exercise `e` is empty; write the item's text or remove it"
    );
    assert_eq!(
        one(&load(2, RATINGS)),
        "a.toml:5:1: exercise `e` has nothing to rate; add `items = [\"...\"]` (items of your own), `items_from = \"a-list-id\"` (the person's answer to an earlier list) or `add_items = true` (the person writes them)"
    );
    assert_eq!(
        one(&load(2, &format!("{RATINGS}itmes = [\"a\"]\nitems = [\"a\"]"))),
        "a.toml:14:1: unknown key `itmes` in exercise `e`; did you mean `items`?"
    );
    assert_eq!(
        one(&load(1, &format!("{RATINGS}items = [\"a\"]"))),
        "a.toml:9:8: kind `ratings` in exercise `e` needs format_version = 2 in workbook.toml"
    );
    assert_eq!(
        one(&load(2, "kind = \"rating\"\nitems = [\"a\"]")),
        "a.toml:9:8: unknown kind `rating` in exercise `e`; did you mean `ratings`?"
    );
}

/// The first ```toml block after `heading` in the content guide.
fn guide_example(heading: &str) -> String {
    let guide = include_str!("../../docs/content-format.md");
    let after = guide.split_once(heading).expect("the guide has the section").1;
    let block = after.split_once("```toml\n").expect("a toml block follows").1;
    block.split_once("```").expect("the block ends").0.to_string()
}

#[test]
fn the_guide_s_ratings_example_validates() {
    let example = guide_example("### Format 2: the ratings kind");
    let body = example
        .split_once("id = \"how-it-feels\"\n")
        .expect("the example's id")
        .1
        .replacen("[[exercises]]\n", "", 1);
    // The helper supplies `[[exercises]]`, id, title and prompt; keep the rest.
    let rest: String = body
        .lines()
        .filter(|l| !l.starts_with("title") && !l.starts_with("prompt"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(rest.contains("kind = \"ratings\""), "{rest}");
    assert_eq!(load(2, &rest), Vec::new());
}

#[test]
fn a_scale_moves_in_steps_and_shows_its_unit() {
    let mut app = on("how-sure");
    let picked = |app: &trustbook::app::App| match value(app, CH, "how-sure") {
        Some(Value::Scale { value }) => *value,
        other => panic!("{other:?}"),
    };
    press(&mut app, KeyCode::Right); // unpicked: shows the middle, Enter picks it
    assert!(render(&app, 80, 24).contains("50 %? Enter picks it"));
    press(&mut app, KeyCode::Enter);
    assert_eq!(picked(&app), 50);
    press(&mut app, KeyCode::Right);
    assert_eq!(picked(&app), 55);
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Left);
    assert_eq!(picked(&app), 45);
    // "6" alone is off the steps and changes nothing; "6" "5" gives 65.
    send(&mut app, char_key('6'));
    assert_eq!(picked(&app), 45);
    send(&mut app, char_key('5'));
    assert_eq!(picked(&app), 65);
    for (w, h) in [(60, 20), (80, 24)] {
        let screen = render(&app, w, h);
        assert!(screen.contains("Your answer: 65 % / 100"), "{screen}");
        insta::assert_snapshot!(format!("scale_step_unit_{w}x{h}"), screen);
    }
    let wb = v2();
    let md = export::markdown(
        &wb,
        app.answers(),
        &ExportMeta {
            profile: "alex".into(),
            date: "2026-11-26".into(),
        },
        false,
    );
    assert!(md.contains("65 % / 100 (0 = not sure, 100 = certain)"), "{md}");
}

const SCALE: &str = "kind = \"scale\"\nmin = 0\nmax = 100\nmin_label = \"no\"\nmax_label = \"yes\"\n";

#[test]
fn step_and_unit_mistakes_have_exact_messages() {
    assert!(load(2, &format!("{SCALE}step = 5\nunit = \"%\"")).is_empty());
    assert_eq!(
        one(&load(2, &format!("{SCALE}step = 0"))),
        "a.toml:14:8: `step` in exercise `e` is 0; it must be a positive whole number, like 1 or 5"
    );
    assert_eq!(
        one(&load(2, &format!("{SCALE}step = 7"))),
        "a.toml:14:8: `step` 7 in exercise `e` does not divide the scale 0 to 100, so `max` cannot be picked; use a step that does"
    );
    assert_eq!(
        one(&load(2, &format!("{SCALE}unit = \" \""))),
        "a.toml:14:8: `unit` in exercise `e` is empty; write it, like \"%\", or remove it"
    );
    assert_eq!(
        one(&load(1, &format!("{SCALE}step = 5"))),
        "a.toml:14:1: `step` in exercise `e` is a key of format 2; set `format_version = 2` in workbook.toml to use it"
    );
    assert_eq!(
        one(&load(2, &format!("{SCALE}stpe = 5"))),
        "a.toml:14:1: unknown key `stpe` in exercise `e`; did you mean `step`?"
    );
    assert_eq!(
        one(&load(2, &format!("{RATINGS}items = [\"a\"]\nstep = 3"))),
        "a.toml:15:8: `step` 3 in exercise `e` does not divide the scale 0 to 10, so `max` cannot be picked; use a step that does"
    );
}

fn date(app: &trustbook::app::App) -> Option<String> {
    match value(app, CH, "when") {
        Some(Value::Date { date }) => Some(date.clone()),
        None => None,
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_date_is_offered_as_today_typed_or_moved_by_keys() {
    let today = trustbook::date::day_of(&trustbook::answers::now_utc());
    let mut app = on("when");
    assert!(render(&app, 80, 24).contains(&format!("Today, {today}")));
    press(&mut app, KeyCode::Enter);
    assert_eq!(date(&app).as_deref(), Some(today.as_str()));
    for c in "20240228".chars() {
        send(&mut app, char_key(c));
    }
    assert_eq!(date(&app).as_deref(), Some("2024-02-28"));
    press(&mut app, KeyCode::Right);
    assert_eq!(date(&app).as_deref(), Some("2024-02-29"));
    press(&mut app, KeyCode::Down);
    assert_eq!(date(&app).as_deref(), Some("2024-03-07"));
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Left);
    assert_eq!(date(&app).as_deref(), Some("2024-02-28"));
    // A date that does not exist is refused with a notice and changes nothing.
    for c in "20230229".chars() {
        send(&mut app, char_key(c));
    }
    assert_eq!(date(&app).as_deref(), Some("2024-02-28"));
    let screen = render(&app, 60, 20);
    assert!(screen.contains("2023-02-29 is no date"), "{screen}");
    // Backspace takes back a typed digit first, then clears the date.
    send(&mut app, char_key('2'));
    assert!(render(&app, 60, 20).contains("Typing: 2___-__-__"));
    press(&mut app, KeyCode::Backspace);
    assert_eq!(date(&app).as_deref(), Some("2024-02-28"));
    press(&mut app, KeyCode::Backspace);
    assert_eq!(date(&app), None);
}

#[test]
fn a_date_draws_at_60x20_and_80x24() {
    let mut app = on("when");
    for c in "20261130".chars() {
        send(&mut app, char_key(c));
    }
    for (w, h) in [(60, 20), (80, 24)] {
        let screen = render(&app, w, h);
        assert!(screen.contains("Your answer: 2026-11-30"), "{screen}");
        insta::assert_snapshot!(format!("date_{w}x{h}"), screen);
    }
}

#[test]
fn a_date_survives_the_answers_file_and_both_exports() {
    let wb = v2();
    let mut a = rated_answers();
    a.set(
        CH,
        "when",
        Value::Date {
            date: "2026-11-30".into(),
        },
        "2026-11-26T10:04:00Z".into(),
    );
    let text = trustbook::store::encode(&a, None, "v2-workbook");
    assert!(text.contains("kind = \"date\"\ndate = \"2026-11-30\""), "{text}");
    let back = trustbook::store::decode(&text, Path::new("a.toml")).expect("decodes");
    assert_eq!(back.answers, a);
    let meta = ExportMeta {
        profile: "alex".into(),
        date: "2026-11-26".into(),
    };
    let md = export::markdown(&wb, &a, &meta, false);
    assert!(md.contains("### When it happened"), "{md}");
    assert!(md.contains("2026-11-30"), "{md}");
    let first = export::json(&wb, &a, &meta, false);
    assert!(first.contains("\"date\": \"2026-11-30\""), "{first}");
    let parsed = export::parse_json(&first).expect("parses");
    assert_eq!(parsed.answers, a);
    assert_eq!(export::json(&wb, &parsed.answers, &meta, false), first);
}

#[test]
fn date_mistakes_have_exact_messages() {
    assert!(load(2, "kind = \"date\"").is_empty());
    assert_eq!(
        one(&load(1, "kind = \"date\"")),
        "a.toml:9:8: kind `date` in exercise `e` needs format_version = 2 in workbook.toml"
    );
    assert_eq!(
        one(&load(2, "kind = \"date\"\nmin = 1")),
        "a.toml:10:1: unknown key `min` in exercise `e`; allowed keys here: id, kind, title, prompt, hint, example, optional, private, show, when"
    );
    assert_eq!(
        one(&load(2, "kind = \"dat\"")),
        "a.toml:9:8: unknown kind `dat` in exercise `e`; did you mean `date`?"
    );
}

#[test]
fn the_guide_s_date_example_validates() {
    let example = guide_example("### Format 2: the date kind");
    assert!(example.contains("kind = \"date\""), "{example}");
    let rest: String = example
        .lines()
        .filter(|l| l.starts_with("kind"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(load(2, &rest), Vec::new());
}

fn calmed(app: &trustbook::app::App) -> (Vec<String>, Option<String>) {
    match value(app, CH, "what-calmed") {
        Some(Value::Checklist { ticked, other }) => (ticked.clone(), other.clone()),
        None => (Vec::new(), None),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_checklist_s_other_row_takes_own_words_and_sets_them_aside() {
    let mut app = on("what-calmed");
    send(&mut app, char_key(' ')); // A walk
    press(&mut app, KeyCode::End); // Other
    press(&mut app, KeyCode::Enter);
    assert!(app.is_typing(), "the other field opens");
    crate::common::type_str(&mut app, "Music");
    let screen = render(&app, 60, 20);
    assert!(screen.contains("Other, in my own words: Music"), "{screen}");
    insta::assert_snapshot!("checklist_other_typing_60x20", screen);
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        calmed(&app),
        (vec!["A walk".to_string()], Some("Music".to_string()))
    );
    for (w, h) in [(60, 20), (80, 24)] {
        insta::assert_snapshot!(format!("checklist_other_{w}x{h}"), render(&app, w, h));
    }
    // The exclusive "Nothing yet" unticks it; the words come back when it is ticked again.
    press(&mut app, KeyCode::Up);
    send(&mut app, char_key(' '));
    assert_eq!(calmed(&app), (vec!["Nothing yet".to_string()], None));
    press(&mut app, KeyCode::Down);
    send(&mut app, char_key(' '));
    press(&mut app, KeyCode::Enter);
    assert_eq!(calmed(&app), (Vec::new(), Some("Music".to_string())));
}

#[test]
fn a_checklist_s_other_words_are_kept_by_a_pause_and_by_quitting_before_enter() {
    use trustbook::app::{Action, Effect, Event as AppEvent};
    let mut app = on("what-calmed");
    send(&mut app, char_key(' ')); // A walk
    press(&mut app, KeyCode::End); // Other
    press(&mut app, KeyCode::Enter);
    crate::common::type_str(&mut app, "Mus");
    // The pause after typing commits what is in the field, the field staying open.
    assert_eq!(app.update(Action::Event(AppEvent::Commit)), vec![Effect::Save]);
    assert_eq!(
        calmed(&app),
        (vec!["A walk".to_string()], Some("Mus".to_string()))
    );
    assert!(app.is_typing(), "the field stays open");
    crate::common::type_str(&mut app, "ic");
    // Quitting commits last (`Session::final_save`): nothing typed is lost.
    app.update(Action::Event(AppEvent::Commit));
    assert_eq!(
        calmed(&app),
        (vec!["A walk".to_string()], Some("Music".to_string()))
    );
}

#[test]
fn a_checklist_other_survives_the_answers_file_and_both_exports() {
    let wb = v2();
    let mut a = Answers::default();
    a.set(
        CH,
        "what-calmed",
        Value::Checklist {
            ticked: vec!["Time alone".into()],
            other: Some("Music".into()),
        },
        "2026-11-26T10:04:00Z".into(),
    );
    let text = trustbook::store::encode(&a, None, "v2-workbook");
    assert!(text.contains("other = \"Music\""), "{text}");
    let back = trustbook::store::decode(&text, Path::new("a.toml")).expect("decodes");
    assert_eq!(back.answers, a);
    // A file written before the field existed still reads.
    let old = text.replace("other = \"Music\"\n", "");
    let back = trustbook::store::decode(&old, Path::new("a.toml")).expect("an old file decodes");
    assert!(matches!(
        back.answers.get(CH, "what-calmed").map(|a| &a.value),
        Some(Value::Checklist { other: None, .. })
    ));
    let meta = ExportMeta {
        profile: "alex".into(),
        date: "2026-11-26".into(),
    };
    let md = export::markdown(&wb, &a, &meta, false);
    assert!(md.contains("- [x] Other: Music"), "{md}");
    let first = export::json(&wb, &a, &meta, false);
    assert!(first.contains("\"other\": \"Music\""), "{first}");
    let parsed = export::parse_json(&first).expect("parses");
    assert_eq!(parsed.answers, a);
    assert_eq!(export::json(&wb, &parsed.answers, &meta, false), first);
}

#[test]
fn checklist_other_mistakes_have_exact_messages() {
    let base = "kind = \"checklist\"\noptions = [\"a\", \"b\"]\n";
    assert!(load(2, &format!("{base}other = true")).is_empty());
    assert_eq!(
        one(&load(1, &format!("{base}other = true"))),
        "a.toml:11:1: `other` in exercise `e` is a key of format 2; set `format_version = 2` in workbook.toml to use it"
    );
    assert_eq!(
        one(&load(2, &format!("{base}other = \"yes\""))),
        "a.toml:11:9: `other` in exercise `e` must be true or false, not string"
    );
}

#[test]
fn the_guide_s_format_2_example_with_a_checklist_other_validates() {
    let example = guide_example("Format 2 also adds these keys:");
    assert!(example.contains("other = true"), "{example}");
    let dir = tempfile::tempdir().expect("temp dir");
    let wb = "format_version = 2\nid = \"b\"\ntitle = \"T\"\nwelcome = \"W\"\nnote = \"N\"\nclosing = \"C\"\nchapters = [\"a.toml\"]\n";
    let ch = format!(
        "id = \"a\"\ntitle = \"A\"\nintroduction = \"I\"\n\n{example}\n[reflection]\nprompt = \"R\"\n"
    );
    fs::write(dir.path().join("workbook.toml"), wb).expect("write");
    fs::write(dir.path().join("a.toml"), ch).expect("write");
    if let Err(d) = content::load_dir(dir.path()) {
        panic!("{d}");
    }
}

/// One exercise of every kind, each named for its kind.
const EVERY_KIND: &str = r#"
[[exercises]]
id = "text"
kind = "text"
title = "Text"
prompt = "P"

[[exercises]]
id = "list"
kind = "list"
title = "List"
prompt = "P"

[[exercises]]
id = "choice"
kind = "choice"
title = "Choice"
prompt = "P"
options = ["Yes", "No"]

[[exercises]]
id = "checklist"
kind = "checklist"
title = "Checklist"
prompt = "P"
options = ["One", "Two"]

[[exercises]]
id = "scale"
kind = "scale"
title = "Scale"
prompt = "P"
min = 0
max = 10
min_label = "low"
max_label = "high"

[[exercises]]
id = "ratings"
kind = "ratings"
title = "Ratings"
prompt = "P"
items = ["Safe"]
min = 0
max = 10

[[exercises]]
id = "date"
kind = "date"
title = "Date"
prompt = "P"

[[exercises]]
id = "page"
kind = "page"
title = "Page"
prompt = "P"

[[exercises]]
id = "score"
kind = "score"
title = "Score"
prompt = "P"
method = "sum"
of = ["scale"]
"#;

/// `Component::new` is the one place a kind is paired with its component: each kind
/// opens its own, in its own key context, with rows only where it has them.
#[test]
fn every_kind_opens_its_own_component() {
    use trustbook::answers::Timestamp;
    use trustbook::app::{Component, Context};

    let wb = crate::common::v2::chapter(EVERY_KIND);
    let now = Timestamp::parse("2026-12-06T09:00:00Z").expect("a time");
    let kinds = [
        "text",
        "list",
        "choice",
        "checklist",
        "scale",
        "ratings",
        "date",
        "page",
        "score",
    ];
    let ids: Vec<&str> = wb.chapters[0].exercises.iter().map(|ex| ex.id.as_str()).collect();
    assert_eq!(ids[..kinds.len()], kinds, "each exercise is named for its kind");
    let opened: Vec<Component> = (0..kinds.len())
        .map(|e| Component::new(&wb, &Answers::default(), (0, e), now))
        .collect();
    let variants: Vec<String> = opened
        .iter()
        .map(|c| format!("{c:?}").split('(').next().unwrap_or("").to_lowercase())
        .collect();
    assert_eq!(variants, kinds, "each exercise opens the component of its kind");
    let contexts: Vec<Context> = opened.iter().map(Component::context).collect();
    use Context as C;
    let expected = [
        C::Text,
        C::List,
        C::Choice,
        C::Checklist,
        C::Scale,
        C::Ratings,
        C::Date,
        C::Page,
        C::Page,
    ];
    assert_eq!(contexts, expected);
    let cursors: Vec<Option<usize>> = opened.iter().map(Component::cursor).collect();
    assert_eq!(
        cursors,
        [None, Some(0), Some(0), Some(0), None, Some(0), None, None, None]
    );
    // Only the text box is being typed in as it opens.
    let typed: Vec<bool> = opened.iter().map(|c| c.typed_text().is_some()).collect();
    assert_eq!(
        typed,
        [true, false, false, false, false, false, false, false, false]
    );
    let Component::Score(score) = Component::new(&wb, &Answers::default(), (0, 8), now) else {
        panic!("the ninth exercise is the score");
    };
    assert!(
        score.lines().iter().any(|l| l.contains("Scale")),
        "the score says what it reads: {:?}",
        score.lines()
    );
}

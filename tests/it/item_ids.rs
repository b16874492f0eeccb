//! Issue 19, "ratings that survive rewording": list items carry ids, so the ratings of a
//! list (`items_from`) follow an item through rewording and reordering; a deleted item
//! keeps its past ratings under the wording it had; an old week shows today's wording
//! with "(was: …)"; each entry records the version of the list it rated; a partner's
//! value off the scale is not shown as a value.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use ratatui::crossterm::event::KeyCode;
use trustbook::answers::{Answers, Status, Value};
use trustbook::app::Screen;
use trustbook::comparison::{self, RowView};
use trustbook::content::{self, Workbook};
use trustbook::entry::{Entry, Open};
use trustbook::export::{self, ExportMeta};

use crate::common::{app_with, char_key, press, render, send, shift, type_str, value};

const CH: &str = "check-in";
const NOW: &str = "2026-12-10T12:00:00Z";

const WORKBOOK: &str = r#"format_version = 2
id = "ids-book"
title = "Agreements"
welcome = "A weekly check-in on the agreements you keep."
note = "Self-help, not therapy."
closing = "The end."
chapters = ["check-in.toml"]
"#;

const CHAPTER: &str = r#"id = "check-in"
title = "Our week"
introduction = "The agreements, then a check-in each week."

[[exercises]]
id = "agreements"
title = "Our agreements"
kind = "list"
prompt = "Which agreements do you keep?"

[[exercises]]
id = "kept"
title = "Kept"
kind = "ratings"
prompt = "How well did each agreement hold this week?"
items_from = "agreements"
min = 0
max = 10

[repeat]
rhythm = "weekly"
title = "Weekly check-in"
exercises = ["kept"]

[reflection]
prompt = "What has changed?"
"#;

fn workbook() -> Workbook {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("workbook.toml"), WORKBOOK).expect("workbook.toml");
    fs::write(dir.path().join("check-in.toml"), CHAPTER).expect("check-in.toml");
    content::load_dir(dir.path()).unwrap_or_else(|d| panic!("{d}"))
}

/// The list as it is: (items, ids).
fn listed(a: &Answers) -> (Vec<String>, Vec<String>) {
    let v = a.get(CH, "agreements").map(|a| a.value.clone());
    let (items, ids) = v.as_ref().and_then(Value::as_list).expect("a list");
    (items.to_vec(), ids.to_vec())
}

/// Changes the list as the list screen does (ids go with their items), at `when`.
pub(crate) fn edit(a: &mut Answers, when: &str, change: impl FnOnce(&mut Vec<String>, &mut Vec<String>)) {
    let (mut items, mut ids) = listed(a);
    change(&mut items, &mut ids);
    a.set(CH, "agreements", Value::List { items, ids }, when.into());
}

/// Rates the week of `monday` as the ratings screen stores it (with the list's version).
pub(crate) fn rate(a: &mut Answers, wb: &Workbook, monday: &str, values: &[(&str, i64)]) {
    a.route(wb);
    let started = format!("{monday}T20:00:00Z");
    let open = Open {
        id: monday.to_string(),
        started: started.clone(),
        old: false,
    };
    a.open_entry(CH, open);
    let ratings: BTreeMap<String, i64> = values.iter().map(|(k, v)| (k.to_string(), *v)).collect();
    let stored = a.get(CH, "kept").map(|x| x.value.clone());
    let kind = &wb.chapters[0].exercises[1].kind;
    let value = a.with_version(kind, Value::ratings(ratings, BTreeSet::new()), stored.as_ref());
    a.set(CH, "kept", value, started);
    a.close_entry(CH);
}

/// The list as first typed (with a typo), at `when`.
pub(crate) fn first_list(when: &str) -> Answers {
    let mut a = Answers::default();
    let items = ["Calls retuned", "Plans kept", "Tea on Sunday"];
    a.set(
        CH,
        "agreements",
        Value::list(items.map(String::from).to_vec()),
        when.into(),
    );
    a
}

/// Four weeks: "Calls retuned" (a typo) reworded in week 2, "Tea on Sunday" moved to the
/// top in week 3, "Plans kept" deleted in week 4.
fn four_weeks(wb: &Workbook) -> Answers {
    let mut a = first_list("2026-11-01T10:00:00Z");
    rate(
        &mut a,
        wb,
        "2026-11-02",
        &[("Calls retuned", 5), ("Plans kept", 8), ("Tea on Sunday", 3)],
    );
    edit(&mut a, "2026-11-09T10:00:00Z", |items, _| {
        items[0] = "Calls returned".into()
    });
    rate(
        &mut a,
        wb,
        "2026-11-09",
        &[("Calls returned", 6), ("Plans kept", 7), ("Tea on Sunday", 4)],
    );
    edit(&mut a, "2026-11-16T10:00:00Z", |items, ids| {
        let (t, i) = (items.remove(2), ids.remove(2));
        items.insert(0, t);
        ids.insert(0, i);
    });
    rate(
        &mut a,
        wb,
        "2026-11-16",
        &[("Calls returned", 7), ("Plans kept", 6), ("Tea on Sunday", 5)],
    );
    edit(&mut a, "2026-11-23T10:00:00Z", |items, ids| {
        let at = items.iter().position(|i| i == "Plans kept").expect("listed");
        items.remove(at);
        ids.remove(at);
    });
    rate(
        &mut a,
        wb,
        "2026-11-23",
        &[("Calls returned", 8), ("Tea on Sunday", 6)],
    );
    a
}

fn trend_values(app: &trustbook::app::App, name: &str) -> Vec<Option<i64>> {
    let (trends, _) = app.trends().expect("on the entries screen");
    let series = trends.series.iter().find(|s| s.name == name).unwrap_or_else(|| {
        panic!(
            "no trend {name}: {:?}",
            trends.series.iter().map(|s| &s.name).collect::<Vec<_>>()
        )
    });
    app.answers()
        .live_entries(CH)
        .map(|e| series.value_in(&shown_entry(app, e)))
        .collect()
}

/// The entry as the app shows it (its ratings under today's wording).
fn shown_entry(app: &trustbook::app::App, e: &Entry) -> Entry {
    app.shown().entry(CH, &e.id).cloned().expect("shown")
}

#[test]
fn an_item_reworded_reordered_and_deleted_across_four_weeks() {
    let wb = workbook();
    let alex = four_weeks(&wb);
    // The file keeps what each week rated, as worded then.
    let weeks: Vec<&Entry> = alex.live_entries(CH).collect();
    let first = &weeks[0].answers["kept"].value;
    assert!(matches!(first, Value::Ratings { ratings, .. } if ratings.contains_key("Calls retuned")));

    // The app: every week is done, the trend of the reworded item is one line under
    // today's wording, the deleted item keeps its own under the wording it had.
    let mut app = app_with(wb.clone(), alex.clone(), None);
    send(&mut app, char_key('t'));
    send(&mut app, char_key('e'));
    assert_eq!(app.screen(), Screen::Entries(0));
    let calls = trend_values(&app, "Kept: Calls returned");
    assert_eq!(calls, [Some(5), Some(6), Some(7), Some(8)]);
    assert_eq!(
        trend_values(&app, "Kept: Plans kept"),
        [Some(8), Some(7), Some(6), None]
    );
    assert_eq!(
        trend_values(&app, "Kept: Tea on Sunday"),
        [Some(3), Some(4), Some(5), Some(6)]
    );
    let names: Vec<&str> = app
        .trends()
        .unwrap()
        .0
        .series
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert!(!names.iter().any(|n| n.contains("retuned")), "{names:?}");
    // Trends follow the list's order now: "Tea on Sunday" was moved to the top.
    let tea = names.iter().position(|n| n.ends_with("Tea on Sunday"));
    let call = names.iter().position(|n| n.ends_with("Calls returned"));
    assert!(tea < call, "{names:?}");
    for e in app.answers().live_entries(CH) {
        let probe = app.answers().as_of(CH, e);
        assert_eq!(
            probe.status(CH, &wb.chapters[0].exercises[1]),
            Status::Done,
            "{}",
            e.id
        );
    }

    // Compare: alex's four weeks against sam's, who rated the first week only.
    let mut sam = first_list("2026-11-01T11:00:00Z");
    rate(
        &mut sam,
        &wb,
        "2026-11-02",
        &[("Calls retuned", 9), ("Plans kept", 2), ("Tea on Sunday", 1)],
    );
    let c = comparison::compare_at(&wb, ("alex", &alex), ("sam", &sam), Some("2026-11-02"), NOW);
    let rows: Vec<String> = c
        .chapters
        .iter()
        .flat_map(|ch| &ch.rows)
        .filter_map(|r| match &r.view {
            RowView::Both { me, partner } => Some(format!("{me:?} | {partner:?}")),
            _ => None,
        })
        .collect();
    let both = rows.join("\n");
    assert!(
        both.contains("Calls returned (was: Calls retuned): 5 / 10"),
        "{both}"
    );
    assert!(
        both.contains("Plans kept: 8 / 10"),
        "the deleted item, as it was: {both}"
    );

    // Markdown: one column per item, under today's wording, the deleted one last.
    let meta = ExportMeta {
        profile: "alex".into(),
        date: "2026-12-10".into(),
    };
    let md = export::markdown(&wb, &alex, &meta, false);
    assert!(md.contains("Calls returned (was: Calls retuned): 5 / 10"), "{md}");
    assert!(!md.contains("Calls retuned 0"), "no column of its own: {md}");
    let head = md
        .lines()
        .find(|l| l.contains("Calls returned") && l.starts_with('|'))
        .expect("a table");
    assert!(head.contains("Plans kept") && !head.contains("retuned"), "{head}");

    // JSON: ids on the list and on every week's ratings; it reads back the same.
    let json = export::json(&wb, &alex, &meta, false);
    assert!(
        json.contains("\"version\": 3") && json.contains("\"ids\""),
        "{json}"
    );
    let back = export::parse_json(&json).expect("imports");
    assert_eq!(back.answers.entries, alex.entries);
    assert_eq!(listed(&back.answers), listed(&alex));
}

#[test]
fn ratings_trends_compare_and_exports_follow_an_item_through_rewording() {
    let wb = workbook();
    let alex = four_weeks(&wb);
    let shown = alex.in_current_words(&wb);
    let first = shown.live_entries(CH).next().expect("a week");
    let Value::Ratings { ratings, was, .. } = &first.answers["kept"].value else {
        panic!("ratings");
    };
    assert_eq!(ratings.get("Calls returned"), Some(&5));
    assert_eq!(
        was.get("Calls returned").map(String::as_str),
        Some("Calls retuned")
    );
    // What is stored is not changed by reading it.
    let stored = alex.live_entries(CH).next().expect("a week");
    assert!(
        matches!(&stored.answers["kept"].value, Value::Ratings { ratings, .. } if ratings.contains_key("Calls retuned"))
    );
}

#[test]
fn reordering_keeps_the_ids() {
    let wb = workbook();
    let mut app = app_with(wb, Answers::default(), None);
    crate::common::tab_to(&mut app, Screen::Exercise(0, 0));
    press(&mut app, KeyCode::Enter);
    type_str(&mut app, "one\ntwo\nthree\n");
    press(&mut app, KeyCode::Esc);
    let before = listed(app.answers());
    assert!(before.1.iter().all(|i| !i.is_empty()), "{before:?}");
    let unique: BTreeSet<&String> = before.1.iter().collect();
    assert_eq!(unique.len(), 3, "{before:?}");
    // Move "one" down, then reword "two".
    press(&mut app, KeyCode::Home);
    send(&mut app, shift(KeyCode::Down));
    let (items, ids) = listed(app.answers());
    assert_eq!(items, ["two", "one", "three"]);
    assert_eq!(
        ids,
        [before.1[1].clone(), before.1[0].clone(), before.1[2].clone()]
    );
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Enter);
    type_str(&mut app, " more");
    press(&mut app, KeyCode::Enter);
    let (items, ids) = listed(app.answers());
    assert_eq!(items, ["two more", "one", "three"]);
    assert_eq!(ids[0], before.1[1], "reworded, same id");
    // Delete "one"; an item added after gets a new id, never the deleted one's.
    press(&mut app, KeyCode::Down);
    send(&mut app, char_key('d'));
    send(&mut app, char_key('a'));
    type_str(&mut app, "four\n");
    let (items, ids) = listed(app.answers());
    assert_eq!(items, ["two more", "three", "four"]);
    assert!(!before.1.contains(&ids[2]), "{ids:?} {before:?}");
    assert_eq!(
        value(&app, CH, "agreements")
            .and_then(Value::as_list)
            .map(|l| l.1.len()),
        Some(3)
    );
}

#[test]
fn a_deleted_item_keeps_its_past_ratings_under_the_wording_it_had() {
    let wb = workbook();
    let alex = four_weeks(&wb);
    let shown = alex.in_current_words(&wb);
    let plans: Vec<Option<i64>> = shown
        .live_entries(CH)
        .map(|e| match &e.answers["kept"].value {
            Value::Ratings { ratings, .. } => ratings.get("Plans kept").copied(),
            _ => None,
        })
        .collect();
    assert_eq!(plans, [Some(8), Some(7), Some(6), None]);
    assert!(!listed(&alex).0.contains(&"Plans kept".to_string()));
}

#[test]
fn an_old_week_shows_the_current_wording_with_was() {
    let wb = workbook();
    let alex = four_weeks(&wb);
    let mut app = app_with(wb, alex, None);
    send(&mut app, char_key('t'));
    send(&mut app, char_key('e'));
    // The oldest week, opened from the list of entries (newest first).
    for _ in 0..3 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    for (w, h) in [(60, 20), (80, 24), (150, 50)] {
        let screen = render(&app, w, h);
        // At 60 columns the row wraps between words, never inside one.
        let want = if w == 60 {
            "(was: Calls"
        } else {
            "Calls returned (was: Calls retuned)"
        };
        assert!(screen.contains(want), "{w}x{h}:\n{screen}");
    }
}

#[test]
fn each_entry_records_the_version_of_the_list_it_rated() {
    let wb = workbook();
    let mut a = four_weeks(&wb);
    // A new agreement after the four weeks: the earlier weeks stay done, and none of
    // them shows it.
    edit(&mut a, "2026-11-30T10:00:00Z", |items, ids| {
        items.push("Walks together".into());
        ids.push(String::new());
    });
    let kept = &wb.chapters[0].exercises[1];
    for e in a.live_entries(CH) {
        assert_eq!(a.as_of(CH, e).status(CH, kept), Status::Done, "{}", e.id);
        let Value::Ratings { ids, .. } = &e.answers["kept"].value else {
            panic!("ratings");
        };
        assert!(!ids.contains_key("Walks together"), "{}: {ids:?}", e.id);
    }
    // Week 1 recorded the list as it was: three items under their wording then.
    let first = a.live_entries(CH).next().expect("a week");
    let Value::Ratings { ids, .. } = &first.answers["kept"].value else {
        panic!("ratings");
    };
    let worded: Vec<&str> = ids.keys().map(String::as_str).collect();
    assert_eq!(worded, ["Calls retuned", "Plans kept", "Tea on Sunday"]);
}

#[test]
fn partner_items_are_checked_against_the_workbooks_max() {
    let wb = workbook();
    let alex = four_weeks(&wb);
    let mut sam = Answers::default();
    sam.set(
        CH,
        "agreements",
        Value::list(vec!["Calls retuned".into()]),
        "2026-11-01T11:00:00Z".into(),
    );
    // Within the scale for the one item listed (so the week is done and shown), off it
    // for two more a tampered file holds.
    rate(
        &mut sam,
        &wb,
        "2026-11-02",
        &[("Calls retuned", 4), ("Extra", 99), ("Minus", -4)],
    );
    let c = comparison::compare_at(&wb, ("alex", &alex), ("sam", &sam), Some("2026-11-02"), NOW);
    let text = format!("{:?}", c.chapters);
    assert!(text.contains("not shown, its value is outside 0 to 10"), "{text}");
    assert!(!text.contains("99") && !text.contains("-4"), "{text}");
}

#[test]
fn a_schema_2_file_gets_ids_and_keeps_every_rating() {
    let wb = workbook();
    let dir = tempfile::tempdir().expect("temp dir");
    let file = r#"schema_version = 2
workbook = "ids-book"

[answers.check-in.agreements]
changed = "2026-11-01T10:00:00Z"
kind = "list"
items = ["Calls retuned", "Plans kept"]

[[entries.check-in]]
id = "2026-11-02"
started = "2026-11-02T20:00:00Z"

[entries.check-in.answers.kept]
changed = "2026-11-02T20:00:00Z"
kind = "ratings"

[entries.check-in.answers.kept.ratings]
"Calls retuned" = 5
"Plans kept" = 8
"#;
    let saved = trustbook::store::decode(file, &dir.path().join("x.toml")).expect("reads");
    let mut a = saved.answers;
    let (_, ids) = listed(&a);
    assert_eq!(ids.len(), 2);
    // Reworded after the upgrade: the old week's rating, stored by text alone, follows.
    edit(&mut a, "2026-11-09T10:00:00Z", |items, _| {
        items[0] = "Calls returned".into()
    });
    let shown = a.in_current_words(&wb);
    let week = shown.live_entries(CH).next().expect("a week");
    let Value::Ratings { ratings, .. } = &week.answers["kept"].value else {
        panic!("ratings");
    };
    assert_eq!(ratings.get("Calls returned"), Some(&5));
    assert_eq!(ratings.get("Plans kept"), Some(&8));
}

//! The ratings kind's items from a list (`items_from`) and the person's own items
//! (`add_items`), driven by keys on the v2 fixture.

use std::collections::BTreeMap;

use ratatui::crossterm::event::KeyCode;
use trustbook::answers::{Answers, Status, Value};
use trustbook::app::{App, Screen};
use trustbook::export::{self, ExportMeta};

use crate::common::v2::{CH, map, v2};
use crate::common::{app_with, back_tab, char_key, place, press, render, send, type_str, value};

/// An app on the v2 fixture with `answers`, opened on exercise `id`.
fn on_with(id: &str, answers: Answers) -> App {
    let mut app = app_with(v2(), answers, Some(place(CH, Some(id))));
    send(&mut app, char_key('c'));
    assert_eq!(app.screen(), screen_of(id));
    app
}

fn on(id: &str) -> App {
    on_with(id, Answers::default())
}

fn screen_of(id: &str) -> Screen {
    let (c, e) = v2().find(CH, id).expect("in the fixture");
    Screen::Exercise(c, e)
}

/// Presses `Tab` (forward) or `Shift+Tab` until exercise `id` is on screen.
fn go_to(app: &mut App, id: &str, forward: bool) {
    for _ in 0..20 {
        if app.screen() == screen_of(id) {
            return;
        }
        if forward {
            press(app, KeyCode::Tab);
        } else {
            send(app, back_tab());
        }
    }
    panic!("never reached {id}: {:?}", app.screen());
}

fn ratings(app: &App, id: &str) -> BTreeMap<String, i64> {
    match value(app, CH, id) {
        Some(Value::Ratings { ratings, .. }) => ratings.clone(),
        None => BTreeMap::new(),
        Some(other) => panic!("{other:?}"),
    }
}

fn status(app: &App, id: &str) -> Status {
    let wb = v2();
    let (c, e) = wb.find(CH, id).expect("in the fixture");
    app.answers().status(CH, &wb.chapters[c].exercises[e])
}

/// Adds items to the open list exercise: `a`, each text with Enter, then Esc.
fn add_to_list(app: &mut App, items: &[&str]) {
    send(app, char_key('a'));
    for item in items {
        type_str(app, item);
        press(app, KeyCode::Enter);
    }
    press(app, KeyCode::Esc);
}

#[test]
fn an_empty_list_says_where_to_write_it() {
    let app = on("helps-how-much");
    for (w, h) in [(60, 20), (80, 24)] {
        let screen = render(&app, w, h);
        assert!(
            screen.contains("Your list in \"What helps\" is still empty."),
            "{screen}"
        );
        insta::assert_snapshot!(format!("ratings_list_empty_{w}x{h}"), screen);
    }
    assert_eq!(status(&app, "helps-how-much"), Status::NotStarted);
}

#[test]
fn items_from_a_list_are_rated_and_follow_the_list() {
    let mut app = on("what-helps");
    add_to_list(&mut app, &["A walk", "Music"]);
    go_to(&mut app, "helps-how-much", true);
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("[  ] A walk") && screen.contains("[  ] Music"),
        "{screen}"
    );
    send(&mut app, char_key('8'));
    press(&mut app, KeyCode::Down);
    send(&mut app, char_key('3'));
    assert_eq!(
        ratings(&app, "helps-how-much"),
        map(&[("A walk", 8), ("Music", 3)])
    );
    assert_eq!(status(&app, "helps-how-much"), Status::Done);
    for (w, h) in [(60, 20), (80, 24)] {
        insta::assert_snapshot!(format!("ratings_from_list_{w}x{h}"), render(&app, w, h));
    }

    // Back to the list: "A walk" goes, "A bath" comes.
    go_to(&mut app, "what-helps", false);
    press(&mut app, KeyCode::Home);
    send(&mut app, char_key('d'));
    add_to_list(&mut app, &["A bath"]);
    go_to(&mut app, "helps-how-much", true);
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("[ 3] Music") && screen.contains("[  ] A bath"),
        "{screen}"
    );
    assert!(!screen.contains("A walk"), "no longer in the list: {screen}");
    assert!(screen.contains("1 of 2 rated."), "{screen}");
    // The old rating is kept, but not asked for.
    assert_eq!(
        ratings(&app, "helps-how-much"),
        map(&[("A walk", 8), ("Music", 3)])
    );
    assert_eq!(status(&app, "helps-how-much"), Status::Started);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Enter);
    assert_eq!(status(&app, "helps-how-much"), Status::Done);

    // The review and the export show every rated item, the one no longer listed last.
    let meta = ExportMeta {
        profile: "alex".into(),
        date: "2026-11-26".into(),
    };
    let md = export::markdown(&v2(), app.answers(), &meta, false);
    assert!(
        md.contains("- Music: 3 / 10\n- A bath: 5 / 10\n- A walk: 8 / 10"),
        "{md}"
    );
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    send(&mut app, char_key('r'));
    assert_eq!(app.screen(), Screen::Review);
    // The last row is the reflection; above it the moods, then these ratings.
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Up);
    send(&mut app, char_key(' '));
    let review = render(&app, 80, 24);
    assert!(review.contains("How much each helps"), "{review}");
    assert!(
        review.contains("- Music: 3 / 10") && review.contains("- A walk: 8 / 10"),
        "{review}"
    );
}

#[test]
fn own_items_are_added_rated_removed_and_brought_back() {
    let mut app = on("moods");
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("Nothing to rate yet: a adds an item of your own."),
        "{screen}"
    );
    assert!(
        screen.contains("a add  d remove"),
        "the footer names the keys: {screen}"
    );

    send(&mut app, char_key('a'));
    type_str(&mut app, "sad");
    for (w, h) in [(60, 20), (80, 24)] {
        let screen = render(&app, w, h);
        assert!(screen.contains("New item: sad"), "{screen}");
        insta::assert_snapshot!(format!("ratings_own_typing_{w}x{h}"), screen);
    }
    press(&mut app, KeyCode::Enter);
    // Added, not rated yet: nothing stored, and not done.
    assert!(render(&app, 80, 24).contains("[     ] sad"));
    assert_eq!(value(&app, CH, "moods"), None);
    send(&mut app, char_key('7'));
    send(&mut app, char_key('0'));
    assert_eq!(ratings(&app, "moods"), map(&[("sad", 70)]));
    assert_eq!(status(&app, "moods"), Status::Done);

    // Insert opens the field too; Esc leaves it without adding.
    press(&mut app, KeyCode::Insert);
    type_str(&mut app, "bored");
    press(&mut app, KeyCode::Esc);
    assert!(!render(&app, 80, 24).contains("bored"));
    // Own items are sorted, as stored: "angry" comes before "sad".
    send(&mut app, char_key('a'));
    type_str(&mut app, "angry");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Enter);
    assert_eq!(ratings(&app, "moods"), map(&[("angry", 50), ("sad", 70)]));
    for (w, h) in [(60, 20), (80, 24)] {
        let screen = render(&app, w, h);
        let (angry, sad) = (screen.find("angry"), screen.find("] sad"));
        assert!(angry < sad, "{screen}");
        insta::assert_snapshot!(format!("ratings_own_{w}x{h}"), screen);
    }

    // `d` removes the item under the cursor, its rating with it; `u` brings it back.
    send(&mut app, char_key('d'));
    assert_eq!(ratings(&app, "moods"), map(&[("sad", 70)]));
    assert!(render(&app, 80, 24).contains("Deleted \"angry\". u brings it back."));
    send(&mut app, char_key('u'));
    assert_eq!(ratings(&app, "moods"), map(&[("angry", 50), ("sad", 70)]));
    press(&mut app, KeyCode::Down);
    send(&mut app, char_key('d'));
    press(&mut app, KeyCode::Up);
    send(&mut app, char_key('d'));
    assert_eq!(value(&app, CH, "moods"), None);
    assert_eq!(status(&app, "moods"), Status::NotStarted);
}

#[test]
fn only_own_items_can_be_removed() {
    let mut a = Answers::default();
    set_list(&mut a, &["Music"]);
    // A ratings without `add_items` takes no `d`; one with it refuses a list item.
    let mut app = on_with("helps-how-much", a);
    send(&mut app, char_key('7'));
    send(&mut app, char_key('d'));
    assert_eq!(ratings(&app, "helps-how-much"), map(&[("Music", 7)]));
    assert!(!render(&app, 80, 24).contains("d remove"));
}

const AT: &str = "2026-11-26T10:04:00Z";

/// Stores `items` as the answer to the list "What helps".
fn set_list(a: &mut Answers, items: &[&str]) {
    let items = items.iter().map(|i| (*i).to_string()).collect();
    a.set(CH, "what-helps", Value::list(items), AT.into());
}

/// Stores `pairs` as the ratings of exercise `id`.
fn set_ratings(a: &mut Answers, id: &str, pairs: &[(&str, i64)]) {
    a.set(
        CH,
        id,
        Value::Ratings {
            ratings: map(pairs),
            na: Default::default(),
            ids: Default::default(),
            was: Default::default(),
        },
        AT.into(),
    );
}

fn answered() -> Answers {
    let mut a = Answers::default();
    set_list(&mut a, &["Music", "A bath"]);
    set_ratings(&mut a, "helps-how-much", &[("Music", 3), ("A walk", 8)]);
    set_ratings(&mut a, "moods", &[("sad", 70), ("angry", 40)]);
    a
}

#[test]
fn list_and_own_ratings_round_trip_through_both_exports() {
    let wb = v2();
    let a = answered();
    let meta = ExportMeta {
        profile: "alex".into(),
        date: "2026-11-26".into(),
    };
    let md = export::markdown(&wb, &a, &meta, false);
    assert!(
        md.contains("- Music: 3 / 10\n- A bath: not rated\n- A walk: 8 / 10"),
        "{md}"
    );
    // No labels: the ends are numbers only.
    assert!(
        md.contains("0 to 100\n\n- angry: 40 % / 100\n- sad: 70 % / 100"),
        "{md}"
    );
    let first = export::json(&wb, &a, &meta, false);
    let parsed = export::parse_json(&first).expect("parses");
    assert_eq!(parsed.answers, a);
    assert_eq!(export::json(&wb, &parsed.answers, &meta, false), first);
    assert_eq!(export::markdown(&wb, &parsed.answers, &meta, false), md);
}

#[test]
fn the_comparison_shows_each_partner_s_own_list_items() {
    let wb = v2();
    let mut me = answered();
    set_list(&mut me, &["Music"]);
    let mut partner = Answers::default();
    set_list(&mut partner, &["Running"]);
    set_ratings(&mut partner, "helps-how-much", &[("Running", 9)]);
    let c = trustbook::comparison::compare(&wb, ("alex", &me), ("sam", &partner));
    let text = trustbook::comparison::render_text(&c, 100);
    assert!(text.contains("Running: 9 / 10"), "{text}");
    assert!(
        text.contains("Music: 3 / 10") && text.contains("A walk: 8 / 10"),
        "{text}"
    );
}

#[test]
fn a_long_list_scrolls_to_the_item_being_rated() {
    let names: Vec<String> = (1..=300).map(|i| format!("Thing number {i}")).collect();
    let mut a = Answers::default();
    set_list(&mut a, &names.iter().map(String::as_str).collect::<Vec<_>>());
    let mut app = on_with("helps-how-much", a);
    let top = render(&app, 80, 24);
    assert!(top.contains("› [  ] Thing number 1 "), "{top}");
    for _ in 0..250 {
        press(&mut app, KeyCode::Down);
    }
    // → proposes the middle, Enter picks it.
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Enter);
    let screen = render(&app, 80, 24);
    // The row being rated is on screen, marked, with the rows before it above.
    assert!(screen.contains("› [ 5] Thing number 251"), "{screen}");
    assert!(
        screen.contains("Thing number 250\n") || screen.contains("Thing number 250 "),
        "{screen}"
    );
    assert!(!screen.contains("Thing number 1 "), "{screen}");
    assert!(
        screen.contains("1 of 300 rated") || screen.contains("1/300"),
        "{screen}"
    );
    assert_eq!(ratings(&app, "helps-how-much"), map(&[("Thing number 251", 5)]));
}

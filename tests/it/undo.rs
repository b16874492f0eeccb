//! One undo for every answer change on every kind (issue 20): u or Ctrl+Z takes
//! back the last change on the screen, Ctrl+Y makes it again, and the private
//! mark moves only when the change undone was the mark itself.

use std::path::Path;

use ratatui::crossterm::event::KeyCode;
use trustbook::answers::{Answers, Value};
use trustbook::app::{App, Changed, Made, Notice, Screen};
use trustbook::content::{self, Workbook};

use crate::common::*;

const CH: &str = "after-a-fight";

fn v2() -> Workbook {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v2-workbook");
    content::load_dir(&dir).unwrap_or_else(|d| panic!("{d}"))
}

/// The v2 fixture on exercise `id`, with `answers`.
fn on(id: &str, answers: Answers) -> App {
    let mut app = app_with(v2(), answers, Some(place(CH, Some(id))));
    send(&mut app, char_key('c'));
    assert!(matches!(app.screen(), Screen::Exercise(..)), "{:?}", app.screen());
    app
}

fn answer(app: &App, id: &str) -> Option<trustbook::answers::Answer> {
    app.answers().get(CH, id).cloned()
}

#[test]
fn none_of_these_wipes_three_ticks_and_u_brings_them_back() {
    let mut a = Answers::default();
    put(
        &mut a,
        CH,
        "feelings",
        false,
        ticked(&["Hurt", "Angry", "Scared"]),
    );
    let mut app = on("feelings", a);
    press_n(&mut app, KeyCode::Down, 3);
    send(&mut app, char_key(' '));
    assert_eq!(value(&app, CH, "feelings"), Some(&ticked(&["None of these"])));
    assert_eq!(
        app.notice(),
        Some(&Notice::Made(Made::TickedAlone("None of these".into(), 3)))
    );
    assert!(render(&app, 80, 24).contains("took back 3 ticks · u to undo"));
    send(&mut app, char_key('u'));
    assert_eq!(
        value(&app, CH, "feelings"),
        Some(&ticked(&["Hurt", "Angry", "Scared"]))
    );
    // The cursor stays where it was.
    assert_eq!(app.component().and_then(|c| c.cursor()), Some(3));
    send(&mut app, ctrl('y'));
    assert_eq!(value(&app, CH, "feelings"), Some(&ticked(&["None of these"])));
    send(&mut app, ctrl('z'));
    assert_eq!(
        value(&app, CH, "feelings"),
        Some(&ticked(&["Hurt", "Angry", "Scared"]))
    );
}

#[test]
fn a_list_delete_undoes_and_redoes() {
    let mut a = Answers::default();
    put(
        &mut a,
        CH,
        "what-helps",
        false,
        list(&["Text Jo if I am late", "Walk"]),
    );
    let mut app = on("what-helps", a);
    press(&mut app, KeyCode::Home);
    send(&mut app, char_key('d'));
    assert_eq!(value(&app, CH, "what-helps"), Some(&list(&["Walk"])));
    assert!(render(&app, 80, 24).contains("Deleted \"Text Jo if I am late\". u brings it back."));
    send(&mut app, char_key('u'));
    assert_eq!(
        value(&app, CH, "what-helps"),
        Some(&list(&["Text Jo if I am late", "Walk"]))
    );
    send(&mut app, char_key('U'));
    assert_eq!(value(&app, CH, "what-helps"), Some(&list(&["Walk"])));
}

#[test]
fn a_scale_move_and_a_rating_move_undo() {
    let mut a = Answers::default();
    put(&mut a, CH, "how-upset", false, Value::Scale { value: 4 });
    let mut app = on("how-upset", a);
    send(&mut app, char_key('h'));
    assert_eq!(value(&app, CH, "how-upset"), Some(&Value::Scale { value: 3 }));
    assert!(render(&app, 80, 24).contains("Set to 3 · u to undo"));
    send(&mut app, char_key('u'));
    assert_eq!(value(&app, CH, "how-upset"), Some(&Value::Scale { value: 4 }));

    let mut a = Answers::default();
    let ratings = Value::Ratings {
        na: Default::default(),
        ratings: [("Safe".to_string(), 5)].into_iter().collect(),
        ids: Default::default(),
        was: Default::default(),
    };
    put(&mut a, CH, "how-it-feels", false, ratings.clone());
    let mut app = on("how-it-feels", a);
    send(&mut app, char_key('h'));
    assert_ne!(value(&app, CH, "how-it-feels"), Some(&ratings));
    send(&mut app, char_key('u'));
    assert_eq!(value(&app, CH, "how-it-feels"), Some(&ratings));
}

#[test]
fn skip_and_private_undo_and_undoing_a_skip_keeps_the_private_mark() {
    let mut a = Answers::default();
    put(&mut a, CH, "what-helps", false, list(&["Walk"]));
    let mut app = on("what-helps", a);
    send(&mut app, char_key('p'));
    assert!(answer(&app, "what-helps").is_some_and(|a| a.private));
    send(&mut app, char_key('s'));
    assert!(answer(&app, "what-helps").is_some_and(|a| a.skipped && a.private));
    // Undo the skip: the mark stays.
    send(&mut app, char_key('u'));
    assert_eq!(app.notice(), Some(&Notice::Undone(Changed::Skip(true))));
    let now = answer(&app, "what-helps").expect("answer");
    assert!(!now.skipped && now.private, "{now:?}");
    assert_eq!(now.value, list(&["Walk"]));
    // Undo the mark itself: now it goes.
    send(&mut app, char_key('u'));
    let now = answer(&app, "what-helps").expect("answer");
    assert!(!now.private, "{now:?}");
    send(&mut app, char_key('u'));
    assert_eq!(app.notice(), Some(&Notice::NothingToUndo));
}

#[test]
fn undoing_a_tick_made_before_the_private_key_leaves_the_mark() {
    let mut app = on("feelings", Answers::default());
    send(&mut app, char_key(' '));
    send(&mut app, char_key('p'));
    // The private mark is undone first (it was last); redo it, then go back past it.
    send(&mut app, char_key('u'));
    assert!(!answer(&app, "feelings").is_some_and(|a| a.private));
    send(&mut app, ctrl('y'));
    assert!(answer(&app, "feelings").is_some_and(|a| a.private));
    // A tick after the mark, then undo: the tick goes, the mark stays.
    send(&mut app, char_key('j'));
    send(&mut app, char_key(' '));
    send(&mut app, char_key('u'));
    let now = answer(&app, "feelings").expect("answer");
    assert!(now.private, "{now:?}");
    assert_eq!(now.value, ticked(&["Hurt"]));
}

#[test]
fn in_a_text_answer_ctrl_z_takes_back_a_skip_before_the_text() {
    let mut app = on("what-happened", Answers::default());
    type_str(&mut app, "We argued");
    app.update(trustbook::app::Action::Event(trustbook::app::Event::Commit));
    send(&mut app, ctrl('s'));
    assert!(answer(&app, "what-happened").is_some_and(|a| a.skipped));
    send(&mut app, ctrl('z'));
    assert!(answer(&app, "what-happened").is_some_and(|a| !a.skipped));
    assert_eq!(text_answer(&app, CH, "what-happened"), "We argued");
    // The next Ctrl+Z is the text field's own, a word at a time.
    send(&mut app, ctrl('z'));
    assert_eq!(field(&app), "We ");
}

#[test]
fn a_choice_pick_undoes() {
    let mut a = Answers::default();
    put(&mut a, "one", "pick", false, chosen("Red"));
    let mut app = app_with(fixture(), a, Some(place("one", Some("pick"))));
    send(&mut app, char_key('c'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert_eq!(value(&app, "one", "pick"), Some(&chosen("Green")));
    assert!(render(&app, 80, 24).contains("Picked \"Green\" · u to undo"));
    send(&mut app, char_key('u'));
    assert_eq!(value(&app, "one", "pick"), Some(&chosen("Red")));
}

#[test]
fn a_date_undoes() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("workbook.toml"),
        "format_version = 2\nid = \"b\"\ntitle = \"T\"\nwelcome = \"W\"\nnote = \"N\"\nclosing = \"C\"\nchapters = [\"a.toml\"]\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("a.toml"),
        "id = \"a\"\ntitle = \"A\"\nintroduction = \"I\"\n\n[[exercises]]\nid = \"e\"\ntitle = \"E\"\nprompt = \"P\"\nkind = \"date\"\n\n[reflection]\nprompt = \"R\"\n",
    )
    .expect("write");
    let wb = content::load_dir(dir.path()).unwrap_or_else(|d| panic!("{d}"));
    let mut a = Answers::default();
    let day = Value::Date {
        date: "2026-01-02".into(),
    };
    put(&mut a, "a", "e", false, day.clone());
    let mut app = app_with(wb, a, Some(place("a", Some("e"))));
    send(&mut app, char_key('c'));
    type_str(&mut app, "20260305");
    assert_ne!(value(&app, "a", "e"), Some(&day));
    send(&mut app, char_key('u'));
    assert_eq!(value(&app, "a", "e"), Some(&day));
}

#[test]
fn leaving_the_screen_forgets_its_changes() {
    let mut a = Answers::default();
    put(&mut a, CH, "how-upset", false, Value::Scale { value: 4 });
    let mut app = on("how-upset", a);
    send(&mut app, char_key('l'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::BackTab);
    send(&mut app, char_key('u'));
    assert_eq!(value(&app, CH, "how-upset"), Some(&Value::Scale { value: 5 }));
}

/// The first arrow on an empty scale or rating shows a value and stores nothing;
/// Enter picks it (issue 20: "the first → on an empty scale jumped to 5").
#[test]
fn first_arrow_on_an_empty_scale_or_rating_shows_before_it_counts() {
    let mut app = on("how-upset", Answers::default());
    press(&mut app, KeyCode::Right);
    assert_eq!(value(&app, CH, "how-upset"), None);
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("<5 >") || screen.contains("< 5>") || screen.contains("<5>"),
        "{screen}"
    );
    assert!(screen.contains("5? Enter picks it"), "{screen}");
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Enter);
    assert_eq!(value(&app, CH, "how-upset"), Some(&Value::Scale { value: 4 }));

    let mut app = on("how-it-feels", Answers::default());
    press(&mut app, KeyCode::Left);
    assert_eq!(value(&app, CH, "how-it-feels"), None);
    assert!(render(&app, 80, 24).contains("5? Enter picks it"));
    // Moving to another item drops what was shown.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Up);
    send(&mut app, char_key(' '));
    let want = Value::Ratings {
        na: Default::default(),
        ratings: [("Safe".to_string(), 5)].into_iter().collect(),
        ids: Default::default(),
        was: Default::default(),
    };
    assert_eq!(value(&app, CH, "how-it-feels"), Some(&want));
}

/// Several lines pasted into a list item used to become one item, joined by spaces.
#[test]
fn several_lines_pasted_into_a_list_item_become_several_items_and_undo_as_one() {
    let mut app = on(
        "what-helps",
        answers_with(&[(CH, "what-helps", list(&["Walk first"]))]),
    );
    // On "add an item": typing, then a paste of three lines (one blank, one with spaces).
    press(&mut app, KeyCode::Enter);
    type_str(&mut app, "Tea");
    paste(&mut app, "Sleep on it\n\n  Say sorry  \r\nWrite it down");
    assert_eq!(
        items_of(value(&app, CH, "what-helps")),
        ["Walk first", "Tea", "Sleep on it", "Say sorry", "Write it down"]
    );
    assert_eq!(app.notice(), Some(&Notice::PastedAsItems(3)));
    assert!(render(&app, 60, 20).contains("3 pasted lines became 3 items; u puts the list back."));
    // One undo takes the paste back and keeps what was typed before it.
    send(&mut app, char_key('u'));
    assert_eq!(items_of(value(&app, CH, "what-helps")), ["Walk first", "Tea"]);
    // One line is still typed into the item as before.
    press(&mut app, KeyCode::Enter);
    paste(&mut app, "Breathe\n");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        items_of(value(&app, CH, "what-helps")),
        ["Walk first", "Tea", "Breathe"]
    );
}

/// A paste with more lines than the list has room for changes nothing and says so.
#[test]
fn a_paste_that_would_overfill_a_list_changes_nothing() {
    // "actions-over-words" takes at most 7 items; 2 are there.
    let (ch, id) = ("rebuilding-trust", "actions-over-words");
    let mut app = app_with(shipped(), answers_with(&[(ch, id, list(&["a", "b"]))]), None);
    tab_to(&mut app, shipped_at(ch, id));
    press(&mut app, KeyCode::Enter);
    type_str(&mut app, "typed");
    let lines: Vec<String> = (1..=5).map(|n| format!("item {n}")).collect();
    paste(&mut app, &lines.join("\n"));
    assert_eq!(
        app.notice(),
        Some(&Notice::PasteOverflowsList { lines: 5, room: 4 })
    );
    assert_eq!(value(&app, ch, id), Some(&list(&["a", "b"])));
    // The field is still open with what was typed.
    assert_eq!(field(&app), "typed");
}

//! The app's state driven by key events through the key table, without a terminal.
//!
//! The fixture workbook (tests/fixtures/valid) is:
//! chapter "one": free (text), items (list, 1 to 3), pick (choice Red/Green/Blue + other), reflection;
//! chapter "two": ticks (checklist One/Two/Three), rate (scale 0..10), reflection.

use crate::common::*;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind,
};
use trustbook::answers::Value;
use trustbook::app::{Action, App, ContentsRow, Edit, Effect, Event as AppEvent, Screen, WelcomeItem};
use trustbook::store::SaveProblem;
use trustbook::ui::text;

use KeyCode::{Backspace, Delete, Down, End, Enter, Esc, F, Home, Left, Right, Tab, Up};

/// Every page of the fixture in reading order, after the welcome screen.
const FIXTURE_PAGES: [Screen; 10] = [
    Screen::Intro(0),
    Screen::Exercise(0, 0),
    Screen::Exercise(0, 1),
    Screen::Exercise(0, 2),
    Screen::Exercise(0, 3),
    Screen::Intro(1),
    Screen::Exercise(1, 0),
    Screen::Exercise(1, 1),
    Screen::Exercise(1, 2),
    Screen::Closing,
];

/// A fixture session opened at one exercise by pressing Tab, as a user would.
fn at(c: usize, e: usize) -> App {
    let mut app = fixture_app();
    tab_to(&mut app, Screen::Exercise(c, e));
    app
}

fn list_items(app: &App) -> Vec<String> {
    match value(app, "one", "items") {
        Some(Value::List { items, .. }) => items.clone(),
        None => Vec::new(),
        Some(v) => panic!("not a list: {v:?}"),
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn is_private(app: &App, c: &str, e: &str) -> bool {
    app.answers().get(c, e).is_some_and(|a| a.private)
}

// ---- welcome ------------------------------------------------------------------

#[test]
fn welcome_without_progress_offers_start_contents_and_sharing_only() {
    let mut app = fixture_app();
    assert_eq!(app.screen(), Screen::Welcome);
    assert_eq!(
        app.welcome_items(),
        vec![WelcomeItem::Start, WelcomeItem::Contents, WelcomeItem::Sharing]
    );
    // The cursor stays inside the menu.
    press_n(&mut app, Down, 5);
    assert_eq!(app.welcome_cursor(), 2);
    send(&mut app, char_key('k'));
    send(&mut app, char_key('k'));
    assert_eq!(app.welcome_cursor(), 0);
    press(&mut app, Enter);
    assert_eq!(app.screen(), Screen::Intro(0));
}

#[test]
fn welcome_offers_continue_with_answers_or_a_resume_place() {
    let answered = answers_with(&[("one", "free", Value::Text { text: "hi".into() })]);
    let app = app_with(fixture(), answered, None);
    assert_eq!(app.welcome_items()[0], WelcomeItem::Continue);

    let app = app_with(fixture(), Default::default(), Some(place("one", Some("pick"))));
    assert_eq!(
        app.welcome_items(),
        vec![
            WelcomeItem::Continue,
            WelcomeItem::Start,
            WelcomeItem::Contents,
            WelcomeItem::Sharing
        ]
    );

    // A place the workbook no longer has is dropped: no Continue.
    let app = app_with(fixture(), Default::default(), Some(place("gone", None)));
    assert_eq!(
        app.welcome_items(),
        vec![WelcomeItem::Start, WelcomeItem::Contents, WelcomeItem::Sharing]
    );
    assert_eq!(app.resume_place(), None);
}

#[test]
fn continue_goes_to_the_resume_place() {
    let mut app = app_with(fixture(), Default::default(), Some(place("one", Some("pick"))));
    press(&mut app, Enter);
    assert_eq!(app.screen(), Screen::Exercise(0, 2));

    let mut app = app_with(fixture(), Default::default(), Some(place("two", None)));
    send(&mut app, char_key('c'));
    assert_eq!(app.screen(), Screen::Intro(1));

    // Answers but no place: Continue starts at the first chapter.
    let answered = answers_with(&[("two", "rate", Value::Scale { value: 3 })]);
    let mut app = app_with(fixture(), answered, None);
    press(&mut app, Enter);
    assert_eq!(app.screen(), Screen::Intro(0));
}

#[test]
fn welcome_letter_keys_and_menu_rows() {
    let mut app = fixture_app();
    send(&mut app, char_key('t'));
    assert_eq!(app.screen(), Screen::Contents);

    let mut app = fixture_app();
    send(&mut app, char_key('s'));
    assert_eq!(app.screen(), Screen::Intro(0));

    let mut app = fixture_app();
    press(&mut app, Down);
    send(&mut app, char_key(' '));
    assert_eq!(app.screen(), Screen::Contents);
}

#[test]
fn going_somewhere_records_the_place_for_continue() {
    let mut app = at(0, 2);
    assert_eq!(app.place(), Some(place("one", Some("pick"))));
    press(&mut app, Esc);
    press(&mut app, Esc);
    assert_eq!(app.screen(), Screen::Welcome);
    assert_eq!(app.welcome_items()[0], WelcomeItem::Continue);
    press(&mut app, Enter);
    assert_eq!(app.screen(), Screen::Exercise(0, 2));
}

// ---- moving through the workbook ------------------------------------------------

#[test]
fn tab_and_shift_tab_walk_every_page_across_chapters() {
    let mut app = fixture_app();
    press(&mut app, Enter);
    let mut seen = vec![app.screen()];
    for _ in 1..FIXTURE_PAGES.len() {
        let fx = press(&mut app, Tab);
        assert!(fx.contains(&Effect::Save) || app.screen() == Screen::Closing);
        seen.push(app.screen());
    }
    assert_eq!(seen, FIXTURE_PAGES);
    // The closing screen is the end: Tab stays there.
    press(&mut app, Tab);
    assert_eq!(app.screen(), Screen::Closing);

    let mut back = vec![app.screen()];
    for _ in 1..FIXTURE_PAGES.len() {
        send(&mut app, back_tab());
        back.push(app.screen());
    }
    back.reverse();
    assert_eq!(back, FIXTURE_PAGES);
    send(&mut app, back_tab());
    assert_eq!(app.screen(), Screen::Welcome);
}

#[test]
fn enter_on_the_closing_screen_returns_to_the_welcome() {
    let mut app = fixture_app();
    tab_to(&mut app, Screen::Closing);
    press(&mut app, Enter);
    assert_eq!(app.screen(), Screen::Welcome);
}

#[test]
fn enter_continues_on_reading_pages() {
    let mut app = fixture_app();
    press(&mut app, Enter);
    assert_eq!(app.screen(), Screen::Intro(0));
    press(&mut app, Enter);
    assert_eq!(app.screen(), Screen::Exercise(0, 0));
}

#[test]
fn tab_walks_the_whole_shipped_workbook() {
    let mut app = shipped_app();
    let wb = app.workbook().clone();
    press(&mut app, Enter);
    // A first run reads the safety page before chapter 1.
    assert!(app.safety_open());
    press(&mut app, Enter);
    assert!(!app.safety_open());
    let mut pages = 1;
    while app.screen() != Screen::Closing {
        press(&mut app, Tab);
        pages += 1;
        assert!(pages < 100, "never reached the closing screen");
    }
    let expected: usize = wb.chapters.iter().map(|c| 1 + c.exercises.len()).sum::<usize>() + 1;
    assert_eq!(pages, expected);
    while app.screen() != Screen::Welcome {
        send(&mut app, back_tab());
        pages -= 1;
    }
    assert_eq!(pages, 0);
}

#[test]
fn esc_goes_back_one_level_and_quits_from_welcome() {
    let mut app = at(1, 1);
    press(&mut app, Esc);
    assert_eq!(app.screen(), Screen::Contents);
    press(&mut app, Esc);
    assert_eq!(app.screen(), Screen::Welcome);
    assert!(!app.should_quit());
    let fx = press(&mut app, Esc);
    assert!(app.should_quit());
    assert!(fx.contains(&Effect::Save), "quitting saves the place: {fx:?}");

    let mut app = fixture_app();
    press(&mut app, Enter);
    press(&mut app, Esc);
    assert_eq!(app.screen(), Screen::Contents, "Esc on an introduction");
}

#[test]
fn ctrl_q_and_ctrl_c_quit_from_anywhere() {
    for quit in [ctrl('q'), ctrl('c')] {
        for (c, e) in [(0, 0), (0, 1), (1, 1)] {
            let mut app = at(c, e);
            send(&mut app, quit.clone());
            assert!(app.should_quit(), "{quit:?} at ({c}, {e})");
        }
        let mut app = fixture_app();
        send(&mut app, quit.clone());
        assert!(app.should_quit());
    }
}

#[test]
fn key_releases_resizes_and_the_mouse_wheel() {
    let mut app = fixture_app();
    let mut release = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    send(&mut app, Event::Key(release));
    assert_eq!(app.screen(), Screen::Welcome, "a key release must do nothing");

    send(&mut app, Event::Resize(132, 43));
    assert_eq!(app.size(), (132, 43));

    press(&mut app, Enter);
    let wheel = |kind| {
        Event::Mouse(MouseEvent {
            kind,
            column: 0,
            row: 0,
            modifiers: KeyModifiers::NONE,
        })
    };
    // The fixture's introduction fits at 132x43, so the wheel has nothing to scroll.
    send(&mut app, wheel(MouseEventKind::ScrollDown));
    assert_eq!(app.scroll(), 0, "scrolling stops at the end of the text");
    // A long page in a small window does scroll, and never past its end.
    let mut long = shipped_app();
    send(&mut long, Event::Resize(60, 20));
    let max = long.state().viewport().expect("the welcome text scrolls").max();
    assert!(max > 0, "the shipped welcome text overflows at 60x20");
    send(&mut long, wheel(MouseEventKind::ScrollDown));
    assert_eq!(long.scroll(), 3.min(max));
    for _ in 0..100 {
        send(&mut long, wheel(MouseEventKind::ScrollDown));
    }
    assert_eq!(long.scroll(), max);
    send(&mut long, wheel(MouseEventKind::ScrollUp));
    assert_eq!(long.scroll(), max.saturating_sub(3));
    press(&mut app, Tab);
    assert_eq!(app.scroll(), 0, "a new page starts at the top");
}

// ---- contents -----------------------------------------------------------------

#[test]
fn contents_expand_collapse_and_jump() {
    let mut app = fixture_app();
    send(&mut app, char_key('t'));
    assert_eq!(
        app.contents_rows(),
        vec![
            ContentsRow::Chapter(0),
            ContentsRow::Chapter(1),
            ContentsRow::Closing
        ]
    );
    assert_eq!(app.contents_cursor(), 0);

    press(&mut app, Right);
    assert!(app.is_expanded(0));
    assert_eq!(app.contents_rows().len(), 3 + 4);
    // Right again keeps it open; Space toggles.
    press(&mut app, Right);
    assert!(app.is_expanded(0));
    send(&mut app, char_key(' '));
    assert!(!app.is_expanded(0));
    send(&mut app, char_key('l'));
    assert!(app.is_expanded(0));

    // Down to the third exercise of chapter one, then Left collapses onto the chapter.
    press_n(&mut app, Down, 3);
    assert_eq!(
        app.contents_rows()[app.contents_cursor()],
        ContentsRow::Exercise(0, 2)
    );
    press(&mut app, Left);
    assert!(!app.is_expanded(0));
    assert_eq!(
        app.contents_rows()[app.contents_cursor()],
        ContentsRow::Chapter(0)
    );

    // End/Home and G/g.
    press(&mut app, End);
    assert_eq!(app.contents_rows()[app.contents_cursor()], ContentsRow::Closing);
    press(&mut app, Home);
    assert_eq!(app.contents_cursor(), 0);
    send(&mut app, char_key('G'));
    assert_eq!(app.contents_rows()[app.contents_cursor()], ContentsRow::Closing);
    send(&mut app, char_key('g'));
    assert_eq!(app.contents_cursor(), 0);

    // Enter on an exercise row opens it.
    press(&mut app, Down);
    send(&mut app, char_key(' '));
    press(&mut app, Down);
    press(&mut app, Down);
    assert_eq!(
        app.contents_rows()[app.contents_cursor()],
        ContentsRow::Exercise(1, 1)
    );
    press(&mut app, Enter);
    assert_eq!(app.screen(), Screen::Exercise(1, 1));
}

#[test]
fn contents_enter_on_chapter_and_closing_rows() {
    let mut app = fixture_app();
    send(&mut app, char_key('t'));
    press(&mut app, Down);
    press(&mut app, Enter);
    assert_eq!(app.screen(), Screen::Intro(1));

    let mut app = fixture_app();
    send(&mut app, char_key('t'));
    press(&mut app, End);
    press(&mut app, Enter);
    assert_eq!(app.screen(), Screen::Closing);
}

#[test]
fn contents_opens_on_the_current_place() {
    let mut app = at(1, 1);
    press(&mut app, Esc);
    assert!(app.is_expanded(1));
    assert!(!app.is_expanded(0));
    assert_eq!(
        app.contents_rows()[app.contents_cursor()],
        ContentsRow::Exercise(1, 1)
    );
}

// ---- text ---------------------------------------------------------------------

#[test]
fn text_takes_unicode_and_enter_makes_new_lines() {
    let mut app = at(0, 0);
    assert!(app.is_typing());
    let typed = "Vertrauen 信頼 🙂 e\u{301}te\nzweite Zeile\n\ndritte";
    let fx = type_str(&mut app, typed);
    assert_eq!(field(&app), typed);
    assert!(fx.iter().all(|f| *f == Effect::TextEdited), "{fx:?}");
    assert_eq!(fx.len(), typed.chars().count());
    // Not committed yet while typing.
    assert_eq!(value(&app, "one", "free"), None);
}

#[test]
fn keys_that_are_commands_elsewhere_are_text_while_typing() {
    let mut app = at(0, 0);
    type_str(&mut app, "?jqkpdaGgts c");
    assert!(!app.help_open(), "? must type, not open help");
    assert_eq!(field(&app), "?jqkpdaGgts c");
    assert_eq!(app.screen(), Screen::Exercise(0, 0));
    assert!(!app.should_quit());
    assert!(!is_private(&app, "one", "free"));
}

#[test]
fn text_is_committed_on_leaving_and_restored_on_return() {
    let mut app = at(0, 0);
    type_str(&mut app, "Erste Antwort 🌱");
    let fx = press(&mut app, Tab);
    assert!(fx.contains(&Effect::Save));
    assert_eq!(text_answer(&app, "one", "free"), "Erste Antwort 🌱");
    send(&mut app, back_tab());
    assert_eq!(field(&app), "Erste Antwort 🌱");

    // Esc to the contents commits too.
    type_str(&mut app, " und mehr");
    press(&mut app, Esc);
    assert_eq!(text_answer(&app, "one", "free"), "Erste Antwort 🌱 und mehr");

    // And quitting.
    let mut app = at(0, 3);
    type_str(&mut app, "Zum Schluss");
    let fx = send(&mut app, ctrl('q'));
    assert!(fx.contains(&Effect::Save));
    assert_eq!(text_answer(&app, "one", "reflection"), "Zum Schluss");
}

#[test]
fn commit_stores_text_once_and_keeps_the_field_open() {
    let mut app = at(0, 0);
    type_str(&mut app, "abc");
    assert_eq!(app.update(Action::Event(AppEvent::Commit)), vec![Effect::Save]);
    assert_eq!(text_answer(&app, "one", "free"), "abc");
    assert!(app.is_typing());
    assert_eq!(
        app.update(Action::Event(AppEvent::Commit)),
        vec![],
        "nothing new to commit"
    );
    // Typing more after a commit is committed again.
    type_str(&mut app, "d");
    assert_eq!(app.update(Action::Event(AppEvent::Commit)), vec![Effect::Save]);
    assert_eq!(text_answer(&app, "one", "free"), "abcd");
    // Deleting everything removes the answer.
    press_n(&mut app, Backspace, 4);
    app.update(Action::Event(AppEvent::Commit));
    assert_eq!(value(&app, "one", "free"), None);
}

#[test]
fn undo_and_redo() {
    let mut app = at(0, 0);
    type_str(&mut app, "one two");
    let fx = send(&mut app, ctrl('z'));
    assert_eq!(fx, vec![Effect::TextEdited]);
    let undone = field(&app);
    assert!(
        undone.len() < "one two".len() && "one two".starts_with(&undone),
        "undo left {undone:?}"
    );
    while !field(&app).is_empty() {
        let before = field(&app);
        send(&mut app, ctrl('z'));
        assert_ne!(field(&app), before, "undo stopped before the start");
    }
    // Nothing left to undo: no edit reported.
    assert_eq!(send(&mut app, ctrl('z')), vec![]);
    send(&mut app, ctrl('y'));
    assert!(!field(&app).is_empty());
    while field(&app) != "one two" {
        let before = field(&app);
        send(&mut app, ctrl('y'));
        assert_ne!(field(&app), before, "redo stopped before the end");
    }
    assert_eq!(send(&mut app, ctrl('y')), vec![]);
}

#[test]
fn paste_of_many_lines_strips_control_characters() {
    let mut app = at(0, 0);
    let pasted = "first\r\nsecond\u{7}\u{1b}[31m red\u{0}\nthird\tcol\rfourth\u{9b}end";
    let fx = paste(&mut app, pasted);
    assert_eq!(fx, vec![Effect::TextEdited]);
    let got = field(&app);
    assert!(
        got.chars().all(|c| c == '\n' || !c.is_control()),
        "control characters left: {got:?}"
    );
    assert_eq!(got, "first\nsecond[31m red\nthird    col\nfourthend");

    let big: String = (0..2000).map(|i| format!("line {i}\n")).collect();
    paste(&mut app, &big);
    let expected = format!("{got}{big}");
    assert_eq!(field(&app), expected);
    assert_eq!(field(&app).split('\n').count(), 4 + 2000);
    press(&mut app, Tab);
    assert_eq!(text_answer(&app, "one", "free"), expected);
}

#[test]
fn paste_is_ignored_where_nothing_is_typed() {
    let mut app = at(1, 0);
    assert_eq!(paste(&mut app, "One"), vec![]);
    assert_eq!(value(&app, "two", "ticks"), None);
}

// ---- list ---------------------------------------------------------------------

#[test]
fn list_add_several_items_with_enter_type_enter() {
    let mut app = at(0, 1);
    assert!(!app.is_typing());
    press(&mut app, Enter);
    assert!(app.is_typing());
    let fx = type_str(&mut app, "Erstens");
    assert!(fx.iter().all(|f| *f == Effect::TextEdited));
    let fx = press(&mut app, Enter);
    assert_eq!(fx, vec![Effect::Save]);
    assert_eq!(list_items(&app), strings(&["Erstens"]));
    assert!(app.is_typing(), "Enter on a new item opens the next one");
    type_str(&mut app, "  Zweitens  ");
    press(&mut app, Enter);
    assert_eq!(
        list_items(&app),
        strings(&["Erstens", "Zweitens"]),
        "items are trimmed"
    );
    // Enter on an empty new item stops adding.
    press(&mut app, Enter);
    assert!(!app.is_typing());
    assert_eq!(list_items(&app).len(), 2);
    // 'a' adds from anywhere.
    press(&mut app, Up);
    send(&mut app, char_key('a'));
    assert!(app.is_typing());
    type_str(&mut app, "Drittens");
    press(&mut app, Enter);
    assert_eq!(list_items(&app), strings(&["Erstens", "Zweitens", "Drittens"]));
}

#[test]
fn list_respects_its_maximum() {
    let mut app = at(0, 1);
    press(&mut app, Enter);
    type_str(&mut app, "a\nb\nc\n");
    assert_eq!(list_items(&app), strings(&["a", "b", "c"]));
    assert!(!app.is_typing(), "a full list opens no new item");
    press(&mut app, Enter);
    assert!(!app.is_typing());
    assert_eq!(
        app.notice().map(text::notice).as_deref(),
        Some(text::list_full(3).as_str())
    );
    send(&mut app, char_key('a'));
    assert!(!app.is_typing());
    assert_eq!(list_items(&app).len(), 3);
}

#[test]
fn list_edit_and_delete_items() {
    let mut app = at(0, 1);
    press(&mut app, Enter);
    type_str(&mut app, "alpha\nbeta\ngamma\n");
    // Edit "beta": Up twice from the add row? The list is full, the cursor on the add row.
    press_n(&mut app, Up, 2);
    press(&mut app, Enter);
    assert_eq!(field(&app), "beta");
    press_n(&mut app, Backspace, 4);
    type_str(&mut app, "BETA jad?");
    let fx = press(&mut app, Enter);
    assert_eq!(fx, vec![Effect::Save]);
    assert!(!app.is_typing(), "editing an existing item opens no new one");
    assert_eq!(list_items(&app), strings(&["alpha", "BETA jad?", "gamma"]));

    // Editing an item to nothing removes it.
    press(&mut app, Up);
    press(&mut app, Enter);
    press_n(&mut app, Backspace, 5);
    press(&mut app, Enter);
    assert_eq!(list_items(&app), strings(&["BETA jad?", "gamma"]));

    // d and Delete remove the selected item.
    press_n(&mut app, Up, 3);
    let fx = send(&mut app, char_key('d'));
    assert_eq!(fx, vec![Effect::Save]);
    assert_eq!(list_items(&app), strings(&["gamma"]));
    press(&mut app, Delete);
    assert_eq!(list_items(&app), Vec::<String>::new());
    assert_eq!(value(&app, "one", "items"), None);
    // Nothing to delete on the add row.
    assert_eq!(press(&mut app, Delete), vec![]);
}

#[test]
fn list_reorder_with_shift_arrows_and_capital_jk() {
    let mut app = at(0, 1);
    press(&mut app, Enter);
    type_str(&mut app, "1\n2\n3\n");
    press_n(&mut app, Up, 3);
    send(&mut app, shift(Down));
    assert_eq!(list_items(&app), strings(&["2", "1", "3"]));
    send(&mut app, shift(Down));
    assert_eq!(list_items(&app), strings(&["2", "3", "1"]));
    // The last item cannot move further down.
    assert_eq!(send(&mut app, shift(Down)), vec![]);
    send(&mut app, shift(Up));
    assert_eq!(list_items(&app), strings(&["2", "1", "3"]));
    send(&mut app, char_key('K'));
    assert_eq!(list_items(&app), strings(&["1", "2", "3"]));
    assert_eq!(
        send(&mut app, char_key('K')),
        vec![],
        "the first item stays first"
    );
    send(&mut app, char_key('J'));
    assert_eq!(list_items(&app), strings(&["2", "1", "3"]));
}

#[test]
fn list_item_being_typed_is_committed_on_leaving() {
    let mut app = at(0, 1);
    press(&mut app, Enter);
    type_str(&mut app, "halb fertig");
    press(&mut app, Tab);
    assert_eq!(app.screen(), Screen::Exercise(0, 2));
    assert_eq!(list_items(&app), strings(&["halb fertig"]));
}

#[test]
fn esc_finishes_a_field_and_stays_on_the_exercise() {
    // Help for this context says "Esc  done"; update() routes Back to back() first.
    let mut app = at(0, 1);
    press(&mut app, Enter);
    type_str(&mut app, "item");
    press(&mut app, Esc);
    assert_eq!(app.screen(), Screen::Exercise(0, 1));
    assert!(!app.is_typing());
    assert_eq!(list_items(&app), strings(&["item"]));

    let mut app = at(0, 2);
    press_n(&mut app, Down, 3);
    press(&mut app, Enter);
    type_str(&mut app, "Purple");
    press(&mut app, Esc);
    assert_eq!(app.screen(), Screen::Exercise(0, 2));
    assert!(!app.is_typing());
}

// ---- choice -------------------------------------------------------------------

fn choice(app: &App) -> (Option<String>, Option<String>) {
    match value(app, "one", "pick") {
        Some(Value::Choice { option, other }) => (option.clone(), other.clone()),
        None => (None, None),
        Some(v) => panic!("not a choice: {v:?}"),
    }
}

#[test]
fn choice_picks_with_enter_space_and_j_k() {
    let mut app = at(0, 2);
    let fx = press(&mut app, Enter);
    assert_eq!(fx, vec![Effect::Save]);
    assert_eq!(choice(&app), (Some("Red".into()), None));
    send(&mut app, char_key('j'));
    send(&mut app, char_key(' '));
    assert_eq!(choice(&app), (Some("Green".into()), None));
    press(&mut app, Down);
    press(&mut app, Enter);
    assert_eq!(choice(&app), (Some("Blue".into()), None));
    send(&mut app, char_key('k'));
    send(&mut app, char_key('k'));
    press(&mut app, Up);
    send(&mut app, char_key(' '));
    assert_eq!(choice(&app), (Some("Red".into()), None));

    // The pick is shown again on return.
    press(&mut app, Tab);
    send(&mut app, back_tab());
    match app.component() {
        Some(trustbook::app::Component::Choice(c)) if c.other.is_none() => assert_eq!(c.cursor, 0),
        e => panic!("{e:?}"),
    }
}

#[test]
fn choice_other_field() {
    let mut app = at(0, 2);
    press_n(&mut app, Down, 3);
    press(&mut app, Enter);
    assert!(app.is_typing(), "Enter on \"other\" opens its field");
    type_str(&mut app, "Lila, j? q");
    assert!(!app.help_open());
    let fx = press(&mut app, Enter);
    assert_eq!(fx, vec![Effect::Save]);
    assert!(!app.is_typing());
    assert_eq!(choice(&app), (None, Some("Lila, j? q".into())));

    // Reopening shows the text; picking an option replaces other.
    press(&mut app, Enter);
    assert_eq!(field(&app), "Lila, j? q");
    press(&mut app, Enter);
    press_n(&mut app, Up, 3);
    press(&mut app, Enter);
    assert_eq!(choice(&app), (Some("Red".into()), None));

    // The other text was set aside, not lost: picking "other" again offers it back.
    press_n(&mut app, Down, 3);
    press(&mut app, Enter);
    assert_eq!(field(&app), "Lila, j? q");
    // Opened and left empty, "other" leaves the earlier pick alone...
    press_n(&mut app, Backspace, 10);
    assert_eq!(field(&app), "");
    press(&mut app, Enter);
    assert_eq!(choice(&app), (Some("Red".into()), None));
    // ...but emptying a picked "other" unpicks it.
    press(&mut app, Enter);
    press_n(&mut app, Backspace, 10);
    type_str(&mut app, "mine");
    press(&mut app, Enter);
    assert_eq!(choice(&app), (None, Some("mine".into())));
    press(&mut app, Enter);
    press_n(&mut app, Backspace, 4);
    press(&mut app, Esc);
    assert_eq!(choice(&app), (None, None));
}

#[test]
fn choice_other_paste_becomes_one_line() {
    let mut app = at(0, 2);
    press_n(&mut app, Down, 3);
    press(&mut app, Enter);
    paste(&mut app, "two\nlines\u{7}");
    press(&mut app, Enter);
    assert_eq!(choice(&app), (None, Some("two lines".into())));
}

// ---- checklist ----------------------------------------------------------------

fn ticked(app: &App) -> Vec<String> {
    match value(app, "two", "ticks") {
        Some(Value::Checklist { ticked, .. }) => ticked.clone(),
        None => Vec::new(),
        Some(v) => panic!("not a checklist: {v:?}"),
    }
}

#[test]
fn checklist_space_ticks_several() {
    let mut app = at(1, 0);
    // Tick from the bottom up: stored in the options' order.
    press_n(&mut app, Down, 2);
    let fx = send(&mut app, char_key(' '));
    assert_eq!(fx, vec![Effect::Save]);
    send(&mut app, char_key('k'));
    send(&mut app, char_key(' '));
    press(&mut app, Up);
    press(&mut app, Enter);
    assert_eq!(ticked(&app), strings(&["One", "Two", "Three"]));
    // Untick the middle one.
    send(&mut app, char_key('j'));
    send(&mut app, char_key(' '));
    assert_eq!(ticked(&app), strings(&["One", "Three"]));
    // Up at the top and Down at the bottom stay inside.
    press_n(&mut app, Down, 5);
    send(&mut app, char_key(' '));
    assert_eq!(ticked(&app), strings(&["One"]));
    press_n(&mut app, Up, 5);
    send(&mut app, char_key(' '));
    assert_eq!(ticked(&app), Vec::<String>::new());
    assert_eq!(value(&app, "two", "ticks"), None);
}

// ---- scale --------------------------------------------------------------------

fn scale(app: &App) -> Option<i64> {
    match value(app, "two", "rate") {
        Some(Value::Scale { value }) => Some(*value),
        None => None,
        Some(v) => panic!("not a scale: {v:?}"),
    }
}

#[test]
fn scale_left_right_home_end() {
    let mut app = at(1, 1);
    // On an empty scale the first arrow shows the middle and stores nothing.
    let fx = press(&mut app, Right);
    assert_eq!(fx, Vec::<Effect>::new());
    assert_eq!(scale(&app), None);
    assert!(render(&app, 80, 24).contains("5? Enter picks it"));
    let fx = press(&mut app, Enter);
    assert_eq!(fx, vec![Effect::Save]);
    assert_eq!(scale(&app), Some(5), "Enter picks what the arrow showed");
    press(&mut app, Right);
    assert_eq!(scale(&app), Some(6));
    press(&mut app, Left);
    send(&mut app, char_key('h'));
    assert_eq!(scale(&app), Some(4));
    send(&mut app, char_key('l'));
    assert_eq!(scale(&app), Some(5));
    press(&mut app, Home);
    assert_eq!(scale(&app), Some(0));
    assert_eq!(press(&mut app, Left), vec![], "no change below the minimum");
    assert_eq!(scale(&app), Some(0));
    press(&mut app, End);
    assert_eq!(scale(&app), Some(10));
    assert_eq!(press(&mut app, Right), vec![]);
    assert_eq!(scale(&app), Some(10));
}

#[test]
fn scale_digits_including_ten() {
    let mut app = at(1, 1);
    send(&mut app, char_key('7'));
    assert_eq!(scale(&app), Some(7));
    send(&mut app, char_key('1'));
    assert_eq!(scale(&app), Some(1));
    send(&mut app, char_key('0'));
    assert_eq!(scale(&app), Some(10), "1 then 0 gives 10");
    // 10 then 3 would be 103: out of range, so a fresh 3.
    send(&mut app, char_key('3'));
    assert_eq!(scale(&app), Some(3));
    // 3 then 5 is 35: out of range, so 5.
    send(&mut app, char_key('5'));
    assert_eq!(scale(&app), Some(5));
    // Another key between the digits breaks the pair.
    send(&mut app, char_key('1'));
    press(&mut app, Right);
    send(&mut app, char_key('0'));
    assert_eq!(scale(&app), Some(0));
    send(&mut app, char_key('0'));
    assert_eq!(scale(&app), Some(0), "0 then 0 is 0");
}

// ---- hint, help, private --------------------------------------------------------

#[test]
fn f2_toggles_the_hint_and_it_stays_on_across_exercises() {
    let mut app = at(0, 0);
    assert!(!app.hint_shown());
    let fx = press(&mut app, F(2));
    assert!(app.hint_shown());
    assert_eq!(fx, vec![], "the hint changes no answer");
    press(&mut app, F(2));
    assert!(!app.hint_shown());
    press(&mut app, F(2));
    press(&mut app, Tab);
    assert!(app.hint_shown(), "the hint stays on until turned off");
    press(&mut app, F(2));
    assert!(!app.hint_shown(), "F2 works on a list too");
}

/// One session per kind of screen, each with a name.
fn every_context() -> Vec<(&'static str, App)> {
    let mut list_field = at(0, 1);
    press(&mut list_field, Enter);
    let mut other_field = at(0, 2);
    press_n(&mut other_field, Down, 3);
    press(&mut other_field, Enter);
    let mut contents = fixture_app();
    send(&mut contents, char_key('t'));
    let mut closing = at(1, 2);
    press(&mut closing, Tab);
    vec![
        ("welcome", fixture_app()),
        ("contents", contents),
        ("intro", {
            let mut a = fixture_app();
            press(&mut a, Enter);
            a
        }),
        ("text", at(0, 0)),
        ("list", at(0, 1)),
        ("list item", list_field),
        ("choice", at(0, 2)),
        ("other field", other_field),
        ("checklist", at(1, 0)),
        ("scale", at(1, 1)),
        ("reflection", at(1, 2)),
        ("closing", closing),
    ]
}

#[test]
fn f1_opens_help_everywhere_and_closes_it() {
    for (name, mut app) in every_context() {
        let screen = app.screen();
        press(&mut app, F(1));
        assert!(app.help_open(), "F1 on {name}");
        // Keys go to help, not to the screen underneath.
        press(&mut app, Tab);
        press(&mut app, Enter);
        assert_eq!(app.screen(), screen, "{name}: keys leaked under help");
        press(&mut app, F(1));
        assert!(!app.help_open(), "F1 again closes help on {name}");
        press(&mut app, F(1));
        press(&mut app, Esc);
        assert!(!app.help_open(), "Esc closes help on {name}");
        assert_eq!(app.screen(), screen, "{name}: Esc went past help");
    }
}

#[test]
fn question_mark_opens_help_only_when_not_typing() {
    for (name, mut app) in every_context() {
        let typing = app.is_typing();
        send(&mut app, char_key('?'));
        assert_eq!(app.help_open(), !typing, "? on {name} (typing: {typing})");
        if typing {
            assert_eq!(field(&app), "?", "? is typed on {name}");
        } else {
            send(&mut app, char_key('?'));
            assert!(!app.help_open(), "? closes help on {name}");
        }
    }
}

#[test]
fn ctrl_p_marks_a_text_answer_private_and_keeps_the_text() {
    let mut app = at(0, 0);
    type_str(&mut app, "nur für mich");
    let fx = send(&mut app, ctrl('p'));
    assert!(fx.contains(&Effect::Save));
    assert!(is_private(&app, "one", "free"));
    assert_eq!(text_answer(&app, "one", "free"), "nur für mich");
    assert_eq!(app.notice().map(text::notice).as_deref(), Some(text::PRIVATE_ON));
    assert!(app.is_typing(), "the field stays open");
    send(&mut app, ctrl('p'));
    assert!(!is_private(&app, "one", "free"));
    assert_eq!(app.notice().map(text::notice).as_deref(), Some(text::PRIVATE_OFF));
    // The next key clears the notice.
    type_str(&mut app, "!");
    assert_eq!(app.notice(), None);
}

#[test]
fn private_mark_on_unanswered_exercises() {
    // A checklist with no ticks keeps the mark ('p' works where nothing is typed).
    let mut app = at(1, 0);
    send(&mut app, char_key('p'));
    assert!(is_private(&app, "two", "ticks"));
    send(&mut app, char_key(' '));
    assert!(is_private(&app, "two", "ticks"), "ticking keeps the mark");
    // An unanswered scale cannot carry it.
    let mut app = at(1, 1);
    send(&mut app, ctrl('p'));
    assert!(!is_private(&app, "two", "rate"));
    assert_eq!(
        app.notice().map(text::notice).as_deref(),
        Some(text::PRIVATE_NEEDS_VALUE)
    );
    press(&mut app, Right);
    press(&mut app, Enter);
    send(&mut app, ctrl('p'));
    assert!(is_private(&app, "two", "rate"));
}

// ---- saving and quitting --------------------------------------------------------

#[test]
fn quit_after_a_failed_save_asks_instead_of_quitting() {
    let mut app = at(1, 0);
    app.update(Action::Event(AppEvent::SaveFailed(SaveProblem::DiskFull)));
    let fx = send(&mut app, ctrl('q'));
    assert!(!app.should_quit());
    assert!(app.confirm_quit_open());
    assert!(!fx.contains(&Effect::Save));
    // Other keys do nothing while the question is open, Ctrl+Q included.
    send(&mut app, char_key(' '));
    press(&mut app, Tab);
    send(&mut app, ctrl('q'));
    assert_eq!(app.screen(), Screen::Exercise(1, 0));
    assert_eq!(value(&app, "two", "ticks"), None);
    assert!(app.confirm_quit_open() && !app.should_quit());

    // r: retry saving, back to work.
    let fx = send(&mut app, char_key('r'));
    assert_eq!(fx, vec![Effect::Save]);
    assert!(!app.confirm_quit_open() && !app.should_quit());

    // Esc: keep working.
    send(&mut app, ctrl('q'));
    assert!(app.confirm_quit_open());
    press(&mut app, Esc);
    assert!(!app.confirm_quit_open() && !app.should_quit());
    assert_eq!(app.screen(), Screen::Exercise(1, 0));

    // w: write a copy elsewhere and quit.
    send(&mut app, ctrl('c'));
    let fx = send(&mut app, char_key('w'));
    assert_eq!(fx, vec![Effect::WriteFallback]);
    assert!(app.should_quit());

    // A save that works again clears the failure.
    let mut app = at(1, 0);
    app.update(Action::Event(AppEvent::SaveFailed(SaveProblem::DiskFull)));
    app.update(Action::Event(AppEvent::SaveDone));
    send(&mut app, ctrl('q'));
    assert!(app.should_quit());
}

#[test]
fn a_save_that_works_while_the_question_is_open_quits_as_asked() {
    // Ctrl+Q while a retry is still being written: the state is still "failed", so the app
    // asks; the retry then works, and the question has no reason left.
    let mut app = at(0, 0);
    app.update(Action::Event(AppEvent::SaveFailed(SaveProblem::Other(
        "not a directory".into(),
    ))));
    send(&mut app, ctrl('q'));
    assert!(app.confirm_quit_open() && !app.should_quit());
    let fx = app.update(Action::Event(AppEvent::SaveDone));
    assert!(fx.is_empty());
    assert!(!app.confirm_quit_open());
    assert!(app.should_quit());
}

#[test]
fn a_final_save_that_fails_turns_quit_into_the_question() {
    let mut app = at(0, 0);
    app.update(Action::Event(AppEvent::SaveFailed(SaveProblem::ReadOnly)));
    type_str(&mut app, "new text");
    let fx = send(&mut app, ctrl('q'));
    assert!(fx.contains(&Effect::Save), "new text is saved on quit first");
    assert!(app.should_quit());
    app.update(Action::Event(AppEvent::SaveFailed(SaveProblem::ReadOnly)));
    assert!(!app.should_quit());
    assert!(app.confirm_quit_open());
}

#[test]
fn effects_save_on_committed_changes_and_text_edited_while_typing() {
    let mut app = at(0, 0);
    let fx = type_str(&mut app, "ab");
    assert_eq!(fx, vec![Effect::TextEdited, Effect::TextEdited]);
    // Moving the cursor edits nothing.
    assert_eq!(press(&mut app, Left), vec![]);
    assert_eq!(press(&mut app, Home), vec![]);
    assert_eq!(press(&mut app, F(2)), vec![]);
    assert_eq!(app.update(Action::Event(AppEvent::Commit)), vec![Effect::Save]);
    // Leaving unchanged text saves only the new place.
    let fx = press(&mut app, Tab);
    assert_eq!(fx, vec![Effect::Save]);
    // Moving in a list without changes does not save.
    assert_eq!(press(&mut app, Up), vec![]);
    assert_eq!(send(&mut app, char_key('j')), vec![]);
    // Opening an empty new item and closing it stores nothing.
    press(&mut app, Enter);
    press(&mut app, Enter);
    assert!(!app.is_typing());
    assert_eq!(value(&app, "one", "items"), None);
}

#[test]
fn ctrl_e_asks_for_the_external_editor_with_the_text() {
    let mut app = at(0, 0);
    type_str(&mut app, "draft\nzwei");
    let fx = send(&mut app, ctrl('e'));
    // What was typed is committed and saved before the editor takes over.
    assert_eq!(
        fx,
        vec![Effect::Save, Effect::ExternalEditor("draft\nzwei".into())]
    );
    assert_eq!(text_answer(&app, "one", "free"), "draft\nzwei");
    // The edited text comes back as one undoable step.
    let fx = app.update(Action::Edit(Edit::EditorDone(Ok("edited\u{7} text\n".into()))));
    assert_eq!(fx, vec![Effect::TextEdited]);
    assert_eq!(field(&app), "edited text");
    press(&mut app, Tab);
    assert_eq!(text_answer(&app, "one", "free"), "edited text");

    // The same text back changes nothing.
    send(&mut app, back_tab());
    assert_eq!(
        app.update(Action::Edit(Edit::EditorDone(Ok("edited text\n".into())))),
        vec![]
    );
    app.update(Action::Edit(Edit::EditorDone(Err("no editor".into()))));
    assert_eq!(app.notice().map(text::notice).as_deref(), Some("no editor"));
    assert_eq!(field(&app), "edited text");
}

#[test]
fn one_undo_brings_back_the_text_from_before_the_external_editor() {
    // The editor's text replaces the field's as one undoable step, so one Ctrl+Z brings
    // back what was there before.
    let mut app = at(0, 0);
    type_str(&mut app, "draft");
    send(&mut app, ctrl('e'));
    app.update(Action::Edit(Edit::EditorDone(Ok("edited\n".into()))));
    send(&mut app, ctrl('z'));
    assert_eq!(field(&app), "draft");
}

#[test]
fn home_and_end_jump_on_lists_choices_and_checklists() {
    let mut app = at(0, 2);
    press(&mut app, End);
    press(&mut app, Enter);
    assert!(app.is_typing(), "End goes to \"other\"");

    let mut app = at(1, 0);
    press(&mut app, End);
    send(&mut app, char_key(' '));
    press(&mut app, Home);
    send(&mut app, char_key(' '));
    assert_eq!(ticked(&app), strings(&["One", "Three"]));

    let mut app = at(0, 1);
    press(&mut app, Enter);
    type_str(&mut app, "a\nb\n");
    // Enter opened a third item; Esc closes it (empty), then Home is a list key again.
    press(&mut app, Esc);
    assert!(!app.is_typing());
    press(&mut app, Home);
    send(&mut app, char_key('d'));
    assert_eq!(list_items(&app), strings(&["b"]));
}

#[test]
fn choice_other_text_is_committed_on_pause_and_on_leaving() {
    let mut app = at(0, 2);
    press_n(&mut app, Down, 3);
    press(&mut app, Enter);
    type_str(&mut app, "Lila");
    assert_eq!(app.update(Action::Event(AppEvent::Commit)), vec![Effect::Save]);
    assert_eq!(choice(&app), (None, Some("Lila".into())));
    type_str(&mut app, "c");
    press(&mut app, Tab);
    assert_eq!(choice(&app), (None, Some("Lilac".into())));
}

#[test]
fn clearing_other_and_leaving_unpicks_like_enter_does() {
    let mut app = at(0, 2);
    press_n(&mut app, Down, 3);
    press(&mut app, Enter);
    type_str(&mut app, "Lila\n");
    press(&mut app, Enter);
    press_n(&mut app, Backspace, 4);
    press(&mut app, Tab);
    assert_eq!(choice(&app), (None, None));
}

#[test]
fn the_mouse_wheel_moves_the_selection_on_rows() {
    let wheel = |kind| {
        Event::Mouse(MouseEvent {
            kind,
            column: 0,
            row: 0,
            modifiers: KeyModifiers::NONE,
        })
    };
    // Contents: the wheel walks the rows.
    let mut app = fixture_app();
    send(&mut app, char_key('t'));
    assert_eq!(app.contents_cursor(), 0);
    send(&mut app, wheel(MouseEventKind::ScrollDown));
    send(&mut app, wheel(MouseEventKind::ScrollDown));
    assert_eq!(app.contents_cursor(), 2);
    send(&mut app, wheel(MouseEventKind::ScrollUp));
    assert_eq!(app.contents_cursor(), 1);
    // A checklist: the wheel moves the highlighted option, then Space ticks it.
    let mut app = at(1, 0);
    send(&mut app, wheel(MouseEventKind::ScrollDown));
    send(&mut app, char_key(' '));
    assert_eq!(ticked(&app), strings(&["Two"]));
}

#[test]
fn a_text_answer_refits_its_box_when_the_hint_comes_and_goes() {
    let mut app = shipped_app();
    tab_to(&mut app, shipped_at("where-distrust-comes-from", "looking-back"));
    let text: Vec<String> = (1..=12).map(|i| format!("line {i}")).collect();
    type_str(&mut app, &text.join("\n"));
    let full = render(&app, 80, 24);
    assert!(full.contains("line 1\n") || full.contains("line 1 "), "{full}");
    // The hint squeezes the box, so the view scrolls to keep the cursor in sight...
    press(&mut app, F(2));
    let squeezed = render(&app, 80, 24);
    assert!(squeezed.contains("line 12"), "{squeezed}");
    // ...and when it goes, the whole answer shows again, with no blank rows.
    press(&mut app, F(2));
    let again = render(&app, 80, 24);
    assert!(again.contains("│ line 1 "), "{again}");
    assert!(again.contains("line 12"), "{again}");
    // Typing goes on at the end, where the cursor was.
    type_str(&mut app, "!");
    assert!(render(&app, 80, 24).contains("line 12!"));
}

#[test]
fn list_changes_can_be_undone_and_a_full_list_says_so() {
    let mut app = at(0, 1); // "Some items": at most 3
    press(&mut app, Enter);
    type_str(&mut app, "one\ntwo\nthree\n");
    assert_eq!(list_items(&app), strings(&["one", "two", "three"]));
    // The third item filled the list: no new row opens, and the footer says why.
    assert!(!app.is_typing(), "a full list takes no more typing");
    assert!(
        app.notice().map(text::notice).is_some_and(|n| n.contains("full")),
        "{:?}",
        app.notice()
    );
    // Letters are commands again: d deletes, and u brings the item back.
    press(&mut app, Up);
    send(&mut app, char_key('d'));
    assert_eq!(list_items(&app), strings(&["one", "two"]));
    assert!(
        app.notice()
            .map(text::notice)
            .is_some_and(|n| n.contains("three"))
    );
    send(&mut app, char_key('u'));
    assert_eq!(list_items(&app), strings(&["one", "two", "three"]));
    // Reordering and editing undo too, one step at a time.
    send(&mut app, shift(Up));
    assert_eq!(list_items(&app), strings(&["one", "three", "two"]));
    send(&mut app, ctrl('z'));
    assert_eq!(list_items(&app), strings(&["one", "two", "three"]));
    // Further back, undo takes back the items as they were added.
    send(&mut app, char_key('u'));
    assert_eq!(list_items(&app), strings(&["one", "two"]));
}

#[test]
fn keys_do_nothing_while_the_terminal_is_too_small() {
    let mut app = at(0, 0);
    send(&mut app, Event::Resize(40, 10));
    type_str(&mut app, "typed blind");
    assert_eq!(field(&app), "");
    press(&mut app, Tab);
    assert_eq!(app.screen(), Screen::Exercise(0, 0));
    // Quitting still works, and so does growing the window again.
    send(&mut app, Event::Resize(80, 24));
    type_str(&mut app, "seen");
    assert_eq!(field(&app), "seen");
    let mut small = at(0, 0);
    send(&mut small, Event::Resize(40, 10));
    send(&mut small, ctrl('q'));
    assert!(small.should_quit());
}

#[test]
fn page_down_turns_a_page_of_text() {
    let mut app = shipped_app();
    send(&mut app, Event::Resize(60, 20));
    let view = app.state().viewport().expect("the welcome text scrolls");
    let (rows, max) = (view.page(), view.max());
    assert!(max > 0);
    press(&mut app, KeyCode::PageDown);
    assert_eq!(app.scroll(), (rows - 1).min(max));
    press(&mut app, KeyCode::PageUp);
    assert_eq!(app.scroll(), 0);
}

#[test]
fn a_scale_value_can_be_taken_back() {
    let mut app = at(1, 1);
    send(&mut app, char_key('7'));
    assert!(value(&app, "two", "rate").is_some());
    let fx = press(&mut app, Backspace);
    assert_eq!(fx, vec![Effect::Save]);
    assert_eq!(value(&app, "two", "rate"), None);
    press(&mut app, Delete);
    assert_eq!(value(&app, "two", "rate"), None);
}

#[test]
fn backspace_and_arrows_take_whole_characters() {
    let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
    let accented = "e\u{0301}";
    let mut app = at(0, 0);
    type_str(&mut app, &format!("A{family}{accented}"));
    press(&mut app, Backspace);
    assert_eq!(
        field(&app),
        format!("A{family}"),
        "the accent goes with its letter"
    );
    press(&mut app, Left);
    type_str(&mut app, "x");
    assert_eq!(
        field(&app),
        format!("Ax{family}"),
        "Left steps over the whole emoji"
    );
    press(&mut app, Delete);
    assert_eq!(field(&app), "Ax");
    // One undo brings the whole emoji back.
    send(&mut app, ctrl('z'));
    assert_eq!(field(&app), format!("Ax{family}"));
    // The same in a one-line field.
    let mut app = at(0, 1);
    press(&mut app, Enter);
    type_str(&mut app, &format!("ok{family}"));
    press(&mut app, Backspace);
    assert_eq!(field(&app), "ok");
}

#[test]
fn a_stored_scale_value_off_the_scale_needs_answering_again_and_stays_visible() {
    // Below the minimum and far beyond the maximum: a hand-edited file, or a workbook
    // whose scale changed after answering.
    for stored in [-3, i64::MIN, i64::MAX, 11] {
        let answers = answers_with(&[("two", "rate", Value::Scale { value: stored })]);
        let mut app = app_with(fixture(), answers, None);
        tab_to(&mut app, Screen::Exercise(1, 1));
        let rate = &app.workbook().chapters[1].exercises[1];
        assert_eq!(
            app.answers().status("two", rate),
            trustbook::answers::Status::Started,
            "{stored}: not done"
        );
        for (w, h) in [(60, 20), (80, 24), (200, 50)] {
            let screen = render(&app, w, h);
            assert!(
                screen.contains(&stored.to_string()),
                "{stored} at {w}x{h}:\n{screen}"
            );
            assert!(screen.contains("pick again"), "{w}x{h}:\n{screen}");
        }
        // Picking again replaces it with a value on the scale: an arrow shows one, Enter picks it.
        press(&mut app, Right);
        press(&mut app, Enter);
        match value(&app, "two", "rate") {
            Some(Value::Scale { value }) => assert!((0..=10).contains(value), "{value}"),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn help_taller_than_the_window_scrolls_to_its_last_key() {
    let mut app = at(0, 0);
    send(&mut app, Event::Resize(60, 16));
    // Too small for the app: make it just big enough, and the help taller than that.
    send(&mut app, Event::Resize(60, 20));
    press(&mut app, F(1));
    assert!(app.help_open());
    let first = render(&app, 60, 20);
    assert!(first.contains("Tab"), "{first}");
    assert!(
        first.contains("quit") || first.contains("↓ more"),
        "it fits, or says there is more:\n{first}"
    );
    for _ in 0..40 {
        press(&mut app, Down);
    }
    let last = render(&app, 60, 20);
    assert!(last.contains("quit"), "the last key is reachable:\n{last}");
    assert!(app.help_open(), "scrolling keeps help open");
    press(&mut app, Esc);
    assert!(!app.help_open());
}

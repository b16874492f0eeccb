//! Answers are capped while typing, pasting and on return from `$EDITOR` (issue 20):
//! a text that would pass what the store reads back is refused whole, with a message
//! saying the limit, the answer is kept, and the profile opens after.

use ratatui::crossterm::event::KeyCode;
use trustbook::app::{Action, App, Edit, Notice, Screen, TooLongFrom};
use trustbook::store::{self, limits::MAX_TEXT_BYTES};

use crate::common::*;

const FIVE_MB: usize = 5 * 1000 * 1000;

/// A text of `bytes` bytes in lines of 80, as a long answer has (one 4 MiB line would
/// only measure the debug build's line breaking).
fn long_text(bytes: usize) -> String {
    let line = format!("{}\n", "z".repeat(79));
    let mut t = line.repeat(bytes / 80);
    t.push_str(&"z".repeat(bytes - t.len()));
    t
}

/// The fixture's first exercise (text) with "kept" written and committed.
fn text_answer_written() -> App {
    let mut app = fixture_app();
    tab_to(&mut app, Screen::Exercise(0, 0));
    type_str(&mut app, "kept");
    app.update(Action::Event(trustbook::app::Event::Commit));
    app
}

/// Saves the answers as the store does and reads them back: the profile opens.
fn opens_after(app: &App) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("default.toml");
    let text = store::encode(app.answers(), app.place().as_ref(), &app.workbook().id);
    std::fs::write(&path, text).expect("write");
    let saved = store::read_answers(&path, "default", &app.workbook().id)
        .expect("the profile opens")
        .expect("answers");
    assert!(saved.answers == *app.answers());
}

#[test]
fn a_5_mb_paste_is_refused_whole_and_the_profile_opens_after() {
    let mut app = text_answer_written();
    let before = app.answers().clone();
    paste(&mut app, &"x".repeat(FIVE_MB));
    assert!(matches!(
        app.notice(),
        Some(Notice::TooLong {
            from: TooLongFrom::Paste,
            ..
        })
    ));
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("Not pasted: the answer would be 4.8 MiB, over the 4 MiB limit"),
        "{screen}"
    );
    assert_eq!(field(&app), "kept");
    app.update(Action::Event(trustbook::app::Event::Commit));
    assert!(app.answers() == &before);
    opens_after(&app);
}

#[test]
fn a_5_mb_editor_result_is_refused_and_the_profile_opens_after() {
    let mut app = text_answer_written();
    let before = app.answers().clone();
    app.update(Action::Edit(Edit::EditorDone(Ok("y".repeat(FIVE_MB)))));
    assert!(matches!(
        app.notice(),
        Some(Notice::TooLong {
            from: TooLongFrom::Editor,
            ..
        })
    ));
    assert!(render(&app, 80, 24).contains("Editor's text not taken"));
    assert_eq!(field(&app), "kept");
    app.update(Action::Event(trustbook::app::Event::Commit));
    assert!(app.answers() == &before);
    opens_after(&app);
    // Just under the limit is taken.
    app.update(Action::Edit(Edit::EditorDone(Ok(long_text(MAX_TEXT_BYTES - 8)))));
    assert_eq!(field(&app).len(), MAX_TEXT_BYTES - 8);
}

#[test]
fn typing_stops_at_the_limit_and_a_list_item_paste_is_capped_too() {
    let mut app = text_answer_written();
    app.update(Action::Edit(Edit::EditorDone(Ok(long_text(MAX_TEXT_BYTES - 1)))));
    send(&mut app, char_key('a'));
    assert!(matches!(
        app.notice(),
        Some(Notice::TooLong {
            from: TooLongFrom::Typing,
            ..
        })
    ));
    assert_eq!(field(&app).len(), MAX_TEXT_BYTES - 1);
    app.update(Action::Event(trustbook::app::Event::Commit));
    opens_after(&app);

    // A list item.
    let mut app = fixture_app();
    tab_to(&mut app, Screen::Exercise(0, 1));
    press(&mut app, KeyCode::Enter);
    paste(&mut app, &"w".repeat(FIVE_MB));
    assert!(matches!(app.notice(), Some(Notice::TooLong { .. })));
    assert_eq!(field(&app), "");
}

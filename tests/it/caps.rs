//! Answers are capped while typing, pasting and on return from `$EDITOR` (issue 20):
//! a text that would pass what the store reads back is refused whole, with a message
//! saying the limit, the answer is kept, and the profile opens after.

use ratatui::crossterm::event::KeyCode;
use trustbook::app::{Action, App, Edit, Notice, Screen, TooLongFrom};
use trustbook::store::{self, limits::MAX_TEXT_BYTES};

use crate::common::disk::workbook_id;
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

/// A plain answers file of `answers` with one answer of `bytes` bytes in "one"/"free".
fn file_with_long_answer(dir: &std::path::Path, bytes: usize) -> std::path::PathBuf {
    let mut answers = trustbook::answers::Answers::default();
    put(&mut answers, "one", "free", false, text(&long_text(bytes)));
    let path = dir.join("default.toml");
    std::fs::write(&path, store::encode(&answers, None, &workbook_id())).expect("write");
    path
}

fn store_opts(dir: &std::path::Path) -> store::StoreOptions {
    store::StoreOptions {
        data_dir: Some(dir.to_path_buf()),
        profile: "default".to_string(),
    }
}

/// The last check in the store's save path: a file that would be refused when read is not
/// written; the file on disk stays as it was and keeps opening.
#[test]
fn the_store_never_writes_a_file_it_would_refuse() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = file_with_long_answer(dir.path(), 10);
    let before = std::fs::read(&path).expect("read");
    let (mut st, _) = store::Store::open(&store_opts(dir.path()), &workbook_id()).expect("opens");
    let mut answers = trustbook::answers::Answers::default();
    put(
        &mut answers,
        "one",
        "free",
        false,
        text(&long_text(MAX_TEXT_BYTES + 1)),
    );
    let e = st.save(&answers, None).expect_err("over the limit");
    assert!(
        matches!(e.problem(), store::SaveProblem::TooLarge(ref r) if r.contains("4 MiB")),
        "{e}"
    );
    assert!(e.to_string().contains("Shorten the answer"), "{e}");
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "the file was written"
    );
    drop(st);
    store::Store::open(&store_opts(dir.path()), &workbook_id()).expect("still opens");
}

/// A file an older release wrote with a 4.5 MiB answer opens read-only, the answer cut at
/// the limit, and is never written while open: nothing is lost.
#[test]
fn a_file_over_the_limit_opens_read_only_with_the_answer_cut() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = file_with_long_answer(dir.path(), 4_500_000 + 16 * 1024);
    let before = std::fs::read(&path).expect("read");
    let (mut st, saved) = store::Store::open(&store_opts(dir.path()), &workbook_id()).expect("opens");
    assert_eq!(saved.cut, vec!["one/free".to_string()]);
    match saved.answers.get("one", "free").map(|a| &a.value) {
        Some(trustbook::answers::Value::Text { text }) => assert_eq!(text.len(), MAX_TEXT_BYTES),
        other => panic!("no text: {other:?}"),
    }
    let problem = st.save_problem().cloned().expect("read-only");
    let shown = format!("{problem:?}");
    assert!(
        shown.contains("one/free") && shown.contains("shown cut"),
        "{shown}"
    );
    assert!(st.save(&saved.answers, None).is_err(), "saved while read-only");
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "the file was rewritten"
    );
    assert!(
        !st.backup_path().exists(),
        "a backup was made from the cut answers"
    );
}

/// `share`, `compare` and `pair` read the same file as the app and `export`: each says
/// that an answer over the limit is used cut, and writes nothing to the file.
#[test]
fn share_and_compare_say_an_answer_is_used_cut() {
    let data = crate::cli::Data::new();
    let mut answers = trustbook::answers::Answers::default();
    put(
        &mut answers,
        "one",
        "free",
        false,
        text(&long_text(4_500_000 + 16 * 1024)),
    );
    let path = data.own_of("default", &answers, "fixture-book");
    let before = std::fs::read(&path).expect("read");
    data.own_of("sam", &trustbook::answers::Answers::default(), "fixture-book");
    for args in [
        &["share", "--profile", "default", "--with", "sam"][..],
        &["compare", "default", "sam"],
    ] {
        let out = data.run_on("valid", args);
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {said}");
        assert_eq!(
            said.matches("one/free is longer than 4 MiB and shown cut")
                .count(),
            1,
            "{args:?}: {said}"
        );
    }
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "the file was written"
    );
}

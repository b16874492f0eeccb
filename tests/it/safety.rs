//! The "before you start" safety page (issue 13): shown before chapter 1 on a first run,
//! one key away on every screen through the key table, stores nothing, fits at 60x20;
//! the `[safety]` table is validated like every key; old option texts are migrated.

use std::path::Path;
use std::process::Command;

use ratatui::crossterm::event::KeyCode::{self, Enter, Esc, F, Tab};
use trustbook::answers::{Answers, Value};
use trustbook::app::{App, Screen, keys};
use trustbook::content;
use trustbook::store::{Store, StoreOptions, encode};

use crate::common::{
    answers_with, app_with, char_key, chosen, press, render, send, shipped, shipped_app, shipped_at, tab_to,
    text, type_str,
};

/// Every line of the shipped safety page's text worth looking for (not the short ones).
fn safety_lines() -> Vec<String> {
    let wb = shipped();
    let page = wb.safety.expect("the shipped workbook has a safety page");
    page.text
        .lines()
        .map(|l| l.trim_start_matches("- ").trim().to_string())
        .filter(|l| l.chars().count() >= 20)
        .collect()
}

#[test]
fn first_run_shows_the_page_before_chapter_1() {
    let mut app = shipped_app();
    assert!(app.first_run());
    send(&mut app, char_key('s'));
    assert!(app.safety_open(), "a first run reads the safety page first");
    assert_eq!(app.screen(), Screen::Welcome);
    press(&mut app, Enter);
    assert!(!app.safety_open());
    assert_eq!(app.screen(), Screen::Intro(0));
    // Only once a session: back at the start, Start goes straight to chapter 1.
    press(&mut app, Esc);
    press(&mut app, Esc);
    assert_eq!(app.screen(), Screen::Welcome);
    send(&mut app, char_key('s'));
    assert_eq!(app.screen(), Screen::Intro(0));
    assert!(!app.safety_open());
}

#[test]
fn continue_from_the_welcome_screen_also_meets_the_page_first() {
    let mut app = shipped_app();
    send(&mut app, char_key('c'));
    assert!(app.safety_open());
    // Esc closes it and stays where it was.
    press(&mut app, Esc);
    assert!(!app.safety_open());
    assert_eq!(app.screen(), Screen::Welcome);
}

#[test]
fn with_answers_start_goes_straight_to_chapter_1() {
    let answers = answers_with(&[("where-distrust-comes-from", "looking-back", text("hello"))]);
    let mut app = app_with(shipped(), answers, None);
    assert!(!app.first_run());
    send(&mut app, char_key('s'));
    assert!(!app.safety_open());
    assert_eq!(app.screen(), Screen::Intro(0));
}

/// Opens the page with the key the table lists for the current context, checks it is
/// open, and closes it again with Esc, back on the same screen.
fn opens_from_here(app: &mut App) {
    let cx = keys::context(app);
    let bind = keys::bindings(cx)
        .iter()
        .find(|b| b.action == trustbook::app::Action::Go(trustbook::app::Go::Safety))
        .unwrap_or_else(|| panic!("no safety key in {cx:?}"));
    assert!(bind.show != keys::Show::Grouped, "help lists it in {cx:?}");
    let before = app.screen();
    let key = bind.keys.first().copied().expect("a key");
    send(
        app,
        ratatui::crossterm::event::Event::Key(ratatui::crossterm::event::KeyEvent::new(key.0, key.1)),
    );
    assert!(
        app.safety_open(),
        "the safety key did not open the page in {cx:?}"
    );
    press(app, Esc);
    assert!(!app.safety_open());
    assert_eq!(app.screen(), before);
    // Help gave way to the page; everything else is as it was.
    if cx != keys::Context::Help {
        assert_eq!(keys::context(app), cx);
    }
}

#[test]
fn every_screen_and_context_has_the_key() {
    let mut app = shipped_app();
    // Welcome; then help on the welcome screen.
    opens_from_here(&mut app);
    press(&mut app, F(1));
    assert_eq!(keys::context(&app), keys::Context::Help);
    opens_from_here(&mut app);
    assert!(!app.help_open());
    // Contents and review.
    send(&mut app, char_key('t'));
    assert_eq!(app.screen(), Screen::Contents);
    opens_from_here(&mut app);
    press(&mut app, Esc);
    // Every page of the workbook, each exercise in its own context (typing ones too).
    tab_to(&mut app, Screen::Intro(0));
    let mut seen = Vec::new();
    loop {
        seen.push(keys::context(&app));
        opens_from_here(&mut app);
        if app.screen() == Screen::Closing {
            break;
        }
        press(&mut app, Tab);
    }
    for cx in [
        keys::Context::Page,
        keys::Context::Text,
        keys::Context::List,
        keys::Context::Choice,
        keys::Context::Checklist,
        keys::Context::Scale,
    ] {
        assert!(seen.contains(&cx), "{cx:?} was not visited");
    }
    // A list item being typed in: F3 works there, `b` is typed.
    let mut app = shipped_app();
    tab_to(
        &mut app,
        shipped_at("where-distrust-comes-from", "looking-at-today"),
    );
    press(&mut app, Enter);
    assert_eq!(keys::context(&app), keys::Context::Field);
    type_str(&mut app, "b");
    assert!(!app.safety_open(), "b is a letter while typing");
    opens_from_here(&mut app);
    // Every context's table has it, except the page itself.
    for cx in [
        keys::Context::Welcome,
        keys::Context::Contents,
        keys::Context::Page,
        keys::Context::Text,
        keys::Context::List,
        keys::Context::Field,
        keys::Context::Choice,
        keys::Context::Checklist,
        keys::Context::Scale,
        keys::Context::Review,
        keys::Context::Compare,
        keys::Context::Help,
        keys::Context::ConfirmQuit,
    ] {
        assert!(
            !keys::label_of(cx, &trustbook::app::Go::Safety.into()).is_empty(),
            "{cx:?} lacks the safety key"
        );
    }
}

#[test]
fn the_welcome_menu_lists_the_page_and_help_names_the_key() {
    let mut app = shipped_app();
    let screen = render(&app, 60, 20);
    assert!(screen.contains("Before you start   (b)"), "{screen}");
    press(&mut app, F(1));
    let help = render(&app, 80, 24);
    assert!(help.contains("before you start (safety)"), "{help}");
}

#[test]
fn the_page_fits_at_60x20_and_scrolls_to_its_end() {
    let mut app = shipped_app();
    send(&mut app, char_key('b'));
    let first = render(&app, 60, 20);
    insta::assert_snapshot!("safety_page_60x20", first);
    assert!(first.contains("more: PgDn"), "{first}");
    for _ in 0..10 {
        press(&mut app, KeyCode::PageDown);
        render(&app, 60, 20);
    }
    let last = render(&app, 60, 20);
    assert!(
        last.contains("one key away"),
        "the end of the page is reachable:\n{last}"
    );
    assert!(last.contains("PgUp"), "{last}");
}

#[test]
fn the_welcome_note_is_whole_at_60x20_with_every_menu_row() {
    let answers = answers_with(&[("where-distrust-comes-from", "looking-back", text("hello"))]);
    let app = app_with(shipped(), answers, None).with_partners(vec!["sam".into(), "alex".into()]);
    let screen = render(&app, 60, 20);
    insta::assert_snapshot!("welcome_full_menu_60x20", screen);
    let note: String = shipped().note.split_whitespace().collect::<Vec<_>>().join(" ");
    let shown: String = screen
        .lines()
        .filter(|l| l.contains('│'))
        .map(|l| l.replace('│', " "))
        .collect::<Vec<_>>()
        .join(" ");
    let shown = shown.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(shown.contains(&note), "the note is cut:\n{screen}");
}

fn export(dir: &Path, format: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_trustbook"))
        .arg("--data-dir")
        .arg(dir)
        .args(["export", "--format", format, "--include-private"])
        .output()
        .expect("run trustbook export");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_page_stores_nothing_in_the_answers_file_or_the_exports() {
    let dir = tempfile::tempdir().expect("temp dir");
    let wb = shipped();
    let mut app = shipped_app();
    // Read the whole page, from the welcome menu and from an exercise, then answer.
    send(&mut app, char_key('b'));
    for _ in 0..10 {
        press(&mut app, KeyCode::PageDown);
        render(&app, 60, 20);
    }
    press(&mut app, Enter);
    tab_to(&mut app, shipped_at("where-distrust-comes-from", "looking-back"));
    type_str(&mut app, "my own words");
    press(&mut app, F(3));
    press(&mut app, Enter);
    press(&mut app, Tab);
    press(&mut app, Tab);
    let opts = StoreOptions {
        data_dir: Some(dir.path().to_path_buf()),
        profile: "default".into(),
    };
    let (mut store, _) = Store::open(&opts, &wb.id).expect("open the store");
    store.save(app.answers(), app.place().as_ref()).expect("save");
    drop(store);
    let file = std::fs::read_to_string(dir.path().join("default.toml")).expect("answers file");
    assert!(file.contains("my own words"), "{file}");
    let md = export(dir.path(), "markdown");
    let json = export(dir.path(), "json");
    assert!(md.contains("my own words") && json.contains("my own words"));
    let title = wb.safety.as_ref().map(|p| p.title.clone()).unwrap_or_default();
    for (name, body) in [("answers file", &file), ("markdown", &md), ("json", &json)] {
        assert!(!body.contains(&title), "{name} names the safety page");
        for line in safety_lines() {
            assert!(!body.contains(&line), "{name} holds the safety text {line:?}");
        }
        assert!(!body.contains("safety"), "{name} mentions safety:\n{body}");
    }
    assert!(encode(&Answers::default(), None, &wb.id).len() < 200);
}

#[test]
fn the_safety_table_is_checked_like_every_key() {
    let dir = tempfile::tempdir().expect("temp dir");
    let chapter = std::fs::read_to_string("tests/fixtures/valid/workbook.toml").expect("fixture");
    for f in std::fs::read_dir("tests/fixtures/valid").expect("fixture dir") {
        let f = f.expect("entry").path();
        std::fs::copy(&f, dir.path().join(f.file_name().expect("name"))).expect("copy");
    }
    let write = |wb: &str| std::fs::write(dir.path().join("workbook.toml"), wb).expect("write");
    let v2 = chapter.replacen("format_version = 1", "format_version = 2", 1);
    write(&format!(
        "{v2}\n[safety]\ntitle = \"Before\"\ntext = \"Read me.\"\n"
    ));
    let wb = content::load_dir(dir.path()).expect("a v2 workbook with a safety page loads");
    assert_eq!(wb.safety.map(|p| p.text), Some("Read me.".to_string()));
    // A typo gets its suggestion and its position.
    write(&format!(
        "{v2}\n[safety]\ntitle = \"Before\"\ntxet = \"Read me.\"\n"
    ));
    let errs = content::load_dir(dir.path()).expect_err("typo");
    let msgs = errs.to_string();
    assert!(msgs.contains("did you mean `text`?"), "{msgs}");
    assert!(msgs.contains("missing required key `text`"), "{msgs}");
    // Format 1 has no safety page.
    write(&format!(
        "{chapter}\n[safety]\ntitle = \"Before\"\ntext = \"Read me.\"\n"
    ));
    let msgs = content::load_dir(dir.path()).expect_err("v1").to_string();
    assert!(msgs.contains("needs format_version = 2"), "{msgs}");
}

#[test]
fn answers_under_old_option_texts_are_migrated_when_loading() {
    let dir = tempfile::tempdir().expect("temp dir");
    let wb = shipped();
    let old = r#"schema_version = 1
workbook = "trust-workbook"

[answers.where-distrust-comes-from.main-source]
changed = "2026-11-01T10:00:00Z"
kind = "choice"
option = "My own insecurities and doubts about myself"

[answers.where-distrust-comes-from.looking-back]
changed = "2026-11-01T10:00:00Z"
kind = "text"
text = "every word of this stays"
"#;
    std::fs::create_dir_all(dir.path()).expect("dir");
    let path = dir.path().join("default.toml");
    std::fs::write(&path, old).expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700)).expect("0700");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("0600");
    }
    let opts = StoreOptions {
        data_dir: Some(dir.path().to_path_buf()),
        profile: "default".into(),
    };
    let (store, mut saved) = Store::open(&opts, &wb.id).expect("open");
    drop(store);
    // An older copy of the workbook, which still has the old option, keeps it as it is.
    let mut on_old = saved.answers.clone();
    trustbook::store::migrate(&mut on_old, &crate::common::pty_workbook());
    assert_eq!(on_old, saved.answers);
    trustbook::store::migrate(&mut saved.answers, &wb);
    let a = &saved.answers;
    assert_eq!(
        a.get("where-distrust-comes-from", "main-source")
            .map(|x| &x.value),
        Some(&chosen("My own doubts about myself"))
    );
    let Some(Value::Text { text }) = a
        .get("where-distrust-comes-from", "looking-back")
        .map(|x| &x.value)
    else {
        panic!("the text answer is gone");
    };
    assert_eq!(text, "every word of this stays");
    // The new text is one of the options the exercise offers now.
    let (c, e) = wb
        .find("where-distrust-comes-from", "main-source")
        .expect("exercise");
    let content::Kind::Choice { options, .. } = &wb.chapters[c].exercises[e].kind else {
        panic!("main-source is a choice");
    };
    assert!(options.iter().any(|o| o == "My own doubts about myself"));
    // The export reads it migrated too.
    let md = export(dir.path(), "markdown");
    assert!(md.contains("My own doubts about myself"), "{md}");
    assert!(!md.contains("My own insecurities"), "{md}");
}

#[test]
fn a_note_too_long_for_the_screen_says_it_is_cut() {
    let mut wb = shipped();
    wb.note = "A counsellor's note that goes on. ".repeat(20);
    let app = app_with(wb, Answers::default(), None);
    let small = render(&app, 60, 20);
    assert!(small.contains("cut: make the window taller"), "{small}");
    let big = render(&app, 120, 40);
    assert!(!big.contains("cut:"), "{big}");
    // The shipped note is never cut.
    assert!(!render(&shipped_app(), 60, 20).contains("cut:"));
}

/// The `valid` fixture folder, copied, with `edit` applied to its workbook file and a page
/// added as the first exercise of chapter one.
fn with_page(
    format: &str,
) -> (
    tempfile::TempDir,
    Result<trustbook::content::Workbook, content::Diagnostics>,
) {
    let dir = tempfile::tempdir().expect("temp dir");
    for f in std::fs::read_dir("tests/fixtures/valid").expect("fixture dir") {
        let f = f.expect("entry").path();
        std::fs::copy(&f, dir.path().join(f.file_name().expect("name"))).expect("copy");
    }
    let wb = std::fs::read_to_string(dir.path().join("workbook.toml")).expect("workbook");
    let wb = wb.replacen("format_version = 1", &format!("format_version = {format}"), 1);
    std::fs::write(dir.path().join("workbook.toml"), wb).expect("write");
    let one = std::fs::read_to_string(dir.path().join("one.toml")).expect("chapter");
    let page = "[[exercises]]\nid = \"a-word-first\"\nkind = \"page\"\ntitle = \"A word first\"\nprompt = \"Read this, nothing to answer.\"\n\n";
    let one = one.replacen("[[exercises]]", &format!("{page}[[exercises]]"), 1);
    std::fs::write(dir.path().join("one.toml"), one).expect("write");
    let loaded = content::load_dir(dir.path());
    (dir, loaded)
}

#[test]
fn a_page_in_a_chapter_stores_nothing_and_is_not_counted() {
    let (_dir, wb) = with_page("2");
    let wb = wb.expect("a page loads in format 2");
    assert_eq!(wb.chapters[0].exercises[0].kind, content::Kind::Page);
    let plain = content::load_dir(Path::new("tests/fixtures/valid")).expect("fixture");
    assert_eq!(plain.exercise_count(), wb.exercise_count());
    let total = Answers::default().progress(&wb).1;
    let all: usize = wb.chapters.iter().map(|c| c.exercises.len()).sum();
    assert_eq!(total, all - 1, "the page is not counted in progress");
    let mut app = app_with(wb.clone(), Answers::default(), None);
    tab_to(&mut app, Screen::Exercise(0, 0));
    assert_eq!(keys::context(&app), keys::Context::Page);
    let screen = render(&app, 60, 20);
    assert!(
        screen.contains("A word first") && screen.contains("nothing to answer"),
        "{screen}"
    );
    assert!(!screen.contains("Your answer"), "{screen}");
    // Letters, private and Enter store nothing; Enter reads on.
    send(&mut app, char_key('x'));
    send(&mut app, char_key('p'));
    press(&mut app, Enter);
    assert_eq!(app.screen(), Screen::Exercise(0, 1));
    assert!(app.answers().is_empty());
    assert!(
        !app.review_rows().contains(&(0, 0)),
        "the review leaves pages out"
    );
    let me = ("me", &Answers::default());
    let cmp = trustbook::comparison::compare(&wb, me, ("sam", &Answers::default()));
    assert_eq!(cmp.chapters[0].rows.len(), wb.chapters[0].exercises.len() - 1);
    assert_eq!(cmp.summary.total, total);
    let meta = trustbook::export::ExportMeta {
        profile: "me".into(),
        date: "2026-12-02".into(),
    };
    let md = trustbook::export::markdown(&wb, &Answers::default(), &meta, false);
    assert!(!md.contains("A word first"), "{md}");
}

#[test]
fn a_page_needs_format_2() {
    let (_dir, loaded) = with_page("1");
    let msgs = loaded.expect_err("format 1 has no pages").to_string();
    assert!(
        msgs.contains("kind `page`") && msgs.contains("format_version = 2"),
        "{msgs}"
    );
}

/// Opening a file written under the old option texts keeps it, byte for byte, before
/// the answers move to the new words (and the app says where on stderr).
#[cfg(unix)]
#[test]
fn migrating_keeps_the_file_as_the_last_release_wrote_it() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let old = "schema_version = 1\nworkbook = \"trust-workbook\"\n\n\
               [answers.where-distrust-comes-from.main-source]\nchanged = \"2026-11-01T10:00:00Z\"\n\
               kind = \"choice\"\noption = \"Things happening in our relationship now\"\n";
    let path = dir.path().join("default.toml");
    std::fs::write(&path, old).expect("write");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700)).expect("0700");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("0600");
    let mut pty = crate::common::pty::Spawn::default()
        .builtin()
        .data_dir(dir.path())
        .start();
    pty.wait_for("Continue where I left off");
    pty.send(crate::common::pty::keys::CTRL_Q);
    assert!(pty.wait_exit().success());
    let kept = crate::common::kept_copies(dir.path(), "before-update");
    assert_eq!(kept.len(), 1, "one copy kept");
    assert_eq!(
        std::fs::read_to_string(&kept[0]).expect("copy"),
        old,
        "byte for byte"
    );
    let now = std::fs::read_to_string(&path).expect("answers");
    assert!(now.contains("Things happening between us now"), "{now}");
}

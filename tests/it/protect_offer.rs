//! A first run's offer, right after the name (issue 17): "Does anyone else use this
//! computer account? Then protect your answers with a passphrase." In-process through
//! the key table on a scripted persistence, and in the real binary, whose data folder is
//! then scanned byte by byte for the answer typed.

use std::time::Instant;

use crate::common::disk::{all_files, assert_nowhere};
use crate::common::pty::{NAME_QUESTION, PROTECT_QUESTION, Spawn, keys as pty_keys};
use crate::common::*;
use crate::common::{session_keys as keys_in, session_typed as typed};
use ratatui::crossterm::event::KeyCode::{Backspace, Enter, Esc};
use trustbook::app::{Context, Notice, PassphraseProblem, ProtectStep, Screen, keys};
use trustbook::persist::Persistence;
use trustbook::persist::fake::{FAKE_RECOVERY_KEY, FakePersistence};
use trustbook::session::{Ending, Session};

const PASS: &str = "correct horse battery";

/// A command letter, then a pause: letters hard on a command are taken as typing in
/// the wrong place (see `app::stray`), as a person's would be.
fn command<P: Persistence>(s: &mut Session<P>, c: char) {
    keys_in(s, [char_key(c)]);
    std::thread::sleep(trustbook::app::BURST + std::time::Duration::from_millis(50));
}

/// A first run past the safety page and the name `sam`: the offer is on screen.
fn offered() -> Session<FakePersistence> {
    let mut s = Session::new(shipped_app().asking_name(), FakePersistence::default());
    keys_in(&mut s, [key(Esc)]);
    typed(&mut s, "sam");
    keys_in(&mut s, [key(Enter)]);
    assert_eq!(s.persist.opened, vec!["sam".to_string()]);
    assert_eq!(s.app.screen(), Screen::Protect);
    assert_eq!(keys::context(&s.app), Context::ProtectOffer);
    s
}

/// Every size the screens are checked at.
const SIZES: [(u16, u16); 3] = [(60, 20), (80, 24), (150, 50)];

#[test]
fn the_offer_comes_right_after_the_name_and_nothing_is_saved_before_a_choice() {
    let s = offered();
    assert!(
        s.persist.requested.is_empty(),
        "nothing is written before the choice"
    );
    for (w, h) in SIZES {
        let screen = render(&s.app, w, h);
        assert!(screen.contains(PROTECT_QUESTION), "{w}x{h}:\n{screen}");
        assert!(
            screen.contains("Does anyone else use this computer"),
            "{w}x{h}:\n{screen}"
        );
        assert!(
            screen.contains("p protect with a passphrase"),
            "{w}x{h}:\n{screen}"
        );
        assert!(screen.contains("n/Esc not now"), "{w}x{h}:\n{screen}");
        let header = screen.lines().next().unwrap_or_default();
        assert!(
            !header.contains(trustbook::ui::text::SAVED),
            "nothing is saved yet, {w}x{h}: {header}"
        );
    }
}

#[test]
fn not_now_goes_on_as_a_plain_profile_saved_at_once() {
    for no in [char_key('n'), key(Esc)] {
        let mut s = offered();
        keys_in(&mut s, [no]);
        std::thread::sleep(trustbook::app::BURST);
        assert_eq!(s.app.screen(), Screen::Welcome);
        assert_eq!(
            s.persist.requested.len(),
            1,
            "the empty answers file is written at once"
        );
        assert!(!s.persist.protected());
        assert_eq!(s.app.notice(), Some(&Notice::ProtectLater("sam".into())));
        let screen = render(&s.app, 150, 50);
        assert!(screen.contains("trustbook protect --profile sam"), "{screen}");
        let header = screen.lines().next().unwrap_or_default().to_string();
        use trustbook::ui::text::{SAVED, SAVING};
        assert!(
            header.contains(SAVING) || header.contains(SAVED),
            "the status shows once a save is asked for: {header}"
        );
    }
}

#[test]
fn a_passphrase_that_differs_the_second_time_is_said_and_sets_nothing() {
    let mut s = offered();
    command(&mut s, 'p');
    assert_eq!(keys::context(&s.app), Context::NewPassphrase);
    assert!(s.app.is_typing());
    for (w, h) in SIZES {
        let screen = render(&s.app, w, h);
        assert!(
            screen.contains("nobody") && screen.contains("recovery key"),
            "said before it is set, {w}x{h}:\n{screen}"
        );
    }
    keys_in(&mut s, [key(Enter)]);
    assert!(render(&s.app, 80, 24).contains("Nothing was typed"));
    typed(&mut s, PASS);
    let screen = render(&s.app, 80, 24);
    assert!(screen.contains(&"•".repeat(PASS.len())), "{screen}");
    assert!(!screen.contains("horse"), "never drawn: {screen}");
    assert!(!format!("{:?}", s.app).contains("horse"), "never in Debug output");
    keys_in(&mut s, [key(Enter)]);
    assert!(render(&s.app, 80, 24).contains("Type the same passphrase again"));
    typed(&mut s, "correct horse batterx");
    keys_in(&mut s, [key(Enter)]);
    let Some(ProtectStep::Typing(field)) = s.app.protect_step() else {
        panic!("still asking");
    };
    assert_eq!(field.problem(), Some(PassphraseProblem::Mismatch));
    assert!(!field.repeating(), "both are asked again");
    assert!(render(&s.app, 60, 20).contains("not the same"));
    assert!(!s.persist.protected(), "nothing was protected");
    assert!(s.persist.requested.is_empty(), "nothing was saved");
    assert!(!s.has_work());
}

#[test]
fn the_same_passphrase_twice_protects_then_shows_the_recovery_key_once() {
    let mut s = offered();
    command(&mut s, 'p');
    for _ in 0..2 {
        typed(&mut s, PASS);
        keys_in(&mut s, [key(Enter)]);
    }
    // The slow work waits for the frame that says so.
    assert!(s.has_work());
    assert!(matches!(s.app.protect_step(), Some(ProtectStep::Locking)));
    assert!(render(&s.app, 80, 24).contains("Locking your answers…"));
    assert!(!format!("{:?}", s.app).contains("horse"));
    assert!(s.persist.protected_with.is_none());
    s.work(Instant::now()).expect("no terminal");
    assert_eq!(s.persist.protected_with.as_deref(), Some(PASS));
    assert!(s.persist.requested.is_empty(), "nothing was saved plain before");
    assert_eq!(keys::context(&s.app), Context::RecoveryKey);
    for (w, h) in SIZES {
        let screen = render(&s.app, w, h);
        let joined: String = screen.split('\n').map(str::trim).collect();
        assert!(joined.contains(FAKE_RECOVERY_KEY), "{w}x{h}:\n{screen}");
        assert!(screen.contains("write it down"), "{w}x{h}:\n{screen}");
    }
    keys_in(&mut s, [key(Enter)]);
    assert_eq!(s.app.screen(), Screen::Welcome);
    assert_eq!(s.app.notice(), Some(&Notice::Protected));
    assert!(
        !render(&s.app, 150, 50).contains(FAKE_RECOVERY_KEY),
        "shown only once"
    );
}

#[test]
fn esc_in_the_field_goes_back_to_the_question_and_a_failure_is_said_there() {
    let mut s = offered();
    command(&mut s, 'p');
    typed(&mut s, "half");
    keys_in(&mut s, [key(Esc)]);
    assert_eq!(keys::context(&s.app), Context::ProtectOffer);
    s.persist.protect_fails = Some("the disk is full".into());
    command(&mut s, 'p');
    let Some(ProtectStep::Typing(field)) = s.app.protect_step() else {
        panic!("asking again");
    };
    assert_eq!(field.typed_len(), 0, "what was typed before Esc is gone");
    for _ in 0..2 {
        typed(&mut s, PASS);
        keys_in(&mut s, [key(Enter)]);
    }
    s.work(Instant::now()).expect("no terminal");
    assert_eq!(keys::context(&s.app), Context::ProtectOffer);
    assert!(render(&s.app, 80, 24).contains("the disk is full"));
}

#[test]
fn a_huge_paste_is_refused_with_a_message_and_nothing_typed_is_lost() {
    let mut s = offered();
    command(&mut s, 'p');
    typed(&mut s, "ab");
    paste(&mut s.app, &"x".repeat(10 * 1024 * 1024));
    let Some(ProtectStep::Typing(field)) = s.app.protect_step() else {
        panic!("still asking");
    };
    assert_eq!(field.problem(), Some(PassphraseProblem::TooLong));
    assert_eq!(field.typed_len(), 2);
    assert!(render(&s.app, 60, 20).contains("not taken"));
    keys_in(&mut s, [key(Backspace)]);
    let Some(ProtectStep::Typing(field)) = s.app.protect_step() else {
        panic!("still asking");
    };
    assert_eq!(field.typed_len(), 1);
}

#[test]
fn quitting_on_the_offer_writes_nothing() {
    let mut s = offered();
    command(&mut s, 'p');
    typed(&mut s, PASS);
    keys_in(&mut s, [ctrl('q')]);
    assert!(s.app.should_quit());
    assert_eq!(s.final_save(), Ending::Saved);
    assert!(s.persist.requested.is_empty());
    assert!(s.persist.fallbacks.is_empty());
}

/// The real binary at 80x24: a first run protected at the offer never has its answer in
/// plain text anywhere in the data folder, and opens again with the passphrase.
#[test]
fn protected_at_the_first_run_no_file_ever_holds_the_answer() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("data");
    let home = tmp.path().join("home");
    std::fs::create_dir_all(&home).expect("home");
    let spawn = || {
        Spawn::default()
            .data_dir(&dir)
            .env("HOME", home.to_str().expect("utf-8 path"))
            .env(trustbook::vault::TEST_WORK_FACTOR_ENV, "10")
            .size(80, 24)
            .start()
    };
    let mut pty = spawn();
    pty.wait_for(NAME_QUESTION);
    pty.type_str("sam\r");
    pty.wait_for(PROTECT_QUESTION);
    let names = |d: &std::path::Path| -> Vec<String> {
        all_files(d)
            .into_iter()
            .map(|(p, _)| p.file_name().unwrap_or_default().to_string_lossy().into_owned())
            .collect()
    };
    assert_eq!(
        names(&dir),
        vec!["sam.lock".to_string()],
        "only the lock before the choice"
    );
    pty.command(b"p");
    pty.wait_for("Choose a passphrase");
    pty.type_str(&format!("{PASS}\r"));
    pty.wait_for("Type the same passphrase again");
    pty.type_str(&format!("{PASS}\r"));
    pty.wait_for("AGE-SECRET-KEY-1");
    assert!(!pty.screen().contains("horse"), "{}", pty.screen());
    assert!(dir.join("sam.key").exists());
    let sam = std::fs::read(dir.join("sam.toml")).expect("the answers file is written");
    assert!(trustbook::vault::is_age(&sam), "encrypted from its first byte");
    pty.send(pty_keys::ENTER);
    pty.wait_for("Start from the beginning");
    pty.send(pty_keys::ENTER);
    pty.wait_for("Chapter 1/3 · Introduction");
    pty.send(pty_keys::ENTER);
    pty.wait_for("Exercise 1/8");
    pty.type_str("SECRETWORDS");
    pty.wait_for("SECRETWORDS");
    pty.send(pty_keys::CTRL_Q);
    assert!(pty.wait_exit().success(), "{}", pty.framed_screen());
    assert_nowhere(tmp.path(), &["SECRETWORDS", PASS]);
    assert!(all_files(&dir).len() > 2, "{:?}", names(&dir));

    let mut pty = spawn();
    pty.wait_for("Passphrase for profile \"sam\"");
    pty.type_str(&format!("{PASS}\r"));
    pty.wait_for("Continue where I left off");
    pty.send(pty_keys::ENTER);
    pty.wait_for("SECRETWORDS");
    pty.send(pty_keys::CTRL_Q);
    assert!(pty.wait_exit().success(), "{}", pty.framed_screen());
}

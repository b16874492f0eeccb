//! The loop's save policy through `Session`, on a scripted persistence and with
//! made-up instants: pause, burst, retry and final save, without sleeping.

use std::time::{Duration, Instant};

use crate::common::*;
use ratatui::crossterm::event::Event as TermEvent;
use trustbook::app::{App, Screen, keys};
use trustbook::persist::fake::FakePersistence;
use trustbook::persist::{Persistence, RETRY_EVERY, TYPING_MAX_UNSAVED, TYPING_PAUSE};
use trustbook::session::{Ending, Session};
use trustbook::store::SaveProblem;

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// A session on the fixture workbook, at its first (text) exercise.
fn session_at_text() -> Session<FakePersistence> {
    let mut app = fixture_app();
    tab_to(&mut app, Screen::Exercise(0, 0));
    Session::new(app, FakePersistence::default())
}

/// Sends a terminal event through the key table at `now`.
fn key_at(s: &mut Session<FakePersistence>, ev: TermEvent, now: Instant) {
    let action = keys::action(&s.app, &ev).expect("the key means something here");
    let mut editor = |text: &str| Ok(Ok(format!("{text} (edited)")));
    s.dispatch(action, now, &mut editor).expect("no terminal to fail");
}

fn type_at(s: &mut Session<FakePersistence>, text: &str, now: Instant) {
    for c in text.chars() {
        key_at(s, char_key(c), now);
    }
}

fn saved_text(s: &Session<FakePersistence>) -> String {
    s.persist.on_disk.clone().unwrap_or_default()
}

fn answer(app: &App) -> String {
    text_answer(app, "one", "free")
}

#[test]
fn typed_text_is_saved_after_a_pause() {
    let t0 = Instant::now();
    let mut s = session_at_text();
    let before = s.persist.requested.len();
    type_at(&mut s, "quiet words", t0);
    s.tick(t0 + ms(100), Duration::ZERO).expect("tick");
    assert_eq!(s.persist.requested.len(), before, "no save while typing goes on");
    assert!(s.app.saving(), "the header says saving… until it is on disk");
    s.tick(t0 + TYPING_PAUSE, Duration::ZERO).expect("tick");
    assert_eq!(answer(&s.app), "quiet words");
    assert!(saved_text(&s).contains("quiet words"), "{}", saved_text(&s));
    s.tick(t0 + TYPING_PAUSE, Duration::ZERO).expect("tick");
    assert!(!s.app.saving(), "the save came back");
}

#[test]
fn a_burst_of_typing_is_saved_within_a_second() {
    let t0 = Instant::now();
    let mut s = session_at_text();
    // A key every 50 ms for 1.5 s: no pause ever comes.
    for i in 0..30u64 {
        let now = t0 + ms(50 * i);
        type_at(&mut s, "a", now);
        s.tick(now, Duration::ZERO).expect("tick");
        if ms(50 * i) < TYPING_MAX_UNSAVED {
            assert!(
                s.persist.on_disk.as_deref().is_none_or(|t| !t.contains("aaa")),
                "{i}"
            );
        }
    }
    assert!(
        saved_text(&s).contains(&"a".repeat(20)),
        "saved at the latest a second in"
    );
}

#[test]
fn a_failed_save_shows_and_is_retried() {
    let t0 = Instant::now();
    let mut s = session_at_text();
    s.persist.fail_next(2, SaveProblem::DiskFull);
    type_at(&mut s, "kept", t0);
    s.tick(t0 + TYPING_PAUSE, Duration::ZERO).expect("tick");
    s.tick(t0 + TYPING_PAUSE, Duration::ZERO).expect("tick");
    assert!(matches!(
        s.app.save_state(),
        trustbook::app::SaveState::Failed(SaveProblem::DiskFull)
    ));
    let tries = s.persist.requested.len();
    s.tick(t0 + TYPING_PAUSE + ms(4000), Duration::ZERO)
        .expect("tick");
    assert_eq!(s.persist.requested.len(), tries, "not yet time to retry");
    let retry = t0 + TYPING_PAUSE + RETRY_EVERY;
    s.tick(retry, Duration::ZERO).expect("tick");
    assert_eq!(s.persist.requested.len(), tries + 1, "retried");
    s.tick(retry, Duration::ZERO).expect("tick");
    assert!(
        matches!(s.app.save_state(), trustbook::app::SaveState::Failed(_)),
        "second failure"
    );
    let again = retry + RETRY_EVERY;
    s.tick(again, Duration::ZERO).expect("tick");
    s.tick(again, Duration::ZERO).expect("tick");
    assert_eq!(
        *s.app.save_state(),
        trustbook::app::SaveState::Saved,
        "third try works"
    );
    assert!(saved_text(&s).contains("kept"));
}

#[test]
fn the_final_save_commits_what_was_just_typed() {
    let t0 = Instant::now();
    let mut s = session_at_text();
    type_at(&mut s, "last words", t0);
    assert_eq!(s.final_save(), Ending::Saved);
    assert!(saved_text(&s).contains("last words"));
}

#[test]
fn a_failing_final_save_writes_the_fallback_copy() {
    let t0 = Instant::now();
    let mut s = session_at_text();
    type_at(&mut s, "do not lose me", t0);
    s.persist.fail_next(1, SaveProblem::ReadOnly);
    assert!(matches!(s.final_save(), Ending::Fallback(_)));
    assert_eq!(s.persist.fallbacks.len(), 1);
    assert!(s.persist.fallbacks[0].contains("do not lose me"));

    let mut s = session_at_text();
    type_at(&mut s, "nowhere", t0);
    s.persist.fail_next(1, SaveProblem::ReadOnly);
    s.persist.fallback_fails = true;
    assert!(matches!(s.final_save(), Ending::Lost(_)));
}

#[test]
fn quitting_while_saving_fails_asks_and_can_write_the_copy() {
    let t0 = Instant::now();
    let mut s = session_at_text();
    s.persist.fail_next(10, SaveProblem::DiskFull);
    type_at(&mut s, "unsaved", t0);
    key_at(&mut s, ctrl('q'), t0);
    s.tick(t0, Duration::ZERO).expect("tick");
    assert!(s.app.confirm_quit_open(), "the failed final save asks what to do");
    key_at(&mut s, char_key('w'), t0);
    match s.ending() {
        Some(Ending::Fallback(_)) => {}
        other => panic!("{other:?}"),
    }
    assert!(s.persist.fallbacks.last().is_some_and(|t| t.contains("unsaved")));
}

#[test]
fn the_editor_runs_only_after_the_typed_text_is_saved() {
    let t0 = Instant::now();
    let mut s = session_at_text();
    type_at(&mut s, "before the editor", t0);
    let action = keys::action(&s.app, &ctrl('e')).expect("Ctrl+E");
    let journal = std::rc::Rc::clone(&s.persist.journal);
    journal.borrow_mut().clear();
    let mut editor = |text: &str| {
        journal.borrow_mut().push("editor".to_string());
        Ok(Ok(format!("{text}, after")))
    };
    s.dispatch(action, t0, &mut editor).expect("dispatch");
    assert_eq!(
        *s.persist.journal.borrow(),
        ["saved", "editor"],
        "saved before the editor ran"
    );
    assert!(saved_text(&s).contains("before the editor"));
    assert_eq!(
        s.app.component().and_then(|c| c.typed_text()).as_deref(),
        Some("before the editor, after")
    );
    assert!(!s.persist.busy());
}

/// The session stamps each key with its time, so a pause in the middle of a word
/// splits it into two undo steps while an unbroken word undoes at once.
#[test]
fn a_pause_in_typing_starts_a_new_undo_step() {
    let t0 = Instant::now();
    let mut s = session_at_text();
    type_at(&mut s, "trust", t0);
    type_at(&mut s, "worthy", t0 + ms(3000));
    key_at(&mut s, ctrl('z'), t0 + ms(3100));
    assert_eq!(field(&s.app), "trust", "the pause split the word");
    key_at(&mut s, ctrl('z'), t0 + ms(3200));
    assert_eq!(field(&s.app), "");
}

/// The session passes the app its time, counted from its clock by the instants it
/// is given: an answer typed "three days later" is stamped three days later.
#[test]
fn the_session_passes_the_time_in() {
    use trustbook::answers::Timestamp;
    let t0 = Instant::now();
    let start = Timestamp::parse("2026-11-03T19:30:00Z").expect("a time");
    let mut s = session_at_text().with_clock(t0, start);
    let later = t0 + Duration::from_secs(3 * 86_400);
    type_at(&mut s, "later words", later);
    s.tick(later + TYPING_PAUSE, Duration::ZERO).expect("tick");
    assert_eq!(s.app.now().to_string(), "2026-11-06T19:30:00Z");
    let stamped = s.app.answers().get("one", "free").map(|a| a.changed.clone());
    assert_eq!(stamped.as_deref(), Some("2026-11-06T19:30:00Z"));
}

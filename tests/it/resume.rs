//! Saving and resuming in the real app, end to end in a pseudo-terminal: continuing where
//! one left off, autosave while idle, the profile lock, save failures, and permissions.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::disk::{answers_path, mode, read_saved, read_saved_at, value, wait_file};
use crate::common::pty::{Pty, Spawn, keys};
use crate::common::{items_of, text};
use rustix::process::Signal;
use trustbook::answers::Value;
use trustbook::store::Saved;

/// The welcome title of the test workbook (a frozen copy of the shipped one).
const TITLE: &str = "Working on trust: a relationship workbook";
const CONTINUE: &str = "Continue where I left off";
const START: &str = "Start from the beginning";
const BIN: &str = env!("CARGO_BIN_EXE_trustbook");

/// Quits with Ctrl+Q and expects a clean exit.
fn quit(pty: &mut Pty) {
    pty.send(keys::CTRL_Q);
    let status = pty.wait_exit();
    assert!(status.success(), "{status:?}\n{}", pty.framed_screen());
    pty.assert_terminal_restored();
}

/// Starts the app again on `dir` and checks that Continue is offered first; picks it.
fn continue_on(dir: &Path) -> Pty {
    let mut pty = Spawn::default().data_dir(dir).start();
    pty.wait_for(TITLE);
    pty.wait_for(CONTINUE);
    let screen = pty.screen();
    assert!(
        screen.find(CONTINUE) < screen.find(START),
        "Continue is not the first item:\n{}",
        pty.framed_screen()
    );
    pty.send(keys::ENTER);
    pty
}

const CH2: &str = "rebuilding-trust";

#[test]
fn continue_lands_on_the_same_exercise_with_the_answer_and_typing_goes_on_at_the_end() {
    let data = tempfile::tempdir().expect("temp dir");
    let dir = data.path();

    // Session 1: through the contents to exercise 3 of chapter 2 (a list); type an item and
    // quit without pressing Enter: quitting keeps what is typed.
    let mut pty = Spawn::default().data_dir(dir).start();
    pty.keep_default_name();
    pty.command(b"t");
    pty.wait_for("Closing words");
    pty.command(b"j");
    pty.command(b"l");
    pty.wait_for("The hurt it caused");
    pty.type_str("jjj");
    pty.send_until(keys::ENTER, "Rebuilding trust after it breaks");
    pty.wait_for("Exercise 3/8");
    pty.send(keys::ENTER);
    pty.type_seen("I stopped believing small things");
    quit(&mut pty);
    let saved = read_saved(dir, "default").expect("saved on quit");
    assert_eq!(
        items_of(value(&saved, CH2, "the-hurt-caused")),
        ["I stopped believing small things"]
    );

    // Session 2: Continue lands there with the item; a new item goes after it. Then on to
    // the next exercise (text), type, quit.
    let mut pty = continue_on(dir);
    pty.wait_for("Rebuilding trust after it breaks");
    pty.wait_for("Exercise 3/8");
    pty.wait_for("The hurt it caused");
    pty.wait_for("1. I stopped believing small things");
    pty.send(keys::ENTER);
    pty.type_str("I felt stupid\r");
    pty.wait_for("2. I felt stupid");
    pty.send_until(keys::TAB, "Rebuilding trust after it breaks");
    pty.wait_for("Exercise 4/8");
    pty.type_str("I lied to you.\rMore than once.");
    pty.wait_for("More than once.");
    quit(&mut pty);

    // Session 3: Continue lands on the text exercise; typing goes on at the end of the text.
    let mut pty = continue_on(dir);
    pty.wait_for("Rebuilding trust after it breaks");
    pty.wait_for("Exercise 4/8");
    pty.wait_for("Drafting a real apology");
    pty.wait_for("I lied to you.");
    pty.wait_for("More than once.");
    pty.type_str(" I'm sorry.");
    pty.wait_for("More than once. I'm sorry.");
    quit(&mut pty);

    let saved = read_saved(dir, "default").expect("answers file");
    assert_eq!(
        items_of(value(&saved, CH2, "the-hurt-caused")),
        ["I stopped believing small things", "I felt stupid"]
    );
    assert_eq!(
        value(&saved, CH2, "apology-draft"),
        Some(&text("I lied to you.\nMore than once. I'm sorry."))
    );
    let place = saved.place.expect("a place to resume");
    assert_eq!(
        (place.chapter.as_str(), place.exercise.as_deref()),
        (CH2, Some("apology-draft"))
    );
}

#[test]
fn a_long_text_answer_reopens_showing_its_end_with_the_cursor_there() {
    let data = tempfile::tempdir().expect("temp dir");
    let dir = data.path();
    let mut pty = Spawn::default().data_dir(dir).start();
    pty.open_first_exercise();
    // Far more lines than the answer box shows.
    let lines: Vec<String> = (1..=40).map(|n| format!("line {n} of a long answer")).collect();
    pty.send_until(
        format!("\x1b[200~{}\x1b[201~", lines.join("\r")).as_bytes(),
        "line 40 of a long answer",
    );
    quit(&mut pty);

    let mut pty = continue_on(dir);
    pty.wait_for("Exercise 1/8");
    pty.wait_for("line 40 of a long answer");
    pty.type_str(" (the end)");
    pty.wait_for("line 40 of a long answer (the end)");
    quit(&mut pty);
    let saved = read_saved(dir, "default").expect("answers");
    let want = format!("{} (the end)", lines.join("\n"));
    assert_eq!(first_answer(&saved), Some(&text(&want)));
}

#[test]
fn typed_text_reaches_the_file_soon_after_typing_stops() {
    let data = tempfile::tempdir().expect("temp dir");
    let dir = data.path();
    let mut pty = Spawn::default().data_dir(dir).start();
    pty.open_first_exercise();
    pty.type_seen("typed, then left alone");
    // No further key: the pause alone must save it (typing pause 0.8 s, plus the write).
    let since = Instant::now();
    let want = text("typed, then left alone");
    let deadline = since + Duration::from_secs(3);
    loop {
        let saved = read_saved(dir, "default");
        if saved.as_ref().and_then(first_answer) == Some(&want) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "typed text not in the file {:?} after the keys were shown; file: {saved:#?}\n{}",
            since.elapsed(),
            pty.framed_screen()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    eprintln!("typed text saved {:?} after it was on screen", since.elapsed());
    quit(&mut pty);
}

#[test]
fn a_second_app_on_the_same_profile_is_refused_with_the_pid_and_another_profile_starts() {
    let data = tempfile::tempdir().expect("temp dir");
    let dir = data.path();
    let mut first = Spawn::default().data_dir(dir).start();
    first.keep_default_name();
    // Kept, `default` is saved at once: from now on it is the profile opened by default.
    first.wait_until("default.toml on disk", |_| answers_path(dir, "default").exists());
    let pid = first.pid();

    let out = Command::new(BIN)
        .env("TRUSTBOOK_DATA_DIR", dir)
        .output()
        .expect("run a second trustbook");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert!(
        stderr.contains(&format!("open in another trustbook process (pid {pid})")),
        "{stderr}"
    );
    // The same from a terminal: refused before the screen is taken over.
    let mut second = Spawn::default().data_dir(dir).start();
    let status = second.wait_exit();
    assert_eq!(status.exit_code(), 1, "{}", second.framed_screen());
    second.wait_for(&format!("(pid {pid})"));
    second.with_screen(|s| assert!(!s.alternate_screen()));

    // Another profile on the same folder opens.
    let mut other = Spawn::default().data_dir(dir).args(["--profile", "sam"]).start();
    other.wait_for(TITLE);
    other.open_first_exercise();
    other.type_seen("sam's answer");
    quit(&mut other);

    // The first app was not disturbed: it still saves.
    first.open_first_exercise();
    first.type_seen("first app's answer");
    quit(&mut first);
    let mine = read_saved(dir, "default").expect("default answers");
    assert_eq!(first_answer(&mine), Some(&text("first app's answer")));
    let sams = read_saved_at(&answers_path(dir, "sam")).expect("sam's answers");
    assert_eq!(first_answer(&sams), Some(&text("sam's answer")));
}

/// Makes saving fail for real (root ignores permission bits): the data folder is moved away
/// and a plain file takes its name, so no temporary file can be created in it. Returns
/// where the folder went.
fn break_folder(dir: &Path) -> std::path::PathBuf {
    let away = dir.with_file_name("data-away");
    fs::rename(dir, &away).expect("move the data folder away");
    fs::write(dir, "not a folder").expect("a file in its place");
    away
}

fn mend_folder(dir: &Path, away: &Path) {
    fs::remove_file(dir).expect("remove the file");
    fs::rename(away, dir).expect("put the folder back");
}

/// The answer to the first exercise.
fn first_answer(saved: &Saved) -> Option<&Value> {
    value(saved, "where-distrust-comes-from", "looking-back")
}

/// Starts the app with its data in `tmp/data` and its home (where fallback copies go) in
/// `tmp/home`, types `words` into the first exercise and waits until the file has them.
fn started_with_saved_words(tmp: &Path, words: &str) -> (Pty, PathBuf, PathBuf) {
    let dir = tmp.join("data");
    let home = tmp.join("home");
    fs::create_dir(&home).expect("home");
    let mut pty = Spawn::default()
        .data_dir(&dir)
        .env("HOME", home.to_str().expect("utf-8 path"))
        .start();
    pty.open_first_exercise();
    pty.type_str(words);
    wait_file(&pty, &dir, words, |s| first_answer(s) == Some(&text(words)));
    (pty, dir, home)
}

#[test]
fn a_failed_save_shows_not_saved_with_a_reason_and_the_retry_recovers() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (mut pty, dir, _home) = started_with_saved_words(tmp.path(), "before");

    let away = break_folder(&dir);
    pty.type_str(" after");
    pty.wait_for("NOT SAVED");
    let header = pty.screen().lines().next().unwrap_or_default().to_string();
    assert!(
        header.contains("NOT SAVED: Not a directory"),
        "the header should say why: {header:?}\n{}",
        pty.framed_screen()
    );

    mend_folder(&dir, &away);
    // Retried every few seconds: the warning goes once a retry works.
    pty.wait_until("the header to say saved again", |s| {
        let header = s
            .contents()
            .lines()
            .next()
            .unwrap_or_default()
            .trim_end()
            .to_string();
        header.ends_with("saved") && !header.contains("NOT SAVED")
    });
    let saved = read_saved(&dir, "default").expect("answers");
    assert_eq!(first_answer(&saved), Some(&text("before after")));
    quit(&mut pty);
}

#[test]
fn quitting_while_unsaved_asks_and_w_writes_a_copy_whose_path_is_printed() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (mut pty, dir, home) = started_with_saved_words(tmp.path(), "kept");

    let away = break_folder(&dir);
    pty.type_str(" and more");
    pty.wait_for("NOT SAVED");
    pty.send_until(keys::CTRL_Q, "Your latest answers are not saved");
    pty.wait_for("write a copy elsewhere and quit");
    pty.type_str("w");
    let status = pty.wait_exit();
    assert_eq!(status.exit_code(), 1, "{}", pty.framed_screen());
    pty.assert_terminal_restored();

    let copies: Vec<_> = fs::read_dir(&home)
        .expect("home")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    assert_eq!(copies.len(), 1, "one copy expected in {home:?}: {copies:?}");
    let copy = &copies[0];
    let name = copy.file_name().unwrap_or_default().to_string_lossy();
    assert!(name.starts_with("trustbook-default-unsaved-"), "{name}");
    // The path is printed on the restored terminal (it may wrap across rows).
    let printed: String = pty.screen().split('\n').collect();
    assert!(
        printed.contains(&copy.display().to_string()),
        "the copy's path is not printed:\n{}",
        pty.framed_screen()
    );
    assert_eq!(mode(copy), 0o600, "the copy must be private");
    let kept = read_saved_at(copy).expect("the copy");
    assert_eq!(first_answer(&kept), Some(&text("kept and more")));

    // The usual file is untouched: the version before the failure.
    mend_folder(&dir, &away);
    let saved = read_saved(&dir, "default").expect("answers");
    assert_eq!(first_answer(&saved), Some(&text("kept")));
}

#[test]
fn quitting_right_after_typing_into_a_failing_folder_asks_and_r_saves_once_it_is_back() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (mut pty, dir, home) = started_with_saved_words(tmp.path(), "first");

    let away = break_folder(&dir);
    // Quit at once: the text is saved on the way out, that save fails, so the app asks.
    pty.type_str(" second");
    pty.wait_for("first second");
    pty.send_until(keys::CTRL_Q, "Your latest answers are not saved");
    pty.with_screen(|s| assert!(s.alternate_screen(), "the app must not have quit"));

    mend_folder(&dir, &away);
    pty.type_str("r");
    pty.wait_gone("Your latest answers are not saved");
    wait_file(&pty, &dir, "the text typed before quitting", |s| {
        first_answer(s) == Some(&text("first second"))
    });
    quit(&mut pty);
    let copies = fs::read_dir(&home).expect("home").count();
    assert_eq!(copies, 0, "no fallback copy was needed");
}

#[cfg(unix)]
#[test]
fn after_a_session_the_folder_is_0700_and_its_files_0600_whatever_the_umask() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("new").join("data");
    // A wide-open umask must not leak into the modes.
    let mut pty = Spawn::default()
        .data_dir(&dir)
        .program("/bin/sh")
        .args([
            "-c",
            &format!(
                "umask 000 && exec '{BIN}' --content '{}'",
                crate::common::pty_workbook_dir().display()
            ),
        ])
        .start();
    pty.open_first_exercise();
    pty.type_str("private words");
    wait_file(&pty, &dir, "the text", |s| {
        first_answer(s) == Some(&text("private words"))
    });
    // A second save makes the backup.
    pty.send_until(keys::TAB, "Exercise 2/8");
    pty.type_str(" ");
    wait_file(&pty, &dir, "a tick", |s| {
        value(s, "where-distrust-comes-from", "naming-insecurities").is_some()
    });
    quit(&mut pty);

    assert_eq!(mode(&dir), 0o700, "data folder");
    let mut names = Vec::new();
    for entry in fs::read_dir(&dir).expect("data folder") {
        let entry = entry.expect("entry");
        let name = entry.file_name().to_string_lossy().into_owned();
        assert_eq!(mode(&entry.path()), 0o600, "{name}");
        names.push(name);
    }
    names.sort();
    assert_eq!(names, ["default.lock", "default.toml", "default.toml.bak"]);
}

/// SIGTERM (a shutdown) or SIGHUP (the terminal window closed) right after typing, before
/// the pause that would save it: the text is saved all the same, and the terminal restored.
#[test]
fn a_stop_signal_saves_what_was_just_typed() {
    for (sig, words) in [
        (Signal::TERM, "typed just before shutdown"),
        (Signal::HUP, "typed as the window closed"),
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut pty = Spawn::default().data_dir(dir.path()).start();
        pty.wait_for(TITLE);
        pty.open_first_exercise();
        pty.type_seen(words);
        pty.signal(sig);
        let status = pty.wait_exit();
        assert!(
            status.success(),
            "signal {sig:?}: {status:?}\n{}",
            pty.framed_screen()
        );
        let saved = read_saved(dir.path(), "default").expect("the answers file exists and parses");
        assert_eq!(
            value(&saved, "where-distrust-comes-from", "looking-back"),
            Some(&text(words)),
            "signal {sig:?}"
        );
        if sig == Signal::TERM {
            pty.assert_terminal_restored();
        }
    }
}

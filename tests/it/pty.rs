//! End to end: the real binary in a real pseudo-terminal.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::common::pty::{Pty, Spawn, keys};

/// The welcome title of the test workbook (a frozen copy of the shipped one).
const TITLE: &str = "Working on trust: a relationship workbook";

#[test]
fn types_an_answer_moves_between_exercises_opens_help_and_quits_cleanly() {
    let mut pty = Pty::spawn();
    pty.wait_for(TITLE);
    pty.keep_default_name();
    pty.with_screen(|s| assert!(s.alternate_screen(), "the app draws on the alternate screen"));

    pty.open_first_exercise();
    pty.wait_for("Looking back");

    pty.type_seen("Ich vertraue langsam");

    pty.send_until(keys::TAB, "Naming your insecurities");
    pty.wait_gone("Ich vertraue langsam");

    pty.send_until(keys::SHIFT_TAB, "Exercise 1/8");
    pty.wait_for("Ich vertraue langsam");

    pty.send_until(keys::F1, "Keys on this screen");
    pty.wait_for("your editor");
    pty.send(keys::F1);
    pty.wait_gone("Keys on this screen");
    // Help closed, the answer is untouched underneath.
    pty.wait_for("Ich vertraue langsam");

    pty.send(keys::CTRL_Q);
    let status = pty.wait_exit();
    assert!(
        status.success(),
        "exit status {status:?}; screen:\n{}",
        pty.framed_screen()
    );
    pty.assert_terminal_restored();
    // Back on the main screen: none of the app's drawing is there.
    assert!(!pty.screen().contains(TITLE), "{}", pty.framed_screen());
}

#[test]
fn ctrl_c_quits_from_inside_a_text_answer() {
    let mut pty = Pty::spawn();
    pty.wait_for(TITLE);
    pty.open_first_exercise();
    pty.type_seen("abc");
    pty.send(keys::CTRL_C);
    let status = pty.wait_exit();
    assert_eq!(status.exit_code(), 0, "{}", pty.framed_screen());
    pty.assert_terminal_restored();
}

#[test]
fn without_a_terminal_it_exits_2_with_a_one_line_error() {
    let data = tempfile::tempdir().expect("temp data dir");
    // Private already, so there is no note about tightening it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(data.path(), std::fs::Permissions::from_mode(0o700)).expect("chmod");
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_trustbook"))
        .env("TRUSTBOOK_DATA_DIR", data.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start trustbook");
    // Keys on a pipe must not be read as if a person typed them. The program may
    // already have exited (a broken pipe), which is fine.
    let _ = child.stdin.take().expect("stdin").write_all(b"\r\x11");
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line expected, got: {stderr:?}");
    assert!(stderr.starts_with("error: "), "{stderr:?}");
    assert!(stderr.contains("terminal"), "{stderr:?}");
    assert!(out.stdout.is_empty(), "nothing may be drawn: {:?}", out.stdout);
}

#[test]
fn stdout_not_a_terminal_also_exits_2() {
    // stdin is a real terminal here, only stdout is piped.
    let mut pty = Spawn::default()
        .args(["-c", &format!("{} > /dev/null", env!("CARGO_BIN_EXE_trustbook"))])
        .program("/bin/sh")
        .start();
    let status = pty.wait_exit();
    assert_eq!(status.exit_code(), 2, "{}", pty.framed_screen());
    pty.wait_for("error: ");
    pty.with_screen(|s| assert!(!s.alternate_screen()));
}

#[test]
fn too_small_terminal_shows_a_message_and_recovers() {
    let mut pty = Pty::spawn();
    pty.keep_default_name();
    pty.resize(59, 20);
    pty.wait_for("terminal too small");
    pty.wait_for("needs 60x20");
    pty.wait_gone(TITLE);

    pty.resize(40, 10);
    pty.wait_for("40x10");

    pty.resize(60, 20);
    pty.wait_gone("terminal too small");
    pty.wait_for("Start from the beginning");

    pty.resize(100, 30);
    // A line only the 100-column layout has: the app has taken the new size.
    pty.wait_for("counsellor can help. If you or anyone else is");
    pty.send(keys::CTRL_Q);
    assert!(pty.wait_exit().success(), "{}", pty.framed_screen());
}

#[test]
fn bracketed_paste_of_several_lines_lands_in_the_answer() {
    let mut pty = Pty::spawn();
    pty.wait_for(TITLE);
    pty.open_first_exercise();
    pty.with_screen(|s| assert!(s.bracketed_paste(), "bracketed paste is enabled"));
    // Pasted as one event: the Tab and ? inside are text, not keys.
    pty.send_until(
        b"\x1b[200~first pasted line\rsecond\tline ?\x1b[201~",
        "first pasted line",
    );
    pty.wait_for("second    line ?");
    assert!(!pty.screen().contains("Keys on this screen"));
    assert!(pty.screen().contains("Exercise 1/8"), "{}", pty.framed_screen());
    pty.send(keys::CTRL_Q);
    assert!(pty.wait_exit().success(), "{}", pty.framed_screen());
    pty.assert_terminal_restored();
}

#[test]
fn harness_kill9_stops_the_program_mid_session() {
    // For crash tests: the program dies without restoring anything.
    let mut pty = Pty::spawn();
    pty.wait_for(TITLE);
    pty.open_first_exercise();
    pty.type_seen("unsaved");
    pty.kill9();
    let status = pty.wait_exit();
    assert!(!status.success(), "{status:?}");
    pty.with_screen(|s| assert!(s.alternate_screen(), "nothing restored after kill -9"));
}

/// Ctrl+E hands the answer to $EDITOR in a private file (0600) that is gone
/// afterwards, and the edited text comes back into the answer.
#[test]
fn ctrl_e_edits_the_answer_in_the_users_editor() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let log = tmp.path().join("editor.log");
    let script = tmp.path().join("fake-editor");
    // The "editor" records the file's mode and path, then appends a line.
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nstat -c '%a %n' \"$1\" > '{}'\nprintf 'added in the editor\\n' >> \"$1\"\n",
            log.display()
        ),
    )
    .expect("write editor script");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let mut pty = Spawn::default()
        .env("EDITOR", &script.display().to_string())
        .env("VISUAL", "")
        .start();
    pty.wait_for(TITLE);
    pty.open_first_exercise();
    pty.type_seen("typed in the app");
    pty.send(b"\x05"); // Ctrl+E
    pty.wait_for("added in the editor");
    pty.wait_for("typed in the app");

    let logged = std::fs::read_to_string(&log).expect("the editor ran");
    let (mode, path) = logged.trim().split_once(' ').expect("mode and path");
    assert_eq!(mode, "600", "the temporary file must be private: {logged}");
    assert!(
        !std::path::Path::new(path).exists(),
        "the temporary file must be removed: {path}"
    );

    pty.send(keys::CTRL_Q);
    assert!(pty.wait_exit().success(), "{}", pty.framed_screen());
}

/// The answers file of the default profile in `dir`, as text.
fn answers_text(dir: &std::path::Path) -> String {
    std::fs::read_to_string(dir.join("default.toml")).unwrap_or_default()
}

#[test]
fn a_16_kib_burst_without_bracketed_paste_is_typed_whole_and_ctrl_q_quits() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut pty = Spawn::default().data_dir(data.path()).start();
    pty.wait_for(TITLE);
    pty.open_first_exercise();
    // One write, as a terminal without bracketed paste (or a slow link) delivers it.
    let words: String = (0..2400).map(|i| format!("w{:05} ", i)).collect::<String>() + "THEEND";
    assert!(words.len() >= 16 * 1024);
    pty.send_until(words.as_bytes(), "THEEND");
    let started = std::time::Instant::now();
    pty.send(keys::CTRL_Q);
    let status = pty.wait_exit();
    assert!(status.success(), "{status:?}\n{}", pty.framed_screen());
    assert!(
        started.elapsed() < std::time::Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    let saved = answers_text(data.path());
    assert!(saved.contains(words.trim_end()), "the whole burst is saved");
}

/// A paste that arrives a few bytes at a time (a slow SSH link, a multiplexer) stays one
/// paste: its newline, Tab and `p` are text, never keys that move on or unmark.
#[test]
fn paste_arriving_slowly_never_runs_as_keys() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut pty = Spawn::default().data_dir(data.path()).start();
    pty.wait_for(TITLE);
    pty.open_first_exercise();
    pty.type_seen("kept line");
    let paste = b"\x1b[200~\rslow paste\tplus p and q and more words\x1b[201~";
    for chunk in paste.chunks(8) {
        pty.send(chunk);
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    pty.wait_for("plus p and q and more words");
    let screen = pty.screen();
    assert!(screen.contains("kept line"), "{}", pty.framed_screen());
    assert!(
        screen.contains("Exercise 1/8"),
        "still on the same exercise: {}",
        pty.framed_screen()
    );
    pty.send(keys::CTRL_Q);
    assert!(pty.wait_exit().success(), "{}", pty.framed_screen());
    let saved = answers_text(data.path());
    assert!(saved.contains("kept line"), "{saved}");
    assert!(saved.contains("slow paste"), "{saved}");
}

#[test]
fn a_paste_that_never_ends_does_not_swallow_ctrl_q() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut pty = Spawn::default().data_dir(data.path()).start();
    pty.wait_for(TITLE);
    pty.open_first_exercise();
    pty.send(b"\x1b[200~half a paste");
    // Shown once the paste has gone quiet for a while; typing then goes on as typing.
    pty.wait_for("half a paste");
    pty.type_str(" then typed");
    pty.wait_for("half a paste then typed");
    pty.send(b"\x1b[200~another");
    let started = std::time::Instant::now();
    pty.send(keys::CTRL_Q);
    let status = pty.wait_exit();
    assert!(status.success(), "{status:?}\n{}", pty.framed_screen());
    assert!(
        started.elapsed() < std::time::Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    assert!(answers_text(data.path()).contains("half a paste then typedanother"));
}

/// `compare` on a terminal shows a long comparison through `$PAGER`; piped, it never does
/// (see cli.rs, where every run is piped).
#[test]
fn compare_on_a_terminal_goes_through_the_pager() {
    let dir = tempfile::tempdir().expect("temp dir");
    let id = crate::common::pty_workbook().id;
    for name in ["alex", "sam"] {
        let file = trustbook::store::encode(&trustbook::answers::Answers::default(), None, &id);
        std::fs::write(dir.path().join(format!("{name}.toml")), file).expect("write profile");
    }
    let wb = crate::common::pty_workbook();
    let text =
        trustbook::sharing::share_text(&wb, "sam", &trustbook::answers::Answers::default(), "2026-11-30");
    trustbook::sharing::write(dir.path(), "sam", "alex", &text).expect("sam shares with alex");
    let mut pty = Spawn::default()
        .data_dir(dir.path())
        .env("PAGER", "sed -n 's/^/PAGED:/p' | head -n 3")
        .size(80, 10)
        .args(["compare", "alex", "sam"])
        .start();
    pty.wait_for("PAGED:");
    let status = pty.wait_exit();
    assert!(status.success(), "{}", pty.screen());
}

/// `owner` shares with `with` on the format 2 fixture (`trustbook share`).
fn share_v2(data: &std::path::Path, owner: &str, with: &str) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v2-workbook");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_trustbook"))
        .arg("--content")
        .arg(&dir)
        .arg("--data-dir")
        .arg(data)
        .args(["share", "--profile", owner, "--with", with])
        .output()
        .expect("run share");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// Starts the real binary on the format 2 fixture as `profile`, answers kept in `data`.
fn v2_as(profile: &str, data: &std::path::Path) -> Pty {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v2-workbook");
    Spawn::default()
        .content(&dir)
        .data_dir(data)
        .args(["--profile", profile])
        .size(100, 60)
        .start()
}

/// Quits with Ctrl+Q and checks the exit was clean.
fn quit(mut pty: Pty) {
    pty.send(keys::CTRL_Q);
    let status = pty.wait_exit();
    assert!(
        status.success(),
        "exit status {status:?}:\n{}",
        pty.framed_screen()
    );
}

#[test]
fn two_partners_walk_the_v2_fixture_skip_and_compare_blind() {
    let data = tempfile::tempdir().expect("temp data dir");

    // Alex answers everything but skips "Checking for excuses".
    let mut alex = v2_as("alex", data.path());
    alex.wait_for("Start from the beginning");
    alex.send_until(keys::ENTER, "Chapter 1/1 · Introduction");
    alex.send_until(keys::ENTER, "Exercise 1/15");
    alex.type_seen("alex words");
    alex.send_until(keys::TAB, "How upset are you now?");
    alex.type_str("2");
    alex.wait_for("Your answer: 2 / 10");
    alex.send_until(keys::TAB, "Exercise 3/15");
    alex.send_until(b" ", "[x] Hurt");
    alex.send_until(keys::TAB, "Exercise 4/15");
    alex.send(keys::TAB);
    // Upset at most 3: "Talking now" is offered.
    alex.wait_for("You feel calm enough");
    alex.type_seen("alex talk");
    alex.send_until(keys::TAB, "Checking for excuses");
    alex.send(b"\x13"); // Ctrl+S while typing
    alex.wait_for("[skipped]");
    alex.send_until(keys::TAB, "Exercise 7/15");
    alex.send(keys::TAB);
    // "The hot thought" shows the earlier answers above its prompt.
    alex.wait_for("What went through your mind?");
    alex.wait_for("alex words");
    // Past the ratings, the stepped scale, the date, the checklist and the two ratings of
    // format 2's own items (left as they are).
    for n in 9..=15 {
        alex.send_until(keys::TAB, &format!("Exercise {n}/15"));
    }
    alex.wait_for("Closing reflection");
    alex.type_seen("alex reflect");
    alex.send_until(keys::ESC, "Contents");
    quit(alex);
    share_v2(data.path(), "alex", "sam");

    // Sam answers "What happened" and "Checking for excuses" only.
    let mut sam = v2_as("sam", data.path());
    sam.wait_for("Compare with alex");
    sam.send_until(keys::ENTER, "Chapter 1/1 · Introduction");
    sam.send_until(keys::ENTER, "Exercise 1/15");
    sam.type_seen("sam words");
    for n in 2..=6 {
        sam.send_until(keys::TAB, &format!("Exercise {n}/15"));
    }
    sam.wait_for("Checking for excuses");
    sam.type_seen("sam excuses");
    sam.send_until(keys::ESC, "Contents");
    sam.send_until(keys::ESC, "Review my answers");
    // The blind compare, from the welcome menu (its last item).
    sam.send(b"\x1b[F"); // End
    sam.send_until(keys::ENTER, "The answers of sam and alex");
    sam.wait_for("Anything else");
    let mut screen = sam.screen();
    // Both answered: both shown.
    assert!(
        screen.contains("sam words") && screen.contains("alex words"),
        "{screen}"
    );
    // Alex skipped: neither answer shown, whoever wrote one.
    let excuses = screen
        .split_once("Checking for excuses")
        .expect("the skipped row")
        .1;
    let excuses = excuses.split_once("Anything else").expect("the next row").0;
    // sam's view cannot tell alex's skip from an answer not given or kept private.
    assert!(
        excuses.contains("Nothing of alex's to show yet.") && !excuses.contains("Skipped"),
        "the row reads as not shared: {excuses}"
    );
    assert!(
        !screen.contains("sam excuses"),
        "a skip shows neither answer:\n{screen}"
    );
    // Only alex answered: hidden, here and further down (the reflection).
    sam.send(b"\x1b[F"); // End
    sam.wait_for("Closing reflection");
    screen.push_str(&sam.screen());
    assert!(
        !screen.contains("alex reflect") && !screen.contains("alex talk"),
        "{screen}"
    );
    assert!(screen.contains("waiting on sam"), "{screen}");
    quit(sam);
}

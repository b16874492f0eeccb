//! Hostile files and hostile neighbours (issue 8, sections 2 to 4): links planted in the
//! data folder, folders open to others or owned by someone else, named pipes and devices
//! where files belong, huge imports, a full or read-only folder, and backups that must
//! survive `--start-fresh`.

use std::fs;
use std::io::Write as _;
use std::os::unix::fs::{PermissionsExt as _, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::disk::{mode, read_saved_at, wait_file, workbook_id};
use crate::common::pty::{Spawn, keys};
use crate::common::{put, text};
use trustbook::answers::{Answers, Value};
use trustbook::store;

const BIN: &str = env!("CARGO_BIN_EXE_trustbook");
const TITLE: &str = "Working on trust: a relationship workbook";
/// How long a command that must refuse "at once" may take (a debug build on a busy machine).
const QUICK: Duration = Duration::from_secs(10);

fn chmod(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod");
}

/// A data folder that is already private (so no note about tightening it).
fn private_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    chmod(dir.path(), 0o700);
    dir
}

/// The text of an answers file for the shipped workbook holding one text answer.
fn answers_text(words: &str) -> String {
    let mut a = Answers::default();
    put(
        &mut a,
        "where-distrust-comes-from",
        "looking-back",
        false,
        text(words),
    );
    store::encode(&a, None, &workbook_id())
}

/// Runs the binary with `args` on the data folder `dir`, stdin from `stdin` (or empty),
/// killing it after [`QUICK`]: returns its output and whether it had to be killed.
fn run_quick(dir: &Path, args: &[&str], stdin: Option<fs::File>) -> (Output, bool) {
    let mut child = Command::new(BIN)
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove(store::DATA_DIR_ENV)
        .stdin(stdin.map_or_else(Stdio::null, Stdio::from))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start trustbook");
    let deadline = Instant::now() + QUICK;
    let mut killed = false;
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() >= deadline {
            let _ = child.kill();
            killed = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    (child.wait_with_output().expect("output"), killed)
}

/// Expects `args` to be refused quickly with exit code 1; returns stderr.
fn refused_quickly(dir: &Path, args: &[&str], stdin: Option<fs::File>) -> String {
    let started = Instant::now();
    let (out, killed) = run_quick(dir, args, stdin);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        !killed,
        "{args:?} did not finish within {QUICK:?}; stderr: {stderr}"
    );
    assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
    assert!(started.elapsed() < QUICK, "{args:?} took {:?}", started.elapsed());
    stderr
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

#[test]
fn a_symlinked_lock_is_refused_and_its_target_stays_intact() {
    let data = private_dir();
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let target = elsewhere.path().join("precious.txt");
    fs::write(&target, "someone else's file\n").expect("write");
    chmod(&target, 0o644);
    symlink(&target, data.path().join("default.lock")).expect("symlink");

    // Named, so the profile is opened at once (a first run would ask for a name first).
    let mut pty = Spawn::default()
        .data_dir(data.path())
        .args(["--profile", "default"])
        .start();
    let status = pty.wait_exit();
    let screen = pty.screen();
    assert_eq!(status.exit_code(), 1, "{}", pty.framed_screen());
    assert!(
        screen.contains("default.lock") && screen.contains("symbolic link"),
        "{}",
        pty.framed_screen()
    );
    assert_eq!(
        fs::read_to_string(&target).expect("target"),
        "someone else's file\n"
    );
    assert_eq!(mode(&target), 0o644, "the link's target was chmodded");
}

#[test]
fn a_symlinked_answers_file_is_refused_and_its_target_untouched() {
    let data = private_dir();
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let target = elsewhere.path().join("answers.toml");
    let text = answers_text("through a link");
    fs::write(&target, &text).expect("write");
    chmod(&target, 0o644);
    symlink(&target, data.path().join("default.toml")).expect("symlink");

    let err = refused_quickly(data.path(), &["reset", "--yes"], None);
    assert!(
        err.contains("default.toml") && err.contains("symbolic link"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&target).expect("target"), text);
    assert_eq!(mode(&target), 0o644, "the link's target was chmodded");
    let link = fs::symlink_metadata(data.path().join("default.toml")).expect("link");
    assert!(link.file_type().is_symlink(), "the link was replaced");
}

#[test]
fn a_folder_open_to_others_is_made_private_and_that_is_said_once() {
    let data = tempfile::tempdir().expect("temp dir");
    chmod(data.path(), 0o777);
    let mut pty = Spawn::default().data_dir(data.path()).start();
    pty.wait_for(TITLE);
    pty.send(keys::CTRL_Q);
    let status = pty.wait_exit();
    assert!(status.success(), "{}", pty.framed_screen());
    assert_eq!(mode(data.path()), 0o700);
    // The note goes to stderr before the app takes the screen; it is back once it ends.
    let screen = pty.screen();
    assert_eq!(
        screen.matches("now private to you").count(),
        1,
        "{}",
        pty.framed_screen()
    );
    assert!(screen.contains("0777"), "{}", pty.framed_screen());

    // Private now: nothing more is said.
    let (out, _) = run_quick(data.path(), &["reset", "--yes"], None);
    assert!(String::from_utf8_lossy(&out.stderr).is_empty(), "{out:?}");
}

#[test]
fn a_folder_owned_by_another_user_is_refused() {
    let data = private_dir();
    std::os::unix::fs::chown(data.path(), Some(12345), None).expect("chown (tests run as root)");
    let err = refused_quickly(data.path(), &["reset", "--yes"], None);
    assert!(
        err.contains("belongs to another user") && err.contains("12345"),
        "{err}"
    );
    assert_eq!(
        fs::read_dir(data.path()).expect("dir").count(),
        0,
        "files were made"
    );
}

#[test]
fn start_fresh_then_two_saves_keeps_the_last_readable_copy() {
    let data = private_dir();
    let dir = data.path();
    let good = answers_text("the good old words");
    fs::write(dir.join("default.toml.bak"), &good).expect("write");
    fs::write(dir.join("default.toml"), "schema_version = 1\nthis is not toml\n").expect("write");

    let mut pty = Spawn::default().data_dir(dir).args(["--start-fresh"]).start();
    pty.open_first_exercise();
    pty.type_str("one");
    wait_file(&pty, dir, "one", |s| has_text(s, "one"));
    pty.type_str(" two");
    wait_file(&pty, dir, "one two", |s| has_text(s, "one two"));
    pty.send(keys::CTRL_Q);
    assert!(pty.wait_exit().success(), "{}", pty.framed_screen());

    let kept = files_starting(dir, "default.toml.bak-");
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(fs::read_to_string(&kept[0]).expect("kept"), good);
    let bad = files_starting(dir, "default.toml.bad-");
    assert_eq!(bad.len(), 1, "{bad:?}");
    let screen = pty.screen();
    assert!(
        screen.contains("default.toml.bak-"),
        "where it is kept is said:\n{screen}"
    );
}

fn has_text(saved: &store::Saved, words: &str) -> bool {
    saved
        .answers
        .get("where-distrust-comes-from", "looking-back")
        .map(|a| &a.value)
        == Some(&Value::Text { text: words.into() })
}

/// Files in `dir` whose names start with `prefix`, sorted.
fn files_starting(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .map(|e| e.path())
        .collect();
    out.sort();
    out
}

#[test]
fn a_fifo_given_to_import_is_refused_at_once() {
    let data = private_dir();
    let work = tempfile::tempdir().expect("temp dir");
    let fifo = work.path().join("export.json");
    mkfifo(&fifo);
    let err = refused_quickly(
        data.path(),
        &["import", fifo.to_str().expect("utf-8"), "--profile", "sam"],
        None,
    );
    assert!(
        err.contains("named pipe") && err.contains("Nothing was imported"),
        "{err}"
    );
}

#[test]
fn dev_zero_as_an_import_is_refused_at_once() {
    let data = private_dir();
    let err = refused_quickly(data.path(), &["import", "/dev/zero", "--profile", "sam"], None);
    assert!(
        err.contains("a device") && err.contains("Nothing was imported"),
        "{err}"
    );
}

#[test]
fn reset_reading_dev_zero_stops_quickly() {
    let data = private_dir();
    fs::write(data.path().join("default.toml"), answers_text("keep me")).expect("write");
    let zero = fs::File::open("/dev/zero").expect("/dev/zero");
    let err = refused_quickly(data.path(), &["reset"], Some(zero));
    assert!(err.contains("reset cancelled"), "{err}");
    let saved = read_saved_at(&data.path().join("default.toml")).expect("answers");
    assert_eq!(saved.answers.len(), 1);
}

#[test]
fn export_output_to_a_fifo_is_refused_even_with_force() {
    let data = private_dir();
    fs::write(data.path().join("default.toml"), answers_text("words")).expect("write");
    let work = tempfile::tempdir().expect("temp dir");
    let fifo = work.path().join("out.md");
    mkfifo(&fifo);
    let err = refused_quickly(
        data.path(),
        &["export", "--output", fifo.to_str().expect("utf-8"), "--force"],
        None,
    );
    assert!(
        err.contains("named pipe") && err.contains("Nothing was written"),
        "{err}"
    );
    assert!(
        fs::symlink_metadata(&fifo).is_ok_and(|m| !m.is_file()),
        "the FIFO was replaced"
    );
}

#[test]
fn a_huge_import_is_refused_quickly_and_nothing_is_stored() {
    let data = private_dir();
    let work = tempfile::tempdir().expect("temp dir");
    let file = work.path().join("huge.json");
    let mut f = fs::File::create(&file).expect("create");
    write!(
        f,
        "{{\"format\": \"trustbook-export\", \"version\": 1, \"workbook\": \"{}\", \
         \"profile\": \"alex\", \"exported\": \"2026-11-26\", \"include_private\": false, \
         \"answers\": {{\"one\": {{\"list\": {{\"changed\": \"2026-11-26T10:00:00Z\", \
         \"kind\": \"list\", \"items\": [",
        workbook_id()
    )
    .expect("write");
    f.write_all("\"\",".repeat(2_000_000).as_bytes()).expect("write");
    f.write_all(b"\"\"]}}}}\n").expect("write");
    drop(f);
    let err = refused_quickly(
        data.path(),
        &["import", file.to_str().expect("utf-8"), "--profile", "sam"],
        None,
    );
    assert!(
        err.contains("larger than any workbook's answers") && err.contains("10000 items"),
        "{err}"
    );
    assert!(!store::partner_path(data.path(), "sam").exists());
}

#[test]
fn a_folder_that_cannot_be_written_opens_the_answers_with_not_saved() {
    // Root may write anywhere: run as another user, whose own folder is read-only.
    let data = tempfile::tempdir().expect("temp dir");
    let dir = data.path();
    let answers = dir.join("default.toml");
    fs::write(&answers, answers_text("still readable")).expect("write");
    for p in [dir, answers.as_path()] {
        std::os::unix::fs::chown(p, Some(12345), Some(12345)).expect("chown (tests run as root)");
    }
    chmod(&answers, 0o600);
    chmod(dir, 0o500);
    let home = tempfile::tempdir().expect("temp dir");
    std::os::unix::fs::chown(home.path(), Some(12345), Some(12345)).expect("chown");

    let mut pty = Spawn::default()
        .program("setpriv")
        .args([
            "--reuid=12345",
            "--regid=12345",
            "--clear-groups",
            BIN,
            "--content",
        ])
        .args([crate::common::pty_workbook_dir().to_str().expect("utf-8")])
        .data_dir(dir)
        .env("HOME", home.path().to_str().expect("utf-8"))
        .start();
    pty.wait_for("NOT SAVED");
    // The answer was read: the welcome counts it.
    pty.wait_for("4% done");
    // Quitting offers the copy elsewhere, as for any save that fails.
    pty.send(keys::CTRL_Q);
    pty.wait_for("write a copy elsewhere and quit");
    pty.type_str("w");
    let status = pty.wait_exit();
    assert_eq!(status.exit_code(), 1, "{}", pty.framed_screen());
    assert!(!dir.join("default.lock").exists());
    let copies = files_starting(home.path(), "trustbook-default-unsaved-");
    assert_eq!(copies.len(), 1, "{copies:?}");
    let saved = read_saved_at(&copies[0]).expect("copy");
    assert!(has_text(&saved, "still readable"));
}

/// Runs the binary on `dir`, expecting success; returns stdout.
fn ok(dir: &Path, args: &[&str]) -> String {
    let (out, killed) = run_quick(dir, args, None);
    assert!(
        !killed && out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// A JSON export of profile `alex` (one answer), written outside `dir`; returns its text.
fn alex_export(dir: &Path) -> String {
    fs::write(dir.join("alex.toml"), answers_text("alex's words")).expect("write");
    let json = ok(dir, &["--profile", "alex", "export", "--format", "json"]);
    fs::remove_file(dir.join("alex.toml")).expect("remove");
    json
}

fn write_outside(name: &str, text: &str) -> (tempfile::TempDir, String) {
    let work = tempfile::tempdir().expect("temp dir");
    let path = work.path().join(name);
    fs::write(&path, text).expect("write");
    let path = path.to_str().expect("utf-8").to_string();
    (work, path)
}

#[test]
fn an_export_with_a_byte_order_mark_is_imported() {
    let data = private_dir();
    let json = alex_export(data.path());
    let (_work, file) = write_outside("bom.json", &format!("\u{feff}{json}"));
    let said = ok(data.path(), &["--profile", "sam", "import", &file]);
    assert!(said.contains("imported 1 answer"), "{said}");
}

#[test]
fn an_export_whose_profile_or_day_is_not_one_is_refused() {
    let data = private_dir();
    let json = alex_export(data.path());
    for (from, to, why) in [
        (
            "\"profile\": \"alex\"",
            "\"profile\": \"Alex/../x\"",
            "not a profile name",
        ),
        ("\"exported\": \"", "\"exported\": \"yesterday", "not a date"),
    ] {
        assert!(json.contains(from), "{json}");
        let (_work, file) = write_outside("edited.json", &json.replacen(from, to, 1));
        let err = refused_quickly(data.path(), &["--profile", "sam", "import", &file], None);
        assert!(err.contains(why) && err.contains("Nothing was imported"), "{err}");
        assert!(!store::partner_path(data.path(), "sam").exists());
    }
}

#[test]
fn a_profile_open_in_a_running_trustbook_cannot_be_imported_over() {
    let data = private_dir();
    let json = alex_export(data.path());
    let (_work, file) = write_outside("alex.json", &json);
    // `sam` is open (no answers yet, so it has no answers file): its lock is held.
    let mut pty = Spawn::default()
        .data_dir(data.path())
        .args(["--profile", "sam"])
        .start();
    pty.wait_for(TITLE);
    let err = refused_quickly(data.path(), &["--profile", "sam", "import", &file], None);
    assert!(err.contains("open in another trustbook"), "{err}");
    assert!(!store::partner_path(data.path(), "sam").exists());
    pty.send(keys::CTRL_Q);
    assert!(pty.wait_exit().success(), "{}", pty.framed_screen());
}

#[test]
fn where_fails_when_the_data_folder_is_a_file() {
    let work = tempfile::tempdir().expect("temp dir");
    let file = work.path().join("not-a-folder");
    fs::write(&file, "x").expect("write");
    let err = refused_quickly(&file, &["where"], None);
    assert!(err.contains("not a folder"), "{err}");
}

#[test]
fn where_says_each_problem_once_and_names_another_workbook() {
    let data = private_dir();
    let dir = data.path();
    fs::write(
        dir.join("other.toml"),
        store::encode(&Answers::default(), None, "another-book"),
    )
    .expect("write");
    symlink(dir.join("missing.toml"), dir.join("dangling.toml")).expect("symlink");
    let out = ok(dir, &["where"]);
    let line = |name: &str| {
        out.lines()
            .find(|l| l.trim_start().starts_with(name))
            .unwrap_or_else(|| panic!("{name} not listed:\n{out}"))
            .to_string()
    };
    let other = line("other ");
    assert!(
        other.contains("another workbook") && !other.contains(" 0 "),
        "{other}"
    );
    let dangling = line("dangling ");
    assert_eq!(dangling.matches("cannot be read").count(), 1, "{dangling}");
    assert!(dangling.contains("symbolic link"), "{dangling}");
}

#[test]
fn a_symlinked_partner_file_is_refused_by_where_and_compare_alike() {
    let data = private_dir();
    let dir = data.path();
    let json = alex_export(dir);
    let (_work, file) = write_outside("sam.json", &json);
    fs::create_dir(dir.join(store::PARTNERS_DIR)).expect("mkdir");
    symlink(&file, store::partner_path(dir, "sam")).expect("symlink");
    fs::write(dir.join("alex.toml"), answers_text("alex's words")).expect("write");

    let out = ok(dir, &["where"]);
    let sam = out
        .lines()
        .find(|l| l.trim_start().starts_with("sam "))
        .unwrap_or_default();
    assert!(sam.contains("symbolic link"), "where:\n{out}");
    let err = refused_quickly(dir, &["compare", "alex", "sam"], None);
    assert!(err.contains("symbolic link"), "{err}");
}

#[test]
fn a_fifo_at_the_answers_path_is_refused_at_once() {
    let data = private_dir();
    mkfifo(&data.path().join("default.toml"));
    let err = refused_quickly(data.path(), &["reset", "--yes"], None);
    assert!(
        err.contains("default.toml") && err.contains("named pipe"),
        "{err}"
    );
}

#[test]
fn import_into_a_folder_open_to_others_makes_it_private_and_says_so() {
    let data = tempfile::tempdir().expect("temp dir");
    chmod(data.path(), 0o700);
    let json = alex_export(data.path());
    let (_work, file) = write_outside("alex.json", &json);
    chmod(data.path(), 0o755);
    let (out, _) = run_quick(data.path(), &["--profile", "sam", "import", &file], None);
    assert!(out.status.success(), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("now private to you").count(), 1, "{stderr}");
    assert_eq!(mode(data.path()), 0o700);
}

/// The note that the data folder was made private used to be printed on stderr just
/// before the app took the screen over, so nobody could read it: the app says it.
#[test]
fn a_folder_open_to_others_is_said_in_the_app_not_under_it() {
    let data = tempfile::tempdir().expect("temp dir");
    chmod(data.path(), 0o755);
    let mut pty = Spawn::default().data_dir(data.path()).size(60, 20).start();
    // The app's own words: the note on stderr comes before raw mode, and a Ctrl-Q sent
    // then is taken by the terminal as flow control (XON) and never reaches the app.
    pty.wait_for("Data folder made private to you.");
    assert_eq!(mode(data.path()), 0o700);
    pty.send(keys::CTRL_Q);
    pty.wait_exit();
}

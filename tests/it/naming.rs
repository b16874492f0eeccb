//! A first run without `--profile` asks what name the answers go under: by keys
//! through the key table on a scripted persistence, on the real store, and in the
//! real binary; and how the default profile is found afterwards.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use crate::common::pty::{NAME_QUESTION as QUESTION, Spawn, keys as pty_keys};
use crate::common::*;
use crate::common::{session_keys as keys_in, session_typed as typed};
use ratatui::crossterm::event::KeyCode::{Backspace, Enter, Esc, F};
use trustbook::app::{App, Context, Screen, keys};
use trustbook::persist::fake::FakePersistence;
use trustbook::persist::{DiskPersistence, Persistence};
use trustbook::session::{Ending, Session};
use trustbook::store::{self, DefaultProfile, NameRefused, ProfileKind, Store, StoreOptions};

const BIN: &str = env!("CARGO_BIN_EXE_trustbook");

/// A first run on the shipped workbook, asking for a name, on `persist`.
/// The safety page comes first; Esc closes it, onto the question of a name.
fn asking<P: Persistence>(persist: P) -> Session<P> {
    let mut s = Session::new(shipped_app().asking_name(), persist);
    assert!(s.app.safety_open(), "the safety page comes before the name");
    keys_in(&mut s, [key(Esc)]);
    s
}

fn shown(app: &App) -> String {
    render(app, 80, 24)
}

#[test]
fn a_valid_name_becomes_the_profile_and_is_saved_at_once() {
    let mut s = asking(FakePersistence::default());
    assert_eq!(s.app.screen(), Screen::Name);
    assert_eq!(keys::context(&s.app), Context::Name);
    assert!(s.app.is_typing());
    typed(&mut s, "Sam");
    assert!(shown(&s.app).contains("│ sam "), "upper case is lowered as typed");
    keys_in(&mut s, [key(Enter)]);
    assert_eq!(s.persist.opened, vec!["sam".to_string()]);
    assert_eq!(s.app.profile(), "sam");
    // The offer of a passphrase comes first; nothing is saved before it is answered.
    assert_eq!(s.app.screen(), Screen::Protect);
    assert!(s.persist.requested.is_empty());
    keys_in(&mut s, [char_key('n')]);
    assert_eq!(s.app.screen(), Screen::Welcome);
    assert_eq!(
        s.persist.requested.len(),
        1,
        "the empty answers file is written at once, so the next start finds it"
    );
    // The safety page was read before the name: Start goes straight on.
    keys_in(&mut s, [char_key('s')]);
    assert!(!s.app.safety_open());
}

#[test]
fn an_invalid_name_says_what_is_allowed_and_opens_nothing() {
    let mut s = asking(FakePersistence::default());
    for bad in ["sam smith", "a--b", "-sam", "é", &"a".repeat(33)] {
        typed(&mut s, bad);
        keys_in(&mut s, [key(Enter)]);
        assert_eq!(s.app.screen(), Screen::Name, "{bad}");
        let screen = render(&s.app, 60, 20);
        assert!(screen.contains("cannot be a name"), "{bad}:\n{screen}");
        assert!(screen.contains("lowercase letters"), "{bad}:\n{screen}");
        assert!(s.app.name_problem().is_some());
        // Typing again puts the message away.
        keys_in(&mut s, std::iter::repeat_n(key(Backspace), 40));
        assert!(s.app.name_problem().is_none(), "{bad}");
    }
    assert!(s.persist.opened.is_empty());
    assert!(s.persist.requested.is_empty(), "nothing was saved");
}

#[test]
fn esc_or_an_empty_enter_keeps_default() {
    let mut s = asking(FakePersistence::default());
    assert!(
        shown(&s.app).contains("keeps the name \"default\""),
        "{}",
        shown(&s.app)
    );
    typed(&mut s, "half");
    keys_in(&mut s, [key(Esc)]);
    assert_eq!(s.persist.opened, vec!["default".to_string()]);
    assert_eq!(s.app.profile(), "default");
    assert_eq!(s.app.screen(), Screen::Protect);

    let mut s = asking(FakePersistence::default());
    typed(&mut s, "  ");
    keys_in(&mut s, [key(Enter)]);
    assert_eq!(s.persist.opened, vec!["default".to_string()]);
    assert_eq!(s.app.screen(), Screen::Protect);
}

#[test]
fn a_name_already_taken_is_refused_with_a_message() {
    let mut fake = FakePersistence::default();
    fake.taken.insert("sam".into(), NameRefused::Own);
    fake.taken.insert("alex".into(), NameRefused::Partner);
    let mut s = asking(fake);
    for (name, says) in [
        ("sam", "There is already a profile called \"sam\" here"),
        ("alex", "\"alex\" is an imported partner's profile"),
    ] {
        typed(&mut s, name);
        keys_in(&mut s, [key(Enter)]);
        assert_eq!(s.app.screen(), Screen::Name, "{name}");
        assert!(shown(&s.app).contains(says), "{}", shown(&s.app));
        keys_in(&mut s, [ctrl('w')]);
    }
    typed(&mut s, "jo");
    keys_in(&mut s, [key(Enter)]);
    assert_eq!(s.persist.opened, vec!["jo".to_string()]);
    assert_eq!(s.app.profile(), "jo");
}

#[test]
fn quitting_before_a_name_writes_nothing() {
    let mut s = asking(FakePersistence::default());
    typed(&mut s, "sam");
    keys_in(&mut s, [ctrl('q')]);
    assert!(s.app.should_quit());
    assert_eq!(s.final_save(), Ending::Saved);
    assert!(s.persist.requested.is_empty());
    assert!(s.persist.opened.is_empty());
}

#[test]
fn footer_and_help_show_the_questions_keys_only() {
    let mut s = asking(FakePersistence::default());
    let footer = shown(&s.app).lines().last().unwrap_or_default().to_string();
    assert!(footer.contains("Enter use this name"), "{footer}");
    assert!(footer.contains("Esc keep the name"), "{footer}");
    keys_in(&mut s, [key(F(1))]);
    let help = shown(&s.app);
    assert!(help.contains("Keys on this screen"), "{help}");
    assert!(help.contains("use this name"), "{help}");
    assert!(!help.contains("continue") && !help.contains("review"), "{help}");
    // `?` is typed into the name, as any character: F1 is help while typing.
    keys_in(&mut s, [key(Esc)]);
    keys_in(&mut s, [char_key('?')]);
    assert!(!s.app.help_open());
}

#[test]
fn the_question_at_60x20_and_80x24() {
    let mut s = asking(FakePersistence::default());
    for (w, h) in [(60, 20), (80, 24)] {
        insta::assert_snapshot!(format!("name_question_{w}x{h}"), render(&s.app, w, h));
    }
    typed(&mut s, "Sam Smith");
    keys_in(&mut s, [key(Enter)]);
    for (w, h) in [(60, 20), (80, 24)] {
        insta::assert_snapshot!(format!("name_invalid_{w}x{h}"), render(&s.app, w, h));
    }
}

// ---- on the real store ------------------------------------------------------

fn exists(dir: &Path, file: &str) -> bool {
    dir.join(file).symlink_metadata().is_ok()
}

#[test]
fn the_answers_file_lands_under_the_chosen_name_and_nothing_under_default() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let wb = shipped();
    let id = wb.id.clone();
    let mut s = Session::new(
        app_on(wb.clone()).asking_name(),
        DiskPersistence::unopened(dir, &wb),
    );
    keys_in(&mut s, [key(Esc)]);
    typed(&mut s, "sam");
    keys_in(&mut s, [key(Enter)]);
    assert_eq!(s.app.profile(), "sam");
    assert!(
        !exists(dir, "sam.toml"),
        "nothing written before the offer is answered"
    );
    keys_in(&mut s, [char_key('n')]);
    let deadline = Instant::now() + Duration::from_secs(10);
    while s.app.saving() && Instant::now() < deadline {
        s.tick(Instant::now(), Duration::from_millis(20)).expect("tick");
    }
    assert!(!s.app.saving(), "the first save came back");
    assert!(exists(dir, "sam.toml") && exists(dir, "sam.lock"));
    assert!(!exists(dir, "default.toml") && !exists(dir, "default.lock"));
    let saved = store::read_answers(&dir.join("sam.toml"), "sam", &id).expect("readable");
    assert!(saved.is_some_and(|s| s.answers.is_empty()));
    assert_eq!(
        store::default_profile(dir, &id),
        DefaultProfile::Found("sam".into())
    );
    // Taken now: a second first run cannot start it again.
    let opts = StoreOptions {
        data_dir: Some(dir.to_path_buf()),
        profile: "sam".into(),
    };
    assert_eq!(Store::claim(&opts, &id).err(), Some(NameRefused::Own));
    assert_eq!(s.final_save(), Ending::Saved);
}

#[test]
fn a_partner_name_is_refused_by_the_store_and_nothing_is_created() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    std::fs::create_dir(dir.join("partners")).expect("mkdir");
    std::fs::write(dir.join("partners/alex.json"), "{}").expect("write");
    let opts = StoreOptions {
        data_dir: Some(dir.to_path_buf()),
        profile: "alex".into(),
    };
    assert_eq!(store::profile_kind(dir, "alex"), Some(ProfileKind::Partner));
    assert_eq!(Store::claim(&opts, "w").err(), Some(NameRefused::Partner));
    assert!(!exists(dir, "alex.lock") && !exists(dir, "alex.toml"));
}

#[test]
fn the_default_profile_is_default_else_the_only_one() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let file = |wb: &str| format!("schema_version = 1\nworkbook = \"{wb}\"\n");
    let put =
        |name: &str, wb: &str| std::fs::write(dir.join(format!("{name}.toml")), file(wb)).expect("write");
    assert_eq!(store::default_profile(dir, "w"), DefaultProfile::FirstRun);
    std::fs::create_dir(dir.join("partners")).expect("mkdir");
    std::fs::write(dir.join("partners/alex.json"), "{}").expect("write");
    assert_eq!(
        store::default_profile(dir, "w"),
        DefaultProfile::FirstRun,
        "a partner is not one of your own"
    );
    put("jo", "another-workbook");
    assert_eq!(
        store::default_profile(dir, "w"),
        DefaultProfile::FirstRun,
        "a profile of another workbook does not count"
    );
    put("sam", "w");
    assert_eq!(
        store::default_profile(dir, "w"),
        DefaultProfile::Found("sam".into())
    );
    put("kim", "w");
    assert_eq!(
        store::default_profile(dir, "w"),
        DefaultProfile::Several(vec!["kim".into(), "sam".into()])
    );
    put("default", "w");
    assert_eq!(
        store::default_profile(dir, "w"),
        DefaultProfile::Found("default".into())
    );
}

// ---- the command line -------------------------------------------------------

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("TRUSTBOOK_DATA_DIR", dir)
        .output()
        .expect("run trustbook")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn where_export_and_reset_follow_the_default_profile() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let out = run(dir, &["where"]);
    assert!(out.status.success());
    assert!(
        stdout(&out).contains("answers file:   none yet: trustbook asks for a name"),
        "{}",
        stdout(&out)
    );
    let out = run(dir, &["reset", "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !exists(dir, "default.lock"),
        "reset on a first run writes nothing"
    );
    let out = run(dir, &["export"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no answers to export yet"),
        "{}",
        stderr(&out)
    );

    let text = "schema_version = 1\nworkbook = \"trust-workbook\"\n";
    std::fs::write(dir.join("sam.toml"), text).expect("write");
    let out = run(dir, &["where"]);
    assert!(stdout(&out).contains("/sam.toml\n"), "{}", stdout(&out));
    assert!(stdout(&out).contains("0 answers (current)"), "{}", stdout(&out));
    let out = run(dir, &["export"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("sam"), "{}", stdout(&out));

    std::fs::write(dir.join("kim.toml"), text).expect("write");
    for args in [&["export"][..], &["reset", "--yes"], &[]] {
        let out = run(dir, args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&out).contains("several profiles here (kim, sam)")
                && stderr(&out).contains("--profile kim"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    let out = run(dir, &["where"]);
    assert!(
        stdout(&out).contains("none chosen: there are several profiles"),
        "{}",
        stdout(&out)
    );
    assert!(!stdout(&out).contains("(current)"), "{}", stdout(&out));
    assert_current(dir, &["--profile", "kim"], "kim");
}

/// Asserts that `trustbook [args] where` marks own profile `name` (no answers) current.
fn assert_current(dir: &Path, args: &[&str], name: &str) {
    let out = run(dir, &[args, &["where"]].concat());
    let line = format!("  {name:<20} own      0 answers (current)");
    assert!(stdout(&out).contains(&line), "{}", stdout(&out));
}

// ---- the real binary in a terminal --------------------------------------------

#[test]
fn a_name_typed_on_the_first_run_is_the_profile_the_next_start_continues() {
    let data = tempfile::tempdir().expect("temp dir");
    let dir = data.path();
    let mut pty = Spawn::default().builtin().data_dir(dir).start();
    // "Before you start" comes first, before anything is asked; then the name.
    pty.wait_for(crate::common::pty::SAFETY_FIRST);
    assert!(!pty.screen().contains(QUESTION), "{}", pty.framed_screen());
    pty.send_until(pty_keys::ENTER, QUESTION);
    pty.type_str("Sam");
    pty.wait_for("│ sam ");
    pty.send(pty_keys::ENTER);
    pty.wait_for(crate::common::pty::PROTECT_QUESTION);
    pty.command(b"n");
    pty.wait_for("Start from the beginning");
    // Whose answers these are shows in the header from now on.
    pty.wait_for(" sam · ");
    pty.wait_until("sam.toml on disk", |_| exists(dir, "sam.toml"));
    // The safety page was read: Start goes straight to chapter 1.
    pty.type_str("s");
    pty.wait_for("Chapter 1/3 · Introduction");
    pty.send(pty_keys::CTRL_Q);
    assert!(pty.wait_exit().success(), "{}", pty.framed_screen());
    assert!(!exists(dir, "default.toml") && !exists(dir, "default.lock"));

    let mut again = Spawn::default().builtin().data_dir(dir).start();
    again.wait_for("›  Continue where I left off");
    assert!(!again.screen().contains(QUESTION));
    again.send_until(pty_keys::ENTER, "Chapter 1/3 · Introduction");
    again.send(pty_keys::CTRL_Q);
    assert!(again.wait_exit().success());
    assert_current(dir, &[], "sam");
    assert!(!exists(dir, "default.toml"));
}

#[test]
fn with_profile_given_there_is_no_question() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut pty = Spawn::default()
        .builtin()
        .data_dir(data.path())
        .args(["--profile", "kim"])
        .start();
    pty.wait_for("Start from the beginning");
    assert!(!pty.screen().contains(QUESTION));
    pty.send(pty_keys::CTRL_Q);
    assert!(pty.wait_exit().success());
    assert!(exists(data.path(), "kim.toml"));
}

#[test]
fn renamed_from_default_the_profile_still_opens_without_profile() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let text = "schema_version = 1\nworkbook = \"trust-workbook\"\n";
    std::fs::write(dir.join("default.toml"), text).expect("write");
    let out = run(dir, &["rename", "default", "sam"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("opens by default"), "{}", stdout(&out));
    assert_current(dir, &[], "sam");
    // With a second profile, the new name has to be given.
    std::fs::write(dir.join("default.toml"), text).expect("write");
    let out = run(dir, &["rename", "default", "kim"]);
    assert!(
        stdout(&out).contains("Open it with: trustbook --profile kim"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn killed_before_or_after_the_choice_nothing_is_lost() {
    let data = tempfile::tempdir().expect("temp dir");
    let dir = data.path();
    let files = || std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0);
    // Killed while typing the name: nothing was written, and the next start asks again.
    let mut pty = Spawn::default().data_dir(dir).start();
    pty.wait_for(QUESTION);
    pty.type_str("sam");
    pty.wait_for("│ sam ");
    pty.kill9();
    pty.wait_exit();
    assert_eq!(files(), 0, "something was written before a name was given");
    // Killed just after: the profile is on disk, and the next start opens it.
    let mut pty = Spawn::default().data_dir(dir).start();
    pty.wait_for(QUESTION);
    pty.type_str("sam");
    pty.send(pty_keys::ENTER);
    pty.wait_for(crate::common::pty::PROTECT_QUESTION);
    pty.command(b"n");
    pty.wait_for("Start from the beginning");
    pty.wait_until("sam.toml on disk", |_| exists(dir, "sam.toml"));
    pty.kill9();
    pty.wait_exit();
    let mut pty = Spawn::default().data_dir(dir).start();
    pty.wait_for("Start from the beginning");
    assert!(!pty.screen().contains(QUESTION), "{}", pty.framed_screen());
    pty.send(pty_keys::CTRL_Q);
    assert!(pty.wait_exit().success());
    assert_current(dir, &[], "sam");
}

//! `trustbook protect` (issue 17, section 2): a passphrase that locks. The real binary runs
//! in a pseudo-terminal, since a passphrase only ever comes from a terminal; the scrypt
//! work factor is lowered with the debug-only `TRUSTBOOK_TEST_SCRYPT_LOG_N`.
//!
//! Every check of "no plain text" scans every byte of every file, recursively.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::common::disk::{all_files, assert_nowhere, read_saved, wait_file, workbook_id};
use crate::common::pty::{Pty, Spawn, keys};
use crate::common::text;
use trustbook::store::{self, Protection, StoreOptions};
use trustbook::vault;

/// A weak scrypt work factor, for speed (debug builds only).
const LOG_N: &str = "10";
const PASS: &str = "correct horse battery";

/// The app (or a command) on `dir`, home in `home`, with the test work factor.
fn spawn(dir: &Path, home: &Path, args: &[&str]) -> Pty {
    Spawn::default()
        .data_dir(dir)
        .env("HOME", home.to_str().expect("utf-8 path"))
        .env(vault::TEST_WORK_FACTOR_ENV, LOG_N)
        .args(args.iter().copied())
        .size(100, 30)
        .start()
}

/// Runs `protect` on profile `profile` typing `pass` twice; returns the recovery key shown.
fn protect(dir: &Path, home: &Path, profile: &str, pass: &str) -> String {
    let mut pty = spawn(dir, home, &["--profile", profile, "protect"]);
    pty.wait_for("nobody can read these");
    pty.wait_for("New passphrase:");
    pty.type_str(&format!("{pass}\r"));
    pty.wait_for("The same passphrase again:");
    pty.type_str(&format!("{pass}\r"));
    pty.wait_for("AGE-SECRET-KEY-1");
    let status = pty.wait_exit();
    assert!(status.success(), "{}", pty.framed_screen());
    let screen = pty.screen();
    let key = screen
        .split_whitespace()
        .find(|w| w.starts_with("AGE-SECRET-KEY-1"))
        .expect("the recovery key is shown")
        .to_string();
    assert_eq!(key.len(), 74, "{screen}");
    key
}

/// Reads the answers file at `path` with the recovery key.
fn read_with_key(path: &Path, key: &str) -> store::Saved {
    let id = vault::parse_recovery_key(key).expect("a recovery key");
    store::read_answers_as(path, "test", &workbook_id(), &Protection::locked(id))
        .expect("decrypts")
        .expect("a file")
}

fn first(saved: &store::Saved) -> Option<&trustbook::answers::Value> {
    crate::common::disk::value(saved, "where-distrust-comes-from", "looking-back")
}

/// Opens the app on a protected `default` and types the passphrase.
fn open_unlocked(dir: &Path, home: &Path) -> Pty {
    let mut pty = spawn(dir, home, &[]);
    pty.wait_for("Passphrase for profile \"default\":");
    pty.type_str(&format!("{PASS}\r"));
    pty.wait_for("Continue where I left off");
    pty
}

/// A profile `default` with `words` saved in its first answer, then `more` after it (so the
/// backup holds the first words); the app has quit.
fn answered(dir: &Path, home: &Path, words: &str, more: &str) {
    let mut pty = spawn(dir, home, &[]);
    pty.open_first_exercise();
    pty.type_str(words);
    wait_file(&pty, dir, words, |s| first(s) == Some(&text(words)));
    pty.type_str(more);
    let both = format!("{words}{more}");
    wait_file(&pty, dir, "both", |s| first(s) == Some(&text(&both)));
    pty.send(keys::CTRL_Q);
    assert!(pty.wait_exit().success(), "{}", pty.framed_screen());
}

/// A plain profile `name` in `dir` with no answers yet (its file written).
fn empty_profile(dir: &Path, name: &str) {
    let opts = StoreOptions {
        data_dir: Some(dir.to_path_buf()),
        profile: name.into(),
    };
    let (mut st, _) = store::Store::open(&opts, &workbook_id()).expect("opens");
    st.save(&Default::default(), None).expect("saves");
}

fn dirs() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("data");
    let home = tmp.path().join("home");
    fs::create_dir_all(&home).expect("home");
    (tmp, dir, home)
}

/// Snapshot of every file under `dir` but lock files (whose pid changes).
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = all_files(dir)
        .into_iter()
        .filter(|(p, _)| p.extension().is_none_or(|e| e != "lock"))
        .collect();
    files.sort();
    files
}

#[test]
fn after_protect_no_file_holds_an_answer_not_even_the_fallback_copy() {
    let (tmp, dir, home) = dirs();
    answered(&dir, &home, "FIRSTWORDS", " SECONDWORDS");
    // Kept copies of every kind, as reset, migrations and --start-fresh leave them.
    let answers = dir.join("default.toml");
    for suffix in [
        ".bak-20260101T000000Z",
        ".reset-20260101T000000Z",
        ".v1",
        ".before-update-20260101T000000Z",
        ".bad-20260101T000000Z",
    ] {
        fs::copy(&answers, dir.join(format!("default.toml{suffix}"))).expect("copy");
    }

    let key = protect(&dir, &home, "default", PASS);
    assert_nowhere(tmp.path(), &["FIRSTWORDS", "SECONDWORDS"]);
    assert_eq!(
        first(&read_with_key(&answers, &key)),
        Some(&text("FIRSTWORDS SECONDWORDS"))
    );
    let backup = read_with_key(&dir.join("default.toml.bak"), &key);
    assert!(
        matches!(first(&backup), Some(trustbook::answers::Value::Text { text }) if text.starts_with("FIRSTWORDS")),
        "{backup:?}"
    );

    // The app asks the passphrase, then saves encrypted; a failing folder makes it write
    // the fallback copy in the home folder: encrypted too.
    let mut pty = open_unlocked(&dir, &home);
    pty.send(keys::ENTER);
    pty.wait_for("Exercise 1/8");
    pty.type_str(" THIRDWORDS");
    pty.wait_for("THIRDWORDS");
    let away = tmp.path().join("data-away");
    fs::rename(&dir, &away).expect("move the folder away");
    fs::write(&dir, "not a folder").expect("a file in its place");
    pty.type_str(" FOURTHWORDS");
    pty.wait_for("NOT SAVED");
    pty.send(keys::CTRL_Q);
    pty.wait_for("write a copy elsewhere and quit");
    pty.type_str("w");
    assert_eq!(pty.wait_exit().exit_code(), 1, "{}", pty.framed_screen());
    fs::remove_file(&dir).expect("remove the file");
    fs::rename(&away, &dir).expect("folder back");

    assert_nowhere(
        tmp.path(),
        &["FIRSTWORDS", "SECONDWORDS", "THIRDWORDS", "FOURTHWORDS"],
    );
    let copies: Vec<_> = fs::read_dir(&home)
        .expect("home")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(
        first(&read_with_key(&copies[0], &key)),
        Some(&text("FIRSTWORDS SECONDWORDS THIRDWORDS FOURTHWORDS"))
    );
    // `where` says protected and shows nothing of the content.
    let out = Command::new(env!("CARGO_BIN_EXE_trustbook"))
        .args(["--data-dir", dir.to_str().expect("utf-8"), "where"])
        .stdin(Stdio::null())
        .output()
        .expect("where");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(text.contains("protected with a passphrase"), "{text}");
}

/// A protected `default` with answers, and the app opened on it showing the passphrase
/// field; with every file as it was before the app started.
fn asking_the_passphrase(dir: &Path, home: &Path) -> (Pty, Vec<(PathBuf, Vec<u8>)>) {
    answered(dir, home, "WORDS", " MORE");
    protect(dir, home, "default", PASS);
    let before = snapshot(dir);
    let pty = spawn(dir, home, &[]);
    pty.wait_for("Passphrase for profile \"default\":");
    (pty, before)
}

#[test]
fn a_wrong_passphrase_three_times_changes_nothing() {
    let (_tmp, dir, home) = dirs();
    let (mut pty, before) = asking_the_passphrase(&dir, &home);
    for left in ["2 tries left", "1 try left"] {
        pty.type_str("not it\r");
        pty.wait_for(left);
    }
    pty.type_str("not it\r");
    pty.wait_for("not accepted 3 times; nothing was changed");
    pty.wait_for("--recover");
    assert_eq!(pty.wait_exit().exit_code(), 1);
    assert_eq!(snapshot(&dir), before, "a wrong passphrase must change nothing");
}

#[test]
fn the_app_asks_the_passphrase_in_a_masked_field_and_never_shows_it() {
    let (_tmp, dir, home) = dirs();
    let (mut pty, before) = asking_the_passphrase(&dir, &home);
    pty.type_str("WRONGPASS");
    pty.wait_for("•••••••••");
    assert!(!pty.screen().contains("WRONGPASS"), "{}", pty.framed_screen());
    pty.send(keys::ENTER);
    pty.wait_for("does not unlock this profile. 2 tries left.");
    assert_eq!(
        snapshot(&dir),
        before,
        "nothing is written before the profile is unlocked"
    );
    // Typed, then one character too many taken back with Backspace.
    pty.type_str(&format!("{PASS}x"));
    pty.send(b"\x7f");
    pty.wait_until("the bullets", |s| {
        s.contents().matches('•').count() == PASS.chars().count()
    });
    assert!(!pty.screen().contains(PASS), "{}", pty.framed_screen());
    pty.send(keys::ENTER);
    pty.wait_for("Continue where I left off");
    let screen = pty.screen();
    assert!(
        !screen.contains(PASS) && !screen.contains("WRONGPASS"),
        "{screen}"
    );
    pty.send(keys::CTRL_Q);
    assert!(pty.wait_exit().success(), "{}", pty.framed_screen());
}

#[test]
fn esc_on_the_passphrase_leaves_and_changes_nothing() {
    let (_tmp, dir, home) = dirs();
    let (mut pty, before) = asking_the_passphrase(&dir, &home);
    pty.type_str("half");
    pty.send(keys::ESC);
    pty.wait_for("left without unlocking profile \"default\"; nothing was changed");
    assert_eq!(pty.wait_exit().exit_code(), 1);
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn an_empty_or_huge_passphrase_is_refused_clearly() {
    let (_tmp, dir, home) = dirs();
    answered(&dir, &home, "WORDS", " MORE");
    let before = snapshot(&dir);
    let mut pty = spawn(&dir, &home, &["protect"]);
    pty.wait_for("New passphrase:");
    pty.send(keys::ENTER);
    pty.wait_for("A passphrase cannot be empty. Try again.");
    // Ten megabytes pasted without a new line, from another thread: the program stops
    // reading after the limit and throws the rest away. The thread is not joined: once the
    // program has exited, nothing reads the terminal and its last write never returns.
    let mut writer = pty.take_writer();
    std::thread::spawn(move || {
        let chunk = vec![b'x'; 64 * 1024];
        for _ in 0..160 {
            if std::io::Write::write_all(&mut writer, &chunk).is_err() {
                break;
            }
        }
    });
    pty.wait_for("longer than 1024 characters");
    pty.wait_for("no passphrase was set (3 tries); nothing was changed");
    assert_eq!(pty.wait_exit().exit_code(), 1);
    assert!(
        !store::is_protected(&dir, "default"),
        "nothing is set by a paste gone wrong"
    );
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn without_a_terminal_commands_needing_the_passphrase_refuse_and_never_hang() {
    let (_tmp, dir, home) = dirs();
    answered(&dir, &home, "WORDS", " MORE");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_trustbook"))
            .args(["--data-dir", dir.to_str().expect("utf-8")])
            .args(args)
            .env(vault::TEST_WORK_FACTOR_ENV, LOG_N)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run")
            .wait_with_output()
            .expect("output")
    };
    let out = run(&["protect"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("can only be typed at a terminal"), "{err}");
    assert!(!store::is_protected(&dir, "default"));

    protect(&dir, &home, "default", PASS);
    let before = snapshot(&dir);
    for args in [
        &["export"][..],
        &["reset", "--yes"],
        &["protect", "--change"],
        &["protect", "--remove"],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("terminal"), "{args:?}: {err}");
        assert!(!String::from_utf8_lossy(&out.stdout).contains("WORDS"));
    }
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn change_remove_and_recover_keep_every_word() {
    let (tmp, dir, home) = dirs();
    answered(&dir, &home, "KEEPME", " ALSO");
    let key = protect(&dir, &home, "default", PASS);

    // --change: the old passphrase, then a new one twice.
    let mut pty = spawn(&dir, &home, &["protect", "--change"]);
    pty.wait_for("Passphrase for profile");
    pty.type_str(&format!("{PASS}\r"));
    pty.wait_for("New passphrase:");
    pty.type_str("second pass\r");
    pty.wait_for("again:");
    pty.type_str("second pass\r");
    pty.wait_for("is changed");
    assert!(pty.wait_exit().success());

    // --recover: the recovery key, then a new passphrase.
    let mut pty = spawn(&dir, &home, &["protect", "--recover"]);
    pty.wait_for("Recovery key");
    pty.type_str(&format!("{key}\r"));
    pty.wait_for("New passphrase:");
    pty.type_str(&format!("{PASS}\r"));
    pty.wait_for("again:");
    pty.type_str(&format!("{PASS}\r"));
    pty.wait_for("has a new passphrase");
    assert!(pty.wait_exit().success());
    assert_nowhere(tmp.path(), &["KEEPME"]);

    // reset and export ask the passphrase too; reset's kept copy is encrypted.
    let mut pty = spawn(&dir, &home, &["export"]);
    pty.wait_for("Passphrase for profile");
    pty.type_str(&format!("{PASS}\r"));
    assert!(pty.wait_exit().success(), "{}", pty.framed_screen());
    let mut pty = spawn(&dir, &home, &["reset", "--yes"]);
    pty.wait_for("Passphrase for profile");
    pty.type_str(&format!("{PASS}\r"));
    pty.wait_for("kept in");
    assert!(pty.wait_exit().success());
    assert_nowhere(tmp.path(), &["KEEPME"]);
    let kept: Vec<_> = store::profile_files(&dir, "default")
        .into_iter()
        .filter(|p| p.to_string_lossy().contains(".reset-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(first(&read_with_key(&kept[0], &key)), Some(&text("KEEPME ALSO")));
    fs::copy(&kept[0], dir.join("default.toml")).expect("put the answers back");

    // --remove: plain again, every word there, no key left.
    let mut pty = spawn(&dir, &home, &["protect", "--remove"]);
    pty.wait_for("Passphrase for profile");
    pty.type_str(&format!("{PASS}\r"));
    pty.wait_for("plain text again");
    assert!(pty.wait_exit().success());
    assert!(!store::is_protected(&dir, "default"));
    let saved = read_saved(&dir, "default").expect("plain answers");
    assert_eq!(first(&saved), Some(&text("KEEPME ALSO")));
    for (path, bytes) in all_files(&dir) {
        assert!(!vault::is_age(&bytes), "{} is still encrypted", path.display());
    }
}

#[test]
fn a_swapped_key_file_is_named_and_changes_nothing() {
    let (_tmp, dir, home) = dirs();
    answered(&dir, &home, "MINE", " TOO");
    protect(&dir, &home, "default", PASS);
    // Another protected profile with the same passphrase; its key put in place of ours.
    empty_profile(&dir, "other");
    protect(&dir, &home, "other", PASS);
    fs::copy(dir.join("other.key"), dir.join("default.key")).expect("swap");
    let before = snapshot(&dir);

    let mut pty = spawn(&dir, &home, &[]);
    pty.wait_for("Passphrase for profile");
    pty.type_str(&format!("{PASS}\r"));
    pty.wait_for("encrypted for a different key");
    let screen: String = pty.screen().split('\n').collect();
    assert!(screen.contains("default.toml"), "the file is named: {screen}");
    assert_eq!(pty.wait_exit().exit_code(), 1);
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn compare_asks_the_passphrase_of_your_own_protected_profile() {
    let (tmp, dir, home) = dirs();
    answered(&dir, &home, "ASKER", " WORDS");
    protect(&dir, &home, "default", PASS);
    empty_profile(&dir, "sam");
    let compare = |args: &[&str]| {
        Spawn::default()
            .data_dir(&dir)
            .env("HOME", home.to_str().expect("utf-8 path"))
            .env("PAGER", "cat")
            .args(args.iter().copied())
            .size(100, 30)
            .start()
    };
    let mut pty = compare(&["compare", "default", "sam"]);
    pty.wait_for("Passphrase for profile \"default\":");
    pty.type_str(&format!("{PASS}\r"));
    assert!(pty.wait_exit().success(), "{}", pty.framed_screen());
    assert_nowhere(tmp.path(), &["ASKER"]);
    // sam sees nothing of default's protected (and unshared) answers.
    let mut pty = compare(&["compare", "sam", "default"]);
    pty.wait_exit();
    assert!(!pty.screen().contains("ASKER"), "{}", pty.framed_screen());
}

/// Sam's answer `words`, shared with `reader` the way sam's trustbook writes it.
fn sam_shares_with(dir: &Path, reader: &str, words: &str) {
    let wb = crate::common::shipped();
    let answers = crate::common::answers_with(&[("where-distrust-comes-from", "looking-back", text(words))]);
    let share = trustbook::sharing::share_text(&wb, "sam", &answers, "2026-12-01");
    trustbook::sharing::write(dir, "sam", reader, &share).expect("sam shares");
}

/// Every word of `reader`'s share from `owner`, read as `reader` (under `protection`).
fn shared_words(dir: &Path, owner: &str, reader: &str, protection: &Protection) -> String {
    let answers =
        trustbook::sharing::read(dir, owner, reader, &workbook_id(), protection).expect("a share to read");
    format!("{answers:?}")
}

/// Once protected, a profile holds nothing plain of others and nothing plain of its keys:
/// its exchange keys and partner keys, the partner profile its sync wrote, and the share
/// another profile made for it are all encrypted; and it still shares, encrypted to the
/// reader, who reads it with its own key (also as the app saves).
#[test]
fn a_protected_profile_holds_nothing_plain_of_others_and_still_shares() {
    let (tmp, dir, home) = dirs();
    answered(&dir, &home, "SHARED-BEFORE", " and more");
    empty_profile(&dir, "sam");
    let run = |args: &[&str]| {
        let mut pty = spawn(&dir, &home, args);
        let status = pty.wait_exit();
        assert!(status.success(), "{}", pty.framed_screen());
    };
    run(&["--profile", "default", "share", "--with", "sam"]);
    sam_shares_with(&dir, "default", "SAMWORDS");
    // A partner on another computer, paired, with what a sync revealed of theirs.
    let robin = trustbook::exchange::OwnKeys::generate().expect("keys").public();
    run(&[
        "--profile",
        "default",
        "pair",
        "--partner",
        "robin",
        &robin.code(),
    ]);
    let plain = Protection::Plain;
    let link = trustbook::exchange::local::Link {
        folder: tmp.path().to_path_buf(),
        ..Default::default()
    };
    trustbook::exchange::local::save_link(&dir, "default", "robin", &link, &plain).expect("link");
    let robin_said =
        crate::common::answers_with(&[("where-distrust-comes-from", "looking-back", text("ROBINWORDS"))]);
    let meta = trustbook::export::ExportMeta {
        profile: "robin".into(),
        date: "2026-12-01".into(),
    };
    let export = trustbook::export::Export::new(&workbook_id(), &robin_said, &meta, false).to_json();
    store::write_partner(&dir, "robin", &export).expect("robin's revealed answers");
    let keys_file = trustbook::exchange::local::dir_of(&dir, "default").join("keys");
    let secret = fs::read_to_string(&keys_file).expect("plain keys before protect");

    let key = protect(&dir, &home, "default", PASS);
    let me = Protection::locked(vault::parse_recovery_key(&key).expect("a key"));
    // Sam's own files hold sam's words; nothing else may.
    let not_sams = tmp.path().join("not-sams");
    fs::create_dir_all(&not_sams).expect("a copy");
    for (path, bytes) in all_files(&dir) {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if !name.starts_with("sam.toml") {
            let copy = not_sams.join(path.strip_prefix(&dir).expect("inside"));
            fs::create_dir_all(copy.parent().expect("a folder")).expect("folder");
            fs::write(copy, bytes).expect("copy");
        }
    }
    let age_secret = secret.lines().next().expect("the age key").to_string();
    assert_nowhere(
        &not_sams,
        &["SHARED-BEFORE", "SAMWORDS", "ROBINWORDS", &age_secret],
    );
    for file in [
        keys_file.clone(),
        keys_file.with_file_name("robin.pair"),
        keys_file.with_file_name("robin.link.json"),
        store::partner_path(&dir, "robin"),
        trustbook::sharing::share_path(&dir, "sam", "default"),
        trustbook::sharing::share_path(&dir, "default", "sam"),
    ] {
        assert!(
            vault::is_age(&fs::read(&file).expect("kept")),
            "{} is encrypted",
            file.display()
        );
    }
    // Each reads what is meant for it, with its own key.
    assert!(shared_words(&dir, "default", "sam", &plain).contains("SHARED-BEFORE"));
    assert!(shared_words(&dir, "sam", "default", &me).contains("SAMWORDS"));
    assert!(trustbook::sharing::read(&dir, "sam", "default", &workbook_id(), &plain).is_err());
    let robin_back = trustbook::partner::read_export_as(&dir, "robin", &workbook_id(), &me).expect("opens");
    assert!(format!("{:?}", robin_back.answers).contains("ROBINWORDS"));

    // The app's saves keep the share going, encrypted to sam.
    let mut pty = open_unlocked(&dir, &home);
    pty.send(keys::ENTER);
    pty.wait_for("Exercise 1/");
    pty.type_str(" typed after protect");
    let file = trustbook::sharing::share_path(&dir, "default", "sam");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !trustbook::sharing::read(&dir, "default", "sam", &workbook_id(), &plain)
        .is_ok_and(|a| format!("{a:?}").contains("typed after protect"))
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the share follows the save\n{}",
            pty.framed_screen()
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    pty.send(keys::CTRL_Q);
    assert!(pty.wait_exit().success(), "{}", pty.framed_screen());
    assert!(vault::is_age(&fs::read(&file).expect("kept")));
    assert_nowhere(&dir.join("shares"), &["typed after protect", "SHARED-BEFORE"]);
}

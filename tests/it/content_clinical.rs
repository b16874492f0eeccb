//! The shipped workbook as a couples clinician would publish it (issue 22): the safety
//! page screens for violence and serious danger and names a quick exit that really
//! quits; scores start private and stay out of a plain export; answers given under the
//! previous content (reworded, moved, merged) keep their words.

use std::path::Path;
use std::process::{Command, Output};

use ratatui::crossterm::event::KeyCode::{self, Enter, Right};
use ratatui::crossterm::event::KeyModifiers;
use trustbook::answers::{Answers, Value};
use trustbook::app::{Action, App, Go, keys};
use trustbook::store::{Store, StoreOptions};

use crate::common::{char_key, ctrl, press, send, shipped, shipped_app, shipped_at, tab_to};

const CH1: &str = "where-distrust-comes-from";
const CH2: &str = "rebuilding-trust";
const CH3: &str = "lasting-trust";

/// The exercises whose answers are a number or a choice someone could be made to justify.
const PRIVATE_BY_DEFAULT: [(&str, &str); 5] = [
    (CH1, "trust-today"),
    (CH1, "naming-insecurities"),
    (CH1, "how-strongly"),
    (CH2, "where-heading"),
    (CH3, "trust-this-week"),
];

/// The safety page's text, lowercased, with its lines joined.
fn safety_text() -> String {
    let page = shipped().safety.expect("the shipped workbook has a safety page");
    page.text.to_lowercase().replace('\n', " ")
}

/// The paragraph or list line of the safety page holding `needle`.
fn safety_line(needle: &str) -> String {
    let page = shipped().safety.expect("safety page");
    page.text
        .lines()
        .find(|l| l.to_lowercase().contains(needle))
        .unwrap_or_else(|| panic!("the safety page does not say {needle:?}"))
        .to_lowercase()
}

#[test]
fn the_safety_page_names_violence_and_serious_danger() {
    let text = safety_text();
    // Physical violence, on one line of the list, even once.
    let violence = safety_line("slap");
    for word in ["push", "hit", "kick", "even once"] {
        assert!(violence.contains(word), "{word:?} missing from {violence:?}");
    }
    // Strangulation, on the list and among the signs of serious danger.
    assert!(violence.contains("strangle"), "{violence}");
    let danger = safety_line("serious danger");
    for word in [
        "strangl",
        "threat to kill",
        "weapon",
        "getting worse",
        "pregnancy",
        "separation",
    ] {
        assert!(danger.contains(word), "{word:?} missing from {danger:?}");
    }
    assert!(
        danger.contains("helpline") && danger.contains("police"),
        "{danger}"
    );
    // Insults and humiliation, and walking on eggshells.
    assert!(safety_line("humiliat").contains("insult"));
    assert!(text.contains("avoid setting them off"), "{text}");
    // Violence from both partners points to a counsellor trained in domestic abuse.
    let both = safety_line("even if both");
    assert!(both.contains("either of you") && both.contains("hit"), "{both}");
    assert!(both.contains("counsellor trained in domestic abuse"), "{both}");
}

#[test]
fn the_safety_page_points_to_the_helpline_directory_safely() {
    let directory = safety_line("findahelpline.com");
    for word in [
        "free",
        "confidential",
        "country",
        "device your partner can't check",
        "private",
    ] {
        assert!(directory.contains(word), "{word:?} missing from {directory:?}");
    }
    let text = safety_text();
    assert!(text.contains("don't have to give your name"), "{text}");
    // The same directory for thoughts of suicide, and emergency help if acting on them.
    let suicide = safety_line("if you might act on these thoughts");
    assert!(suicide.contains("same directory") && suicide.contains("emergency number now"));
    // When refusing to compare is not safe, safety comes first and private is no lock.
    let unsafe_to_refuse = safety_line("would not be safe");
    for word in ["skip", "write nothing", "not a lock", "trustbook protect"] {
        assert!(
            unsafe_to_refuse.contains(word),
            "{word:?} missing from {unsafe_to_refuse:?}"
        );
    }
}

/// The quit key exactly as the key table names it on the safety page.
fn quit_label() -> &'static str {
    keys::label_of(keys::Context::Safety, &Action::Go(Go::Quit))
}

#[test]
fn the_quick_exit_the_page_names_quits_at_once_from_every_screen() {
    let label = quit_label();
    assert_eq!(label, "Ctrl+Q");
    let exit = safety_line(&label.to_lowercase());
    assert!(exit.contains("at once") && exit.contains("any screen"), "{exit}");
    // The page is reached within a few lines, before the list, for someone in a hurry.
    let page = shipped().safety.expect("safety page").text;
    assert!(page.find(label) < page.find("Do any of them fit"), "{page}");
    let ctrl_q = keys::Key(KeyCode::Char('q'), KeyModifiers::CONTROL);
    let quits = |mut app: App, what: &str| {
        let cx = keys::context(&app);
        assert!(
            keys::bindings(cx)
                .iter()
                .any(|b| b.action == Action::Go(Go::Quit) && b.keys.contains(&ctrl_q)),
            "{what}: Ctrl+Q is not in the key table of {cx:?}"
        );
        send(&mut app, ctrl('q'));
        assert!(app.should_quit(), "{what}: Ctrl+Q did not quit");
    };
    quits(shipped_app(), "welcome");
    let mut app = shipped_app();
    send(&mut app, char_key('b'));
    assert!(app.safety_open());
    quits(app, "the safety page");
    let mut app = shipped_app();
    send(&mut app, char_key('t'));
    quits(app, "contents");
    let mut app = shipped_app();
    send(&mut app, char_key('?'));
    quits(app, "help");
    for (c, e) in [
        (CH1, "trust-today"),
        (CH1, "looking-back"),
        (CH1, "naming-insecurities"),
        (CH1, "looking-at-today"),
        (CH2, "where-heading"),
        (CH3, "promises-this-week"),
    ] {
        let mut app = shipped_app();
        tab_to(&mut app, shipped_at(c, e));
        quits(app, e);
    }
    // While typing in a list item too.
    let mut app = shipped_app();
    tab_to(&mut app, shipped_at(CH1, "looking-at-today"));
    press(&mut app, Enter);
    assert_eq!(keys::context(&app), keys::Context::Field);
    quits(app, "a list item being typed");
}

#[test]
fn scores_start_private_and_their_hints_say_how_to_share() {
    let wb = shipped();
    for (c, e) in PRIVATE_BY_DEFAULT {
        let (ci, ei) = wb.find(c, e).unwrap_or_else(|| panic!("{c}/{e}"));
        let ex = &wb.chapters[ci].exercises[ei];
        assert!(ex.private, "{c}/{e} starts private");
        let hint = ex.hint.as_deref().unwrap_or_default();
        assert!(hint.contains("press p"), "{c}/{e} says how to share: {hint}");
    }
    // Not every exercise: the ones written to be talked about start shared.
    for (c, e) in [
        (CH1, "looking-back"),
        (CH2, "owning-it"),
        (CH3, "keeping-your-word"),
    ] {
        let (ci, ei) = wb.find(c, e).expect("exercise");
        assert!(!wb.chapters[ci].exercises[ei].private, "{c}/{e}");
    }
}

/// Runs the built binary (shipped workbook) on the data folder `dir`.
fn trustbook(dir: &Path, args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_trustbook"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run trustbook");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait for trustbook")
}

/// The answers of a JSON export of the default profile in `dir`.
fn exported(dir: &Path, include_private: bool) -> Answers {
    let mut args = vec!["export", "--format", "json"];
    if include_private {
        args.push("--include-private");
    }
    let out = trustbook(dir, &args, "");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json = String::from_utf8(out.stdout).expect("UTF-8");
    trustbook::export::parse_json(&json)
        .expect("a valid export")
        .answers
}

/// Whether `answers` hold exercise `e` of chapter `c`, given once or in any entry.
fn holds(answers: &Answers, c: &str, e: &str) -> bool {
    let once = answers.single.get(c).is_some_and(|ch| ch.contains_key(e));
    let entries = answers.entries.get(c).into_iter().flatten();
    once || entries.clone().any(|entry| entry.answers.contains_key(e))
}

#[test]
fn private_by_default_answers_are_absent_from_a_plain_export() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = shipped_app();
    // Answered by keys, never marked private by hand.
    tab_to(&mut app, shipped_at(CH1, "trust-today"));
    send(&mut app, char_key('3'));
    tab_to(&mut app, shipped_at(CH1, "naming-insecurities"));
    press(&mut app, Enter);
    tab_to(&mut app, shipped_at(CH1, "how-strongly"));
    send(&mut app, char_key('8'));
    tab_to(&mut app, shipped_at(CH1, "saying-it-openly"));
    crate::common::type_str(&mut app, "words meant to be shared");
    tab_to(&mut app, shipped_at(CH2, "where-heading"));
    press(&mut app, Enter);
    tab_to(&mut app, shipped_at(CH3, "trust-this-week"));
    // An empty scale: the arrow shows a value, Enter picks it.
    press(&mut app, Right);
    press(&mut app, Enter);
    for (c, e) in PRIVATE_BY_DEFAULT {
        let a = app
            .answers()
            .get(c, e)
            .unwrap_or_else(|| panic!("{c}/{e} was answered"));
        assert!(a.private, "{c}/{e} is private without pressing p");
        assert!(
            !trustbook::answers::value_is_empty(&a.value),
            "{c}/{e} has a value"
        );
    }
    let opts = StoreOptions {
        data_dir: Some(dir.path().to_path_buf()),
        profile: "default".into(),
    };
    let (mut store, _) = Store::open(&opts, &shipped().id).expect("open the store");
    store.save(app.answers(), app.place().as_ref()).expect("save");
    drop(store);
    let plain = exported(dir.path(), false);
    assert!(holds(&plain, CH1, "saying-it-openly"), "{plain:?}");
    let with = exported(dir.path(), true);
    for (c, e) in PRIVATE_BY_DEFAULT {
        assert!(!holds(&plain, c, e), "{c}/{e} is in a plain export");
        assert!(holds(&with, c, e), "{c}/{e} is saved and exported when asked for");
    }
    // The Markdown export leaves them out too: no trace of the number or the choice.
    let out = trustbook(dir.path(), &["export"], "");
    let md = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(md.contains("words meant to be shared"), "{md}");
    assert!(!md.contains("Working on staying together"), "{md}");
    assert!(!md.contains("[x]"), "{md}");
}

/// An answers file as the previous release wrote it for the previous content: a reworded
/// option, two exercises since moved to another chapter, and two since merged into a
/// text exercise.
const PREVIOUS: &str = r#"schema_version = 2
workbook = "trust-workbook"
saved = "2026-12-01T10:00:00Z"

[answers.rebuilding-trust.room-to-heal]
changed = "2026-11-30T10:00:00Z"
kind = "checklist"
ticked = [
    "Being able to ask questions, even the same ones again",
    "No deadline for \"getting over it\"",
]

[answers.rebuilding-trust.triggers-plan]
changed = "2026-11-30T10:01:00Z"
kind = "text"
text = "If I say it's back, you sit with me."

[answers.rebuilding-trust.slips-plan]
changed = "2026-11-30T10:02:00Z"
kind = "text"
text = "If I gamble again, I tell you the same day."

[answers.rebuilding-trust.review-date]
changed = "2026-11-30T10:03:00Z"
kind = "choice"
option = "In a month"

[answers.lasting-trust.trust-today]
changed = "2026-11-30T10:04:00Z"
kind = "scale"
value = 4

[answers.lasting-trust.check-in-rhythm]
changed = "2026-11-30T10:05:00Z"
kind = "choice"
option = "Twice a week"
"#;

/// A data folder holding [`PREVIOUS`] as the default profile, private to its owner.
fn previous_profile() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("default.toml");
    std::fs::write(&path, PREVIOUS).expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700)).expect("0700");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("0600");
    }
    (dir, path)
}

#[test]
fn answers_to_the_previous_content_keep_their_words() {
    let (dir, path) = previous_profile();
    let a = exported(dir.path(), true);
    let value = |c: &str, e: &str| a.get(c, e).map(|x| x.value.clone());
    // The reworded option is ticked under its new words; the other tick is untouched.
    let Some(Value::Checklist { ticked, .. }) = value(CH2, "room-to-heal") else {
        panic!("room-to-heal lost its answer: {a:?}");
    };
    assert_eq!(
        ticked,
        [
            "Being able to ask questions at times we agree, and get honest answers",
            "No deadline for \"getting over it\"",
        ]
    );
    // Moved exercises keep their ids, and their answers follow them.
    assert_eq!(value(CH1, "trust-today"), Some(Value::Scale { value: 4 }));
    assert!(value(CH3, "trust-today").is_none());
    let in_a_month = Value::Choice {
        option: Some("In a month".into()),
        other: None,
    };
    assert_eq!(value(CH3, "review-date"), Some(in_a_month));
    assert!(value(CH2, "review-date").is_none());
    // Merged exercises add their words to the text they now belong to.
    let Some(Value::Text { text }) = value(CH2, "triggers-plan") else {
        panic!("triggers-plan: {a:?}");
    };
    assert!(text.starts_with("If I say it's back, you sit with me."), "{text}");
    assert!(
        text.contains("If I gamble again, I tell you the same day."),
        "{text}"
    );
    assert!(value(CH2, "slips-plan").is_none());
    let Some(Value::Text { text }) = value(CH3, "check-in-plan") else {
        panic!("check-in-plan: {a:?}");
    };
    assert!(text.contains("Twice a week"), "{text}");
    assert!(value(CH3, "check-in-rhythm").is_none());
    // Every new place is one the shipped workbook has, and every answer counts.
    let wb = shipped();
    assert!(a.orphans(&wb).is_empty(), "{:?}", a.orphans(&wb));
    // Exporting reads the file; it does not change it.
    assert_eq!(std::fs::read_to_string(&path).expect("answers"), PREVIOUS);
}

#[test]
fn opening_answers_to_the_previous_content_keeps_the_file_as_it_was() {
    let (dir, path) = previous_profile();
    // `reset` opens the profile as the app does, then is answered "no".
    let out = trustbook(dir.path(), &["reset"], "no\n");
    assert!(!out.status.success(), "reset was cancelled");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("older wording"), "{said}");
    let kept = crate::common::kept_copies(dir.path(), "before-update");
    assert_eq!(kept.len(), 1, "one copy kept: {said}");
    assert_eq!(
        std::fs::read_to_string(&kept[0]).expect("copy"),
        PREVIOUS,
        "byte for byte"
    );
    assert_eq!(std::fs::read_to_string(&path).expect("answers"), PREVIOUS);
}

//! The store: round trips, permissions, save failures, bad files, the lock, crash safety, and
//! the `where` / `reset` / `--start-fresh` command line.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::SystemTime;

use tempfile::TempDir;
use trustbook::answers::{Answer, Answers, Value};
use trustbook::app::Place;
use trustbook::store::{self, ProfileKind, SaveError, Saved, Store, StoreError, StoreOptions};

const WB: &str = "trust-workbook";
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/answers");

fn opts(dir: &Path, profile: &str) -> StoreOptions {
    StoreOptions {
        data_dir: Some(dir.to_path_buf()),
        profile: profile.to_string(),
    }
}

fn open(dir: &Path) -> (Store, Saved) {
    Store::open(&opts(dir, "default"), WB).expect("opens")
}

fn answer(value: Value) -> Answer {
    Answer {
        changed: "2026-11-26T10:04:00Z".into(),
        private: false,
        skipped: false,
        value,
    }
}

fn put(answers: &mut Answers, chapter: &str, exercise: &str, a: Answer) {
    answers
        .single
        .entry(chapter.to_string())
        .or_default()
        .insert(exercise.to_string(), a);
}

/// Texts that are hard to write as TOML, or easy to mangle on the way.
const HARD_TEXTS: &[&str] = &[
    "plain",
    "",
    "信任需要时间。我们慢慢来。",
    "family: 👩‍❤️‍👨 🫶🏽 and flags 🇳🇱",
    "combining: e\u{301} a\u{308} n\u{303}, Zalgo z\u{336}\u{334}a\u{337}",
    "RTL: שלום, مرحبا بك \u{200f}(mixed)\u{200e} end",
    "triple \"\"\" quotes \"\"\" inside",
    "triple ''' single ''' inside",
    "ends with a quote\"",
    "ends with two quotes\"\"",
    "ends with an apostrophe'",
    "back\\slash\\\\ and \\n not a newline \\u0041",
    "\"\"\"\n'''\n\\\n",
    "line one\n\nline three after an empty line\n\n\n",
    "\nstarts with a newline",
    "windows\r\nline\r\nends",
    "tab\there, bell \u{7}, nul \u{0}, del \u{7f}",
    "   leading and trailing spaces   ",
];

/// One answer of every kind, with every hard text somewhere, plus an orphan and a private one.
fn sample_answers() -> Answers {
    let mut a = Answers::default();
    for (i, text) in HARD_TEXTS.iter().enumerate() {
        put(
            &mut a,
            "texts",
            &format!("t{i}"),
            answer(Value::Text {
                text: text.to_string(),
            }),
        );
    }
    let items: Vec<String> = HARD_TEXTS.iter().map(|s| s.to_string()).collect();
    put(&mut a, "kinds", "list", answer(Value::list(items.clone())));
    put(
        &mut a,
        "kinds",
        "choice",
        answer(Value::Choice {
            option: Some("Mostly \"yes\"".into()),
            other: None,
        }),
    );
    put(
        &mut a,
        "kinds",
        "other",
        answer(Value::Choice {
            option: None,
            other: Some("其他：\n两行".into()),
        }),
    );
    put(
        &mut a,
        "kinds",
        "checklist",
        answer(Value::Checklist {
            ticked: items,
            other: None,
        }),
    );
    put(
        &mut a,
        "kinds",
        "empty-checklist",
        answer(Value::Checklist {
            ticked: vec![],
            other: None,
        }),
    );
    put(&mut a, "kinds", "scale", answer(Value::Scale { value: -3 }));
    put(
        &mut a,
        "kinds",
        "big-scale",
        answer(Value::Scale { value: i64::MAX }),
    );
    let mut private = answer(Value::Text {
        text: "only for me".into(),
    });
    private.private = true;
    put(&mut a, "kinds", "private", private);
    // Keys the content validator would never allow still survive (e.g. hand-edited files).
    put(
        &mut a,
        "odd chapter ü.x",
        "odd \"exercise\"",
        answer(Value::Scale { value: 1 }),
    );
    a
}

fn place() -> Place {
    Place {
        chapter: "kinds".into(),
        exercise: Some("list".into()),
    }
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn bin(dir: &Path, args: &[&str]) -> Output {
    bin_with_input(dir, args, "")
}

fn bin_with_input(dir: &Path, args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_trustbook"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove(store::DATA_DIR_ENV)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs trustbook");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Bytes and modification time, to show a file was not touched.
fn snapshot(path: &Path) -> (Vec<u8>, SystemTime) {
    (
        fs::read(path).unwrap(),
        fs::metadata(path).unwrap().modified().unwrap(),
    )
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

// ---------------------------------------------------------------- round trips

#[test]
fn every_kind_and_hard_text_round_trips_through_encode() {
    let answers = sample_answers();
    let text = store::encode(&answers, Some(&place()), WB);
    let saved = store::decode(&text, Path::new("x.toml")).expect("decodes");
    assert_eq!(saved.answers, answers);
    assert_eq!(saved.place, Some(place()));
    assert_eq!(saved.workbook.as_deref(), Some(WB));
}

#[test]
fn every_kind_round_trips_through_the_store() {
    let tmp = TempDir::new().unwrap();
    let answers = sample_answers();
    {
        let (mut s, saved) = open(tmp.path());
        assert_eq!(saved, Saved::default(), "no file yet means empty");
        s.save(&answers, Some(&place())).unwrap();
    }
    let (_s, saved) = open(tmp.path());
    assert_eq!(saved.answers, answers);
    assert_eq!(saved.place, Some(place()));
}

#[test]
fn the_file_reads_well() {
    let mut a = Answers::default();
    put(
        &mut a,
        "c",
        "e",
        answer(Value::Text {
            text: "First line\n\nThird line".into(),
        }),
    );
    let text = store::encode(&a, Some(&place()), WB);
    assert!(
        text.starts_with("schema_version = 3\nworkbook = \"trust-workbook\"\nsaved = \""),
        "{text}"
    );
    assert!(
        text.contains("[resume]\nchapter = \"kinds\"\nexercise = \"list\"\n"),
        "{text}"
    );
    assert!(
        text.contains("[answers.c.e]\nchanged = \"2026-11-26T10:04:00Z\"\nkind = \"text\"\ntext = \"\"\"\nFirst line\n\nThird line\"\"\""),
        "{text}"
    );
}

#[test]
fn a_one_mib_answer_round_trips() {
    let tmp = TempDir::new().unwrap();
    let line = "Ein langer Absatz über Vertrauen — 信任 — with \"quotes\" and \\ backslashes.\n";
    let big: String = line.repeat((1 << 20) / line.len() + 1);
    assert!(big.len() >= 1 << 20);
    let mut a = Answers::default();
    put(&mut a, "c", "big", answer(Value::Text { text: big }));
    open(tmp.path()).0.save(&a, None).unwrap();
    assert_eq!(open(tmp.path()).1.answers, a);
}

#[test]
fn answers_for_missing_exercises_survive_open_and_save() {
    let tmp = TempDir::new().unwrap();
    fs::copy(
        Path::new(FIXTURES).join("kept.toml"),
        tmp.path().join("default.toml"),
    )
    .unwrap();
    let (mut s, saved) = open(tmp.path());
    assert_eq!(saved.answers.len(), 3);
    let wb = trustbook::content::load_embedded().unwrap();
    assert_eq!(saved.answers.orphans(&wb).len(), 2);
    s.save(&saved.answers, saved.place.as_ref()).unwrap();
    drop(s);
    let again = open(tmp.path()).1;
    assert_eq!((&again.answers, &again.place), (&saved.answers, &saved.place));
}

#[test]
fn every_schema_1_fixture_migrates_with_its_original_kept_byte_for_byte() {
    let good = ["kept.toml", "release-1.toml"];
    for name in good {
        let (tmp, path) = with_fixture(name);
        let original = fs::read(&path).unwrap();
        assert!(
            String::from_utf8_lossy(&original).contains("\nschema_version = 1\n")
                || original.starts_with(b"schema_version = 1")
        );
        let (mut s, saved) = open(tmp.path());
        assert_eq!(saved.older_schema, Some(1), "{name}");
        let copy = tmp.path().join("default.toml.v1");
        assert_eq!(fs::read(&copy).unwrap(), original, "{name}: the .v1 copy");
        let words: Vec<String> = saved
            .answers
            .single
            .values()
            .flat_map(|c| c.values())
            .map(|a| format!("{:?}", a.value))
            .collect();
        assert!(!words.is_empty(), "{name}");
        s.save(&saved.answers, saved.place.as_ref()).unwrap();
        drop(s);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("schema_version = 3"), "{name}: {text}");
        // Opened again: same answers, no new copy, the original untouched.
        let (_s, again) = open(tmp.path());
        assert_eq!(again.answers, saved.answers, "{name}");
        assert_eq!(again.older_schema, None);
        assert_eq!(
            fs::read(&copy).unwrap(),
            original,
            "{name}: the .v1 copy after saving"
        );
        assert_eq!(
            fs::read_dir(tmp.path())
                .unwrap()
                .filter(|e| e
                    .as_ref()
                    .is_ok_and(|e| e.file_name().to_string_lossy().contains(".v1")))
                .count(),
            1
        );
    }
    // Every answers fixture: a good one migrates, a bad one is refused with no copy made.
    for entry in fs::read_dir(FIXTURES).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let (tmp, _) = with_fixture(&name);
        let opened = Store::open(&opts(tmp.path(), "default"), WB);
        let copy = tmp.path().join("default.toml.v1");
        match opened {
            Ok((_, saved)) => assert_eq!(copy.exists(), saved.older_schema == Some(1), "{name}"),
            Err(_) => assert!(!copy.exists(), "{name}: a refused file gets no copy"),
        }
    }
}

// ---------------------------------------------------------------- files and permissions

#[cfg(unix)]
#[test]
fn directory_is_0700_and_files_are_0600() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("new").join("data");
    let (mut s, _) = Store::open(&opts(&dir, "default"), WB).unwrap();
    assert_eq!(mode(&dir), 0o700);
    s.save(&sample_answers(), None).unwrap();
    s.save(&sample_answers(), None).unwrap();
    for f in ["default.toml", "default.toml.bak", "default.lock"] {
        assert_eq!(mode(&dir.join(f)), 0o600, "{f}");
    }
    let fallback = s
        .write_fallback_in(&[tmp.path().to_path_buf()], "x = 1\n")
        .unwrap();
    assert_eq!(mode(&fallback), 0o600);
    let copy = s.keep_copy("reset").unwrap().unwrap();
    assert_eq!(mode(&copy), 0o600);
}

#[cfg(unix)]
#[test]
fn a_hand_made_readable_file_is_made_private_on_save() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("default.toml");
    fs::copy(Path::new(FIXTURES).join("kept.toml"), &path).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    let (mut s, saved) = open(tmp.path());
    s.save(&saved.answers, None).unwrap();
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&tmp.path().join("default.toml.bak")), 0o600);
}

#[test]
fn save_keeps_the_previous_version_as_backup() {
    let tmp = TempDir::new().unwrap();
    let (mut s, _) = open(tmp.path());
    let mut a = Answers::default();
    put(&mut a, "c", "e", answer(Value::Scale { value: 1 }));
    s.save(&a, None).unwrap();
    assert!(!s.backup_path().exists(), "nothing to back up on the first save");
    let first = fs::read(s.answers_path()).unwrap();
    put(&mut a, "c", "e", answer(Value::Scale { value: 2 }));
    s.save(&a, None).unwrap();
    assert_eq!(fs::read(s.backup_path()).unwrap(), first);
    let bak = store::decode(&fs::read_to_string(s.backup_path()).unwrap(), Path::new("b")).unwrap();
    assert_eq!(
        bak.answers.get("c", "e").unwrap().value,
        Value::Scale { value: 1 }
    );
    assert_eq!(open_again_answers(&mut s), a);
}

fn open_again_answers(s: &mut Store) -> Answers {
    let text = fs::read_to_string(s.answers_path()).unwrap();
    store::decode(&text, s.answers_path()).unwrap().answers
}

#[test]
fn stale_temporary_files_are_removed_on_open() {
    let tmp = TempDir::new().unwrap();
    let d = tmp.path();
    for stale in [
        ".default.toml.a1B2c3",
        ".default.toml.bak.Zz9Yy8",
        ".default.toml.bak.new",
    ] {
        fs::write(d.join(stale), "partial").unwrap();
    }
    let others = [
        ".other.toml.a1B2c3",
        ".default.toml.notes",
        "default.toml.bak.new",
    ];
    for keep in others {
        fs::write(d.join(keep), "not ours").unwrap();
    }
    let _s = open(d);
    let mut expected: Vec<String> = others.iter().map(|s| s.to_string()).collect();
    expected.push("default.lock".into());
    expected.sort();
    assert_eq!(names(d), expected);
}

// ---------------------------------------------------------------- save failures

/// True when permission bits do not stop this process from writing (e.g. running as root).
#[cfg(unix)]
fn permissions_are_ignored(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = dir.join("probe");
    fs::create_dir(&probe).unwrap();
    fs::set_permissions(&probe, fs::Permissions::from_mode(0o500)).unwrap();
    let ignored = fs::write(probe.join("x"), "x").is_ok();
    fs::set_permissions(&probe, fs::Permissions::from_mode(0o700)).unwrap();
    fs::remove_dir_all(&probe).unwrap();
    ignored
}

#[cfg(unix)]
#[test]
fn read_only_directory_fails_the_save_and_keeps_the_old_file() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = TempDir::new().unwrap();
    if permissions_are_ignored(tmp.path()) {
        eprintln!("permission bits are not enforced here (root?); see save_into_a_vanished_directory_fails");
        return;
    }
    let dir = tmp.path().join("data");
    let (mut s, _) = Store::open(&opts(&dir, "default"), WB).unwrap();
    s.save(&sample_answers(), None).unwrap();
    let before = snapshot(s.answers_path());
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o500)).unwrap();
    let result = s.save(&Answers::default(), None);
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o700)).unwrap();
    let err = result.expect_err("a read-only folder cannot be saved into");
    assert!(matches!(err, SaveError::ReadOnly { .. }), "{err:?}");
    assert!(err.to_string().starts_with("Answers not saved: "), "{err}");
    assert_eq!(snapshot(s.answers_path()), before);
    // Once the folder is writable again, the retry works.
    s.save(&Answers::default(), None).unwrap();
}

/// Works as root too: the data directory is replaced by a plain file, so nothing can be
/// written under it; the old answers (moved away intact) are untouched.
#[test]
fn save_into_a_vanished_directory_fails_and_keeps_the_old_file() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("data");
    let moved = tmp.path().join("moved");
    let (mut s, _) = Store::open(&opts(&dir, "default"), WB).unwrap();
    s.save(&sample_answers(), None).unwrap();
    let before = snapshot(s.answers_path());
    fs::rename(&dir, &moved).unwrap();
    fs::write(&dir, "a file where the folder was").unwrap();
    let err = s
        .save(&Answers::default(), None)
        .expect_err("cannot write under a file");
    assert!(err.to_string().contains("default.toml"), "{err}");
    assert_eq!(snapshot(&moved.join("default.toml")), before);
    // The answers can still be rescued.
    let rescued = s
        .write_fallback_in(
            &[dir.join("nope"), tmp.path().to_path_buf()],
            &store::encode(&sample_answers(), None, WB),
        )
        .unwrap();
    assert!(rescued.starts_with(tmp.path()));
    let back = store::decode(&fs::read_to_string(&rescued).unwrap(), &rescued).unwrap();
    assert_eq!(back.answers, sample_answers());
    // Folder back: saving works again.
    fs::remove_file(&dir).unwrap();
    fs::rename(&moved, &dir).unwrap();
    s.save(&Answers::default(), None).unwrap();
}

#[test]
fn write_atomic_onto_a_directory_fails_without_side_effects() {
    let tmp = TempDir::new().unwrap();
    let target = tmp.path().join("answers.toml");
    fs::create_dir(&target).unwrap();
    fs::write(target.join("inside"), "kept").unwrap();
    assert!(store::write_atomic(&target, "x = 1\n").is_err());
    assert_eq!(fs::read_to_string(target.join("inside")).unwrap(), "kept");
    assert_eq!(names(tmp.path()), ["answers.toml"], "no temporary file left");
}

#[test]
fn fallback_never_replaces_an_existing_file() {
    let tmp = TempDir::new().unwrap();
    let (s, _) = open(&tmp.path().join("data"));
    let out = tmp.path().join("out");
    fs::create_dir(&out).unwrap();
    let a = s
        .write_fallback_in(std::slice::from_ref(&out), "a = 1\n")
        .unwrap();
    let b = s
        .write_fallback_in(std::slice::from_ref(&out), "b = 2\n")
        .unwrap();
    assert_ne!(a, b);
    assert_eq!(fs::read_to_string(&a).unwrap(), "a = 1\n");
    assert_eq!(fs::read_to_string(&b).unwrap(), "b = 2\n");
}

// ---------------------------------------------------------------- bad files

/// Whether an error is the one a fixture must give.
type Expect = fn(&StoreError) -> bool;

/// (fixture, what `open` must say)
const BAD: &[(&str, Expect)] = &[
    (
        "corrupt.toml",
        |e| matches!(e, StoreError::BadFile { reason, .. } if reason.starts_with("line ")),
    ),
    (
        "wrong-type.toml",
        |e| matches!(e, StoreError::BadFile { reason, .. } if reason.starts_with("line 8, column 9: ")),
    ),
    (
        "unknown-key.toml",
        |e| matches!(e, StoreError::BadFile { reason, .. } if reason.contains("theme")),
    ),
    ("future-version.toml", |e| {
        matches!(e, StoreError::NewerSchema { found: 4, .. })
    }),
    (
        "other-workbook.toml",
        |e| matches!(e, StoreError::OtherWorkbook { found, .. } if found == "another-workbook"),
    ),
];

fn with_fixture(name: &str) -> (TempDir, PathBuf) {
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("default.toml");
    fs::copy(Path::new(FIXTURES).join(name), &path).unwrap();
    (tmp, path)
}

#[test]
fn bad_files_are_refused_and_never_modified() {
    for (name, expected) in BAD {
        let (tmp, path) = with_fixture(name);
        let before = snapshot(&path);
        let err = Store::open(&opts(tmp.path(), "default"), WB).expect_err(name);
        assert!(expected(&err), "{name}: {err:?}");
        assert!(err.is_bad_file());
        let msg = err.to_string();
        assert!(msg.contains(&path.display().to_string()), "{name}: {msg}");
        assert!(msg.contains("has not been changed"), "{name}: {msg}");
        assert_eq!(snapshot(&path), before, "{name} changed by open");

        // The command line leaves it alone too, and says why.
        for args in [&[][..], &["where"], &["reset", "--yes"]] {
            let out = bin(tmp.path(), args);
            let stderr = text(&out.stderr);
            if args == ["where"] {
                assert!(out.status.success());
                assert!(text(&out.stdout).contains("cannot be used"), "{name}");
            } else {
                assert_eq!(out.status.code(), Some(1), "{name} {args:?}: {stderr}");
                assert!(stderr.contains(&path.display().to_string()), "{name}: {stderr}");
            }
            assert_eq!(snapshot(&path), before, "{name} changed by {args:?}");
        }
        assert_eq!(names(tmp.path()), ["default.lock", "default.toml"], "{name}");
    }
}

#[test]
fn messages_say_what_to_do() {
    let (tmp, _) = with_fixture("future-version.toml");
    let msg = Store::open(&opts(tmp.path(), "default"), WB)
        .unwrap_err()
        .to_string();
    assert!(msg.contains("made by a newer trustbook"), "{msg}");
    let (tmp, _) = with_fixture("other-workbook.toml");
    let msg = Store::open(&opts(tmp.path(), "default"), WB)
        .unwrap_err()
        .to_string();
    assert!(msg.contains("--profile NAME"), "{msg}");
    let (tmp, path) = with_fixture("corrupt.toml");
    let msg = Store::open(&opts(tmp.path(), "default"), WB)
        .unwrap_err()
        .to_string();
    assert!(msg.contains("--start-fresh"), "{msg}");
    assert!(
        msg.contains(&format!("copy its backup {}.bak", path.display())),
        "offers the backup: {msg}"
    );
    assert!(
        !msg.contains("cut off in the middle"),
        "does not echo the answer: {msg}"
    );
}

/// The reason `decode` gives for a file it refuses.
fn refusal(text: &str) -> String {
    match store::decode(text, Path::new("default.toml")) {
        Err(StoreError::BadFile { reason, .. }) => reason,
        other => panic!("not refused as a bad file: {other:?}"),
    }
}

/// An answers file with several answers before the one under test, which comes last.
fn deep_file(last: &str) -> String {
    let mut text =
        String::from("schema_version = 1\nworkbook = \"trust-workbook\"\nsaved = \"2026-11-20T09:00:00Z\"\n");
    for n in 1..=3 {
        text.push_str(&format!(
            "\n[answers.chapter.text-{n}]\nchanged = \"2026-11-20T08:59:00Z\"\nkind = \"text\"\ntext = \"Answer {n}.\"\n"
        ));
    }
    text + last
}

#[test]
fn a_wrong_value_deep_in_the_file_is_pointed_at() {
    let text = deep_file(
        "\n[answers.chapter.how-much]\nchanged = \"2026-11-20T08:59:00Z\"\nkind = \"scale\"\nvalue = \"high\"\n",
    );
    assert_eq!(text.lines().nth(22), Some("value = \"high\""));
    let r = refusal(&text);
    assert!(
        r.starts_with("line 23, column 9: the answer to `chapter` / `how-much`: `value` must be a whole number, not text"),
        "{r}"
    );
    assert!(!r.contains("high"), "the answer's words are not quoted: {r}");
    // A list item, in an inline table: still the very spot.
    let text =
        deep_file("\n[answers.chapter]\nlist = { changed = \"t\", kind = \"list\", items = [\"a\", 7] }\n");
    let r = refusal(&text);
    assert!(r.starts_with("line 21, column 54: "), "{r}");
    assert!(
        r.contains("each item of `items` must be text in quotes, not a whole number"),
        "{r}"
    );
}

#[test]
fn an_unknown_key_in_an_answer_is_pointed_at() {
    let text = "schema_version = 1\nworkbook = \"trust-workbook\"\n\n[answers.chapter.looking-back]\nchanged = \"2026-11-20T08:59:00Z\"\nkind = \"text\"\nmood = \"calm\"\ntext = \"A first answer.\"\n";
    let r = refusal(text);
    assert!(
        r.starts_with("line 7, column 1: the answer to `chapter` / `looking-back`: unknown key `mood`; a text answer has only changed, private, kind, text"),
        "{r}"
    );
    let r = refusal(&deep_file(
        "\n[answers.chapter.pick]\nchanged = \"t\"\nkind = \"mood\"\n",
    ));
    assert!(
        r.starts_with("line 22, column 8: the answer to `chapter` / `pick`: unknown `kind`"),
        "{r}"
    );
}

#[test]
fn start_fresh_moves_a_bad_file_aside_and_starts_empty() {
    let (tmp, path) = with_fixture("corrupt.toml");
    let before = fs::read(&path).unwrap();
    // Any command that opens the profile will do; the app itself needs a terminal.
    let out = bin(tmp.path(), &["reset", "--yes", "--start-fresh"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("starting with no answers"));
    let aside: Vec<String> = names(tmp.path())
        .into_iter()
        .filter(|n| n.starts_with("default.toml.bad-"))
        .collect();
    assert_eq!(aside.len(), 1, "{:?}", names(tmp.path()));
    let stamp = aside[0].trim_start_matches("default.toml.bad-");
    assert_eq!(stamp.len(), "20261126T100400Z".len(), "{stamp}");
    assert_eq!(fs::read(tmp.path().join(&aside[0])).unwrap(), before);
    assert!(!path.exists());
    let (_s, saved) = open(tmp.path());
    assert_eq!(saved, Saved::default());
}

#[test]
fn start_fresh_leaves_a_good_file_alone() {
    let (tmp, path) = with_fixture("kept.toml");
    let before = snapshot(&path);
    let (_s, saved, moved) = Store::open_fresh(&opts(tmp.path(), "default"), WB).unwrap();
    assert!(moved.is_none());
    assert_eq!(saved.answers.len(), 3);
    assert_eq!(snapshot(&path), before);
}

#[test]
fn move_aside_never_overwrites() {
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("default.toml");
    fs::write(&path, "first").unwrap();
    let a = store::move_aside(&path).unwrap();
    fs::write(&path, "second").unwrap();
    let b = store::move_aside(&path).unwrap();
    assert_ne!(a, b);
    assert_eq!(fs::read_to_string(a).unwrap(), "first");
    assert_eq!(fs::read_to_string(b).unwrap(), "second");
    assert!(!path.exists());
}

// ---------------------------------------------------------------- one writer

#[test]
fn a_second_opener_is_refused_with_the_pid() {
    let tmp = TempDir::new().unwrap();
    let (mut store, _) = open(tmp.path());
    // Saved at once, as the app does when a profile starts: then it is the default one.
    store.save(&Answers::default(), None).unwrap();
    let pid = std::process::id();
    assert_eq!(
        fs::read_to_string(tmp.path().join("default.lock"))
            .unwrap()
            .trim(),
        pid.to_string()
    );

    match Store::open(&opts(tmp.path(), "default"), WB) {
        Err(StoreError::Locked { pid: Some(p), .. }) => assert_eq!(p, pid),
        other => panic!("expected Locked: {other:?}"),
    }
    // Another profile is independent.
    let _other = Store::open(&opts(tmp.path(), "sam"), WB).unwrap();

    let out = bin(tmp.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!("open in another trustbook process (pid {pid})")),
        "{stderr}"
    );
    assert!(stderr.contains("Close that one first"), "{stderr}");
    let out = bin(tmp.path(), &["reset", "--yes"]);
    assert_eq!(out.status.code(), Some(1));

    drop(store);
    let _again = open(tmp.path());
}

// ---------------------------------------------------------------- crash safety

/// Child side of [`kill_at_any_instant_leaves_a_whole_file`]: saves forever, saying when a
/// write starts and when it has returned.
#[test]
#[ignore = "run by kill_at_any_instant_leaves_a_whole_file"]
fn crash_child_saves_forever() {
    let Some(dir) = std::env::var_os("TRUSTBOOK_TEST_CRASH_DIR") else {
        return;
    };
    let (mut s, saved) = open(Path::new(&dir));
    let mut a = saved.answers;
    let mut n = a
        .single
        .get("c")
        .map_or(0, |c| c.keys().filter(|k| k.starts_with('e')).count()) as i64;
    let filler = "x".repeat(1 << 20);
    put(&mut a, "c", "filler", answer(Value::Text { text: filler }));
    let mut out = std::io::stdout().lock();
    loop {
        n += 1;
        put(&mut a, "c", &format!("e{n}"), answer(Value::Scale { value: n }));
        let text = store::encode(&a, None, WB);
        writeln!(out, "writing {n}").unwrap();
        out.flush().unwrap();
        s.save_text(&text).unwrap();
        writeln!(out, "saved {n}").unwrap();
        out.flush().unwrap();
    }
}

/// kill -9 while saving, 20 times at varied moments (most of them while a write is under
/// way): the file always parses and holds every save reported done.
#[test]
fn kill_at_any_instant_leaves_a_whole_file() {
    let tmp = TempDir::new().unwrap();
    let mut committed = 0i64;
    for round in 0..20u64 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--ignored",
                "--exact",
                "store::crash_child_saves_forever",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("TRUSTBOOK_TEST_CRASH_DIR", tmp.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        // Let it finish a few saves, wait for the next write to start, then kill it a
        // varying moment later.
        let mut seen = 0;
        loop {
            let line = lines.next().expect("child is saving").unwrap();
            if let Some(n) = line.strip_prefix("saved ") {
                committed = n.parse().unwrap();
                seen += 1;
            } else if line.starts_with("writing ") && seen > round % 3 {
                break;
            }
        }
        std::thread::sleep(std::time::Duration::from_micros(round * 37 % 500));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        for line in lines.map_while(Result::ok) {
            if let Some(n) = line.strip_prefix("saved ") {
                committed = n.parse().unwrap();
            }
        }
        let (_s, saved) = open(tmp.path());
        let has = |n: i64| saved.answers.get("c", &format!("e{n}")).is_some();
        assert!(
            has(committed),
            "round {round}: save {committed} was reported done but is missing"
        );
        assert!(
            (1..=committed).all(has),
            "round {round}: an earlier answer is missing"
        );
        assert!(saved.answers.get("c", "filler").is_some(), "round {round}");
    }
}

// ---------------------------------------------------------------- profiles

#[test]
fn profile_names() {
    for good in ["default", "sam", "sam-2", "a", "x1-y2-z3", &"a".repeat(32)] {
        assert!(store::validate_profile(good).is_ok(), "{good}");
    }
    for bad in [
        "",
        "../x",
        "a/b",
        "Alex",
        "sam_2",
        "-a",
        "a-",
        "a--b",
        "é",
        "a b",
        ".hidden",
        &"a".repeat(33),
    ] {
        let err = store::validate_profile(bad).expect_err(bad);
        assert!(matches!(err, StoreError::BadProfile { .. }));
        assert!(err.to_string().contains("lowercase"), "{err}");
    }
    let tmp = TempDir::new().unwrap();
    assert!(matches!(
        Store::open(&opts(tmp.path(), "../x"), WB),
        Err(StoreError::BadProfile { .. })
    ));
    let out = bin(tmp.path(), &["--profile", "Alex", "where"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("cannot be used as a profile name"));
    assert_eq!(names(tmp.path()), Vec::<String>::new(), "nothing created");
}

#[test]
fn a_partner_profile_name_is_not_reused_for_own_answers() {
    let tmp = TempDir::new().unwrap();
    fs::create_dir(tmp.path().join("partners")).unwrap();
    fs::write(tmp.path().join("partners/alex.json"), "{}").unwrap();
    assert_eq!(
        store::profile_kind(tmp.path(), "alex"),
        Some(ProfileKind::Partner)
    );
    let err = Store::open(&opts(tmp.path(), "alex"), WB).unwrap_err();
    assert!(matches!(err, StoreError::PartnerProfile { .. }), "{err:?}");
    assert!(err.to_string().contains("imported partner profile"));
}

#[test]
fn list_profiles_tells_own_from_partner() {
    let tmp = TempDir::new().unwrap();
    let d = tmp.path();
    open(d).0.save(&sample_answers(), None).unwrap();
    fs::copy(Path::new(FIXTURES).join("corrupt.toml"), d.join("broken.toml")).unwrap();
    fs::create_dir(d.join("partners")).unwrap();
    let partner = r#"{"answers": {"c1": {"e1": {}, "e2": {}}, "c2": {"e3": {}}}}"#;
    fs::write(d.join("partners/alex.json"), partner).unwrap();
    fs::write(d.join("partners/notes.txt"), "not a profile").unwrap();
    fs::write(d.join("Upper.toml"), "not a profile name").unwrap();
    let list = store::list_profiles(d);
    let summary: Vec<(&str, ProfileKind, Option<usize>, bool)> = list
        .iter()
        .map(|p| (p.name.as_str(), p.kind, p.answers, p.problem.is_some()))
        .collect();
    assert_eq!(
        summary,
        [
            ("broken", ProfileKind::Own, None, true),
            ("default", ProfileKind::Own, Some(sample_answers().len()), false),
            ("alex", ProfileKind::Partner, Some(3), false),
        ]
    );
}

// ---------------------------------------------------------------- where and reset

#[test]
fn where_lists_paths_profiles_and_kept_answers() {
    let tmp = TempDir::new().unwrap();
    let d = tmp.path();
    fs::copy(Path::new(FIXTURES).join("kept.toml"), d.join("default.toml")).unwrap();
    open(d).0.save(&Answers::default(), None).unwrap(); // makes a .bak of kept.toml
    fs::copy(Path::new(FIXTURES).join("kept.toml"), d.join("default.toml")).unwrap();
    fs::create_dir(d.join("partners")).unwrap();
    fs::write(d.join("partners/alex.json"), r#"{"answers": {"c": {"e": {}}}}"#).unwrap();
    let out = bin(d, &["where"]);
    assert!(out.status.success());
    let stdout = text(&out.stdout);
    let dir = std::path::absolute(d).unwrap();
    let expected = format!(
        "data directory: {dir}\n\
         answers file:   {dir}/default.toml\n\
         kept copy:      {dir}/default.toml.bak\n\
         kept copy:      {dir}/default.toml.v1\n\
         profiles:\n  \
         default              own      3 answers (current)\n  \
         {pad}2 kept copies, {size} bytes (trustbook erase --profile default removes all)\n  \
         alex                 partner  1 answer\n\
         answers kept for exercises the workbook no longer has (2):\n  \
         retired-chapter / first\n  \
         where-distrust-comes-from / old-exercise\n",
        dir = dir.display(),
        pad = " ".repeat(30),
        size = ["default.toml.bak", "default.toml.v1"]
            .iter()
            .map(|f| std::fs::metadata(dir.join(f)).map_or(0, |m| m.len()))
            .sum::<u64>(),
    );
    assert_eq!(stdout, expected);
}

#[test]
fn where_before_anything_is_saved() {
    let tmp = TempDir::new().unwrap();
    let d = tmp.path().join("never-created");
    let out = bin(&d, &["--profile", "sam", "where"]);
    assert!(out.status.success());
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("sam.toml\n                (not created yet)\n"),
        "{stdout}"
    );
    assert!(stdout.contains("profiles:\n  (none yet)\n"), "{stdout}");
    assert!(!d.exists(), "where creates nothing");
}

fn saved_answers(dir: &Path) -> Answers {
    open(dir).1.answers
}

fn reset_copies(dir: &Path) -> Vec<String> {
    names(dir)
        .into_iter()
        .filter(|n| n.starts_with("default.toml.reset-"))
        .collect()
}

#[test]
fn reset_everything_keeps_a_copy() {
    let (tmp, path) = with_fixture("kept.toml");
    let before = fs::read(&path).unwrap();
    let out = bin(tmp.path(), &["reset", "--yes"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("Cleared 3 answer(s)"), "{stdout}");
    let copies = reset_copies(tmp.path());
    assert_eq!(copies.len(), 1);
    assert!(stdout.contains(&copies[0]), "says where the copy is: {stdout}");
    assert_eq!(fs::read(tmp.path().join(&copies[0])).unwrap(), before);
    let (_s, saved) = open(tmp.path());
    assert!(saved.answers.is_empty());
    assert_eq!(saved.place, None);
}

#[test]
fn reset_one_chapter_asks_first() {
    let (tmp, path) = with_fixture("kept.toml");
    let before = snapshot(&path);
    let out = bin_with_input(tmp.path(), &["reset", "--chapter", "retired-chapter"], "no\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("Type y (or yes) to confirm"));
    assert!(text(&out.stderr).contains("nothing was changed"));
    assert_eq!(snapshot(&path), before);
    assert!(reset_copies(tmp.path()).is_empty());

    let out = bin_with_input(
        tmp.path(),
        &["reset", "--chapter", "where-distrust-comes-from"],
        "yes\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(reset_copies(tmp.path()).len(), 1);
    let answers = saved_answers(tmp.path());
    assert_eq!(answers.len(), 1);
    assert!(answers.get("retired-chapter", "first").is_some());
    assert!(open(tmp.path()).1.place.is_some(), "the place is kept");
}

#[test]
fn reset_of_an_unknown_chapter_lists_the_ids() {
    let (tmp, path) = with_fixture("kept.toml");
    let before = snapshot(&path);
    let out = bin(tmp.path(), &["reset", "--chapter", "nope", "--yes"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("no chapter \"nope\""), "{stderr}");
    for id in [
        "lasting-trust",
        "rebuilding-trust",
        "where-distrust-comes-from",
        "retired-chapter",
    ] {
        assert!(stderr.contains(id), "{stderr}");
    }
    // In chapter order, numbered as the app shows them.
    let at = |id: &str| stderr.find(id).unwrap_or(usize::MAX);
    assert!(
        at("1 where-distrust-comes-from") < at("2 rebuilding-trust")
            && at("2 rebuilding-trust") < at("3 lasting-trust"),
        "{stderr}"
    );
    assert_eq!(snapshot(&path), before);
    // Past the last chapter's number is not a chapter either.
    let out = bin(tmp.path(), &["reset", "--chapter", "4", "--yes"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(snapshot(&path), before);
}

#[test]
fn reset_takes_a_chapter_number() {
    let (tmp, _) = with_fixture("kept.toml");
    let out = bin(tmp.path(), &["reset", "--chapter", "1", "--yes"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // Named by number and title, as the app shows it (issue 20).
    let title = &crate::common::shipped().chapters[0].title;
    assert!(
        text(&out.stdout).contains(&format!("chapter 1, \"{title}\"")),
        "{}",
        text(&out.stdout)
    );
    let answers = saved_answers(tmp.path());
    assert!(
        answers.get("retired-chapter", "first").is_some(),
        "other chapters kept"
    );
    assert_eq!(answers.len(), 1);
}

#[test]
fn reset_with_nothing_saved_changes_nothing() {
    let tmp = TempDir::new().unwrap();
    let out = bin(tmp.path(), &["reset"]);
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("no answers to clear"));
    // A first run: no profile is started (nor its lock made) just to say so.
    assert!(names(tmp.path()).is_empty(), "{:?}", names(tmp.path()));
}

#[test]
fn data_dir_comes_from_the_environment_below_the_flag() {
    let tmp = TempDir::new().unwrap();
    let env_dir = tmp.path().join("from-env");
    let out = Command::new(env!("CARGO_BIN_EXE_trustbook"))
        .arg("where")
        .env(store::DATA_DIR_ENV, &env_dir)
        .output()
        .unwrap();
    assert!(text(&out.stdout).starts_with(&format!("data directory: {}\n", env_dir.display())));
    let out = bin(&tmp.path().join("flag"), &["where"]);
    assert!(text(&out.stdout).contains("flag"), "the flag wins");
    let explicit = tmp.path().join("x");
    assert_eq!(store::resolve_data_dir(Some(&explicit)).unwrap(), explicit);
}

#[test]
fn a_store_can_move_to_a_writer_thread() {
    fn send<T: Send + 'static>() {}
    send::<Store>();
    send::<SaveError>();
    let tmp = TempDir::new().unwrap();
    let (mut s, _) = open(tmp.path());
    let text = store::encode(&sample_answers(), Some(&place()), WB);
    std::thread::spawn(move || s.save_text(&text).unwrap())
        .join()
        .unwrap();
    assert_eq!(open(tmp.path()).1.answers, sample_answers());
}

/// Every recovery path of docs/answers-format.md, one after another on one profile: after
/// each, every earlier readable copy of answers the person had must still exist, as it was.
#[test]
fn every_recovery_path_keeps_every_earlier_readable_copy() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    let answers = |words: &str| {
        let mut a = Answers::default();
        put(&mut a, "c", "e", answer(Value::Text { text: words.into() }));
        a
    };
    let read = |path: &Path| store::read_answers(path, "default", WB).ok().flatten();
    // Every readable copy made so far, with the answers it must still hold.
    let mut copies: Vec<(PathBuf, Answers)> = Vec::new();
    let check = |copies: &[(PathBuf, Answers)], step: &str| {
        for (path, held) in copies {
            let saved = read(path).unwrap_or_else(|| panic!("{step}: {} is gone", path.display()));
            assert_eq!(&saved.answers, held, "{step}: {} changed", path.display());
        }
    };
    let path = dir.join("default.toml");
    let backup = dir.join("default.toml.bak");

    // Two saves: the backup is the version before the last save.
    {
        let (mut st, _) = open(dir);
        st.save(&answers("first"), None).unwrap();
        st.save(&answers("second"), None).unwrap();
    }
    assert_eq!(read(&backup).expect("backup").answers, answers("first"));

    // The file becomes unreadable: opening refuses and changes nothing.
    fs::write(&path, "schema_version = 1\nnot toml at all\n").unwrap();
    copies.push((backup.clone(), answers("first")));
    assert!(Store::open(&opts(dir, "default"), WB).unwrap_err().is_bad_file());
    check(&copies, "refused open");

    // --start-fresh, then two saves: the backup that was the last readable copy survives.
    {
        let (mut st, saved, moved) = Store::open_fresh(&opts(dir, "default"), WB).unwrap();
        assert!(saved.answers.is_empty());
        let moved = moved.expect("moved aside");
        assert_eq!(
            fs::read_to_string(&moved.to).unwrap(),
            "schema_version = 1\nnot toml at all\n"
        );
        let kept = moved.backup_kept.expect("backup kept");
        copies[0].0 = kept;
        st.save(&answers("fresh one"), None).unwrap();
        st.save(&answers("fresh two"), None).unwrap();
    }
    check(&copies, "start fresh and two saves");

    // Restoring the backup by copying it over the answers file gives readable answers.
    fs::copy(&backup, &path).unwrap();
    assert_eq!(open(dir).1.answers, answers("fresh one"));

    // reset keeps a copy, which later saves leave alone.
    {
        let (mut st, saved) = open(dir);
        let copy = st.keep_copy("reset").unwrap().expect("a copy");
        copies.push((copy, saved.answers));
        st.save(&Answers::default(), None).unwrap();
        st.save(&answers("after reset"), None).unwrap();
        st.save(&answers("after reset, again"), None).unwrap();
    }
    check(&copies, "reset and saves");

    // The answers file goes missing (deleted by hand): the backup is then the last copy.
    let last = read(&backup).expect("backup").answers;
    fs::remove_file(&path).unwrap();
    {
        let (mut st, saved) = open(dir);
        assert!(saved.answers.is_empty());
        st.save(&answers("new start"), None).unwrap();
        st.save(&answers("new start, again"), None).unwrap();
    }
    let dated: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains(".bak-") && !copies.iter().any(|(c, _)| c == p))
        .collect();
    assert_eq!(
        dated.len(),
        1,
        "the backup of the missing file is kept once: {dated:?}"
    );
    copies.push((dated[0].clone(), last));
    check(&copies, "missing file and saves");

    // Saving elsewhere when the folder fails: a normal answers file.
    {
        let (st, _) = open(dir);
        let home = TempDir::new().unwrap();
        let text = store::encode(&answers("unsaved"), None, WB);
        let fallback = st.write_fallback_in(&[home.path().to_path_buf()], &text).unwrap();
        assert_eq!(read(&fallback).expect("fallback").answers, answers("unsaved"));
    }
    check(&copies, "the end");
}

/// `reset` takes `y` as the app does, names the chapter by number and title, and says
/// how to get the kept copy back (issue 20).
#[test]
fn reset_takes_y_names_the_chapter_and_says_how_to_undo() {
    let (tmp, path) = with_fixture("kept.toml");
    let wb = crate::common::shipped();
    let n = wb
        .chapters
        .iter()
        .position(|c| c.id == "where-distrust-comes-from")
        .expect("chapter");
    let out = bin_with_input(
        tmp.path(),
        &["reset", "--chapter", "where-distrust-comes-from"],
        "y\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = format!("{}{}", text(&out.stderr), text(&out.stdout));
    let named = format!("chapter {}, \"{}\"", n + 1, wb.chapters[n].title);
    assert!(said.contains(&named), "{said}");
    assert!(!said.contains("\"where-distrust-comes-from\""), "{said}");
    let copies = reset_copies(tmp.path());
    assert_eq!(copies.len(), 1);
    let command = format!(
        "mv '{}' '{}'",
        tmp.path().join(&copies[0]).display(),
        path.display()
    );
    assert!(said.contains(&command), "{said}");
}

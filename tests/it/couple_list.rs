//! Issue 19: one shared list for the couple, ratings "didn't come up" (`na_label`), the
//! table of values by date, and answers schema 3 (`.v2` kept byte for byte).

use std::fs;
use std::path::Path;
use std::process::Command;

use trustbook::answers::{Answers, Status, Value};
use trustbook::comparison::{self, RowView};
use trustbook::content::{self, Workbook};
use trustbook::entry::Open;
use trustbook::export::{self, ExportMeta};

use crate::common::list;

pub(crate) const CH: &str = "check-in";
/// Before the weeks below, so every version of the list is in the past.
pub(crate) const NOW: &str = "2026-12-10T12:00:00Z";

const WORKBOOK: &str = r#"format_version = 2
id = "couple-book"
title = "A couple's check-in"
welcome = "A weekly check-in on the agreements you keep."
note = "Self-help, not therapy."
closing = "The end."
chapters = ["check-in.toml"]
"#;

const CHAPTER: &str = r#"id = "check-in"
title = "Our week"
introduction = "The agreements, then a check-in each week."

[[exercises]]
id = "agreements"
title = "Our agreements"
kind = "list"
prompt = "Which agreements do you keep?"
shared = true

[[exercises]]
id = "kept"
title = "Agreements kept"
kind = "ratings"
prompt = "How well did each agreement hold this week?"
items_from = "agreements"
min = 0
max = 10
na_label = "didn't come up"

[repeat]
rhythm = "weekly"
title = "Weekly check-in"
exercises = ["kept"]

[reflection]
prompt = "What has changed?"
"#;

/// The test workbook in a folder of its own, with `chapter` as its one chapter.
fn workbook_dir(chapter: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("workbook.toml"), WORKBOOK).expect("workbook.toml");
    fs::write(dir.path().join("check-in.toml"), chapter).expect("check-in.toml");
    dir
}

pub(crate) fn workbook() -> (tempfile::TempDir, Workbook) {
    let dir = workbook_dir(CHAPTER);
    let wb = content::load_dir(dir.path()).unwrap_or_else(|d| panic!("{d}"));
    (dir, wb)
}

fn rated(values: &[(&str, i64)], na: &[&str]) -> Value {
    Value::Ratings {
        ratings: values.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        na: na.iter().map(|s| s.to_string()).collect(),
        ids: Default::default(),
        was: Default::default(),
    }
}

/// Rates the week starting on `monday` in `answers`.
fn rate_week(answers: &mut Answers, wb: &Workbook, monday: &str, value: Value) {
    answers.route(wb);
    let started = format!("{monday}T20:00:00Z");
    let open = Open {
        id: monday.to_string(),
        started: started.clone(),
        old: false,
    };
    answers.open_entry(CH, open);
    answers.set(CH, "kept", value, started);
    answers.close_entry(CH);
}

/// Alex typed the list; sam never did, and rated the same week.
fn couple(wb: &Workbook) -> (Answers, Answers) {
    let mut alex = Answers::default();
    alex.set(
        CH,
        "agreements",
        list(&["Calls returned", "Plans kept"]),
        "2026-11-20T10:00:00Z".into(),
    );
    rate_week(
        &mut alex,
        wb,
        "2026-11-30",
        rated(&[("Calls returned", 7), ("Plans kept", 8)], &[]),
    );
    let mut sam = Answers::default();
    rate_week(
        &mut sam,
        wb,
        "2026-11-30",
        rated(&[("Calls returned", 6)], &["Plans kept"]),
    );
    (alex, sam)
}

/// What an export made on the day of [`NOW`] says of whose it is.
fn meta(profile: &str) -> ExportMeta {
    ExportMeta {
        profile: profile.into(),
        date: "2026-12-10".into(),
    }
}

fn week_rows(c: &comparison::Comparison) -> Vec<&comparison::Row> {
    c.chapters
        .iter()
        .filter(|ch| ch.week.is_some())
        .flat_map(|ch| &ch.rows)
        .collect()
}

#[test]
fn ratings_against_a_shared_list_are_compared_for_the_partner_who_did_not_type_it() {
    let (_dir, wb) = workbook();
    let (alex, sam) = couple(&wb);
    // Each way round: the partner who did not type the list rates against it too.
    for (me, partner) in [(("alex", &alex), ("sam", &sam)), (("sam", &sam), ("alex", &alex))] {
        let c = comparison::compare_at(&wb, me, partner, None, NOW);
        let rows = week_rows(&c);
        assert_eq!(rows.len(), 1, "{}", comparison::render_text(&c, 100));
        assert!(
            matches!(rows[0].view, RowView::Both { .. }),
            "{} sees the week blind: {}",
            me.0,
            comparison::render_text(&c, 100)
        );
        let text = comparison::render_text(&c, 100);
        assert!(text.contains("Calls returned: 6"), "{text}");
        assert!(text.contains("Calls returned: 7"), "{text}");
        assert!(text.contains("Plans kept: didn't come up"), "{text}");
    }
}

#[test]
fn the_partner_who_did_not_type_the_list_has_a_done_week() {
    let (_dir, wb) = workbook();
    let (alex, mut sam) = couple(&wb);
    let ex = wb.chapters[0]
        .exercises
        .iter()
        .find(|e| e.id == "kept")
        .expect("kept")
        .clone();
    let week = |a: &mut Answers| {
        a.route(&wb);
        a.open_entry(
            CH,
            Open {
                id: "2026-11-30".into(),
                started: "2026-11-30T20:00:00Z".into(),
                old: true,
            },
        );
        let s = a.status(CH, &ex);
        a.close_entry(CH);
        s
    };
    // Judged against an empty list, sam's week was never done.
    assert_eq!(week(&mut sam), Status::Started);
    sam.take_shared(&wb, "alex", &alex, NOW);
    assert_eq!(week(&mut sam), Status::Done);
    assert_eq!(
        sam.shared_changed(CH, "agreements"),
        Some((Some("alex"), "2026-11-20T10:00:00Z"))
    );
    // Taken in, never written into sam's own answers.
    assert!(sam.own(CH, "agreements").is_none());
}

#[test]
fn a_partners_list_dated_in_the_future_is_never_the_latest() {
    let (_dir, wb) = workbook();
    let mut mine = Answers::default();
    mine.set(CH, "agreements", list(&["Mine"]), "2026-12-01T10:00:00Z".into());
    for (when, what) in [
        ("9999-12-31T00:00:00Z", "dated far ahead"),
        ("yesterday", "not a time"),
    ] {
        let mut theirs = Answers::default();
        theirs.set(CH, "agreements", list(&["Theirs"]), when.into());
        let mut me = mine.clone();
        me.take_shared(&wb, "sam", &theirs, NOW);
        assert_eq!(me.shared_from(CH, "agreements"), None, "{what}");
        assert_eq!(
            me.get(CH, "agreements").map(|a| &a.value),
            Some(&list(&["Mine"])),
            "{what}"
        );
    }
    // An own version dated ahead does not hide a partner's real later change, and my
    // next edit is the latest again.
    let mut ahead = Answers::default();
    ahead.set(
        CH,
        "agreements",
        list(&["Mine, clock wrong"]),
        "9999-01-01T00:00:00Z".into(),
    );
    let mut theirs = Answers::default();
    theirs.set(CH, "agreements", list(&["Theirs"]), "2026-12-05T10:00:00Z".into());
    ahead.take_shared(&wb, "sam", &theirs, NOW);
    assert_eq!(
        ahead.get(CH, "agreements").map(|a| &a.value),
        Some(&list(&["Theirs"]))
    );
    ahead.set(
        CH,
        "agreements",
        list(&["Mine, fixed"]),
        "2026-12-10T12:00:00Z".into(),
    );
    assert_eq!(
        ahead.get(CH, "agreements").map(|a| &a.value),
        Some(&list(&["Mine, fixed"]))
    );
}

#[test]
fn a_week_rated_partly_didnt_come_up_is_done_shown_and_left_out_of_trends() {
    let (_dir, wb) = workbook();
    let (alex, sam) = couple(&wb);
    let mut sam = sam;
    sam.take_shared(&wb, "alex", &alex, NOW);
    let entries: Vec<&trustbook::entry::Entry> = sam.live_entries(CH).collect();
    let series = trustbook::entry::series(&wb.chapters[0], &entries);
    let plans = series.iter().find(|s| s.name.ends_with("Plans kept"));
    // "Plans kept" has no value in any week: no trend of it, or one with no value.
    assert!(
        plans.is_none_or(|s| entries.iter().all(|e| s.value_in(e).is_none())),
        "{series:?}"
    );
    let calls = series
        .iter()
        .find(|s| s.name.ends_with("Calls returned"))
        .expect("calls");
    let values: Vec<Option<i64>> = entries.iter().map(|e| calls.value_in(e)).collect();
    assert_eq!(values, [Some(6)]);
    let meta = meta("sam");
    let md = export::markdown(&wb, &sam, &meta, false);
    assert!(md.contains("Plans kept: didn't come up"), "{md}");
    assert!(md.contains("n/a"), "{md}");
    let json = export::json(&wb, &sam, &meta, false);
    assert!(json.contains("\"version\": 3"), "{json}");
    let back = export::parse_json(&json).expect("imports");
    assert_eq!(back.answers.entries, sam.entries);
    // Without a mark but with a list, the export is version 3 too: it carries item ids.
    let alex_json = export::json(&wb, &alex, &meta, false);
    assert!(
        alex_json.contains("\"version\": 3") && alex_json.contains("\"ids\""),
        "{alex_json}"
    );
}

#[test]
fn values_by_date_has_a_column_per_rated_item() {
    let (_dir, wb) = workbook();
    let (alex, _) = couple(&wb);
    let mut alex = alex;
    // An item since taken out of the list keeps its column.
    rate_week(&mut alex, &wb, "2026-11-23", rated(&[("Old agreement", 4)], &[]));
    let meta = meta("alex");
    let md = export::markdown(&wb, &alex, &meta, false);
    let head = md
        .lines()
        .find(|l| l.starts_with('|') && l.contains("Calls returned"))
        .unwrap_or_else(|| panic!("no table of values with the list's items:\n{md}"));
    for item in ["Calls returned", "Plans kept", "Old agreement"] {
        assert!(head.contains(item), "{item}: {head}");
    }
}

#[test]
fn na_label_is_checked_with_its_position_and_a_suggestion() {
    let empty = workbook_dir(&CHAPTER.replace("na_label = \"didn't come up\"", "na_label = \" \""));
    let e = content::load_dir(empty.path())
        .expect_err("empty na_label")
        .to_string();
    assert!(
        e.contains("check-in.toml:20:12:") && e.contains("`na_label`") && e.contains("empty"),
        "{e}"
    );
    let typo = workbook_dir(&CHAPTER.replace("na_label =", "na_lable ="));
    let e = content::load_dir(typo.path()).expect_err("typo").to_string();
    assert!(
        e.contains("na_lable") && e.contains("did you mean `na_label`"),
        "{e}"
    );
    let elsewhere = workbook_dir(&CHAPTER.replace("shared = true", "shared = true\nna_label = \"x\""));
    let e = content::load_dir(elsewhere.path())
        .expect_err("na_label on a list")
        .to_string();
    assert!(e.contains("na_label"), "{e}");
}

#[test]
fn a_schema_2_file_is_kept_as_v2_byte_for_byte_and_every_word_survives() {
    let (_dir, wb) = workbook();
    let data = tempfile::tempdir().expect("data");
    let original = "schema_version = 2\nworkbook = \"couple-book\"\n\n\
        [answers.check-in.agreements]\nchanged = \"2026-11-20T10:00:00Z\"\nkind = \"list\"\n\
        items = [\"Calls returned\", \"Plans kept\"]\n\n\
        [[entries.check-in]]\nid = \"2026-11-30\"\nstarted = \"2026-11-30T20:00:00Z\"\n\n\
        [entries.check-in.answers.kept]\nchanged = \"2026-11-30T20:00:00Z\"\nkind = \"ratings\"\n\n\
        [entries.check-in.answers.kept.ratings]\n\"Calls returned\" = 7\n\"Plans kept\" = 8\n";
    let path = data.path().join("default.toml");
    fs::write(&path, original).expect("write");
    let opts = trustbook::store::StoreOptions {
        data_dir: Some(data.path().to_path_buf()),
        profile: "default".into(),
    };
    let (mut store, saved) = trustbook::store::Store::open(&opts, &wb.id).expect("opens");
    assert_eq!(saved.older_schema, Some(2));
    let copy = data.path().join("default.toml.v2");
    assert_eq!(fs::read_to_string(&copy).expect(".v2"), original);
    store.save(&saved.answers, saved.place.as_ref()).expect("saves");
    drop(store);
    let text = fs::read_to_string(&path).expect("read");
    assert!(text.starts_with("schema_version = 3\n"), "{text}");
    for word in ["Calls returned", "Plans kept", "= 7", "= 8", "2026-11-30"] {
        assert!(text.contains(word), "{word} lost:\n{text}");
    }
    // Opened again: the same answers, the copy untouched and not made twice.
    let (_store, again) = trustbook::store::Store::open(&opts, &wb.id).expect("opens again");
    assert_eq!(again.answers, saved.answers);
    assert_eq!(again.older_schema, None);
    assert_eq!(fs::read_to_string(&copy).expect(".v2"), original);
}

/// The binary on data folder `data`, with the test workbook.
pub(crate) fn run(content: &Path, data: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_trustbook"))
        .env("TRUSTBOOK_DATA_DIR", data)
        .env("TRUSTBOOK_NOW", NOW)
        .arg("--content")
        .arg(content)
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Writes `answers` as profile `name`'s answers file in `data`.
pub(crate) fn write_profile(data: &Path, name: &str, wb: &Workbook, answers: &Answers) {
    fs::create_dir_all(data).expect("data dir");
    let text = trustbook::store::encode(answers, None, &wb.id);
    fs::write(data.join(format!("{name}.toml")), text).expect("answers file");
}

#[test]
fn the_couples_weekly_cycle_on_two_data_folders_with_one_shared_list() {
    let (content, wb) = workbook();
    let (alex, sam) = couple(&wb);
    let (alex_dir, sam_dir) = (
        tempfile::tempdir().expect("alex"),
        tempfile::tempdir().expect("sam"),
    );
    write_profile(alex_dir.path(), "alex", &wb, &alex);
    write_profile(sam_dir.path(), "sam", &wb, &sam);
    // Each exports; the other imports: the only way a partner's list arrives.
    let outside = tempfile::tempdir().expect("exports");
    let alex_export = outside.path().join("alex.json");
    let sam_export = outside.path().join("sam.json");
    let c = content.path();
    run(
        c,
        alex_dir.path(),
        &[
            "export",
            "--profile",
            "alex",
            "--format",
            "json",
            "--output",
            alex_export.to_str().unwrap_or_default(),
        ],
    );
    run(
        c,
        sam_dir.path(),
        &[
            "export",
            "--profile",
            "sam",
            "--format",
            "json",
            "--output",
            sam_export.to_str().unwrap_or_default(),
        ],
    );
    run(
        c,
        sam_dir.path(),
        &[
            "import",
            alex_export.to_str().unwrap_or_default(),
            "--profile",
            "alex",
        ],
    );
    run(
        c,
        alex_dir.path(),
        &[
            "import",
            sam_export.to_str().unwrap_or_default(),
            "--profile",
            "sam",
        ],
    );
    for (dir, me, partner) in [(&sam_dir, "sam", "alex"), (&alex_dir, "alex", "sam")] {
        let text = run(
            c,
            dir.path(),
            &["compare", me, partner, "--width", "100", "--week", "2026-11-30"],
        );
        for line in [
            "Calls returned: 6",
            "Calls returned: 7",
            "Plans kept: 8",
            "Plans kept: didn't come up",
        ] {
            assert!(text.contains(line), "{me}: {line}\n{text}");
        }
        assert!(!text.to_lowercase().contains("waiting on"), "{me}: {text}");
        // The Markdown export rates against the same one list.
        let md = run(c, dir.path(), &["export", "--profile", me]);
        assert!(md.contains("Calls returned"), "{me}: {md}");
        assert!(!md.contains("Calls returned: not rated"), "{me}: {md}");
    }
    // Sam's own file never took alex's list in.
    let sam_file = fs::read_to_string(sam_dir.path().join("sam.toml")).expect("sam.toml");
    assert!(!sam_file.contains("[answers.check-in.agreements]"), "{sam_file}");
}

mod share_whole {
    use ratatui::crossterm::event::KeyCode;
    use trustbook::answers::{Answer, Answers, Value};
    use trustbook::app::{Action, Context, Go, Screen, keys};
    use trustbook::entry::Entry;

    use crate::common::{app_with, char_key, ctrl, practice, press, render, send};

    const TR: &str = "thought-record";

    fn private(text: &str, at: &str) -> Answer {
        Answer {
            changed: at.to_string(),
            private: true,
            skipped: false,
            value: Value::Text {
                text: text.to_string(),
            },
        }
    }

    /// Two thought records, every answer private (as that part starts), and a private
    /// answer given once elsewhere.
    fn answers() -> Answers {
        let mut a = Answers::default();
        let mut older = Entry::new("2026-11-20T10:00:00Z".into(), "2026-11-20T10:00:00Z".into());
        older
            .answers
            .insert("situation".into(), private("older fight", "2026-11-20T10:01:00Z"));
        let mut newer = Entry::new("2026-11-27T10:00:00Z".into(), "2026-11-27T10:00:00Z".into());
        newer
            .answers
            .insert("situation".into(), private("the dishes", "2026-11-27T10:01:00Z"));
        newer.answers.insert(
            "other-view".into(),
            private("tired, not cruel", "2026-11-27T10:02:00Z"),
        );
        newer.answers.insert(
            "before".into(),
            Answer {
                value: Value::Scale { value: 80 },
                ..private("", "2026-11-27T10:03:00Z")
            },
        );
        a.entries.insert(TR.into(), vec![older, newer]);
        crate::common::put(
            &mut a,
            "check-in",
            "agreements",
            true,
            crate::common::list(&["our secret"]),
        );
        a
    }

    fn open_entries(app: &mut trustbook::app::App) {
        send(app, char_key('t'));
        press(app, KeyCode::Down);
        send(app, char_key('e'));
        assert_eq!(app.screen(), Screen::Entries(1));
    }

    fn marks(app: &trustbook::app::App, id: &str) -> Vec<bool> {
        let e = app.answers().entry(TR, id).expect("entry");
        e.answers.values().map(|a| a.private).collect()
    }

    #[test]
    fn an_after_a_fight_entry_is_shared_whole_with_one_key_and_undone() {
        let before = answers();
        let mut app = app_with(practice(), before.clone(), None);
        open_entries(&mut app);
        // Asks first; Esc changes nothing.
        send(&mut app, char_key('s'));
        let asked = render(&app, 80, 24);
        assert!(asked.contains("Press y to share every answer"), "{asked}");
        press(&mut app, KeyCode::Esc);
        assert_eq!(app.screen(), Screen::Entries(1));
        assert_eq!(app.answers(), &before);
        // Asked again and answered yes: every answer of the newest entry, nothing else.
        send(&mut app, char_key('s'));
        let fx = send(&mut app, char_key('y'));
        assert!(fx.contains(&trustbook::app::Effect::Save), "{fx:?}");
        assert_eq!(marks(&app, "2026-11-27T10:00:00Z"), [false, false, false]);
        assert_eq!(marks(&app, "2026-11-20T10:00:00Z"), [true]);
        assert!(
            app.answers()
                .get("check-in", "agreements")
                .is_some_and(|a| a.private)
        );
        let said = render(&app, 80, 24);
        assert!(said.contains("Shared the 3 private answers"), "{said}");
        // Ctrl+Z (or u) puts every mark and time back as it was.
        send(&mut app, ctrl('z'));
        assert_eq!(app.answers(), &before);
        let said = render(&app, 80, 24);
        assert!(said.contains("private again"), "{said}");
        send(&mut app, char_key('s'));
        send(&mut app, char_key('y'));
        send(&mut app, char_key('u'));
        assert_eq!(app.answers(), &before);
    }

    #[test]
    fn help_and_footer_list_sharing_an_entry_whole() {
        let share = Action::Go(Go::ShareEntry);
        assert_eq!(keys::label_of(Context::Entries, &share), "s");
        let mut app = app_with(practice(), answers(), None);
        open_entries(&mut app);
        for (w, h) in [(120, 40), (150, 50)] {
            let footer = render(&app, w, h);
            let last = footer
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or_default();
            assert!(
                last.contains("s share entry") && last.contains("Esc contents"),
                "{footer}"
            );
        }
        send(&mut app, char_key('?'));
        let help = render(&app, 150, 50);
        assert!(
            help.contains("share entry") && help.contains("undo sharing"),
            "{help}"
        );
    }

    /// The real binary in a pseudo-terminal: a thought record written, shared whole from
    /// the entries screen (asked first), and the marks put back with `u`; the file shows
    /// each step.
    #[test]
    fn sharing_an_entry_whole_in_the_real_app_and_undoing_it() {
        use crate::common::pty::{POLL, Spawn, TIMEOUT, keys as k};
        let data = tempfile::tempdir().expect("data");
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/practice-workbook");
        let mut pty = Spawn::default()
            .content(&dir)
            .data_dir(data.path())
            .env("TRUSTBOOK_NOW", "2026-12-08T19:00:00Z")
            .args(["--profile", "alex"])
            .size(100, 40)
            .start();
        let private_marks = |want: bool| {
            let path = data.path().join("alex.toml");
            let deadline = std::time::Instant::now() + TIMEOUT;
            loop {
                let saved = trustbook::store::read_answers(&path, "alex", "practice-workbook")
                    .ok()
                    .flatten();
                let marks: Vec<bool> = saved
                    .iter()
                    .flat_map(|s| s.answers.entries.get(TR).into_iter().flatten())
                    .flat_map(|e| e.answers.values().map(|a| a.private))
                    .collect();
                if !marks.is_empty() && marks.iter().all(|m| *m == want) {
                    return;
                }
                assert!(
                    std::time::Instant::now() < deadline,
                    "marks {marks:?}, wanted all {want}"
                );
                std::thread::sleep(POLL);
            }
        };
        pty.wait_for("Contents");
        pty.command(b"t");
        pty.wait_for("Thought record");
        pty.command(k::DOWN);
        pty.command(b"e");
        pty.wait_for("Thought record: every entry, newest first");
        pty.command(b"n");
        pty.wait_for("Where were you");
        pty.type_seen("We argued about the dishes");
        pty.command(k::ESC);
        pty.wait_for("Thought record: every entry, newest first");
        private_marks(true);
        pty.command(b"s");
        pty.wait_for("Press y to share every answer");
        pty.command(b"y");
        pty.wait_for("Shared the 1 private answer in this entry");
        private_marks(false);
        pty.command(b"u");
        pty.wait_for("private again");
        private_marks(true);
        pty.send(k::CTRL_Q);
        assert!(pty.wait_exit().success(), "{}", pty.framed_screen());
    }
}

#[test]
fn the_shared_list_says_who_changed_it_last_and_when() {
    use crate::common::{app_with, place, render};
    let (_dir, wb) = workbook();
    let (alex, sam) = couple(&wb);
    let at_list = Some(place(CH, Some("agreements")));
    // Alex's own version is the latest: alex is told so.
    let app = app_with(wb.clone(), alex.clone(), at_list.clone()).with_partners(vec!["sam".into()]);
    let mut app = app;
    app.update(trustbook::app::Action::Go(trustbook::app::Go::Continue));
    let shown = render(&app, 80, 24);
    assert!(shown.contains("you changed it last (2026-11-20)"), "{shown}");
    // Sam, who never typed it, sees alex's version and whose it is.
    let mut sam = sam;
    sam.take_shared(&wb, "alex", &alex, NOW);
    let mut app = app_with(wb, sam, at_list).with_partners(vec!["alex".into()]);
    app.update(trustbook::app::Action::Go(trustbook::app::Go::Continue));
    let shown = render(&app, 80, 24);
    assert!(shown.contains("as alex last changed it (2026-11-20)"), "{shown}");
    assert!(shown.contains("Calls returned"), "{shown}");
}

/// The couple's list in effect is the partner's version: the person's own Markdown shows
/// it as the app does, saying whose it is, while their JSON (which goes to the partner)
/// carries only their own answers.
#[test]
fn a_shared_list_the_partner_typed_is_in_the_markdown_but_not_the_json() {
    let (_dir, wb) = workbook();
    let (alex, mut sam) = couple(&wb);
    let meta = meta("sam");
    let item = |md: &str, text: &str| md.lines().any(|l| l == format!("- {text}"));
    let before = export::markdown(&wb, &sam, &meta, false);
    assert!(!item(&before, "Calls returned"), "{before}");
    sam.take_shared(&wb, "alex", &alex, NOW);
    let md = export::markdown(&wb, &sam, &meta, false);
    assert!(
        md.contains("*Your shared list, as alex last changed it (2026-11-20).*"),
        "{md}"
    );
    assert!(item(&md, "Calls returned") && item(&md, "Plans kept"), "{md}");
    let json = export::json(&wb, &sam, &meta, false);
    assert!(!json.contains("\"agreements\""), "{json}");
    // Once sam changes the list, it is sam's own version, with no line about alex.
    sam.set(
        CH,
        "agreements",
        list(&["Calls returned"]),
        "2026-12-09T10:00:00Z".into(),
    );
    let md = export::markdown(&wb, &sam, &meta, false);
    assert!(!md.contains("as alex last changed it"), "{md}");
    assert!(item(&md, "Calls returned") && !item(&md, "Plans kept"), "{md}");
}

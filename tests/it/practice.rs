//! Practice over time: entries of repeated parts, driven by keys through the app
//! (the weekly check-in and the thought record of `tests/fixtures/practice-workbook`).

use ratatui::crossterm::event::KeyCode;
use trustbook::answers::{Answers, Timestamp, Value, now_utc};
use trustbook::app::{App, Screen};
use trustbook::comparison::{self, RowView};
use trustbook::content::{self, Rhythm, Workbook};
use trustbook::entry::{self, Entry, Open};

use crate::common::{app_with, char_key, items_of, list, practice, press, rated, render, send, type_str};

const CHECK_IN: &str = "check-in";
const RECORD: &str = "thought-record";

/// The Monday `weeks` weeks before this week's, as an entry id.
fn weeks_ago(weeks: i64) -> String {
    let today = trustbook::date::parse(&trustbook::date::day_of(&now_utc())).unwrap_or(0);
    trustbook::date::civil_from_days(trustbook::date::monday_of(today) - 7 * weeks)
}

/// A check-in entry for the week `id` with a trust value.
fn week(answers: &mut Answers, wb: &Workbook, id: &str, trust: i64) {
    week_with(answers, wb, id, "trust-this-week", Value::Scale { value: trust });
}

/// A check-in entry for the week `id` whose exercise `ex` holds `value`.
fn week_with(answers: &mut Answers, wb: &Workbook, id: &str, ex: &str, value: Value) {
    answers.route(wb);
    let started = format!("{id}T09:00:00Z");
    answers.open_entry(
        CHECK_IN,
        Open {
            id: id.to_string(),
            started: started.clone(),
            old: false,
        },
    );
    answers.set(CHECK_IN, ex, value, started);
    answers.close_entry(CHECK_IN);
}

/// From the welcome screen to the entries screen of chapter `c` (no chapter expanded).
fn open_entries(app: &mut App, c: usize) {
    send(app, char_key('t'));
    for _ in 0..c {
        press(app, KeyCode::Down);
    }
    send(app, char_key('e'));
    assert_eq!(app.screen(), Screen::Entries(c));
}

#[test]
fn the_check_in_opens_this_weeks_entry_and_keeps_the_last_ones() {
    let wb = practice();
    let mut answers = Answers::default();
    week(&mut answers, &wb, &weeks_ago(2), 4);
    week(&mut answers, &wb, &weeks_ago(1), 6);
    let mut app = app_with(wb, answers, None);
    // The welcome offers this week's check-in, which opens on its first exercise.
    let shown = render(&app, 80, 24);
    assert!(
        shown.contains("Weekly check-in: this week's is not done yet"),
        "{shown}"
    );
    let items = app.welcome_items();
    let due = items
        .iter()
        .position(|i| matches!(i, trustbook::app::WelcomeItem::Due(0)))
        .expect("a due item");
    for _ in 0..due {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    // On the day after a week (a Monday), last week's unfinished check-in is still open
    // to finish, and the app asks which week this is: this one.
    if app.week_question().is_some() {
        press(&mut app, KeyCode::Char('t'));
    }
    assert_eq!(app.screen(), Screen::Exercise(0, 1));
    let this_week = entry::id_for(Rhythm::Weekly, &now_utc());
    assert_eq!(app.open_entry(0).map(|o| o.id.as_str()), Some(this_week.as_str()));
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Weekly check-in · week of"), "{screen}");
    press(&mut app, KeyCode::Tab);
    send(&mut app, char_key('8'));
    let a = app.answers();
    let weeks: Vec<(&str, Option<&Value>)> = a
        .live_entries(CHECK_IN)
        .map(|e| (e.id.as_str(), e.answers.get("trust-this-week").map(|x| &x.value)))
        .collect();
    assert_eq!(weeks.len(), 3, "{weeks:?}");
    assert_eq!(weeks[2], (this_week.as_str(), Some(&Value::Scale { value: 8 })));
    assert_eq!(
        weeks[0].1,
        Some(&Value::Scale { value: 4 }),
        "the old week is untouched"
    );
    // The agreements list is answered once, outside the entries.
    assert!(
        a.single
            .get(CHECK_IN)
            .is_none_or(|c| !c.contains_key("trust-this-week"))
    );

    // The entries screen lists them newest first, with the trend as text.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    open_entries(&mut app, 0);
    assert_eq!(app.entry_rows()[0].id, this_week);
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Trust this week"), "{screen}");
    assert!(screen.contains("values, newest first:"), "{screen}");
    let wanted = |v: i64, weeks: i64| {
        let day = trustbook::date::parse(&weeks_ago(weeks)).unwrap_or(0);
        let d = trustbook::date::readable(day);
        let this_year = trustbook::date::day_of(&now_utc())[..4].to_string();
        let shown = d.strip_suffix(&format!(" {this_year}")).unwrap_or(&d).to_string();
        format!("{shown}: {v}")
    };
    for (v, w) in [(8, 0), (6, 1), (4, 2)] {
        assert!(
            screen.contains(&wanted(v, w)),
            "{} missing in\n{screen}",
            wanted(v, w)
        );
    }
}

#[test]
fn thought_records_are_listed_read_edited_deleted_and_restored() {
    let mut app = app_with(practice(), Answers::default(), None);
    open_entries(&mut app, 1);
    assert!(render(&app, 80, 24).contains("No entry yet"));
    for what in ["first upset", "second upset", "third upset"] {
        send(&mut app, char_key('n'));
        assert_eq!(app.screen(), Screen::Exercise(1, 0));
        type_str(&mut app, what);
        press(&mut app, KeyCode::Tab);
        open_entries_from_exercise(&mut app);
    }
    let rows = app.entry_rows();
    assert_eq!(rows.len(), 3, "{rows:?}");
    let text_of = |app: &App, id: &str| match app
        .answers()
        .entry(RECORD, id)
        .and_then(|e| e.answers.get("situation"))
        .map(|a| &a.value)
    {
        Some(Value::Text { text }) => text.clone(),
        other => format!("{other:?}"),
    };
    assert_eq!(text_of(&app, &rows[0].id), "third upset", "newest first");
    assert_eq!(text_of(&app, &rows[2].id), "first upset");
    // Thought records are personal: they start private.
    let first = app.answers().entry(RECORD, &rows[2].id).cloned().expect("entry");
    assert!(first.answers["situation"].private);

    // The oldest, read and edited on purpose: the change is dated.
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Exercise(1, 0));
    assert!(app.open_entry(1).is_some_and(|o| o.old));
    assert!(render(&app, 80, 24).contains("an earlier entry: changes are dated"));
    type_str(&mut app, ", then I calmed down");
    press(&mut app, KeyCode::Tab);
    assert_eq!(text_of(&app, &rows[2].id), "first upset, then I calmed down");
    let edited = app
        .answers()
        .entry(RECORD, &rows[2].id)
        .and_then(|e| e.edited.clone());
    assert!(edited.is_some(), "an old entry's edit is dated");

    // Deleted after a question, kept out of sight, restored.
    open_entries_from_exercise(&mut app);
    press(&mut app, KeyCode::Down);
    send(&mut app, char_key('d'));
    assert!(app.entries_confirming());
    assert!(render(&app, 80, 24).contains("Press y to delete"));
    // The whole question is on screen, however many rows it wraps to.
    for (w, h) in [(60, 20), (80, 24), (150, 50)] {
        let words = render(&app, w, h)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            words.contains("trustbook erase removes it for good."),
            "{w}x{h}: {words}"
        );
    }
    send(&mut app, char_key('y'));
    assert_eq!(app.answers().live_entries(RECORD).count(), 2);
    let rows = app.entry_rows();
    assert!(rows[2].deleted, "{rows:?}");
    assert_eq!(text_of(&app, &rows[2].id), "second upset", "its words are kept");
    press(&mut app, KeyCode::End);
    send(&mut app, char_key('u'));
    assert_eq!(app.answers().live_entries(RECORD).count(), 3);
    // Esc or n keeps an entry that was about to be deleted.
    send(&mut app, char_key('d'));
    press(&mut app, KeyCode::Esc);
    assert!(!app.entries_confirming());
    assert_eq!(app.screen(), Screen::Entries(1));
    assert_eq!(app.answers().live_entries(RECORD).count(), 3);
}

/// From an exercise of the thought record back to its entries screen.
fn open_entries_from_exercise(app: &mut App) {
    press(app, KeyCode::Esc);
    if app.screen() != Screen::Contents {
        press(app, KeyCode::Esc);
    }
    assert_eq!(app.screen(), Screen::Contents);
    send(app, char_key('e'));
    assert_eq!(app.screen(), Screen::Entries(1));
}

#[test]
fn an_answer_given_once_before_its_exercise_repeated_moves_into_an_entry() {
    let wb = practice();
    let mut answers = Answers::default();
    answers.set(
        CHECK_IN,
        "trust-this-week",
        Value::Scale { value: 3 },
        "2026-11-25T08:00:00Z".into(),
    );
    assert_eq!(answers.single[CHECK_IN].len(), 1);
    answers.route(&wb);
    assert!(!answers.single.contains_key(CHECK_IN));
    let e: Vec<&Entry> = answers.live_entries(CHECK_IN).collect();
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].id, "2026-11-23", "the week it was written in");
    assert_eq!(e[0].answers["trust-this-week"].value, Value::Scale { value: 3 });
}

#[test]
fn weeks_are_compared_one_by_one_and_each_stays_blind_until_both_answered() {
    let wb = practice();
    let (mut alex, mut sam) = (Answers::default(), Answers::default());
    week(&mut alex, &wb, "2026-11-23", 5);
    week(&mut sam, &wb, "2026-11-23", 7);
    week(&mut alex, &wb, "2026-11-30", 6);
    let c = comparison::compare(&wb, ("alex", &alex), ("sam", &sam));
    let weeks: Vec<&str> = c.chapters.iter().filter_map(|ch| ch.week.as_deref()).collect();
    assert_eq!(weeks, ["2026-11-30", "2026-11-23"], "newest first");
    // The chapter's closing reflection comes after its weeks, as it is asked.
    let of_check_in: Vec<_> = c.chapters.iter().filter(|ch| ch.id == CHECK_IN).collect();
    let rows =
        |ch: &comparison::ChapterRows| ch.rows.iter().map(|r| r.exercise_id.clone()).collect::<Vec<_>>();
    assert_eq!(rows(of_check_in[0]), ["agreements"]);
    assert_eq!(rows(of_check_in[of_check_in.len() - 1]), ["reflection"]);
    let trust = |week: &str| {
        let ch = c
            .chapters
            .iter()
            .find(|ch| ch.week.as_deref() == Some(week))
            .expect("week");
        ch.rows
            .iter()
            .find(|r| r.exercise_id == "trust-this-week")
            .expect("row")
            .view
            .clone()
    };
    assert!(matches!(trust("2026-11-23"), RowView::Both { .. }));
    assert!(
        matches!(trust("2026-11-30"), RowView::Hidden { .. }),
        "sam has not answered that week"
    );
    let text = comparison::render_text(&c, 80);
    assert!(
        !text.contains("6/10") && !text.contains(": 6"),
        "alex's week alone is hidden:\n{text}"
    );
    assert!(text.contains("week of 23 Nov – 29 Nov 2026"), "{text}");
    // One week picked, the others left out.
    let one = comparison::compare_week(&wb, ("alex", &alex), ("sam", &sam), Some("2026-11-23"));
    assert_eq!(one.chapters.iter().filter(|ch| ch.week.is_some()).count(), 1);
    // Left: the answers given once (2 + 1 reflections and the list) and that week's three.
    assert_eq!(
        (one.summary.total, one.summary.shown),
        (6, 1),
        "{:?}",
        one.summary
    );
    assert_eq!(c.summary.total, 9, "{:?}", c.summary);
}

// ---------------------------------------------------------------- on screen

#[test]
fn the_entries_screen_and_an_old_entry_look_right_at_every_size() {
    let wb = practice();
    let mut answers = Answers::default();
    for (w, (monday, trust)) in [
        ("2026-11-02", 5),
        ("2026-11-09", 6),
        ("2026-11-16", 4),
        ("2026-11-23", 8),
    ]
    .into_iter()
    .enumerate()
    {
        week(&mut answers, &wb, monday, trust);
        answers.open_entry(
            CHECK_IN,
            Open {
                id: monday.to_string(),
                started: format!("{monday}T09:00:00Z"),
                old: false,
            },
        );
        let ratings = rated(&[
            ("Phone calls returned the same day", 4 + w as i64),
            ("Plans changed with a message first", 7),
        ]);
        answers.set(CHECK_IN, "kept", ratings, format!("{monday}T09:01:00Z"));
        answers.close_entry(CHECK_IN);
    }
    answers.set_deleted(CHECK_IN, "2026-11-16", Some("2026-11-24T10:00:00Z".into()));
    let mut app = app_with(wb, answers, None);
    open_entries(&mut app, 0);
    for (w, h) in [(60, 20), (80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("entries_{w}x{h}"), render(&app, w, h));
    }
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    for (w, h) in [(60, 20), (80, 24)] {
        insta::assert_snapshot!(format!("old_entry_{w}x{h}"), render(&app, w, h));
    }
}

// ---------------------------------------------------------------- the validator

/// The diagnostics of a format 2 workbook whose one chapter ends with `tail`.
fn repeat_errors(tail: &str, version: i64) -> Vec<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let workbook = format!(
        "format_version = {version}\nid = \"w\"\ntitle = \"W\"\nwelcome = \"Hi.\"\nnote = \"Self-help.\"\nclosing = \"End.\"\nchapters = [\"a.toml\"]\n"
    );
    std::fs::write(dir.path().join("workbook.toml"), workbook).expect("write");
    let chapter = format!(
        "id = \"a\"\ntitle = \"A\"\nintroduction = \"Intro.\"\n\n[[exercises]]\nid = \"trust\"\nkind = \"scale\"\ntitle = \"Trust\"\nprompt = \"How much?\"\nmin = 0\nmax = 10\nmin_label = \"no\"\nmax_label = \"yes\"\n\n[[exercises]]\nid = \"notes\"\nkind = \"text\"\ntitle = \"Notes\"\nprompt = \"Notes.\"\n\n[reflection]\nprompt = \"So?\"\n\n{tail}"
    );
    std::fs::write(dir.path().join("a.toml"), chapter).expect("write");
    match content::load_dir(dir.path()) {
        Ok(_) => Vec::new(),
        Err(d) => d.0.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn a_good_repeat_loads_in_chapter_order() {
    assert_eq!(
        repeat_errors(
            "[repeat]\nrhythm = \"weekly\"\ntitle = \"Check-in\"\nexercises = [\"notes\", \"trust\"]\n",
            2
        ),
        Vec::<String>::new()
    );
}

#[test]
fn every_mistake_in_a_repeat_is_named_where_it_is() {
    let cases: [(&str, &[&str]); 7] = [
        (
            "[repeat]\nrhythm = \"weakly\"\ntitle = \"C\"\n",
            &["a.toml:25:10: `rhythm = \"weakly\"` in `[repeat]` is not a rhythm; did you mean `weekly`?"],
        ),
        (
            "[repeat]\nrhythm = \"daily\"\ntitle = \"C\"\n",
            &["a.toml:25:10: `rhythm = \"daily\"` in `[repeat]` is not a rhythm; use `weekly`"],
        ),
        (
            "[repeat]\nrhythm = \"weekly\"\n",
            &["a.toml:24:1: missing required key `title` in `[repeat]`"],
        ),
        (
            "[repeat]\nrhythm = \"weekly\"\ntitle = \"C\"\nexercises = [\"trsut\", \"reflection\", \"notes\", \"notes\"]\n",
            &[
                "a.toml:27:14: `exercises` in `[repeat]` names `trsut`, which is no exercise of this chapter; did you mean `trust`?",
                "a.toml:27:23: `exercises` in `[repeat]` names the closing reflection",
                "a.toml:27:46: `exercises` in `[repeat]` names `notes` twice",
            ],
        ),
        (
            "[repeat]\nrhythm = \"weekly\"\ntitle = \"C\"\nexercises = [\"trust\"]\nsuggest_previous = [\"notes\"]\n",
            &[
                "a.toml:28:21: `suggest_previous` in `[repeat]` names `notes`, which is not one of the repeated exercises",
            ],
        ),
        (
            "[repeat]\nrhythm = \"weekly\"\ntitle = \"C\"\nexercise = [\"trust\"]\n",
            &["a.toml:27:1: unknown key `exercise` in `[repeat]`; did you mean `exercises`?"],
        ),
        (
            "[repeat]\nrhythm = \"weekly\"\ntitle = \"C\"\nexercises = []\n",
            &["a.toml:27:13: `exercises` in `[repeat]` is empty"],
        ),
    ];
    for (tail, expected) in cases {
        let got = repeat_errors(tail, 2);
        assert_eq!(got.len(), expected.len(), "{tail}\n{got:#?}");
        for (g, e) in got.iter().zip(expected) {
            assert!(g.starts_with(e), "{tail}\nexpected `{e}`\n got `{g}`");
        }
    }
    let v1 = repeat_errors("[repeat]\nrhythm = \"weekly\"\ntitle = \"C\"\n", 1);
    assert_eq!(v1.len(), 1, "{v1:#?}");
    assert!(
        v1[0].contains("`repeat` in the chapter is a key of format 2"),
        "{v1:#?}"
    );
}

/// Presses `code` at the made-up time `now`, as the session passes it in.
fn press_at(app: &mut App, code: KeyCode, now: Timestamp) {
    let event = crate::common::key(code);
    let action = trustbook::app::keys::action(app, &event).expect("the key means something here");
    app.update_at(action, now, &jiff::tz::TimeZone::UTC);
    crate::common::draw(app);
}

/// Weekly entries follow the time the app is given, not the clock: four made-up
/// Tuesday evenings, one check-in each, and each lands in its own week, stamped
/// with that time in the stored form (`YYYY-MM-DDTHH:MM:SSZ`).
#[test]
fn weekly_check_ins_follow_the_time_passed_in() {
    let mondays = ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"];
    let first = Timestamp::parse("2026-11-03T19:30:00Z").expect("a time");
    let mut app = app_with(practice(), Answers::default(), None).with_now(first);
    open_entries(&mut app, 0);
    for (w, monday) in mondays.iter().enumerate() {
        let now = first.plus(std::time::Duration::from_secs(7 * 86_400 * w as u64));
        press_at(&mut app, KeyCode::Char('n'), now);
        assert_eq!(app.now(), now);
        assert_eq!(
            app.open_entry(0).map(|o| o.id.as_str()),
            Some(*monday),
            "week {w}"
        );
        press_at(&mut app, KeyCode::Tab, now);
        press_at(&mut app, KeyCode::Char(char::from(b'4' + w as u8)), now);
        for _ in 0..3 {
            if app.screen() != Screen::Welcome {
                press_at(&mut app, KeyCode::Esc, now);
            }
        }
        open_entries(&mut app, 0);
    }
    let weeks: Vec<(String, String, Option<Value>)> = app
        .answers()
        .live_entries(CHECK_IN)
        .map(|e| {
            let trust = e.answers.get("trust-this-week").map(|a| a.value.clone());
            (e.id.clone(), e.started.clone(), trust)
        })
        .collect();
    let expected: Vec<(String, String, Option<Value>)> = mondays
        .iter()
        .enumerate()
        .map(|(w, m)| {
            let tuesday = trustbook::date::civil_from_days(trustbook::date::parse(m).unwrap_or(0) + 1);
            (
                m.to_string(),
                format!("{tuesday}T19:30:00Z"),
                Some(Value::Scale { value: 4 + w as i64 }),
            )
        })
        .collect();
    assert_eq!(weeks, expected);
}

// ---------------------------------------------------------------- in a real terminal

mod terminal {
    use std::path::Path;
    use std::process::Command;
    use std::time::{Duration, Instant};

    use ratatui::crossterm::event::{Event, KeyCode};
    use trustbook::answers::Timestamp;
    use trustbook::app::{Action, App, keys as key_table};
    use trustbook::persist::DiskPersistence;
    use trustbook::session::{Ending, Session};
    use trustbook::store::{Store, StoreOptions};

    use crate::common::pty::{Pty, Spawn, keys};

    fn dir() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/practice-workbook")
    }

    fn start(profile: &str, data: &Path, now: &str) -> Pty {
        Spawn::default()
            .content(&dir())
            .data_dir(data)
            .env("TRUSTBOOK_NOW", now)
            .args(["--profile", profile])
            .size(100, 40)
            .start()
    }

    /// One weekly check-in: the entries of "Our week", a new entry, two ratings, the
    /// trust scale and a note; then quit.
    fn check_in(profile: &str, data: &Path, now: &str, trust: u8, note: &str) {
        let mut pty = start(profile, data, now);
        to_entries(&mut pty);
        pty.wait_for("Weekly check-in: every entry, newest first");
        pty.command(b"n");
        pty.wait_for("How well did each agreement hold this week?");
        pty.wait_for("Weekly check-in · week of");
        pty.send(b"7");
        pty.send(keys::DOWN);
        pty.send_until(b"6", "All 2 rated.");
        pty.send_until(keys::TAB, "How much did you trust your partner this week?");
        pty.type_str(&trust.to_string());
        pty.wait_for(&format!("Your answer: {trust} / 10"));
        pty.send_until(keys::TAB, "What went well");
        pty.type_seen(note);
        pty.send_until(keys::TAB, "What has changed since the first check-in?");
        pty.send(keys::CTRL_Q);
        let status = pty.wait_exit();
        assert!(status.success(), "{status:?}:\n{}", pty.framed_screen());
        let partner = if profile == "alex" { "sam" } else { "alex" };
        share(data, profile, partner);
    }

    /// `owner` shares with `with` (`trustbook share`): consent, as a couple gives it.
    fn share(data: &Path, owner: &str, with: &str) {
        let out = Command::new(env!("CARGO_BIN_EXE_trustbook"))
            .env("TRUSTBOOK_DATA_DIR", data)
            .arg("--content")
            .arg(dir())
            .args(["share", "--profile", owner, "--with", with])
            .output()
            .expect("run share");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }

    /// The real app in a session without a terminal, and the made-up instant of its last key.
    struct InProcess {
        s: Session<DiskPersistence>,
        at: Instant,
    }

    /// The real app on `profile`'s answers in `data` without a terminal: its store opened
    /// as the binary opens it, in a session whose clock reads `now` (UTC), at 100x40.
    fn session(profile: &str, data: &Path, now: &str) -> InProcess {
        let wb = trustbook::content::load_dir(&dir()).expect("practice workbook");
        let opts = StoreOptions {
            data_dir: Some(data.to_path_buf()),
            profile: profile.to_string(),
        };
        let (store, saved) = Store::open(&opts, &wb.id).expect("open the profile");
        let persist = DiskPersistence::new(store, &wb, &saved.answers);
        let app = App::new(wb.for_display(), saved.answers, saved.place).with_profile(profile);
        let time = Timestamp::parse(now).expect("a time");
        let at = Instant::now();
        let s = Session::new(app, persist)
            .with_clock(at, time)
            .with_zone(jiff::tz::TimeZone::UTC);
        let mut p = InProcess { s, at };
        press(&mut p, Event::Resize(100, 40), Duration::ZERO);
        p
    }

    /// Sends `event` `after` the last one through the key table and the session, as the
    /// terminal loop does, and draws.
    fn press(p: &mut InProcess, event: Event, after: Duration) {
        p.at += after;
        let action = match event {
            Event::Resize(w, h) => Action::Event(trustbook::app::Event::Resize(w, h)),
            ev => key_table::action(&p.s.app, &ev).unwrap_or_else(|| panic!("{ev:?} means nothing here")),
        };
        p.s.dispatch(action, p.at, &mut |_: &str| Ok(Err(String::new())))
            .expect("no terminal to fail");
        crate::common::draw(&p.s.app);
    }

    /// The screen of the session's app at 100x40.
    fn screen(p: &InProcess) -> String {
        crate::common::render(&p.s.app, 100, 40)
    }

    /// [`check_in`] without a terminal: the same keys, a person's second between command
    /// keys, the same screens checked; then the session's final save and `share`.
    fn check_in_in_process(profile: &str, data: &Path, now: &str, trust: u8, note: &str) {
        let mut s = session(profile, data, now);
        let second = Duration::from_secs(1);
        for c in ['t', 'e'] {
            press(&mut s, crate::common::char_key(c), second);
        }
        assert!(
            screen(&s).contains("Weekly check-in: every entry, newest first"),
            "{}",
            screen(&s)
        );
        press(&mut s, crate::common::char_key('n'), second);
        let shown = screen(&s);
        assert!(
            shown.contains("How well did each agreement hold this week?"),
            "{shown}"
        );
        assert!(shown.contains("Weekly check-in · week of"), "{shown}");
        press(&mut s, crate::common::char_key('7'), second);
        press(&mut s, crate::common::key(KeyCode::Down), second);
        press(&mut s, crate::common::char_key('6'), second);
        assert!(screen(&s).contains("All 2 rated."), "{}", screen(&s));
        press(&mut s, crate::common::key(KeyCode::Tab), second);
        assert!(screen(&s).contains("How much did you trust your partner this week?"));
        press(&mut s, crate::common::char_key(char::from(b'0' + trust)), second);
        assert!(
            screen(&s).contains(&format!("Your answer: {trust} / 10")),
            "{}",
            screen(&s)
        );
        press(&mut s, crate::common::key(KeyCode::Tab), second);
        assert!(screen(&s).contains("What went well"), "{}", screen(&s));
        for c in note.chars() {
            press(&mut s, crate::common::char_key(c), Duration::from_millis(150));
        }
        assert!(screen(&s).contains(note), "{}", screen(&s));
        press(&mut s, crate::common::key(KeyCode::Tab), second);
        assert!(screen(&s).contains("What has changed since the first check-in?"));
        press(&mut s, crate::common::ctrl('q'), second);
        assert!(s.s.app.should_quit());
        assert_eq!(s.s.final_save(), Ending::Saved);
        drop(s);
        let partner = if profile == "alex" { "sam" } else { "alex" };
        share(data, profile, partner);
    }

    fn compare(data: &Path, week: &str) -> String {
        let out = Command::new(env!("CARGO_BIN_EXE_trustbook"))
            .env("TRUSTBOOK_DATA_DIR", data)
            .arg("--content")
            .arg(dir())
            .args(["compare", "alex", "sam", "--width", "100", "--week", week])
            .output()
            .expect("run compare");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Alex's first check-in is typed in the real binary, its clock set by `TRUSTBOOK_NOW`;
    /// the other seven are taken by the same app in-process with made-up times (see
    /// [`check_in_in_process`]), which keeps this test short. Comparing, the trend on
    /// screen and the export are the real binary's.
    #[test]
    fn four_weekly_check_ins_for_two_partners_stay_blind_week_by_week() {
        let data = tempfile::tempdir().expect("temp data dir");
        let mondays = ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"];
        // Sam has opened the workbook before, so the first week can be compared too.
        let mut sam = session("sam", data.path(), "2026-11-01T10:00:00Z");
        assert!(
            screen(&sam).contains("Start from the beginning"),
            "{}",
            screen(&sam)
        );
        press(&mut sam, crate::common::char_key('s'), Duration::from_secs(1));
        assert!(
            screen(&sam).contains("Chapter 1/2 · Introduction"),
            "{}",
            screen(&sam)
        );
        press(&mut sam, crate::common::ctrl('q'), Duration::from_secs(1));
        assert_eq!(sam.s.final_save(), Ending::Saved);
        drop(sam);
        for (w, monday) in mondays.iter().enumerate() {
            // Tuesday evening of that week.
            let day = trustbook::date::parse(monday).unwrap_or(0) + 1;
            let now = format!("{}T19:30:00Z", trustbook::date::civil_from_days(day));
            let (alex_note, sam_note) = (format!("alex-week-{w}"), format!("sam-week-{w}"));
            if w == 0 {
                check_in("alex", data.path(), &now, 5 + w as u8, &alex_note);
            } else {
                check_in_in_process("alex", data.path(), &now, 5 + w as u8, &alex_note);
            }
            let blind = compare(data.path(), monday);
            assert!(
                !blind.contains(&alex_note),
                "alex's week shows before sam's:\n{blind}"
            );
            assert!(blind.contains("Nothing of sam's to show yet"), "{blind}");
            check_in_in_process("sam", data.path(), &now, 3 + w as u8, &sam_note);
            let both = compare(data.path(), monday);
            assert!(both.contains(&alex_note) && both.contains(&sam_note), "{both}");
            // Earlier weeks stay as they were; other weeks are not in a one-week compare.
            if w > 0 {
                assert!(!both.contains(&format!("alex-week-{}", w - 1)), "{both}");
                let earlier = compare(data.path(), mondays[w - 1]);
                assert!(earlier.contains(&format!("sam-week-{}", w - 1)), "{earlier}");
            }
        }
        // The trend of alex's four weeks, on screen as a chart and as text.
        let mut pty = start("alex", data.path(), "2026-11-26T08:00:00Z");
        to_entries(&mut pty);
        pty.wait_for("Trends: each chart runs oldest to newest");
        pty.wait_for("values, newest first: 23 Nov: 8 · 16 Nov: 7 · 9 Nov: 6 · 2 Nov: 5");
        let screen = pty.screen();
        assert_eq!(screen.matches(" · 3/3 done").count(), 4, "{screen}");
        pty.send(keys::CTRL_Q);
        assert!(pty.wait_exit().success());

        // The Markdown export holds the four weeks as a table of values by date.
        let out = Command::new(env!("CARGO_BIN_EXE_trustbook"))
            .env("TRUSTBOOK_DATA_DIR", data.path())
            .arg("--content")
            .arg(dir())
            .args(["--profile", "alex", "export"])
            .output()
            .expect("run export");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let md = String::from_utf8_lossy(&out.stdout);
        let table: Vec<&str> = md
            .lines()
            .skip_while(|l| !l.starts_with("#### Values by date"))
            .skip(2)
            .take_while(|l| l.starts_with("| "))
            .filter(|l| !l.starts_with("| -"))
            .collect();
        assert_eq!(table.len(), 1 + 4, "a header and four weeks:\n{md}");
        let row = |dates: &str, trust: u8| {
            table.iter().any(|l| {
                let cells: Vec<&str> = l.split('|').map(str::trim).collect();
                cells.get(1) == Some(&dates) && cells.iter().rev().nth(1) == Some(&trust.to_string().as_str())
            })
        };
        for (dates, trust) in [
            ("23 Nov – 29 Nov 2026", 8),
            ("16 Nov – 22 Nov 2026", 7),
            ("9 Nov – 15 Nov 2026", 6),
            ("2 Nov – 8 Nov 2026", 5),
        ] {
            assert!(
                row(dates, trust),
                "no row {dates} with {trust}:\n{}",
                table.join("\n")
            );
        }
    }

    #[test]
    fn a_shared_list_written_by_one_partner_opens_for_the_other() {
        let data = tempfile::tempdir().expect("temp data dir");
        let mut alex = start("alex", data.path(), "2026-11-03T19:00:00Z");
        alex.wait_for("Start from the beginning");
        alex.command(b"s");
        alex.wait_for("Chapter 1/2 · Introduction");
        alex.send_until(keys::ENTER, "Which agreements do the two of you keep?");
        alex.command(b"a");
        alex.type_str("Calls returned the same day");
        alex.send_until(keys::ENTER, "1 item");
        alex.send(keys::CTRL_Q);
        assert!(alex.wait_exit().success());
        share(data.path(), "alex", "sam");

        let mut sam = start("sam", data.path(), "2026-11-04T19:00:00Z");
        sam.wait_for("Start from the beginning");
        sam.command(b"s");
        sam.wait_for("Chapter 1/2 · Introduction");
        sam.send_until(keys::ENTER, "as alex last changed it (2026-11-03)");
        sam.wait_for("Calls returned the same day");
        sam.send(keys::CTRL_Q);
        assert!(sam.wait_exit().success());
    }

    #[test]
    fn a_partner_that_cannot_be_read_for_the_shared_list_is_said() {
        let data = tempfile::tempdir().expect("temp data dir");
        std::fs::create_dir(data.path().join("partners")).expect("partners folder");
        std::fs::write(data.path().join("partners/jo.json"), "{ not an export").expect("write");
        let mut sam = start("sam", data.path(), "2026-11-04T19:00:00Z");
        sam.wait_for("shared lists leave out jo's answers");
        sam.send(keys::CTRL_Q);
        assert!(sam.wait_exit().success());
    }

    /// From the welcome screen to the entries of "Our week".
    fn to_entries(pty: &mut Pty) {
        pty.wait_for("Contents");
        pty.command(b"t");
        pty.wait_for("Our week");
        pty.command(b"e");
    }

    /// The saved answers of `profile`, which must read back.
    fn saved(data: &Path, profile: &str) -> Option<trustbook::store::Saved> {
        let path = data.join(format!("{profile}.toml"));
        trustbook::store::read_answers(&path, profile, "practice-workbook")
            .unwrap_or_else(|e| panic!("{} does not read back: {e}", path.display()))
    }

    /// Waits until the saved file of `profile` satisfies `done`.
    fn wait_saved(
        pty: &Pty,
        data: &Path,
        profile: &str,
        what: &str,
        done: impl Fn(&trustbook::store::Saved) -> bool,
    ) {
        let deadline = std::time::Instant::now() + crate::common::pty::TIMEOUT;
        while !saved(data, profile).is_some_and(|s| done(&s)) {
            assert!(
                std::time::Instant::now() < deadline,
                "{what} never saved:\n{}",
                pty.framed_screen()
            );
            std::thread::sleep(crate::common::pty::POLL);
        }
    }

    fn trust_of(s: &trustbook::store::Saved, week: &str) -> Option<trustbook::answers::Value> {
        let e = s.answers.entry("check-in", week)?;
        e.answers.get("trust-this-week").map(|a| a.value.clone())
    }

    #[test]
    fn kill_9_while_starting_editing_and_deleting_entries_keeps_what_was_saved() {
        use trustbook::answers::Value;
        let data = tempfile::tempdir().expect("temp data dir");
        let p = "kim";
        // Starting: a new entry's first answer is on disk, then a kill in the middle of a note.
        let mut pty = start(p, data.path(), "2026-11-03T19:00:00Z");
        to_entries(&mut pty);
        pty.wait_for("No entry yet");
        pty.command(b"n");
        pty.wait_for("How well did each agreement hold this week?");
        pty.send_until(keys::TAB, "How much did you trust your partner this week?");
        pty.send(b"4");
        wait_saved(&pty, data.path(), p, "the first week's trust", |s| {
            trust_of(s, "2026-11-02") == Some(Value::Scale { value: 4 })
        });
        pty.send_until(keys::TAB, "What went well");
        pty.type_str("half a no");
        pty.kill9();
        let after = saved(data.path(), p).expect("a file");
        assert_eq!(trust_of(&after, "2026-11-02"), Some(Value::Scale { value: 4 }));

        // Editing: the next week, the old entry is opened and its trust changed; the kill
        // lands right after the key, so the file has the old value or the new, whole.
        let mut pty = start(p, data.path(), "2026-11-10T19:00:00Z");
        to_entries(&mut pty);
        pty.wait_for("week of 2 Nov");
        pty.send_until(keys::ENTER, "an earlier entry: changes are dated");
        pty.send_until(keys::TAB, "Your answer: 4 / 10");
        pty.send(b"9");
        wait_saved(&pty, data.path(), p, "the edit of the old week", |s| {
            trust_of(s, "2026-11-02") == Some(Value::Scale { value: 9 })
                && s.answers
                    .entry("check-in", "2026-11-02")
                    .is_some_and(|e| e.edited.is_some())
        });
        pty.send(b"2");
        pty.kill9();
        let after = saved(data.path(), p).expect("a file");
        let v = trust_of(&after, "2026-11-02");
        assert!(matches!(v, Some(Value::Scale { value: 9 | 2 })), "{v:?}");

        // Deleting: confirmed on disk, then killed; the entry stays deleted, its words kept.
        let mut pty = start(p, data.path(), "2026-11-10T19:05:00Z");
        to_entries(&mut pty);
        pty.wait_for("week of 2 Nov");
        pty.command(b"d");
        pty.wait_for("Press y to delete");
        pty.wait_for("marked deleted");
        pty.command(b"y");
        wait_saved(&pty, data.path(), p, "the deletion", |s| {
            s.answers
                .entry("check-in", "2026-11-02")
                .is_some_and(|e| e.deleted.is_some())
        });
        pty.kill9();
        let after = saved(data.path(), p).expect("a file");
        assert!(
            after
                .answers
                .live_entries("check-in")
                .all(|e| e.id != "2026-11-02")
        );
        assert!(
            trust_of(&after, "2026-11-02").is_some(),
            "a deleted entry keeps its answers"
        );
        // And it comes back.
        let mut pty = start(p, data.path(), "2026-11-10T19:10:00Z");
        to_entries(&mut pty);
        pty.wait_for("u restores");
        pty.command(b"u");
        wait_saved(&pty, data.path(), p, "the restore", |s| {
            s.answers.live_entries("check-in").any(|e| e.id == "2026-11-02")
        });
        pty.send(keys::CTRL_Q);
        assert!(pty.wait_exit().success());
    }
}

// ---------------------------------------------------------------- the couple's shared list

#[test]
fn a_partners_later_version_of_a_shared_list_is_the_one_in_effect() {
    let wb = practice();
    let mut mine = Answers::default();
    mine.set(
        CHECK_IN,
        "agreements",
        list(&["mine, older"]),
        "2026-11-01T10:00:00Z".into(),
    );
    let mut alex = Answers::default();
    alex.set(
        CHECK_IN,
        "agreements",
        list(&["alex, newer", "second"]),
        "2026-11-05T10:00:00Z".into(),
    );
    let mut stale = Answers::default();
    stale.set(
        CHECK_IN,
        "agreements",
        list(&["kim, oldest"]),
        "2026-10-01T10:00:00Z".into(),
    );
    let mut hidden = Answers::default();
    hidden.set(
        CHECK_IN,
        "agreements",
        list(&["secret"]),
        "2026-12-01T10:00:00Z".into(),
    );
    let ex = wb.chapters[0]
        .exercises
        .iter()
        .find(|e| e.id == "agreements")
        .cloned()
        .expect("list");
    hidden.toggle_private(CHECK_IN, &ex, "2026-12-01T10:00:00Z".into());
    for (who, theirs) in [("kim", &stale), ("alex", &alex), ("jo", &hidden)] {
        mine.take_shared(&wb, who, theirs, "2026-12-31T00:00:00Z");
    }
    assert_eq!(
        mine.get(CHECK_IN, "agreements").map(|a| &a.value),
        Some(&list(&["alex, newer", "second"]))
    );
    assert_eq!(
        mine.shared_from(CHECK_IN, "agreements").map(|(w, _)| w),
        Some("alex")
    );
    // What is saved is still this person's own version.
    assert_eq!(mine.single[CHECK_IN]["agreements"].value, list(&["mine, older"]));
    // Emptied on purpose, it stays empty: the partner's older version does not come back.
    let mut emptied = mine.clone();
    emptied.set(CHECK_IN, "agreements", list(&[]), "2026-11-06T10:00:00Z".into());
    assert_eq!(
        emptied.get(CHECK_IN, "agreements").map(|a| &a.value),
        Some(&list(&[]))
    );
    assert!(emptied.shared_from(CHECK_IN, "agreements").is_none());

    // On screen: the partner's list, saying whose it is; a change makes it one's own.
    let mut app = app_with(wb, mine, None);
    send(&mut app, char_key('s'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Exercise(0, 0));
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("as alex last changed it (2026-11-05)"),
        "{screen}"
    );
    assert!(screen.contains("alex, newer"), "{screen}");
    send(&mut app, char_key('a'));
    type_str(&mut app, "ours now");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    let a = app.answers();
    assert_eq!(
        items_of(Some(&a.single[CHECK_IN]["agreements"].value)),
        ["alex, newer", "second", "ours now"]
    );
    assert!(a.shared_from(CHECK_IN, "agreements").is_none());
    assert!(!render(&app, 80, 24).contains("as alex last changed it"));
}

#[test]
fn shared_is_a_boolean_of_a_list_in_format_2() {
    let with = |kind: &str, extra: &str, version: i64| {
        let tail = format!(
            "[[exercises]]\nid = \"ours\"\nkind = \"{kind}\"\ntitle = \"Ours\"\nprompt = \"List.\"\n{extra}\n"
        );
        // After the reflection in the file: still an exercise of the chapter.
        repeat_errors(&tail, version)
    };
    assert_eq!(with("list", "shared = true", 2), Vec::<String>::new());
    let wrong = with("list", "shared = \"yes\"", 2);
    assert!(
        wrong.len() == 1 && wrong[0].contains("`shared`") && wrong[0].contains("true or false"),
        "{wrong:#?}"
    );
    let v1 = with("list", "shared = true", 1);
    assert!(
        v1.iter()
            .any(|d| d.contains("`shared` in exercise `ours` is a key of format 2")),
        "{v1:#?}"
    );
    let choice = with("choice", "options = [\"a\", \"b\"]\nshared = true", 2);
    assert!(
        choice.len() == 1 && choice[0].contains("unknown key `shared`"),
        "{choice:#?}"
    );
}

#[test]
fn the_review_says_which_entry_it_shows_and_edits_that_one() {
    let wb = practice();
    let mut answers = Answers::default();
    week(&mut answers, &wb, "2026-11-02", 3);
    week(&mut answers, &wb, "2026-11-09", 6);
    let mut app = app_with(wb, answers, None);
    send(&mut app, char_key('r'));
    let rows = app.review_rows();
    let at = rows
        .iter()
        .position(|&(c, e)| (c, e) == (0, 2))
        .expect("trust row");
    for _ in 0..at {
        press(&mut app, KeyCode::Down);
    }
    let screen = render(&app, 100, 40);
    assert!(
        screen.contains("Weekly check-in, the latest: week of 9 Nov – 15 Nov 2026"),
        "{screen}"
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Exercise(0, 2));
    assert_eq!(
        app.open_entry(0).map(|o| (o.id.as_str(), o.old)),
        Some(("2026-11-09", true))
    );
    send(&mut app, char_key('9'));
    let e = app.answers().entry(CHECK_IN, "2026-11-09").expect("entry");
    assert_eq!(e.answers["trust-this-week"].value, Value::Scale { value: 9 });
    assert!(e.edited.is_some());
    assert_eq!(
        app.answers().live_entries(CHECK_IN).count(),
        2,
        "no new week was made"
    );
}

/// An app on the practice workbook with a thought record started 9 days ago holding
/// `answers`, and the record's id.
fn record_9_days_ago(answers_given: Vec<(&str, Value)>) -> (App, String) {
    let wb = practice();
    let mut answers = Answers::default();
    answers.route(&wb);
    let today = trustbook::date::parse(&trustbook::date::day_of(&now_utc())).unwrap_or(0);
    let started = format!("{}T08:00:00Z", trustbook::date::civil_from_days(today - 9));
    answers.open_entry(
        RECORD,
        Open {
            id: started.clone(),
            started: started.clone(),
            old: false,
        },
    );
    for (ex, value) in answers_given {
        answers.set(RECORD, ex, value, started.clone());
    }
    answers.close_entry(RECORD);
    (app_with(wb, answers, None), started)
}

/// Chooses the welcome's line of what is due in the thought records; the entry opened.
fn choose_due_record(app: &mut App) -> Open {
    let at = app
        .welcome_items()
        .iter()
        .position(|i| matches!(i, trustbook::app::WelcomeItem::Due(1)))
        .expect("due");
    for _ in 0..at {
        press(app, KeyCode::Down);
    }
    press(app, KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Exercise(1, 0));
    app.open_entry(1).cloned().expect("open")
}

#[test]
fn the_welcome_says_how_long_ago_the_last_thought_record_was() {
    let (mut app, started) = record_9_days_ago(vec![("situation", Value::Text { text: "late".into() })]);
    let screen = render(&app, 60, 20);
    assert!(screen.contains("Thought record: last one 9 days ago"), "{screen}");
    let open = choose_due_record(&mut app);
    assert_eq!(
        open.id, started,
        "the unfinished record is continued, as documented"
    );
}

#[test]
fn the_welcomes_due_line_starts_a_new_record_once_the_last_is_done() {
    let (mut app, started) = record_9_days_ago(vec![
        ("situation", Value::Text { text: "late".into() }),
        ("before", Value::Scale { value: 80 }),
        (
            "other-view",
            Value::Text {
                text: "traffic".into(),
            },
        ),
        ("after", Value::Scale { value: 30 }),
    ]);
    let open = choose_due_record(&mut app);
    assert_ne!(open.id, started);
    assert!(
        app.answers().entry(RECORD, &open.id).is_none(),
        "a new record, made by its first answer"
    );
}

#[test]
fn a_bidi_control_in_a_repeat_title_is_shown_quoted() {
    let mut wb = practice();
    if let Some(r) = &mut wb.chapters[0].repeat {
        r.title = "Check\u{202e}-in".into();
    }
    let mut answers = Answers::default();
    week(&mut answers, &wb, "2026-11-02", 5);
    let mut app = app_with(wb.for_display(), answers, None);
    open_entries(&mut app, 0);
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Check<U+202E>-in"), "{screen}");
    assert!(!screen.contains('\u{202e}'), "{screen}");
}

#[test]
fn a_clock_setting_that_is_no_time_is_said_and_ignored() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_trustbook"))
        .env("TRUSTBOOK_NOW", "next tuesday")
        .args(["validate", "content"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run");
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("TRUSTBOOK_NOW=next tuesday is not a UTC time"),
        "{err}"
    );
}

#[test]
fn a_clock_outside_the_years_1970_to_9999_is_refused_with_the_range() {
    let note = |now: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_trustbook"))
            .env("TRUSTBOOK_NOW", now)
            .args(["validate", "content"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("run");
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    for out_of_range in ["10000-01-01T00:00:00Z", "1969-12-31T23:59:59Z"] {
        assert_eq!(
            note(out_of_range),
            format!(
                "note: TRUSTBOOK_NOW={out_of_range} is outside the years 1970 to 9999 the clock counts, so the real clock is used; set a time from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z.\n"
            )
        );
    }
    // The last second is a time; the clock stops there rather than roll over.
    assert_eq!(note("9999-12-31T23:59:59Z"), "");
}

#[test]
fn visiting_a_thought_record_without_writing_leaves_no_entry() {
    let mut app = app_with(practice(), Answers::default(), None);
    open_entries(&mut app, 1);
    send(&mut app, char_key('n'));
    assert_eq!(app.screen(), Screen::Exercise(1, 0));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen(), Screen::Entries(1), "Esc goes back to the entries");
    assert_eq!(
        app.answers().live_entries(RECORD).count(),
        0,
        "{:?}",
        app.answers().entries
    );
    // One word written, and the record stays.
    send(&mut app, char_key('n'));
    type_str(&mut app, "late");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.answers().live_entries(RECORD).count(), 1);
}

#[test]
fn esc_from_a_new_entry_returns_to_the_entries_list() {
    let mut app = app_with(practice(), Answers::default(), None);
    open_entries(&mut app, 1);
    send(&mut app, char_key('n'));
    assert_eq!(app.screen(), Screen::Exercise(1, 0));
    type_str(&mut app, "a late message");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen(), Screen::Entries(1));
    assert_eq!(app.entry_rows().len(), 1, "the new entry is listed");
    // Opened from the list, too; Esc from the entries goes on to the contents.
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Exercise(1, 0));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen(), Screen::Entries(1));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen(), Screen::Contents);
    // Reached from the contents, Esc goes back there as before.
    press(&mut app, KeyCode::Esc);
    send(&mut app, char_key('t'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen(), Screen::Contents);
}

/// An entry `id` whose exercise `ex` holds `value`, changed at `changed`.
fn entry_with(id: &str, ex: &str, value: Value, changed: &str) -> Entry {
    let mut e = Entry::new(id.to_string(), changed.to_string());
    e.answers.insert(
        ex.to_string(),
        trustbook::answers::Answer {
            changed: changed.to_string(),
            private: false,
            skipped: false,
            value,
        },
    );
    e
}

#[test]
fn entries_with_the_same_id_are_all_shown() {
    let text = |t: &str| Value::Text { text: t.into() };
    let at = "2026-11-02T08:00:00Z";
    let mut answers = Answers::default();
    // Two thought records with one id, as a tampered file may hold them.
    answers.entries.insert(
        RECORD.into(),
        vec![
            entry_with(at, "situation", text("the first"), at),
            entry_with(at, "situation", text("the second"), at),
        ],
    );
    // Two check-ins of one week: one has the trust value, the other the notes.
    answers.entries.insert(
        CHECK_IN.into(),
        vec![
            entry_with(
                "2026-11-02",
                "trust-this-week",
                Value::Scale { value: 6 },
                "2026-11-03T08:00:00Z",
            ),
            entry_with("2026-11-02", "notes", text("a calm week"), "2026-11-04T08:00:00Z"),
        ],
    );
    let mut app = app_with(practice(), answers, None);
    open_entries(&mut app, 1);
    let rows = app.entry_rows();
    assert_eq!(rows.len(), 2, "{rows:?}");
    let situations: Vec<String> = rows
        .iter()
        .map(|r| {
            match app
                .answers()
                .entry(RECORD, &r.id)
                .map(|e| &e.answers["situation"].value)
            {
                Some(Value::Text { text }) => text.clone(),
                other => format!("{other:?}"),
            }
        })
        .collect();
    assert_eq!(
        situations,
        ["the second", "the first"],
        "both shown, newest first"
    );
    // The week is one check-in holding both answers.
    let week = app.answers().entry(CHECK_IN, "2026-11-02").expect("the week");
    assert_eq!(week.answers["trust-this-week"].value, Value::Scale { value: 6 });
    assert_eq!(week.answers["notes"].value, text("a calm week"));
    assert_eq!(app.answers().live_entries(CHECK_IN).count(), 1);
}

#[test]
fn trends_follow_the_lists_order_and_say_which_way_they_run() {
    let mut wb = practice();
    let kept = wb.chapters[0]
        .exercises
        .iter_mut()
        .find(|e| e.id == "kept")
        .expect("kept");
    if let content::Kind::Ratings {
        items, items_from, ..
    } = &mut kept.kind
    {
        items.clear();
        *items_from = Some(content::ItemsFrom {
            chapter: CHECK_IN.into(),
            exercise: "agreements".into(),
        });
    }
    let mut answers = Answers::default();
    answers.set(
        CHECK_IN,
        "agreements",
        Value::list(vec!["Zebra crossings first".into(), "Apples shared".into()]),
        "2026-11-01T09:00:00Z".into(),
    );
    for (n, id) in ["2026-11-02", "2026-11-09"].into_iter().enumerate() {
        let ratings = rated(&[("Zebra crossings first", 3 + n as i64), ("Apples shared", 6)]);
        week_with(&mut answers, &wb, id, "kept", ratings);
    }
    let mut app = app_with(wb, answers, None);
    open_entries(&mut app, 0);
    let screen = render(&app, 150, 50);
    let at = |s: &str| {
        screen
            .find(s)
            .unwrap_or_else(|| panic!("{s} not shown:\n{screen}"))
    };
    assert!(at("Zebra crossings first") < at("Apples shared"), "{screen}");
    assert!(
        screen.contains("Trends: each chart runs oldest to newest"),
        "{screen}"
    );
    assert!(
        screen.contains("values, newest first: 9 Nov: 4 · 2 Nov: 3"),
        "{screen}"
    );
}

//! Weeks in local time (issue 19, "weeks are UTC calendar weeks"): the week a check-in
//! belongs to is the computer's calendar week, in a zone passed in with the time; the
//! couple's first day of the week; the grace window after an unfinished week.

use jiff::tz::TimeZone;
use ratatui::crossterm::event::KeyCode;
use trustbook::answers::{Answers, Timestamp, Value};
use trustbook::app::{App, Screen};
use trustbook::content::Workbook;
use trustbook::entry::Open;
use trustbook::week::WeekStart;

use crate::common::{app_with, char_key, practice, rated, render};

const CHECK_IN: &str = "check-in";

fn at(s: &str) -> Timestamp {
    Timestamp::parse(s).expect("a time")
}

/// Los Angeles, by its rule (no zone database needed, whatever the machine has).
fn los_angeles() -> TimeZone {
    TimeZone::posix("PST8PDT,M3.2.0,M11.1.0").expect("a zone")
}

/// A check-in for the week `id`: its trust scale, and with `done` its ratings too.
fn week(answers: &mut Answers, wb: &Workbook, id: &str, done: bool) {
    answers.route(wb);
    let started = format!("{id}T09:00:00Z");
    let open = Open {
        id: id.to_string(),
        started: started.clone(),
        old: false,
    };
    answers.open_entry(CHECK_IN, open);
    answers.set(
        CHECK_IN,
        "trust-this-week",
        Value::Scale { value: 6 },
        started.clone(),
    );
    if done {
        let ratings = rated(&[
            ("Phone calls returned the same day", 7),
            ("Plans changed with a message first", 5),
        ]);
        answers.set(CHECK_IN, "kept", ratings, started);
    }
    answers.close_entry(CHECK_IN);
}

/// Presses `code` at the made-up time `now` in `zone`, as the session passes them in.
fn press_in(app: &mut App, code: KeyCode, now: Timestamp, zone: &TimeZone) {
    let event = crate::common::key(code);
    let action = trustbook::app::keys::action(app, &event).expect("the key means something here");
    app.update_at(action, now, zone);
    crate::common::draw(app);
}

/// From the welcome screen to the check-in's entries, then `n`: the entry it opens.
fn new_check_in(app: &mut App, now: Timestamp, zone: &TimeZone) -> Option<String> {
    for c in ['t', 'e', 'n'] {
        press_in(app, KeyCode::Char(c), now, zone);
    }
    app.open_entry(0).map(|o| o.id.clone())
}

/// An app at `now` in `zone` on the practice workbook, with `answers`.
fn app_at(answers: Answers, now: &str, zone: TimeZone) -> App {
    app_with(practice(), answers, None)
        .with_now(at(now))
        .with_zone(zone)
}

#[test]
fn partners_writing_sunday_2230_utc_and_monday_0800_utc_land_in_one_week() {
    let wb = practice();
    let mut begun = Answers::default();
    week(&mut begun, &wb, "2026-11-23", true);
    // Alex writes on Sunday evening: the week of Monday 30 November.
    let sunday = at("2026-12-06T22:30:00Z");
    let mut alex = app_at(begun.clone(), "2026-12-06T22:30:00Z", TimeZone::UTC);
    let alex_week = new_check_in(&mut alex, sunday, &TimeZone::UTC);
    assert_eq!(alex_week.as_deref(), Some("2026-11-30"));
    assert_eq!(alex.week_question(), None);
    // Sam writes on Monday morning: last week's is not done, so the app asks, and the
    // answer files it under the same week as Alex's.
    let monday = at("2026-12-07T08:00:00Z");
    let mut sam = app_at(begun, "2026-12-07T08:00:00Z", TimeZone::UTC);
    let asked = new_check_in(&mut sam, monday, &TimeZone::UTC);
    assert_eq!(asked.as_deref(), Some("2026-12-07"), "this week's until answered");
    let q = sam.week_question().expect("the week is asked");
    assert_eq!((q.last.as_str(), q.this.as_str()), ("2026-11-30", "2026-12-07"));
    press_in(&mut sam, KeyCode::Char('l'), monday, &TimeZone::UTC);
    assert_eq!(sam.week_question(), None);
    assert_eq!(sam.open_entry(0).map(|o| o.id.clone()), alex_week);
    assert_eq!(
        sam.open_entry(0).map(|o| o.old),
        Some(false),
        "not dated as an edit"
    );
    assert!(matches!(sam.screen(), Screen::Exercise(0, _)));
}

#[test]
fn a_los_angeles_sunday_evening_is_filed_under_that_sundays_week() {
    // Sunday 6 December, 19:00 in Los Angeles, is already Monday 03:00 in UTC.
    let now = at("2026-12-07T03:00:00Z");
    let mut app = app_at(Answers::default(), "2026-12-07T03:00:00Z", los_angeles());
    assert_eq!(
        new_check_in(&mut app, now, &los_angeles()).as_deref(),
        Some("2026-11-30")
    );
    assert_eq!(app.week_question(), None, "Sunday is no day of grace");
    // The same moment in UTC is the next week: the zone passed in decides.
    let mut utc = app_at(Answers::default(), "2026-12-07T03:00:00Z", TimeZone::UTC);
    assert_eq!(
        new_check_in(&mut utc, now, &TimeZone::UTC).as_deref(),
        Some("2026-12-07")
    );
}

#[test]
fn the_grace_window_lasts_until_the_end_of_the_next_day() {
    let wb = practice();
    let mut unfinished = Answers::default();
    week(&mut unfinished, &wb, "2026-11-30", false);
    // Monday, last second: still asked.
    let late = at("2026-12-07T23:59:59Z");
    let mut app = app_at(unfinished.clone(), "2026-12-07T23:59:59Z", TimeZone::UTC);
    new_check_in(&mut app, late, &TimeZone::UTC);
    assert!(app.week_question().is_some());
    // Esc answers "this week".
    press_in(&mut app, KeyCode::Esc, late, &TimeZone::UTC);
    assert_eq!(app.week_question(), None);
    assert_eq!(app.open_entry(0).map(|o| o.id.as_str()), Some("2026-12-07"));
    // Tuesday: too late, this week's opens without a question.
    let tuesday = at("2026-12-08T00:00:00Z");
    let mut app = app_at(unfinished, "2026-12-08T00:00:00Z", TimeZone::UTC);
    assert_eq!(
        new_check_in(&mut app, tuesday, &TimeZone::UTC).as_deref(),
        Some("2026-12-07")
    );
    assert_eq!(app.week_question(), None);
    // A finished last week asks nothing, and neither does a part never begun.
    let mut done = Answers::default();
    week(&mut done, &wb, "2026-11-30", true);
    let monday = at("2026-12-07T08:00:00Z");
    for answers in [done, Answers::default()] {
        let mut app = app_at(answers, "2026-12-07T08:00:00Z", TimeZone::UTC);
        assert_eq!(
            new_check_in(&mut app, monday, &TimeZone::UTC).as_deref(),
            Some("2026-12-07")
        );
        assert_eq!(app.week_question(), None);
    }
}

#[test]
fn the_week_question_shows_its_keys_and_both_weeks_at_every_size() {
    let wb = practice();
    let mut unfinished = Answers::default();
    week(&mut unfinished, &wb, "2026-11-30", false);
    let monday = at("2026-12-07T08:00:00Z");
    let mut app = app_at(unfinished, "2026-12-07T08:00:00Z", TimeZone::UTC);
    new_check_in(&mut app, monday, &TimeZone::UTC);
    for (w, h) in [(60, 20), (80, 24), (150, 50)] {
        let screen = render(&app, w, h);
        assert!(screen.contains("Which week?"), "{w}x{h}\n{screen}");
        assert!(screen.contains("30 Nov"), "{w}x{h}\n{screen}");
        assert!(screen.contains("7 Dec – 13 Dec"), "{w}x{h}\n{screen}");
    }
    // Typing a letter answers nothing and writes nothing.
    crate::common::send(&mut app, char_key('x'));
    assert!(app.week_question().is_some());
}

#[test]
fn the_couple_sets_the_day_their_weeks_start() {
    let now = at("2026-12-02T10:00:00Z");
    let mut app = app_at(Answers::default(), "2026-12-02T10:00:00Z", TimeZone::UTC);
    for c in ['t', 'e'] {
        press_in(&mut app, KeyCode::Char(c), now, &TimeZone::UTC);
    }
    assert!(render(&app, 80, 24).contains("weeks start on Monday"));
    for _ in 0..6 {
        press_in(&mut app, KeyCode::Char('w'), now, &TimeZone::UTC);
    }
    assert_eq!(app.answers().week_start(now), WeekStart::Sunday);
    assert!(render(&app, 80, 24).contains("weeks start on Sunday"));
    press_in(&mut app, KeyCode::Char('n'), now, &TimeZone::UTC);
    assert_eq!(app.open_entry(0).map(|o| o.id.as_str()), Some("2026-11-29"));
    // Kept in the answers file, and it travels with a share to the partner, whose app
    // then files its check-ins alike.
    let text = trustbook::store::encode(app.answers(), None, "practice-workbook");
    assert!(text.contains("starts = \"sunday\""), "{text}");
    let shared = trustbook::sharing::share_text(&practice(), "alex", app.answers(), "2026-12-02");
    // Version 3: a version 2 reader would call `week` damaged, not newer.
    assert!(shared.contains("\"version\": 3"), "{shared}");
    let theirs = trustbook::export::parse_json(&shared).expect("a share").answers;
    let mut sam = Answers::default();
    assert_eq!(sam.week_start(now), WeekStart::Monday);
    sam.take_week(&theirs);
    assert_eq!(sam.week_start(now), WeekStart::Sunday);
}

#[test]
fn progress_never_goes_down_just_from_opening_this_weeks_check_in() {
    let wb = practice();
    let mut answers = Answers::default();
    week(&mut answers, &wb, "2026-11-23", true);
    let now = at("2026-12-02T10:00:00Z");
    let mut app = app_at(answers, "2026-12-02T10:00:00Z", TimeZone::UTC);
    let before = app.answers().progress(app.workbook());
    assert!(before.0 > 0, "{before:?}");
    new_check_in(&mut app, now, &TimeZone::UTC);
    assert_eq!(app.open_entry(0).map(|o| o.id.as_str()), Some("2026-11-30"));
    assert_eq!(app.answers().progress(app.workbook()), before);
    // Once something is written in it, this week's entry counts.
    press_in(&mut app, KeyCode::Tab, now, &TimeZone::UTC);
    press_in(&mut app, KeyCode::Char('5'), now, &TimeZone::UTC);
    let written = app.answers().progress(app.workbook());
    assert_eq!(written.1, before.1, "{written:?}");
}

#[test]
fn a_missing_week_in_compare_reads_sam_has_not_done_this_week() {
    let wb = practice();
    let mut alex = Answers::default();
    week(&mut alex, &wb, "2026-11-30", true);
    let mut sam = Answers::default();
    // Sam has a week of their own that Alex has not: that one reads as Alex's gap.
    week(&mut sam, &wb, "2026-11-23", true);
    let c = trustbook::comparison::compare(&wb, ("alex", &alex), ("sam", &sam));
    let text = trustbook::comparison::render_text(&c, 100);
    assert_eq!(text.matches("sam has not done this week.").count(), 1, "{text}");
    assert_eq!(text.matches("alex has not done this week.").count(), 0, "{text}");
    // Sam did this week but kept it private: it reads the same, nothing more.
    let mut private = sam.clone();
    week(&mut private, &wb, "2026-11-30", true);
    for e in private.entries.values_mut().flatten() {
        e.answers.values_mut().for_each(|a| a.private = true);
    }
    let c = trustbook::comparison::compare(&wb, ("alex", &alex), ("sam", &private));
    let text = trustbook::comparison::render_text(&c, 100);
    assert_eq!(text.matches("sam has not done this week.").count(), 2, "{text}");
}

#[test]
fn the_contents_mark_the_weekly_part_and_count_as_the_chapter_page_does() {
    let wb = practice();
    let mut answers = Answers::default();
    week(&mut answers, &wb, "2026-11-23", true);
    let mut app = app_at(answers, "2026-12-02T10:00:00Z", TimeZone::UTC);
    let now = at("2026-12-02T10:00:00Z");
    press_in(&mut app, KeyCode::Char('t'), now, &TimeZone::UTC);
    press_in(&mut app, KeyCode::Right, now, &TimeZone::UTC);
    let screen = render(&app, 80, 24);
    let marked: Vec<&str> = screen.lines().filter(|l| l.contains("(weekly)")).collect();
    assert_eq!(marked.len(), 3, "{screen}");
    assert!(
        !screen
            .lines()
            .any(|l| l.contains("Our agreements") && l.contains("(weekly)")),
        "{screen}"
    );
    // The chapter's count is the one the header's percentage is made of.
    let (done, total) = app.answers().chapter_progress(&app.workbook().chapters[0]);
    assert!(screen.contains(&format!("{done}/{total}")), "{screen}");
}

/// Ten weekly check-ins, each done, up to the week of 30 November, but for the week of
/// 16 November, which was missed.
fn ten_weeks_one_missed() -> Answers {
    let wb = practice();
    let mut answers = Answers::default();
    let last = trustbook::date::parse("2026-11-30").expect("a day");
    for w in 0..11 {
        let id = trustbook::date::civil_from_days(last - 7 * w);
        if id != "2026-11-16" {
            week(&mut answers, &wb, &id, true);
        }
    }
    answers
}

/// The entries screen of the check-in at `w`x`h`, and every trend's name that PgDn
/// brings into sight, in the order they come.
fn trends_reached(app: &mut App, w: u16, h: u16) -> Vec<String> {
    let names = [
        "Agreements kept: Phone calls returned the same day",
        "Agreements kept: Plans changed with a message first",
        "Trust this week",
    ];
    let mut seen: Vec<String> = Vec::new();
    for _ in 0..6 {
        let screen = render(app, w, h);
        for n in names {
            // A name may be cut at 60 columns: its first 40 characters are enough.
            let head: String = n.chars().take(40).collect();
            if screen.contains(&head) && !seen.iter().any(|s| s == n) {
                seen.push(n.to_string());
            }
        }
        crate::common::press(app, KeyCode::PageDown);
    }
    seen
}

#[test]
fn the_trust_trend_is_cut_off_at_80x24_and_pgdn_cannot_reach_it() {
    // The finding: at 80x24 the last trend did not show and PgDn did not scroll.
    for (w, h) in [(80, 24), (60, 20)] {
        let mut app = app_at(ten_weeks_one_missed(), "2026-12-02T10:00:00Z", TimeZone::UTC);
        let now = at("2026-12-02T10:00:00Z");
        for c in ['t', 'e'] {
            press_in(&mut app, KeyCode::Char(c), now, &TimeZone::UTC);
        }
        let first = render(&app, w, h);
        let all_shown = first.contains("Trust this week") && first.contains("Agreements kept: Phone");
        assert!(
            all_shown || first.contains("PgDn"),
            "{w}x{h}: says how to see more\n{first}"
        );
        if (w, h) == (60, 20) {
            assert!(
                !all_shown,
                "60x20 needs scrolling, or this test shows nothing\n{first}"
            );
        }
        let seen = trends_reached(&mut app, w, h);
        assert_eq!(seen.len(), 3, "{w}x{h}: {seen:?}");
        assert_eq!(
            seen.last().map(String::as_str),
            Some("Trust this week"),
            "list's order"
        );
        // PgUp goes back to the first.
        for _ in 0..3 {
            crate::common::press(&mut app, KeyCode::PageUp);
        }
        assert!(render(&app, w, h).contains("Agreements kept: Phone"), "{w}x{h}");
    }
}

#[test]
fn a_missed_week_shows_no_gap() {
    // The finding: a week with no check-in left no mark in the trend.
    let mut app = app_at(ten_weeks_one_missed(), "2026-12-02T10:00:00Z", TimeZone::UTC);
    let now = at("2026-12-02T10:00:00Z");
    for c in ['t', 'e'] {
        press_in(&mut app, KeyCode::Char(c), now, &TimeZone::UTC);
    }
    let (trends, _) = app.trends().expect("the entries screen");
    let cols = trends.columns(100);
    assert_eq!(cols.len(), 11, "ten entries and the week missed: {cols:?}");
    let missed = trustbook::date::parse("2026-11-16").expect("a day");
    assert_eq!(cols[8], trustbook::entry::Column::Missed(missed));
    let screen = render(&app, 150, 50);
    assert!(screen.contains("16 Nov: no check-in"), "{screen}");
    // In the chart, a gap: ten bars and one absent mark in the trust line's columns.
    let spark = screen
        .lines()
        .skip_while(|l| !l.contains("Trust this week"))
        .nth(1)
        .expect("the trust chart");
    assert_eq!(spark.matches('·').count(), 1, "{spark}");
}

/// Alex's weeks start on Monday, sam's (not yet synced) on Sunday: compare pairs each
/// of alex's weeks with sam's that overlaps it most, either way round; a week of sam's
/// that overlaps none of alex's stays alone, and a tie goes to the earlier week.
#[test]
fn weeks_with_different_first_days_still_pair_in_compare() {
    use crate::couple_list::{CH, NOW, workbook};
    use crate::item_ids::{first_list, rate};
    use trustbook::comparison::{self, RowView};

    let (_dir, wb) = workbook();
    let rated = |a: &mut Answers, weeks: &[(&str, i64)]| {
        for (day, v) in weeks {
            // Every item rated, so the week is done.
            let all = ["Calls retuned", "Plans kept", "Tea on Sunday"].map(|i| (i, *v));
            rate(a, &wb, day, &all);
        }
    };
    // The weeks of a comparison, each as the rows it shows both sides of ("" when not).
    let weeks = |me: (&str, &Answers), partner: (&str, &Answers)| -> Vec<String> {
        let c = comparison::compare_at(&wb, me, partner, None, NOW);
        let weeks = c.chapters.iter().filter(|ch| ch.week.is_some() && ch.id == CH);
        weeks
            .map(
                |ch| match ch.rows.iter().all(|r| matches!(r.view, RowView::Both { .. })) {
                    true => format!("{:?}", ch.rows),
                    false => String::new(),
                },
            )
            .collect()
    };
    let pair = |shown: &[String], mine: i64, theirs: i64| {
        let (m, t) = (format!("retuned: {mine} / 10"), format!("retuned: {theirs} / 10"));
        assert!(
            shown.iter().any(|w| w.contains(&m) && w.contains(&t)),
            "{mine} beside {theirs}: {shown:#?}"
        );
    };
    let mut alex = first_list("2026-11-20T10:00:00Z");
    let mut sam = Answers::default();
    sam.take_shared(&wb, "alex", &alex, NOW);
    rated(
        &mut alex,
        &[("2026-11-23", 2), ("2026-11-30", 3), ("2026-12-07", 4)],
    );
    rated(
        &mut sam,
        &[
            ("2026-11-22", 5),
            ("2026-11-29", 6),
            ("2026-12-06", 7),
            ("2026-12-20", 9),
        ],
    );
    for (me, partner) in [(("alex", &alex), ("sam", &sam)), (("sam", &sam), ("alex", &alex))] {
        let shown = weeks(me, partner);
        // Three weeks side by side; sam's week of 20 Dec alone.
        assert_eq!(shown.len(), 4, "{}: {shown:#?}", me.0);
        assert_eq!(shown.iter().filter(|w| w.is_empty()).count(), 1, "{shown:#?}");
        let flip = |a: i64, b: i64| if me.0 == "alex" { (a, b) } else { (b, a) };
        for (a, b) in [(2, 5), (3, 6), (4, 7)] {
            let (m, t) = flip(a, b);
            pair(&shown, m, t);
        }
    }
    // A week of alex's three days from a Friday week and a Thursday week of sam's: the
    // earlier is its pair, the later stays alone.
    let mut alex = first_list("2026-11-20T10:00:00Z");
    let mut sam = Answers::default();
    sam.take_shared(&wb, "alex", &alex, NOW);
    rated(&mut alex, &[("2026-11-30", 3)]);
    rated(&mut sam, &[("2026-11-27", 6), ("2026-12-03", 7)]);
    let shown = weeks(("alex", &alex), ("sam", &sam));
    assert_eq!(shown.len(), 2, "{shown:#?}");
    pair(&shown, 3, 6);
}

//! Exports of repeated parts (weekly check-ins, thought records) on the practice fixture:
//! the Markdown document (insta snapshots, entries newest first, the table of values read
//! back by a CommonMark parser), the JSON round trip with entries, `--chapter` and
//! `--since` through the binary, and private entries that never leak.
//!
//! After an intended change, review the snapshots with `cargo insta review` (or
//! `INSTA_UPDATE=always cargo test --test it entries_export` and the diff).

use crate::cli::{Data, stderr};
use crate::common::{ends_in_newline, list, practice, text};
use crate::export::parse_markdown;
use trustbook::answers::{Answers, Value};
use trustbook::content::{Exercise, Kind, Workbook};
use trustbook::entry::Open;
use trustbook::export::{self, ExportMeta, Scope};

/// In a shared weekly entry, the one answer marked private.
const WEEK_SECRET: &str = "WEEK-SECRET-91";
/// A whole thought record marked private: not even its date may show.
const RECORD_SECRET: &str = "RECORD-SECRET-63";
/// In a deleted entry: never exported, private or not.
const DELETED_SECRET: &str = "DELETED-SECRET-5";
/// The label of the private thought record.
const RECORD_PRIVATE_LABEL: &str = "1 Dec 2026 22:30";

const CALLS: &str = "Phone calls returned the same day";
const PLANS: &str = "Plans changed with a message first";

fn exercise<'a>(wb: &'a Workbook, chapter: &str, id: &str) -> &'a Exercise {
    let (c, e) = wb.find(chapter, id).expect("exercise in the fixture");
    &wb.chapters[c].exercises[e]
}

fn ratings(pairs: &[(&str, i64)]) -> Value {
    Value::Ratings {
        na: Default::default(),
        ratings: pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        ids: Default::default(),
        was: Default::default(),
    }
}

fn scale(value: i64) -> Value {
    Value::Scale { value }
}

/// Opens entry `id` of `chapter`, started at `started` (`old`: opened again from the
/// history, so a change dates it `edited`), and gives it `answers`, changed at `at`.
fn fill(
    a: &mut Answers,
    chapter: &str,
    (id, started, old): (&str, &str, bool),
    at: &str,
    answers: Vec<(&str, Value)>,
) {
    a.open_entry(
        chapter,
        Open {
            id: id.to_string(),
            started: started.to_string(),
            old,
        },
    );
    for (exercise, value) in answers {
        a.set(chapter, exercise, value, at.to_string());
    }
}

/// Four weekly check-ins (one deleted, one edited later, one with a private note, one with a
/// skipped rating) and three thought records (one all private), with Markdown syntax and
/// table syntax in what was written.
fn answers(wb: &Workbook) -> Answers {
    let mut a = Answers::default();
    a.route(wb);
    let (week, record) = ("check-in", "thought-record");
    a.set(
        week,
        "agreements",
        list(&[CALLS, PLANS]),
        "2026-11-09T18:00:00Z".into(),
    );
    a.set(
        week,
        "reflection",
        text("More calm weeks than hard ones | so far."),
        "2026-12-01T09:00:00Z".into(),
    );
    let notes = "A *hard* week | we said so.\n# not a heading\n\n- not an item";
    fill(
        &mut a,
        week,
        ("2026-11-09", "2026-11-10T19:00:00Z", false),
        "2026-11-10T19:03:00Z",
        vec![
            ("kept", ratings(&[(CALLS, 3), (PLANS, 2)])),
            ("trust-this-week", scale(3)),
            ("notes", text(notes)),
        ],
    );
    fill(
        &mut a,
        week,
        ("2026-11-16", "2026-11-17T19:00:00Z", false),
        "2026-11-17T19:00:00Z",
        vec![("notes", text(DELETED_SECRET))],
    );
    a.set_deleted(week, "2026-11-16", Some("2026-11-18T08:00:00Z".into()));
    fill(
        &mut a,
        week,
        ("2026-11-23", "2026-11-24T20:00:00Z", false),
        "2026-11-24T20:03:00Z",
        vec![
            ("kept", ratings(&[(CALLS, 6)])),
            ("trust-this-week", scale(5)),
            ("notes", text(WEEK_SECRET)),
        ],
    );
    a.toggle_private(week, exercise(wb, week, "notes"), "2026-11-24T20:04:00Z".into());
    fill(
        &mut a,
        week,
        ("2026-11-30", "2026-12-01T19:00:00Z", false),
        "2026-12-01T19:01:00Z",
        vec![("kept", ratings(&[(CALLS, 9), (PLANS, 8)]))],
    );
    a.toggle_skipped(week, exercise(wb, week, "kept"), "2026-12-01T19:02:00Z".into());
    // Looked at again from the history a week later, and changed.
    fill(
        &mut a,
        week,
        ("2026-11-30", "2026-12-01T19:00:00Z", true),
        "2026-12-08T21:00:00Z",
        vec![("trust-this-week", scale(7))],
    );
    a.close_entry(week);

    let first = "2026-11-20T08:15:00Z";
    fill(
        &mut a,
        record,
        (first, first, false),
        "2026-11-20T08:21:00Z",
        vec![
            ("situation", text("Sam's phone was off all evening.")),
            ("before", scale(90)),
            (
                "other-view",
                text("The battery dies when it is cold; it has before."),
            ),
            ("after", scale(40)),
        ],
    );
    let private = "2026-12-01T22:30:00Z";
    fill(
        &mut a,
        record,
        (private, private, false),
        "2026-12-01T22:32:00Z",
        vec![("situation", text(RECORD_SECRET)), ("before", scale(70))],
    );
    for ex in ["situation", "before"] {
        a.toggle_private(record, exercise(wb, record, ex), "2026-12-01T22:33:00Z".into());
    }
    let last = "2026-12-02T10:04:00Z";
    fill(
        &mut a,
        record,
        (last, last, false),
        "2026-12-02T10:09:00Z",
        vec![
            ("situation", text("An hour late, no call: `again` [x](y) <b>")),
            ("before", scale(80)),
            ("after", scale(35)),
        ],
    );
    a.close_entry(record);
    a
}

fn meta() -> ExportMeta {
    ExportMeta {
        profile: "alex".to_string(),
        date: "2026-12-09".to_string(),
    }
}

#[test]
fn markdown_with_entries_matches_golden() {
    let wb = practice();
    let a = answers(&wb);
    insta::assert_snapshot!(
        "export-entries",
        ends_in_newline(&export::markdown(&wb, &a, &meta(), false))
    );
    insta::assert_snapshot!(
        "export-entries-private",
        ends_in_newline(&export::markdown(&wb, &a, &meta(), true))
    );
}

#[test]
fn entries_come_newest_first_with_their_dates() {
    let wb = practice();
    let md = export::markdown(&wb, &answers(&wb), &meta(), false);
    let at = |s: &str| md.find(s).unwrap_or_else(|| panic!("{s:?} not in:\n{md}"));
    assert!(at("#### Week of 30 Nov – 6 Dec 2026") < at("#### Week of 23 Nov – 29 Nov 2026"));
    assert!(at("#### Week of 23 Nov – 29 Nov 2026") < at("#### Week of 9 Nov – 15 Nov 2026"));
    assert!(at("#### 2 Dec 2026 10:04 UTC") < at("#### 20 Nov 2026 08:15 UTC"));
    assert_eq!(md.matches("*Edited on 8 Dec 2026.*").count(), 1, "{md}");
    assert!(md.contains("*3 entries, newest first.*"), "{md}");
    assert!(md.contains("*2 entries, newest first.*"), "{md}");
    // The deleted week is not there, nor anything of it.
    assert!(!md.contains("16 Nov") && !md.contains(DELETED_SECRET), "{md}");
    // The closing reflection closes its chapter, after the entries.
    assert!(at("#### Values by date") < at("More calm weeks"));
}

#[test]
fn markdown_with_entries_reads_back_as_written_with_its_tables() {
    let wb = practice();
    for include in [false, true] {
        let md = export::markdown(&wb, &answers(&wb), &meta(), include);
        let p = parse_markdown(&md);
        assert!(p.unwanted.is_empty(), "unexpected structure: {:?}", p.unwanted);
        assert_eq!(p.tables, 2, "{md}");
        // Three live weeks; two shared thought records, three with the private one.
        let records = if include { 3 } else { 2 };
        assert_eq!(p.rows, 3 + records, "{md}");
        for written in [
            "A *hard* week | we said so.",
            "# not a heading",
            "- not an item",
            "An hour late, no call: `again` [x](y) <b>",
            "More calm weeks than hard ones | so far.",
        ] {
            assert!(
                p.text.contains(written),
                "{written:?} not read back from:\n{}",
                p.text
            );
        }
        let week_head = [
            "Week",
            "Phone calls returned the same day (0–10)",
            "Plans changed with a message first (0–10)",
            "Trust this week (0–10)",
        ];
        let weeks = [
            ["30 Nov – 6 Dec 2026", "", "", "7"],
            ["23 Nov – 29 Nov 2026", "6", "", "5"],
            ["9 Nov – 15 Nov 2026", "3", "2", "3"],
        ];
        let mut expected: Vec<&str> = week_head.to_vec();
        expected.extend(weeks.iter().flatten());
        expected.extend([
            "Started",
            "How upset, before (0–100 %)",
            "How upset, after (0–100 %)",
        ]);
        expected.extend(["2 Dec 2026 10:04 UTC", "80", "35"]);
        if include {
            expected.extend(["1 Dec 2026 22:30 UTC", "70 (private)", ""]);
        }
        expected.extend(["20 Nov 2026 08:15 UTC", "90", "40"]);
        assert_eq!(p.cells, expected, "{md}");
    }
}

#[test]
fn table_cells_escape_what_the_workbook_says() {
    let mut wb = practice();
    let hostile = "Calls | *returned* <b> # 1. `x`";
    let (c, e) = wb.find("check-in", "kept").expect("kept");
    if let Kind::Ratings { items, unit, .. } = &mut wb.chapters[c].exercises[e].kind {
        items[0] = hostile.to_string();
        *unit = Some("pts|".to_string());
    }
    let mut a = Answers::default();
    a.route(&wb);
    fill(
        &mut a,
        "check-in",
        ("2026-11-30", "2026-12-01T19:00:00Z", false),
        "2026-12-01T19:00:00Z",
        vec![("kept", ratings(&[(hostile, 4)]))],
    );
    let md = export::markdown(&wb, &a, &meta(), false);
    let p = parse_markdown(&md);
    assert!(p.unwanted.is_empty(), "{:?}", p.unwanted);
    assert_eq!((p.tables, p.rows), (1, 1), "{md}");
    assert_eq!(p.cells.len(), 8, "{md}");
    assert_eq!(p.cells[1], format!("{hostile} (0–10 pts|)"), "{md}");
    assert_eq!(p.cells[5], "4", "{md}");
}

#[test]
fn private_entries_never_leak() {
    let wb = practice();
    let a = answers(&wb);
    let md = export::markdown(&wb, &a, &meta(), false);
    let json = export::json(&wb, &a, &meta(), false);
    for out in [&md, &json] {
        for secret in [WEEK_SECRET, RECORD_SECRET, DELETED_SECRET] {
            assert!(!out.contains(secret), "{secret} in:\n{out}");
        }
    }
    // That the private record exists is private too: no heading, no row, no count.
    assert!(!md.contains(RECORD_PRIVATE_LABEL), "{md}");
    assert!(!json.contains("2026-12-01T22:30:00Z"), "{json}");
    let rest = md.replace(trustbook::present::words::PRIVATE_LEFT_OUT, "");
    assert!(!rest.to_lowercase().contains("private"), "{md}");
    assert_eq!(
        md,
        export::markdown(&wb, &export::shareable(&a, false), &meta(), false)
    );

    let all = export::markdown(&wb, &a, &meta(), true);
    let all_json = export::json(&wb, &a, &meta(), true);
    for out in [&all, &all_json] {
        assert!(out.contains(WEEK_SECRET) && out.contains(RECORD_SECRET), "{out}");
        // Deleted entries stay at home even then.
        assert!(!out.contains(DELETED_SECRET), "{out}");
    }
    assert!(all.contains(RECORD_PRIVATE_LABEL), "{all}");
    assert!(all.contains("*Includes 3 answers marked private"), "{all}");
}

#[test]
fn json_with_entries_round_trips_byte_for_byte() {
    let wb = practice();
    for include in [false, true] {
        let first = export::json(&wb, &answers(&wb), &meta(), include);
        assert!(first.contains("\"entries\""), "{first}");
        let parsed = export::parse_json(&first).expect("own export parses");
        export::check_import(&parsed, "practice-workbook").expect("imports");
        assert_eq!(parsed.to_json(), first);
        let meta = ExportMeta {
            profile: parsed.profile.clone(),
            date: parsed.exported.clone(),
        };
        assert_eq!(export::json(&wb, &parsed.answers, &meta, include), first);
        // And the Markdown of what was imported is that of what was exported.
        assert_eq!(
            export::markdown(&wb, &parsed.answers, &meta, include),
            export::markdown(&wb, &answers(&wb), &meta, include)
        );
        let weeks = parsed.answers.entries.get("check-in").map_or(0, Vec::len);
        assert_eq!(weeks, 3);
    }
}

#[test]
fn since_keeps_entries_from_that_day_and_every_single_answer() {
    let wb = practice();
    let a = answers(&wb);
    let day = |d: &str| trustbook::date::parse(d).expect("a day");
    let scope = Scope {
        chapter: None,
        since: Some(day("2026-11-30")),
    };
    let kept = export::select(&a, &scope);
    assert_eq!(kept.single, a.single);
    let ids = |c: &str| -> Vec<String> {
        kept.entries
            .get(c)
            .into_iter()
            .flatten()
            .map(|e| e.id.clone())
            .collect()
    };
    // The week of Monday 30 Nov counts from its Monday; records from the day they started.
    assert_eq!(ids("check-in"), ["2026-11-30"]);
    assert_eq!(
        ids("thought-record"),
        ["2026-12-01T22:30:00Z", "2026-12-02T10:04:00Z"]
    );
    let md = export::markdown_part(&wb, &a, &meta(), false, &scope);
    assert!(md.contains("*Only entries from 30 Nov 2026 on; answers given once are all here.*"));
    assert!(
        md.contains("### Our agreements") && !md.contains("23 Nov"),
        "{md}"
    );
}

// ---- through the binary ----------------------------------------------------------

/// A data folder with alex's answers to the practice workbook.
fn alex() -> Data {
    let data = Data::new();
    data.own_of("alex", &answers(&practice()), "practice-workbook");
    data
}

fn export_out(data: &Data, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--profile", "alex", "export"];
    all.extend_from_slice(args);
    data.run_on("practice-workbook", &all)
}

fn stdout_of(data: &Data, args: &[&str]) -> String {
    let out = export_out(data, args);
    assert!(out.status.success(), "{args:?} failed:\n{}", stderr(&out));
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn export_one_chapter_by_number_or_id() {
    let data = alex();
    let by_number = stdout_of(&data, &["--chapter", "2"]);
    assert_eq!(by_number, stdout_of(&data, &["--chapter", "thought-record"]));
    assert!(
        by_number.contains("*Only chapter 2, Thought record.*"),
        "{by_number}"
    );
    assert!(by_number.contains("## 2. Thought record"), "{by_number}");
    assert!(
        !by_number.contains("## 1.") && !by_number.contains("Week of"),
        "{by_number}"
    );

    let json = stdout_of(&data, &["--format", "json", "--chapter", "1"]);
    let parsed = export::parse_json(&json).expect("parses");
    let chapters: Vec<&String> = parsed
        .answers
        .single
        .keys()
        .chain(parsed.answers.entries.keys())
        .collect();
    assert_eq!(chapters, ["check-in", "check-in"]);
}

#[test]
fn export_since_a_day_in_markdown_and_json() {
    let data = alex();
    let md = stdout_of(&data, &["--since", "2026-11-23"]);
    assert!(
        md.contains("Week of 23 Nov") && md.contains("Week of 30 Nov"),
        "{md}"
    );
    assert!(
        !md.contains("Week of 9 Nov") && !md.contains("20 Nov 2026 08:15"),
        "{md}"
    );
    assert!(md.contains("### Our agreements"), "{md}");

    let out = export_out(
        &data,
        &[
            "--format",
            "json",
            "--since",
            "2026-11-23",
            "--chapter",
            "check-in",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("holds part of the answers"),
        "{}",
        stderr(&out)
    );
    let parsed = export::parse_json(&String::from_utf8_lossy(&out.stdout)).expect("parses");
    let ids: Vec<&str> = parsed.answers.entries["check-in"]
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(ids, ["2026-11-23", "2026-11-30"]);
    assert!(parsed.answers.single.contains_key("check-in"));
    assert!(!parsed.answers.entries.contains_key("thought-record"));
}

#[test]
fn export_refuses_a_bad_day_or_chapter_and_says_what_works() {
    let data = alex();
    for bad in ["2026-02-30", "yesterday", "30.11.2026", "2026-1-5"] {
        let out = export_out(&data, &["--since", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", stderr(&out));
        assert!(out.stdout.is_empty());
        let said = stderr(&out);
        assert!(
            said.contains("YYYY-MM-DD") && said.contains("e.g. 2026-11-30"),
            "{said}"
        );
    }
    for bad in ["3", "0", "check_in", "\u{1b}[2Jgone"] {
        let out = export_out(&data, &["--chapter", bad]);
        assert_eq!(out.status.code(), Some(1), "{bad}: {}", stderr(&out));
        assert!(out.stdout.is_empty());
        let said = stderr(&out);
        assert!(
            said.contains("Give a number or an id: 1 check-in, 2 thought-record."),
            "{said}"
        );
        assert!(!said.contains('\u{1b}'), "{said:?}");
    }
}

#[test]
fn export_through_the_binary_keeps_private_entries_home() {
    let data = alex();
    for format in ["markdown", "json"] {
        let out = export_out(&data, &["--format", format]);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = String::from_utf8_lossy(&out.stdout);
        for secret in [WEEK_SECRET, RECORD_SECRET, DELETED_SECRET] {
            assert!(!text.contains(secret), "{secret} in {format}");
        }
        assert!(
            stderr(&out).contains("3 private answer(s) left out"),
            "{}",
            stderr(&out)
        );
        let all = stdout_of(&data, &["--format", format, "--include-private"]);
        assert!(all.contains(WEEK_SECRET) && all.contains(RECORD_SECRET));
        assert!(!all.contains(DELETED_SECRET));
    }
}

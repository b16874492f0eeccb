//! Markdown and JSON exports: insta snapshots, escaping proven with a real
//! CommonMark parser, private answers, the JSON round trip and import errors.
//!
//! After an intended change of output, review the new snapshots with
//! `cargo insta review` (or `INSTA_UPDATE=always cargo test --test it export`
//! and read the diff) before committing.

use crate::common::{ends_in_newline, list, put, text, workbook};
use pulldown_cmark::{Event, Options, Parser, Tag};
use std::path::Path;

use trustbook::answers::{Answers, Value};
use trustbook::export::{self, ExportMeta, ImportError};
use trustbook::present::words;

const PRIVATE_SECRET: &str = "PRIVATE-SECRET-42";
const ORPHAN_SECRET: &str = "ORPHAN-SECRET-17";

/// Answers to every kind, with Unicode, Markdown syntax and control characters,
/// one private answer, one exercise marked private with nothing written, and two answers
/// whose exercise is gone (one of them private).
fn answers() -> Answers {
    let mut a = Answers::default();
    put(
        &mut a,
        "one",
        "free",
        false,
        text(
            "First line with **bold**, _under_ and `code`\n# not a heading\n- not an item\n+ plus\n===\n    indented code\nends with \\\n\n```\nfenced?\n```\n~~~\n\n<script>alert(1)</script> [link](x) ![img](y) |table|\n|---|\n\u{1b}[31mred\u{1b}[0m\u{7} 信頼 👍🏽 e\u{301} &copy;\n\n\n",
        ),
    );
    put(
        &mut a,
        "one",
        "items",
        false,
        list(&[
            "1. numbered",
            "> quote",
            "[ref]: http://x",
            "信頼できる人 🤝",
            "  ",
        ]),
    );
    put(
        &mut a,
        "one",
        "pick",
        false,
        Value::Choice {
            option: None,
            other: Some("__under__ & &amp; <b>".to_string()),
        },
    );
    put(
        &mut a,
        "one",
        "reflection",
        true,
        text(&format!("{PRIVATE_SECRET} my secret")),
    );
    put(
        &mut a,
        "two",
        "ticks",
        false,
        Value::Checklist {
            ticked: vec!["Two".to_string(), "Gone *option*".to_string()],
            other: None,
        },
    );
    put(&mut a, "two", "rate", false, Value::Scale { value: 7 });
    put(
        &mut a,
        "old-chapter",
        "old-exercise",
        false,
        text("Kept from before: ~~strike~~"),
    );
    put(&mut a, "one", "removed", true, text(ORPHAN_SECRET));
    put(&mut a, "two", "reflection", true, text(""));
    a
}

fn meta() -> ExportMeta {
    ExportMeta {
        profile: "alex".to_string(),
        date: "2026-11-26".to_string(),
    }
}

#[test]
fn markdown_matches_golden() {
    let wb = workbook();
    insta::assert_snapshot!(
        "export",
        ends_in_newline(&export::markdown(&wb, &answers(), &meta(), false))
    );
    insta::assert_snapshot!(
        "export-private",
        ends_in_newline(&export::markdown(&wb, &answers(), &meta(), true))
    );
}

#[test]
fn json_matches_golden() {
    let wb = workbook();
    let json = export::json(&wb, &answers(), &meta(), false);
    insta::assert_snapshot!("export-json", ends_in_newline(&json));
    // The sample export the property tests mutate is this very export, kept in step.
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exports/export.json");
    assert_eq!(std::fs::read_to_string(sample).expect("sample export"), json);
}

/// Knowing that something was written and hidden is itself a disclosure: without
/// --include-private the document is exactly that of the answers without the private ones,
/// with no marker or count of them: only the note every such export has.
#[test]
fn markdown_without_private_answers_shows_no_trace_of_them() {
    let wb = workbook();
    let md = export::markdown(&wb, &answers(), &meta(), false);
    let open = export::shareable(&answers(), false);
    assert_ne!(open, answers(), "the fixture has private answers");
    assert_eq!(md, export::markdown(&wb, &open, &meta(), false));
    assert!(!md.contains(PRIVATE_SECRET));
    assert!(!md.contains(ORPHAN_SECRET));
    assert_eq!(md.matches(words::PRIVATE_LEFT_OUT).count(), 1, "{md}");
    let rest = md.replace(words::PRIVATE_LEFT_OUT, "");
    assert!(!rest.to_lowercase().contains("private"), "{md}");
    assert!(!md.contains("not included"), "{md}");
    // The private reflection and the private mark on nothing read as unanswered, in words
    // that are true of both (the owner's own private answer is not "not answered").
    assert_eq!(md.matches("*No answer in this export.*").count(), 2);
    assert!(!md.contains("Not answered yet"), "{md}");
    // The private answer whose exercise is gone is not even listed.
    assert!(!md.contains("removed"), "{md}");

    let all = export::markdown(&wb, &answers(), &meta(), true);
    assert!(all.contains(PRIVATE_SECRET) && all.contains(ORPHAN_SECRET));
    assert_eq!(all.matches("*Marked private.*").count(), 3);
    assert!(all.contains("*Includes 3 answers marked private: think before you share this document.*"));
}

#[test]
fn markdown_has_no_control_characters() {
    for include in [false, true] {
        let md = export::markdown(&workbook(), &answers(), &meta(), include);
        assert!(!md.chars().any(|c| c.is_control() && c != '\n'), "{md}");
    }
}

/// Text of the parsed document, and the structure it has.
pub(crate) struct Parsed {
    pub(crate) text: String,
    pub(crate) headings: usize,
    pub(crate) quotes: usize,
    pub(crate) items: usize,
    pub(crate) tasks: usize,
    pub(crate) emphasis: usize,
    /// Tables, and the text of each of their cells, in order (header cells first).
    pub(crate) tables: usize,
    pub(crate) cells: Vec<String>,
    /// Table rows below the header.
    pub(crate) rows: usize,
    pub(crate) unwanted: Vec<String>,
}

pub(crate) fn parse_markdown(md: &str) -> Parsed {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let mut p = Parsed {
        text: String::new(),
        headings: 0,
        quotes: 0,
        items: 0,
        tasks: 0,
        emphasis: 0,
        tables: 0,
        cells: Vec::new(),
        rows: 0,
        unwanted: Vec::new(),
    };
    let mut in_cell = false;
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Text(t) if in_cell => {
                p.text.push_str(&t);
                if let Some(c) = p.cells.last_mut() {
                    c.push_str(&t);
                }
            }
            Event::Text(t) => p.text.push_str(&t),
            Event::Start(Tag::Table(_)) => p.tables += 1,
            Event::Start(Tag::TableRow) => p.rows += 1,
            Event::Start(Tag::TableCell) => {
                in_cell = true;
                p.cells.push(String::new());
            }
            Event::End(pulldown_cmark::TagEnd::TableCell) => in_cell = false,
            Event::Start(Tag::TableHead) => {}
            Event::SoftBreak | Event::HardBreak => p.text.push('\n'),
            Event::Start(Tag::Heading { .. }) => p.headings += 1,
            Event::Start(Tag::BlockQuote(_)) => p.quotes += 1,
            Event::Start(Tag::Item) => p.items += 1,
            Event::TaskListMarker(_) => p.tasks += 1,
            Event::Start(Tag::Emphasis) => p.emphasis += 1,
            Event::Start(Tag::Paragraph | Tag::List(_)) | Event::End(_) => {}
            other => p.unwanted.push(format!("{other:?}")),
        }
    }
    p
}

#[test]
fn markdown_syntax_in_answers_reads_as_written() {
    let md = export::markdown(&workbook(), &answers(), &meta(), false);
    let p = parse_markdown(&md);
    assert!(p.unwanted.is_empty(), "unexpected structure: {:?}", p.unwanted);
    assert_eq!(p.tables, 0, "|table| syntax in answers makes no table");
    // Title, 2 chapters, 7 exercises, the orphans section and its one shared answer.
    assert_eq!(p.headings, 12);
    // One quote per prompt.
    assert_eq!(p.quotes, 7);
    // 4 list items, 3 checklist options and one ticked option that is gone.
    assert_eq!((p.items, p.tasks), (8, 4));
    // Our notes only: the private-answers note and 2 exercises not answered (as far as
    // anyone reading can tell).
    assert_eq!(p.emphasis, 3);
    for written in [
        "First line with **bold**, _under_ and `code`",
        "# not a heading",
        "- not an item",
        "+ plus",
        "===",
        "indented code",
        "ends with \\",
        "```",
        "~~~",
        "<script>alert(1)</script> [link](x) ![img](y) |table|",
        "|---|",
        "<U+001B>[31mred<U+001B>[0m<U+0007> 信頼 👍🏽 e\u{301} &copy;",
        "1. numbered",
        "> quote",
        "[ref]: http://x",
        "信頼できる人 🤝",
        "Other: __under__ & &amp; <b>",
        "Gone *option*",
        "7 / 10 (0 = Not at all, 10 = Completely)",
        "Kept from before: ~~strike~~",
    ] {
        assert!(
            p.text.contains(written),
            "{written:?} not read back from:\n{}",
            p.text
        );
    }
}

#[test]
fn markdown_keeps_every_line_as_its_own_paragraph() {
    let mut a = Answers::default();
    put(&mut a, "one", "free", false, text("one\ntwo\n\n\nthree"));
    let md = export::markdown(&workbook(), &a, &meta(), false);
    assert!(md.contains("\n\none\n\ntwo\n\nthree\n\n"), "{md}");
    // No hard breaks: a line ending in a backslash reads badly as plain text.
    assert!(md.lines().all(|l| !l.ends_with('\\')), "{md}");
}

#[test]
fn json_round_trips_byte_for_byte() {
    let wb = workbook();
    for include in [false, true] {
        let first = export::json(&wb, &answers(), &meta(), include);
        let parsed = export::parse_json(&first).expect("own export parses");
        assert_eq!(parsed.to_json(), first);
        assert_eq!(parsed.include_private, include);
        assert_eq!(
            (parsed.workbook.as_str(), parsed.profile.as_str()),
            ("fixture-book", "alex")
        );
        // And the parsed answers export to the same file again.
        let meta = ExportMeta {
            profile: parsed.profile.clone(),
            date: parsed.exported.clone(),
        };
        assert_eq!(export::json(&wb, &parsed.answers, &meta, include), first);
    }
}

#[test]
fn json_leaves_out_private_answers_unless_asked() {
    let wb = workbook();
    let json = export::json(&wb, &answers(), &meta(), false);
    assert!(!json.contains(PRIVATE_SECRET) && !json.contains(ORPHAN_SECRET));
    assert!(!json.contains("\"private\""));
    // Exactly the export of the answers without the private ones: nothing tells them apart.
    let open = export::shareable(&answers(), false);
    assert_eq!(json, export::json(&wb, &open, &meta(), false));
    assert_eq!(
        json.matches("private").count(),
        1,
        "only the include_private field"
    );
    let parsed = export::parse_json(&json).unwrap();
    assert_eq!(parsed.answers.len(), answers().len() - 3);
    let all = export::json(&wb, &answers(), &meta(), true);
    assert!(all.contains(PRIVATE_SECRET) && all.contains(ORPHAN_SECRET));
    assert_eq!(export::parse_json(&all).unwrap().answers, answers());
}

#[test]
fn json_holds_no_raw_control_characters() {
    let json = export::json(&workbook(), &answers(), &meta(), false);
    assert!(!json.chars().any(|c| c.is_control() && c != '\n'));
    assert!(json.contains("\\u001b[31mred"));
}

fn err(text: &str) -> ImportError {
    export::parse_json(text).expect_err("should be refused")
}

#[test]
fn refuses_what_is_not_json() {
    let e = err("{\n  \"format\": \"trustbook-export\",\n  oops\n}");
    assert!(
        matches!(
            e,
            ImportError::NotJson {
                line: 3,
                column: 3,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(
        e.to_string()
            .contains("not JSON (line 3, column 3: key must be a string)"),
        "{e}"
    );
    assert!(matches!(err(""), ImportError::NotJson { .. }));
}

#[test]
fn refuses_json_that_is_not_an_export() {
    for text in [
        "[1, 2]",
        "{}",
        "{\"format\": \"something-else\", \"version\": 1}",
        "\"trustbook-export\"",
    ] {
        assert_eq!(err(text), ImportError::NotAnExport, "{text}");
    }
    assert!(err("{}").to_string().contains("not a trustbook export"));
}

#[test]
fn refuses_newer_versions_before_anything_else() {
    let e = err("{\"format\": \"trustbook-export\", \"version\": 4, \"whatever\": []}");
    assert_eq!(e, ImportError::NewerVersion { found: 4 });
    assert!(e.to_string().contains("newer trustbook"), "{e}");
}

#[test]
fn refuses_missing_fields_by_name() {
    let json = export::json(&workbook(), &answers(), &meta(), false);
    let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
    value.as_object_mut().unwrap().remove("profile");
    let e = err(&value.to_string());
    assert_eq!(e, ImportError::MissingField { field: "profile" });
    assert!(e.to_string().contains("has no \"profile\""), "{e}");
}

#[test]
fn refuses_wrong_fields_at_their_position() {
    let json = export::json(&workbook(), &answers(), &meta(), false);
    let bad = json.replacen("\"kind\": \"scale\"", "\"kind\": \"essay\"", 1);
    let line = bad.lines().position(|l| l.contains("essay")).unwrap() + 1;
    match err(&bad) {
        ImportError::Invalid { line: l, detail, .. } => {
            assert!(l >= line, "reported at {l}, essay at {line}");
            assert!(detail.contains("essay"), "{detail}");
        }
        e => panic!("{e:?}"),
    }
    let e = err(&json.replacen("\"profile\": \"alex\"", "\"profile\": 7", 1));
    assert!(matches!(e, ImportError::Invalid { line: 5, .. }), "{e:?}");
    assert!(e.to_string().contains("damaged at line 5"), "{e}");
    let e = err(&json.replacen("\"version\": 3", "\"version\": 0", 1));
    assert!(
        matches!(
            e,
            ImportError::Invalid {
                line: 3,
                column: 3,
                ..
            }
        ),
        "{e:?}"
    );
    let e = err(&json.replacen("\"profile\"", "\"extra\": 1,\n  \"profile\"", 1));
    assert!(matches!(e, ImportError::Invalid { .. }), "{e:?}");
}

#[test]
fn refuses_another_workbooks_export() {
    let parsed = export::parse_json(&export::json(&workbook(), &answers(), &meta(), false)).unwrap();
    assert_eq!(export::check_import(&parsed, "fixture-book"), Ok(()));
    let e = export::check_import(&parsed, "trust-workbook").unwrap_err();
    assert!(
        e.to_string().contains("another workbook (\"fixture-book\")"),
        "{e}"
    );
}

#[test]
fn refuses_to_import_over_an_own_profile() {
    assert_eq!(export::check_target("sam", ["alex"]), Ok(()));
    let e = export::check_target("alex", ["alex", "default"]).unwrap_err();
    assert_eq!(
        e,
        ImportError::OwnProfile {
            profile: "alex".to_string()
        }
    );
    assert!(e.to_string().contains("one of your own profiles"), "{e}");
}

#[test]
fn refuses_to_import_under_default_even_before_it_exists() {
    let e = export::check_target("default", []).unwrap_err();
    assert_eq!(e, ImportError::DefaultProfile);
    let said = e.to_string();
    assert!(
        said.contains("your own profile") && said.contains("e.g. --profile sam"),
        "{said}"
    );
}

#[test]
fn shipped_workbook_exports_cleanly() {
    let wb = trustbook::content::load_embedded().expect("shipped workbook loads");
    let md = export::markdown(&wb, &Answers::default(), &meta(), false);
    let p = parse_markdown(&md);
    assert!(p.unwanted.is_empty(), "{:?}", p.unwanted);
    // A repeated part is one heading of its own, its prompts quoted under it once.
    let once = |c: &trustbook::content::Chapter| c.exercises.iter().filter(|e| !c.is_repeated(&e.id)).count();
    let exercises: usize = wb.chapters.iter().map(once).sum();
    let parts = wb.chapters.iter().filter(|c| c.repeat.is_some()).count();
    assert_eq!(p.headings, 1 + wb.chapters.len() + exercises + parts);
    assert_eq!(md.matches("*No entries yet.*").count(), parts);
    let optional = wb
        .chapters
        .iter()
        .flat_map(|c| c.exercises.iter().filter(|e| !c.is_repeated(&e.id)))
        .filter(|e| e.optional)
        .count();
    assert_eq!(
        md.matches("*No answer in this export.*").count(),
        exercises - optional
    );
    assert_eq!(
        md.matches("*No answer in this export (optional).*").count(),
        optional
    );
}

#[test]
fn a_version_1_export_still_imports_with_every_answer() {
    // Written by the release before entries existed (export format version 1).
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exports/release-1-export.json");
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains("\"version\": 1"));
    let parsed = export::parse_json(&text).unwrap();
    assert_eq!(parsed.answers, export::shareable(&answers(), false));
    assert!(parsed.answers.entries.is_empty());
}

/// Exports are read away from the app, where a key name means nothing: the shipped
/// workbook's texts that an export prints name no key.
#[test]
fn markdown_of_the_shipped_workbook_names_no_key() {
    let wb = crate::common::shipped();
    let md = export::markdown(&wb, &Answers::default(), &meta(), false);
    for key in ["Ctrl+", "(Esc)", "(Tab)", "(Enter)", "(F1)"] {
        assert!(!md.contains(key), "{key} in the export:\n{md}");
    }
}

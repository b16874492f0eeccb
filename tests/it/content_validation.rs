//! Every validation rule of the content format, proven by its message and position.

use std::fs;
use std::path::Path;

use trustbook::content::{self, Diagnostic};

const WORKBOOK: &str = r#"format_version = 1
id = "test-book"
title = "Test"
welcome = "Hello."
note = "Self-help only."
closing = "The end."
chapters = ["a.toml"]
"#;

const CHAPTER: &str = r#"id = "chapter-a"
title = "A"
introduction = "Intro."

[[exercises]]
id = "first"
kind = "text"
title = "First"
prompt = "Write."

[reflection]
prompt = "What stood out?"
"#;

/// Writes a workbook folder from (file name, contents) pairs and loads it.
fn load(files: &[(&str, &[u8])]) -> Vec<Diagnostic> {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, body) in files {
        fs::write(dir.path().join(name), body).expect("write fixture");
    }
    match content::load_dir(dir.path()) {
        Ok(_) => Vec::new(),
        Err(d) => d.0,
    }
}

/// Loads a workbook whose single chapter is `chapter`.
fn chapter_errors(chapter: &str) -> Vec<Diagnostic> {
    load(&[
        ("workbook.toml", WORKBOOK.as_bytes()),
        ("a.toml", chapter.as_bytes()),
    ])
}

/// Asserts exactly one diagnostic, at `file:line:col`, whose message contains every part.
fn expect_one(diags: &[Diagnostic], file: &str, line: usize, col: usize, parts: &[&str]) {
    assert_eq!(diags.len(), 1, "expected one error, got: {diags:#?}");
    let d = &diags[0];
    assert_eq!(
        (d.file.as_str(), d.line, d.column),
        (file, line, col),
        "position of {d}"
    );
    for p in parts {
        assert!(d.message.contains(p), "`{}` lacks `{p}`", d.message);
    }
}

/// Asserts exactly these diagnostics, in this order (file by file, top to bottom), each
/// `file:line:column: message` starting with its entry.
fn expect_all(diags: &[Diagnostic], expected: &[&str]) {
    let text: Vec<String> = diags.iter().map(ToString::to_string).collect();
    assert_eq!(text.len(), expected.len(), "{text:#?}");
    for (t, e) in text.iter().zip(expected) {
        assert!(t.starts_with(e), "`{e}` expected, in this order: {text:#?}");
    }
}

#[test]
fn the_base_fixture_is_valid() {
    assert!(chapter_errors(CHAPTER).is_empty());
}

#[test]
fn valid_fixture_folder_loads_with_reflections_last() {
    let wb = content::load_dir(Path::new("tests/fixtures/valid")).expect("valid fixture");
    assert_eq!(wb.chapters.len(), 2);
    assert_eq!(wb.exercise_count(), 5);
    let last = wb.chapters[1].exercises.last().expect("reflection");
    assert!(last.is_reflection());
    assert_eq!(last.title, "Looking back");
    assert_eq!(
        wb.chapters[0].exercises.last().map(|e| e.title.as_str()),
        Some("Closing reflection")
    );
}

#[test]
fn shipped_content_loads_from_folder_and_binary() {
    let from_dir = content::load_dir(Path::new("content")).expect("shipped content is valid");
    let embedded = content::load_embedded().expect("embedded content is valid");
    assert_eq!(from_dir, embedded, "the embedded copy must match content/");
    assert_eq!(embedded.chapters.len(), 3);
    for ch in &embedded.chapters {
        // A weekly check-in is a worksheet of its own: counted apart, and kept short.
        let once = ch
            .exercises
            .iter()
            .filter(|e| !e.is_reflection() && !ch.is_repeated(&e.id));
        let n = once.count();
        assert!((5..=9).contains(&n), "chapter {} has {n} exercises", ch.id);
        let repeated = ch.repeat.as_ref().map_or(0, |r| r.exercises.len());
        assert!(repeated <= 4, "chapter {} repeats {repeated} exercises", ch.id);
    }
    let last = embedded.chapters.last().and_then(|c| c.repeat.as_ref());
    assert!(
        last.is_some_and(|r| r.rhythm == content::Rhythm::Weekly),
        "chapter 3 ends in a weekly check-in"
    );
    let mut kinds: Vec<&str> = embedded
        .chapters
        .iter()
        .flat_map(|c| &c.exercises)
        .map(|e| e.kind.name())
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    assert_eq!(kinds, ["checklist", "choice", "list", "ratings", "scale", "text"]);
}

#[test]
fn toml_syntax_error_has_position() {
    let bad = CHAPTER.replace("title = \"A\"", "title = \"A");
    let d = chapter_errors(&bad);
    assert!(!d.is_empty());
    assert_eq!((d[0].file.as_str(), d[0].line), ("a.toml", 2));
    assert!(d[0].message.starts_with("TOML syntax error"), "{}", d[0].message);
}

#[test]
fn unknown_key_suggests_the_right_one() {
    let bad = CHAPTER.replace("prompt = \"Write.\"", "prompt = \"Write.\"\npromt = \"typo\"");
    expect_one(
        &chapter_errors(&bad),
        "a.toml",
        10,
        1,
        &[
            "unknown key `promt`",
            "exercise `first`",
            "did you mean `prompt`?",
        ],
    );
}

#[test]
fn missing_required_key_points_at_the_table() {
    let bad = CHAPTER.replace("prompt = \"Write.\"\n", "");
    let d = chapter_errors(&bad);
    expect_one(
        &d,
        "a.toml",
        5,
        1,
        &["missing required key `prompt`", "exercise `first`"],
    );
}

#[test]
fn unknown_kind_is_named() {
    let bad = CHAPTER.replace("kind = \"text\"", "kind = \"essay\"");
    expect_one(
        &chapter_errors(&bad),
        "a.toml",
        7,
        8,
        &["unknown kind `essay`", "text, list, choice, checklist, scale"],
    );
}

#[test]
fn duplicate_exercise_ids_are_refused() {
    let bad = CHAPTER.replace(
        "[reflection]",
        "[[exercises]]\nid = \"first\"\nkind = \"text\"\ntitle = \"Again\"\nprompt = \"P\"\n\n[reflection]",
    );
    expect_one(
        &chapter_errors(&bad),
        "a.toml",
        12,
        6,
        &["duplicate exercise id `first`"],
    );
}

#[test]
fn reflection_id_is_reserved() {
    let bad = CHAPTER.replace("id = \"first\"", "id = \"reflection\"");
    expect_one(&chapter_errors(&bad), "a.toml", 6, 6, &["reserved"]);
}

#[test]
fn duplicate_chapter_ids_are_refused() {
    let wb = WORKBOOK.replace("[\"a.toml\"]", "[\"a.toml\", \"b.toml\"]");
    let d = load(&[
        ("workbook.toml", wb.as_bytes()),
        ("a.toml", CHAPTER.as_bytes()),
        ("b.toml", CHAPTER.as_bytes()),
    ]);
    expect_one(
        &d,
        "b.toml",
        1,
        6,
        &["chapter id `chapter-a` is already used by a.toml"],
    );
}

#[test]
fn ids_must_be_lowercase_words_with_dashes() {
    for bad_id in ["Looking_Back", "two--dashes", "-lead", "trail-", "", "ünï"] {
        let bad = CHAPTER.replace("id = \"first\"", &format!("id = \"{bad_id}\""));
        let d = chapter_errors(&bad);
        assert!(
            d.iter()
                .any(|d| d.line == 6 && d.message.contains("lowercase letters or digits")),
            "{bad_id:?}: {d:#?}"
        );
    }
}

fn with_exercise(body: &str) -> String {
    CHAPTER.replace("kind = \"text\"", body)
}

#[test]
fn empty_and_duplicate_options_are_refused() {
    let d = chapter_errors(&with_exercise("kind = \"choice\"\noptions = [\"Yes\", \"  \"]"));
    expect_one(&d, "a.toml", 8, 19, &["an option in exercise `first` is empty"]);
    let d = chapter_errors(&with_exercise(
        "kind = \"checklist\"\noptions = [\"Yes\", \"Yes\"]",
    ));
    expect_one(&d, "a.toml", 8, 19, &["option `Yes` appears twice"]);
    let d = chapter_errors(&with_exercise("kind = \"checklist\"\noptions = [\"Only\"]"));
    expect_one(&d, "a.toml", 8, 11, &["at least 2 options"]);
}

#[test]
fn scale_min_must_be_below_max() {
    let d = chapter_errors(&with_exercise(
        "kind = \"scale\"\nmin = 5\nmax = 5\nmin_label = \"Low\"\nmax_label = \"High\"",
    ));
    expect_one(
        &d,
        "a.toml",
        8,
        7,
        &["scale `min` (5) must be less than `max` (5)"],
    );
}

#[test]
fn scale_needs_its_labels() {
    let d = chapter_errors(&with_exercise(
        "kind = \"scale\"\nmin = 0\nmax = 10\nmin_label = \"Low\"",
    ));
    expect_one(&d, "a.toml", 5, 1, &["missing required key `max_label`"]);
}

#[test]
fn list_min_above_max_is_refused() {
    let d = chapter_errors(&with_exercise("kind = \"list\"\nmin = 4\nmax = 2"));
    expect_one(&d, "a.toml", 8, 7, &["list `min` (4) is greater than `max` (2)"]);
}

#[test]
fn keys_of_another_kind_are_unknown() {
    let d = chapter_errors(&with_exercise("kind = \"text\"\noptions = [\"a\", \"b\"]"));
    expect_one(&d, "a.toml", 8, 1, &["unknown key `options`"]);
}

#[test]
fn unsupported_format_version() {
    let wb = WORKBOOK.replace("format_version = 1", "format_version = 3");
    let d = load(&[("workbook.toml", wb.as_bytes()), ("a.toml", CHAPTER.as_bytes())]);
    expect_one(
        &d,
        "workbook.toml",
        1,
        18,
        &["format_version 3 is not supported", "format_version = 1 or 2"],
    );
}

#[test]
fn missing_chapter_file() {
    // Reported at the `chapters` entry: the missing file has no line 1 to point at.
    let d = load(&[("workbook.toml", WORKBOOK.as_bytes())]);
    expect_one(
        &d,
        "workbook.toml",
        7,
        13,
        &[
            "chapter file `a.toml`, listed here in `chapters`, is missing (file not found: ",
            "a.toml; check the name and folder); fix the name here or add the file next to workbook.toml",
        ],
    );
}

#[test]
fn missing_workbook_file() {
    let d = load(&[("a.toml", CHAPTER.as_bytes())]);
    expect_one(&d, "workbook.toml", 1, 1, &["file not found"]);
}

#[test]
fn chapter_file_names_stay_in_the_folder() {
    let wb = WORKBOOK.replace("[\"a.toml\"]", "[\"../a.toml\"]");
    let d = load(&[("workbook.toml", wb.as_bytes()), ("a.toml", CHAPTER.as_bytes())]);
    expect_one(&d, "workbook.toml", 7, 13, &["plain file name"]);
}

#[test]
fn non_utf8_file_reports_the_first_bad_byte() {
    let mut bytes = CHAPTER.as_bytes().to_vec();
    let at = CHAPTER.find("Intro.").expect("intro");
    bytes[at + 2] = 0xff;
    let d = load(&[("workbook.toml", WORKBOOK.as_bytes()), ("a.toml", &bytes)]);
    expect_one(&d, "a.toml", 3, 19, &["not valid UTF-8"]);
}

#[test]
fn control_characters_are_refused() {
    let bad = CHAPTER.replace("prompt = \"Write.\"", "prompt = \"Write \\u001b[31mred\"");
    expect_one(
        &chapter_errors(&bad),
        "a.toml",
        9,
        10,
        &["control character U+001B (ESC)"],
    );
    let bad = CHAPTER.replace("Intro.", "In\\ttro.");
    expect_one(
        &chapter_errors(&bad),
        "a.toml",
        3,
        16,
        &["U+0009 (tab; use spaces)"],
    );
}

#[test]
fn oversized_file_is_refused() {
    let big = format!("{CHAPTER}\n# {}\n", "x".repeat(1024 * 1024));
    let d = chapter_errors(&big);
    expect_one(&d, "a.toml", 1, 1, &["more than the 1 MiB limit"]);
}

#[test]
fn all_errors_are_reported_at_once() {
    let bad = CHAPTER.replace("kind = \"text\"", "kind = \"text\"\npromt = 1\ncolour = 2");
    let wb = WORKBOOK.replace("title = \"Test\"", "titel = \"Test\"");
    let d = load(&[("workbook.toml", wb.as_bytes()), ("a.toml", bad.as_bytes())]);
    expect_all(
        &d,
        &[
            "workbook.toml:1:1: missing required key `title`",
            "workbook.toml:3:1: unknown key `titel`",
            "a.toml:8:1: unknown key `promt`",
            "a.toml:9:1: unknown key `colour`",
        ],
    );
}

#[test]
fn wrong_types_are_explained() {
    let bad = CHAPTER.replace("title = \"First\"", "title = 3");
    expect_one(
        &chapter_errors(&bad),
        "a.toml",
        8,
        9,
        &["`title` in exercise `first` must be text in quotes, not integer"],
    );
}

#[test]
fn garbage_never_panics() {
    // Cut and corrupt a valid chapter at many points; loading must only ever return errors.
    let base = CHAPTER.as_bytes();
    for cut in 0..base.len() {
        let mut bytes = base[..cut].to_vec();
        bytes.extend_from_slice(b"\x00[[\"=\n");
        bytes.extend_from_slice(&base[cut..]);
        let _ = load(&[("workbook.toml", WORKBOOK.as_bytes()), ("a.toml", &bytes)]);
        let _ = load(&[("workbook.toml", &base[..cut]), ("a.toml", base)]);
    }
}

#[test]
fn missing_reflection_shows_the_table_syntax() {
    let bad = CHAPTER.replace("[reflection]\nprompt = \"What stood out?\"\n", "");
    expect_one(
        &chapter_errors(&bad),
        "a.toml",
        1,
        1,
        &[
            "missing `[reflection]` in the chapter",
            "a line `[reflection]`",
            "`prompt = \"...\"`",
        ],
    );
    let bad = CHAPTER.replace(
        "[[exercises]]\nid = \"first\"\nkind = \"text\"\ntitle = \"First\"\nprompt = \"Write.\"\n",
        "",
    );
    expect_one(
        &chapter_errors(&bad),
        "a.toml",
        1,
        1,
        &["missing `[[exercises]]` in the chapter", "a line `[[exercises]]`"],
    );
}

#[test]
fn suggestions_are_offered_for_typos_only() {
    // A swap of two letters is one slip.
    let bad = CHAPTER.replace("title = \"First\"", "titel = \"First\"");
    let d = chapter_errors(&bad);
    assert!(
        d.iter().any(|d| d.line == 8
            && d.message
                .contains("unknown key `titel` in exercise `first`; did you mean `title`?")),
        "{d:#?}"
    );
    // `kind` is two letters away from `hint`: a different word, not a typo.
    let bad = CHAPTER.replace(
        "prompt = \"What stood out?\"",
        "prompt = \"What stood out?\"\nkind = \"text\"",
    );
    expect_one(
        &chapter_errors(&bad),
        "a.toml",
        13,
        1,
        &["unknown key `kind` in the closing reflection; allowed keys here: title, prompt, hint, example"],
    );
}

#[test]
fn every_problem_in_a_chapter_is_reported_in_one_run() {
    let bad = CHAPTER.replace(
        "[reflection]",
        r#"[[exercises]]
id = "first"
kind = "text"
prompt = "No title, and the id is taken."

[[exercises]]
id = "pick"
kind = "choice"
title = "Pick"
prompt = "Pick one."
options = ["Only one"]
other = "yes"

[[exercises]]
id = "reflection"
kind = "essay"
title = "Reserved"
prompt = "P"
exemple = "typo"

[reflection]"#,
    );
    expect_all(
        &chapter_errors(&bad),
        &[
            "a.toml:11:1: missing required key `title` in exercise `first`",
            "a.toml:12:6: duplicate exercise id `first`",
            "a.toml:21:11: exercise `pick` needs at least 2 options",
            "a.toml:22:9: `other` in exercise `pick` must be true or false, not string",
            "a.toml:25:6: the id `reflection` is reserved",
            "a.toml:26:8: unknown kind `essay` in exercise `reflection`",
            "a.toml:29:1: unknown key `exemple` in exercise `reflection`; did you mean `example`?",
        ],
    );
}

#[test]
fn a_chapter_listed_twice_is_still_checked_once() {
    let wb = WORKBOOK.replace("[\"a.toml\"]", "[\"a.toml\", \"a.toml\"]");
    let bad = CHAPTER.replace("title = \"First\"", "title = 3");
    let d = load(&[("workbook.toml", wb.as_bytes()), ("a.toml", bad.as_bytes())]);
    expect_all(
        &d,
        &[
            "workbook.toml:7:23: chapter file `a.toml` is listed twice",
            "a.toml:8:9: `title` in exercise `first` must be text",
        ],
    );
}

#[test]
fn duplicate_chapter_ids_are_found_in_broken_chapters_too() {
    let wb = WORKBOOK.replace("[\"a.toml\"]", "[\"a.toml\", \"b.toml\"]");
    let b = CHAPTER.replace("title = \"A\"\n", "");
    let d = load(&[
        ("workbook.toml", wb.as_bytes()),
        ("a.toml", CHAPTER.as_bytes()),
        ("b.toml", b.as_bytes()),
    ]);
    expect_all(
        &d,
        &[
            "b.toml:1:1: missing required key `title` in the chapter",
            "b.toml:1:6: chapter id `chapter-a` is already used by a.toml",
        ],
    );
}

#[test]
fn raw_control_characters_get_one_plain_message_each() {
    // A literal ESC inside a text (pasted coloured output), not the TOML parser's jargon.
    let bad = CHAPTER.replace("prompt = \"Write.\"", "prompt = \"Write \u{1b}[31mred\"");
    expect_one(
        &chapter_errors(&bad),
        "a.toml",
        9,
        17,
        &["the file contains the control character U+001B (ESC) here; remove it"],
    );
    // Also outside texts, and every one of them; the rest of the file is still checked.
    let bad = CHAPTER
        .replace("introduction = ", "introduction =\u{0}")
        .replace("[reflection]", "# page break \u{c}\n[reflection]")
        .replace("title = \"First\"", "title = 3");
    expect_all(
        &chapter_errors(&bad),
        &[
            "a.toml:3:15: the file contains the control character U+0000 (NUL) here; remove it, it could disturb the reader's terminal",
            "a.toml:8:9: `title` in exercise `first` must be text in quotes, not integer",
            "a.toml:11:14: the file contains the control character U+000C (form feed) here; remove it, it could disturb the reader's terminal",
        ],
    );
    // A carriage return on its own (not before a newline) is one too.
    let bad = CHAPTER.replace("Intro.", "In\rtro.");
    expect_one(
        &chapter_errors(&bad),
        "a.toml",
        3,
        19,
        &["U+000D (carriage return)"],
    );
}

#[test]
fn tabs_are_fine_between_keys_but_not_in_texts() {
    let ok = CHAPTER.replace("kind = \"text\"", "kind\t=\t\"text\"\t# a comment\twith tabs");
    assert!(chapter_errors(&ok).is_empty());
    let bad = CHAPTER.replace("prompt = \"Write.\"", "prompt = \"Write\tthis.\"");
    expect_one(
        &chapter_errors(&bad),
        "a.toml",
        9,
        16,
        &["`prompt` in exercise `first` contains the control character U+0009 (tab; use spaces)"],
    );
}

#[test]
fn the_workbook_file_itself_means_its_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("workbook.toml"), WORKBOOK).expect("write");
    fs::write(dir.path().join("a.toml"), CHAPTER).expect("write");
    let wb = content::load_dir(&dir.path().join("workbook.toml")).expect("loads from its folder");
    assert_eq!(wb.id, "test-book");
    // Any other file gets a clear word instead of "Not a directory".
    let chapter = dir.path().join("a.toml");
    let d = content::load_dir(&chapter)
        .expect_err("a chapter file is not a workbook")
        .0;
    expect_one(
        &d,
        &chapter.display().to_string(),
        1,
        1,
        &[
            "not a workbook folder",
            "the folder that holds workbook.toml",
            &dir.path().display().to_string(),
        ],
    );
}

#[test]
fn a_wrong_optional_key_in_the_reflection_shows_with_a_missing_prompt() {
    let bad = CHAPTER.replace("prompt = \"What stood out?\"", "hint = 2");
    expect_all(
        &chapter_errors(&bad),
        &[
            "a.toml:11:1: missing required key `prompt` in the closing reflection",
            "a.toml:12:8: `hint` in the closing reflection must be text in quotes, not integer",
        ],
    );
}

/// Loads a folder, warnings included: what `validate` prints.
fn check(files: &[(&str, &str)]) -> Vec<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, body) in files {
        fs::write(dir.path().join(name), body).expect("write fixture");
    }
    match content::check_dir(dir.path()) {
        Ok((_, warnings)) => warnings.0.iter().map(ToString::to_string).collect(),
        Err(d) => d.0.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn keys_under_an_unknown_sub_table_are_explained() {
    let chapter = CHAPTER.replace("kind = \"text\"\n", "kind = \"text\"\n\n[[exercises.fields]]\n");
    assert_eq!(
        check(&[("workbook.toml", WORKBOOK), ("a.toml", &chapter)]),
        [
            "a.toml:5:1: missing required key `title` in exercise `first`: it is set on line 10, but under `[[exercises.fields]]` (line 9), so it belongs to that table; delete that line or move `title` above it",
            "a.toml:5:1: missing required key `prompt` in exercise `first`: it is set on line 11, but under `[[exercises.fields]]` (line 9), so it belongs to that table; delete that line or move `prompt` above it",
            "a.toml:9:13: `[[exercises.fields]]` starts a table `fields` inside exercise `first`, which has no such table; every key after it, up to the next `[` line, belongs to that table and not to exercise `first` (`title`, `prompt`); delete the line `[[exercises.fields]]` so those keys belong to exercise `first` again; a new exercise starts with `[[exercises]]`",
        ]
    );
    // A sub-table of the reflection, with nothing under it.
    let chapter = format!("{CHAPTER}\n[reflection.extra]\n");
    assert_eq!(
        check(&[("workbook.toml", WORKBOOK), ("a.toml", &chapter)]),
        [
            "a.toml:14:13: `[reflection.extra]` starts a table `extra` inside the closing reflection, which has no such table; nothing is written under it; delete the line `[reflection.extra]`",
        ]
    );
    // An inline table is an ordinary unknown key, not a header.
    let chapter = CHAPTER.replace("kind = \"text\"\n", "kind = \"text\"\nfields = { a = 1 }\n");
    let d = check(&[("workbook.toml", WORKBOOK), ("a.toml", &chapter)]);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert!(
        d[0].starts_with("a.toml:8:1: unknown key `fields` in exercise `first`; allowed keys here:"),
        "{d:#?}"
    );
}

#[test]
fn titles_cut_in_the_header_at_80_columns_are_warned_of() {
    // One chapter of one exercise and the reflection: "Exercise 2/2".
    let room = content::chapter_title_room(1, 1, 2);
    assert_eq!(room, 33);
    let titled = |t: &str| CHAPTER.replace("title = \"A\"", &format!("title = \"{t}\""));
    let fits = titled(&"C".repeat(room));
    assert_eq!(
        check(&[("workbook.toml", WORKBOOK), ("a.toml", &fits)]),
        Vec::<String>::new()
    );
    let long = titled(&"C".repeat(room + 1));
    assert_eq!(
        check(&[("workbook.toml", WORKBOOK), ("a.toml", &long)]),
        [
            "a.toml:2:9: warning: the chapter title is 34 columns wide; the header on its exercise pages has room for 33 on an 80-column screen, so it will be cut short there; shorten it to 33 columns or fewer"
        ]
    );
    let room = content::workbook_title_room();
    assert_eq!(room, 48);
    let book = |t: &str| WORKBOOK.replace("title = \"Test\"", &format!("title = \"{t}\""));
    let fits = book(&"W".repeat(room));
    assert_eq!(
        check(&[("workbook.toml", &fits), ("a.toml", CHAPTER)]),
        Vec::<String>::new()
    );
    let long = book(&"W".repeat(room + 1));
    assert_eq!(
        check(&[("workbook.toml", &long), ("a.toml", CHAPTER)]),
        [
            "workbook.toml:3:9: warning: the workbook title is 49 columns wide; the header on the welcome menu has room for 48 on an 80-column screen, so it will be cut short there; shorten it to 48 columns or fewer"
        ]
    );
}

/// The header as drawn at 80 columns on the last exercise at 100% done (its widest
/// right-hand side), for a chapter titled `title`.
fn header_with_chapter_title(title: &str) -> String {
    use crate::common::{answers_with, app_with, place, render, text};
    let dir = tempfile::tempdir().expect("temp dir");
    let chapter = CHAPTER.replace("title = \"A\"", &format!("title = \"{title}\""));
    fs::write(dir.path().join("workbook.toml"), WORKBOOK).expect("write");
    fs::write(dir.path().join("a.toml"), chapter).expect("write");
    let wb = content::load_dir(dir.path()).expect("loads");
    let answers = answers_with(&[
        ("chapter-a", "first", text("x")),
        ("chapter-a", "reflection", text("y")),
    ]);
    let mut app = app_with(wb, answers, Some(place("chapter-a", Some("reflection"))));
    // Enter on the welcome menu continues at the reflection.
    crate::common::press(&mut app, ratatui::crossterm::event::KeyCode::Enter);
    let screen = render(&app, 80, 24);
    screen.lines().next().unwrap_or_default().to_string()
}

#[test]
fn the_title_room_matches_the_header_as_drawn() {
    let room = content::chapter_title_room(1, 1, 2);
    let fits = "C".repeat(room);
    let header = header_with_chapter_title(&fits);
    assert!(
        header.contains("Exercise 2/2 · 100% done"),
        "not the widest header: {header}"
    );
    assert!(
        header.contains(&fits) && !header.contains('…'),
        "cut although it fits: {header}"
    );
    let cut = header_with_chapter_title(&"C".repeat(room + 1));
    assert!(cut.contains('…'), "not cut although it is too long: {cut}");
}

#[test]
fn a_duplicate_key_in_workbook_toml_names_the_key_at_both_lines() {
    let wb = format!("{WORKBOOK}title = \"Again\"\n");
    assert_eq!(
        check(&[("workbook.toml", &wb), ("a.toml", CHAPTER)]),
        [
            "workbook.toml:8:1: duplicate key `title`: it is already set on line 3 in the same table; keep one of the two (line 3 or line 8)"
        ]
    );
    // In a table further down, the first place is found within that table only.
    let chapter = CHAPTER.replace("prompt = \"Write.\"\n", "prompt = \"Write.\"\nid = \"again\"\n");
    assert_eq!(
        check(&[("workbook.toml", WORKBOOK), ("a.toml", &chapter)]),
        [
            "a.toml:10:1: duplicate key `id`: it is already set on line 6 in the same table; keep one of the two (line 6 or line 10)"
        ]
    );
}

/// The workbook in format 2, with chapters `a.toml` and `b.toml`.
fn workbook_v2() -> String {
    WORKBOOK
        .replace("format_version = 1", "format_version = 2")
        .replace("[\"a.toml\"]", "[\"a.toml\", \"b.toml\"]")
}

/// Chapter A: a list, then a ratings exercise whose line 18 is `rate` (its `items_from`).
fn ratings_chapter(rate: &str) -> String {
    format!(
        r#"id = "chapter-a"
title = "A"
introduction = "Intro."

[[exercises]]
id = "things"
kind = "list"
title = "Things"
prompt = "List."

[[exercises]]
id = "rate"
kind = "ratings"
title = "Rate"
prompt = "Rate them."
min = 0
max = 10
{rate}

[reflection]
prompt = "What stood out?"
"#
    )
}

/// Chapter B, after A: a text and a list.
const CHAPTER_B: &str = r#"id = "chapter-b"
title = "B"
introduction = "Intro."

[[exercises]]
id = "notes"
kind = "text"
title = "Notes"
prompt = "Write."

[[exercises]]
id = "later-list"
kind = "list"
title = "Later"
prompt = "List."

[reflection]
prompt = "What stood out?"
"#;

/// What `validate` says of chapter A with `rate` on line 18, and chapter B.
fn ratings_check(rate: &str) -> Vec<String> {
    check(&[
        ("workbook.toml", &workbook_v2()),
        ("a.toml", &ratings_chapter(rate)),
        ("b.toml", CHAPTER_B),
    ])
}

#[test]
fn items_from_names_an_earlier_list_of_any_chapter() {
    for ok in [
        "items_from = \"things\"",
        "items_from = \"chapter-a/things\"",
        "items_from = \"things\"\nitems = [\"Sleep\"]",
        "add_items = true",
        "add_items = true\nitems_from = \"things\"\nmin_label = \"low\"",
    ] {
        assert_eq!(ratings_check(ok), Vec::<String>::new(), "{ok}");
    }
    // From chapter B, a list of chapter A.
    let b = CHAPTER_B.replace(
        "[reflection]",
        "[[exercises]]\nid = \"rate-b\"\nkind = \"ratings\"\ntitle = \"R\"\nprompt = \"P\"\nmin = 1\nmax = 5\nitems_from = \"chapter-a/things\"\n\n[reflection]",
    );
    let a = ratings_chapter("add_items = true");
    assert_eq!(
        check(&[("workbook.toml", &workbook_v2()), ("a.toml", &a), ("b.toml", &b)]),
        Vec::<String>::new()
    );
}

#[test]
fn items_from_mistakes_have_exact_messages_and_positions() {
    let cases = [
        (
            "items_from = \"thing\"",
            "a.toml:18:14: `items_from` in exercise `rate` names `thing`, which is no exercise of this chapter; did you mean `things`?",
        ),
        (
            "items_from = \"chapter-b/notes\"",
            "a.toml:18:14: `items_from` in exercise `rate` names `notes`, a text exercise; it must name a list, whose items are rated",
        ),
        (
            "items_from = \"rate\"",
            "a.toml:18:14: `items_from` in exercise `rate` names the exercise itself; name an earlier list exercise, whose items are rated",
        ),
        (
            "items_from = \"chapter-b/later-list\"",
            "a.toml:18:14: warning: `items_from` in exercise `rate` names `later-list`, which comes later, so the list is usually still empty when this is rated; move the list before this exercise",
        ),
        (
            "items_from = \"chaptr-b/later-list\"",
            "a.toml:18:14: `items_from` in exercise `rate` names `chaptr-b`, which is no chapter of this workbook; did you mean `chapter-b`?",
        ),
        (
            "items_from = \"chapter-b/notez\"",
            "a.toml:18:14: `items_from` in exercise `rate` names `notez`, which is no exercise of chapter `chapter-b`; did you mean `notes`?",
        ),
        (
            "items_from = \"chapter-b/things/x\"",
            "a.toml:18:14: `items_from` in exercise `rate` is `chapter-b/things/x`, which is no exercise id; write the id of a list exercise, like \"my-list\", or its chapter's id and its own, like \"chapter-id/my-list\"",
        ),
        (
            "items_from = 3",
            "a.toml:18:14: `items_from` in exercise `rate` must be text in quotes, not integer",
        ),
        (
            "add_items = \"yes\"",
            "a.toml:18:13: `add_items` in exercise `rate` must be true or false, not string",
        ),
        (
            "",
            "a.toml:11:1: exercise `rate` has nothing to rate; add `items = [\"...\"]` (items of your own), `items_from = \"a-list-id\"` (the person's answer to an earlier list) or `add_items = true` (the person writes them)",
        ),
        (
            "add_items = false",
            "a.toml:11:1: exercise `rate` has nothing to rate;",
        ),
        (
            "items_form = \"things\"",
            "a.toml:18:1: unknown key `items_form` in exercise `rate`; did you mean `items_from`?",
        ),
    ];
    for (rate, want) in cases {
        let got = ratings_check(rate);
        assert!(
            matches!(got.as_slice(), [only] if only.starts_with(want)),
            "{rate}: want {want}\ngot {got:#?}"
        );
    }
}

#[test]
fn items_from_a_later_list_of_the_same_chapter_is_warned_of() {
    let b = CHAPTER_B.replace(
        "[[exercises]]\nid = \"later-list\"",
        "[[exercises]]\nid = \"rate-b\"\nkind = \"ratings\"\ntitle = \"R\"\nprompt = \"P\"\nmin = 1\nmax = 5\nitems_from = \"later-list\"\n\n[[exercises]]\nid = \"later-list\"",
    );
    let a = ratings_chapter("add_items = true");
    assert_eq!(
        check(&[("workbook.toml", &workbook_v2()), ("a.toml", &a), ("b.toml", &b)]),
        [
            "b.toml:18:14: warning: `items_from` in exercise `rate-b` names `later-list`, which comes later, so the list is usually still empty when this is rated; move the list before this exercise"
        ]
    );
}

#[test]
fn items_from_into_a_chapter_that_does_not_load_adds_no_second_error() {
    let a = ratings_chapter("items_from = \"chapter-b/later-list\"");
    let broken = CHAPTER_B.replace("title = \"B\"", "title = \"B");
    let d = check(&[
        ("workbook.toml", &workbook_v2()),
        ("a.toml", &a),
        ("b.toml", &broken),
    ]);
    assert!(d.iter().all(|d| d.starts_with("b.toml:")), "{d:#?}");
    let d = check(&[("workbook.toml", &workbook_v2()), ("a.toml", &a)]);
    assert!(d.iter().all(|d| d.contains("b.toml")), "{d:#?}");
}

/// A format 2 chapter `chapter-a` of a scale `calm` (0 to 10) on lines 5-13, a list
/// `agreements` on lines 15-19, then `rest` (more exercises and tables) from line 21.
fn v2_chapter(rest: &str) -> String {
    format!(
        r#"id = "chapter-a"
title = "A"
introduction = "Intro."

[[exercises]]
id = "calm"
kind = "scale"
title = "Calm"
prompt = "How calm?"
min = 0
max = 10
min_label = "Upset"
max_label = "Calm"

[[exercises]]
id = "agreements"
kind = "list"
title = "Agreements"
prompt = "List them."

{rest}
[reflection]
prompt = "What stood out?"
"#
    )
}

/// An exercise `second` (lines 21-25) whose line 26 is `extra`.
fn second(extra: &str) -> String {
    format!("[[exercises]]\nid = \"second\"\nkind = \"text\"\ntitle = \"S\"\nprompt = \"P\"\n{extra}\n")
}

/// What `validate` says of a format 2 workbook of chapter A, with `rest` after its
/// list, and chapter B.
fn v2_check(rest: &str, b: &str) -> Vec<String> {
    check(&[
        ("workbook.toml", &workbook_v2()),
        ("a.toml", &v2_chapter(rest)),
        ("b.toml", b),
    ])
}

#[test]
fn the_v2_chapter_fixture_is_valid() {
    assert_eq!(v2_check("", CHAPTER_B), Vec::<String>::new());
    assert_eq!(
        v2_check(
            &second("when = { exercise = \"calm\", at_least = 0, at_most = 10 }"),
            CHAPTER_B
        ),
        Vec::<String>::new()
    );
}

#[test]
fn when_thresholds_outside_the_scale_are_refused() {
    let cases = [
        (
            "when = { exercise = \"calm\", at_least = 11 }",
            "a.toml:26:40: `at_least = 11` in the `when` of exercise `second` is outside the scale of `calm` (0 to 10), so the condition never holds; use a whole number from 0 to 10",
        ),
        (
            "when = { exercise = \"calm\", at_most = -1 }",
            "a.toml:26:39: `at_most = -1` in the `when` of exercise `second` is outside the scale of `calm` (0 to 10), so the condition never holds; use a whole number from 0 to 10",
        ),
        (
            "when = { exercise = \"calm\", at_least = -5 }",
            "a.toml:26:40: `at_least = -5` in the `when` of exercise `second` is outside the scale of `calm` (0 to 10), so the condition always holds; use a whole number from 0 to 10",
        ),
        (
            "when = { exercise = \"calm\", at_most = 100 }",
            "a.toml:26:39: `at_most = 100` in the `when` of exercise `second` is outside the scale of `calm` (0 to 10), so the condition always holds; use a whole number from 0 to 10",
        ),
        (
            "when = { exercise = \"calm\", at_least = 7, at_most = 3 }",
            "a.toml:26:40: the `when` of exercise `second` asks for `at_least = 7` and `at_most = 3`, which no answer can be, so it never holds; make `at_least` at most `at_most`",
        ),
    ];
    for (when, want) in cases {
        assert_eq!(v2_check(&second(when), CHAPTER_B), [want], "{when}");
    }
}

#[test]
fn optional_or_private_on_a_page_is_refused() {
    let page = |extra: &str| {
        format!(
            "[[exercises]]\nid = \"crisis\"\nkind = \"page\"\ntitle = \"If you are unsafe\"\nprompt = \"Call a crisis line.\"\n{extra}\n"
        )
    };
    assert_eq!(v2_check(&page(""), CHAPTER_B), Vec::<String>::new());
    assert_eq!(
        v2_check(&page("optional = true"), CHAPTER_B),
        [
            "a.toml:26:1: `optional` in exercise `crisis` has no effect: a page takes no answer, so it never holds progress back; remove the line"
        ]
    );
    assert_eq!(
        v2_check(&page("private = false"), CHAPTER_B),
        [
            "a.toml:26:1: `private` in exercise `crisis` has no effect: a page takes no answer, so there is nothing to keep out of the comparison; remove the line"
        ]
    );
    // A page with `when` is fine: it shows only while the condition holds.
    assert_eq!(
        v2_check(&page("when = { exercise = \"calm\", at_most = 3 }"), CHAPTER_B),
        Vec::<String>::new()
    );
}

#[test]
fn when_or_items_from_naming_its_own_exercise_is_refused() {
    assert_eq!(
        v2_check(
            &second("when = { exercise = \"second\", at_most = 3 }"),
            CHAPTER_B
        ),
        [
            "a.toml:26:21: the `when` of exercise `second` names the exercise itself, so it could never be answered; name an earlier exercise whose answer decides"
        ]
    );
    assert_eq!(
        ratings_check("items_from = \"rate\""),
        [
            "a.toml:18:14: `items_from` in exercise `rate` names the exercise itself; name an earlier list exercise, whose items are rated"
        ]
    );
}

/// A ratings exercise `rate` (lines 21-27) of `items_from = "{from}"` (line 28).
fn rate_from(from: &str) -> String {
    format!(
        "[[exercises]]\nid = \"rate\"\nkind = \"ratings\"\ntitle = \"R\"\nprompt = \"P\"\nmin = 0\nmax = 10\nitems_from = \"{from}\"\n"
    )
}

#[test]
fn when_or_items_from_from_once_to_a_repeated_exercise_is_refused() {
    let repeat =
        "[repeat]\nrhythm = \"weekly\"\ntitle = \"Check-in\"\nexercises = [\"calm\", \"agreements\"]\n";
    assert_eq!(
        v2_check(
            &format!(
                "{}{repeat}",
                second("when = { exercise = \"calm\", at_most = 3 }")
            ),
            CHAPTER_B
        ),
        [
            "a.toml:26:21: the `when` of exercise `second` names `calm`, which is answered once per entry (it is in `[repeat]`), while exercise `second` is answered once, so no one entry decides it; add `second` to the `exercises` of `[repeat]`, or name an exercise answered once"
        ]
    );
    // Repeated too: each entry decides its own.
    let both = repeat.replace("\"agreements\"]", "\"agreements\", \"second\"]");
    assert_eq!(
        v2_check(
            &format!("{}{both}", second("when = { exercise = \"calm\", at_most = 3 }")),
            CHAPTER_B
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        v2_check(&format!("{}{repeat}", rate_from("agreements")), CHAPTER_B),
        [
            "a.toml:28:14: `items_from` in exercise `rate` names `agreements`, which is answered once per entry (it is in `[repeat]`), while `rate` is answered once, so no one entry's list is meant; add `rate` to the `exercises` of `[repeat]`, or name a list answered once"
        ]
    );
    let b = CHAPTER_B.replace(
        "[reflection]",
        &format!("{}\n[reflection]", rate_from("chapter-a/agreements")),
    );
    assert_eq!(
        v2_check(repeat, &b),
        [
            "b.toml:24:14: `items_from` in exercise `rate` names `agreements` of chapter `chapter-a`, which is answered once per entry there (it is in `[repeat]`), so no one entry's list is meant; name a list answered once, or one of this chapter"
        ]
    );
}

#[test]
fn items_from_into_another_chapters_private_list_is_refused() {
    let b = |chapter_private: &str, list: &str| {
        format!(
            "id = \"chapter-b\"\n{chapter_private}title = \"B\"\nintroduction = \"Intro.\"\n\n[[exercises]]\nid = \"mine\"\nkind = \"list\"\ntitle = \"Mine\"\nprompt = \"List.\"\n{list}\n[reflection]\nprompt = \"What stood out?\"\n"
        )
    };
    let a = |from: &str| v2_check(&rate_from(from), &b("", ""));
    assert_eq!(
        a("chapter-b/mine"),
        [
            "a.toml:28:14: warning: `items_from` in exercise `rate` names `mine`, which comes later, so the list is usually still empty when this is rated; move the list before this exercise"
        ]
    );
    let check_b =
        |chapter_private: &str, list: &str| v2_check(&rate_from("chapter-b/mine"), &b(chapter_private, list));
    assert_eq!(
        check_b("private = true\n", ""),
        [
            "a.toml:28:14: `items_from` in exercise `rate` names `mine` of chapter `chapter-b`, whose answers are private because its chapter is private (`private = true`); another chapter's ratings would show and share its items, so name a list of this chapter or one that is not private"
        ]
    );
    assert_eq!(
        check_b("", "private = true\n"),
        [
            "a.toml:28:14: `items_from` in exercise `rate` names `mine` of chapter `chapter-b`, whose answers are private because it is private (`private = true`); another chapter's ratings would show and share its items, so name a list of this chapter or one that is not private"
        ]
    );
    let entries = b(
        "",
        "\n[repeat]\nrhythm = \"entries\"\ntitle = \"Record\"\nexercises = [\"mine\"]\n",
    );
    assert_eq!(
        v2_check(&rate_from("chapter-b/mine"), &entries),
        [
            "a.toml:28:14: `items_from` in exercise `rate` names `mine` of chapter `chapter-b`, whose answers are private because it is part of a `[repeat]` with `rhythm = \"entries\"`, whose answers are private; another chapter's ratings would show and share its items, so name a list of this chapter or one that is not private"
        ]
    );
}

#[test]
fn an_unknown_kind_in_a_repeated_exercise_is_reported_once() {
    let rest = "[[exercises]]\nid = \"moods\"\nkind = \"rating\"\ntitle = \"M\"\nprompt = \"P\"\nmin = 0\nmax = 10\nadd_items = true\n\n[repeat]\nrhythm = \"weekly\"\ntitle = \"Check-in\"\nexercises = [\"moods\"]\nsuggest_previous = [\"moods\"]\n";
    assert_eq!(
        v2_check(rest, CHAPTER_B),
        ["a.toml:23:8: unknown kind `rating` in exercise `moods`; did you mean `ratings`?"]
    );
    // A `when` naming it adds nothing either.
    let rest = rest
        .replace("[\"moods\"]\nsuggest", "[\"moods\", \"second\"]\nsuggest")
        .replace(
            "\n[repeat]",
            &format!(
                "\n{}\n[repeat]",
                second("when = { exercise = \"moods\", at_most = 3 }")
            ),
        );
    assert_eq!(
        v2_check(&rest, CHAPTER_B),
        ["a.toml:23:8: unknown kind `rating` in exercise `moods`; did you mean `ratings`?"]
    );
}

#[test]
fn a_wrong_format_version_gives_one_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let from = Path::new("tests/fixtures/v2-workbook");
    for entry in fs::read_dir(from).expect("v2 fixture") {
        let path = entry.expect("fixture file").path();
        let text = fs::read_to_string(&path).expect("fixture text");
        let text = text.replace("format_version = 2", "format_version = 3");
        fs::write(dir.path().join(path.file_name().expect("name")), text).expect("write");
    }
    let d = content::check_dir(dir.path()).expect_err("format 3 is refused");
    let d: Vec<String> = d.0.iter().map(ToString::to_string).collect();
    assert_eq!(
        d,
        [
            "workbook.toml:1:18: format_version 3 is not supported; this version of trustbook reads format_version = 1 or 2"
        ]
    );
}

/// A crafted workbook whose checklist options are 60,000 characters long: the "did
/// you mean" for a missing `exclusive` option compares nothing that long, so
/// validation finishes (it once built a 60,001 x 60,001 table and ran out of memory).
/// Time and memory are measured by hand (`/usr/bin/time -v trustbook validate`).
#[test]
fn validate_finishes_on_60000_character_options() {
    let chapter = long_option_chapter(60_000);
    // `exclusive` is a key of format 2.
    let workbook = WORKBOOK.replace("format_version = 1", "format_version = 2");
    let diags = load(&[
        ("workbook.toml", workbook.as_bytes()),
        ("a.toml", chapter.as_bytes()),
    ]);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let msg = diags[0].to_string();
    assert!(msg.contains("exclusive option"), "{}", &msg[..200.min(msg.len())]);
    assert!(
        !msg.contains("did you mean"),
        "a suggestion for a 60,000-char option"
    );
    // A short option one letter off still gets one.
    let short = long_option_chapter(8);
    let diags = load(&[
        ("workbook.toml", workbook.as_bytes()),
        ("a.toml", short.as_bytes()),
    ]);
    assert!(diags[0].to_string().contains("did you mean"), "{diags:#?}");
}

/// A chapter with one checklist of two `n`-char options and an `exclusive` option
/// one letter off the first.
pub fn long_option_chapter(n: usize) -> String {
    let a = "a".repeat(n);
    let b = "b".repeat(n);
    format!(
        "id = \"a\"\ntitle = \"A\"\nintroduction = \"I\"\n\n[[exercises]]\nid = \"e\"\nkind = \"checklist\"\ntitle = \"E\"\nprompt = \"P\"\noptions = [\"{a}\", \"{b}\"]\nexclusive = [\"{a}c\"]\n\n[reflection]\nprompt = \"R\"\n"
    )
}

//! A hostile corpus: a workbook, answers files, a partner's export and command-line paths
//! full of terminal sequences (ESC, CSI, OSC, C1 CSI), DEL, bidi overrides and zero-width
//! characters. Every command is run on it, and no raw control reaches stdout or stderr:
//! each shows quoted as `<U+XXXX>`, and the JSON export writes `\uXXXX` escapes.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use trustbook::store;

/// Every kind of hostile character at once, for text that may hold anything.
const EVIL: &str = "x\u{1b}\u{1b}[31m\u{1b}]0;x\u{7}\u{9b}2J\u{7f}\u{202e}\u{2066}\u{200b}\u{feff}y";
/// The same, written as TOML (and JSON) escapes.
const EVIL_ESCAPED: &str = r"x\u001b\u001b[31m\u001b]0;x\u0007\u009b2J\u007f\u202e\u2066\u200b\ufeffy";
/// Safe to have in a file name on any Unix file system.
const EVIL_NAME: &str = "n\u{1b}[31m\u{9b}\u{7f}\u{202e}\u{2066}\u{200b}\u{feff}";

/// True for a character that must never reach a terminal raw, decided here on its own
/// (not by the code under test): C0 controls but newline and tab, DEL, C1, bidi controls,
/// zero-width and invisible format characters.
fn forbidden(c: char) -> bool {
    let n = c as u32;
    (n < 0x20 && c != '\n' && c != '\t')
        || (0x7f..=0x9f).contains(&n)
        || (0x202a..=0x202e).contains(&n)
        || (0x2066..=0x2069).contains(&n)
        || (0x200b..=0x200f).contains(&n)
        || n == 0xfeff
        || n == 0xad
}

/// Fails with the command and the offending characters if `bytes` holds a raw one.
fn assert_clean(what: &str, stream: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<String> = text
        .chars()
        .filter(|c| forbidden(*c))
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    assert!(
        bad.is_empty(),
        "{what}: raw {bad:?} on {stream}:\n{}",
        text.escape_debug()
    );
}

/// The hostile corpus in a temporary folder.
struct Corpus {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    /// The data folder, its name hostile.
    data: PathBuf,
    /// The fixture workbook with bidi controls in its texts (valid, with warnings).
    bidi_book: PathBuf,
    /// A workbook whose ids, keys, kinds, options and file names are hostile.
    bad_book: PathBuf,
    /// A partner's export, at a hostile path.
    export: PathBuf,
    /// A file that is not an export, at a hostile path.
    not_export: PathBuf,
}

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid")
}

impl Corpus {
    fn new() -> Corpus {
        let tmp = tempfile::tempdir().expect("temporary folder");
        let root = tmp.path().to_path_buf();
        let data = root.join(format!("data-{EVIL_NAME}"));
        fs::create_dir(&data).expect("data folder");

        // The fixture, its prompts and option texts carrying bidi and zero-width controls.
        let bidi_book = root.join("bidi-book");
        fs::create_dir(&bidi_book).expect("bidi book");
        for f in ["workbook.toml", "one.toml", "two.toml"] {
            let text = fs::read_to_string(fixture_dir().join(f)).expect("fixture");
            let text = text
                .replace("Write anything.", r"Write \u202eanything\u2066.")
                .replace("\"Green\"", r#""Gr\u200been""#);
            fs::write(bidi_book.join(f), text).expect("write bidi book");
        }

        // Everything an author can get wrong, with hostile text in every quoted part.
        let bad_book = root.join("bad-book");
        fs::create_dir(&bad_book).expect("bad book");
        let chapter_file = format!("c{EVIL_NAME}.toml");
        fs::write(
            bad_book.join("workbook.toml"),
            format!(
                "format_version = 1\nid = \"{EVIL_ESCAPED}\"\ntitle = \"T\"\nwelcome = \"W\"\nnote = \"N\"\n\
                 closing = \"C\"\n\"k{EVIL_ESCAPED}\" = 1\n\
                 chapters = [\"{}\", \"gone{EVIL_ESCAPED}.toml\", \"bad/{EVIL_ESCAPED}\"]\n",
                chapter_file.escape_unicode_controls()
            ),
        )
        .expect("write bad workbook");
        fs::write(
            bad_book.join(&chapter_file),
            format!(
                "id = \"{EVIL_ESCAPED}\"\ntitle = \"t \u{1b}[31m raw\"\nintroduction = \"I\"\n\
                 \"u{EVIL_ESCAPED}\" = 2\n\n\
                 [[exercises]]\nid = \"e{EVIL_ESCAPED}\"\nkind = \"k{EVIL_ESCAPED}\"\ntitle = \"T\"\nprompt = \"P\"\n\n\
                 [[exercises]]\nid = \"f{EVIL_ESCAPED}\"\nkind = \"choice\"\ntitle = \"T\\u001b\"\nprompt = \"P\"\n\
                 options = [\"o{EVIL_ESCAPED}\", \"o{EVIL_ESCAPED}\"]\n\n\
                 [[exercises]]\nid = \"f{EVIL_ESCAPED}\"\nkind = \"text\"\ntitle = \"T\"\nprompt = \"P\"\n\n\
                 [reflection]\nprompt = \"R\"\n"
            ),
        )
        .expect("write bad chapter");

        // Own profile sam: hostile answers, and answers under hostile keys (kept as orphans).
        fs::write(
            data.join("sam.toml"),
            format!(
                "schema_version = 1\nworkbook = \"fixture-book\"\nsaved = \"2026-11-20T09:00:00Z\"\n\n\
                 [answers.one.free]\nchanged = \"2026-11-20T08:58:00Z\"\nkind = \"text\"\ntext = \"{EVIL_ESCAPED}\\nline two {EVIL_ESCAPED}\"\n\n\
                 [answers.one.items]\nchanged = \"2026-11-20T08:58:00Z\"\nkind = \"list\"\nitems = [\"{EVIL_ESCAPED}\"]\n\n\
                 [answers.two.ticks]\nchanged = \"2026-11-20T08:58:00Z\"\nkind = \"checklist\"\nticked = [\"One\", \"{EVIL_ESCAPED}\"]\n\n\
                 [answers.\"c{EVIL_ESCAPED}\".\"e{EVIL_ESCAPED}\"]\nchanged = \"2026-11-20T08:58:00Z\"\nkind = \"text\"\ntext = \"{EVIL_ESCAPED}\"\n"
            ),
        )
        .expect("write sam");
        // Own profile bad: cannot be read, for reasons that quote hostile keys and values.
        fs::write(
            data.join("bad.toml"),
            format!(
                "schema_version = 1\nworkbook = \"fixture-book\"\nsaved = \"2026-11-20T09:00:00Z\"\n\
                 \"k{EVIL_ESCAPED}\" = \"{EVIL_ESCAPED}\"\n"
            ),
        )
        .expect("write bad");
        // Own profile other: answers to another workbook, whose id is hostile.
        fs::write(
            data.join("other.toml"),
            format!("schema_version = 1\nworkbook = \"{EVIL_ESCAPED}\"\nsaved = \"2026-11-20T09:00:00Z\"\n"),
        )
        .expect("write other");

        // A partner's export: hostile profile field and answers, at a hostile path.
        let export = root.join(format!("export-{EVIL_NAME}.json"));
        fs::write(
            &export,
            format!(
                "{{\"format\": \"trustbook-export\", \"version\": 1, \"workbook\": \"fixture-book\", \
                 \"profile\": \"{EVIL_ESCAPED}\", \"exported\": \"2026-11-20\", \"include_private\": false, \
                 \"answers\": {{\"one\": {{\"free\": {{\"changed\": \"2026-11-20T08:58:00Z\", \"kind\": \"text\", \
                 \"text\": \"{EVIL_ESCAPED}\"}}}}, \"c{EVIL_ESCAPED}\": {{\"e{EVIL_ESCAPED}\": {{\"changed\": \
                 \"2026-11-20T08:58:00Z\", \"kind\": \"list\", \"items\": [\"{EVIL_ESCAPED}\"]}}}}}}}}"
            ),
        )
        .expect("write export");
        let not_export = root.join(format!("junk-{EVIL_NAME}.json"));
        fs::write(&not_export, format!("{{\"format\": \"{EVIL_ESCAPED}\"")).expect("write junk");

        Corpus {
            _tmp: tmp,
            root,
            data,
            bidi_book,
            bad_book,
            export,
            not_export,
        }
    }

    /// Runs trustbook with `args` on the hostile data folder; checks both streams.
    fn run(&self, args: &[&std::ffi::OsStr]) -> Output {
        let out = Command::new(env!("CARGO_BIN_EXE_trustbook"))
            .arg("--data-dir")
            .arg(&self.data)
            .args(args)
            .env_remove(store::DATA_DIR_ENV)
            .current_dir(&self.root)
            .output()
            .expect("run trustbook");
        let what = format!("{args:?}");
        assert_clean(&what, "stderr", &out.stderr);
        out
    }

    /// Runs on the fixture workbook (or `book`); checks stdout too.
    fn cli(&self, book: Option<&Path>, args: &[&str]) -> Output {
        let content = book.map_or_else(fixture_dir, Path::to_path_buf);
        let mut all: Vec<&std::ffi::OsStr> = vec!["--content".as_ref(), content.as_os_str()];
        all.extend(args.iter().map(|a| std::ffi::OsStr::new(*a)));
        let out = self.run(&all);
        assert_clean(&format!("{args:?}"), "stdout", &out.stdout);
        out
    }
}

/// A helper for building TOML text: control characters in a file name as `\uXXXX`.
trait EscapeControls {
    fn escape_unicode_controls(&self) -> String;
}

impl EscapeControls for String {
    fn escape_unicode_controls(&self) -> String {
        self.chars()
            .map(|c| {
                if forbidden(c) {
                    format!("\\u{:04x}", c as u32)
                } else {
                    c.to_string()
                }
            })
            .collect()
    }
}

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn validate_quotes_a_hostile_workbook() {
    let c = Corpus::new();
    let book = c.bad_book.to_str().expect("UTF-8 path");
    for args in [vec!["validate", book], vec!["--content", book, "validate"]] {
        let out = c.run(&args.iter().map(std::ffi::OsStr::new).collect::<Vec<_>>());
        assert_clean(&format!("{args:?}"), "stdout", &out.stdout);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let (_, err) = text(&out);
        assert!(err.contains("<U+001B>[31m"), "quoted, not dropped:\n{err}");
        assert!(err.contains("<U+202E>"), "quoted, not dropped:\n{err}");
        assert!(err.contains("unknown kind"), "{err}");
        assert!(err.contains("control character U+001B"), "{err}");
    }
    // Any command on that workbook reports the same problems, as safely.
    let out = c.cli(Some(&c.bad_book), &["where"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn validate_warns_of_bidi_controls() {
    let c = Corpus::new();
    let out = c.cli(None, &["validate", c.bidi_book.to_str().expect("UTF-8 path")]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "a warning is not an error:\n{stderr}");
    assert!(
        stderr.contains("one.toml:13:17: warning:") && stderr.contains("U+202E (right-to-left override)"),
        "{stderr}"
    );
    assert!(stdout.starts_with("ok: 2 chapters"), "{stdout}");
    // Other commands load the workbook without repeating its warnings.
    let out = c.cli(Some(&c.bidi_book), &["--profile", "sam", "where"]);
    assert!(!text(&out).1.contains("warning"), "{}", text(&out).1);
}

#[test]
fn where_and_reset_quote_hostile_answers() {
    let c = Corpus::new();
    for profile in ["sam", "bad", "other"] {
        let out = c.cli(None, &["--profile", profile, "where"]);
        let (stdout, _) = text(&out);
        assert!(stdout.contains("<U+001B>[31m"), "{profile}:\n{stdout}");
    }
    let evil_chapter = format!("c{EVIL}");
    for args in [
        vec!["--profile", "sam", "reset", "--chapter", EVIL, "--yes"],
        vec!["--profile", "bad", "reset", "--yes"],
        vec!["--profile", "other", "reset", "--yes"],
        vec!["--profile", "bad", "export"],
        vec!["--profile", "sam", "reset", "--chapter", &evil_chapter, "--yes"],
    ] {
        let out = c.cli(None, &args);
        let (stdout, stderr) = text(&out);
        assert!(
            format!("{stdout}{stderr}").contains("<U+001B>[31m"),
            "{args:?}:\n{stdout}{stderr}"
        );
    }
}

#[test]
fn exports_quote_or_escape_hostile_answers() {
    let c = Corpus::new();
    let out = c.cli(None, &["--profile", "sam", "export"]);
    let (md, _) = text(&out);
    assert!(out.status.success());
    assert!(md.contains("<U+202E>") && md.contains("line two"), "{md}");
    let out = c.cli(None, &["--profile", "sam", "export", "--format", "json"]);
    let (json, _) = text(&out);
    assert!(out.status.success());
    assert!(json.contains(EVIL_ESCAPED), "{json}");
    // The escapes read back as the same text: export, import, export is byte-identical.
    let file = c.root.join("sam.json");
    fs::write(&file, &json).expect("write export");
    let out = c.cli(
        None,
        &["--profile", "sam-again", "import", file.to_str().expect("path")],
    );
    assert!(out.status.success(), "{}", text(&out).1);
    let out = c.cli(None, &["--profile", "sam-again", "export", "--format", "json"]);
    assert_eq!(text(&out).0, json);
}

#[test]
fn import_and_compare_quote_a_hostile_partner() {
    let c = Corpus::new();
    let path = c.export.to_str().expect("UTF-8 path");
    // A hostile "profile" field is refused, and the refusal quotes it.
    let out = c.cli(None, &["--profile", "pat", "import", path]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("<U+202E>") && stderr.contains("not a profile name"),
        "{stderr}"
    );
    // With a proper name, the hostile answers come in, and every output quotes them.
    let fixed = fs::read_to_string(&c.export).expect("read export").replacen(
        &format!("\"profile\": \"{EVIL_ESCAPED}\""),
        "\"profile\": \"pat\"",
        1,
    );
    let fixed_path = c.root.join(format!("fixed-{EVIL_NAME}.json"));
    fs::write(&fixed_path, fixed).expect("write export");
    let out = c.cli(
        None,
        &["--profile", "pat", "import", fixed_path.to_str().expect("path")],
    );
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(
        format!("{stdout}{stderr}").contains("<U+202E>"),
        "{stdout}{stderr}"
    );
    // The stored copy holds the partner's controls escaped, so opening it shows none raw.
    let stored = fs::read_to_string(c.data.join("partners").join("pat.json")).expect("stored partner");
    let raw: Vec<char> = stored
        .chars()
        .filter(|&ch| trustbook::safe::is_quoted(ch))
        .collect();
    assert!(raw.is_empty(), "raw controls in partners/pat.json: {raw:?}");
    assert!(stored.contains("\\u202e"), "the bidi control is kept, escaped");
    for args in [
        vec![
            "--profile",
            "pat2",
            "import",
            c.not_export.to_str().expect("path"),
        ],
        vec![
            "--profile",
            "pat3",
            "import",
            &format!("{}-missing", c.not_export.display()),
        ],
    ] {
        let out = c.cli(None, &args);
        assert_eq!(out.status.code(), Some(1));
        assert!(text(&out).1.contains("<U+001B>[31m"), "{}", text(&out).1);
    }
    let out = c.cli(None, &["compare", "sam", "pat", "--width", "60"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("<U+202E>"), "{stdout}");
    let out = c.cli(None, &["compare", "sam", "pat", "--width", "200"]);
    assert!(out.status.success());
    for args in [
        vec!["--profile", "pat", "export"],
        vec!["--profile", "pat", "export", "--format", "json"],
    ] {
        let out = c.cli(None, &args);
        assert!(out.status.success(), "{args:?}: {}", text(&out).1);
    }
    let out = c.cli(None, &["--profile", "pat", "export"]);
    assert!(text(&out).0.contains("<U+202E>"), "{}", text(&out).0);
}

#[test]
fn output_paths_are_quoted() {
    let c = Corpus::new();
    let target = c.root.join(format!("out-{EVIL_NAME}.md"));
    let target = target.to_str().expect("UTF-8 path");
    let out = c.cli(None, &["--profile", "sam", "export", "--output", target]);
    assert!(out.status.success(), "{}", text(&out).1);
    assert!(text(&out).1.contains("<U+202E>"), "{}", text(&out).1);
    // Exists now: the refusal names it, quoted.
    let out = c.cli(None, &["--profile", "sam", "export", "--output", target]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).1.contains("<U+202E>"), "{}", text(&out).1);
}

// ---- the terminal app ---------------------------------------------------------------

mod screens {
    use super::{EVIL, forbidden};
    use crate::common::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::KeyCode::{Enter, Tab};
    use trustbook::answers::{Answers, Value};
    use trustbook::app::{Action, App, Effect, Event, Screen, WelcomeItem};
    use trustbook::ui::{self, Theme};

    /// Hostile answers to every exercise of the fixture workbook.
    fn hostile() -> Answers {
        let mut a = Answers::default();
        put(
            &mut a,
            "one",
            "free",
            false,
            text(&format!("{EVIL}\nsecond {EVIL}")),
        );
        put(&mut a, "one", "items", false, list(&[EVIL, "plain"]));
        put(&mut a, "one", "pick", false, other(EVIL));
        put(&mut a, "one", "reflection", false, text(EVIL));
        put(&mut a, "two", "ticks", false, ticked(&["One", EVIL]));
        put(&mut a, "two", "rate", false, Value::Scale { value: 3 });
        a
    }

    /// The screen drawn at `w`x`h`: fails if any cell holds a raw hostile character.
    fn drawn(app: &App, what: &str) -> String {
        let mut term = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
        term.draw(|f| ui::draw(f, app, &Theme::new(false))).expect("draw");
        let buf = term.backend().buffer();
        for cell in buf.content() {
            let bad: Vec<String> = cell
                .symbol()
                .chars()
                .filter(|c| forbidden(*c))
                .map(|c| format!("U+{:04X}", c as u32))
                .collect();
            assert!(bad.is_empty(), "{what}: raw {bad:?} drawn:\n{}", buffer_text(buf));
        }
        buffer_text(buf)
    }

    fn app() -> App {
        app_with(workbook(), hostile(), None)
            .with_profile("alex")
            .with_partners(vec!["sam".into()])
    }

    #[test]
    fn review_and_exercise_screens_quote_hostile_answers() {
        let mut app = app();
        send(&mut app, char_key('r'));
        assert_eq!(app.screen(), Screen::Review);
        let review = drawn(&app, "review");
        assert!(review.contains("<U+202E>"), "quoted, not hidden:\n{review}");
        press(&mut app, Enter);
        assert_eq!(app.screen(), Screen::Exercise(0, 0));
        for n in 0..6 {
            let screen = format!("{:?}", app.screen());
            drawn(&app, &screen);
            if n == 0 {
                // In the editing field, one visible placeholder per hidden character.
                let shown = drawn(&app, &screen);
                assert!(shown.contains("x\u{fffd}\u{fffd}[31m\u{fffd}]0;x"), "{shown}");
            }
            press(&mut app, Tab);
        }
        // Nothing was changed in what is stored.
        assert_eq!(value(&app, "one", "items"), Some(&list(&[EVIL, "plain"])));
    }

    #[test]
    fn workbook_bidi_controls_show_quoted() {
        let c = super::Corpus::new();
        let wb = trustbook::content::load_dir(&c.bidi_book).expect("a warning is not an error");
        // Drawn as loaded or as the app gets it, nothing is raw and the prompt shows
        // quoted: it is quoted where it is wrapped, by the rule that measured it.
        for (wb, visible) in [(wb.clone(), true), (wb.for_display(), true)] {
            let mut app = app_with(wb, Answers::default(), None);
            send(&mut app, char_key('r'));
            press(&mut app, Enter);
            assert_eq!(app.screen(), Screen::Exercise(0, 0));
            let shown = drawn(&app, "exercise of a bidi workbook");
            assert_eq!(
                shown.contains("Write <U+202E>anything<U+2066>."),
                visible,
                "{shown}"
            );
            for _ in 0..2 {
                press(&mut app, Tab);
            }
            let shown = drawn(&app, "choice of a bidi workbook");
            assert!(shown.contains("Gr<U+200B>een"), "{shown}");
        }
    }

    #[test]
    fn compare_screen_quotes_a_hostile_partner() {
        let mut app = app();
        let at = app
            .welcome_items()
            .iter()
            .position(|i| *i == WelcomeItem::Compare(0))
            .expect("compare is offered");
        while app.welcome_cursor() < at {
            press(&mut app, ratatui::crossterm::event::KeyCode::Down);
        }
        let fx = press(&mut app, Enter);
        assert_eq!(fx, vec![Effect::LoadPartner("sam".to_string())]);
        app.update(Action::Event(Event::PartnerLoaded(Ok((
            "sam".to_string(),
            hostile(),
            Vec::new(),
        )))));
        assert_eq!(app.screen(), Screen::Compare);
        let screen = drawn(&app, "compare");
        assert!(screen.contains("<U+202E>"), "{screen}");
        for _ in 0..30 {
            press(&mut app, ratatui::crossterm::event::KeyCode::Down);
            drawn(&app, "compare, scrolled");
        }
    }
}

#[test]
fn command_line_refusals_are_quoted() {
    let c = Corpus::new();
    let missing = c.root.join(format!("missing-{EVIL_NAME}"));
    let missing = missing.to_str().expect("UTF-8 path");
    for args in [
        vec!["--profile", EVIL, "where"],
        vec![EVIL],
        vec!["--width", EVIL],
        vec!["compare", "sam", EVIL],
        vec!["validate", missing],
        vec!["--content", missing, "where"],
    ] {
        let out = c.cli(None, &args);
        assert_ne!(out.status.code(), Some(0), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?} says why");
    }
}

//! The built binary's `export`, `import` and `compare` commands, run on a temporary data
//! folder with the fixture workbook: what they print, what they write (and with which
//! permissions), what they refuse, and that a refusal touches nothing.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::{list, other, put, text, ticked};
use trustbook::answers::{Answers, Value};
use trustbook::export;
use trustbook::store::{self, Store, StoreOptions};
use unicode_width::UnicodeWidthStr;

const ALEX_SHARED: &str = "ALEX-SHARED-FREE";
const SAM_SHARED: &str = "SAM-SHARED-FREE";
/// Only alex answered "items": hidden from the comparison.
const ALEX_ONE_SIDED: &str = "ALEX-ONE-SIDED-ITEM";
/// alex keeps "pick" private: out of exports (unless asked) and out of the comparison.
const ALEX_PRIVATE: &str = "ALEX-PRIVATE-OTHER";
/// sam answered "pick", but alex keeps it private: hidden from the comparison.
const SAM_BLIND: &str = "SAM-BLIND-PICK";
/// Only sam answered the first reflection: hidden from the comparison.
const SAM_ONE_SIDED: &str = "SAM-ONE-SIDED-REFLECTION";
/// Every text the comparison of alex and sam must not show.
const HIDDEN: [&str; 4] = [ALEX_ONE_SIDED, ALEX_PRIVATE, SAM_BLIND, SAM_ONE_SIDED];

/// The fixture workbook's id.
const WB: &str = "fixture-book";

fn alex() -> Answers {
    let mut a = Answers::default();
    put(&mut a, "one", "free", false, text(ALEX_SHARED));
    put(&mut a, "one", "items", false, list(&[ALEX_ONE_SIDED]));
    put(&mut a, "one", "pick", true, other(ALEX_PRIVATE));
    put(&mut a, "two", "ticks", false, ticked(&["One"]));
    put(&mut a, "two", "rate", false, Value::Scale { value: 7 });
    a
}

fn sam() -> Answers {
    let mut a = Answers::default();
    put(&mut a, "one", "free", false, text(SAM_SHARED));
    put(&mut a, "one", "pick", false, other(SAM_BLIND));
    put(&mut a, "one", "reflection", false, text(SAM_ONE_SIDED));
    put(&mut a, "two", "ticks", false, ticked(&["Two", "Three"]));
    a
}

/// A temporary data folder, and a working folder of its own to run trustbook in.
pub(crate) struct Data(tempfile::TempDir, tempfile::TempDir);

impl Data {
    pub(crate) fn new() -> Data {
        let dir = || tempfile::tempdir().expect("temporary folder");
        Data(dir(), dir())
    }

    /// The data folder.
    pub(crate) fn path(&self) -> &Path {
        self.0.path()
    }

    /// The working folder, outside the data folder: where exports go.
    fn work(&self) -> &Path {
        self.1.path()
    }

    /// Writes the own profile `name` with `answers`, as the app would save them.
    fn own(&self, name: &str, answers: &Answers) -> PathBuf {
        self.own_of(name, answers, WB)
    }

    /// [`Data::own`] for the workbook with id `workbook`.
    pub(crate) fn own_of(&self, name: &str, answers: &Answers, workbook: &str) -> PathBuf {
        let path = self.path().join(format!("{name}.toml"));
        fs::write(&path, store::encode(answers, None, workbook)).expect("write answers file");
        path
    }

    /// `owner` shares with `with` (`trustbook share`), as a couple on one computer does
    /// before comparing.
    pub(crate) fn share(&self, owner: &str, with: &str) {
        self.ok(&["share", "--profile", owner, "--with", with]);
    }

    fn partner(&self, name: &str) -> PathBuf {
        store::partner_path(self.path(), name)
    }

    /// Runs trustbook on the fixture workbook and this folder.
    fn run(&self, args: &[&str]) -> Output {
        self.run_on("valid", args)
    }

    /// Runs trustbook on the workbook `tests/fixtures/<fixture>` and this folder.
    pub(crate) fn run_on(&self, fixture: &str, args: &[&str]) -> Output {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(fixture);
        Command::new(env!("CARGO_BIN_EXE_trustbook"))
            .arg("--content")
            .arg(fixture)
            .arg("--data-dir")
            .arg(self.path())
            .args(args)
            .env_remove(store::DATA_DIR_ENV)
            .current_dir(self.work())
            .output()
            .expect("run trustbook")
    }

    /// Runs trustbook, expecting success; returns standard output.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?} failed:\n{}", stderr(&out));
        String::from_utf8(out.stdout).expect("UTF-8 output")
    }

    /// Runs trustbook, expecting exit code 1 and nothing on stdout; returns stderr.
    fn refused(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?} did not fail:\n{}",
            stderr(&out)
        );
        assert!(out.stdout.is_empty(), "{args:?} printed a result");
        stderr(&out)
    }
}

pub(crate) fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every file under `dir` with its bytes, to prove a refusal touched nothing.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).expect("read folder").map(Result::unwrap) {
        let path = entry.path();
        if path.is_dir() {
            out.push((path.clone(), Vec::new()));
            out.extend(tree(&path));
        } else {
            out.push((path.clone(), fs::read(&path).expect("read file")));
        }
    }
    out.sort();
    out
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).expect("metadata").permissions().mode() & 0o777
}

// ---- export ----------------------------------------------------------------------

#[test]
fn export_markdown_to_stdout_by_default_leaves_private_answers_out() {
    let data = Data::new();
    data.own("alex", &alex());
    let md = data.ok(&["export", "--profile", "alex"]);
    assert!(md.starts_with("# Fixture workbook\n"), "{md}");
    assert!(md.contains("alex"), "{md}");
    assert!(md.contains(ALEX_SHARED), "{md}");
    assert!(md.contains("[x] One"), "{md}");
    assert!(md.contains("7 / 10"), "{md}");
    assert!(!md.contains(ALEX_PRIVATE), "{md}");

    let with = data.ok(&["export", "--profile", "alex", "--include-private"]);
    assert!(with.contains(ALEX_PRIVATE), "{with}");
}

/// Without --include-private, an export shows no trace of a private answer: it is the export
/// of the same answers without it. Only the person exporting is told, on stderr.
#[test]
fn exports_show_no_trace_of_private_answers() {
    let (data, open) = (Data::new(), Data::new());
    data.own("alex", &alex());
    open.own("alex", &export::shareable(&alex(), false));
    for format in ["markdown", "json"] {
        let args = ["export", "--profile", "alex", "--format", format];
        let out = data.run(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        let doc = String::from_utf8(out.stdout.clone()).expect("UTF-8");
        assert_eq!(doc, open.ok(&args), "{format}");
        assert!(!doc.contains(ALEX_PRIVATE), "{doc}");
        // The one note every export without private answers has, whether or not any were left out.
        let words = doc
            .replace(trustbook::present::words::PRIVATE_LEFT_OUT, "")
            .to_lowercase()
            .replace("\"include_private\": false", "");
        assert!(!words.contains("private"), "{format}:\n{doc}");
        assert!(!words.contains("not included"), "{format}:\n{doc}");
        // The person exporting learns, on stderr, what was left out.
        let said = stderr(&out);
        assert!(
            said.contains("1 private answer(s) left out") && said.contains("--include-private"),
            "{said}"
        );
    }
}

#[test]
fn export_json_to_stdout_parses_and_leaves_private_answers_out() {
    let data = Data::new();
    data.own("alex", &alex());
    let json = data.ok(&["export", "--profile", "alex", "--format", "json"]);
    let exp = export::parse_json(&json).expect("a valid export");
    assert_eq!(exp.workbook, WB);
    assert_eq!(exp.profile, "alex");
    assert_eq!(exp.exported.len(), 10, "a YYYY-MM-DD date: {}", exp.exported);
    assert!(!exp.include_private);
    assert_eq!(exp.answers, export::shareable(&alex(), false));
    assert!(!json.contains(ALEX_PRIVATE), "{json}");

    let json = data.ok(&[
        "export",
        "--profile",
        "alex",
        "--format",
        "json",
        "--include-private",
    ]);
    let exp = export::parse_json(&json).expect("a valid export");
    assert!(exp.include_private);
    assert_eq!(exp.answers, alex());
}

#[test]
fn export_to_a_file_is_private_and_never_clobbers_without_force() {
    let data = Data::new();
    data.own("alex", &alex());
    for format in ["markdown", "json"] {
        let expected = data.ok(&["export", "--profile", "alex", "--format", format]);
        let out = data.work().join(format!("out.{format}"));
        let to_file = |extra: &[&'static str]| {
            let mut args = vec!["export", "--profile", "alex", "--format", format, "--output"];
            args.push(out.to_str().expect("UTF-8 path"));
            args.extend_from_slice(extra);
            args
        };
        let printed = data.ok(&to_file(&[]));
        assert!(printed.is_empty(), "the export went to stdout too: {printed}");
        assert_eq!(fs::read_to_string(&out).expect("output"), expected);
        #[cfg(unix)]
        assert_eq!(mode(&out), 0o600, "{format}");

        // An existing file is kept as it is...
        fs::write(&out, "KEEP ME").expect("write");
        let err = data.refused(&to_file(&[]));
        assert!(err.contains("already exists") && err.contains("--force"), "{err}");
        assert_eq!(fs::read_to_string(&out).expect("output"), "KEEP ME");

        // ... unless --force is given.
        data.ok(&to_file(&["--force"]));
        assert_eq!(fs::read_to_string(&out).expect("output"), expected);
        #[cfg(unix)]
        assert_eq!(mode(&out), 0o600, "{format} with --force");
    }
    // A bare file name lands in the working directory.
    data.ok(&["export", "--profile", "alex", "--output", "bare.md"]);
    assert!(data.work().join("bare.md").is_file());
}

/// Every way of naming a file in the data folder, existing or not, is refused before
/// anything is written, even with --force: an export must never replace an answers file.
#[test]
fn export_never_writes_into_the_data_folder() {
    let data = Data::new();
    data.own("alex", &alex());
    data.own("sam", &sam());
    data.ok(&[
        "export",
        "--profile",
        "alex",
        "--format",
        "json",
        "--output",
        "a.json",
    ]);
    data.ok(&["import", "a.json", "--profile", "kim"]);
    let dir = data.path().to_str().expect("UTF-8 path").to_string();
    let name = data.path().file_name().and_then(|n| n.to_str()).expect("name");
    let mut outputs = vec![
        format!("{dir}/sam.toml"),
        format!("{dir}/alex.toml"),
        format!("{dir}/new-file.md"),
        format!("{dir}/partners/kim.json"),
        format!("{dir}/partners/new.json"),
        format!("{dir}/not-yet/deeper/x.md"),
        format!("{dir}/partners/../sam.toml"),
        format!("{dir}/./sam.toml"),
        format!("{dir}/"),
        dir.clone(),
        // The same folder reached from elsewhere.
        format!("{}/../{name}/sam.toml", dir),
    ];
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(data.path(), data.work().join("link")).expect("symlink");
        std::os::unix::fs::symlink(data.path().join("sam.toml"), data.work().join("to-sam.toml"))
            .expect("symlink");
        outputs.extend(["link/sam.toml", "link/fresh.md", "to-sam.toml"].map(String::from));
    }
    for output in &outputs {
        for format in ["markdown", "json"] {
            let before = tree(data.path());
            let err = data.refused(&[
                "export",
                "--profile",
                "alex",
                "--format",
                format,
                "--output",
                output,
                "--force",
            ]);
            assert!(
                err.contains("inside trustbook's data folder") && err.contains("nothing was written"),
                "{output}: {err}"
            );
            assert!(!err.contains("Answers not saved"), "{err}");
            assert_eq!(tree(data.path()), before, "{output} changed the data folder");
        }
    }
    assert!(
        fs::read_to_string(data.path().join("sam.toml"))
            .expect("sam")
            .contains(SAM_SHARED)
    );
}

#[test]
fn export_to_a_folder_asks_for_a_file_name() {
    let data = Data::new();
    data.own("alex", &alex());
    let folder = data.work().join("exports");
    fs::create_dir(&folder).expect("folder");
    for extra in [&[][..], &["--force"][..]] {
        let mut args = vec![
            "export",
            "--profile",
            "alex",
            "--output",
            folder.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let err = data.refused(&args);
        assert!(
            err.contains("is a folder; give a file name, e.g. --output ") && err.contains("alex-answers.md"),
            "{err}"
        );
        assert!(!err.contains("already exists"), "{err}");
    }
    assert_eq!(fs::read_dir(&folder).expect("folder").count(), 0);
}

/// A failed write says it is the export that was not written, not the answers (the app's
/// "Answers not saved" alarm), and creates nothing.
#[test]
fn a_failed_export_write_names_the_export() {
    let data = Data::new();
    data.own("alex", &alex());
    let missing = data.work().join("no-such-folder").join("out.md");
    let err = data.refused(&[
        "export",
        "--profile",
        "alex",
        "--output",
        missing.to_str().unwrap(),
    ]);
    assert!(
        err.contains(&format!("could not write the export to {}: ", missing.display())),
        "{err}"
    );
    assert!(!err.to_lowercase().contains("not saved"), "{err}");
    assert!(!data.work().join("no-such-folder").exists());
}

#[test]
fn export_reads_a_profile_that_is_open_in_the_app() {
    let data = Data::new();
    data.own("alex", &alex());
    let opts = StoreOptions {
        data_dir: Some(data.path().to_path_buf()),
        profile: "alex".to_string(),
    };
    let (_held, _) = Store::open(&opts, WB).expect("the app's lock");
    let md = data.ok(&["export", "--profile", "alex"]);
    assert!(md.contains(ALEX_SHARED), "{md}");
}

#[test]
fn export_of_a_missing_profile_is_a_clear_error() {
    let data = Data::new();
    let err = data.refused(&["export", "--profile", "nobody"]);
    assert!(err.contains("no profile called \"nobody\""), "{err}");
    // Without --profile on a first run there is no profile at all yet.
    let err = data.refused(&["export"]);
    assert!(err.contains("no answers to export yet"), "{err}");
    assert!(tree(data.path()).is_empty(), "export created files");
}

#[test]
fn export_of_a_bad_answers_file_fails_and_leaves_it_alone() {
    let data = Data::new();
    let path = data.path().join("alex.toml");
    fs::write(&path, "schema_version = 1\nthis is not toml").expect("write");
    let before = tree(data.path());
    let err = data.refused(&["export", "--profile", "alex"]);
    assert!(err.contains("alex.toml"), "{err}");
    assert_eq!(tree(data.path()), before);

    data.own("sam", &sam());
    let other = fs::read_to_string(data.path().join("sam.toml"))
        .expect("read")
        .replace(WB, "another-book");
    fs::write(&path, other).expect("write");
    let before = tree(data.path());
    let err = data.refused(&["export", "--profile", "alex", "--format", "json"]);
    assert!(err.contains("another-book"), "{err}");
    assert_eq!(tree(data.path()), before);
}

// ---- import ----------------------------------------------------------------------

/// alex's JSON export, written to `alex.json` in a folder of its own.
fn alex_export(data: &Data, extra: &[&str]) -> (PathBuf, String) {
    let mut args = vec!["export", "--profile", "alex", "--format", "json"];
    args.extend_from_slice(extra);
    let json = data.ok(&args);
    let path = data.path().join("alex-export.json");
    fs::write(&path, &json).expect("write export");
    (path, json)
}

#[test]
fn export_import_export_gives_the_same_json() {
    for extra in [&[][..], &["--include-private"][..]] {
        let data = Data::new();
        data.own("alex", &alex());
        let (file, json) = alex_export(&data, extra);
        let said = data.ok(&["import", file.to_str().unwrap(), "--profile", "sam"]);
        assert!(
            said.starts_with("imported ")
                && said.contains("from alex's export of ")
                && said.contains("as partner profile \"sam\""),
            "{said}"
        );
        let mut again = vec!["export", "--profile", "sam", "--format", "json"];
        again.extend_from_slice(extra);
        assert_eq!(data.ok(&again), json, "{extra:?}");
        // The partner file is the export itself, stored compactly.
        assert_same_export(&data.partner("sam"), &json);
    }
}

#[test]
fn import_on_another_machine_then_compare() {
    let (there, here) = (Data::new(), Data::new());
    there.own("alex", &alex());
    // Even an export that holds alex's private answer never shows it in the comparison.
    let (file, json) = alex_export(&there, &["--include-private"]);
    assert!(json.contains(ALEX_PRIVATE));
    let date = export::parse_json(&json).expect("export").exported;
    here.own("sam", &sam());
    let said = here.ok(&["import", file.to_str().unwrap(), "--profile", "alex"]);
    assert_eq!(
        said.trim_end(),
        format!("imported 5 answers from alex's export of {date} as partner profile \"alex\"")
    );
    #[cfg(unix)]
    {
        assert_eq!(mode(&here.partner("alex")), 0o600);
        assert_eq!(mode(&here.path().join(store::PARTNERS_DIR)), 0o700);
    }
    let out = here.ok(&["compare", "sam", "alex", "--width", "80"]);
    assert!(out.contains(ALEX_SHARED) && out.contains(SAM_SHARED), "{out}");
    for hidden in HIDDEN {
        assert!(!out.contains(hidden), "{hidden} shown:\n{out}");
    }
}

#[test]
fn importing_again_updates_the_partner_profile() {
    let data = Data::new();
    data.own("alex", &alex());
    let (file, _) = alex_export(&data, &[]);
    data.ok(&["import", file.to_str().unwrap(), "--profile", "sam"]);

    let mut more = alex();
    put(&mut more, "two", "reflection", false, text("ADDED-LATER"));
    data.own("alex", &more);
    let (file, json) = alex_export(&data, &[]);
    let said = data.ok(&["import", file.to_str().unwrap(), "--profile", "sam"]);
    assert!(
        said.contains("imported 5 answers") && said.contains("replacing"),
        "{said}"
    );
    assert_same_export(&data.partner("sam"), &json);
}

/// The partner file at `path` holds the export `json`, on one line (not pretty-printed).
fn assert_same_export(path: &Path, json: &str) {
    let stored = fs::read_to_string(path).expect("partner file");
    assert_eq!(stored.lines().count(), 1, "stored compactly: {stored}");
    assert_eq!(
        trustbook::export::parse_json(&stored).expect("stored"),
        trustbook::export::parse_json(json).expect("export")
    );
}

#[test]
fn import_refusals_touch_nothing() {
    let data = Data::new();
    data.own("alex", &alex());
    let (file, json) = alex_export(&data, &[]);
    // A partner imported earlier, which a refused import must leave as it is.
    data.ok(&["import", file.to_str().unwrap(), "--profile", "sam"]);

    let bad = |name: &str, body: &str| {
        let path = data.path().join(name);
        fs::write(&path, body).expect("write");
        path.to_str().unwrap().to_string()
    };
    let cases = [
        (bad("not.json", "hello, sam"), "sam", "not JSON"),
        (
            bad("other.json", &json.replace(WB, "another-book")),
            "sam",
            "another workbook",
        ),
        (
            bad(
                "newer.json",
                &json
                    .replace("\"version\": 2", "\"version\": 4")
                    .replace("\"version\": 3", "\"version\": 4"),
            ),
            "sam",
            "newer trustbook",
        ),
        (file.to_str().unwrap().to_string(), "alex", "own profiles"),
        (bad("empty.json", ""), "new-name", "not JSON"),
    ];
    for (path, target, why) in cases {
        let before = tree(data.path());
        let err = data.refused(&["import", &path, "--profile", target]);
        assert!(
            err.contains(why) && err.contains("Nothing was imported"),
            "{path}: {err}"
        );
        assert_eq!(tree(data.path()), before, "{path} changed files");
    }
    assert_same_export(&data.partner("sam"), &json);
    assert!(!data.partner("alex").exists());

    // Without --profile there is no name to import under.
    let err = data.refused(&["import", file.to_str().unwrap()]);
    assert!(err.contains("--profile"), "{err}");
    // A missing file.
    let err = data.refused(&["import", "missing.json", "--profile", "kim"]);
    assert!(
        err.contains("missing.json") && err.contains("). Nothing was imported."),
        "{err}"
    );
}

/// On a fresh machine `default` has no file yet, but it is still the user's own profile:
/// importing under it would keep plain `trustbook` from starting.
#[test]
fn import_under_default_is_refused_on_a_fresh_machine() {
    let (there, here) = (Data::new(), Data::new());
    there.own("alex", &alex());
    let (file, _) = alex_export(&there, &[]);
    for args in [
        vec!["import", file.to_str().unwrap(), "--profile", "default"],
        vec!["import", "missing.json", "--profile", "default"],
    ] {
        let err = here.refused(&args);
        assert!(
            err.contains("\"default\" is the name of your own profile")
                && err.contains("--profile sam")
                && err.contains("Nothing was imported"),
            "{err}"
        );
        assert!(tree(here.path()).is_empty(), "a refused import created files");
    }
    // The user's own profile still opens: `where` knows no partner called default.
    let said = here.ok(&["where"]);
    assert!(said.contains("(none yet)"), "{said}");
}

#[test]
fn a_refused_first_import_creates_no_folder() {
    let data = Data::new();
    let path = data.path().join("x.json");
    fs::write(&path, "[1, 2]").expect("write");
    let err = data.refused(&["import", path.to_str().unwrap(), "--profile", "sam"]);
    assert!(err.contains("not a trustbook export"), "{err}");
    assert!(!data.path().join(store::PARTNERS_DIR).exists());
}

// ---- compare ---------------------------------------------------------------------

/// alex and sam as own profiles on one machine.
fn couple() -> Data {
    let data = Data::new();
    data.own("alex", &alex());
    data.own("sam", &sam());
    data.share("alex", "sam");
    data.share("sam", "alex");
    data
}

#[test]
fn compare_shows_only_what_both_answered() {
    let data = couple();
    for width in ["60", "80", "120"] {
        let out = data.ok(&["compare", "alex", "sam", "--width", width]);
        assert!(out.contains(ALEX_SHARED) && out.contains(SAM_SHARED), "{out}");
        for hidden in HIDDEN {
            assert!(!out.contains(hidden), "{hidden} shown at {width}:\n{out}");
        }
        assert!(
            out.contains("Nothing of sam's to show yet") && out.contains("alex has not answered yet"),
            "{out}"
        );
    }
}

/// A private answer reads exactly as an unanswered one: the comparison is the one of the
/// same answers without it, with no word of privacy and no count of private answers.
#[test]
fn compare_cannot_tell_a_private_answer_from_none() {
    let data = couple();
    let open = Data::new();
    open.own("alex", &export::shareable(&alex(), false));
    open.own("sam", &sam());
    open.share("alex", "sam");
    open.share("sam", "alex");
    for width in ["20", "60", "80", "100", "120"] {
        for (a, b) in [("alex", "sam"), ("sam", "alex")] {
            let args = ["compare", a, b, "--width", width];
            let out = data.ok(&args);
            assert_eq!(out, open.ok(&args), "{a} {b} at {width}");
            let lower = out.to_lowercase();
            for marker in ["private", "keeps", "kept"] {
                assert!(!lower.contains(marker), "{marker:?} at {width}:\n{out}");
            }
        }
    }
    // alex's private pick counts as waiting on alex: pick and the two reflections.
    let out = data.ok(&["compare", "alex", "sam", "--width", "200"]);
    assert!(out.contains("3 waiting on alex"), "{out}");
}

#[test]
fn compare_stacks_when_narrow_and_sits_side_by_side_when_wide() {
    let data = couple();
    let narrow = data.ok(&["compare", "alex", "sam", "--width", "60"]);
    assert!(narrow.lines().all(|l| l.width() <= 60), "{narrow}");
    assert!(
        narrow.lines().any(|l| l == "alex:") && narrow.lines().any(|l| l == "sam:"),
        "{narrow}"
    );
    assert!(
        !narrow
            .lines()
            .any(|l| l.contains(ALEX_SHARED) && l.contains(SAM_SHARED))
    );

    let wide = data.ok(&["compare", "alex", "sam", "--width", "120"]);
    assert!(wide.lines().all(|l| l.width() <= 120), "{wide}");
    let row = wide
        .lines()
        .find(|l| l.contains(ALEX_SHARED))
        .expect("alex's answer");
    assert!(row.contains(" | ") && row.contains(SAM_SHARED), "{wide}");

    // Not a terminal and no --width: 80 columns, side by side, never through a pager.
    let default = data.ok(&["compare", "alex", "sam"]);
    assert!(default.lines().all(|l| l.width() <= 80), "{default}");
    assert!(default.lines().any(|l| l.contains(" | ")), "{default}");
}

#[test]
fn compare_with_an_unknown_profile_is_a_clear_error() {
    let data = couple();
    let err = data.refused(&["compare", "alex", "kim"]);
    assert!(err.contains("no profile called \"kim\""), "{err}");
    let err = data.refused(&["compare", "alex", "alex"]);
    assert!(err.contains("two different profiles"), "{err}");
    // A missing profile is a usage error (exit 2) that says what is missing and what goes where.
    for args in [&["compare", "alex"][..], &["compare"][..]] {
        let out = data.run(args);
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert!(
            err.contains("<PARTNER_PROFILE>")
                && err.contains("Usage: trustbook compare <YOUR_PROFILE> <PARTNER_PROFILE>"),
            "{err}"
        );
    }
    let help = data.ok(&["compare", "--help"]);
    assert!(
        help.contains("own or imported")
            && help.contains("trustbook import")
            && help.contains("trustbook compare alex sam"),
        "{help}"
    );
    // clap refuses a width too small to lay out (its usage errors exit with 2).
    let out = data.run(&["compare", "alex", "sam", "--width", "5"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--width"), "{}", stderr(&out));
}

// ---- completions and the manual page --------------------------------------------

#[test]
fn completions_are_printed_for_each_shell() {
    let data = Data::new();
    for (shell, looks) in [
        ("bash", "complete -F _trustbook"),
        ("zsh", "#compdef trustbook"),
        ("fish", "complete -c trustbook"),
        ("elvish", "trustbook"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = data.ok(&["completions", shell]);
        assert!(out.contains(looks), "{shell}:\n{out}");
        // Every command is offered.
        for command in ["export", "compare", "reset", "completions", "man"] {
            assert!(out.contains(command), "{shell} lacks {command}");
        }
    }
}

/// Profile names complete: the bash script, run by bash, offers the folder's names after
/// `--profile` and for `compare`; zsh and fish ask the same hidden command.
#[test]
fn completions_offer_the_profile_names_in_the_data_folder() {
    let data = Data::new();
    data.own("alex", &alex());
    data.own("sam", &sam());
    assert_eq!(data.ok(&["profile-names"]), "alex\nsam\n");
    let script = data.work().join("trustbook.bash");
    fs::write(&script, data.ok(&["completions", "bash"])).expect("write script");
    let bin = Path::new(env!("CARGO_BIN_EXE_trustbook"))
        .parent()
        .expect("bin folder");
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let complete = |words: &str| {
        let line = format!(
            "source {}; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); \
             _trustbook_names trustbook \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; echo \"${{COMPREPLY[*]}}\"",
            script.display()
        );
        let out = Command::new("bash")
            .args(["--norc", "-c", &line])
            .env("PATH", &path)
            .env(store::DATA_DIR_ENV, data.path())
            .output()
            .expect("run bash");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    assert_eq!(complete("trustbook --profile ''"), "alex sam");
    assert_eq!(complete("trustbook compare alex s"), "sam");
    assert_eq!(complete("trustbook share --with a"), "alex");
    // Elsewhere, clap's own completion: commands.
    assert_eq!(complete("trustbook expo"), "export");
    for shell in ["zsh", "fish"] {
        let out = data.ok(&["completions", shell]);
        assert!(out.contains("trustbook profile-names"), "{shell}:\n{out}");
    }
    let zsh = data.ok(&["completions", "zsh"]);
    assert!(zsh.contains(":NAME:_trustbook_profiles'"), "{zsh}");
    assert!(
        zsh.contains(":_trustbook_profiles' \\\n':b -- "),
        "compare's first name:\n{zsh}"
    );
    // The helper command is for the scripts, not in the help.
    assert!(!data.ok(&["--help"]).contains("profile-names"));
}

#[test]
fn completions_for_an_unknown_shell_is_a_clear_error() {
    let data = Data::new();
    let out = data.run(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(
        err.contains("invalid value 'tcsh'") && err.contains("bash"),
        "{err}"
    );
}

#[test]
fn man_prints_a_manual_page() {
    let data = Data::new();
    let out = data.ok(&["man"]);
    assert!(out.contains(".TH trustbook 1"), "{out}");
    assert!(out.contains(".SH NAME") && out.contains(".SH SYNOPSIS"), "{out}");
    for command in ["export", "compare", "completions"] {
        assert!(out.contains(command), "no {command}:\n{out}");
    }
}

// ---- rename ---------------------------------------------------------------------

#[test]
fn rename_moves_the_answers_and_every_kept_copy() {
    let data = Data::new();
    let answers = alex();
    data.own("default", &answers);
    for extra in ["bak", "reset-20261126-101010", "bak-20261125-090909"] {
        fs::write(data.path().join(format!("default.toml.{extra}")), "x").expect("write copy");
    }
    // Another profile whose name starts the same is not touched.
    data.own("defaults", &answers);
    let out = data.ok(&["rename", "default", "sam"]);
    assert!(
        out.contains("Renamed profile \"default\" to \"sam\" (4 file(s))"),
        "{out}"
    );
    for moved in [
        "sam.toml",
        "sam.toml.bak",
        "sam.toml.reset-20261126-101010",
        "sam.toml.bak-20261125-090909",
    ] {
        assert!(data.path().join(moved).is_file(), "{moved} missing");
    }
    assert!(!data.path().join("default.toml").exists());
    assert!(data.path().join("defaults.toml").is_file());
    let shown = data.ok(&["--profile", "sam", "export"]);
    assert!(shown.contains(ALEX_SHARED), "{shown}");
}

#[test]
fn rename_refuses_an_existing_target_a_missing_profile_and_an_open_one() {
    let data = Data::new();
    data.own("alex", &alex());
    data.own("sam", &sam());
    let err = data.refused(&["rename", "alex", "sam"]);
    assert!(err.contains("already a profile called \"sam\""), "{err}");
    let err = data.refused(&["rename", "kim", "robin"]);
    assert!(err.contains("no profile called \"kim\""), "{err}");
    // Open (locked) in a trustbook: refused, nothing moved.
    let opts = store::StoreOptions {
        data_dir: Some(data.path().to_path_buf()),
        profile: "alex".into(),
    };
    let held = store::Store::open(&opts, WB).expect("open alex");
    let err = data.refused(&["rename", "alex", "robin"]);
    assert!(err.contains("open in another trustbook"), "{err}");
    assert!(data.path().join("alex.toml").is_file());
    assert!(!data.path().join("robin.toml").exists());
    drop(held);
    let out = data.ok(&["rename", "alex", "robin"]);
    assert!(out.contains("robin"), "{out}");
}

#[test]
fn import_and_where_count_answers_the_same_way() {
    let data = Data::new();
    // Two answers given once, and two weekly check-ins of two answers each.
    let mut a = Answers::default();
    put(&mut a, "check-in", "agreements", false, list(&["Calls returned"]));
    put(&mut a, "check-in", "reflection", false, text("A good month."));
    for week in ["2026-11-02", "2026-11-09"] {
        let mut e = trustbook::entry::Entry::new(week.into(), format!("{week}T09:00:00Z"));
        for (ex, value) in [
            ("trust-this-week", Value::Scale { value: 7 }),
            ("notes", text("Calm.")),
        ] {
            e.answers.insert(
                ex.into(),
                trustbook::answers::Answer {
                    changed: format!("{week}T09:00:00Z"),
                    private: false,
                    skipped: false,
                    value,
                },
            );
        }
        a.entries.entry("check-in".into()).or_default().push(e);
    }
    data.own_of("alex", &a, "practice-workbook");
    let run = |args: &[&str]| {
        let out = data.run_on("practice-workbook", args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let json = run(&["export", "--profile", "alex", "--format", "json"]);
    let file = data.work().join("alex.json");
    fs::write(&file, json).expect("write export");
    let said = run(&["import", file.to_str().expect("path"), "--profile", "sam"]);
    assert!(said.starts_with("imported 6 answers "), "{said}");
    let whereis = run(&["where", "--profile", "alex"]);
    let lines: Vec<&str> = whereis.lines().filter(|l| l.contains("answers")).collect();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("alex") && l.contains("6 answers")),
        "{whereis}"
    );
    assert!(
        lines.iter().any(|l| l.contains("sam") && l.contains("6 answers")),
        "{whereis}"
    );
}

/// `where | head`: a reader that closes the pipe early is no failure (issue 20).
#[test]
fn where_into_a_closed_pipe_exits_0() {
    let data = tempfile::tempdir().expect("temp dir");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
    let (reader, writer) = std::io::pipe().expect("pipe");
    // The reading end is closed before trustbook writes a byte.
    drop(reader);
    let out = Command::new(env!("CARGO_BIN_EXE_trustbook"))
        .arg("--content")
        .arg(fixture)
        .arg("--data-dir")
        .arg(data.path())
        .arg("where")
        .env_remove(store::DATA_DIR_ENV)
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .expect("run trustbook");
    assert!(
        out.status.success(),
        "{:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The README's install and fish completion lines work as written.
#[test]
fn readme_installs_locked_and_makes_the_fish_folder() {
    let readme = include_str!("../../README.md");
    assert!(
        readme.contains("cargo install --locked"),
        "cargo install without --locked"
    );
    let fish = readme
        .lines()
        .find(|l| l.contains("completions fish"))
        .expect("a fish line");
    assert!(
        fish.starts_with("mkdir -p ~/.config/fish/completions &&"),
        "{fish}"
    );
}

/// Every byte of every file under `dir`, folders included.
fn all_bytes(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(all_bytes(&path));
        } else {
            out.push((path.clone(), fs::read(&path).unwrap_or_default()));
        }
    }
    out
}

/// `erase` lists the profile's files, removes nothing unless its name is typed, and then
/// leaves no file in the data folder holding its words: answers, kept copies, shares.
#[test]
fn erase_leaves_no_file_holding_the_profiles_words() {
    let data = couple();
    // A reset keeps a copy; the share with sam holds alex's shared words.
    let reset = data.run(&["reset", "--profile", "alex", "--yes"]);
    assert!(reset.status.success(), "{}", stderr(&reset));
    data.own("alex", &alex());
    let holds = |word: &str| {
        all_bytes(data.path())
            .into_iter()
            .filter(|(_, b)| String::from_utf8_lossy(b).contains(word))
            .map(|(p, _)| p)
            .collect::<Vec<_>>()
    };
    assert!(
        holds(ALEX_SHARED).len() >= 3,
        "answers, a kept copy, a share: {:?}",
        holds(ALEX_SHARED)
    );
    // Alex's exchange keys (made by `pair`) go too.
    assert!(data.run(&["pair", "--profile", "alex"]).status.success());
    let keys = trustbook::exchange::local::dir_of(data.path(), "alex");
    assert!(keys.join("keys").exists());

    let erase = |typed: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_trustbook"))
            .args(["--data-dir"])
            .arg(data.path())
            .args(["erase", "--profile", "alex"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run erase");
        use std::io::Write;
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(typed.as_bytes())
            .expect("type");
        child.wait_with_output().expect("erase ends")
    };
    let kept = erase("sam\n");
    assert!(kept.status.success());
    let said = String::from_utf8_lossy(&kept.stdout).into_owned();
    assert!(said.contains("Nothing was erased"), "{said}");
    assert!(
        said.contains("alex.toml.bak") && said.contains("cannot wipe"),
        "{said}"
    );
    assert!(!holds(ALEX_SHARED).is_empty(), "a wrong name erases nothing");

    let gone = erase("alex\n");
    let said = String::from_utf8_lossy(&gone.stdout).into_owned();
    assert!(gone.status.success(), "{said}{}", stderr(&gone));
    assert!(said.contains("Erased profile \"alex\""), "{said}");
    for word in [ALEX_SHARED, ALEX_ONE_SIDED, ALEX_PRIVATE] {
        assert_eq!(holds(word), Vec::<PathBuf>::new(), "{word:?} left behind");
    }
    assert!(!keys.exists(), "alex's exchange folder is erased");
    // sam is untouched.
    assert!(!holds(SAM_SHARED).is_empty());
    assert!(data.path().join("sam.toml").exists());
}

/// A profile an older release saved with a 4.5 MiB answer is never locked out: `export`
/// and `compare` read it with the answer cut at the limit and say so, and write nothing
/// into it.
#[test]
fn export_and_compare_read_a_file_over_the_limit_cut_with_a_note() {
    let data = Data::new();
    let mut long = alex();
    let line = format!("{}\n", "y".repeat(79));
    let text_of = format!("{ALEX_SHARED}\n{}", line.repeat(4_500_000 / 80));
    put(&mut long, "one", "free", false, text(&text_of));
    let path = data.own("alex", &long);
    data.own("sam", &sam());
    let before = fs::read(&path).expect("read");
    let out = data.run(&["export", "--profile", "alex"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(md.contains(ALEX_SHARED), "the answer is missing");
    assert!(md.len() < 4_400_000, "not cut: {} bytes", md.len());
    let note = stderr(&out);
    assert!(
        note.contains("one/free") && note.contains("longer than 4 MiB"),
        "{note}"
    );
    assert!(note.contains("read-only"), "{note}");

    // `share` reads the file as export does (cut, with the note); compare then works.
    let out = data.run(&["share", "--profile", "alex", "--with", "sam"]);
    assert!(out.status.success(), "{}", stderr(&out));
    data.share("sam", "alex");
    let out = data.run(&["compare", "alex", "sam", "--width", "80"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(fs::read(&path).expect("read"), before, "the file was rewritten");
}

/// `rename sam Sammy` lowers the capitals as the name prompt does, and says so; a refused
/// rename leaves no `NEW.lock`, a done one no `OLD.lock` (issue 20).
#[test]
fn rename_lowers_capitals_and_leaves_no_stray_lock_files() {
    let data = Data::new();
    data.own("sam", &sam());
    data.own("alex", &alex());
    let out = data.ok(&["rename", "sam", "Sammy"]);
    assert!(out.contains("\"Sammy\" becomes \"sammy\""), "{out}");
    assert!(out.contains("Renamed profile \"sam\" to \"sammy\""), "{out}");
    assert!(data.path().join("sammy.toml").is_file());
    assert!(!data.path().join("sam.lock").exists(), "sam.lock left behind");
    assert!(!data.path().join("Sammy.toml").exists());

    // Refused once the locks are held (a kept copy in the way): no robin.lock.
    fs::write(data.path().join("alex.toml.bak"), "x").expect("write");
    fs::write(data.path().join("robin.toml.bak"), "x").expect("write");
    let err = data.refused(&["rename", "alex", "robin"]);
    assert!(err.contains("in the way"), "{err}");
    assert!(!data.path().join("robin.lock").exists(), "robin.lock left behind");
    assert!(data.path().join("alex.toml").is_file());
}

#[test]
fn compare_week_shows_only_that_week_and_says_when_neither_has_one() {
    let data = Data::new();
    let week_of = |who: &str, value: i64| {
        let mut a = Answers::default();
        put(&mut a, "check-in", "agreements", false, list(&["Calls returned"]));
        let mut e = trustbook::entry::Entry::new("2026-11-02".into(), "2026-11-03T09:00:00Z".into());
        e.answers.insert(
            "trust-this-week".into(),
            trustbook::answers::Answer {
                changed: "2026-11-03T09:00:00Z".into(),
                private: false,
                skipped: false,
                value: Value::Scale { value },
            },
        );
        a.entries.entry("check-in".into()).or_default().push(e);
        data.own_of(who, &a, "practice-workbook");
    };
    week_of("alex", 7);
    week_of("sam", 4);
    let run = |args: &[&str]| {
        let out = data.run_on("practice-workbook", args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    run(&["share", "--profile", "alex", "--with", "sam"]);
    run(&["share", "--profile", "sam", "--with", "alex"]);
    let week = run(&["compare", "alex", "sam", "--width", "80", "--week", "2026-11-04"]);
    assert!(week.contains("week of 2 Nov – 8 Nov 2026"), "{week}");
    assert!(week.contains("Trust this week"), "{week}");
    // Nothing of the rest of the workbook: the list, the reflections, the records.
    assert!(!week.contains("Our agreements"), "{week}");
    assert!(!week.contains("Thought record"), "{week}");
    let none = run(&["compare", "alex", "sam", "--width", "80", "--week", "2026-11-10"]);
    assert_eq!(
        none,
        "Neither alex nor sam has a check-in for the week of 9 Nov – 15 Nov 2026; `trustbook compare alex sam` without --week shows every week there is.\n"
    );
}

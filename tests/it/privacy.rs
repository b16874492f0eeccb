//! Issue "Private means private": each hole that let a private answer out, closed, with
//! a test named after it, and a property over sequences of changes.

use proptest::prelude::*;
use trustbook::answers::{Answers, Value};
use trustbook::content::{Exercise, Workbook};
use trustbook::export::{self, ExportMeta};

use crate::common::v2::{CH, v2};
use crate::common::*;

const T0: &str = "2026-11-26T10:00:00Z";

fn ex<'a>(wb: &'a Workbook, ch: &str, id: &str) -> &'a Exercise {
    let (c, e) = wb.find(ch, id).expect("exercise");
    &wb.chapters[c].exercises[e]
}

fn text(t: &str) -> Value {
    Value::Text { text: t.into() }
}

fn meta() -> ExportMeta {
    ExportMeta {
        profile: "alex".into(),
        date: "2026-11-30".into(),
    }
}

#[test]
fn skip_then_answer_on_a_private_exercise_stays_private() {
    let wb = v2();
    let hot = ex(&wb, CH, "hot-thought");
    assert!(hot.private, "the fixture's exercise starts private");
    let mut a = Answers::default();
    assert!(a.toggle_skipped(CH, hot, T0.into()), "skipped");
    a.set(CH, "hot-thought", text("answered anyway"), T0.into());
    assert!(a.get(CH, "hot-thought").expect("stored").private);
    let plain = export::json(&wb, &a, &meta(), false);
    assert!(!plain.contains("answered anyway"), "{plain}");
}

#[test]
fn skip_key_then_typing_in_the_app_stays_private() {
    let mut app = app_with(v2(), Answers::default(), Some(place(CH, Some("hot-thought"))));
    send(&mut app, char_key('c'));
    send(&mut app, ctrl('s'));
    type_str(&mut app, "typed after the skip");
    press(&mut app, crossterm_tab());
    let a = app.answers().get(CH, "hot-thought").expect("stored");
    assert!(a.private, "{a:?}");
}

fn crossterm_tab() -> ratatui::crossterm::event::KeyCode {
    ratatui::crossterm::event::KeyCode::Tab
}

#[test]
fn clearing_a_private_value_keeps_the_mark() {
    let wb = v2();
    let upset = ex(&wb, CH, "how-upset");
    let mut a = Answers::default();
    a.set(CH, "how-upset", Value::Scale { value: 7 }, T0.into());
    assert_eq!(a.toggle_private(CH, upset, T0.into()), Some(true));
    a.clear(CH, upset, T0.into());
    a.set(CH, "how-upset", Value::Scale { value: 2 }, T0.into());
    assert!(a.get(CH, "how-upset").expect("stored").private);
}

/// alex's list is private; sam's later version of the shared list is in effect. alex
/// edits the list: alex's answer keeps alex's own mark, not sam's "not private".
/// sam's version of the shared list, changed after anything of alex's.
fn sams_newer_list() -> Answers {
    let mut sam = Answers::default();
    sam.set(
        "check-in",
        "agreements",
        Value::list(vec!["theirs".into()]),
        "2026-11-27T10:00:00Z".into(),
    );
    sam
}

#[test]
fn editing_a_shared_list_keeps_my_own_mark() {
    let wb = practice();
    let list = ex(&wb, "check-in", "agreements");
    let mut alex = Answers::default();
    alex.set(
        "check-in",
        "agreements",
        Value::list(vec!["mine".into()]),
        T0.into(),
    );
    assert_eq!(alex.toggle_private("check-in", list, T0.into()), Some(true));
    let sam = sams_newer_list();
    alex.take_shared(&wb, "sam", &sam, "2026-12-31T00:00:00Z");
    assert!(
        alex.shared_from("check-in", "agreements").is_some(),
        "sam's is in effect"
    );
    alex.set(
        "check-in",
        "agreements",
        Value::list(vec!["theirs".into(), "added".into()]),
        "2026-11-28T10:00:00Z".into(),
    );
    assert!(alex.own("check-in", "agreements").expect("mine").private);
}

#[test]
fn p_on_a_partners_shared_list_changes_nothing_and_says_whose() {
    let wb = practice();
    let sam = sams_newer_list();
    let mut mine = Answers::default();
    mine.set(
        "check-in",
        "agreements",
        Value::list(vec!["mine".into()]),
        T0.into(),
    );
    mine.take_shared(&wb, "sam", &sam, "2026-12-31T00:00:00Z");
    let before = mine.clone();
    let mut app = app_with(wb, mine, Some(place("check-in", Some("agreements"))));
    send(&mut app, char_key('c'));
    send(&mut app, char_key('p'));
    assert_eq!(app.answers(), &before, "nothing was marked");
    let said = app.notice().map(trustbook::ui::text::notice).unwrap_or_default();
    assert!(said.contains("sam's version"), "{said}");
}

#[test]
fn items_from_a_private_list_makes_its_ratings_private() {
    let wb = v2();
    let helps = ex(&wb, CH, "what-helps");
    let mut a = Answers::default();
    a.set(
        CH,
        "what-helps",
        Value::list(vec!["A secret place".into()]),
        T0.into(),
    );
    a.toggle_private(CH, helps, T0.into());
    a.set(
        CH,
        "helps-how-much",
        Value::Ratings {
            na: Default::default(),
            ratings: [("A secret place".to_string(), 8)].into(),
            ids: Default::default(),
            was: Default::default(),
        },
        T0.into(),
    );
    assert!(a.private_source(&ex(&wb, CH, "helps-how-much").kind));
    let json = export::json(&wb, &a, &meta(), false);
    let md = export::markdown(&wb, &a, &meta(), false);
    let cmp = trustbook::comparison::render_text(
        &trustbook::comparison::compare(&wb, ("sam", &a.clone()), ("alex", &a)),
        80,
    );
    for out in [json, md, cmp] {
        assert!(!out.contains("A secret place"), "{out}");
    }
}

/// One change a person can make to an answer, other than the private key.
#[derive(Debug, Clone)]
enum Step {
    Set(String),
    Clear,
    Skip,
    Ensure,
    PartnerNewer(String),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        "[a-z]{0,6}".prop_map(Step::Set),
        Just(Step::Clear),
        Just(Step::Skip),
        Just(Step::Ensure),
        "[a-z]{1,6}".prop_map(Step::PartnerNewer),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Whatever is set, cleared, skipped or taken from a partner, an answer's private
    /// mark is what the private key last made it (or how the exercise starts).
    #[test]
    fn only_the_private_key_changes_a_private_mark(
        start_private in any::<bool>(),
        steps in proptest::collection::vec(step(), 1..24),
    ) {
        let wb = practice();
        let list = ex(&wb, "check-in", "agreements");
        let mut a = Answers::default();
        a.set("check-in", "agreements", Value::list(vec!["first".into()]), T0.into());
        if start_private {
            a.toggle_private("check-in", list, T0.into());
        }
        for (i, s) in steps.iter().enumerate() {
            let when = format!("2026-11-26T10:{:02}:00Z", i + 1);
            match s {
                Step::Set(t) => {
                    let items = if t.is_empty() { vec![] } else { vec![t.clone()] };
                    a.set("check-in", "agreements", Value::list(items), when);
                }
                Step::Clear => a.clear("check-in", list, when),
                Step::Skip => {
                    a.toggle_skipped("check-in", list, when);
                }
                Step::Ensure => a.ensure_entry("check-in", list, when),
                Step::PartnerNewer(t) => {
                    let mut sam = Answers::default();
                    sam.set(
                        "check-in",
                        "agreements",
                        Value::list(vec![t.clone()]),
                        format!("2026-11-26T11:{:02}:00Z", i + 1),
                    );
                    a.take_shared(&wb, "sam", &sam, "2026-12-31T00:00:00Z");
                }
            }
            let private = a.own("check-in", "agreements").is_some_and(|x| x.private);
            prop_assert_eq!(private, start_private, "after {:?}", &steps[..=i]);
        }
    }
}

/// Two profiles on one computer: sam sees nothing of alex's before alex shares, sees it
/// after `share --with`, and nothing again after `share --stop`.
pub(crate) mod consent {
    use std::path::Path;

    use crate::common::pty::{Pty, Spawn, keys};

    fn v2_dir() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v2-workbook")
    }

    pub(crate) fn open(profile: &str, data: &Path) -> Pty {
        Spawn::default()
            .content(&v2_dir())
            .data_dir(data)
            .args(["--profile", profile])
            .size(100, 40)
            .start()
    }

    fn share(data: &Path, args: &[&str]) -> String {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_trustbook"))
            .arg("--content")
            .arg(v2_dir())
            .arg("--data-dir")
            .arg(data)
            .arg("share")
            .args(args)
            .output()
            .expect("run share");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub(crate) fn answer_first(pty: &mut Pty, words: &str) {
        pty.wait_for("Start from the beginning");
        pty.send(keys::ENTER);
        pty.wait_for("Chapter 1/1 · Introduction");
        pty.send(keys::ENTER);
        pty.wait_for("Exercise 1/15");
        pty.type_str(words);
        pty.wait_for(words);
        pty.send(keys::TAB);
        pty.wait_for("Exercise 2/15");
    }

    pub(crate) fn quit(mut pty: Pty) {
        pty.send(keys::CTRL_Q);
        assert!(pty.wait_exit().success(), "{}", pty.framed_screen());
    }

    /// sam's compare screen, from the welcome menu (its last item).
    fn sams_compare(data: &Path, back_to_welcome: bool, first: Option<&str>) -> String {
        let mut sam = open("sam", data);
        if let Some(words) = first {
            answer_first(&mut sam, words);
        }
        if back_to_welcome {
            sam.send(keys::ESC);
            sam.wait_for("Contents");
            sam.send(keys::ESC);
        }
        sam.wait_for("Compare with alex");
        sam.send(b"\x1b[F"); // End
        sam.send(keys::ENTER);
        std::thread::sleep(std::time::Duration::from_millis(300));
        let screen = sam.screen();
        quit(sam);
        screen
    }

    #[test]
    fn sam_sees_nothing_of_alex_before_share_all_after_and_nothing_after_stop() {
        let data = tempfile::tempdir().expect("temp dir");
        let mut alex = open("alex", data.path());
        answer_first(&mut alex, "alex words");
        quit(alex);

        let before = sams_compare(data.path(), true, Some("sam words"));
        assert!(before.contains("Not shared by alex yet"), "{before}");
        assert!(!before.contains("alex words"), "{before}");

        let said = share(data.path(), &["--profile", "alex", "--with", "sam"]);
        assert!(said.contains("alex now shares with sam"), "{said}");
        let listed = share(data.path(), &["--profile", "alex"]);
        assert!(listed.contains("  sam"), "{listed}");

        let shared = sams_compare(data.path(), false, None);
        assert!(
            shared.contains("alex words") && shared.contains("sam words"),
            "{shared}"
        );

        let said = share(data.path(), &["--profile", "alex", "--stop", "sam"]);
        assert!(said.contains("no longer shares with sam"), "{said}");
        let after = sams_compare(data.path(), false, None);
        assert!(!after.contains("alex words"), "{after}");
        assert!(after.contains("Not shared by alex yet"), "{after}");
        let listed = share(data.path(), &["--profile", "alex"]);
        assert!(listed.contains("shares with nobody"), "{listed}");
    }

    /// alex's app keeps the share current as alex saves: sam sees a later answer without
    /// any step of alex's but saving.
    #[test]
    fn a_share_follows_each_save() {
        let data = tempfile::tempdir().expect("temp dir");
        let mut alex = open("alex", data.path());
        answer_first(&mut alex, "first words");
        quit(alex);
        share(data.path(), &["--profile", "alex", "--with", "sam"]);
        let mut alex = open("alex", data.path());
        alex.wait_for("Continue");
        alex.send(keys::ENTER);
        alex.wait_for("Exercise 2/15");
        alex.send(b"\x1b[Z"); // Shift+Tab, back to the first exercise
        alex.wait_for("Exercise 1/15");
        alex.type_str(" and later ones");
        alex.wait_for("and later ones");
        quit(alex);
        let file = std::fs::read_to_string(trustbook::sharing::share_path(data.path(), "alex", "sam"))
            .expect("share file");
        assert!(file.contains("first words and later ones"), "{file}");
    }
}

//! Pairing on the sharing screen (issue 21 §1): this profile's code shown, the partner's
//! entered, both fingerprints compared before anything is recorded, a changed key shown
//! loudly and taken only after the partner's name is typed. App flow through the key
//! table on a scripted persistence, the real persistence on a data folder, and the real
//! binary pairing two data folders in a pseudo-terminal.

use std::time::Instant;

use crate::common::*;
use ratatui::crossterm::event::Event as TermEvent;
use ratatui::crossterm::event::KeyCode::{Enter, Esc, Tab};
use trustbook::app::{Context, Notice, Screen, keys};
use trustbook::exchange::local::Paired;
use trustbook::exchange::{OwnKeys, PartnerKeys};
use trustbook::persist::fake::FakePersistence;
use trustbook::session::Session;
use trustbook::sharing::{Partner, Reach};

/// alex's session on the shipped workbook, on the welcome screen, at `w`x`h`.
fn session(persist: FakePersistence) -> Session<FakePersistence> {
    let mut app = shipped_app().with_profile("alex");
    app.update(trustbook::app::Action::Event(trustbook::app::Event::Resize(
        60, 20,
    )));
    Session::new(app, persist)
}

/// Sends a terminal event through the key table; false when it means nothing here.
fn key(s: &mut Session<FakePersistence>, ev: TermEvent) -> bool {
    session_key(s, ev)
}

/// Types `text` key by key into the field that has the keyboard.
fn type_in(s: &mut Session<FakePersistence>, text: &str) {
    for c in text.chars() {
        let action = keys::action(&s.app, &char_key(c)).expect("a typing key");
        let mut editor = |_: &str| Ok(Err("no editor".to_string()));
        s.dispatch(action, Instant::now(), &mut editor)
            .expect("no terminal");
    }
}

/// Pastes `text` (bracketed paste) into the field that has the keyboard.
fn paste_in(s: &mut Session<FakePersistence>, text: &str) {
    assert!(key(s, TermEvent::Paste(text.to_string())), "a paste is taken");
}

fn journal(s: &Session<FakePersistence>) -> Vec<String> {
    s.persist.journal.borrow().clone()
}

fn open_sharing(s: &mut Session<FakePersistence>) {
    assert!(key(s, char_key('w')));
    assert_eq!(s.app.screen(), Screen::Sharing);
}

/// sam's keys, made on "sam's computer".
fn sams_keys() -> PartnerKeys {
    OwnKeys::generate().expect("keys").public()
}

/// The code as a 60-column terminal shows it: broken into rows, as a selection copies it.
fn wrapped(code: &str) -> String {
    let rows: Vec<String> = code
        .as_bytes()
        .chunks(58)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect();
    rows.join("\n")
}

/// c on the sharing screen, sam's name, then `code` pasted and Enter.
fn enter_code(s: &mut Session<FakePersistence>, name: Option<&str>, code: &str) {
    assert!(key(s, char_key('c')));
    assert_eq!(keys::context(&s.app), Context::PairEntry);
    assert!(s.app.is_typing(), "the fields take typing");
    if let Some(name) = name {
        type_in(s, name);
        key(s, crate::common::key(Tab));
    }
    paste_in(s, code);
    key(s, crate::common::key(Enter));
}

#[test]
fn my_code_is_shown_whole_and_copies_back_with_its_line_breaks() {
    let mut s = session(FakePersistence::default());
    open_sharing(&mut s);
    let nobody = render(&s.app, 60, 20);
    assert!(nobody.contains("p shows your pairing code"), "{nobody}");
    assert!(key(&mut s, char_key('p')));
    assert_eq!(keys::context(&s.app), Context::MyCode);
    let mine = s.persist.own_keys.clone().expect("the edge made the keys");
    for (w, h) in [(60, 20), (80, 24), (150, 50)] {
        let shown = render(&s.app, w, h);
        assert!(shown.contains(&mine.fingerprint()), "{shown}");
        assert!(shown.contains("holding Shift"), "how to copy it: {shown}");
        // What a selection of the code's rows copies: its rows, with line breaks.
        let rows: Vec<&str> = shown
            .lines()
            .skip_while(|l| !l.trim_start().starts_with("trustbook-pair-1:"))
            .take_while(|l| !l.trim().is_empty())
            .map(str::trim)
            .collect();
        assert!(rows.len() >= 2 || w >= 150, "{w}x{h}: {rows:?}");
        assert_eq!(rows.concat(), mine.code(), "{w}x{h}: the code is drawn whole");
        let copied = PartnerKeys::from_code(&rows.join("\n")).expect("a copy reads back");
        assert_eq!(copied, mine);
    }
    // Esc goes back to the list, nothing recorded.
    key(&mut s, crate::common::key(Esc));
    assert_eq!(keys::context(&s.app), Context::Sharing);
    assert!(s.persist.paired.is_empty());
}

#[test]
fn a_bad_code_is_refused_saying_what_to_do_and_nothing_is_recorded() {
    let mut s = session(FakePersistence::default());
    open_sharing(&mut s);
    let good = sams_keys().code();
    for (bad, says) in [
        ("hello", "starts with \"trustbook-pair-1:\""),
        (&good[..good.len() - 5], "second key is damaged"),
    ] {
        enter_code(&mut s, Some("sam"), bad);
        let shown = render(&s.app, 60, 20);
        assert_eq!(keys::context(&s.app), Context::PairEntry, "{shown}");
        // Wrapped at 60 columns: compared without the spaces.
        let flat: String = shown.split_whitespace().collect();
        for part in [
            "That code cannot be used",
            says,
            "Nothing was recorded",
            "sam finds the code in Sharing → p",
            "trustbook pair --profile sam",
        ] {
            let part: String = part.split_whitespace().collect();
            assert!(flat.contains(&part), "{part}: {shown}");
        }
        key(&mut s, crate::common::key(Esc));
    }
    // More than any code holds is refused as it is pasted.
    assert!(key(&mut s, char_key('c')));
    key(&mut s, crate::common::key(Tab));
    paste_in(&mut s, &"x".repeat(1_000));
    let shown = render(&s.app, 60, 20);
    assert!(shown.contains("That would be 1000 characters"), "{shown}");
    assert!(!shown.contains("xxxxxxxxxx"), "nothing of it was taken: {shown}");
    // Its own name is not a partner's.
    key(&mut s, crate::common::key(Esc));
    enter_code(&mut s, Some("alex"), &good);
    assert!(render(&s.app, 60, 20).contains("your own profile's name"));
    assert!(s.persist.paired.is_empty());
    assert!(
        !journal(&s).iter().any(|j| j.starts_with("paired")),
        "{:?}",
        journal(&s)
    );
}

#[test]
fn a_good_code_shows_both_fingerprints_and_y_records_it() {
    let mut s = session(FakePersistence::default());
    open_sharing(&mut s);
    let sam = sams_keys();
    enter_code(&mut s, Some("sam"), &wrapped(&sam.code()));
    assert_eq!(keys::context(&s.app), Context::ConfirmPair);
    let mine = s
        .persist
        .own_keys
        .clone()
        .expect("own keys made for the fingerprint");
    for (w, h) in [(60, 20), (80, 24), (150, 50)] {
        let shown = render(&s.app, w, h);
        assert!(shown.contains(&sam.fingerprint()), "{shown}");
        assert!(shown.contains(&mine.fingerprint()), "{shown}");
        let flat = shown.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains("Read these aloud to each other"), "{shown}");
        assert!(flat.contains("If they differ, do not pair"), "{shown}");
    }
    assert!(s.persist.paired.is_empty(), "nothing is recorded before y");
    // Esc (or n) records nothing.
    key(&mut s, crate::common::key(Esc));
    assert!(s.persist.paired.is_empty());
    assert_eq!(s.app.notice(), Some(&Notice::NotPaired("sam".to_string())));
    enter_code(&mut s, Some("sam"), &sam.code());
    assert!(key(&mut s, char_key('y')));
    assert_eq!(s.persist.paired.get("sam"), Some(&sam));
    assert_eq!(journal(&s), vec!["paired sam"]);
    assert_eq!(s.app.pairing().map(|_| ()), None, "back to the list");
    let listed = render(&s.app, 60, 20);
    assert!(listed.contains("Paired with sam"), "{listed}");
    assert!(listed.contains(&sam.fingerprint()), "the list shows it: {listed}");
    // The same code again changes nothing and says so.
    enter_code(&mut s, None, &sam.code());
    assert_eq!(
        s.app.notice(),
        Some(&Notice::Paired("sam".to_string(), Paired::Same))
    );
    assert_eq!(journal(&s), vec!["paired sam"]);
}

/// alex has sam's old keys recorded; sam is on the list as a folder partner.
fn paired_with_old_sam(old: &PartnerKeys) -> FakePersistence {
    let mut p = FakePersistence::default();
    p.paired.insert("sam".to_string(), old.clone());
    p.sharing.partners.push(Partner {
        name: "sam".to_string(),
        reach: Reach::Folder {
            folder: None,
            mine: None,
            theirs: Some(old.fingerprint()),
        },
        sees: false,
    });
    p
}

#[test]
fn a_changed_key_is_a_warning_and_only_the_name_typed_replaces_it() {
    let old = sams_keys();
    let new = sams_keys();
    let mut s = session(paired_with_old_sam(&old));
    open_sharing(&mut s);
    // sam is selected: the name is filled in, the code field has the keyboard.
    enter_code(&mut s, None, &new.code());
    assert_eq!(keys::context(&s.app), Context::KeyChanged);
    let shown = render(&s.app, 60, 20);
    assert!(shown.contains("WARNING: sam's key has changed"), "{shown}");
    assert!(shown.contains(&old.fingerprint()), "{shown}");
    assert!(shown.contains(&new.fingerprint()), "{shown}");
    assert!(shown.contains("type sam and Enter"), "{shown}");
    for (w, h) in [(80, 24), (150, 50)] {
        let shown = render(&s.app, w, h);
        assert!(
            shown.contains(&new.fingerprint()) && shown.contains("type sam"),
            "{shown}"
        );
    }
    // In the theme's warning style.
    let theme = trustbook::ui::Theme::new(true);
    let buf = rendered_buffer(&s.app, &theme);
    let row = (0..buf.area.height)
        .find(|&y| row_text(&buf, y).contains("WARNING"))
        .expect("the warning row");
    let x = u16::try_from(row_text(&buf, row).find('W').expect("W")).expect("fits");
    assert_eq!(buf[(x, row)].style().fg, theme.warn().fg);

    // A bare Enter, or another name, replaces nothing.
    key(&mut s, crate::common::key(Enter));
    assert!(render(&s.app, 60, 20).contains("Not replaced: type sam exactly"));
    type_in(&mut s, "sa");
    key(&mut s, crate::common::key(Enter));
    assert_eq!(keys::context(&s.app), Context::KeyChanged);
    assert_eq!(s.persist.paired.get("sam"), Some(&old));
    // Esc keeps the old key.
    key(&mut s, crate::common::key(Esc));
    assert_eq!(keys::context(&s.app), Context::Sharing);
    assert_eq!(s.persist.paired.get("sam"), Some(&old));
    assert!(journal(&s).is_empty(), "{:?}", journal(&s));

    // Typing sam's name replaces it, and the notice names the old fingerprint.
    enter_code(&mut s, None, &new.code());
    type_in(&mut s, "sam");
    key(&mut s, crate::common::key(Enter));
    assert_eq!(s.persist.paired.get("sam"), Some(&new));
    assert_eq!(
        s.app.notice(),
        Some(&Notice::Paired(
            "sam".to_string(),
            Paired::Replaced {
                old: old.fingerprint()
            }
        ))
    );
}

#[test]
fn a_key_recorded_meanwhile_still_gets_the_warning_not_a_silent_replace() {
    let mut s = session(FakePersistence::default());
    open_sharing(&mut s);
    enter_code(&mut s, Some("sam"), &sams_keys().code());
    assert_eq!(keys::context(&s.app), Context::ConfirmPair);
    // Another window of alex's records a different key for sam before y.
    let other = sams_keys();
    s.persist.paired.insert("sam".to_string(), other.clone());
    assert!(key(&mut s, char_key('y')));
    assert_eq!(keys::context(&s.app), Context::KeyChanged);
    assert_eq!(s.persist.paired.get("sam"), Some(&other), "kept as it was");
    assert!(render(&s.app, 60, 20).contains(&other.fingerprint()));
}

#[test]
fn a_name_or_code_pasted_with_controls_is_drawn_without_them() {
    let mut s = session(FakePersistence::default());
    open_sharing(&mut s);
    assert!(key(&mut s, char_key('c')));
    paste_in(&mut s, "s\u{1b}[31mam\u{202e}");
    key(&mut s, crate::common::key(Tab));
    paste_in(&mut s, "\u{1b}]0;owned\u{7}trustbook-pair-1:");
    key(&mut s, crate::common::key(Enter));
    for (w, h) in [(60, 20), (150, 50)] {
        let shown = render(&s.app, w, h);
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{202e}'),
            "{shown:?}"
        );
    }
    assert!(s.persist.paired.is_empty());
}

/// The app at 60x20 drawn with `theme` into a buffer.
fn rendered_buffer(app: &trustbook::app::App, theme: &trustbook::ui::Theme) -> ratatui::buffer::Buffer {
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(60, 20)).expect("terminal");
    term.draw(|f| trustbook::ui::draw(f, app, theme)).expect("draw");
    term.backend().buffer().clone()
}

fn row_text(buf: &ratatui::buffer::Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

/// Fixed public keys, so the snapshots hold still: alex's, sam's, and sam's new ones.
const ALEX: &str = "trustbook-pair-1:age1thpjjc2zq0wf9l920lf7hn7968466uhhlscq0w54f03fw3rexf2q8m9xaj:1259b94c56dc6dc7fad3cd6b10ddae488a9c06d2e8274e6b0a326471783cd9ed";
const SAM: &str = "trustbook-pair-1:age1975x7jfq2uefnxkpyt7zmysu3lkztlkm9a4x2z9lcvtzx8ttlckqkjr9yj:0d1545b488277d93fc6a12f6ced67da552384b9fa428ed6bee5243e514a0bb21";
const SAM_NEW: &str = "trustbook-pair-1:age1wj4rltuh03tyv4pu75a8cxhyumnj0xcvmwffngfkd8cgj4mz546qmupjra:8134059daa94f2edac5a8b6c1519f213b8558553be6e7d9cdd577f396aeba69e";

fn fixed(code: &str) -> PartnerKeys {
    PartnerKeys::from_code(code).expect("a fixed code")
}

fn snap(name: &str, s: &Session<FakePersistence>) {
    for (w, h) in [(60, 20), (80, 24), (150, 50)] {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), render(&s.app, w, h));
    }
}

#[test]
fn snapshot_pairing_my_code_entry_and_fingerprints() {
    let mut p = FakePersistence::default();
    p.own_keys = Some(fixed(ALEX));
    let mut s = session(p);
    open_sharing(&mut s);
    key(&mut s, char_key('p'));
    snap("pairing_my_code", &s);
    key(&mut s, char_key('c'));
    type_in(&mut s, "sam");
    key(&mut s, crate::common::key(Tab));
    paste_in(&mut s, "trustbook-pair-1:age1");
    key(&mut s, crate::common::key(Enter));
    snap("pairing_bad_code", &s);
    key(&mut s, crate::common::key(Esc));
    enter_code(&mut s, Some("sam"), SAM);
    snap("pairing_fingerprints", &s);
}

#[test]
fn snapshot_pairing_changed_key() {
    let mut p = paired_with_old_sam(&fixed(SAM));
    p.own_keys = Some(fixed(ALEX));
    let mut s = session(p);
    open_sharing(&mut s);
    enter_code(&mut s, None, SAM_NEW);
    key(&mut s, crate::common::key(Enter));
    snap("pairing_changed_key", &s);
}

/// The real persistence on a protected profile: the app's pairing makes the keys under
/// the protection it was unlocked with, as `trustbook pair` does, and records the code
/// by the same rule (a changed key only with `replace`).
#[test]
fn disk_persistence_pairs_a_protected_profile_under_its_key() {
    use trustbook::exchange::local::{self, PairError};
    use trustbook::persist::{DiskPersistence, Persistence};
    use trustbook::store::{Store, StoreOptions};
    use trustbook::vault;

    let data = tempfile::tempdir().expect("dir");
    let wb = fixture();
    let opts = StoreOptions {
        data_dir: Some(data.path().to_path_buf()),
        profile: "alex".to_string(),
    };
    let (mut store, _) = Store::open(&opts, &wb.id).expect("alex");
    let identity = vault::create_identity();
    store.protect(identity.clone(), b"key file").expect("protected");
    let mut persist = DiskPersistence::new(store, &wb, &trustbook::answers::Answers::default());

    let mine = persist.own_code().expect("keys made");
    let dir = local::dir_of(data.path(), "alex");
    let keys_file = std::fs::read(dir.join("keys")).expect("keys file");
    assert!(
        vault::is_age(&keys_file),
        "the secret keys are under the profile's key"
    );
    let public = std::fs::read_to_string(dir.join("public")).expect("public code");
    assert_eq!(public, mine.code(), "only the pairing code is plain");
    assert_eq!(persist.own_code().expect("read again"), mine, "made once");

    let (sam, new_sam) = (sams_keys(), sams_keys());
    assert_eq!(persist.read_pairing("sam").expect("read"), (mine.clone(), None));
    let (outcome, listed) = persist.pair_with("sam", &sam, false).expect("paired");
    assert_eq!(outcome, Paired::New);
    assert!(listed.partners.iter().any(|p| p.name == "sam"), "{listed:?}");
    assert!(vault::is_age(
        &std::fs::read(dir.join("sam.pair")).expect("recorded")
    ));
    assert_eq!(persist.read_pairing("sam").expect("read").1, Some(sam.clone()));
    // A changed key is refused without `replace`, and kept as it was.
    let refused = persist.pair_with("sam", &new_sam, false).expect_err("changed");
    assert!(matches!(refused, PairError::Changed { .. }), "{refused:?}");
    assert_eq!(persist.read_pairing("sam").expect("read").1, Some(sam.clone()));
    let (outcome, _) = persist.pair_with("sam", &new_sam, true).expect("replaced");
    assert_eq!(
        outcome,
        Paired::Replaced {
            old: sam.fingerprint()
        }
    );
    assert_eq!(
        persist.pair_with("alex", &sam, false).expect_err("itself"),
        PairError::WithItself
    );
}

/// The real binary at 60x20: alex shows the code in the app, sam pastes it (with the
/// line breaks a selection brings) into their own app on another data folder, compares
/// the fingerprints and records it.
#[cfg(unix)]
mod pty {
    use std::path::Path;

    use crate::common::pty::{Pty, Spawn, keys};

    fn open(profile: &str, data: &Path) -> Pty {
        let mut pty = Spawn::default()
            .data_dir(data)
            .args(["--profile", profile])
            .size(60, 20)
            .start();
        pty.wait_for("Sharing: who sees your answers");
        pty.command(b"w");
        pty.wait_for(&format!("Who sees {profile}'s answers"));
        pty
    }

    fn quit(mut pty: Pty) {
        pty.send(keys::CTRL_Q);
        assert!(pty.wait_exit().success(), "{}", pty.framed_screen());
    }

    #[test]
    fn two_data_folders_pair_on_the_sharing_screen() {
        let (a, s) = (
            tempfile::tempdir().expect("dir"),
            tempfile::tempdir().expect("dir"),
        );
        let mut alex = open("alex", a.path());
        alex.command(b"p");
        alex.wait_for("Your fingerprint: ");
        let shown = alex.screen();
        quit(alex);
        // What a selection of the code's rows copies, line breaks and all.
        let rows: Vec<&str> = shown
            .lines()
            .skip_while(|l| !l.trim_start().starts_with("trustbook-pair-1:"))
            .take_while(|l| !l.trim().is_empty())
            .collect();
        assert!(rows.len() >= 2, "the code wraps at 60 columns: {shown}");
        let fingerprint = shown
            .lines()
            .find_map(|l| l.trim().strip_prefix("Your fingerprint: "))
            .expect("alex's fingerprint")
            .to_string();
        let public = std::fs::read_to_string(a.path().join("exchange/alex/public")).expect("alex's code");
        assert_eq!(
            rows.concat().replace(' ', ""),
            public,
            "the code on screen is alex's"
        );

        let mut sam = open("sam", s.path());
        sam.command(b"c");
        sam.wait_for("Enter your partner's pairing code");
        sam.type_str("alex");
        sam.send(keys::TAB);
        sam.send(format!("\x1b[200~{}\x1b[201~", rows.join("\n")).as_bytes());
        sam.send(keys::ENTER);
        sam.wait_for("Compare fingerprints with alex");
        assert!(sam.screen().contains(&fingerprint), "{}", sam.screen());
        assert!(
            !s.path().join("exchange/sam/alex.pair").exists(),
            "nothing before y"
        );
        sam.command(b"y");
        sam.wait_for("Paired with alex");
        let recorded = std::fs::read_to_string(s.path().join("exchange/sam/alex.pair")).expect("recorded");
        assert_eq!(recorded, public);
        quit(sam);
    }
}

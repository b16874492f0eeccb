//! The sharing screen (issue 17 §1): who sees this profile's answers, share and withdraw,
//! each asked first, carried out at the edge. App flow through the key table on a
//! scripted persistence, snapshots, and the real binary in a pseudo-terminal.

use crate::common::*;
use ratatui::crossterm::event::Event as TermEvent;
use ratatui::crossterm::event::KeyCode::{Down, Enter, Esc};
use trustbook::answers::{Answers, Value};
use trustbook::app::{Context, Notice, Screen, SharingAsk, keys};
use trustbook::persist::fake::FakePersistence;
use trustbook::session::Session;
use trustbook::sharing::{Change, Overview, Partner, Reach, SharingError};

const CH1: &str = "where-distrust-comes-from";

/// sam's answers: two shared, one private, one skipped.
fn sams_answers() -> Answers {
    let mut a = Answers::default();
    put(&mut a, CH1, "looking-back", false, text("sam's shared words"));
    put(&mut a, CH1, "how-strongly", false, Value::Scale { value: 6 });
    put(&mut a, CH1, "why-this-source", true, text("sam's private words"));
    put(&mut a, CH1, "our-cycle", false, text("sam's skipped words"));
    for answer in a.single.values_mut().flat_map(|m| m.values_mut()) {
        if matches!(&answer.value, Value::Text { text } if text.contains("skipped")) {
            answer.skipped = true;
        }
    }
    a
}

/// A session of sam's on the shipped workbook, on the welcome screen, with `persist`.
fn session(persist: FakePersistence) -> Session<FakePersistence> {
    let mut app = app_with(shipped(), sams_answers(), None).with_profile("sam");
    app.update(trustbook::app::Action::Event(trustbook::app::Event::Resize(
        80, 24,
    )));
    Session::new(app, persist)
}

/// Sends a terminal event through the key table; false when it means nothing here.
fn key(s: &mut Session<FakePersistence>, ev: TermEvent) -> bool {
    session_key(s, ev)
}

fn journal(s: &Session<FakePersistence>) -> Vec<String> {
    s.persist.journal.borrow().clone()
}

/// alex (another profile) sees nothing; morgan already sees.
fn two_partners() -> FakePersistence {
    FakePersistence::default()
        .with_sharing_partner("alex", false)
        .with_sharing_partner("morgan", true)
}

fn open_sharing(s: &mut Session<FakePersistence>) {
    assert!(
        key(s, char_key('w')),
        "w opens the sharing screen from the welcome menu"
    );
    assert_eq!(s.app.screen(), Screen::Sharing);
}

fn sees(s: &Session<FakePersistence>, name: &str) -> bool {
    s.app
        .sharing_overview()
        .and_then(|o| o.partners.iter().find(|p| p.name == name))
        .is_some_and(|p| p.sees)
}

#[test]
fn the_welcome_menu_opens_the_sharing_list_from_the_edge() {
    let mut s = session(two_partners());
    assert!(render(&s.app, 80, 24).contains("Sharing: who sees your answers"));
    open_sharing(&mut s);
    let shown = render(&s.app, 80, 24);
    assert!(shown.contains("alex sees nothing of yours"), "{shown}");
    assert!(
        shown.contains("morgan sees your shareable answers as you save them"),
        "{shown}"
    );
    assert!(shown.contains("A share holds 2 answers"), "{shown}");
    assert!(shown.contains("1 private"), "{shown}");
    assert!(shown.contains("1 skipped"), "{shown}");
    // Esc goes back to the welcome screen.
    assert!(key(&mut s, key_ev(Esc)));
    assert_eq!(s.app.screen(), Screen::Welcome);
}

fn key_ev(code: ratatui::crossterm::event::KeyCode) -> TermEvent {
    crate::common::key(code)
}

#[test]
fn the_menu_row_opens_it_too_and_help_names_the_key() {
    let mut s = session(two_partners());
    let rows = s.app.welcome_items().len();
    for _ in 0..rows {
        key(&mut s, key_ev(Down));
    }
    // The last row (compare is absent: no partners were given to the welcome screen).
    let at = s.app.welcome_items()[s.app.welcome_cursor()];
    assert_eq!(
        at,
        trustbook::app::WelcomeItem::Sharing,
        "{:?}",
        s.app.welcome_items()
    );
    key(&mut s, key_ev(Enter));
    assert_eq!(s.app.screen(), Screen::Sharing);
    key(&mut s, key_ev(Esc));
    key(&mut s, char_key('?'));
    let help = render(&s.app, 80, 30);
    assert!(help.contains("sharing: who sees your answers"), "{help}");
}

#[test]
fn share_asks_first_then_the_edge_shares_and_the_list_follows() {
    let mut s = session(two_partners());
    open_sharing(&mut s);
    assert_eq!(s.app.sharing_cursor(), 0, "alex is first");
    key(&mut s, char_key('s'));
    assert_eq!(s.app.sharing_asking(), Some(&SharingAsk::Share("alex".into())));
    assert_eq!(keys::context(&s.app), Context::ConfirmShare);
    assert!(journal(&s).is_empty(), "nothing shared before the answer");
    let asked = render(&s.app, 80, 24);
    assert!(asked.contains("Share with alex?"), "{asked}");
    assert!(asked.contains("never shown"), "{asked}");
    // n keeps things as they are.
    key(&mut s, char_key('n'));
    assert_eq!(s.app.sharing_asking(), None);
    assert!(!sees(&s, "alex"));
    // Enter asks too; y shares.
    key(&mut s, key_ev(Enter));
    assert_eq!(s.app.sharing_asking(), Some(&SharingAsk::Share("alex".into())));
    key(&mut s, char_key('y'));
    assert_eq!(journal(&s), vec!["shared alex".to_string()]);
    assert!(sees(&s, "alex"), "the edge's new list is shown");
    assert_eq!(
        s.app.notice(),
        Some(&Notice::SharingChanged(Change::Started("alex".into())))
    );
    let after = render(&s.app, 80, 24);
    assert!(
        after.contains("Shared with alex; private answers never are."),
        "{after}"
    );
}

#[test]
fn withdraw_asks_first_then_the_edge_withdraws() {
    let mut s = session(two_partners());
    open_sharing(&mut s);
    key(&mut s, key_ev(Down));
    assert_eq!(s.app.sharing_cursor(), 1, "morgan");
    key(&mut s, char_key('w'));
    assert_eq!(
        s.app.sharing_asking(),
        Some(&SharingAsk::Withdraw("morgan".into()))
    );
    let asked = render(&s.app, 80, 24);
    assert!(asked.contains("cannot be taken back"), "{asked}");
    assert!(journal(&s).is_empty());
    // Esc takes the question back and stays on the screen.
    key(&mut s, key_ev(Esc));
    assert_eq!(s.app.screen(), Screen::Sharing);
    assert!(sees(&s, "morgan"));
    key(&mut s, char_key('w'));
    key(&mut s, char_key('y'));
    assert_eq!(journal(&s), vec!["withdrawn morgan".to_string()]);
    assert!(!sees(&s, "morgan"));
    let after = render(&s.app, 80, 24);
    assert!(after.contains("morgan sees nothing of yours"), "{after}");
}

#[test]
fn a_failure_shows_a_notice_and_changes_nothing() {
    let mut persist = two_partners();
    persist
        .sharing_fails
        .push_back(SharingError::Write("alex".into(), "the disk is full".into()));
    let mut s = session(persist);
    open_sharing(&mut s);
    key(&mut s, char_key('s'));
    key(&mut s, char_key('y'));
    assert!(!sees(&s, "alex"));
    assert!(matches!(
        s.app.notice(),
        Some(Notice::SharingFailed(SharingError::Write(..)))
    ));
    let shown = render(&s.app, 80, 24);
    assert!(
        shown.contains("Could not share with alex: the disk is full"),
        "{shown}"
    );
}

#[test]
fn nothing_to_withdraw_and_already_shared_say_so_without_asking() {
    let mut s = session(two_partners());
    open_sharing(&mut s);
    key(&mut s, char_key('w'));
    assert_eq!(s.app.sharing_asking(), None);
    assert_eq!(s.app.notice(), Some(&Notice::NotSharing("alex".into())));
    key(&mut s, key_ev(Down));
    key(&mut s, char_key('s'));
    assert_eq!(s.app.sharing_asking(), None);
    assert_eq!(s.app.notice(), Some(&Notice::AlreadySharing("morgan".into())));
    assert!(journal(&s).is_empty());
}

/// A partner on another computer, with the folder and both fingerprints.
fn folder_partner() -> FakePersistence {
    let mut p = FakePersistence::default().with_sharing_partner("alex", false);
    p.sharing.partners.push(Partner {
        name: "robin".into(),
        reach: Reach::Folder {
            folder: Some("/home/sam/Sync/us\u{1b}[31m".into()),
            mine: Some("4F2A-9C01-77BE-0D3A".into()),
            theirs: Some("1B2C-3D4E-5F60-7182".into()),
        },
        sees: true,
    });
    p
}

#[test]
fn a_folder_partner_shows_the_folder_and_both_fingerprints_sanitised() {
    let mut s = session(folder_partner());
    open_sharing(&mut s);
    let shown = render(&s.app, 80, 24);
    assert!(shown.contains("4F2A-9C01-77BE-0D3A"), "{shown}");
    assert!(shown.contains("1B2C-3D4E-5F60-7182"), "{shown}");
    assert!(shown.contains("/home/sam/Sync/us"), "{shown}");
    assert!(
        !shown.contains('\u{1b}'),
        "the escape in the path is quoted: {shown}"
    );
}

#[test]
fn an_overview_read_is_the_edges_and_never_updates_another_screen() {
    let mut s = session(two_partners());
    let listed = trustbook::app::Event::SharingListed(Ok(Overview::default()));
    s.app.update(trustbook::app::Action::Event(listed));
    assert_eq!(s.app.screen(), Screen::Welcome);
    assert_eq!(s.app.sharing_overview(), None);
}

// Snapshots at 60x20, 80x24 and a large size.

fn snap(name: &str, s: &Session<FakePersistence>) {
    for (w, h) in [(60, 20), (80, 24), (150, 50)] {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), render(&s.app, w, h));
    }
}

#[test]
fn snapshot_sharing_list() {
    let mut s = session(folder_partner());
    open_sharing(&mut s);
    snap("sharing_list", &s);
}

#[test]
fn snapshot_sharing_asks_before_sharing() {
    let mut s = session(two_partners());
    open_sharing(&mut s);
    key(&mut s, char_key('s'));
    snap("sharing_ask_share", &s);
}

#[test]
fn snapshot_sharing_asks_before_withdrawing() {
    let mut s = session(two_partners());
    open_sharing(&mut s);
    key(&mut s, key_ev(Down));
    key(&mut s, char_key('w'));
    snap("sharing_ask_withdraw", &s);
}

#[test]
fn snapshot_sharing_nobody() {
    let mut s = session(FakePersistence::default());
    open_sharing(&mut s);
    snap("sharing_nobody", &s);
}

/// The real binary: from sam's app, share with alex on the sharing screen; alex's
/// compare shows sam's answer. Withdraw there, and it no longer does.
mod pty {
    use std::path::Path;

    use crate::common::pty::keys;
    use crate::privacy::consent::{answer_first, open, quit};

    /// alex's compare with sam, from the welcome menu (its last item).
    fn alexs_compare(data: &Path) -> String {
        let mut alex = open("alex", data);
        alex.wait_for("Compare with sam");
        alex.send(b"\x1b[F"); // End
        alex.send(keys::ENTER);
        std::thread::sleep(std::time::Duration::from_millis(300));
        let screen = alex.screen();
        quit(alex);
        screen
    }

    /// sam's sharing screen, from the welcome menu, then `then` (keys, each a command).
    fn sams_sharing(data: &Path, then: &[&[u8]], wait: &str) -> String {
        let mut sam = open("sam", data);
        sam.wait_for("Sharing: who sees your answers");
        sam.command(b"w");
        sam.wait_for("Who sees sam's answers");
        for k in then {
            sam.command(k);
        }
        sam.wait_for(wait);
        let screen = sam.screen();
        quit(sam);
        screen
    }

    #[test]
    fn share_and_withdraw_on_the_sharing_screen_reach_alexs_compare() {
        let data = tempfile::tempdir().expect("temp dir");
        let mut sam = open("sam", data.path());
        answer_first(&mut sam, "sam words");
        quit(sam);
        let mut alex = open("alex", data.path());
        answer_first(&mut alex, "alex words");
        quit(alex);

        let before = alexs_compare(data.path());
        assert!(!before.contains("sam words"), "{before}");
        assert!(before.contains("Not shared by sam yet"), "{before}");

        let listed = sams_sharing(data.path(), &[], "alex sees nothing of yours");
        assert!(listed.contains("A share holds 1 answer"), "{listed}");
        let shared = sams_sharing(data.path(), &[b"s", b"y"], "Shared with alex;");
        assert!(
            shared.contains("alex sees your shareable answers as you save them"),
            "{shared}"
        );
        assert!(trustbook::sharing::share_path(data.path(), "sam", "alex").exists());

        let after = alexs_compare(data.path());
        assert!(after.contains("sam words"), "{after}");

        let withdrawn = sams_sharing(data.path(), &[b"w", b"y"], "Withdrawn: alex sees nothing");
        assert!(withdrawn.contains("alex sees nothing of yours"), "{withdrawn}");
        assert!(!trustbook::sharing::share_path(data.path(), "sam", "alex").exists());

        let gone = alexs_compare(data.path());
        assert!(!gone.contains("sam words"), "{gone}");
        assert!(gone.contains("Not shared by sam yet"), "{gone}");
    }
}

/// The real persistence on a data folder: the list read from disk, a share written and
/// removed, sharing with itself refused.
#[test]
fn disk_persistence_lists_shares_and_withdraws() {
    use trustbook::persist::{DiskPersistence, Persistence};
    use trustbook::store::{Store, StoreOptions};
    let data = tempfile::tempdir().expect("temp dir");
    let wb = shipped();
    let opts = |p: &str| StoreOptions {
        data_dir: Some(data.path().to_path_buf()),
        profile: p.to_string(),
    };
    let (mut alex, _) = Store::open(&opts("alex"), &wb.id).expect("alex");
    alex.save(&Answers::default(), None).expect("alex saved");
    drop(alex);
    let (store, _) = Store::open(&opts("sam"), &wb.id).expect("sam");
    let answers = sams_answers();
    let mut persist = DiskPersistence::new(store, &wb, &answers);
    let listed = persist.sharing().expect("list");
    assert_eq!(listed.partners.len(), 1, "{listed:?}");
    assert_eq!(listed.partners[0].name, "alex");
    assert!(!listed.partners[0].sees);
    assert_eq!(persist.share_with("sam", &answers), Err(SharingError::WithItself));
    let shared = persist.share_with("alex", &answers).expect("share");
    assert!(shared.partners[0].sees);
    let path = trustbook::sharing::share_path(data.path(), "sam", "alex");
    let file = std::fs::read_to_string(&path).expect("share file");
    assert!(file.contains("sam's shared words"), "{file}");
    assert!(!file.contains("sam's private words"), "{file}");
    assert!(!file.contains("sam's skipped words"), "{file}");
    let withdrawn = persist.stop_sharing("alex").expect("withdraw");
    assert!(!withdrawn.partners[0].sees);
    assert!(!path.exists());
}

/// A withdrawal while the app's writer is mid-save (the partners listed, the share not
/// yet rewritten) wins: the save in flight does not bring the share back.
#[test]
fn a_withdrawal_during_a_save_in_flight_wins() {
    let dir = tempfile::tempdir().expect("dir");
    let (d, wb) = (dir.path(), crate::common::fixture());
    let text = trustbook::sharing::share_text(&wb, "alex", &Answers::default(), "2026-12-01");
    trustbook::sharing::write(d, "alex", "sam", &text).expect("shares");
    let listed = trustbook::sharing::partners_of(d, "alex");
    assert_eq!(listed, vec!["sam".to_string()]);
    assert!(trustbook::sharing::stop(d, "alex", "sam").expect("withdraws"));
    let failed = trustbook::sharing::refresh_to(d, "alex", &listed, &text);
    assert!(failed.is_empty(), "{failed:?}");
    let file = trustbook::sharing::share_path(d, "alex", "sam");
    assert!(!file.exists(), "the withdrawal stays");
    assert!(trustbook::sharing::partners_of(d, "alex").is_empty());
    // Sharing again is consent given anew: saves rewrite it again.
    trustbook::sharing::write(d, "alex", "sam", &text).expect("shares again");
    std::fs::remove_file(&file).expect("gone for the check");
    trustbook::sharing::refresh_to(d, "alex", &listed, &text);
    assert!(file.exists(), "a save rewrites a share given again");
}

//! The exchange folder between two computers: sealed blind answers, reveals once both
//! answered, signatures, and the files sync tools leave behind.

use std::collections::BTreeSet;

use proptest::prelude::*;
use trustbook::answers::Answers;
use trustbook::content::Workbook;
use trustbook::exchange::folder;
use trustbook::exchange::share::{self, Body, ReaderState, WriterState};
use trustbook::exchange::{ExchangeError, OwnKeys, PartnerKeys};

use crate::common::{fixture, put, text};

const ALEX_WORDS: &str = "alex's own words, sealed";
const SAM_WORDS: &str = "sam's reply, sealed too";

/// One side of the couple: keys, the state kept between shares, the answers.
struct Side {
    name: &'static str,
    keys: OwnKeys,
    writer: WriterState,
    reader: ReaderState,
    answers: Answers,
    /// The partner's latest body this side has read.
    theirs: Option<Body>,
}

impl Side {
    fn new(name: &'static str) -> Side {
        Side {
            name,
            keys: OwnKeys::generate().expect("keys"),
            writer: WriterState::default(),
            reader: ReaderState::default(),
            answers: Answers::default(),
            theirs: None,
        }
    }

    fn partner_has(&self) -> BTreeSet<String> {
        self.theirs
            .as_ref()
            .map(share::answered_items)
            .unwrap_or_default()
    }

    /// Builds and encodes this side's next share to `to`.
    fn write(&mut self, wb: &Workbook, to: &Side) -> Vec<u8> {
        let has = self.partner_has();
        let body = share::build(
            wb,
            (self.name, to.name),
            &self.answers,
            &has,
            &mut self.writer,
            "2026-12-01T10:00:00Z",
        )
        .expect("build");
        share::encode(&body, &self.keys, &to.keys.public()).expect("encode")
    }

    /// Reads the partner's share bytes.
    fn read(&mut self, wb: &Workbook, from: &Side, bytes: &[u8]) -> share::Revealed {
        let body = share::decode(
            bytes,
            &self.keys,
            &from.keys.public(),
            (from.name, self.name, &wb.id),
        )
        .expect("decode");
        let shown = share::reveal(&body, &mut self.reader);
        self.theirs = Some(body);
        shown
    }
}

fn answer(side: &mut Side, exercise: &str, words: &str) {
    put(&mut side.answers, "one", exercise, false, text(words));
}

fn contains(bytes: &[u8], words: &str) -> bool {
    bytes.windows(words.len()).any(|w| w == words.as_bytes())
}

#[test]
fn a_blind_answer_travels_sealed_until_both_answered_then_both_see_both() {
    let wb = fixture();
    let (mut alex, mut sam) = (Side::new("alex"), Side::new("sam"));
    answer(&mut alex, "free", ALEX_WORDS);
    let first = alex.write(&wb, &sam);
    assert!(!contains(&first, ALEX_WORDS), "the file on its way shows nothing");
    // sam opens it with sam's own key: the answer is still sealed.
    let body =
        share::decode(&first, &sam.keys, &alex.keys.public(), ("alex", "sam", &wb.id)).expect("decode");
    let inner = serde_json::to_string(&body).expect("json");
    assert!(!inner.contains(ALEX_WORDS), "{inner}");
    let shown = sam.read(&wb, &alex, &first);
    assert!(
        shown.answers.single.is_empty(),
        "nothing shows before sam answers"
    );
    assert_eq!(shown.sealed, vec!["one/free".to_string()]);

    // sam answers; sam's share holds it sealed, and reveals sam's key (alex answered).
    answer(&mut sam, "free", SAM_WORDS);
    let sams = sam.write(&wb, &alex);
    let seen_by_alex = alex.read(&wb, &sam, &sams);
    assert_eq!(
        seen_by_alex.answers.single["one"]["free"].value,
        text(SAM_WORDS),
        "alex sees sam's, alex having answered"
    );
    // alex's next share reveals alex's key.
    let alexs = alex.write(&wb, &sam);
    let seen_by_sam = sam.read(&wb, &alex, &alexs);
    assert_eq!(seen_by_sam.answers.single["one"]["free"].value, text(ALEX_WORDS));
    assert!(seen_by_sam.sealed.is_empty());
}

/// Weekly check-ins are blind week by week: a week opens only once both did it.
#[test]
fn each_week_opens_only_once_both_have_done_it() {
    use trustbook::answers::{Answer, Value};
    use trustbook::entry::Entry;
    let wb = crate::common::practice_workbook();
    let week = |side: &mut Side, id: &str, trust: i64| {
        let mut e = Entry::new(id.to_string(), format!("{id}T19:00:00Z"));
        e.answers.insert(
            "trust-this-week".into(),
            Answer {
                changed: format!("{id}T19:00:00Z"),
                private: false,
                skipped: false,
                value: Value::Scale { value: trust },
            },
        );
        let list = side.answers.entries.entry("check-in".into()).or_default();
        list.push(e);
        list.sort_by(|a, b| a.id.cmp(&b.id));
    };
    let (mut alex, mut sam) = (Side::new("alex"), Side::new("sam"));
    week(&mut alex, "2026-11-02", 7);
    week(&mut alex, "2026-11-09", 3);
    week(&mut sam, "2026-11-02", 5);
    let b = alex.write(&wb, &sam);
    sam.read(&wb, &alex, &b);
    let b = sam.write(&wb, &alex);
    alex.read(&wb, &sam, &b);
    let b = alex.write(&wb, &sam);
    let shown = sam.read(&wb, &alex, &b);
    let weeks: Vec<&str> = shown.answers.entries["check-in"]
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(
        weeks,
        ["2026-11-02"],
        "the week sam did opens; the next stays sealed"
    );
    assert_eq!(shown.sealed, ["check-in/trust-this-week@2026-11-09".to_string()]);
}

#[test]
fn an_answer_changed_after_the_reveal_shows_as_changed() {
    let wb = fixture();
    let (mut alex, mut sam) = (Side::new("alex"), Side::new("sam"));
    answer(&mut alex, "free", "first");
    answer(&mut sam, "free", "mine");
    let b = alex.write(&wb, &sam);
    sam.read(&wb, &alex, &b);
    let b = sam.write(&wb, &alex);
    alex.read(&wb, &sam, &b);
    let b = alex.write(&wb, &sam);
    assert!(sam.read(&wb, &alex, &b).changed.is_empty());
    answer(&mut alex, "free", "second thoughts");
    let b = alex.write(&wb, &sam);
    let shown = sam.read(&wb, &alex, &b);
    assert_eq!(shown.answers.single["one"]["free"].value, text("second thoughts"));
    assert_eq!(shown.changed.len(), 1);
    assert_eq!(
        shown.changed[0].1.value,
        text("first"),
        "the answer seen first stays visible"
    );
}

#[test]
fn a_forged_share_signed_by_a_stranger_is_refused() {
    let wb = fixture();
    let (mut alex, sam) = (Side::new("alex"), Side::new("sam"));
    let mut stranger = Side::new("alex");
    answer(&mut stranger, "free", "forged words");
    answer(&mut alex, "free", ALEX_WORDS);
    let forged = stranger.write(&wb, &sam);
    let e = share::decode(&forged, &sam.keys, &alex.keys.public(), ("alex", "sam", &wb.id));
    assert_eq!(e, Err(ExchangeError::Forged));
    // And one encrypted to someone else is not for sam.
    let other = Side::new("robin");
    let elsewhere = alex.write(&wb, &other);
    let e = share::decode(
        &elsewhere,
        &sam.keys,
        &alex.keys.public(),
        ("alex", "sam", &wb.id),
    );
    assert_eq!(e, Err(ExchangeError::NotForMe));
}

#[test]
fn a_share_truncated_at_any_length_is_refused_without_a_panic() {
    let wb = fixture();
    let (mut alex, sam) = (Side::new("alex"), Side::new("sam"));
    answer(&mut alex, "free", ALEX_WORDS);
    let whole = alex.write(&wb, &sam);
    for n in 0..whole.len() {
        let cut = share::decode(
            &whole[..n],
            &sam.keys,
            &alex.keys.public(),
            ("alex", "sam", &wb.id),
        );
        assert!(cut.is_err(), "cut at {n} read as whole");
    }
    for i in (0..whole.len()).step_by(7) {
        let mut flipped = whole.clone();
        flipped[i] ^= 0x20;
        let read = share::decode(&flipped, &sam.keys, &alex.keys.public(), ("alex", "sam", &wb.id));
        assert!(read.is_err(), "a flipped byte at {i} read as whole");
    }
}

/// A sync tool's leftovers: conflict copies, a half-synced file, a file under the final
/// name that is half written. The newest valid share wins; the rest are named.
#[test]
fn the_folder_takes_the_newest_valid_share_and_names_the_rest() {
    let wb = fixture();
    let dir = tempfile::tempdir().expect("dir");
    let (mut alex, sam) = (Side::new("alex"), Side::new("sam"));
    answer(&mut alex, "free", "one");
    let old = alex.write(&wb, &sam);
    answer(&mut alex, "free", "two");
    let newer = alex.write(&wb, &sam);
    answer(&mut alex, "free", "three");
    let newest = alex.write(&wb, &sam);
    std::fs::write(dir.path().join("alex.share (conflicted copy).age"), &newest).expect("w");
    std::fs::write(
        dir.path()
            .join("alex.share.sync-conflict-20261201-101010-ABCDEFG.age"),
        &old,
    )
    .expect("w");
    std::fs::write(dir.path().join(".syncthing.alex.share.age.tmp"), &newer[..10]).expect("w");
    folder::write(dir.path(), "alex", &newer).expect("write");
    let found = folder::read(
        dir.path(),
        &sam.keys,
        &alex.keys.public(),
        ("alex", "sam", &wb.id),
    );
    let (path, body) = found.newest.expect("a share");
    assert_eq!(body.seq, 3, "the newest wins, whatever its file name");
    assert!(path.ends_with("alex.share (conflicted copy).age"), "{path:?}");
    assert_eq!(found.ignored.len(), 3, "{:?}", found.ignored);
    let why: Vec<String> = found.ignored.iter().map(|(_, w)| w.clone()).collect();
    assert!(why.iter().any(|w| w.contains("half synced")), "{why:?}");
    assert!(
        why.iter().filter(|w| w.contains("older share")).count() == 2,
        "{why:?}"
    );

    // Half written under the final name: ignored and named, never taken.
    std::fs::write(dir.path().join("alex.share.age"), &newest[..newest.len() / 2]).expect("w");
    let found = folder::read(
        dir.path(),
        &sam.keys,
        &alex.keys.public(),
        ("alex", "sam", &wb.id),
    );
    assert_eq!(found.newest.map(|(_, b)| b.seq), Some(3));
    assert!(
        found
            .ignored
            .iter()
            .any(|(p, w)| p.ends_with("alex.share.age") && w.contains("cut short")
                || p.ends_with("alex.share.age") && w.contains("not a whole")),
        "{:?}",
        found.ignored
    );
    // No temporary file of ours is left behind.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_withdrawal_says_so_and_holds_no_answer() {
    let wb = fixture();
    let (mut alex, sam) = (Side::new("alex"), Side::new("sam"));
    answer(&mut alex, "free", ALEX_WORDS);
    let body = share::withdrawal(&wb, ("alex", "sam"), &mut alex.writer, "2026-12-01T10:00:00Z");
    let bytes = share::encode(&body, &alex.keys, &sam.keys.public()).expect("encode");
    let read =
        share::decode(&bytes, &sam.keys, &alex.keys.public(), ("alex", "sam", &wb.id)).expect("decode");
    assert!(read.withdrawn && read.sealed.is_empty() && read.open.is_empty());
}

#[test]
fn a_pairing_code_round_trips_and_a_damaged_one_is_refused_with_words() {
    let keys = OwnKeys::generate().expect("keys").public();
    let back = PartnerKeys::from_code(&keys.code()).expect("reads back");
    assert_eq!(back, keys);
    assert_eq!(keys.fingerprint().len(), 19, "{}", keys.fingerprint());
    let code = keys.code();
    for bad in [
        &code[..code.len() - 3],
        "hello",
        &code.replace("trustbook-pair-1:", ""),
    ] {
        let e = PartnerKeys::from_code(bad).expect_err("refused");
        assert!(!e.to_string().is_empty());
    }
    let own = OwnKeys::generate().expect("keys");
    let again = OwnKeys::from_secret_text(&own.to_secret_text()).expect("keys read back");
    assert_eq!(again.public(), own.public());
}

/// One step of the two sides, in any order a sync tool may deliver.
#[derive(Debug, Clone)]
enum Step {
    /// alex (true) or sam answers exercise `n` (of three).
    Answer(bool, usize),
    /// alex or sam writes a share into the folder.
    Write(bool),
    /// alex or sam reads the other's latest share.
    Sync(bool),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (any::<bool>(), 0..3usize).prop_map(|(a, n)| Step::Answer(a, n)),
        any::<bool>().prop_map(Step::Write),
        any::<bool>().prop_map(Step::Sync),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Whatever the interleaving of saves and syncs, once both sides have written and read
    /// twice more, each sees exactly the other's answers to the items both answered.
    #[test]
    fn any_interleaving_ends_in_the_same_revealed_state(steps in proptest::collection::vec(step(), 0..16)) {
        let wb = fixture();
        let exercises = ["free", "items", "pick"];
        let (mut alex, mut sam) = (Side::new("alex"), Side::new("sam"));
        let (mut in_folder_a, mut in_folder_s): (Option<Vec<u8>>, Option<Vec<u8>>) = (None, None);
        for s in &steps {
            match s {
                Step::Answer(true, n) => answer(&mut alex, exercises[*n], &format!("alex {n}")),
                Step::Answer(false, n) => answer(&mut sam, exercises[*n], &format!("sam {n}")),
                Step::Write(true) => in_folder_a = Some(alex.write(&wb, &sam)),
                Step::Write(false) => in_folder_s = Some(sam.write(&wb, &alex)),
                Step::Sync(true) => if let Some(b) = &in_folder_s { alex.read(&wb, &sam, b); },
                Step::Sync(false) => if let Some(b) = &in_folder_a { sam.read(&wb, &alex, b); },
            }
        }
        let mut last = (share::Revealed::default(), share::Revealed::default());
        for _ in 0..2 {
            let a = alex.write(&wb, &sam);
            last.1 = sam.read(&wb, &alex, &a);
            let s = sam.write(&wb, &alex);
            last.0 = alex.read(&wb, &sam, &s);
        }
        let both: Vec<&str> = exercises
            .iter()
            .copied()
            .filter(|e| alex.answers.single.get("one").is_some_and(|c| c.contains_key(*e)))
            .filter(|e| sam.answers.single.get("one").is_some_and(|c| c.contains_key(*e)))
            .collect();
        for e in &exercises {
            let alex_sees = last.0.answers.single.get("one").and_then(|c| c.get(*e)).map(|a| a.value.clone());
            let sam_sees = last.1.answers.single.get("one").and_then(|c| c.get(*e)).map(|a| a.value.clone());
            if both.contains(e) {
                prop_assert_eq!(alex_sees, sam.answers.single["one"].get(*e).map(|a| a.value.clone()));
                prop_assert_eq!(sam_sees, alex.answers.single["one"].get(*e).map(|a| a.value.clone()));
            } else {
                prop_assert_eq!(alex_sees, None, "alex sees sam's {} before answering it", e);
                prop_assert_eq!(sam_sees, None, "sam sees alex's {} before answering it", e);
            }
        }
    }
}

/// The couple's cycle on two data folders and one exchange folder, by the command line.
mod two_computers {
    use std::path::Path;

    use crate::cli::Data;
    use crate::common::{put, text};
    use trustbook::answers::Answers;

    const WB: &str = "fixture-book";

    fn words(name: &str, w: &str) -> Answers {
        let mut a = Answers::default();
        put(&mut a, "one", "free", false, text(w));
        let _ = name;
        a
    }

    pub(super) fn run(data: &Data, args: &[&str]) -> String {
        let out = data.run_on("valid", args);
        assert!(
            out.status.success(),
            "{args:?}:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            crate::cli::stderr(&out)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Pairs alex and sam and has each share with the other through folder `x`.
    pub(super) fn paired_through(alex: &Data, sam: &Data, x: &str) {
        let (ca, cs) = (code(alex, "alex"), code(sam, "sam"));
        run(alex, &["pair", "--profile", "alex", "--partner", "sam", &cs]);
        run(sam, &["pair", "--profile", "sam", "--partner", "alex", &ca]);
        run(
            alex,
            &["share", "--profile", "alex", "--with", "sam", "--folder", x],
        );
        run(
            sam,
            &["share", "--profile", "sam", "--with", "alex", "--folder", x],
        );
    }

    pub(super) fn code(data: &Data, me: &str) -> String {
        let out = run(data, &["pair", "--profile", me]);
        out.lines()
            .find(|l| l.starts_with("trustbook-pair-1:"))
            .expect("a pairing code")
            .to_string()
    }

    /// Every file under `dir` holding `word`.
    fn holding(dir: &Path, word: &str) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(dir).expect("dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(holding(&p, word));
            } else if String::from_utf8_lossy(&std::fs::read(&p).unwrap_or_default()).contains(word) {
                out.push(p);
            }
        }
        out
    }

    /// A code copied from a narrow terminal (line breaks, an indent) pairs as it is, and
    /// a profile cannot pair with itself.
    #[test]
    fn pair_takes_a_wrapped_code_and_refuses_its_own_name() {
        let (alex, sam) = (Data::new(), Data::new());
        alex.own_of("alex", &Answers::default(), WB);
        sam.own_of("sam", &Answers::default(), WB);
        let ca = code(&alex, "alex");
        let wrapped = format!("{}\n  {}\n{}\n", &ca[..58], &ca[58..116], &ca[116..]);
        let said = run(&sam, &["pair", "--profile", "sam", "--partner", "alex", &wrapped]);
        assert!(said.contains("Paired with alex"), "{said}");
        let own = sam.run_on("valid", &["pair", "--profile", "sam", "--partner", "sam", &ca]);
        assert!(!own.status.success());
        assert!(
            crate::cli::stderr(&own).contains("cannot pair with itself"),
            "{}",
            crate::cli::stderr(&own)
        );
    }

    #[test]
    fn the_weekly_cycle_stays_blind_until_both_answered_and_ends_on_withdrawal() {
        let (alex, sam) = (Data::new(), Data::new());
        let folder = tempfile::tempdir().expect("folder");
        let x = folder.path().to_str().expect("utf-8 path");
        alex.own_of("alex", &words("alex", "ALEX-ONLY-WORDS"), WB);
        sam.own_of("sam", &Answers::default(), WB);
        let (ca, cs) = (code(&alex, "alex"), code(&sam, "sam"));
        let paired = run(&alex, &["pair", "--profile", "alex", "--partner", "sam", &cs]);
        assert!(
            paired.contains("Paired with sam") && paired.contains("fingerprint"),
            "{paired}"
        );
        run(&sam, &["pair", "--profile", "sam", "--partner", "alex", &ca]);

        run(
            &alex,
            &["share", "--profile", "alex", "--with", "sam", "--folder", x],
        );
        let first = run(
            &sam,
            &["share", "--profile", "sam", "--with", "alex", "--folder", x],
        );
        assert!(first.contains("1 sealed until you answer them too"), "{first}");
        // sam's files and the folder hold no byte of alex's answer.
        assert_eq!(
            holding(sam.path(), "ALEX-ONLY-WORDS"),
            Vec::<std::path::PathBuf>::new()
        );
        assert_eq!(
            holding(folder.path(), "ALEX-ONLY-WORDS"),
            Vec::<std::path::PathBuf>::new()
        );
        let blind = run(&sam, &["compare", "sam", "alex", "--width", "100"]);
        assert!(!blind.contains("ALEX-ONLY-WORDS"), "{blind}");

        // sam answers; a round of syncs reveals both to both.
        sam.own_of("sam", &words("sam", "SAM-REPLY"), WB);
        run(&sam, &["sync", "--profile", "sam"]);
        run(&alex, &["sync", "--profile", "alex"]);
        run(&sam, &["sync", "--profile", "sam"]);
        let both = run(&sam, &["compare", "sam", "alex", "--width", "100"]);
        assert!(
            both.contains("ALEX-ONLY-WORDS") && both.contains("SAM-REPLY"),
            "{both}"
        );
        let theirs = run(&alex, &["compare", "alex", "sam", "--width", "100"]);
        assert!(theirs.contains("SAM-REPLY"), "{theirs}");

        // A conflict copy a sync tool left is named in `where`, with why it was ignored.
        std::fs::write(folder.path().join("alex.share (conflicted copy).age"), b"half").expect("w");
        let listed = run(&sam, &["where", "--profile", "sam"]);
        assert!(listed.contains("exchanges with alex through"), "{listed}");
        assert!(
            listed.contains("ignored") && listed.contains("conflicted copy"),
            "{listed}"
        );

        // alex withdraws: sam's computer deletes what it held of alex's.
        let stop = run(&alex, &["share", "--profile", "alex", "--stop", "sam"]);
        assert!(stop.contains("withdrawal"), "{stop}");
        let after = run(&sam, &["sync", "--profile", "sam"]);
        assert!(after.contains("stopped sharing"), "{after}");
        assert_eq!(
            holding(sam.path(), "ALEX-ONLY-WORDS"),
            Vec::<std::path::PathBuf>::new()
        );

        // A changed key for sam is refused loudly, never taken silently.
        let other = Data::new();
        other.own_of("sam", &Answers::default(), WB);
        let new_code = code(&other, "sam");
        let out = alex.run_on(
            "valid",
            &["pair", "--profile", "alex", "--partner", "sam", &new_code],
        );
        assert!(!out.status.success());
        let said = crate::cli::stderr(&out);
        assert!(said.contains("WARNING") && said.contains("changed"), "{said}");
    }
}

/// An answer changed after the reveal shows in the partner's compare as a change, with
/// the answer seen first still there.
mod changed_after_reveal {
    use super::two_computers::run;
    use crate::cli::Data;
    use crate::common::{put, text};
    use trustbook::answers::Answers;

    fn says(w: &str) -> Answers {
        let mut a = Answers::default();
        put(&mut a, "one", "free", false, text(w));
        a
    }

    #[test]
    fn the_partner_sees_the_change_and_the_first_answer() {
        let (alex, sam) = (Data::new(), Data::new());
        let folder = tempfile::tempdir().expect("folder");
        let x = folder.path().to_str().expect("utf-8 path");
        alex.own_of("alex", &says("FIRST-THOUGHT"), "fixture-book");
        sam.own_of("sam", &says("SAM-SAYS"), "fixture-book");
        super::two_computers::paired_through(&alex, &sam, x);
        run(&alex, &["sync", "--profile", "alex"]);
        run(&sam, &["sync", "--profile", "sam"]);
        let before = run(&sam, &["compare", "sam", "alex", "--width", "100"]);
        assert!(before.contains("FIRST-THOUGHT"), "{before}");
        assert!(!before.contains("changed after seeing yours"), "{before}");
        alex.own_of("alex", &says("SECOND-THOUGHT"), "fixture-book");
        run(&alex, &["sync", "--profile", "alex"]);
        let said = run(&sam, &["sync", "--profile", "sam"]);
        assert!(said.contains("1 changed after seeing yours"), "{said}");
        let after = run(&sam, &["compare", "sam", "alex", "--width", "100"]);
        assert!(after.contains("changed after seeing yours"), "{after}");
        assert!(
            after.contains("FIRST-THOUGHT") && after.contains("SECOND-THOUGHT"),
            "{after}"
        );
        // The side that changed it is told so, with the answer sam was shown first.
        let own = run(&alex, &["compare", "alex", "sam", "--width", "100"]);
        let at = own.find("you changed this after seeing sam's").expect(&own);
        assert!(own[at..].contains("FIRST-THOUGHT"), "{own}");
        assert!(own[at..].contains("SECOND-THOUGHT"), "{own}");
        // sam's side does not claim sam changed anything.
        assert!(!after.contains("you changed this"), "{after}");
    }
}

/// The app itself keeps the folder in step: it writes a share when it quits after a
/// save, and reads the partner's when it starts, with no import step.
mod in_the_app {
    use super::two_computers::run;
    use crate::cli::Data;
    use crate::common::pty::{Spawn, keys};
    use crate::common::{put, text};
    use trustbook::answers::Answers;

    #[test]
    fn sams_app_shares_on_quit_and_shows_alexs_answer_once_both_answered() {
        let (alex, sam) = (Data::new(), Data::new());
        let folder = tempfile::tempdir().expect("folder");
        let x = folder.path().to_str().expect("utf-8");
        let mut mine = Answers::default();
        put(&mut mine, "one", "free", false, text("ALEX-IN-THE-FOLDER"));
        alex.own_of("alex", &mine, "fixture-book");
        sam.own_of("sam", &Answers::default(), "fixture-book");
        super::two_computers::paired_through(&alex, &sam, x);

        let valid = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
        let open_sam = || {
            Spawn::default()
                .content(&valid)
                .data_dir(sam.path())
                .args(["--profile", "sam"])
                .size(100, 30)
                .start()
        };
        let mut app = open_sam();
        app.wait_for("Start from the beginning");
        app.send(keys::ENTER);
        app.wait_for("First paragraph.");
        app.send(keys::ENTER);
        app.wait_for("Write anything.");
        app.type_str("SAM-TYPED-IN-THE-APP");
        app.wait_for("SAM-TYPED-IN-THE-APP");
        app.send(keys::CTRL_Q);
        assert!(app.wait_exit().success(), "{}", app.framed_screen());

        // alex's side reads sam's share (sam answered: sam's key comes too) and answers
        // with alex's key.
        let said = run(&alex, &["sync", "--profile", "alex"]);
        assert!(said.contains("sam: 1 answer(s) shown"), "{said}");

        let mut app = open_sam();
        app.wait_for("Compare with alex");
        app.send(b"\x1b[F"); // End
        app.send(keys::ENTER);
        app.wait_for("ALEX-IN-THE-FOLDER");
        app.wait_for("SAM-TYPED-IN-THE-APP");
        app.send(keys::CTRL_Q);
        assert!(app.wait_exit().success(), "{}", app.framed_screen());
    }
}

/// Two data folders (alex's under `alex`, sam's plain) paired through one exchange folder.
struct Couple {
    alex: tempfile::TempDir,
    sam: tempfile::TempDir,
    _folder: tempfile::TempDir,
    alex_protection: trustbook::store::Protection,
}

impl Couple {
    fn new(alex_protection: trustbook::store::Protection) -> Couple {
        use trustbook::exchange::local::{self, Link};
        let plain = trustbook::store::Protection::Plain;
        let (alex, sam, folder) = (
            tempfile::tempdir().expect("alex"),
            tempfile::tempdir().expect("sam"),
            tempfile::tempdir().expect("folder"),
        );
        let (a, s) = (alex.path(), sam.path());
        let alex_keys = local::own_keys(a, "alex", &alex_protection)
            .expect("alex's keys")
            .public();
        let sam_keys = local::own_keys(s, "sam", &plain).expect("sam's keys").public();
        local::pair(a, "alex", "sam", &sam_keys, false, &alex_protection).expect("alex pairs");
        local::pair(s, "sam", "alex", &alex_keys, false, &plain).expect("sam pairs");
        let link = Link {
            folder: folder.path().to_path_buf(),
            ..Link::default()
        };
        local::save_link(a, "alex", "sam", &link, &alex_protection).expect("alex's link");
        local::save_link(s, "sam", "alex", &link, &plain).expect("sam's link");
        Couple {
            alex,
            sam,
            _folder: folder,
            alex_protection,
        }
    }

    /// Alex's trustbook syncs at `now` (alex's clock).
    fn alex_syncs(&self, wb: &Workbook, said: &Answers, now: &str) -> trustbook::exchange::local::Report {
        let pair = ("alex", "sam");
        trustbook::exchange::local::sync(self.alex.path(), wb, pair, said, now, &self.alex_protection)
            .expect("alex syncs")
    }

    /// Sam's trustbook syncs at `now` (sam's clock).
    fn sam_syncs(&self, wb: &Workbook, said: &Answers, now: &str) -> trustbook::exchange::local::Report {
        let plain = trustbook::store::Protection::Plain;
        trustbook::exchange::local::sync(self.sam.path(), wb, ("sam", "alex"), said, now, &plain)
            .expect("sam syncs")
    }

    /// What sam's computer shows of alex's answer to "one/free".
    fn sam_sees(&self, wb: &Workbook) -> Option<trustbook::answers::Value> {
        let exp = trustbook::partner::read_export(self.sam.path(), "alex", &wb.id).ok()?;
        Some(exp.answers.single.get("one")?.get("free")?.value.clone())
    }
}

fn says(words: &str) -> Answers {
    let mut a = Answers::default();
    put(&mut a, "one", "free", false, text(words));
    a
}

/// The two computers' clocks are days apart, and alex's jumps back: nothing is taken by
/// time. The blind rule holds, the reveal happens, and alex's later share (written by a
/// clock now days behind) still wins over the earlier one, by its sequence number.
#[test]
fn clocks_days_apart_on_the_two_computers_change_nothing() {
    let wb = fixture();
    let couple = Couple::new(trustbook::store::Protection::Plain);
    let (ahead, behind, back) = (
        "2026-12-11T10:00:00Z",
        "2026-12-01T09:00:00Z",
        "2026-11-28T08:00:00Z",
    );
    couple.alex_syncs(&wb, &says(ALEX_WORDS), ahead);
    let first = couple.sam_syncs(&wb, &Answers::default(), behind);
    assert!(
        first.said.iter().any(|l| l.contains("1 sealed")),
        "{:?}",
        first.said
    );
    assert_eq!(couple.sam_sees(&wb), None, "sealed, whatever the clocks say");
    couple.sam_syncs(&wb, &says(SAM_WORDS), behind);
    couple.alex_syncs(&wb, &says(ALEX_WORDS), ahead);
    couple.sam_syncs(&wb, &says(SAM_WORDS), behind);
    assert_eq!(couple.sam_sees(&wb), Some(text(ALEX_WORDS)));
    // Alex's clock is set back by days; alex's next share is still the newest.
    let later = couple.alex_syncs(&wb, &says("written after the clock went back"), back);
    assert!(
        later.said.iter().any(|l| l.contains("wrote your share")),
        "{:?}",
        later.said
    );
    let read = couple.sam_syncs(&wb, &says(SAM_WORDS), behind);
    assert_eq!(
        couple.sam_sees(&wb),
        Some(text("written after the clock went back")),
        "{:?}",
        read.said
    );
    assert!(read.said.iter().all(|l| !l.contains("older")), "{:?}", read.said);
}

/// A protected profile exchanges through a folder with its keys, its partner's keys, its
/// link and the partner's revealed answers all encrypted to its own key: nothing plain of
/// its partner, nor of its secrets, is kept in its data folder.
#[test]
fn a_protected_profile_exchanges_with_every_file_under_its_key() {
    use trustbook::exchange::local;
    let wb = fixture();
    let me = trustbook::store::Protection::locked(trustbook::vault::create_identity());
    let couple = Couple::new(me.clone());
    let a = couple.alex.path();
    let now = "2026-12-01T10:00:00Z";
    for _ in 0..2 {
        couple.alex_syncs(&wb, &says(ALEX_WORDS), now);
        couple.sam_syncs(&wb, &says(SAM_WORDS), now);
    }
    let seen_by_alex = trustbook::partner::read_export_as(a, "sam", &wb.id, &me).expect("alex reads");
    assert_eq!(seen_by_alex.answers.single["one"]["free"].value, text(SAM_WORDS));
    assert_eq!(couple.sam_sees(&wb), Some(text(ALEX_WORDS)));
    // Alex's data folder: every file but the public pairing code is an age file.
    let mut files = vec![trustbook::store::partner_path(a, "sam")];
    files.extend(
        std::fs::read_dir(local::dir_of(a, "alex"))
            .expect("dir")
            .flatten()
            .map(|e| e.path()),
    );
    for f in files.iter().filter(|f| !f.ends_with("public")) {
        let bytes = std::fs::read(f).expect("read");
        assert!(trustbook::vault::is_age(&bytes), "{} is encrypted", f.display());
        assert!(!contains(&bytes, SAM_WORDS), "{}", f.display());
    }
    assert!(files.len() >= 5, "{files:?}");
    let plain = trustbook::store::Protection::Plain;
    assert!(
        local::existing_keys(a, "alex", &plain).is_err(),
        "alex's keys need alex's key"
    );
}

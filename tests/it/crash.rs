//! The acceptance test of saving (issue 4): the real binary runs in a pseudo-terminal while
//! the test types and moves about, and is killed with SIGKILL at varied moments. After every
//! kill the answers file must parse and hold every change that was on disk before the kill.
//!
//! What counts as saved is decided by reading the file, never by timing: after each change
//! the test polls the file until the change shows, and only then counts it. The last change
//! of a round is not waited for: the kill lands right after its keys, a delay from a fixed
//! sequence later, as soon as a save is under way, or half way through typing it. The file
//! may then hold that change or not, but nothing else in it may differ.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::disk::{read_saved, read_saved_at, temp_files, wait_file};
use crate::common::pty::{Pty, Spawn, keys};
use trustbook::answers::{Answer, Value};
use trustbook::app::Place;
use trustbook::content::{Kind, Workbook};
use trustbook::store::Saved;

/// The welcome title of the shipped workbook.
const TITLE: &str = "Working on trust: a relationship workbook";
/// The first welcome item once there is something to continue.
const CONTINUE: &str = "Continue where I left off";
/// The welcome item that starts at chapter 1.
const START: &str = "Start from the beginning";

/// Rounds of start, change, kill.
const ROUNDS: u64 = 24;
/// Every kind of change the rounds make.
const KINDS: [&str; 6] = ["move", "text", "list", "choice", "checklist", "scale"];
/// Seed of the sequence that picks changes and kill moments.
const SEED: u64 = 0x7472_7573_7462_6f6f;
/// Delays (ms) for rounds killed a while after the last keys: before, around and after
/// the 800 ms typing pause that commits text.
const DELAYS: [u64; 6] = [5, 60, 350, 790, 830, 1100];

/// Text typed into text answers: Unicode, a new line, emoji.
const PHRASES: [&str; 6] = [
    "I trust slowly. ",
    "Ich vertraue langsam, aber ehrlich — ",
    "信任需要时间。",
    "it still hurts\rand I said so. ",
    "ça fait mal 💔 ",
    "\"quotes\" and back\\slashes ",
];
/// Items added to list answers.
const ITEMS: [&str; 5] = [
    "Phone face down",
    "Plans change without a message",
    "Schweigen beim Abendessen",
    "沉默",
    "Late again 🙃",
];

/// A small deterministic generator (xorshift64*), so a failing round can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len() as u64) as usize]
    }
}

/// A page of the workbook that is also a place to resume at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Loc {
    Intro(usize),
    Ex(usize, usize),
}

/// How a round's last change is interrupted.
#[derive(Clone, Copy, Debug)]
enum Kill {
    /// Right after the keys are written.
    Now,
    /// This many milliseconds after the keys.
    After(u64),
    /// As soon as a temporary file of a save appears.
    MidSave,
    /// Keys written one character at a time; the kill comes after this many.
    MidTyping(usize),
}

/// One change made with keys, and what the file should hold once it is saved.
#[derive(Clone, Debug)]
struct Change {
    /// What was done, for messages.
    what: String,
    /// "move", or the kind of the exercise changed.
    kind: &'static str,
    /// The keys.
    keys: String,
    /// The exercise it changes, (chapter id, exercise id), if any.
    key: Option<(String, String)>,
    /// The new value of that exercise (`None`: no answer).
    value: Option<Value>,
    /// The new place to resume at, when it moves.
    place: Option<Place>,
    /// What a kill half way through may also leave.
    partial: Partial,
}

/// Besides all or nothing of a change, what a kill half way through typing may leave on
/// disk (typed text is committed after a pause, and may be during long steady typing).
#[derive(Clone, Debug)]
enum Partial {
    /// Nothing but all or nothing.
    No,
    /// Text typed at the end of this text: it followed by any beginning of the typing.
    Text(String),
    /// An item added to these items: them, then any beginning of the item.
    Item(Vec<String>, String),
}

/// The test's picture of the app: where it is, what its exercise editor holds, and
/// the answers file as last confirmed on disk.
struct World<'a> {
    wb: &'a Workbook,
    disk: Saved,
    loc: Loc,
    /// Checklist or choice cursor.
    cursor: usize,
    /// A scale digit typed just before (the app joins "1" "0" into 10).
    pending_digit: Option<i64>,
    /// A list's "new item" field is open (it reopens after each added item).
    list_field_open: bool,
    /// Ticks made on this checklist since it was opened.
    ticks_here: usize,
}

impl World<'_> {
    fn place_of(&self, loc: Loc) -> Place {
        match loc {
            Loc::Intro(c) => Place {
                chapter: self.wb.chapters[c].id.clone(),
                exercise: None,
            },
            Loc::Ex(c, e) => Place {
                chapter: self.wb.chapters[c].id.clone(),
                exercise: Some(self.wb.chapters[c].exercises[e].id.clone()),
            },
        }
    }

    fn loc_of(&self, place: &Place) -> Loc {
        let c = self
            .wb
            .chapters
            .iter()
            .position(|ch| ch.id == place.chapter)
            .unwrap_or_else(|| panic!("unknown chapter in {place:?}"));
        match &place.exercise {
            None => Loc::Intro(c),
            Some(e) => {
                let (c, e) = self.wb.find(&place.chapter, e).expect("known exercise");
                Loc::Ex(c, e)
            }
        }
    }

    /// The page after `loc`, if it is a place (the closing words are not).
    fn next_loc(&self) -> Option<Loc> {
        let chapters = &self.wb.chapters;
        match self.loc {
            Loc::Intro(c) => Some(Loc::Ex(c, 0)),
            Loc::Ex(c, e) if e + 1 < chapters[c].exercises.len() => Some(Loc::Ex(c, e + 1)),
            Loc::Ex(c, _) if c + 1 < chapters.len() => Some(Loc::Intro(c + 1)),
            Loc::Ex(..) => None,
        }
    }

    /// Text on screen that shows the app is at `loc`.
    fn screen_mark(&self, loc: Loc) -> String {
        let n = self.wb.chapters.len();
        match loc {
            Loc::Intro(c) => format!("Chapter {}/{n} · Introduction", c + 1),
            // The header names the chapter by its title here; the walk only ever moves on
            // one step, so the exercise's number is enough to tell where it is.
            Loc::Ex(c, e) => format!("Exercise {}/{} ·", e + 1, self.wb.chapters[c].exercises.len()),
        }
    }

    /// The app opened the page at `loc`: a fresh editor, as the app makes it.
    fn arrive(&mut self, loc: Loc) {
        self.loc = loc;
        self.pending_digit = None;
        self.list_field_open = false;
        self.ticks_here = 0;
        self.cursor = 0;
        if let Loc::Ex(c, e) = loc {
            let ex = &self.wb.chapters[c].exercises[e];
            if let (Kind::Choice { options, .. }, Some(Value::Choice { option: Some(o), .. })) =
                (&ex.kind, self.value_at(c, e))
            {
                self.cursor = options.iter().position(|x| x == o).unwrap_or(0);
            }
        }
    }

    fn value_at(&self, c: usize, e: usize) -> Option<&Value> {
        let ch = &self.wb.chapters[c];
        self.disk
            .answers
            .get(&ch.id, &ch.exercises[e].id)
            .map(|a| &a.value)
    }

    /// Plans the next change and updates the picture of the app as the keys will.
    fn plan(&mut self, rng: &mut Rng) -> Change {
        let move_on = matches!(self.loc, Loc::Intro(_)) || rng.below(3) == 0;
        if move_on && let Some(next) = self.next_loc() {
            let keys = if matches!(self.loc, Loc::Intro(_)) {
                "\r"
            } else {
                "\t"
            };
            let place = self.place_of(next);
            self.arrive(next);
            return Change {
                what: format!("a move to {place:?}"),
                kind: "move",
                keys: keys.to_string(),
                key: None,
                value: None,
                place: Some(place),
                partial: Partial::No,
            };
        }
        let Loc::Ex(c, e) = self.loc else {
            unreachable!("an introduction always has a next page")
        };
        let ch = &self.wb.chapters[c];
        let ex = &ch.exercises[e];
        let key = Some((ch.id.clone(), ex.id.clone()));
        let current = self.value_at(c, e).cloned();
        let mut change = Change {
            what: String::new(),
            kind: ex.kind.name(),
            keys: String::new(),
            key,
            value: None,
            place: None,
            partial: Partial::No,
        };
        match &ex.kind {
            // The frozen workbook has no pages; one would take no change.
            Kind::Page | Kind::Score(_) => unreachable!("the pty workbook has no pages or scores"),
            Kind::Ratings { .. } => unreachable!("the pty workbook is format 1: it has no ratings"),
            Kind::Date => unreachable!("the pty workbook is format 1: it has no dates"),
            Kind::Text => {
                let base = match current {
                    Some(Value::Text { text }) => text,
                    _ => String::new(),
                };
                let phrase = rng.pick(&PHRASES);
                change.keys = phrase.to_string();
                change.value = Some(Value::Text {
                    text: format!("{base}{}", phrase.replace('\r', "\n")),
                });
                change.partial = Partial::Text(base);
            }
            Kind::Checklist { options, .. } => {
                if self.ticks_here > 0 {
                    change.keys.push('j');
                    self.cursor = (self.cursor + 1).min(options.len() - 1);
                }
                change.keys.push(' ');
                self.ticks_here += 1;
                let mut ticked = match current {
                    Some(Value::Checklist { ticked, .. }) => ticked,
                    _ => Vec::new(),
                };
                let opt = &options[self.cursor];
                match ticked.iter().position(|t| t == opt) {
                    Some(i) => {
                        ticked.remove(i);
                    }
                    None => ticked.push(opt.clone()),
                }
                ticked.sort_by_key(|t| options.iter().position(|o| o == t));
                change.value = (!ticked.is_empty()).then_some(Value::Checklist { ticked, other: None });
            }
            Kind::Scale { min, max, .. } => {
                let d = rng.below(10) as i64;
                let in_range = |v: &i64| (*min..=*max).contains(v);
                let joined = self.pending_digit.map(|p| p * 10 + d).filter(in_range);
                let v = joined.or(Some(d).filter(in_range));
                self.pending_digit = v;
                change.keys = d.to_string();
                change.value = v.map(|value| Value::Scale { value }).or(current);
            }
            Kind::List { max, .. } => {
                let mut items = match current {
                    Some(Value::List { items, .. }) => items,
                    _ => Vec::new(),
                };
                let full = max.is_some_and(|m| items.len() >= m as usize);
                if full && !self.list_field_open {
                    // Up to the last item, delete it.
                    // Delete, not `d`: `k` then `d` this fast would be typing, not two commands.
                    change.keys = "k\x1b[3~".to_string();
                    items.pop();
                } else {
                    let item = rng.pick(&ITEMS);
                    if !self.list_field_open {
                        change.keys.push('\r');
                    }
                    change.keys.push_str(item);
                    change.keys.push('\r');
                    change.partial = Partial::Item(items.clone(), item.to_string());
                    items.push(item.to_string());
                    // Enter on a new item opens the next one while there is room.
                    self.list_field_open = max.is_none_or(|m| items.len() < m as usize);
                }
                change.value = (!items.is_empty()).then_some(Value::list(items));
            }
            Kind::Choice { options, .. } => {
                if self.cursor + 1 < options.len() {
                    self.cursor += 1;
                    change.keys = "j\r".to_string();
                } else {
                    self.cursor = 0;
                    change.keys = "g\r".to_string();
                }
                change.value = Some(Value::Choice {
                    option: Some(options[self.cursor].clone()),
                    other: None,
                });
            }
        }
        change.what = format!("{:?} at {}/{}", change.keys, ch.id, ex.id);
        change
    }
}

/// Answers by (chapter id, exercise id).
fn flat(saved: &Saved) -> BTreeMap<(String, String), Answer> {
    saved
        .answers
        .single
        .iter()
        .flat_map(|(c, m)| m.iter().map(|(e, a)| ((c.clone(), e.clone()), a.clone())))
        .collect()
}

/// Checks that `after` differs from `before` at most by `change` (fully or not at all;
/// typed text by any beginning of it). Everything else must be exactly as it was.
fn check(before: &Saved, after: &Saved, change: Option<&Change>) -> Result<(), String> {
    if before.workbook.is_some() && after.workbook != before.workbook {
        return Err(format!(
            "workbook {:?} became {:?}",
            before.workbook, after.workbook
        ));
    }
    let (b, a) = (flat(before), flat(after));
    let keys: std::collections::BTreeSet<_> = b.keys().chain(a.keys()).collect();
    for key in keys {
        let (bv, av) = (b.get(key), a.get(key));
        let touched = change.filter(|ch| ch.key.as_ref() == Some(key));
        let ok = match touched {
            None => bv == av,
            Some(ch) => {
                let (bval, aval) = (bv.map(|x| &x.value), av.map(|x| &x.value));
                let typed_part = match (&ch.partial, aval, &ch.value) {
                    (Partial::Text(base), Some(Value::Text { text }), Some(Value::Text { text: full })) => {
                        text.starts_with(base.as_str()) && full.starts_with(text.as_str())
                    }
                    (Partial::Item(before, item), Some(Value::List { items, .. }), _) => {
                        items.len() == before.len() + 1
                            && items.starts_with(before)
                            && items
                                .last()
                                .is_some_and(|l| !l.is_empty() && item.starts_with(l.as_str()))
                    }
                    _ => false,
                };
                let value_ok = aval == bval || same_words(aval, ch.value.as_ref()) || typed_part;
                // No change here touches the private mark (an answer that comes or goes has none).
                let private_ok =
                    bv.is_none() || av.is_none() || bv.map(|x| x.private) == av.map(|x| x.private);
                value_ok && private_ok
            }
        };
        if !ok {
            return Err(format!(
                "answer {key:?} was {bv:#?}\nand is now {av:#?}\n(the change in flight: {change:#?})"
            ));
        }
    }
    let moved = change.and_then(|c| c.place.as_ref());
    if after.place != before.place && after.place.as_ref() != moved.or(before.place.as_ref()) {
        return Err(format!(
            "the place to resume was {:?} and is now {:?} (move in flight: {moved:?})",
            before.place, after.place
        ));
    }
    Ok(())
}

/// True when both are the same answer in the same words: the ids a list's new items
/// get come from the time they were stored, which the model here cannot know.
fn same_words(a: Option<&Value>, b: Option<&Value>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.same_words(b),
        (a, b) => a.is_none() && b.is_none(),
    }
}

/// True once `saved` holds all of `change`.
fn holds(saved: &Saved, change: &Change) -> bool {
    let value_ok = change
        .key
        .as_ref()
        .is_none_or(|(c, e)| same_words(saved.answers.get(c, e).map(|a| &a.value), change.value.as_ref()));
    let place_ok = change.place.is_none() || saved.place == change.place;
    value_ok && place_ok
}

/// Sends `change`'s keys, waits until the file holds it, checks nothing else changed, and
/// takes the file as the new state on disk.
fn confirm(pty: &mut Pty, dir: &Path, world: &mut World, change: &Change) {
    pty.type_str(&change.keys);
    let saved = wait_file(pty, dir, &change.what, |s| holds(s, change));
    if let Err(e) = check(&world.disk, &saved, Some(change)) {
        panic!("after {}: {e}\nscreen:\n{}", change.what, pty.framed_screen());
    }
    world.disk = saved;
}

/// Sends `change`'s keys and kills the app the way `kill` says. True if a temporary file
/// of a save was left behind, i.e. the kill landed while a save was under way.
fn send_and_kill(pty: &mut Pty, dir: &Path, change: &Change, kill: Kill) -> bool {
    match kill {
        Kill::Now => {
            pty.type_str(&change.keys);
            pty.kill9();
        }
        Kill::After(ms) => {
            pty.type_str(&change.keys);
            std::thread::sleep(Duration::from_millis(ms));
            pty.kill9();
        }
        Kill::MidSave => {
            pty.type_str(&change.keys);
            let give_up = Instant::now() + Duration::from_secs(3);
            while temp_files(dir, "default").is_empty() && Instant::now() < give_up {
                std::hint::spin_loop();
            }
            pty.kill9();
        }
        Kill::MidTyping(n) => {
            for ch in change.keys.chars().take(n) {
                pty.type_str(ch.encode_utf8(&mut [0; 4]));
                std::thread::sleep(Duration::from_millis(15));
            }
            pty.kill9();
        }
    }
    let status = pty.wait_exit();
    assert!(!status.success(), "the app was meant to be killed: {status:?}");
    !temp_files(dir, "default").is_empty()
}

/// Starts the app on `dir`, checks the welcome menu, and goes where the file says to
/// continue (or starts, on the first run). Returns the app and the change that opening made.
fn open(dir: &Path, world: &mut World) -> (Pty, Option<Change>) {
    let mut pty = Spawn::default().data_dir(dir).start();
    pty.wait_for(TITLE);
    // Killed before the first save came through, it asks for a name again: `default`.
    if pty.keep_default_name() {
        // Kept, the profile is saved at once: its temporary file is renamed into place.
        pty.wait_until("default.toml on disk", |_| dir.join("default.toml").exists());
    }
    // Opening the profile removed what an interrupted save left behind.
    let left = temp_files(dir, "default");
    assert!(left.is_empty(), "temporary files survived opening: {left:?}");
    let has_something = world.disk.place.is_some() || !world.disk.answers.is_empty();
    if !has_something {
        pty.wait_for(START);
        pty.send(keys::ENTER);
        let place = world.place_of(Loc::Intro(0));
        world.arrive(Loc::Intro(0));
        pty.wait_for(&world.screen_mark(Loc::Intro(0)));
        let change = Change {
            what: "starting".into(),
            kind: "move",
            keys: String::new(),
            key: None,
            value: None,
            place: Some(place),
            partial: Partial::No,
        };
        return (pty, Some(change));
    }
    pty.wait_for(CONTINUE);
    let screen = pty.screen();
    let (cont, start) = (screen.find(CONTINUE), screen.find(START));
    assert!(
        cont < start,
        "Continue is not offered first:\n{}",
        pty.framed_screen()
    );
    pty.send(keys::ENTER);
    let loc = world
        .disk
        .place
        .clone()
        .map_or(Loc::Intro(0), |p| world.loc_of(&p));
    world.arrive(loc);
    pty.wait_for(&world.screen_mark(loc));
    if let Loc::Ex(c, e) = loc {
        let title = &world.wb.chapters[c].exercises[e].title;
        pty.wait_for(title);
    }
    (pty, None)
}

/// A few seeded kills in the default run: four rounds, one of each kind of kill
/// (right after a key, after a delay, waiting for a save, mid-typing). The full
/// set, which also covers every kind of change, is
/// [`kill_9_at_varied_moments_all_seeds`], run by `.ci/run` with `--ignored`.
#[test]
fn kill_9_at_varied_moments_never_loses_a_saved_answer() {
    crash_rounds(SEED, 4, false);
}

/// Three fixed seeds, each in its own data folder and pseudo-terminal, run side
/// by side (a round mostly waits for the app, so threads cut the wall time to a
/// third). Together they must make and confirm every kind of change; where Continue
/// lands after a kill depends on timing, so if a loaded machine took other paths,
/// the first seed goes on until every kind is covered. About 25 s, so it is left
/// out of `cargo test` and run by `.ci/run`:
/// `cargo test --test it kill_9_at_varied_moments -- --ignored`.
#[test]
#[ignore = "the full set of seeded kills; .ci/run runs it with --ignored"]
fn kill_9_at_varied_moments_all_seeds() {
    let seeds = [SEED, 0x5eed_0002, 0x5eed_0003];
    let runs: Vec<BTreeMap<&str, u32>> = std::thread::scope(|scope| {
        let handles: Vec<_> = seeds
            .iter()
            .map(|&seed| scope.spawn(move || crash_rounds(seed, ROUNDS / 3, false)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let mut confirmed: BTreeMap<&str, u32> = BTreeMap::new();
    for run in runs {
        for (kind, n) in run {
            *confirmed.entry(kind).or_default() += n;
        }
    }
    if KINDS.iter().any(|k| !confirmed.contains_key(k)) {
        for (kind, n) in crash_rounds(SEED ^ 1, ROUNDS / 3, true) {
            *confirmed.entry(kind).or_default() += n;
        }
    }
    for kind in KINDS {
        assert!(
            confirmed.contains_key(kind),
            "no {kind} change was made and confirmed: {confirmed:?}"
        );
    }
}

/// A long soak, run on purpose: `cargo test --test it soak -- --ignored`
/// (`TRUSTBOOK_CRASH_SEED=N` picks the seed).
#[test]
#[ignore = "a long soak; run it with --ignored"]
fn kill_9_soak() {
    let seed = std::env::var("TRUSTBOOK_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(SEED ^ 0xffff);
    crash_rounds(seed, ROUNDS * 10, false);
}

/// `rounds` kills at moments picked by `seed`, each followed by a check of the file.
/// With `cover`, rounds go on past `rounds` (up to three times as many) until every
/// kind of change has been made and confirmed: where Continue lands after a kill
/// depends on timing, so a loaded machine can take another path.
fn crash_rounds(seed: u64, rounds: u64, cover: bool) -> BTreeMap<&'static str, u32> {
    let started = Instant::now();
    let wb = crate::common::pty_workbook();
    let data = tempfile::tempdir().expect("temp data dir");
    let dir = data.path();
    let mut world = World {
        wb: &wb,
        disk: Saved::default(),
        loc: Loc::Intro(0),
        cursor: 0,
        pending_digit: None,
        list_field_open: false,
        ticks_here: 0,
    };
    let mut rng = Rng(seed.max(1));
    let mut kills: BTreeMap<&str, u32> = BTreeMap::new();
    let mut mid_save = 0;
    let mut confirmed: BTreeMap<&str, u32> = BTreeMap::new();
    let covered = |c: &BTreeMap<&str, u32>| KINDS.iter().all(|k| c.contains_key(k));
    let mut round = 0;
    while round < rounds || (cover && !covered(&confirmed) && round < rounds * 3) {
        let (mut pty, opening) = open(dir, &mut world);
        if let Some(change) = opening {
            let saved = wait_file(&pty, dir, &change.what, |s| holds(s, &change));
            world.disk = saved;
        }
        // A few changes, each confirmed on disk.
        for _ in 0..1 + rng.below(2) {
            let change = world.plan(&mut rng);
            confirm(&mut pty, dir, &mut world, &change);
            *confirmed.entry(change.kind).or_default() += 1;
        }
        // The last change: the kill comes before it is known to be saved.
        let change = world.plan(&mut rng);
        let kill = match round % 4 {
            0 => Kill::Now,
            1 => Kill::After(DELAYS[(round / 4) as usize % DELAYS.len()]),
            2 => Kill::MidSave,
            _ => Kill::MidTyping(rng.below(change.keys.chars().count() as u64 + 1) as usize),
        };
        let name = match kill {
            Kill::Now => "right after a key",
            Kill::After(_) => "after a delay",
            Kill::MidSave => "waiting for a save",
            Kill::MidTyping(_) => "mid-typing",
        };
        *kills.entry(name).or_default() += 1;
        if send_and_kill(&mut pty, dir, &change, kill) {
            mid_save += 1;
        }
        let after =
            read_saved(dir, "default").unwrap_or_else(|| panic!("round {round}: the answers file is gone"));
        if let Err(e) = check(&world.disk, &after, Some(&change)) {
            panic!(
                "round {round} (killed {kill:?} during {}): {e}\nthe screen was:\n{}",
                change.what,
                pty.framed_screen()
            );
        }
        let backup = dir.join("default.toml.bak");
        if backup.exists() {
            read_saved_at(&backup);
        }
        world.disk = after;
        round += 1;
    }

    // A last, clean session: Continue lands where the file says, and quitting keeps everything.
    let (mut pty, _) = open(dir, &mut world);
    pty.send(keys::CTRL_Q);
    let status = pty.wait_exit();
    assert!(status.success(), "{status:?}\n{}", pty.framed_screen());
    let last = read_saved(dir, "default").expect("answers file");
    if let Err(e) = check(&world.disk, &last, None) {
        panic!("after a clean quit: {e}");
    }
    let answered = flat(&last).len();
    eprintln!(
        "seed {seed}: {round} kills ({kills:?}); {mid_save} left a save half done; \
         {answered} answers at the end; changes confirmed: {confirmed:?}; {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(
        answered as u64 >= (rounds / 4).min(5),
        "the rounds answered too little to prove much: {last:#?}"
    );
    confirmed
}

/// Issue 17: a kill -9 at any moment during `protect`, `protect --change` or `protect
/// --remove` never leaves the profile unreadable. A few seeded kills by default; the soak
/// below runs many more.
#[test]
fn kill_9_during_protect_change_or_remove_never_leaves_the_profile_unreadable() {
    protect_crash_rounds(SEED, 6);
}

#[test]
#[ignore = "a long soak; run it with --ignored"]
fn kill_9_during_protect_soak() {
    protect_crash_rounds(SEED ^ 0x5eed, 90);
}

/// The words every file of the crash profile holds.
const LOCKED_WORDS: &str = "only mine to read";
const OLD_PASS: &str = "old passphrase";
const NEW_PASS: &str = "new passphrase";

/// Rounds of: a plain profile with kept copies, protected (or changed, or removed) by the
/// real binary, killed a seeded delay after the last passphrase; then every file must
/// open, plain or with one of the passphrases, and the answers file must hold the words.
fn protect_crash_rounds(seed: u64, rounds: u64) {
    use trustbook::store::{self, Protection, Store, StoreOptions};
    use trustbook::vault;

    let mut rng = Rng(seed);
    let wb = crate::common::disk::workbook_id();
    for round in 0..rounds {
        let op = ["protect", "change", "remove"][(round % 3) as usize];
        let delay = rng.below(45);
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path().join("data");
        let opts = StoreOptions {
            data_dir: Some(dir.clone()),
            profile: "default".into(),
        };
        let mut answers = trustbook::answers::Answers::default();
        answers.set(
            "where-distrust-comes-from",
            "looking-back",
            Value::Text {
                text: LOCKED_WORDS.into(),
            },
            "2026-01-01T00:00:00Z".into(),
        );
        {
            let (mut st, _) = Store::open(&opts, &wb).expect("opens");
            st.save(&answers, None).expect("saves");
            st.save(&answers, None).expect("saves a backup");
            st.keep_copy("reset").expect("a kept copy");
            st.keep_copy("before-update").expect("a kept copy");
        }
        let run = |args: &[&str], typed: &[&str], kill_after: Option<u64>| {
            let mut pty = Spawn::default()
                .data_dir(&dir)
                .env(trustbook::vault::TEST_WORK_FACTOR_ENV, "10")
                .args(args.iter().copied())
                .start();
            for (i, t) in typed.iter().enumerate() {
                let prompts = i + 1;
                pty.wait_until("a prompt", |s| {
                    let text = s.contents();
                    let asked: usize = ["New passphrase:", "again:", "Passphrase for profile"]
                        .iter()
                        .map(|p| text.matches(p).count())
                        .sum();
                    asked >= prompts
                });
                pty.type_str(&format!("{t}\r"));
            }
            match kill_after {
                Some(ms) => {
                    std::thread::sleep(Duration::from_millis(ms));
                    pty.kill9();
                    let _ = pty.wait_exit();
                }
                None => assert!(pty.wait_exit().success(), "{args:?}\n{}", pty.framed_screen()),
            }
        };
        let protect_typed = [OLD_PASS, OLD_PASS];
        match op {
            "protect" => run(&["protect"], &protect_typed, Some(delay)),
            "change" => {
                run(&["protect"], &protect_typed, None);
                run(
                    &["protect", "--change"],
                    &[OLD_PASS, NEW_PASS, NEW_PASS],
                    Some(delay),
                );
            }
            _ => {
                run(&["protect"], &protect_typed, None);
                run(&["protect", "--remove"], &[OLD_PASS], Some(delay));
            }
        }
        let what = format!("round {round}: {op} killed after {delay} ms");
        let protection = if store::is_protected(&dir, "default") {
            let key = store::read_key_file(&dir, "default").unwrap_or_else(|e| panic!("{what}: {e}"));
            let id = [OLD_PASS, NEW_PASS]
                .iter()
                .find_map(|p| vault::unlock_identity(&key, &vault::SecretString::from(p.to_string())).ok())
                .unwrap_or_else(|| panic!("{what}: the key file opens with neither passphrase"));
            Protection::locked(id)
        } else {
            Protection::Plain
        };
        let files = store::profile_files(&dir, "default");
        assert!(files.len() >= 4, "{what}: files went missing: {files:?}");
        for file in &files {
            let saved = store::read_answers_as(file, "default", &wb, &protection)
                .unwrap_or_else(|e| panic!("{what}: {} does not open: {e}", file.display()))
                .unwrap_or_else(|| panic!("{what}: {} is gone", file.display()));
            assert_eq!(saved.answers, answers, "{what}: {}", file.display());
        }
        // Opening finishes an interrupted protect: afterwards no file of a protected
        // profile is plain.
        if protection.is_locked() {
            drop(Store::open_as(&opts, &wb, protection.clone()).expect("opens"));
            for file in store::profile_files(&dir, "default") {
                let bytes = std::fs::read(&file).expect("read");
                assert!(vault::is_age(&bytes), "{what}: {} left plain", file.display());
            }
        }
    }
}

/// Issue 17, the first run's offer: `protecting::protect` on a profile with no answers
/// file yet writes the key file, then the (encrypted) answers file, each atomically
/// through a temporary file. Each state a kill can leave on the way, built from the files
/// of a real run, opens cleanly: until the answers file is in place the name is taken
/// afresh and offered protection again (the recovery key was never shown); once it
/// is, the profile opens with the passphrase. No file but the lock is ever plain.
#[test]
fn a_first_run_protect_stopped_at_any_write_opens_cleanly() {
    use crate::common::disk::all_files;
    use crate::common::pty::{NAME_QUESTION, PROTECT_QUESTION};
    use trustbook::persist::{DiskPersistence, Persistence};
    use trustbook::store::{self, DefaultProfile, Protection};
    use trustbook::vault::{self, SecretString};

    let wb = crate::common::shipped();
    let pass = || SecretString::from(OLD_PASS.to_string());
    let first_run_protect = |dir: &Path| {
        let mut persist = DiskPersistence::unopened(dir, &wb);
        persist.open_profile("sam").expect("a new name is taken");
        persist.protect(&pass()).expect("protects");
    };
    let tmp = tempfile::tempdir().expect("temp dir");
    let done = tmp.path().join("done");
    first_run_protect(&done);
    let read = |name: &str| std::fs::read(done.join(name)).expect("written by protect");
    let (key, toml) = (read("sam.key"), read("sam.toml"));
    let half = |b: &[u8]| b[..b.len() / 2].to_vec();
    // Each state: when the kill landed, and the files (name, bytes) it leaves.
    type Files = Vec<(&'static str, Vec<u8>)>;
    let states: [(&str, Files); 5] = [
        ("before the key file", vec![]),
        (
            "half-way through the key file",
            vec![(".sam.key.aB3dE9", half(&key))],
        ),
        ("after the key file", vec![("sam.key", key.clone())]),
        (
            "half-way through the answers file",
            vec![("sam.key", key.clone()), (".sam.toml.Xy7Qz2", half(&toml))],
        ),
        (
            "after the answers file",
            vec![("sam.key", key.clone()), ("sam.toml", toml.clone())],
        ),
    ];
    let wb_id = wb.id.clone();
    for (i, (when, files)) in states.into_iter().enumerate() {
        let dir = tmp.path().join(format!("state{i}"));
        std::fs::create_dir_all(&dir).expect("data dir");
        std::fs::write(dir.join("sam.lock"), b"").expect("the lock a kill leaves");
        for (name, bytes) in &files {
            std::fs::write(dir.join(name), bytes).expect("write state");
        }
        let finished = files.iter().any(|(n, _)| *n == "sam.toml");
        if finished {
            assert_eq!(
                store::default_profile(&dir, &wb_id),
                DefaultProfile::Found("sam".into())
            );
            assert!(store::is_protected(&dir, "sam"), "{when}");
            let id = vault::unlock_identity(&key, &pass()).expect("the passphrase opens the key");
            let saved = store::read_answers_as(&dir.join("sam.toml"), "sam", &wb_id, &Protection::locked(id))
                .expect("opens with the passphrase")
                .expect("is there");
            assert_eq!(saved.answers, trustbook::answers::Answers::default(), "{when}");
        } else {
            // The next start is a first run; the same name is taken and offered again.
            assert_eq!(
                store::default_profile(&dir, &wb_id),
                DefaultProfile::FirstRun,
                "{when}"
            );
            // Taking the name again is what a leftover key used to refuse. (Protecting it
            // once more is the run above; not repeated, as scrypt at the real work factor
            // costs seconds in a test build.)
            let mut persist = DiskPersistence::unopened(&dir, &wb);
            persist
                .open_profile("sam")
                .unwrap_or_else(|e| panic!("{when}: the name is taken again: {e:?}"));
            assert!(
                !dir.join("sam.key").exists(),
                "{when}: the unfinished key is gone"
            );
            assert!(
                temp_files(&dir, "sam").is_empty(),
                "{when}: temporary files are cleared"
            );
        }
        for (path, bytes) in all_files(&dir) {
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            // The lock holds a pid; an exchange code is public by design.
            if name == "sam.lock" || name == "public" {
                continue;
            }
            assert!(!name.starts_with(".sam.key."), "{when}: a stale key temp {name}");
            assert!(vault::is_age(&bytes), "{when}: {name} is plain");
        }
    }

    // The real binary, after a kill between the two files: the name question, then the
    // offer again for the same name.
    let dir = tmp.path().join("binary");
    std::fs::create_dir_all(&dir).expect("data dir");
    std::fs::write(dir.join("sam.key"), &key).expect("the lone key");
    let mut pty = Spawn::default().data_dir(&dir).size(80, 24).start();
    pty.wait_for(NAME_QUESTION);
    pty.type_str("sam\r");
    pty.wait_for(PROTECT_QUESTION);
    assert!(
        !dir.join("sam.key").exists(),
        "the lone key is gone once the name is taken"
    );
    pty.send(keys::CTRL_Q);
    assert!(pty.wait_exit().success(), "{}", pty.framed_screen());
}

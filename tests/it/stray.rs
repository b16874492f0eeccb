//! Typing in the wrong place: letters typed where nothing is written run no
//! command and change no answer, at a person's pace and faster (issue 20).

use std::time::{Duration, Instant};

use proptest::prelude::*;
use ratatui::crossterm::event::{Event, KeyCode};
use trustbook::answers::{Answers, Value};
use trustbook::app::{Action, App, Edit, Effect, Notice, Place, Screen, keys};
use trustbook::content::{Kind, Workbook};

use crate::common::*;

/// Sends `event` as the terminal loop does at time `at`: the key's time stamped on it.
pub fn send_at(app: &mut App, event: Event, at: Instant) -> Vec<Effect> {
    let fx = match keys::action(app, &event) {
        Some(mut action) => {
            match &mut action {
                Action::Stroke(s) => s.at = Some(at),
                Action::Edit(Edit::Type(input)) => input.at = Some(at),
                Action::Edit(_) | Action::Go(_) | Action::Move(_) | Action::Event(_) => {}
            }
            app.update(action)
        }
        None => Vec::new(),
    };
    if fx.contains(&Effect::Save) && !app.should_quit() {
        app.update(Action::Event(trustbook::app::Event::SaveDone));
    }
    draw(app);
    fx
}

/// Types `text` starting at `start`, one key every `gap`; the time after the last key.
fn type_at(app: &mut App, text: &str, start: Instant, gap: Duration) -> Instant {
    let mut at = start;
    for c in text.chars() {
        send_at(app, char_key(c), at);
        at += gap;
    }
    at
}

/// A stored answer for every exercise outside a repeated part, so a stray delete,
/// tick, move or skip would show.
pub fn filled(wb: &Workbook) -> Answers {
    let mut answers = Answers::default();
    for ch in &wb.chapters {
        for ex in &ch.exercises {
            if ch.repeat.as_ref().is_some_and(|r| r.exercises.contains(&ex.id)) {
                continue;
            }
            let value = match &ex.kind {
                Kind::Text => text("what I wrote"),
                Kind::List { .. } => list(&["Text Jo if I am late", "Say sorry first"]),
                Kind::Choice { options, .. } => chosen(&options[options.len() - 1]),
                Kind::Checklist { options, .. } => ticked(&[options[0].as_str()]),
                Kind::Scale { min, max, .. } => Value::Scale {
                    value: (min + max) / 2,
                },
                Kind::Ratings { .. } => continue,
                Kind::Date => Value::Date {
                    date: "2026-01-02".to_string(),
                },
                Kind::Page | Kind::Score(_) => continue,
            };
            put(&mut answers, &ch.id, &ex.id, ex.private, value);
        }
    }
    answers
}

/// Every screen a person can type on: the welcome menu, contents, review, each
/// introduction and exercise, and the closing words.
fn screens(wb: &Workbook) -> Vec<Screen> {
    let mut all = vec![Screen::Welcome, Screen::Contents, Screen::Review];
    for (c, ch) in wb.chapters.iter().enumerate() {
        all.push(Screen::Intro(c));
        all.extend((0..ch.exercises.len()).map(|e| Screen::Exercise(c, e)));
    }
    all.push(Screen::Closing);
    all
}

/// A session on `wb` with every answer filled, showing `to`.
pub fn app_at(wb: &Workbook, to: Screen) -> App {
    let place = |c: usize, e: Option<usize>| Place {
        chapter: wb.chapters[c].id.clone(),
        exercise: e.map(|e| wb.chapters[c].exercises[e].id.clone()),
    };
    let resume = match to {
        Screen::Intro(c) => Some(place(c, None)),
        Screen::Exercise(c, e) => Some(place(c, Some(e))),
        Screen::Name
        | Screen::Protect
        | Screen::Welcome
        | Screen::Contents
        | Screen::Review
        | Screen::Closing
        | Screen::Compare
        | Screen::Entries(_)
        | Screen::Sharing => None,
    };
    let mut app = app_with(wb.clone(), filled(wb), resume.clone());
    app.update(Action::Event(trustbook::app::Event::Resize(80, 24)));
    match to {
        Screen::Welcome => {}
        Screen::Contents => {
            send(&mut app, char_key('t'));
        }
        Screen::Review => {
            send(&mut app, char_key('r'));
        }
        Screen::Sharing => {
            send(&mut app, char_key('w'));
        }
        Screen::Closing => {
            let last = wb.chapters.len() - 1;
            let mut app2 = app_with(
                wb.clone(),
                filled(wb),
                Some(place(last, Some(wb.chapters[last].exercises.len() - 1))),
            );
            app2.update(Action::Event(trustbook::app::Event::Resize(80, 24)));
            send(&mut app2, char_key('c'));
            press(&mut app2, KeyCode::Tab);
            app = app2;
        }
        Screen::Intro(_)
        | Screen::Exercise(..)
        | Screen::Name
        | Screen::Protect
        | Screen::Compare
        | Screen::Entries(_) => {
            send(&mut app, char_key('c'));
        }
    }
    assert_eq!(app.screen(), to, "could not reach {to:?}");
    app
}

pub fn workbooks() -> Vec<Workbook> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    ["pty-workbook", "v2-workbook", "practice-workbook"]
        .iter()
        .map(|d| trustbook::content::load_dir(&dir.join(d)).unwrap_or_else(|e| panic!("{d}: {e}")))
        .collect()
}

/// English words of 2 to 12 letters, heavy on the letters that are commands somewhere.
const WORDS: &[&str] = &[
    "do",
    "better",
    "sad",
    "we",
    "need",
    "to",
    "talk",
    "about",
    "trust",
    "again",
    "skip",
    "undo",
    "delete",
    "yes",
    "no",
    "keep",
    "going",
    "help",
    "back",
    "private",
    "reset",
    "entries",
    "next",
    "home",
    "just",
    "lately",
    "jealous",
    "gentle",
    "honest",
    "promise",
    "kindness",
    "kept",
    "quietly",
    "broken",
    "listen",
    "sorry",
    "believe",
    "weekends",
    "jokes",
    "ugly",
    "lies",
    "daily",
    "hugs",
    "rebuilding",
    "understand",
    "forgiveness",
    "apologise",
    "responsible",
    "disappointed",
    "relationship",
    "together",
    "partner",
    "counsellor",
    "sometimes",
];

/// The letters of a word typed with gaps between `lo` and `hi` ms (a person's pace
/// is a little under [`trustbook::app::BURST`]; faster is a fast typist or a paste).
fn typed_word() -> impl Strategy<Value = (String, Vec<u64>)> {
    let pace = prop_oneof![Just((90u64, 190u64)), Just((0u64, 60u64))];
    (prop::sample::select(WORDS), pace).prop_flat_map(|(w, (lo, hi))| {
        let n = w.chars().count();
        (Just(w.to_string()), prop::collection::vec(lo..hi, n))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// On every screen and exercise kind, a typed word changes no answer.
    #[test]
    fn typed_words_change_no_answer(pick in any::<prop::sample::Index>(), (word, gaps) in typed_word()) {
        let wbs = workbooks();
        let all: Vec<(usize, Screen)> = wbs
            .iter()
            .enumerate()
            .flat_map(|(i, wb)| screens(wb).into_iter().map(move |s| (i, s)))
            .collect();
        let (wb, to) = pick.get(&all);
        let mut app = app_at(&wbs[*wb], *to);
        // A text answer is where typing belongs.
        prop_assume!(!app.is_typing());
        let before = app.answers().clone();
        let mut at = Instant::now();
        for (c, gap) in word.chars().zip(&gaps) {
            send_at(&mut app, char_key(c), at);
            at += Duration::from_millis(*gap);
        }
        // A pause ends the burst, as a person stops to read the notice.
        app.update(Action::Event(trustbook::app::Event::Commit));
        prop_assert!(
            app.answers() == &before,
            "typing {word:?} with gaps {gaps:?} on {to:?} changed an answer",
        );
    }
}

/// Every screen of every fixture, each word at a person's pace: no answer changes.
#[test]
fn every_screen_ignores_the_newcomers_words() {
    for wb in workbooks() {
        for to in screens(&wb) {
            for phrase in ["do better", "sad", "I never told you that"] {
                let mut app = app_at(&wb, to);
                if app.is_typing() {
                    continue;
                }
                let before = app.answers().clone();
                type_at(&mut app, phrase, Instant::now(), Duration::from_millis(150));
                app.update(Action::Event(trustbook::app::Event::Commit));
                assert!(
                    app.answers() == &before,
                    "{phrase:?} on {to:?} of {} changed an answer",
                    wb.title
                );
            }
        }
    }
}

/// The first list exercise of `wb` (chapter, exercise).
fn first_list(wb: &Workbook) -> (usize, usize) {
    (0..wb.chapters.len())
        .flat_map(|c| (0..wb.chapters[c].exercises.len()).map(move |e| (c, e)))
        .find(|&(c, e)| matches!(wb.chapters[c].exercises[e].kind, Kind::List { .. }))
        .expect("a list")
}

/// "do better" on a list item: the item is not deleted and the notice says where to type.
#[test]
fn do_better_on_a_list_item_deletes_nothing_and_says_where_to_type() {
    let wb = pty_workbook();
    let (c, e) = first_list(&wb);
    let mut app = app_at(&wb, Screen::Exercise(c, e));
    press(&mut app, KeyCode::Home);
    let before = app.answers().clone();
    type_at(&mut app, "do better", Instant::now(), Duration::from_millis(150));
    assert!(app.answers() == &before);
    assert_eq!(
        app.notice(),
        Some(&Notice::TypeElsewhere(trustbook::app::Context::List))
    );
    assert!(!app.safety_open(), "`b` opened the safety page");
    let screen = render(&app, 80, 24);
    assert!(screen.contains("This is a list: a adds an item"), "{screen}");
}

/// The first key of a run is a command when nothing follows it soon: `d` alone deletes.
#[test]
fn a_command_key_alone_still_works() {
    let wb = pty_workbook();
    let (c, e) = first_list(&wb);
    let mut app = app_at(&wb, Screen::Exercise(c, e));
    press(&mut app, KeyCode::Home);
    let t = Instant::now();
    send_at(&mut app, char_key('d'), t);
    let (ch, ex) = wb.ids(c, e);
    assert_eq!(
        app.answers().get(ch, ex).map(|a| &a.value),
        Some(&list(&["Say sorry first"]))
    );
    // Holding `j` repeats it: a repeat is no typing.
    send_at(&mut app, char_key('j'), t + Duration::from_millis(400));
    send_at(&mut app, char_key('j'), t + Duration::from_millis(430));
    assert!(app.notice().is_none(), "{:?}", app.notice());
}

/// `a` on a list opens a new item; letters hard on it are typing, not an item.
#[test]
fn add_then_letters_at_once_adds_no_item() {
    let wb = pty_workbook();
    let (c, e) = first_list(&wb);
    let mut app = app_at(&wb, Screen::Exercise(c, e));
    let before = app.answers().clone();
    type_at(&mut app, "and so on", Instant::now(), Duration::from_millis(120));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    assert!(app.answers() == &before);
    // With a pause after `a`, as a person who meant it leaves, the item is written.
    let t = Instant::now();
    send_at(&mut app, char_key('a'), t);
    type_at(
        &mut app,
        "and so on",
        t + Duration::from_millis(600),
        Duration::from_millis(120),
    );
    press(&mut app, KeyCode::Enter);
    let (ch, ex) = wb.ids(c, e);
    assert!(
        crate::common::value(&app, ch, ex).is_some_and(
            |v| matches!(v, Value::List { items, .. } if items.contains(&"and so on".to_string()))
        ),
        "{:?}",
        crate::common::value(&app, ch, ex)
    );
}

/// The newcomer's words in the real binary, typed at a person's pace.
mod terminal {
    use std::time::Duration;

    use crate::common::pty::{Pty, Spawn, keys};

    /// Types `text` one key every 150 ms, as a person types.
    fn type_slowly(pty: &mut Pty, text: &str) {
        for c in text.chars() {
            pty.type_str(c.encode_utf8(&mut [0; 4]));
            std::thread::sleep(Duration::from_millis(150));
        }
    }

    fn saved_text(dir: &std::path::Path) -> String {
        std::fs::read_to_string(dir.join("default.toml")).unwrap_or_default()
    }

    /// Quits and waits for a clean exit.
    fn quit(pty: &mut Pty) {
        pty.send(keys::CTRL_Q);
        assert!(pty.wait_exit().success(), "{}", pty.framed_screen());
    }

    /// From a fresh start to the list of exercise 4/8, with one item added and the
    /// cursor on it (Home).
    fn one_item_on_the_list(pty: &mut Pty) {
        pty.open_first_exercise();
        for _ in 0..3 {
            pty.send(keys::TAB);
        }
        pty.wait_for("Exercise 4/8");
        pty.wait_for("Looking at today");
        pty.send(keys::ENTER);
        pty.type_str("Text Jo if I am late");
        pty.send(keys::ENTER);
        pty.send_until(keys::ESC, "1. Text Jo if I am late");
        pty.command(b"\x1b[H"); // Home: the cursor on item 1
    }

    /// Which page is shown: the header without its save state, and the line under it.
    fn page(screen: &str) -> String {
        let lines: Vec<&str> = screen
            .lines()
            .take(2)
            .map(|l| l.split(" done").next().unwrap_or(l))
            .collect();
        lines.join("\n")
    }

    /// The `[answers…]` lines of a saved file: what was answered, whatever the place.
    fn answer_lines(saved: &str) -> Vec<String> {
        let t = saved
            .split("[answers")
            .skip(1)
            .collect::<Vec<_>>()
            .join("[answers");
        t.lines().map(str::to_string).collect()
    }

    #[test]
    fn do_better_on_a_list_item_changes_nothing() {
        let data = tempfile::tempdir().expect("temp dir");
        let mut pty = Spawn::default().data_dir(data.path()).start();
        one_item_on_the_list(&mut pty);
        type_slowly(&mut pty, "do better");
        pty.wait_for("This is a list");
        pty.wait_for("1. Text Jo if I am late");
        assert!(
            !pty.screen().contains("Before you start"),
            "{}",
            pty.framed_screen()
        );
        quit(&mut pty);
        let after = saved_text(data.path());
        assert!(after.contains("Text Jo if I am late"), "{after}");
        // Neither deleted (d), edited into, nor added to: the one item as it was typed.
        assert!(!after.contains("better"), "{after}");
        assert_eq!(after.matches("Text Jo if I am late").count(), 1, "{after}");
    }

    #[test]
    fn a_sentence_on_an_introduction_changes_nothing() {
        let data = tempfile::tempdir().expect("temp dir");
        let mut pty = Spawn::default().data_dir(data.path()).start();
        one_item_on_the_list(&mut pty);
        // On to chapter 3's introduction, a page at a time, then a sentence there.
        let mut tabs = 0;
        while !pty.screen().contains("Chapter 3/3 · Introduction") {
            let here = page(&pty.screen());
            pty.send(keys::TAB);
            pty.wait_until("the next page", |s| page(&s.contents()) != here);
            tabs += 1;
            assert!(tabs < 40, "no chapter 3: {}", pty.framed_screen());
        }
        // The item is on disk before the sentence (a pause commits it).
        let deadline = std::time::Instant::now() + crate::common::pty::TIMEOUT;
        while !saved_text(data.path()).contains("Text Jo if I am late") {
            assert!(std::time::Instant::now() < deadline, "the item was never saved");
            std::thread::sleep(crate::common::pty::POLL);
        }
        let before = saved_text(data.path());
        type_slowly(&mut pty, "I never know when he is honest. ");
        pty.wait_for("Chapter 3/3 · Introduction");
        pty.wait_for("Nothing here takes typing");
        quit(&mut pty);
        let after = saved_text(data.path());
        assert!(after.contains("Text Jo if I am late"), "{after}");
        // Only the place may differ: no answer was added, changed or rated.
        assert!(!answer_lines(&before).is_empty());
        assert_eq!(answer_lines(&before), answer_lines(&after));
    }

    #[test]
    fn sad_on_a_private_list_skips_nothing_and_adds_nothing() {
        let data = tempfile::tempdir().expect("temp dir");
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v2-workbook");
        let mut pty = Spawn::default().content(&dir).data_dir(data.path()).start();
        pty.keep_default_name();
        pty.send(keys::ENTER);
        let mut tabs = 0;
        while !pty.screen().contains("What helps") {
            pty.send(keys::TAB);
            std::thread::sleep(Duration::from_millis(250));
            tabs += 1;
            assert!(tabs < 20, "no list: {}", pty.framed_screen());
        }
        pty.command(b"p");
        pty.wait_for("private");
        std::thread::sleep(Duration::from_millis(1200));
        type_slowly(&mut pty, "sad");
        pty.wait_for("This is a list");
        quit(&mut pty);
        let saved = saved_text(data.path());
        assert!(!saved.contains("skipped"), "{saved}");
        assert!(!saved.contains("\"d\""), "{saved}");
        assert!(saved.contains("private = true"), "{saved}");
    }
}

//! Helpers shared by the integration tests: building an [`App`] on a workbook,
//! driving it with real key events (through the key table, not bare actions),
//! and rendering it to plain text.
//!
//! Each test module uses only some of these (main.rs allows dead code here).

pub mod disk;
pub mod pty;
pub mod v2;

use std::path::{Path, PathBuf};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use unicode_width::UnicodeWidthStr;

use trustbook::answers::{Answer, Answers, Value};
use trustbook::app::{App, Effect, Place, Screen, keys};
use trustbook::content::{self, Workbook};
use trustbook::ui::{self, Theme};

/// The small fixture workbook: chapter one has text, list, choice (with
/// "other") and a reflection; chapter two has checklist, scale and a reflection.
/// The practice fixture: a weekly check-in with a shared list, and thought records.
pub fn practice_workbook() -> Workbook {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/practice-workbook");
    content::load_dir(&dir).unwrap_or_else(|d| panic!("practice workbook is invalid:\n{d}"))
}

pub fn fixture() -> Workbook {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
    content::load_dir(&dir).unwrap_or_else(|d| panic!("fixture workbook is invalid:\n{d}"))
}

/// The frozen copy of the shipped workbook that the pseudo-terminal tests run on.
pub fn pty_workbook_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pty-workbook")
}

/// The practice fixture: chapters with a repeated part (weekly check-ins, thought records).
pub fn practice() -> Workbook {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/practice-workbook");
    content::load_dir(&dir).unwrap_or_else(|d| panic!("practice workbook is invalid:\n{d}"))
}

/// The workbook the pseudo-terminal tests run on (see [`pty_workbook_dir`]).
pub fn pty_workbook() -> Workbook {
    content::load_dir(&pty_workbook_dir()).unwrap_or_else(|d| panic!("pty workbook is invalid:\n{d}"))
}

/// The workbook shipped inside the binary.
pub fn shipped() -> Workbook {
    content::load_embedded().unwrap_or_else(|d| panic!("shipped workbook is invalid:\n{d}"))
}

/// The screen of exercise `id` of chapter `chapter` in the shipped workbook, so a test
/// names the exercise it means wherever the content puts it.
pub fn shipped_at(chapter: &str, id: &str) -> Screen {
    let (c, e) = shipped()
        .find(chapter, id)
        .unwrap_or_else(|| panic!("the shipped workbook has no exercise {chapter}/{id}"));
    Screen::Exercise(c, e)
}

/// The copies kept beside the default profile's answers file under `suffix`, such as
/// `before-update` for `default.toml.before-update-<time>`.
pub fn kept_copies(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let prefix = format!("default.toml.{suffix}-");
    std::fs::read_dir(dir)
        .expect("read dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path())
        .collect()
}

/// A fresh session on `wb`: no answers, no place to resume.
pub fn app_on(wb: Workbook) -> App {
    App::new(wb, Answers::default(), None)
}

/// A fresh session on the fixture workbook.
pub fn fixture_app() -> App {
    app_on(fixture())
}

/// A fresh session on the shipped workbook.
pub fn shipped_app() -> App {
    app_on(shipped())
}

/// A session on `wb` with `answers` and a place to resume at.
pub fn app_with(wb: Workbook, answers: Answers, resume: Option<Place>) -> App {
    App::new(wb, answers, resume)
}

/// A place by ids.
pub fn place(chapter: &str, exercise: Option<&str>) -> Place {
    Place {
        chapter: chapter.to_string(),
        exercise: exercise.map(str::to_string),
    }
}

/// Answers holding one value, stamped with a fixed time.
pub fn answers_with(entries: &[(&str, &str, Value)]) -> Answers {
    let mut a = Answers::default();
    for (c, e, v) in entries {
        a.set(c, e, v.clone(), "2026-01-01T00:00:00Z".to_string());
    }
    a
}

// ---- key events -------------------------------------------------------------

/// A key press with modifiers.
pub fn key_mod(code: KeyCode, mods: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, mods))
}

/// A key press without modifiers.
pub fn key(code: KeyCode) -> Event {
    key_mod(code, KeyModifiers::NONE)
}

/// A character key, as a terminal reports it (upper case comes with Shift).
pub fn char_key(c: char) -> Event {
    let mods = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    key_mod(KeyCode::Char(c), mods)
}

/// Ctrl + a letter.
pub fn ctrl(c: char) -> Event {
    key_mod(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Shift + a key.
pub fn shift(code: KeyCode) -> Event {
    key_mod(code, KeyModifiers::SHIFT)
}

/// Shift+Tab as crossterm reports it.
pub fn back_tab() -> Event {
    shift(KeyCode::BackTab)
}

/// Sends one event through the key table and, if it maps to an action,
/// through `update`. Returns the effects (empty when the key means nothing).
/// A save it asks for is reported back as done, as a working store would,
/// unless the test has made saving fail.
pub fn send(app: &mut App, event: Event) -> Vec<Effect> {
    let fx = match keys::action(app, &event) {
        Some(action) => app.update(action),
        None => Vec::new(),
    };
    let failing = matches!(app.save_state(), trustbook::app::SaveState::Failed(_));
    if fx.contains(&Effect::Save) && !app.should_quit() && !failing {
        app.update(trustbook::app::Action::Event(trustbook::app::Event::SaveDone));
    }
    // As in the terminal loop, every action is followed by a draw: scrolling regions
    // learn their size while drawn, and the next key acts on what was shown.
    draw(app);
    fx
}

/// Sends a terminal event through the key table to a session, as the terminal loop
/// does, then pauses as a person would between commands (letters closer than a burst
/// are taken as typing). False when the event means nothing here.
pub fn session_key<P: trustbook::persist::Persistence>(
    s: &mut trustbook::session::Session<P>,
    ev: Event,
) -> bool {
    let Some(action) = keys::action(&s.app, &ev) else {
        return false;
    };
    let mut editor = |_: &str| Ok(Err("no editor".to_string()));
    s.dispatch(action, std::time::Instant::now(), &mut editor)
        .expect("no terminal to fail");
    std::thread::sleep(trustbook::app::BURST + std::time::Duration::from_millis(20));
    true
}

/// Sends terminal events through the key table and `session`, as the terminal loop
/// does (effects carried out by its persistence), drawing after each.
pub fn session_keys<P: trustbook::persist::Persistence>(
    s: &mut trustbook::session::Session<P>,
    events: impl IntoIterator<Item = Event>,
) {
    let mut no_editor = |_: &str| Ok(Err(String::new()));
    for ev in events {
        if let Some(action) = keys::action(&s.app, &ev) {
            s.dispatch(action, std::time::Instant::now(), &mut no_editor)
                .expect("no terminal");
        }
        draw(&s.app);
    }
}

/// Types `text` key by key into `session` (see [`session_keys`]).
pub fn session_typed<P: trustbook::persist::Persistence>(s: &mut trustbook::session::Session<P>, text: &str) {
    session_keys(s, text.chars().map(char_key));
}

/// Draws `app` at its size, as the terminal loop does after every action.
pub fn draw(app: &App) {
    let (w, h) = app.size();
    render(app, w, h);
}

/// Presses a key without modifiers.
pub fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    send(app, key(code))
}

/// Presses a key `n` times, collecting every effect.
pub fn press_n(app: &mut App, code: KeyCode, n: usize) -> Vec<Effect> {
    (0..n).flat_map(|_| press(app, code)).collect()
}

/// Sends several events, collecting every effect.
pub fn send_all(app: &mut App, events: impl IntoIterator<Item = Event>) -> Vec<Effect> {
    events.into_iter().flat_map(|e| send(app, e)).collect()
}

/// Types `text` key by key; `\n` is sent as Enter.
pub fn type_str(app: &mut App, text: &str) -> Vec<Effect> {
    text.chars()
        .flat_map(|c| match c {
            '\n' => press(app, KeyCode::Enter),
            c => send(app, char_key(c)),
        })
        .collect()
}

/// Pastes `text` as the terminal's bracketed paste does.
pub fn paste(app: &mut App, text: &str) -> Vec<Effect> {
    send(app, Event::Paste(text.to_string()))
}

/// From the welcome screen, starts and presses Tab until `to` is on screen. On a first
/// run the safety page comes before chapter 1: Enter reads on past it.
pub fn tab_to(app: &mut App, to: Screen) {
    if app.screen() == Screen::Welcome {
        send(app, char_key('s'));
        if app.safety_open() {
            press(app, KeyCode::Enter);
        }
    }
    while app.screen() != to {
        let before = app.screen();
        press(app, KeyCode::Tab);
        assert_ne!(app.screen(), before, "Tab got stuck before {to:?}");
    }
}

// ---- reading the state --------------------------------------------------------

/// The committed value of one answer.
pub fn value<'a>(app: &'a App, chapter: &str, exercise: &str) -> Option<&'a Value> {
    app.answers().get(chapter, exercise).map(|a| &a.value)
}

/// The committed text of a text answer ("" when none).
pub fn text_answer(app: &App, chapter: &str, exercise: &str) -> String {
    match value(app, chapter, exercise) {
        Some(Value::Text { text }) => text.clone(),
        None => String::new(),
        Some(other) => panic!("{chapter}/{exercise} is not a text answer: {other:?}"),
    }
}

/// The text in the field being typed in (text answer, list item, "other").
pub fn field(app: &App) -> String {
    match app.component().and_then(|c| c.typed_text()) {
        Some(text) => text,
        None => panic!("no field is being typed in: {:?}", app.component()),
    }
}

// ---- rendering ----------------------------------------------------------------

/// Renders `app` at `w`x`h` without colour and returns the screen as text.
pub fn render(app: &App, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    term.draw(|f| ui::draw(f, app, &Theme::new(false))).expect("draw");
    buffer_text(term.backend().buffer())
}

/// A buffer as text: rows joined by `\n`, trailing blanks of each row removed,
/// the filler cells after wide characters skipped.
pub fn buffer_text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut rows = Vec::with_capacity(usize::from(area.height));
    for y in area.top()..area.bottom() {
        let mut row = String::new();
        let mut skip = 0usize;
        for x in area.left()..area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            row.push_str(sym);
            skip = sym.width().saturating_sub(1);
        }
        rows.push(row.trim_end().to_string());
    }
    rows.join("\n")
}

// Helpers of the export and compare tests.

/// The fixture workbook: every kind of exercise in two chapters.
pub fn workbook() -> Workbook {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
    content::load_dir(&dir).expect("fixture workbook loads")
}

/// Stores an answer, private or not.
pub fn put(answers: &mut Answers, chapter: &str, exercise: &str, private: bool, value: Value) {
    answers.single.entry(chapter.to_string()).or_default().insert(
        exercise.to_string(),
        Answer {
            changed: "2026-11-26T10:04:00Z".to_string(),
            private,
            skipped: false,
            value,
        },
    );
}

/// A text value.
pub fn text(s: &str) -> Value {
    Value::Text { text: s.to_string() }
}

/// A list value.
pub fn list(items: &[&str]) -> Value {
    Value::list(items.iter().map(|s| s.to_string()).collect())
}

/// The items of a list value, ids left out: an item added in the app gets an id from
/// the time, which a test has no need to know.
pub fn items_of(value: Option<&Value>) -> Vec<&str> {
    trustbook::answers::list_items(value)
        .iter()
        .map(String::as_str)
        .collect()
}

/// A choice value: the option picked.
pub fn chosen(option: &str) -> Value {
    Value::Choice {
        option: Some(option.to_string()),
        other: None,
    }
}

/// A choice value: the "other" text.
pub fn other(text: &str) -> Value {
    Value::Choice {
        option: None,
        other: Some(text.to_string()),
    }
}

/// A checklist value.
pub fn ticked(items: &[&str]) -> Value {
    Value::Checklist {
        ticked: items.iter().map(|s| s.to_string()).collect(),
        other: None,
    }
}

/// A ratings value: each item's rating, none marked "didn't apply".
pub fn rated(pairs: &[(&str, i64)]) -> Value {
    Value::Ratings {
        ratings: pairs.iter().map(|(k, v)| ((*k).to_string(), *v)).collect(),
        na: Default::default(),
        ids: Default::default(),
        was: Default::default(),
    }
}

/// `doc` unchanged, once it is known to end in one newline, as a file should:
/// insta compares snapshots without their trailing newlines.
pub fn ends_in_newline(doc: &str) -> &str {
    assert!(
        doc.ends_with('\n') && !doc.ends_with("\n\n"),
        "a document should end in exactly one newline: {:?}",
        doc.chars().rev().take(40).collect::<String>()
    );
    doc
}

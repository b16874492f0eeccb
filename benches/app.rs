//! Rendering each screen, and typing at the end and in the middle of answers of
//! 1 KiB, 64 KiB and 1 MiB, and of a single 1 MiB paragraph.
//! Run: `cargo bench --bench app`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use trustbook::answers::{Answers, Value};
use trustbook::app::{Action, App, Event as AppEvent, Go, Move, Screen, keys};
use trustbook::content::{Kind, load_builtin, load_embedded};
use trustbook::ui::{self, Theme};

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// An app on the shipped workbook, opened at the first exercise of `kind`.
fn app_at(kind: &str, text: Option<&str>) -> App {
    let wb = load_embedded().expect("shipped workbook");
    let (c, e) = wb
        .chapters
        .iter()
        .enumerate()
        .find_map(|(c, ch)| {
            ch.exercises
                .iter()
                .position(|e| e.kind.name() == kind)
                .map(|e| (c, e))
        })
        .expect("kind present");
    let mut answers = Answers::default();
    if let (Some(t), Kind::Text) = (text, &wb.chapters[c].exercises[e].kind) {
        let ch = &wb.chapters[c];
        answers.set(
            &ch.id,
            &ch.exercises[e].id,
            Value::Text { text: t.to_string() },
            "2026-01-01T00:00:00Z".into(),
        );
    }
    let resume = Some(trustbook::app::Place {
        chapter: wb.chapters[c].id.clone(),
        exercise: Some(wb.chapters[c].exercises[e].id.clone()),
    });
    let mut app = App::new(wb, answers, resume);
    app.update(Action::Go(Go::Continue));
    assert!(matches!(app.screen(), Screen::Exercise(..)));
    app
}

/// About `bytes` of prose in paragraphs, like a long answer.
fn prose(bytes: usize) -> String {
    let para =
        "I keep coming back to the evening we talked about the move, and how I did not say what I felt. ";
    let mut s = String::with_capacity(bytes + para.len());
    let mut n = 0;
    while s.len() < bytes {
        s.push_str(para);
        n += 1;
        if n % 6 == 0 {
            s.push('\n');
        }
    }
    s
}

fn startup(c: &mut Criterion) {
    let theme = Theme::new(true);
    // What happens before the first frame: read the built-in workbook as it was checked
    // when built, build the app, draw.
    c.bench_function("startup: load workbook + first frame", |b| {
        b.iter(|| {
            let wb = load_builtin().expect("shipped workbook");
            let app = App::new(wb.for_display(), Answers::default(), None);
            let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
            term.draw(|f| ui::draw(f, &app, &theme)).map(|_| ())
        })
    });
    // The two ways to the built-in workbook: its checked copy, and parsing and checking
    // its TOML (what a start does when the copy is out of step, and what `validate` does).
    c.bench_function("startup: built-in workbook from its checked copy", |b| {
        b.iter(|| load_builtin().expect("shipped workbook"))
    });
    c.bench_function("startup: built-in workbook parsed and checked", |b| {
        b.iter(|| load_embedded().expect("shipped workbook"))
    });
}

fn render(c: &mut Criterion) {
    let theme = Theme::new(true);
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let mut group = c.benchmark_group("render 80x24");
    let wb = load_embedded().expect("shipped workbook");
    let mut welcome = App::new(wb.clone(), Answers::default(), None);
    group.bench_function("welcome", |b| {
        b.iter(|| {
            term.draw(|f| ui::draw(f, black_box(&welcome), &theme))
                .map(|_| ())
        })
    });
    welcome.update(Action::Go(Go::Contents));
    for ch in 0..3 {
        welcome.update(Action::Move(Move::Right));
        for _ in 0..wb.chapters[ch].exercises.len() + 1 {
            welcome.update(Action::Move(Move::Down));
        }
    }
    group.bench_function("contents expanded", |b| {
        b.iter(|| term.draw(|f| ui::draw(f, &welcome, &theme)).map(|_| ()))
    });
    let mut intro = App::new(wb.clone(), Answers::default(), None);
    intro.update(Action::Go(Go::Start));
    group.bench_function("intro", |b| {
        b.iter(|| term.draw(|f| ui::draw(f, &intro, &theme)).map(|_| ()))
    });
    for kind in ["text", "list", "choice", "checklist", "scale"] {
        let app = app_at(kind, Some("A short answer."));
        group.bench_function(kind, |b| {
            b.iter(|| term.draw(|f| ui::draw(f, &app, &theme)).map(|_| ()))
        });
    }
    group.finish();
}

/// Moves the cursor of `app` to about the middle of its `len`-byte answer, as a
/// user would with the arrows (a draw first, so rows are known).
fn to_middle(app: &mut App, term: &mut Terminal<TestBackend>, theme: &Theme, len: usize) {
    term.draw(|f| ui::draw(f, app, theme)).expect("draw");
    let home = Event::Key(KeyEvent::new(KeyCode::Home, KeyModifiers::CONTROL));
    let down = key(KeyCode::Down);
    for e in std::iter::once(&home).chain(std::iter::repeat_n(&down, len / 2 / 70)) {
        let action = keys::action(app, e).expect("moving key");
        app.update(action);
    }
}

fn typing(c: &mut Criterion) {
    let theme = Theme::new(true);
    let mut group = c.benchmark_group("keystroke+draw in text answer");
    let cases = [
        ("1KiB", prose(1024)),
        ("64KiB", prose(64 * 1024)),
        ("1MiB", prose(1024 * 1024)),
        ("1MiB one paragraph", prose(1024 * 1024).replace('\n', " ")),
    ];
    for (name, text) in &cases {
        for place in ["end", "middle"] {
            let mut app = app_at("text", Some(text));
            let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
            if place == "middle" {
                to_middle(&mut app, &mut term, &theme, text.len());
            }
            let ev = key(KeyCode::Char('a'));
            let bs = key(KeyCode::Backspace);
            // Type a letter and delete it, drawing after each key, as the loop does.
            group.bench_function(format!("{name} at the {place}"), |b| {
                b.iter(|| {
                    for e in [&ev, &bs] {
                        let action = keys::action(&app, e).expect("typing key");
                        black_box(app.update(action));
                        term.draw(|f| ui::draw(f, &app, &theme)).expect("draw");
                    }
                })
            });
            if place == "middle" {
                continue;
            }
            // The same two keys without drawing, to separate editing from rendering.
            group.bench_function(format!("{name} keys only"), |b| {
                b.iter(|| {
                    for e in [&ev, &bs] {
                        let action = keys::action(&app, e).expect("typing key");
                        black_box(app.update(action));
                    }
                })
            });
            group.bench_function(format!("{name} draw only"), |b| {
                b.iter(|| term.draw(|f| ui::draw(f, &app, &theme)).map(|_| ()))
            });
            // A key plus the pause commit, which copies the whole text once.
            group.bench_function(format!("{name} key+commit"), |b| {
                b.iter(|| {
                    let action = keys::action(&app, &ev).expect("typing key");
                    app.update(action);
                    black_box(app.update(Action::Event(AppEvent::Commit)))
                })
            });
        }
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3)).warm_up_time(std::time::Duration::from_secs(1));
    targets = startup, render, typing
}
criterion_main!(benches);

//! A shared list an attacker filled within every limit: 10,000 agreements, rated in
//! 1,000 weekly check-ins (ten items a week) by both partners. Measures comparing the
//! two profiles (every week against the whole list), a key press on this week's
//! ratings with the frame it draws, and the entries screen with its trends: a frame,
//! a key press with its frame, and opening it (where its trends are worked out).
//! Issue 19 asks at most 1 s for the comparison and under 16 ms for a key press.
//! Run: `cargo bench --bench big_list`.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use trustbook::answers::{Answer, Answers, Value};
use trustbook::app::{Action, App, Go, Move, Place, Screen};
use trustbook::content::{self, ItemsFrom, Kind, Workbook};
use trustbook::entry::Entry;
use trustbook::ui::{self, Theme};
use trustbook::{comparison, date};

/// Items in the list.
const ITEMS: usize = 10_000;
/// Weekly check-ins.
const WEEKS: usize = 1_000;

fn answer(changed: &str, value: Value) -> Answer {
    Answer {
        changed: changed.to_string(),
        private: false,
        skipped: false,
        value,
    }
}

fn item(i: usize) -> String {
    format!("Agreement number {i}: calls returned the same day")
}

/// The practice workbook, its check-in rating the shared list (`items_from`).
fn workbook() -> Workbook {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/practice-workbook");
    let mut wb = content::load_dir(&dir).expect("practice workbook");
    let ch = &mut wb.chapters[0];
    let kept = ch.exercises.iter_mut().find(|e| e.id == "kept").expect("kept");
    if let Kind::Ratings { items_from, .. } = &mut kept.kind {
        *items_from = Some(ItemsFrom {
            chapter: "check-in".into(),
            exercise: "agreements".into(),
        });
    }
    wb
}

/// The 10,000-item list and 1,000 weeks up to the week of 2026-11-30, each rating ten
/// of the items; `seed` varies the values.
fn profile(seed: usize) -> Answers {
    let mut a = Answers::default();
    a.single.entry("check-in".into()).or_default().insert(
        "agreements".into(),
        answer(
            "2007-01-01T18:00:00Z",
            Value::list((0..ITEMS).map(item).collect()),
        ),
    );
    let last = date::parse("2026-11-30").expect("a Monday");
    let weeks: Vec<Entry> = (0..WEEKS)
        .map(|i| {
            let id = date::civil_from_days(last - 7 * (WEEKS - 1 - i) as i64);
            let at = format!("{id}T19:00:00Z");
            let mut e = Entry::new(id, at.clone());
            let kept: BTreeMap<String, i64> = (0..10)
                .map(|k| (item((i * 10 + k) % ITEMS), ((i + k + seed) % 11) as i64))
                .collect();
            e.answers.insert(
                "kept".into(),
                answer(
                    &at,
                    Value::Ratings {
                        ratings: kept,
                        na: Default::default(),
                        ids: Default::default(),
                        was: Default::default(),
                    },
                ),
            );
            e.answers.insert(
                "trust-this-week".into(),
                answer(
                    &at,
                    Value::Scale {
                        value: (i % 11) as i64,
                    },
                ),
            );
            e
        })
        .collect();
    a.entries.insert("check-in".into(), weeks);
    a
}

fn big_list(c: &mut Criterion) {
    let wb = workbook();
    let alex = profile(0);
    let sam = profile(3);
    let theme = Theme::new(true);
    let mut group = c.benchmark_group("a 10,000-item shared list, 1,000 weeks");
    group.bench_function("compare two profiles (at most 1 s)", |b| {
        b.iter(|| comparison::compare(&wb, ("alex", black_box(&alex)), ("sam", black_box(&sam))))
    });
    let resume = Some(Place {
        chapter: "check-in".into(),
        exercise: Some("kept".into()),
    });
    let mut app = App::new(wb.clone(), alex.clone(), resume);
    app.update(Action::Go(Go::Continue));
    assert!(
        matches!(app.screen(), Screen::Exercise(0, _)),
        "{:?}",
        app.screen()
    );
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let mut up = true;
    group.bench_function("key press on the ratings, with its frame (under 16 ms)", |b| {
        b.iter(|| {
            up = !up;
            let m = if up { Move::Right } else { Move::Left };
            black_box(app.update(Action::Move(m)));
            term.draw(|f| ui::draw(f, &app, &theme)).map(|_| ())
        })
    });
    let mut history = App::new(wb.clone(), alex.clone(), None);
    history.update(Action::Go(Go::Contents));
    history.update(Action::Go(Go::Entries));
    assert_eq!(history.screen(), Screen::Entries(0));
    group.bench_function("draw the entries screen with its trends", |b| {
        b.iter(|| {
            term.draw(|f| ui::draw(f, black_box(&history), &theme))
                .map(|_| ())
        })
    });
    // A key press on the entries screen: the selection moves (down, then up), and the
    // frame it draws (issue 19: under 16 ms).
    let mut down = true;
    group.bench_function(
        "key press on the entries screen, with its frame (under 16 ms)",
        |b| {
            b.iter(|| {
                down = !down;
                let m = if down { Move::Down } else { Move::Up };
                black_box(history.update(Action::Move(m)));
                term.draw(|f| ui::draw(f, &history, &theme)).map(|_| ())
            })
        },
    );
    // Opening the entries screen works its trends out once.
    group.bench_function("open the entries screen (its trends worked out once)", |b| {
        b.iter(|| {
            history.update(Action::Go(Go::Back));
            history.update(Action::Go(Go::Entries));
            black_box(history.screen())
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).measurement_time(std::time::Duration::from_secs(5)).warm_up_time(std::time::Duration::from_secs(1));
    targets = big_list
}
criterion_main!(benches);

//! A profile of twenty years: 1,040 weekly check-ins and 100 thought records on the
//! practice fixture, each answered fully. Measures decoding its answers file, the
//! Markdown and JSON exports, walking the live entries with their labels, comparing two
//! such profiles, and (for the app's input thread) encoding the file.
//! Run: `cargo bench --bench entries`.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use trustbook::answers::{Answer, Answers, Value};
use trustbook::app::{Action, App, Go};
use trustbook::content::{self, Rhythm, Workbook};
use trustbook::entry::Entry;
use trustbook::export::{self, ExportMeta};
use trustbook::ui::{self, Theme};
use trustbook::{comparison, date, store};

const CALLS: &str = "Phone calls returned the same day";
const PLANS: &str = "Plans changed with a message first";
/// Sentences the texts are made of, picked by turns so no two entries read the same.
const SENTENCES: [&str; 8] = [
    "We kept the Sunday walk, and it was the first calm talk in a while.",
    "A message came late on Thursday and I noticed the old knot in my stomach.",
    "I said so instead of going quiet, which is new for me.",
    "Sam listened without explaining it away; that helped more than the reason did.",
    "Work was heavy for both of us, so we were short with each other at dinner.",
    "I want to talk about the weekend plans before they change again.",
    "The phone was on the table face up all evening, and I saw that it was meant for me.",
    "Not a big week, but an honest one.",
];

fn prose(seed: usize, sentences: usize) -> String {
    let mut out = String::new();
    for i in 0..sentences {
        if i > 0 {
            out.push_str(if i % 3 == 0 { "\n\n" } else { " " });
        }
        out.push_str(SENTENCES[(seed * 7 + i * 3) % SENTENCES.len()]);
    }
    out
}

fn answer(changed: &str, value: Value) -> Answer {
    Answer {
        changed: changed.to_string(),
        private: false,
        skipped: false,
        value,
    }
}

/// Twenty years of weekly check-ins from Monday 2007-01-01 and a thought record about
/// every ten weeks, every exercise answered; `seed` varies the values and texts.
fn profile(seed: usize) -> Answers {
    let mut a = Answers::default();
    let start = date::parse("2007-01-01").expect("a Monday");
    let single = a.single.entry("check-in".to_string()).or_default();
    single.insert(
        "agreements".into(),
        answer(
            "2007-01-01T18:00:00Z",
            Value::list(vec![CALLS.into(), PLANS.into(), "No phones at dinner".into()]),
        ),
    );
    single.insert(
        "reflection".into(),
        answer("2026-11-30T18:00:00Z", Value::Text { text: prose(seed, 6) }),
    );
    let weeks: Vec<Entry> = (0..1040)
        .map(|i| {
            let id = date::civil_from_days(start + 7 * i as i64);
            let at = format!("{id}T19:00:00Z");
            let mut e = Entry::new(id, at.clone());
            let n = (i + seed) as i64;
            let kept = BTreeMap::from([(CALLS.to_string(), n % 11), (PLANS.to_string(), (n * 3) % 11)]);
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
                answer(&at, Value::Scale { value: (n * 7) % 11 }),
            );
            e.answers.insert(
                "notes".into(),
                answer(
                    &at,
                    Value::Text {
                        text: prose(i + seed, 4 + i % 5),
                    },
                ),
            );
            e
        })
        .collect();
    a.entries.insert("check-in".into(), weeks);
    let records: Vec<Entry> = (0..100)
        .map(|i| {
            let day = date::civil_from_days(start + 73 * i as i64 + 2);
            let id = format!("{day}T{:02}:{:02}:00Z", 8 + i % 12, (i * 7) % 60);
            let mut e = Entry::new(id.clone(), id.clone());
            let n = (i + seed) as i64;
            e.answers
                .insert("situation".into(), answer(&id, Value::Text { text: prose(i, 3) }));
            e.answers.insert(
                "before".into(),
                answer(
                    &id,
                    Value::Scale {
                        value: 50 + (n * 5) % 50,
                    },
                ),
            );
            e.answers.insert(
                "other-view".into(),
                answer(
                    &id,
                    Value::Text {
                        text: prose(i + 3, 3),
                    },
                ),
            );
            e.answers
                .insert("after".into(), answer(&id, Value::Scale { value: (n * 5) % 50 }));
            e
        })
        .collect();
    a.entries.insert("thought-record".into(), records);
    a
}

fn practice() -> Workbook {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/practice-workbook");
    content::load_dir(&dir).expect("practice workbook")
}

fn entries(c: &mut Criterion) {
    let wb = practice();
    let alex = profile(0);
    let sam = profile(5);
    let text = store::encode(&alex, None, &wb.id);
    let meta = ExportMeta {
        profile: "alex".into(),
        date: "2026-12-02".into(),
    };
    eprintln!(
        "answers file {} KiB, Markdown {} KiB, JSON {} KiB",
        text.len() / 1024,
        export::markdown(&wb, &alex, &meta, false).len() / 1024,
        export::json(&wb, &alex, &meta, false).len() / 1024
    );
    let theme = Theme::new(true);
    let mut group = c.benchmark_group("entries (1,040 weeks + 100 records)");
    group.bench_function("decode the answers file", |b| {
        b.iter(|| store::decode(black_box(&text), Path::new("bench.toml")).expect("decodes"))
    });
    group.bench_function("encode the answers file", |b| {
        b.iter(|| store::encode(black_box(&alex), None, &wb.id))
    });
    group.bench_function("Markdown export", |b| {
        b.iter(|| export::markdown(&wb, black_box(&alex), &meta, false))
    });
    group.bench_function("JSON export", |b| {
        b.iter(|| export::json(&wb, black_box(&alex), &meta, false))
    });
    group.bench_function("live entries with their labels", |b| {
        b.iter(|| {
            let weeks = alex
                .live_entries("check-in")
                .map(|e| e.label(Rhythm::Weekly).len());
            let records = alex
                .live_entries("thought-record")
                .map(|e| e.label(Rhythm::Entries).len());
            weeks.chain(records).sum::<usize>()
        })
    });
    group.bench_function("open: decode the file, start the app, draw the welcome", |b| {
        b.iter(|| {
            let saved = store::decode(black_box(&text), Path::new("bench.toml")).expect("decodes");
            let app = App::new(wb.clone(), saved.answers, None);
            let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
            term.draw(|f| ui::draw(f, &app, &theme)).map(|_| ())
        })
    });
    let mut history = App::new(wb.clone(), alex.clone(), None);
    history.update(Action::Go(Go::Contents));
    history.update(Action::Go(Go::Entries));
    assert_eq!(history.screen(), trustbook::app::Screen::Entries(0));
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    group.bench_function("history: draw the entries screen with its trends", |b| {
        b.iter(|| {
            term.draw(|f| ui::draw(f, black_box(&history), &theme))
                .map(|_| ())
        })
    });
    group.bench_function("compare two such profiles", |b| {
        b.iter(|| comparison::compare(&wb, ("alex", black_box(&alex)), ("sam", black_box(&sam))))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3)).warm_up_time(std::time::Duration::from_secs(1));
    targets = entries
}
criterion_main!(benches);

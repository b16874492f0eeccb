//! The exchange folder's cost: writing a share of a 1,000-week history (every week's
//! check-in sealed) and reading the partner's, decrypting, verifying and opening every
//! revealed answer. Targets: at most 50 ms each. Run: `cargo bench --bench exchange`.

use std::collections::BTreeSet;
use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use trustbook::answers::{Answer, Answers, Value};
use trustbook::content::{self, Workbook};
use trustbook::entry::Entry;
use trustbook::exchange::OwnKeys;
use trustbook::exchange::share::{self, ReaderState, WriterState};

fn practice() -> Workbook {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/practice-workbook");
    content::load_dir(&dir).expect("practice workbook")
}

fn answer(value: Value) -> Answer {
    Answer {
        changed: "2026-01-01T10:00:00Z".to_string(),
        private: false,
        skipped: false,
        value,
    }
}

/// 1,000 weekly check-ins, each with its ratings, trust and a note.
fn history() -> Answers {
    let mut a = Answers::default();
    let start = trustbook::date::parse("2007-01-01").expect("a Monday");
    let list = a.entries.entry("check-in".to_string()).or_default();
    for w in 0..1000i64 {
        let day = trustbook::date::civil_from_days(start + 7 * w);
        let mut e = Entry::new(day.clone(), format!("{day}T19:00:00Z"));
        e.answers.insert(
            "kept".into(),
            answer(Value::Ratings {
                na: Default::default(),
                ratings: [
                    ("Phone calls returned the same day".to_string(), w % 11),
                    ("Plans changed with a message first".to_string(), (w * 3) % 11),
                ]
                .into(),
                ids: Default::default(),
                was: Default::default(),
            }),
        );
        e.answers
            .insert("trust-this-week".into(), answer(Value::Scale { value: w % 11 }));
        e.answers.insert(
            "went-well".into(),
            answer(Value::Text {
                text: format!("Week {w}: we kept the Sunday walk and talked before it got heated."),
            }),
        );
        list.push(e);
    }
    a
}

fn bench(c: &mut Criterion) {
    let wb = practice();
    let answers = history();
    let (alex, sam) = (
        OwnKeys::generate().expect("keys"),
        OwnKeys::generate().expect("keys"),
    );
    let all: BTreeSet<String> = share::items(&wb, &answers)
        .into_iter()
        .map(|(i, _, _)| i)
        .collect();
    let mut state = WriterState::default();
    let write_share = |state: &mut WriterState| {
        let body = share::build(
            &wb,
            ("alex", "sam"),
            &answers,
            &all,
            state,
            "2026-01-01T00:00:00Z",
        )
        .expect("build");
        share::encode(&body, &alex, &sam.public()).expect("encode")
    };
    // Warm: every item already has its key, as after the first share.
    write_share(&mut state);
    c.bench_function("exchange: write a 1,000-week share", |b| {
        b.iter(|| black_box(write_share(&mut state)))
    });
    let bytes = write_share(&mut state);
    c.bench_function("exchange: read a 1,000-week share", |b| {
        b.iter(|| {
            let body = share::decode(&bytes, &sam, &alex.public(), ("alex", "sam", &wb.id)).expect("decode");
            black_box(share::reveal(&body, &mut ReaderState::default()))
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);

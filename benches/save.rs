//! Saving: what the input thread pays (encoding the answers file) and what the
//! writer thread pays (atomic write with fsync and backup), with a 1 MiB answer.
//! Run: `cargo bench --bench save`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use trustbook::answers::{Answers, Value};
use trustbook::store::{self, Store, StoreOptions};

/// Answers holding one text answer of about `bytes`, plus a few small ones.
fn answers(bytes: usize) -> Answers {
    let mut a = Answers::default();
    let line = "Some days I trust easily; other days a late message undoes a week of good. ";
    let text: String = line.repeat(bytes / line.len() + 1);
    a.set(
        "chapter",
        "long",
        Value::Text { text },
        "2026-11-26T10:00:00Z".into(),
    );
    for i in 0..20 {
        let v = Value::list(vec![format!("item {i}"), "another".into()]);
        a.set("chapter", &format!("list-{i}"), v, "2026-11-26T10:00:00Z".into());
    }
    a
}

fn save(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let opts = StoreOptions {
        data_dir: Some(dir.path().to_path_buf()),
        profile: "bench".into(),
    };
    let (mut store, _) = Store::open(&opts, "bench-workbook").expect("open store");
    let mut group = c.benchmark_group("save");
    for (name, size) in [("1KiB", 1024), ("64KiB", 64 * 1024), ("1MiB", 1024 * 1024)] {
        let a = answers(size);
        group.bench_function(format!("encode {name} (input thread)"), |b| {
            b.iter(|| black_box(store::encode(&a, None, "bench-workbook")))
        });
        let text = store::encode(&a, None, "bench-workbook");
        group.bench_function(format!("write {name} (writer thread)"), |b| {
            b.iter(|| store.save_text(black_box(&text)).expect("save"))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3)).warm_up_time(std::time::Duration::from_secs(1));
    targets = save
}
criterion_main!(benches);

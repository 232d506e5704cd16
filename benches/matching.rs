//! Matching speed on the bundled demo and on a generated 2,000 × 500 summit:
//! building the matcher (term mapping, profiles, indexes) and ranking every
//! buyer's top 10. The million-seller figure is measured by
//! `benches/scale.sh`, outside criterion (one run takes tens of seconds).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use matchslate::generate::{GenerateOptions, generate};
use matchslate::matching::Matcher;
use matchslate::summit::prepare;

fn bench_summit(c: &mut Criterion, name: &str, dir: &Path) {
    let prepared = prepare(dir).expect("a valid summit");
    let summit = &prepared.summit;
    let taxonomy = prepared.taxonomy().clone();
    c.bench_function(&format!("{name}: build matcher"), |b| {
        b.iter(|| Matcher::new(black_box(summit), taxonomy.clone()))
    });
    c.bench_function(&format!("{name}: rank every buyer's top 10"), |b| {
        b.iter(|| prepared.matcher.rank_all_buyers(black_box(10)))
    });
    c.bench_function(&format!("{name}: one buyer's top 10 with reasons"), |b| {
        b.iter(|| prepared.candidates_for_buyer(black_box(0), 10))
    });
}

fn matching(c: &mut Criterion) {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    c.bench_function("demo: load, check and build matcher", |b| {
        b.iter(|| prepare(black_box(&demo)).expect("demo"))
    });
    bench_summit(c, "demo", &demo);
    let dir = tempfile::tempdir().expect("temp dir");
    let options = GenerateOptions {
        sellers: 2000,
        buyers: 500,
        seed: 1,
    };
    generate(dir.path(), &options).expect("generate");
    bench_summit(c, "2000x500", dir.path());
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = matching
}
criterion_main!(benches);

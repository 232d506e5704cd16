//! Matching speed on the bundled demo and on a generated 2,000 × 500 summit:
//! building the matcher (term mapping, profiles, ranking indexes) and
//! ranking every buyer's top 10. The million-seller figure is measured by
//! `benches/scale.sh`, outside criterion (one run takes tens of seconds).
//! First it prints how many sellers tie at each buyer's top score on a
//! generated 20,000 × 2,000 summit (`--seed 4`), scoring every pair.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use matchslate::generate::{GenerateOptions, generate};
use matchslate::matching::Matcher;
use matchslate::summit::prepare;
use rayon::prelude::*;

fn bench_summit(c: &mut Criterion, name: &str, dir: &Path) {
    let prepared = prepare(dir).expect("a valid summit");
    let summit = &prepared.summit;
    let taxonomy = prepared.taxonomy().clone();
    c.bench_function(&format!("{name}: build matcher"), |b| {
        b.iter(|| {
            let matcher = Matcher::new(black_box(summit), taxonomy.clone());
            matcher.build_indexes();
            matcher
        })
    });
    c.bench_function(&format!("{name}: rank every buyer's top 10"), |b| {
        b.iter(|| prepared.matcher.rank_all_buyers(black_box(10)))
    });
    c.bench_function(&format!("{name}: one buyer's top 10 with reasons"), |b| {
        b.iter(|| prepared.candidates_for_buyer(black_box(0), 10))
    });
}

/// How many sellers share each buyer's top score, scoring every pair.
fn ties_at_the_top(sellers: usize, buyers: usize, seed: u64) {
    let dir = tempfile::tempdir().expect("temp dir");
    let options = GenerateOptions {
        sellers,
        buyers,
        seed,
    };
    generate(dir.path(), &options).expect("generate");
    let prepared = prepare(dir.path()).expect("a valid summit");
    let m = &prepared.matcher;
    let mut tied: Vec<usize> = (0..buyers)
        .into_par_iter()
        .map(|b| {
            let scores: Vec<f32> = (0..sellers)
                .map(|s| m.evaluate(s, b))
                .filter(|d| d.topical > 0.0)
                .map(|d| d.score)
                .collect();
            let top = scores.iter().copied().fold(f32::MIN, f32::max);
            scores.iter().filter(|&&s| s == top).count()
        })
        .collect();
    tied.sort_unstable();
    let mean = tied.iter().sum::<usize>() as f64 / tied.len().max(1) as f64;
    let median = tied.get(tied.len() / 2).copied().unwrap_or(0);
    let max = tied.last().copied().unwrap_or(0);
    let alone = tied.iter().filter(|&&n| n == 1).count();
    println!(
        "{sellers} x {buyers} (seed {seed}): sellers tied at a buyer's top score: \
         mean {mean:.1}, median {median}, max {max}; {alone} of {buyers} buyers have one top seller"
    );
}

fn matching(c: &mut Criterion) {
    ties_at_the_top(20_000, 2_000, 4);
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

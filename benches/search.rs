//! How fast the participant search (the desk's `/`) answers one keystroke
//! on a generated summit of 20,000 sellers and 2,000 buyers: reading the
//! query (through the taxonomy and lexicon layers) and scoring every
//! participant of one side, and filtering one participant's candidates.
//!
//! `MATCHSLATE_BENCH_SELLERS` / `MATCHSLATE_BENCH_BUYERS` change the size.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::sync::Arc;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};

use matchslate::generate::{GenerateOptions, generate};
use matchslate::model::Side;
use matchslate::summit::{ParticipantSearch, prepare};

fn size(var: &str, default: usize) -> usize {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let options = GenerateOptions {
        sellers: size("MATCHSLATE_BENCH_SELLERS", 20_000),
        buyers: size("MATCHSLATE_BENCH_BUYERS", 2_000),
        seed: 7,
    };
    generate(dir.path(), &options).expect("generate");
    let prepared = Arc::new(prepare(dir.path()).expect("prepare"));
    let started = Instant::now();
    let search = ParticipantSearch::new(Arc::clone(&prepared));
    eprintln!(
        "search index for {} sellers × {} buyers built in {:.0} ms",
        prepared.summit.sellers.len(),
        prepared.summit.buyers.len(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    // A word being typed, a whole word, Chinese, a typo, two words.
    for text in ["cherr", "wine", "红酒", "ginsing", "napa valley"] {
        c.bench_function(&format!("keystroke: sellers for {text:?}"), |b| {
            b.iter(|| {
                let query = search.query(black_box(text));
                black_box(search.participants(Side::Seller, &query))
            })
        });
    }
    c.bench_function("keystroke: buyers for \"车厘子\"", |b| {
        b.iter(|| {
            let query = search.query(black_box("车厘子"));
            black_box(search.participants(Side::Buyer, &query))
        })
    });
    let candidates = prepared.candidates_for_buyer(0, 200);
    c.bench_function("keystroke: 200 candidates for \"wine\"", |b| {
        b.iter(|| {
            let query = search.query(black_box("wine"));
            black_box(search.candidates(Side::Seller, &candidates, &query))
        })
    });
}

criterion_group! {
    name = search;
    config = Criterion::default().sample_size(20);
    targets = benches
}
criterion_main!(search);

//! The day's repair on a 20,000-seller × 2,000-buyer summit: at 11:00 on
//! the first day a tenth of the participants are absent and three buyers
//! walk in. Needs `harness = false`. Run: `cargo bench --bench day_repair`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::{date, time};
use matchslate::model::Side;
use matchslate::schedule::synthetic::{SyntheticSpec, generate};
use matchslate::schedule::{RepairInput, check, repair};

fn day_repair(criterion: &mut Criterion) {
    let spec = SyntheticSpec {
        sellers: 20_000,
        buyers: 2_000,
        days: 2,
        slots_per_day: 16,
        tables: 1_500,
        interpreters: 60,
        candidates_per_buyer: 40,
        locked: 100,
        accepted: 0.005,
        ..SyntheticSpec::medium(1)
    };
    let full = generate(&spec);
    let walk_ins: Vec<(Side, usize)> = (0..3).map(|i| (Side::Buyer, 100 * i + 5)).collect();
    let mut planned = full.clone();
    for &(_, b) in &walk_ins {
        planned.buyers[b].available.fill(false);
    }
    // The base slate: the repair's own fill from an empty slate before the
    // summit opens (the full scheduler would take minutes at this size).
    let everyone: Vec<(Side, usize)> = (0..planned.sellers.len())
        .map(|s| (Side::Seller, s))
        .chain((0..planned.buyers.len()).map(|b| (Side::Buyer, b)))
        .collect();
    let base = repair(&RepairInput {
        rules: planned.clone(),
        base: Vec::new(),
        now: date(2026, 5, 12).to_datetime(time(0, 0, 0, 0)),
        walk_ins: everyone,
        wished: HashSet::new(),
        upper_bound: 0.0,
    })
    .slate;
    let mut rules = full.clone();
    for (i, who) in (0..rules.sellers.len())
        .map(|s| (Side::Seller, s))
        .chain((0..rules.buyers.len()).map(|b| (Side::Buyer, b)))
        .enumerate()
    {
        if i % 10 == 3 && !walk_ins.contains(&who) {
            let record = match who.0 {
                Side::Seller => &mut rules.sellers[who.1],
                Side::Buyer => &mut rules.buyers[who.1],
            };
            for slot in full.slots.iter().filter(|s| s.day == 0) {
                record.available[slot.index] = false;
            }
        }
    }
    let input = RepairInput {
        rules,
        base: base.meetings.clone(),
        now: date(2026, 5, 12).to_datetime(time(11, 0, 0, 0)),
        walk_ins,
        wished: HashSet::new(),
        upper_bound: base.upper_bound,
    };
    let result = repair(&input);
    println!(
        "20,000 x 2,000: {} candidates, base {} meetings; {:?}; {} rule violations",
        full.candidates.len(),
        base.meetings.len(),
        result.figures,
        check(&result.rules, &result.slate).len()
    );
    let mut group = criterion.benchmark_group("day");
    group.sample_size(10);
    group.bench_function("repair 20,000 x 2,000 at 11:00", |bench| {
        bench.iter(|| repair(black_box(&input)))
    });
    group.finish();
}

criterion_group!(benches, day_repair);
criterion_main!(benches);

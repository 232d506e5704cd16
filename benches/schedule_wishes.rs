#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The scheduler with participants' wishes on the large synthetic summit
//! (2,000 sellers × 500 buyers, about a third of each side wishing for 3 to
//! 6 of its best candidates, some mutual, a few avoids), at the default
//! time limit. Run with `cargo bench --bench schedule_wishes`.
//!
//! Printed once before timing: mutual wishes met, against the most that
//! can be met at once; one-sided wishes met, against the most possible.
//! "The most possible" is the scheduler's own upper bound (`upper_bound`)
//! on an input holding only those wished pairs, each scoring 100: the
//! largest number of them that fit everyone's max_meetings, free slots,
//! tables and interpreters at once if nothing else were scheduled. It is an
//! upper bound, so the share printed is a lower bound on the true share.

use std::hint::black_box;
use std::ops::ControlFlow;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use matchslate::schedule::synthetic::{SyntheticSpec, generate};
use matchslate::schedule::{ScheduleInput, ScheduleOptions, WishTier, solve, upper_bound};
use matchslate::wishes::synthetic::synthetic_wishes;
use matchslate::wishes::{PairWish, WishIndex, wish_report};

fn with_wishes(mut input: ScheduleInput, wishes: &WishIndex) -> ScheduleInput {
    input
        .candidates
        .retain(|p| p.status.is_must_have() || !wishes.is_avoided(p.seller, p.buyer));
    for pair in &mut input.candidates {
        let wish = wishes.get(pair.seller, pair.buyer);
        pair.wish = WishTier {
            mutual: wish.is_mutual(),
            weight: wish.weight(),
            avoided: wish.is_avoided(),
        };
    }
    input
}

/// The most pairs satisfying `keep` that can meet at once (see the docs).
fn most_possible(
    input: &ScheduleInput,
    keep: impl Fn(&PairWish) -> bool,
    wishes: &WishIndex,
) -> f64 {
    let mut only = input.clone();
    only.candidates
        .retain(|p| keep(&wishes.get(p.seller, p.buyer)));
    for pair in &mut only.candidates {
        pair.score = 100.0;
        pair.status = matchslate::schedule::PairStatus::Proposed;
        pair.wish = WishTier::default();
    }
    upper_bound(&only) / 100.0
}

fn wishes_bench(criterion: &mut Criterion) {
    let options = ScheduleOptions::default();
    let plain = generate(&SyntheticSpec::large(1));
    let triples: Vec<(usize, usize, f64)> = plain
        .candidates
        .iter()
        .map(|p| (p.seller, p.buyer, p.score))
        .collect();
    let wishes = synthetic_wishes(&triples, 13);
    let input = with_wishes(plain, &wishes);
    let started = Instant::now();
    let slate = solve(&input, &options, &mut |_| ControlFlow::Continue(()));
    let wall = started.elapsed();
    let report = wish_report(&wishes, slate.meetings.iter().map(|m| (m.seller, m.buyer)));
    let mutual_most = most_possible(&input, PairWish::is_mutual, &wishes);
    let one_sided = |w: &PairWish| w.one_sided().is_some();
    let one_sided_most = most_possible(&input, one_sided, &wishes);
    let one_sided_met = report.from_buyers.all.met + report.from_sellers.all.met;
    let one_sided_made = report.from_buyers.all.made + report.from_sellers.all.made;
    println!(
        "large 2000x500 with wishes: {:.1} s wall; mutual met {} of {} (at most {:.0} can meet at once); \
         one-sided met {} of {}, {:.1}% of the most possible ({:.0}); first choices: buyers {} of {}, sellers {} of {}; \
         {:.2}% of the score bound; {} avoided pairs on the slate",
        wall.as_secs_f64(),
        report.mutual.met,
        report.mutual.made,
        mutual_most,
        one_sided_met,
        one_sided_made,
        100.0 * one_sided_met as f64 / one_sided_most.max(1.0),
        one_sided_most,
        report.from_buyers.first_choices.met,
        report.from_buyers.first_choices.made,
        report.from_sellers.first_choices.met,
        report.from_sellers.first_choices.made,
        slate.percent_of_bound(),
        report.avoided_met.len(),
    );
    let mut group = criterion.benchmark_group("schedule_wishes");
    group.sample_size(10);
    group.bench_function("solve large 2000x500 with wishes", |bench| {
        bench.iter(|| {
            solve(black_box(&input), &options, &mut |_| {
                ControlFlow::Continue(())
            })
        })
    });
    group.finish();
}

criterion_group!(benches, wishes_bench);
criterion_main!(benches);

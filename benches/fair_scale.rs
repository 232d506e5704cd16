#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The fair-slate targets at real-summit scale, measured once (not
//! criterion: one run takes seconds). Run with
//!
//! ```sh
//! cargo bench --bench fair_scale                 # generates 20,000 × 2,000 (seed 4) in target/fair-scale
//! cargo bench --bench fair_scale -- DIR SECONDS  # another summit folder, another time limit
//! ```
//!
//! Candidates: each buyer's best 60 sellers scoring ≥ 40 and each seller's
//! best 2 buyers, with more fetched on demand from the matcher's exact top-K
//! (`schedule::CandidateSource`); the bound then covers every pair scoring
//! ≥ 40. Prints wall time, share of that bound, buyers without a meeting or
//! below their floor, and meetings per block of 2,000 seller ids.

use std::ops::ControlFlow;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use matchslate::generate::{GenerateOptions, generate};
use matchslate::schedule::{
    CandidateSource, Floors, Pair, PairStatus, ScheduleOptions, fairness, interpreter_use,
    solve_with, table_changes,
};
use matchslate::summit::{OpenSummit, SummitOptions};

const MIN_SCORE: f64 = 40.0;
const PER_BUYER: usize = 60;
const PER_SELLER: usize = 2;
const BLOCK: usize = 2_000;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let dir = args.first().map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/fair-scale"),
        PathBuf::from,
    );
    let seconds: f64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(2.0);
    if !dir.join("sellers.json").exists() {
        let options = GenerateOptions {
            sellers: 20_000,
            buyers: 2_000,
            seed: 4,
        };
        generate(&dir, &options).unwrap();
    }
    let started = Instant::now();
    let db = dir.join("fair-scale.db");
    let open = OpenSummit::open(&SummitOptions {
        data: dir.clone(),
        db: Some(db),
        staff: "bench".into(),
    })
    .unwrap();
    let mut input = open.schedule_input(MIN_SCORE);
    let matcher = &open.prepared.matcher;
    let buyers = input.buyers.len();
    // What each buyer was given, to fetch the next ones and to know the
    // best score held back (the last given, when the list was full).
    let mut given = vec![0usize; buyers];
    let mut last_score = vec![0.0f64; buyers];
    for pair in &input.candidates {
        given[pair.buyer] += 1;
        last_score[pair.buyer] = pair.score;
    }
    let held_back: Vec<f64> = (0..buyers)
        .map(|b| {
            if given[b] >= PER_BUYER {
                last_score[b]
            } else {
                0.0
            }
        })
        .collect();
    let mut known: std::collections::HashSet<(usize, usize)> = input
        .candidates
        .iter()
        .map(|p| (p.seller, p.buyer))
        .collect();
    let mut seen = matcher.seen_buyers();
    for seller in 0..input.sellers.len() {
        for scored in matcher.top_buyers_scored(seller, PER_SELLER, &mut seen) {
            let buyer = scored.other as usize;
            let score = f64::from(scored.breakdown.score);
            if score >= MIN_SCORE && known.insert((seller, buyer)) {
                input.candidates.push(Pair {
                    seller,
                    buyer,
                    score,
                    interpreter: scored.breakdown.interpreter,
                    status: PairStatus::Proposed,
                });
            }
        }
    }
    let prepared_in = started.elapsed();
    let mut seen_sellers = matcher.seen_sellers();
    let mut source = CandidateSource {
        held_back,
        fetch: Box::new(move |buyer: usize, count: usize| {
            let want = given[buyer] + count;
            let top = matcher.top_sellers_scored(buyer, want, &mut seen_sellers);
            let full = top.len() >= want;
            let pairs: Vec<Pair> = top
                .iter()
                .skip(given[buyer])
                .filter(|s| f64::from(s.breakdown.score) >= MIN_SCORE)
                .map(|s| Pair {
                    seller: s.other as usize,
                    buyer,
                    score: f64::from(s.breakdown.score),
                    interpreter: s.breakdown.interpreter,
                    status: PairStatus::Proposed,
                })
                .collect();
            given[buyer] = want;
            let next = match pairs.last() {
                Some(last) if full => last.score,
                _ => 0.0,
            };
            (pairs, next)
        }),
    };
    let options = ScheduleOptions {
        time_limit: Duration::from_secs_f64(seconds),
        seed: 4,
    };
    let floors = Floors::default();
    let solved = solve_with(&input, &options, floors, Some(&mut source), &mut |_| {
        ControlFlow::Continue(())
    });
    let wall = started.elapsed();
    let slate = &solved.slate;
    let figures = fairness(&solved.input, slate, floors);
    let buyers_at_floor = figures.buyers.participants - figures.buyers.below_floor.len();
    let mut blocks = vec![0usize; input.sellers.len().div_ceil(BLOCK)];
    for meeting in &slate.meetings {
        blocks[meeting.seller / BLOCK] += 1;
    }
    let (low, high) = (
        blocks.iter().min().copied().unwrap_or(0),
        blocks.iter().max().copied().unwrap_or(0),
    );
    println!(
        "summit {} ({} sellers × {} buyers), --time-limit {seconds}",
        dir.display(),
        input.sellers.len(),
        buyers
    );
    println!(
        "wall {:.1} s (candidates ready after {:.1} s)",
        wall.as_secs_f64(),
        prepared_in.as_secs_f64()
    );
    println!("report {:?}", solved.report);
    println!(
        "{} meetings, score {:.1} of bound {:.1}: {:.2}%",
        slate.meetings.len(),
        slate.total_score,
        slate.upper_bound,
        slate.percent_of_bound()
    );
    println!(
        "buyers: none {}, at or above floor {} of {} ({:.2}%), min/median/max {}/{}/{}",
        figures.buyers.none.len(),
        buyers_at_floor,
        figures.buyers.participants,
        100.0 * buyers_at_floor as f64 / figures.buyers.participants.max(1) as f64,
        figures.buyers.min,
        figures.buyers.median,
        figures.buyers.max
    );
    println!(
        "sellers: none {}, below floor {}, min/median/max {}/{}/{}",
        figures.sellers.none.len(),
        figures.sellers.below_floor.len(),
        figures.sellers.min,
        figures.sellers.median,
        figures.sellers.max
    );
    println!(
        "meetings per block of {BLOCK} seller ids: {blocks:?} (max/min {:.2})",
        high as f64 / low.max(1) as f64
    );
    println!(
        "table changes: {}",
        table_changes(&solved.input, slate).len()
    );
    for day in interpreter_use(&solved.input, slate) {
        println!(
            "interpreters {:?}: {} of {} places, busiest {:?}",
            day.date, day.used, day.available, day.busiest
        );
    }
}

//! Scheduler speed on the synthetic summits. Needs `harness = false` for
//! this bench in Cargo.toml:
//!
//! ```toml
//! [[bench]]
//! name = "schedule"
//! harness = false
//! ```
//!
//! Run with `cargo bench --bench schedule`. Quality figures (share of the
//! bound, holes) are printed once per instance before timing.

use std::hint::black_box;
use std::ops::ControlFlow;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use matchslate::schedule::synthetic::{SyntheticSpec, generate};
use matchslate::schedule::{Floors, ScheduleOptions, count_holes, solve, solve_with, upper_bound};

fn scheduling(criterion: &mut Criterion) {
    let options = ScheduleOptions {
        time_limit: Duration::from_secs(2),
        seed: 7,
    };
    let mut group = criterion.benchmark_group("schedule");
    group.sample_size(10);
    for (name, spec) in [
        ("medium 90x60", SyntheticSpec::medium(1)),
        ("large 2000x500", SyntheticSpec::large(1)),
    ] {
        let input = generate(&spec);
        let slate = solve(&input, &options, &mut |_| ControlFlow::Continue(()));
        println!(
            "{name}: {} meetings, {:.2}% of the bound, {} holes, {} must-haves unscheduled",
            slate.meetings.len(),
            slate.percent_of_bound(),
            count_holes(&input, &slate),
            slate.unscheduled.len()
        );
        // What the coverage tier costs: the bound counts score only, so
        // floors that move meetings to weaker pairs lower the share.
        for (label, floors) in [
            (
                "buyers 3, sellers 0",
                Floors {
                    buyers: 3,
                    sellers: 0,
                },
            ),
            (
                "no floors",
                Floors {
                    buyers: 0,
                    sellers: 0,
                },
            ),
        ] {
            let solved = solve_with(&input, &options, floors, None, &mut |_| {
                ControlFlow::Continue(())
            });
            println!(
                "{name}, floors {label}: {} meetings, {:.2}% of the bound, {} holes, cut short in {:?}, bound: {}",
                solved.slate.meetings.len(),
                solved.slate.percent_of_bound(),
                count_holes(&input, &solved.slate),
                solved.report.cut_short,
                solved.report.bound.describe(),
            );
        }
        group.bench_function(format!("solve {name}"), |bench| {
            bench.iter(|| {
                solve(black_box(&input), &options, &mut |_| {
                    ControlFlow::Continue(())
                })
            })
        });
        group.bench_function(format!("upper_bound {name}"), |bench| {
            bench.iter(|| upper_bound(black_box(&input)))
        });
    }
    group.finish();
}

criterion_group!(benches, scheduling);
criterion_main!(benches);

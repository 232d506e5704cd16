//! Figures on the synthetic summits: time, score as a share of the bound,
//! holes. Timing lives in the criterion bench; these print and sanity-check.
//!
//! Run with `cargo test --release --test schedule_quality -- --ignored --nocapture`.

use std::ops::ControlFlow;
use std::time::{Duration, Instant};

use matchslate::schedule::synthetic::{SyntheticSpec, generate};
use matchslate::schedule::{ScheduleOptions, check, count_holes, solve, upper_bound};

fn report(name: &str, spec: &SyntheticSpec) -> f64 {
    let input = generate(spec);
    let started = Instant::now();
    let bound = upper_bound(&input);
    let bound_seconds = started.elapsed().as_secs_f64();
    let options = ScheduleOptions {
        time_limit: Duration::from_secs(2),
        seed: 7,
    };
    let started = Instant::now();
    let mut reports = 0;
    let slate = solve(&input, &options, &mut |_| {
        reports += 1;
        ControlFlow::Continue(())
    });
    let seconds = started.elapsed().as_secs_f64();
    assert_eq!(check(&input, &slate), vec![]);
    let interpreted = slate
        .meetings
        .iter()
        .filter(|meeting| meeting.interpreter)
        .count();
    println!(
        "{name}: {} candidates, {} meetings ({interpreted} interpreted), score {:.1} of bound {:.1} = {:.2}%, \
         holes {}, unscheduled must-haves {}, solve {seconds:.2} s (bound alone {bound_seconds:.2} s), {reports} progress reports",
        input.candidates.len(),
        slate.meetings.len(),
        slate.total_score,
        bound,
        slate.percent_of_bound(),
        count_holes(&input, &slate),
        slate.unscheduled.len(),
    );
    for entry in slate.unscheduled.iter().take(5) {
        println!("    unscheduled: {}", entry.reason);
    }
    slate.percent_of_bound()
}

#[test]
#[ignore = "prints figures; use --release"]
fn small_synthetic_figures() {
    report("small", &SyntheticSpec::small(1));
}

#[test]
#[ignore = "prints figures; use --release"]
fn medium_synthetic_figures() {
    report("medium", &SyntheticSpec::medium(1));
}

#[test]
#[ignore = "prints figures; use --release"]
fn large_synthetic_figures() {
    let percent = report("large", &SyntheticSpec::large(1));
    assert!(percent >= 97.0, "{percent:.2}% of the bound");
}

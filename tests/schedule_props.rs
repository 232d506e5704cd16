//! Properties of the scheduler on random small instances: no hard rule is
//! ever broken, must-haves are placed or explained, the same seed gives the
//! same slate, and on tiny instances the scheduler matches an exhaustive
//! search on the first objective while the bound stays above it.

use std::ops::ControlFlow;
use std::time::Duration;

use matchslate::model::{MeetingStatus, Slate};
use matchslate::schedule::{
    Floors, ScheduleInput, ScheduleOptions, check, solve, solve_with, upper_bound,
};
use proptest::prelude::*;

#[path = "support/instances.rs"]
mod instances;
use instances::instance;

fn run(input: &ScheduleInput, seed: u64) -> Slate {
    let options = ScheduleOptions {
        time_limit: Duration::from_secs(60),
        seed,
    };
    solve(input, &options, &mut |_| ControlFlow::Continue(()))
}

/// The best (must-haves placed, total score) over every slate, and the best
/// total score alone, by trying every slot (or none) for every candidate.
fn exhaustive(input: &ScheduleInput) -> ((usize, u32), u32) {
    struct Search<'a> {
        input: &'a ScheduleInput,
        busy: Vec<Vec<bool>>,
        count: Vec<u32>,
        load: Vec<u32>,
        interpreted: Vec<u32>,
        best_lexicographic: (usize, u32),
        best_score: u32,
    }
    impl Search<'_> {
        fn go(&mut self, next: usize, musts: usize, score: u32) {
            let input = self.input;
            if next == input.candidates.len() {
                self.best_lexicographic = self.best_lexicographic.max((musts, score));
                self.best_score = self.best_score.max(score);
                return;
            }
            self.go(next + 1, musts, score);
            let candidate = &input.candidates[next];
            let (seller, buyer) = (candidate.seller, input.sellers.len() + candidate.buyer);
            let people = [
                &input.sellers[candidate.seller],
                &input.buyers[candidate.buyer],
            ];
            if self.count[seller] >= people[0].max_meetings
                || self.count[buyer] >= people[1].max_meetings
            {
                return;
            }
            for slot in 0..input.slots.len() {
                let fits = people.iter().all(|person| person.available[slot])
                    && !self.busy[seller][slot]
                    && !self.busy[buyer][slot]
                    && self.load[slot] < input.tables
                    && (!candidate.interpreter || self.interpreted[slot] < input.interpreters);
                if !fits {
                    continue;
                }
                let interpreted = u32::from(candidate.interpreter);
                self.busy[seller][slot] = true;
                self.busy[buyer][slot] = true;
                self.count[seller] += 1;
                self.count[buyer] += 1;
                self.load[slot] += 1;
                self.interpreted[slot] += interpreted;
                let must = usize::from(candidate.status.is_must_have());
                self.go(next + 1, musts + must, score + candidate.score as u32);
                self.busy[seller][slot] = false;
                self.busy[buyer][slot] = false;
                self.count[seller] -= 1;
                self.count[buyer] -= 1;
                self.load[slot] -= 1;
                self.interpreted[slot] -= interpreted;
            }
        }
    }
    let people = input.sellers.len() + input.buyers.len();
    let mut search = Search {
        input,
        busy: vec![vec![false; input.slots.len()]; people],
        count: vec![0; people],
        load: vec![0; input.slots.len()],
        interpreted: vec![0; input.slots.len()],
        best_lexicographic: (0, 0),
        best_score: 0,
    };
    search.go(0, 0, 0);
    (search.best_lexicographic, search.best_score)
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(300)
}

proptest! {
    // 300 cases unless PROPTEST_CASES says otherwise.
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn slates_keep_every_hard_rule(input in instance(5, 8, 14, true), seed in 0u64..4) {
        let slate = run(&input, seed);
        prop_assert_eq!(check(&input, &slate), vec![]);
        for entry in &slate.unscheduled {
            prop_assert!(!entry.reason.is_empty());
            prop_assert!(!slate.meetings.iter().any(|m| (m.seller, m.buyer) == (entry.seller, entry.buyer)));
        }
        prop_assert!(slate.upper_bound + 1e-6 >= slate.total_score);
    }

    #[test]
    fn same_seed_same_slate(input in instance(5, 8, 14, true), seed in 0u64..1000) {
        prop_assert_eq!(run(&input, seed), run(&input, seed));
    }

    #[test]
    fn tiny_instances_reach_the_exhaustive_optimum(input in instance(4, 4, 8, false)) {
        // Score alone (no floors): the tiers this exhaustive search knows.
        let options = ScheduleOptions { time_limit: Duration::from_secs(60), seed: 0 };
        let no_floors = Floors { buyers: 0, sellers: 0 };
        let slate = solve_with(&input, &options, no_floors, None, &mut |_| ControlFlow::Continue(())).slate;
        prop_assert_eq!(check(&input, &slate), vec![]);
        let ((musts, score), best_score) = exhaustive(&input);
        let placed_musts = slate.meetings.iter().filter(|m| m.status != MeetingStatus::Proposed).count();
        prop_assert_eq!((placed_musts, slate.total_score.round() as u32), (musts, score));
        prop_assert!(upper_bound(&input) + 1e-6 >= f64::from(best_score));
    }
}

#[test]
fn the_medium_synthetic_summit_is_valid_and_deterministic() {
    use matchslate::schedule::synthetic::{SyntheticSpec, generate};
    let input = generate(&SyntheticSpec::medium(3));
    let first = run(&input, 11);
    assert_eq!(check(&input, &first), vec![]);
    assert!(
        first.percent_of_bound() > 97.0,
        "{}",
        first.percent_of_bound()
    );
    assert_eq!(first, run(&input, 11));
}

#[test]
fn progress_comes_at_most_every_100_ms_and_break_stops_the_search() {
    use matchslate::schedule::synthetic::{SyntheticSpec, generate};
    let input = generate(&SyntheticSpec::medium(4));
    let options = ScheduleOptions {
        time_limit: Duration::from_secs(60),
        seed: 1,
    };
    let mut seen = Vec::new();
    let slate = solve(&input, &options, &mut |progress| {
        seen.push(progress.elapsed);
        if seen.len() == 3 {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
    assert_eq!(check(&input, &slate), vec![]);
    for pair in seen.windows(2) {
        assert!(pair[1] - pair[0] >= Duration::from_millis(100), "{seen:?}");
    }
    assert!(seen.len() <= 3);
}

proptest! {
    // Bigger instances cost more: a fifth of the cases.
    #![proptest_config(ProptestConfig { cases: cases().div_ceil(5), ..ProptestConfig::default() })]

    #[test]
    fn larger_slates_keep_every_hard_rule(input in instance(9, 12, 60, true), seed in 0u64..4) {
        let slate = run(&input, seed);
        prop_assert_eq!(check(&input, &slate), vec![]);
        prop_assert!(slate.upper_bound + 1e-6 >= slate.total_score);
    }
}

#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The time limit and a caller's stop are honoured however the event is
//! shaped: long days (hundreds of slots) and many days used to spend most
//! of their time in a slot-by-slot hole count that ignored the clock.
//! The margins are generous (a shared test machine), but far below the
//! tens of seconds these runs took before.

use std::ops::ControlFlow;
use std::time::{Duration, Instant};

use matchslate::schedule::synthetic::{SyntheticSpec, generate};
use matchslate::schedule::{ScheduleOptions, check, solve};

fn spec(days: usize, slots_per_day: usize) -> SyntheticSpec {
    SyntheticSpec {
        days,
        slots_per_day,
        ..SyntheticSpec::medium(5)
    }
}

#[test]
fn one_long_day_of_one_minute_slots_stops_near_the_time_limit() {
    let input = generate(&spec(1, 480));
    let options = ScheduleOptions {
        time_limit: Duration::from_millis(300),
        seed: 1,
    };
    let started = Instant::now();
    let slate = solve(&input, &options, &mut |_| ControlFlow::Continue(()));
    let took = started.elapsed();
    assert_eq!(check(&input, &slate), vec![]);
    assert!(!slate.meetings.is_empty());
    assert!(took < Duration::from_secs(3), "took {took:?}");
}

#[test]
fn a_caller_stop_on_a_ninety_day_event_ends_the_search_promptly() {
    let input = generate(&spec(90, 12));
    let options = ScheduleOptions {
        time_limit: Duration::from_secs(120),
        seed: 2,
    };
    let mut asked_at = None;
    let slate = solve(&input, &options, &mut |progress| {
        if progress.meetings > 0 || progress.elapsed > Duration::from_millis(300) {
            asked_at.get_or_insert_with(Instant::now);
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
    let after_stop = asked_at.expect("progress was reported").elapsed();
    assert_eq!(check(&input, &slate), vec![]);
    assert!(
        after_stop < Duration::from_secs(3),
        "ran {after_stop:?} after the stop"
    );
}

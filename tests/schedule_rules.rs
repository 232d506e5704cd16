//! Hand-made cases: lock conflicts and their reasons, unscheduled reasons,
//! `check` catching each broken rule, manual moves, hole counting.

use std::ops::ControlFlow;

use jiff::civil::{date, time};
use matchslate::model::{Meeting, MeetingStatus, Slate, Slot};
use matchslate::schedule::{
    ManualMove, Pair, PairStatus, Participant, ScheduleInput, ScheduleOptions, Violation,
    apply_move, check, check_move, count_holes, solve, upper_bound,
};

/// `per_day` slots a day from 09:00, 20 minutes each.
fn slots(days: usize, per_day: usize) -> Vec<Slot> {
    (0..days * per_day)
        .map(|index| {
            let minutes = 20 * (index % per_day) as i64;
            let start = time(9, 0, 0, 0).saturating_add(jiff::SignedDuration::from_mins(minutes));
            Slot {
                index,
                day: index / per_day,
                date: date(2026, 5, 12 + (index / per_day) as i8),
                start,
                end: start.saturating_add(jiff::SignedDuration::from_mins(20)),
            }
        })
        .collect()
}

fn people(prefix: &str, count: usize, max_meetings: u32, slot_count: usize) -> Vec<Participant> {
    (0..count)
        .map(|index| Participant {
            name: format!("{prefix}{:03}", index + 1),
            max_meetings,
            available: vec![true; slot_count],
        })
        .collect()
}

fn pair(seller: usize, buyer: usize, score: f64, status: PairStatus) -> Pair {
    Pair {
        seller,
        buyer,
        score,
        interpreter: false,
        status,
        wish: Default::default(),
    }
}

fn input(
    sellers: usize,
    buyers: usize,
    slot_count: usize,
    tables: u32,
    candidates: Vec<Pair>,
) -> ScheduleInput {
    ScheduleInput {
        slots: slots(1, slot_count),
        tables,
        interpreters: 0,
        sellers: people("S", sellers, 6, slot_count),
        buyers: people("B", buyers, 6, slot_count),
        candidates,
        good_score: 80.0,
    }
}

fn run(input: &ScheduleInput) -> Slate {
    solve(input, &ScheduleOptions::default(), &mut |_| {
        ControlFlow::Continue(())
    })
}

fn reason_for(slate: &Slate, seller: usize, buyer: usize) -> String {
    slate
        .unscheduled
        .iter()
        .find(|entry| (entry.seller, entry.buyer) == (seller, buyer))
        .map(|entry| entry.reason.clone())
        .unwrap_or_default()
}

const fn locked(slot: usize, table: u32) -> PairStatus {
    PairStatus::Locked { slot, table }
}

#[test]
fn conflicting_locks_keep_the_first_and_explain_the_rest() {
    let mut summit = input(
        4,
        4,
        4,
        3,
        vec![
            pair(0, 0, 50.0, locked(1, 2)),
            pair(1, 1, 50.0, locked(1, 2)), // same slot and table
            pair(0, 2, 50.0, locked(1, 0)), // seller 0 already locked then
            pair(2, 3, 50.0, locked(3, 0)), // outside the buyer's availability
            pair(3, 3, 50.0, locked(9, 0)), // no such slot
            pair(3, 2, 50.0, locked(0, 7)), // no such table
        ],
    );
    summit.buyers[3].available[3] = false;
    let slate = run(&summit);
    assert_eq!(check(&summit, &slate), vec![]);
    let kept = &slate.meetings[0];
    assert_eq!(
        (kept.seller, kept.buyer, kept.slot, kept.table),
        (0, 0, 1, 2)
    );
    assert_eq!(kept.status, MeetingStatus::Locked);
    assert_eq!(slate.meetings.len(), 1);
    assert!(reason_for(&slate, 1, 1).contains("both this pair and seller S001 with buyer B001"));
    assert!(reason_for(&slate, 0, 2).contains("seller S001 is already locked at the 09:20 slot"));
    assert!(reason_for(&slate, 2, 3).contains("outside buyer B004's availability"));
    assert!(reason_for(&slate, 3, 3).contains("the event has only 4 slots"));
    assert!(reason_for(&slate, 3, 2).contains("the event has only 3 tables"));
}

#[test]
fn accepted_pairs_that_cannot_meet_say_why() {
    let mut summit = input(
        3,
        3,
        3,
        2,
        vec![
            pair(0, 0, 10.0, PairStatus::Accepted),
            pair(1, 1, 10.0, PairStatus::Accepted),
            pair(1, 2, 10.0, PairStatus::Accepted),
            pair(2, 2, 90.0, PairStatus::Proposed),
        ],
    );
    summit.sellers[0].available = vec![true, false, false];
    summit.buyers[0].available = vec![false, true, true];
    summit.sellers[1].max_meetings = 1;
    let slate = run(&summit);
    assert_eq!(check(&summit, &slate), vec![]);
    assert_eq!(
        reason_for(&slate, 0, 0),
        "seller S001 has no free slot in common with buyer B001"
    );
    let capped = [reason_for(&slate, 1, 1), reason_for(&slate, 1, 2)];
    assert!(
        capped.iter().any(|reason| reason
            == "seller S002 is at max_meetings 1 with accepted or locked meetings alone"),
        "{capped:?}"
    );
    // Accepted pairs do not crowd out a proposed one when there is room.
    assert!(slate.meetings.iter().any(|m| (m.seller, m.buyer) == (2, 2)));
}

#[test]
fn must_haves_come_before_score() {
    // One slot, one table: the accepted low-score pair wins over the proposed 100.
    let summit = input(
        2,
        2,
        1,
        1,
        vec![
            pair(0, 0, 100.0, PairStatus::Proposed),
            pair(1, 1, 5.0, PairStatus::Accepted),
        ],
    );
    let slate = run(&summit);
    assert_eq!(slate.meetings.len(), 1);
    assert_eq!((slate.meetings[0].seller, slate.meetings[0].buyer), (1, 1));
    assert!((upper_bound(&summit) - 100.0).abs() < 1e-9);
}

fn meeting(seller: usize, buyer: usize, slot: usize, table: u32) -> Meeting {
    Meeting {
        seller,
        buyer,
        slot,
        table,
        score: 50.0,
        interpreter: false,
        status: MeetingStatus::Proposed,
    }
}

#[test]
fn check_reports_each_broken_rule() {
    let mut summit = input(
        2,
        2,
        3,
        2,
        vec![
            pair(0, 0, 50.0, PairStatus::Proposed),
            pair(0, 1, 50.0, PairStatus::Proposed),
            pair(1, 1, 50.0, locked(2, 1)),
            pair(1, 0, 50.0, PairStatus::Accepted),
        ],
    );
    summit.sellers[0].max_meetings = 1;
    summit.buyers[0].available[2] = false;
    let slate = Slate {
        meetings: vec![
            meeting(0, 0, 0, 0),
            meeting(0, 1, 0, 0), // seller 0 twice in slot 0, table 0 shared, over max
            meeting(1, 1, 1, 1), // locked elsewhere
            meeting(0, 0, 2, 5), // pair twice, buyer 0 away, no table 5
        ],
        ..Slate::default()
    };
    let violations = check(&summit, &slate);
    use matchslate::model::Side::{Buyer, Seller};
    for expected in [
        Violation::LockedMisplaced {
            meeting: 2,
            slot: 2,
            table: 1,
        },
        Violation::UnknownTable {
            meeting: 3,
            table: 5,
            tables: 2,
        },
        Violation::Unavailable {
            meeting: 3,
            side: Buyer,
            participant: 0,
            slot: 2,
        },
        Violation::DoubleBooked {
            side: Seller,
            participant: 0,
            slot: 0,
            meetings: 2,
        },
        Violation::TableShared {
            slot: 0,
            table: 0,
            meetings: 2,
        },
        Violation::OverMaxMeetings {
            side: Seller,
            participant: 0,
            meetings: 3,
            max: 1,
        },
        Violation::PairMeetsTwice {
            seller: 0,
            buyer: 0,
            meetings: 2,
        },
        Violation::MustHaveMissing {
            seller: 1,
            buyer: 0,
        },
    ] {
        assert!(
            violations.contains(&expected),
            "{expected:?} not in {violations:?}"
        );
    }
}

#[test]
fn manual_moves_are_refused_in_words_when_they_break_a_rule() {
    let mut summit = input(
        2,
        2,
        3,
        2,
        vec![
            pair(0, 0, 50.0, PairStatus::Proposed),
            pair(1, 1, 50.0, locked(0, 1)),
            pair(1, 0, 50.0, PairStatus::Proposed),
        ],
    );
    summit.buyers[0].available[2] = false;
    let slate = Slate {
        meetings: vec![
            meeting(0, 0, 0, 0),
            meeting(1, 1, 0, 1),
            meeting(1, 0, 1, 0),
        ],
        ..Slate::default()
    };
    assert_eq!(check(&summit, &slate), vec![]);
    let refused = |request| check_move(&summit, &slate, request).map_err(|refusal| refusal.reason);
    assert_eq!(
        refused(ManualMove::Relocate {
            meeting: 0,
            slot: 2,
            table: 0
        }),
        Err("buyer B001 is not available at the 09:40 slot on 2026-05-12".to_string())
    );
    assert!(
        refused(ManualMove::Relocate {
            meeting: 1,
            slot: 2,
            table: 0
        })
        .is_err_and(|reason| reason.contains("is locked at table 2 at the 09:00 slot"))
    );
    assert!(
        refused(ManualMove::Relocate {
            meeting: 0,
            slot: 1,
            table: 0
        })
        .is_err_and(|reason| reason.contains("is taken by seller S002 with buyer B001"))
    );
    assert!(
        refused(ManualMove::Swap {
            first: 0,
            second: 2
        })
        .is_err_and(|reason| reason.contains("seller S002 would be in 2 meetings"))
    );
    let moved = apply_move(
        &summit,
        &slate,
        ManualMove::Relocate {
            meeting: 0,
            slot: 0,
            table: 0,
        },
    );
    assert_eq!(moved.as_ref().map(|moved| moved.meetings[0].slot), Ok(0));
    assert_eq!(
        refused(ManualMove::Relocate {
            meeting: 2,
            slot: 1,
            table: 1
        }),
        Ok(())
    );
}

#[test]
fn holes_are_runs_of_empty_slots_within_a_day() {
    let summit = ScheduleInput {
        slots: slots(2, 6),
        ..input(2, 2, 12, 2, Vec::new())
    };
    let at = |slots: &[usize]| Slate {
        meetings: slots.iter().map(|&slot| meeting(0, 0, slot, 0)).collect(),
        ..Slate::default()
    };
    // Seller 0 and buyer 0 share the meetings, so each hole counts twice.
    assert_eq!(count_holes(&summit, &at(&[0, 1, 2])), 0);
    assert_eq!(count_holes(&summit, &at(&[0, 2])), 2);
    assert_eq!(count_holes(&summit, &at(&[0, 3, 5])), 4);
    assert_eq!(count_holes(&summit, &at(&[0, 5, 6, 11])), 4);
    assert_eq!(
        count_holes(&summit, &at(&[5, 6])),
        0,
        "the night is not a hole"
    );
}

#[test]
fn the_solver_closes_holes_it_can() {
    // Buyer 0 meets three sellers; any order in consecutive slots is hole-free.
    let summit = input(
        3,
        1,
        8,
        3,
        (0..3)
            .map(|seller| pair(seller, 0, 50.0, PairStatus::Accepted))
            .collect(),
    );
    let slate = run(&summit);
    assert_eq!(slate.meetings.len(), 3);
    assert_eq!(count_holes(&summit, &slate), 0);
}

#[test]
fn equal_scores_go_to_the_slate_covering_more_good_participants() {
    // Two slots, one table: A meets b0 and b1, or A meets b1 and B meets b0.
    // Both score 100; the second gives every participant a meeting.
    let mut summit = input(
        2,
        2,
        2,
        1,
        vec![
            pair(0, 0, 50.0, PairStatus::Proposed),
            pair(0, 1, 50.0, PairStatus::Proposed),
            pair(1, 0, 50.0, PairStatus::Proposed),
        ],
    );
    summit.good_score = 40.0;
    let slate = run(&summit);
    let mut pairs: Vec<(usize, usize)> =
        slate.meetings.iter().map(|m| (m.seller, m.buyer)).collect();
    pairs.sort_unstable();
    assert_eq!(pairs, vec![(0, 1), (1, 0)]);
}

#[test]
fn stopping_at_once_still_gives_a_valid_slate_with_what_fits() {
    let summit = input(
        3,
        3,
        4,
        2,
        (0..3)
            .flat_map(|seller| {
                (0..3).map(move |buyer| pair(seller, buyer, 60.0, PairStatus::Accepted))
            })
            .collect(),
    );
    let options = ScheduleOptions {
        time_limit: std::time::Duration::ZERO,
        seed: 0,
    };
    let slate = solve(&summit, &options, &mut |_| ControlFlow::Break(()));
    assert_eq!(check(&summit, &slate), vec![]);
    assert!(!slate.meetings.is_empty());
    assert!(slate.upper_bound >= slate.total_score);
}

#[test]
fn degenerate_inputs_give_valid_slates_without_panicking() {
    let empty = ScheduleInput {
        slots: Vec::new(),
        tables: 0,
        interpreters: 0,
        sellers: Vec::new(),
        buyers: Vec::new(),
        candidates: Vec::new(),
        good_score: 50.0,
    };
    let slate = run(&empty);
    assert_eq!(slate, Slate::default());
    assert_eq!(upper_bound(&empty), 0.0);

    let mut odd = input(
        2,
        2,
        3,
        0,
        vec![
            pair(0, 0, f64::NAN, PairStatus::Accepted),
            pair(0, 1, 250.0, PairStatus::Proposed),
            pair(5, 1, 50.0, PairStatus::Accepted), // no such seller
            pair(1, 1, -3.0, locked(0, 0)),         // no table at all
        ],
    );
    odd.sellers[1].available.truncate(1); // shorter than the slot list
    odd.good_score = f64::NAN;
    let slate = run(&odd);
    assert_eq!(check(&odd, &slate), vec![]);
    assert!(slate.meetings.is_empty());
    assert!(reason_for(&slate, 5, 1).contains("there are 2 sellers"));
    assert!(reason_for(&slate, 1, 1).contains("only 0 tables"));

    odd.tables = 1;
    odd.candidates[1].interpreter = true; // and no interpreters
    let slate = run(&odd);
    assert_eq!(check(&odd, &slate), vec![]);
    assert_eq!(slate.meetings.len(), 2, "{slate:?}");
    assert!(
        slate
            .meetings
            .iter()
            .all(|m| (0.0..=100.0).contains(&m.score))
    );
}

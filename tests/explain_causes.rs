#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `explain` names the first cause that keeps each unmet pair apart, one
//! test per cause, each on a small crafted summit, plus its hints.

use jiff::civil::{Time, date};
use matchslate::model::{Meeting, MeetingStatus, Side, Slate, Slot};
use matchslate::schedule::{
    Blocker, Considered, Hint, Pair, PairStatus, Participant, ScheduleInput, explain,
};

/// One day of `slots` slots; `free` lists each participant's free slots.
fn summit(
    slots: usize,
    tables: u32,
    interpreters: u32,
    sellers: &[(u32, &[usize])],
    buyers: &[(u32, &[usize])],
    pairs: &[(usize, usize, f64, bool)],
) -> ScheduleInput {
    let people = |prefix: &str, list: &[(u32, &[usize])]| -> Vec<Participant> {
        list.iter()
            .enumerate()
            .map(|(index, &(max_meetings, free))| Participant {
                name: format!("{prefix}{index}"),
                max_meetings,
                available: (0..slots).map(|slot| free.contains(&slot)).collect(),
            })
            .collect()
    };
    ScheduleInput {
        slots: (0..slots)
            .map(|index| Slot {
                index,
                day: 0,
                date: date(2026, 5, 12),
                start: Time::constant(9 + index as i8, 0, 0, 0),
                end: Time::constant(9 + index as i8, 30, 0, 0),
            })
            .collect(),
        tables,
        interpreters,
        sellers: people("S", sellers),
        buyers: people("B", buyers),
        candidates: pairs
            .iter()
            .map(|&(seller, buyer, score, interpreter)| Pair {
                seller,
                buyer,
                score,
                interpreter,
                status: PairStatus::Proposed,
                wish: Default::default(),
            })
            .collect(),
        good_score: 40.0,
    }
}

fn meeting(
    seller: usize,
    buyer: usize,
    slot: usize,
    table: u32,
    score: f64,
    interpreter: bool,
) -> Meeting {
    Meeting {
        seller,
        buyer,
        slot,
        table,
        score,
        interpreter,
        status: MeetingStatus::Proposed,
    }
}

fn slate(meetings: Vec<Meeting>) -> Slate {
    Slate {
        total_score: meetings.iter().map(|m| m.score).sum(),
        meetings,
        ..Slate::default()
    }
}

fn first_blocker(
    input: &ScheduleInput,
    slate: &Slate,
    side: Side,
    index: usize,
    considered: &[Considered],
) -> Blocker {
    let explained = explain(input, slate, side, index, considered, 40.0).unwrap();
    explained.unmet[0].blocker.clone()
}

#[test]
fn a_pair_staff_rejected_says_so() {
    let input = summit(2, 1, 0, &[(2, &[0, 1])], &[(2, &[0, 1])], &[]);
    let rejected = Considered {
        other: 0,
        score: 90.0,
        rejected: true,
    };
    assert_eq!(
        first_blocker(&input, &slate(vec![]), Side::Seller, 0, &[rejected]),
        Blocker::StaffRejected
    );
}

#[test]
fn a_pair_under_the_minimum_score_says_by_how_much() {
    let input = summit(2, 1, 0, &[(2, &[0, 1])], &[(2, &[0, 1])], &[]);
    let weak = Considered {
        other: 0,
        score: 31.5,
        rejected: false,
    };
    assert_eq!(
        first_blocker(&input, &slate(vec![]), Side::Buyer, 0, &[weak]),
        Blocker::BelowMinScore {
            score: 31.5,
            min_score: 40.0
        }
    );
}

#[test]
fn a_pair_never_free_together_has_no_common_slot() {
    let input = summit(2, 1, 0, &[(2, &[0])], &[(2, &[1])], &[(0, 0, 80.0, false)]);
    let explained = explain(&input, &slate(vec![]), Side::Seller, 0, &[], 40.0).unwrap();
    assert_eq!(explained.unmet[0].blocker, Blocker::NoCommonSlot);
    assert_eq!(
        (
            explained.meetings,
            explained.free_slots,
            explained.candidates
        ),
        (0, 1, 1)
    );
    assert!(
        explained
            .to_text(&input)
            .contains("never free at the same time")
    );
}

#[test]
fn a_full_counterpart_names_who_took_the_places_and_suggests_accepting() {
    // B0 (max 1) meets S1; S0 asks why not B0.
    let input = summit(
        2,
        2,
        0,
        &[(2, &[0, 1]), (2, &[0, 1])],
        &[(1, &[0, 1])],
        &[(0, 0, 70.0, false), (1, 0, 90.0, false)],
    );
    let on = slate(vec![meeting(1, 0, 0, 0, 90.0, false)]);
    let explained = explain(&input, &on, Side::Seller, 0, &[], 40.0).unwrap();
    assert_eq!(
        explained.unmet[0].blocker,
        Blocker::CounterpartFull {
            max: 1,
            taken_by: vec![(1, 90.0)]
        }
    );
    assert!(explained.hints.contains(&Hint::ConsiderAccepting {
        full: 1,
        of_top: 1,
        other: 0
    }));
    let text = explained.to_text(&input);
    assert!(text.contains("taken by seller S1 (90.0)"), "{text}");
    assert!(text.contains("consider accepting buyer B0"), "{text}");
}

#[test]
fn full_tables_in_every_common_slot() {
    // One table; slot 0 is the only common slot and S1-B1 sit there.
    let input = summit(
        2,
        1,
        0,
        &[(2, &[0]), (2, &[0, 1])],
        &[(2, &[0]), (2, &[0, 1])],
        &[(0, 0, 80.0, false), (1, 1, 60.0, false)],
    );
    let on = slate(vec![meeting(1, 1, 0, 0, 60.0, false)]);
    assert_eq!(
        first_blocker(&input, &on, Side::Buyer, 0, &[]),
        Blocker::TablesFull { common_slots: 1 }
    );
}

#[test]
fn no_interpreter_left_in_the_common_slots() {
    let input = summit(
        1,
        3,
        1,
        &[(2, &[0]), (2, &[0])],
        &[(2, &[0]), (2, &[0])],
        &[(0, 0, 80.0, true), (1, 1, 60.0, true)],
    );
    let on = slate(vec![meeting(1, 1, 0, 0, 60.0, true)]);
    assert_eq!(
        first_blocker(&input, &on, Side::Seller, 0, &[]),
        Blocker::NoInterpreter { common_slots: 1 }
    );
}

#[test]
fn outranked_by_a_better_meeting_in_the_same_slot() {
    // S0's only common slot with B0 holds its better meeting with B1.
    let input = summit(
        2,
        2,
        0,
        &[(2, &[0, 1])],
        &[(2, &[0]), (2, &[0, 1])],
        &[(0, 0, 50.0, false), (0, 1, 90.0, false)],
    );
    let on = slate(vec![meeting(0, 1, 0, 0, 90.0, false)]);
    assert_eq!(
        first_blocker(&input, &on, Side::Buyer, 0, &[]),
        Blocker::Outranked {
            common_slots: 1,
            by: vec![(0, 1, 90.0)]
        }
    );
}

#[test]
fn own_max_and_a_free_day_hint() {
    // B0 is free only in slot 0; S0 and S1 are free in both; one table
    // left in slot 1. Being free in slot 1 would allow one more meeting.
    let input = summit(
        2,
        2,
        0,
        &[(2, &[0, 1]), (2, &[0, 1])],
        &[(2, &[0])],
        &[(0, 0, 80.0, false), (1, 0, 70.0, false)],
    );
    let on = slate(vec![meeting(0, 0, 0, 0, 80.0, false)]);
    let explained = explain(&input, &on, Side::Buyer, 0, &[], 40.0).unwrap();
    assert_eq!(explained.unmet[0].other, 1);
    assert!(matches!(
        explained.unmet[0].blocker,
        Blocker::Outranked { .. }
    ));
    assert!(
        explained.hints.contains(&Hint::FreeOnDay {
            date: date(2026, 5, 12),
            meetings: 1
        }),
        "{:?}",
        explained.hints
    );
    let full = summit(
        1,
        2,
        0,
        &[(1, &[0]), (1, &[0])],
        &[(1, &[0])],
        &[(0, 0, 80.0, false), (1, 0, 70.0, false)],
    );
    let met = slate(vec![meeting(0, 0, 0, 0, 80.0, false)]);
    assert_eq!(
        first_blocker(&full, &met, Side::Buyer, 0, &[]),
        Blocker::AtOwnMax { max: 1 }
    );
}

#[test]
fn json_names_the_cause() {
    let input = summit(2, 1, 0, &[(2, &[0])], &[(2, &[1])], &[(0, 0, 80.0, false)]);
    let explained = explain(&input, &slate(vec![]), Side::Seller, 0, &[], 40.0).unwrap();
    let json = serde_json::to_value(&explained).unwrap();
    assert_eq!(json["side"], "seller");
    assert_eq!(json["unmet"][0]["blocker"]["cause"], "no_common_slot");
}

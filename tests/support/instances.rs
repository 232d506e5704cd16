//! Random small scheduler instances for property tests (shared by
//! `schedule_props` and `fair_objective`).

use jiff::civil::{Time, date};
use matchslate::model::Slot;
use matchslate::schedule::{Pair, PairStatus, Participant, ScheduleInput};
use proptest::prelude::*;

pub fn slots(count: usize, per_day: usize) -> Vec<Slot> {
    (0..count)
        .map(|index| Slot {
            index,
            day: index / per_day,
            date: date(2026, 5, 12),
            start: Time::midnight(),
            end: Time::midnight(),
        })
        .collect()
}

fn participant(name: String, max_meetings: u32, available: Vec<bool>) -> Participant {
    Participant {
        name,
        max_meetings,
        available,
    }
}

/// Statuses drawn for candidates: mostly proposed, some accepted, and (when
/// `locks` is set) some locked, sometimes at slots or tables that do not
/// exist.
fn status(locks: bool, slot_count: usize, tables: u32) -> impl Strategy<Value = PairStatus> {
    let lock_weight = if locks { 2 } else { 0 };
    prop_oneof![
        5 => Just(PairStatus::Proposed),
        3 => Just(PairStatus::Accepted),
        lock_weight => (0..slot_count + 1, 0..tables + 1)
            .prop_map(|(slot, table)| PairStatus::Locked { slot, table }),
    ]
}

prop_compose! {
    pub fn instance(max_side: usize, max_slots: usize, max_candidates: usize, locks: bool)
        (sellers in 1..=max_side, buyers in 1..=max_side, slot_count in 1..=max_slots,
         per_day in 1..=max_slots, tables in 1u32..=3, interpreters in 0u32..=2)
        (people in prop::collection::vec(
            (0u32..=4, prop::collection::vec(prop::bool::weighted(0.8), slot_count)),
            sellers + buyers),
         candidates in prop::collection::vec(
            (0..sellers, 0..buyers, 0u32..=100, prop::bool::weighted(0.3), status(locks, slot_count, tables)),
            0..=max_candidates),
         good_score in 30.0f64..=90.0,
         sellers in Just(sellers), slot_count in Just(slot_count), per_day in Just(per_day),
         tables in Just(tables), interpreters in Just(interpreters))
        -> ScheduleInput
    {
        let mut people = people.into_iter().enumerate().map(|(index, (max, available))| {
            participant(format!("P{index}"), max, available)
        });
        let seller_list: Vec<Participant> = people.by_ref().take(sellers).collect();
        let buyer_list: Vec<Participant> = people.collect();
        let mut seen = std::collections::HashSet::new();
        let candidates = candidates
            .into_iter()
            .filter(|&(seller, buyer, ..)| seen.insert((seller, buyer)))
            .map(|(seller, buyer, score, interpreter, status)| Pair {
                seller,
                buyer,
                score: f64::from(score),
                interpreter,
                status,
                wish: Default::default(),
            })
            .collect();
        ScheduleInput {
            slots: slots(slot_count, per_day),
            tables,
            interpreters,
            sellers: seller_list,
            buyers: buyer_list,
            candidates,
            good_score,
        }
    }
}

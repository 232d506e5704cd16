//! Properties of the day's repair on random small summits: whatever `now`
//! and whoever is absent, late or gone, nothing before `now` changes,
//! locked meetings stay, nobody meets outside their new hours, and the
//! scheduler's checker finds no broken rule.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{HashMap, HashSet};
use std::ops::ControlFlow;
use std::time::Duration;

use jiff::SignedDuration;
use matchslate::model::{Meeting, Side};
use matchslate::schedule::synthetic::{SyntheticSpec, generate};
use matchslate::schedule::{
    PairStatus, RepairInput, ScheduleInput, ScheduleOptions, check, repair, solve,
};
use proptest::prelude::*;

/// 0 present, 1 absent on the day of `now`, 2 late until a slot's start,
/// 3 left from a slot's start.
fn cut(rules: &mut ScheduleInput, side: Side, p: usize, how: u8, day: usize, at: usize) {
    let slots = rules.slots.clone();
    let available = match side {
        Side::Seller => &mut rules.sellers[p].available,
        Side::Buyer => &mut rules.buyers[p].available,
    };
    for slot in &slots {
        let gone = match how {
            1 => slot.day == day,
            2 => slot.day == day && slot.index < at,
            3 => slot.day == day && slot.index >= at,
            _ => false,
        };
        if gone && slot.index < available.len() {
            available[slot.index] = false;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn guarantees_hold_for_any_now_and_absences(
        seed in 0u64..10_000,
        sellers in 4usize..24,
        buyers in 4usize..16,
        days in 1usize..=2,
        per_day in 3usize..=8,
        tables in 1u32..=8,
        interpreters in 0u32..=2,
        per_buyer in 2usize..=8,
        locked in 0usize..=4,
        now_slot in 0usize..=16,
        now_extra in 0i64..20,
        presence in prop::collection::vec((0u8..=3, 0usize..16), 40),
        walk_in_count in 0usize..=3,
    ) {
        let spec = SyntheticSpec {
            sellers, buyers, days, slots_per_day: per_day, tables, interpreters,
            candidates_per_buyer: per_buyer, locked, max_meetings: 2..=5,
            ..SyntheticSpec::small(seed)
        };
        let full = generate(&spec);
        // Walk-ins: the last buyers, unavailable when the base was made.
        let walk_ins: Vec<(Side, usize)> =
            (buyers - walk_in_count.min(buyers - 1)..buyers).map(|b| (Side::Buyer, b)).collect();
        let mut planned = full.clone();
        for &(_, b) in &walk_ins {
            planned.buyers[b].available.fill(false);
        }
        let options = ScheduleOptions { time_limit: Duration::from_millis(40), seed };
        let base = solve(&planned, &options, &mut |_| ControlFlow::Continue(()));
        prop_assert!(check(&planned, &base).is_empty());

        let slot_count = full.slots.len();
        let now_slot = now_slot.min(slot_count);
        let now = match full.slots.get(now_slot) {
            Some(slot) => slot.date.to_datetime(slot.start)
                .saturating_add(SignedDuration::from_mins(now_extra)),
            None => full.slots[slot_count - 1].date.to_datetime(full.slots[slot_count - 1].end),
        };
        let day = full.slots.get(now_slot).map_or(0, |s| s.day);
        let mut rules = full.clone();
        let everyone: Vec<(Side, usize)> = (0..sellers).map(|s| (Side::Seller, s))
            .chain((0..buyers).map(|b| (Side::Buyer, b))).collect();
        for (i, &(side, p)) in everyone.iter().enumerate() {
            let (how, at) = presence[i % presence.len()];
            cut(&mut rules, side, p, how, day, at % slot_count);
        }
        let input = RepairInput {
            rules: rules.clone(),
            base: base.meetings.clone(),
            now,
            walk_ins: walk_ins.clone(),
            wished: HashSet::new(),
            upper_bound: base.upper_bound,
        };
        let result = repair(&input);
        let is_past = |m: &Meeting| {
            let slot = &full.slots[m.slot];
            slot.date.to_datetime(slot.start) < now
        };
        // Nothing before now changes: the same past meetings, no new ones.
        let key = |m: &Meeting| (m.seller, m.buyer, m.slot, m.table);
        let past_before: HashSet<_> = base.meetings.iter().filter(|m| is_past(m)).map(key).collect();
        let past_after: HashSet<_> = result.slate.meetings.iter().filter(|m| is_past(m)).map(key).collect();
        prop_assert_eq!(past_before, past_after);
        // Nobody meets outside their new hours from now on.
        for m in result.slate.meetings.iter().filter(|m| !is_past(m)) {
            prop_assert!(rules.sellers[m.seller].available[m.slot], "{m:?}");
            prop_assert!(rules.buyers[m.buyer].available[m.slot], "{m:?}");
        }
        // Locked meetings whose sides can still attend stay where they are.
        let after: HashSet<_> = result.slate.meetings.iter().map(key).collect();
        let locks: HashMap<(usize, usize), PairStatus> = rules.candidates.iter()
            .map(|p| ((p.seller, p.buyer), p.status)).collect();
        for m in &base.meetings {
            let locked_here = matches!(locks.get(&(m.seller, m.buyer)),
                Some(PairStatus::Locked { slot, table }) if (*slot, *table) == (m.slot, m.table));
            let can_attend = rules.sellers[m.seller].available[m.slot]
                && rules.buyers[m.buyer].available[m.slot];
            if locked_here && (can_attend || is_past(m)) {
                prop_assert!(after.contains(&key(m)), "lock {m:?} moved");
            }
        }
        // Every other hard rule, by the scheduler's own checker.
        let violations = check(&result.rules, &result.slate);
        prop_assert!(violations.is_empty(), "{violations:?}");
        // The figures account for every meeting of the base.
        let f = result.figures;
        prop_assert_eq!(f.past + f.kept + f.moved + f.lost_to_absences + f.lost_otherwise,
            base.meetings.len());
        prop_assert_eq!(result.slate.meetings.len(),
            f.past + f.kept + f.moved + f.replacements + f.walk_in_meetings + f.added_for_score + f.new_locks);
    }
}

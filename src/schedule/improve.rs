//! Raises the objective by inserting unscheduled candidates: straight into
//! a free slot, or by ejecting what is in the way and re-seating each ejected
//! meeting elsewhere (see `chain`). A move is kept only if the whole
//! objective improves. Cheap upper bounds on each move's gain skip most
//! hopeless ones without trying them, which is what keeps this fast on
//! 20,000 candidates.

use std::cmp::Ordering;

use super::Phase;
use super::chain::Chains;
use super::construct::best_free_slot;
use super::eject::{Choice, ejections_for, worth};
use super::objective::{COVERAGE_LEVELS, Worth};
use super::pacer::Pacer;
use super::state::{NONE, Objective, Plan, scramble};

const MAX_SWEEPS: usize = 6;

pub(super) fn improve(plan: &mut Plan, pacer: &mut Pacer) {
    // Stopped already: sorting every candidate for nothing took a second
    // of a 2 s limit on a million sellers.
    if pacer.stopped() {
        return;
    }
    pacer.enter(Phase::Improve, plan);
    let problem = plan.problem;
    let mut order: Vec<usize> = (0..problem.cands.len())
        .filter(|&cand| problem.common.count_row(cand) > 0)
        .collect();
    // Pairs that can lift someone towards their floor first (coverage is
    // the higher tier), then by worth; ties in a seeded shuffle.
    order.sort_by_key(|&cand| {
        (
            !may_raise_floor(plan, cand),
            std::cmp::Reverse(worth(plan, cand)),
            scramble(cand as u32, problem.salt),
        )
    });
    // Sweep in which each participant's meetings last changed; a candidate
    // whose two sides did not change since it last failed is not retried.
    let mut changed_in = vec![0usize; problem.participant_count()];
    let mut ejected = Vec::new();
    let mut chains = Chains::for_plan(plan);
    for sweep in 1..=MAX_SWEEPS {
        let mut improved = false;
        for &cand in &order {
            let pair = &problem.cands[cand];
            let stale = sweep > 1
                && changed_in[pair.seller as usize] < sweep - 1
                && changed_in[pair.buyer as usize] < sweep - 1;
            if plan.is_placed(cand) || stale {
                continue;
            }
            if !pacer.tick(plan) {
                return;
            }
            if !may_raise_floor(plan, cand) && cannot_pay_for(plan, cand, chains.deep) {
                continue;
            }
            if let Some((slot, choice)) = best_insertion(plan, cand, &mut chains, &mut ejected) {
                let mark = plan.mark();
                chains.insert(plan, cand, slot, choice);
                for participant in plan.participants_changed_since(mark) {
                    changed_in[participant] = sweep;
                }
                plan.commit();
                improved = true;
            }
        }
        if !improved {
            break;
        }
    }
}

/// Whether seating `cand` could raise the coverage tier: a side is below
/// its floor. The score-based filters below do not apply to such pairs.
fn may_raise_floor(plan: &Plan, cand: usize) -> bool {
    let pair = &plan.problem.cands[cand];
    [pair.seller as usize, pair.buyer as usize]
        .into_iter()
        .any(|participant| plan.count(participant) < plan.problem.floor[participant])
}

/// True when a side of `cand` is at capacity and every movable meeting it
/// could drop is worth more than `cand`, even after the dropped meeting's
/// partner takes its best unscheduled candidate instead: that side stays
/// full, so the dropped meeting is lost and the swap can only lose.
fn cannot_pay_for(plan: &Plan, cand: usize, deep: bool) -> bool {
    let problem = plan.problem;
    let pair = &problem.cands[cand];
    let value = worth(plan, cand);
    [pair.seller as usize, pair.buyer as usize]
        .into_iter()
        .any(|participant| {
            plan.count(participant) >= problem.capacity[participant]
                && problem.cands_of[participant]
                    .iter()
                    .map(|&other| other as usize)
                    .filter(|&other| plan.is_placed(other) && !plan.is_fixed(other))
                    .all(|other| {
                        let kept = worth(plan, other);
                        let dropped = &problem.cands[other];
                        let partner = if dropped.seller as usize == participant {
                            dropped.buyer as usize
                        } else {
                            dropped.seller as usize
                        };
                        let back = if deep {
                            best_unscheduled(plan, partner, other, cand)
                        } else {
                            Worth::default()
                        };
                        kept - back > value
                    })
        })
}

/// Worth of `participant`'s best unscheduled candidate other than `leaving`
/// and `arriving`; zero if none.
fn best_unscheduled(plan: &Plan, participant: usize, leaving: usize, arriving: usize) -> Worth {
    plan.problem.cands_of[participant]
        .iter()
        .map(|&option| option as usize)
        .find(|&option| option != leaving && option != arriving && !plan.is_placed(option))
        .map_or(Worth::default(), |option| worth(plan, option))
}

/// The slot (and way to clear it) where inserting `cand` with its ejection
/// chain improves the objective most, if any does.
fn best_insertion(
    plan: &mut Plan,
    cand: usize,
    chains: &mut Chains,
    ejected: &mut Vec<u32>,
) -> Option<(usize, Choice)> {
    let before = plan.objective();
    if let Some(slot) = best_free_slot(plan, cand) {
        let mark = plan.mark();
        plan.place(cand, slot);
        let after = plan.objective();
        plan.rollback(mark);
        if after > before {
            return Some((slot, Choice::default()));
        }
    }
    let problem = plan.problem;
    let coverage = may_raise_floor(plan, cand);
    let mut best: Option<(Objective, usize, Choice)> = None;
    'slots: for slot in problem.common.ones(cand) {
        if plan.can_place(cand, slot) {
            continue; // tried above
        }
        for choice in chains.choices(plan, cand, slot) {
            if !ejections_for(plan, cand, slot, choice, ejected) {
                continue;
            }
            let best_case = best_case_gain(plan, cand, slot, chains.deep, ejected);
            let outlook = if coverage {
                coverage_outlook(plan, cand, slot, chains.deep, ejected)
            } else {
                Ordering::Equal
            };
            if outlook == Ordering::Less
                || (outlook == Ordering::Equal && best_case < Worth::default())
            {
                continue;
            }
            let mark = plan.mark();
            chains.insert(plan, cand, slot, choice);
            let after = plan.objective();
            plan.rollback(mark);
            if after > before && best.is_none_or(|(best_after, ..)| after > best_after) {
                best = Some((after, slot, choice));
                let gained = Worth::gained(&before, &after);
                if gained == best_case && best_case > Worth::default() && !coverage {
                    // No other way can gain more on the first objective; the
                    // compaction stage takes care of holes.
                    break 'slots;
                }
            }
        }
    }
    best.map(|(_, slot, choice)| (slot, choice))
}

/// An upper bound on the (must-haves, score) gain of `Chains::insert`,
/// to skip hopeless slots without trying them. Meetings ejected from other
/// slots make room under max_meetings: their side stays full, so they cannot
/// be re-seated; nor can meetings of this slot with nowhere else to go.
/// Such a loss is offset at best by backfills: each side of the lost
/// meeting that is not left full takes its best unscheduled candidate.
fn best_case_gain(plan: &Plan, cand: usize, slot: usize, deep: bool, ejected: &[u32]) -> Worth {
    let problem = plan.problem;
    let inserted = &problem.cands[cand];
    let mut gain = worth(plan, cand);
    let leaving = |participant: usize| {
        ejected
            .iter()
            .filter(|&&other| {
                let other = &problem.cands[other as usize];
                other.seller as usize == participant || other.buyer as usize == participant
            })
            .count() as u32
    };
    for &other in ejected {
        let other = other as usize;
        if plan.slot_of(other) as usize == slot && could_reseat(plan, other, deep) {
            continue;
        }
        gain = gain - worth(plan, other);
        let pair = &problem.cands[other];
        for participant in [pair.seller as usize, pair.buyer as usize] {
            let in_inserted =
                participant == inserted.seller as usize || participant == inserted.buyer as usize;
            let count_after =
                plan.count(participant) + u32::from(in_inserted) - leaving(participant);
            if count_after >= problem.capacity[participant] {
                continue;
            }
            if deep {
                gain = gain + best_unscheduled(plan, participant, other, cand);
            }
        }
    }
    gain
}

/// At best, how inserting `cand` in `slot` (ejecting `ejected`) changes
/// the coverage tier: `Less` when it surely lowers it (then nothing later
/// can pay for it, unless the pair is a must-have or a mutual wish, tiers
/// above coverage), `Equal` when it cannot change it, `Greater` when it
/// may raise it. Ejected meetings that might be re-seated are assumed
/// re-seated, and with deep moves every participant is assumed to backfill,
/// so this never says worse wrongly.
fn coverage_outlook(
    plan: &Plan,
    cand: usize,
    slot: usize,
    deep: bool,
    ejected: &[u32],
) -> Ordering {
    let problem = plan.problem;
    let inserted = &problem.cands[cand];
    if deep || inserted.must || inserted.mutual {
        return Ordering::Greater;
    }
    // (participant, net change in meetings): at most six entries.
    let mut changes: Vec<(usize, i64)> = Vec::with_capacity(6);
    let mut change =
        |participant: usize, by: i64| match changes.iter_mut().find(|(who, _)| *who == participant)
        {
            Some((_, net)) => *net += by,
            None => changes.push((participant, by)),
        };
    change(inserted.seller as usize, 1);
    change(inserted.buyer as usize, 1);
    for &other in ejected {
        let other = other as usize;
        if plan.slot_of(other) as usize == slot && could_reseat(plan, other, false) {
            continue;
        }
        let pair = &problem.cands[other];
        change(pair.seller as usize, -1);
        change(pair.buyer as usize, -1);
    }
    let mut levels = [0i64; COVERAGE_LEVELS];
    for (participant, net) in changes {
        let before = i64::from(plan.count(participant));
        let floor = i64::from(problem.floor[participant]);
        let (low, high, sign) = if net > 0 {
            (before, before + net, 1)
        } else {
            (before + net, before, -1)
        };
        for level in low.max(0)..high.min(floor) {
            levels[level as usize] += sign;
        }
    }
    levels
        .into_iter()
        .find(|&level| level != 0)
        .map_or(Ordering::Equal, |level| level.cmp(&0))
}

/// Whether placed meeting `cand` might find another slot: a free one with a
/// table (and interpreter); or, with deep moves, one where only movable
/// meetings are in the way (tables and interpreters not counted then, so
/// this may say yes wrongly, never no wrongly).
fn could_reseat(plan: &Plan, cand: usize, deep: bool) -> bool {
    let problem = plan.problem;
    let pair = &problem.cands[cand];
    let here = plan.slot_of(cand) as usize;
    let yields = |participant: u32, slot: usize| {
        let there = plan.meeting_at(participant as usize, slot);
        there == NONE || (deep && !plan.is_fixed(there as usize))
    };
    let room = |slot: usize| {
        deep || (plan.load(slot) < problem.tables
            && (!pair.interpreter || plan.interpreted(slot) < problem.interpreters))
    };
    problem.common.ones(cand).any(|slot| {
        slot != here && yields(pair.seller, slot) && yields(pair.buyer, slot) && room(slot)
    })
}

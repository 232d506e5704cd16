//! Candidates on demand during the search: after construction, a buyer
//! below its max whose every candidate is full or blocked (no unscheduled
//! candidate fits a free slot), while one of its free slots still has a
//! table, gets its next best pairs from the caller's source; they are
//! seated where they fit. The bound cannot see this need, as it forgets
//! slots: a buyer's candidates may be enough in number yet all busy when
//! the buyer is free. Rounds start only in the first 40% of the time
//! limit, so the limit holds; on a loaded machine fewer rounds run.

use super::construct::{best_free_slot, place_if_better};
use super::instance::score_units;
use super::pacer::Pacer;
use super::state::{NONE, Plan, scramble};
use super::{CandidateSource, ScheduleInput};

/// Rounds of fetching at most (each rebuilds the instance).
pub(super) const ROUNDS: usize = 3;

/// A round starts only before this share of the time limit, as fetching
/// and rebuilding the instance cannot stop midway; fetching stops at
/// `FETCH_UNTIL`.
pub(super) const START_BEFORE: f64 = 0.4;
const FETCH_UNTIL: f64 = 0.5;

/// Candidates fetched per buyer that needs them.
const TOP_UP_BATCH: usize = 40;

/// Buyers (participant index) that need more candidates, in index order.
pub(super) fn wanting(plan: &Plan, held_back: &[i64]) -> Vec<u32> {
    let problem = plan.problem;
    (problem.seller_count..problem.participant_count())
        .filter(|&buyer| {
            held_back.get(buyer).is_some_and(|&score| score > 0)
                && plan.count(buyer) < problem.capacity[buyer]
                && has_open_slot(plan, buyer)
                && problem.cands_of[buyer].iter().all(|&cand| {
                    let cand = cand as usize;
                    plan.is_placed(cand) || best_free_slot(plan, cand).is_none()
                })
        })
        .map(|buyer| buyer as u32)
        .collect()
}

/// Whether `participant` is free, and not yet meeting, in a slot that
/// still has a table.
fn has_open_slot(plan: &Plan, participant: usize) -> bool {
    let problem = plan.problem;
    problem
        .available
        .ones(participant)
        .any(|slot| plan.meeting_at(participant, slot) == NONE && plan.load(slot) < problem.tables)
}

/// Fetches the next pairs of each buyer in `wanting` into `input`,
/// updating `held_back` (score units per participant); returns how many.
pub(super) fn fetch(
    input: &mut ScheduleInput,
    held_back: &mut [i64],
    source: &mut CandidateSource,
    wanting: &[u32],
    pacer: &mut Pacer,
) -> usize {
    let sellers = input.sellers.len();
    let mut fetched = 0;
    for &participant in wanting {
        if pacer.stopped() || pacer.past(FETCH_UNTIL) {
            break;
        }
        let (pairs, next) = (source.fetch)(participant as usize - sellers, TOP_UP_BATCH);
        fetched += pairs.len();
        input.candidates.extend(pairs);
        held_back[participant as usize] = score_units(next);
    }
    fetched
}

/// Seats candidates numbered `first_new` and up (the fetched ones) where
/// they fit a free slot and raise the objective, best first.
pub(super) fn seat(plan: &mut Plan, first_new: usize, pacer: &mut Pacer) {
    let problem = plan.problem;
    let mut order: Vec<usize> = (first_new..problem.cands.len()).collect();
    order.sort_by_key(|&cand| {
        (
            std::cmp::Reverse(problem.cands[cand].worth()),
            scramble(cand as u32, problem.salt),
        )
    });
    for cand in order {
        if !pacer.tick_essential(plan) {
            break;
        }
        place_if_better(plan, cand);
    }
    plan.commit();
}

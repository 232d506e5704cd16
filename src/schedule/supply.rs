//! Candidates on demand: the bound is computed over the pairs handed over,
//! with an allowance for each buyer's held-back pairs (see `dual`); buyers
//! that needed an allowance get their next candidates from the caller's
//! source, and the bound is computed again, until no allowance is needed,
//! the source runs dry, or the rounds run out.

use super::bound::{BoundResult, bound_for};
use super::instance::{Instance, score_units};
use super::pacer::Pacer;
use super::{CandidateSource, Floors, ScheduleInput, ScheduleOptions};

/// Rounds of fetching at most; each solves the bound again.
const FETCH_ROUNDS: usize = 4;
/// Candidates fetched per starved buyer and round: more than anyone meets.
const FETCH_BATCH: usize = 40;

pub(super) struct SuppliedBound {
    pub result: BoundResult,
    /// Per participant, in score units (see `Instance::held_back`).
    pub held_back: Vec<i64>,
}

pub(super) fn bound_with_supply(
    input: &ScheduleInput,
    options: &ScheduleOptions,
    floors: Floors,
    mut source: Option<&mut CandidateSource>,
    pacer: &mut Pacer,
) -> (ScheduleInput, SuppliedBound, usize) {
    let mut input = input.clone();
    let sellers = input.sellers.len();
    let mut held_back = vec![0i64; sellers + input.buyers.len()];
    if let Some(source) = source.as_deref() {
        for (buyer, &score) in source.held_back.iter().enumerate().take(input.buyers.len()) {
            held_back[sellers + buyer] = score_units(score);
        }
    }
    let mut fetched = 0;
    let mut round = 0;
    // The last complete bound: still valid after more candidates arrive
    // (it allowed for them), and its hint's indices stay valid too, as
    // fetched pairs are appended.
    let mut complete: Option<(BoundResult, Vec<i64>)> = None;
    loop {
        round += 1;
        let mut problem = Instance::new(&input, floors, options.seed);
        problem.held_back.clone_from(&held_back);
        let result = bound_for(&problem, pacer);
        drop(problem);
        if result.truncated {
            if let Some((result, held_back)) = complete {
                return (input, SuppliedBound { result, held_back }, fetched);
            }
        } else {
            complete = Some((result.clone(), held_back.clone()));
        }
        let Some(source) = source.as_deref_mut() else {
            return (input, SuppliedBound { result, held_back }, fetched);
        };
        if result.truncated
            || result.starved.is_empty()
            || round > FETCH_ROUNDS
            || pacer.stopped()
            || pacer.bound_over()
        {
            return (input, SuppliedBound { result, held_back }, fetched);
        }
        for &participant in &result.starved {
            let buyer = participant as usize - sellers;
            let (pairs, next) = (source.fetch)(buyer, FETCH_BATCH);
            fetched += pairs.len();
            input.candidates.extend(pairs);
            held_back[participant as usize] = score_units(next);
        }
    }
}

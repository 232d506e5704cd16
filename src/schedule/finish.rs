//! Turns the final plan into a `Slate`: table numbers, meeting records in
//! slot and table order, the total score, and a reason for every must-have
//! left out.

use crate::model::{Meeting, MeetingStatus, Slate, Unscheduled};

use super::instance::Instance;
use super::reasons::why_unscheduled;
use super::state::Plan;
use super::{PairStatus, ScheduleInput};

pub(super) fn build_slate(
    input: &ScheduleInput,
    problem: &Instance,
    plan: &Plan,
    bound: f64,
) -> Slate {
    let tables = assign_tables(problem, plan);
    let mut meetings: Vec<Meeting> = (0..problem.cands.len())
        .filter(|&cand| plan.is_placed(cand))
        .map(|cand| {
            let pair = &problem.cands[cand];
            let source = &input.candidates[pair.input_index];
            Meeting {
                seller: source.seller,
                buyer: source.buyer,
                slot: plan.slot_of(cand) as usize,
                table: tables[cand],
                score: if source.score.is_nan() {
                    0.0
                } else {
                    source.score.clamp(0.0, 100.0)
                },
                interpreter: source.interpreter,
                status: match source.status {
                    PairStatus::Locked { .. } => MeetingStatus::Locked,
                    PairStatus::Accepted => MeetingStatus::Accepted,
                    PairStatus::Proposed => MeetingStatus::Proposed,
                },
            }
        })
        .collect();
    meetings.sort_by_key(|meeting| (meeting.slot, meeting.table));
    let total_score = meetings.iter().map(|meeting| meeting.score).sum::<f64>();
    let mut unscheduled: Vec<(usize, Unscheduled)> = problem
        .set_aside
        .iter()
        .map(|aside| {
            let source = &input.candidates[aside.input_index];
            (
                aside.input_index,
                Unscheduled {
                    seller: source.seller,
                    buyer: source.buyer,
                    reason: aside.reason.clone(),
                },
            )
        })
        .collect();
    for (cand, pair) in problem.cands.iter().enumerate() {
        if pair.must && !plan.is_placed(cand) {
            let source = &input.candidates[pair.input_index];
            unscheduled.push((
                pair.input_index,
                Unscheduled {
                    seller: source.seller,
                    buyer: source.buyer,
                    reason: why_unscheduled(problem, plan, cand),
                },
            ));
        }
    }
    unscheduled.sort_by_key(|(input_index, _)| *input_index);
    Slate {
        meetings,
        total_score,
        // The slate itself proves the optimum is at least its score; this
        // also absorbs the bound's rounding to millionths.
        upper_bound: bound.max(total_score),
        unscheduled: unscheduled.into_iter().map(|(_, entry)| entry).collect(),
    }
}

/// Table of each placed candidate. Locked meetings keep theirs; the others
/// take, slot by slot, the seller's table from its previous meeting when it
/// is free (sellers then stay put), else the lowest free table.
fn assign_tables(problem: &Instance, plan: &Plan) -> Vec<u32> {
    let mut table_of = vec![0u32; problem.cands.len()];
    let mut seller_table: Vec<Option<u32>> = vec![None; problem.seller_count];
    // Only tables up to the busiest slot's load, or a locked table, are used.
    let widest_lock = problem
        .cands
        .iter()
        .filter_map(|pair| pair.fixed)
        .map(|(_, table)| table + 1)
        .max();
    let busiest = (0..problem.slot_count)
        .map(|slot| plan.load(slot))
        .max()
        .unwrap_or(0);
    let width = busiest.max(widest_lock.unwrap_or(0)).min(problem.tables);
    let mut taken = vec![false; width as usize];
    for slot in 0..problem.slot_count {
        taken.fill(false);
        let mut members: Vec<u32> = plan.members(slot).to_vec();
        members.sort_unstable();
        for &cand in &members {
            if let Some((_, table)) = problem.cands[cand as usize].fixed {
                taken[table as usize] = true;
                table_of[cand as usize] = table;
            }
        }
        // Sellers who can keep their previous table first, then the rest.
        let mut seated = vec![false; members.len()];
        for (index, &cand) in members.iter().enumerate() {
            let pair = &problem.cands[cand as usize];
            if pair.fixed.is_some() {
                seated[index] = true;
            } else if let Some(table) =
                seller_table[pair.seller as usize].filter(|&table| !taken[table as usize])
            {
                taken[table as usize] = true;
                table_of[cand as usize] = table;
                seated[index] = true;
            }
        }
        let mut free_tables = (0..width).filter(|&table| !taken[table as usize]);
        for (index, &cand) in members.iter().enumerate() {
            if !seated[index] {
                // Loads never exceed the table count, so a table is free.
                if let Some(table) = free_tables.next() {
                    table_of[cand as usize] = table;
                }
            }
        }
        for &cand in &members {
            let pair = &problem.cands[cand as usize];
            seller_table[pair.seller as usize] = Some(table_of[cand as usize]);
        }
    }
    table_of
}

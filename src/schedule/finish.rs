//! Turns the final plan into a `Slate`: table numbers, meeting records in
//! slot and table order, the total score, and a reason for every must-have
//! left out.

use crate::model::{Meeting, MeetingStatus, Slate, Unscheduled};

use super::instance::Instance;
use super::reasons::why_unscheduled;
use super::state::{Plan, scramble};
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

/// Table of each placed candidate, so sellers keep one table for the day
/// wherever possible: each seller-day (locked ones first, then by first
/// meeting, longer days first) takes the lowest table free at all of its
/// meetings, its locked table if it has one. A seller-day no table is free
/// for throughout sits wherever a table is free, slot by slot, keeping its
/// previous table when it can; `metrics::table_changes` reports those.
fn assign_tables(problem: &Instance, plan: &Plan) -> Vec<u32> {
    let mut table_of = vec![0u32; problem.cands.len()];
    let tables = problem.tables as usize;
    for day in &problem.days {
        let width = day.len();
        // (slot in day) × table → taken.
        let mut taken = vec![false; width * tables];
        let mut seller_days: Vec<(u32, Vec<u32>)> = Vec::new();
        let mut index_of = std::collections::HashMap::new();
        for slot in day.clone() {
            let mut members: Vec<u32> = plan.members(slot).to_vec();
            members.sort_unstable();
            for cand in members {
                let pair = &problem.cands[cand as usize];
                if let Some((_, table)) = pair.fixed {
                    taken[(slot - day.start) * tables + table as usize] = true;
                    table_of[cand as usize] = table;
                }
                let at = *index_of.entry(pair.seller).or_insert_with(|| {
                    seller_days.push((pair.seller, Vec::new()));
                    seller_days.len() - 1
                });
                seller_days[at].1.push(cand);
            }
        }
        let locked_table = |cands: &[u32]| {
            cands
                .iter()
                .find_map(|&cand| problem.cands[cand as usize].fixed.map(|(_, table)| table))
        };
        let first_slot = |cands: &[u32]| plan.slot_of(cands[0] as usize);
        let last_slot = |cands: &[u32]| plan.slot_of(cands[cands.len() - 1] as usize);
        seller_days.sort_by_key(|(seller, cands)| {
            (
                locked_table(cands).is_none(),
                first_slot(cands),
                std::cmp::Reverse(last_slot(cands)),
                scramble(*seller, problem.salt),
            )
        });
        let slot_in_day = |cand: u32| plan.slot_of(cand as usize) as usize - day.start;
        for (_, cands) in &seller_days {
            let movable: Vec<u32> = cands
                .iter()
                .copied()
                .filter(|&cand| problem.cands[cand as usize].fixed.is_none())
                .collect();
            let free_throughout = |table: usize| {
                movable
                    .iter()
                    .all(|&cand| !taken[slot_in_day(cand) * tables + table])
            };
            let whole_day = locked_table(cands)
                .map(|table| table as usize)
                .filter(|&table| free_throughout(table))
                .or_else(|| (0..tables).find(|&table| free_throughout(table)));
            let mut previous = locked_table(cands).map(|table| table as usize);
            for &cand in &movable {
                let row = slot_in_day(cand) * tables;
                let table = whole_day
                    .or(previous.filter(|&table| !taken[row + table]))
                    .or_else(|| (0..tables).find(|&table| !taken[row + table]));
                // Loads never exceed the table count, so a table is free.
                if let Some(table) = table {
                    taken[row + table] = true;
                    table_of[cand as usize] = table as u32;
                    previous = Some(table);
                }
            }
        }
    }
    table_of
}

//! Why a must-have pair ended up unscheduled, in words staff can act on.

use super::instance::Instance;
use super::state::{NONE, Plan};

/// Why the must-have candidate `cand` is not on the final plan.
pub(super) fn why_unscheduled(problem: &Instance, plan: &Plan, cand: usize) -> String {
    let names = problem.names();
    let pair = &problem.cands[cand];
    let who = |participant: u32| names.participant(problem.seller_count, participant as usize);
    let (seller, buyer) = (who(pair.seller), who(pair.buyer));
    for participant in [pair.seller, pair.buyer] {
        if problem.available.count_row(participant as usize) == 0 {
            return format!("{} is not available in any slot", who(participant));
        }
    }
    let common: Vec<usize> = problem.common.ones(cand).collect();
    if common.is_empty() {
        return format!("{seller} has no free slot in common with {buyer}");
    }
    for participant in [pair.seller, pair.buyer] {
        let placed_musts = problem.cands_of[participant as usize]
            .iter()
            .filter(|&&other| problem.cands[other as usize].must && plan.is_placed(other as usize))
            .count() as u32;
        let max = problem.capacity[participant as usize];
        if placed_musts >= max {
            return format!(
                "{} is at max_meetings {max} with accepted or locked meetings alone",
                who(participant)
            );
        }
    }
    for participant in [pair.seller, pair.buyer] {
        let max = problem.capacity[participant as usize];
        if plan.count(participant as usize) >= max {
            return format!("{} is at max_meetings {max}", who(participant));
        }
    }
    let fixed_at = |participant: u32, slot: usize| {
        let other = plan.meeting_at(participant as usize, slot);
        other != NONE && problem.cands[other as usize].fixed.is_some()
    };
    if common
        .iter()
        .all(|&slot| fixed_at(pair.seller, slot) || fixed_at(pair.buyer, slot))
    {
        return format!(
            "every slot where both {seller} and {buyer} are free is taken by one of their locked meetings"
        );
    }
    // Per slot, the first blocker found, from the hardest to argue with.
    let is_must = |cand: u32| problem.cands[cand as usize].must;
    let (mut by_musts, mut by_interpreters, mut by_tables, mut by_others) = (0, 0, 0, 0);
    for &slot in &common {
        let theirs = [
            plan.meeting_at(pair.seller as usize, slot),
            plan.meeting_at(pair.buyer as usize, slot),
        ];
        let members = plan.members(slot);
        if theirs.iter().any(|&other| other != NONE && is_must(other)) {
            by_musts += 1;
        } else if pair.interpreter
            && plan.interpreted(slot) >= problem.interpreters
            && members
                .iter()
                .filter(|&&other| problem.cands[other as usize].interpreter)
                .all(|&other| is_must(other))
        {
            by_interpreters += 1;
        } else if plan.load(slot) >= problem.tables && members.iter().all(|&other| is_must(other)) {
            by_tables += 1;
        } else {
            by_others += 1;
        }
    }
    let blocked: Vec<String> = [
        (
            by_musts,
            "are taken by their other accepted or locked meetings",
        ),
        (
            by_interpreters,
            "have every interpreter busy with accepted or locked meetings",
        ),
        (
            by_tables,
            "have every table taken by accepted or locked meetings",
        ),
        (
            by_others,
            "could only be freed by moving several other meetings, which the search did not manage",
        ),
    ]
    .into_iter()
    .filter(|&(count, _)| count > 0)
    .map(|(count, why)| format!("{count} {why}"))
    .collect();
    format!(
        "no room found for {seller} with {buyer}: of the {} slots where both are free, {}; \
         widen availability, add tables or interpreters, or unlock or reject another meeting",
        common.len(),
        blocked.join(", ")
    )
}

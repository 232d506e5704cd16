//! A lower bound on holes for a fixed set of meetings, so compaction can
//! stop once it reaches it. Each participant is taken alone: its meetings
//! can only sit in slots where both sides are free.
//!
//! - Always: one run of such slots per day comes free; each further run its
//!   meetings need costs a hole.
//! - On one-day events, also exactly for 0 and 1: is there one block of
//!   consecutive slots (or two blocks) into which its meetings can be
//!   matched? If not, it has at least 1 (or 2) holes.

use super::state::Plan;

pub(super) fn holes_lower_bound(plan: &Plan) -> i64 {
    let problem = plan.problem;
    let one_day = problem.days.len() == 1;
    let mut total = 0;
    for participant in 0..problem.participant_count() {
        if plan.count(participant) < 2 {
            continue;
        }
        let windows: Vec<Vec<bool>> = problem.cands_of[participant]
            .iter()
            .filter(|&&cand| plan.is_placed(cand as usize))
            .map(|&cand| {
                (0..problem.slot_count)
                    .map(|slot| problem.common.get(cand as usize, slot))
                    .collect()
            })
            .collect();
        let by_runs = holes_by_runs(plan, &windows);
        total += if one_day {
            by_runs.max(holes_by_blocks(&windows, problem.slot_count))
        } else {
            by_runs
        };
    }
    total
}

fn holes_by_runs(plan: &Plan, windows: &[Vec<bool>]) -> i64 {
    let usable: Vec<bool> = (0..plan.problem.slot_count)
        .map(|slot| windows.iter().any(|window| window[slot]))
        .collect();
    let mut first_runs = Vec::new();
    let mut other_runs = Vec::new();
    for day in &plan.problem.days {
        let mut runs: Vec<usize> = Vec::new();
        let mut length = 0;
        for slot in day.clone() {
            if usable[slot] {
                length += 1;
            } else if length > 0 {
                runs.push(length);
                length = 0;
            }
        }
        if length > 0 {
            runs.push(length);
        }
        runs.sort_unstable_by(|a, b| b.cmp(a));
        if let Some((&longest, rest)) = runs.split_first() {
            first_runs.push(longest);
            other_runs.extend_from_slice(rest);
        }
    }
    let mut room: usize = first_runs.iter().sum();
    other_runs.sort_unstable_by(|a, b| b.cmp(a));
    let mut holes = 0;
    for &run in &other_runs {
        if room >= windows.len() {
            break;
        }
        room += run;
        holes += 1;
    }
    holes
}

/// 0 or 1 if the meetings fit one block or two blocks of consecutive slots
/// of a one-day event, else 2 (meaning at least 2).
fn holes_by_blocks(windows: &[Vec<bool>], slots: usize) -> i64 {
    let needed = windows.len();
    if needed > slots {
        return 0;
    }
    let mut chosen = Vec::with_capacity(needed);
    for start in 0..=slots - needed {
        chosen.clear();
        chosen.extend(start..start + needed);
        if perfect_matching(windows, &chosen) {
            return 0;
        }
    }
    for first_length in 1..needed {
        let second_length = needed - first_length;
        for first in 0..=slots - first_length {
            for second in first + first_length + 1..=slots.saturating_sub(second_length) {
                chosen.clear();
                chosen.extend((first..first + first_length).chain(second..second + second_length));
                if perfect_matching(windows, &chosen) {
                    return 1;
                }
            }
        }
    }
    2
}

/// Whether every meeting gets its own slot among `chosen` inside its window
/// (Kuhn's augmenting paths).
fn perfect_matching(windows: &[Vec<bool>], chosen: &[usize]) -> bool {
    fn augment(
        meeting: usize,
        windows: &[Vec<bool>],
        chosen: &[usize],
        owner: &mut [usize],
        seen: &mut [bool],
    ) -> bool {
        for (index, &slot) in chosen.iter().enumerate() {
            if windows[meeting][slot] && !seen[index] {
                seen[index] = true;
                if owner[index] == usize::MAX || augment(owner[index], windows, chosen, owner, seen)
                {
                    owner[index] = meeting;
                    return true;
                }
            }
        }
        false
    }
    let mut owner = vec![usize::MAX; chosen.len()];
    let mut seen = vec![false; chosen.len()];
    (0..windows.len()).all(|meeting| {
        seen.fill(false);
        augment(meeting, windows, chosen, &mut owner, &mut seen)
    })
}

//! Ejection chains: seat a candidate by ejecting what is in the way, then
//! re-seat what was ejected, if need be by ejecting in turn; participants
//! left with room take their best unscheduled candidate.

use super::construct::best_free_slot;
use super::eject::{Choice, ejections_for, table_needed, worth};
use super::objective::Worth;
use super::state::Plan;

/// How many times an ejected meeting may in turn eject others.
const CHAIN_DEPTH: usize = 2;

/// A freed participant tries this many of its best unscheduled candidates.
const BACKFILL_TRIES: usize = 4;

/// With deep moves, this many other meetings (weakest first) are offered
/// as the one to give up its table, besides the weakest itself.
const TABLE_VICTIM_CHOICES: usize = 3;

/// With deep moves, an ejected meeting tries this many slots (cheapest to
/// clear first) for a deeper chain.
const CLEARING_CHOICES: usize = 3;

/// Slates up to this many candidate-slot pairs get deep moves: ejected
/// meetings may eject others in turn, freed participants backfill, and any
/// meeting of a full slot may give up its table (not only the weakest). On
/// bigger slates that makes the hopeless-move filters too weak to keep the
/// search fast, and greedy backfills were seen to lead it astray, so there
/// an ejected meeting only takes a free slot.
const DEEP_MOVES_UP_TO: usize = 20_000;

/// Seats candidates with ejection chains; holds the scratch space.
pub(super) struct Chains {
    pub deep: bool,
    ejected: Vec<u32>,
    /// Meetings the chain under way has seated: deeper links must not
    /// eject them again.
    pinned: Vec<u32>,
}

impl Chains {
    pub fn for_plan(plan: &Plan) -> Self {
        let problem = plan.problem;
        Chains {
            deep: problem.cands.len() * problem.slot_count <= DEEP_MOVES_UP_TO,
            ejected: Vec::new(),
            pinned: Vec::new(),
        }
    }

    /// The ways worth trying to make room for `cand` in `slot`: the default
    /// (the weakest meeting gives up its table), and with deep moves, when a
    /// table must be freed, each other movable meeting of the slot instead.
    pub fn choices(&mut self, plan: &Plan, cand: usize, slot: usize) -> Vec<Choice> {
        let mut choices = vec![Choice::default()];
        if !self.deep || !ejections_for(plan, cand, slot, Choice::default(), &mut self.ejected) {
            return choices;
        }
        let pair = &plan.problem.cands[cand];
        let conflicts: Vec<u32> = [pair.seller, pair.buyer]
            .iter()
            .map(|&participant| plan.meeting_at(participant as usize, slot))
            .filter(|&other| other != super::state::NONE)
            .collect();
        if table_needed(plan, slot, &conflicts) {
            let default_victim = self
                .ejected
                .iter()
                .copied()
                .find(|other| !conflicts.contains(other));
            let mut others: Vec<u32> = plan
                .members(slot)
                .iter()
                .copied()
                .filter(|&other| {
                    !plan.is_fixed(other as usize)
                        && !conflicts.contains(&other)
                        && Some(other) != default_victim
                })
                .collect();
            others.sort_by_key(|&other| plan.ejection_rank(other as usize));
            choices.extend(
                others
                    .into_iter()
                    .take(TABLE_VICTIM_CHOICES)
                    .map(|other| Choice {
                        salt: 0,
                        table_victim: Some(other),
                    }),
            );
        }
        choices
    }

    /// Ejects what blocks `cand` in `slot` (as `choice` says), seats `cand`,
    /// then re-seats each ejected meeting in its best free slot if it has
    /// one, or (with deep moves, up to `CHAIN_DEPTH` levels) where the fewest
    /// others must go in turn; where one still cannot be re-seated, each of
    /// its two sides takes its best unscheduled candidate that fits a free
    /// slot (so a must-have can trade places with another). Does nothing if
    /// the slot cannot be cleared.
    pub fn insert(&mut self, plan: &mut Plan, cand: usize, slot: usize, choice: Choice) {
        self.pinned.clear();
        self.link(plan, cand, slot, choice, CHAIN_DEPTH);
    }

    fn link(&mut self, plan: &mut Plan, cand: usize, slot: usize, choice: Choice, depth: usize) {
        if !ejections_for(plan, cand, slot, choice, &mut self.ejected) {
            return;
        }
        let victims = self.ejected.clone();
        for &other in &victims {
            plan.unplace(other as usize);
        }
        plan.place(cand, slot);
        self.pinned.push(cand as u32);
        for &other in &victims {
            let other = other as usize;
            if let Some(to) = best_free_slot(plan, other) {
                plan.place(other, to);
            } else if depth > 0 && self.deep {
                // Try each slot a deeper chain could clear, and keep the best
                // only if it leaves more than letting the meeting go.
                let mut best = (plan.objective(), None);
                for to in self.clearable_slots(plan, other, slot, depth == 1) {
                    let mark = plan.mark();
                    let pinned_before = self.pinned.len();
                    self.link(plan, other, to, Choice::default(), depth - 1);
                    if plan.objective() > best.0 {
                        best = (plan.objective(), Some(to));
                    }
                    plan.rollback(mark);
                    self.pinned.truncate(pinned_before);
                }
                if let (_, Some(to)) = best {
                    self.link(plan, other, to, Choice::default(), depth - 1);
                }
            }
        }
        if self.deep {
            for &other in &victims {
                if !plan.is_placed(other as usize) {
                    backfill(plan, other as usize);
                }
            }
        }
    }

    /// The slots other than `avoid` where `cand` could be seated by
    /// ejecting others (stronger ones too: they get re-seated in turn), none
    /// of them pinned; on the `last` link of a chain only where what goes is
    /// worth less than `cand`, as nothing ejected there is re-seated.
    fn clearable_slots(
        &mut self,
        plan: &Plan,
        cand: usize,
        avoid: usize,
        last: bool,
    ) -> Vec<usize> {
        let value = worth(plan, cand);
        let mut slots = Vec::new();
        for slot in plan.problem.common.ones(cand) {
            if slot == avoid
                || !ejections_for(plan, cand, slot, Choice::default(), &mut self.ejected)
                || self.ejected.iter().any(|other| self.pinned.contains(other))
            {
                continue;
            }
            let cost = self.ejected.iter().fold(Worth::default(), |sum, &other| {
                sum + worth(plan, other as usize)
            });
            if !last || cost < value {
                slots.push((cost, slot));
            }
        }
        slots.sort_unstable();
        slots
            .into_iter()
            .take(CLEARING_CHOICES)
            .map(|(_, slot)| slot)
            .collect()
    }
}

/// The two sides of a meeting that was let go each take their best
/// unscheduled candidate that fits a free slot.
fn backfill(plan: &mut Plan, gone: usize) {
    let problem = plan.problem;
    let pair = &problem.cands[gone];
    for participant in [pair.seller as usize, pair.buyer as usize] {
        // Candidates are listed best first, so the first that fits wins.
        let found = problem.cands_of[participant]
            .iter()
            .map(|&option| option as usize)
            .filter(|&option| option != gone && !plan.is_placed(option))
            .take(BACKFILL_TRIES)
            .find_map(|option| best_free_slot(plan, option).map(|to| (option, to)));
        if let Some((option, to)) = found {
            plan.place(option, to);
        }
    }
}

//! The search state: which slot each candidate sits in, who is busy when,
//! per-slot loads, and the objective kept up to date move by move. Every
//! change goes through `place` and `unplace`, which also journal it so a
//! tentative compound move can be rolled back exactly.

use super::bitset::{BitRows, gaps_in_range, span_in_range};
use super::instance::Instance;
pub(super) use super::objective::{Objective, Worth, scramble};

/// "No candidate" / "no slot".
pub(super) const NONE: u32 = u32::MAX;

#[derive(Clone)]
pub(super) struct Plan<'p> {
    pub problem: &'p Instance<'p>,
    slot_of: Vec<u32>,
    /// Participant × slot → candidate meeting then, or `NONE`.
    busy: Vec<u32>,
    occupied: BitRows,
    count: Vec<u32>,
    load: Vec<u32>,
    interpreted: Vec<u32>,
    /// Slot → its meetings, in no particular order.
    members: Vec<Vec<u32>>,
    /// Pair → its index in `members` of its slot, for O(1) removal.
    member_pos: Vec<u32>,
    /// Per slot, its weakest meeting that may be ejected (see
    /// `ejection_rank`), or `NONE`.
    weakest: Vec<u32>,
    /// Participant × day → (holes, empty slots in them) that day.
    gaps: Vec<(u32, u32)>,
    /// Empty slots inside holes, summed: a finer measure than holes that
    /// guides compaction across plateaus of equal hole counts.
    idle: i64,
    /// Seller × day → the seller's first and last meeting slot that day.
    spans: Vec<Option<(u32, u32)>>,
    /// Slot → sellers whose day span covers it.
    span_cover: Vec<u32>,
    objective: Objective,
    /// (candidate, slot before the change), for rollback.
    journal: Vec<(u32, u32)>,
}

impl<'p> Plan<'p> {
    /// An empty plan holding only the vetted locked meetings.
    pub fn new(problem: &'p Instance<'p>) -> Self {
        let participants = problem.participant_count();
        let slots = problem.slot_count;
        let mut plan = Plan {
            problem,
            slot_of: vec![NONE; problem.cands.len()],
            busy: vec![NONE; participants * slots],
            occupied: BitRows::new(participants, slots),
            count: vec![0; participants],
            load: vec![0; slots],
            interpreted: vec![0; slots],
            members: vec![Vec::new(); slots],
            member_pos: vec![NONE; problem.cands.len()],
            weakest: vec![NONE; slots],
            gaps: vec![(0, 0); participants * problem.days.len()],
            idle: 0,
            spans: vec![None; problem.seller_count * problem.days.len()],
            span_cover: vec![0; slots],
            objective: Objective::default(),
            journal: Vec::new(),
        };
        for (cand, pair) in problem.cands.iter().enumerate() {
            if let Some((slot, _table)) = pair.fixed {
                plan.place(cand, slot as usize);
            }
        }
        plan.journal.clear();
        plan
    }

    /// A plan with exactly the given placements (as from `placements`).
    pub fn rebuilt(problem: &'p Instance<'p>, placements: &[u32]) -> Self {
        let mut plan = Plan::new(problem);
        for (cand, &slot) in placements.iter().enumerate() {
            if slot != NONE && !plan.is_placed(cand) {
                plan.place(cand, slot as usize);
            }
        }
        plan.journal.clear();
        plan
    }

    pub fn placements(&self) -> Vec<u32> {
        self.slot_of.clone()
    }

    pub fn objective(&self) -> Objective {
        self.objective
    }

    pub fn is_placed(&self, cand: usize) -> bool {
        self.slot_of[cand] != NONE
    }

    pub fn slot_of(&self, cand: usize) -> u32 {
        self.slot_of[cand]
    }

    pub fn meeting_at(&self, participant: usize, slot: usize) -> u32 {
        self.busy[participant * self.problem.slot_count + slot]
    }

    pub fn count(&self, participant: usize) -> u32 {
        self.count[participant]
    }

    pub fn load(&self, slot: usize) -> u32 {
        self.load[slot]
    }

    pub fn interpreted(&self, slot: usize) -> u32 {
        self.interpreted[slot]
    }

    pub fn members(&self, slot: usize) -> &[u32] {
        &self.members[slot]
    }

    /// The slot's weakest meeting that is not locked, if any.
    pub fn weakest_in(&self, slot: usize) -> Option<u32> {
        Some(self.weakest[slot]).filter(|&cand| cand != NONE)
    }

    /// Order in which meetings are ejected: must-haves last, then wishes,
    /// then by score, ties by a scrambled index (so ties do not favour early
    /// candidates).
    pub fn ejection_rank(&self, cand: usize) -> (Worth, u32) {
        let pair = &self.problem.cands[cand];
        (pair.worth(), scramble(cand as u32, self.problem.salt))
    }

    pub fn meeting_count(&self) -> usize {
        self.load.iter().map(|&load| load as usize).sum()
    }

    pub fn is_fixed(&self, cand: usize) -> bool {
        self.problem.cands[cand].fixed.is_some()
    }

    /// Whether `cand` can go into `slot` as things stand, with no ejection.
    pub fn can_place(&self, cand: usize, slot: usize) -> bool {
        let pair = &self.problem.cands[cand];
        let (seller, buyer) = (pair.seller as usize, pair.buyer as usize);
        !self.is_placed(cand)
            && self.problem.common.get(cand, slot)
            && self.meeting_at(seller, slot) == NONE
            && self.meeting_at(buyer, slot) == NONE
            && self.load[slot] < self.problem.tables
            && (!pair.interpreter || self.interpreted[slot] < self.problem.interpreters)
            && self.count[seller] < self.problem.capacity[seller]
            && self.count[buyer] < self.problem.capacity[buyer]
    }

    /// Puts `cand` into `slot`. The caller has checked the move (both sides
    /// free then, a table, an interpreter if needed, room under both
    /// sides' max_meetings); only the first is asserted, in debug builds.
    pub fn place(&mut self, cand: usize, slot: usize) {
        debug_assert!(!self.is_placed(cand));
        let pair = &self.problem.cands[cand];
        let (seller, buyer) = (pair.seller as usize, pair.buyer as usize);
        debug_assert_eq!(self.meeting_at(seller, slot), NONE);
        debug_assert_eq!(self.meeting_at(buyer, slot), NONE);
        self.journal.push((cand as u32, NONE));
        self.slot_of[cand] = slot as u32;
        self.load[slot] += 1;
        if pair.interpreter {
            self.interpreted[slot] += 1;
        }
        self.member_pos[cand] = self.members[slot].len() as u32;
        self.members[slot].push(cand as u32);
        if pair.fixed.is_none() {
            let weakest = self.weakest[slot];
            if weakest == NONE || self.ejection_rank(cand) < self.ejection_rank(weakest as usize) {
                self.weakest[slot] = cand as u32;
            }
        }
        self.objective.score += pair.score;
        self.objective.wished += pair.wished;
        self.objective.mutual += i64::from(pair.mutual);
        if pair.must {
            self.objective.must += 1;
        }
        for participant in [seller, buyer] {
            self.busy[participant * self.problem.slot_count + slot] = cand as u32;
            self.occupied.set(participant, slot);
            let before = self.count[participant];
            self.count[participant] += 1;
            if before < self.problem.floor[participant] {
                self.objective.coverage[before as usize] += 1;
            }
            self.refresh_holes(participant, slot);
        }
    }

    pub fn unplace(&mut self, cand: usize) {
        let slot = self.slot_of[cand];
        debug_assert_ne!(slot, NONE);
        let slot = slot as usize;
        let pair = &self.problem.cands[cand];
        let (seller, buyer) = (pair.seller as usize, pair.buyer as usize);
        self.journal.push((cand as u32, slot as u32));
        self.slot_of[cand] = NONE;
        self.load[slot] -= 1;
        if pair.interpreter {
            self.interpreted[slot] -= 1;
        }
        let position = self.member_pos[cand] as usize;
        self.members[slot].swap_remove(position);
        if let Some(&moved) = self.members[slot].get(position) {
            self.member_pos[moved as usize] = position as u32;
        }
        self.member_pos[cand] = NONE;
        if self.weakest[slot] == cand as u32 {
            self.weakest[slot] = self.members[slot]
                .iter()
                .copied()
                .filter(|&other| self.problem.cands[other as usize].fixed.is_none())
                .min_by_key(|&other| self.ejection_rank(other as usize))
                .unwrap_or(NONE);
        }
        self.objective.score -= pair.score;
        self.objective.wished -= pair.wished;
        self.objective.mutual -= i64::from(pair.mutual);
        if pair.must {
            self.objective.must -= 1;
        }
        for participant in [seller, buyer] {
            self.busy[participant * self.problem.slot_count + slot] = NONE;
            self.occupied.clear(participant, slot);
            self.count[participant] -= 1;
            let after = self.count[participant];
            if after < self.problem.floor[participant] {
                self.objective.coverage[after as usize] -= 1;
            }
            self.refresh_holes(participant, slot);
        }
    }

    /// A point to roll back to.
    pub fn mark(&self) -> usize {
        self.journal.len()
    }

    /// Undoes every change made since `mark`, newest first.
    pub fn rollback(&mut self, mark: usize) {
        while self.journal.len() > mark {
            let Some((cand, before)) = self.journal.pop() else {
                break;
            };
            let cand = cand as usize;
            if self.is_placed(cand) {
                self.unplace(cand);
            } else {
                self.place(cand, before as usize);
            }
            // Undoing journals too; drop that entry.
            self.journal.pop();
        }
    }

    /// Candidates (possibly repeated) placed or removed since `mark`.
    pub fn changed_since(&self, mark: usize) -> impl Iterator<Item = usize> + '_ {
        self.journal[mark..].iter().map(|&(cand, _)| cand as usize)
    }

    /// Participants (possibly repeated) whose meetings changed since `mark`.
    pub fn participants_changed_since(&self, mark: usize) -> impl Iterator<Item = usize> + '_ {
        self.journal[mark..].iter().flat_map(|&(cand, _)| {
            let pair = &self.problem.cands[cand as usize];
            [pair.seller as usize, pair.buyer as usize]
        })
    }

    /// Forgets the journal: the changes so far are final.
    pub fn commit(&mut self) {
        self.journal.clear();
    }

    /// How many holes `participant` would gain (negative: lose) if it also
    /// met in `slot`.
    pub fn holes_delta_if_added(&self, participant: usize, slot: usize) -> i64 {
        let day = self.problem.day_of_slot[slot] as usize;
        i64::from(self.gaps_with(participant, day, &[slot]).0)
            - i64::from(self.gaps_now(participant, day).0)
    }

    /// The slot of `participant`'s `nth` meeting in time order.
    pub fn nth_meeting_slot(&self, participant: usize, nth: usize) -> Option<usize> {
        self.occupied.ones(participant).nth(nth)
    }

    /// Whether `participant` has a meeting next to `slot` on the same day.
    pub fn has_neighbour(&self, participant: usize, slot: usize) -> bool {
        let range = &self.problem.days[self.problem.day_of_slot[slot] as usize];
        (slot > range.start && self.occupied.get(participant, slot - 1))
            || (slot + 1 < range.end && self.occupied.get(participant, slot + 1))
    }

    /// Empty slots inside holes, over all participants.
    pub fn idle(&self) -> i64 {
        self.idle
    }

    fn refresh_holes(&mut self, participant: usize, slot: usize) {
        let day = self.problem.day_of_slot[slot] as usize;
        if self.problem.is_seller(participant) {
            self.refresh_span(participant, day);
        }
        let now = self.gaps_with(participant, day, &[]);
        let cell = &mut self.gaps[participant * self.problem.days.len() + day];
        self.objective.holes += i64::from(now.0) - i64::from(cell.0);
        self.idle += i64::from(now.1) - i64::from(cell.1);
        *cell = now;
    }

    /// Recounts the table overflow (see `objective`) after `seller`'s
    /// meetings on `day` changed.
    fn refresh_span(&mut self, seller: usize, day: usize) {
        let range = self.problem.days[day].clone();
        let now = span_in_range(&self.occupied, seller, range)
            .map(|(first, last)| (first as u32, last as u32));
        let cell = seller * self.problem.days.len() + day;
        let before = std::mem::replace(&mut self.spans[cell], now);
        if before == now {
            return;
        }
        let tables = self.problem.tables;
        if let Some((first, last)) = before {
            for slot in first as usize..=last as usize {
                if self.span_cover[slot] > tables {
                    self.objective.table_overflow -= 1;
                }
                self.span_cover[slot] -= 1;
            }
        }
        if let Some((first, last)) = now {
            for slot in first as usize..=last as usize {
                self.span_cover[slot] += 1;
                if self.span_cover[slot] > tables {
                    self.objective.table_overflow += 1;
                }
            }
        }
    }

    /// Holes and their empty slots that `participant` would have on `day`
    /// if its occupancy of each slot in `toggled` were flipped. A word at a
    /// time, so days of any length cost little.
    fn gaps_with(&self, participant: usize, day: usize, toggled: &[usize]) -> (u32, u32) {
        let range = self.problem.days[day].clone();
        gaps_in_range(&self.occupied, participant, range, toggled)
    }

    /// Whether either side of placed meeting `cand` has a hole on its day.
    pub fn touches_hole(&self, cand: usize) -> bool {
        let slot = self.slot_of[cand];
        if slot == NONE {
            return false;
        }
        let day = self.problem.day_of_slot[slot as usize] as usize;
        let pair = &self.problem.cands[cand];
        self.gaps_now(pair.seller as usize, day).0 > 0
            || self.gaps_now(pair.buyer as usize, day).0 > 0
    }

    fn gaps_now(&self, participant: usize, day: usize) -> (u32, u32) {
        self.gaps[participant * self.problem.days.len() + day]
    }

    /// Change in (holes, idle slots) if `participant` moved its meeting in
    /// slot `from` to the free slot `to`.
    pub fn gaps_delta_if_moved(&self, participant: usize, from: usize, to: usize) -> (i64, i64) {
        let day_from = self.problem.day_of_slot[from] as usize;
        let day_to = self.problem.day_of_slot[to] as usize;
        let change = |day: usize, toggled: &[usize]| {
            let (before, after) = (
                self.gaps_now(participant, day),
                self.gaps_with(participant, day, toggled),
            );
            (
                i64::from(after.0) - i64::from(before.0),
                i64::from(after.1) - i64::from(before.1),
            )
        };
        if day_from == day_to {
            change(day_from, &[from, to])
        } else {
            let (a, b) = (change(day_from, &[from]), change(day_to, &[to]));
            (a.0 + b.0, a.1 + b.1)
        }
    }
}

//! The input turned into the scheduler's working form: participants in one
//! index space (sellers first, then buyers), integer scores, availability as
//! bits, days as slot ranges, and locked pairs vetted once, up front.

use std::collections::HashSet;
use std::ops::Range;

use super::bitset::BitRows;
use super::names::Names;
use super::objective::{COVERAGE_LEVELS, Worth, scramble};
use super::{Floors, PairStatus, ScheduleInput};

/// Scores are counted in millionths of a point so sums are exact.
pub(super) const SCORE_UNIT: f64 = 1_000_000.0;

/// A candidate the search may schedule.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Cand {
    /// Participant index of the seller.
    pub seller: u32,
    /// Participant index of the buyer (offset by the number of sellers).
    pub buyer: u32,
    pub score: i64,
    pub interpreter: bool,
    pub must: bool,
    /// A mutual wish (never an avoided pair).
    pub mutual: bool,
    /// The weight of a one-sided wish; 0 for none, mutual or avoided.
    pub wished: i64,
    /// A lock that passed vetting: the meeting sits exactly here, always.
    pub fixed: Option<(u32, u32)>,
    /// Index into `ScheduleInput::candidates`.
    pub input_index: usize,
}

impl Cand {
    /// What this meeting adds to the pair-decided tiers (see `Worth`).
    pub fn worth(&self) -> Worth {
        Worth {
            must: i64::from(self.must),
            mutual: i64::from(self.mutual),
            wished: self.wished,
            score: self.score,
        }
    }
}

/// A must-have pair that was set aside before the search, with its reason.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct SetAside {
    pub input_index: usize,
    pub reason: String,
}

pub(super) struct Instance<'a> {
    pub input: &'a ScheduleInput,
    pub slot_count: usize,
    pub tables: u32,
    pub interpreters: u32,
    pub seller_count: usize,
    pub capacity: Vec<u32>,
    /// Participants × slots: free to meet.
    pub available: BitRows,
    /// Candidates × slots: both sides free to meet.
    pub common: BitRows,
    pub days: Vec<Range<usize>>,
    pub day_of_slot: Vec<u32>,
    pub cands: Vec<Cand>,
    /// Candidates of each participant.
    pub cands_of: Vec<Vec<u32>>,
    /// Per participant: the meetings the coverage tier asks for (see
    /// `objective`), at most `COVERAGE_LEVELS`.
    pub floor: Vec<u32>,
    /// From the seed: breaks ties between equal candidates.
    pub salt: u32,
    /// Per participant: the best score (in units) among its pairs the
    /// caller held back, 0 when none (see `dual`).
    pub held_back: Vec<i64>,
    pub set_aside: Vec<SetAside>,
}

pub(super) fn score_units(score: f64) -> i64 {
    if score.is_nan() {
        0
    } else {
        (score.clamp(0.0, 100.0) * SCORE_UNIT).round() as i64
    }
}

impl<'a> Instance<'a> {
    pub fn new(input: &'a ScheduleInput, floors: Floors, seed: u64) -> Self {
        let slot_count = input.slots.len();
        let seller_count = input.sellers.len();
        let participants = input.sellers.iter().chain(&input.buyers);
        let participant_count = seller_count + input.buyers.len();
        let mut available = BitRows::new(participant_count, slot_count);
        let mut capacity = Vec::with_capacity(participant_count);
        for (index, participant) in participants.enumerate() {
            capacity.push(participant.max_meetings);
            for slot in 0..slot_count {
                if participant.is_available(slot) {
                    available.set(index, slot);
                }
            }
        }
        let (days, day_of_slot) = day_ranges(input);
        let mut problem = Instance {
            input,
            slot_count,
            tables: input.tables,
            interpreters: input.interpreters,
            seller_count,
            capacity,
            available,
            common: BitRows::new(0, slot_count),
            days,
            day_of_slot,
            cands: Vec::new(),
            cands_of: vec![Vec::new(); participant_count],
            floor: vec![0; participant_count],
            salt: (seed ^ seed >> 32) as u32,
            held_back: vec![0; participant_count],
            set_aside: Vec::new(),
        };
        problem.take_candidates();
        problem.set_floors(floors);
        problem
    }

    /// [`Instance::new`] knowing the best score each participant's caller
    /// held back (see `held_back`).
    pub fn with_held_back(
        input: &'a ScheduleInput,
        floors: Floors,
        seed: u64,
        held_back: &[i64],
    ) -> Self {
        let mut problem = Instance::new(input, floors, seed);
        problem.held_back = held_back.to_vec();
        problem
    }

    pub fn participant_count(&self) -> usize {
        self.capacity.len()
    }

    pub fn is_seller(&self, participant: usize) -> bool {
        participant < self.seller_count
    }

    /// Floor of each participant: its side's minimum, but never more than
    /// its max_meetings, its free slots or its partners that share a free
    /// slot with it and score `good_score` (or are must-haves).
    fn set_floors(&mut self, floors: Floors) {
        let mut partners = vec![0u32; self.participant_count()];
        for (index, cand) in self.cands.iter().enumerate() {
            let good = cand.must || cand.score >= score_units(self.input.good_score);
            if good && self.common.count_row(index) > 0 {
                partners[cand.seller as usize] += 1;
                partners[cand.buyer as usize] += 1;
            }
        }
        for (participant, floor) in self.floor.iter_mut().enumerate() {
            let side = if participant < self.seller_count {
                floors.sellers
            } else {
                floors.buyers
            };
            *floor = side
                .min(self.capacity[participant])
                .min(self.available.count_row(participant))
                .min(partners[participant])
                .min(COVERAGE_LEVELS as u32);
        }
    }

    pub fn names(&self) -> Names<'_> {
        Names::new(self.input)
    }

    fn take_candidates(&mut self) {
        let input = self.input;
        let names = Names::new(input);
        let mut seen_pairs = HashSet::new();
        let mut locks = LockLedger::new(self.slot_count);
        for (input_index, candidate) in input.candidates.iter().enumerate() {
            let must = candidate.status.is_must_have();
            let set_aside = |reason: String| SetAside {
                input_index,
                reason,
            };
            if candidate.seller >= input.sellers.len() || candidate.buyer >= input.buyers.len() {
                if must {
                    let reason = format!(
                        "the pair refers to seller #{} and buyer #{}, but there are {} sellers and {} buyers",
                        candidate.seller,
                        candidate.buyer,
                        input.sellers.len(),
                        input.buyers.len()
                    );
                    self.set_aside.push(set_aside(reason));
                }
                continue;
            }
            if !seen_pairs.insert((candidate.seller, candidate.buyer)) {
                continue;
            }
            // Avoid is a hard rule: such a pair meets only if staff said so.
            if candidate.wish.avoided && !must {
                continue;
            }
            let seller = candidate.seller as u32;
            let buyer = (self.seller_count + candidate.buyer) as u32;
            let fixed = match candidate.status {
                PairStatus::Locked { slot, table } => {
                    match locks.vet(
                        self,
                        &names,
                        (seller, buyer),
                        slot,
                        table,
                        candidate.interpreter,
                    ) {
                        Ok(()) => Some((slot as u32, table)),
                        Err(reason) => {
                            self.set_aside.push(set_aside(reason));
                            continue;
                        }
                    }
                }
                _ => None,
            };
            let index = self.cands.len() as u32;
            let score = score_units(candidate.score);
            let wish = candidate.wish;
            let mutual = wish.mutual && !wish.avoided;
            let wished = if mutual || wish.avoided {
                0
            } else {
                i64::try_from(wish.weight).unwrap_or(i64::MAX)
            };
            self.cands_of[seller as usize].push(index);
            self.cands_of[buyer as usize].push(index);
            self.cands.push(Cand {
                seller,
                buyer,
                score,
                interpreter: candidate.interpreter,
                must,
                mutual,
                wished,
                fixed,
                input_index,
            });
        }
        // Each participant's candidates best first: must-haves, wishes, then
        // score, equal ones in a seeded shuffle (never by input order).
        let salt = self.salt;
        for list in &mut self.cands_of {
            list.sort_by_key(|&cand| {
                let pair = &self.cands[cand as usize];
                (std::cmp::Reverse(pair.worth()), scramble(cand, salt))
            });
        }
        let mut common = BitRows::new(self.cands.len(), self.slot_count);
        for (index, cand) in self.cands.iter().enumerate() {
            common.set_and(
                index,
                &self.available,
                cand.seller as usize,
                &self.available,
                cand.buyer as usize,
            );
        }
        self.common = common;
    }
}

/// Slot ranges of each day, in slot order. A new range starts wherever
/// `Slot::day` changes, so adjacency never crosses a day.
fn day_ranges(input: &ScheduleInput) -> (Vec<Range<usize>>, Vec<u32>) {
    let mut days: Vec<Range<usize>> = Vec::new();
    let mut day_of_slot = Vec::with_capacity(input.slots.len());
    for (index, slot) in input.slots.iter().enumerate() {
        let continues = index > 0 && input.slots[index - 1].day == slot.day;
        match days.last_mut() {
            Some(day) if continues => day.end = index + 1,
            _ => days.push(index..index + 1),
        }
        day_of_slot.push((days.len() - 1) as u32);
    }
    (days, day_of_slot)
}

/// Locks kept so far, to vet each new lock against them (first one wins).
struct LockLedger {
    slot_count: usize,
    /// (slot, table) → pair holding it.
    tables: std::collections::HashMap<(usize, u32), (u32, u32)>,
    /// (participant, slot) → the other side of the locked meeting.
    busy: std::collections::HashMap<(u32, usize), u32>,
    locked_count: std::collections::HashMap<u32, u32>,
    interpreted: Vec<u32>,
}

impl LockLedger {
    fn new(slot_count: usize) -> Self {
        LockLedger {
            slot_count,
            tables: Default::default(),
            busy: Default::default(),
            locked_count: Default::default(),
            interpreted: vec![0; slot_count],
        }
    }

    fn vet(
        &mut self,
        problem: &Instance,
        names: &Names,
        (seller, buyer): (u32, u32),
        slot: usize,
        table: u32,
        interpreter: bool,
    ) -> Result<(), String> {
        let who = |participant: u32| names.participant(problem.seller_count, participant as usize);
        if slot >= self.slot_count {
            return Err(format!(
                "locked at slot number {}, but the event has only {} slots",
                slot + 1,
                self.slot_count
            ));
        }
        let when = names.slot(slot);
        if table >= problem.tables {
            return Err(format!(
                "locked at table {}, but the event has only {} tables",
                table + 1,
                problem.tables
            ));
        }
        for participant in [seller, buyer] {
            if !problem.available.get(participant as usize, slot) {
                return Err(format!(
                    "locked at {when}, which is outside {}'s availability",
                    who(participant)
                ));
            }
        }
        if let Some(&(other_seller, other_buyer)) = self.tables.get(&(slot, table)) {
            return Err(format!(
                "both this pair and {} with {} are locked at {when}, table {}; the first lock is kept",
                who(other_seller),
                who(other_buyer),
                table + 1
            ));
        }
        for (participant, partner) in [(seller, buyer), (buyer, seller)] {
            if let Some(&other) = self.busy.get(&(participant, slot)) {
                return Err(format!(
                    "{} is already locked at {when} with {}, so cannot also meet {} then",
                    who(participant),
                    who(other),
                    who(partner)
                ));
            }
            let count = self.locked_count.get(&participant).copied().unwrap_or(0);
            let max = problem.capacity[participant as usize];
            if count >= max {
                return Err(format!(
                    "{} already has {count} locked meetings, the most allowed (max_meetings {max})",
                    who(participant)
                ));
            }
        }
        if interpreter && self.interpreted[slot] >= problem.interpreters {
            return Err(format!(
                "{when} already has {} locked meetings needing an interpreter, and the event has {} interpreters",
                self.interpreted[slot], problem.interpreters
            ));
        }
        self.tables.insert((slot, table), (seller, buyer));
        self.busy.insert((seller, slot), buyer);
        self.busy.insert((buyer, slot), seller);
        *self.locked_count.entry(seller).or_insert(0) += 1;
        *self.locked_count.entry(buyer).or_insert(0) += 1;
        if interpreter {
            self.interpreted[slot] += 1;
        }
        Ok(())
    }
}

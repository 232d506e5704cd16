//! What the bound keeps of the instance once slots are forgotten: who could
//! meet whom, how often each participant could meet, and how many meetings
//! (and interpreted meetings) the tables allow.

use super::bitset::BitRows;
use super::instance::Instance;

/// A candidate that can meet at all, as the relaxation sees it.
#[derive(Debug, Clone, Copy)]
pub(super) struct BoundPair {
    pub cand: u32,
    pub must: bool,
    pub seller: u32,
    pub buyer: u32,
    pub weight: i64,
    pub interpreted: bool,
}

/// What the relaxation keeps of the instance.
pub(super) struct Relaxation {
    /// Per participant: how many meetings it could possibly have.
    pub capacity: Vec<i64>,
    pub pairs: Vec<BoundPair>,
    pub table_limit: i64,
    pub interpreter_limit: i64,
}

impl Relaxation {
    pub fn new(problem: &Instance) -> Self {
        let participants = problem.participant_count();
        // Participant × slot: free and sharing that slot with a partner.
        let mut reachable = BitRows::new(participants, problem.slot_count);
        let mut pairs = Vec::new();
        let mut degree = vec![0u32; participants];
        for (index, cand) in problem.cands.iter().enumerate() {
            if problem.common.count_row(index) == 0 {
                continue;
            }
            for slot in problem.common.ones(index) {
                reachable.set(cand.seller as usize, slot);
                reachable.set(cand.buyer as usize, slot);
            }
            pairs.push(BoundPair {
                cand: index as u32,
                must: cand.must,
                seller: cand.seller,
                buyer: cand.buyer,
                weight: cand.score,
                interpreted: cand.interpreter,
            });
            degree[cand.seller as usize] += 1;
            degree[cand.buyer as usize] += 1;
        }
        // Pairs held back may reach any slot a participant is free in: then
        // only its own availability limits it.
        let held_back = problem.held_back.iter().any(|&score| score > 0);
        let reach = |participant: usize| {
            if held_back {
                problem.available.count_row(participant)
            } else {
                reachable.count_row(participant).min(degree[participant])
            }
        };
        let capacity = (0..participants)
            .map(|participant| i64::from(problem.capacity[participant].min(reach(participant))))
            .collect();
        let mut table_limit = 0;
        let mut interpreter_limit = 0;
        for slot in 0..problem.slot_count {
            let free = |range: std::ops::Range<usize>| {
                range
                    .filter(|&participant| {
                        if held_back {
                            problem.available.get(participant, slot)
                        } else {
                            reachable.get(participant, slot)
                        }
                    })
                    .count() as i64
            };
            let sellers = free(0..problem.seller_count);
            let buyers = free(problem.seller_count..participants);
            let meetings = i64::from(problem.tables).min(sellers).min(buyers);
            table_limit += meetings;
            interpreter_limit += meetings.min(i64::from(problem.interpreters));
        }
        Relaxation {
            capacity,
            pairs,
            table_limit,
            interpreter_limit,
        }
    }
}

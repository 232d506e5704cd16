//! Who got how much: meetings per participant on each side against their
//! floors, seller table changes, and interpreter use. Plain figures from a
//! slate and its input, for the summary, the desk and `explain`.

use crate::model::{Side, Slate};

use super::instance::Instance;
use super::relaxation::Relaxation;
use super::{Floors, ScheduleInput};

/// Meetings per participant on one side.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SideFairness {
    pub participants: usize,
    pub min: u32,
    pub median: u32,
    pub max: u32,
    /// Participants with no meeting although they had a candidate that
    /// shares a free slot with them.
    pub none: Vec<usize>,
    /// Participants below their floor: (index, meetings, floor), fewest
    /// meetings first.
    pub below_floor: Vec<(usize, u32, u32)>,
    /// Each participant's floor (see [`Floors`]).
    pub floors: Vec<u32>,
    /// Each participant's meetings.
    pub meetings: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fairness {
    pub sellers: SideFairness,
    pub buyers: SideFairness,
    /// The most meetings the tables allow in all: per slot, the fewest of
    /// tables, sellers and buyers free then (slots forgotten, as the bound
    /// does).
    pub table_room: u64,
}

/// One side's floors asking for more meetings than the tables allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FloorShortfall {
    pub side: Side,
    /// Meetings the side's floors add up to.
    pub needed: u64,
    /// [`Fairness::table_room`].
    pub room: u64,
}

impl FloorShortfall {
    /// Whose floors, as the summary and the desk say it.
    pub fn whose(&self) -> &'static str {
        match self.side {
            Side::Seller => "sellers'",
            Side::Buyer => "buyers'",
        }
    }
}

impl Fairness {
    /// Sides whose floors alone need more meetings than the tables allow:
    /// then some participants stay below their floor whatever the slate,
    /// and the summary should say so rather than leave staff to wonder.
    pub fn floors_beyond_tables(&self) -> Vec<FloorShortfall> {
        [(Side::Buyer, &self.buyers), (Side::Seller, &self.sellers)]
            .into_iter()
            .map(|(side, figures)| FloorShortfall {
                side,
                needed: figures.floors.iter().map(|&floor| u64::from(floor)).sum(),
                room: self.table_room,
            })
            .filter(|shortfall| shortfall.needed > shortfall.room)
            .collect()
    }
}

/// A seller moving to another table during a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableChange {
    pub seller: usize,
    /// The slot of the first meeting at the new table.
    pub slot: usize,
    pub from: u32,
    pub to: u32,
}

/// Interpreter use on one day.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InterpreterDay {
    pub date: Option<jiff::civil::Date>,
    pub used: u32,
    /// Interpreters × slots that day.
    pub available: u32,
    /// The busiest slots, most used first: (slot, used).
    pub busiest: Vec<(usize, u32)>,
}

/// Busiest slots listed per day.
const BUSIEST_LISTED: usize = 3;

pub fn fairness(input: &ScheduleInput, slate: &Slate, floors: Floors) -> Fairness {
    let problem = Instance::new(input, floors, 0);
    let mut feasible = vec![false; problem.participant_count()];
    for (index, cand) in problem.cands.iter().enumerate() {
        if problem.common.count_row(index) > 0 {
            feasible[cand.seller as usize] = true;
            feasible[cand.buyer as usize] = true;
        }
    }
    let sellers = input.sellers.len();
    let mut counts = vec![0u32; problem.participant_count()];
    for meeting in &slate.meetings {
        if meeting.seller < sellers && meeting.buyer < input.buyers.len() {
            counts[meeting.seller] += 1;
            counts[sellers + meeting.buyer] += 1;
        }
    }
    let side = |range: std::ops::Range<usize>| {
        let offset = range.start;
        let meetings: Vec<u32> = counts[range.clone()].to_vec();
        let mut sorted = meetings.clone();
        sorted.sort_unstable();
        let none = range
            .clone()
            .filter(|&at| counts[at] == 0 && feasible[at])
            .map(|at| at - offset)
            .collect();
        let mut below_floor: Vec<(usize, u32, u32)> = range
            .clone()
            .filter(|&at| counts[at] < problem.floor[at])
            .map(|at| (at - offset, counts[at], problem.floor[at]))
            .collect();
        below_floor.sort_by_key(|&(at, meetings, floor)| (meetings, std::cmp::Reverse(floor), at));
        SideFairness {
            participants: meetings.len(),
            min: sorted.first().copied().unwrap_or(0),
            median: sorted.get(sorted.len() / 2).copied().unwrap_or(0),
            max: sorted.last().copied().unwrap_or(0),
            none,
            below_floor,
            floors: problem.floor[range].to_vec(),
            meetings,
        }
    };
    Fairness {
        sellers: side(0..sellers),
        buyers: side(sellers..problem.participant_count()),
        table_room: u64::try_from(Relaxation::new(&problem).table_limit).unwrap_or(0),
    }
}

/// Every table change of every seller within a day, in time order.
pub fn table_changes(input: &ScheduleInput, slate: &Slate) -> Vec<TableChange> {
    let mut meetings: Vec<_> = slate.meetings.iter().collect();
    meetings.sort_by_key(|meeting| (meeting.seller, meeting.slot));
    let day_of = |slot: usize| input.slots.get(slot).map(|found| found.day);
    meetings
        .windows(2)
        .filter(|pair| {
            pair[0].seller == pair[1].seller
                && day_of(pair[0].slot) == day_of(pair[1].slot)
                && pair[0].table != pair[1].table
        })
        .map(|pair| TableChange {
            seller: pair[1].seller,
            slot: pair[1].slot,
            from: pair[0].table,
            to: pair[1].table,
        })
        .collect()
}

/// Interpreter places used per day, with the busiest slots.
pub fn interpreter_use(input: &ScheduleInput, slate: &Slate) -> Vec<InterpreterDay> {
    let mut per_slot = vec![0u32; input.slots.len()];
    for meeting in slate.meetings.iter().filter(|meeting| meeting.interpreter) {
        if let Some(used) = per_slot.get_mut(meeting.slot) {
            *used += 1;
        }
    }
    let mut days: Vec<(std::ops::Range<usize>, Option<jiff::civil::Date>)> = Vec::new();
    for (index, slot) in input.slots.iter().enumerate() {
        match days.last_mut() {
            Some((range, _)) if index > 0 && input.slots[index - 1].day == slot.day => {
                range.end = index + 1;
            }
            _ => days.push((index..index + 1, Some(slot.date))),
        }
    }
    days.into_iter()
        .map(|(range, date)| {
            let mut busiest: Vec<(usize, u32)> = range
                .clone()
                .map(|slot| (slot, per_slot[slot]))
                .filter(|&(_, used)| used > 0)
                .collect();
            busiest.sort_by_key(|&(slot, used)| (std::cmp::Reverse(used), slot));
            busiest.truncate(BUSIEST_LISTED);
            InterpreterDay {
                date,
                used: per_slot[range.clone()].iter().sum(),
                available: input.interpreters * range.len() as u32,
                busiest,
            }
        })
        .collect()
}

//! Repairs a slate on the day, from `now` on, with the least disturbance:
//! absences, late arrivals and early departures cut participants' hours;
//! walk-ins arrive with no meetings. Plain data in and out, like the rest of
//! the scheduler.
//!
//! # Guarantees
//! - nothing in a slot that starts before `now` changes;
//! - locked meetings stay where they are (unless one side can no longer
//!   attend, when the lock is reported unscheduled);
//! - no meeting involves a participant outside their new hours;
//! - every other hard rule holds: [`check`](super::check) on
//!   [`Repair::rules`] and [`Repair::slate`] finds nothing.
//!
//! # Objectives, in order
//! 1. Every remaining meeting between present participants stays exactly
//!    where it is (slot and table). One is moved only when that frees the
//!    cell a replacement needs and nothing else would do, never otherwise.
//! 2. Those who lost a meeting get a replacement, those with the fewest
//!    meetings first, from their wished pairs first ([`RepairInput::wished`])
//!    then their best-scored free candidates, at the time they lost if
//!    possible.
//! 3. Walk-ins get meetings in free cells, fewest first, up to their
//!    `max_meetings`.
//! 4. Then total score: free cells are filled with the best pairs that
//!    involve someone already affected (who lost a meeting, or walked in).
//!    Participants untouched so far stay untouched: a new meeting in the
//!    agenda of someone the day did not affect is a disturbance too.

use std::collections::{HashMap, HashSet};

use jiff::civil::DateTime;

use crate::model::{Meeting, MeetingStatus, Side, Slate, Unscheduled};

use super::repair_fill::Filler;
use super::repair_grid::Grid;
use super::{PairStatus, ScheduleInput};

/// What to repair, and the day's news.
#[derive(Debug, Clone, PartialEq)]
pub struct RepairInput {
    /// The rules as they stand now: participants' hours already cut by
    /// attendance (absent means no slot that day), walk-ins included, and
    /// the current candidates with their scores and locks.
    pub rules: ScheduleInput,
    /// The slate to repair (the published one, or the latest), indexing
    /// `rules`' sellers and buyers.
    pub base: Vec<Meeting>,
    /// Slots starting before this are past and never change.
    pub now: DateTime,
    /// Participants who are not in the base slate's summit.
    pub walk_ins: Vec<(Side, usize)>,
    /// `(seller, buyer)` pairs someone wished for, tried first for
    /// replacements. Empty until the summit records wishes.
    pub wished: HashSet<(usize, usize)>,
    /// The base slate's upper bound, carried over: a repair does not
    /// recompute it.
    pub upper_bound: f64,
}

/// Why a meeting of the base slate is gone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lost {
    /// One side is absent or away at that time (late, left).
    Absence,
    /// Staff rejected the pair since, or it is no longer a candidate.
    NoLongerCandidate,
    /// A lock took its place and no other cell was free.
    Displaced,
}

/// Why a meeting was added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    Replacement,
    WalkIn,
    Score,
    /// Staff locked the pair here since the base slate.
    Locked,
}

/// The repair's figures, for staff to judge it at a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RepairFigures {
    /// Meetings before `now`, left as they were.
    pub past: usize,
    /// Meetings from `now` on that stay exactly where they were.
    pub kept: usize,
    pub moved: usize,
    pub lost_to_absences: usize,
    pub lost_otherwise: usize,
    /// Present participants who lost at least one meeting.
    pub lost_participants: usize,
    /// Of those, how many got at least one new meeting.
    pub replaced_participants: usize,
    pub replacements: usize,
    pub walk_in_meetings: usize,
    pub added_for_score: usize,
    /// Locks made since the base slate, placed now.
    pub new_locks: usize,
    /// Participants with any meeting added, moved or cancelled.
    pub changed_participants: usize,
}

/// The repaired slate and what changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Repair {
    pub slate: Slate,
    /// The rules the slate keeps, for [`check`](super::check): the input's,
    /// with each past meeting's cell allowed where it happened (staff may
    /// have cut hours that are already over).
    pub rules: ScheduleInput,
    pub cancelled: Vec<(Meeting, Lost)>,
    /// `(before, after)`.
    pub moved: Vec<(Meeting, Meeting)>,
    pub added: Vec<(Meeting, Added)>,
    pub figures: RepairFigures,
}

/// Where a meeting of the result comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Origin {
    Past,
    Kept,
    Moved { from: Meeting },
    Added(Added),
}

/// Repairs `input.base` from `input.now` on; see the module notes.
pub fn repair(input: &RepairInput) -> Repair {
    let open: Vec<bool> = input
        .rules
        .slots
        .iter()
        .map(|slot| slot.date.to_datetime(slot.start) >= input.now)
        .collect();
    let known = |m: &Meeting| {
        m.seller < input.rules.sellers.len()
            && m.buyer < input.rules.buyers.len()
            && m.slot < input.rules.slots.len()
    };
    let past: Vec<Meeting> = input
        .base
        .iter()
        .filter(|m| known(m) && !open[m.slot])
        .cloned()
        .collect();
    let rules = allow_past(&input.rules, &past);
    let mut filler = Filler::new(Grid::new(&rules, open.clone()), &input.wished);
    for meeting in &past {
        filler.place(*meeting, Origin::Past);
    }
    let mut cancelled = Vec::new();
    let mut future = Vec::new();
    for meeting in input.base.iter().filter(|m| !known(m) || open[m.slot]) {
        if !known(meeting) {
            cancelled.push((*meeting, Lost::NoLongerCandidate));
            continue;
        }
        let Some(pair) = filler.pair_of(meeting.seller, meeting.buyer) else {
            cancelled.push((*meeting, Lost::NoLongerCandidate));
            continue;
        };
        if !rules.sellers[meeting.seller].is_available(meeting.slot)
            || !rules.buyers[meeting.buyer].is_available(meeting.slot)
        {
            cancelled.push((*meeting, Lost::Absence));
            continue;
        }
        future.push(Meeting {
            score: pair.score,
            interpreter: pair.interpreter,
            status: status_of(pair.status),
            ..*meeting
        });
    }
    filler.place_locks(&future);
    let mut displaced = Vec::new();
    for meeting in future {
        match filler.keep(&meeting) {
            Some(true) => {}
            Some(false) => displaced.push(meeting),
            None => {} // placed by its lock, moved or kept there
        }
    }
    for meeting in displaced {
        if !filler.move_elsewhere(&meeting) {
            cancelled.push((meeting, Lost::Displaced));
        }
    }
    let mut lost: HashMap<(Side, usize), (u32, Vec<usize>)> = HashMap::new();
    for (meeting, _) in &cancelled {
        if !known(meeting) {
            continue;
        }
        // Who lost it: a side who could have come, not the one who is away.
        let could_come = [
            rules.sellers[meeting.seller].is_available(meeting.slot),
            rules.buyers[meeting.buyer].is_available(meeting.slot),
        ];
        let sides = [(Side::Seller, meeting.seller), (Side::Buyer, meeting.buyer)];
        for (who, could) in sides.into_iter().zip(could_come) {
            if could && filler.is_present(who) {
                let entry = lost.entry(who).or_default();
                entry.0 += 1;
                entry.1.push(meeting.slot);
            }
        }
    }
    let replaced = filler.replace(&lost);
    let walk_ins: Vec<(Side, usize)> = input
        .walk_ins
        .iter()
        .copied()
        .filter(|&(side, p)| match side {
            Side::Seller => p < rules.sellers.len(),
            Side::Buyer => p < rules.buyers.len(),
        })
        .collect();
    filler.serve_walk_ins(&walk_ins);
    let affected: HashSet<(Side, usize)> = lost
        .keys()
        .copied()
        .chain(walk_ins.iter().copied())
        .collect();
    filler.fill_for_score(&affected);
    let placed = filler.into_placed();
    finish(input, rules, placed, cancelled, lost.len(), replaced)
}

fn status_of(status: PairStatus) -> MeetingStatus {
    match status {
        PairStatus::Proposed => MeetingStatus::Proposed,
        PairStatus::Accepted => MeetingStatus::Accepted,
        PairStatus::Locked { .. } => MeetingStatus::Locked,
    }
}

/// `rules` with each past meeting allowed where it happened: both sides
/// available in its slot, its pair a candidate with its interpreter flag,
/// and a lock on the pair standing where the meeting took place.
fn allow_past(rules: &ScheduleInput, past: &[Meeting]) -> ScheduleInput {
    let mut rules = rules.clone();
    let mut first: HashMap<(usize, usize), usize> = HashMap::new();
    for (i, pair) in rules.candidates.iter().enumerate() {
        first.entry((pair.seller, pair.buyer)).or_insert(i);
    }
    for meeting in past {
        for available in [
            &mut rules.sellers[meeting.seller].available,
            &mut rules.buyers[meeting.buyer].available,
        ] {
            if available.len() <= meeting.slot {
                available.resize(meeting.slot + 1, false);
            }
            available[meeting.slot] = true;
        }
        match first.get(&(meeting.seller, meeting.buyer)) {
            Some(&i) => {
                let pair = &mut rules.candidates[i];
                pair.interpreter = meeting.interpreter;
                if let PairStatus::Locked { .. } = pair.status {
                    pair.status = PairStatus::Locked {
                        slot: meeting.slot,
                        table: meeting.table,
                    };
                }
            }
            None => rules.candidates.push(super::Pair {
                seller: meeting.seller,
                buyer: meeting.buyer,
                score: meeting.score,
                interpreter: meeting.interpreter,
                status: PairStatus::Proposed,
                wish: super::WishTier::default(),
            }),
        }
    }
    rules
}

fn finish(
    input: &RepairInput,
    rules: ScheduleInput,
    placed: Vec<(Meeting, Origin)>,
    cancelled: Vec<(Meeting, Lost)>,
    lost_participants: usize,
    replaced_participants: usize,
) -> Repair {
    let mut figures = RepairFigures {
        lost_participants,
        replaced_participants,
        ..RepairFigures::default()
    };
    let mut changed: HashSet<(Side, usize)> = HashSet::new();
    let mut touch = |m: &Meeting| {
        changed.insert((Side::Seller, m.seller));
        changed.insert((Side::Buyer, m.buyer));
    };
    let (mut moved, mut added, mut meetings) = (Vec::new(), Vec::new(), Vec::new());
    for (meeting, origin) in placed {
        match origin {
            Origin::Past => figures.past += 1,
            Origin::Kept => figures.kept += 1,
            Origin::Moved { from } => {
                figures.moved += 1;
                touch(&meeting);
                moved.push((from, meeting));
            }
            Origin::Added(why) => {
                match why {
                    Added::Replacement => figures.replacements += 1,
                    Added::WalkIn => figures.walk_in_meetings += 1,
                    Added::Score => figures.added_for_score += 1,
                    Added::Locked => figures.new_locks += 1,
                }
                touch(&meeting);
                added.push((meeting, why));
            }
        }
        meetings.push(meeting);
    }
    for (meeting, why) in &cancelled {
        match why {
            Lost::Absence => figures.lost_to_absences += 1,
            Lost::NoLongerCandidate | Lost::Displaced => figures.lost_otherwise += 1,
        }
        touch(meeting);
    }
    figures.changed_participants = changed.len();
    meetings.sort_by_key(|m| (m.slot, m.table, m.seller, m.buyer));
    let met: HashSet<(usize, usize)> = meetings.iter().map(|m| (m.seller, m.buyer)).collect();
    let mut seen = HashSet::new();
    let unscheduled = rules
        .candidates
        .iter()
        .filter(|pair| seen.insert((pair.seller, pair.buyer)))
        .filter(|pair| pair.status.is_must_have() && !met.contains(&(pair.seller, pair.buyer)))
        .map(|pair| Unscheduled {
            seller: pair.seller,
            buyer: pair.buyer,
            reason: format!(
                "{} and {} could not meet after the day's changes: one is absent or away, \
                 or no free cell remains for both from now on",
                rules.sellers[pair.seller].name, rules.buyers[pair.buyer].name
            ),
        })
        .collect();
    let total_score = meetings.iter().map(|m| m.score).sum::<f64>();
    Repair {
        slate: Slate {
            meetings,
            total_score,
            upper_bound: input.upper_bound.max(total_score),
            unscheduled,
        },
        rules,
        cancelled,
        moved,
        added,
        figures,
    }
}

//! Verifies a slate against every hard rule, and vets manual moves so the
//! UI can refuse one that would break a rule, saying why in words.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::model::{Side, Slate};

use super::names::Names;
use super::{PairStatus, ScheduleInput};

/// One broken hard rule. `meeting` indexes `Slate::meetings`; participants
/// index the input's sellers or buyers (see `side`). `describe` puts it in
/// words with names and times.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Violation {
    #[error("meeting {meeting} refers to seller #{seller} or buyer #{buyer}, who do not exist")]
    UnknownParticipant {
        meeting: usize,
        seller: usize,
        buyer: usize,
    },
    #[error("meeting {meeting} is in slot {slot}, which does not exist")]
    UnknownSlot { meeting: usize, slot: usize },
    #[error("meeting {meeting} is at table {table}, but tables run 0..{tables}")]
    UnknownTable {
        meeting: usize,
        table: u32,
        tables: u32,
    },
    #[error("meeting {meeting}: seller #{seller} and buyer #{buyer} are not a candidate pair")]
    NotACandidate {
        meeting: usize,
        seller: usize,
        buyer: usize,
    },
    #[error("meeting {meeting} says interpreter={claimed}, but its candidate says otherwise")]
    InterpreterMismatch { meeting: usize, claimed: bool },
    #[error("{side:?} #{participant} is not available in slot {slot} (meeting {meeting})")]
    Unavailable {
        meeting: usize,
        side: Side,
        participant: usize,
        slot: usize,
    },
    #[error("{side:?} #{participant} has {meetings} meetings in slot {slot}")]
    DoubleBooked {
        side: Side,
        participant: usize,
        slot: usize,
        meetings: usize,
    },
    #[error("{meetings} meetings share table {table} in slot {slot}")]
    TableShared {
        slot: usize,
        table: u32,
        meetings: usize,
    },
    #[error(
        "slot {slot} has {meetings} meetings needing an interpreter, but there are {interpreters} interpreters"
    )]
    TooManyInterpreted {
        slot: usize,
        meetings: usize,
        interpreters: u32,
    },
    #[error("{side:?} #{participant} has {meetings} meetings, more than max_meetings {max}")]
    OverMaxMeetings {
        side: Side,
        participant: usize,
        meetings: usize,
        max: u32,
    },
    #[error("seller #{seller} and buyer #{buyer} meet {meetings} times")]
    PairMeetsTwice {
        seller: usize,
        buyer: usize,
        meetings: usize,
    },
    #[error("meeting {meeting} is locked at slot {slot} table {table} but sits elsewhere")]
    LockedMisplaced {
        meeting: usize,
        slot: usize,
        table: u32,
    },
    #[error(
        "seller #{seller} and buyer #{buyer} must meet but are neither scheduled nor reported unscheduled"
    )]
    MustHaveMissing { seller: usize, buyer: usize },
}

impl Violation {
    /// The violation in words staff can act on, with names and times.
    pub fn describe(&self, input: &ScheduleInput, slate: &Slate) -> String {
        let names = Names::new(input);
        let who = |side: Side, participant: usize| match side {
            Side::Seller => names.seller(participant),
            Side::Buyer => names.buyer(participant),
        };
        let pair_of = |meeting: usize| match slate.meetings.get(meeting) {
            Some(found) => format!(
                "{} with {}",
                names.seller(found.seller),
                names.buyer(found.buyer)
            ),
            None => format!("meeting #{meeting}"),
        };
        match *self {
            Violation::UnknownParticipant { .. } | Violation::UnknownSlot { .. } => {
                self.to_string()
            }
            Violation::UnknownTable {
                meeting,
                table,
                tables,
            } => format!(
                "{} is at table {}, but the event has only {tables} tables",
                pair_of(meeting),
                table + 1
            ),
            Violation::NotACandidate { seller, buyer, .. } => format!(
                "{} and {} are not a candidate pair (rejected or never proposed)",
                names.seller(seller),
                names.buyer(buyer)
            ),
            Violation::InterpreterMismatch { meeting, .. } => {
                format!("{} has the wrong interpreter flag", pair_of(meeting))
            }
            Violation::Unavailable {
                side,
                participant,
                slot,
                ..
            } => {
                format!(
                    "{} is not available at {}",
                    who(side, participant),
                    names.slot(slot)
                )
            }
            Violation::DoubleBooked {
                side,
                participant,
                slot,
                meetings,
            } => format!(
                "{} would be in {meetings} meetings at {}",
                who(side, participant),
                names.slot(slot)
            ),
            Violation::TableShared {
                slot,
                table,
                meetings,
            } => format!(
                "{meetings} meetings would share table {} at {}",
                table + 1,
                names.slot(slot)
            ),
            Violation::TooManyInterpreted {
                slot,
                meetings,
                interpreters,
            } => format!(
                "{} would have {meetings} meetings needing an interpreter, but there are only {interpreters} interpreters",
                names.slot(slot)
            ),
            Violation::OverMaxMeetings {
                side,
                participant,
                meetings,
                max,
            } => format!(
                "{} would have {meetings} meetings, more than max_meetings {max}",
                who(side, participant)
            ),
            Violation::PairMeetsTwice {
                seller,
                buyer,
                meetings,
            } => format!(
                "{} and {} would meet {meetings} times",
                names.seller(seller),
                names.buyer(buyer)
            ),
            Violation::LockedMisplaced {
                meeting,
                slot,
                table,
            } => format!(
                "{} is locked at table {} at {}; unlock it before moving it",
                pair_of(meeting),
                table + 1,
                names.slot(slot)
            ),
            Violation::MustHaveMissing { seller, buyer } => format!(
                "{} and {} must meet but are missing from the slate",
                names.seller(seller),
                names.buyer(buyer)
            ),
        }
    }
}

/// Every hard-rule violation in `slate`, in a stable order.
pub fn check(input: &ScheduleInput, slate: &Slate) -> Vec<Violation> {
    let mut violations = Vec::new();
    let mut candidate_of = HashMap::new();
    for candidate in &input.candidates {
        candidate_of
            .entry((candidate.seller, candidate.buyer))
            .or_insert(candidate);
    }
    let mut in_slot: BTreeMap<(Side, usize, usize), usize> = BTreeMap::new();
    let mut at_table: BTreeMap<(usize, u32), usize> = BTreeMap::new();
    let mut interpreted: BTreeMap<usize, usize> = BTreeMap::new();
    let mut per_participant: BTreeMap<(Side, usize), usize> = BTreeMap::new();
    let mut per_pair: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (index, meeting) in slate.meetings.iter().enumerate() {
        let (Some(seller), Some(buyer)) = (
            input.sellers.get(meeting.seller),
            input.buyers.get(meeting.buyer),
        ) else {
            violations.push(Violation::UnknownParticipant {
                meeting: index,
                seller: meeting.seller,
                buyer: meeting.buyer,
            });
            continue;
        };
        *per_participant
            .entry((Side::Seller, meeting.seller))
            .or_insert(0) += 1;
        *per_participant
            .entry((Side::Buyer, meeting.buyer))
            .or_insert(0) += 1;
        *per_pair.entry((meeting.seller, meeting.buyer)).or_insert(0) += 1;
        let candidate = candidate_of.get(&(meeting.seller, meeting.buyer));
        match candidate {
            None => violations.push(Violation::NotACandidate {
                meeting: index,
                seller: meeting.seller,
                buyer: meeting.buyer,
            }),
            Some(candidate) => {
                if candidate.interpreter != meeting.interpreter {
                    violations.push(Violation::InterpreterMismatch {
                        meeting: index,
                        claimed: meeting.interpreter,
                    });
                }
                if let PairStatus::Locked { slot, table } = candidate.status
                    && (slot, table) != (meeting.slot, meeting.table)
                {
                    violations.push(Violation::LockedMisplaced {
                        meeting: index,
                        slot,
                        table,
                    });
                }
            }
        }
        if meeting.table >= input.tables {
            violations.push(Violation::UnknownTable {
                meeting: index,
                table: meeting.table,
                tables: input.tables,
            });
        }
        if meeting.slot >= input.slots.len() {
            violations.push(Violation::UnknownSlot {
                meeting: index,
                slot: meeting.slot,
            });
            continue;
        }
        for (side, participant, record) in [
            (Side::Seller, meeting.seller, seller),
            (Side::Buyer, meeting.buyer, buyer),
        ] {
            if !record.is_available(meeting.slot) {
                violations.push(Violation::Unavailable {
                    meeting: index,
                    side,
                    participant,
                    slot: meeting.slot,
                });
            }
            *in_slot
                .entry((side, participant, meeting.slot))
                .or_insert(0) += 1;
        }
        *at_table.entry((meeting.slot, meeting.table)).or_insert(0) += 1;
        if candidate.map_or(meeting.interpreter, |candidate| candidate.interpreter) {
            *interpreted.entry(meeting.slot).or_insert(0) += 1;
        }
    }
    for (&(side, participant, slot), &meetings) in &in_slot {
        if meetings > 1 {
            violations.push(Violation::DoubleBooked {
                side,
                participant,
                slot,
                meetings,
            });
        }
    }
    for (&(slot, table), &meetings) in &at_table {
        if meetings > 1 {
            violations.push(Violation::TableShared {
                slot,
                table,
                meetings,
            });
        }
    }
    for (&slot, &meetings) in &interpreted {
        if meetings > input.interpreters as usize {
            violations.push(Violation::TooManyInterpreted {
                slot,
                meetings,
                interpreters: input.interpreters,
            });
        }
    }
    for (&(side, participant), &meetings) in &per_participant {
        let max = match side {
            Side::Seller => input.sellers[participant].max_meetings,
            Side::Buyer => input.buyers[participant].max_meetings,
        };
        if meetings > max as usize {
            violations.push(Violation::OverMaxMeetings {
                side,
                participant,
                meetings,
                max,
            });
        }
    }
    for (&(seller, buyer), &meetings) in &per_pair {
        if meetings > 1 {
            violations.push(Violation::PairMeetsTwice {
                seller,
                buyer,
                meetings,
            });
        }
    }
    let reported: HashSet<(usize, usize)> = slate
        .unscheduled
        .iter()
        .map(|entry| (entry.seller, entry.buyer))
        .collect();
    // Only the first candidate of a pair counts, as in `solve`.
    let mut seen_pairs = HashSet::new();
    for candidate in &input.candidates {
        let pair = (candidate.seller, candidate.buyer);
        if seen_pairs.insert(pair)
            && candidate.status.is_must_have()
            && !per_pair.contains_key(&pair)
            && !reported.contains(&pair)
        {
            violations.push(Violation::MustHaveMissing {
                seller: candidate.seller,
                buyer: candidate.buyer,
            });
        }
    }
    violations
}

//! What the summit day says about each planned meeting, for the Slate tab:
//! an outcome recorded at the table (held, no-show, cancelled), else what
//! the welcome desk recorded (a participant absent, or not there at the
//! meeting's time; both checked in). One reading of the day log that the
//! desk draws and that tests check without a terminal.

use std::collections::HashMap;

use jiff::civil::Date;

use super::{OpenSummit, SummitError};
use crate::model::{Meeting, Side, Summit};
use crate::store::{Attendance, MeetingOutcome, Outcome, Presence};

/// A planned meeting's state on the day, most telling first: an outcome
/// wins over attendance, an absence over a check-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MeetingMark {
    Held,
    NoShow,
    Cancelled,
    /// This side is absent that day, or not there at the meeting's time
    /// (late or left); the seller when both are.
    Absent(Side),
    /// Both participants checked in and there at the meeting's time.
    CheckedIn,
}

impl MeetingMark {
    /// "held", "no-show", "cancelled", "seller absent", "checked in".
    pub fn word(self) -> &'static str {
        match self {
            MeetingMark::Held => "held",
            MeetingMark::NoShow => "no-show",
            MeetingMark::Cancelled => "cancelled",
            MeetingMark::Absent(Side::Seller) => "seller absent",
            MeetingMark::Absent(Side::Buyer) => "buyer absent",
            MeetingMark::CheckedIn => "checked in",
        }
    }
}

/// The day log's attendance and outcomes, by participant index.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DayMarks {
    outcomes: HashMap<(usize, usize), MeetingOutcome>,
    presence: HashMap<(Side, usize, Date), Presence>,
}

impl DayMarks {
    /// Reads the store's current rows against `summit`; rows naming ids
    /// not in the summit are left out.
    pub fn from_rows(summit: &Summit, attendance: &[Attendance], outcomes: &[Outcome]) -> DayMarks {
        let (sellers, buyers) = id_indices(summit);
        let outcomes = (outcomes.iter())
            .filter_map(|o| {
                let seller = sellers.get(o.seller_id.as_str())?;
                let buyer = buyers.get(o.buyer_id.as_str())?;
                Some(((*seller, *buyer), o.outcome))
            })
            .collect();
        let presence = (attendance.iter())
            .filter_map(|a| {
                let id = a.participant_id.as_str();
                let (side, index) = match (sellers.get(id), buyers.get(id)) {
                    (Some(&s), _) => (Side::Seller, s),
                    (None, Some(&b)) => (Side::Buyer, b),
                    (None, None) => return None,
                };
                Some(((side, index, a.day), a.presence))
            })
            .collect();
        DayMarks { outcomes, presence }
    }

    /// True when nothing is recorded: the grid shows no marks.
    pub fn is_empty(&self) -> bool {
        self.outcomes.is_empty() && self.presence.is_empty()
    }

    /// What the day says about `meeting`; `None` when nothing recorded
    /// touches it.
    pub fn mark(&self, summit: &Summit, meeting: &Meeting) -> Option<MeetingMark> {
        if let Some(outcome) = self.outcomes.get(&(meeting.seller, meeting.buyer)) {
            return Some(match outcome {
                MeetingOutcome::Held => MeetingMark::Held,
                MeetingOutcome::NoShow => MeetingMark::NoShow,
                MeetingOutcome::Cancelled => MeetingMark::Cancelled,
            });
        }
        let slot = summit.slots.get(meeting.slot)?;
        let seller = (self.presence).get(&(Side::Seller, meeting.seller, slot.date));
        let buyer = (self.presence).get(&(Side::Buyer, meeting.buyer, slot.date));
        let away = |p: Option<&Presence>| p.is_some_and(|p| !p.allows(slot.start, slot.end));
        if away(seller) {
            return Some(MeetingMark::Absent(Side::Seller));
        }
        if away(buyer) {
            return Some(MeetingMark::Absent(Side::Buyer));
        }
        (seller.is_some() && buyer.is_some()).then_some(MeetingMark::CheckedIn)
    }
}

/// Each seller's and each buyer's index by id, for reading store rows
/// (which name participants by id) against the summit.
pub(super) fn id_indices(summit: &Summit) -> (HashMap<&str, usize>, HashMap<&str, usize>) {
    let sellers = (summit.sellers.iter().enumerate())
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let buyers = (summit.buyers.iter().enumerate())
        .map(|(i, b)| (b.id.as_str(), i))
        .collect();
    (sellers, buyers)
}

impl OpenSummit {
    /// The day log's attendance and outcomes as of now, for marking the
    /// slate's meetings.
    pub fn day_marks(&self) -> Result<DayMarks, SummitError> {
        let attendance = self.store.attendance()?;
        let outcomes = self.store.outcomes()?;
        Ok(DayMarks::from_rows(self.summit(), &attendance, &outcomes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MeetingStatus;

    fn summit() -> Summit {
        let loaded = crate::load::load_summit(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data"),
        );
        loaded
            .summit
            .unwrap_or_else(|| panic!("{:?}", loaded.problems))
    }

    fn attendance(summit: &Summit, id: &str, slot: usize, presence: Presence) -> Attendance {
        Attendance {
            participant_id: id.to_string(),
            day: summit.slots[slot].date,
            presence,
            note: None,
            staff: "ana".to_string(),
            at: jiff::Timestamp::UNIX_EPOCH,
        }
    }

    #[test]
    fn an_outcome_wins_then_an_absence_then_a_check_in() {
        let summit = summit();
        let meeting = |seller, buyer, slot| Meeting {
            seller,
            buyer,
            slot,
            table: 0,
            score: 1.0,
            interpreter: false,
            status: MeetingStatus::Proposed,
        };
        let (s0, b0, s1, b1) = (
            summit.sellers[0].id.clone(),
            summit.buyers[0].id.clone(),
            summit.sellers[1].id.clone(),
            summit.buyers[1].id.clone(),
        );
        let late = summit.slots[1].start;
        let rows = [
            attendance(&summit, &s0, 0, Presence::Present),
            attendance(&summit, &b0, 0, Presence::Present),
            attendance(&summit, &b1, 0, Presence::Late { until: late }),
        ];
        let outcome = Outcome {
            seller_id: s1.clone(),
            buyer_id: b0.clone(),
            outcome: MeetingOutcome::NoShow,
            note: None,
            staff: "ana".to_string(),
            at: jiff::Timestamp::UNIX_EPOCH,
        };
        let marks = DayMarks::from_rows(&summit, &rows, &[outcome]);
        let mark = |m: Meeting| marks.mark(&summit, &m);
        assert_eq!(mark(meeting(0, 0, 0)), Some(MeetingMark::CheckedIn));
        assert_eq!(mark(meeting(1, 0, 0)), Some(MeetingMark::NoShow));
        // Late until slot 1: away at slot 0, there from slot 1.
        assert_eq!(
            mark(meeting(0, 1, 0)),
            Some(MeetingMark::Absent(Side::Buyer))
        );
        // From slot 1 the late buyer is there, and both checked in.
        assert_eq!(mark(meeting(0, 1, 1)), Some(MeetingMark::CheckedIn));
        // Nothing recorded for seller 1 on its own.
        assert_eq!(mark(meeting(1, 1, 1)), None);
        assert!(!marks.is_empty());
        assert!(DayMarks::default().is_empty());
    }
}

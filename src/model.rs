//! Plain data shared by every part of matchslate: the event, its slots, the
//! participants, candidate pairs, staff decisions and the resulting slate.
//!
//! Nothing here knows about files, terminals or SQL; the loader builds these
//! values after validation, so every value here is already known to be sound
//! (times parse, days are ordered, ids are unique).

use jiff::civil::{Date, Time};

/// A half-open range of local time on one day, `[from, to)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeRange {
    pub from: Time,
    pub to: Time,
}

/// A range on a given date, used for participants' availability.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DatedRange {
    pub date: Date,
    pub from: Time,
    pub to: Time,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventDay {
    pub date: Date,
    pub start: Time,
    pub end: Time,
    pub breaks: Vec<TimeRange>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub name: String,
    pub venue: String,
    /// IANA time-zone name, already checked to exist.
    pub timezone: String,
    pub days: Vec<EventDay>,
    pub slot_minutes: u32,
    pub tables: u32,
    pub interpreters: u32,
    pub default_max_meetings: u32,
}

/// One concrete meeting slot. `index` is global across the whole event and
/// orders slots in time; `day` indexes `Event::days`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub index: usize,
    pub day: usize,
    pub date: Date,
    pub start: Time,
    pub end: Time,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Seller {
    pub id: String,
    pub company: String,
    pub state: String,
    pub categories: Vec<String>,
    pub keywords: Vec<String>,
    pub hs_codes: Vec<String>,
    pub certifications: Vec<String>,
    pub languages: Vec<String>,
    pub max_meetings: u32,
    /// Empty means available for the whole event.
    pub available: Vec<DatedRange>,
    pub wishes: Wishes,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Buyer {
    pub id: String,
    pub company: String,
    pub company_zh: String,
    pub city: String,
    pub buyer_type: String,
    pub interests: Vec<String>,
    pub hs_codes: Vec<String>,
    pub required_certifications: Vec<String>,
    pub languages: Vec<String>,
    pub max_meetings: u32,
    /// Empty means available for the whole event.
    pub available: Vec<DatedRange>,
    pub wishes: Wishes,
}

/// A participant's own wishes about the other side, by the other side's ids
/// (already checked to exist). `meet` is ordered, most wanted first, so a
/// wish's rank is its position plus one; `avoid` is unordered. No id is in
/// both lists or twice in one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Wishes {
    pub meet: Vec<String>,
    pub avoid: Vec<String>,
}

impl Wishes {
    pub fn is_empty(&self) -> bool {
        self.meet.is_empty() && self.avoid.is_empty()
    }
}

/// A validated summit: the event, its expanded slots and both sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summit {
    pub event: Event,
    pub slots: Vec<Slot>,
    pub sellers: Vec<Seller>,
    pub buyers: Vec<Buyer>,
}

/// Which side of the summit a participant is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Side {
    Seller,
    Buyer,
}

impl Side {
    /// The side across the table.
    pub fn other(self) -> Side {
        match self {
            Side::Seller => Side::Buyer,
            Side::Buyer => Side::Seller,
        }
    }

    /// The side's word in English output: "seller" or "buyer".
    pub fn word(self) -> &'static str {
        match self {
            Side::Seller => "seller",
            Side::Buyer => "buyer",
        }
    }
}

/// A staff decision about one seller-buyer pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DecisionKind {
    /// The pair must meet.
    Accepted,
    /// The pair must never meet.
    Rejected,
    /// The pair must meet exactly at this slot and table (both 0-based).
    Locked { slot: usize, table: u32 },
}

impl DecisionKind {
    pub fn label(self) -> &'static str {
        match self {
            DecisionKind::Accepted => "accepted",
            DecisionKind::Rejected => "rejected",
            DecisionKind::Locked { .. } => "locked",
        }
    }
}

/// How a meeting came to be on the slate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MeetingStatus {
    Locked,
    Accepted,
    Proposed,
}

impl MeetingStatus {
    pub fn label(self) -> &'static str {
        match self {
            MeetingStatus::Locked => "locked",
            MeetingStatus::Accepted => "accepted",
            MeetingStatus::Proposed => "proposed",
        }
    }
}

/// One scheduled meeting. `seller` and `buyer` index `Summit::sellers` and
/// `Summit::buyers`; `slot` indexes `Summit::slots`; `table` is 0-based.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Meeting {
    pub seller: usize,
    pub buyer: usize,
    pub slot: usize,
    pub table: u32,
    pub score: f64,
    pub interpreter: bool,
    pub status: MeetingStatus,
}

/// A pair that staff accepted or locked but the scheduler could not place.
#[derive(Debug, Clone, PartialEq)]
pub struct Unscheduled {
    pub seller: usize,
    pub buyer: usize,
    pub reason: String,
}

/// The scheduler's result.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Slate {
    pub meetings: Vec<Meeting>,
    pub total_score: f64,
    /// An upper bound on `total_score` over every feasible schedule.
    pub upper_bound: f64,
    pub unscheduled: Vec<Unscheduled>,
}

impl Slate {
    /// The slate's score as a percentage of the upper bound (100 when the
    /// bound is zero, as nothing could have been scheduled).
    pub fn percent_of_bound(&self) -> f64 {
        if self.upper_bound <= 0.0 {
            100.0
        } else {
            (100.0 * self.total_score / self.upper_bound).min(100.0)
        }
    }
}

/// A wish entered by staff on a participant's behalf (participants phone
/// in changes); applied over the wishes read from the files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WishChange {
    /// Wants to meet, at this rank (1 = first choice; later ones move down).
    Meet { rank: u32 },
    /// Must not meet.
    Avoid,
    /// No wish about the pair any more (also removes one from the files).
    Remove,
}

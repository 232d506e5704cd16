//! The plain data the decision store takes and gives: decisions to record,
//! current decisions, and log rows.

use jiff::Timestamp;

use super::LockPlace;
use crate::model::DecisionKind;

/// What a staff member decides about a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// The pair must meet.
    Accept,
    /// The pair must never meet.
    Reject,
    /// The pair must meet at this slot and table (both 0-based).
    Lock { slot: usize, table: u32 },
    /// Back to undecided.
    Clear,
}

impl Verdict {
    /// The pair's state after this action; `None` means undecided.
    pub fn kind(self) -> Option<DecisionKind> {
        match self {
            Verdict::Accept => Some(DecisionKind::Accepted),
            Verdict::Reject => Some(DecisionKind::Rejected),
            Verdict::Lock { slot, table } => Some(DecisionKind::Locked { slot, table }),
            Verdict::Clear => None,
        }
    }
}

/// A decision to record. Ids are the participants' string ids from the data
/// files, which stay stable when the data is edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewDecision<'a> {
    pub seller_id: &'a str,
    pub buyer_id: &'a str,
    pub action: Verdict,
    pub staff: &'a str,
    pub note: Option<&'a str>,
}

/// The effective decision on one pair: who set it last, when, and its note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentDecision {
    pub seller_id: String,
    pub buyer_id: String,
    pub kind: DecisionKind,
    pub staff: String,
    pub at: Timestamp,
    pub note: Option<String>,
    /// For a lock, its day, time and table, when the store knows them.
    pub place: Option<LockPlace>,
}

/// Why a log row was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LogAction {
    /// An ordinary decision (accept, reject, lock or clear).
    Decide,
    /// A note added to or removed from the existing decision.
    Note,
    /// Undid row `reverts`, restoring the pair's state from before it.
    Undo,
    /// Reversed the undo row `reverts`, re-applying what it undid.
    Redo,
}

/// One row of the append-only log. `kind` and `note` are the pair's state
/// after this row (`kind: None` means cleared), whatever the action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    pub id: i64,
    pub action: LogAction,
    pub seller_id: String,
    pub buyer_id: String,
    pub kind: Option<DecisionKind>,
    pub staff: String,
    pub at: Timestamp,
    pub note: Option<String>,
    /// For `Undo`, the row undone; for `Redo`, the undo row reversed.
    pub reverts: Option<i64>,
    /// For the second and later rows of a step (a swap's other lock), the
    /// id of the step's first row.
    pub step: Option<i64>,
    /// For a lock, its day, time and table, when the store knows them.
    pub place: Option<LockPlace>,
    /// A lock whose day and time is no longer a slot of the event.
    pub orphan: bool,
}

impl LogEntry {
    /// The pair's decision after this row, if it is not cleared.
    pub fn to_current(&self) -> Option<CurrentDecision> {
        Some(CurrentDecision {
            seller_id: self.seller_id.clone(),
            buyer_id: self.buyer_id.clone(),
            kind: self.kind?,
            staff: self.staff.clone(),
            at: self.at,
            note: self.note.clone(),
            place: self.place,
        })
    }
}

//! Staff decisions on pairs: recording them (with lock ranges checked),
//! notes, undo and redo, and decisions other staff wrote meanwhile.

use std::collections::HashMap;
use std::sync::Arc;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::{OpenSummit, SummitError, Verdict};
use crate::model::{DecisionKind, Summit};
use crate::store;
use crate::wishes::{StaffWish, WishIndex};

/// A decision as shown to staff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionInfo {
    pub kind: DecisionKind,
    pub staff: String,
    pub at: Timestamp,
    pub note: Option<String>,
}

impl DecisionInfo {
    /// When, in the event's time zone with its abbreviation, e.g.
    /// `2026-05-12 08:41 PDT`: staff far from UTC must not read UTC as
    /// local time. An unknown zone falls back to UTC (the loader checks
    /// zones, so only a test summit gets here).
    pub fn at_in(&self, summit: &Summit) -> String {
        let zone = TimeZone::get(&summit.event.timezone).unwrap_or(TimeZone::UTC);
        self.at
            .to_zoned_datetime(zone)
            .strftime("%Y-%m-%d %H:%M %Z")
            .to_string()
    }

    /// When, in UTC, `YYYY-MM-DD HH:MM` (the CLI's listing).
    pub fn at_utc(&self) -> String {
        self.at.strftime("%Y-%m-%d %H:%M").to_string()
    }
}

/// Decisions and wishes read by one connection at a log position, handed
/// to another (see [`OpenSummit::read_back`]).
#[derive(Debug, Clone)]
pub struct ReadBack {
    decisions: Arc<HashMap<(usize, usize), DecisionInfo>>,
    stale: Vec<(String, String)>,
    wishes: Arc<WishIndex>,
    staff_wishes: Option<Vec<StaffWish>>,
    position: store::LogPosition,
}

/// One staff decision on a pair (indices into the summit), as both front
/// ends and the desk's recorders pass it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision<'a> {
    pub seller: usize,
    pub buyer: usize,
    pub verdict: Verdict,
    pub note: Option<&'a str>,
}

/// A lock outside the event; both numbers are shown counted from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LockError {
    #[error("slot {slot} is not a slot of this event: expected 1 to {slots}")]
    Slot { slot: usize, slots: usize },
    #[error("table {table} is not a table of this event: expected 1 to {tables}")]
    Table { table: u32, tables: u32 },
}

/// `Ok` when slot and table (0-based) exist in the event.
pub fn check_lock(summit: &Summit, slot: usize, table: u32) -> Result<(), LockError> {
    let slots = summit.slots.len();
    let tables = summit.event.tables;
    if slot >= slots {
        return Err(LockError::Slot {
            slot: slot.wrapping_add(1),
            slots,
        });
    }
    if table >= tables {
        return Err(LockError::Table {
            table: table.wrapping_add(1),
            tables,
        });
    }
    Ok(())
}

impl OpenSummit {
    pub(super) fn reload_decisions(&mut self) -> Result<(), SummitError> {
        // The position first: what is read after it is at least as new, so
        // a later write is never taken for one already read.
        let position = self.store.position()?;
        let mut decisions = HashMap::new();
        let mut stale = Vec::new();
        for d in self.store.current()? {
            match (self.ids.seller(&d.seller_id), self.ids.buyer(&d.buyer_id)) {
                (Some(s), Some(b)) => {
                    let info = DecisionInfo {
                        kind: d.kind,
                        staff: d.staff,
                        at: d.at,
                        note: d.note,
                    };
                    decisions.insert((s, b), info);
                }
                _ => stale.push((d.seller_id, d.buyer_id)),
            }
        }
        self.decisions = Arc::new(decisions);
        self.stale_decisions = stale;
        // Staff-entered wishes live in the same store and change with it.
        self.reload_wishes()?;
        self.position = position;
        Ok(())
    }

    /// The decisions and wishes as this connection read them after its
    /// own write, for another connection to the same store to take over
    /// with [`OpenSummit::adopt`] instead of reading them again: a worker
    /// that records hands them to the desk.
    pub fn read_back(&self) -> ReadBack {
        ReadBack {
            decisions: Arc::clone(&self.decisions),
            stale: self.stale_decisions.clone(),
            wishes: Arc::clone(&self.wishes),
            staff_wishes: self.staff_wishes.clone(),
            position: self.position,
        }
    }

    /// Takes over decisions and wishes another connection read, unless
    /// this one's are newer. Whatever was written after them is still
    /// found by [`OpenSummit::refresh_if_changed`]: it compares the logs'
    /// position with theirs.
    pub fn adopt(&mut self, read: ReadBack) {
        if !read.position.at_or_after(self.position) {
            return;
        }
        self.decisions = read.decisions;
        self.stale_decisions = read.stale;
        self.wishes = read.wishes;
        self.staff_wishes = read.staff_wishes;
        self.position = read.position;
    }

    pub fn decision(&self, seller: usize, buyer: usize) -> Option<&DecisionInfo> {
        self.decisions.get(&(seller, buyer))
    }

    /// Every current decision, by (seller, buyer) index.
    pub fn decisions(&self) -> &HashMap<(usize, usize), DecisionInfo> {
        &self.decisions
    }

    pub fn seller_index(&self, id: &str) -> Result<usize, SummitError> {
        self.prepared.seller_index(id)
    }

    pub fn buyer_index(&self, id: &str) -> Result<usize, SummitError> {
        self.prepared.buyer_index(id)
    }

    /// Records `verdict` on a pair; a lock outside the event's slots or
    /// tables is refused before anything is written.
    pub fn decide(&mut self, decision: Decision<'_>) -> Result<(), SummitError> {
        if let Verdict::Lock { slot, table } = decision.verdict {
            check_lock(&self.prepared.summit, slot, table)?;
        }
        let (s, b) = pair(&self.prepared.summit, decision.seller, decision.buyer)?;
        let row = store::NewDecision {
            seller_id: &s.id,
            buyer_id: &b.id,
            action: decision.verdict,
            staff: &self.options.staff,
            note: decision.note,
        };
        self.store.record(&row)?;
        self.after_own_write()
    }

    /// Adds or replaces the note on a pair's current decision.
    pub fn set_note(
        &mut self,
        seller: usize,
        buyer: usize,
        note: Option<&str>,
    ) -> Result<(), SummitError> {
        let (s, b) = (
            &self.prepared.summit.sellers[seller].id,
            &self.prepared.summit.buyers[buyer].id,
        );
        self.store.set_note(s, b, &self.options.staff, note)?;
        self.after_own_write()
    }

    /// Undoes this staff member's latest decision; false when there is none.
    pub fn undo(&mut self) -> Result<bool, SummitError> {
        let done = self.store.undo(&self.options.staff)?.is_some();
        self.after_own_write()?;
        Ok(done)
    }

    pub fn redo(&mut self) -> Result<bool, SummitError> {
        let done = self.store.redo(&self.options.staff)?.is_some();
        self.after_own_write()?;
        Ok(done)
    }

    pub(super) fn after_own_write(&mut self) -> Result<(), SummitError> {
        self.reload_decisions()?;
        self.change_token = self.store.change_token()?;
        Ok(())
    }

    /// True when another connection wrote to the store since last asked;
    /// the decisions and wishes are read again only when their logs grew
    /// past what this summit holds (not for a write it adopted, nor for
    /// slate versions or the summit day's log).
    pub fn refresh_if_changed(&mut self) -> Result<bool, SummitError> {
        let token = self.store.change_token()?;
        if token == self.change_token {
            return Ok(false);
        }
        self.change_token = token;
        if self.store.position()? != self.position {
            self.reload_decisions()?;
        }
        Ok(true)
    }
}

/// The seller and buyer at these indices, or which one the summit lacks.
pub(super) fn pair(
    summit: &crate::model::Summit,
    seller: usize,
    buyer: usize,
) -> Result<(&crate::model::Seller, &crate::model::Buyer), SummitError> {
    let unknown = |side, index: usize| SummitError::UnknownParticipant {
        side,
        id: format!("#{index}"),
    };
    let s = (summit.sellers.get(seller)).ok_or_else(|| unknown("seller", seller))?;
    let b = (summit.buyers.get(buyer)).ok_or_else(|| unknown("buyer", buyer))?;
    Ok((s, b))
}

/// Participants' indices by id, owned so one copy serves every thread's
/// connection to the summit.
pub(super) struct ParticipantIds {
    sellers: HashMap<Box<str>, usize>,
    buyers: HashMap<Box<str>, usize>,
}

impl ParticipantIds {
    pub(super) fn of(summit: &crate::model::Summit) -> ParticipantIds {
        ParticipantIds {
            sellers: (summit.sellers.iter().enumerate())
                .map(|(i, s)| (s.id.as_str().into(), i))
                .collect(),
            buyers: (summit.buyers.iter().enumerate())
                .map(|(i, b)| (b.id.as_str().into(), i))
                .collect(),
        }
    }

    pub(super) fn seller(&self, id: &str) -> Option<usize> {
        self.sellers.get(id).copied()
    }

    pub(super) fn buyer(&self, id: &str) -> Option<usize> {
        self.buyers.get(id).copied()
    }
}

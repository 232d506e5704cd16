//! Accepted and locked pairs the scheduler could not place, named with
//! what staff decided, so both front ends say "locked" or "accepted"
//! correctly and the CLI can fail.

use super::Scheduled;
use crate::model::Summit;
use crate::schedule::PairStatus;

/// A pair staff decided must meet, left off the slate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unplaced {
    pub seller: usize,
    pub buyer: usize,
    /// Locked to a place (true) or only accepted.
    pub locked: bool,
    pub reason: String,
}

impl Unplaced {
    pub fn decision(&self) -> &'static str {
        if self.locked { "locked" } else { "accepted" }
    }

    /// "S098·B001 (locked): another meeting holds table 5 at 09:20".
    pub fn describe(&self, summit: &Summit) -> String {
        let s = summit.sellers.get(self.seller).map_or("?", |s| &s.id);
        let b = summit.buyers.get(self.buyer).map_or("?", |b| &b.id);
        format!("{s}·{b} ({}): {}", self.decision(), self.reason)
    }
}

impl Scheduled {
    /// Every accepted or locked pair the slate does not hold, with why.
    pub fn unplaced(&self) -> Vec<Unplaced> {
        let candidates = &self.input().candidates;
        (self.slate().unscheduled.iter())
            .map(|u| {
                let locked = candidates.iter().any(|c| {
                    (c.seller, c.buyer) == (u.seller, u.buyer)
                        && matches!(c.status, PairStatus::Locked { .. })
                });
                Unplaced {
                    seller: u.seller,
                    buyer: u.buyer,
                    locked,
                    reason: u.reason.clone(),
                }
            })
            .collect()
    }
}

/// "1 locked pair could not be placed" / "2 accepted or locked pairs …".
pub fn unplaced_headline(unplaced: &[Unplaced]) -> String {
    let locked = unplaced.iter().filter(|u| u.locked).count();
    let kind = match (locked, unplaced.len() - locked) {
        (_, 0) => "locked",
        (0, _) => "accepted",
        _ => "accepted or locked",
    };
    match unplaced.len() {
        1 => format!("1 {kind} pair could not be placed"),
        n => format!("{n} {kind} pairs could not be placed"),
    }
}

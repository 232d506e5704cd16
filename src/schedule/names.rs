//! Words for people: participants and slots labelled the way staff know
//! them. Kept apart from the search so every stage (vetting locks, checks,
//! manual moves, reasons) can use it without depending on the others.

use super::ScheduleInput;
use crate::model::Side;

/// Labels participants and slots the way staff know them.
pub(super) struct Names<'a> {
    input: &'a ScheduleInput,
}

impl<'a> Names<'a> {
    pub fn new(input: &'a ScheduleInput) -> Self {
        Names { input }
    }

    pub fn seller(&self, seller: usize) -> String {
        match self.input.sellers.get(seller) {
            Some(participant) if !participant.name.is_empty() => {
                format!("seller {}", participant.name)
            }
            _ => format!("seller #{}", seller + 1),
        }
    }

    pub fn buyer(&self, buyer: usize) -> String {
        match self.input.buyers.get(buyer) {
            Some(participant) if !participant.name.is_empty() => {
                format!("buyer {}", participant.name)
            }
            _ => format!("buyer #{}", buyer + 1),
        }
    }

    /// A seller or a buyer, by side.
    pub fn of(&self, side: Side, index: usize) -> String {
        match side {
            Side::Seller => self.seller(index),
            Side::Buyer => self.buyer(index),
        }
    }

    /// A participant in the scheduler's single index space.
    pub fn participant(&self, seller_count: usize, participant: usize) -> String {
        if participant < seller_count {
            self.seller(participant)
        } else {
            self.buyer(participant - seller_count)
        }
    }

    pub fn slot(&self, slot: usize) -> String {
        match self.input.slots.get(slot) {
            Some(found) => format!(
                "the {:02}:{:02} slot on {}",
                found.start.hour(),
                found.start.minute(),
                found.date
            ),
            None => format!("slot number {}", slot + 1),
        }
    }
}

//! Who and what is taken in each slot while a slate is repaired: the hard
//! rules as cheap lookups (busy participants, used tables, interpreters in
//! use, meeting counts, pairs already met).

use std::collections::HashSet;

use crate::model::Meeting;

use super::{Pair, ScheduleInput};

pub(crate) struct Grid<'a> {
    pub input: &'a ScheduleInput,
    /// Per slot: may this slot change (it starts at or after `now`)?
    pub open: Vec<bool>,
    slots: usize,
    tables: usize,
    seller_busy: Vec<bool>,
    buyer_busy: Vec<bool>,
    pub seller_count: Vec<u32>,
    pub buyer_count: Vec<u32>,
    table_used: Vec<bool>,
    interpreted: Vec<u32>,
    met: HashSet<(usize, usize)>,
    /// The table each seller last sat at, so new meetings keep sellers in
    /// place where they can.
    seller_table: Vec<Option<u32>>,
}

impl<'a> Grid<'a> {
    pub fn new(input: &'a ScheduleInput, open: Vec<bool>) -> Grid<'a> {
        let slots = input.slots.len();
        let tables = input.tables as usize;
        Grid {
            input,
            open,
            slots,
            tables,
            seller_busy: vec![false; input.sellers.len() * slots],
            buyer_busy: vec![false; input.buyers.len() * slots],
            seller_count: vec![0; input.sellers.len()],
            buyer_count: vec![0; input.buyers.len()],
            table_used: vec![false; slots * tables],
            interpreted: vec![0; slots],
            met: HashSet::new(),
            seller_table: vec![None; input.sellers.len()],
        }
    }

    pub fn seller_busy(&self, seller: usize, slot: usize) -> bool {
        self.seller_busy[seller * self.slots + slot]
    }

    pub fn buyer_busy(&self, buyer: usize, slot: usize) -> bool {
        self.buyer_busy[buyer * self.slots + slot]
    }

    pub fn has_met(&self, seller: usize, buyer: usize) -> bool {
        self.met.contains(&(seller, buyer))
    }

    /// Both sides still have room for one more meeting and have not met.
    pub fn pair_has_room(&self, pair: &Pair) -> bool {
        self.seller_count[pair.seller] < self.input.sellers[pair.seller].max_meetings
            && self.buyer_count[pair.buyer] < self.input.buyers[pair.buyer].max_meetings
            && !self.has_met(pair.seller, pair.buyer)
    }

    /// Whether `pair` may meet in `slot` (an open one), leaving the table
    /// aside: both available and free, an interpreter to spare if needed.
    pub fn slot_fits(&self, pair: &Pair, slot: usize) -> bool {
        slot < self.slots
            && self.open[slot]
            && self.input.sellers[pair.seller].is_available(slot)
            && self.input.buyers[pair.buyer].is_available(slot)
            && !self.seller_busy(pair.seller, slot)
            && !self.buyer_busy(pair.buyer, slot)
            && (!pair.interpreter || self.interpreted[slot] < self.input.interpreters)
    }

    pub fn table_free(&self, slot: usize, table: u32) -> bool {
        (table as usize) < self.tables && !self.table_used[slot * self.tables + table as usize]
    }

    /// A free table in `slot`: the seller's usual one if free, else the
    /// lowest free.
    pub fn free_table(&self, slot: usize, seller: usize) -> Option<u32> {
        if let Some(table) = self.seller_table[seller]
            && self.table_free(slot, table)
        {
            return Some(table);
        }
        let row = &self.table_used[slot * self.tables..(slot + 1) * self.tables];
        row.iter().position(|used| !used).map(|t| t as u32)
    }

    /// Marks `meeting` as taking its participants, table and interpreter.
    /// Out-of-range indices are the caller's to refuse first.
    pub fn take(&mut self, meeting: &Meeting) {
        self.set(meeting, true);
        self.seller_count[meeting.seller] += 1;
        self.buyer_count[meeting.buyer] += 1;
        self.met.insert((meeting.seller, meeting.buyer));
        self.seller_table[meeting.seller] = Some(meeting.table);
    }

    /// Undoes [`Grid::take`].
    pub fn release(&mut self, meeting: &Meeting) {
        self.set(meeting, false);
        self.seller_count[meeting.seller] = self.seller_count[meeting.seller].saturating_sub(1);
        self.buyer_count[meeting.buyer] = self.buyer_count[meeting.buyer].saturating_sub(1);
        self.met.remove(&(meeting.seller, meeting.buyer));
    }

    fn set(&mut self, meeting: &Meeting, on: bool) {
        let (slot, slots) = (meeting.slot, self.slots);
        self.seller_busy[meeting.seller * slots + slot] = on;
        self.buyer_busy[meeting.buyer * slots + slot] = on;
        if (meeting.table as usize) < self.tables {
            self.table_used[slot * self.tables + meeting.table as usize] = on;
        }
        if meeting.interpreter {
            if on {
                self.interpreted[slot] += 1;
            } else {
                self.interpreted[slot] = self.interpreted[slot].saturating_sub(1);
            }
        }
    }
}

//! Lookups into the slate for the grid: which meeting sits in a cell.

use std::collections::{HashMap, HashSet};

use crate::model::Slate;

#[derive(Debug, Default)]
pub struct SlateIndex {
    cells: HashMap<(usize, u32), usize>,
    /// Every (seller, buyer) that meets, for the lists' wishes-met column.
    pairs: HashSet<(usize, usize)>,
}

impl SlateIndex {
    pub fn new(slate: &Slate) -> SlateIndex {
        SlateIndex {
            cells: slate
                .meetings
                .iter()
                .enumerate()
                .map(|(i, m)| ((m.slot, m.table), i))
                .collect(),
            pairs: slate.meetings.iter().map(|m| (m.seller, m.buyer)).collect(),
        }
    }

    /// Whether the seller and buyer meet on the slate.
    pub fn meets(&self, seller: usize, buyer: usize) -> bool {
        self.pairs.contains(&(seller, buyer))
    }

    /// The meeting at `slot` (global index) and `table`.
    pub fn at(&self, slot: usize, table: u32) -> Option<usize> {
        self.cells.get(&(slot, table)).copied()
    }
}

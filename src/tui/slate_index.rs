//! Lookups into the slate for the grid: which meeting sits in a cell.

use std::collections::HashMap;

use crate::model::Slate;

#[derive(Debug, Default)]
pub struct SlateIndex {
    cells: HashMap<(usize, u32), usize>,
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
        }
    }

    /// The meeting at `slot` (global index) and `table`.
    pub fn at(&self, slot: usize, table: u32) -> Option<usize> {
        self.cells.get(&(slot, table)).copied()
    }
}

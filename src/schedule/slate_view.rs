//! Who meets when on a slate, and what keeps one more pair off it: the
//! blocking causes `explain` reports.

use crate::model::{Side, Slate};

use super::explain::Blocker;
use super::{Participant, ScheduleInput};

/// Who meets when, as the slate has it.
pub(super) struct SlateView<'a> {
    pub input: &'a ScheduleInput,
    slate: &'a Slate,
    pub load: Vec<u32>,
    pub interpreted: Vec<u32>,
}

impl<'a> SlateView<'a> {
    pub fn new(input: &'a ScheduleInput, slate: &'a Slate) -> Self {
        let mut load = vec![0; input.slots.len()];
        let mut interpreted = vec![0; input.slots.len()];
        for meeting in &slate.meetings {
            if meeting.slot < load.len() {
                load[meeting.slot] += 1;
                interpreted[meeting.slot] += u32::from(meeting.interpreter);
            }
        }
        SlateView {
            input,
            slate,
            load,
            interpreted,
        }
    }

    pub fn count(&self, side: Side, index: usize) -> usize {
        self.slate
            .meetings
            .iter()
            .filter(|m| match side {
                Side::Seller => m.seller == index,
                Side::Buyer => m.buyer == index,
            })
            .count()
    }

    pub fn person(&self, side: Side, index: usize) -> Option<&Participant> {
        match side {
            Side::Seller => self.input.sellers.get(index),
            Side::Buyer => self.input.buyers.get(index),
        }
    }

    pub fn busy_at(&self, seller: usize, buyer: usize, slot: usize) -> Vec<(usize, usize, f64)> {
        self.slate
            .meetings
            .iter()
            .filter(|m| m.slot == slot && (m.seller == seller || m.buyer == buyer))
            .map(|m| (m.seller, m.buyer, m.score))
            .collect()
    }

    pub fn blocker(&self, asking: Side, seller: usize, buyer: usize, interpreter: bool) -> Blocker {
        let (Some(s), Some(b)) = (
            self.person(Side::Seller, seller),
            self.person(Side::Buyer, buyer),
        ) else {
            return Blocker::NoCommonSlot;
        };
        let common: Vec<usize> = (0..self.input.slots.len())
            .filter(|&slot| s.is_available(slot) && b.is_available(slot))
            .collect();
        if common.is_empty() {
            return Blocker::NoCommonSlot;
        }
        let (me, me_index, other_side, other_index) = match asking {
            Side::Seller => (s, seller, Side::Buyer, buyer),
            Side::Buyer => (b, buyer, Side::Seller, seller),
        };
        if self.count(asking, me_index) >= me.max_meetings as usize {
            return Blocker::AtOwnMax {
                max: me.max_meetings,
            };
        }
        let other = if asking == Side::Seller { b } else { s };
        if self.count(other_side, other_index) >= other.max_meetings as usize {
            let mut taken_by: Vec<(usize, f64)> = self
                .slate
                .meetings
                .iter()
                .filter(|m| match other_side {
                    Side::Seller => m.seller == other_index,
                    Side::Buyer => m.buyer == other_index,
                })
                .map(|m| {
                    (
                        if asking == Side::Seller {
                            m.seller
                        } else {
                            m.buyer
                        },
                        m.score,
                    )
                })
                .collect();
            taken_by.sort_by(|a, c| c.1.total_cmp(&a.1));
            return Blocker::CounterpartFull {
                max: other.max_meetings,
                taken_by,
            };
        }
        let (mut tables, mut interpreters, mut by) = (0, 0, Vec::new());
        for &slot in &common {
            let busy = self.busy_at(seller, buyer, slot);
            let no_table = self.load[slot] >= self.input.tables;
            let no_interpreter = interpreter && self.interpreted[slot] >= self.input.interpreters;
            if busy.is_empty() && !no_table && !no_interpreter {
                return Blocker::FitsNow { slot };
            }
            if busy.is_empty() && no_table {
                tables += 1;
            } else if busy.is_empty() {
                interpreters += 1;
            }
            by.extend(busy);
        }
        let common_slots = common.len();
        if tables == common_slots {
            Blocker::TablesFull { common_slots }
        } else if tables + interpreters == common_slots {
            Blocker::NoInterpreter { common_slots }
        } else {
            by.sort_by(|a, c| c.2.total_cmp(&a.2));
            by.dedup();
            Blocker::Outranked { common_slots, by }
        }
    }
}

//! The repair's placements: keeping meetings in their cells, locks, moving
//! a displaced meeting, and finding new meetings for those who lost one,
//! for walk-ins and for score, each within the grid's hard rules.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};

use crate::model::{Meeting, MeetingStatus, Side};

use super::repair::{Added, Origin};
use super::repair_grid::Grid;
use super::{Pair, PairStatus};

pub(crate) struct Filler<'a> {
    grid: Grid<'a>,
    /// First candidate index of each pair (later duplicates do not count).
    first: HashMap<(usize, usize), usize>,
    /// Each participant's candidates, wished first, then by score.
    by_seller: Vec<Vec<usize>>,
    by_buyer: Vec<Vec<usize>>,
    placed: Vec<Option<(Meeting, Origin)>>,
    at: HashMap<(Side, usize, usize), usize>,
}

impl<'a> Filler<'a> {
    pub fn new(grid: Grid<'a>, wished: &HashSet<(usize, usize)>) -> Filler<'a> {
        let input = grid.input;
        let mut first = HashMap::new();
        let mut by_seller = vec![Vec::new(); input.sellers.len()];
        let mut by_buyer = vec![Vec::new(); input.buyers.len()];
        for (i, pair) in input.candidates.iter().enumerate() {
            if pair.seller >= input.sellers.len() || pair.buyer >= input.buyers.len() {
                continue;
            }
            if first.insert((pair.seller, pair.buyer), i).is_none() {
                by_seller[pair.seller].push(i);
                by_buyer[pair.buyer].push(i);
            }
        }
        // The hook for wishes: a wished pair sorts before any score.
        let key = |&i: &usize| {
            let pair = &input.candidates[i];
            let score = if pair.score.is_nan() { 0.0 } else { pair.score };
            (
                !wished.contains(&(pair.seller, pair.buyer)),
                Reverse(score_key(score)),
                i,
            )
        };
        for list in by_seller.iter_mut().chain(by_buyer.iter_mut()) {
            list.sort_by_key(key);
        }
        Filler {
            grid,
            first,
            by_seller,
            by_buyer,
            placed: Vec::new(),
            at: HashMap::new(),
        }
    }

    pub fn pair_of(&self, seller: usize, buyer: usize) -> Option<&'a Pair> {
        let input = self.grid.input;
        self.first
            .get(&(seller, buyer))
            .map(|&i| &input.candidates[i])
    }

    pub fn place(&mut self, meeting: Meeting, origin: Origin) {
        self.grid.take(&meeting);
        let index = self.placed.len();
        self.at
            .insert((Side::Seller, meeting.seller, meeting.slot), index);
        self.at
            .insert((Side::Buyer, meeting.buyer, meeting.slot), index);
        self.placed.push(Some((meeting, origin)));
    }

    fn remove(&mut self, index: usize) -> Option<(Meeting, Origin)> {
        let (meeting, origin) = self.placed.get_mut(index)?.take()?;
        self.grid.release(&meeting);
        self.at
            .remove(&(Side::Seller, meeting.seller, meeting.slot));
        self.at.remove(&(Side::Buyer, meeting.buyer, meeting.slot));
        Some((meeting, origin))
    }

    pub fn into_placed(self) -> Vec<(Meeting, Origin)> {
        self.placed.into_iter().flatten().collect()
    }

    /// Present: available in at least one slot from now on.
    pub fn is_present(&self, (side, p): (Side, usize)) -> bool {
        let input = self.grid.input;
        let record = match side {
            Side::Seller => &input.sellers[p],
            Side::Buyer => &input.buyers[p],
        };
        (0..input.slots.len()).any(|slot| self.grid.open[slot] && record.is_available(slot))
    }

    /// Places every lock that falls from now on at its slot and table, before
    /// anything else claims the cell.
    pub fn place_locks(&mut self, future: &[Meeting]) {
        let input = self.grid.input;
        let base: HashMap<(usize, usize), &Meeting> =
            future.iter().map(|m| ((m.seller, m.buyer), m)).collect();
        let mut firsts: Vec<usize> = self.first.values().copied().collect();
        firsts.sort_unstable();
        for i in firsts {
            let pair = &input.candidates[i];
            let PairStatus::Locked { slot, table } = pair.status else {
                continue;
            };
            if !self.grid.pair_has_room(pair)
                || !self.grid.slot_fits(pair, slot)
                || !self.grid.table_free(slot, table)
            {
                continue;
            }
            let meeting = meeting_of(pair, slot, table);
            let origin = match base.get(&(pair.seller, pair.buyer)) {
                Some(from) if (from.slot, from.table) == (slot, table) => Origin::Kept,
                Some(from) => Origin::Moved { from: *(*from) },
                None => Origin::Added(Added::Locked),
            };
            self.place(meeting, origin);
        }
    }

    /// Keeps `meeting` in its cell: `Some(true)` if kept, `Some(false)` if
    /// something took the cell, `None` if its pair already meets (a lock).
    pub fn keep(&mut self, meeting: &Meeting) -> Option<bool> {
        let pair = self.pair_of(meeting.seller, meeting.buyer)?;
        if self.grid.has_met(pair.seller, pair.buyer) {
            return None;
        }
        let lock_elsewhere = matches!(pair.status, PairStatus::Locked { slot, table }
            if (slot, table) != (meeting.slot, meeting.table));
        let fits = !lock_elsewhere
            && self.grid.pair_has_room(pair)
            && self.grid.slot_fits(pair, meeting.slot)
            && self.grid.table_free(meeting.slot, meeting.table);
        if fits {
            self.place(*meeting, Origin::Kept);
        }
        Some(fits)
    }

    /// Moves a displaced meeting to the nearest free cell, its own slot first.
    pub fn move_elsewhere(&mut self, meeting: &Meeting) -> bool {
        let Some(pair) = self.pair_of(meeting.seller, meeting.buyer) else {
            return false;
        };
        match self.find_cell(pair, &[meeting.slot]) {
            Some((slot, table)) => {
                let to = Meeting {
                    slot,
                    table,
                    ..*meeting
                };
                self.place(to, Origin::Moved { from: *meeting });
                true
            }
            None => false,
        }
    }

    /// A free cell for `pair` from now on: `preferred` slots first, then in
    /// time order.
    fn find_cell(&self, pair: &Pair, preferred: &[usize]) -> Option<(usize, u32)> {
        // A locked pair meets at its lock or nowhere (see `place_locks`).
        if pair.status.is_locked() || !self.grid.pair_has_room(pair) {
            return None;
        }
        let slots = self.grid.input.slots.len();
        preferred
            .iter()
            .copied()
            .chain(0..slots)
            .filter(|&slot| self.grid.slot_fits(pair, slot))
            .find_map(|slot| Some((slot, self.grid.free_table(slot, pair.seller)?)))
    }

    fn candidates(&self, (side, p): (Side, usize)) -> &[usize] {
        match side {
            Side::Seller => &self.by_seller[p],
            Side::Buyer => &self.by_buyer[p],
        }
    }

    fn count(&self, (side, p): (Side, usize)) -> u32 {
        match side {
            Side::Seller => self.grid.seller_count[p],
            Side::Buyer => self.grid.buyer_count[p],
        }
    }

    /// One new meeting for `who`, best candidate first; moving one meeting
    /// of the partner's only when `may_move` and nothing else fits.
    fn serve_one(&mut self, who: (Side, usize), preferred: &[usize], why: Added) -> bool {
        let input = self.grid.input;
        let found = self
            .candidates(who)
            .iter()
            .map(|&i| &input.candidates[i])
            .find_map(|pair| Some((pair, self.find_cell(pair, preferred)?)));
        if let Some((pair, (slot, table))) = found {
            self.place(meeting_of(pair, slot, table), Origin::Added(why));
            return true;
        }
        why == Added::Replacement && self.serve_by_moving(who, why)
    }

    /// The last resort: frees a cell for `who` by moving one of the
    /// partner's meetings (never a past or locked one) to another free cell.
    fn serve_by_moving(&mut self, who: (Side, usize), why: Added) -> bool {
        let input = self.grid.input;
        let list: Vec<usize> = self.candidates(who).to_vec();
        for i in list {
            let pair = &input.candidates[i];
            if pair.status.is_locked() || !self.grid.pair_has_room(pair) {
                continue;
            }
            let partner = match who.0 {
                Side::Seller => (Side::Buyer, pair.buyer),
                Side::Buyer => (Side::Seller, pair.seller),
            };
            for slot in 0..input.slots.len() {
                let Some(&index) = self.at.get(&(partner.0, partner.1, slot)) else {
                    continue;
                };
                if self.try_move_for(pair, slot, index, why) {
                    return true;
                }
            }
        }
        false
    }

    fn try_move_for(&mut self, pair: &Pair, slot: usize, index: usize, why: Added) -> bool {
        let movable = matches!(
            self.placed.get(index),
            Some(Some((m, Origin::Kept | Origin::Moved { .. } | Origin::Added(_))))
                if m.status != MeetingStatus::Locked
        );
        if !movable {
            return false;
        }
        let Some((old, origin)) = self.remove(index) else {
            return false;
        };
        let other = self.pair_of(old.seller, old.buyer);
        if let Some(other) = other
            && self.grid.slot_fits(pair, slot)
            && let Some(table) = self.grid.free_table(slot, pair.seller)
        {
            let new = meeting_of(pair, slot, table);
            self.grid.take(&new);
            let elsewhere = (0..self.grid.input.slots.len())
                .filter(|&s| s != slot && self.grid.slot_fits(other, s))
                .find_map(|s| Some((s, self.grid.free_table(s, other.seller)?)));
            self.grid.release(&new);
            if let Some((to_slot, to_table)) = elsewhere {
                let origin = match origin {
                    Origin::Kept => Origin::Moved { from: old },
                    kept_as_is => kept_as_is,
                };
                let moved = Meeting {
                    slot: to_slot,
                    table: to_table,
                    ..old
                };
                self.place(new, Origin::Added(why));
                self.place(moved, origin);
                return true;
            }
        }
        self.place(old, origin);
        false
    }

    /// Serves each participant in `wants` up to their count, those with the
    /// fewest meetings first. Returns how many got at least one.
    fn serve(&mut self, wants: &HashMap<(Side, usize), (u32, Vec<usize>)>, why: Added) -> usize {
        let mut heap: BinaryHeap<Reverse<(u32, Side, usize)>> = wants
            .keys()
            .map(|&(side, p)| Reverse((self.count((side, p)), side, p)))
            .collect();
        let mut got: HashMap<(Side, usize), u32> = HashMap::new();
        while let Some(Reverse((count, side, p))) = heap.pop() {
            let who = (side, p);
            if count != self.count(who) {
                heap.push(Reverse((self.count(who), side, p)));
                continue;
            }
            let Some((want, preferred)) = wants.get(&who) else {
                continue;
            };
            if got.get(&who).copied().unwrap_or(0) >= *want {
                continue;
            }
            if self.serve_one(who, preferred, why) {
                *got.entry(who).or_insert(0) += 1;
                heap.push(Reverse((self.count(who), side, p)));
            }
        }
        got.len()
    }

    /// Replacements for those who lost meetings: as many as each lost.
    pub fn replace(&mut self, lost: &HashMap<(Side, usize), (u32, Vec<usize>)>) -> usize {
        self.serve(lost, Added::Replacement)
    }

    /// Walk-ins get meetings up to their `max_meetings`.
    pub fn serve_walk_ins(&mut self, walk_ins: &[(Side, usize)]) {
        let input = self.grid.input;
        let wants = walk_ins
            .iter()
            .map(|&(side, p)| {
                let max = match side {
                    Side::Seller => input.sellers[p].max_meetings,
                    Side::Buyer => input.buyers[p].max_meetings,
                };
                ((side, p), (max, Vec::new()))
            })
            .collect();
        self.serve(&wants, Added::WalkIn);
    }

    /// Fills free cells with the best pairs involving someone in `affected`.
    pub fn fill_for_score(&mut self, affected: &HashSet<(Side, usize)>) {
        let input = self.grid.input;
        let mut pool: Vec<usize> = affected
            .iter()
            .flat_map(|&who| self.candidates(who).iter().copied())
            .collect();
        pool.sort_unstable();
        pool.dedup();
        pool.sort_by_key(|&i| (Reverse(score_key(input.candidates[i].score)), i));
        for i in pool {
            let pair = &input.candidates[i];
            if let Some((slot, table)) = self.find_cell(pair, &[]) {
                self.place(meeting_of(pair, slot, table), Origin::Added(Added::Score));
            }
        }
    }
}

/// Scores as integer millionths, clamped like the scheduler's, for ordering.
fn score_key(score: f64) -> i64 {
    let score = if score.is_nan() { 0.0 } else { score };
    (score.clamp(0.0, 100.0) * 1e6).round() as i64
}

fn meeting_of(pair: &Pair, slot: usize, table: u32) -> Meeting {
    Meeting {
        seller: pair.seller,
        buyer: pair.buyer,
        slot,
        table,
        score: pair.score,
        interpreter: pair.interpreter,
        status: match pair.status {
            PairStatus::Proposed => MeetingStatus::Proposed,
            PairStatus::Accepted => MeetingStatus::Accepted,
            PairStatus::Locked { .. } => MeetingStatus::Locked,
        },
    }
}

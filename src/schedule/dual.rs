//! Dual prices from the bound's min-cost flow, to bound the score of pairs
//! the caller held back (candidates not handed to the scheduler).
//!
//! The relaxation is the LP `max Σ w x` subject to `Σ x ≤ c` at every
//! participant (price `u`), `Σ x ≤ T` over all pairs (price `z`) and
//! `x ≤ 1` per pair (price `y`). Any non-negative prices with
//! `u_seller + u_buyer + z + y_pair ≥ w_pair` for every pair bound it from
//! above by `Σ c u + T z + Σ y` (weak duality), whatever flow produced them.
//! Node potentials give such prices for the pairs handed over (`y` covers
//! any pair they miss). A held-back pair of a buyer scores at most the
//! buyer's `held_back` score `t`, so raising the buyer's price to `t - z`
//! covers all of them at once: the bound then holds for the whole, untruncated
//! candidate set, and the buyers whose price had to rise are the ones worth
//! fetching more candidates for.

use super::flow::MinCostFlow;
use super::instance::Instance;
use super::relaxation::Relaxation;

/// Participant `p` is flow node `p + 2` (see `bound::evaluate`).
const FIRST_PARTICIPANT_NODE: usize = 2;

pub(super) struct Prices<'f> {
    pub flow: &'f MinCostFlow,
    pub sink: usize,
    /// The table-limit node, when the flow has one.
    pub table_node: Option<usize>,
    /// The price already taken off every pair weight for the table limit
    /// (when the flow has no table node); the caller adds its
    /// `table_limit ×` term.
    pub table_price: i64,
    /// Buyers are the flow's sources (else sellers are).
    pub buyers_are_tighter: bool,
    pub seller_count: usize,
}

impl Prices<'_> {
    /// Potential relative to the sink.
    fn level(&self, node: usize) -> i64 {
        self.flow.potential(node) - self.flow.potential(self.sink)
    }

    fn is_source(&self, participant: usize) -> bool {
        (participant >= self.seller_count) == self.buyers_are_tighter
    }

    /// The bound from prices (without the interpreter term and the
    /// `table_price` term), and the
    /// buyers whose held-back pairs raised it, with by how much.
    pub fn dual_bound(
        &self,
        problem: &Instance,
        relaxation: &Relaxation,
        multiplier: i64,
        must_bonus: i64,
    ) -> (i64, Vec<(u32, i64)>) {
        let table_level = self.table_node.map_or(0, |node| self.level(node));
        let node_price = (-table_level).max(0);
        let z = node_price + self.table_price;
        let participants = problem.participant_count();
        let mut price: Vec<i64> = (0..participants)
            .map(|participant| {
                let level = self.level(participant + FIRST_PARTICIPANT_NODE);
                if self.is_source(participant) {
                    level.max(0)
                } else {
                    (table_level - level).max(0)
                }
            })
            .collect();
        let mut starved = Vec::new();
        let mut total = 0i64;
        for (participant, price) in price.iter_mut().enumerate() {
            let held = problem.held_back[participant];
            if held > 0 && held - z > *price {
                let raised = held - z;
                starved.push((
                    participant as u32,
                    relaxation.capacity[participant] * (raised - *price),
                ));
                *price = raised;
            }
            total += relaxation.capacity[participant] * *price;
        }
        if self.table_node.is_some() {
            total += relaxation.table_limit * node_price;
        }
        for pair in &relaxation.pairs {
            let weight = pair.weight - if pair.interpreted { multiplier } else { 0 }
                + if pair.must { must_bonus } else { 0 };
            let covered = price[pair.seller as usize] + price[pair.buyer as usize] + z;
            total += (weight - covered).max(0);
        }
        (total, starved)
    }
}

//! How much of one buyer's interests a class of sellers can meet, for a
//! tighter bound while ranking.
//!
//! A pair's topical relevance is its best component scaled by the share of
//! the buyer's interests the seller meets closely (0.9 + 0.1 × share), plus
//! up to 5% when HS codes agree on a category match. A seller of one of
//! three things asked for cannot reach the score of one selling all three,
//! however well that one thing matches; so the bound counts the interests
//! a seller's categories could meet, instead of assuming all of them.

use super::profile::Profile;
use super::rank::Reachable;
use super::score::{SECOND_MATCH_MIN, hs_agreement, term_bit};
use super::sides::ClassView;

/// Float noise allowed between this bound's products and the score's.
const SLACK: f32 = 1e-4;

/// One buyer's interests as a class of sellers can meet them.
pub(super) struct Reach {
    /// (seller category, the buyer interest's bit, the most that
    /// category earns against it before the seller's own similarity), by
    /// category.
    links: Vec<(u32, u64, f32)>,
    /// How many interests the buyer names (the share's denominator).
    asked: usize,
    /// Whether an HS code read from an interest can meet one more.
    by_hs: bool,
    /// Whether a plain-text interest can meet one more.
    by_text: bool,
    /// What HS agreement on a category match can add: 0.05 when the buyer
    /// has a category to match (else 0).
    bonus: f32,
    /// Whether the buyer has an HS code of its own or read from an
    /// interest: codes that categories imply on both sides never agree.
    own_hs: bool,
}

impl Reach {
    /// `related[node]`: the seller categories related to a buyer category,
    /// with their credit.
    pub fn for_buyer(buyer: &Profile, related: &[Vec<(u32, f32)>]) -> Reach {
        let mut links: Vec<(u32, u64, f32)> = (buyer.hits.iter())
            .flat_map(|bh| {
                let list = related.get(bh.node as usize).map_or(&[][..], Vec::as_slice);
                list.iter()
                    .map(move |&(node, credit)| (node, term_bit(bh.term), bh.similarity * credit))
            })
            .collect();
        links.sort_unstable_by_key(|l| l.0);
        Reach {
            links,
            asked: buyer.terms.len(),
            by_hs: buyer.hs.iter().any(|c| c.term.is_some()),
            by_text: !buyer.loose.is_empty(),
            bonus: if buyer.hits.is_empty() { 0.0 } else { 0.05 },
            own_hs: buyer.hs.iter().any(|c| !c.implied()),
        }
    }

    /// What a seller class's topical relevance can reach against this
    /// buyer; the HS agreement is worked out (from the class's first
    /// member, `seller`) only when `exact_hs` asks (else bounded by 1).
    pub fn of<'p>(
        &self,
        class: ClassView<'_>,
        seller: impl FnOnce() -> Option<&'p Profile>,
        buyer: &Profile,
        exact_hs: bool,
    ) -> Reachable {
        let mut share = 1.0;
        if self.asked > 0 {
            let mut met = 0u64;
            for &(node, similarity) in class.hits {
                let from = self.links.partition_point(|l| l.0 < node);
                for &(_, bit, value) in self.links[from..].iter().take_while(|l| l.0 == node) {
                    if similarity * value >= SECOND_MATCH_MIN - SLACK {
                        met |= bit;
                    }
                }
            }
            let mut count = met.count_ones() as usize;
            count += usize::from(self.by_hs && class.has_hs);
            count += usize::from(self.by_text && class.has_loose);
            share = (count as f32 / self.asked.min(64) as f32).min(1.0);
        }
        // The bonus is 5% of the lesser of the category match (at most the
        // best component) and the HS agreement, which needs a code not
        // implied by a category on one side.
        let bonus = self.bonus > 0.0 && (self.own_hs || class.has_own_hs);
        Reachable {
            multiple: 0.9 + 0.1 * share,
            bonus: if bonus { self.bonus } else { 0.0 },
            hs: match (bonus, exact_hs) {
                (false, _) => 0.0,
                // No first member to read: 1 bounds any agreement.
                (true, true) => seller().map_or(1.0, |seller| hs_agreement_of(seller, buyer)),
                (true, false) => 1.0,
            },
            hs_exact: !bonus || exact_hs,
        }
    }
}

/// The HS component of a pair's score, as [`super::score::Scorer::evaluate`]
/// finds it.
fn hs_agreement_of(seller: &Profile, buyer: &Profile) -> f32 {
    let mut best = 0.0f32;
    for sc in &seller.hs {
        for bc in &buyer.hs {
            if sc.implied() && bc.implied() {
                continue;
            }
            best = best.max(hs_agreement(&sc.digits, &bc.digits) * sc.weight * bc.weight);
        }
    }
    best
}

//! Bilingual fuzzy matching of sellers and buyers: free text to taxonomy
//! categories ([`mapper`]), explained pair scores ([`score`]), and exact
//! top-K ranking through inverted indexes ([`rank`]).

mod bits;
mod candidates;
mod classes;
mod explain;
mod fit;
pub mod layers;
pub mod lexicon;
pub mod mapper;
pub mod normalize;
pub mod profile;
pub mod rank;
mod reach;
mod related;
pub mod score;
mod scratch;
pub mod search;
mod sides;
mod similar;
pub mod suggest;
pub mod ties;
mod top;

use std::sync::OnceLock;

use rayon::prelude::*;

use crate::model::Summit;
use crate::taxonomy::Taxonomy;
pub use explain::dotted;
use profile::Profile;
pub use score::{Breakdown, WEIGHTS, Weights};
use sides::SideIndex;

/// One ranked pairing with its score and reasons.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub seller: usize,
    pub buyer: usize,
    pub score: f32,
    pub interpreter: bool,
    pub reasons: Vec<String>,
}

/// A seller category or buyer interest that no taxonomy category matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmapped {
    pub side: crate::model::Side,
    pub participant: usize,
    /// `categories` or `interests`.
    pub field: &'static str,
    pub position: usize,
    pub text: String,
}

/// Everything needed to score and rank one summit's pairs.
///
/// The ranking indexes are built on first use, each side on its own:
/// `validate` never ranks, `rank` ranks sellers only, and a front end that
/// must answer keys at once builds them up front ([`Matcher::build_indexes`]).
pub struct Matcher {
    pub taxonomy: Taxonomy,
    pub scorer: score::Scorer,
    pub sellers: Vec<Profile>,
    pub buyers: Vec<Profile>,
    buyer_types: Vec<usize>,
    /// Id hashes, for the order among equal scores ([`ties`]).
    seller_ids: Vec<u64>,
    buyer_ids: Vec<u64>,
    tie_seed: u64,
    /// Languages and certifications as bits, for bounds while ranking.
    bits: OnceLock<bits::Bits>,
    /// Sellers by category, HS prefix and word, for ranking sellers.
    seller_side: OnceLock<SideIndex>,
    /// Buyers likewise, for ranking buyers.
    buyer_side: OnceLock<SideIndex>,
}

impl Matcher {
    pub fn new(summit: &Summit, taxonomy: Taxonomy) -> Matcher {
        Matcher::with_weights(summit, taxonomy, WEIGHTS)
    }

    pub fn with_weights(summit: &Summit, taxonomy: Taxonomy, weights: Weights) -> Matcher {
        let mapper = mapper::Mapper::new(&taxonomy);
        let cache = profile::Shared::new(&taxonomy, &mapper, &summit.sellers, &summit.buyers);
        let sellers: Vec<Profile> = summit
            .sellers
            .par_iter()
            .map(|s| profile::seller_profile(&taxonomy, &cache, s))
            .collect();
        let buyers: Vec<Profile> = summit
            .buyers
            .par_iter()
            .map(|b| profile::buyer_profile(&taxonomy, &cache, b))
            .collect();
        let scorer = score::Scorer::new(&taxonomy, weights);
        let buyer_types = summit
            .buyers
            .iter()
            .map(|b| scorer.type_index(&b.buyer_type))
            .collect();
        let seller_ids = summit
            .sellers
            .iter()
            .map(|s| ties::id_hash(&s.id))
            .collect();
        let buyer_ids = summit.buyers.iter().map(|b| ties::id_hash(&b.id)).collect();
        Matcher {
            taxonomy,
            scorer,
            sellers,
            buyers,
            buyer_types,
            seller_ids,
            buyer_ids,
            tie_seed: ties::DEFAULT_TIE_SEED,
            bits: OnceLock::new(),
            seller_side: OnceLock::new(),
            buyer_side: OnceLock::new(),
        }
    }

    /// Orders equal scores by another seeded shuffle (the default is
    /// [`ties::DEFAULT_TIE_SEED`]); the same seed always gives the same order.
    pub fn set_tie_seed(&mut self, seed: u64) {
        self.tie_seed = seed;
    }

    /// The score breakdown of one pair.
    pub fn evaluate(&self, seller: usize, buyer: usize) -> Breakdown {
        self.scorer.evaluate(
            &self.sellers[seller],
            &self.buyers[buyer],
            self.buyer_types[buyer],
        )
    }

    /// A pair's score with its reasons.
    pub fn candidate(&self, summit: &Summit, seller: usize, buyer: usize) -> Candidate {
        let breakdown = self.evaluate(seller, buyer);
        self.describe(summit, seller, buyer, &breakdown)
    }

    fn describe(
        &self,
        summit: &Summit,
        seller: usize,
        buyer: usize,
        breakdown: &Breakdown,
    ) -> Candidate {
        Candidate {
            seller,
            buyer,
            score: breakdown.score,
            interpreter: breakdown.interpreter,
            reasons: explain::reasons(self, summit, seller, buyer, breakdown),
        }
    }

    /// Seller categories and buyer interests no category matched.
    pub fn unmapped(&self, summit: &Summit) -> Vec<Unmapped> {
        let mut out = Vec::new();
        for (i, (profile, seller)) in self.sellers.iter().zip(&summit.sellers).enumerate() {
            for (term, _) in &profile.loose {
                let t = usize::from(*term);
                if t < seller.categories.len() {
                    out.push(Unmapped {
                        side: crate::model::Side::Seller,
                        participant: i,
                        field: "categories",
                        position: t,
                        text: seller.categories[t].clone(),
                    });
                }
            }
        }
        for (i, (profile, buyer)) in self.buyers.iter().zip(&summit.buyers).enumerate() {
            for (term, _) in &profile.loose {
                let t = usize::from(*term);
                out.push(Unmapped {
                    side: crate::model::Side::Buyer,
                    participant: i,
                    field: "interests",
                    position: t,
                    text: buyer.interests[t].clone(),
                });
            }
        }
        out
    }
}

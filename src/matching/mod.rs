//! Bilingual fuzzy matching of sellers and buyers: free text to taxonomy
//! categories ([`mapper`]), explained pair scores ([`score`]), and exact
//! top-K ranking through inverted indexes ([`rank`]).

mod candidates;
mod explain;
mod fit;
pub mod layers;
pub mod lexicon;
pub mod mapper;
pub mod normalize;
pub mod profile;
pub mod rank;
mod related;
pub mod score;
pub mod search;
pub mod suggest;
pub mod ties;

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use crate::model::Summit;
use crate::taxonomy::Taxonomy;
pub use explain::dotted;
use profile::Profile;
use rank::{Index, Posting, Scored, Seen, Traits};
pub use score::{Breakdown, WEIGHTS, Weights};
use ties::Ties;

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
    traits: OnceLock<AllTraits>,
    /// Sellers by category, HS prefix and word, for ranking sellers.
    seller_side: OnceLock<SideIndex>,
    /// Buyers likewise, for ranking buyers.
    buyer_side: OnceLock<SideIndex>,
}

/// Every participant's [`Traits`], for bounds while ranking.
struct AllTraits {
    sellers: Vec<Traits>,
    buyers: Vec<Traits>,
}

/// One side's inverted index, and for each category of the other (query)
/// side, this side's categories with credit > 0.
struct SideIndex {
    index: Index,
    related: Vec<Vec<(u32, f32)>>,
}

/// Bits for the summit's languages: the first 63 seen get their own bit.
fn language_bits<'a>(profiles: impl Iterator<Item = &'a Profile>) -> HashMap<Arc<str>, u64> {
    let mut bits = HashMap::new();
    for p in profiles {
        for lang in &p.languages {
            let next = bits.len();
            let bit = if next < 63 {
                1u64 << next
            } else {
                rank::OTHER_LANGUAGE
            };
            bits.entry(lang.clone()).or_insert(bit);
        }
    }
    bits
}

/// Every category a side's profiles name, once per naming.
fn nodes_of(profiles: &[Profile]) -> Vec<u32> {
    profiles
        .iter()
        .flat_map(|p| p.hits.iter().map(|h| h.node))
        .collect()
}

fn traits_of(p: &Profile, languages: &HashMap<Arc<str>, u64>) -> Traits {
    let bit = |l: &Arc<str>| languages.get(l).copied().unwrap_or(rank::OTHER_LANGUAGE);
    Traits {
        languages: p.languages.iter().map(bit).fold(0, |a, b| a | b),
        certifications: p.certifications.len().min(usize::from(u16::MAX)) as u16,
        ..Traits::default()
    }
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
            traits: OnceLock::new(),
            seller_side: OnceLock::new(),
            buyer_side: OnceLock::new(),
        }
    }

    /// Builds both sides' ranking indexes now rather than on the first
    /// ranking, so that no later query waits for them.
    pub fn build_indexes(&self) {
        rayon::join(|| self.seller_side(), || self.buyer_side());
    }

    fn traits(&self) -> &AllTraits {
        self.traits.get_or_init(|| {
            let scorer = &self.scorer;
            let languages = language_bits(self.sellers.iter().chain(&self.buyers));
            let sellers = (self.sellers.par_iter())
                .map(|p| {
                    let mut t = traits_of(p, &languages);
                    let types = scorer.type_names.len();
                    for (buyer_type, fit) in t.fit.iter_mut().enumerate().take(types) {
                        *fit = (scorer.best_fit(p, buyer_type) * 100.0).ceil() as u8;
                    }
                    t
                })
                .collect();
            let buyers = (self.buyers.iter().zip(&self.buyer_types))
                .map(|(p, &t)| Traits {
                    buyer_type: t as u8,
                    ..traits_of(p, &languages)
                })
                .collect();
            AllTraits { sellers, buyers }
        })
    }

    fn seller_side(&self) -> &SideIndex {
        self.seller_side.get_or_init(|| {
            let traits = &self.traits().sellers;
            let index = Index::build(&self.sellers, traits, self.taxonomy.len());
            let related = related::related_lists(
                &self.scorer,
                self.taxonomy.len(),
                &nodes_of(&self.buyers),
                &nodes_of(&self.sellers),
                related::QuerySide::Buyer,
            );
            SideIndex { index, related }
        })
    }

    fn buyer_side(&self) -> &SideIndex {
        self.buyer_side.get_or_init(|| {
            let traits = &self.traits().buyers;
            let index = Index::build(&self.buyers, traits, self.taxonomy.len());
            let related = related::related_lists(
                &self.scorer,
                self.taxonomy.len(),
                &nodes_of(&self.sellers),
                &nodes_of(&self.buyers),
                related::QuerySide::Seller,
            );
            SideIndex { index, related }
        })
    }

    /// Orders equal scores by another seeded shuffle (the default is
    /// [`ties::DEFAULT_TIE_SEED`]); the same seed always gives the same order.
    pub fn set_tie_seed(&mut self, seed: u64) {
        self.tie_seed = seed;
    }

    fn ties_for_buyer(&self, buyer: usize) -> Ties<'_> {
        let me = self.buyer_ids.get(buyer).copied().unwrap_or(0);
        Ties::for_buyer(self.tie_seed, me, &self.seller_ids)
    }

    fn ties_for_seller(&self, seller: usize) -> Ties<'_> {
        let me = self.seller_ids.get(seller).copied().unwrap_or(0);
        Ties::for_seller(self.tie_seed, me, &self.buyer_ids)
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

    fn buyer_postings(&self, buyer: usize) -> Vec<Posting<'_>> {
        let side = self.seller_side();
        rank::postings(
            &self.buyers[buyer],
            &side.index,
            &side.related,
            self.scorer.weights.hs_only,
        )
    }

    fn seller_postings(&self, seller: usize) -> Vec<Posting<'_>> {
        let side = self.buyer_side();
        rank::postings(
            &self.sellers[seller],
            &side.index,
            &side.related,
            self.scorer.weights.hs_only,
        )
    }

    /// How far topical relevance can exceed its best single component:
    /// the HS bonus (+5%) needs a category on the query's side; the share
    /// of interests met only scales the best component down.
    fn breadth(&self, query: &Profile) -> f32 {
        if query.hits.is_empty() { 1.0 } else { 1.05 }
    }

    /// The most the non-topical parts (fit, certifications, language) can add.
    fn rest_max(&self) -> f32 {
        self.scorer.weights.buyer_type + self.scorer.weights.certifications_met
    }

    /// A bound on the non-topical parts of a pair's score from traits alone.
    fn rest_bound(&self, seller: &Traits, buyer: &Traits, fit_hundredths: u8) -> f32 {
        let w = &self.scorer.weights;
        let mut rest = w.buyer_type * f32::from(fit_hundredths) / 100.0;
        let (held, required) = (seller.certifications, buyer.certifications);
        rest += if held >= required {
            w.certifications_met
        } else {
            -w.certification_missing * f32::from(required - held)
        };
        if !rank::may_share_language(seller.languages, buyer.languages) {
            rest -= w.interpreter;
        }
        rest
    }

    /// A buyer's best `k` sellers, without reasons (cheap).
    pub fn top_sellers_scored(&self, buyer: usize, k: usize, seen: &mut Seen) -> Vec<Scored> {
        let lists = self.buyer_postings(buyer);
        let me = &self.traits().buyers[buyer];
        let t = self.buyer_types[buyer];
        let bound = rank::ScoreBound {
            topic_weight: self.scorer.weights.topic,
            breadth: self.breadth(&self.buyers[buyer]),
            rest_max: self.rest_max(),
            rest: |seller: &Traits| {
                self.rest_bound(seller, me, seller.fit.get(t).copied().unwrap_or(100))
            },
        };
        let ties = self.ties_for_buyer(buyer);
        rank::threshold_top_k(&lists, k, &bound, &ties, seen, |s| {
            self.evaluate(s as usize, buyer)
        })
    }

    /// A seller's best `k` buyers, without reasons (cheap).
    pub fn top_buyers_scored(&self, seller: usize, k: usize, seen: &mut Seen) -> Vec<Scored> {
        let lists = self.seller_postings(seller);
        let me = &self.traits().sellers[seller];
        let fit_for = |buyer: &Traits| {
            let t = usize::from(buyer.buyer_type);
            me.fit.get(t).copied().unwrap_or(100)
        };
        let bound = rank::ScoreBound {
            topic_weight: self.scorer.weights.topic,
            breadth: self.breadth(&self.sellers[seller]),
            rest_max: self.rest_max(),
            rest: |buyer: &Traits| self.rest_bound(me, buyer, fit_for(buyer)),
        };
        let ties = self.ties_for_seller(seller);
        rank::threshold_top_k(&lists, k, &bound, &ties, seen, |b| {
            self.evaluate(seller, b as usize)
        })
    }

    pub fn seen_sellers(&self) -> Seen {
        Seen::new(self.sellers.len())
    }

    pub fn seen_buyers(&self) -> Seen {
        Seen::new(self.buyers.len())
    }

    /// A buyer's best `k` sellers with reasons, best first, equal scores in
    /// the seeded tie order.
    pub fn top_sellers(&self, summit: &Summit, buyer: usize, k: usize) -> Vec<Candidate> {
        let mut seen = self.seen_sellers();
        self.top_sellers_scored(buyer, k, &mut seen)
            .iter()
            .map(|s| self.describe(summit, s.other as usize, buyer, &s.breakdown))
            .collect()
    }

    /// A seller's best `k` buyers with reasons, best first, equal scores in
    /// the seeded tie order.
    pub fn top_buyers(&self, summit: &Summit, seller: usize, k: usize) -> Vec<Candidate> {
        let mut seen = self.seen_buyers();
        self.top_buyers_scored(seller, k, &mut seen)
            .iter()
            .map(|s| self.describe(summit, seller, s.other as usize, &s.breakdown))
            .collect()
    }

    /// Every buyer's top `k` sellers, in parallel, by buyer index.
    pub fn rank_all_buyers(&self, k: usize) -> Vec<Vec<Scored>> {
        self.seller_side();
        (0..self.buyers.len())
            .into_par_iter()
            .map_init(
                || self.seen_sellers(),
                |seen, b| self.top_sellers_scored(b, k, seen),
            )
            .collect()
    }

    /// The reference ranking, scoring every seller: for tests.
    pub fn top_sellers_exhaustive(&self, buyer: usize, k: usize) -> Vec<Scored> {
        let ties = self.ties_for_buyer(buyer);
        rank::exhaustive_top_k(self.sellers.len(), k, &ties, |s| {
            self.evaluate(s as usize, buyer)
        })
    }

    /// The reference ranking of buyers for a seller: for tests.
    pub fn top_buyers_exhaustive(&self, seller: usize, k: usize) -> Vec<Scored> {
        let ties = self.ties_for_seller(seller);
        rank::exhaustive_top_k(self.buyers.len(), k, &ties, |b| {
            self.evaluate(seller, b as usize)
        })
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

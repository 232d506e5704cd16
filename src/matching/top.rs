//! The matcher's top-K queries: a buyer's best sellers and a seller's best
//! buyers, read through the other side's index ([`super::sides`]) with
//! bounds that skip most pairs unscored ([`super::rank`]).

use rayon::prelude::*;

use super::bits;
use super::profile::Profile;
use super::rank::{self, Posting, Reachable, Scored, Seen, Traits};
use super::reach::Reach;
use super::ties::Ties;
use super::{Candidate, Matcher};
use crate::model::Summit;

impl Matcher {
    fn ties_for_buyer(&self, buyer: usize) -> Ties<'_> {
        let me = self.buyer_ids.get(buyer).copied().unwrap_or(0);
        Ties::for_buyer(self.tie_seed, me, &self.seller_ids)
    }

    fn ties_for_seller(&self, seller: usize) -> Ties<'_> {
        let me = self.seller_ids.get(seller).copied().unwrap_or(0);
        Ties::for_seller(self.tie_seed, me, &self.buyer_ids)
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
        let missing = (self.bits()).missing_at_least(seller.certifications, buyer.certifications);
        rest += if missing == 0 {
            w.certifications_met
        } else {
            -w.certification_missing * missing as f32
        };
        if !bits::may_share_language(seller.languages, buyer.languages) {
            rest -= w.interpreter;
        }
        rest
    }

    /// A buyer's best `k` sellers, without reasons (cheap). `seen` comes
    /// from [`Matcher::seen_sellers`].
    pub fn top_sellers_scored(&self, buyer: usize, k: usize, seen: &mut Seen) -> Vec<Scored> {
        let lists = self.buyer_postings(buyer);
        let side = self.seller_side();
        let reach = Reach::for_buyer(&self.buyers[buyer], &side.related);
        let me = self.buyer_traits(buyer);
        let t = self.buyer_types[buyer];
        let bound = rank::ScoreBound {
            topic_weight: self.scorer.weights.topic,
            breadth: self.breadth(&self.buyers[buyer]),
            rest_max: self.rest_max(),
            rest: |seller: &Traits| {
                self.rest_bound(seller, &me, seller.fit.get(t).copied().unwrap_or(100))
            },
            reach: |entry: &rank::Entry| {
                let meets = (entry.sketch.meets()).or_else(|| side.reach.meets(entry.who));
                meets.map_or(Reachable::default(), |meets| reach.of(meets))
            },
            // No class to read: 1 bounds any agreement.
            hs: |class: u32| (side.reach.hs(class)).map_or(1.0, |hs| reach.hs_agreement(hs)),
        };
        let ties = self.ties_for_buyer(buyer);
        let members = rank::Members {
            classes: &side.classes,
            ids: &side.member_ids,
        };
        rank::threshold_top_k(&lists, k, &bound, &members, &ties, seen, |s| {
            self.evaluate(s as usize, buyer)
        })
    }

    /// A seller's best `k` buyers, without reasons (cheap). `seen` comes
    /// from [`Matcher::seen_buyers`].
    pub fn top_buyers_scored(&self, seller: usize, k: usize, seen: &mut Seen) -> Vec<Scored> {
        let lists = self.seller_postings(seller);
        let me = self.seller_traits(&self.sellers[seller]);
        let fit_for = |buyer: &Traits| {
            let t = usize::from(buyer.buyer_type);
            me.fit.get(t).copied().unwrap_or(100)
        };
        let bound = rank::ScoreBound {
            topic_weight: self.scorer.weights.topic,
            breadth: self.breadth(&self.sellers[seller]),
            rest_max: self.rest_max(),
            rest: |buyer: &Traits| self.rest_bound(&me, buyer, fit_for(buyer)),
            reach: |_| Reachable {
                multiple: 1.05,
                hs_exact: true,
                ..Reachable::default()
            },
            hs: |_| 1.0,
        };
        let ties = self.ties_for_seller(seller);
        let side = self.buyer_side();
        let members = rank::Members {
            classes: &side.classes,
            ids: &side.member_ids,
        };
        rank::threshold_top_k(&lists, k, &bound, &members, &ties, seen, |b| {
            self.evaluate(seller, b as usize)
        })
    }

    /// Scratch space for [`Matcher::top_sellers_scored`] (one per thread).
    pub fn seen_sellers(&self) -> Seen {
        Seen::new(self.seller_side().classes.len())
    }

    /// Scratch space for [`Matcher::top_buyers_scored`] (one per thread).
    pub fn seen_buyers(&self) -> Seen {
        Seen::new(self.buyer_side().classes.len())
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
}

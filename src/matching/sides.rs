//! Each side's ranking index, built on first use: the side's classes
//! ([`Classes`]), what bounds each class's score apart from topic
//! ([`Traits`]), its inverted index, and which of its categories relate to
//! each category of the other side.

use rayon::prelude::*;

use super::Matcher;
use super::bits::Bits;
use super::classes::Classes;
use super::profile::Profile;
use super::rank::{Index, Traits};
use super::reach::ClassReach;
use super::related;

/// One side's inverted index over its classes, and for each category of
/// the other (query) side, this side's categories with credit > 0.
pub(super) struct SideIndex {
    pub classes: Classes,
    pub index: Index,
    pub related: Vec<Vec<(u32, f32)>>,
    /// Per class, what [`super::reach::Reach`] reads of its first member.
    pub reach: ClassReach,
    /// The members' id hashes ([`super::ties`]) in member order, class
    /// after class: a class's tie keys then come from one sequential read,
    /// not a cache miss per member (a class can have thousands).
    pub member_ids: Vec<u64>,
}

/// Every category a side's profiles name, once per naming.
fn nodes_of(profiles: &[Profile]) -> Vec<u32> {
    profiles
        .iter()
        .flat_map(|p| p.hits.iter().map(|h| h.node))
        .collect()
}

impl Matcher {
    /// Builds both sides' ranking indexes now rather than on the first
    /// ranking, so that no later query waits for them.
    pub fn build_indexes(&self) {
        rayon::join(|| self.seller_side(), || self.buyer_side());
    }

    /// Builds only the sellers' index, the one buyers' queries read (as
    /// [`Matcher::rank_all_buyers`] does), now rather than on the first.
    pub fn build_seller_index(&self) {
        self.seller_side();
    }

    pub(super) fn bits(&self) -> &Bits {
        self.bits
            .get_or_init(|| Bits::new(&self.sellers, &self.buyers))
    }

    /// A seller's traits, with its best fit per buyer type.
    pub(super) fn seller_traits(&self, seller: &Profile) -> Traits {
        let bits = self.bits();
        let mut t = Traits {
            languages: bits.languages(seller),
            certifications: bits.held(seller),
            ..Traits::default()
        };
        let types = self.scorer.type_names.len();
        for (buyer_type, fit) in t.fit.iter_mut().enumerate().take(types) {
            *fit = (self.scorer.best_fit(seller, buyer_type) * 100.0).ceil() as u8;
        }
        t
    }

    pub(super) fn buyer_traits(&self, buyer: usize) -> Traits {
        let (bits, p) = (self.bits(), &self.buyers[buyer]);
        Traits {
            languages: bits.languages(p),
            certifications: bits.required(p),
            buyer_type: self.buyer_types[buyer] as u8,
            ..Traits::default()
        }
    }

    pub(super) fn seller_side(&self) -> &SideIndex {
        self.seller_side.get_or_init(|| {
            let classes = Classes::of_sellers(&self.sellers);
            let reps: Vec<u32> = classes.representatives().collect();
            let traits: Vec<Traits> = (reps.par_iter())
                .map(|&s| self.seller_traits(&self.sellers[s as usize]))
                .collect();
            self.side_index(
                &self.sellers,
                &self.buyers,
                &self.seller_ids,
                classes,
                &traits,
                related::QuerySide::Buyer,
            )
        })
    }

    /// Buyers are their own classes: a buyer's score also depends on its
    /// type and which of its interests a seller meets.
    pub(super) fn buyer_side(&self) -> &SideIndex {
        self.buyer_side.get_or_init(|| {
            let classes = Classes::singletons(self.buyers.len());
            let traits: Vec<Traits> = (0..self.buyers.len())
                .map(|b| self.buyer_traits(b))
                .collect();
            self.side_index(
                &self.buyers,
                &self.sellers,
                &self.buyer_ids,
                classes,
                &traits,
                related::QuerySide::Seller,
            )
        })
    }

    /// The index over `indexed`'s classes, and for each category `query`
    /// names, `indexed`'s categories related to it.
    fn side_index(
        &self,
        indexed: &[Profile],
        query: &[Profile],
        ids: &[u64],
        classes: Classes,
        traits: &[Traits],
        query_side: related::QuerySide,
    ) -> SideIndex {
        let index = Index::build(indexed, &classes, traits, self.taxonomy.len());
        // Only the sellers' classes are bounded by reach (buyers are their
        // own classes, bounded by a constant).
        let reach = match query_side {
            related::QuerySide::Buyer => ClassReach::new(indexed, &classes),
            related::QuerySide::Seller => ClassReach::default(),
        };
        let related = related::related_lists(
            &self.scorer,
            self.taxonomy.len(),
            &nodes_of(query),
            &nodes_of(indexed),
            query_side,
        );
        SideIndex {
            member_ids: classes.in_member_order(ids),
            classes,
            index,
            related,
            reach,
        }
    }
}

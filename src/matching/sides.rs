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
use super::related;

/// One side's inverted index over its classes, and for each category of
/// the other (query) side, this side's categories with credit > 0.
pub(super) struct SideIndex {
    pub classes: Classes,
    pub index: Index,
    pub related: Vec<Vec<(u32, f32)>>,
    /// Per class, what [`super::reach::Reach::of`] reads of its first
    /// member, side by side: reading it from the profiles themselves cost
    /// three cache misses a class (profiles of a million sellers, each with
    /// its own buffers), half of ranking's time at that size.
    pub reach: ClassReach,
}

/// Each class's category hits (node, similarity) in one flat list, and
/// which kinds of HS code and plain text its first member has.
#[derive(Default)]
pub(super) struct ClassReach {
    hits: Vec<(u32, f32)>,
    /// Per class: its hits' start in `hits`, and `HAS_*` flags.
    start: Vec<(u32, u8)>,
}

/// A class's view for the bound: its hits and flags.
#[derive(Clone, Copy)]
pub(super) struct ClassView<'a> {
    pub hits: &'a [(u32, f32)],
    pub has_hs: bool,
    pub has_own_hs: bool,
    pub has_loose: bool,
}

const HAS_HS: u8 = 1;
const HAS_OWN_HS: u8 = 2;
const HAS_LOOSE: u8 = 4;

impl ClassReach {
    fn new(profiles: &[Profile], classes: &Classes) -> ClassReach {
        let mut reach = ClassReach::default();
        for rep in classes.representatives() {
            let p = &profiles[rep as usize];
            let flags = u8::from(!p.hs.is_empty()) * HAS_HS
                + u8::from(p.hs.iter().any(|c| !c.implied())) * HAS_OWN_HS
                + u8::from(!p.loose.is_empty()) * HAS_LOOSE;
            reach.start.push((reach.hits.len() as u32, flags));
            reach
                .hits
                .extend(p.hits.iter().map(|h| (h.node, h.similarity)));
        }
        reach
    }

    pub fn view(&self, class: u32) -> Option<ClassView<'_>> {
        let c = class as usize;
        let &(from, flags) = self.start.get(c)?;
        let to = self
            .start
            .get(c + 1)
            .map_or(self.hits.len(), |n| n.0 as usize);
        Some(ClassView {
            hits: self.hits.get(from as usize..to)?,
            has_hs: flags & HAS_HS != 0,
            has_own_hs: flags & HAS_OWN_HS != 0,
            has_loose: flags & HAS_LOOSE != 0,
        })
    }
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
            classes,
            index,
            related,
            reach,
        }
    }
}

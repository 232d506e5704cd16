//! Each side's ranking index, built on first use: the side's classes
//! ([`Classes`]), what bounds each class's score apart from topic
//! ([`Traits`]), its inverted index, and which of its categories relate to
//! each category of the other side.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::Matcher;
use super::classes::Classes;
use super::profile::Profile;
use super::rank::{self, Index, Traits};
use super::related;

/// One side's inverted index over its classes, and for each category of
/// the other (query) side, this side's categories with credit > 0.
pub(super) struct SideIndex {
    pub classes: Classes,
    pub index: Index,
    pub related: Vec<Vec<(u32, f32)>>,
}

/// Bits for the summit's languages: the first 63 seen get their own bit.
pub(super) fn language_bits<'a>(
    profiles: impl Iterator<Item = &'a Profile>,
) -> HashMap<Arc<str>, u64> {
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
    /// Builds both sides' ranking indexes now rather than on the first
    /// ranking, so that no later query waits for them.
    pub fn build_indexes(&self) {
        rayon::join(|| self.seller_side(), || self.buyer_side());
    }

    fn languages(&self) -> &HashMap<Arc<str>, u64> {
        self.languages
            .get_or_init(|| language_bits(self.sellers.iter().chain(&self.buyers)))
    }

    /// A seller's traits, with its best fit per buyer type.
    pub(super) fn seller_traits(&self, seller: &Profile) -> Traits {
        let mut t = traits_of(seller, self.languages());
        let types = self.scorer.type_names.len();
        for (buyer_type, fit) in t.fit.iter_mut().enumerate().take(types) {
            *fit = (self.scorer.best_fit(seller, buyer_type) * 100.0).ceil() as u8;
        }
        t
    }

    pub(super) fn buyer_traits(&self, buyer: usize) -> Traits {
        Traits {
            buyer_type: self.buyer_types[buyer] as u8,
            ..traits_of(&self.buyers[buyer], self.languages())
        }
    }

    pub(super) fn seller_side(&self) -> &SideIndex {
        self.seller_side.get_or_init(|| {
            let classes = Classes::of_sellers(&self.sellers);
            let reps: Vec<u32> = classes.representatives().collect();
            let traits: Vec<Traits> = (reps.par_iter())
                .map(|&s| self.seller_traits(&self.sellers[s as usize]))
                .collect();
            let index = Index::build(&self.sellers, &classes, &traits, self.taxonomy.len());
            let related = related::related_lists(
                &self.scorer,
                self.taxonomy.len(),
                &nodes_of(&self.buyers),
                &nodes_of(&self.sellers),
                related::QuerySide::Buyer,
            );
            SideIndex {
                classes,
                index,
                related,
            }
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
            let index = Index::build(&self.buyers, &classes, &traits, self.taxonomy.len());
            let related = related::related_lists(
                &self.scorer,
                self.taxonomy.len(),
                &nodes_of(&self.sellers),
                &nodes_of(&self.buyers),
                related::QuerySide::Seller,
            );
            SideIndex {
                classes,
                index,
                related,
            }
        })
    }
}

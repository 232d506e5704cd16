//! What the matcher knows about one participant: the categories its free
//! text maps to, its HS codes (own and implied by its categories), its
//! unmapped terms, languages and certifications, all normalised once.

use std::collections::HashMap;

use rayon::prelude::*;

use super::layers::{Layer, Resolution, resolve};
use super::mapper::Mapper;
use super::normalize::{normalize, tokens};
use crate::model::{Buyer, Seller};
use crate::taxonomy::Taxonomy;

/// Keywords describe a product less directly than categories do.
const KEYWORD_WEIGHT: f32 = 0.8;

/// What a term is to its participant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// A seller category or buyer interest: names goods.
    Goods,
    /// A seller keyword: describes the goods its categories name ("grain-fed"
    /// beef), so it can only refine a category match, never make one.
    Descriptor,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NodeHit {
    pub node: u32,
    pub similarity: f32,
    /// Index into the participant's terms (categories then keywords, or interests).
    pub term: u16,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HsCode {
    pub digits: String,
    pub weight: f32,
    /// The participant's own code (its index), or one implied by a category.
    pub own: Option<u16>,
    pub node: Option<u32>,
    /// The term the HS layer read this code from.
    pub term: Option<u16>,
}

impl HsCode {
    /// Implied by a curated category: says nothing beyond the category.
    pub fn implied(&self) -> bool {
        self.node.is_some()
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Profile {
    pub hits: Vec<NodeHit>,
    pub hs: Vec<HsCode>,
    /// Terms no category matched, as normalised tokens.
    pub loose: Vec<(u16, Vec<String>)>,
    pub languages: Vec<String>,
    pub certifications: Vec<String>,
    /// The terms as written, for explanations.
    pub terms: Vec<String>,
    pub term_weights: Vec<f32>,
    /// Per term: the dictionary gloss it was read through, if any.
    pub glosses: Vec<Option<String>>,
    /// Per term: the layer that knew it (None: no layer did).
    pub layers: Vec<Option<Layer>>,
}

impl Profile {
    /// A term as reasons show it: `皮革 = leather` when read through a gloss.
    pub fn term_label(&self, term: u16) -> String {
        let i = usize::from(term);
        let text = self.terms.get(i).cloned().unwrap_or_default();
        match self.glosses.get(i).and_then(Option::as_ref) {
            Some(gloss) => format!("{text} = {gloss}"),
            None => text,
        }
    }
}

/// Resolves every distinct term once (in parallel), however many
/// participants share it: a million sellers use a few thousand phrases.
pub fn map_terms<'a>(
    taxonomy: &Taxonomy,
    mapper: &Mapper,
    terms: impl Iterator<Item = &'a str>,
) -> HashMap<String, Resolution> {
    let mut unique: Vec<&str> = terms.collect();
    unique.sort_unstable();
    unique.dedup();
    unique
        .into_par_iter()
        .map(|t| (t.to_string(), resolve(taxonomy, mapper, t)))
        .collect()
}

fn build(
    taxonomy: &Taxonomy,
    cache: &HashMap<String, Resolution>,
    terms: Vec<(&str, f32, Role)>,
    hs_codes: &[String],
    languages: &[String],
    certifications: &[String],
) -> Profile {
    let mut profile = Profile {
        languages: languages.iter().map(|l| l.to_lowercase()).collect(),
        certifications: certifications.iter().map(|c| normalize(c)).collect(),
        ..Profile::default()
    };
    let none = Resolution::default();
    let mut descriptors = Vec::new();
    for (i, (term, weight, role)) in terms.iter().enumerate() {
        let term_index = i as u16;
        let meaning = cache.get(*term).unwrap_or(&none);
        profile.terms.push(term.to_string());
        profile.term_weights.push(*weight);
        profile.glosses.push(meaning.gloss.clone());
        profile.layers.push(meaning.layer);
        if *role == Role::Descriptor {
            descriptors.push((term_index, *weight, meaning));
            continue;
        }
        if meaning.hits.is_empty() && meaning.hs.is_empty() {
            let toks = tokens(term);
            if !toks.is_empty() {
                profile.loose.push((term_index, toks));
            }
        }
        for hit in &meaning.hits {
            add_hit(
                &mut profile,
                hit.node as u32,
                hit.similarity * weight,
                term_index,
            );
        }
        for m in &meaning.hs {
            if !profile.hs.iter().any(|h| h.digits == m.code) {
                profile.hs.push(HsCode {
                    digits: m.code.clone(),
                    weight: m.similarity * weight,
                    own: None,
                    node: None,
                    term: Some(term_index),
                });
            }
        }
    }
    // A descriptor counts only where it refines a category already named:
    // "cabernet" under a seller's Wine, not "grain" under a seller's Beef.
    let named: Vec<u32> = profile.hits.iter().map(|h| h.node).collect();
    for (term_index, weight, meaning) in descriptors {
        for hit in &meaning.hits {
            let node = hit.node;
            let refines = named.iter().any(|&n| {
                let n = n as usize;
                n == node || taxonomy.is_ancestor(n, node) || taxonomy.is_ancestor(node, n)
            });
            if refines {
                add_hit(
                    &mut profile,
                    node as u32,
                    hit.similarity * weight,
                    term_index,
                );
            }
        }
    }
    for (i, code) in hs_codes.iter().enumerate() {
        profile.hs.push(HsCode {
            digits: code.replace('.', ""),
            weight: 1.0,
            own: Some(i as u16),
            node: None,
            term: None,
        });
    }
    for hit in &profile.hits {
        for prefix in &taxonomy.categories[hit.node as usize].hs {
            if !profile.hs.iter().any(|h| &h.digits == prefix) {
                profile.hs.push(HsCode {
                    digits: prefix.clone(),
                    weight: hit.similarity,
                    own: None,
                    node: Some(hit.node),
                    term: None,
                });
            }
        }
    }
    profile
}

/// Keeps the best similarity per node.
fn add_hit(profile: &mut Profile, node: u32, similarity: f32, term: u16) {
    let hit = NodeHit {
        node,
        similarity,
        term,
    };
    match profile.hits.iter_mut().find(|h| h.node == node) {
        Some(h) if h.similarity >= similarity => {}
        Some(h) => *h = hit,
        None => profile.hits.push(hit),
    }
}

pub fn seller_profile(
    taxonomy: &Taxonomy,
    cache: &HashMap<String, Resolution>,
    s: &Seller,
) -> Profile {
    let terms = s
        .categories
        .iter()
        .map(|t| (t.as_str(), 1.0, Role::Goods))
        .chain(
            s.keywords
                .iter()
                .map(|t| (t.as_str(), KEYWORD_WEIGHT, Role::Descriptor)),
        )
        .collect();
    build(
        taxonomy,
        cache,
        terms,
        &s.hs_codes,
        &s.languages,
        &s.certifications,
    )
}

pub fn buyer_profile(
    taxonomy: &Taxonomy,
    cache: &HashMap<String, Resolution>,
    b: &Buyer,
) -> Profile {
    let terms = b
        .interests
        .iter()
        .map(|t| (t.as_str(), 1.0, Role::Goods))
        .collect();
    build(
        taxonomy,
        cache,
        terms,
        &b.hs_codes,
        &b.languages,
        &b.required_certifications,
    )
}

//! What the matcher knows about one participant: the categories its free
//! text maps to, its HS codes (own and implied by its categories), its
//! unmapped terms, languages and certifications, all normalised once.

use std::collections::HashMap;

use rayon::prelude::*;

use super::mapper::{Hit, Mapper};
use super::normalize::{normalize, tokens};
use crate::model::{Buyer, Seller};
use crate::taxonomy::Taxonomy;

/// Keywords describe a product less directly than categories do.
const KEYWORD_WEIGHT: f32 = 0.8;

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
}

/// Maps every distinct term once (in parallel), however many participants
/// share it: a million sellers use a few thousand distinct phrases.
pub fn map_terms<'a>(
    mapper: &Mapper,
    terms: impl Iterator<Item = &'a str>,
) -> HashMap<String, Vec<Hit>> {
    let mut unique: Vec<&str> = terms.collect();
    unique.sort_unstable();
    unique.dedup();
    unique
        .into_par_iter()
        .map(|t| (t.to_string(), mapper.map(t)))
        .collect()
}

fn build(
    taxonomy: &Taxonomy,
    cache: &HashMap<String, Vec<Hit>>,
    terms: Vec<(&str, f32)>,
    hs_codes: &[String],
    languages: &[String],
    certifications: &[String],
) -> Profile {
    let mut profile = Profile {
        languages: languages.iter().map(|l| l.to_lowercase()).collect(),
        certifications: certifications.iter().map(|c| normalize(c)).collect(),
        ..Profile::default()
    };
    for (i, (term, weight)) in terms.iter().enumerate() {
        let term_index = i as u16;
        profile.terms.push(term.to_string());
        profile.term_weights.push(*weight);
        let hits = cache.get(*term).map(Vec::as_slice).unwrap_or_default();
        if hits.is_empty() {
            let toks = tokens(term);
            if !toks.is_empty() {
                profile.loose.push((term_index, toks));
            }
        }
        for hit in hits {
            let similarity = hit.similarity * weight;
            let node = hit.node as u32;
            match profile.hits.iter_mut().find(|h| h.node == node) {
                Some(h) if h.similarity >= similarity => {}
                Some(h) => {
                    *h = NodeHit {
                        node,
                        similarity,
                        term: term_index,
                    }
                }
                None => profile.hits.push(NodeHit {
                    node,
                    similarity,
                    term: term_index,
                }),
            }
        }
    }
    for (i, code) in hs_codes.iter().enumerate() {
        profile.hs.push(HsCode {
            digits: code.replace('.', ""),
            weight: 1.0,
            own: Some(i as u16),
            node: None,
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
                });
            }
        }
    }
    profile
}

pub fn seller_profile(
    taxonomy: &Taxonomy,
    cache: &HashMap<String, Vec<Hit>>,
    s: &Seller,
) -> Profile {
    let terms = s
        .categories
        .iter()
        .map(|t| (t.as_str(), 1.0))
        .chain(s.keywords.iter().map(|t| (t.as_str(), KEYWORD_WEIGHT)))
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

pub fn buyer_profile(taxonomy: &Taxonomy, cache: &HashMap<String, Vec<Hit>>, b: &Buyer) -> Profile {
    let terms = b.interests.iter().map(|t| (t.as_str(), 1.0)).collect();
    build(
        taxonomy,
        cache,
        terms,
        &b.hs_codes,
        &b.languages,
        &b.required_certifications,
    )
}

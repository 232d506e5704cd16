//! What the matcher knows about one participant: the categories its free
//! text maps to, its HS codes (own and implied by its categories), its
//! unmapped terms, languages and certifications, all normalised once.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use foldhash::fast::RandomState;
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
    /// Shared by every participant with the same code ([`Shared`]).
    pub digits: Arc<str>,
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

/// A participant's texts are shared (`Arc`) with every participant naming
/// the same term, code, certification or language: a million sellers use a
/// few thousand of each, so each is normalised and stored once.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Profile {
    pub hits: Vec<NodeHit>,
    pub hs: Vec<HsCode>,
    /// Terms no category matched, as normalised tokens.
    pub loose: Vec<(u16, Arc<[String]>)>,
    /// Lower-case.
    pub languages: Vec<Arc<str>>,
    /// Normalised ([`normalize`]).
    pub certifications: Vec<Arc<str>>,
    /// The terms as written, for explanations.
    pub terms: Vec<Arc<str>>,
    pub term_weights: Vec<f32>,
    /// Per term: the dictionary gloss it was read through, if any.
    pub glosses: Vec<Option<Arc<str>>>,
    /// Per term: the layer that knew it (None: no layer did).
    pub layers: Vec<Option<Layer>>,
}

impl Profile {
    /// A term as reasons show it: `皮革 = leather` when read through a gloss.
    pub fn term_label(&self, term: u16) -> String {
        let i = usize::from(term);
        let text = self.terms.get(i).map_or("", |t| &**t);
        match self.glosses.get(i).and_then(Option::as_ref) {
            Some(gloss) => format!("{text} = {gloss}"),
            None => text.to_string(),
        }
    }
}

/// One distinct term's meaning, shared by every participant naming it.
pub struct TermMeaning {
    pub text: Arc<str>,
    pub resolution: Resolution,
    pub gloss: Option<Arc<str>>,
    /// The codes of `resolution.hs`, shared.
    hs: Vec<Arc<str>>,
    /// Its words, for text-to-text matching when no layer knew it.
    tokens: Arc<[String]>,
}

type Table<'a, V> = HashMap<&'a str, V, RandomState>;

/// Everything participants share, each distinct text resolved or
/// normalised once, whichever participants name it.
pub struct Shared<'a> {
    terms: Table<'a, TermMeaning>,
    /// Own HS codes as written → bare digits.
    codes: Table<'a, Arc<str>>,
    /// Certifications as written → normalised.
    certifications: Table<'a, Arc<str>>,
    /// Languages as written → lower-case.
    languages: Table<'a, Arc<str>>,
    /// Per category: its HS prefixes.
    node_hs: Vec<Vec<Arc<str>>>,
}

/// Every distinct text of `texts`, made once by `make` (in parallel).
fn table<'a, V: Send>(
    texts: impl Iterator<Item = &'a str>,
    make: impl Fn(&str) -> V + Sync,
) -> Table<'a, V> {
    // A hash set, not a sort: a million sellers give millions of texts and
    // a few thousand distinct ones, and sorting them all cost a sixth of
    // `validate` at that size.
    let unique: HashSet<&str, RandomState> = texts.collect();
    let unique: Vec<&str> = unique.into_iter().collect();
    unique.into_par_iter().map(|t| (t, make(t))).collect()
}

impl<'a> Shared<'a> {
    /// Resolves every distinct term once (in parallel), however many
    /// participants share it: a million sellers use a few thousand phrases.
    pub fn new(
        taxonomy: &Taxonomy,
        mapper: &Mapper,
        sellers: &'a [Seller],
        buyers: &'a [Buyer],
    ) -> Shared<'a> {
        let terms = (sellers.iter())
            .flat_map(|s| s.categories.iter().chain(&s.keywords))
            .chain(buyers.iter().flat_map(|b| &b.interests))
            .map(String::as_str);
        let terms = table(terms, |t| {
            let resolution = resolve(taxonomy, mapper, t);
            TermMeaning {
                text: Arc::from(t),
                gloss: resolution.gloss.as_deref().map(Arc::from),
                hs: resolution.hs.iter().map(|m| Arc::from(&*m.code)).collect(),
                tokens: tokens(t).into(),
                resolution,
            }
        });
        let codes = (sellers.iter().flat_map(|s| &s.hs_codes))
            .chain(buyers.iter().flat_map(|b| &b.hs_codes))
            .map(String::as_str);
        let certifications = (sellers.iter().flat_map(|s| &s.certifications))
            .chain(buyers.iter().flat_map(|b| &b.required_certifications))
            .map(String::as_str);
        let languages = (sellers.iter().flat_map(|s| &s.languages))
            .chain(buyers.iter().flat_map(|b| &b.languages))
            .map(String::as_str);
        Shared {
            terms,
            codes: table(codes, |c| Arc::from(c.replace('.', ""))),
            certifications: table(certifications, |c| Arc::from(normalize(c))),
            languages: table(languages, |l| Arc::from(l.to_lowercase())),
            node_hs: (taxonomy.categories.iter())
                .map(|c| c.hs.iter().map(|p| Arc::from(p.as_str())).collect())
                .collect(),
        }
    }

    /// The meaning of a term of this summit.
    pub fn term(&self, term: &str) -> Option<&TermMeaning> {
        self.terms.get(term)
    }

    /// Every distinct term with its meaning.
    pub fn terms(&self) -> impl Iterator<Item = (&str, &TermMeaning)> {
        self.terms.iter().map(|(t, m)| (*t, m))
    }
}

/// A shared text, or a fresh one if `table` lacks it (only for texts not
/// in the summit the table was built from).
fn shared(table: &Table<'_, Arc<str>>, text: &str, make: impl Fn(&str) -> String) -> Arc<str> {
    table
        .get(text)
        .cloned()
        .unwrap_or_else(|| Arc::from(make(text)))
}

fn build(
    taxonomy: &Taxonomy,
    shared_texts: &Shared,
    terms: Vec<(&str, f32, Role)>,
    hs_codes: &[String],
    languages: &[String],
    certifications: &[String],
) -> Profile {
    let s = shared_texts;
    let mut profile = Profile {
        languages: (languages.iter())
            .map(|l| shared(&s.languages, l, str::to_lowercase))
            .collect(),
        certifications: (certifications.iter())
            .map(|c| shared(&s.certifications, c, normalize))
            .collect(),
        ..Profile::default()
    };
    let count = terms.len();
    profile.terms.reserve_exact(count);
    profile.term_weights.reserve_exact(count);
    profile.glosses.reserve_exact(count);
    profile.layers.reserve_exact(count);
    let mut descriptors = Vec::new();
    for (i, (term, weight, role)) in terms.iter().enumerate() {
        let term_index = i as u16;
        let Some(meaning) = s.terms.get(*term) else {
            // Every term of the summit is in the table; a stranger is
            // kept as written and means nothing.
            profile.terms.push(Arc::from(*term));
            profile.term_weights.push(*weight);
            profile.glosses.push(None);
            profile.layers.push(None);
            let toks = tokens(term);
            if *role == Role::Goods && !toks.is_empty() {
                profile.loose.push((term_index, toks.into()));
            }
            continue;
        };
        profile.terms.push(Arc::clone(&meaning.text));
        profile.term_weights.push(*weight);
        profile.glosses.push(meaning.gloss.clone());
        let resolution = &meaning.resolution;
        profile.layers.push(resolution.layer);
        if *role == Role::Descriptor {
            descriptors.push((term_index, *weight, resolution));
            continue;
        }
        if resolution.hits.is_empty() && resolution.hs.is_empty() && !meaning.tokens.is_empty() {
            profile
                .loose
                .push((term_index, Arc::clone(&meaning.tokens)));
        }
        for hit in &resolution.hits {
            add_hit(
                &mut profile,
                hit.node as u32,
                hit.similarity * weight,
                term_index,
            );
        }
        for (m, code) in resolution.hs.iter().zip(&meaning.hs) {
            if !profile.hs.iter().any(|h| h.digits == *code) {
                profile.hs.push(HsCode {
                    digits: Arc::clone(code),
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
            digits: shared(&s.codes, code, |c| c.replace('.', "")),
            weight: 1.0,
            own: Some(i as u16),
            node: None,
            term: None,
        });
    }
    for hit in &profile.hits {
        let prefixes = s
            .node_hs
            .get(hit.node as usize)
            .map_or(&[][..], Vec::as_slice);
        for prefix in prefixes {
            if !profile.hs.iter().any(|h| h.digits == *prefix) {
                profile.hs.push(HsCode {
                    digits: Arc::clone(prefix),
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

pub fn seller_profile(taxonomy: &Taxonomy, cache: &Shared, s: &Seller) -> Profile {
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

pub fn buyer_profile(taxonomy: &Taxonomy, cache: &Shared, b: &Buyer) -> Profile {
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

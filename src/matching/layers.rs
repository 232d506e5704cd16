//! Which layer knows a term: the curated taxonomy first (it knows buyer
//! habits, synonyms and misspellings); for Chinese it does not know, the
//! dictionary's glosses, read back through the curated taxonomy or the HS
//! descriptions; for English it does not know, the HS descriptions.
//! Each distinct term is resolved once per summit, however many share it.

use super::lexicon::{self, HsMatch};
use super::mapper::{Hit, Mapper};
use super::normalize::has_cjk;
use super::similar::simplified_han;
use crate::taxonomy::Taxonomy;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    Curated,
    Hs,
    Dictionary,
}

/// What one term means, and through which layer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Resolution {
    pub hits: Vec<Hit>,
    pub hs: Vec<HsMatch>,
    /// The dictionary gloss the meaning came through (`皮革 = leather`).
    pub gloss: Option<String>,
    pub layer: Option<Layer>,
}

/// A curated match this close is trusted over the dictionary.
const CURATED_SURE: f32 = 0.85;
/// A meaning read through a gloss is a step less sure than a direct name.
const GLOSS_FACTOR: f32 = 0.95;

pub fn resolve(taxonomy: &Taxonomy, mapper: &Mapper, term: &str) -> Resolution {
    let hits = mapper.map(term);
    let best = hits.first().map_or(0.0, |h| h.similarity);
    let curated = |hits: Vec<Hit>| Resolution {
        hits,
        layer: Some(Layer::Curated),
        ..Resolution::default()
    };
    if best >= CURATED_SURE || (!hits.is_empty() && !has_cjk(term)) {
        return curated(hits);
    }
    if has_cjk(term) {
        if let Some(found) = through_dictionary(taxonomy, mapper, term) {
            return found;
        }
        return if hits.is_empty() {
            Resolution::default()
        } else {
            curated(hits)
        };
    }
    let hs = lexicon::lexicon().hs.lookup(term);
    Resolution {
        layer: (!hs.is_empty()).then_some(Layer::Hs),
        hs,
        ..Resolution::default()
    }
}

fn depth(taxonomy: &Taxonomy, node: usize) -> usize {
    taxonomy.lineage(node).take(64).count()
}

/// A Chinese term through its dictionary glosses: the whole term if it is
/// a headword, else its words, the last first (the head noun of a Chinese
/// phrase comes last: 有机红酒 is a wine). Among one word's glosses the
/// more specific meaning wins (the deeper category).
fn through_dictionary(taxonomy: &Taxonomy, mapper: &Mapper, term: &str) -> Option<Resolution> {
    let lex = lexicon::lexicon();
    let chinese = simplified_han(term);
    let words = if lex.dictionary.glosses(&chinese).is_some() {
        vec![chinese]
    } else {
        lexicon::segment(&chinese)
    };
    for word in words.iter().rev() {
        // A word the curated taxonomy names outright.
        let direct = mapper.map(word);
        if direct.first().is_some_and(|h| h.similarity >= 1.0) && word.chars().count() >= 2 {
            return Some(Resolution {
                hits: direct,
                layer: Some(Layer::Curated),
                ..Resolution::default()
            });
        }
        let Some(glosses) = lex.dictionary.glosses(word) else {
            continue;
        };
        let mut best: Option<(usize, usize, Hit, &String)> = None;
        for (order, gloss) in glosses.iter().enumerate() {
            for hit in mapper
                .map(gloss)
                .into_iter()
                .filter(|h| h.similarity >= CURATED_SURE)
            {
                let d = depth(taxonomy, hit.node);
                let better = best.as_ref().is_none_or(|(bd, bo, bh, _)| {
                    (d, hit.similarity) > (*bd, bh.similarity)
                        || (d == *bd && order < *bo && hit.similarity >= bh.similarity)
                });
                if better {
                    best = Some((d, order, hit, gloss));
                }
            }
        }
        if let Some((_, _, mut hit, gloss)) = best {
            hit.similarity *= GLOSS_FACTOR;
            return Some(Resolution {
                hits: vec![hit],
                hs: Vec::new(),
                gloss: Some(gloss.clone()),
                layer: Some(Layer::Dictionary),
            });
        }
        // Only the first senses: later ones drift from the goods meaning.
        for gloss in glosses.iter().take(2) {
            let hs = lex.hs.lookup(gloss);
            if !hs.is_empty() {
                let hs = hs
                    .into_iter()
                    .map(|m| HsMatch {
                        similarity: m.similarity * GLOSS_FACTOR,
                        ..m
                    })
                    .collect();
                return Some(Resolution {
                    hits: Vec::new(),
                    hs,
                    gloss: Some(gloss.clone()),
                    layer: Some(Layer::Dictionary),
                });
            }
        }
    }
    None
}

//! What a search query means: the categories and HS codes it names, read
//! by the same layers the ranking reads participants' terms with (curated
//! taxonomy, HS descriptions, the Chinese dictionary), and how much a
//! participant's category answers it.

use super::super::layers::{Resolution, resolve};
use super::super::mapper::Mapper;
use super::super::profile::Profile;
use super::super::score::hs_agreement;
use crate::taxonomy::Taxonomy;

/// A participant naming a narrower category than the query's sells or
/// wants the query's goods: 1, 2 and 3+ levels down.
const NARROWER: [f32; 3] = [0.95, 0.9, 0.85];
/// A participant naming a broader category (a buyer of "cherries" for the
/// query 车厘子, sweet cherries) is a likely answer, one or two levels up;
/// a top-level category (Food & Agriculture) says nothing about the query.
const BROADER: [f32; 2] = [0.8, 0.6];
/// Siblings (wine and beer, cranberries and cherries) are not answers.
///
/// HS codes must agree to the heading (4 digits) at least, and count a
/// little less than a category, as for pair scores.
const HS_MIN_AGREEMENT: f32 = 0.9;
const HS_FACTOR: f32 = 0.8;

/// A query's meaning, ready to test participants against.
#[derive(Debug, Clone, Default)]
pub struct Meaning {
    /// Per taxonomy node: how well a participant category there answers
    /// the query (the query's own similarity included), 0 when it does not.
    credit: Vec<f32>,
    /// HS codes the query names or its categories imply, with weights.
    hs: Vec<(String, f32)>,
    /// The query's categories (the taxonomy's order), for messages.
    pub nodes: Vec<usize>,
    /// The dictionary gloss the query was read through (红酒 = red wine).
    pub gloss: Option<String>,
}

/// A participant's best answer to a query's meaning.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Answer {
    pub score: f32,
    /// The participant's term that answered (categories then keywords, or
    /// interests), when a term did.
    pub term: Option<u16>,
    /// The participant's category that answered, if it was a category.
    pub node: Option<u32>,
}

impl Meaning {
    pub fn resolve(taxonomy: &Taxonomy, mapper: &Mapper, query: &str) -> Meaning {
        let Resolution {
            hits, hs, gloss, ..
        } = resolve(taxonomy, mapper, query);
        let mut credit = vec![0.0f32; taxonomy.len()];
        let mut codes: Vec<(String, f32)> =
            hs.into_iter().map(|m| (m.code, m.similarity)).collect();
        for hit in &hits {
            let q = hit.node;
            for (node, slot) in credit.iter_mut().enumerate() {
                let relation = relation(taxonomy, node, q);
                *slot = slot.max(relation * hit.similarity);
            }
            if let Some(category) = taxonomy.categories.get(q) {
                codes.extend(category.hs.iter().map(|c| (c.clone(), hit.similarity)));
            }
        }
        Meaning {
            credit,
            hs: codes,
            nodes: hits.iter().map(|h| h.node).collect(),
            gloss,
        }
    }

    /// True when the query names no category and no HS code.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.hs.is_empty()
    }

    /// Whether a participant's category answers the query at all.
    pub fn credits(&self, node: u32) -> bool {
        self.credit.get(node as usize).is_some_and(|c| *c > 0.0)
    }

    /// The participant's best category or HS answer, if any.
    pub fn answer(&self, profile: &Profile) -> Option<Answer> {
        let mut best: Option<Answer> = None;
        let mut offer = |answer: Answer| {
            if best.is_none_or(|b| answer.score > b.score) {
                best = Some(answer);
            }
        };
        for hit in &profile.hits {
            let credit = self.credit.get(hit.node as usize).copied().unwrap_or(0.0);
            if credit > 0.0 {
                offer(Answer {
                    score: credit * hit.similarity,
                    term: Some(hit.term),
                    node: Some(hit.node),
                });
            }
        }
        // Codes implied by a category say nothing beyond the category.
        for code in profile.hs.iter().filter(|c| !c.implied()) {
            for (query_code, weight) in &self.hs {
                let agreement = hs_agreement(query_code, &code.digits);
                if agreement >= HS_MIN_AGREEMENT {
                    offer(Answer {
                        score: HS_FACTOR * agreement * weight * code.weight,
                        term: code.term,
                        node: None,
                    });
                }
            }
        }
        best
    }
}

/// How much a participant category at `node` answers a query category `query`.
fn relation(taxonomy: &Taxonomy, node: usize, query: usize) -> f32 {
    if node == query {
        return 1.0;
    }
    // The participant's category is narrower: the query is among its ancestors.
    if let Some(up) = taxonomy.lineage(node).take(64).position(|n| n == query) {
        return NARROWER[(up - 1).min(NARROWER.len() - 1)];
    }
    // The participant's category is broader, and not a top-level one.
    let broader = taxonomy.lineage(query).take(BROADER.len() + 1).skip(1);
    for (up, ancestor) in broader.enumerate() {
        if ancestor == node && taxonomy.parent(node).is_some() {
            return BROADER[up];
        }
    }
    0.0
}

//! The pair score, 0 to 100, and the reasons behind it.
//!
//! Scoring is split in two so that ranking a million sellers stays cheap:
//! [`Scorer::evaluate`] computes a small numeric [`Breakdown`] with no text,
//! and [`Scorer::explain`] turns a breakdown into reasons only for the pairs
//! that are shown.

use super::profile::Profile;
use crate::taxonomy::Taxonomy;

/// Every weight of the score, in one place (documented in README.md).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    /// Points for topical relevance (category, HS code or text agreement).
    pub topic: f32,
    /// Points for how well the seller's goods suit the buyer's type of business.
    pub buyer_type: f32,
    /// Points when the seller holds every certification the buyer requires.
    pub certifications_met: f32,
    /// Points lost per required certification the seller lacks.
    pub certification_missing: f32,
    /// Points lost when the pair shares no language and needs an interpreter.
    pub interpreter: f32,
    /// Credit when the buyer names a broader category than the seller's
    /// (buyer: tree nuts, seller: almonds), per level up.
    pub broader_buyer: [f32; 2],
    /// Credit when the seller names a broader category than the buyer's.
    pub broader_seller: [f32; 2],
    /// Credit for two categories with the same parent.
    pub sibling: f32,
    /// Weight of an HS-only agreement relative to a category match.
    pub hs_only: f32,
}

pub const WEIGHTS: Weights = Weights {
    topic: 85.0,
    buyer_type: 10.0,
    certifications_met: 5.0,
    certification_missing: 30.0,
    interpreter: 5.0,
    broader_buyer: [0.85, 0.6],
    broader_seller: [0.7, 0.5],
    sibling: 0.45,
    hs_only: 0.9,
};

/// Fit assumed for a seller known only by HS codes or plain text.
const NO_CATEGORY_FIT: f32 = 0.7;

/// The least similarity for a second matched interest to add breadth.
pub const SECOND_MATCH_MIN: f32 = 0.6;

/// How much two HS codes agree. A code that contains the other ("08" and
/// "0809.29": the buyer wants anything in chapter 08) agrees by the
/// shorter code's precision; codes that part ways agree little, as one
/// HS chapter holds unlike goods (chapter 12 has both soybeans and ginseng).
pub fn hs_agreement(a: &str, b: &str) -> f32 {
    hs_agreement_of_bytes(a.as_bytes(), b.as_bytes())
}

/// [`hs_agreement`] on the codes' bytes. Only the first six bytes and
/// whether a code ends before them matter, which lets ranking keep codes
/// packed ([`super::reach::PackedHs`]).
pub fn hs_agreement_of_bytes(a: &[u8], b: &[u8]) -> f32 {
    let shared = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let contained = shared == a.len().min(b.len());
    match (shared, contained) {
        (6.., _) => 1.0,
        (4 | 5, true) => 0.9,
        (2 | 3, true) => 0.7,
        (4 | 5, false) => 0.5,
        (2 | 3, false) => 0.2,
        _ => 0.0,
    }
}

/// The most two codes sharing at least `digits` leading digits can agree:
/// what a posting list of HS prefixes of that length can offer.
pub fn hs_agreement_at_least(digits: usize) -> f32 {
    match digits {
        6.. => 1.0,
        4 | 5 => 0.9,
        _ => 0.7,
    }
}

/// Which terms or codes gave a component its value.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Evidence {
    pub value: f32,
    pub seller: u16,
    pub buyer: u16,
    pub seller_node: u32,
    pub buyer_node: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Breakdown {
    pub category: Evidence,
    /// A second, different interest of the buyer the seller also covers.
    pub second: Evidence,
    pub hs: Evidence,
    pub text: Evidence,
    pub topical: f32,
    pub fit: f32,
    pub certifications_missing: u8,
    pub certifications_required: u8,
    pub interpreter: bool,
    pub score: f32,
}

/// Relations between categories and buyer-type fit for one taxonomy.
///
/// Memory is linear in the number of categories: the relation of two
/// categories is computed on demand from at most two steps up the tree
/// (every credit beyond that is zero), never stored for every pair.
pub struct Scorer {
    pub weights: Weights,
    node_count: usize,
    /// parent[node], or `NO_PARENT` for a top-level category.
    parent: Vec<u32>,
    /// fit[type * n + node]; type 0 is "unknown".
    fit: Vec<f32>,
    pub type_names: Vec<&'static str>,
}

const NO_PARENT: u32 = u32::MAX;

impl Scorer {
    pub fn new(taxonomy: &Taxonomy, weights: Weights) -> Scorer {
        let parent = taxonomy
            .categories
            .iter()
            .map(|c| c.parent.map_or(NO_PARENT, |p| p as u32))
            .collect();
        let (type_names, fit) = super::fit::fit_table(taxonomy);
        Scorer {
            weights,
            node_count: taxonomy.len(),
            parent,
            fit,
            type_names,
        }
    }

    pub fn parent(&self, node: u32) -> Option<u32> {
        let p = *self.parent.get(node as usize)?;
        (p != NO_PARENT).then_some(p)
    }

    /// How many steps up from `from` reach `to`: 1 or 2, else None.
    fn steps_up(&self, from: u32, to: u32) -> Option<usize> {
        let first = self.parent(from)?;
        if first == to {
            return Some(1);
        }
        (self.parent(first)? == to).then_some(2)
    }

    /// The credit, in [0, 1], a seller category earns for a buyer category.
    pub fn relation(&self, seller_node: u32, buyer_node: u32) -> f32 {
        let w = &self.weights;
        let (s, b) = (seller_node, buyer_node);
        if s == b {
            return 1.0;
        }
        if let Some(levels) = self.steps_up(s, b) {
            return w.broader_buyer[levels - 1];
        }
        if let Some(levels) = self.steps_up(b, s) {
            return w.broader_seller[levels - 1];
        }
        match (self.parent(s), self.parent(b)) {
            // Siblings under a top-level category (e.g. two kinds of food) are too far apart.
            (Some(p), Some(q)) if p == q && self.parent(p).is_some() => w.sibling,
            _ => 0.0,
        }
    }

    pub fn type_index(&self, buyer_type: &str) -> usize {
        super::fit::type_index(&self.type_names, buyer_type)
    }

    fn fit(&self, buyer_type: usize, node: u32) -> f32 {
        self.fit[buyer_type * self.node_count + node as usize]
    }

    /// How well a seller's goods suit a buyer type: its best category's fit.
    pub fn best_fit(&self, seller: &Profile, buyer_type: usize) -> f32 {
        let none = if seller.hits.is_empty() {
            NO_CATEGORY_FIT
        } else {
            0.0
        };
        seller
            .hits
            .iter()
            .map(|h| self.fit(buyer_type, h.node))
            .fold(none, f32::max)
    }

    pub fn evaluate(&self, seller: &Profile, buyer: &Profile, buyer_type: usize) -> Breakdown {
        let mut d = Breakdown::default();
        let mut met = 0u64;
        for sh in &seller.hits {
            for bh in &buyer.hits {
                let value = sh.similarity * bh.similarity * self.relation(sh.node, bh.node);
                if value <= 0.0 {
                    continue;
                }
                let evidence = Evidence {
                    value,
                    seller: sh.term,
                    buyer: bh.term,
                    seller_node: sh.node,
                    buyer_node: bh.node,
                };
                // Only close matches show breadth: a second interest met
                // merely by a related category is not a second reason.
                let close = value >= SECOND_MATCH_MIN;
                if close {
                    met |= term_bit(bh.term);
                }
                if value > d.category.value {
                    if d.category.buyer != bh.term && d.category.value >= SECOND_MATCH_MIN {
                        d.second = d.category;
                    }
                    d.category = evidence;
                } else if close && bh.term != d.category.buyer && value > d.second.value {
                    d.second = evidence;
                }
            }
        }
        if d.second.buyer == d.category.buyer {
            d.second = Evidence::default();
        }
        for (si, sc) in seller.hs.iter().enumerate() {
            for (bi, bc) in buyer.hs.iter().enumerate() {
                // Two codes implied only by categories say nothing beyond
                // the categories themselves.
                if sc.implied() && bc.implied() {
                    continue;
                }
                let value = hs_agreement(&sc.digits, &bc.digits) * sc.weight * bc.weight;
                if value > d.hs.value {
                    d.hs = Evidence {
                        value,
                        seller: si as u16,
                        buyer: bi as u16,
                        ..Evidence::default()
                    };
                }
            }
        }
        for (st, s_tokens) in &seller.loose {
            for (bt, b_tokens) in &buyer.loose {
                let value = text_similarity(s_tokens, b_tokens);
                if value > d.text.value {
                    d.text = Evidence {
                        value,
                        seller: *st,
                        buyer: *bt,
                        ..Evidence::default()
                    };
                }
            }
        }
        let category = d.category.value;
        let w = &self.weights;
        let best = category.max(w.hs_only * d.hs.value).max(d.text.value);
        // The share of the buyer's interests the seller meets separates a
        // seller of everything asked for from one of a single item; agreeing
        // HS codes on top of a category match add a little certainty.
        if d.hs.value >= SECOND_MATCH_MIN
            && let Some(term) = buyer.hs.get(usize::from(d.hs.buyer)).and_then(|c| c.term)
        {
            met |= term_bit(term);
        }
        if d.text.value > 0.0 {
            met |= term_bit(d.text.buyer);
        }
        let share = share_of(met, buyer.terms.len());
        d.topical = (best * (0.9 + 0.1 * share) + 0.05 * category.min(d.hs.value)).min(1.0);
        if d.topical <= 0.0 {
            return d;
        }
        d.fit = self.best_fit(seller, buyer_type);
        d.certifications_required = buyer.certifications.len().min(255) as u8;
        d.certifications_missing = buyer
            .certifications
            .iter()
            .filter(|required| {
                !seller
                    .certifications
                    .iter()
                    .any(|held| certification_matches(held, required))
            })
            .count()
            .min(255) as u8;
        d.interpreter = !seller.languages.iter().any(|l| buyer.languages.contains(l));
        let mut score = w.topic * d.topical + w.buyer_type * d.fit;
        if d.certifications_missing == 0 {
            score += w.certifications_met;
        }
        score -= w.certification_missing * f32::from(d.certifications_missing);
        if d.interpreter {
            score -= w.interpreter;
        }
        d.score = (score.clamp(0.0, 100.0) * 10.0).round() / 10.0;
        d
    }
}

/// The share of the buyer's interests met closely, from a bit set of the
/// buyer's terms (the first 64); 1 when the buyer names none.
fn share_of(met: u64, asked: usize) -> f32 {
    if asked == 0 {
        return 1.0;
    }
    (met.count_ones() as f32 / asked.min(64) as f32).min(1.0)
}

pub(super) fn term_bit(term: u16) -> u64 {
    1u64.checked_shl(u32::from(term)).unwrap_or(0)
}

/// "USDA Organic" is met by "USDA Organic certified" but not by "Organic".
pub(super) fn certification_matches(held: &str, required: &str) -> bool {
    held == required
        || contains_words(held, required)
        || strsim::jaro_winkler(held, required) >= 0.93
}

/// Whether `" {held} "` contains `" {required} "`, without building either
/// (this runs for every scored pair).
fn contains_words(held: &str, required: &str) -> bool {
    let bytes = held.as_bytes();
    let mut from = 0;
    // Every occurrence, overlapping ones too: in "xa a a" the second "a a"
    // stands alone although the first does not.
    while let Some(found) = held.get(from..).and_then(|rest| rest.find(required)) {
        let (start, end) = (from + found, from + found + required.len());
        let after_ok = bytes.get(end).is_none_or(|&b| b == b' ');
        if (start == 0 || bytes[start - 1] == b' ') && after_ok {
            return true;
        }
        let Some(step) = held[start..].chars().next() else {
            return false;
        };
        from = start + step.len_utf8();
    }
    false
}

/// Text-to-text for terms no category knows: they must share a word, then
/// the closer the phrases, the higher.
fn text_similarity(a: &[String], b: &[String]) -> f32 {
    let shares_word = a.iter().any(|t| t.chars().count() >= 3 && b.contains(t));
    if !shares_word {
        return 0.0;
    }
    let sim = strsim::normalized_damerau_levenshtein(&a.join(" "), &b.join(" ")) as f32;
    0.5 + 0.3 * sim
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_as_the_padded_strings_would_find_them() {
        let padded =
            |held: &str, required: &str| format!(" {held} ").contains(&format!(" {required} "));
        let texts = [
            "",
            " ",
            "a",
            "a a",
            "a a a",
            "xa a a",
            "usda organic",
            "usda organic certified",
            "organic",
            "  ",
            "a  b",
            "haccp",
            "有机 认证",
            "有机",
        ];
        for held in texts {
            for required in texts {
                assert_eq!(
                    contains_words(held, required),
                    padded(held, required),
                    "{held:?} {required:?}"
                );
            }
        }
    }
}

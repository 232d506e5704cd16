//! Mapping free text ("cherrys", "美国车厘子", "cab sauv") to taxonomy
//! categories with a similarity in [0, 1].
//!
//! In order of trust: an exact name or synonym (1.0); a known name inside a
//! longer phrase ("fresh Rainier cherries" → Cherries, 0.9); a misspelling
//! close to a name by Damerau-Levenshtein or Jaro-Winkler (up to 0.9); an
//! abbreviation or partial phrase found by the skim fuzzy matcher (up to
//! 0.7). Chinese text is matched against Chinese names by containment and
//! by character-bigram overlap, as Chinese has no spaces to split words on.

use std::collections::HashMap;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::candidates::{EnglishName, NameIndex, may_reach_four_fifths};
use super::normalize::{has_cjk, is_cjk, normalize};
use super::similar::{
    chinese_similarity, contains_run, is_abbreviation, may_be_close, simplified_han, slipped_run,
};
use crate::taxonomy::Taxonomy;

/// One category a term maps to, and the name that matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub node: usize,
    pub similarity: f32,
    pub alias: String,
}

struct Alias {
    node: usize,
    /// As written in the taxonomy, for explanations.
    text: String,
    /// Normalised form (for Chinese: the characters, without spaces).
    norm: String,
    /// The normalised words, split once here rather than per comparison.
    words: Vec<String>,
    chinese: bool,
}

pub(super) fn words_of(norm: &str) -> Vec<String> {
    norm.split(' ').map(str::to_string).collect()
}

/// Which names a term is compared with.
#[derive(Clone, Copy)]
enum Among {
    /// Those the name index says could match (a superset of the matches).
    Indexed,
    /// Every name.
    Every,
}

pub struct Mapper {
    aliases: Vec<Alias>,
    exact: HashMap<String, Vec<usize>>,
    /// Which names a term could match, so a term is compared with a few.
    names: NameIndex,
    skim: SkimMatcherV2,
}

/// Hits below this are noise and are dropped.
pub const MIN_SIMILARITY: f32 = 0.6;

impl Mapper {
    pub fn new(taxonomy: &Taxonomy) -> Mapper {
        let mut aliases = Vec::new();
        for (node, c) in taxonomy.categories.iter().enumerate() {
            let english = std::iter::once(&c.name).chain(&c.synonyms);
            for text in english {
                let norm = normalize(text);
                aliases.push(Alias {
                    node,
                    text: text.clone(),
                    words: words_of(&norm),
                    norm,
                    chinese: false,
                });
            }
            for text in &c.zh {
                let norm = simplified_han(text);
                aliases.push(Alias {
                    node,
                    text: text.clone(),
                    words: Vec::new(),
                    norm,
                    chinese: true,
                });
            }
        }
        aliases.retain(|a| !a.norm.is_empty());
        let mut exact: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, alias) in aliases.iter().enumerate() {
            exact.entry(alias.norm.clone()).or_default().push(i);
        }
        let english = aliases
            .iter()
            .enumerate()
            .filter(|(_, a)| !a.chinese)
            .map(|(i, a)| EnglishName {
                id: i as u32,
                norm: &a.norm,
                words: &a.words,
            });
        let chinese = aliases
            .iter()
            .enumerate()
            .filter(|(_, a)| a.chinese)
            .map(|(i, a)| (i as u32, a.norm.as_str()));
        let names = NameIndex::new(english, chinese);
        Mapper {
            aliases,
            exact,
            names,
            skim: SkimMatcherV2::default(),
        }
    }

    /// The categories `term` names, best first, at most one hit per node.
    pub fn map(&self, term: &str) -> Vec<Hit> {
        self.map_among(term, Among::Indexed)
    }

    /// [`Mapper::map`] comparing the term with every name: the reference
    /// the indexed lookup must equal, for tests.
    pub fn map_exhaustive(&self, term: &str) -> Vec<Hit> {
        self.map_among(term, Among::Every)
    }

    fn map_among(&self, term: &str, among: Among) -> Vec<Hit> {
        let mut hits: Vec<Hit> = Vec::new();
        fn add(hits: &mut Vec<Hit>, node: usize, similarity: f32, alias: &str) {
            match hits.iter_mut().find(|h| h.node == node) {
                Some(h) if h.similarity >= similarity => {}
                Some(h) => {
                    h.similarity = similarity;
                    h.alias = alias.to_string();
                }
                None => hits.push(Hit {
                    node,
                    similarity,
                    alias: alias.to_string(),
                }),
            }
        }
        // Traditional characters (車厘子, 開心果) are compared in their
        // simplified form, as the taxonomy's Chinese names mostly are.
        let term = &if has_cjk(term) {
            fast2s::convert(term)
        } else {
            term.to_string()
        };
        let norm = normalize(term);
        if norm.is_empty() {
            return Vec::new();
        }
        if let Some(found) = self.exact.get(&norm) {
            for &i in found {
                add(&mut hits, self.aliases[i].node, 1.0, &self.aliases[i].text);
            }
        }
        if has_cjk(term) {
            let chinese = simplified_han(term);
            let names = match among {
                Among::Indexed => self.names.chinese(&chinese),
                Among::Every => self.every(true),
            };
            for i in names {
                let alias = &self.aliases[i as usize];
                let sim = chinese_similarity(&chinese, &alias.norm);
                if sim >= MIN_SIMILARITY {
                    add(&mut hits, alias.node, sim, &alias.text);
                }
            }
        }
        let latin: String = normalize(&term.chars().filter(|c| !is_cjk(*c)).collect::<String>());
        if !latin.is_empty() && hits.iter().all(|h| h.similarity < 1.0) {
            let words = words_of(&latin);
            let names = match among {
                Among::Indexed => self.names.english(&latin, &words),
                Among::Every => self.every(false),
            };
            for i in names {
                let alias = &self.aliases[i as usize];
                let sim = self.english_similarity(&latin, &words, alias);
                if sim >= MIN_SIMILARITY {
                    add(&mut hits, alias.node, sim, &alias.text);
                }
            }
        }
        // A phrase naming a specific thing should not also count as naming
        // every broader category that one of its words happens to match.
        hits.sort_by(|a, b| {
            b.similarity
                .total_cmp(&a.similarity)
                .then(a.node.cmp(&b.node))
        });
        if let Some(best) = hits.first().map(|h| h.similarity) {
            // After an exact name, only other exact names stay: 宠物零食 (pet
            // snacks) names Pet Treats, not Snacks through its last two characters.
            let window = if best >= 1.0 { 0.05 } else { 0.1 };
            hits.retain(|h| h.similarity >= best - window);
        }
        hits.truncate(4);
        hits
    }

    fn every(&self, chinese: bool) -> Vec<u32> {
        let ids = self.aliases.iter().enumerate();
        ids.filter(|(_, a)| a.chinese == chinese)
            .map(|(i, _)| i as u32)
            .collect()
    }

    fn english_similarity(&self, term: &str, term_tokens: &[String], alias: &Alias) -> f32 {
        let alias_tokens = &alias.words[..];
        let alias = alias.norm.as_str();
        if term == alias {
            return 1.0;
        }
        // The name appears as whole words inside a longer phrase.
        if alias.len() >= 3 && contains_run(term_tokens, alias_tokens) {
            let covered = alias_tokens.len() as f32 / term_tokens.len() as f32;
            return 0.85 + 0.05 * covered.min(1.0);
        }
        let mut best: f32 = 0.0;
        // One slip of the pen in a long word: "walntus", "vitamnis", "appels".
        if let Some(covered) = slipped_run(term_tokens, alias_tokens) {
            best = best.max(0.8 + 0.05 * covered);
        }
        // Misspellings of the whole phrase.
        if term.len() >= 4
            && alias.len() >= 4
            && may_be_close(term, alias)
            && may_reach_four_fifths(term, alias)
        {
            let dl = strsim::normalized_damerau_levenshtein(term, alias) as f32;
            if dl >= 0.8 {
                let jw = strsim::jaro_winkler(term, alias) as f32;
                best = best.max(0.9 * dl.min(1.0) + 0.05 * (jw - 0.9).max(0.0));
            }
        }
        // A misspelled name inside a longer phrase: every word of the name
        // must be close to some word of the term.
        if alias_tokens.iter().all(|a| a.len() >= 4) && term_tokens.len() > 1 {
            let worst = alias_tokens
                .iter()
                .map(|a| {
                    term_tokens
                        .iter()
                        .filter(|t| may_be_close(t, a) && may_reach_four_fifths(t, a))
                        .map(|t| strsim::normalized_damerau_levenshtein(t, a) as f32)
                        .fold(0.0, f32::max)
                })
                .fold(1.0, f32::min);
            // One word found in a phrase is weaker evidence than a whole
            // name: "chain" (of "cold chain") is one letter from "chair".
            let needed = if alias_tokens.len() == 1 { 0.85 } else { 0.8 };
            if worst >= needed {
                best = best.max(0.8 * worst);
            }
        }
        // Abbreviations ("cab sauv", "pist"): each word of the term begins
        // the matching word of the name, in order; skim grades how well.
        if best < MIN_SIMILARITY
            && is_abbreviation(term_tokens, alias_tokens)
            && let (Some(score), Some(self_score)) = (
                self.skim.fuzzy_match(alias, term),
                self.skim.fuzzy_match(alias, alias),
            )
        {
            let ratio = score as f32 / self_score.max(1) as f32;
            best = best.max(0.6 + 0.15 * ratio.clamp(0.0, 1.0));
        }
        best
    }
}

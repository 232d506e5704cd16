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

fn words_of(norm: &str) -> Vec<String> {
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

/// The Han characters of a text in simplified form, without anything else.
pub fn simplified_han(text: &str) -> String {
    fast2s::convert(text)
        .chars()
        .filter(|c| is_cjk(*c))
        .collect()
}

/// Whether two strings can reach a normalised edit similarity of 0.8:
/// the length difference alone costs that many edits. Checking this first
/// skips most of the edit-distance work when mapping thousands of terms.
///
/// Words must also begin with the same letter: people misspell the middle
/// and end of a word ("pistacio", "ginsing", "chedder") far more often than
/// its first letter, and this halves the candidates worth measuring.
fn may_be_close(a: &str, b: &str) -> bool {
    if a.chars().next() != b.chars().next() {
        return false;
    }
    let (la, lb) = if a.is_ascii() && b.is_ascii() {
        (a.len(), b.len())
    } else {
        (a.chars().count(), b.chars().count())
    };
    la.abs_diff(lb) * 5 <= la.max(lb)
}

/// Whether `typed` is `word` with one slip: two neighbouring letters
/// swapped, one letter doubled or one dropped. Substitutions are not slips
/// ("chain" is not "chair"), and words under 5 letters are left alone.
pub(crate) fn one_slip(typed: &str, word: &str) -> bool {
    let (t, w): (Vec<char>, Vec<char>) = (typed.chars().collect(), word.chars().collect());
    if w.len() < 5 || t == w || t.first() != w.first() {
        return false;
    }
    let without = |long: &[char], short: &[char]| {
        (0..long.len()).any(|i| long[..i] == short[..i] && long[i + 1..] == short[i..])
    };
    match t.len() as isize - w.len() as isize {
        0 => (0..t.len() - 1).any(|i| {
            t[i] == w[i + 1] && t[i + 1] == w[i] && t[..i] == w[..i] && t[i + 2..] == w[i + 2..]
        }),
        1 => without(&t, &w),
        -1 => without(&w, &t),
        _ => false,
    }
}

/// Every word of a name found in the term, exactly or with one slip, at
/// least one with a slip; returns the share of the term's words covered.
/// A plural ending is tried off too ("walntus" → "walntu" ≈ "walnut").
fn slipped_run(term: &[String], alias: &[String]) -> Option<f32> {
    let mut slipped = false;
    for a in alias {
        let found = term.iter().any(|t| {
            if t == a {
                return true;
            }
            let bare = t.strip_suffix('s').unwrap_or(t);
            let slip = one_slip(t, a) || one_slip(bare, a);
            slipped |= slip;
            slip
        });
        if !found {
            return None;
        }
    }
    slipped.then(|| (alias.len() as f32 / term.len().max(1) as f32).min(1.0))
}

/// "cab sauv" abbreviates "cabernet sauvignon"; "live" does not abbreviate
/// "live lobster" (a word of the name is missing) and "ca" is too short.
fn is_abbreviation(term: &[String], alias: &[String]) -> bool {
    let letters: usize = term.iter().map(|t| t.len()).sum();
    term.len() == alias.len()
        && letters >= 4
        && term
            .iter()
            .zip(alias)
            .all(|(t, a)| t.len() >= 2 && t.len() < a.len() && a.starts_with(t))
}

fn contains_run(haystack: &[String], needle: &[String]) -> bool {
    needle.len() <= haystack.len() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// Similarity of two strings of Chinese characters: containment first (a
/// buyer writes 美国车厘子 for 车厘子), then Dice overlap of character pairs.
fn chinese_similarity(term: &str, alias: &str) -> f32 {
    if term.is_empty() || alias.is_empty() {
        return 0.0;
    }
    if term == alias {
        return 1.0;
    }
    let alias_len = alias.chars().count();
    let term_len = term.chars().count();
    if alias_len >= 2 && term.contains(alias) {
        // The more of the term the name covers, the surer the match.
        return 0.85 + 0.1 * (alias_len as f32 / term_len as f32);
    }
    if term_len >= 2 && alias.contains(term) {
        // 车厘子 inside 车厘子干 (dried cherries) is a weaker sign than the
        // other way round: the name adds a word the buyer did not write.
        return 0.6 + 0.2 * (term_len as f32 / alias_len as f32);
    }
    let pairs = |s: &str| -> Vec<(char, char)> {
        let chars: Vec<char> = s.chars().collect();
        chars.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (a, b) = (pairs(term), pairs(alias));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.iter().filter(|p| b.contains(p)).count();
    let dice = 2.0 * shared as f32 / (a.len() + b.len()) as f32;
    0.8 * dice
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(text: &str) -> Vec<String> {
        words_of(text)
    }

    #[test]
    fn chinese_containment_beats_overlap() {
        assert_eq!(chinese_similarity("车厘子", "车厘子"), 1.0);
        assert!(chinese_similarity("美国车厘子", "车厘子") > 0.9);
        assert!(chinese_similarity("樱桃", "车厘子") < MIN_SIMILARITY);
        assert!(chinese_similarity("进口红酒", "红酒") > 0.85);
    }

    #[test]
    fn abbreviations_need_every_word() {
        assert!(is_abbreviation(&w("cab sauv"), &w("cabernet sauvignon")));
        assert!(is_abbreviation(&w("pist"), &w("pistachio")));
        assert!(!is_abbreviation(&w("live"), &w("live lobster")));
        assert!(!is_abbreviation(&w("inshell"), &w("in shell pistachio")));
        assert!(!is_abbreviation(&w("ca"), &w("cabernet")));
    }

    #[test]
    fn one_slip_is_a_swap_a_doubled_or_a_dropped_letter() {
        assert!(one_slip("walntu", "walnut"));
        assert!(one_slip("vitamni", "vitamin"));
        assert!(one_slip("appel", "apple"));
        assert!(one_slip("almmond", "almond"));
        assert!(one_slip("pistchio", "pistachio"));
        assert!(!one_slip("chain", "chair"), "a substitution is not a slip");
        assert!(!one_slip("pear", "peas"), "short words are left alone");
        assert!(!one_slip("walnut", "walnut"));
        assert_eq!(slipped_run(&w("fresh appel"), &w("apple")), Some(0.5));
        assert_eq!(slipped_run(&w("walntus"), &w("walnut")), Some(1.0));
        assert_eq!(slipped_run(&w("cold chain"), &w("chair")), None);
    }

    #[test]
    fn phrases_contain_names_as_whole_words_only() {
        assert!(contains_run(&w("fresh cherry"), &w("cherry")));
        assert!(!contains_run(&w("cherry tomato"), &w("tomato cherry")));
    }
}

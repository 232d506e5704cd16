//! The words of participants' ids, names, places, terms and HS codes, as
//! one vocabulary per side: a query word is compared with each distinct
//! word once (exact, prefix while typing, or a typo), and participants
//! are then scored by looking their words up, so a keystroke costs one
//! pass over the vocabulary and one over the word lists.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use super::super::normalize::{is_cjk, singular};

/// Which part of a participant a word comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
    Name,
    /// The Chinese company name (buyers).
    NameZh,
    /// City or state.
    Place,
    /// A term: seller categories then keywords, or buyer interests.
    Term(u16),
    /// One of the participant's own HS codes.
    Hs(u16),
}

impl Field {
    /// A word found in an id says most about whom staff mean, a place least.
    pub fn weight(self) -> f32 {
        match self {
            Field::Id => 1.0,
            Field::Name | Field::NameZh => 0.95,
            Field::Term(_) | Field::Hs(_) => 0.9,
            Field::Place => 0.8,
        }
    }
}

/// A whole word (or the whole of a Chinese run) equal to the query word.
pub const EXACT: f32 = 1.0;
/// A word the query word begins (typing "cherr"), or a Chinese run that
/// contains it (车厘子 in 美国车厘子).
pub const PREFIX: f32 = 0.9;
/// The most a typo can be worth; it is scaled by the edit similarity.
pub const TYPO: f32 = 0.65;
/// Edit similarity a typo needs: one slip in a word of five letters.
const TYPO_MIN: f64 = 0.75;
/// Shorter words are not corrected: "vine" is not "wine".
const TYPO_MIN_LEN: usize = 4;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Case-folded, full width folded, Chinese simplified.
    pub raw: String,
    /// The raw form made singular (English only).
    pub singular: String,
    pub chinese: bool,
}

impl Word {
    fn new(raw: String) -> Word {
        let chinese = raw.chars().any(is_cjk);
        let singular = if chinese { raw.clone() } else { singular(&raw) };
        Word {
            raw,
            singular,
            chinese,
        }
    }

    /// How well `self`, a word of the query, finds `other`, a participant's
    /// word: [`EXACT`], [`PREFIX`], a typo up to [`TYPO`], or 0.
    pub fn finds(&self, other: &Word) -> f32 {
        if self.chinese != other.chinese {
            return 0.0;
        }
        if self.raw == other.raw || self.singular == other.singular {
            return EXACT;
        }
        if self.chinese {
            return if other.raw.contains(&self.raw) {
                PREFIX
            } else {
                0.0
            };
        }
        if other.raw.starts_with(&self.raw) {
            return PREFIX;
        }
        typo(&self.raw, &other.raw)
    }
}

/// A misspelt word, or a misspelt beginning of a longer word being typed.
fn typo(query: &str, word: &str) -> f32 {
    let (q, w) = (query.chars().count(), word.chars().count());
    // Ids and codes are typed exactly: S002 is not a typo of S001.
    let digits = query.chars().any(|c| c.is_ascii_digit());
    if q < TYPO_MIN_LEN || digits || query.chars().next() != word.chars().next() {
        return 0.0;
    }
    let mut best = 0.0;
    if q.abs_diff(w) * 4 <= q.max(w) {
        best = strsim::normalized_damerau_levenshtein(query, word);
    }
    // While typing a long word: its beginning, one letter longer or shorter.
    if w > q + 1 && q > TYPO_MIN_LEN {
        for len in q.saturating_sub(1)..=q + 1 {
            let start: String = word.chars().take(len).collect();
            best = best.max(strsim::normalized_damerau_levenshtein(query, &start));
        }
    }
    if best >= TYPO_MIN {
        TYPO * best as f32
    } else {
        0.0
    }
}

/// The words of a text: case and width folded, split at anything that is
/// not a letter or digit and between Chinese and other letters; a dot
/// between digits is kept out ("0809.29" is one code, 080929).
pub fn words(text: &str) -> Vec<Word> {
    let folded: String = text.nfkc().flat_map(char::to_lowercase).collect();
    let chars: Vec<char> = folded.chars().collect();
    let mut out = Vec::new();
    let mut current = String::new();
    let mut flush = |current: &mut String| {
        if !current.is_empty() {
            let raw = if current.chars().any(is_cjk) {
                fast2s::convert(current)
            } else {
                current.clone()
            };
            out.push(Word::new(raw));
            current.clear();
        }
    };
    for (i, &c) in chars.iter().enumerate() {
        let digit_dot = c == '.'
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if digit_dot {
            continue;
        }
        if !c.is_alphanumeric() {
            flush(&mut current);
            continue;
        }
        let switches = current
            .chars()
            .last()
            .is_some_and(|last| is_cjk(last) != is_cjk(c));
        if switches {
            flush(&mut current);
        }
        current.push(c);
    }
    flush(&mut current);
    out
}

/// Every participant's words on one side, by index into one vocabulary.
#[derive(Debug, Default)]
pub(super) struct WordLists {
    vocabulary: Vec<Word>,
    /// Participant `i`'s words are `entries[start[i]..start[i + 1]]`.
    start: Vec<u32>,
    entries: Vec<(u32, Field)>,
}

impl WordLists {
    /// Builds the lists from each participant's fields, in order.
    pub fn build<'a, P, F>(participants: P) -> WordLists
    where
        P: IntoIterator<Item = F>,
        F: IntoIterator<Item = (Field, &'a str)>,
    {
        let mut lists = WordLists {
            start: vec![0],
            ..WordLists::default()
        };
        let mut known: HashMap<String, u32> = HashMap::new();
        for fields in participants {
            for (field, text) in fields {
                for word in words(text) {
                    let next = lists.vocabulary.len() as u32;
                    let id = *known.entry(word.raw.clone()).or_insert(next);
                    if id == next {
                        lists.vocabulary.push(word);
                    }
                    let mine = lists.start.last().copied().unwrap_or(0) as usize;
                    if !lists.entries[mine..].contains(&(id, field)) {
                        lists.entries.push((id, field));
                    }
                }
            }
            lists.start.push(lists.entries.len() as u32);
        }
        lists
    }

    pub fn len(&self) -> usize {
        self.start.len().saturating_sub(1)
    }

    /// How well `word` finds each vocabulary word (0 for most).
    pub fn finds(&self, word: &Word) -> Vec<f32> {
        self.vocabulary.iter().map(|w| word.finds(w)).collect()
    }

    /// Participant `i`'s words and where each came from.
    pub fn of(&self, i: usize) -> &[(u32, Field)] {
        let (Some(&a), Some(&b)) = (self.start.get(i), self.start.get(i + 1)) else {
            return &[];
        };
        self.entries.get(a as usize..b as usize).unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> Vec<String> {
        words(text).into_iter().map(|w| w.raw).collect()
    }

    #[test]
    fn words_fold_case_width_script_and_codes() {
        assert_eq!(raw("Fresh CHERRIES"), ["fresh", "cherries"]);
        assert_eq!(raw("ＷＩＮＥ（紅酒）"), ["wine", "红酒"]);
        assert_eq!(raw("NFC果汁"), ["nfc", "果汁"]);
        assert_eq!(
            raw("0809.29, aged 10+ years."),
            ["080929", "aged", "10", "years"]
        );
    }

    #[test]
    fn a_query_word_finds_whole_words_beginnings_and_typos() {
        let w = |t: &str| Word::new(t.to_string());
        assert_eq!(w("cherries").finds(&w("cherry")), EXACT, "plural");
        assert_eq!(w("cherr").finds(&w("cherries")), PREFIX);
        assert_eq!(w("cherri").finds(&w("cherries")), PREFIX);
        assert_eq!(w("车厘子").finds(&w("美国车厘子")), PREFIX);
        assert!(w("rainer").finds(&w("rainier")) > 0.5);
        assert!(w("colombia").finds(&w("columbia")) > 0.5);
        assert!(w("cabrenet").finds(&w("cabernet")) > 0.5, "transposed");
        assert_eq!(w("cherr").finds(&w("cheese")), 0.0);
        assert_eq!(
            w("wine").finds(&w("vine")),
            0.0,
            "short words are not corrected"
        );
        assert_eq!(w("wine").finds(&w("winery")), PREFIX);
        assert_eq!(w("ginseng").finds(&w("wine")), 0.0);
        assert_eq!(w("s001").finds(&w("s002")), 0.0, "ids are not corrected");
        assert_eq!(w("红酒").finds(&w("wine")), 0.0);
    }
}

//! Which taxonomy names a term could match at all, found through small
//! indexes instead of comparing the term with every name.
//!
//! Every way [`super::mapper`] scores a name at [`super::mapper::MIN_SIMILARITY`]
//! or more needs something an index can look up:
//! - a name matched word by word (whole words, one slip, a misspelled word,
//!   an abbreviation) needs *every* word of the name to begin with the same
//!   letter as some word of the term and to have a nearby length; so each
//!   name is filed under one of its words, by first letter and length;
//! - a misspelling of the whole phrase needs the same first letter, a length
//!   within a fifth, and letters that differ by few edits, which a count of
//!   letters bounds from below;
//! - an abbreviation needs the name's first word to begin with the term's
//!   first word, and as many words;
//! - a Chinese name needs a character in common with the term.
//!
//! The lists returned are supersets, in name order: the mapper scores them
//! exactly as before, so what a term maps to does not change, only how many
//! names are looked at (a taxonomy of 100,000 categories took 40 s of CPU).

use std::collections::HashMap;

/// Letters a–z, digits, space, anything else: counting characters in
/// these classes bounds the edits between two strings from below.
const CLASSES: usize = 38;

type Counts = [u8; CLASSES];

fn class(c: char) -> usize {
    match c {
        'a'..='z' => c as usize - 'a' as usize,
        '0'..='9' => 26 + (c as usize - '0' as usize),
        ' ' => 36,
        _ => 37,
    }
}

fn counts(text: &str) -> Counts {
    let mut out = [0u8; CLASSES];
    for c in text.chars() {
        let slot = &mut out[class(c)];
        *slot = slot.saturating_add(1);
    }
    out
}

/// A lower bound on the Damerau-Levenshtein distance of two strings with
/// these counts. Each edit raises the surplus of `a` over `b` (summed over
/// classes) by at most one, and likewise the shortfall: an insertion or
/// deletion changes one count, a substitution moves one count to another
/// class, a transposition changes none. (Capped counts only shrink both
/// sums, so the bound stays a bound.)
fn edits_at_least(a: &Counts, b: &Counts) -> usize {
    let (mut surplus, mut shortfall) = (0usize, 0usize);
    for (x, y) in a.iter().zip(b) {
        if x > y {
            surplus += usize::from(x - y);
        } else {
            shortfall += usize::from(y - x);
        }
    }
    surplus.max(shortfall)
}

/// Whether two strings can reach a normalised Damerau-Levenshtein
/// similarity of 0.8 (at most one edit per five characters of the longer),
/// judged from their character counts alone. False only when they cannot.
pub fn may_reach_four_fifths(a: &str, b: &str) -> bool {
    let longer = a.chars().count().max(b.chars().count());
    edits_at_least(&counts(a), &counts(b)) * 5 <= longer
}

/// Lengths (in characters) a word of `len` characters can be close to: one
/// slip, a dropped plural `s`, or within a fifth of the longer length.
fn near_lengths(len: usize) -> std::ops::RangeInclusive<usize> {
    let low = len.saturating_sub(2).min((4 * len).div_ceil(5));
    let high = (len + 1).max(5 * len / 4);
    low..=high
}

fn first_two_bytes(word: &str) -> Option<[u8; 2]> {
    match word.as_bytes() {
        [a, b, ..] => Some([*a, *b]),
        _ => None,
    }
}

/// An English name as the index sees it: its normalised text and words.
pub struct EnglishName<'a> {
    pub id: u32,
    pub norm: &'a str,
    pub words: &'a [String],
}

#[derive(Default)]
pub struct NameIndex {
    /// Names by (first letter, length) of the one word filed for them.
    by_word: HashMap<(char, usize), Vec<u32>>,
    /// Names by (first letter, length) of the whole name, with its counts.
    by_phrase: HashMap<(char, usize), Vec<(u32, Counts)>>,
    /// Names by the first two bytes of their first word, and word count.
    by_abbreviation: HashMap<([u8; 2], usize), Vec<u32>>,
    /// Chinese names by each character in them.
    by_han: HashMap<char, Vec<u32>>,
}

fn key_of(word: &str) -> Option<(char, usize)> {
    word.chars().next().map(|c| (c, word.chars().count()))
}

impl NameIndex {
    pub fn new<'a>(
        english: impl Iterator<Item = EnglishName<'a>> + Clone,
        chinese: impl Iterator<Item = (u32, &'a str)>,
    ) -> NameIndex {
        // File each name under its word with the fewest neighbours, so a
        // term's lookups meet few names that share nothing else with it.
        let mut crowd: HashMap<(char, usize), usize> = HashMap::new();
        for name in english.clone() {
            for key in name.words.iter().filter_map(|w| key_of(w)) {
                *crowd.entry(key).or_default() += 1;
            }
        }
        let mut index = NameIndex::default();
        for name in english {
            let filed = name
                .words
                .iter()
                .filter_map(|w| key_of(w))
                .min_by_key(|key| crowd.get(key).copied().unwrap_or(0));
            if let Some(key) = filed {
                index.by_word.entry(key).or_default().push(name.id);
            }
            if let Some(key) = key_of(name.norm) {
                let entry = (name.id, counts(name.norm));
                index.by_phrase.entry(key).or_default().push(entry);
            }
            if let Some(prefix) = name.words.first().and_then(|w| first_two_bytes(w)) {
                let key = (prefix, name.words.len());
                index.by_abbreviation.entry(key).or_default().push(name.id);
            }
        }
        for (id, norm) in chinese {
            let mut chars: Vec<char> = norm.chars().collect();
            chars.sort_unstable();
            chars.dedup();
            for c in chars {
                index.by_han.entry(c).or_default().push(id);
            }
        }
        index
    }

    /// English names that may score for the normalised Latin `term`, whose
    /// words are `words`: sorted, without repeats.
    pub fn english(&self, term: &str, words: &[String]) -> Vec<u32> {
        let mut out = Vec::new();
        for word in words {
            let Some((first, len)) = key_of(word) else {
                continue;
            };
            for near in near_lengths(len) {
                if let Some(ids) = self.by_word.get(&(first, near)) {
                    out.extend_from_slice(ids);
                }
            }
        }
        if term.len() >= 4
            && let Some((first, len)) = key_of(term)
        {
            let mine = counts(term);
            let shortest = (4 * len).div_ceil(5);
            for near in shortest..=5 * len / 4 {
                let Some(names) = self.by_phrase.get(&(first, near)) else {
                    continue;
                };
                let longer = len.max(near);
                let close = names
                    .iter()
                    .filter(|(_, theirs)| edits_at_least(&mine, theirs) * 5 <= longer);
                out.extend(close.map(|(id, _)| *id));
            }
        }
        if let Some(prefix) = words.first().and_then(|w| first_two_bytes(w))
            && let Some(ids) = self.by_abbreviation.get(&(prefix, words.len()))
        {
            out.extend_from_slice(ids);
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Chinese names sharing a character with `han`: sorted, without repeats.
    pub fn chinese(&self, han: &str) -> Vec<u32> {
        let mut out = Vec::new();
        let mut seen: Vec<char> = Vec::new();
        for c in han.chars() {
            if seen.contains(&c) {
                continue;
            }
            seen.push(c);
            if let Some(ids) = self.by_han.get(&c) {
                out.extend_from_slice(ids);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_bound_the_edits() {
        assert!(may_reach_four_fifths("pistacio", "pistachio"));
        assert!(may_reach_four_fifths("walntus", "walnuts"));
        assert!(!may_reach_four_fifths("lobster tails", "leaf 1 23 45"));
        let (a, b) = (counts("abcd"), counts("badc"));
        assert_eq!(edits_at_least(&a, &b), 0, "transpositions keep the counts");
        assert_eq!(edits_at_least(&counts("cat"), &counts("cut")), 1);
        assert_eq!(edits_at_least(&counts("cat"), &counts("cats")), 1);
    }

    #[test]
    fn near_lengths_cover_slips_and_a_fifth() {
        assert_eq!(near_lengths(5), 3..=6);
        assert_eq!(near_lengths(10), 8..=12);
        assert_eq!(near_lengths(20), 16..=25);
    }
}

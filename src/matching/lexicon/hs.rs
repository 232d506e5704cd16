//! The Harmonized System as the universal layer: every traded good has a
//! heading (4 digits) or subheading (6 digits) with an English
//! description. A term the curated taxonomy does not know is looked up in
//! these descriptions, word by word, trusting most a word that opens a
//! clause of the description ("Handbags ..." in 4202.21's second clause)
//! and least one buried in a list of exceptions.

use std::collections::HashMap;

use crate::matching::normalize::tokens;

/// One HS code a term names, and how surely.
#[derive(Debug, Clone, PartialEq)]
pub struct HsMatch {
    /// Bare digits: 4 or 6, or a shared prefix of 5 when the term names
    /// several subheadings of one heading alike.
    pub code: String,
    pub similarity: f32,
}

/// A description word's place, as a weight: a word opening a clause
/// (`;`) names what the code is; one opening a list item (`,`) is one of
/// several things; one inside a phrase only qualifies it.
#[derive(Debug, Clone, Copy)]
struct Place {
    entry: u32,
    weight: f32,
}

fn place_weight(clause: usize, item: usize, first_in_item: bool) -> f32 {
    match (clause, item, first_in_item) {
        (0, 0, true) => 1.0,
        (_, 0, true) => 0.95,
        (0, _, true) => 0.6,
        (0, 0, false) => 0.7,
        _ => 0.4,
    }
}

pub struct HsNomenclature {
    codes: Vec<String>,
    descriptions: Vec<String>,
    by_code: HashMap<String, u32>,
    by_word: HashMap<String, Vec<Place>>,
}

/// Words of HS descriptions that say nothing about which good it is.
const NOT_GOODS: &[&str] = &[
    "other",
    "than",
    "not",
    "whether",
    "heading",
    "chapter",
    "and",
    "with",
    "the",
    "for",
    "including",
    "excluding",
    "containing",
    "article",
    "product",
    "good",
    "part",
    "kind",
    "type",
    "use",
    "used",
    "similar",
    "thereof",
    "fresh",
    "new",
    "premium",
    "made",
    "material",
    "preparation",
    "form",
    "natural",
    "mixed",
    "import",
    "export",
    "quality",
    "bulk",
    "retail",
    "sale",
    "item",
    "accessory",
    "american",
    "usa",
    "china",
    "organic",
    "wholesale",
];

impl HsNomenclature {
    /// Reads `section,hscode,description,parent,level` rows (headings and
    /// subheadings; chapters are too broad to name a good by).
    pub fn parse(csv_text: &str) -> HsNomenclature {
        let mut hs = HsNomenclature {
            codes: Vec::new(),
            descriptions: Vec::new(),
            by_code: HashMap::new(),
            by_word: HashMap::new(),
        };
        let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
        for row in reader.records().flatten() {
            let (Some(code), Some(description)) = (row.get(1), row.get(2)) else {
                continue;
            };
            if !code.bytes().all(|b| b.is_ascii_digit()) || code.len() < 2 {
                continue;
            }
            let entry = hs.codes.len() as u32;
            hs.by_code.insert(code.to_string(), entry);
            hs.codes.push(code.to_string());
            hs.descriptions.push(description.to_string());
            if code.len() >= 4 {
                for (clause, text) in description.split(';').enumerate() {
                    for (item, part) in text.split([',', '(', ')']).enumerate() {
                        for (i, word) in tokens(part).into_iter().enumerate() {
                            hs.by_word.entry(word).or_default().push(Place {
                                entry,
                                weight: place_weight(clause, item, i == 0),
                            });
                        }
                    }
                }
            }
        }
        hs
    }

    pub fn len(&self) -> usize {
        self.codes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// The description of a code, or of its longest known prefix.
    pub fn describe(&self, digits: &str) -> Option<&str> {
        (2..=digits.len().min(6))
            .rev()
            .find_map(|n| self.by_code.get(digits.get(..n)?))
            .map(|&e| self.descriptions[e as usize].as_str())
    }

    /// The HS codes an English term names, best first (at most a few).
    pub fn lookup(&self, term: &str) -> Vec<HsMatch> {
        let words: Vec<String> = tokens(term)
            .into_iter()
            .filter(|w| w.len() >= 3 && !NOT_GOODS.contains(&w.as_str()))
            .collect();
        if words.is_empty() {
            return Vec::new();
        }
        // Per entry: the head word's place (the last word: "finished
        // leather" is leather) and the sum of the other words' places.
        let mut found: HashMap<u32, (f32, f32)> = HashMap::new();
        let last = words.len() - 1;
        for (i, word) in words.iter().enumerate() {
            let Some(places) = self.places(word) else {
                if i == last {
                    return Vec::new();
                }
                continue;
            };
            let mut best: HashMap<u32, f32> = HashMap::new();
            for p in places {
                let b = best.entry(p.entry).or_insert(0.0);
                *b = b.max(p.weight);
            }
            for (entry, weight) in best {
                let f = found.entry(entry).or_insert((0.0, 0.0));
                if i == last {
                    f.0 = weight;
                } else {
                    f.1 += weight;
                }
            }
        }
        let modifiers = last.max(1) as f32;
        let mut scored: Vec<(f32, u32)> = found
            .into_iter()
            .filter(|(_, (head, _))| *head >= 0.7)
            .map(|(entry, (head, rest))| {
                let rest = if last == 0 { 1.0 } else { rest / modifiers };
                (head * (0.8 + 0.2 * rest), entry)
            })
            .collect();
        // Best place first; then headings before subheadings, and the
        // nomenclature's own order, which puts a material before the
        // articles made of it (4107 leather before 4205 leather articles).
        scored.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then(
                    self.codes[a.1 as usize]
                        .len()
                        .cmp(&self.codes[b.1 as usize].len()),
                )
                .then(a.1.cmp(&b.1))
        });
        let Some(&(top, _)) = scored.first() else {
            return Vec::new();
        };
        let similarity = if top >= 0.95 { 0.9 } else { 0.75 };
        let close: Vec<&str> = scored
            .iter()
            .take_while(|(s, _)| *s >= top - 0.05)
            .take(8)
            .map(|&(_, e)| self.codes[e as usize].as_str())
            .collect();
        collapse(&close)
            .into_iter()
            .map(|code| HsMatch { code, similarity })
            .collect()
    }

    /// Where a word occurs, or a word one slip away ("whiskey" finds
    /// "whisky"): descriptions spell some goods the British way.
    fn places(&self, word: &str) -> Option<&Vec<Place>> {
        self.by_word.get(word).or_else(|| {
            self.by_word
                .iter()
                .filter(|(w, _)| crate::matching::similar::one_slip(word, w))
                .min_by(|a, b| a.0.cmp(b.0))
                .map(|(_, places)| places)
        })
    }
}

/// Codes that share a heading become their common prefix (420221, 420222
/// and 420229 → 42022); otherwise up to three of the chapter most of them
/// are in, first first.
fn collapse(codes: &[&str]) -> Vec<String> {
    let Some(first) = codes.first() else {
        return Vec::new();
    };
    let shared = codes.iter().fold(first.len(), |n, c| {
        first
            .bytes()
            .zip(c.bytes())
            .take(n)
            .take_while(|(a, b)| a == b)
            .count()
    });
    if codes.len() > 1 && shared >= 4 {
        return vec![first[..shared].to_string()];
    }
    let chapter = |c: &str| c.get(..2).unwrap_or(c).to_string();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for c in codes {
        *counts.entry(chapter(c)).or_default() += 1;
    }
    let main = codes
        .iter()
        .map(|c| chapter(c))
        .max_by_key(|ch| {
            counts.get(ch).copied().unwrap_or(0) * 100
                - codes.iter().position(|c| chapter(c) == *ch).unwrap_or(0)
        })
        .unwrap_or_default();
    codes
        .iter()
        .filter(|c| chapter(c) == main)
        .take(3)
        .map(|c| c.to_string())
        .collect()
}

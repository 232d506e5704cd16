//! Fuzzy filtering of the participant lists, in slices.
//!
//! A keystroke scans the first [`SLICE`] rows at once, so lists of a few
//! thousand are filtered before the next frame; a larger list (a million
//! sellers) carries on scanning a slice at a time whenever the event loop
//! is idle, and a new keystroke simply restarts the scan. Nothing blocks
//! the interface and no thread needs the summit. When the new query only
//! extends the old one, only the old matches are scanned again: a fuzzy
//! subsequence that misses "abc" cannot match "abcd".

use std::fmt;
use std::ops::Range;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::model::{Side, Summit};

/// Rows scanned per slice: small enough for a frame (matching costs about
/// 1 µs a row, so ~10 ms), large enough that a summit of a few thousand is
/// done in one.
pub const SLICE: usize = 10_000;

/// The searchable text of one participant, with the character range of
/// each displayed field so matches can be highlighted per column.
#[derive(Debug, Default)]
pub struct Haystack {
    pub text: String,
    pub id: Range<usize>,
    pub company: Range<usize>,
    pub company_zh: Range<usize>,
    pub place: Range<usize>,
    pub tags: Range<usize>,
}

/// Separates fields in the haystack; a character no query is likely to
/// contain, so a match does not run across two fields by accident.
const SEP: char = '\u{1F}';

impl Haystack {
    /// Fills the haystack for participant `index` (reusing its buffer).
    pub fn fill(&mut self, summit: &Summit, side: Side, index: usize) {
        self.text.clear();
        let mut chars = 0;
        let mut push = |text: &mut String, field: &str| {
            let start = chars;
            text.push_str(field);
            chars += field.chars().count();
            text.push(SEP);
            chars += 1;
            start..chars - 1
        };
        match side {
            Side::Buyer => {
                let Some(b) = summit.buyers.get(index) else {
                    return;
                };
                self.id = push(&mut self.text, &b.id);
                self.company = push(&mut self.text, &b.company);
                self.company_zh = push(&mut self.text, &b.company_zh);
                self.place = push(&mut self.text, &b.city);
                self.tags = push(&mut self.text, &tags(&b.interests));
            }
            Side::Seller => {
                let Some(s) = summit.sellers.get(index) else {
                    return;
                };
                self.id = push(&mut self.text, &s.id);
                self.company = push(&mut self.text, &s.company);
                self.company_zh = push(&mut self.text, "");
                self.place = push(&mut self.text, &s.state);
                self.tags = push(&mut self.text, &tags(&s.categories));
            }
        }
    }
}

/// Interests or categories as displayed in the list.
pub fn tags(list: &[String]) -> String {
    list.join(", ")
}

struct Scan {
    query: String,
    /// Rows still to look at: all of them, or the previous matches.
    source: Source,
    pos: usize,
    found: Vec<(i64, u32)>,
}

enum Source {
    All(usize),
    Subset(Vec<u32>),
}

impl Source {
    fn len(&self) -> usize {
        match self {
            Source::All(n) => *n,
            Source::Subset(v) => v.len(),
        }
    }

    fn get(&self, i: usize) -> u32 {
        match self {
            // Participant counts fit in u32: the loader caps file sizes
            // far below four billion records.
            Source::All(_) => i as u32,
            Source::Subset(v) => v[i],
        }
    }
}

pub struct ListFilter {
    total: usize,
    query: String,
    /// Matching rows, best first; `None` when there is no query.
    matches: Option<Vec<u32>>,
    scan: Option<Scan>,
    matcher: SkimMatcherV2,
    haystack: Haystack,
}

impl fmt::Debug for ListFilter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ListFilter")
            .field("total", &self.total)
            .field("query", &self.query)
            .field("rows", &self.len())
            .field("scanning", &self.scanning())
            .finish()
    }
}

impl ListFilter {
    pub fn new(total: usize) -> ListFilter {
        ListFilter {
            total,
            query: String::new(),
            matches: None,
            scan: None,
            matcher: SkimMatcherV2::default(),
            haystack: Haystack::default(),
        }
    }

    pub fn query(&self) -> &str {
        &self.query
    }

    pub fn total(&self) -> usize {
        self.total
    }

    pub fn scanning(&self) -> bool {
        self.scan.is_some()
    }

    /// How far the running scan is, 0.0 to 1.0.
    pub fn progress(&self) -> f64 {
        match &self.scan {
            Some(scan) if scan.source.len() > 0 => scan.pos as f64 / scan.source.len() as f64,
            _ => 1.0,
        }
    }

    /// Rows shown now (while scanning: the matches found so far).
    pub fn len(&self) -> usize {
        match (&self.scan, &self.matches) {
            (Some(scan), _) => scan.found.len(),
            (None, Some(m)) => m.len(),
            (None, None) => self.total,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The participant shown at `row`.
    pub fn row(&self, row: usize) -> Option<usize> {
        let index = match (&self.scan, &self.matches) {
            (Some(scan), _) => scan.found.get(row)?.1,
            (None, Some(m)) => *m.get(row)?,
            (None, None) => return (row < self.total).then_some(row),
        };
        Some(index as usize)
    }

    /// Starts filtering for `query` and scans the first slice at once.
    pub fn set_query(&mut self, summit: &Summit, side: Side, query: String) {
        if query.is_empty() {
            self.clear();
            return;
        }
        // Narrow within the old matches when the old query is a prefix of
        // the new one and its scan finished.
        let source = match (&self.matches, &self.scan) {
            (Some(m), None) if query.starts_with(&self.query) => Source::Subset(m.clone()),
            _ => Source::All(self.total),
        };
        self.query = query.clone();
        self.scan = Some(Scan {
            query,
            source,
            pos: 0,
            found: Vec::new(),
        });
        self.step(summit, side, SLICE);
    }

    pub fn clear(&mut self) {
        self.query.clear();
        self.matches = None;
        self.scan = None;
    }

    /// Scans up to `budget` more rows; finishing sorts the matches best
    /// first (ties keep file order).
    pub fn step(&mut self, summit: &Summit, side: Side, budget: usize) {
        let Some(scan) = &mut self.scan else { return };
        let end = (scan.pos + budget).min(scan.source.len());
        for i in scan.pos..end {
            let index = scan.source.get(i);
            self.haystack.fill(summit, side, index as usize);
            if let Some(score) = self.matcher.fuzzy_match(&self.haystack.text, &scan.query) {
                scan.found.push((score, index));
            }
        }
        scan.pos = end;
        if scan.pos >= scan.source.len() {
            let mut found = std::mem::take(&mut scan.found);
            found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            self.matches = Some(found.into_iter().map(|(_, i)| i).collect());
            self.scan = None;
        }
    }

    /// The matched character positions in participant `index`'s haystack,
    /// for highlighting; empty without a query.
    pub fn highlights(&self, haystack: &Haystack) -> Vec<usize> {
        if self.query.is_empty() {
            return Vec::new();
        }
        self.matcher
            .fuzzy_indices(&haystack.text, &self.query)
            .map(|(_, indices)| indices)
            .unwrap_or_default()
    }
}

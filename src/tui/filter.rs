//! The `/` filter of a participant list: what was typed and the rows the
//! summit's participant search (`summit::ParticipantSearch`) found, best
//! first. The search runs as a job (off the UI thread when the desk has
//! workers); until its answer for the latest query arrives the list keeps
//! showing the previous rows, so typing never waits. Matched words are
//! highlighted; a match through the taxonomy says why in the list's title.

use std::fmt;
use std::ops::Range;

use crate::model::{Side, Summit};
use crate::summit::SearchResults;

/// The searchable text of one participant, with the character range of
/// each displayed field so matched words can be highlighted per column.
#[derive(Debug, Default)]
pub struct Haystack {
    pub text: String,
    pub id: Range<usize>,
    pub company: Range<usize>,
    pub company_zh: Range<usize>,
    pub place: Range<usize>,
    pub tags: Range<usize>,
}

/// Separates fields in the haystack, so a highlight never runs across two.
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

/// A filter's rows: participant indices best first, with why each matched.
#[derive(Debug, Clone, Default, PartialEq)]
struct Found {
    /// The query these rows answer.
    query: String,
    rows: Vec<u32>,
    why: Vec<String>,
    hidden: usize,
}

pub struct ListFilter {
    total: usize,
    /// What was typed; the rows may still answer an earlier query.
    query: String,
    /// `None` when there is no query (every row, in file order).
    found: Option<Found>,
    /// Only participants marked here (those with unmet wishes), if set.
    only: Option<Vec<bool>>,
    /// With `only`: the rows kept, as (participant, row in `found`).
    shown: Vec<(u32, Option<u32>)>,
}

impl fmt::Debug for ListFilter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ListFilter")
            .field("total", &self.total)
            .field("query", &self.query)
            .field("rows", &self.len())
            .field("searching", &self.searching())
            .finish()
    }
}

impl ListFilter {
    pub fn new(total: usize) -> ListFilter {
        ListFilter {
            total,
            query: String::new(),
            found: None,
            only: None,
            shown: Vec::new(),
        }
    }

    /// Shows only the participants marked in `only` (or all, with `None`).
    pub fn set_only(&mut self, only: Option<Vec<bool>>) {
        self.only = only;
        self.reshow();
    }

    /// True while only marked participants are shown.
    pub fn only(&self) -> bool {
        self.only.is_some()
    }

    fn reshow(&mut self) {
        self.shown.clear();
        let Some(only) = &self.only else { return };
        let keep = |i: u32| only.get(i as usize).copied().unwrap_or(false);
        self.shown = match &self.found {
            Some(f) => (f.rows.iter().enumerate())
                .filter(|(_, i)| keep(**i))
                .map(|(row, &i)| (i, Some(row as u32)))
                .collect(),
            None => (0..self.total as u32)
                .filter(|&i| keep(i))
                .map(|i| (i, None))
                .collect(),
        };
    }

    pub fn query(&self) -> &str {
        &self.query
    }

    pub fn total(&self) -> usize {
        self.total
    }

    /// True while the rows shown answer an earlier query than the one typed.
    pub fn searching(&self) -> bool {
        !self.query.is_empty() && self.found.as_ref().is_none_or(|f| f.query != self.query)
    }

    /// Rows shown now.
    pub fn len(&self) -> usize {
        if self.only.is_some() {
            return self.shown.len();
        }
        self.found.as_ref().map_or(self.total, |f| f.rows.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Matches found but hidden as too weak.
    pub fn hidden(&self) -> usize {
        self.found.as_ref().map_or(0, |f| f.hidden)
    }

    /// The participant shown at `row`.
    pub fn row(&self, row: usize) -> Option<usize> {
        if self.only.is_some() {
            return self.shown.get(row).map(|&(i, _)| i as usize);
        }
        match &self.found {
            Some(f) => f.rows.get(row).map(|&i| i as usize),
            None => (row < self.total).then_some(row),
        }
    }

    /// What matched for the participant at `row` (`interest "车厘子" (Sweet Cherries)`).
    pub fn why(&self, row: usize) -> Option<&str> {
        let row = match self.only {
            Some(_) => self.shown.get(row)?.1? as usize,
            None => row,
        };
        self.found.as_ref()?.why.get(row).map(String::as_str)
    }

    /// Sets what was typed; the caller runs the search for it. An empty
    /// query shows every row again at once.
    pub fn set_query(&mut self, query: String) {
        if query.is_empty() {
            self.found = None;
        }
        self.query = query;
        self.reshow();
    }

    /// The search's answer for `query`; an answer to a query no longer
    /// typed is dropped (a newer one is on its way).
    pub fn set_results(&mut self, query: &str, results: SearchResults) -> bool {
        if query != self.query || query.is_empty() {
            return false;
        }
        self.found = Some(Found {
            query: query.to_string(),
            rows: results
                .hits
                .iter()
                .map(|h| u32::try_from(h.index).unwrap_or(u32::MAX))
                .collect(),
            why: results.hits.into_iter().map(|h| h.why).collect(),
            hidden: results.hidden,
        });
        self.reshow();
        true
    }

    /// The characters of `haystack` that the typed words match (a word of
    /// it they begin, or the Chinese run they are in), for highlighting;
    /// a match through the taxonomy has none, and says why instead.
    pub fn highlights(&self, haystack: &Haystack) -> Vec<usize> {
        highlights(&self.query, &haystack.text)
    }
}

/// Character positions in `text` of each query word found in it, case
/// and width folded; Latin words only at the start of a word.
pub fn highlights(query: &str, text: &str) -> Vec<usize> {
    let folded: Vec<char> = text.chars().flat_map(char::to_lowercase).collect();
    if folded.len() != text.chars().count() {
        return Vec::new();
    }
    let mut marks = Vec::new();
    for word in crate::matching::search::words(query) {
        let needle: Vec<char> = word.raw.chars().collect();
        if needle.is_empty() || needle.len() > folded.len() {
            continue;
        }
        for start in 0..=folded.len() - needle.len() {
            let at_word = start == 0 || word.chinese || !folded[start - 1].is_alphanumeric();
            if at_word && folded[start..start + needle.len()] == needle[..] {
                marks.extend(start..start + needle.len());
            }
        }
    }
    marks.sort_unstable();
    marks.dedup();
    marks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_words_are_highlighted_at_word_starts() {
        assert_eq!(
            highlights("cherr", "fresh cherries"),
            (6..11).collect::<Vec<_>>()
        );
        assert_eq!(highlights("err", "fresh cherries"), Vec::<usize>::new());
        assert_eq!(highlights("车厘子", "美国车厘子"), vec![2, 3, 4]);
        assert_eq!(
            highlights("Wine", "Paso Lindo Wine Company"),
            vec![11, 12, 13, 14]
        );
    }

    #[test]
    fn an_answer_to_an_old_query_is_dropped() {
        let mut f = ListFilter::new(10);
        f.set_query("wi".to_string());
        f.set_query("win".to_string());
        assert!(f.searching());
        assert_eq!(f.len(), 10, "the old rows stay until the answer comes");
        assert!(!f.set_results("wi", SearchResults::default()));
        assert!(f.set_results("win", SearchResults::default()));
        assert!(!f.searching());
        assert!(f.is_empty());
        f.set_query(String::new());
        assert_eq!(f.len(), 10);
    }
}

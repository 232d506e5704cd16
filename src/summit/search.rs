//! Finding participants by what staff type (the desk's `/`), in English or
//! Chinese, with typos: exact words first, then through the taxonomy, then
//! typos, weak matches hidden. One search for the participant lists and a
//! participant's candidates alike; the rules are in `matching::search`.

use std::collections::HashMap;
use std::sync::Arc;

use super::Prepared;
use crate::matching::Candidate;
use crate::matching::search::{Field, Found, Query, Results, SearchIndex, Via};
use crate::model::Side;

pub use crate::matching::search::{MIN_SCORE, Tier};

/// A prepared summit with its search index (built once, about a word
/// list per participant); `Send` and cheap to query from any thread.
pub struct ParticipantSearch {
    prepared: Arc<Prepared>,
    index: SearchIndex,
}

/// One participant found, with why.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    /// Index on its side (sellers or buyers); for
    /// [`ParticipantSearch::candidates`], the position in the list.
    pub index: usize,
    pub tier: Tier,
    pub score: f32,
    /// What matched, for a status line: `name`, `interest "车厘子" (Sweet Cherries)`.
    pub why: String,
}

/// A search's matches best first, and how many weak ones were hidden.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    pub hidden: usize,
}

impl ParticipantSearch {
    pub fn new(prepared: Arc<Prepared>) -> ParticipantSearch {
        let index = SearchIndex::new(&prepared.summit, prepared.taxonomy());
        ParticipantSearch { prepared, index }
    }

    /// Reads `text` once, for any number of searches.
    pub fn query(&self, text: &str) -> Query {
        self.index.query(self.prepared.taxonomy(), text)
    }

    /// The participants of `side` matching `query`, best first.
    pub fn participants(&self, side: Side, query: &Query) -> SearchResults {
        let results = self.index.search(side, self.profiles(side), query);
        self.describe(side, results)
    }

    /// The positions in `candidates` (one participant's, ranked) whose other
    /// participant matches `query`, best match first, ties in rank order.
    /// `of` is the side the candidates are: sellers for a buyer's list.
    pub fn candidates(&self, of: Side, candidates: &[Candidate], query: &Query) -> SearchResults {
        let other = |c: &Candidate| match of {
            Side::Seller => c.seller,
            Side::Buyer => c.buyer,
        };
        let results =
            self.index
                .search_among(of, self.profiles(of), query, candidates.iter().map(other));
        // Back from a participant to its place in the list (a participant
        // is at most once in a candidate list).
        let position: HashMap<usize, usize> = candidates
            .iter()
            .enumerate()
            .map(|(i, c)| (other(c), i))
            .collect();
        let mut described = self.describe(of, results);
        for hit in &mut described.hits {
            hit.index = position.get(&hit.index).copied().unwrap_or(hit.index);
        }
        described
    }

    fn profiles(&self, side: Side) -> &[crate::matching::profile::Profile] {
        match side {
            Side::Seller => &self.prepared.matcher.sellers,
            Side::Buyer => &self.prepared.matcher.buyers,
        }
    }

    fn describe(&self, side: Side, results: Results) -> SearchResults {
        SearchResults {
            hits: results
                .found
                .iter()
                .map(|f| SearchHit {
                    index: f.index,
                    tier: f.tier,
                    score: f.score,
                    why: self.why(side, f),
                })
                .collect(),
            hidden: results.hidden,
        }
    }

    /// What matched, in words.
    fn why(&self, side: Side, found: &Found) -> String {
        let term = |t: u16| self.term_label(side, found.index, t);
        match found.via {
            Via::Word(Field::Id) => "id".to_string(),
            Via::Word(Field::Name) => "name".to_string(),
            Via::Word(Field::NameZh) => "Chinese name".to_string(),
            Via::Word(Field::Place) => "place".to_string(),
            Via::Word(Field::Term(t)) => term(t),
            Via::Word(Field::Hs(_)) | Via::Hs { term: None } => "HS code".to_string(),
            Via::Hs { term: Some(t) } => format!("{} (HS)", term(t)),
            Via::Category { term: t, node } => {
                let category = self
                    .prepared
                    .taxonomy()
                    .categories
                    .get(node as usize)
                    .map_or("", |c| c.name.as_str());
                match t {
                    Some(t) => format!("{} ({category})", term(t)),
                    None => category.to_string(),
                }
            }
        }
    }

    /// `interest "车厘子"`, `category "fresh cherries"`, `keyword "Rainier"`.
    fn term_label(&self, side: Side, index: usize, t: u16) -> String {
        let noun = match side {
            Side::Buyer => "interest",
            Side::Seller => {
                let categories = self
                    .prepared
                    .summit
                    .sellers
                    .get(index)
                    .map_or(0, |s| s.categories.len());
                if usize::from(t) < categories {
                    "category"
                } else {
                    "keyword"
                }
            }
        };
        let text = self
            .profiles(side)
            .get(index)
            .map(|p| p.term_label(t))
            .unwrap_or_default();
        format!("{noun} \"{text}\"")
    }
}

//! Finding participants by what staff type, in English or Chinese, with
//! typos: exact words first (an id, a name, a term as written), then
//! through the taxonomy and the lexicon layers with the same meanings the
//! ranking uses (车厘子 finds a buyer of "cherries" and the reverse), then
//! typos. Weak matches fall under [`MIN_SCORE`] and are hidden.

mod meaning;
mod words;

pub use meaning::{Answer, Meaning};
pub use words::{Field, Word, words};

use super::mapper::Mapper;
use super::profile::Profile;
use crate::model::{Side, Summit};
use crate::taxonomy::Taxonomy;
use words::{PREFIX, WordLists};

/// Matches scoring below this are hidden: a typo in a place name, a
/// category two levels broader named only in a keyword.
pub const MIN_SCORE: f32 = 0.45;

/// How a participant matched, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    /// Every query word is a word (or the beginning of one) of its id,
    /// name, place, terms or HS codes.
    Exact,
    /// One of its categories or HS codes answers the query's meaning.
    Category,
    /// Its words match the query's with typos.
    Fuzzy,
}

/// Why a participant matched: the field that did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Word(Field),
    /// A category it named through a term (the term, the category).
    Category {
        term: Option<u16>,
        node: u32,
    },
    /// An HS code, its own or read from a term.
    Hs {
        term: Option<u16>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Found {
    /// The participant's index on its side.
    pub index: usize,
    pub tier: Tier,
    /// 0 to 1 within its tier.
    pub score: f32,
    pub via: Via,
}

/// A query read once, to test any number of participants against.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub text: String,
    pub words: Vec<Word>,
    pub meaning: Meaning,
}

impl Query {
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// The result of one search: the matches best first, and how many were
/// found but hidden as too weak.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Results {
    pub found: Vec<Found>,
    pub hidden: usize,
}

/// Both sides' words and the term mapper, built once per summit.
pub struct SearchIndex {
    mapper: Mapper,
    sellers: WordLists,
    buyers: WordLists,
}

impl SearchIndex {
    pub fn new(summit: &Summit, taxonomy: &Taxonomy) -> SearchIndex {
        let sellers = WordLists::build(summit.sellers.iter().map(|s| {
            let terms = s.categories.iter().chain(&s.keywords);
            [
                (Field::Id, s.id.as_str()),
                (Field::Name, s.company.as_str()),
            ]
            .into_iter()
            .chain([(Field::Place, s.state.as_str())])
            .chain(
                terms
                    .enumerate()
                    .map(|(i, t)| (Field::Term(term(i)), t.as_str())),
            )
            .chain(hs_fields(&s.hs_codes))
            .collect::<Vec<_>>()
        }));
        let buyers = WordLists::build(summit.buyers.iter().map(|b| {
            [
                (Field::Id, b.id.as_str()),
                (Field::Name, b.company.as_str()),
                (Field::NameZh, b.company_zh.as_str()),
                (Field::Place, b.city.as_str()),
            ]
            .into_iter()
            .chain(
                b.interests
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (Field::Term(term(i)), t.as_str())),
            )
            .chain(hs_fields(&b.hs_codes))
            .collect::<Vec<_>>()
        }));
        // The lexicon layers are built on first use; build them now, not
        // on the first Chinese keystroke.
        super::lexicon::segment("红酒");
        SearchIndex {
            mapper: Mapper::new(taxonomy),
            sellers,
            buyers,
        }
    }

    /// Reads a query: its words, and its meaning through the taxonomy.
    pub fn query(&self, taxonomy: &Taxonomy, text: &str) -> Query {
        let words = words(text);
        let meaning = if words.is_empty() {
            Meaning::default()
        } else {
            Meaning::resolve(taxonomy, &self.mapper, text)
        };
        Query {
            text: text.to_string(),
            words,
            meaning,
        }
    }

    /// Every participant of `side` matching `query`, best first (ties in
    /// file order). `profiles` are the matcher's profiles of that side.
    pub fn search(&self, side: Side, profiles: &[Profile], query: &Query) -> Results {
        let lists = self.lists(side);
        self.search_among(side, profiles, query, 0..lists.len())
    }

    /// The participants in `among` (indices on `side`) matching `query`,
    /// best first; ties keep `among`'s order (a candidate list's ranking).
    pub fn search_among(
        &self,
        side: Side,
        profiles: &[Profile],
        query: &Query,
        among: impl IntoIterator<Item = usize>,
    ) -> Results {
        let lists = self.lists(side);
        let finds: Vec<Vec<f32>> = query.words.iter().map(|w| lists.finds(w)).collect();
        let mut scored = Vec::new();
        let mut hidden = 0;
        for (position, index) in among.into_iter().enumerate() {
            let Some(profile) = profiles.get(index) else {
                continue;
            };
            match judge(lists.of(index), profile, query, &finds) {
                Some((tier, score, via)) if score >= MIN_SCORE => scored.push((
                    position,
                    Found {
                        index,
                        tier,
                        score,
                        via,
                    },
                )),
                Some(_) => hidden += 1,
                None => {}
            }
        }
        scored.sort_by(|(pa, a), (pb, b)| {
            a.tier
                .cmp(&b.tier)
                .then(b.score.total_cmp(&a.score))
                .then(pa.cmp(pb))
        });
        Results {
            found: scored.into_iter().map(|(_, f)| f).collect(),
            hidden,
        }
    }

    fn lists(&self, side: Side) -> &WordLists {
        match side {
            Side::Seller => &self.sellers,
            Side::Buyer => &self.buyers,
        }
    }
}

fn term(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

fn hs_fields(codes: &[String]) -> impl Iterator<Item = (Field, &str)> {
    codes
        .iter()
        .enumerate()
        .map(|(i, c)| (Field::Hs(term(i)), c.as_str()))
}

/// One participant against a query: the best of its words and its meaning.
fn judge(
    entries: &[(u32, Field)],
    profile: &Profile,
    query: &Query,
    finds: &[Vec<f32>],
) -> Option<(Tier, f32, Via)> {
    let words = by_words(entries, profile, query, finds);
    if let Some((score, field)) = words
        && score >= PREFIX * Field::Place.weight()
    {
        return Some((Tier::Exact, score, Via::Word(field)));
    }
    let meaning = query.meaning.answer(profile).map(|a| {
        let via = match a.node {
            Some(node) => Via::Category { term: a.term, node },
            None => Via::Hs { term: a.term },
        };
        (Tier::Category, a.score, via)
    });
    match (meaning, words) {
        (Some(m), _) if m.1 >= MIN_SCORE => Some(m),
        (_, Some((score, field))) => Some((Tier::Fuzzy, score, Via::Word(field))),
        (m, None) => m,
    }
}

/// The participant's words against every query word: each must be found
/// in some field; the score is the weakest word's, and the field the one
/// that found the first word. A term that names only categories unrelated
/// to the query's does not count by its words (see [`off_topic_terms`]).
fn by_words(
    entries: &[(u32, Field)],
    profile: &Profile,
    query: &Query,
    finds: &[Vec<f32>],
) -> Option<(f32, Field)> {
    let off_topic = off_topic_terms(profile, &query.meaning);
    let mut weakest = f32::MAX;
    let mut first_field = None;
    for (w, finds) in finds.iter().enumerate() {
        let mut best: Option<(f32, Field)> = None;
        for &(word, field) in entries {
            if let Field::Term(t) = field
                && t < 64
                && off_topic & (1u64 << t) != 0
            {
                continue;
            }
            let found = finds.get(word as usize).copied().unwrap_or(0.0) * field.weight();
            if found > 0.0 && best.is_none_or(|(b, _)| found > b) {
                best = Some((found, field));
            }
        }
        let (score, field) = best?;
        weakest = weakest.min(score);
        if w == 0 {
            first_field = Some(field);
        }
    }
    first_field.map(|f| (weakest, f))
}

/// Terms (as a bit set of the first 64) that name categories, none of
/// which answers the query's categories: "wine vinegar" names vinegar,
/// so its word "wine" is no answer to the query "wine".
fn off_topic_terms(profile: &Profile, meaning: &Meaning) -> u64 {
    if meaning.nodes.is_empty() {
        return 0;
    }
    let (mut named, mut answering) = (0u64, 0u64);
    for hit in &profile.hits {
        let bit = 1u64.checked_shl(u32::from(hit.term)).unwrap_or(0);
        named |= bit;
        if meaning.credits(hit.node) {
            answering |= bit;
        }
    }
    named & !answering
}

//! Top-K ranking through inverted indexes, exact by construction.
//!
//! Every way a pair can score above zero (a related category, a shared HS
//! prefix, a shared word) goes through one posting list, and each list has
//! an upper bound on the score of anyone first reached through it. Lists are
//! read best bound first and each list best entry first; reading stops as
//! soon as nobody left could enter the top K (the threshold algorithm). The
//! result equals scoring every pair, which a test checks on random summits.
//! Equal scores are ordered by a seeded key per pair ([`super::ties`]).

use std::collections::HashMap;
use std::sync::Arc;

use foldhash::fast::RandomState;
use rayon::prelude::*;

use super::classes::Classes;
use super::profile::Profile;
use super::reach::Sketch;
use super::score::{Breakdown, hs_agreement_at_least};
pub use super::scratch::{Reachable, Seen};
use super::ties::{TieKey, Ties};

/// What bounds a participant's score apart from topical relevance, kept in
/// every posting entry so that most entries are skipped without even
/// looking the participant up.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Traits {
    /// The participant's languages ([`super::bits`]).
    pub languages: u64,
    /// Sellers: certifications held. Buyers: certifications required
    /// ([`super::bits`]).
    pub certifications: u64,
    /// Sellers: the best buyer-type fit over its categories, per type, in
    /// hundredths rounded up. Buyers: unused.
    pub fit: [u8; 8],
    /// Buyers: the buyer-type index. Sellers: unused.
    pub buyer_type: u8,
}

/// One class of participants ([`Classes`]) in a posting list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entry {
    /// The class.
    pub who: u32,
    pub weight: f32,
    pub traits: Traits,
    /// What bounds the class's share of a buyer's interests.
    pub sketch: Sketch,
}

/// Who can be reached from one category, HS prefix or word.
#[derive(Debug, Default)]
pub struct Index {
    /// Per category node: best similarity first, then by index.
    pub by_node: Vec<Vec<Entry>>,
    /// Per HS prefix of 2, 4 or 6 digits, same order.
    pub by_hs: HashMap<Arc<str>, Vec<Entry>, RandomState>,
    /// Per word of an unmapped term.
    pub by_word: HashMap<String, Vec<Entry>, RandomState>,
}

pub const HS_LEVELS: [usize; 3] = [6, 4, 2];

impl Index {
    /// Files each class once, read from its first member's profile;
    /// `traits` are per class.
    pub fn build(
        profiles: &[Profile],
        classes: &Classes,
        traits: &[Traits],
        nodes: usize,
    ) -> Index {
        let mut index = Index {
            by_node: vec![Vec::new(); nodes],
            ..Index::default()
        };
        let mut prefixes: Vec<(&str, f32)> = Vec::new();
        for (c, p) in classes.representatives().enumerate() {
            let profile = &profiles[p as usize];
            let sketch = Sketch::of(profile);
            let entry = |weight: f32| Entry {
                who: c as u32,
                weight,
                traits: traits[c],
                sketch,
            };
            for hit in &profile.hits {
                index.by_node[hit.node as usize].push(entry(hit.similarity));
            }
            // A participant has a few codes: a short list beats a map.
            prefixes.clear();
            for code in &profile.hs {
                for level in HS_LEVELS {
                    if let Some(prefix) = code.digits.get(..level) {
                        match prefixes.iter_mut().find(|(p, _)| *p == prefix) {
                            Some((_, w)) => *w = w.max(code.weight),
                            None => prefixes.push((prefix, code.weight)),
                        }
                    }
                }
            }
            for &(prefix, weight) in &prefixes {
                match index.by_hs.get_mut(prefix) {
                    Some(list) => list.push(entry(weight)),
                    None => {
                        index.by_hs.insert(Arc::from(prefix), vec![entry(weight)]);
                    }
                }
            }
            let mut words: Vec<&String> = profile
                .loose
                .iter()
                .flat_map(|(_, t)| t.iter())
                .filter(|w| w.chars().count() >= 3)
                .collect();
            words.sort();
            words.dedup();
            for word in words {
                match index.by_word.get_mut(word) {
                    Some(list) => list.push(entry(1.0)),
                    None => {
                        index.by_word.insert(word.clone(), vec![entry(1.0)]);
                    }
                }
            }
        }
        let order = |list: &mut Vec<Entry>| {
            list.sort_unstable_by(|a, b| b.weight.total_cmp(&a.weight).then(a.who.cmp(&b.who)));
        };
        index.by_node.par_iter_mut().for_each(order);
        index.by_hs.par_iter_mut().for_each(|(_, list)| order(list));
        index
            .by_word
            .par_iter_mut()
            .for_each(|(_, list)| order(list));
        index
    }
}

/// A posting list to read, with the factor that bounds its entries'
/// topical relevance (entry weight × factor).
pub struct Posting<'a> {
    pub factor: f32,
    pub entries: &'a [Entry],
}

/// The postings of one side's index that can reach `query`.
/// `related` gives, for a query category, the other side's related
/// categories and the relation's credit.
pub fn postings<'a>(
    query: &Profile,
    index: &'a Index,
    related: &[Vec<(u32, f32)>],
    hs_only: f32,
) -> Vec<Posting<'a>> {
    let mut lists = Vec::new();
    for hit in &query.hits {
        for &(node, credit) in &related[hit.node as usize] {
            lists.push(Posting {
                factor: hit.similarity * credit,
                entries: &index.by_node[node as usize],
            });
        }
    }
    for code in &query.hs {
        for level in HS_LEVELS {
            if let Some(entries) = code.digits.get(..level).and_then(|p| index.by_hs.get(p)) {
                lists.push(Posting {
                    factor: hs_only * hs_agreement_at_least(level) * code.weight,
                    entries,
                });
            }
        }
    }
    for (_, words) in &query.loose {
        for word in words.iter() {
            if let Some(entries) = index.by_word.get(word) {
                // Text-to-text similarity never exceeds 0.8.
                lists.push(Posting {
                    factor: 0.8,
                    entries,
                });
            }
        }
    }
    lists.sort_by(|a, b| b.factor.total_cmp(&a.factor));
    lists
}

/// One ranked counterpart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    pub other: u32,
    pub breakdown: Breakdown,
}

/// Best-first order: higher score, then the lower tie key.
fn better(a: (f32, TieKey), b: (f32, TieKey)) -> bool {
    a.0 > b.0 || (a.0 == b.0 && a.1 < b.1)
}

/// Rounds and clamps a bound the way scores are (to 0.1, within 0 to
/// 100): both are monotone, so a score below the bound stays at or below it
/// once both are rounded; and a pair whose penalties would take it below
/// zero scores 0, where it can still tie for the last place. The tiny
/// margin absorbs float noise between the two sums.
fn round_as_scores(bound: f32) -> f32 {
    (((bound + 1e-3) * 10.0).round() / 10.0).clamp(0.0, 100.0)
}

/// What bounds a pair's score, for skipping entries without scoring them.
pub struct ScoreBound<R, S, H>
where
    R: Fn(&Traits) -> f32,
    S: Fn(&Entry) -> Reachable,
    H: Fn(u32) -> f32,
{
    /// Points for topical relevance 1.0.
    pub topic_weight: f32,
    /// Topical relevance is at most this multiple of the best single
    /// component: 1.05 when HS agreement on a category match (+5%)
    /// can add to it, 1.0 when the query has no category to share.
    pub breadth: f32,
    /// The most the other parts (fit, certifications, language) can add.
    pub rest_max: f32,
    /// What the other parts can add for one entry, from its traits.
    pub rest: R,
    /// For one entry's class: a bound on its topical relevance, tighter than
    /// `breadth` times its best component when the class cannot meet every
    /// interest of the query. Its HS agreement may be bounded cheaply
    /// (`hs_exact` false), then `hs` works it out.
    pub reach: S,
    /// For one class: the HS agreement `reach` bounded.
    pub hs: H,
}

/// A class's members and their id hashes, side by side.
pub struct Members<'a> {
    pub classes: &'a Classes,
    /// The members' id hashes in member order ([`Classes::in_member_order`]).
    pub ids: &'a [u64],
}

impl Members<'_> {
    /// A class's members with their id hashes.
    fn of(&self, class: u32) -> impl Iterator<Item = (u32, u64)> + '_ {
        let span = self.classes.span(class);
        let ids = self.ids.get(span.clone()).unwrap_or_default();
        (self.classes.members(class).iter().copied()).zip(ids.iter().copied())
    }
}

/// The top `k` by exact score among everyone the postings reach.
///
/// A pair's topical relevance is at most `breadth` times its best single
/// component, and each component is bounded by `factor × weight` in the
/// list that holds it; so everyone's score is bounded in at least one of
/// their lists, and skipping entries by that bound never loses a pair.
/// Entries are classes: `evaluate` scores a class's first member once for
/// all of them, the members are placed by their tie keys, and the `k`
/// chosen are scored again one by one for their own reasons' evidence.
pub fn threshold_top_k<R, S, H>(
    lists: &[Posting],
    k: usize,
    bound: &ScoreBound<R, S, H>,
    members: &Members,
    ties: &Ties,
    seen: &mut Seen,
    evaluate: impl Fn(u32) -> Breakdown,
) -> Vec<Scored>
where
    R: Fn(&Traits) -> f32,
    S: Fn(&Entry) -> Reachable,
    H: Fn(u32) -> f32,
{
    seen.next_round();
    let topical = |t: f32| bound.topic_weight * (t * bound.breadth).min(1.0);
    let mut top: Vec<(f32, TieKey)> = Vec::with_capacity(k + 1);
    if k == 0 {
        return Vec::new();
    }
    for list in lists {
        for entry in list.entries {
            if seen.visited(entry.who) {
                continue;
            }
            let component = list.factor * entry.weight;
            let topic = topical(component);
            if top.len() == k {
                let (last_score, last_key) = top[k - 1];
                // Entries come by weight: once even the best case scores
                // below the last place, nobody later in the list can enter.
                // At an equal score the pair's tie key decides, and that
                // varies along the list, so reading goes on.
                if round_as_scores(topic + bound.rest_max) < last_score {
                    break;
                }
                let rest = (bound.rest)(&entry.traits);
                if round_as_scores(topic + rest) < last_score {
                    continue;
                }
                let bounded = |reach: &Reachable| {
                    round_as_scores(
                        (bound.topic_weight * reach.topical(component)).min(topic) + rest,
                    )
                };
                let mut reach = (bound.reach)(entry);
                let mut best = bounded(&reach);
                if best >= last_score && !reach.hs_exact {
                    reach.hs = (bound.hs)(entry.who);
                    best = bounded(&reach);
                }
                if best < last_score {
                    continue;
                }
                if best == last_score {
                    let first_key = seen.first_key(entry.who, || {
                        (members.of(entry.who))
                            .map(|(m, id)| ties.key_of(m, id))
                            .min()
                    });
                    if first_key.is_none_or(|key| key > last_key) {
                        continue;
                    }
                }
            }
            seen.visit(entry.who);
            let Some(first) = members.classes.members(entry.who).first() else {
                continue;
            };
            let breakdown = evaluate(*first);
            if breakdown.topical <= 0.0 {
                continue;
            }
            let score = breakdown.score;
            if top.len() == k && score < top[k - 1].0 {
                continue;
            }
            for (member, id) in members.of(entry.who) {
                let key = ties.key_of(member, id);
                let at = top.partition_point(|&(s, t)| better((s, t), (score, key)));
                if at < k {
                    top.insert(at, (score, key));
                    top.truncate(k);
                }
            }
        }
    }
    top.into_iter()
        .map(|(_, key)| Scored {
            other: key.who(),
            breakdown: evaluate(key.who()),
        })
        .collect()
}

/// Scores every candidate: the reference the indexed ranking must equal.
pub fn exhaustive_top_k(
    count: usize,
    k: usize,
    ties: &Ties,
    evaluate: impl Fn(u32) -> Breakdown,
) -> Vec<Scored> {
    let mut all: Vec<Scored> = (0..count as u32)
        .map(|other| Scored {
            other,
            breakdown: evaluate(other),
        })
        .filter(|s| s.breakdown.topical > 0.0)
        .collect();
    all.sort_by(|a, b| {
        b.breakdown
            .score
            .total_cmp(&a.breakdown.score)
            .then(ties.key(a.other).cmp(&ties.key(b.other)))
    });
    all.truncate(k);
    all
}

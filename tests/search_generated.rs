//! The participant search on a generated summit: the rules hold for any
//! data, not only the demo's. Every participant is found by its id and
//! its name; a Chinese term finds the participants that wrote the same
//! goods in English and the reverse; a category match is never a sibling.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::sync::Arc;

use matchslate::generate::{GenerateOptions, generate};
use matchslate::matching::profile::Profile;
use matchslate::matching::search::words;
use matchslate::model::Side;
use matchslate::summit::{ParticipantSearch, Prepared, Tier, prepare};
use matchslate::taxonomy::Taxonomy;

fn generated() -> (tempfile::TempDir, Arc<Prepared>, ParticipantSearch) {
    let dir = tempfile::tempdir().unwrap();
    let options = GenerateOptions {
        sellers: 400,
        buyers: 120,
        seed: 11,
    };
    generate(dir.path(), &options).unwrap();
    let prepared = Arc::new(prepare(dir.path()).unwrap());
    let search = ParticipantSearch::new(Arc::clone(&prepared));
    (dir, prepared, search)
}

fn related(taxonomy: &Taxonomy, a: usize, b: usize) -> bool {
    a == b || taxonomy.is_ancestor(a, b) || taxonomy.is_ancestor(b, a)
}

/// The category a participant's term `t` names best, if any.
fn node_of(profile: &Profile, t: usize) -> Option<(u32, f32)> {
    profile
        .hits
        .iter()
        .filter(|h| usize::from(h.term) == t)
        .map(|h| (h.node, h.similarity))
        .max_by(|a, b| a.1.total_cmp(&b.1))
}

#[test]
fn everyone_is_found_by_id_first_and_by_name() {
    let (_dir, prepared, search) = generated();
    for (i, s) in prepared.summit.sellers.iter().enumerate().step_by(7) {
        let found = search.participants(Side::Seller, &search.query(&s.id));
        assert_eq!(found.hits.first().map(|h| h.index), Some(i), "{}", s.id);
        let found = search.participants(Side::Seller, &search.query(&s.company));
        let me = found
            .hits
            .iter()
            .find(|h| h.index == i)
            .expect("found by name");
        assert_eq!(me.tier, Tier::Exact, "{}", s.company);
    }
    for (i, b) in prepared.summit.buyers.iter().enumerate().step_by(5) {
        let found = search.participants(Side::Buyer, &search.query(&b.company_zh));
        assert!(found.hits.iter().any(|h| h.index == i), "{}", b.company_zh);
    }
}

#[test]
fn a_term_in_one_language_finds_the_same_goods_in_the_other() {
    let (_dir, prepared, search) = generated();
    let taxonomy = prepared.taxonomy();
    let buyers = &prepared.matcher.buyers;
    let sellers = &prepared.matcher.sellers;
    // Chinese interests the taxonomy knows, each once.
    let mut seen = BTreeSet::new();
    let mut checked = 0;
    for (b, buyer) in prepared.summit.buyers.iter().enumerate() {
        for (t, interest) in buyer.interests.iter().enumerate() {
            let chinese = words(interest).iter().all(|w| w.chinese);
            let Some((node, sim)) = node_of(&buyers[b], t) else {
                continue;
            };
            if !chinese || sim < 1.0 || !seen.insert(interest.clone()) {
                continue;
            }
            let query = search.query(interest);
            let found: BTreeSet<usize> = search
                .participants(Side::Seller, &query)
                .hits
                .iter()
                .map(|h| h.index)
                .collect();
            // Every seller naming exactly that category, in English, is found.
            for (s, profile) in sellers.iter().enumerate() {
                if profile
                    .hits
                    .iter()
                    .any(|h| h.node == node && h.similarity >= 0.85)
                {
                    assert!(
                        found.contains(&s),
                        "{interest} misses {}",
                        prepared.summit.sellers[s].id
                    );
                }
            }
            // And the reverse: that seller's English term finds this buyer.
            if let Some(s) = sellers
                .iter()
                .position(|p| p.hits.iter().any(|h| h.node == node && h.term == 0))
            {
                let english = &prepared.summit.sellers[s].categories[0];
                let back = search.participants(Side::Buyer, &search.query(english));
                assert!(
                    back.hits.iter().any(|h| h.index == b),
                    "{english} misses {interest}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 5, "only {checked} Chinese interests checked");
    // A category match is never a sibling or a stranger: it is the query's
    // category, above it or below it.
    for text in seen.iter().take(12) {
        let query = search.query(text);
        for side in [Side::Seller, Side::Buyer] {
            for hit in search.participants(side, &query).hits {
                if hit.tier != Tier::Category {
                    continue;
                }
                let profile = match side {
                    Side::Seller => &sellers[hit.index],
                    Side::Buyer => &buyers[hit.index],
                };
                let answers = profile.hits.iter().any(|h| {
                    query
                        .meaning
                        .nodes
                        .iter()
                        .any(|&q| related(taxonomy, q, h.node as usize))
                });
                let hs = hit.why.contains("HS");
                assert!(
                    answers || hs,
                    "{text} found {side:?} {} by {}",
                    hit.index,
                    hit.why
                );
            }
        }
    }
}

//! The participant search (the desk's `/`) on the demo summit: issue 11's
//! examples, through the taxonomy in both languages, ranked and with weak
//! matches hidden; and on a generated summit, so nothing hangs on the demo.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock};

use matchslate::model::Side;
use matchslate::summit::{MIN_SCORE, ParticipantSearch, Prepared, SearchResults, Tier, prepare};

/// The demo, prepared once for every test here.
static DEMO: LazyLock<(Arc<Prepared>, ParticipantSearch)> = LazyLock::new(|| {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data");
    let prepared = Arc::new(prepare(&dir).expect("demo summit"));
    (Arc::clone(&prepared), ParticipantSearch::new(prepared))
});

fn demo() -> (&'static Prepared, &'static ParticipantSearch) {
    (&DEMO.0, &DEMO.1)
}

fn find(search: &ParticipantSearch, side: Side, text: &str) -> SearchResults {
    search.participants(side, &search.query(text))
}

/// The ids found, best first.
fn ids(prepared: &Prepared, side: Side, results: &SearchResults) -> Vec<String> {
    results
        .hits
        .iter()
        .map(|h| match side {
            Side::Seller => prepared.summit.sellers[h.index].id.clone(),
            Side::Buyer => prepared.summit.buyers[h.index].id.clone(),
        })
        .collect()
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

const WINERIES: &[&str] = &[
    "S009", "S018", "S025", "S042", "S057", "S061", "S093", "S104", "S108",
];

#[test]
fn cherr_finds_cherry_buyers_in_both_scripts_and_no_cheese_or_kitchenware() {
    let (prepared, search) = demo();
    let found = ids(prepared, Side::Buyer, &find(search, Side::Buyer, "cherr"));
    // B001, B036 and B061 wrote 车厘子; B009 "cherries"; B035 both.
    for id in ["B001", "B009", "B035", "B036", "B061"] {
        assert!(
            found.contains(&id.to_string()),
            "{id} missing from {found:?}"
        );
    }
    // Cheese and kitchenware buyers matched the old subsequence filter.
    for id in ["B026", "B047", "B049", "B014", "B029"] {
        assert!(!found.contains(&id.to_string()), "{id} in {found:?}");
    }
}

#[test]
fn chinese_finds_english_and_english_finds_chinese() {
    let (prepared, search) = demo();
    let buyers = ids(prepared, Side::Buyer, &find(search, Side::Buyer, "车厘子"));
    assert!(
        buyers.contains(&"B009".to_string()),
        "B009 wrote cherries: {buyers:?}"
    );
    let buyers = ids(
        prepared,
        Side::Buyer,
        &find(search, Side::Buyer, "cherries"),
    );
    for id in ["B001", "B036", "B061"] {
        assert!(
            buyers.contains(&id.to_string()),
            "{id} wrote 车厘子: {buyers:?}"
        );
    }
    let sellers = ids(
        prepared,
        Side::Seller,
        &find(search, Side::Seller, "车厘子"),
    );
    for id in ["S001", "S105"] {
        assert!(sellers.contains(&id.to_string()), "{id}: {sellers:?}");
    }
    // Traditional characters are read as simplified.
    let traditional = find(search, Side::Seller, "車厘子");
    assert_eq!(ids(prepared, Side::Seller, &traditional), sellers);
}

#[test]
fn red_wine_in_chinese_finds_the_wineries_and_wine_finds_nothing_else() {
    let (prepared, search) = demo();
    let hongjiu = ids(prepared, Side::Seller, &find(search, Side::Seller, "红酒"));
    assert_eq!(
        hongjiu.iter().cloned().collect::<BTreeSet<_>>(),
        set(WINERIES)
    );
    let wine = ids(prepared, Side::Seller, &find(search, Side::Seller, "wine"));
    assert_eq!(wine.iter().cloned().collect::<BTreeSet<_>>(), set(WINERIES));
    // Cranberries, ginseng and beer matched "wine" before.
    for id in [
        "S014", "S058", "S002", "S027", "S059", "S045", "S086", "S090",
    ] {
        assert!(!wine.contains(&id.to_string()), "{id} in {wine:?}");
    }
}

#[test]
fn matches_rank_exact_then_category_then_typos() {
    let (prepared, search) = demo();
    let results = find(search, Side::Buyer, "cherries");
    let tiers: Vec<Tier> = results.hits.iter().map(|h| h.tier).collect();
    let mut sorted = tiers.clone();
    sorted.sort();
    assert_eq!(tiers, sorted, "tiers in order");
    assert_eq!(tiers.first(), Some(&Tier::Exact));
    assert!(tiers.contains(&Tier::Category), "{tiers:?}");
    // Within a tier, the better score first.
    for pair in results.hits.windows(2) {
        if pair[0].tier == pair[1].tier {
            assert!(pair[0].score >= pair[1].score, "{pair:?}");
        }
    }
    // B009 wrote "cherries": a word match; B001 wrote 车厘子: a category.
    let tier_of = |id: &str| {
        let i = prepared.buyer_index(id).unwrap();
        results.hits.iter().find(|h| h.index == i).map(|h| h.tier)
    };
    assert_eq!(tier_of("B009"), Some(Tier::Exact));
    assert_eq!(tier_of("B001"), Some(Tier::Category));
    let why = &results
        .hits
        .iter()
        .find(|h| Some(h.index) == prepared.buyer_index("B001").ok())
        .unwrap()
        .why;
    assert!(
        why.contains("车厘子") && why.contains("Sweet Cherries"),
        "{why}"
    );
    // A misspelt company name is a typo match, after all else.
    let typo = find(search, Side::Seller, "Colombia");
    assert_eq!(
        ids(prepared, Side::Seller, &typo)
            .first()
            .map(String::as_str),
        Some("S001")
    );
    assert!(typo.hits.iter().all(|h| h.tier == Tier::Fuzzy));
}

#[test]
fn an_id_finds_only_its_participant_and_weak_matches_are_hidden() {
    let (prepared, search) = demo();
    let found = ids(prepared, Side::Seller, &find(search, Side::Seller, "s001"));
    assert_eq!(found, ["S001"], "S002 is no typo of S001");
    let prefix = ids(prepared, Side::Seller, &find(search, Side::Seller, "S00"));
    assert_eq!(
        prefix,
        [
            "S001", "S002", "S003", "S004", "S005", "S006", "S007", "S008", "S009"
        ]
    );
    for text in [
        "cherr",
        "wine",
        "ginsing",
        "handbags",
        "上海",
        "fresh fruit",
    ] {
        for side in [Side::Seller, Side::Buyer] {
            let results = find(search, side, text);
            assert!(results.hits.iter().all(|h| h.score >= MIN_SCORE), "{text}");
        }
    }
    // A typo finds what the word finds, as typos.
    let typo = find(search, Side::Buyer, "Shanghia");
    let exact = find(search, Side::Buyer, "Shanghai");
    assert_eq!(
        ids(prepared, Side::Buyer, &typo),
        ids(prepared, Side::Buyer, &exact)
    );
    assert!(typo.hits.iter().all(|h| h.tier == Tier::Fuzzy));
    assert!(exact.hits.iter().all(|h| h.tier == Tier::Exact));
    assert!(find(search, Side::Buyer, "zzzz qqq").hits.is_empty());
    assert!(find(search, Side::Buyer, "").hits.is_empty());
}

#[test]
fn typos_of_goods_go_through_the_taxonomy() {
    let (prepared, search) = demo();
    let found = ids(
        prepared,
        Side::Seller,
        &find(search, Side::Seller, "ginsing"),
    );
    assert_eq!(
        found.iter().cloned().collect::<BTreeSet<_>>(),
        set(&["S002", "S027", "S059"])
    );
    let buyers = ids(prepared, Side::Buyer, &find(search, Side::Buyer, "ginsing"));
    assert!(!buyers.is_empty(), "花旗参 buyers");
}

#[test]
fn a_candidate_list_is_filtered_by_the_same_rules_keeping_its_rank_order() {
    let (prepared, search) = demo();
    let buyer = prepared.buyer_index("B003").unwrap();
    let candidates = prepared.candidates_for_buyer(buyer, 40);
    let query = search.query("红酒");
    let filtered = search.candidates(Side::Seller, &candidates, &query);
    assert!(!filtered.hits.is_empty());
    let wineries = set(WINERIES);
    for hit in &filtered.hits {
        let seller = &prepared.summit.sellers[candidates[hit.index].seller];
        assert!(
            wineries.contains(&seller.id),
            "{} is not a winery",
            seller.id
        );
    }
    // Every winery among the candidates is kept.
    let kept = candidates
        .iter()
        .filter(|c| wineries.contains(&prepared.summit.sellers[c.seller].id))
        .count();
    assert_eq!(filtered.hits.len(), kept);
    // Equal matches keep the candidates' ranking.
    for pair in filtered.hits.windows(2) {
        if pair[0].tier == pair[1].tier && pair[0].score == pair[1].score {
            assert!(pair[0].index < pair[1].index, "{pair:?}");
        }
    }
}

//! Hand-labelled matching cases: what a trade specialist expects for
//! synonyms, plurals, misspellings, Chinese names, HS-only profiles,
//! missing certifications and pairs without a common language; and the
//! demo summit's top candidates, checked by reading them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use jiff::civil::{date, time};
use matchslate::matching::Matcher;
use matchslate::matching::mapper::Mapper;
use matchslate::model::{Buyer, Event, EventDay, Seller, Summit};
use matchslate::summit::prepare;
use matchslate::taxonomy::{self, Taxonomy};

fn taxonomy() -> Taxonomy {
    taxonomy::built_in().expect("built-in taxonomy")
}

/// The id of the best category a term maps to, if any.
fn best(mapper: &Mapper, tax: &Taxonomy, term: &str) -> Option<String> {
    mapper
        .map(term)
        .first()
        .map(|h| tax.categories[h.node].id.clone())
}

#[test]
fn terms_map_to_the_categories_a_specialist_would_pick() {
    let tax = taxonomy();
    let mapper = Mapper::new(&tax);
    let cases = [
        // synonyms and plurals
        ("fresh cherries", "cherries"),
        ("Bing Cherries", "cherries"),
        ("pistachio nuts", "pistachios"),
        ("California almonds", "almonds"),
        ("Cabernet Sauvignon", "red-wine"),
        ("Kentucky bourbon", "bourbon"),
        ("Maine lobsters", "lobster"),
        ("infant formula", "infant-formula"),
        // misspellings as forms have them
        ("cherrys", "cherries"),
        ("pistacios", "pistachios"),
        ("ginsing root", "american-ginseng"),
        ("suppliments", "supplements"),
        ("Cabernet Sauvingon", "red-wine"),
        // an abbreviation
        ("cab sauv", "red-wine"),
        // Chinese as buyers write it, including trade names
        ("车厘子", "cherries"),
        ("美国车厘子", "cherries"),
        ("开心果", "pistachios"),
        ("巴旦木", "almonds"),
        ("花旗参", "american-ginseng"),
        ("西洋参", "american-ginseng"),
        ("波士顿龙虾", "lobster"),
        ("奶粉", "infant-formula"),
        ("保健品", "supplements"),
        ("三文鱼", "salmon"),
        ("波本威士忌", "bourbon"),
        // traditional characters, including names the taxonomy lists only
        // in simplified form
        ("車厘子", "cherries"),
        ("開心果", "pistachios"),
        ("龍蝦", "lobster"),
        ("美國牛肉", "beef"),
        ("嬰兒奶粉", "infant-formula"),
        // full-width letters
        ("ＷＩＮＥ", "wine"),
    ];
    let mut wrong = Vec::new();
    for (term, expected) in cases {
        let got = best(&mapper, &tax, term);
        if got.as_deref() != Some(expected) {
            wrong.push(format!("{term:?}: expected {expected}, got {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Text that names nothing maps to nothing rather than to a guess.
    for term in ["flux capacitors", "cold chain", "premium", "xyz"] {
        assert_eq!(best(&mapper, &tax, term), None, "{term}");
    }
}

fn event() -> Event {
    Event {
        name: "t".into(),
        venue: String::new(),
        timezone: "America/Los_Angeles".into(),
        days: vec![EventDay {
            date: date(2017, 10, 11),
            start: time(9, 0, 0, 0),
            end: time(12, 0, 0, 0),
            breaks: vec![],
        }],
        slot_minutes: 20,
        tables: 4,
        interpreters: 1,
        default_max_meetings: 4,
    }
}

fn seller(id: &str, categories: &[&str], hs: &[&str], certs: &[&str], langs: &[&str]) -> Seller {
    Seller {
        id: id.into(),
        company: format!("{id} Co."),
        categories: categories.iter().map(|s| s.to_string()).collect(),
        hs_codes: hs.iter().map(|s| s.to_string()).collect(),
        certifications: certs.iter().map(|s| s.to_string()).collect(),
        languages: langs.iter().map(|s| s.to_string()).collect(),
        max_meetings: 4,
        ..Seller::default()
    }
}

fn buyer(
    id: &str,
    interests: &[&str],
    hs: &[&str],
    required: &[&str],
    langs: &[&str],
    kind: &str,
) -> Buyer {
    Buyer {
        id: id.into(),
        company: format!("{id} Trading"),
        interests: interests.iter().map(|s| s.to_string()).collect(),
        hs_codes: hs.iter().map(|s| s.to_string()).collect(),
        required_certifications: required.iter().map(|s| s.to_string()).collect(),
        languages: langs.iter().map(|s| s.to_string()).collect(),
        buyer_type: kind.into(),
        max_meetings: 4,
        ..Buyer::default()
    }
}

fn summit(sellers: Vec<Seller>, buyers: Vec<Buyer>) -> Summit {
    let event = event();
    Summit {
        slots: matchslate::load::expand_slots(&event),
        event,
        sellers,
        buyers,
    }
}

#[test]
fn a_chinese_interest_finds_the_english_seller_and_says_why() {
    let s = summit(
        vec![
            seller("S1", &["fresh cherries"], &[], &[], &["en", "zh"]),
            seller("S2", &["almonds"], &[], &[], &["en", "zh"]),
            seller("S3", &["flux capacitors"], &[], &[], &["en", "zh"]),
        ],
        vec![buyer("B1", &["车厘子"], &[], &[], &["zh"], "importer")],
    );
    let m = Matcher::new(&s, taxonomy());
    let top = m.top_sellers(&s, 0, 3);
    assert_eq!(top.len(), 1, "only the cherry seller is relevant: {top:?}");
    assert_eq!(top[0].seller, 0);
    assert_eq!(top[0].score, 100.0);
    assert_eq!(
        top[0].reasons[0],
        "fresh cherries ≈ 车厘子 (Cherries, 1.00)"
    );
}

#[test]
fn hierarchy_credit_orders_same_leaf_above_parent_above_sibling() {
    let s = summit(
        vec![
            seller("S1", &["pecans"], &[], &[], &["en"]),
            seller("S2", &["tree nuts"], &[], &[], &["en"]),
            seller("S3", &["almonds"], &[], &[], &["en"]),
        ],
        vec![buyer("B1", &["碧根果"], &[], &[], &["en"], "importer")],
    );
    let m = Matcher::new(&s, taxonomy());
    let order: Vec<usize> = m.top_sellers(&s, 0, 3).iter().map(|c| c.seller).collect();
    assert_eq!(
        order,
        [0, 1, 2],
        "same leaf, then the broader category, then a sibling"
    );
}

#[test]
fn hs_only_profiles_match_by_code_prefix() {
    let s = summit(
        vec![
            seller("S1", &[], &["0809.29"], &[], &["en"]),
            seller("S2", &["fresh cherries"], &[], &[], &["en"]),
            seller("S3", &[], &["2204.21"], &[], &["en"]),
        ],
        vec![buyer("B1", &[], &["0809"], &[], &["en"], "importer")],
    );
    let m = Matcher::new(&s, taxonomy());
    let top = m.top_sellers(&s, 0, 3);
    let ids: Vec<usize> = top.iter().map(|c| c.seller).collect();
    assert!(
        ids.contains(&0) && ids.contains(&1),
        "both cherry sellers: {top:?}"
    );
    assert!(!ids.contains(&2), "wine shares no HS prefix with 0809");
    assert!(
        top.iter().all(|c| c.reasons[0].starts_with("HS 0809")),
        "{top:?}"
    );
}

#[test]
fn hs_chapters_alone_are_weak_evidence() {
    // Ginseng (1211.20) and soybeans (1201) share only chapter 12.
    let s = summit(
        vec![
            seller("S1", &[], &["1211.20"], &[], &["en"]),
            seller("S2", &[], &["1201.90"], &[], &["en"]),
        ],
        vec![buyer("B1", &[], &["1201"], &[], &["en"], "importer")],
    );
    let m = Matcher::new(&s, taxonomy());
    let ginseng = m.candidate(&s, 0, 0);
    let soybeans = m.candidate(&s, 1, 0);
    assert!(soybeans.score >= 80.0, "{soybeans:?}");
    assert!(
        ginseng.score < 40.0,
        "below the default minimum score: {ginseng:?}"
    );
}

#[test]
fn missing_certifications_cost_a_lot_and_are_named() {
    let s = summit(
        vec![
            seller("S1", &["maple syrup"], &[], &["USDA Organic"], &["en"]),
            seller("S2", &["maple syrup"], &[], &[], &["en"]),
        ],
        vec![buyer(
            "B1",
            &["maple syrup"],
            &[],
            &["USDA Organic"],
            &["en"],
            "supermarket chain",
        )],
    );
    let m = Matcher::new(&s, taxonomy());
    let with = m.candidate(&s, 0, 0);
    let without = m.candidate(&s, 1, 0);
    assert!(
        with.score - without.score >= 30.0,
        "{} vs {}",
        with.score,
        without.score
    );
    assert!(
        with.reasons.contains(&"has: USDA Organic".to_string()),
        "{:?}",
        with.reasons
    );
    assert!(
        without
            .reasons
            .contains(&"missing: USDA Organic".to_string()),
        "{:?}",
        without.reasons
    );
}

#[test]
fn no_common_language_needs_an_interpreter() {
    let s = summit(
        vec![
            seller("S1", &["wine"], &[], &[], &["en"]),
            seller("S2", &["wine"], &[], &[], &["en", "zh"]),
        ],
        vec![buyer("B1", &["红酒"], &[], &[], &["zh"], "importer")],
    );
    let m = Matcher::new(&s, taxonomy());
    let english_only = m.candidate(&s, 0, 0);
    let bilingual = m.candidate(&s, 1, 0);
    assert!(english_only.interpreter && !bilingual.interpreter);
    assert!(english_only.score < bilingual.score);
    assert!(
        english_only
            .reasons
            .iter()
            .any(|r| r.starts_with("interpreter needed (en / zh)"))
    );
}

#[test]
fn buyer_type_fit_prefers_what_the_business_buys() {
    let s = summit(
        vec![
            seller("S1", &["wine"], &[], &[], &["en"]),
            seller("S2", &["multivitamins"], &[], &[], &["en"]),
        ],
        vec![buyer(
            "B1",
            &["wine", "vitamins"],
            &[],
            &[],
            &["en"],
            "hotel group",
        )],
    );
    let m = Matcher::new(&s, taxonomy());
    let top = m.top_sellers(&s, 0, 2);
    assert_eq!(
        top[0].seller, 0,
        "a hotel group buys wine before vitamins: {top:?}"
    );
    assert!(
        top[1]
            .reasons
            .iter()
            .any(|r| r == "unusual for a hotel group"),
        "{:?}",
        top[1].reasons
    );
}

/// Demo buyers and, for each, words one of which every top-5 seller's
/// categories must contain; checked by reading `matchslate rank` output.
const DEMO_TOP5: &[(&str, &[&str])] = &[
    (
        "B001",
        &["cherr", "fruit", "berr", "nut", "walnut", "almond"],
    ),
    ("B003", &["beef", "lobster", "wine", "steak"]),
    (
        "B005",
        &[
            "ginseng",
            "supplement",
            "vitamin",
            "nutraceutical",
            "sea cucumber",
            "elderberry",
        ],
    ),
    (
        "B006",
        &["sea cucumber", "geoduck", "crab", "lobster", "scallop"],
    ),
    ("B010", &["ginseng", "sea cucumber", "geoduck", "scallop"]),
    ("B017", &["beer", "cider", "whisk", "bourbon", "moonshine"]),
    ("B018", &["pet", "cat", "dog"]),
    (
        "B020",
        &["skin", "cosmetic", "mask", "sun", "shampoo", "hair"],
    ),
    ("B027", &["lobster", "crab", "geoduck", "oyster"]),
    (
        "B031",
        &["skin", "mask", "sun", "shampoo", "cosmetic", "hair"],
    ),
    (
        "B037",
        &[
            "pecan",
            "macadamia",
            "pistachio",
            "almond",
            "nut",
            "cranberr",
        ],
    ),
    (
        "B040",
        &["salmon", "pollock", "cod", "shrimp", "scallop", "geoduck"],
    ),
    ("B044", &["lobster", "crab", "geoduck", "scallop"]),
    (
        "B049",
        &["cheese", "butter", "milk", "whey", "dairy", "goat"],
    ),
];

#[test]
fn the_demo_top_five_are_relevant() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let prepared = prepare(&demo).expect("the demo loads");
    let mut problems = Vec::new();
    for (buyer_id, words) in DEMO_TOP5 {
        let buyer = prepared.buyer_index(buyer_id).expect("demo buyer");
        for c in prepared.candidates_for_buyer(buyer, 5) {
            let s = &prepared.summit.sellers[c.seller];
            let text = s.categories.join(" ").to_lowercase();
            if !words.iter().any(|w| text.contains(w)) {
                problems.push(format!("{buyer_id}: {} ({}) is not relevant", s.id, text));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Every buyer, including those writing only Chinese or only HS codes,
    // gets at least five candidates with reasons.
    for b in 0..prepared.summit.buyers.len() {
        let top = prepared.candidates_for_buyer(b, 5);
        assert_eq!(top.len(), 5, "{}", prepared.summit.buyers[b].id);
        assert!(
            top.iter().all(|c| !c.reasons.is_empty() && c.score >= 40.0),
            "{}",
            prepared.summit.buyers[b].id
        );
    }
}

//! The indexed top-K ranking equals scoring every pair, on random summits;
//! scores stay in [0, 100]; ranking is deterministic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use jiff::civil::{date, time};
use matchslate::matching::Matcher;
use matchslate::model::{Buyer, Event, EventDay, Seller, Summit};
use matchslate::taxonomy;
use proptest::prelude::*;

const TERMS: &[&str] = &[
    "fresh cherries",
    "cherrys",
    "车厘子",
    "樱桃",
    "apples",
    "苹果",
    "blueberries",
    "蓝莓",
    "almonds",
    "巴旦木",
    "pistachio nuts",
    "开心果",
    "pistacios",
    "walnuts",
    "tree nuts",
    "坚果",
    "nuts",
    "wine",
    "red wine",
    "红酒",
    "Cabernet Sauvignon",
    "cab sauv",
    "bourbon",
    "威士忌",
    "craft beer",
    "精酿啤酒",
    "beef",
    "牛肉",
    "牛排",
    "pork",
    "lobster",
    "龙虾",
    "salmon",
    "三文鱼",
    "seafood",
    "海鲜",
    "infant formula",
    "奶粉",
    "ginseng",
    "花旗参",
    "ginsing root",
    "supplements",
    "保健品",
    "suppliments",
    "skincare",
    "护肤品",
    "pet food",
    "猫粮",
    "honey",
    "蜂蜜",
    "maple syrup",
    "sorghum",
    "高粱",
    "soybeans",
    "flux capacitors",
    "widget polish",
    "fresh fruit",
    "进口水果",
];
const HS: &[&str] = &[
    "08",
    "0809",
    "0809.29",
    "0802.12",
    "2204.21",
    "2208.30",
    "0306",
    "1211.20",
    "2106.90",
    "12",
    "1201.90",
    // Codes past six digits, alike in their first six and not: the bound
    // reads only six digits of a code and must still equal scoring.
    "0809.29.0010",
    "0809.29.0090",
    "0809.21",
    "2204.21.50",
];
// "USDA Organic Certified" meets both "USDA Organic" and "Organic".
const CERTS: &[&str] = &[
    "USDA Organic",
    "MSC",
    "Halal",
    "GMP",
    "Organic",
    "USDA Organic Certified",
];
const LANGS: &[&str] = &["en", "zh", "es"];
const TYPES: &[&str] = &[
    "importer",
    "hotel group",
    "cross-border e-commerce",
    "supermarket chain",
    "florist",
    "",
];

fn pick<'a>(list: &'a [&'a str], picks: &[usize]) -> Vec<String> {
    let mut out: Vec<String> = picks
        .iter()
        .map(|&i| list[i % list.len()].to_string())
        .collect();
    out.dedup();
    out
}

#[derive(Debug, Clone)]
struct Spec {
    terms: Vec<usize>,
    hs: Vec<usize>,
    certs: Vec<usize>,
    langs: Vec<usize>,
    kind: usize,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        // Up to six terms: classes with more category hits than a posting
        // entry carries are bounded from their own record.
        prop::collection::vec(0..TERMS.len(), 0..7),
        prop::collection::vec(0..HS.len(), 0..3),
        prop::collection::vec(0..CERTS.len(), 0..3),
        prop::collection::vec(0..LANGS.len(), 1..3),
        0..TYPES.len(),
    )
        .prop_map(|(terms, hs, certs, langs, kind)| Spec {
            terms,
            hs,
            certs,
            langs,
            kind,
        })
}

fn summit(sellers: &[Spec], buyers: &[Spec]) -> Summit {
    let event = Event {
        name: "t".into(),
        venue: String::new(),
        timezone: "America/Los_Angeles".into(),
        days: vec![EventDay {
            date: date(2017, 10, 11),
            start: time(9, 0, 0, 0),
            end: time(10, 0, 0, 0),
            breaks: vec![],
        }],
        slot_minutes: 20,
        tables: 2,
        interpreters: 1,
        default_max_meetings: 4,
    };
    // Ids in reverse order of position, so id order and index order differ.
    let n = sellers.len();
    Summit {
        slots: matchslate::load::expand_slots(&event),
        event,
        sellers: sellers
            .iter()
            .enumerate()
            .map(|(i, s)| Seller {
                id: format!("S{:03}", n - i),
                company: format!("Seller {i}"),
                categories: pick(TERMS, &s.terms),
                hs_codes: pick(HS, &s.hs),
                certifications: pick(CERTS, &s.certs),
                languages: pick(LANGS, &s.langs),
                max_meetings: 4,
                ..Seller::default()
            })
            .collect(),
        buyers: buyers
            .iter()
            .enumerate()
            .map(|(i, b)| Buyer {
                id: format!("B{i:03}"),
                company: format!("Buyer {i}"),
                interests: pick(TERMS, &b.terms),
                hs_codes: pick(HS, &b.hs),
                required_certifications: pick(CERTS, &b.certs),
                languages: pick(LANGS, &b.langs),
                buyer_type: TYPES[b.kind].to_string(),
                max_meetings: 4,
                ..Buyer::default()
            })
            .collect(),
    }
}

fn matcher(summit: &Summit) -> Matcher {
    Matcher::new(summit, taxonomy::built_in().expect("built-in taxonomy"))
}

/// Indexed and exhaustive top `k`, both ways, compared pair by pair with
/// the whole score breakdown.
fn same_as_exhaustive(summit: &Summit, k: usize) -> Result<(), TestCaseError> {
    let m = matcher(summit);
    let mut seen = m.seen_sellers();
    for b in 0..summit.buyers.len() {
        let fast: Vec<_> = (m.top_sellers_scored(b, k, &mut seen).iter())
            .map(|s| (s.other, s.breakdown))
            .collect();
        let slow: Vec<_> = (m.top_sellers_exhaustive(b, k).iter())
            .map(|s| (s.other, s.breakdown))
            .collect();
        prop_assert_eq!(fast, slow, "buyer {}", b);
    }
    let mut seen = m.seen_buyers();
    for s in 0..summit.sellers.len() {
        let fast: Vec<_> = (m.top_buyers_scored(s, k, &mut seen).iter())
            .map(|x| (x.other, x.breakdown))
            .collect();
        let slow: Vec<_> = (m.top_buyers_exhaustive(s, k).iter())
            .map(|x| (x.other, x.breakdown))
            .collect();
        prop_assert_eq!(fast, slow, "seller {}", s);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn indexed_ranking_equals_exhaustive_scoring(
        sellers in prop::collection::vec(spec(), 1..40),
        buyers in prop::collection::vec(spec(), 1..12),
        k in 1usize..8,
    ) {
        same_as_exhaustive(&summit(&sellers, &buyers), k)?;
    }

    /// Sellers that score alike are ranked as a class: many copies of a
    /// few sellers (some listing their categories in another order) still
    /// rank exactly as scoring each one does, reasons' evidence included.
    #[test]
    fn alike_sellers_rank_as_if_scored_one_by_one(
        kinds in prop::collection::vec((spec(), 1usize..7), 1..8),
        buyers in prop::collection::vec(spec(), 1..10),
        k in 1usize..12,
    ) {
        let mut sellers = Vec::new();
        for (kind, copies) in kinds {
            for copy in 0..copies {
                let mut seller = kind.clone();
                if copy % 2 == 1 {
                    seller.terms.reverse();
                }
                sellers.push(seller);
            }
        }
        same_as_exhaustive(&summit(&sellers, &buyers), k)?;
    }

    #[test]
    fn scores_are_bounded_and_stable(
        sellers in prop::collection::vec(spec(), 1..15),
        buyers in prop::collection::vec(spec(), 1..6),
    ) {
        let summit = summit(&sellers, &buyers);
        let m = matcher(&summit);
        let again = matcher(&summit);
        for s in 0..summit.sellers.len() {
            for b in 0..summit.buyers.len() {
                let d = m.evaluate(s, b);
                prop_assert!((0.0..=100.0).contains(&d.score), "score {}", d.score);
                prop_assert_eq!(d, again.evaluate(s, b));
                if d.topical <= 0.0 {
                    prop_assert_eq!(d.score, 0.0);
                }
            }
        }
        // Ranking twice gives the same order.
        let first: Vec<_> = m.rank_all_buyers(5).iter().map(|v| v.iter().map(|s| s.other).collect::<Vec<_>>()).collect();
        let second: Vec<_> = again.rank_all_buyers(5).iter().map(|v| v.iter().map(|s| s.other).collect::<Vec<_>>()).collect();
        prop_assert_eq!(first, second);
    }
}

fn same_spec(term: usize) -> Spec {
    Spec {
        terms: vec![term],
        hs: vec![],
        certs: vec![],
        langs: vec![0],
        kind: 0,
    }
}

/// Each buyer's top `k` seller ids.
fn top_ids(m: &Matcher, summit: &Summit, k: usize) -> Vec<Vec<String>> {
    (0..summit.buyers.len())
        .map(|b| {
            m.top_sellers(summit, b, k)
                .iter()
                .map(|c| summit.sellers[c.seller].id.clone())
                .collect()
        })
        .collect()
}

#[test]
fn equal_scores_follow_a_seeded_shuffle_not_ids_or_file_order() {
    let summit = summit(&vec![same_spec(0); 40], &vec![same_spec(2); 20]);
    let m = matcher(&summit);
    let tops = top_ids(&m, &summit, 3);
    for b in 0..summit.buyers.len() {
        let top = m.top_sellers(&summit, b, 3);
        assert_eq!(top.len(), 3);
        assert!(top.windows(2).all(|w| w[0].score == w[1].score));
    }
    // Neither the lowest ids (S001..) nor the first in the file (S040..)
    // take the first places: they spread over the tied sellers.
    let firsts: std::collections::BTreeSet<&String> = tops.iter().map(|t| &t[0]).collect();
    assert!(firsts.len() >= 8, "first places: {firsts:?}");
    assert!(tops.iter().any(|t| t[0] != "S001" && t[0] != "S040"));

    // The same sellers listed in another order rank the same, by id.
    let mut shuffled = summit.clone();
    shuffled.sellers.reverse();
    shuffled.sellers.swap(3, 17);
    assert_eq!(top_ids(&matcher(&shuffled), &shuffled, 3), tops);

    // Another seed, another order; the same seed, the same order.
    let mut reseeded = matcher(&summit);
    reseeded.set_tie_seed(99);
    assert_ne!(top_ids(&reseeded, &summit, 3), tops);
    assert_eq!(top_ids(&matcher(&summit), &summit, 3), tops);
}

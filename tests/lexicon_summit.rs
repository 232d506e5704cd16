//! A hand-labelled summit beyond food: apparel, cosmetics, bags, furniture,
//! toys, tools, sporting goods and pet goods. US sellers write English;
//! Chinese buyers write their interests as they would on a form, in
//! Chinese. Each buyer's right sellers are labelled by hand, and every
//! buyer has related-but-wrong distractors (wallets beside handbags, sofas
//! beside dining tables, cat litter beside dog food). The matcher must put
//! the right sellers first: precision of the top k (k = how many are right)
//! of at least 0.95 over all buyers.

use jiff::civil::{date, time};
use matchslate::matching::Matcher;
use matchslate::model::{Buyer, Event, EventDay, Seller, Summit};
use matchslate::taxonomy;

fn event() -> Event {
    Event {
        name: "Beyond food".into(),
        venue: String::new(),
        timezone: "America/Los_Angeles".into(),
        days: vec![EventDay {
            date: date(2026, 5, 12),
            start: time(9, 0, 0, 0),
            end: time(12, 0, 0, 0),
            breaks: vec![],
        }],
        slot_minutes: 20,
        tables: 10,
        interpreters: 2,
        default_max_meetings: 6,
    }
}

/// (id, categories, keywords)
const SELLERS: &[(&str, &[&str], &[&str])] = &[
    ("S01", &["leather handbags", "tote bags"], &["full-grain"]),
    ("S02", &["leather wallets", "card holders"], &["full-grain"]),
    (
        "S03",
        &["travel luggage", "carry-on suitcases"],
        &["hard shell"],
    ),
    ("S04", &["women's dresses", "blouses"], &[]),
    ("S05", &["men's jeans", "denim jackets"], &["selvedge"]),
    ("S06", &["down jackets", "puffer coats"], &["goose down"]),
    ("S07", &["lipstick", "lip gloss"], &["vegan"]),
    ("S08", &["eyeshadow palettes", "mascara"], &["cruelty-free"]),
    ("S09", &["sheet masks", "face cream"], &["hyaluronic acid"]),
    ("S10", &["perfume", "cologne"], &[]),
    (
        "S11",
        &["solid wood dining tables", "dining chairs"],
        &["walnut"],
    ),
    ("S12", &["mattresses", "memory foam pillows"], &[]),
    ("S13", &["sofas", "recliners"], &["leather"]),
    ("S14", &["plush toys", "stuffed animals"], &[]),
    ("S15", &["building blocks", "STEM kits"], &["educational"]),
    ("S16", &["jigsaw puzzles", "board games"], &[]),
    (
        "S17",
        &["cordless drills", "impact drivers"],
        &["lithium-ion"],
    ),
    (
        "S18",
        &["wrenches", "screwdrivers", "socket sets"],
        &["chrome vanadium"],
    ),
    ("S19", &["golf clubs", "golf balls"], &[]),
    ("S20", &["camping tents", "sleeping bags"], &["ultralight"]),
    ("S21", &["fishing rods", "fishing reels"], &["carbon fiber"]),
    ("S22", &["basketballs", "soccer balls"], &[]),
    ("S23", &["dog food"], &["grain-free", "salmon"]),
    ("S24", &["cat litter"], &["clumping"]),
    ("S25", &["dog leashes", "pet collars"], &["nylon"]),
    ("S26", &["yoga mats", "dumbbells"], &[]),
    ("S27", &["finished leather", "cowhide leather"], &[]),
    ("S28", &["sunglasses"], &["polarized"]),
    ("S29", &["sneakers"], &["running"]),
    ("S30", &["cat food"], &["grain-free"]),
];

/// (id, interests as a Chinese buyer writes them, the right sellers)
const BUYERS: &[(&str, &[&str], &[&str])] = &[
    ("B01", &["真皮手提包", "女士手袋"], &["S01"]),
    ("B02", &["拉杆箱", "旅行箱"], &["S03"]),
    ("B03", &["连衣裙", "女装"], &["S04"]),
    ("B04", &["牛仔裤"], &["S05"]),
    ("B05", &["羽绒服"], &["S06"]),
    ("B06", &["口红", "唇彩"], &["S07"]),
    ("B07", &["眼影", "睫毛膏"], &["S08"]),
    ("B08", &["面膜", "面霜"], &["S09"]),
    ("B09", &["香水"], &["S10"]),
    ("B10", &["实木餐桌", "餐椅"], &["S11"]),
    ("B11", &["床垫"], &["S12"]),
    ("B12", &["毛绒玩具"], &["S14"]),
    ("B13", &["积木", "益智玩具"], &["S15"]),
    ("B14", &["拼图"], &["S16"]),
    ("B15", &["电钻", "电动工具"], &["S17"]),
    ("B16", &["扳手", "螺丝刀"], &["S18"]),
    ("B17", &["高尔夫球杆"], &["S19"]),
    ("B18", &["帐篷", "睡袋"], &["S20"]),
    ("B19", &["钓鱼竿", "渔具"], &["S21"]),
    ("B20", &["篮球", "足球"], &["S22"]),
    ("B21", &["狗粮"], &["S23"]),
    ("B22", &["猫砂"], &["S24"]),
    ("B23", &["狗绳", "宠物项圈"], &["S25"]),
    ("B24", &["瑜伽垫", "哑铃"], &["S26"]),
    ("B25", &["皮革"], &["S27"]),
    ("B26", &["太阳镜"], &["S28"]),
    ("B27", &["运动鞋"], &["S29"]),
    ("B28", &["钱包"], &["S02"]),
    ("B29", &["沙发"], &["S13"]),
    ("B30", &["猫粮"], &["S30"]),
];

fn summit() -> Summit {
    let strings = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let sellers = SELLERS
        .iter()
        .map(|(id, categories, keywords)| Seller {
            id: id.to_string(),
            company: format!("{id} LLC"),
            categories: strings(categories),
            keywords: strings(keywords),
            languages: strings(&["en"]),
            max_meetings: 6,
            ..Seller::default()
        })
        .collect();
    let buyers = BUYERS
        .iter()
        .map(|(id, interests, _)| Buyer {
            id: id.to_string(),
            company: format!("{id} 贸易有限公司"),
            interests: strings(interests),
            languages: strings(&["zh", "en"]),
            buyer_type: "importer".into(),
            max_meetings: 6,
            ..Buyer::default()
        })
        .collect();
    let event = event();
    Summit {
        slots: matchslate::load::expand_slots(&event),
        event,
        sellers,
        buyers,
    }
}

#[test]
fn the_right_sellers_come_first_beyond_food() {
    let s = summit();
    let m = Matcher::new(&s, taxonomy::built_in().unwrap());
    let (mut right, mut asked) = (0, 0);
    let mut misses = Vec::new();
    for (b, (id, interests, expected)) in BUYERS.iter().enumerate() {
        let top = m.top_sellers(&s, b, expected.len());
        let got: Vec<&str> = top
            .iter()
            .map(|c| s.sellers[c.seller].id.as_str())
            .collect();
        let hits = got.iter().filter(|g| expected.contains(g)).count();
        right += hits;
        asked += expected.len();
        if hits < expected.len() {
            let why: Vec<String> = top.iter().flat_map(|c| c.reasons.clone()).collect();
            misses.push(format!(
                "{id} {interests:?}: expected {expected:?}, got {got:?} {why:?}"
            ));
        }
    }
    let precision = right as f64 / asked as f64;
    assert!(
        precision >= 0.95,
        "precision {precision:.2}\n{}",
        misses.join("\n")
    );
}

#[test]
fn a_keyword_alone_never_makes_a_match() {
    // "grain-free" describes the dog food; a buyer of grain is not its match.
    let mut s = summit();
    s.buyers.truncate(1);
    s.buyers[0].interests = vec!["粮食".into(), "grain".into()];
    let m = Matcher::new(&s, taxonomy::built_in().unwrap());
    let top = m.top_sellers(&s, 0, 5);
    assert!(
        top.iter()
            .all(|c| !["S23", "S30"].contains(&s.sellers[c.seller].id.as_str())),
        "{top:?}"
    );
}

#[test]
fn reasons_name_the_layer_and_the_gloss() {
    let s = summit();
    let m = Matcher::new(&s, taxonomy::built_in().unwrap());
    let buyer = BUYERS.iter().position(|b| b.0 == "B25").unwrap();
    let top = m.top_sellers(&s, buyer, 1);
    let reasons = top[0].reasons.join(" | ");
    assert!(reasons.contains("皮革 = leather"), "{reasons}");
    assert!(reasons.contains("HS 41"), "{reasons}");
}

/// The README's example of each layer, as the matcher gives it.
#[test]
fn the_readme_examples_of_each_layer_hold() {
    let mut s = summit();
    s.sellers.truncate(2);
    s.sellers[0].categories = vec!["Cabernet Sauvignon".into(), "finished leather".into()];
    s.sellers[0].keywords.clear();
    s.sellers[1].categories = vec!["pinot noir".into()];
    s.sellers[1].keywords.clear();
    s.buyers.truncate(2);
    s.buyers[0].interests = vec!["赤霞珠".into()];
    s.buyers[1].interests = vec!["皮革".into()];
    let m = Matcher::new(&s, taxonomy::built_in().unwrap());
    let reasons = |seller: usize, buyer: usize| m.candidate(&s, seller, buyer).reasons;
    assert_eq!(
        reasons(0, 0)[0],
        "Cabernet Sauvignon ≈ 赤霞珠 (Cabernet Sauvignon, 1.00)"
    );
    assert_eq!(
        reasons(1, 0)[0],
        "pinot noir ≈ 赤霞珠 (Pinot Noir ~ Cabernet Sauvignon, related, 0.45)"
    );
    let leather = reasons(0, 1).join(" | ");
    assert!(
        leather.starts_with("finished leather ≈ HS 4107 Leather further prepared after tanning ≈ ")
            && leather
                .contains("皮革 = leather ≈ HS 4107 Leather further prepared after tanning ("),
        "{leather}"
    );
    let words = matchslate::matching::lexicon::segment("美国加州有机红酒进口");
    assert_eq!(words, ["美国", "加州", "有机", "红酒", "进口"]);
}

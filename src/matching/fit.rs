//! How well a category suits a type of buyer: hotel groups buy wine, beef
//! and seafood, not vitamins; cross-border e-commerce stores sell shelf-
//! stable packaged goods (supplements, skincare, formula, nuts) and rarely
//! fresh or frozen food that needs a cold chain; importers and distributors
//! take anything. Categories are recognised by words in their own or their
//! ancestors' ids and names, so a replaced taxonomy still gets sensible fit.

use crate::taxonomy::Taxonomy;

struct TypeProfile {
    names: &'static [&'static str],
    good: &'static [&'static str],
    poor: &'static [&'static str],
    /// Fit of categories neither good nor poor.
    neutral: f32,
}

const FOOD_SERVICE_GOOD: &[&str] = &[
    "wine", "spirit", "whisk", "bourbon", "beer", "cider", "meat", "beef", "pork", "lamb",
    "poultry", "seafood", "fish", "lobster", "crab", "oyster", "cheese", "dairy", "coffee", "tea",
    "oil", "sauce", "beverage", "juice",
];
const PACKAGED_GOOD: &[&str] = &[
    "supplement",
    "vitamin",
    "skin",
    "cosmetic",
    "beauty",
    "personal",
    "infant",
    "formula",
    "baby",
    "nut",
    "dried",
    "snack",
    "honey",
    "maple",
    "sweet",
    "ginseng",
    "herb",
    "pet",
    "wine",
    "coffee",
    "chocolate",
    "processed",
    "health",
];
const BULK_OR_FRESH: &[&str] = &[
    "fresh", "meat", "beef", "pork", "seafood", "live", "grain", "oilseed", "feed", "hay",
];
const NON_FOOD: &[&str] = &[
    "apparel",
    "outdoor",
    "home",
    "kitchen",
    "furniture",
    "sport",
    "footwear",
];
const RETAIL_GOOD: &[&str] = &[
    "fruit",
    "meat",
    "seafood",
    "dairy",
    "snack",
    "beverage",
    "processed",
    "nut",
    "wine",
    "beer",
    "honey",
    "sweet",
    "coffee",
    "baby",
    "pet",
    "juice",
];
const BULK: &[&str] = &[
    "grain", "oilseed", "soy", "sorghum", "feed", "hay", "wood", "timber",
];

const TYPES: &[TypeProfile] = &[
    TypeProfile {
        names: &[
            "hotel",
            "restaurant",
            "catering",
            "food service",
            "foodservice",
        ],
        good: FOOD_SERVICE_GOOD,
        poor: &[
            "supplement",
            "vitamin",
            "skin",
            "cosmetic",
            "beauty",
            "apparel",
            "pet",
            "baby",
            "grain",
            "oilseed",
            "outdoor",
        ],
        neutral: 0.5,
    },
    TypeProfile {
        names: &[
            "cross-border",
            "cross border",
            "e-commerce",
            "ecommerce",
            "online",
        ],
        good: PACKAGED_GOOD,
        poor: BULK_OR_FRESH,
        neutral: 0.6,
    },
    TypeProfile {
        names: &["supermarket", "retail", "grocery", "hypermarket"],
        good: RETAIL_GOOD,
        poor: BULK,
        neutral: 0.6,
    },
    TypeProfile {
        names: &["importer", "import", "distributor", "wholesale", "trading"],
        good: &[],
        poor: NON_FOOD,
        neutral: 1.0,
    },
];

/// Index of a buyer type in the fit table; 0 means unknown.
pub fn type_index(type_names: &[&'static str], buyer_type: &str) -> usize {
    let lower = buyer_type.to_lowercase();
    TYPES
        .iter()
        .position(|t| t.names.iter().any(|n| lower.contains(n)))
        .map_or(0, |i| i + 1)
        .min(type_names.len().saturating_sub(1))
}

/// The type names (index 0 = unknown) and the fit of every (type, node).
/// A node has a word when it or an ancestor names it; each node's own
/// words are read once and inherited down, so the work is linear in the
/// taxonomy's size however deep it is.
pub fn fit_table(taxonomy: &Taxonomy) -> (Vec<&'static str>, Vec<f32>) {
    let n = taxonomy.len();
    let mut names = vec!["unknown"];
    names.extend(TYPES.iter().map(|t| t.names[0]));
    let own: Vec<String> = taxonomy
        .categories
        .iter()
        .map(|c| format!("{} {}", c.id, c.name.to_lowercase()))
        .collect();
    let order = parents_first(taxonomy);
    let mut fit = vec![0.7; n];
    let mut good = vec![false; n];
    let mut poor = vec![false; n];
    for profile in TYPES {
        let has = |list: &[&str], text: &str| list.iter().any(|w| text.contains(w));
        for &node in &order {
            let (g, p) = taxonomy
                .parent(node)
                .map_or((false, false), |p| (good[p], poor[p]));
            good[node] = g || has(profile.good, &own[node]);
            poor[node] = p || has(profile.poor, &own[node]);
        }
        // "Good" wins over "poor": dried fruit is fine for an online
        // store even though fruit in general needs a cold chain.
        fit.extend((0..n).map(|node| {
            if good[node] {
                1.0
            } else if poor[node] {
                0.3
            } else {
                profile.neutral
            }
        }));
    }
    (names, fit)
}

/// Every node after its parent (the taxonomy is checked to have no cycles).
fn parents_first(taxonomy: &Taxonomy) -> Vec<usize> {
    let n = taxonomy.len();
    let mut children = vec![Vec::new(); n];
    let mut order = Vec::with_capacity(n);
    for (node, c) in taxonomy.categories.iter().enumerate() {
        match c.parent {
            Some(p) => children[p].push(node),
            None => order.push(node),
        }
    }
    let mut next = 0;
    while next < order.len() {
        let node = order[next];
        order.extend(children[node].iter().copied());
        next += 1;
    }
    order
}

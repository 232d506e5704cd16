//! Synthetic sellers and buyers: companies, products named the ways people
//! write them (English, Chinese, the odd typo), certifications, languages
//! and availability, each drawn from one random stream.

use rand::RngExt;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use super::names::{BRAND_WORDS, BUYER_TYPES, CITIES, STATE_WORDS};
use super::vocab::{PRODUCTS, Product};
use super::{DAY_ONE, DAY_TWO, Range};

#[derive(Serialize)]
pub(super) struct SellerOut {
    id: String,
    company: String,
    state: &'static str,
    categories: Vec<String>,
    keywords: Vec<&'static str>,
    hs_codes: Vec<&'static str>,
    certifications: Vec<&'static str>,
    languages: Vec<&'static str>,
    max_meetings: u32,
    available: Vec<Range>,
}

#[derive(Serialize)]
pub(super) struct BuyerOut {
    id: String,
    company: String,
    company_zh: String,
    city: &'static str,
    buyer_type: &'static str,
    interests: Vec<String>,
    hs_codes: Vec<&'static str>,
    required_certifications: Vec<&'static str>,
    languages: Vec<&'static str>,
    max_meetings: u32,
    available: Vec<Range>,
}

/// Most people are there all event; the rest leave early or come late.
fn availability(rng: &mut ChaCha8Rng) -> Vec<Range> {
    match rng.random_range(0..10) {
        0 => vec![Range {
            date: Some(DAY_ONE),
            from: "09:00",
            to: "17:00",
        }],
        1 => vec![Range {
            date: Some(DAY_TWO),
            from: "09:00",
            to: "15:00",
        }],
        2 => vec![
            Range {
                date: Some(DAY_ONE),
                from: "09:00",
                to: "12:00",
            },
            Range {
                date: Some(DAY_TWO),
                from: "09:00",
                to: "12:00",
            },
        ],
        _ => vec![],
    }
}

/// A typo of the kind people make in forms: a dropped, doubled or swapped letter.
fn misspell(word: &str, rng: &mut ChaCha8Rng) -> String {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < 5 {
        return word.to_string();
    }
    let at = rng.random_range(1..chars.len() - 2);
    let mut out = chars.clone();
    match rng.random_range(0..3) {
        0 => {
            out.remove(at);
        }
        1 => out.insert(at, chars[at]),
        _ => out.swap(at, at + 1),
    }
    out.into_iter().collect()
}

fn pick<'a, T>(items: &'a [T], rng: &mut ChaCha8Rng) -> &'a T {
    // Every list in `vocab` is non-empty, so `choose` always succeeds.
    items.choose(rng).unwrap_or(&items[0])
}

fn products(rng: &mut ChaCha8Rng) -> Vec<&'static Product> {
    let first = pick(PRODUCTS, rng);
    let mut chosen = vec![first];
    if rng.random_bool(0.45) {
        let second = pick(PRODUCTS, rng);
        if !std::ptr::eq(second, first) {
            chosen.push(second);
        }
    }
    chosen
}

pub(super) fn seller(index: usize, rng: &mut ChaCha8Rng) -> SellerOut {
    let chosen = products(rng);
    let main = chosen[0];
    let categories = chosen
        .iter()
        .map(|p| {
            let name = *pick(p.english, rng);
            if rng.random_bool(0.06) {
                misspell(name, rng)
            } else {
                name.to_string()
            }
        })
        .collect();
    let mut certifications: Vec<&'static str> = Vec::new();
    if !main.certifications.is_empty() && rng.random_bool(0.5) {
        certifications.push(*pick(main.certifications, rng));
    }
    if rng.random_bool(0.2) {
        certifications.push(*pick(
            &["FDA Registered", "Kosher", "HACCP", "USDA Organic"],
            rng,
        ));
    }
    certifications.dedup();
    let languages = if rng.random_bool(0.12) {
        vec!["en", "zh"]
    } else {
        vec!["en"]
    };
    SellerOut {
        id: format!("S{:06}", index + 1),
        company: format!("{} {}", pick(STATE_WORDS, rng), pick(main.trades, rng)),
        state: pick::<&'static str>(main.states, rng),
        categories,
        keywords: vec![*pick(
            &[
                "private label",
                "cold chain",
                "bulk",
                "retail packs",
                "family owned",
                "export ready",
            ],
            rng,
        )],
        hs_codes: if rng.random_bool(0.6) {
            vec![main.hs]
        } else {
            vec![]
        },
        certifications,
        languages,
        max_meetings: rng.random_range(4..=10),
        available: availability(rng),
    }
}

pub(super) fn buyer(index: usize, rng: &mut ChaCha8Rng) -> BuyerOut {
    let &(city, city_zh) = pick(CITIES, rng);
    let &(buyer_type, type_en, type_zh) = pick(BUYER_TYPES, rng);
    let &(brand, brand_zh) = pick(BRAND_WORDS, rng);
    let wanted: Vec<&Product> = (0..rng.random_range(2..=4))
        .map(|_| pick(PRODUCTS, rng))
        .collect();
    // About 40% write only in Chinese, the rest mix or write English.
    let chinese_share = match rng.random_range(0..10) {
        0..=3 => 1.0,
        4..=6 => 0.5,
        _ => 0.0,
    };
    let mut interests: Vec<String> = Vec::new();
    for product in &wanted {
        let term = if rng.random_bool(chinese_share) {
            pick(product.chinese, rng).to_string()
        } else {
            pick(product.english, rng).to_string()
        };
        if !interests.contains(&term) {
            interests.push(term);
        }
    }
    let hs_only = rng.random_bool(0.03);
    let hs_codes = if hs_only || rng.random_bool(0.25) {
        let mut codes: Vec<&'static str> = wanted.iter().map(|p| p.hs).take(2).collect();
        codes.dedup();
        codes
    } else {
        vec![]
    };
    let required_certifications = if rng.random_bool(0.1) {
        vec![*pick(
            &["USDA Organic", "Halal", "MSC", "CNCA registration", "GMP"],
            rng,
        )]
    } else {
        vec![]
    };
    let languages = if rng.random_bool(0.25) {
        vec!["zh", "en"]
    } else {
        vec!["zh"]
    };
    BuyerOut {
        id: format!("B{:05}", index + 1),
        company: format!("{city} {brand} {type_en}"),
        company_zh: format!("{city_zh}{brand_zh}{type_zh}"),
        city,
        buyer_type,
        interests: if hs_only { vec![] } else { interests },
        hs_codes,
        required_certifications,
        languages,
        max_meetings: rng.random_range(6..=12),
        available: availability(rng),
    }
}

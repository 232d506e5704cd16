//! Synthetic but realistic summits, deterministic for a seed, for demos,
//! tests and benchmarks at scale (a million sellers in well under a minute).
//!
//! Participants are generated in fixed-size chunks, each with its own
//! random stream derived from the seed and the chunk number, so the output
//! does not depend on how many threads rayon uses.

mod names;
pub mod vocab;

use std::path::{Path, PathBuf};

use rand::seq::IndexedRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde::Serialize;

use names::{BRAND_WORDS, BUYER_TYPES, CITIES, STATE_WORDS};
use vocab::{PRODUCTS, Product};

const CHUNK: usize = 4096;

#[derive(Debug, Clone, Copy)]
pub struct GenerateOptions {
    pub sellers: usize,
    pub buyers: usize,
    pub seed: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error(transparent)]
    Export(#[from] crate::export::ExportError),
    #[error("cannot encode {path}: {source}")]
    Encode {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error(
        "{} already holds a summit ({}); choose an empty folder, or pass --force to replace its \
         event.json, sellers.json and buyers.json",
        dir.display(),
        found.join(", ")
    )]
    WouldReplace { dir: PathBuf, found: Vec<String> },
}

/// Files whose presence means a folder holds a summit someone may need.
/// The decision database is not in [`generate_replacing`]'s way (it is never
/// written here) but still marks a real summit.
const SUMMIT_FILES: [&str; 4] = ["event.json", "sellers.json", "buyers.json", "matchslate.db"];

#[derive(Serialize)]
struct Range {
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'static str>,
    from: &'static str,
    to: &'static str,
}

#[derive(Serialize)]
struct Day {
    date: &'static str,
    start: &'static str,
    end: &'static str,
    breaks: Vec<Range>,
}

#[derive(Serialize)]
struct EventOut {
    name: String,
    venue: &'static str,
    timezone: &'static str,
    days: Vec<Day>,
    slot_minutes: u32,
    tables: u32,
    interpreters: u32,
    default_max_meetings: u32,
}

#[derive(Serialize)]
struct SellerOut {
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
struct BuyerOut {
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

const DAY_ONE: &str = "2017-10-11";
const DAY_TWO: &str = "2017-10-12";

fn event(options: &GenerateOptions) -> EventOut {
    // Enough tables that most buyers can meet at once, as at a real summit.
    let tables = (options.buyers as u32 * 3 / 10).clamp(5, 500);
    EventOut {
        name: format!("Synthetic summit (seed {})", options.seed),
        venue: "Los Angeles",
        timezone: "America/Los_Angeles",
        days: vec![
            Day {
                date: DAY_ONE,
                start: "09:00",
                end: "17:00",
                breaks: vec![Range {
                    date: None,
                    from: "12:00",
                    to: "13:00",
                }],
            },
            Day {
                date: DAY_TWO,
                start: "09:00",
                end: "15:00",
                breaks: vec![],
            },
        ],
        slot_minutes: 20,
        tables,
        interpreters: (tables / 8).max(1),
        default_max_meetings: 8,
    }
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

fn seller(index: usize, rng: &mut ChaCha8Rng) -> SellerOut {
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

fn buyer(index: usize, rng: &mut ChaCha8Rng) -> BuyerOut {
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

/// Writes `items` as a JSON array, one per line, generating and encoding
/// chunks in parallel; each chunk's stream depends only on the seed and the
/// chunk number, so the output does not depend on the thread count.
fn write_array<T: Serialize + Send>(
    path: &Path,
    count: usize,
    seed: u64,
    make: impl Fn(usize, &mut ChaCha8Rng) -> T + Sync,
) -> Result<(), GenerateError> {
    let chunks = count.div_ceil(CHUNK);
    // Encode a bounded window of chunks at a time to keep memory flat.
    let window = rayon::current_num_threads().max(1) * 4;
    crate::export::write_atomic_with(path, |out| {
        out.write_all(b"[\n")?;
        for first in (0..chunks).step_by(window) {
            let encoded: Result<Vec<Vec<u8>>, serde_json::Error> = (first
                ..(first + window).min(chunks))
                .into_par_iter()
                .map(|chunk| {
                    let mut rng = ChaCha8Rng::seed_from_u64(
                        seed ^ (chunk as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15),
                    );
                    let mut buf = Vec::with_capacity(CHUNK * 400);
                    for index in chunk * CHUNK..((chunk + 1) * CHUNK).min(count) {
                        if index > 0 {
                            buf.extend_from_slice(b",\n");
                        }
                        buf.extend_from_slice(b"  ");
                        serde_json::to_writer(&mut buf, &make(index, &mut rng))?;
                    }
                    Ok(buf)
                })
                .collect();
            for buf in encoded? {
                out.write_all(&buf)?;
            }
        }
        out.write_all(b"\n]\n")
    })?;
    Ok(())
}

/// Writes `event.json`, `sellers.json` and `buyers.json` into `out`, which
/// must not hold a summit already (see [`GenerateError::WouldReplace`]).
pub fn generate(out: &Path, options: &GenerateOptions) -> Result<(), GenerateError> {
    let found: Vec<String> = SUMMIT_FILES
        .iter()
        .filter(|name| std::fs::symlink_metadata(out.join(name)).is_ok())
        .map(|name| name.to_string())
        .collect();
    if !found.is_empty() {
        return Err(GenerateError::WouldReplace {
            dir: out.to_path_buf(),
            found,
        });
    }
    generate_replacing(out, options)
}

/// Like [`generate`], replacing the three files of a summit already in
/// `out` (the `--force` of `matchslate generate`).
pub fn generate_replacing(out: &Path, options: &GenerateOptions) -> Result<(), GenerateError> {
    std::fs::create_dir_all(out).map_err(|io| crate::export::ExportError::CreateDir {
        path: out.to_path_buf(),
        io,
    })?;
    let event_path = out.join("event.json");
    let event_json =
        serde_json::to_vec_pretty(&event(options)).map_err(|source| GenerateError::Encode {
            path: event_path.clone(),
            source,
        })?;
    crate::export::write_atomic(&event_path, &event_json)?;
    write_array(
        &out.join("sellers.json"),
        options.sellers,
        options.seed,
        seller,
    )?;
    write_array(
        &out.join("buyers.json"),
        options.buyers,
        options.seed.rotate_left(17) ^ 0xB0B,
        buyer,
    )
}

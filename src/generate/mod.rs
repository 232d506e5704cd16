//! Synthetic but realistic summits, deterministic for a seed, for demos,
//! tests and benchmarks at scale (a million sellers in well under a minute).
//!
//! Participants are generated in fixed-size chunks, each with its own
//! random stream derived from the seed and the chunk number, so the output
//! does not depend on how many threads rayon uses.

mod names;
mod participants;
mod slate;
pub mod vocab;

use std::path::{Path, PathBuf};

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde::Serialize;

use participants::{buyer, seller};
pub use slate::full_slate;

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

//! Where the time of opening a summit goes, step by step, for
//! `benches/scale.sh`: load (read, parse, check), taxonomy, the matcher's
//! profiles, the unmapped-term list, both ranking indexes, the store.
//! The desk's `summit::OpenSummit::open` runs these same steps.
//! Usage: cargo run --release --example open_split -- DIR
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::time::Instant;

use matchslate::matching::Matcher;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// This process's CPU time so far (user + system, all threads), in
/// seconds, from /proc (Linux); 0 elsewhere. On a shared machine CPU time
/// says more than wall time.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name (which may hold spaces): utime and
    // stime are the 12th and 13th, in clock ticks (100 per second).
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

fn step<T>(name: &str, run: impl FnOnce() -> T) -> T {
    let (start, cpu) = (Instant::now(), cpu_seconds());
    let out = run();
    println!(
        "  {name:<18} {:>7.2} s wall {:>7.2} s CPU",
        start.elapsed().as_secs_f64(),
        cpu_seconds() - cpu
    );
    out
}

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("usage: open_split DIR"));
    let all = Instant::now();
    let loaded = step("load", || matchslate::load::load_summit(&dir));
    let summit = loaded.summit.expect("the summit has errors: run validate");
    let (taxonomy, _) = step("taxonomy", || matchslate::taxonomy::load_taxonomy(&dir));
    let taxonomy = taxonomy.expect("the taxonomy has errors");
    let matcher = step("matcher profiles", || Matcher::new(&summit, taxonomy));
    let unmapped = step("unmapped terms", || matcher.unmapped(&summit));
    step("ranking indexes", || matcher.build_indexes());
    let db = std::env::temp_dir().join(format!("open_split_{}.db", std::process::id()));
    step("store", || {
        matchslate::store::Store::open_for_event(&db, &summit.slots).unwrap()
    });
    let _ = std::fs::remove_file(&db);
    println!(
        "  {:<18} {:>7.2} s wall {:>7.2} s CPU ({} unmapped terms)",
        "total",
        all.elapsed().as_secs_f64(),
        cpu_seconds(),
        unmapped.len()
    );
    // As the desk and validate do: the process ends, the OS frees it all.
    std::mem::forget((summit, matcher));
}

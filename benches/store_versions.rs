//! Slate versions in the store: saving a 20,000-meeting version, opening a
//! store that holds 50 such versions (against an empty one), reading the
//! latest version back, and diffing two 20,000-meeting versions.
//!
//! Run with `cargo bench --bench store_versions`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::{date, time};
use matchslate::model::MeetingStatus;
use matchslate::store::{Figures, NewVersion, Origin, Store, VersionMeeting, diff};

const MEETINGS: usize = 20_000;

/// 20,000 meetings over 24 slots and 500 tables; `shift` moves every
/// meeting a few slots, and a tenth of them change partner.
fn slate(shift: usize) -> Vec<VersionMeeting> {
    (0..MEETINGS)
        .map(|i| {
            let slot = (i / 500 + shift) % 24;
            let buyer = if i % 10 == 0 { i + shift } else { i } % 2000;
            VersionMeeting {
                seller_id: format!("S{i:06}"),
                buyer_id: format!("B{buyer:05}"),
                date: date(2026, 5, 12),
                start: time(9, 0, 0, 0) + jiff::SignedDuration::from_mins(20 * slot as i64),
                end: time(9, 20, 0, 0) + jiff::SignedDuration::from_mins(20 * slot as i64),
                table: (i % 500) as u32,
                score: 55.0,
                interpreter: i % 7 == 0,
                status: MeetingStatus::Proposed,
            }
        })
        .collect()
}

fn save(store: &Store, meetings: &[VersionMeeting]) {
    let params = serde_json::json!({ "min_score": 40.0 });
    store
        .save_version(&NewVersion {
            meetings,
            params: &params,
            seed: 0,
            figures: &Figures::default(),
            log_position: 0,
            staff: "bench",
            origin: Origin::Schedule,
        })
        .expect("save");
}

fn versions(c: &mut Criterion) {
    let mut group = c.benchmark_group("store_versions");
    group.sample_size(10);
    let a = slate(0);
    let b = slate(3);

    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("matchslate.db");
    let store = Store::open(&path).expect("open");
    group.bench_function("save a 20,000-meeting version", |bench| {
        bench.iter(|| save(&store, black_box(&a)));
    });
    drop(store);

    let empty_dir = tempfile::tempdir().expect("temp dir");
    let empty = empty_dir.path().join("matchslate.db");
    drop(Store::open(&empty).expect("create"));
    group.bench_function("open a store with no versions", |bench| {
        bench.iter(|| Store::open(black_box(&empty)).expect("open"));
    });

    let full_dir = tempfile::tempdir().expect("temp dir");
    let full = full_dir.path().join("matchslate.db");
    {
        let store = Store::open(&full).expect("create");
        for v in 0..50 {
            save(&store, &slate(v));
        }
    }
    group.bench_function("open a store with 50 versions", |bench| {
        bench.iter(|| Store::open(black_box(&full)).expect("open"));
    });
    let store = Store::open(&full).expect("open");
    group.bench_function("read the latest of 50 versions", |bench| {
        bench.iter(|| {
            let latest = store.latest_version().expect("latest").expect("some");
            store.version_meetings(latest.number).expect("meetings")
        });
    });
    group.bench_function("diff two stored 20,000-meeting versions", |bench| {
        bench.iter(|| {
            let old = store.version_meetings(1).expect("v1");
            let new = store.version_meetings(4).expect("v4");
            diff(&old, &new)
        });
    });
    group.bench_function("diff two 20,000-meeting slates in memory", |bench| {
        bench.iter(|| diff(black_box(&a), black_box(&b)));
    });
    group.finish();
}

criterion_group!(benches, versions);
criterion_main!(benches);

//! Writing the whole `print/` folder (render every page, calendar and sheet,
//! then replace the folder) for the demo and for a generated 2,000 sellers ×
//! 500 buyers summit. Targets: under 1 s and under 5 s.
//!
//! Run with `cargo bench --bench print`. Scheduling happens once, before
//! timing; each summit's meeting count is printed first.
#![allow(clippy::expect_used)]

use std::hint::black_box;
use std::ops::ControlFlow;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use matchslate::export::print::{VersionStamp, write_print_folder};
use matchslate::generate::{GenerateOptions, generate};
use matchslate::model::Slate;
use matchslate::summit::{OpenSummit, SlateOptions, SummitOptions};

fn open_and_schedule(data: &Path, db: &Path) -> (OpenSummit, Slate) {
    let options = SummitOptions {
        data: data.to_path_buf(),
        db: Some(db.to_path_buf()),
        staff: "bench".into(),
    };
    let open = OpenSummit::open(&options).expect("the summit opens");
    let slate_options = SlateOptions {
        time_limit: Duration::from_secs(5),
        seed: 7,
        ..SlateOptions::default()
    };
    let scheduled = open.schedule(&slate_options, &mut |_| ControlFlow::Continue(()));
    let slate = scheduled.slate().clone();
    (open, slate)
}

fn printing(criterion: &mut Criterion) {
    let work = tempfile::tempdir().expect("a temporary folder");
    let big = work.path().join("big");
    let options = GenerateOptions {
        sellers: 2_000,
        buyers: 500,
        seed: 7,
    };
    generate(&big, &options).expect("the summit is generated");
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let stamp = VersionStamp {
        number: Some(1),
        published: false,
        exported_at: jiff::Timestamp::now(),
    };

    let mut group = criterion.benchmark_group("print");
    group.sample_size(10);
    for (name, data) in [("demo", demo.as_path()), ("2000x500", big.as_path())] {
        let db = work.path().join(format!("{name}.db"));
        let (open, slate) = open_and_schedule(data, &db);
        let input = open.prepared().print_input(&slate, stamp);
        println!(
            "{name}: {} sellers, {} buyers, {} meetings",
            open.summit().sellers.len(),
            open.summit().buyers.len(),
            slate.meetings.len()
        );
        let out = work.path().join(format!("out-{name}")).join("print");
        group.bench_function(format!("write print/ {name}"), |bench| {
            bench.iter(|| write_print_folder(black_box(&input), &out).expect("print/ is written"))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(20));
    targets = printing
}
criterion_main!(benches);

//! The demo summit scheduled, for the `print_*` tests (included with
//! `#[path]`; compiled on its own it is an empty test crate).
#![allow(dead_code, clippy::expect_used)]

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use matchslate::export::print::{PrintInput, VersionStamp};
use matchslate::model::Slate;
use matchslate::summit::{OpenSummit, SlateOptions, SummitOptions};

pub fn demo_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// The demo summit opened on a fresh decision log in `db_dir`, and its slate.
pub fn demo(db_dir: &Path) -> (OpenSummit, Slate) {
    let options = SummitOptions {
        data: demo_dir(),
        db: Some(db_dir.join("test.db")),
        staff: "test".into(),
    };
    let open = OpenSummit::open(&options).expect("the demo opens");
    let scheduled = open.schedule(&SlateOptions::default(), &mut |_| ControlFlow::Continue(()));
    let slate = scheduled.slate().clone();
    (open, slate)
}

/// A fixed stamp, so pages are the same on every run.
pub fn stamp() -> VersionStamp {
    VersionStamp {
        number: Some(3),
        published: true,
        exported_at: "2017-10-09T17:30:00Z".parse().expect("a valid timestamp"),
    }
}

/// The print folder's input, built by the summit use case.
pub fn input<'a>(open: &'a OpenSummit, slate: &'a Slate) -> PrintInput<'a> {
    open.prepared().print_input(slate, stamp())
}

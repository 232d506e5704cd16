//! The print folder written from the demo summit: its files, the pages'
//! content and escaping.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/print_fixture.rs"]
mod fixture;

use matchslate::export::print::write_print_folder;

#[test]
fn writes_every_file() {
    let dir = tempfile::tempdir().unwrap();
    let (open, slate) = fixture::demo(dir.path());
    let input = fixture::input(&open, &slate);
    let out = dir.path().join("print");
    let written = write_print_folder(&input, &out).unwrap();
    assert_eq!(
        written.pages,
        open.summit().sellers.len() + open.summit().buyers.len()
    );
    for name in [
        "agendas.html",
        "tables.html",
        "interpreters.html",
        "checkin.html",
    ] {
        assert!(out.join(name).is_file(), "{name}");
    }
}

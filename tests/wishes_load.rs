#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Loading wishes: the JSON `wishes` object, `wishes.csv`, their merge, and
//! every broken form giving its exact place and message.

use std::path::{Path, PathBuf};

use matchslate::load::{Loaded, load_summit};
use matchslate::model::Wishes;

fn dir(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/wishes/{case}"))
}

/// Every problem as `file:line:col: severity: path: message`, with the
/// fixture folder cut off the file name.
fn problems(loaded: &Loaded, case: &str) -> Vec<String> {
    let prefix = format!("{}/", dir(case).display());
    loaded
        .problems
        .iter()
        .map(|p| {
            let text = p.to_string().replace(&prefix, "");
            text.lines().next().unwrap_or_default().to_string()
        })
        .collect()
}

fn wishes(meet: &[&str], avoid: &[&str]) -> Wishes {
    Wishes {
        meet: meet.iter().map(|s| s.to_string()).collect(),
        avoid: avoid.iter().map(|s| s.to_string()).collect(),
    }
}

#[test]
fn json_and_csv_wishes_merge_in_rank_order() {
    let loaded = load_summit(&dir("good"));
    assert_eq!(problems(&loaded, "good"), Vec::<String>::new());
    let summit = loaded.summit.expect("good data loads");
    let by_id = |id: &str| {
        let seller = summit
            .sellers
            .iter()
            .find(|s| s.id == id)
            .map(|s| &s.wishes);
        let buyer = summit.buyers.iter().find(|b| b.id == id).map(|b| &b.wishes);
        seller.or(buyer).cloned().unwrap()
    };
    // S001's B002 is in both the JSON and the CSV alike: counted once.
    assert_eq!(by_id("S001"), wishes(&["B002", "B001"], &["B003"]));
    assert_eq!(by_id("S002"), wishes(&["B002"], &[]));
    assert_eq!(by_id("S003"), Wishes::default());
    // B001: S001 from the JSON (rank 1), S002 from the CSV (rank 3).
    assert_eq!(by_id("B001"), wishes(&["S001", "S002"], &[]));
    assert_eq!(by_id("B002"), wishes(&["S002"], &["S003"]));
}

#[test]
fn broken_json_wishes_are_placed_exactly() {
    let loaded = load_summit(&dir("json-errors"));
    assert!(loaded.summit.is_none());
    assert_eq!(
        problems(&loaded, "json-errors"),
        [
            "sellers.json:6:34: error: [0].wishes.meet[1]: unknown buyer id \"B0003\"",
            "sellers.json:6:43: error: [0].wishes.meet[2]: \"S002\" is a seller: a seller's wishes name buyers",
            "sellers.json:6:51: error: [0].wishes.meet[3]: \"S001\" wishes about themselves",
            "sellers.json:6:59: error: [0].wishes.meet[4]: \"B002\" is listed twice (first at sellers.json:6:26)",
            "sellers.json:6:86: error: [0].wishes.avoid[0]: \"B001\" is in both meet and avoid (also at sellers.json:6:67)",
            "buyers.json:11:45: error: [1].wishes.avoid[0]: the id is empty",
            "buyers.json:11:58: warning: [1].wishes.must: unknown field `must` is ignored",
        ]
    );
    let hint = loaded.problems[0].hint.as_deref();
    assert_eq!(hint, Some("did you mean \"B003\"?"));
}

#[test]
fn broken_csv_rows_name_line_and_column() {
    let loaded = load_summit(&dir("csv-errors"));
    assert!(loaded.summit.is_none());
    assert_eq!(
        problems(&loaded, "csv-errors"),
        [
            "wishes.csv:2:1: error: from_id: unknown participant id \"S009\"",
            "wishes.csv:3:11: error: wish: expected meet or avoid, found \"must\"",
            "wishes.csv:4:16: error: rank: expected a rank of 1 or more for a meet wish, found \"first\"",
            "wishes.csv:5:17: warning: rank: rank \"2\" is ignored: avoid wishes are not ranked",
            "wishes.csv:6:6: error: to_id: unknown buyer id \"B004\"",
            "wishes.csv:7:6: error: to_id: \"B002\" is given as avoid here but as meet (rank 1) at sellers.json:6:26",
            "wishes.csv:8:6: error: to_id: rank 1 is already given to \"B002\" at sellers.json:6:26",
            "wishes.csv:10:6: error: to_id: \"B001\" is listed twice (first at wishes.csv:9:6)",
        ]
    );
}

#[test]
fn a_wrong_csv_header_stops_at_line_one() {
    let loaded = load_summit(&dir("csv-header"));
    assert_eq!(
        problems(&loaded, "csv-header"),
        [
            "wishes.csv:1:1: error: expected the header from_id,to_id,wish,rank, found \"from,to,wish,rank\""
        ]
    );
}

#[test]
fn meet_lists_past_max_wishes_warn_and_drop_the_last() {
    let loaded = load_summit(&dir("max-wishes"));
    assert_eq!(
        problems(&loaded, "max-wishes"),
        [
            "buyers.json:6:42: warning: [0].wishes.meet[2]: \"B001\" makes 3 meet wishes, more than max_wishes (2): S002 ignored"
        ]
    );
    let summit = loaded.summit.expect("a warning does not stop loading");
    assert_eq!(summit.buyers[0].wishes, wishes(&["S003", "S001"], &[]));
}

#[test]
fn validate_fails_on_a_broken_wishes_file() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_matchslate"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["validate", "--data", "tests/fixtures/wishes/csv-header"])
        .output()
        .expect("run matchslate");
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains("tests/fixtures/wishes/csv-header/wishes.csv:1:1: error:"),
        "{err}"
    );
    assert!(err.contains("hint: make the first line exactly"), "{err}");
}

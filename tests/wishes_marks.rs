#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Marks on the loaded wishes fixture, and staff-entered wishes applied
//! over the files' wishes.

use std::path::Path;

use matchslate::load::load_summit;
use matchslate::model::{Side, Summit, WishChange};
use matchslate::wishes::{StaffWish, WishIndex, WishMark, apply_staff_wishes};

fn summit() -> Summit {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wishes/good");
    load_summit(&dir).summit.expect("fixture loads")
}

fn mark(index: &WishIndex, seller: usize, buyer: usize) -> Option<&'static str> {
    index.mark(seller, buyer).map(WishMark::symbol)
}

#[test]
fn pairs_are_marked_by_who_asked() {
    let summit = summit();
    let index = WishIndex::new(&summit);
    // S001 wants B002 (1st) and B001 (2nd), avoids B003; B001 wants S001.
    assert_eq!(mark(&index, 0, 0), Some("★"));
    assert_eq!(mark(&index, 0, 1), Some("←"));
    assert_eq!(mark(&index, 0, 2), Some("✗"));
    // B001 wants S002 (from the CSV), S002 does not ask for B001.
    assert_eq!(mark(&index, 1, 0), Some("→"));
    assert_eq!(mark(&index, 1, 1), Some("★"));
    assert_eq!(mark(&index, 2, 2), None);
    let wish = index.get(1, 0);
    assert_eq!(
        wish.reasons("S002", "B001", Side::Seller),
        ["B001 asked to meet you, 2nd choice"]
    );
    let made: Vec<usize> = index.of(Side::Seller, 0).iter().map(|(b, _)| *b).collect();
    assert_eq!(made, [1, 0, 2], "own wishes by rank, then the avoided");
}

#[test]
fn staff_wishes_apply_over_the_files() {
    let summit = summit();
    let changes = [
        StaffWish {
            from: Side::Buyer,
            from_id: "B003".into(),
            to_id: "S003".into(),
            change: WishChange::Meet { rank: 1 },
        },
        StaffWish {
            from: Side::Seller,
            from_id: "S001".into(),
            to_id: "B003".into(),
            change: WishChange::Remove,
        },
        StaffWish {
            from: Side::Seller,
            from_id: "S404".into(),
            to_id: "B003".into(),
            change: WishChange::Avoid,
        },
    ];
    let (changed, stale) = apply_staff_wishes(&summit, &changes);
    assert_eq!(stale, [changes[2].clone()]);
    let index = WishIndex::with_changes(&summit, &changed);
    assert_eq!(mark(&index, 2, 2), Some("→"));
    assert_eq!(mark(&index, 0, 2), None, "the avoid was removed");
    assert_eq!(mark(&index, 0, 0), Some("★"), "the rest stays");
}

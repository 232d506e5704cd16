#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The wishes demo end to end: every mutual wish met, no avoided pair on
//! the slate, every unmet wish explained; staff-entered wishes and the
//! warning on accepting an avoided pair.

use std::collections::HashSet;
use std::ops::ControlFlow;
use std::path::Path;

use matchslate::model::{Side, WishChange};
use matchslate::summit::{Decision, OpenSummit, SlateOptions, SummitOptions, Verdict};

fn open(dir: &tempfile::TempDir) -> OpenSummit {
    let options = SummitOptions {
        data: Path::new(env!("CARGO_MANIFEST_DIR")).join("data/wishes-demo"),
        db: Some(dir.path().join("matchslate.db")),
        staff: "ana".to_string(),
    };
    OpenSummit::open(&options).expect("the demo opens")
}

#[test]
fn the_demo_meets_every_mutual_wish_and_explains_every_unmet_one() {
    let dir = tempfile::tempdir().unwrap();
    let open = open(&dir);
    let scheduled = open.schedule(&SlateOptions::default(), &mut |_| ControlFlow::Continue(()));
    let slate = scheduled.slate();
    let report = open.wish_report(slate);
    assert_eq!(report.mutual.made, 27);
    assert_eq!(report.mutual.met, report.mutual.made, "{report:?}");
    assert!(report.avoided_met.is_empty());
    let met: HashSet<(usize, usize)> = slate.meetings.iter().map(|m| (m.seller, m.buyer)).collect();
    let wishes = open.wishes();
    let mut explained = 0;
    for ((seller, buyer), wish) in wishes.pairs() {
        assert!(!(wish.is_avoided() && met.contains(&(seller, buyer))));
        let unmet = !met.contains(&(seller, buyer));
        for (side, who, other) in [(Side::Seller, seller, buyer), (Side::Buyer, buyer, seller)] {
            if wish.rank_of(side).is_none() || !unmet {
                continue;
            }
            let listed = scheduled.unmet_wishes(wishes, side, who, |_, _| false);
            let entry = listed.iter().find(|w| w.other == other).expect("listed");
            assert!(!entry.cause.is_empty());
            if wish.is_avoided() {
                assert!(entry.cause.contains("asked not to meet"), "{entry:?}");
            }
            explained += 1;
        }
    }
    let one_sided_unmet = report.from_buyers.all.made - report.from_buyers.all.met
        + report.from_sellers.all.made
        - report.from_sellers.all.met;
    assert!(
        explained >= one_sided_unmet,
        "{explained} < {one_sided_unmet}"
    );
}

#[test]
fn staff_wishes_count_and_undo_and_avoided_pairs_warn() {
    let dir = tempfile::tempdir().unwrap();
    let mut open = open(&dir);
    let seller = open.seller_index("S007").unwrap();
    let buyer = open.buyer_index("B038").unwrap();
    // S007 asked not to meet B038 (in wishes.csv).
    let warning = open.avoid_warning(seller, buyer).expect("avoided");
    assert!(
        warning.starts_with("S007 asked not to meet B038"),
        "{warning}"
    );
    open.decide(Decision {
        seller,
        buyer,
        verdict: Verdict::Accept,
        note: None,
    })
    .unwrap();
    let scheduled = open.schedule(&SlateOptions::default(), &mut |_| ControlFlow::Continue(()));
    let met = scheduled
        .slate()
        .meetings
        .iter()
        .any(|m| (m.seller, m.buyer) == (seller, buyer));
    assert!(met, "staff's acceptance wins over the avoid");
    assert_eq!(
        open.wish_report(scheduled.slate()).avoided_met,
        [(seller, buyer)]
    );

    // B001 phones in: it now wants S002 first.
    let (b001, s002) = (
        open.buyer_index("B001").unwrap(),
        open.seller_index("S002").unwrap(),
    );
    let before = open.wishes().get(s002, b001);
    open.wish(Side::Buyer, b001, s002, WishChange::Meet { rank: 1 })
        .unwrap();
    assert_eq!(open.wishes().get(s002, b001).buyer_rank, Some(1));
    assert!(open.undo_wish().unwrap());
    assert_eq!(open.wishes().get(s002, b001), before);
}

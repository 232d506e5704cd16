//! The Slate tab's version functions: status, diff against the published
//! version per participant, moves saved into the staff member's own draft
//! with their locks in one step, publish and rollback.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use matchslate::model::{DecisionKind, Side};
use matchslate::store::MeetingChange;
use matchslate::summit::{OpenSummit, Scheduled, SlateMove, SlateOptions, SummitOptions};

fn copy_demo(to: &Path) {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    for file in ["event.json", "sellers.json", "buyers.json", "taxonomy.json"] {
        std::fs::copy(demo.join(file), to.join(file)).unwrap();
    }
}

fn options(dir: &Path, staff: &str) -> SummitOptions {
    SummitOptions {
        data: dir.to_path_buf(),
        db: None,
        staff: staff.to_string(),
    }
}

/// A legal relocation of the first meeting from index `from` on that has
/// one.
fn some_move(scheduled: &Scheduled, from: usize) -> SlateMove {
    let slots = scheduled.input().slots.len();
    let tables = scheduled.input().tables;
    (from..scheduled.slate().meetings.len())
        .flat_map(|meeting| {
            (0..slots).flat_map(move |slot| {
                (0..tables).map(move |table| SlateMove {
                    meeting,
                    slot,
                    table,
                })
            })
        })
        .filter(|mv| scheduled.check_move(&[*mv]).is_ok())
        .find(|mv| {
            let m = scheduled.slate().meetings[mv.meeting];
            (m.slot, m.table) != (mv.slot, mv.table)
        })
        .unwrap()
}

#[test]
fn moves_amend_my_own_draft_and_the_status_counts_changes_since_published() {
    let dir = tempfile::tempdir().unwrap();
    copy_demo(dir.path());
    let mut ann = OpenSummit::open(&options(dir.path(), "ann")).unwrap();
    assert_eq!(ann.slate_status().unwrap().line(), "no slate saved yet");
    let (mut scheduled, v1) = ann
        .schedule_and_save(&SlateOptions::default(), &mut |_| {
            std::ops::ControlFlow::Continue(())
        })
        .unwrap();
    assert!(ann.diff_against_published().unwrap().is_none());
    ann.publish(v1.number, None).unwrap();
    assert_eq!(
        ann.slate_status().unwrap().line(),
        "version 1 · published · as published"
    );

    // A move: the pair is locked at its new place and version 2 (a draft
    // of ann's) holds the moved slate.
    let mv = some_move(&scheduled, 0);
    let pair = {
        let m = scheduled.slate().meetings[mv.meeting];
        (m.seller, m.buyer)
    };
    let v2 = ann.move_and_save(&mut scheduled, &[mv]).unwrap();
    assert_eq!(v2.number, 2);
    assert!(v2.published.is_none());
    assert_eq!(
        ann.decision(pair.0, pair.1).map(|d| d.kind),
        Some(DecisionKind::Locked {
            slot: mv.slot,
            table: mv.table
        })
    );
    assert_eq!(v2.log_position, ann.log_position().unwrap());
    let m = scheduled.slate().meetings[mv.meeting];
    assert_eq!((m.slot, m.table), (mv.slot, mv.table));
    let status = ann.slate_status().unwrap();
    assert_eq!(status.changes_since_published, 1);
    assert_eq!(status.participants_changed, 2);
    assert_eq!(
        status.line(),
        "version 2 · draft · 1 change since published version 1"
    );
    let (diff, per) = ann.diff_against_published().unwrap().unwrap();
    assert_eq!((diff.from, diff.to), (1, 2));
    let summit = ann.summit().clone();
    assert_eq!(per.len(), 2);
    assert_eq!(per[0].side, Side::Seller);
    assert_eq!(per[0].id, summit.sellers[pair.0].id);
    assert_eq!(per[1].id, summit.buyers[pair.1].id);
    assert!(matches!(per[1].changes[0], MeetingChange::Moved { .. }));
    assert_eq!(per[1].counts(), (0, 0, 1));

    // A second move amends the same draft.
    let mv2 = some_move(&scheduled, mv.meeting + 1);
    let again = ann.move_and_save(&mut scheduled, &[mv2]).unwrap();
    assert_eq!(again.number, 2);
    assert!(again.amended_at.is_some());
    assert_eq!(ann.slates().unwrap().len(), 2);
    let stored = ann.load_slate(Some(2)).unwrap().slate;
    let mut expected = scheduled.slate().meetings.clone();
    let mut got = stored.meetings.clone();
    let key = |m: &matchslate::model::Meeting| (m.seller, m.buyer, m.slot, m.table);
    expected.sort_by_key(key);
    got.sort_by_key(key);
    assert_eq!(
        got.iter().map(key).collect::<Vec<_>>(),
        expected.iter().map(key).collect::<Vec<_>>()
    );

    // A refused move changes nothing, in the store or on the slate.
    let before = (ann.slates().unwrap(), ann.log_position().unwrap());
    let bad = SlateMove {
        meeting: 0,
        slot: usize::MAX,
        table: 0,
    };
    assert!(ann.move_and_save(&mut scheduled, &[bad]).is_err());
    assert_eq!((ann.slates().unwrap(), ann.log_position().unwrap()), before);

    // Someone else's move does not amend ann's draft: it makes version 3.
    let mut bob = OpenSummit::open(&options(dir.path(), "bob")).unwrap();
    let mv3 = some_move(&scheduled, mv2.meeting + 1);
    let v3 = bob.move_and_save(&mut scheduled, &[mv3]).unwrap();
    assert_eq!((v3.number, v3.staff.as_str()), (3, "bob"));

    // Publish, then roll back to version 1: a new draft equal to it.
    bob.publish(3, Some("sent")).unwrap();
    assert_eq!(
        bob.slate_status().unwrap().line(),
        "version 3 · published · as published"
    );
    let back = bob.rollback(1).unwrap();
    assert_eq!(back.number, 4);
    assert_eq!(
        bob.slate_diff(1, Some(4)).unwrap().changes,
        Vec::new(),
        "a rollback equals its version"
    );
    let status = bob.slate_status().unwrap();
    assert_eq!(status.changes_since_published, 3);
    assert!(
        status
            .line()
            .starts_with("version 4 · draft · 3 changes since published version 3")
    );
}

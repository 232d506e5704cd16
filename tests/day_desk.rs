//! The summit-day functions the desk and the CLI share: meeting codes typed
//! for outcomes (collisions included), the check-in view, and a repair that
//! tries participants' wishes first.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;

use jiff::civil::{date, time};
use matchslate::export::print::meeting_code;
use matchslate::model::{Side, WishChange};
use matchslate::store::{Figures, NewVersion, Origin, Presence, Store, VersionMeeting};
use matchslate::summit::{CodeError, OpenSummit, SlateOptions, SummitError, SummitOptions};

fn copy_demo(to: &Path) {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    for file in ["event.json", "sellers.json", "buyers.json", "taxonomy.json"] {
        std::fs::copy(demo.join(file), to.join(file)).unwrap();
    }
}

fn options(dir: &Path) -> SummitOptions {
    SummitOptions {
        data: dir.to_path_buf(),
        db: None,
        staff: "desk".to_string(),
    }
}

fn scheduled_and_published(dir: &Path) -> OpenSummit {
    copy_demo(dir);
    let open = OpenSummit::open(&options(dir)).unwrap();
    let (_, version) = open
        .schedule_and_save(&SlateOptions::default(), &mut |_| {
            std::ops::ControlFlow::Continue(())
        })
        .unwrap();
    open.publish(version.number, None).unwrap();
    open
}

fn cli(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_matchslate"))
        .arg("--data")
        .arg(dir)
        .args(["--staff", "desk"])
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_printed_code_records_an_outcome_and_a_shared_code_asks_which() {
    let dir = tempfile::tempdir().unwrap();
    let open = scheduled_and_published(dir.path());
    let first_meeting = open.load_slate(None).unwrap().slate.meetings[0];
    let m = open
        .to_version_meetings(&matchslate::model::Slate {
            meetings: vec![first_meeting],
            total_score: 0.0,
            upper_bound: 0.0,
            unscheduled: Vec::new(),
        })
        .remove(0);
    let code = meeting_code(&m.seller_id, &m.buyer_id);
    // Typed as people type it: lower case, with a dash.
    let typed = format!("{}-{}", &code[..3], &code[3..]).to_lowercase();
    let out = cli(dir.path(), &["outcome", "held", &typed]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&format!("{} × {}: held", m.seller_id, m.buyer_id)),
        "{stdout}"
    );
    let reopened = OpenSummit::open(&options(dir.path())).unwrap();
    assert_eq!(
        reopened.meeting_by_code(&code).unwrap().seller_id,
        m.seller_id
    );

    // Not a code at all, and a code no meeting has.
    let bad = cli(dir.path(), &["outcome", "held", "OOPS00"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("is not a meeting code"));
    let unknown = "222222";
    assert!(reopened.meeting_by_code(unknown).is_err());
    let bad = cli(dir.path(), &["outcome", "held", unknown]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no meeting of slate version"));

    // Two pairs sharing a code: find a collision among made-up ids and save
    // them as a new version.
    let mut seen = std::collections::HashMap::new();
    let (first, second) = (0..)
        .find_map(|n: u32| {
            let seller = format!("S{n}");
            let code = meeting_code(&seller, "B001");
            seen.insert(code, seller.clone())
                .map(|earlier| (earlier, seller))
        })
        .unwrap();
    let meeting = |seller: &str, hour: i8| VersionMeeting {
        seller_id: seller.to_string(),
        buyer_id: "B001".to_string(),
        date: date(2017, 10, 11),
        start: time(hour, 0, 0, 0),
        end: time(hour, 20, 0, 0),
        table: 0,
        score: 50.0,
        interpreter: false,
        status: matchslate::model::MeetingStatus::Proposed,
    };
    let store = Store::open(&dir.path().join("matchslate.db")).unwrap();
    store
        .save_version(&NewVersion {
            meetings: &[meeting(&first, 9), meeting(&second, 10)],
            params: &serde_json::json!({}),
            seed: 0,
            figures: &Figures::default(),
            log_position: 0,
            staff: "desk",
            origin: Origin::Desk,
        })
        .unwrap();
    let shared = meeting_code(&first, "B001");
    match reopened.meeting_by_code(&shared) {
        Err(SummitError::Code(CodeError::Ambiguous { candidates, .. })) => {
            let ids: HashSet<String> = candidates.into_iter().map(|m| m.seller_id).collect();
            assert_eq!(ids, HashSet::from([first.clone(), second.clone()]));
        }
        other => panic!("expected an ambiguous code, got {other:?}"),
    }
    let out = cli(dir.path(), &["outcome", "no-show", &shared]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for seller in [&first, &second] {
        assert!(
            stderr.contains(&format!(
                "matchslate outcome no-show --seller {seller} --buyer B001"
            )),
            "{stderr}"
        );
    }
    // Nothing was recorded for either.
    assert!(
        reopened
            .event_report()
            .unwrap()
            .off_plan
            .iter()
            .all(|o| o.buyer_id != "B001" || (o.seller_id != first && o.seller_id != second))
    );
}

#[test]
fn the_checkin_view_lists_the_day_with_attendance_and_next_meetings() {
    let dir = tempfile::tempdir().unwrap();
    let open = scheduled_and_published(dir.path());
    let day = date(2017, 10, 11);
    let slate = open.load_slate(None).unwrap().slate;
    let summit = open.summit().clone();
    // A buyer with a meeting from 11:00 on.
    let later = (slate.meetings.iter())
        .filter(|m| {
            summit.slots[m.slot].date == day && summit.slots[m.slot].start >= time(11, 0, 0, 0)
        })
        .min_by_key(|m| (m.buyer, summit.slots[m.slot].start))
        .unwrap();
    let buyer = &summit.buyers[later.buyer];
    open.checkin(
        &buyer.id,
        Presence::Late {
            until: time(10, 40, 0, 0),
        },
        Some(day),
        None,
    )
    .unwrap();
    let rows = open.checkin_rows(day, time(11, 0, 0, 0), "").unwrap();
    assert!(
        rows.len() >= summit.buyers.len(),
        "everyone comes on day one"
    );
    let row = rows.iter().find(|r| r.id == buyer.id).unwrap();
    assert_eq!(row.side, Side::Buyer);
    assert_eq!(
        row.presence,
        Some(Presence::Late {
            until: time(10, 40, 0, 0)
        })
    );
    let next = row.next.as_ref().unwrap();
    let first_from_11 = (slate.meetings.iter())
        .filter(|m| m.buyer == later.buyer && summit.slots[m.slot].date == day)
        .map(|m| summit.slots[m.slot].start)
        .filter(|&t| t >= time(11, 0, 0, 0))
        .min()
        .unwrap();
    assert_eq!(next.start, first_from_11);
    assert_eq!(next.code.len(), 6);
    assert!(
        rows.iter()
            .filter(|r| r.id != buyer.id)
            .all(|r| r.presence.is_none())
    );
    // Typing finds by id or company, in any case.
    let company_part = buyer
        .company
        .split_whitespace()
        .next()
        .unwrap()
        .to_uppercase();
    let found = open
        .checkin_rows(day, time(11, 0, 0, 0), &company_part)
        .unwrap();
    assert!(found.iter().any(|r| r.id == buyer.id));
    assert!(found.len() < rows.len());
    let by_id = open
        .checkin_rows(day, time(11, 0, 0, 0), &buyer.id.to_lowercase())
        .unwrap();
    assert!(by_id.iter().any(|r| r.id == buyer.id));
    // After the last slot nobody has a next meeting.
    let late = open.checkin_rows(day, time(23, 0, 0, 0), "").unwrap();
    assert!(late.iter().all(|r| r.next.is_none()));
}

#[test]
fn a_repair_gives_a_participant_who_lost_a_meeting_their_wish_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut open = scheduled_and_published(dir.path());
    let day = date(2017, 10, 11);
    let now = day.to_datetime(time(11, 0, 0, 0));
    let summit = open.summit().clone();
    let base = open.load_slate(None).unwrap().slate;
    // A buyer's meeting at 14:00 or later on day one; its seller is absent.
    let lost = (base.meetings.iter())
        .filter(|m| {
            summit.slots[m.slot].date == day && summit.slots[m.slot].start >= time(14, 0, 0, 0)
        })
        .min_by_key(|m| (m.slot, m.buyer))
        .copied()
        .unwrap();
    open.checkin(
        &summit.sellers[lost.seller].id,
        Presence::Absent,
        Some(day),
        None,
    )
    .unwrap();
    let without_wish = open.repair(now, &SlateOptions::default()).unwrap();
    let rules = &without_wish.repair.rules;
    let added: HashSet<(usize, usize)> = (without_wish.repair.added.iter())
        .map(|(m, _)| (m.seller, m.buyer))
        .collect();
    let candidates: HashSet<(usize, usize)> = rules
        .candidates
        .iter()
        .map(|p| (p.seller, p.buyer))
        .collect();
    let busy = |seller: usize, slot: usize| {
        base.meetings
            .iter()
            .any(|m| m.seller == seller && m.slot == slot)
    };
    let count = |seller: usize| base.meetings.iter().filter(|m| m.seller == seller).count();
    // A present seller free at that time, not a candidate of the buyer's,
    // whom the repair did not give them: only a wish can bring the pair.
    let wished = (0..summit.sellers.len())
        .filter(|&s| s != lost.seller)
        .filter(|&s| rules.sellers[s].available[lost.slot] && !busy(s, lost.slot))
        .filter(|&s| (count(s) as u32) < rules.sellers[s].max_meetings)
        .filter(|&s| !candidates.contains(&(s, lost.buyer)) && !added.contains(&(s, lost.buyer)))
        .filter(|&s| {
            base.meetings
                .iter()
                .all(|m| (m.seller, m.buyer) != (s, lost.buyer))
        })
        .min_by_key(|&s| candidates.iter().filter(|p| p.0 == s).count())
        .unwrap();
    open.wish(
        Side::Buyer,
        lost.buyer,
        wished,
        WishChange::Meet { rank: 1 },
    )
    .unwrap();
    assert!(open.wished_pairs().contains(&(wished, lost.buyer)));
    let with_wish = open.repair(now, &SlateOptions::default()).unwrap();
    assert!(
        with_wish
            .repair
            .added
            .iter()
            .any(|(m, _)| (m.seller, m.buyer) == (wished, lost.buyer)),
        "the wished pair S{wished}·B{} was not given: {:?}",
        lost.buyer,
        with_wish.repair.added
    );
    assert_eq!(
        matchslate::schedule::check(&with_wish.repair.rules, with_wish.slate()),
        Vec::new()
    );
}

//! The event report: a published plan, outcomes and attendance recorded on
//! the day, and the figures the report computes from them, through the
//! summit and through `matchslate report --out`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use jiff::civil::date;
use matchslate::store::{MeetingOutcome, Presence};
use matchslate::summit::{OpenSummit, REPORT_FILES, SlateOptions, SummitOptions};

fn copy_demo(to: &Path) {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    for file in ["event.json", "sellers.json", "buyers.json", "taxonomy.json"] {
        std::fs::copy(demo.join(file), to.join(file)).unwrap();
    }
}

#[test]
fn the_report_compares_the_plan_with_what_happened() {
    let dir = tempfile::tempdir().unwrap();
    copy_demo(dir.path());
    let options = SummitOptions {
        data: dir.path().to_path_buf(),
        db: None,
        staff: "desk".to_string(),
    };
    let open = OpenSummit::open(&options).unwrap();
    let (_, version) = open
        .schedule_and_save(&SlateOptions::default(), &mut |_| {
            std::ops::ControlFlow::Continue(())
        })
        .unwrap();
    open.publish(version.number, None).unwrap();
    let plan = open.slate_meetings(version.number).unwrap();
    let day1 = date(2017, 10, 11);
    let on_day1: Vec<_> = plan.iter().filter(|m| m.date == day1).collect();
    // The first buyer of day one is absent: their meetings are no-shows of
    // theirs. Everything else on day one is held but the last three
    // (cancelled); day two has no outcomes.
    let absent = on_day1[0].buyer_id.clone();
    open.checkin(&absent, Presence::Absent, Some(day1), None)
        .unwrap();
    let mut expected: HashMap<(String, String), MeetingOutcome> = HashMap::new();
    for (i, m) in on_day1.iter().enumerate() {
        let outcome = if m.buyer_id == absent {
            MeetingOutcome::NoShow
        } else if i + 3 >= on_day1.len() {
            MeetingOutcome::Cancelled
        } else {
            MeetingOutcome::Held
        };
        open.outcome(&m.seller_id, &m.buyer_id, Some(outcome), None)
            .unwrap();
        expected.insert((m.seller_id.clone(), m.buyer_id.clone()), outcome);
    }
    // One staff member records a no-show although both were there.
    let both_there = on_day1
        .iter()
        .find(|m| expected[&(m.seller_id.clone(), m.buyer_id.clone())] == MeetingOutcome::Held)
        .unwrap();
    open.outcome(
        &both_there.seller_id,
        &both_there.buyer_id,
        Some(MeetingOutcome::NoShow),
        None,
    )
    .unwrap();
    expected.insert(
        (both_there.seller_id.clone(), both_there.buyer_id.clone()),
        MeetingOutcome::NoShow,
    );
    let count = |o: MeetingOutcome| expected.values().filter(|&&v| v == o).count();
    let absent_meetings = on_day1.iter().filter(|m| m.buyer_id == absent).count();

    let report = open.event_report().unwrap();
    assert_eq!(report.plan.number, version.number);
    assert_eq!(report.totals.planned, plan.len());
    assert_eq!(report.totals.held, count(MeetingOutcome::Held));
    assert_eq!(report.totals.no_show, count(MeetingOutcome::NoShow));
    assert_eq!(report.totals.cancelled, 3);
    assert_eq!(report.totals.unrecorded(), plan.len() - on_day1.len());
    let (first_day, counts) = report.days[0];
    assert_eq!(first_day, day1);
    assert_eq!(counts.planned, on_day1.len());
    assert_eq!(counts.unrecorded(), 0);
    assert_eq!(report.days[1].1.held, 0);
    // No-shows: the absent buyer's are the buyers'; the other is nobody's.
    assert_eq!(report.buyers_no_show.no_shows, absent_meetings);
    assert_eq!(report.sellers_no_show.no_shows, 0);
    assert_eq!(report.unattributed_no_shows, 1);
    assert_eq!(
        report.buyers_no_show.meetings,
        count(MeetingOutcome::Held) + count(MeetingOutcome::NoShow)
    );
    let row = report.participants.iter().find(|p| p.id == absent).unwrap();
    assert_eq!(row.own_no_shows, absent_meetings);
    assert_eq!(row.counts.held, 0);
    assert!(report.buyers_without_held.contains(&absent));
    // Gaps: biggest first, and every gap is planned minus held.
    let gaps: Vec<usize> = report.gap_rows().map(|p| p.gap()).collect();
    assert!(!gaps.is_empty());
    assert!(gaps.windows(2).all(|w| w[0] >= w[1]), "{gaps:?}");
    let biggest = report.participants.iter().map(|p| p.gap()).max().unwrap();
    assert_eq!(gaps[0], biggest);
    assert!(report.off_plan.is_empty());

    // The CLI prints the figures and writes the CSVs.
    let out_dir = dir.path().join("report");
    let out = Command::new(env!("CARGO_BIN_EXE_matchslate"))
        .arg("--data")
        .arg(dir.path())
        .args(["report", "--out"])
        .arg(&out_dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&format!(
            "meetings held{}{}",
            " ".repeat(52 - 13 + 1),
            report.totals.held
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains("biggest gaps between plan and reality"),
        "{stdout}"
    );
    for name in REPORT_FILES {
        assert!(out_dir.join(name).is_file(), "{name}");
    }
    let mut days = csv::Reader::from_path(out_dir.join("report-days.csv")).unwrap();
    let first: csv::StringRecord = days.records().next().unwrap().unwrap();
    assert_eq!(&first[0], "2017-10-11");
    assert_eq!(first[2].parse::<usize>().unwrap(), counts.held);
    let mut people = csv::Reader::from_path(out_dir.join("report-participants.csv")).unwrap();
    let rows: Vec<csv::StringRecord> = people.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), report.participants.len());
    let absent_row = rows.iter().find(|r| &r[1] == absent.as_str()).unwrap();
    assert_eq!(&absent_row[0], "buyer");
    assert_eq!(absent_row[8].parse::<usize>().unwrap(), absent_meetings);
}

#[test]
fn the_report_needs_a_slate() {
    let dir = tempfile::tempdir().unwrap();
    copy_demo(dir.path());
    let out = Command::new(env!("CARGO_BIN_EXE_matchslate"))
        .arg("--data")
        .arg(dir.path())
        .arg("report")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("matchslate schedule"));
}

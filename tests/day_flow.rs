//! A scripted summit day through the summit and the CLI: schedule and
//! publish the demo summit, three distributors walk in (added to
//! buyers.json), at 11:00 a tenth of the participants are marked absent,
//! and the rest of the day is repaired and saved as a new version.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;

use jiff::civil::{date, time};
use matchslate::schedule::check;
use matchslate::store::Presence;
use matchslate::summit::{OpenSummit, SlateOptions, SummitOptions};

fn copy_demo(to: &Path) {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    for file in ["event.json", "sellers.json", "buyers.json", "taxonomy.json"] {
        std::fs::copy(demo.join(file), to.join(file)).unwrap();
    }
}

fn add_walk_ins(dir: &Path) -> Vec<String> {
    let path = dir.join("buyers.json");
    let mut buyers: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let ids: Vec<String> = (1..=3).map(|i| format!("W00{i}")).collect();
    for (i, id) in ids.iter().enumerate() {
        let mut walk_in = buyers[i * 5].clone();
        walk_in["id"] = serde_json::json!(id);
        walk_in["company"] = serde_json::json!(format!("Walk-in Distributor {i}"));
        buyers.push(walk_in);
    }
    std::fs::write(&path, serde_json::to_string_pretty(&buyers).unwrap()).unwrap();
    ids
}

fn cli(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_matchslate"))
        .arg("--data")
        .arg(dir)
        .args(["--staff", "desk"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_scripted_summit_day_repairs_with_little_disturbance() {
    let dir = tempfile::tempdir().unwrap();
    copy_demo(dir.path());
    let options = SummitOptions {
        data: dir.path().to_path_buf(),
        db: None,
        staff: "desk".to_string(),
    };
    let slate_options = SlateOptions::default();
    {
        let open = OpenSummit::open(&options).unwrap();
        let (_, version) = open
            .schedule_and_save(&slate_options, &mut |_| std::ops::ControlFlow::Continue(()))
            .unwrap();
        open.publish(version.number, None).unwrap();
    }
    let walk_ins = add_walk_ins(dir.path());
    let open = OpenSummit::open(&options).unwrap();
    let summit = open.summit().clone();
    let day = date(2017, 10, 11);
    let now = day.to_datetime(time(11, 0, 0, 0));
    // A tenth of the participants (every tenth) are absent for the day.
    let everyone: Vec<String> = (summit.sellers.iter().map(|s| s.id.clone()))
        .chain(summit.buyers.iter().map(|b| b.id.clone()))
        .filter(|id| !walk_ins.contains(id))
        .collect();
    let absent: HashSet<String> = everyone.iter().step_by(10).cloned().collect();
    for id in &absent {
        open.checkin(id, Presence::Absent, Some(day), None).unwrap();
    }
    let base = open.load_slate(None).unwrap().slate;
    let proposal = open.repair(now, &slate_options).unwrap();
    for id in &walk_ins {
        assert!(proposal.walk_ins.contains(id), "{id} not seen as a walk-in");
    }
    let slate = proposal.slate();
    let at = |slot: usize| {
        summit.slots[slot]
            .date
            .to_datetime(summit.slots[slot].start)
    };
    let key = |m: &matchslate::model::Meeting| {
        (
            summit.sellers[m.seller].id.clone(),
            summit.buyers[m.buyer].id.clone(),
            m.slot,
            m.table,
        )
    };
    let before: HashSet<_> = base.meetings.iter().map(key).collect();
    let after: HashSet<_> = slate.meetings.iter().map(key).collect();
    // Zero changes before 11:00.
    let past = |k: &(String, String, usize, u32)| at(k.2) < now;
    assert_eq!(
        before.iter().filter(|k| past(k)).collect::<HashSet<_>>(),
        after.iter().filter(|k| past(k)).collect::<HashSet<_>>()
    );
    // Zero meetings with absent participants that day from 11:00.
    let away = |k: &(String, String, usize, u32)| {
        summit.slots[k.2].date == day && (absent.contains(&k.0) || absent.contains(&k.1))
    };
    assert!(after.iter().filter(|k| !past(k)).all(|k| !away(k)));
    // At least 95% of the remaining meetings between present participants
    // are unchanged.
    let remaining: Vec<_> = before.iter().filter(|k| !past(k) && !away(k)).collect();
    let unchanged = remaining.iter().filter(|k| after.contains(**k)).count();
    assert!(
        unchanged * 100 >= remaining.len() * 95,
        "{unchanged}/{}",
        remaining.len()
    );
    // Replacements for at least half of those who lost a meeting.
    let f = proposal.figures();
    assert!(f.lost_to_absences > 0);
    assert!(f.replaced_participants * 2 >= f.lost_participants, "{f:?}");
    // At least one meeting per walk-in.
    for id in &walk_ins {
        assert!(after.iter().any(|k| &k.1 == id), "{id} has no meeting");
    }
    // The hard rules, by the scheduler's checker.
    assert_eq!(check(&proposal.repair.rules, slate), Vec::new());

    // The CLI prints the same proposal, and --apply saves a new version.
    let printed = cli(dir.path(), &["repair", "--now", "2017-10-11T11:00"]);
    assert!(printed.contains("meetings lost to absences:"), "{printed}");
    assert!(printed.contains("W001"), "{printed}");
    assert!(printed.contains("nothing saved"), "{printed}");
    let applied = cli(
        dir.path(),
        &["repair", "--now", "2017-10-11T11:00", "--apply"],
    );
    assert!(applied.contains("saved as slate version 2"), "{applied}");
    let versions = cli(dir.path(), &["slates"]);
    assert!(versions.lines().count() >= 3, "{versions}");
}

#[test]
fn checkin_and_outcome_from_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    copy_demo(dir.path());
    let out = cli(
        dir.path(),
        &[
            "checkin",
            "B001",
            "late",
            "--until",
            "10:40",
            "--day",
            "2017-10-11",
        ],
    );
    assert!(
        out.contains("B001 on 2017-10-11: late until 10:40"),
        "{out}"
    );
    let out = cli(
        dir.path(),
        &["outcome", "no-show", "--seller", "S001", "--buyer", "B001"],
    );
    assert!(out.contains("no-show"), "{out}");
    let bad = Command::new(env!("CARGO_BIN_EXE_matchslate"))
        .arg("--data")
        .arg(dir.path())
        .args(["checkin", "B001", "late", "--day", "2017-10-11"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--until"));
    let bad = Command::new(env!("CARGO_BIN_EXE_matchslate"))
        .arg("--data")
        .arg(dir.path())
        .args(["checkin", "B001", "absent", "--day", "2030-01-01"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a day of this summit"));
}

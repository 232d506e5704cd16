//! `taxonomy suggest`: terms only the broad layers (or no layer) knew,
//! with proposed curated categories written to a patch file for review.

use jiff::civil::{date, time};
use matchslate::matching::Matcher;
use matchslate::matching::layers::Layer;
use matchslate::matching::suggest::{PATCH_FILE, suggest, write_patch};
use matchslate::model::{Buyer, Event, EventDay, Seller, Summit};
use matchslate::taxonomy;

fn summit() -> Summit {
    let event = Event {
        name: "t".into(),
        venue: String::new(),
        timezone: "America/Los_Angeles".into(),
        days: vec![EventDay {
            date: date(2026, 5, 12),
            start: time(9, 0, 0, 0),
            end: time(12, 0, 0, 0),
            breaks: vec![],
        }],
        slot_minutes: 20,
        tables: 4,
        interpreters: 1,
        default_max_meetings: 4,
    };
    let seller = |id: &str, categories: &[&str]| Seller {
        id: id.into(),
        company: format!("{id} Co."),
        categories: categories.iter().map(|s| s.to_string()).collect(),
        languages: vec!["en".into()],
        max_meetings: 4,
        ..Seller::default()
    };
    let buyer = |id: &str, interests: &[&str]| Buyer {
        id: id.into(),
        company: format!("{id} Trading"),
        interests: interests.iter().map(|s| s.to_string()).collect(),
        languages: vec!["zh".into()],
        max_meetings: 4,
        ..Buyer::default()
    };
    Summit {
        slots: matchslate::load::expand_slots(&event),
        event,
        sellers: vec![
            seller("S1", &["finished leather", "almonds"]),
            seller("S2", &["finished leather"]),
        ],
        buyers: vec![buyer("B1", &["皮革", "zorblex gizmos", "开心果"])],
    }
}

#[test]
fn only_terms_the_curated_layer_missed_are_listed_with_proposals() {
    let s = summit();
    let m = Matcher::new(&s, taxonomy::built_in().unwrap());
    let found = suggest(&s, &m);
    let terms: Vec<&str> = found.iter().map(|f| f.term.as_str()).collect();
    assert_eq!(terms, ["finished leather", "zorblex gizmos", "皮革"]);
    let leather = &found[0];
    assert_eq!((leather.uses, leather.layer), (2, Some(Layer::Hs)));
    assert!(
        leather.proposed.hs.iter().all(|h| h.starts_with("41")),
        "{leather:?}"
    );
    assert!(
        leather.proposed.zh.contains(&"皮革".to_string()),
        "{leather:?}"
    );
    assert_eq!(leather.proposed.name, "Finished Leather");
    let nothing = &found[1];
    assert_eq!(nothing.layer, None);
    assert!(nothing.proposed.hs.is_empty());
    let chinese = &found[2];
    assert_eq!(chinese.layer, Some(Layer::Dictionary));
    assert_eq!(chinese.proposed.name, "Leather");
    assert_eq!(chinese.proposed.zh[0], "皮革");
}

#[test]
fn the_patch_is_written_atomically_beside_the_summit_and_never_merged() {
    let s = summit();
    let m = Matcher::new(&s, taxonomy::built_in().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let taxonomy_file = dir.path().join("taxonomy.json");
    std::fs::write(&taxonomy_file, "[]").unwrap();
    let found = suggest(&s, &m);
    let path = write_patch(dir.path(), &found).unwrap();
    assert_eq!(path, dir.path().join(PATCH_FILE));
    let text = std::fs::read_to_string(&path).unwrap();
    let patch: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(patch.len(), 3);
    assert!(
        patch
            .iter()
            .all(|c| c["id"].as_str().unwrap().starts_with("suggested-"))
    );
    // The patch parses as a taxonomy of its own (after giving parents).
    assert_eq!(std::fs::read_to_string(&taxonomy_file).unwrap(), "[]");
    // Writing again replaces the patch whole and leaves no temporary files.
    write_patch(dir.path(), &found[..1]).unwrap();
    let again: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(again.len(), 1);
    let files = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(files, 2, "taxonomy.json and the patch only");
    // A folder that cannot be written is a clear error, not a panic.
    let missing = dir.path().join("no-such-folder");
    let err = write_patch(&missing, &found).unwrap_err().to_string();
    assert!(err.contains("cannot write"), "{err}");
}

#[test]
fn the_cli_lists_terms_and_writes_the_patch_without_touching_the_summit() {
    let dir = tempfile::tempdir().unwrap();
    let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    for file in ["event.json", "sellers.json", "buyers.json"] {
        std::fs::copy(demo.join(file), dir.path().join(file)).unwrap();
    }
    let before: Vec<Vec<u8>> = ["event.json", "sellers.json", "buyers.json"]
        .iter()
        .map(|f| std::fs::read(dir.path().join(f)).unwrap())
        .collect();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_matchslate"))
        .args(["taxonomy", "suggest", "--data"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("proposals written to"), "{stdout}");
    let patch = std::fs::read_to_string(dir.path().join(PATCH_FILE)).unwrap();
    let patch: Vec<serde_json::Value> = serde_json::from_str(&patch).unwrap();
    let listed = stdout.lines().count() - 1;
    assert_eq!(patch.len(), listed, "{stdout}");
    assert!(!dir.path().join("taxonomy.json").exists());
    let after: Vec<Vec<u8>> = ["event.json", "sellers.json", "buyers.json"]
        .iter()
        .map(|f| std::fs::read(dir.path().join(f)).unwrap())
        .collect();
    assert_eq!(before, after);
    // A broken summit is reported as such, with the usual exit code.
    std::fs::write(dir.path().join("buyers.json"), "{").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_matchslate"))
        .args(["taxonomy", "suggest", "--data"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

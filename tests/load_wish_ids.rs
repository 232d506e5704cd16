#![allow(clippy::unwrap_used, clippy::expect_used)]
//! A wish names a participant by id as the participant checks store it:
//! NFKC-normalised and trimmed, so a full-width or padded id in a `meet`
//! list or in wishes.csv finds the participant.

use std::fs;
use std::path::Path;

use matchslate::summit::prepare;

#[test]
fn wishes_name_participants_by_normalised_id() {
    let dir = tempfile::tempdir().unwrap();
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
    for name in ["event.json", "sellers.json"] {
        fs::copy(good.join(name), dir.path().join(name)).unwrap();
    }
    let buyers = r#"[
  {"id": "B001", "company": "Shanghai Fresh Link", "interests": ["cherries"],
   "wishes": {"meet": ["Ｓ００１"], "avoid": ["\u00a0S002"]}},
  {"id": "Ｂ００２", "company": "Wuhan Trading", "interests": ["wine"]}
]"#;
    fs::write(dir.path().join("buyers.json"), buyers).unwrap();
    fs::write(
        dir.path().join("wishes.csv"),
        "from_id,to_id,wish,rank\nS002,B002,meet,1\n",
    )
    .unwrap();
    let prepared = match prepare(dir.path()) {
        Ok(p) => p,
        Err(err) => panic!("{err}: {err:?}"),
    };
    let buyers = &prepared.summit.buyers;
    assert_eq!(buyers[0].wishes.meet, ["S001"]);
    assert_eq!(buyers[0].wishes.avoid, ["S002"]);
    assert_eq!(buyers[1].id, "B002");
    let s002 = &prepared.summit.sellers[1];
    assert_eq!(s002.wishes.meet, ["B002"]);
}

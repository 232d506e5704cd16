#![allow(clippy::unwrap_used, clippy::expect_used)]
//! A bounded fuzz of the loader: arbitrary bytes, arbitrary JSON values,
//! and the good fixture with one value swapped for an arbitrary one, in each
//! of the three files. Loading must never panic or hang (each case is
//! watched: one that runs past `HANG` fails), and a summit it accepts must
//! hold only what the checks promise.

use std::fs;
use std::path::Path;

use proptest::prelude::*;
use serde_json::Value;

const FILES: [&str; 3] = ["event.json", "sellers.json", "buyers.json"];

fn good(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/good")
        .join(name);
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

/// Any JSON value, with strings that include controls, padding, wide and
/// surrogate-adjacent characters, and numbers at the edges.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u32>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "\\PC{0,12}".prop_map(Value::String),
        prop::sample::select(vec![
            "",
            " S001",
            "S001",
            "\u{3000}",
            "\u{200b}",
            "09:00",
            "09:00:30",
            "24:00",
            "2017-10-11",
            "2017-03-12",
            "9999-12-31",
            "America/Los_Angeles",
            "0809.29",
            "\u{1b}[2J",
            "\u{202e}",
            "Ｓ００１",
            "01:00",
            "02:30",
        ])
        .prop_map(|s| Value::String(s.to_string())),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "id",
                    "company",
                    "name",
                    "days",
                    "date",
                    "start",
                    "end",
                    "breaks",
                    "from",
                    "to",
                    "timezone",
                    "slot_minutes",
                    "tables",
                    "categories",
                    "interests",
                    "hs_codes",
                    "available",
                    "max_meetings",
                    "languages",
                    "x",
                ])
                .prop_map(str::to_string),
                inner,
                0..6,
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Replaces the value at a random place of `value` by `with`.
fn swap_one(value: &mut Value, mut pick: usize, with: Value) {
    fn places(value: &Value) -> usize {
        1 + match value {
            Value::Array(items) => items.iter().map(places).sum(),
            Value::Object(map) => map.values().map(places).sum(),
            _ => 0,
        }
    }
    pick %= places(value);
    fn walk(value: &mut Value, pick: &mut usize, with: &mut Option<Value>) {
        if *pick == 0 {
            if let Some(with) = with.take() {
                *value = with;
            }
            return;
        }
        *pick -= 1;
        let children: Vec<&mut Value> = match value {
            Value::Array(items) => items.iter_mut().collect(),
            Value::Object(map) => map.values_mut().collect(),
            _ => Vec::new(),
        };
        for child in children {
            walk(child, pick, with);
            if with.is_none() {
                return;
            }
        }
    }
    walk(value, &mut pick, &mut Some(with));
}

/// Loads a folder holding the three texts and checks what came back.
/// How long one case may take before it counts as a hang: loading these
/// small files takes milliseconds, so this is generous even in a debug build
/// on a loaded machine.
const HANG: std::time::Duration = std::time::Duration::from_secs(30);

/// Loads the three texts on a watched thread: a hang fails the case (with the
/// case shrunk and shown by proptest) instead of stalling the whole run.
fn load(texts: [Vec<u8>; 3]) {
    let (done, finished) = std::sync::mpsc::channel();
    let worker = std::thread::spawn(move || {
        load_and_check(texts);
        let _ = done.send(());
    });
    match finished.recv_timeout(HANG) {
        Ok(()) => worker.join().unwrap(),
        // The worker dropped its sender by panicking: report its panic.
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
            std::panic::resume_unwind(worker.join().unwrap_err())
        }
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            panic!("loading did not finish within {HANG:?}: a hang")
        }
    }
}

fn load_and_check(texts: [Vec<u8>; 3]) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in FILES.iter().zip(&texts) {
        fs::write(dir.path().join(name), text).unwrap();
    }
    let loaded = matchslate::load::load_summit(dir.path());
    if let Some(summit) = &loaded.summit {
        assert_eq!(loaded.errors().count(), 0);
        for id in summit
            .sellers
            .iter()
            .map(|s| &s.id)
            .chain(summit.buyers.iter().map(|b| &b.id))
        {
            assert!(!id.is_empty() && id.trim() == id, "{id:?}");
        }
        let mut ids: Vec<&str> = summit.sellers.iter().map(|s| s.id.as_str()).collect();
        ids.sort_unstable();
        assert!(ids.windows(2).all(|w| w[0] != w[1]), "duplicate sellers");
        assert!(summit.slots.iter().all(|s| s.start < s.end));
    }
    for problem in &loaded.problems {
        assert!(!problem.message.is_empty());
    }
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 200,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_never_panic(
        which in 0..3usize,
        bytes in prop::collection::vec(any::<u8>(), 0..256),
    ) {
        let mut texts = FILES.map(|f| serde_json::to_vec(&good(f)).unwrap());
        texts[which] = bytes;
        load(texts);
    }

    #[test]
    fn arbitrary_json_never_panics(which in 0..3usize, value in any_json()) {
        let mut texts = FILES.map(|f| serde_json::to_vec(&good(f)).unwrap());
        texts[which] = serde_json::to_vec(&value).unwrap();
        load(texts);
    }

    #[test]
    fn one_arbitrary_value_in_good_files_never_panics(
        which in 0..3usize,
        pick in any::<usize>(),
        with in any_json(),
    ) {
        let mut values = FILES.map(good);
        swap_one(&mut values[which], pick, with);
        load(values.map(|v| serde_json::to_vec(&v).unwrap()));
    }
}

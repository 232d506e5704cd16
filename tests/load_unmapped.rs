#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The "no category for X; it is matched as plain text only" warning is
//! true: it names the terms no layer knows, at their place, and never a
//! term the HS or dictionary layer matches (those are matched through that
//! layer, not as plain text).

use std::fs;
use std::path::Path;

use matchslate::matching::layers::{Layer, resolve};
use matchslate::matching::mapper::Mapper;
use matchslate::summit::prepare_with_warnings;

/// The first of `candidates` that `layer`, and no layer above it, knows:
/// the test checks its own premise instead of trusting a word list.
fn known_only_by(layer: Layer, candidates: &[&str]) -> String {
    let taxonomy = matchslate::taxonomy::built_in().unwrap();
    let mapper = Mapper::new(&taxonomy);
    candidates
        .iter()
        .find(|term| resolve(&taxonomy, &mapper, term).layer == Some(layer))
        .unwrap_or_else(|| panic!("none of {candidates:?} resolves through {layer:?}"))
        .to_string()
}

#[test]
fn terms_the_broad_layers_know_are_not_called_unmapped() {
    let hs_term = known_only_by(
        Layer::Hs,
        &["umbrellas", "bicycles", "saddlery", "carpets", "pianos"],
    );
    let dictionary_term = known_only_by(Layer::Dictionary, &["皮革", "雨伞", "自行车", "地毯"]);
    let unknown = "quantum doohickeys";
    let dir = tempfile::tempdir().unwrap();
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
    fs::copy(good.join("event.json"), dir.path().join("event.json")).unwrap();
    let sellers = format!(
        "[\n  {{\"id\": \"S001\", \"company\": \"Acme\", \"categories\": [\"{hs_term}\", \"{unknown}\"]}}\n]\n"
    );
    let buyers = format!(
        "[\n  {{\"id\": \"B001\", \"company\": \"Wuhan Trading\", \"interests\": [\"{dictionary_term}\"]}}\n]\n"
    );
    fs::write(dir.path().join("sellers.json"), sellers).unwrap();
    fs::write(dir.path().join("buyers.json"), buyers).unwrap();

    let prepared = prepare_with_warnings(dir.path()).unwrap();
    let warnings: Vec<String> = prepared.warnings.iter().map(ToString::to_string).collect();
    let unmapped: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("no category for"))
        .collect();
    assert_eq!(unmapped.len(), 1, "{warnings:#?}");
    // Placed exactly: line 2, at the term's opening quote.
    let column =
        format!("  {{\"id\": \"S001\", \"company\": \"Acme\", \"categories\": [\"{hs_term}\", ")
            .chars()
            .count()
            + 1;
    let expected = format!(
        "sellers.json:2:{column}: warning: [0].categories[1]: no category for \"{unknown}\""
    );
    assert!(
        unmapped[0].contains(&expected),
        "{unmapped:?} lacks {expected}"
    );
    assert!(
        !warnings.iter().any(|w| w.contains(&hs_term)),
        "{warnings:#?}"
    );
    assert!(
        !warnings.iter().any(|w| w.contains(&dictionary_term)),
        "{warnings:#?}"
    );
}

//! Regression for a taxonomy's size driving memory as n²: the scorer once
//! stored a relation for every pair of categories (100,000 categories
//! asked for 40 GB and aborted; a chain 3,000 deep took over a minute).
//! Now relations are computed on demand from the tree, so a summit with a
//! taxonomy this large validates and ranks like any other.

use std::fmt::Write;
use std::path::Path;

use matchslate::summit::prepare;

/// 10 roots × 100 groups × 100 leaves, plus a chain 3,000 deep.
fn big_taxonomy() -> String {
    let mut cats = Vec::new();
    let mut cat = |id: &str, name: &str, parent: Option<&str>| {
        let parent = parent.map_or("null".to_string(), |p| format!("\"{p}\""));
        cats.push(format!(
            r#"{{"id": "{id}", "name": "{name}", "parent": {parent}}}"#
        ));
    };
    for r in 0..10 {
        cat(&format!("r{r}"), &format!("Root {r}"), None);
        for g in 0..100 {
            cat(
                &format!("g{r}-{g}"),
                &format!("Group {r} {g}"),
                Some(&format!("r{r}")),
            );
            for l in 0..100 {
                cat(
                    &format!("l{r}-{g}-{l}"),
                    &format!("Leaf {r} {g} {l}"),
                    Some(&format!("g{r}-{g}")),
                );
            }
        }
    }
    cat("c0", "Chain 0", None);
    for d in 1..3000 {
        cat(
            &format!("c{d}"),
            &format!("Chain {d}"),
            Some(&format!("c{}", d - 1)),
        );
    }
    // Real goods, so the demo's terms have somewhere to go.
    cat("cherries", "Cherries", Some("g0-0"));
    cat("sweet-cherries", "Sweet cherries", Some("cherries"));
    cat("tart-cherries", "Tart cherries", Some("cherries"));
    let mut text = String::from("[\n");
    for (i, c) in cats.iter().enumerate() {
        let sep = if i + 1 == cats.len() { "" } else { "," };
        let _ = writeln!(text, "{c}{sep}");
    }
    text.push(']');
    text
}

#[test]
fn a_taxonomy_of_over_100000_categories_validates_and_ranks() {
    let dir = tempfile::tempdir().unwrap();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    for file in ["event.json", "sellers.json", "buyers.json"] {
        std::fs::copy(demo.join(file), dir.path().join(file)).unwrap();
    }
    std::fs::write(dir.path().join("taxonomy.json"), big_taxonomy()).unwrap();
    let prepared = prepare(dir.path()).unwrap();
    assert_eq!(prepared.taxonomy().len(), 10 + 1000 + 100_000 + 3000 + 3);
    // Relations come from the tree on demand: same leaf, parent, sibling.
    let tax = prepared.taxonomy();
    let node = |id: &str| tax.get(id).unwrap() as u32;
    let scorer = &prepared.matcher.scorer;
    let (sweet, tart, cherries) = (
        node("sweet-cherries"),
        node("tart-cherries"),
        node("cherries"),
    );
    assert_eq!(scorer.relation(sweet, sweet), 1.0);
    assert!(scorer.relation(sweet, cherries) > scorer.relation(sweet, tart));
    assert!(scorer.relation(sweet, tart) > 0.0);
    assert_eq!(scorer.relation(node("c2999"), node("c0")), 0.0);
    assert_eq!(scorer.relation(node("l0-0-0"), node("l9-9-9")), 0.0);
    // Ranking through the index still equals scoring every seller.
    for b in 0..prepared.summit.buyers.len() {
        let indexed =
            prepared
                .matcher
                .top_sellers_scored(b, 5, &mut prepared.matcher.seen_sellers());
        let exhaustive = prepared.matcher.top_sellers_exhaustive(b, 5);
        let scores = |v: &[matchslate::matching::rank::Scored]| {
            v.iter()
                .map(|s| (s.other, s.breakdown.score))
                .collect::<Vec<_>>()
        };
        assert_eq!(scores(&indexed), scores(&exhaustive), "buyer {b}");
    }
}

#[test]
fn a_cycle_in_a_deep_chain_is_still_found() {
    let dir = tempfile::tempdir().unwrap();
    let mut cats = vec![r#"{"id": "c0", "name": "C0", "parent": "c4999"}"#.to_string()];
    for d in 1..5000 {
        cats.push(format!(
            r#"{{"id": "c{d}", "name": "C{d}", "parent": "c{}"}}"#,
            d - 1
        ));
    }
    let file = dir.path().join("taxonomy.json");
    std::fs::write(&file, format!("[{}]", cats.join(",\n"))).unwrap();
    let (taxonomy, problems) = matchslate::taxonomy::load_taxonomy(dir.path());
    assert!(taxonomy.is_none());
    let cycles = problems
        .iter()
        .filter(|p| p.to_string().contains("own ancestor"))
        .count();
    assert_eq!(cycles, 5000);
}

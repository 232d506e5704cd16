//! The mapper looks a term up among the few taxonomy names an index says
//! could match; that must map every term exactly as comparing it with
//! every name does: the demo's and the generator's terms, the taxonomy's
//! own names misspelled, abbreviated and cut, and dictionary glosses.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use matchslate::generate::vocab::PRODUCTS;
use matchslate::matching::lexicon;
use matchslate::matching::mapper::Mapper;
use matchslate::taxonomy;
use proptest::prelude::*;

fn demo_terms() -> Vec<String> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut terms = Vec::new();
    for (file, fields) in [
        ("sellers.json", &["categories", "keywords"][..]),
        ("buyers.json", &["interests"][..]),
    ] {
        let text = std::fs::read_to_string(data.join(file)).unwrap();
        let people: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
        for person in &people {
            for field in fields {
                for term in person[field].as_array().into_iter().flatten() {
                    terms.push(term.as_str().unwrap().to_string());
                }
            }
        }
    }
    terms
}

/// Variants of a name as people mistype it: a swap, a drop, a doubled
/// letter, a prefix of each word, and the name inside a phrase.
fn variants(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut out = vec![
        name.to_string(),
        format!("fresh {name}"),
        name.to_uppercase(),
    ];
    // A slip near the start, in the middle and near the end.
    let mut at = vec![1, chars.len() / 2, chars.len().saturating_sub(2)];
    at.dedup();
    for i in at.into_iter().filter(|&i| i < chars.len()) {
        let mut dropped = chars.clone();
        dropped.remove(i);
        out.push(dropped.iter().collect());
        let mut doubled = chars.clone();
        doubled.insert(i, chars[i]);
        out.push(doubled.iter().collect());
        if i + 1 < chars.len() {
            let mut swapped = chars.clone();
            swapped.swap(i, i + 1);
            out.push(swapped.iter().collect());
        }
    }
    let prefixes: Vec<String> = name
        .split_whitespace()
        .map(|w| w.chars().take(3).collect())
        .collect();
    out.push(prefixes.join(" "));
    out
}

fn built_in_mapper() -> &'static Mapper {
    static MAPPER: std::sync::OnceLock<Mapper> = std::sync::OnceLock::new();
    MAPPER.get_or_init(|| Mapper::new(&taxonomy::built_in().unwrap()))
}

fn assert_same(mapper: &Mapper, term: &str) {
    assert_eq!(
        mapper.map(term),
        mapper.map_exhaustive(term),
        "term {term:?}"
    );
}

#[test]
fn indexed_mapping_equals_comparing_with_every_name() {
    let taxonomy = taxonomy::built_in().unwrap();
    let mapper = built_in_mapper();
    let mut terms = demo_terms();
    for product in PRODUCTS {
        terms.extend(
            product
                .english
                .iter()
                .chain(product.chinese)
                .map(|t| t.to_string()),
        );
    }
    // Every fourth category: comparing with every name is slow in a debug build.
    for category in taxonomy.categories.iter().step_by(4) {
        let names = std::iter::once(&category.name).chain(&category.synonyms);
        for name in names {
            terms.extend(variants(name));
        }
        terms.extend(category.zh.iter().cloned());
        for zh in &category.zh {
            let chars: Vec<char> = zh.chars().collect();
            terms.push(format!("美国{zh}"));
            terms.push(chars.iter().skip(1).collect());
        }
    }
    let lex = lexicon::lexicon();
    for headword in lex.dictionary.headwords().step_by(2003) {
        terms.push(headword.to_string());
        terms.extend(
            lex.dictionary
                .glosses(headword)
                .unwrap_or(&[])
                .iter()
                .cloned(),
        );
    }
    terms.sort();
    terms.dedup();
    assert!(terms.len() > 1_000, "{} terms", terms.len());
    for term in &terms {
        assert_same(mapper, term);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_short_text_maps_as_it_would_against_every_name(
        term in "[a-z ]{1,14}|[a-z]{3,9} [a-z]{3,9}|[车厘子红酒坚果牛肉樱桃干 ]{1,6}"
    ) {
        let mapper = built_in_mapper();
        prop_assert_eq!(mapper.map(&term), mapper.map_exhaustive(&term));
    }
}

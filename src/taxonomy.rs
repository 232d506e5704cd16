//! The product category tree: English and Chinese names, synonyms and HS
//! code prefixes, loaded from `taxonomy.json` with the same exact errors as
//! the other input files. A summit folder without one uses the built-in
//! taxonomy (the one bundled in `data/`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::load::json::{Element, JsonFile};
use crate::load::{Diagnostic, PathSeg, Severity, has_unsafe_chars, is_hs_code};

pub const TAXONOMY_FILE: &str = "taxonomy.json";

/// The taxonomy shipped with matchslate, used when a summit has none.
pub const BUILT_IN: &str = include_str!("../data/taxonomy.json");

#[derive(Debug, Deserialize)]
#[serde(expecting = "a category object")]
struct RawCategory {
    id: String,
    name: String,
    #[serde(default)]
    parent: Option<String>,
    #[serde(default)]
    synonyms: Vec<String>,
    #[serde(default)]
    zh: Vec<String>,
    #[serde(default)]
    hs: Vec<String>,
}

const CATEGORY_FIELDS: &[&str] = &["id", "name", "parent", "synonyms", "zh", "hs"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub id: String,
    pub name: String,
    pub parent: Option<usize>,
    pub synonyms: Vec<String>,
    pub zh: Vec<String>,
    /// HS prefixes as bare digits (`080929`).
    pub hs: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taxonomy {
    pub categories: Vec<Category>,
    by_id: HashMap<String, usize>,
    /// Where it came from, for messages (`built-in` for the bundled one).
    pub source: PathBuf,
}

impl Taxonomy {
    pub fn len(&self) -> usize {
        self.categories.len()
    }

    pub fn is_empty(&self) -> bool {
        self.categories.is_empty()
    }

    pub fn get(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub fn parent(&self, node: usize) -> Option<usize> {
        self.categories[node].parent
    }

    /// `node` and its ancestors, nearest first.
    pub fn lineage(&self, node: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(Some(node), |&n| self.categories[n].parent)
    }

    pub fn is_ancestor(&self, ancestor: usize, node: usize) -> bool {
        ancestor != node && self.lineage(node).any(|n| n == ancestor)
    }

    pub fn leaf_count(&self) -> usize {
        let mut has_child = vec![false; self.len()];
        for c in &self.categories {
            if let Some(p) = c.parent {
                has_child[p] = true;
            }
        }
        has_child.iter().filter(|h| !**h).count()
    }
}

/// Loads `dir/taxonomy.json`, or the built-in taxonomy when it is absent.
pub fn load_taxonomy(dir: &Path) -> (Option<Taxonomy>, Vec<Diagnostic>) {
    let path = dir.join(TAXONOMY_FILE);
    if path.exists() {
        match JsonFile::read(&path) {
            Ok(file) => parse_taxonomy(&file),
            Err(problem) => (None, vec![problem]),
        }
    } else {
        built_in_with_problems()
    }
}

fn built_in_with_problems() -> (Option<Taxonomy>, Vec<Diagnostic>) {
    let file = JsonFile::from_text(Path::new("built-in taxonomy.json"), BUILT_IN.to_string());
    parse_taxonomy(&file)
}

/// The bundled taxonomy. It is checked by the test suite, so a failure here
/// is a bug in matchslate, reported as such rather than as a panic.
pub fn built_in() -> Result<Taxonomy, Vec<Diagnostic>> {
    match built_in_with_problems() {
        (Some(taxonomy), _) => Ok(taxonomy),
        (None, problems) => Err(problems),
    }
}

pub fn parse_taxonomy(file: &JsonFile) -> (Option<Taxonomy>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let raw: Vec<Element<RawCategory>> =
        file.parse_array("categories", CATEGORY_FIELDS, &mut problems);
    let key = |name: &str| PathSeg::Key(name.to_string());
    let report = |problems: &mut Vec<Diagnostic>,
                  e: &Element<RawCategory>,
                  path: Vec<PathSeg>,
                  message: String,
                  hint: &str| {
        let full = [vec![PathSeg::Index(e.index)], path].concat();
        problems.push(file.problem_in(
            Severity::Error,
            e.offset,
            &full,
            message,
            Some(hint.to_string()),
        ));
    };
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for (position, e) in raw.iter().enumerate() {
        let c = &e.value;
        let texts = std::iter::once(&c.id)
            .chain(std::iter::once(&c.name))
            .chain(&c.synonyms)
            .chain(&c.zh);
        if let Some(bad) = texts.into_iter().find(|t| has_unsafe_chars(t)) {
            report(
                &mut problems,
                e,
                vec![],
                format!("contains a control character: {bad:?}"),
                "remove the invisible characters",
            );
        }
        if c.id.trim().is_empty() {
            report(
                &mut problems,
                e,
                vec![key("id")],
                "the id is empty".into(),
                "give every category a unique id",
            );
        } else if let Some(&first) = by_id.get(&c.id) {
            report(
                &mut problems,
                e,
                vec![key("id")],
                format!(
                    "duplicate id \"{}\": also used at {}",
                    c.id,
                    file.place(raw[first].offset)
                ),
                "category ids must be unique",
            );
        } else {
            by_id.insert(c.id.clone(), position);
        }
        if c.name.trim().is_empty() {
            report(
                &mut problems,
                e,
                vec![key("name")],
                "the name is empty".into(),
                "give the category an English name",
            );
        }
        for (i, code) in c.hs.iter().enumerate() {
            if !is_hs_code(code) {
                report(
                    &mut problems,
                    e,
                    vec![key("hs"), PathSeg::Index(i)],
                    format!("expected an HS prefix of 2 to 10 digits, found \"{code}\""),
                    "write HS prefixes like 08, 0809 or 0809.29",
                );
            }
        }
    }
    let mut parents = vec![None; raw.len()];
    for (position, e) in raw.iter().enumerate() {
        if let Some(parent) = &e.value.parent {
            match by_id.get(parent) {
                Some(&p) => parents[position] = Some(p),
                None => report(
                    &mut problems,
                    e,
                    vec![key("parent")],
                    format!("parent \"{parent}\" is not a category id"),
                    "name an existing category as parent, or null for a top-level one",
                ),
            }
        }
    }
    for (position, e) in raw.iter().enumerate() {
        // Walking up more steps than there are nodes means a cycle.
        let mut node = position;
        for _ in 0..=raw.len() {
            match parents[node] {
                Some(p) if p == position => {
                    report(
                        &mut problems,
                        e,
                        vec![key("parent")],
                        format!("category \"{}\" is its own ancestor (a cycle)", e.value.id),
                        "break the cycle by changing one parent",
                    );
                    break;
                }
                Some(p) => node = p,
                None => break,
            }
        }
    }
    if raw.is_empty() && problems.is_empty() {
        problems.push(Diagnostic::file_error(
            &file.path,
            "the taxonomy has no categories",
            "add categories, or delete the file to use the built-in taxonomy",
        ));
    }
    if problems.iter().any(Diagnostic::is_error) {
        return (None, problems);
    }
    let categories = raw
        .into_iter()
        .zip(parents)
        .map(|(e, parent)| Category {
            id: e.value.id,
            name: e.value.name,
            parent,
            synonyms: e.value.synonyms,
            zh: e.value.zh,
            hs: e.value.hs.iter().map(|h| h.replace('.', "")).collect(),
        })
        .collect();
    let taxonomy = Taxonomy {
        categories,
        by_id,
        source: file.path.clone(),
    };
    (Some(taxonomy), problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Option<Taxonomy>, Vec<Diagnostic>) {
        parse_taxonomy(&JsonFile::from_text(
            Path::new("taxonomy.json"),
            text.to_string(),
        ))
    }

    #[test]
    fn the_built_in_taxonomy_is_sound_and_large_enough() {
        let taxonomy = built_in().expect("built-in taxonomy has errors");
        assert!(
            taxonomy.leaf_count() >= 120,
            "only {} leaves",
            taxonomy.leaf_count()
        );
    }

    #[test]
    fn cycles_missing_parents_and_duplicates_are_errors() {
        let (tax, problems) = parse(
            r#"[{"id": "a", "name": "A", "parent": "b"},
                {"id": "b", "name": "B", "parent": "a"},
                {"id": "c", "name": "C", "parent": "zzz"},
                {"id": "c", "name": "C2", "hs": ["08x"]}]"#,
        );
        assert!(tax.is_none());
        let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(
            messages.iter().any(|m| m.contains("own ancestor")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("\"zzz\" is not a category id"))
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("duplicate id \"c\": also used at taxonomy.json:3:"))
        );
        assert!(messages.iter().any(|m| m.contains("[3].hs[0]")));
    }

    #[test]
    fn lineage_walks_up_to_the_root() {
        let (tax, problems) = parse(
            r#"[{"id": "food", "name": "Food"},
                {"id": "fruit", "name": "Fruit", "parent": "food"},
                {"id": "cherries", "name": "Cherries", "parent": "fruit", "hs": ["0809.29"]}]"#,
        );
        assert!(problems.is_empty(), "{problems:?}");
        let tax = tax.unwrap();
        let cherries = tax.get("cherries").unwrap();
        let names: Vec<&str> = tax
            .lineage(cherries)
            .map(|n| tax.categories[n].id.as_str())
            .collect();
        assert_eq!(names, ["cherries", "fruit", "food"]);
        assert!(tax.is_ancestor(tax.get("food").unwrap(), cherries));
        assert_eq!(tax.categories[cherries].hs, ["080929"]);
    }
}

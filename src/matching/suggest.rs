//! Growing the curated layer: the terms of a summit that only the broad
//! layers (HS, dictionary) knew, or that nothing knew, each with a
//! proposed curated category (id, English name, Chinese names from the
//! dictionary, HS prefixes, a parent whose HS prefixes hold the code).
//! Staff review the proposals in a patch file; nothing is merged.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::Matcher;
use super::layers::Layer;
use super::lexicon;
use super::normalize::{has_cjk, normalize};
use crate::model::Summit;

/// The patch file written beside the summit's files.
pub const PATCH_FILE: &str = "taxonomy.suggested.json";

/// A category proposed for `taxonomy.json`, in its format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProposedCategory {
    pub id: String,
    pub name: String,
    pub parent: Option<String>,
    pub synonyms: Vec<String>,
    pub zh: Vec<String>,
    pub hs: Vec<String>,
}

/// One term the curated taxonomy does not know.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub term: String,
    /// The broad layer that knew it, or None when nothing did.
    pub layer: Option<Layer>,
    /// How many participants wrote it.
    pub uses: usize,
    pub proposed: ProposedCategory,
}

#[derive(Debug, thiserror::Error)]
pub enum SuggestError {
    #[error("cannot write {path}: {source}; check that the folder exists and is writable")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The terms (seller categories, buyer interests) no curated category
/// knew, most used first, then alphabetically.
pub fn suggest(summit: &Summit, matcher: &Matcher) -> Vec<Suggestion> {
    let mut uses: BTreeMap<&str, (usize, Option<Layer>)> = BTreeMap::new();
    let goods = summit
        .sellers
        .iter()
        .zip(&matcher.sellers)
        .map(|(s, p)| (s.categories.len(), p))
        .chain(matcher.buyers.iter().map(|p| (p.terms.len(), p)));
    for (count, profile) in goods {
        for (term, layer) in profile.terms.iter().zip(&profile.layers).take(count) {
            if *layer != Some(Layer::Curated) {
                let entry = uses.entry(&**term).or_insert((0, *layer));
                entry.0 += 1;
            }
        }
    }
    let headwords = headwords_by_gloss();
    let mapper = super::mapper::Mapper::new(&matcher.taxonomy);
    let mut out: Vec<Suggestion> = uses
        .into_iter()
        .map(|(term, (uses, layer))| Suggestion {
            term: term.to_string(),
            layer,
            uses,
            proposed: propose(matcher, &mapper, term, &headwords),
        })
        .collect();
    out.sort_by(|a, b| b.uses.cmp(&a.uses).then(a.term.cmp(&b.term)));
    out
}

/// Dictionary headwords by normalised gloss: the Chinese names of a good.
fn headwords_by_gloss() -> HashMap<String, Vec<String>> {
    let dictionary = &lexicon::lexicon().dictionary;
    let mut by: HashMap<String, Vec<String>> = HashMap::new();
    for word in dictionary.headwords() {
        for gloss in dictionary.glosses(word).unwrap_or_default() {
            by.entry(normalize(gloss))
                .or_default()
                .push(word.to_string());
        }
    }
    by.values_mut().for_each(|v| {
        v.sort();
        v.dedup();
    });
    by
}

fn propose(
    m: &Matcher,
    mapper: &super::mapper::Mapper,
    term: &str,
    headwords: &HashMap<String, Vec<String>>,
) -> ProposedCategory {
    let meaning = super::layers::resolve(&m.taxonomy, mapper, term);
    let english = match (&meaning.gloss, has_cjk(term)) {
        (Some(gloss), _) => gloss.clone(),
        (None, false) => term.trim().to_string(),
        (None, true) => String::new(),
    };
    // Names for the whole phrase, else for its head word ("leather").
    let norm = normalize(&english);
    let head = norm.rsplit(' ').next().unwrap_or("").to_string();
    let mut zh: Vec<String> = headwords
        .get(&norm)
        .or_else(|| headwords.get(&head))
        .cloned()
        .unwrap_or_default();
    if has_cjk(term) {
        // The buyer's own word first.
        zh.retain(|z| z != term.trim());
        zh.insert(0, term.trim().to_string());
    }
    zh.truncate(6);
    let hs: Vec<String> = meaning.hs.iter().map(|h| dotted(&h.code)).collect();
    let name = if english.is_empty() {
        term.trim().to_string()
    } else {
        title(&english)
    };
    ProposedCategory {
        id: slug(if english.is_empty() { term } else { &english }),
        parent: parent_for(m, &meaning.hs),
        synonyms: if english.is_empty() || english.eq_ignore_ascii_case(&name) {
            vec![]
        } else {
            vec![english]
        },
        zh,
        hs,
        name,
    }
}

/// The curated category whose HS prefixes hold the code most closely, so
/// the new category sits where the two layers meet.
fn parent_for(m: &Matcher, hs: &[lexicon::HsMatch]) -> Option<String> {
    let mut best: Option<(usize, &str)> = None;
    for code in hs {
        for c in &m.taxonomy.categories {
            for prefix in &c.hs {
                if code.code.starts_with(prefix.as_str())
                    && best.is_none_or(|(len, _)| prefix.len() > len)
                {
                    best = Some((prefix.len(), c.id.as_str()));
                }
            }
        }
    }
    best.map(|(_, id)| id.to_string())
}

fn dotted(code: &str) -> String {
    if code.len() > 4 {
        format!("{}.{}", &code[..4], &code[4..])
    } else {
        code.to_string()
    }
}

fn title(text: &str) -> String {
    text.split_whitespace()
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn slug(text: &str) -> String {
    let s: String = normalize(text)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    format!("suggested-{}", s.trim_matches('-'))
}

/// Writes the proposals as a JSON array of categories in `taxonomy.json`'s
/// format to `dir/taxonomy.suggested.json`, atomically (a temporary file
/// in the same folder, then renamed). `taxonomy.json` itself is never touched.
pub fn write_patch(dir: &Path, suggestions: &[Suggestion]) -> Result<PathBuf, SuggestError> {
    let path = dir.join(PATCH_FILE);
    let error = |source| SuggestError::Write {
        path: path.clone(),
        source,
    };
    let proposed: Vec<&ProposedCategory> = suggestions.iter().map(|s| &s.proposed).collect();
    let mut text = serde_json::to_string_pretty(&proposed).map_err(|e| error(e.into()))?;
    text.push('\n');
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(error)?;
    file.write_all(text.as_bytes()).map_err(error)?;
    file.as_file().sync_all().map_err(error)?;
    file.persist(&path).map_err(|e| error(e.error))?;
    Ok(path)
}

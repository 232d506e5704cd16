//! Reasons a person can read, built from a score breakdown:
//! `cherries ≈ 车厘子 (Cherries, 1.00)`, `missing: USDA Organic`.

use super::Matcher;
use super::lexicon;
use super::normalize::{singular, tokens};
use super::profile::{HsCode, Profile};
use super::score::{Breakdown, Evidence, certification_matches};
use crate::model::Summit;

fn category_reason(m: &Matcher, sp: &Profile, bp: &Profile, e: &Evidence) -> String {
    let name = |n: u32| m.taxonomy.categories[n as usize].name.as_str();
    let (s, b) = (e.seller_node, e.buyer_node);
    let link = if s == b {
        name(s).to_string()
    } else if m.taxonomy.is_ancestor(b as usize, s as usize) {
        format!("{} in {}", name(s), name(b))
    } else if m.taxonomy.is_ancestor(s as usize, b as usize) {
        format!("{} includes {}", name(s), name(b))
    } else {
        format!("{} ~ {}, related", name(s), name(b))
    };
    format!(
        "{} ≈ {} ({link}, {:.2})",
        sp.term_label(e.seller),
        bp.term_label(e.buyer),
        e.value
    )
}

/// The most characters of an HS description a reason shows.
const DESCRIPTION_WIDTH: usize = 40;

/// Words that join a phrase to the noun before it without a comma.
const JOINING: [&str; 8] = [
    "with",
    "of",
    "for",
    "in",
    "from",
    "without",
    "containing",
    "whether",
];

/// An HS description as a reason shows it: the part that names the good,
/// short enough to read. Subheadings open with their heading's general
/// words ("Fruit, edible; cherries, other than sour cherries (Prunus
/// cerasus), fresh"), so the clause naming the good is kept: the one
/// holding a word of the term read through it, else a clause opening with
/// a plural noun; a clause opening with "sparkling" or "of a kind" keeps
/// the heading before it. Asides in brackets go; then whole phrases are
/// kept while they fit, and a last phrase too long is cut before an
/// alternative ("… of leather or of composition leather").
pub(super) fn hs_short(description: &str, term: &str) -> String {
    let unbracketed = without_brackets(description);
    let clauses: Vec<&str> = (unbracketed.split(';'))
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let term_words = tokens(term);
    let names_term = |clause: &str| tokens(clause).iter().any(|w| term_words.contains(w));
    let text = match clauses.as_slice() {
        [] => String::new(),
        [only] => only.to_string(),
        [heading, specific, ..] => {
            let first = specific.split([' ', ',']).next().unwrap_or("");
            let plural =
                first.is_ascii() && singular(&first.to_lowercase()) != first.to_lowercase();
            if names_term(specific) || (plural && !names_term(heading)) {
                specific.to_string()
            } else if JOINING.contains(&first) {
                format!("{heading} {specific}")
            } else {
                format!("{heading}, {specific}")
            }
        }
    };
    let mut phrases = text.split(',').map(str::trim).filter(|p| !p.is_empty());
    let mut out = phrases.next().unwrap_or("").to_string();
    for phrase in phrases {
        let joining = JOINING.contains(&phrase.split(' ').next().unwrap_or(""));
        let next = format!("{out}{}{phrase}", if joining { " " } else { ", " });
        if next.chars().count() <= DESCRIPTION_WIDTH {
            out = next;
            continue;
        }
        // An alternative cut off still leaves a true phrase.
        if let Some(cut) = next.get(out.len()..).and_then(|rest| rest.find(" or ")) {
            let shorter = &next[..out.len() + cut];
            if shorter.chars().count() <= DESCRIPTION_WIDTH {
                out = shorter.to_string();
            }
        }
        break;
    }
    if out.chars().count() > DESCRIPTION_WIDTH
        && let Some(cut) = out.find(" or ")
    {
        out.truncate(cut);
    }
    let mut chars = out.chars();
    let capital: String = match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    crate::text::fit(&capital, DESCRIPTION_WIDTH)
}

/// The text without asides in brackets, spaces closed up around them.
fn without_brackets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" ,", ",")
        .replace(" ;", ";")
}

/// An HS code's description as a reason shows it ([`hs_short`]).
fn short_description(digits: &str, term: &str) -> Option<String> {
    let text = lexicon::lexicon().hs.describe(digits)?;
    Some(hs_short(text, term))
}

/// An HS code as a reason shows it, saying which layer it came from.
fn hs_label(m: &Matcher, p: &Profile, code: &HsCode) -> String {
    let dotted = dotted(&code.digits);
    if let Some(node) = code.node {
        return format!(
            "HS {dotted} ({})",
            m.taxonomy.categories[node as usize].name
        );
    }
    // The words the HS layer read: a Chinese term's gloss, else the term.
    let read = code.term.map(|term| {
        let i = usize::from(term);
        match p.glosses.get(i).and_then(Option::as_ref) {
            Some(gloss) => gloss.to_string(),
            None => p.terms.get(i).map_or(String::new(), |t| t.to_string()),
        }
    });
    let described = match short_description(&code.digits, read.as_deref().unwrap_or("")) {
        Some(d) => format!("HS {dotted} {d}"),
        None => format!("HS {dotted}"),
    };
    match code.term {
        Some(term) => format!("{} ≈ {described}", p.term_label(term)),
        None => described,
    }
}

/// HS digits as people write them: `080929` → `0809.29`.
pub fn dotted(digits: &str) -> String {
    if digits.len() > 4 {
        format!("{}.{}", &digits[..4], &digits[4..])
    } else {
        digits.to_string()
    }
}

pub fn reasons(
    m: &Matcher,
    summit: &Summit,
    seller: usize,
    buyer: usize,
    d: &Breakdown,
) -> Vec<String> {
    let sp = &m.sellers[seller];
    let bp = &m.buyers[buyer];
    let mut out = Vec::new();
    if d.category.value > 0.0 {
        out.push(category_reason(m, sp, bp, &d.category));
    }
    if d.second.value > 0.0 {
        out.push(format!("also {}", category_reason(m, sp, bp, &d.second)));
    }
    if d.hs.value > 0.0 {
        let (sc, bc) = (
            &sp.hs[usize::from(d.hs.seller)],
            &bp.hs[usize::from(d.hs.buyer)],
        );
        out.push(format!(
            "{} ≈ {} ({:.2})",
            hs_label(m, sp, sc),
            hs_label(m, bp, bc),
            d.hs.value
        ));
    }
    if d.text.value > 0.0 {
        let term = |terms: &[std::sync::Arc<str>], i: u16| {
            terms.get(usize::from(i)).map_or("", |t| &**t).to_string()
        };
        out.push(format!(
            "\"{}\" ~ \"{}\" (text only, no category; {:.2})",
            term(&sp.terms, d.text.seller),
            term(&bp.terms, d.text.buyer),
            d.text.value
        ));
    }
    if d.topical <= 0.0 {
        out.push("no category, HS code or word in common".to_string());
        return out;
    }
    let buyer_type = &summit.buyers[buyer].buyer_type;
    if !buyer_type.is_empty() {
        let article = if buyer_type.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        if d.fit >= 0.95 {
            out.push(format!("suits {article} {buyer_type}"));
        } else if d.fit <= 0.35 {
            out.push(format!("unusual for {article} {buyer_type}"));
        }
    }
    let required = &summit.buyers[buyer].required_certifications;
    for (cert, norm) in required.iter().zip(&bp.certifications) {
        let has = sp
            .certifications
            .iter()
            .any(|held| certification_matches(held, norm));
        out.push(if has {
            format!("has: {cert}")
        } else {
            format!("missing: {cert}")
        });
    }
    if d.interpreter {
        out.push(format!(
            "interpreter needed ({} / {})",
            summit.sellers[seller].languages.join(","),
            summit.buyers[buyer].languages.join(",")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn short(digits: &str, term: &str) -> String {
        short_description(digits, term).unwrap_or_default()
    }

    #[test]
    fn hs_reasons_name_the_good_not_the_heading() {
        // "Cases and containers; handbags (…), with outer surface of
        // leather or of composition leather"
        assert_eq!(
            short("420221", "handbags"),
            "Handbags with outer surface of leather"
        );
        // "Fruit, edible; cherries, other than sour cherries (Prunus
        // cerasus), fresh", with no term: the plural noun opens the good.
        assert_eq!(short("080929", ""), "Cherries, other than sour cherries");
        // A clause that only qualifies keeps its heading.
        assert_eq!(short("220410", ""), "Wine, sparkling");
        assert_eq!(
            short("4107", "leather"),
            "Leather further prepared after tanning"
        );
    }

    #[test]
    fn descriptions_without_clauses_or_brackets_pass_through() {
        assert_eq!(hs_short("Honey, natural", ""), "Honey, natural");
        assert_eq!(hs_short("", ""), "");
        assert_eq!(
            hs_short(
                "Cases and containers; of a kind normally carried in the pocket",
                ""
            ),
            "Cases and containers of a kind normally…"
        );
        assert!(hs_short(&"word ".repeat(30), "").chars().count() <= DESCRIPTION_WIDTH);
    }
}

//! Reasons a person can read, built from a score breakdown:
//! `cherries ≈ 车厘子 (Cherries, 1.00)`, `missing: USDA Organic`.

use super::Matcher;
use super::lexicon;
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

/// A description's first clause, short enough for a reason.
fn short_description(digits: &str) -> Option<String> {
    let text = lexicon::lexicon().hs.describe(digits)?;
    let first = text.split([';', ',', '(']).next().unwrap_or(text).trim();
    Some(crate::text::fit(first, 40))
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
    let described = match short_description(&code.digits) {
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

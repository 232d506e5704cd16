//! Reasons a person can read, built from a score breakdown:
//! `cherries ≈ 车厘子 (Cherries, 1.00)`, `missing: USDA Organic`.

use super::Matcher;
use super::score::{Breakdown, Evidence, certification_matches};
use crate::model::Summit;

fn category_reason(
    m: &Matcher,
    seller_terms: &[String],
    buyer_terms: &[String],
    e: &Evidence,
) -> String {
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
    let term = |terms: &[String], i: u16| terms.get(usize::from(i)).cloned().unwrap_or_default();
    format!(
        "{} ≈ {} ({link}, {:.2})",
        term(seller_terms, e.seller),
        term(buyer_terms, e.buyer),
        e.value
    )
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
        out.push(category_reason(m, &sp.terms, &bp.terms, &d.category));
    }
    if d.second.value > 0.0 {
        out.push(format!(
            "also {}",
            category_reason(m, &sp.terms, &bp.terms, &d.second)
        ));
    }
    if d.hs.value > 0.0 {
        let (sc, bc) = (
            &sp.hs[usize::from(d.hs.seller)],
            &bp.hs[usize::from(d.hs.buyer)],
        );
        let label = |code: &super::profile::HsCode| match code.node {
            Some(node) => format!(
                "HS {} ({})",
                dotted(&code.digits),
                m.taxonomy.categories[node as usize].name
            ),
            None => format!("HS {}", dotted(&code.digits)),
        };
        out.push(format!("{} ≈ {} ({:.2})", label(sc), label(bc), d.hs.value));
    }
    if d.text.value > 0.0 {
        let term =
            |terms: &[String], i: u16| terms.get(usize::from(i)).cloned().unwrap_or_default();
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

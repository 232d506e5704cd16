//! Printing a slate: the print folder's plain input, built from the
//! matcher's view of each participant and pair.

use std::collections::HashMap;

use super::Prepared;
use crate::export::print::{PairReason, PrintInput, Term, VersionStamp};
use crate::matching::profile::Profile;
use crate::model::Slate;
use crate::taxonomy::Taxonomy;

impl Prepared {
    /// What [`crate::export::print::write_print_folder`] needs for `slate`:
    /// the trades of each participant on the slate through the taxonomy's
    /// English and Chinese names, and each meeting's strongest reason.
    pub fn print_input<'a>(&'a self, slate: &'a Slate, version: VersionStamp) -> PrintInput<'a> {
        let taxonomy = self.taxonomy();
        let matcher = &self.matcher;
        // Pages show a participant's trades only to those they meet: the
        // million sellers of a large summit who do not meet need none.
        let mut sellers_meet = vec![false; self.summit.sellers.len()];
        let mut buyers_meet = vec![false; self.summit.buyers.len()];
        for m in &slate.meetings {
            if let Some(meets) = sellers_meet.get_mut(m.seller) {
                *meets = true;
            }
            if let Some(meets) = buyers_meet.get_mut(m.buyer) {
                *meets = true;
            }
        }
        let own_terms = |profiles: &[Profile], meet: Vec<bool>, terms: &dyn Fn(usize) -> usize| {
            (profiles.iter().zip(meet).enumerate())
                .map(|(i, (profile, meets))| match meets {
                    true => trades(taxonomy, profile, terms(i)),
                    false => Vec::new(),
                })
                .collect()
        };
        let (sellers, buyers) = (&self.summit.sellers, &self.summit.buyers);
        let seller_trades = own_terms(&matcher.sellers, sellers_meet, &|i| {
            sellers.get(i).map_or(0, |s| s.categories.len())
        });
        let buyer_trades = own_terms(&matcher.buyers, buyers_meet, &|i| {
            buyers.get(i).map_or(0, |b| b.interests.len())
        });
        let reasons = slate
            .meetings
            .iter()
            .map(|m| ((m.seller, m.buyer), self.top_reason(m.seller, m.buyer)))
            .collect::<HashMap<_, _>>();
        PrintInput {
            summit: &self.summit,
            slate,
            seller_trades,
            buyer_trades,
            reasons,
            version,
        }
    }

    /// The pair's strongest evidence, as plain data to phrase.
    fn top_reason(&self, seller: usize, buyer: usize) -> PairReason {
        let matcher = &self.matcher;
        let taxonomy = self.taxonomy();
        let (Some(sp), Some(bp)) = (matcher.sellers.get(seller), matcher.buyers.get(buyer)) else {
            return PairReason::Arranged;
        };
        let d = matcher.evaluate(seller, buyer);
        if d.category.value > 0.0 {
            let (Some(offer), Some(want)) = (
                term(taxonomy, d.category.seller_node),
                term(taxonomy, d.category.buyer_node),
            ) else {
                return PairReason::Arranged;
            };
            return PairReason::Category { offer, want };
        }
        if d.hs.value > 0.0
            && let Some(code) = sp.hs.get(usize::from(d.hs.seller))
        {
            return PairReason::HsCode {
                code: crate::matching::dotted(&code.digits),
                name: code.node.and_then(|node| term(taxonomy, node)),
            };
        }
        if d.text.value > 0.0
            && let (Some(offer), Some(want)) = (
                sp.terms.get(usize::from(d.text.seller)),
                bp.terms.get(usize::from(d.text.buyer)),
            )
        {
            return PairReason::Words {
                offer: offer.to_string(),
                want: want.to_string(),
            };
        }
        PairReason::Arranged
    }
}

/// The categories a participant's own category or interest terms map to
/// (keywords only describe them), best match first, each once.
fn trades(taxonomy: &Taxonomy, profile: &Profile, own_terms: usize) -> Vec<Term> {
    let mut hits: Vec<_> = (profile.hits.iter())
        .filter(|hit| usize::from(hit.term) < own_terms)
        .collect();
    hits.sort_by(|a, b| {
        a.term
            .cmp(&b.term)
            .then(b.similarity.total_cmp(&a.similarity))
    });
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for hit in hits {
        if seen.contains(&hit.node) {
            continue;
        }
        seen.push(hit.node);
        out.extend(term(taxonomy, hit.node));
    }
    out
}

fn term(taxonomy: &Taxonomy, node: u32) -> Option<Term> {
    let category = taxonomy.categories.get(node as usize)?;
    Some(Term::new(
        category.name.clone(),
        category.zh.first().cloned().unwrap_or_default(),
    ))
}

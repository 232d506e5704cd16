//! Merging the checked wishes of the JSON files and `wishes.csv` per
//! participant: a wish given twice, in both lists or differently in two
//! places is an error naming both places; `meet` lists are put in rank order
//! and capped at `max_wishes`.

use std::collections::HashMap;

use super::diagnostic::{Diagnostic, Severity};
use super::wishes::{CheckedWishes, Origin, Places, WishKind, Written};
use crate::model::{Side, Wishes};

fn is_csv(origin: &Origin) -> bool {
    matches!(origin, Origin::Csv { .. })
}

fn describe(kind: WishKind) -> String {
    match kind {
        WishKind::Meet(rank) => format!("meet (rank {rank})"),
        WishKind::Avoid => "avoid".to_string(),
    }
}

/// The message and hint for a wish given again: twice in one list, in
/// both lists, or differently in the JSON and the CSV.
fn conflict(
    first: &Written,
    again: Written,
    same_source: bool,
    places: &Places,
) -> (String, String) {
    let there = places.place(&first.origin);
    let to = &again.to;
    let both_meet = matches!(
        (first.kind, again.kind),
        (WishKind::Meet(_), WishKind::Meet(_))
    );
    if same_source && (both_meet || first.kind == again.kind) {
        return (
            format!("{to:?} is listed twice (first at {there})"),
            "remove one of the two; a meet list's order gives the ranks".to_string(),
        );
    }
    if same_source {
        return (
            format!("{to:?} is in both meet and avoid (also at {there})"),
            "an id may be in only one of the two lists; remove one".to_string(),
        );
    }
    (
        format!(
            "{to:?} is given as {} here but as {} at {there}",
            describe(again.kind),
            describe(first.kind)
        ),
        "give the pair once, or make both places agree".to_string(),
    )
}

/// Merges valid wishes per participant: duplicates and conflicts are
/// errors naming both places, except the same wish given alike in the JSON
/// and the CSV, which counts once.
pub(super) fn merge(
    valid: Vec<(Side, Written)>,
    max_wishes: u32,
    places: &Places,
    problems: &mut Vec<Diagnostic>,
) -> CheckedWishes {
    let mut by_sender: HashMap<(Side, String), Vec<Written>> = HashMap::new();
    let mut order: Vec<(Side, String)> = Vec::new();
    for (side, w) in valid {
        let key = (side, w.from.clone());
        let kept = by_sender.entry(key.clone()).or_default();
        if kept.is_empty() {
            order.push(key);
        }
        if let Some(first) = kept.iter().find(|k| k.to == w.to) {
            let same_source = is_csv(&first.origin) == is_csv(&w.origin);
            if same_source || first.kind != w.kind {
                let (message, hint) = conflict(first, w.clone(), same_source, places);
                problems.push(places.problem(&w.origin, Severity::Error, message, hint));
            }
            continue;
        }
        if let WishKind::Meet(rank) = w.kind
            && let Some(clash) = kept.iter().find(|k| k.kind == w.kind)
        {
            let message = format!(
                "rank {rank} is already given to {:?} at {}",
                clash.to,
                places.place(&clash.origin)
            );
            let hint = "give each meet wish of a participant its own rank".to_string();
            problems.push(places.problem(&w.origin, Severity::Error, message, hint));
            continue;
        }
        kept.push(w);
    }
    let mut out = CheckedWishes::default();
    for key in order {
        let Some(mut list) = by_sender.remove(&key) else {
            continue;
        };
        list.sort_by_key(|w| match w.kind {
            WishKind::Meet(rank) => rank,
            WishKind::Avoid => u32::MAX,
        });
        let meets: Vec<&Written> = list.iter().filter(|w| w.kind != WishKind::Avoid).collect();
        let cap = max_wishes as usize;
        if let Some(first_extra) = meets.get(cap) {
            let extra: Vec<&str> = meets[cap..].iter().map(|w| w.to.as_str()).collect();
            problems.push(places.problem(
                &first_extra.origin,
                Severity::Warning,
                format!(
                    "{:?} makes {} meet wishes, more than max_wishes ({max_wishes}): {} ignored",
                    key.1,
                    meets.len(),
                    extra.join(", ")
                ),
                "shorten the list, or raise max_wishes in event.json".to_string(),
            ));
        }
        let wishes = Wishes {
            meet: meets.iter().take(cap).map(|w| w.to.clone()).collect(),
            avoid: list
                .iter()
                .filter(|w| w.kind == WishKind::Avoid)
                .map(|w| w.to.clone())
                .collect(),
        };
        match key.0 {
            Side::Seller => out.sellers.insert(key.1, wishes),
            Side::Buyer => out.buyers.insert(key.1, wishes),
        };
    }
    out
}

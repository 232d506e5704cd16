//! For each category one side uses, the categories of the other side that
//! can earn it credit, found by walking the tree near it (itself, two
//! levels up, two levels down, its siblings) rather than by comparing
//! every pair of categories: the work and memory grow with the categories
//! the summit uses, not with the square of the taxonomy.

use std::collections::HashMap;

use super::score::Scorer;

/// Which side the query categories belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuerySide {
    Buyer,
    Seller,
}

/// related[query node] = (other-side node, credit > 0), only for nodes
/// the query side uses; other entries stay empty.
pub fn related_lists(
    scorer: &Scorer,
    nodes: usize,
    query_used: &[u32],
    other_used: &[u32],
    side: QuerySide,
) -> Vec<Vec<(u32, f32)>> {
    let mut used = vec![false; nodes];
    let mut by_parent: HashMap<u32, Vec<u32>> = HashMap::new();
    let mut by_grandparent: HashMap<u32, Vec<u32>> = HashMap::new();
    for &o in other_used {
        if std::mem::replace(&mut used[o as usize], true) {
            continue;
        }
        if let Some(p) = scorer.parent(o) {
            by_parent.entry(p).or_default().push(o);
            if let Some(g) = scorer.parent(p) {
                by_grandparent.entry(g).or_default().push(o);
            }
        }
    }
    let empty = Vec::new();
    let below = |map: &HashMap<u32, Vec<u32>>, n: u32| map.get(&n).unwrap_or(&empty).clone();
    let mut related = vec![Vec::new(); nodes];
    for &q in query_used {
        if !related[q as usize].is_empty() {
            continue;
        }
        let parent = scorer.parent(q);
        let grandparent = parent.and_then(|p| scorer.parent(p));
        let mut candidates: Vec<u32> = [Some(q), parent, grandparent]
            .into_iter()
            .flatten()
            .filter(|&n| used[n as usize])
            .collect();
        candidates.extend(below(&by_parent, q));
        candidates.extend(below(&by_grandparent, q));
        if let (Some(p), Some(_)) = (parent, grandparent) {
            candidates.extend(below(&by_parent, p));
        }
        candidates.sort_unstable();
        candidates.dedup();
        related[q as usize] = candidates
            .into_iter()
            .filter_map(|o| {
                let credit = match side {
                    QuerySide::Buyer => scorer.relation(o, q),
                    QuerySide::Seller => scorer.relation(q, o),
                };
                (credit > 0.0).then_some((o, credit))
            })
            .collect();
    }
    related
}

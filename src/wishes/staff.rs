//! Staff-entered wishes applied over the participants' own: the files say
//! what participants wrote, the store says what they phoned in since.

use std::collections::HashMap;

use crate::model::{Side, Summit, WishChange, Wishes};

/// One staff-entered wish still in force, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffWish {
    pub from: Side,
    pub from_id: String,
    pub to_id: String,
    pub change: WishChange,
}

/// Every participant's wishes with `changes` applied in order over the
/// files' wishes, by (side, index); and the changes naming an id that is
/// not in the summit (edited since), which are skipped.
pub fn apply_staff_wishes(
    summit: &Summit,
    changes: &[StaffWish],
) -> (HashMap<(Side, usize), Wishes>, Vec<StaffWish>) {
    let sellers = by_id(summit.sellers.iter().map(|s| s.id.as_str()));
    let buyers = by_id(summit.buyers.iter().map(|b| b.id.as_str()));
    let mut changed: HashMap<(Side, usize), Wishes> = HashMap::new();
    let mut stale = Vec::new();
    for change in changes {
        let (own, other) = match change.from {
            Side::Seller => (&sellers, &buyers),
            Side::Buyer => (&buyers, &sellers),
        };
        let (Some(&who), true) = (
            own.get(change.from_id.as_str()),
            other.contains_key(change.to_id.as_str()),
        ) else {
            stale.push(change.clone());
            continue;
        };
        let wishes = changed
            .entry((change.from, who))
            .or_insert_with(|| match change.from {
                Side::Seller => summit.sellers[who].wishes.clone(),
                Side::Buyer => summit.buyers[who].wishes.clone(),
            });
        apply(wishes, &change.to_id, change.change);
    }
    (changed, stale)
}

/// Each id's index.
fn by_id<'a>(ids: impl Iterator<Item = &'a str>) -> HashMap<&'a str, usize> {
    ids.enumerate().map(|(i, id)| (id, i)).collect()
}

/// One change to one participant's wishes.
pub fn apply(wishes: &mut Wishes, to_id: &str, change: WishChange) {
    wishes.meet.retain(|id| id != to_id);
    wishes.avoid.retain(|id| id != to_id);
    match change {
        WishChange::Meet { rank } => {
            let at = (rank.max(1) as usize - 1).min(wishes.meet.len());
            wishes.meet.insert(at, to_id.to_string());
        }
        WishChange::Avoid => wishes.avoid.push(to_id.to_string()),
        WishChange::Remove => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_insert_at_their_rank_and_move_between_lists() {
        let mut w = Wishes {
            meet: vec!["B1".into(), "B2".into(), "B3".into()],
            avoid: vec!["B9".into()],
        };
        apply(&mut w, "B9", WishChange::Meet { rank: 2 });
        assert_eq!(w.meet, ["B1", "B9", "B2", "B3"]);
        assert!(w.avoid.is_empty());
        apply(&mut w, "B1", WishChange::Avoid);
        assert_eq!(w.meet, ["B9", "B2", "B3"]);
        assert_eq!(w.avoid, ["B1"]);
        apply(&mut w, "B3", WishChange::Remove);
        apply(&mut w, "B7", WishChange::Meet { rank: 99 });
        assert_eq!(w.meet, ["B9", "B2", "B7"]);
    }
}

//! Staff-entered wishes applied over the participants' own: the files say
//! what participants wrote, the store says what they phoned in since.

use crate::model::{Side, Summit, WishChange, Wishes};

/// One staff-entered wish still in force, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffWish {
    pub from: Side,
    pub from_id: String,
    pub to_id: String,
    pub change: WishChange,
}

/// Applies `changes` in order to the participants' wishes. Returns the
/// changes naming an id that is not in the summit (edited since), which
/// are skipped.
pub fn apply_staff_wishes(summit: &mut Summit, changes: &[StaffWish]) -> Vec<StaffWish> {
    let mut stale = Vec::new();
    for change in changes {
        let (target_known, wishes) = match change.from {
            Side::Seller => (
                summit.buyers.iter().any(|b| b.id == change.to_id),
                summit
                    .sellers
                    .iter_mut()
                    .find(|s| s.id == change.from_id)
                    .map(|s| &mut s.wishes),
            ),
            Side::Buyer => (
                summit.sellers.iter().any(|s| s.id == change.to_id),
                summit
                    .buyers
                    .iter_mut()
                    .find(|b| b.id == change.from_id)
                    .map(|b| &mut b.wishes),
            ),
        };
        match wishes {
            Some(wishes) if target_known => apply(wishes, &change.to_id, change.change),
            _ => stale.push(change.clone()),
        }
    }
    stale
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

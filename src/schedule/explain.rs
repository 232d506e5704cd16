//! Why a participant got the meetings they got: for each of their best
//! unmet counterparts, the first cause that blocks the pair, with numbers,
//! and cheap hints on what would help. Computed from the slate and the
//! input alone, so it works on any slate (scheduled, edited by hand, or
//! cut short).

use serde::Serialize;

use crate::model::{Side, Slate};

use super::ScheduleInput;
use super::slate_view::SlateView;

/// A counterpart the caller knows about beyond the scheduler's candidates:
/// pairs staff rejected, and pairs under the minimum score, are never in
/// `ScheduleInput::candidates`, yet a participant asks about them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Considered {
    /// Index on the other side.
    pub other: usize,
    pub score: f64,
    pub rejected: bool,
}

/// The first thing that keeps a pair apart.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "cause", rename_all = "snake_case")]
pub enum Blocker {
    /// Staff rejected the pair.
    StaffRejected,
    BelowMinScore {
        score: f64,
        min_score: f64,
    },
    /// The two are never free at the same time.
    NoCommonSlot,
    /// The participant asking is at their own max.
    AtOwnMax {
        max: u32,
    },
    /// The counterpart is at their max; `taken_by` lists who has their
    /// places (index on the asking participant's side, score).
    CounterpartFull {
        max: u32,
        taken_by: Vec<(usize, f64)>,
    },
    /// Every common free slot has all its tables taken.
    TablesFull {
        common_slots: usize,
    },
    /// Every common free slot that has a table has no interpreter left.
    NoInterpreter {
        common_slots: usize,
    },
    /// The common free slots are used for other meetings of either side
    /// (or their tables or interpreters are): `by` lists those meetings as
    /// (seller, buyer, score), best first.
    Outranked {
        common_slots: usize,
        by: Vec<(usize, usize, f64)>,
    },
    /// Nothing blocks it now: a slot is free for both, with a table.
    /// (A search cut short, or a hand-edited slate, can leave this.)
    FitsNow {
        slot: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unmet {
    /// Index on the other side.
    pub other: usize,
    pub score: f64,
    pub blocker: Blocker,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "hint", rename_all = "snake_case")]
pub enum Hint {
    /// Being free on this day (where they are not now) would let up to
    /// `meetings` more happen: counterparts are free then, with tables.
    FreeOnDay {
        date: jiff::civil::Date,
        meetings: usize,
    },
    /// Counterparts at their max among the best unmet; accepting the best
    /// of them makes the pair a must-have.
    ConsiderAccepting {
        full: usize,
        of_top: usize,
        other: usize,
    },
    /// More candidates above the minimum score would help: few are left.
    FewCandidates { left: usize },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    #[serde(serialize_with = "side_name")]
    pub side: Side,
    pub index: usize,
    pub name: String,
    pub meetings: usize,
    pub max_meetings: u32,
    pub free_slots: usize,
    /// Candidates the scheduler could use (in the input).
    pub candidates: usize,
    /// The best unmet counterparts, best first, with what blocks each.
    pub unmet: Vec<Unmet>,
    pub hints: Vec<Hint>,
}

fn side_name<S: serde::Serializer>(side: &Side, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(side.word())
}

/// Unmet counterparts explained at most.
const UNMET_LISTED: usize = 10;
/// "x of your top N candidates are full".
const TOP_FOR_HINTS: usize = 5;

/// Explains `index` on `side`. `considered` adds counterparts outside the
/// scheduler's candidates (rejected, under `min_score`); pairs already on
/// the slate are skipped.
pub fn explain(
    input: &ScheduleInput,
    slate: &Slate,
    side: Side,
    index: usize,
    considered: &[Considered],
    min_score: f64,
) -> Option<Explanation> {
    let me = match side {
        Side::Seller => input.sellers.get(index)?,
        Side::Buyer => input.buyers.get(index)?,
    };
    let view = SlateView::new(input, slate);
    let mine = |seller: usize, buyer: usize| match side {
        Side::Seller => seller == index,
        Side::Buyer => buyer == index,
    };
    let other_of = |seller: usize, buyer: usize| match side {
        Side::Seller => buyer,
        Side::Buyer => seller,
    };
    let met: Vec<usize> = slate
        .meetings
        .iter()
        .filter(|m| mine(m.seller, m.buyer))
        .map(|m| other_of(m.seller, m.buyer))
        .collect();
    // (other, score, interpreter, rejected), best first; each other once.
    let mut options: Vec<(usize, f64, bool, bool)> = input
        .candidates
        .iter()
        .filter(|pair| mine(pair.seller, pair.buyer))
        .map(|pair| {
            (
                other_of(pair.seller, pair.buyer),
                pair.score,
                pair.interpreter,
                false,
            )
        })
        .collect();
    let candidates = options.len();
    options.extend(
        considered
            .iter()
            .map(|c| (c.other, c.score, false, c.rejected)),
    );
    options.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut seen = std::collections::HashSet::new();
    options.retain(|option| !met.contains(&option.0) && seen.insert(option.0));
    let unmet: Vec<Unmet> = options
        .iter()
        .take(UNMET_LISTED)
        .map(|&(other, score, interpreter, rejected)| {
            let (seller, buyer) = match side {
                Side::Seller => (index, other),
                Side::Buyer => (other, index),
            };
            let blocker = if rejected {
                Blocker::StaffRejected
            } else if score < min_score {
                Blocker::BelowMinScore { score, min_score }
            } else {
                view.blocker(side, seller, buyer, interpreter)
            };
            Unmet {
                other,
                score,
                blocker,
            }
        })
        .collect();
    let hints = hints(input, &view, side, index, &options, &unmet, min_score);
    Some(Explanation {
        side,
        index,
        name: me.name.clone(),
        meetings: met.len(),
        max_meetings: me.max_meetings,
        free_slots: (0..input.slots.len())
            .filter(|&slot| me.is_available(slot))
            .count(),
        candidates,
        unmet,
        hints,
    })
}

fn hints(
    input: &ScheduleInput,
    view: &SlateView,
    side: Side,
    index: usize,
    options: &[(usize, f64, bool, bool)],
    unmet: &[Unmet],
    min_score: f64,
) -> Vec<Hint> {
    let mut hints = Vec::new();
    let Some(me) = view.person(side, index) else {
        return hints;
    };
    let room = (me.max_meetings as usize).saturating_sub(view.count(side, index));
    let other_side = if side == Side::Seller {
        Side::Buyer
    } else {
        Side::Seller
    };
    // Counterparts with room, worth meeting.
    let open: Vec<(usize, bool)> = options
        .iter()
        .filter(|o| !o.3 && o.1 >= min_score)
        .filter(|o| {
            view.person(other_side, o.0)
                .is_some_and(|p| view.count(other_side, o.0) < p.max_meetings as usize)
        })
        .map(|o| (o.0, o.2))
        .collect();
    if room > 0 {
        let mut per_day: Vec<(jiff::civil::Date, usize)> = Vec::new();
        for (slot, found) in input.slots.iter().enumerate() {
            if me.is_available(slot) || view.load[slot] >= input.tables {
                continue;
            }
            let someone = open.iter().any(|&(other, interpreter)| {
                let (seller, buyer) = if side == Side::Seller {
                    (index, other)
                } else {
                    (other, index)
                };
                view.person(other_side, other)
                    .is_some_and(|p| p.is_available(slot))
                    && view.busy_at(seller, buyer, slot).is_empty()
                    && (!interpreter || view.interpreted[slot] < input.interpreters)
            });
            if someone {
                match per_day.last_mut() {
                    Some((date, count)) if *date == found.date => *count += 1,
                    _ => per_day.push((found.date, 1)),
                }
            }
        }
        if let Some(&(date, slots)) = per_day
            .iter()
            .max_by_key(|(date, slots)| (*slots, std::cmp::Reverse(*date)))
        {
            hints.push(Hint::FreeOnDay {
                date,
                meetings: slots.min(room),
            });
        }
        if open.len() < room {
            hints.push(Hint::FewCandidates { left: open.len() });
        }
    }
    let top = &unmet[..unmet.len().min(TOP_FOR_HINTS)];
    let full: Vec<&Unmet> = top
        .iter()
        .filter(|u| matches!(u.blocker, Blocker::CounterpartFull { .. }))
        .collect();
    if let Some(best) = full.first() {
        hints.push(Hint::ConsiderAccepting {
            full: full.len(),
            of_top: top.len(),
            other: best.other,
        });
    }
    hints
}

/// What keeps one pair (not on `slate`) apart, as `side` sees it: for
/// pairs asked about one by one, such as a participant's unmet wishes.
pub fn pair_blocker(
    input: &ScheduleInput,
    slate: &Slate,
    side: Side,
    seller: usize,
    buyer: usize,
) -> Blocker {
    let interpreter = input
        .candidates
        .iter()
        .find(|p| (p.seller, p.buyer) == (seller, buyer))
        .is_some_and(|p| p.interpreter);
    SlateView::new(input, slate).blocker(side, seller, buyer, interpreter)
}

//! State that floats over the tabs: the explain panel and the check-in
//! view, and what the Summary tab keeps (fairness figures, the event
//! report). Plain types; `update` changes them, views read them.

use crate::model::Side;
use crate::summit::{CheckinRow, DayRepair, EventReport};

use super::super::desk::{CheckinView, Diagnosed, Fairness};
use super::super::scroll::Scroll;

/// One participant's diagnosis, as `matchslate explain` gives it.
#[derive(Debug)]
pub struct ExplainPanel {
    pub side: Side,
    pub index: usize,
    /// `None` while the worker explains.
    pub result: Option<Result<Diagnosed, String>>,
    pub scroll: usize,
}

/// The welcome desk's check-in view.
#[derive(Debug, Default)]
pub struct CheckinPanel {
    /// `None` until the worker has read the day.
    pub view: Option<Result<CheckinView, String>>,
    pub query: String,
    /// True while the query has the keyboard.
    pub typing: bool,
    /// Indices into the view's rows matching the query.
    pub shown: Vec<usize>,
    pub scroll: Scroll,
    /// A repair from now waiting for Enter (apply) or Esc (discard).
    pub proposal: Option<Box<DayRepair>>,
    pub proposal_scroll: usize,
}

impl CheckinPanel {
    /// The rows whose id or company contains the query, in any case.
    pub fn refilter(&mut self) {
        let needle = self.query.trim().to_lowercase();
        self.shown = match &self.view {
            Some(Ok(view)) => (view.rows.iter().enumerate())
                .filter(|(_, row)| {
                    needle.is_empty()
                        || row.id.to_lowercase().contains(&needle)
                        || row.company.to_lowercase().contains(&needle)
                })
                .map(|(i, _)| i)
                .collect(),
            _ => Vec::new(),
        };
        let len = self.shown.len();
        self.scroll.to(self.scroll.selected, len);
    }

    pub fn row(&self, shown: usize) -> Option<&CheckinRow> {
        let at = *self.shown.get(shown)?;
        match &self.view {
            Some(Ok(view)) => view.rows.get(at),
            _ => None,
        }
    }

    pub fn selected(&self) -> Option<&CheckinRow> {
        self.row(self.scroll.selected)
    }
}

/// The Summary tab's figures.
#[derive(Debug, Default)]
pub struct SummaryState {
    /// The selected row of the "needs attention" list.
    pub selected: usize,
    /// Meetings per participant against their floors on the current slate;
    /// `None` while a worker computes them or before any slate.
    pub fairness: Option<Box<Fairness>>,
    /// A newer slate came while the figures were computed: compute again.
    pub refresh: bool,
    /// The event report on summit day (`Ok(None)` before it).
    pub report: Option<Result<Option<Box<EventReport>>, String>>,
}

impl SummaryState {
    /// Participants below their floor, buyers first (fewest meetings first
    /// within a side): `(side, index, meetings, floor)`.
    pub fn attention(&self) -> impl Iterator<Item = (Side, usize, u32, u32)> + '_ {
        fn rows(
            side: Side,
            list: &[(usize, u32, u32)],
        ) -> impl Iterator<Item = (Side, usize, u32, u32)> + '_ {
            (list.iter()).map(move |&(index, meetings, floor)| (side, index, meetings, floor))
        }
        let (buyers, sellers) = match &self.fairness {
            Some(f) => (&f.buyers.below_floor[..], &f.sellers.below_floor[..]),
            None => (&[][..], &[][..]),
        };
        rows(Side::Buyer, buyers).chain(rows(Side::Seller, sellers))
    }

    pub fn attention_len(&self) -> usize {
        self.fairness.as_ref().map_or(0, |f| {
            f.buyers.below_floor.len() + f.sellers.below_floor.len()
        })
    }
}

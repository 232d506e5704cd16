//! The `/` filter of the pane that has focus: the participant list (the
//! summit's participant search, as a single-flight job) or the selected
//! participant's candidates (the same search over that list, inline: a
//! few dozen rows).

use std::sync::Arc;

use crate::model::Side;
use crate::tui::action::{JobKind, JobMsg};
use crate::tui::app::{App, Pane};

use super::jobs;

/// What is typed into the filter of the pane with focus.
pub fn query(app: &App) -> Option<String> {
    let side = app.side()?;
    Some(if app.ui.pane == Pane::Detail {
        app.lists.candidates.query.clone()
    } else {
        app.list(side).filter.query().to_string()
    })
}

/// Sets the filter of the pane with focus to `text` and searches.
pub fn set(app: &mut App, text: String) {
    let Some(side) = app.side() else { return };
    if app.ui.pane == Pane::Detail {
        app.lists.candidates.query = text;
        filter_candidates(app);
        app.lists.candidates.scroll = Default::default();
        return;
    }
    app.list_mut(side).filter.set_query(text);
    app.list_mut(side).scroll = Default::default();
    search(app, side);
}

/// Runs the list's search, unless one runs already: then it runs again
/// for the latest query when that one reports.
fn search(app: &mut App, side: Side) {
    let text = app.list(side).filter.query().to_string();
    if text.is_empty() {
        return;
    }
    let Some(search) = app.lists.search.as_ref().map(Arc::clone) else {
        app.complain("the search is not ready");
        return;
    };
    if jobs::busy(app, JobKind::Filter) {
        app.lists.search_again = Some(side);
        return;
    }
    jobs::start(app, JobKind::Filter, move |_| {
        let query = search.query(&text);
        let results = search.participants(side, &query);
        JobMsg::Filtered {
            side,
            query: text,
            results,
        }
    });
}

/// A filter job's answer: shown if it answers what is typed now.
pub fn filtered(app: &mut App, side: Side, query: &str, results: crate::summit::SearchResults) {
    if app.list_mut(side).filter.set_results(query, results) {
        app.list_mut(side).scroll = Default::default();
    }
    search_again(app);
}

/// Searches for a query typed while the last search ran.
pub fn search_again(app: &mut App) {
    if let Some(side) = app.lists.search_again.take() {
        search(app, side);
    }
}

/// Shows only the participants with wishes the slate leaves unmet (made
/// or received), or everyone again.
pub fn toggle_unmet(app: &mut App) {
    let Some(side) = app.side() else { return };
    if app.list(side).filter.only() {
        app.list_mut(side).filter.set_only(None);
        app.list_mut(side).scroll = Default::default();
        app.say("showing every participant");
        return;
    }
    let (Some(desk), Some(slate)) = (&app.desk, app.slate_tab.scheduled.as_ref()) else {
        app.complain("no slate yet: a wish is unmet when the slate leaves it out; press s first");
        return;
    };
    let count = match side {
        Side::Buyer => desk.summit().buyers.len(),
        Side::Seller => desk.summit().sellers.len(),
    };
    let mask = crate::summit::with_unmet_wishes(&desk.wishes(), side, count, slate.slate());
    let marked = mask.iter().filter(|m| **m).count();
    app.list_mut(side).filter.set_only(Some(mask));
    app.list_mut(side).scroll = Default::default();
    app.say(format!(
        "{marked} with wishes the slate leaves unmet; w again shows everyone"
    ));
}

/// Keeps the candidates the query matches, best match first (ties in rank
/// order); all of them without a query.
pub fn filter_candidates(app: &mut App) {
    let state = &mut app.lists.candidates;
    let (Some((side, _)), Some(search)) = (state.owner, app.lists.search.as_ref()) else {
        state.list = state.all.clone();
        return;
    };
    if state.query.is_empty() {
        state.list = state.all.clone();
        state.why.clear();
        state.hidden = 0;
        return;
    }
    let of = side.other();
    let query = search.query(&state.query);
    let results = search.candidates(of, &state.all, &query);
    state.list = results
        .hits
        .iter()
        .filter_map(|h| state.all.get(h.index).cloned())
        .collect();
    state.why = results.hits.into_iter().map(|h| h.why).collect();
    state.hidden = results.hidden;
}

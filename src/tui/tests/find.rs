//! The `/` filter through the summit's participant search (issue 11,
//! item 6): both languages through the taxonomy, ranked, weak matches
//! hidden, on the pane that has focus, and off the UI thread.

use std::sync::mpsc;
use std::time::Duration;

use crate::model::Side;

use super::super::action::{Command, Tab};
use super::*;

fn ids(app: &App, side: Side) -> Vec<String> {
    let Some(desk) = app.desk() else {
        return Vec::new();
    };
    let filter = &app.list(side).filter;
    (0..filter.len())
        .filter_map(|row| filter.row(row))
        .map(|i| match side {
            Side::Buyer => desk.summit().buyers[i].id.clone(),
            Side::Seller => desk.summit().sellers[i].id.clone(),
        })
        .collect()
}

#[test]
fn cherr_finds_the_buyers_who_wrote_che_li_zi_and_no_cheese() {
    let mut app = app(120, 30);
    cmd(&mut app, Command::Find);
    type_text(&mut app, "cherr");
    let found = ids(&app, Side::Buyer);
    for id in ["B001", "B009", "B036", "B061"] {
        assert!(found.contains(&id.to_string()), "{id} missing: {found:?}");
    }
    for id in ["B026", "B047", "B049"] {
        assert!(
            !found.contains(&id.to_string()),
            "{id} (kitchenware, cheese) in {found:?}"
        );
    }
    // Word matches come first; the 车厘子 buyers through the taxonomy after.
    assert_eq!(found.first().map(String::as_str), Some("B009"), "{found:?}");
    insta::assert_snapshot!("buyers_filtered_cherr", screen(&app));
}

#[test]
fn hong_jiu_on_the_sellers_tab_finds_the_wineries() {
    let mut app = app(120, 30);
    cmd(&mut app, Command::GoTab(Tab::Sellers));
    cmd(&mut app, Command::Find);
    type_text(&mut app, "红酒");
    let mut found = ids(&app, Side::Seller);
    found.sort();
    let wineries = [
        "S009", "S018", "S025", "S042", "S057", "S061", "S093", "S104", "S108",
    ];
    assert_eq!(found, wineries);
    // "wine" finds the same nine: no cranberries, ginseng or beer.
    cmd(&mut app, Command::Cancel);
    cmd(&mut app, Command::Find);
    type_text(&mut app, "wine");
    let mut wine = ids(&app, Side::Seller);
    wine.sort();
    assert_eq!(wine, wineries);
}

#[test]
fn slash_in_the_candidates_pane_filters_the_candidates_not_the_list() {
    let mut app = app(120, 30);
    let buyers = app.buyers().filter.len();
    cmd(&mut app, Command::NextPane);
    let before = app.candidates().list.len();
    assert!(before > 1);
    // Filter by the id of the third candidate: only it is left.
    let third = app.candidates().list[2].seller;
    let id = app
        .desk()
        .map(|d| d.summit().sellers[third].id.clone())
        .unwrap_or_default();
    cmd(&mut app, Command::Find);
    type_text(&mut app, &id);
    assert_eq!(
        app.buyers().filter.len(),
        buyers,
        "the buyer list is untouched"
    );
    assert_eq!(app.buyers().filter.query(), "");
    let kept: Vec<usize> = app.candidates().list.iter().map(|c| c.seller).collect();
    assert_eq!(kept, [third]);
    assert_eq!(app.selected_candidate().map(|c| c.seller), Some(third));
    insta::assert_snapshot!("candidates_filtered", screen(&app));
    // Esc brings every candidate back.
    cmd(&mut app, Command::Cancel);
    assert_eq!(app.candidates().list.len(), before);
    assert!(!app.filtering());
}

#[test]
fn the_candidate_filter_follows_the_selection_to_the_next_buyer() {
    let mut app = app(120, 30);
    cmd(&mut app, Command::NextPane);
    cmd(&mut app, Command::Find);
    type_text(&mut app, "zzzz");
    assert!(app.candidates().list.is_empty());
    assert!(screen(&app).contains("no candidate matches"));
    cmd(&mut app, Command::Submit);
    cmd(&mut app, Command::Left);
    cmd(&mut app, Command::Down);
    assert_eq!(app.candidates().query, "zzzz");
    assert!(
        app.candidates().list.is_empty(),
        "the new list is filtered too"
    );
    assert!(!app.candidates().all.is_empty());
}

#[test]
fn the_search_runs_on_a_worker_and_only_the_latest_query_is_shown() {
    let mut app = app(120, 30);
    let (tx, rx) = mpsc::channel();
    app.use_workers(tx);
    cmd(&mut app, Command::Find);
    // Typed faster than searched: the answers to "c", "ch" … may arrive,
    // but the list ends answering "cherries".
    type_text(&mut app, "cherries");
    let mut waited = 0;
    while app.buyers().filter.searching() {
        match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(action) => act(&mut app, action),
            Err(e) => panic!("the search never reported: {e}"),
        }
        waited += 1;
        assert!(waited < 100, "still searching");
    }
    let found = ids(&app, Side::Buyer);
    assert!(found.contains(&"B001".to_string()), "{found:?}");
    assert!(!found.contains(&"B049".to_string()), "{found:?}");
    assert_eq!(app.buyers().filter.query(), "cherries");
}

#[test]
fn the_list_title_says_why_the_selected_row_matched() {
    let mut app = app(160, 30);
    cmd(&mut app, Command::Find);
    type_text(&mut app, "车厘子");
    // B009 wrote "cherries": found through the taxonomy.
    let rows = ids(&app, Side::Buyer);
    let at = rows
        .iter()
        .position(|id| id == "B009")
        .unwrap_or_else(|| panic!("{rows:?}"));
    for _ in 0..at {
        cmd(&mut app, Command::Down);
    }
    let shown = screen(&app);
    assert!(shown.contains("by interest \"cherries\""), "{shown}");
}

//! Wishes on the Buyers and Sellers tabs (issue 13): each participant's
//! wishes made and received, met or not, a filter to those with unmet
//! wishes, and "wishes met x of y" on the Summary tab.

use std::path::Path;

use crate::model::Side;

use super::super::action::{Command, Tab};
use super::super::memory::MemoryDesk;
use super::*;

fn wishes_app() -> App {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/wishes-demo");
    let loaded = crate::load::load_summit(&dir);
    let Some(summit) = loaded.summit else {
        panic!("the wishes demo does not load: {:?}", loaded.problems)
    };
    let desk = MemoryDesk::new(summit, "ana");
    let mut app = App::ready(Box::new(desk), Theme::new(false), 140, 36);
    settle(&mut app);
    app
}

/// Participants of `side` with a meet wish made or received.
fn wishing(app: &App, side: Side) -> usize {
    let Some(desk) = app.desk() else { return 0 };
    let wishes = desk.wishes();
    let count = match side {
        Side::Buyer => desk.summit().buyers.len(),
        Side::Seller => desk.summit().sellers.len(),
    };
    (0..count)
        .filter(|&i| {
            wishes.of(side, i).iter().any(|(_, w)| {
                !w.is_avoided() && (w.seller_rank.is_some() || w.buyer_rank.is_some())
            })
        })
        .count()
}

#[test]
fn unmet_wishes_filter_needs_a_slate_then_keeps_those_left_out() {
    let mut app = wishes_app();
    let total = app.buyers().filter.total();
    cmd(&mut app, Command::UnmetWishes);
    assert!(app.status().is_some_and(|s| s.error), "no slate yet");
    assert_eq!(app.buyers().filter.len(), total);
    // The in-memory scheduler places accepted pairs only: none here, so
    // every wish is unmet.
    cmd(&mut app, Command::Schedule);
    assert!(app.slate().is_some());
    cmd(&mut app, Command::UnmetWishes);
    let expected = wishing(&app, Side::Buyer);
    assert!(expected > 0 && expected < total, "{expected} of {total}");
    assert_eq!(app.buyers().filter.len(), expected);
    assert!(screen(&app).contains("unmet wishes only"));
    cmd(&mut app, Command::UnmetWishes);
    assert_eq!(app.buyers().filter.len(), total);
}

#[test]
fn the_why_box_lists_the_selected_participants_wishes_and_summary_counts_them() {
    let mut app = wishes_app();
    cmd(&mut app, Command::Schedule);
    cmd(&mut app, Command::UnmetWishes);
    let shown = screen(&app);
    assert!(shown.contains("wishes: "), "{shown}");
    assert!(shown.contains(" unmet"), "{shown}");
    insta::assert_snapshot!("buyer_wishes", shown);
    cmd(&mut app, Command::GoTab(Tab::Summary));
    let summary = screen(&app);
    assert!(summary.contains("wishes met   0 of "), "{summary}");
}

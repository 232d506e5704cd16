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

/// The Why box's wishes line on the screen.
fn wish_line(app: &App) -> String {
    let text = screen(app);
    let line = text
        .lines()
        .find(|l| l.contains("wishes: "))
        .map(str::to_string);
    line.unwrap_or_default()
}

#[test]
fn staff_add_and_remove_a_wish_from_the_why_box_and_u_takes_it_back() {
    let (_dir, mut app) = real_app(140, 36);
    cmd(&mut app, Command::NextPane);
    let c = app.selected_candidate().cloned();
    let c = c.unwrap_or_else(|| panic!("a candidate is selected"));
    let Some(desk) = app.desk() else {
        panic!("no desk")
    };
    let seller = desk.summit().sellers[c.seller].id.clone();
    let buyer = desk.summit().buyers[c.buyer].id.clone();
    let own = |app: &App| {
        let desk = app.desk().unwrap_or_else(|| panic!("no desk"));
        let wish = desk.wishes().get(c.seller, c.buyer);
        (wish.buyer_rank, wish.buyer_avoids)
    };
    assert_eq!(own(&app), (None, false), "the demo has no wishes");
    // A decision first, so `u` must tell the two logs apart.
    cmd(&mut app, Command::Accept);
    cmd(&mut app, Command::WishMeet);
    assert_eq!(own(&app), (Some(1), false));
    assert!(
        wish_line(&app).contains(&format!("{seller} 1st")),
        "{}",
        screen(&app)
    );
    assert!(
        screen(&app).contains(&format!(
            "{buyer} wishes to meet {seller} (1st choice) (entered by ana)"
        )),
        "{}",
        screen(&app)
    );
    cmd(&mut app, Command::WishAvoid);
    assert_eq!(own(&app), (None, true));
    assert!(
        wish_line(&app).contains(&format!("avoids {seller}")),
        "{}",
        screen(&app)
    );
    // Again: no longer avoided.
    cmd(&mut app, Command::WishAvoid);
    assert_eq!(own(&app), (None, false));
    assert!(wish_line(&app).is_empty(), "{}", screen(&app));
    // `u` takes back the wish changes, newest first, then the decision.
    cmd(&mut app, Command::Undo);
    assert_eq!(own(&app), (None, true));
    cmd(&mut app, Command::Undo);
    cmd(&mut app, Command::Undo);
    assert_eq!(own(&app), (None, false));
    let decided = |app: &App| {
        app.desk()
            .and_then(|d| d.decision(c.seller, c.buyer))
            .map(|d| d.kind)
    };
    assert_eq!(decided(&app), Some(crate::model::DecisionKind::Accepted));
    cmd(&mut app, Command::Undo);
    assert_eq!(decided(&app), None);
    // Ctrl-r redoes the decision, then the wish changes in order.
    cmd(&mut app, Command::Redo);
    assert_eq!(decided(&app), Some(crate::model::DecisionKind::Accepted));
    cmd(&mut app, Command::Redo);
    assert_eq!(own(&app), (Some(1), false));
}

/// The buyer rows on screen with the text of their line, by id.
fn buyer_rows(app: &App) -> Vec<(usize, String)> {
    let Some(desk) = app.desk() else {
        return Vec::new();
    };
    let text = screen(app);
    (desk.summit().buyers.iter().enumerate())
        .filter_map(|(i, b)| {
            let line = text.lines().find(|l| {
                (l.contains(&format!(" {} ", b.id)) || l.contains(&format!(">{} ", b.id)))
                    && l.contains(&b.city)
            })?;
            Some((i, line.to_string()))
        })
        .collect()
}

#[test]
fn the_lists_show_each_participants_own_wishes_met_of_made() {
    let app = wishes_app();
    let own_meet_wishes = |app: &App, buyer: usize| -> Vec<usize> {
        let desk = app.desk().unwrap_or_else(|| panic!("no desk"));
        (desk.wishes().of(Side::Buyer, buyer).into_iter())
            .filter(|(_, w)| w.buyer_rank.is_some() && !w.is_avoided())
            .map(|(seller, _)| seller)
            .collect()
    };
    assert!(screen(&app).contains("Wish"), "{}", screen(&app));
    let rows = buyer_rows(&app);
    assert!(rows.len() > 5, "{}", screen(&app));
    let mut with_wishes = 0;
    for (buyer, line) in &rows {
        let made = own_meet_wishes(&app, *buyer).len();
        if made > 0 {
            with_wishes += 1;
            assert!(line.contains(&format!(" -/{made}")), "{line}");
        } else {
            assert!(!line.contains(" -/"), "{line}");
        }
    }
    assert!(with_wishes > 0, "{}", screen(&app));
    // Accept the first wishing buyer's first wish and schedule: the
    // in-memory scheduler places accepted pairs only, so that buyer has
    // one wish met and every other wishing buyer none.
    let (buyer, _) = (rows.iter())
        .find(|(b, _)| !own_meet_wishes(&app, *b).is_empty())
        .cloned()
        .unwrap_or_else(|| panic!("no wishing buyer on screen"));
    let seller = own_meet_wishes(&app, buyer)[0];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/wishes-demo");
    let summit = crate::load::load_summit(&dir).summit;
    let mut desk = MemoryDesk::new(summit.unwrap_or_else(|| panic!("no summit")), "ana");
    let accept = crate::summit::Decision {
        seller,
        buyer,
        verdict: crate::summit::Verdict::Accept,
        note: None,
    };
    super::super::desk::Recorder::decide(&mut desk, accept).unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::ready(Box::new(desk), Theme::new(false), 140, 36);
    settle(&mut app);
    cmd(&mut app, Command::Schedule);
    for (b, line) in buyer_rows(&app) {
        let made = own_meet_wishes(&app, b).len();
        if made > 0 {
            let met = usize::from(b == buyer);
            assert!(line.contains(&format!(" {met}/{made}")), "{line}");
        }
    }
}

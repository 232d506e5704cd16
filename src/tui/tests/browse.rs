//! Browsing and finding: tabs, lists, the filter, navigation, mouse.

use crate::model::Side;

use super::super::action::{Action, Command, Tab};
use super::super::app::Pane;
use super::*;

#[test]
fn buyers_list_shows_chinese_names_without_cutting_characters() {
    let app = app(100, 30);
    let text = screen(&app);
    insta::assert_snapshot!("buyers_list_100x30", text);
    assert!(text.contains("上海鲜链贸易有限公司"));
}

#[test]
fn buyers_list_at_the_minimum_size() {
    let app = app(80, 24);
    insta::assert_snapshot!("buyers_list_80x24", screen(&app));
}

#[test]
fn every_row_is_exactly_as_wide_as_the_screen() {
    // A wide character cut in half would shift the rest of its row.
    for width in [80, 81, 99, 120, 151, 200] {
        let app = app(width, 30);
        for line in screen(&app).lines() {
            assert_eq!(
                super::super::text::width(line),
                usize::from(width),
                "{line}"
            );
        }
    }
}

#[test]
fn typing_after_slash_filters_and_esc_clears() {
    let mut app = app(100, 30);
    cmd(&mut app, Command::Find);
    type_text(&mut app, "ginseng");
    let filter = &app.buyers().filter;
    assert!(filter.len() < filter.total(), "{filter:?}");
    assert!(!filter.is_empty());
    let first = filter
        .row(0)
        .map(|i| app.desk().map(|d| d.summit().buyers[i].id.clone()));
    insta::assert_snapshot!("buyers_filtered_ginseng", screen(&app));
    // Chinese text is searchable too.
    cmd(&mut app, Command::Cancel);
    assert_eq!(app.buyers().filter.len(), app.buyers().filter.total());
    assert!(!app.filtering());
    cmd(&mut app, Command::Find);
    type_text(&mut app, "海参");
    assert!(app.buyers().filter.len() >= 2, "{:?}", app.buyers().filter);
    cmd(&mut app, Command::Submit);
    assert!(
        !app.filtering(),
        "Enter keeps the filter and leaves the field"
    );
    assert_eq!(app.buyers().filter.query(), "海参");
    cmd(&mut app, Command::Cancel);
    assert_eq!(app.buyers().filter.query(), "");
    assert!(first.is_some());
}

#[test]
fn backspace_widens_the_filter_again() {
    let mut app = app(100, 30);
    cmd(&mut app, Command::Find);
    type_text(&mut app, "B009x");
    assert_eq!(app.buyers().filter.len(), 0);
    cmd(&mut app, Command::Backspace);
    assert!(!app.buyers().filter.is_empty());
}

#[test]
fn navigation_keys_move_and_clamp() {
    let mut app = app(100, 30);
    let total = app.buyers().filter.total();
    cmd(&mut app, Command::Down);
    cmd(&mut app, Command::Down);
    assert_eq!(app.buyers().scroll.selected, 2);
    cmd(&mut app, Command::Up);
    assert_eq!(app.buyers().scroll.selected, 1);
    cmd(&mut app, Command::End);
    assert_eq!(app.buyers().scroll.selected, total - 1);
    // The selection stays visible.
    assert!(app.buyers().scroll.offset > 0);
    cmd(&mut app, Command::Down);
    assert_eq!(app.buyers().scroll.selected, total - 1);
    cmd(&mut app, Command::PageUp);
    assert!(app.buyers().scroll.selected < total - 1);
    cmd(&mut app, Command::Home);
    assert_eq!(app.buyers().scroll, Default::default());
}

#[test]
fn tabs_and_panes_switch() {
    let mut app = app(100, 30);
    cmd(&mut app, Command::GoTab(Tab::Sellers));
    assert_eq!(app.tab(), Tab::Sellers);
    assert!(screen(&app).contains("Columbia Ridge Orchards"));
    cmd(&mut app, Command::NextPane);
    assert_eq!(app.pane(), Pane::Detail);
    cmd(&mut app, Command::NextPane);
    assert_eq!(app.pane(), Pane::Main);
    cmd(&mut app, Command::Right);
    assert_eq!(app.pane(), Pane::Detail);
}

#[test]
fn mouse_clicks_select_and_the_wheel_scrolls() {
    let mut app = app(100, 30);
    let rows = crate::tui::layout::table_rows(
        crate::tui::layout::lists(crate::tui::layout::frame(100, 30).body).list,
    );
    act(
        &mut app,
        Action::Click {
            x: rows.x + 3,
            y: rows.y + 4,
        },
    );
    assert_eq!(app.buyers().scroll.selected, 4);
    act(
        &mut app,
        Action::Scroll {
            x: rows.x + 3,
            y: rows.y,
            down: true,
        },
    );
    assert_eq!(app.buyers().scroll.selected, 7);
    // Clicking a tab's label switches to it.
    let x = crate::tui::layout::TABS_START + 12;
    act(&mut app, Action::Click { x, y: 0 });
    assert_eq!(app.tab(), Tab::Sellers);
    assert_eq!(app.side(), Some(Side::Seller));
}

#[test]
fn resizing_relays_out_and_keeps_the_selection_visible() {
    let mut app = app(120, 40);
    cmd(&mut app, Command::End);
    act(
        &mut app,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    let rows = usize::from(
        crate::tui::layout::table_rows(
            crate::tui::layout::lists(crate::tui::layout::frame(80, 24).body).list,
        )
        .height,
    );
    let scroll = app.buyers().scroll;
    assert!(
        scroll.selected >= scroll.offset && scroll.selected < scroll.offset + rows,
        "{scroll:?}"
    );
    for line in screen(&app).lines() {
        assert_eq!(super::super::text::width(line), 80);
    }
}

#[test]
fn matched_characters_are_highlighted() {
    let mut app = app(120, 30);
    cmd(&mut app, Command::Find);
    type_text(&mut app, "海参");
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let matched = app.theme().matched;
    // The first list row: which of its characters carry the match style.
    let row = crate::tui::layout::table_rows(
        crate::tui::layout::lists(crate::tui::layout::frame(120, 30).body).list,
    )
    .y;
    let lit: String = (0..120)
        .map(|x| &buffer[(x, row)])
        .filter(|cell| {
            cell.fg == matched.fg.unwrap_or_default() && !cell.symbol().trim().is_empty()
        })
        .map(|cell| cell.symbol().to_string())
        .collect();
    assert_eq!(lit, "海参", "highlighted: {lit:?}");
}

//! Getting around a large slate grid: a screenful of tables at a time, a
//! jump to a table or a time, and cells labelled by name or by id.

use crate::tui::action::Command;
use crate::tui::app::{App, Prompt, PromptKind, day_slots};
use crate::tui::layout;

/// How many table columns the grid shows at the terminal's size.
pub fn tables_shown(app: &App) -> u32 {
    let body = layout::frame(app.ui.width, app.ui.height).body;
    layout::grid_tables(layout::slate(body).0, app.slate_tab.show_ids)
}

/// `#`: company names in the cells, or ids.
pub fn toggle_ids(app: &mut App) {
    app.slate_tab.show_ids = !app.slate_tab.show_ids;
    app.say(if app.slate_tab.show_ids {
        "cells show ids (i for names)"
    } else {
        "cells show short company names (i for ids)"
    });
}

/// `H` / `L`: a screenful of tables left or right, the cursor keeping its
/// place on the screen.
pub fn page_tables(app: &mut App, command: Command) {
    let Some(desk) = &app.desk else { return };
    let tables = desk.summit().event.tables.max(1);
    let page = tables_shown(app);
    let grid = &mut app.slate_tab.grid;
    let last_offset = tables.saturating_sub(page);
    let (offset, table) = match command {
        Command::PrevTables => (
            grid.table_offset.saturating_sub(page),
            grid.table.saturating_sub(page),
        ),
        _ => (
            (grid.table_offset + page).min(last_offset),
            (grid.table + page).min(tables - 1),
        ),
    };
    grid.table_offset = offset;
    grid.table = table;
}

/// `t`: asks for a table or a time to jump to.
pub fn ask_jump(app: &mut App) {
    if app.desk.is_none() {
        return;
    }
    app.say("a table (12 or T12), a time on this day (10:40), or both (T12 10:40); Esc cancels");
    app.ui.prompt = Some(Prompt {
        kind: PromptKind::Jump,
        input: String::new(),
    });
}

/// Enter on the jump prompt: moves the cursor, or keeps the prompt open
/// with what was wrong.
pub fn jump(app: &mut App, prompt: Prompt) {
    match target(app, &prompt.input) {
        Ok((table, row)) => {
            if let Some(table) = table {
                app.slate_tab.grid.table = table;
            }
            if let Some(row) = row {
                app.slate_tab.grid.row = row;
            }
            app.ui.status = None;
        }
        Err(e) => {
            app.complain(e);
            app.ui.prompt = Some(prompt);
        }
    }
}

/// The table (0-based) and the row of the cursor's day that `input` names.
fn target(app: &App, input: &str) -> Result<(Option<u32>, Option<usize>), String> {
    let Some(desk) = &app.desk else {
        return Err("no summit open".into());
    };
    let summit = desk.summit();
    let tables = summit.event.tables;
    let slots = day_slots(summit, app.slate_tab.grid.day);
    let (mut table, mut row) = (None, None);
    let words: Vec<&str> = input.split_whitespace().collect();
    if words.is_empty() || words.len() > 2 {
        return Err(format!(
            "type a table (1-{tables}), a time such as 10:40, or both"
        ));
    }
    for word in words {
        if word.contains(':') {
            let time = jiff::civil::Time::strptime("%H:%M", word)
                .map_err(|_| format!("\"{word}\" is not a time such as 10:40"))?;
            // The slot under way at that time, else the next to start.
            let day = summit.slots.get(slots.clone()).unwrap_or(&[]);
            let found = (day.iter().position(|s| s.start <= time && time < s.end))
                .or_else(|| day.iter().position(|s| s.start >= time))
                .ok_or_else(|| format!("no slot at or after {word} on this day"))?;
            row = Some(found);
        } else {
            let digits = word.trim_start_matches(['T', 't']);
            let n: u32 = digits
                .parse()
                .map_err(|_| format!("\"{word}\" is not a table (1-{tables}) or a time"))?;
            if n == 0 || n > tables {
                return Err(format!("there are tables 1-{tables}, not {n}"));
            }
            table = Some(n - 1);
        }
    }
    Ok((table, row))
}

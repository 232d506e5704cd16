//! The key table: the one place that says which key does what, where.
//! Dispatch, the help screen and the footer all read it, so they cannot
//! drift apart.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::{Command, Tab};
use super::desk::Mark;

/// Where a binding applies. A key is looked up in the active scopes only
/// (see `App::scopes`), so one key can mean different things on different
/// screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Even while typing.
    Always,
    /// Anywhere except while typing into the filter or a prompt.
    NotTyping,
    /// On any tab of an open summit, with no popup or prompt.
    Desk,
    /// The Buyers and Sellers tabs.
    Lists,
    /// The Slate tab.
    Slate,
    /// Typing into the filter or a prompt.
    Typing,
    /// The help screen.
    Help,
    /// The Summary tab.
    Summary,
    /// The explain panel.
    Explain,
    /// The check-in view.
    Checkin,
}

impl Scope {
    pub fn title(self) -> &'static str {
        match self {
            Scope::Always => "Everywhere",
            Scope::NotTyping => "Moving around",
            Scope::Desk => "Any tab",
            Scope::Lists => "Buyers and Sellers",
            Scope::Slate => "Slate",
            Scope::Typing => "Filter and prompts",
            Scope::Help => "Help",
            Scope::Summary => "Summary",
            Scope::Explain => "Explain panel",
            Scope::Checkin => "Check-in view (summit day)",
        }
    }
}

/// One key as written in the table: a code and the Ctrl/Alt modifiers.
/// Shift is not part of it: `G` already says shift.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}

const fn code(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    /// How the keys are written in help and footer.
    pub label: &'static str,
    pub command: Command,
    /// What it does, for the help screen.
    pub help: &'static str,
    /// A shorter word or two for the footer; `None` keeps it out of the
    /// footer (help still lists it).
    pub footer: Option<&'static str>,
    pub scope: Scope,
}

const fn bind(
    keys: &'static [Key],
    label: &'static str,
    command: Command,
    help: &'static str,
    footer: Option<&'static str>,
    scope: Scope,
) -> Binding {
    Binding {
        keys,
        label,
        command,
        help,
        footer,
        scope,
    }
}

use Command as C;
use Scope as S;

/// The table. Order matters: the footer shows entries in this order and
/// drops the last ones when the terminal is narrow, so the most useful
/// come first within each scope.
// One binding per line reads as a table; rustfmt would spread each over
// eight lines.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    // While typing: editing keys win over everything else.
    bind(&[code(KeyCode::Enter)], "Enter", C::Submit, "keep the filter, or save the prompt", Some("done"), S::Typing),
    bind(&[code(KeyCode::Esc)], "Esc", C::Cancel, "clear the filter, or cancel the prompt", Some("cancel"), S::Typing),
    bind(&[code(KeyCode::Backspace)], "Backspace", C::Backspace, "delete the last character", None, S::Typing),
    bind(&[code(KeyCode::Down)], "↓", C::Down, "move down the filtered list while typing", None, S::Typing),
    bind(&[code(KeyCode::Up)], "↑", C::Up, "move up the filtered list while typing", None, S::Typing),
    // Reviewing pairs on the Buyers and Sellers tabs.
    bind(&[k('/')], "/", C::Find, "filter the pane with focus: words, then the taxonomy (车厘子 = cherries), then typos", Some("find"), S::Lists),
    bind(&[k('a')], "a", C::Accept, "accept the selected pairing", Some("accept"), S::Lists),
    bind(&[k('x')], "x", C::Reject, "reject the selected pairing", Some("reject"), S::Lists),
    bind(&[k('c')], "c", C::Clear, "clear the decision on the selected pairing", Some("clear"), S::Lists),
    bind(&[k('L')], "L", C::Lock, "lock the pairing to a day, time and table", Some("lock"), S::Lists),
    bind(&[k('n')], "n", C::Note, "add a note to the pairing's decision", Some("note"), S::Lists),
    bind(&[k('+')], "+", C::WishMeet, "wish: they ask to meet this candidate, last on their list (again: removes it)", Some("wish"), S::Lists),
    bind(&[k('-')], "-", C::WishAvoid, "wish: they ask not to meet this candidate (again: removes it)", None, S::Lists),
    bind(&[k('W')], "W", C::UnmetWishes, "show only participants with wishes the slate leaves unmet (again: all)", Some("unmet"), S::Lists),
    bind(&[code(KeyCode::Tab), code(KeyCode::BackTab)], "Tab/S-Tab", C::NextPane, "switch between the list and the candidates", None, S::Lists),
    bind(&[k('h'), code(KeyCode::Left)], "h/←", C::Left, "focus the list", None, S::Lists),
    bind(&[k('l'), code(KeyCode::Right)], "l/→", C::Right, "focus the candidates", None, S::Lists),
    bind(&[code(KeyCode::Esc)], "Esc", C::Cancel, "clear the filter", None, S::Lists),
    // The slate grid.
    bind(&[k('m'), code(KeyCode::Enter)], "m/Enter", C::Move, "pick up a meeting, drop it on another cell: move or swap (then locked)", Some("move"), S::Slate),
    bind(&[k('['), k('<')], "[/<", C::PrevDay, "previous day", Some("day"), S::Slate),
    bind(&[k(']'), k('>')], "]/>", C::NextDay, "next day", None, S::Slate),
    bind(&[k('h'), code(KeyCode::Left)], "h/←", C::Left, "previous table", None, S::Slate),
    bind(&[k('l'), code(KeyCode::Right)], "l/→", C::Right, "next table", None, S::Slate),
    bind(&[code(KeyCode::Tab), code(KeyCode::BackTab)], "Tab/S-Tab", C::NextPane, "switch between the grid and the itineraries", None, S::Slate),
    // Why a participant got the meetings they got; the summit day.
    bind(&[k('w')], "w", C::Explain, "why: explain the selected participant's meetings", None, S::Lists),
    bind(&[code(KeyCode::Enter), k('w')], "Enter/w", C::Explain, "explain the selected participant who needs attention", Some("why"), S::Summary),
    bind(&[k('w')], "w", C::Explain, "explain the buyer of the meeting under the cursor", None, S::Slate),
    bind(&[code(KeyCode::Esc), k('w')], "Esc/w", C::Cancel, "close the explain panel", Some("close"), S::Explain),
    bind(&[k('p')], "p", C::Mark(Mark::Present), "mark the selected participant present", Some("present"), S::Checkin),
    bind(&[k('a')], "a", C::Mark(Mark::Absent), "mark them absent today", Some("absent"), S::Checkin),
    bind(&[k('l')], "l", C::Mark(Mark::Late), "mark them late: free from now on", Some("late"), S::Checkin),
    bind(&[k('d')], "d", C::Mark(Mark::Left), "mark them left: free until now", Some("left"), S::Checkin),
    bind(&[k('u')], "u", C::Undo, "undo your last check-in or outcome (refused if a colleague changed it since)", Some("undo"), S::Checkin),
    bind(&[k('r')], "r", C::Repair, "repair the rest of the summit from now: shows the changes first", Some("repair"), S::Checkin),
    bind(&[code(KeyCode::Enter)], "Enter", C::Submit, "save the proposed repair as a new slate version", Some("apply"), S::Checkin),
    bind(&[k('/')], "/", C::Find, "find a participant by id or company as you type", Some("find"), S::Checkin),
    bind(&[code(KeyCode::Esc)], "Esc", C::Cancel, "discard the proposed repair, clear the filter, or close", Some("close"), S::Checkin),
    bind(&[k('v')], "v", C::Changes, "show or hide the changes since the published version, per participant", Some("changes"), S::Slate),
    bind(&[k('P')], "P", C::Publish, "publish this version as what participants get (asks first)", Some("publish"), S::Slate),
    bind(&[k('R')], "R", C::Rollback, "roll back: a new version equal to an earlier one (asks which)", None, S::Slate),
    bind(&[k('t')], "t", C::Jump, "jump to a table or a time", Some("jump"), S::Slate),
    bind(&[k('H')], "H", C::PrevTables, "a screenful of tables left", None, S::Slate),
    bind(&[k('L')], "L", C::NextTables, "a screenful of tables right", None, S::Slate),
    bind(&[k('#')], "#", C::Ids, "cells show ids or short company names", None, S::Slate),
    bind(&[code(KeyCode::Esc)], "Esc", C::Cancel, "cancel a move, or hide the changes", None, S::Slate),
    // Any tab.
    bind(&[k('i')], "i", C::Checkin, "check-in view for the welcome desk (summit day)", None, S::Desk),
    bind(&[k('u')], "u", C::Undo, "undo your last decision", Some("undo"), S::Desk),
    bind(&[ctrl('r')], "Ctrl-r", C::Redo, "redo what you undid", None, S::Desk),
    bind(&[k('s')], "s", C::Schedule, "schedule in the background (press again to stop early)", Some("schedule"), S::Desk),
    bind(&[k('e')], "e", C::Export, "write schedule.csv, sellers.csv, buyers.csv, schedule.ics, print/", Some("export"), S::Desk),
    bind(&[k('1')], "1", C::GoTab(Tab::Buyers), "Buyers tab", None, S::Desk),
    bind(&[k('2')], "2", C::GoTab(Tab::Sellers), "Sellers tab", None, S::Desk),
    bind(&[k('3')], "3", C::GoTab(Tab::Slate), "Slate tab", None, S::Desk),
    bind(&[k('4')], "4", C::GoTab(Tab::Summary), "Summary tab", None, S::Desk),
    // Help.
    bind(&[code(KeyCode::Esc), k('?')], "Esc/?", C::Cancel, "close help", Some("close"), S::Help),
    // Moving around, on every screen that scrolls.
    bind(&[k('j'), code(KeyCode::Down)], "j/↓", C::Down, "down", None, S::NotTyping),
    bind(&[k('k'), code(KeyCode::Up)], "k/↑", C::Up, "up", None, S::NotTyping),
    bind(&[code(KeyCode::PageDown), ctrl('d')], "PgDn/^d", C::PageDown, "page down", None, S::NotTyping),
    bind(&[code(KeyCode::PageUp), ctrl('u')], "PgUp/^u", C::PageUp, "page up", None, S::NotTyping),
    bind(&[k('g'), code(KeyCode::Home)], "g/Home", C::Home, "first row", None, S::NotTyping),
    bind(&[k('G'), code(KeyCode::End)], "G/End", C::End, "last row", None, S::NotTyping),
    bind(&[k('?')], "?", C::Help, "show every key", Some("help"), S::NotTyping),
    bind(&[k('q')], "q", C::Quit, "quit", Some("quit"), S::NotTyping),
    bind(&[ctrl('c')], "Ctrl-c", C::Quit, "quit at once, from anywhere", None, S::Always),
];

/// The command for a key event in the given active scopes, if any.
/// Releases are ignored (terminals with the kitty protocol send them).
pub fn lookup(event: &KeyEvent, active: &[Scope]) -> Option<Command> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let mods = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    let code = match event.code {
        // Some terminals report Ctrl-letters in upper case with Shift.
        KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
            KeyCode::Char(c.to_ascii_lowercase())
        }
        other => other,
    };
    BINDINGS
        .iter()
        .filter(|b| active.contains(&b.scope))
        .find(|b| {
            b.keys
                .iter()
                .any(|key| key.code == code && key.mods == mods)
        })
        .map(|b| b.command)
}

/// The footer's entries for the active scopes: `(keys, words)`.
pub fn footer(active: &[Scope]) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
    BINDINGS
        .iter()
        .filter(|b| active.contains(&b.scope))
        .filter_map(|b| b.footer.map(|words| (short(b.label), words)))
}

/// The first of a label's alternatives ("m/Enter" → "m"), for the footer,
/// which has little room; "/" itself stays.
fn short(label: &'static str) -> &'static str {
    match label.split_once('/') {
        Some((first, _)) if !first.is_empty() => first,
        _ => label,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn scopes_decide_what_a_key_means() {
        let lists = [S::Always, S::NotTyping, S::Desk, S::Lists];
        let typing = [S::Always, S::Typing];
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(lookup(&q, &lists), Some(C::Quit));
        // While typing, q is text, not quit.
        assert_eq!(lookup(&q, &typing), None);
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(lookup(&ctrl_c, &typing), Some(C::Quit));
        let c = press(KeyCode::Char('c'), KeyModifiers::NONE);
        assert_eq!(lookup(&c, &lists), Some(C::Clear));
        let shift_g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(lookup(&shift_g, &lists), Some(C::End));
        let back_tab = press(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(lookup(&back_tab, &lists), Some(C::NextPane));
    }

    /// No key may be bound twice within one scope: the second binding would
    /// be dead and its help line a lie.
    #[test]
    fn no_key_is_bound_twice_in_a_scope() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                if a.scope == b.scope {
                    for key in a.keys {
                        assert!(!b.keys.contains(key), "{key:?} twice in {:?}", a.scope);
                    }
                }
            }
        }
    }
}

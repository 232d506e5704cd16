//! Styles, in the terminal's own palette.
//!
//! Only the 16 named ANSI colours and modifiers are used, so the desk looks
//! right on light and dark themes alike. With `NO_COLOR` set (non-empty)
//! there is no colour at all: emphasis comes from bold, reverse, underline
//! and dim, which every terminal has.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub no_color: bool,
    /// Plain text.
    pub base: Style,
    /// Column headers, pane titles.
    pub header: Style,
    /// The selected row in the focused pane.
    pub selected: Style,
    /// The selected row in a pane without focus.
    pub selected_unfocused: Style,
    /// Characters matched by the filter.
    pub matched: Style,
    /// Less important text: ids, hints, empty cells.
    pub dim: Style,
    pub accepted: Style,
    pub rejected: Style,
    pub locked: Style,
    pub proposed: Style,
    pub error: Style,
    pub warning: Style,
    pub ok: Style,
    /// Key names in the footer and help.
    pub key: Style,
    pub tab_active: Style,
    pub bar: Style,
    pub border_focused: Style,
    pub border: Style,
}

impl Theme {
    /// Reads `NO_COLOR` as <https://no-color.org> says: set and non-empty.
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme::new(no_color)
    }

    pub fn new(no_color: bool) -> Theme {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        let fg = |c: Color| if no_color { plain } else { plain.fg(c) };
        Theme {
            no_color,
            base: plain,
            header: bold,
            selected: plain.add_modifier(Modifier::REVERSED),
            selected_unfocused: if no_color {
                plain.add_modifier(Modifier::UNDERLINED)
            } else {
                plain.add_modifier(Modifier::REVERSED | Modifier::DIM)
            },
            matched: if no_color {
                bold.add_modifier(Modifier::UNDERLINED)
            } else {
                bold.fg(Color::Yellow)
            },
            dim: plain.add_modifier(Modifier::DIM),
            accepted: if no_color {
                bold
            } else {
                plain.fg(Color::Green)
            },
            rejected: if no_color {
                plain.add_modifier(Modifier::CROSSED_OUT | Modifier::DIM)
            } else {
                plain.fg(Color::Red)
            },
            locked: if no_color {
                bold.add_modifier(Modifier::UNDERLINED)
            } else {
                bold.fg(Color::Cyan)
            },
            proposed: plain,
            error: if no_color { bold } else { bold.fg(Color::Red) },
            warning: if no_color {
                bold
            } else {
                plain.fg(Color::Yellow)
            },
            ok: fg(Color::Green),
            key: if no_color { bold } else { bold.fg(Color::Cyan) },
            tab_active: bold.add_modifier(Modifier::REVERSED),
            bar: fg(Color::Blue),
            border_focused: if no_color {
                bold
            } else {
                plain.fg(Color::Cyan)
            },
            border: if no_color {
                plain
            } else {
                plain.fg(Color::DarkGray)
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every style of the NO_COLOR theme must be free of colour.
    #[test]
    fn no_color_means_no_colour_anywhere() {
        let t = Theme::new(true);
        let styles = [
            t.base,
            t.header,
            t.selected,
            t.selected_unfocused,
            t.matched,
            t.dim,
            t.accepted,
            t.rejected,
            t.locked,
            t.proposed,
            t.error,
            t.warning,
            t.ok,
            t.key,
            t.tab_active,
            t.bar,
            t.border_focused,
            t.border,
        ];
        for style in styles {
            assert_eq!(style.fg, None, "{style:?}");
            assert_eq!(style.bg, None, "{style:?}");
        }
    }

    /// Colours come from the 16 named ANSI colours only, never RGB or
    /// indexed, so the terminal's theme decides what they look like.
    #[test]
    fn colours_are_named_ansi_only() {
        let t = Theme::new(false);
        for style in [
            t.matched, t.accepted, t.rejected, t.locked, t.error, t.key, t.bar,
        ] {
            if let Some(c) = style.fg {
                assert!(!matches!(c, Color::Rgb(..) | Color::Indexed(_)), "{c:?}");
            }
        }
    }
}

//! `agendas/<id>.ics`: a participant's own meetings as a calendar, through
//! the export's iCalendar writer, each event described for its reader
//! (counterpart, table, reason, meeting code), never with a score, status
//! or slot number.

use super::agenda::{Bi, Line, Model, Page};
use super::labels::{self, Label};
use crate::export::{ExportError, Row, ics};

impl<'a> Model<'_, 'a> {
    /// `agendas/<id>.ics`: the page's meetings, described for the reader.
    pub fn calendar(&self, page: &Page<'_>) -> Result<String, ExportError> {
        let indices = self.indices(page.side, page.index);
        let rows: Vec<Row<'a>> = indices
            .iter()
            .filter_map(|&i| self.rows.get(i).copied())
            .collect();
        let dtstamp = ics::default_dtstamp_for(self.input.summit, self.rows)?;
        ics::render_described(
            self.input.summit,
            &rows,
            dtstamp,
            &ics::Versioning::default(),
            &|position, _| {
                indices
                    .get(position)
                    .and_then(|&i| self.line(i, page.side, page.lang))
                    .map(|line| describe(page, &line))
                    .unwrap_or_default()
            },
        )
    }
}

/// A calendar event's description: the page's line as plain text, in the
/// reader's languages.
fn describe(page: &Page<'_>, line: &Line<'_>) -> String {
    let both = |bi: &Bi| {
        if bi.second.is_empty() {
            bi.first.clone()
        } else {
            format!("{} / {}", bi.first, bi.second)
        }
    };
    let l = |label: Label| both(&page.l(label));
    let mut who = line.who.to_owned();
    if !line.who_zh.is_empty() {
        who = format!("{who} ({})", line.who_zh);
    }
    let mut text = vec![
        format!("{}: {who}", l(labels::MEETING_WITH)),
        both(&line.about),
        format!("{}: {}", both(&line.trades_label), both(&line.trades)),
        format!("{}: {}", l(labels::TABLE), both(&line.table)),
        format!("{}: {}", l(labels::WHY), both(&line.why)),
        format!("{}: {}", l(labels::MEETING_CODE), line.code),
    ];
    if line.interpreter {
        text.push(l(labels::INTERPRETER));
    }
    text.retain(|t| !t.trim().is_empty());
    text.join("\n")
}

//! The Slate tab's own accessors: its stored version, the changes panel
//! and how cells are labelled.

use crate::summit::VersionStatus;

use super::{App, Changes};

impl App {
    /// The stored version the slate is, once saved or opened.
    pub fn version(&self) -> Option<&VersionStatus> {
        self.slate_tab.version.as_ref()
    }

    /// True while cells show ids rather than company names.
    pub fn show_ids(&self) -> bool {
        self.slate_tab.show_ids
    }

    /// Short company names for the grid's cells, once worked out.
    pub fn short_names(&self) -> Option<&crate::tui::short_names::ShortNames> {
        self.slate_tab.names.as_ref()
    }

    /// The changes since the published version, while shown.
    pub fn changes(&self) -> Option<&Changes> {
        self.slate_tab.changes.as_ref()
    }
}

impl App {
    /// What the summit day says about `meeting` (held, no-show, a
    /// participant absent…), once the day's marks are read.
    pub fn day_mark(&self, meeting: &crate::model::Meeting) -> Option<crate::summit::MeetingMark> {
        let marks = self.slate_tab.day.marks.as_ref()?;
        marks.mark(self.desk()?.summit(), meeting)
    }

    /// True when the summit day has recorded anything to mark.
    pub fn has_day_marks(&self) -> bool {
        (self.slate_tab.day.marks.as_ref()).is_some_and(|m| !m.is_empty())
    }

    /// The venue clock when the marks were last read, for the "now" line.
    pub fn venue_now(&self) -> Option<jiff::civil::DateTime> {
        self.slate_tab.day.now
    }
}

//! A desk move in one transaction: the moved meetings' locks (one undo
//! step, so a swap is undone whole) and the staff member's draft version
//! that shows them. A crash or a refused lock leaves neither written.

use super::{NewDecision, NewVersion, Store, StoreError, VersionInfo, check_step, check_text};

impl Store {
    /// Records `locks` as one step and saves `draft` as this staff
    /// member's draft (amending their unpublished latest version, else a
    /// new one), in one transaction. The draft's log position is the log
    /// after the locks. A lock that clashes refuses the whole move.
    pub fn record_move(
        &self,
        locks: &[NewDecision<'_>],
        draft: &NewVersion<'_>,
    ) -> Result<VersionInfo, StoreError> {
        check_step(locks)?;
        check_text("staff name", draft.staff)?;
        if locks.iter().any(|d| d.staff != draft.staff) {
            return Err(StoreError::Invalid(
                "a move's locks and its draft are one staff member's".to_string(),
            ));
        }
        self.record_step_with_draft(locks, draft)
            .map(|(_, info)| info)
    }
}

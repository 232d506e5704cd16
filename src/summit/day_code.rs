//! Meeting codes on summit day: staff type the six-character code printed
//! beside a meeting on the agendas to record its outcome. A code depends
//! only on the pair, so it is looked up among the meetings of the latest
//! published version and of the latest version; two pairs can share a
//! code, and then staff must say which by the ids.

use super::{OpenSummit, SummitError};
use crate::export::print::{meeting_code, parse_meeting_code};
use crate::store::VersionMeeting;

/// Why a typed meeting code names no single meeting.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CodeError {
    #[error(
        "{typed:?} is not a meeting code: a code has 6 characters, digits 2-9 and letters A-Z \
         without I and O (as printed beside each meeting); or give the seller and buyer ids"
    )]
    Malformed { typed: String },
    #[error(
        "no meeting of slate version {version} has code {code}; check the agenda it was printed \
         on, or give the seller and buyer ids"
    )]
    Unknown { code: String, version: i64 },
    #[error(
        "code {code} names {} meetings; say which by the seller and buyer ids: {}",
        candidates.len(),
        candidates.iter().map(describe).collect::<Vec<_>>().join("; ")
    )]
    Ambiguous {
        code: String,
        /// The meetings sharing the code, by seller id then buyer id.
        candidates: Vec<VersionMeeting>,
    },
}

/// "S001 and B002 (2017-10-11 09:00, table 3)".
pub fn describe(m: &VersionMeeting) -> String {
    format!(
        "{} and {} ({} {}, table {})",
        m.seller_id,
        m.buyer_id,
        m.date,
        m.start.strftime("%H:%M"),
        m.table + 1
    )
}

impl OpenSummit {
    /// The meeting the typed `code` names (any case, spaces and dashes
    /// ignored), among the meetings of the latest published version and
    /// the latest version; refused with [`CodeError`] when the code is
    /// malformed, names no meeting, or names several.
    pub fn meeting_by_code(&self, typed: &str) -> Result<VersionMeeting, SummitError> {
        let code = parse_meeting_code(typed).ok_or_else(|| CodeError::Malformed {
            typed: typed.to_string(),
        })?;
        let latest = self.store.latest_version()?.ok_or(SummitError::NoSlate)?;
        let mut numbers = vec![latest.number];
        if let Some(published) = self.store.latest_published()?
            && published.number != latest.number
        {
            numbers.push(published.number);
        }
        let mut found: Vec<VersionMeeting> = Vec::new();
        for number in numbers {
            for m in self.store.version_meetings(number)? {
                let seen = (found.iter())
                    .any(|f| (&f.seller_id, &f.buyer_id) == (&m.seller_id, &m.buyer_id));
                if !seen && meeting_code(&m.seller_id, &m.buyer_id) == code {
                    found.push(m);
                }
            }
        }
        found.sort_by(|a, b| (&a.seller_id, &a.buyer_id).cmp(&(&b.seller_id, &b.buyer_id)));
        match found.len() {
            0 => Err(CodeError::Unknown {
                code,
                version: latest.number,
            }
            .into()),
            1 => Ok(found.remove(0)),
            _ => Err(CodeError::Ambiguous {
                code,
                candidates: found,
            }
            .into()),
        }
    }
}

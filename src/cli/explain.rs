//! `matchslate explain --seller ID | --buyer ID`: why a participant got the
//! meetings they got, on the slate `schedule` would build.

use std::ops::ControlFlow;
use std::process::ExitCode;

use matchslate::model::{DecisionKind, Side};
use matchslate::summit::{ExplainedWithWishes, OpenSummit, SummitOptions};

use super::report_invalid;
use super::schedule::{SlateOptions, slate_options};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

pub struct ExplainOptions {
    pub seller: Option<String>,
    pub buyer: Option<String>,
    pub format: Format,
    pub slate: SlateOptions,
}

pub fn run(summit: &SummitOptions, options: &ExplainOptions) -> anyhow::Result<ExitCode> {
    let (side, id) = match (&options.seller, &options.buyer) {
        (Some(id), _) => (Side::Seller, id.as_str()),
        (None, Some(id)) => (Side::Buyer, id.as_str()),
        (None, None) => {
            return Err(anyhow::Error::new(super::UsageError(
                "say whom to explain: --seller ID or --buyer ID".to_string(),
            )));
        }
    };
    let slate_options = slate_options(&options.slate)?;
    let open = match OpenSummit::open(summit) {
        Ok(open) => open,
        Err(err) => return report_invalid(err),
    };
    let scheduled = open.schedule(&slate_options, &mut |_| ControlFlow::Continue(()));
    let explained = scheduled.explain(open.prepared(), side, id, |seller, buyer| {
        open.decision(seller, buyer).map(|info| info.kind)
    })?;
    match options.format {
        Format::Text => {
            let text = explained.to_text(scheduled.input());
            for line in text.lines() {
                outln!("{}", super::printable(line));
            }
            let unmet = scheduled.unmet_wishes(open.wishes(), side, explained.index, |s, b| {
                open.decision(s, b).map(|info| info.kind) == Some(DecisionKind::Rejected)
            });
            if !unmet.is_empty() {
                outln!("unmet wishes:");
            }
            let summit = open.summit();
            for wish in &unmet {
                let other = match side {
                    Side::Seller => summit.buyers.get(wish.other).map(|b| b.id.as_str()),
                    Side::Buyer => summit.sellers.get(wish.other).map(|s| s.id.as_str()),
                };
                outln!(
                    "  {} ({}): {}",
                    super::printable(other.unwrap_or("?")),
                    wish.what,
                    super::printable(&wish.cause)
                );
            }
        }
        Format::Json => {
            // The wish part comes from summit::wishes (issue 13).
            let unmet_wishes = scheduled.unmet_wish_lines(
                open.prepared(),
                open.wishes(),
                side,
                explained.index,
                |s, b| open.decision(s, b).map(|info| info.kind) == Some(DecisionKind::Rejected),
            );
            let json = ExplainedWithWishes {
                explanation: &explained,
                unmet_wishes,
            };
            outln!("{}", serde_json::to_string_pretty(&json)?)
        }
    }
    Ok(ExitCode::SUCCESS)
}

//! `matchslate explain --seller ID | --buyer ID`: why a participant got the
//! meetings they got, on the slate `schedule` would build.

use std::ops::ControlFlow;
use std::process::ExitCode;

use matchslate::model::Side;
use matchslate::summit::{OpenSummit, SummitOptions};

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
    let diagnosis = open.diagnoser().diagnose(&scheduled, side, id)?;
    match options.format {
        Format::Text => {
            for line in diagnosis.text_lines() {
                outln!("{}", super::printable(&line));
            }
        }
        Format::Json => outln!("{}", serde_json::to_string_pretty(&diagnosis.json())?),
    }
    Ok(ExitCode::SUCCESS)
}

//! The explain panel's work, packaged for a worker thread: explaining one
//! participant may first build a slate, which takes seconds on a large
//! summit.

use std::ops::ControlFlow;

use crate::model::Side;
use crate::summit::{Diagnosis, OpenSummit, Scheduled, SlateOptions};

/// A participant's diagnosis, and whether it was made on a slate built for
/// it (the desk had none; that slate is not kept).
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnosed {
    pub diagnosis: Diagnosis,
    pub on_fresh_slate: bool,
}

/// Explaining one participant, on a worker thread.
pub type DiagnoseJob = Box<dyn FnOnce() -> Result<Diagnosed, String> + Send>;

/// Explains `index` on `side` on `scheduled`, or on a slate built the way
/// the desk's `s` builds one when there is none.
pub fn diagnose_job(
    open: &OpenSummit,
    scheduled: Option<Scheduled>,
    side: Side,
    index: usize,
) -> DiagnoseJob {
    let summit = open.summit();
    let id = match side {
        Side::Seller => summit.sellers.get(index).map(|s| s.id.clone()),
        Side::Buyer => summit.buyers.get(index).map(|b| b.id.clone()),
    };
    let diagnoser = open.diagnoser();
    Box::new(move || {
        let id = id.ok_or_else(|| "no such participant".to_string())?;
        let on_fresh_slate = scheduled.is_none();
        let scheduled = match scheduled {
            Some(scheduled) => scheduled,
            None => {
                let options = SlateOptions {
                    time_limit: crate::tui::app::SCHEDULE_TIME,
                    ..SlateOptions::default()
                };
                diagnoser.schedule(&options, &mut |_| ControlFlow::Continue(()))
            }
        };
        let diagnosis = (diagnoser.diagnose(&scheduled, side, &id)).map_err(|e| e.to_string())?;
        Ok(Diagnosed {
            diagnosis,
            on_fresh_slate,
        })
    })
}

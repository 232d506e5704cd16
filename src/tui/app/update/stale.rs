//! What the desk says about a slate older than the decisions.

use crate::summit::Exported;

use super::review::pair_ids;
use crate::tui::app::App;

/// "wrote … to data/out; left out 1 meeting rejected since this slate:
/// S058·B002".
pub fn exported_message(app: &App, exported: &Exported) -> String {
    let mut text = format!(
        "wrote schedule.csv, sellers.csv, buyers.csv, schedule.ics and print/ to {}",
        exported.folder.display()
    );
    if let (Some(desk), false) = (&app.desk, exported.dropped.is_empty()) {
        let pairs: Vec<String> = (exported.dropped.iter())
            .map(|&(s, b)| pair_ids(desk.summit(), s, b))
            .collect();
        let n = pairs.len();
        text.push_str(&format!(
            "; left out {n} meeting{} rejected since this slate: {}",
            if n == 1 { "" } else { "s" },
            pairs.join(", ")
        ));
    }
    text
}

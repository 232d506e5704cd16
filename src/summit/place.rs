//! A meeting place as staff read it: day, time and table.

use crate::model::Summit;

/// "Wed 09:20 · T5" for a slot and table (both 0-based); a slot the event
/// does not have shows as "slot N · T5", counted from 1.
pub fn place_label(summit: &Summit, slot: usize, table: u32) -> String {
    let when = summit.slots.get(slot).map_or_else(
        || format!("slot {}", slot.saturating_add(1)),
        |s| format!("{} {}", s.date.strftime("%a"), s.start.strftime("%H:%M")),
    );
    format!("{when} · T{}", table.saturating_add(1))
}

/// "1 09:20 5": the same place as typed into the desk's lock prompt (day
/// counted from 1, start time, table counted from 1).
pub fn place_input(summit: &Summit, slot: usize, table: u32) -> Option<String> {
    let s = summit.slots.get(slot)?;
    Some(format!(
        "{} {} {}",
        s.day + 1,
        s.start.strftime("%H:%M"),
        table.saturating_add(1)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_reads_as_day_time_and_table() {
        let loaded = crate::load::load_summit(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data"),
        );
        let Some(summit) = loaded.summit else {
            panic!("demo data loads")
        };
        assert_eq!(place_label(&summit, 1, 4), "Wed 09:20 · T5");
        assert_eq!(place_input(&summit, 1, 4).as_deref(), Some("1 09:20 5"));
        // The second day starts after the first day's 21 slots.
        assert_eq!(place_label(&summit, 21, 0), "Thu 09:00 · T1");
        assert_eq!(place_label(&summit, 999, 0), "slot 1000 · T1");
        assert_eq!(place_input(&summit, 999, 0), None);
    }
}

//! A `VTIMEZONE` component (RFC 5545 §3.6.5) for the days of the event,
//! built from jiff's time-zone transitions.
//!
//! Written by hand rather than through icalendar: its generic component adds
//! `DTSTAMP` and a random `UID` to every component, which RFC 5545 does not
//! allow in `VTIMEZONE` and which would make exports differ run to run.
//!
//! Only the observances in force during the meetings are listed, each with
//! its concrete onset and no `RRULE`; RFC 5545 allows a `VTIMEZONE` to cover
//! just the period its calendar uses, and this avoids translating tzdata
//! rules into recurrence rules.

use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};
use jiff::{SignedDuration, Timestamp};

/// One observance: from `onset` (local time in the old offset) the zone's
/// offset is `to` and its abbreviation `name`.
struct Observance {
    at: Timestamp,
    daylight: bool,
    onset: DateTime,
    from: Offset,
    to: Offset,
    name: String,
}

/// The `VTIMEZONE` text, CRLF line endings included, covering the days
/// `first..=last` for `tz`, under the id `tzid`.
pub(super) fn render(
    tz: &TimeZone,
    tzid: &str,
    first: Date,
    last: Date,
) -> Result<String, jiff::Error> {
    let window_start = first.to_zoned_datetime(tz.clone())?.timestamp();
    let window_end = last.tomorrow()?.to_zoned_datetime(tz.clone())?.timestamp();

    let mut observances = Vec::new();
    // Walk back from the end of the window: every transition inside the
    // window, then the last one at or before its start (the observance in
    // force when the event begins).
    for transition in tz.preceding(window_end) {
        let at = transition.timestamp();
        let from = tz.to_offset(at.checked_sub(SignedDuration::from_nanos(1))?);
        observances.push(Observance {
            at,
            daylight: transition.dst().is_dst(),
            onset: from.to_datetime(at),
            from,
            to: transition.offset(),
            name: transition.abbreviation().to_owned(),
        });
        if at <= window_start {
            break;
        }
    }
    observances.reverse();
    if observances.first().is_none_or(|obs| obs.at > window_start) {
        // A zone with no transitions before the event (a fixed offset such
        // as UTC): one observance from the epoch on, in force throughout.
        let info = tz.to_offset_info(window_start);
        observances.insert(
            0,
            Observance {
                at: Timestamp::UNIX_EPOCH,
                daylight: info.dst().is_dst(),
                onset: jiff::civil::date(1970, 1, 1).at(0, 0, 0, 0),
                from: info.offset(),
                to: info.offset(),
                name: info.abbreviation().to_owned(),
            },
        );
    }

    let mut out = String::new();
    line(&mut out, "BEGIN:VTIMEZONE");
    line(&mut out, &format!("TZID:{}", escape(tzid)));
    for obs in &observances {
        let kind = if obs.daylight { "DAYLIGHT" } else { "STANDARD" };
        line(&mut out, &format!("BEGIN:{kind}"));
        line(
            &mut out,
            &format!("DTSTART:{}", obs.onset.strftime("%Y%m%dT%H%M%S")),
        );
        line(&mut out, &format!("TZOFFSETFROM:{}", utc_offset(obs.from)));
        line(&mut out, &format!("TZOFFSETTO:{}", utc_offset(obs.to)));
        if !obs.name.is_empty() {
            line(&mut out, &format!("TZNAME:{}", escape(&obs.name)));
        }
        line(&mut out, &format!("END:{kind}"));
    }
    line(&mut out, "END:VTIMEZONE");
    Ok(out)
}

/// RFC 5545 `utc-offset`: `+HHMM`, or `+HHMMSS` for the odd historical zone
/// with seconds. Zero is `+0000` (`-0000` is not allowed).
fn utc_offset(offset: Offset) -> String {
    let total = offset.seconds();
    let sign = if total < 0 { '-' } else { '+' };
    let abs = total.unsigned_abs();
    let (hours, minutes, seconds) = (abs / 3600, abs / 60 % 60, abs % 60);
    if seconds == 0 {
        format!("{sign}{hours:02}{minutes:02}")
    } else {
        format!("{sign}{hours:02}{minutes:02}{seconds:02}")
    }
}

/// TEXT escaping for the two text values here (zone ids and abbreviations
/// are plain ASCII in tzdata, but the id comes from the event file).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().filter(|c| !c.is_control()) {
        if matches!(c, '\\' | ';' | ',') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn line(out: &mut String, text: &str) {
    out.push_str(text);
    out.push_str("\r\n");
}

//! Reading the optional `wishes.csv` (header `from_id,to_id,wish,rank`),
//! as summits collect wishes through request forms. Each row becomes a
//! [`Written`] wish placed at its file, line and column; the meaning checks
//! shared with the JSON wishes happen in `wishes`.

use std::path::Path;

use super::diagnostic::{Diagnostic, Position, Severity};
use super::wishes::{Origin, WishKind, Written};

pub const HEADER: [&str; 4] = ["from_id", "to_id", "wish", "rank"];

/// One CSV problem, placed at a line and a named column.
pub fn problem(
    path: &Path,
    severity: Severity,
    position: Position,
    column: &str,
    message: impl Into<String>,
    hint: impl Into<String>,
) -> Diagnostic {
    Diagnostic {
        severity,
        file: path.to_path_buf(),
        position: Some(position),
        path: column.to_string(),
        message: message.into(),
        hint: Some(hint.into()),
    }
}

/// The rows of `text` (the file at `path`) as written wishes, problems of
/// shape (header, field count, wish and rank values) reported on the way.
pub fn read_rows(path: &Path, text: &str, problems: &mut Vec<Diagnostic>) -> Vec<Written> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut header_seen = false;
    loop {
        let start = reader.position().clone();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(err) => {
                let line = err.position().map_or(start.line(), |p| p.line());
                problems.push(problem(
                    path,
                    Severity::Error,
                    Position {
                        line: line as usize,
                        column: 1,
                    },
                    "",
                    format!("cannot read this row: {err}"),
                    "save the file as UTF-8 CSV with the header from_id,to_id,wish,rank",
                ));
                break;
            }
        }
        let end = reader.position().byte() as usize;
        let raw = text.get(start.byte() as usize..end).unwrap_or("");
        let place = |field: usize| Position {
            line: start.line() as usize,
            column: field_column(raw, field),
        };
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if !header_seen {
            header_seen = true;
            let found: Vec<String> = record.iter().map(|f| f.trim().to_lowercase()).collect();
            if found != HEADER {
                let bad = (0..HEADER.len())
                    .find(|&i| found.get(i).map(String::as_str) != Some(HEADER[i]))
                    .unwrap_or(HEADER.len());
                problems.push(problem(
                    path,
                    Severity::Error,
                    place(bad),
                    "",
                    format!(
                        "expected the header from_id,to_id,wish,rank, found {:?}",
                        record.iter().collect::<Vec<_>>().join(",")
                    ),
                    "make the first line exactly: from_id,to_id,wish,rank",
                ));
                return Vec::new();
            }
            continue;
        }
        if record.len() != HEADER.len() {
            problems.push(problem(
                path,
                Severity::Error,
                place(record.len().min(HEADER.len())),
                "",
                format!("expected 4 fields, found {}", record.len()),
                "write each row as from_id,to_id,wish,rank (rank blank for avoid)",
            ));
            continue;
        }
        let field = |i: usize| record.get(i).unwrap_or("").trim().to_string();
        let origin = |i: usize| Origin::Csv {
            position: place(i),
            column: HEADER[i],
        };
        let wish = field(2);
        let rank = field(3);
        let kind = match wish.to_lowercase().as_str() {
            "meet" => match rank.parse::<u32>() {
                Ok(r) if r >= 1 => WishKind::Meet(r),
                _ => {
                    problems.push(problem(
                        path,
                        Severity::Error,
                        place(3),
                        "rank",
                        format!("expected a rank of 1 or more for a meet wish, found {rank:?}"),
                        "rank the participant's meet wishes 1, 2, 3 ... (1 is the most wanted)",
                    ));
                    continue;
                }
            },
            "avoid" => {
                if !rank.is_empty() {
                    problems.push(problem(
                        path,
                        Severity::Warning,
                        place(3),
                        "rank",
                        format!("rank {rank:?} is ignored: avoid wishes are not ranked"),
                        "leave rank blank for avoid",
                    ));
                }
                WishKind::Avoid
            }
            _ => {
                problems.push(problem(
                    path,
                    Severity::Error,
                    place(2),
                    "wish",
                    format!("expected meet or avoid, found {wish:?}"),
                    "write meet (wants to meet) or avoid (must not meet)",
                ));
                continue;
            }
        };
        // Ids as the participant checks store them (NFKC, trimmed).
        let id = |i: usize| super::limits::normalise_id(record.get(i).unwrap_or(""));
        rows.push(Written {
            from: id(0),
            from_origin: origin(0),
            to: id(1),
            kind,
            origin: origin(1),
        });
    }
    rows
}

/// The 1-based character column where field `field` (0-based) starts in a
/// raw CSV record: after that many commas outside quotes. Past the last
/// field, the end of the record.
fn field_column(raw: &str, field: usize) -> usize {
    let mut commas = 0;
    let mut quoted = false;
    let mut column = 1;
    for c in raw.chars() {
        if commas == field {
            return column;
        }
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            '\n' | '\r' if !quoted => return column,
            _ => {}
        }
        column += 1;
    }
    column
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_columns_skip_quoted_commas() {
        assert_eq!(field_column("S1,B2,meet,1\n", 0), 1);
        assert_eq!(field_column("S1,B2,meet,1\n", 2), 7);
        assert_eq!(field_column("\"S,1\",B2,meet,1", 1), 7);
        assert_eq!(field_column("S1,B2\n", 3), 6);
    }
}

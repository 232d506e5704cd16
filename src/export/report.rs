//! The event report's CSV files: plain tables (a header and rows of text)
//! written with the csv crate as one set, so a reader never sees half a
//! report.

use std::path::{Path, PathBuf};

use super::{ExportError, write_set};

/// One CSV file of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvTable {
    pub name: &'static str,
    pub header: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

impl CsvTable {
    /// The file's bytes.
    pub fn to_csv(&self) -> Result<Vec<u8>, ExportError> {
        let render = |detail: String| ExportError::Render {
            file: self.name,
            detail,
        };
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer
            .write_record(&self.header)
            .map_err(|e| render(e.to_string()))?;
        for row in &self.rows {
            writer
                .write_record(row)
                .map_err(|e| render(e.to_string()))?;
        }
        writer.into_inner().map_err(|e| render(e.to_string()))
    }
}

/// Writes `tables` into `out_dir` as one set and returns the paths.
pub fn write_tables(out_dir: &Path, tables: &[CsvTable]) -> Result<Vec<PathBuf>, ExportError> {
    let bytes = tables
        .iter()
        .map(CsvTable::to_csv)
        .collect::<Result<Vec<_>, _>>()?;
    let files: Vec<(&str, &[u8])> = (tables.iter().zip(&bytes))
        .map(|(t, b)| (t.name, b.as_slice()))
        .collect();
    write_set(out_dir, &files)?;
    Ok(tables.iter().map(|t| out_dir.join(t.name)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_written_as_parseable_csv() {
        let dir = tempfile::tempdir().unwrap();
        let table = CsvTable {
            name: "figures.csv",
            header: vec!["figure", "value"],
            rows: vec![vec!["held, in all".to_string(), "12".to_string()]],
        };
        let paths = write_tables(dir.path(), &[table]).unwrap();
        let mut reader = csv::Reader::from_path(&paths[0]).unwrap();
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1);
        assert_eq!(&rows[0][0], "held, in all");
        assert_eq!(&rows[0][1], "12");
    }
}

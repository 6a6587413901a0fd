//! A file the shop brings in, read as a table of text: CSV (comma, semicolon
//! or tab; UTF-8, or GB18030 as Chinese Excel saves it) or a spreadsheet
//! (`.xlsx`, `.xls`, `.ods`, first sheet, read with `calamine`). The first
//! non-empty row is the header; empty rows are skipped; every row keeps its
//! line number in the file so a problem can be found there.
//!
//! Limits keep a wrong file from filling memory: 64 MB, 200,000 rows, 200
//! columns, 2,000 characters a cell — each refused with words, never a panic.
//! Tests: tests/core/exchange/import.rs.

use crate::base::error::{Error, Result};
use calamine::{Data, Reader};
use std::io::Cursor;

pub const MAX_BYTES: usize = 64 * 1024 * 1024;
pub const MAX_ROWS: usize = 200_000;
pub const MAX_COLUMNS: usize = 200;
pub const MAX_CELL: usize = 2_000;

/// Rows of cells, each with its line number in the file.
type Grid = Vec<(usize, Vec<String>)>;

/// A file read as text cells.
#[derive(Debug, Clone)]
pub struct Table {
    pub headers: Vec<String>,
    /// (line or row number in the file, cells), header excluded.
    pub rows: Vec<(usize, Vec<String>)>,
    /// How it was read: "UTF-8", "GB18030", or the sheet's name.
    pub read_as: String,
}

fn refuse(en: impl Into<String>, zh: impl Into<String>) -> Error {
    Error::invalid("file", en, zh)
}

/// Reads `bytes` by the file name's extension.
pub fn read(file_name: &str, bytes: &[u8]) -> Result<Table> {
    if bytes.is_empty() {
        return Err(refuse("The file is empty", "文件是空的"));
    }
    if bytes.len() > MAX_BYTES {
        return Err(refuse(
            "The file is over 64 MB; split it into smaller files",
            "文件超过 64 MB，请拆分成较小的文件",
        ));
    }
    let ext = file_name
        .rsplit('.')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let (read_as, grid) = match ext.as_str() {
        "csv" | "txt" | "tsv" => csv_grid(bytes)?,
        "xlsx" | "xlsm" | "xls" | "ods" => sheet_grid(bytes)?,
        _ => {
            return Err(refuse(
                format!("'{file_name}' is not a CSV or Excel file (.csv, .xlsx, .xls, .ods)"),
                format!("“{file_name}”不是 CSV 或 Excel 文件（.csv、.xlsx、.xls、.ods）"),
            ))
        }
    };
    into_table(read_as, grid)
}

fn into_table(read_as: String, grid: Grid) -> Result<Table> {
    let mut rows = grid
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    let Some((_, headers)) = rows.next() else {
        return Err(refuse("The file has no rows", "文件中没有数据行"));
    };
    if headers.len() > MAX_COLUMNS {
        return Err(refuse(
            format!(
                "The file has {} columns; at most {MAX_COLUMNS} are read",
                headers.len()
            ),
            format!("文件有 {} 列，最多读取 {MAX_COLUMNS} 列", headers.len()),
        ));
    }
    let headers: Vec<String> = headers.iter().map(|h| h.trim().to_string()).collect();
    let rows: Vec<(usize, Vec<String>)> = rows.collect();
    if rows.len() > MAX_ROWS {
        return Err(refuse(
            format!(
                "The file has {} rows; at most {MAX_ROWS} at a time",
                rows.len()
            ),
            format!("文件有 {} 行，每次最多导入 {MAX_ROWS} 行", rows.len()),
        ));
    }
    Ok(Table {
        headers,
        rows,
        read_as,
    })
}

/// Decodes UTF-8 (with or without its byte-order mark), else GB18030.
fn decode(bytes: &[u8]) -> (String, String) {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(s) => ("UTF-8".into(), s.to_string()),
        Err(_) => {
            let (text, _, _) = encoding_rs::GB18030.decode(body);
            ("GB18030".into(), text.into_owned())
        }
    }
}

/// The separator the header line uses most: comma, semicolon or tab.
fn separator(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|s| first.bytes().filter(|b| b == s).count())
        .unwrap_or(b',')
}

fn csv_grid(bytes: &[u8]) -> Result<(String, Grid)> {
    let (read_as, text) = decode(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator(&text))
        .from_reader(text.as_bytes());
    let mut grid = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            refuse(
                format!("The CSV file cannot be read at line {line}: {e}"),
                format!("CSV 文件第 {line} 行无法读取：{e}"),
            )
        })?;
        let line = record.position().map(|p| p.line() as usize).unwrap_or(0);
        grid.push((line, record.iter().map(str::to_string).collect()));
        if grid.len() > MAX_ROWS + 1 {
            break;
        }
    }
    Ok((read_as, grid))
}

fn sheet_grid(bytes: &[u8]) -> Result<(String, Grid)> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        refuse(
            format!("The spreadsheet cannot be read: {e}"),
            format!("无法读取该电子表格：{e}"),
        )
    })?;
    let Some(name) = book.sheet_names().first().cloned() else {
        return Err(refuse(
            "The spreadsheet has no sheets",
            "电子表格中没有工作表",
        ));
    };
    let range = book.worksheet_range(&name).map_err(|e| {
        refuse(
            format!("The sheet '{name}' cannot be read: {e}"),
            format!("无法读取工作表“{name}”：{e}"),
        )
    })?;
    let first_row = range.start().map(|(r, _)| r as usize).unwrap_or(0);
    let grid = range
        .rows()
        .take(MAX_ROWS + 2)
        .enumerate()
        .map(|(i, row)| (first_row + i + 1, row.iter().map(cell_text).collect()))
        .collect();
    Ok((name, grid))
}

/// A spreadsheet cell as the text a person sees: whole numbers without ".0"
/// (phone numbers are often stored as numbers), dates as YYYY-MM-DD.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => {
            // Money typed in a sheet is stored as a binary fraction: print it
            // with the fewest digits that read back as the same number.
            let s = format!("{f}");
            if s.contains('e') {
                format!("{f:.6}").trim_end_matches('0').to_string()
            } else {
                s
            }
        }
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d
            .as_datetime()
            .map(|t| t.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// The cell of `row` at `column`, trimmed; `None` when absent or empty. A cell
/// over the length limit is refused at its field.
pub fn cell(row: &[String], column: Option<usize>) -> Option<&str> {
    column
        .and_then(|c| row.get(c))
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
}

/// Whether any cell of the row is longer than [`MAX_CELL`] characters.
pub fn overlong(row: &[String]) -> Option<usize> {
    row.iter().position(|c| c.chars().count() > MAX_CELL)
}

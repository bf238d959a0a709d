//! 表格读取: reading the first sheet of an .xlsx/.xls/.ods workbook or a CSV (UTF-8 or GBK) as cells, and the
//! loose dates rosters hold. Knows no area: the roster import (members) decides what the cells mean.
use crate::kernel::dates;
use crate::kernel::error::{Error, Result};
use calamine::{open_workbook_auto, Data, Reader};
use chrono::{Days, NaiveDate};
use std::path::Path;

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Cell {
    /// How the cell reads to a person (for previews and the report).
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => format!("{n:E}"),
            Cell::Date(d) => dates::iso(*d),
        }
    }
    pub(crate) fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty) || matches!(self, Cell::Text(s) if s.is_empty())
    }
}

/// The first sheet of a file, as cells.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub file_name: String,
    pub rows: Vec<Vec<Cell>>,
}

pub(crate) fn clean_text(s: &str) -> String {
    s.replace(['\u{3000}', '\u{a0}'], " ").trim().to_string()
}

pub fn read(path: &Path) -> Result<Sheet> {
    let file_name = path.file_name().map(|f| f.to_string_lossy().to_string()).unwrap_or_default();
    let unreadable = |reason: String| Error::Unreadable { file: file_name.clone(), reason };
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let rows = if ext == "csv" || ext == "txt" {
        read_csv(&std::fs::read(path)?).map_err(unreadable)?
    } else {
        // A damaged workbook can make the spreadsheet library panic deep inside; the secretary gets a sentence, and
        // the app keeps running.
        std::panic::catch_unwind(|| read_workbook(path))
            .unwrap_or_else(|_| Err("文件已损坏，内部结构不完整".into()))
            .map_err(unreadable)?
    };
    Ok(Sheet { file_name, rows })
}

/// The first sheet with data of an .xlsx/.xls/.ods file, as cells.
fn read_workbook(path: &Path) -> std::result::Result<Vec<Vec<Cell>>, String> {
    let mut wb = open_workbook_auto(path).map_err(|e| e.to_string())?;
    let mut found = None;
    for i in 0..wb.sheet_names().len() {
        let range = match wb.worksheet_range_at(i) {
            Some(Ok(r)) => r,
            Some(Err(e)) => return Err(e.to_string()),
            None => continue,
        };
        if !range.is_empty() {
            found = Some(range);
            break;
        }
    }
    let range = found.ok_or_else(|| "文件里没有任何数据".to_string())?;
    Ok(range
        .rows()
        .map(|r| {
            r.iter()
                .map(|d| match d {
                    Data::String(s) => Cell::Text(clean_text(s)),
                    Data::Int(i) => Cell::Number(*i as f64),
                    Data::Float(f) => Cell::Number(*f),
                    Data::DateTime(dt) => serial_date(dt.as_f64()).map(Cell::Date).unwrap_or(Cell::Number(dt.as_f64())),
                    Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(clean_text(s)),
                    Data::Bool(b) => Cell::Text(if *b { "是" } else { "否" }.into()),
                    Data::Error(_) | Data::Empty => Cell::Empty,
                })
                .collect()
        })
        .collect())
}

/// UTF-8 (with or without BOM), else GBK — what Excel saves as 「CSV」 on a Chinese Windows.
pub fn read_csv(bytes: &[u8]) -> std::result::Result<Vec<Vec<Cell>>, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(_) => encoding_rs::GBK.decode(bytes).0.into_owned(),
    };
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| format!("CSV 格式有误：{e}"))?;
        rows.push(rec.iter().map(|f| {
            let t = clean_text(f);
            if t.is_empty() { Cell::Empty } else { Cell::Text(t) }
        }).collect());
    }
    Ok(rows)
}

/// Excel's day numbers (1900 system, with its fictitious 1900-02-29).
pub fn serial_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(Days::new(serial.floor() as u64))
}

/// A date as typed: a full date, or only year and month (1965.03, 1965年3月), which rosters often hold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LooseDate {
    Day(NaiveDate),
    Month(i32, u32),
}

pub fn parse_loose(s: &str) -> Option<LooseDate> {
    let t: String = s.trim().chars().map(|c| if ('０'..='９').contains(&c) { char::from_u32(c as u32 - 0xFEE0).unwrap_or(c) } else { c }).collect();
    if let Some(d) = dates::parse_flexible(&t) {
        return Some(LooseDate::Day(d));
    }
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    if t.len() == 6 && digits.len() == 6 {
        let (y, m) = (digits[..4].parse().ok()?, digits[4..].parse().ok()?);
        return (1..=12).contains(&m).then_some(LooseDate::Month(y, m));
    }
    let parts: Vec<&str> = t.trim_end_matches('月').split(['-', '/', '.', '年']).filter(|p| !p.is_empty()).collect();
    if parts.len() == 2 && parts[0].len() == 4 {
        let y: i32 = parts[0].parse().ok()?;
        let m: u32 = parts[1].parse().ok()?;
        if (1..=12).contains(&m) && (1880..=2200).contains(&y) {
            return Some(LooseDate::Month(y, m));
        }
    }
    None
}


//! 表格读取: reading the first sheet of an .xlsx/.xls workbook or a CSV (UTF-8 or GBK) as cells, and the loose
//! dates rosters hold. Knows no area: the roster import (members) decides what the cells mean. Every file comes
//! through [`outside::open`] (limits, format by content) and only the cells that exist are read.
use crate::kernel::dates;
use crate::kernel::error::{Error, Result};
use super::limits;
use super::outside::{self, Format, DAMAGED};
use calamine::{DataType, Reader, Xls, Xlsx};
use chrono::{Days, NaiveDate};
use std::fs::File;
use std::io::{BufReader, Read};
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
    /// From row 1 (A1) down to the last row holding a value; each row as far right as its last value.
    pub rows: Vec<Vec<Cell>>,
    /// What was left out and why (a value far to the right of the table), for the person reading the file.
    pub notes: Vec<String>,
}

pub(crate) fn clean_text(s: &str) -> String {
    s.replace(['\u{3000}', '\u{a0}'], " ").trim().to_string()
}

/// Column letters of a 0-based column (0 → A, 16383 → XFD).
pub fn column_name(mut col: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// The cells of one sheet, gathered from the cells that exist (never from the range a file declares), under
/// [`limits::CELLS`] and [`limits::COLUMNS`].
#[derive(Default)]
struct Grid {
    cells: Vec<(u32, u32, Cell)>,
    far: Vec<(u32, u32, String)>,
    far_count: usize,
}

impl Grid {
    fn push(&mut self, row: u32, col: u32, cell: Cell) -> std::result::Result<(), String> {
        if cell.is_empty() {
            return Ok(());
        }
        if col >= limits::COLUMNS || row >= limits::ROWS {
            self.far_count += 1;
            if self.far.len() < 3 {
                self.far.push((row, col, cell.display().chars().take(20).collect()));
            }
            return Ok(());
        }
        if self.cells.len() >= limits::CELLS {
            return Err(format!(
                "表格中有内容的单元格超过 {} 个，超过了可以读取的上限。请确认选对了文件；表格很大时，请只保留需要的列后另存再试",
                limits::CELLS
            ));
        }
        self.cells.push((row, col, cell));
        Ok(())
    }

    fn finish(mut self) -> (Vec<Vec<Cell>>, Vec<String>) {
        self.cells.sort_by_key(|(r, c, _)| (*r, *c));
        // Blocks of rows separated by more than ROW_GAP empty rows: the one with most values is the table.
        let mut blocks: Vec<(usize, usize)> = Vec::new();
        for (i, (r, _, _)) in self.cells.iter().enumerate() {
            match blocks.last_mut() {
                Some((_, end)) if *r <= self.cells[*end - 1].0.saturating_add(limits::ROW_GAP) => *end = i + 1,
                _ => blocks.push((i, i + 1)),
            }
        }
        if blocks.len() > 1 {
            let (start, end) = *blocks.iter().max_by_key(|(s, e)| (e - s, std::cmp::Reverse(*s))).unwrap_or(&(0, 0));
            let mut kept = self.cells.split_off(start);
            let after = kept.split_off(end - start);
            for (r, c, cell) in self.cells.drain(..).chain(after) {
                self.far_count += 1;
                if self.far.len() < 3 {
                    self.far.push((r, c, cell.display().chars().take(20).collect()));
                }
            }
            self.cells = kept;
        }
        let height = self.cells.last().map(|(r, _, _)| *r as usize + 1).unwrap_or(0);
        let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); height];
        for (r, c, cell) in self.cells {
            let row = &mut rows[r as usize];
            if row.len() <= c as usize {
                row.resize(c as usize + 1, Cell::Empty);
            }
            row[c as usize] = cell;
        }
        let mut notes = Vec::new();
        if self.far_count > 0 {
            let shown: Vec<String> =
                self.far.iter().map(|(r, c, v)| format!("{}{} 的“{v}”", column_name(*c), r + 1)).collect();
            notes.push(format!(
                "表格右侧或下方很远处有 {} 个单元格有内容（{}{}），不在表格范围内，已忽略。如果它们有用，请把它们移到表格中再导入",
                self.far_count,
                shown.join("、"),
                if self.far_count > shown.len() { " 等" } else { "" }
            ));
        }
        (rows, notes)
    }
}

/// Reads the first sheet holding data of a spreadsheet (.xlsx, .xls, CSV) chosen by a person, recognised by its
/// content and read under the limits: a refusal is a Chinese sentence naming the file.
pub fn read(path: &Path) -> Result<Sheet> {
    let opened = outside::open(path)?;
    let file_name = opened.name.clone();
    let unreadable = |reason: String| Error::Unreadable { file: file_name.clone(), reason };
    // The readers' own checks stay: a damaged workbook could still make the library panic deep inside, and the
    // secretary gets a sentence while the app keeps running.
    let grid = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match opened.format {
        Format::Xlsx => read_xlsx_first(opened.file),
        Format::Xls => read_xls_first(opened.file),
        Format::Csv => read_csv_file(opened.file, opened.len),
    }))
    .unwrap_or_else(|_| Err(DAMAGED.into()))
    .map_err(unreadable)?;
    let (rows, notes) = grid.finish();
    if rows.is_empty() {
        return Err(Error::Unreadable { file: file_name, reason: "文件里没有任何数据".into() });
    }
    Ok(Sheet { file_name, rows, notes })
}


fn xlsx_error(e: calamine::XlsxError) -> String {
    match e {
        calamine::XlsxError::Password => "文件设置了密码，请在 Excel 或 WPS 中取消密码后另存，再试".into(),
        _ => DAMAGED.into(),
    }
}

/// A cell as the import reads it, from either reader's cell type; `raw` keeps text exactly as stored (a
/// package's hidden data is JSON cut into cells, where a trimmed space would change it).
fn to_cell<D: DataType>(d: &D, raw: bool) -> Cell {
    if let Some(s) = d.get_string() {
        Cell::Text(if raw { s.to_string() } else { clean_text(s) })
    } else if let Some(dt) = d.get_datetime() {
        serial_date(dt.as_f64()).map(Cell::Date).unwrap_or(Cell::Number(dt.as_f64()))
    } else if let Some(s) = d.get_datetime_iso().or(d.get_duration_iso()) {
        Cell::Text(clean_text(s))
    } else if let Some(i) = d.get_int() {
        Cell::Number(i as f64)
    } else if let Some(f) = d.get_float() {
        Cell::Number(f)
    } else if let Some(b) = d.get_bool() {
        Cell::Text(if b { "是" } else { "否" }.into())
    } else {
        Cell::Empty
    }
}

fn open_xlsx(file: File) -> std::result::Result<Xlsx<BufReader<File>>, String> {
    Xlsx::new(BufReader::new(file)).map_err(xlsx_error)
}

/// The cells that exist in one worksheet of an open .xlsx, streamed (a declared range costs nothing).
fn xlsx_sheet(wb: &mut Xlsx<BufReader<File>>, name: &str, raw: bool) -> std::result::Result<Option<Grid>, String> {
    let mut reader = match wb.worksheet_cells_reader(name) {
        Ok(r) => r,
        // A chart sheet or a dialog sheet has no cells.
        Err(calamine::XlsxError::NotAWorksheet(_) | calamine::XlsxError::WorksheetNotFound(_)) => return Ok(None),
        Err(e) => return Err(xlsx_error(e)),
    };
    let mut grid = Grid::default();
    while let Some(cell) = reader.next_cell().map_err(xlsx_error)? {
        let (row, col) = cell.get_position();
        grid.push(row, col, to_cell(cell.get_value(), raw))?;
    }
    Ok(Some(grid))
}

fn read_xlsx_first(file: File) -> std::result::Result<Grid, String> {
    let mut wb = open_xlsx(file)?;
    for name in wb.sheet_names() {
        if let Some(grid) = xlsx_sheet(&mut wb, &name, false)? {
            if !grid.cells.is_empty() || grid.far_count > 0 {
                return Ok(grid);
            }
        }
    }
    Err("文件里没有任何数据".into())
}

fn read_xls_first(file: File) -> std::result::Result<Grid, String> {
    let mut wb = Xls::new(BufReader::new(file)).map_err(|e| match e {
        calamine::XlsError::Password => "文件设置了密码，请在 Excel 或 WPS 中取消密码后另存，再试".to_string(),
        _ => DAMAGED.to_string(),
    })?;
    for i in 0..wb.sheet_names().len() {
        let range = match wb.worksheet_range_at(i) {
            Some(Ok(r)) => r,
            Some(Err(_)) => return Err(DAMAGED.into()),
            None => continue,
        };
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut grid = Grid::default();
        for (r, c, d) in range.used_cells() {
            grid.push(r0 + r as u32, c0 + c as u32, to_cell(d, false))?;
        }
        if !grid.cells.is_empty() || grid.far_count > 0 {
            return Ok(grid);
        }
    }
    Err("文件里没有任何数据".into())
}

/// The named worksheets of an .xlsx written by BranchBook or sent by a branch (a township package), each as
/// rows of cells with text as stored, read under the same limits as a roster. `want` picks the sheets by name.
pub fn read_xlsx_sheets(path: &Path, want: &dyn Fn(&str) -> bool) -> Result<Vec<(String, Vec<Vec<Cell>>)>> {
    read_opened_sheets(outside::open(path)?, want)
}

/// [`read_xlsx_sheets`] of a file already opened (and measured) by [`outside::open`].
pub fn read_opened_sheets(opened: outside::Opened, want: &dyn Fn(&str) -> bool) -> Result<Vec<(String, Vec<Vec<Cell>>)>> {
    let name = opened.name.clone();
    let unreadable = |reason: String| Error::Unreadable { file: name.clone(), reason };
    if opened.format != Format::Xlsx {
        return Err(unreadable("这不是 .xlsx 格式的文件".into()));
    }
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut wb = open_xlsx(opened.file)?;
        let mut out = Vec::new();
        for sheet in wb.sheet_names().into_iter().filter(|s| want(s)) {
            if let Some(grid) = xlsx_sheet(&mut wb, &sheet, true)? {
                out.push((sheet, grid.finish().0));
            }
        }
        Ok(out)
    }))
    .unwrap_or_else(|_| Err(DAMAGED.into()))
    .map_err(unreadable)
}

fn read_csv_file(mut file: File, len: u64) -> std::result::Result<Grid, String> {
    let mut bytes = Vec::with_capacity(len as usize);
    file.read_to_end(&mut bytes).map_err(|_| DAMAGED.to_string())?;
    csv_grid(&bytes)
}

/// UTF-8 (with or without BOM), else GBK — what Excel saves as 「CSV」 on a Chinese Windows.
pub fn read_csv(bytes: &[u8]) -> std::result::Result<Vec<Vec<Cell>>, String> {
    Ok(csv_grid(bytes)?.finish().0)
}

fn csv_grid(bytes: &[u8]) -> std::result::Result<Grid, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => std::borrow::Cow::Borrowed(t),
        Err(_) => encoding_rs::GBK.decode(bytes).0,
    };
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut grid = Grid::default();
    let mut rec = csv::StringRecord::new();
    let mut row = 0u32;
    loop {
        match reader.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(row as u64 + 1);
                return Err(format!("CSV 格式有误（第 {line} 行附近：引号没有成对，或文字编码不对）。请用 Excel 或 WPS 打开它，另存为 .xlsx 后再试"));
            }
        }
        for (col, f) in rec.iter().enumerate() {
            let t = clean_text(f);
            if !t.is_empty() {
                grid.push(row, col.min(u32::MAX as usize) as u32, Cell::Text(t))?;
            }
        }
        row = row.saturating_add(1);
    }
    Ok(grid)
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


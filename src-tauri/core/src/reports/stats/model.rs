//! What a 党内统计 table is once counted: one row (the branch) of cells, each cell the number and the members
//! behind it — so a number on screen is one click from the people it counts, and the township package can
//! recognise a person counted by two branches. Tables print as `PrintTable`s like every other table.
use crate::kernel::print_table::{Column, PrintTable, TableGroup};
use serde::{Deserialize, Serialize};

/// One number of a table and the members it counts (empty for a computed number such as 年底应有).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "StatCell")]
pub struct Cell {
    pub value: i64,
    pub members: Vec<i64>,
}

/// One table of the 党内统计年报: its number in the template, its columns as the template has them.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "StatTable")]
pub struct Table {
    /// 表1, 表2 … as numbered in the template.
    pub no: u8,
    pub title: String,
    pub columns: Vec<String>,
    pub cells: Vec<Cell>,
    /// What the secretary should know when reading it (the 统计依据, a table that does not apply).
    pub notes: Vec<String>,
}

impl Table {
    pub fn value(&self, label: &str) -> i64 {
        self.columns.iter().position(|c| c == label).map(|i| self.cells[i].value).unwrap_or(0)
    }

    /// The table as printed: 单位 then its columns, one row for the branch.
    pub fn print(&self, org: &str, year: i32, sub: &[String]) -> PrintTable {
        PrintTable {
            title: format!("{org}{year}年党内统计 表{} {}", self.no, self.title),
            subtitle: sub.to_vec(),
            columns: columns(&self.columns),
            groups: vec![TableGroup { name: None, rows: vec![std::iter::once(org.to_string()).chain(self.cells.iter().map(|c| c.value.to_string())).collect()] }],
            total: 1,
            landscape: self.columns.len() > 6,
            masked: false,
            notes: self.notes.clone(),
            chart: None,
        }
    }
}

/// A statistics table's printed columns: 单位, then its numbers. The township's sheets have the same.
pub fn columns(labels: &[String]) -> Vec<Column> {
    std::iter::once(Column::new("unit", "单位", false)).chain(labels.iter().enumerate().map(|(i, l)| Column::new(&format!("c{i}"), l, true))).collect()
}

/// Counts members into the columns of one table.
pub(super) struct Counter {
    columns: Vec<String>,
    cells: Vec<Vec<i64>>,
}

impl Counter {
    pub fn new<S: AsRef<str>>(labels: impl IntoIterator<Item = S>) -> Self {
        let columns: Vec<String> = labels.into_iter().map(|s| s.as_ref().to_string()).collect();
        let cells = vec![Vec::new(); columns.len()];
        Counter { columns, cells }
    }

    /// Counts `member` in the column labelled `label` (a label not in the table is a programming error).
    pub fn add(&mut self, label: &str, member: i64) {
        let i = self.columns.iter().position(|c| c == label).unwrap_or_else(|| panic!("no column {label}"));
        self.cells[i].push(member);
    }

    pub fn finish(self, no: u8, title: &str, notes: Vec<String>) -> Table {
        Table {
            no,
            title: title.into(),
            columns: self.columns,
            cells: self.cells.into_iter().map(|m| Cell { value: m.len() as i64, members: m }).collect(),
            notes,
        }
    }
}

/// A member a table could not place, and why.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "StatsMissing")]
pub struct Missing {
    pub member_id: i64,
    pub name: String,
    /// The table and the field it needs (or why the member is not counted).
    pub table: u8,
    pub field: String,
}

/// One cross-check of section 13, passed or not, in words, with the members behind a failure.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "StatsCheck")]
pub struct Check {
    pub table: u8,
    pub rule: String,
    pub ok: bool,
    pub detail: String,
    pub members: Vec<i64>,
}

impl Check {
    pub fn new(table: u8, rule: impl Into<String>, ok: bool, detail: impl Into<String>) -> Self {
        Check { table, rule: rule.into(), ok, detail: detail.into(), members: Vec::new() }
    }
}

/// A member named in a report, as lists show them (王芳（1972年生） when two share a name).
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "StatsPerson")]
pub struct Person {
    pub id: i64,
    pub name: String,
}

/// The 党内统计 of one branch and year.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "StatsReport")]
pub struct Report {
    pub org: String,
    pub year: i32,
    pub report_date: String,
    pub template_year: i32,
    pub tables: Vec<Table>,
    pub missing: Vec<Missing>,
    pub checks: Vec<Check>,
    /// Everyone a cell, a check or the missing list names.
    pub people: Vec<Person>,
}

impl Report {
    pub fn table(&self, no: u8) -> Option<&Table> {
        self.tables.iter().find(|t| t.no == no)
    }

    /// The line under every table's title.
    pub fn subtitle(&self) -> Vec<String> {
        vec![format!("统计截止日期 {}（{} 年度报表样式）；按正式组织关系统计", self.report_date, self.template_year)]
    }

    /// Every table as printed, in template order.
    pub fn print_tables(&self) -> Vec<PrintTable> {
        self.tables.iter().map(|t| t.print(&self.org, self.year, &self.subtitle())).collect()
    }

    /// The sheets of a workbook: 表1, 表2 … each its table as printed.
    pub fn sheets(&self) -> Vec<(String, PrintTable)> {
        self.tables.iter().map(|t| format!("表{}", t.no)).zip(self.print_tables()).collect()
    }

    /// The report with only table `no` (for a one-table export), or a field error listing the tables there are.
    pub fn only(mut self, no: u8) -> crate::kernel::error::Result<Report> {
        if !self.tables.iter().any(|t| t.no == no) {
            let there: Vec<String> = self.tables.iter().map(|t| format!("表{}", t.no)).collect();
            return Err(crate::kernel::error::Error::invalid("table", "BAD_TABLE", format!("没有表{no}；可选：{}", there.join("、"))));
        }
        self.tables.retain(|t| t.no == no);
        Ok(self)
    }

    /// A workbook of its tables, a sheet each.
    pub fn write_xlsx(&self, path: &std::path::Path) -> crate::kernel::error::Result<()> {
        let sheets = self.sheets();
        let refs: Vec<(String, &PrintTable)> = sheets.iter().map(|(n, t)| (n.clone(), t)).collect();
        crate::store::xlsx::write_book(path, &refs, None)
    }

    /// Its tables as one PDF, several to a page when they fit, printed today.
    pub fn pdf(&self) -> crate::kernel::error::Result<Vec<u8>> {
        let opts = crate::store::pdf::PdfOptions { printed: crate::kernel::dates::iso(crate::kernel::dates::today()), flow: true, ..Default::default() };
        crate::store::pdf::render(&self.print_tables(), &opts)
    }
}

//! `PrintTable`: what a print view shows and an xlsx or PDF holds — every table of every area is one.
use serde::{Deserialize, Serialize};

/// A column of a printed table.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct Column {
    pub key: String,
    pub label: String,
    /// Right-aligned; written as a number where the value is one.
    pub numeric: bool,
    /// Short marks (√, 假) centred in the cell.
    #[serde(default)]
    pub center: bool,
    /// An Excel formula whose cached result is the cell's value, so every viewer shows the number. `{r}` is the
    /// cell's row, `{first}` and `{last}` the first and last data rows (1-based), e.g. `=SUM(D{r}:F{r})`.
    #[serde(default)]
    pub formula: Option<String>,
    /// 元 with two decimals: a spreadsheet shows 15.00, not 15.
    #[serde(default)]
    pub money: bool,
}

impl Column {
    pub fn new(key: &str, label: &str, numeric: bool) -> Self {
        Column { key: key.into(), label: label.into(), numeric, center: false, formula: None, money: false }
    }

    pub fn centered(mut self) -> Self {
        self.center = true;
        self
    }

    /// A money column (元, numeric, two decimals).
    pub fn money(key: &str, label: &str) -> Self {
        Column { money: true, ..Column::new(key, label, true) }
    }

    pub fn formula(mut self, f: &str) -> Self {
        self.formula = Some(f.to_string());
        self
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct TableGroup {
    /// The 党小组's name when grouped.
    pub name: Option<String>,
    pub rows: Vec<Vec<String>>,
}

/// What a print view shows and an xlsx or PDF holds. Deserialize: the print view hands back the table it shows,
/// so the PDF is exactly what was previewed.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct PrintTable {
    pub title: String,
    /// Lines under the title: organisation, meeting details, print date.
    pub subtitle: Vec<String>,
    pub columns: Vec<Column>,
    pub groups: Vec<TableGroup>,
    pub total: usize,
    /// Wide tables print landscape.
    pub landscape: bool,
    pub masked: bool,
    /// Lines under the table (a 公示's objection line).
    #[serde(default)]
    pub notes: Vec<String>,
    /// A chart drawn above the table (the table is its data), on screen and in the PDF. Left out of the JSON when
    /// there is none, so every other table reads as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chart: Option<Chart>,
}

/// A bar chart of one series, readable printed in black and white: every bar carries its label and its number.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct Chart {
    /// `bars` (horizontal, for bands and categories) or `columns` (vertical, for months).
    pub kind: String,
    /// What the numbers are, e.g. 人, %, 元.
    pub unit: String,
    pub bars: Vec<Bar>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "ChartBar")]
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// The number as written beside the bar (12, 85.0%, 1,234.50).
    pub shown: String,
}

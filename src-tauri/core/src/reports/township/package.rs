//! The branch's package for the township (section 13): one .xlsx per branch and year that the township opens in
//! Excel — a 说明 sheet with the header (支部, 上级党委, 年度, 截止日, template year, program version, export time,
//! counts), a sheet per table, 校核结果 — and, hidden in it, the same numbers as data for 乡镇汇总, with the
//! 公民身份号码 of each person counted so that a person counted by two branches is recognised.
use crate::kernel::error::{Error, Result};
use crate::store::sheet::Cell;
use crate::kernel::print_table::{Column, PrintTable, TableGroup};
use crate::reports::stats::{self, Report};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::path::Path;

pub const FORMAT: &str = "branchbook-stats/1";
/// The hidden sheet with the package's data.
pub const DATA_SHEET: &str = "支部台账数据（请勿修改）";

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "PackageHeader")]
pub struct Header {
    pub format: String,
    /// 支部.
    pub branch: String,
    /// 上级党委.
    pub superior: String,
    pub year: i32,
    /// 截止日.
    pub report_date: String,
    pub template_year: i32,
    pub program_version: String,
    pub exported_at: String,
    /// 年底实有党员数 (table 1).
    pub members: i64,
    pub tables: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PackTable {
    pub no: u8,
    pub title: String,
    pub columns: Vec<String>,
    pub values: Vec<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PackCheck {
    pub table: u8,
    pub rule: String,
    pub ok: bool,
    pub detail: String,
}

/// A person counted, by 公民身份号码, and the cells (table, column) that count them.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PackPerson {
    pub id_number: String,
    pub name: String,
    pub cells: Vec<(u8, u16)>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Package {
    pub header: Header,
    pub tables: Vec<PackTable>,
    pub checks: Vec<PackCheck>,
    pub people: Vec<PackPerson>,
    /// SHA-256 (hex) of the package's data as written with this field empty: a hand edit of the hidden sheet
    /// changes it. Packages of the first version have none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub checksum: String,
}

impl Package {
    /// The checksum its data should carry.
    pub fn digest(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut bare = self.clone();
        bare.checksum.clear();
        let text = serde_json::to_string(&bare).unwrap_or_default();
        Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// A table as its visible sheet shows it (what the township sees in Excel): column labels and the numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct Visible {
    pub no: u8,
    pub columns: Vec<String>,
    /// `None` where the cell holds no whole number.
    pub values: Vec<Option<i64>>,
}

/// A package as read from its file: the hidden data, the visible sheets, and the data's own text (two files with
/// the same text are the same package).
#[derive(Debug, Clone)]
pub struct Opened {
    pub package: Package,
    pub visible: Vec<Visible>,
    pub text_digest: String,
}

/// The package of `year` as of `as_of`, with the report it was made from.
pub fn build(conn: &Connection, year: i32, as_of: Option<NaiveDate>, superior: &str, exported_at: &str) -> Result<(Package, Report)> {
    let r = stats::report(conn, year, as_of)?;
    let numbers: std::collections::HashMap<i64, (String, String)> = crate::members::store::records(conn, false)?
        .into_iter()
        .filter_map(|m| m.data.id_number.clone().map(|n| (m.id, (n, m.data.name.clone()))))
        .collect();
    let mut cells: std::collections::BTreeMap<i64, Vec<(u8, u16)>> = Default::default();
    for t in &r.tables {
        for (i, c) in t.cells.iter().enumerate() {
            for m in &c.members {
                cells.entry(*m).or_default().push((t.no, i as u16));
            }
        }
    }
    let people = cells
        .into_iter()
        .filter_map(|(m, cells)| numbers.get(&m).map(|(n, name)| PackPerson { id_number: n.clone(), name: name.clone(), cells }))
        .collect();
    let header = Header {
        format: FORMAT.into(),
        branch: r.org.clone(),
        superior: superior.trim().to_string(),
        year,
        report_date: r.report_date.clone(),
        template_year: r.template_year,
        program_version: env!("CARGO_PKG_VERSION").into(),
        exported_at: exported_at.into(),
        members: r.table(1).map(|t| t.value("年底实有党员数")).unwrap_or(0),
        tables: r.tables.len(),
    };
    let mut package = Package {
        header,
        tables: r.tables.iter().map(|t| PackTable { no: t.no, title: t.title.clone(), columns: t.columns.clone(), values: t.cells.iter().map(|c| c.value).collect() }).collect(),
        checks: r.checks.iter().map(|c| PackCheck { table: c.table, rule: c.rule.clone(), ok: c.ok, detail: c.detail.clone() }).collect(),
        people,
        checksum: String::new(),
    };
    package.checksum = package.digest();
    Ok((package, r))
}

/// Two columns of 项目 and 内容.
pub(super) fn pairs(title: String, rows: Vec<(String, String)>) -> PrintTable {
    PrintTable {
        title,
        subtitle: Vec::new(),
        columns: vec![Column::new("item", "项目", false), Column::new("value", "内容", false)],
        total: rows.len(),
        groups: vec![TableGroup { name: None, rows: rows.into_iter().map(|(a, b)| vec![a, b]).collect() }],
        landscape: false,
        masked: false,
        notes: Vec::new(),
        chart: None,
    }
}

fn header_sheet(h: &Header) -> PrintTable {
    let mut t = pairs(
        format!("{}{}年党内统计上报包", h.branch, h.year),
        vec![
            ("支部".into(), h.branch.clone()),
            ("上级党委".into(), if h.superior.is_empty() { "（未填写）".into() } else { h.superior.clone() }),
            ("年度".into(), h.year.to_string()),
            ("统计截止日期".into(), h.report_date.clone()),
            ("报表样式年度".into(), h.template_year.to_string()),
            ("程序版本".into(), format!("支部台账 {}", h.program_version)),
            ("导出时间".into(), h.exported_at.replace('T', " ")),
            ("年底实有党员数".into(), h.members.to_string()),
            ("报表张数".into(), h.tables.to_string()),
        ],
    );
    t.notes.push("请勿修改本文件：乡镇汇总时读取其中的数据（隐藏工作表）。如需更正，请在支部台账中修改后重新导出。".into());
    t
}

pub(super) fn checks_sheet(title: String, checks: &[(String, bool, String)]) -> PrintTable {
    PrintTable {
        title,
        subtitle: Vec::new(),
        columns: vec![Column::new("rule", "校核项目", false), Column::new("ok", "结果", false).centered(), Column::new("detail", "说明", false)],
        total: checks.len(),
        groups: vec![TableGroup { name: None, rows: checks.iter().map(|(r, ok, d)| vec![r.clone(), if *ok { "通过" } else { "未通过" }.into(), d.clone()]).collect() }],
        landscape: true,
        masked: false,
        notes: Vec::new(),
        chart: None,
    }
}

/// Writes the package to `path` (an .xlsx) and gives its header.
pub fn write(conn: &Connection, path: &Path, year: i32, as_of: Option<NaiveDate>, superior: &str) -> Result<Header> {
    let (p, r) = build(conn, year, as_of, superior, &crate::store::audit::now())?;
    write_built(path, &p, &r)?;
    Ok(p.header)
}

/// Writes a built package with the report it was made from (its visible sheets).
pub fn write_built(path: &Path, p: &Package, r: &Report) -> Result<()> {
    let year = p.header.year;
    let mut sheets: Vec<(String, PrintTable)> = vec![("说明".into(), header_sheet(&p.header))];
    sheets.extend(r.sheets());
    let checks: Vec<(String, bool, String)> = r.checks.iter().map(|c| (c.rule.clone(), c.ok, c.detail.clone())).collect();
    sheets.push(("校核结果".into(), checks_sheet(format!("{}{}年党内统计校核结果", r.org, year), &checks)));
    let refs: Vec<(String, &PrintTable)> = sheets.iter().map(|(n, t)| (n.clone(), t)).collect();
    let data = serde_json::to_string(&p)?;
    crate::store::xlsx::write_book(path, &refs, Some((DATA_SHEET, &data)))
}

/// Reads a package back; a file that is not one gets a sentence naming it.
pub fn read(path: &Path) -> Result<Package> {
    open(path).map(|o| o.package)
}

/// Reads a package with its visible sheets, under the limits of files from outside; a file that is not a package
/// gets a sentence naming it. Whether the two agree is for the township merge to judge (`verify`).
pub fn open(path: &Path) -> Result<Opened> {
    let file = crate::store::outside::file_name(path);
    let refuse = |why: String| Error::invalid("file", "NOT_PACKAGE", format!("“{file}”{why}"));
    let opened = crate::store::outside::open(path)?;
    let what = match opened.format {
        crate::store::outside::Format::Xlsx => None,
        crate::store::outside::Format::Xls => Some("旧版 Excel（.xls）文件"),
        crate::store::outside::Format::Csv => Some("文本（CSV）文件"),
    };
    if let Some(what) = what {
        return Err(refuse(format!("是一个{what}，不是支部台账导出的党内统计上报包（请让支部在“报表导出 → 党内统计”中点“导出上报包”）")));
    }
    let sheets = crate::store::sheet::read_opened_sheets(opened, &|s| s == DATA_SHEET || s.starts_with('表'))?;
    let mut text = String::new();
    let mut visible = Vec::new();
    let mut found = false;
    for (name, rows) in &sheets {
        if name == DATA_SHEET {
            found = true;
            for row in rows {
                if let Some(Cell::Text(s)) = row.first() {
                    if text.len() + s.len() > crate::store::limits::PACKAGE_DATA_BYTES {
                        return Err(refuse("中的隐藏数据超过了可以读取的上限，不是正常的上报包".into()));
                    }
                    text.push_str(s);
                }
            }
        } else if let Some(v) = visible_table(name, rows) {
            visible.push(v);
        }
    }
    if !found {
        return Err(refuse("不是支部台账导出的党内统计上报包（请让支部在“报表导出 → 党内统计”中点“导出上报包”）".into()));
    }
    let package: Package = serde_json::from_str(&text).map_err(|_| refuse("中的数据不完整或已被修改，请让该支部重新导出".into()))?;
    if package.header.format != FORMAT {
        return Err(refuse(format!("的格式“{}”不是本程序能读的版本，请升级支部台账", package.header.format)));
    }
    use sha2::{Digest, Sha256};
    let text_digest = Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    Ok(Opened { package, visible, text_digest })
}

/// A visible sheet 「表N」 as written by `Table::print`: a header row starting with 单位, the branch's row under it.
fn visible_table(name: &str, rows: &[Vec<Cell>]) -> Option<Visible> {
    let no: u8 = name.strip_prefix('表')?.parse().ok()?;
    let at = rows.iter().take(20).position(|r| r.first().is_some_and(|c| c.display() == "单位"))?;
    let columns: Vec<String> = rows[at].iter().skip(1).map(Cell::display).collect();
    let empty = Vec::new();
    let data = rows.get(at + 1).unwrap_or(&empty);
    let values = (0..columns.len())
        .map(|i| match data.get(i + 1) {
            Some(Cell::Number(n)) if n.fract() == 0.0 && n.abs() < 1e15 => Some(*n as i64),
            Some(Cell::Text(t)) => t.trim().parse().ok(),
            _ => None,
        })
        .collect();
    Some(Visible { no, columns, values })
}

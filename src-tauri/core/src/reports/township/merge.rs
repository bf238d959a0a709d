//! 乡镇汇总: the township opens N branch packages read-only and sums the ones of the same year and template, a row
//! per branch and a 合计 row per table. Missing branches, packages of another year or template, the same branch
//! twice, failed cross-checks and the same 公民身份号码 in two branches (a transfer not finished: counted once in
//! the 合计) are listed. The township workbook has a sheet per table and 校核结果, and no ID numbers in the
//! aggregate sheets.
use super::package::{self, Package};
use crate::kernel::error::Result;
use crate::kernel::idcard;
use crate::kernel::print_table::{Column, PrintTable, TableGroup};
use crate::reports::stats::{checks, Cell, Check, Table};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "TownshipBranch")]
pub struct BranchRow {
    pub branch: String,
    pub file: String,
    pub superior: String,
    pub year: i32,
    pub report_date: String,
    pub template_year: i32,
    pub exported_at: String,
    pub members: i64,
    /// Summed into the 合计 (same year and template, not a superseded copy).
    pub included: bool,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "TownshipRow")]
pub struct Row {
    pub branch: String,
    pub values: Vec<i64>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "TownshipTable")]
pub struct TownTable {
    pub no: u8,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
    /// 合计, a person counted by two branches once.
    pub total: Vec<i64>,
}

/// One thing the township should look at.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "TownshipProblem")]
pub struct Problem {
    /// missing, unreadable, year, template, date, twice, superior, duplicate_person, check.
    pub kind: String,
    pub branch: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Township {
    pub year: Option<i32>,
    pub template_year: Option<i32>,
    pub branches: Vec<BranchRow>,
    pub tables: Vec<TownTable>,
    pub problems: Vec<Problem>,
    /// The cross-checks of section 13 on the 合计.
    pub checks: Vec<Check>,
}

/// The files to read: each path as given, and every .xlsx directly in a folder given.
pub fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(p)
                .map(|d| d.flatten().map(|e| e.path()).filter(|f| f.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))).collect())
                .unwrap_or_default();
            // Excel's lock files (~$name.xlsx) are not packages.
            inside.retain(|f| !f.file_name().is_some_and(|n| n.to_string_lossy().starts_with("~$")));
            inside.sort();
            out.extend(inside);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn file_name(p: &Path) -> String {
    p.file_name().map(|f| f.to_string_lossy().to_string()).unwrap_or_default()
}

/// Reads and sums the packages; `expected` names the branches that should have reported (empty: not checked).
pub fn merge(paths: &[PathBuf], expected: &[String]) -> Result<Township> {
    let mut problems = Vec::new();
    let mut read: Vec<(PathBuf, Package)> = Vec::new();
    for path in expand(paths) {
        match package::read(&path) {
            Ok(p) => read.push((path, p)),
            Err(e) => problems.push(Problem { kind: "unreadable".into(), branch: String::new(), text: e.payload().message }),
        }
    }
    // The year, template and report date most packages have (the newest on a tie) are summed: numbers of another
    // year, template or 截止日 cannot be added to them.
    let mut votes: BTreeMap<(i32, i32, String), usize> = BTreeMap::new();
    for (_, p) in &read {
        *votes.entry(key(&p.header)).or_default() += 1;
    }
    let chosen = votes.iter().max_by_key(|(k, n)| (**n, (*k).clone())).map(|(k, _)| k.clone());
    // The same branch twice: the later export stands.
    let mut latest: HashMap<String, usize> = HashMap::new();
    for (i, (_, p)) in read.iter().enumerate() {
        if Some(key(&p.header)) != chosen {
            continue;
        }
        match latest.get(&p.header.branch) {
            Some(&j) if read[j].1.header.exported_at >= p.header.exported_at => {}
            _ => {
                latest.insert(p.header.branch.clone(), i);
            }
        }
    }
    let mut branches = Vec::new();
    for (i, (path, p)) in read.iter().enumerate() {
        let h = &p.header;
        let included = latest.get(&h.branch) == Some(&i);
        if let Some((year, template, date)) = chosen.clone().filter(|_| !included) {
            let (kind, text) = if h.year != year {
                ("year", format!("{}：这是 {} 年度的上报包，本次汇总 {year} 年度，未计入合计", file_name(path), h.year))
            } else if h.template_year != template {
                ("template", format!("{}：报表样式为 {} 年度，与其他支部（{template} 年度）不同，不能相加，未计入合计；请该支部升级支部台账后重新导出", file_name(path), h.template_year))
            } else if h.report_date != date {
                ("date", format!("{}：统计截止日期为 {}，与其他支部（{date}）不同，不能相加，未计入合计；请该支部按 {date} 重新导出", file_name(path), h.report_date))
            } else {
                ("twice", format!("{}：同一支部有两个上报包，以导出时间较晚的为准（本文件导出于 {}）", file_name(path), h.exported_at.replace('T', " ")))
            };
            problems.push(Problem { kind: kind.into(), branch: h.branch.clone(), text });
        }
        branches.push(BranchRow {
            branch: h.branch.clone(),
            file: file_name(path),
            superior: h.superior.clone(),
            year: h.year,
            report_date: h.report_date.clone(),
            template_year: h.template_year,
            exported_at: h.exported_at.clone(),
            members: h.members,
            included,
        });
    }
    let mut included: Vec<&Package> = branches.iter().zip(&read).filter(|(b, _)| b.included).map(|(_, (_, p))| p).collect();
    included.sort_by(|a, b| a.header.branch.cmp(&b.header.branch));
    for name in expected.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if !read.iter().any(|(_, p)| same_branch(&p.header.branch, name)) {
            problems.push(Problem { kind: "missing".into(), branch: name.into(), text: format!("{name}：没有收到上报包") });
        }
    }
    // 上级党委: each package says whom it reports to; one left blank, or naming another 党委 than most, is pointed out.
    let mut superiors: BTreeMap<&str, usize> = BTreeMap::new();
    for p in included.iter().filter(|p| !p.header.superior.is_empty()) {
        *superiors.entry(p.header.superior.as_str()).or_default() += 1;
    }
    let usual = superiors.iter().max_by_key(|(k, n)| (**n, std::cmp::Reverse(**k))).map(|(k, _)| k.to_string());
    for p in &included {
        let h = &p.header;
        if h.superior.is_empty() {
            problems.push(Problem { kind: "superior".into(), branch: h.branch.clone(), text: format!("{}：上报包没有填写上级党委，请核实是否为本乡镇的支部", h.branch) });
        } else if usual.as_deref().is_some_and(|u| u != h.superior) {
            problems.push(Problem {
                kind: "superior".into(),
                branch: h.branch.clone(),
                text: format!("{}：上级党委填写为“{}”，与其他支部（“{}”）不同，请核实", h.branch, h.superior, usual.as_deref().unwrap_or_default()),
            });
        }
    }
    for p in &included {
        for c in p.checks.iter().filter(|c| !c.ok) {
            problems.push(Problem { kind: "check".into(), branch: p.header.branch.clone(), text: format!("{}：{}未通过（{}）", p.header.branch, c.rule, c.detail) });
        }
    }
    // Tables: the first included package's layout (identical templates have identical columns).
    let mut tables: Vec<TownTable> = included
        .first()
        .map(|p| p.tables.iter().map(|t| TownTable { no: t.no, title: t.title.clone(), columns: t.columns.clone(), rows: Vec::new(), total: vec![0; t.columns.len()] }).collect())
        .unwrap_or_default();
    for p in &included {
        for t in &mut tables {
            let values = p.tables.iter().find(|x| x.no == t.no && x.columns == t.columns).map(|x| x.values.clone()).unwrap_or_else(|| vec![0; t.columns.len()]);
            for (sum, v) in t.total.iter_mut().zip(&values) {
                *sum += v;
            }
            t.rows.push(Row { branch: p.header.branch.clone(), values });
        }
    }
    // A person counted at the report date by two branches (a transfer not finished): counted where first seen
    // (branches in name order), taken out of the 合计 elsewhere. Only people counted then (表2 党员总数): one who
    // left a branch during the year and arrived in another is rightly that branch's 转出 and the other's 转入.
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for p in &included {
        for person in p.people.iter().filter(|x| x.cells.contains(&(2, 0))) {
            match seen.get(person.id_number.as_str()) {
                None => {
                    seen.insert(&person.id_number, &p.header.branch);
                }
                Some(first) => {
                    for (no, col) in &person.cells {
                        if let Some(t) = tables.iter_mut().find(|t| t.no == *no) {
                            if let Some(v) = t.total.get_mut(*col as usize) {
                                *v -= 1;
                            }
                        }
                    }
                    problems.push(Problem {
                        kind: "duplicate_person".into(),
                        branch: p.header.branch.clone(),
                        text: format!(
                            "{}（{}）同时在{first}和{}的统计中：组织关系转接尚未办结，合计中只计一次（计入{first}），请两个支部核实",
                            person.name,
                            idcard::mask(&person.id_number),
                            p.header.branch
                        ),
                    });
                }
            }
        }
    }
    // 年底应有 of the 合计 follows from its parts once a person counted twice is taken out.
    if let Some(t1) = tables.iter_mut().find(|t| t.no == 1) {
        let v = |label: &str| t1.columns.iter().position(|c| c == label).map(|i| t1.total[i]).unwrap_or(0);
        let adds: i64 = crate::reports::stats::change_labels().0.iter().map(|l| v(l)).sum();
        let leaves: i64 = crate::reports::stats::change_labels().1.iter().map(|l| v(l)).sum();
        let expected_total = v("上年底党员数") + adds - leaves;
        if let Some(i) = t1.columns.iter().position(|c| c == "年底应有党员数") {
            t1.total[i] = expected_total;
        }
    }
    let as_tables: Vec<Table> = tables
        .iter()
        .map(|t| Table { no: t.no, title: t.title.clone(), columns: t.columns.clone(), cells: t.total.iter().map(|v| Cell { value: *v, members: Vec::new() }).collect(), notes: Vec::new() })
        .collect();
    let mut sum_checks = Vec::new();
    if let Some(t1) = as_tables.iter().find(|t| t.no == 1) {
        let (e, a) = (t1.value("年底应有党员数"), t1.value("年底实有党员数"));
        sum_checks.push(Check::new(1, "表1 平衡：上年底 + 增加 − 减少 = 年底实有", e == a, format!("年底应有 {e}，年底实有 {a}")));
    }
    sum_checks.extend(checks::run(&as_tables));
    for c in &mut sum_checks {
        c.rule = format!("合计：{}", c.rule);
    }
    Ok(Township { year: chosen.as_ref().map(|c| c.0), template_year: chosen.as_ref().map(|c| c.1), branches, tables, problems, checks: sum_checks })
}

/// What packages must share to be summed: year, template, report date.
fn key(h: &package::Header) -> (i32, i32, String) {
    (h.year, h.template_year, h.report_date.clone())
}

/// An 应报支部 name and a package's branch are the same branch when one ends with the other: the township may list
/// 南湖村党支部 for the package's 城关镇南湖村党支部.
fn same_branch(package: &str, expected: &str) -> bool {
    package == expected || package.ends_with(expected) || expected.ends_with(package)
}

impl Township {
    /// The workbook's sheets: a sheet per table (a row per branch and 合计), 上报情况, 校核结果 — no ID numbers.
    pub fn print_tables(&self, township: &str) -> Vec<(String, PrintTable)> {
        let year = self.year.map(|y| format!("{y}年")).unwrap_or_default();
        let sub = vec![format!(
            "{}个支部；报表样式 {} 年度；同一党员在两个支部统计的，合计中只计一次",
            self.branches.iter().filter(|b| b.included).count(),
            self.template_year.map(|y| y.to_string()).unwrap_or_default()
        )];
        let mut out: Vec<(String, PrintTable)> = self
            .tables
            .iter()
            .map(|t| {
                let mut rows: Vec<Vec<String>> = t.rows.iter().map(|r| std::iter::once(r.branch.clone()).chain(r.values.iter().map(|v| v.to_string())).collect()).collect();
                rows.push(std::iter::once("合计".to_string()).chain(t.total.iter().map(|v| v.to_string())).collect());
                (
                    format!("表{}", t.no),
                    PrintTable {
                        title: format!("{township}{year}党内统计汇总 表{} {}", t.no, t.title),
                        subtitle: sub.clone(),
                        columns: crate::reports::stats::model::columns(&t.columns),
                        total: t.rows.len(),
                        groups: vec![TableGroup { name: None, rows }],
                        landscape: true,
                        masked: false,
                        notes: Vec::new(),
                        chart: None,
                    },
                )
            })
            .collect();
        let branch_rows = self
            .branches
            .iter()
            .map(|b| vec![b.branch.clone(), b.file.clone(), b.year.to_string(), b.report_date.clone(), b.template_year.to_string(), b.exported_at.replace('T', " "), b.members.to_string(), if b.included { "已汇总" } else { "未计入" }.into()])
            .collect::<Vec<_>>();
        out.push((
            "上报情况".into(),
            PrintTable {
                title: format!("{township}{year}党内统计上报情况"),
                subtitle: Vec::new(),
                columns: vec![
                    Column::new("branch", "支部", false),
                    Column::new("file", "文件", false),
                    Column::new("year", "年度", false),
                    Column::new("date", "截止日期", false),
                    Column::new("template", "报表样式", false),
                    Column::new("at", "导出时间", false),
                    Column::new("members", "年底实有党员数", true),
                    Column::new("state", "汇总", false),
                ],
                total: branch_rows.len(),
                groups: vec![TableGroup { name: None, rows: branch_rows }],
                landscape: true,
                masked: false,
                notes: Vec::new(),
                chart: None,
            },
        ));
        let mut lines: Vec<(String, bool, String)> = self.checks.iter().map(|c| (c.rule.clone(), c.ok, c.detail.clone())).collect();
        for p in &self.problems {
            let what = match p.kind.as_str() {
                "missing" => "未上报",
                "unreadable" => "文件无法读取",
                "year" => "年度不同",
                "template" => "报表样式不同",
                "date" => "截止日期不同",
                "superior" => "上级党委不一致",
                "twice" => "重复上报",
                "duplicate_person" => "同一党员在两个支部",
                _ => "支部校核未通过",
            };
            lines.push((what.into(), false, p.text.clone()));
        }
        out.push(("校核结果".into(), super::package::checks_sheet(format!("{township}{year}党内统计校核结果"), &lines)));
        out
    }

    /// Writes the township workbook.
    pub fn write(&self, path: &Path, township: &str) -> Result<()> {
        let sheets = self.print_tables(township);
        let refs: Vec<(String, &PrintTable)> = sheets.iter().map(|(n, t)| (n.clone(), t)).collect();
        crate::store::xlsx::write_book(path, &refs, None)
    }
}

//! 乡镇汇总: the township opens N branch packages read-only and sums the ones of the same year and template, a row
//! per branch and a 合计 row per table. Missing branches, packages of another year or template, the same branch
//! twice, failed cross-checks and the same 公民身份号码 in two branches (a transfer not finished: counted once in
//! the 合计) are listed. The township workbook has a sheet per table and 校核结果, and no ID numbers in the
//! aggregate sheets.
use super::package::{self, Opened, Package};
use super::verify::{self, Finding};
use crate::store::limits;
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
    /// The package's file name (made unique with 「（2）」…): what the township chooses by.
    pub id: String,
    pub branch: String,
    pub file: String,
    pub superior: String,
    pub year: i32,
    pub report_date: String,
    pub template_year: i32,
    pub exported_at: String,
    pub members: i64,
    /// Summed into the 合计.
    pub included: bool,
    /// included; choose (one of several packages of the branch, none chosen yet); not_chosen (another package
    /// of the branch was chosen); same (a copy of the package counted); rejected (changed after export, or
    /// numbers no branch can have); other (another year, template or report date).
    pub status: String,
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
    /// missing, unreadable, tampered, implausible, overflow, year, template, date, twice, superior,
    /// duplicate_person, check, no_checksum, too_many.
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

fn problem(kind: &str, branch: &str, text: String) -> Problem {
    Problem { kind: kind.into(), branch: branch.into(), text }
}

/// One package read: its id, file name, data and findings.
struct Read {
    id: String,
    file: String,
    opened: Opened,
    findings: Vec<Finding>,
}

/// Reads and sums the packages. `expected` names the branches that should have reported (empty: not checked);
/// `chosen` the ids of the packages the township chose where a branch sent more than one. Each file is
/// untrusted: one that cannot be read, was changed after export or holds numbers no branch can have is listed
/// with its reason and left out; the others merge.
pub fn merge(paths: &[PathBuf], expected: &[String], chosen: &[String]) -> Result<Township> {
    let mut problems = Vec::new();
    let mut read: Vec<Read> = Vec::new();
    let mut files = expand(paths);
    if files.len() > limits::PACKAGES {
        problems.push(problem("too_many", "", format!("一次最多汇总 {} 个文件，选择了 {} 个；只读取了前 {} 个", limits::PACKAGES, files.len(), limits::PACKAGES)));
        files.truncate(limits::PACKAGES);
    }
    let mut ids: HashMap<String, usize> = HashMap::new();
    for path in files {
        let file = file_name(&path);
        // A reader's panic on a damaged file is that file's problem, never the merge's.
        let opened = std::panic::catch_unwind(|| package::open(&path)).unwrap_or_else(|_| {
            Err(crate::kernel::error::Error::Unreadable { file: file.clone(), reason: crate::store::outside::DAMAGED.into() })
        });
        match opened {
            Ok(opened) => {
                let n = ids.entry(file.clone()).or_default();
                *n += 1;
                let id = if *n == 1 { file.clone() } else { format!("{file}（{n}）") };
                let findings = verify::verify(&file, &opened);
                read.push(Read { id, file, opened, findings });
            }
            Err(e) => problems.push(problem("unreadable", "", e.payload().message)),
        }
    }
    for r in &read {
        let branch = &r.opened.package.header.branch;
        for f in &r.findings {
            match f {
                Finding::Tampered(t) => problems.push(problem("tampered", branch, t.clone())),
                Finding::Implausible(t) => problems.push(problem("implausible", branch, t.clone())),
                Finding::NoChecksum => problems.push(problem(
                    "no_checksum",
                    branch,
                    format!("{}（{}）：上报包由旧版本支部台账导出，没有校验码；已核对隐藏数据与可见表格一致", branch, r.file),
                )),
                Finding::Check(_) => {}
            }
        }
    }
    let usable = |r: &Read| !verify::excluded(&r.findings);
    // The year, template and report date most packages have (the newest on a tie) are summed: numbers of another
    // year, template or 截止日 cannot be added to them.
    let mut votes: BTreeMap<(i32, i32, String), usize> = BTreeMap::new();
    for r in read.iter().filter(|r| usable(r)) {
        *votes.entry(key(&r.opened.package.header)).or_default() += 1;
    }
    let chosen_key = votes.iter().max_by_key(|(k, n)| (**n, (*k).clone())).map(|(k, _)| k.clone());
    let mut status: Vec<&'static str> = read
        .iter()
        .map(|r| if !usable(r) { "rejected" } else if Some(key(&r.opened.package.header)) != chosen_key { "other" } else { "included" })
        .collect();
    // The same branch more than once: nothing replaces anything. Copies of one package count once; different
    // packages wait for the township to choose, shown side by side.
    let mut by_branch: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, r) in read.iter().enumerate().filter(|(i, _)| status[*i] == "included") {
        by_branch.entry(r.opened.package.header.branch.as_str()).or_default().push(i);
    }
    for (branch, group) in by_branch.iter().filter(|(_, g)| g.len() > 1) {
        let show = |i: usize| {
            let h = &read[i].opened.package.header;
            format!("“{}”（导出于 {}，{} 人）", read[i].file, h.exported_at.replace('T', " "), h.members)
        };
        // Copies of one package (the same file sent twice, 「副本」) are one candidate: the chosen one, else the first.
        let mut ordered = group.clone();
        ordered.sort_by_key(|i| !chosen.contains(&read[*i].id));
        let mut distinct: Vec<usize> = Vec::new();
        for i in ordered {
            match distinct.iter().find(|d| read[**d].opened.text_digest == read[i].opened.text_digest) {
                Some(&d) => {
                    status[i] = "same";
                    problems.push(problem("twice", branch, format!("{branch}：“{}”与“{}”内容完全相同，只计一次", read[i].file, read[d].file)));
                }
                None => distinct.push(i),
            }
        }
        let group = &distinct;
        if group.len() == 1 {
            continue;
        }
        let picked: Vec<usize> = group.iter().copied().filter(|i| chosen.contains(&read[*i].id)).collect();
        let listed: Vec<String> = group.iter().map(|i| show(*i)).collect();
        if picked.len() == 1 {
            for i in group.iter().filter(|i| **i != picked[0]) {
                status[*i] = "not_chosen";
            }
            problems.push(problem("twice", branch, format!("{branch}：有 {} 个不同的上报包 {}，按选择计入“{}”", group.len(), listed.join("、"), read[picked[0]].file)));
        } else {
            for i in group {
                status[*i] = "choose";
            }
            problems.push(problem("twice", branch, format!("{branch}：有 {} 个不同的上报包 {}，都未计入合计；请核实后在上报情况中选择计入哪一个", group.len(), listed.join("、"))));
        }
    }
    // Packages of another year, template or report date, said once each.
    if let Some((year, template, date)) = chosen_key.clone() {
        for (_, r) in read.iter().enumerate().filter(|(i, _)| status[*i] == "other") {
            let h = &r.opened.package.header;
            let (kind, text) = if h.year != year {
                ("year", format!("{}：这是 {} 年度的上报包，本次汇总 {year} 年度，未计入合计", r.file, h.year))
            } else if h.template_year != template {
                ("template", format!("{}：报表样式为 {} 年度，与其他支部（{template} 年度）不同，不能相加，未计入合计；请该支部升级支部台账后重新导出", r.file, h.template_year))
            } else {
                ("date", format!("{}：统计截止日期为 {}，与其他支部（{date}）不同，不能相加，未计入合计；请该支部按 {date} 重新导出", r.file, h.report_date))
            };
            problems.push(problem(kind, &h.branch, text));
        }
    }
    // Tables: the template's layout (every summed package has it: verify refuses any other).
    let mut order: Vec<usize> = (0..read.len()).filter(|i| status[*i] == "included").collect();
    order.sort_by(|a, b| read[*a].opened.package.header.branch.cmp(&read[*b].opened.package.header.branch));
    let mut tables: Vec<TownTable> = order
        .first()
        .map(|i| read[*i].opened.package.tables.iter().map(|t| TownTable { no: t.no, title: t.title.clone(), columns: t.columns.clone(), rows: Vec::new(), total: vec![0; t.columns.len()] }).collect())
        .unwrap_or_default();
    // Checked sums: a package whose numbers would overflow a total is listed and left out, never wrapped or clamped.
    for i in order.clone() {
        let p = &read[i].opened.package;
        let mut next: Vec<Vec<i64>> = Vec::with_capacity(tables.len());
        let mut ok = true;
        for t in &tables {
            let values = p.tables.iter().find(|x| x.no == t.no && x.columns == t.columns).map(|x| x.values.clone());
            match values.and_then(|v| t.total.iter().zip(&v).map(|(a, b)| a.checked_add(*b)).collect::<Option<Vec<i64>>>()) {
                Some(sum) => next.push(sum),
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if !ok {
            status[i] = "rejected";
            problems.push(problem("overflow", &p.header.branch, format!("{}（{}）：数字加入合计时超出了可计算的范围，未计入合计；请让该支部核实后重新导出", p.header.branch, read[i].file)));
            continue;
        }
        for (t, sum) in tables.iter_mut().zip(next) {
            let values = p.tables.iter().find(|x| x.no == t.no).map(|x| x.values.clone()).unwrap_or_default();
            t.total = sum;
            t.rows.push(Row { branch: p.header.branch.clone(), values });
        }
    }
    let included: Vec<&Package> = order.iter().filter(|i| status[**i] == "included").map(|i| &read[*i].opened.package).collect();
    for r in read.iter().enumerate().filter(|(i, _)| status[*i] == "included").map(|(_, r)| r) {
        for f in &r.findings {
            if let Finding::Check(t) = f {
                problems.push(problem("check", &r.opened.package.header.branch, t.clone()));
            }
        }
    }
    for name in expected.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if !read.iter().any(|r| same_branch(&r.opened.package.header.branch, name)) {
            problems.push(problem("missing", name, format!("{name}：没有收到上报包")));
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
            problems.push(problem("superior", &h.branch, format!("{}：上报包没有填写上级党委，请核实是否为本乡镇的支部", h.branch)));
        } else if usual.as_deref().is_some_and(|u| u != h.superior) {
            problems.push(problem(
                "superior",
                &h.branch,
                format!("{}：上级党委填写为“{}”，与其他支部（“{}”）不同，请核实", h.branch, h.superior, usual.as_deref().unwrap_or_default()),
            ));
        }
    }
    // A person counted at the report date by two branches (a transfer not finished): counted where first seen
    // (branches in name order), taken out of the 合计 elsewhere. Only people counted then (表2 党员总数): one who
    // left a branch during the year and arrived in another is rightly that branch's 转出 and the other's 转入. A
    // number twice inside one package is that package's problem (verify), never a second branch.
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for p in &included {
        for person in p.people.iter().filter(|x| x.cells.contains(&(2, 0))) {
            match seen.get(person.id_number.as_str()) {
                None => {
                    seen.insert(&person.id_number, &p.header.branch);
                }
                Some(first) => {
                    for (no, col) in &person.cells {
                        if let Some(v) = tables.iter_mut().find(|t| t.no == *no).and_then(|t| t.total.get_mut(*col as usize)) {
                            *v = v.checked_sub(1).unwrap_or(*v);
                        }
                    }
                    problems.push(problem(
                        "duplicate_person",
                        &p.header.branch,
                        format!(
                            "{}（{}）同时在{first}和{}的统计中：组织关系转接尚未办结，合计中只计一次（计入{first}），请两个支部核实",
                            person.name,
                            idcard::mask(&person.id_number),
                            p.header.branch
                        ),
                    ));
                }
            }
        }
    }
    // 年底应有 of the 合计 follows from its parts once a person counted twice is taken out.
    if let Some(t1) = tables.iter_mut().find(|t| t.no == 1) {
        let expected_total = verify::year_end(&|label| t1.columns.iter().position(|c| c == label).map(|i| t1.total[i]).unwrap_or(0));
        if let (Some(i), Some(e)) = (t1.columns.iter().position(|c| c == "年底应有党员数"), expected_total) {
            t1.total[i] = e;
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
    let branches = read
        .iter()
        .zip(&status)
        .map(|(r, s)| {
            let h = &r.opened.package.header;
            BranchRow {
                id: r.id.clone(),
                branch: h.branch.clone(),
                file: r.file.clone(),
                superior: h.superior.clone(),
                year: h.year,
                report_date: h.report_date.clone(),
                template_year: h.template_year,
                exported_at: h.exported_at.clone(),
                members: h.members,
                included: *s == "included",
                status: s.to_string(),
            }
        })
        .collect();
    Ok(Township { year: chosen_key.as_ref().map(|c| c.0), template_year: chosen_key.as_ref().map(|c| c.1), branches, tables, problems, checks: sum_checks })
}

/// How the 上报情况 sheet names a package's status.
fn status_name(s: &str) -> &'static str {
    match s {
        "included" => "已汇总",
        "choose" => "待选择（同一支部多份）",
        "not_chosen" => "未计入（已选另一份）",
        "same" => "未计入（相同的副本）",
        "rejected" => "未计入（被改动或数字不合理）",
        _ => "未计入（年度、样式或截止日期不同）",
    }
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
            .map(|b| vec![b.branch.clone(), b.file.clone(), b.year.to_string(), b.report_date.clone(), b.template_year.to_string(), b.exported_at.replace('T', " "), b.members.to_string(), status_name(&b.status).into()])
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
                "tampered" => "上报包被改动",
                "implausible" => "数字不合理",
                "overflow" => "数字超出范围",
                "no_checksum" => "旧版本上报包",
                "too_many" => "文件过多",
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

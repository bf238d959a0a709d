//! Every package is untrusted (issue 24): before a number of it is summed, its hidden data must carry the right
//! checksum, agree with the visible sheets the branch saw, have the template's columns, pass its own
//! cross-checks as it claims to, and be plausible on its own — no negative count, none larger than the branch's
//! members, no 公民身份号码 twice. A package that fails is left out of the 合计 with a sentence naming the branch,
//! the table and the column; the rest still merge.
use super::package::Opened;
use crate::reports::stats::{self, checks, Cell, Table};
use crate::store::limits;
use std::collections::HashMap;
use std::sync::OnceLock;

/// What is wrong with one package.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Finding {
    /// Its data were changed after export, or do not fit together: left out.
    Tampered(String),
    /// A number no branch can have: left out.
    Implausible(String),
    /// A cross-check of section 13 that fails in the branch's own data (as the package says): summed, listed.
    Check(String),
    /// Exported by the first version, which wrote no checksum: summed when all else agrees, said.
    NoChecksum,
}

impl Finding {
    pub(super) fn excludes(&self) -> bool {
        matches!(self, Finding::Tampered(_) | Finding::Implausible(_))
    }
}

/// The columns of each table of the current template, from an empty branch counted by this program.
fn template() -> &'static HashMap<u8, Vec<String>> {
    static T: OnceLock<HashMap<u8, Vec<String>>> = OnceLock::new();
    T.get_or_init(|| {
        let build = || -> crate::kernel::error::Result<HashMap<u8, Vec<String>>> {
            let mut conn = crate::store::db::open_in_memory()?;
            crate::org::setup(
                &mut conn,
                &crate::org::SetupInput {
                    kind: "631".into(),
                    name: "样板村党支部".into(),
                    secretary: "书记".into(),
                    branches: vec![],
                    groups: vec![],
                    books_from: None,
                },
            )?;
            let r = stats::report(&conn, 2025, None)?;
            Ok(r.tables.into_iter().map(|t| (t.no, t.columns)).collect())
        };
        build().unwrap_or_default()
    })
}

/// All findings for one package (`file` is its file name, for the sentences).
pub(super) fn verify(file: &str, o: &Opened) -> Vec<Finding> {
    let p = &o.package;
    let who = format!("{}（{file}）", p.header.branch);
    let mut out = Vec::new();
    let tampered = |what: String| Finding::Tampered(format!("{who}：{what}。上报包在导出后被改动过，或已损坏，未计入合计；请让该支部在支部台账中重新导出上报包"));
    let implausible = |what: String| Finding::Implausible(format!("{who}：{what}，不是有效的统计数字，未计入合计；请让该支部核实后重新导出上报包"));

    if p.checksum.is_empty() {
        out.push(Finding::NoChecksum);
    } else if p.checksum != p.digest() {
        out.push(tampered("隐藏数据的校验码不符".into()));
    }

    // Structure: the template's tables and columns, a number for every column.
    let template = template();
    let mut seen: Vec<u8> = Vec::new();
    for t in &p.tables {
        if seen.contains(&t.no) {
            out.push(tampered(format!("表{}出现了两次", t.no)));
            continue;
        }
        seen.push(t.no);
        match template.get(&t.no) {
            Some(cols) if *cols == t.columns && t.values.len() == t.columns.len() => {}
            Some(_) => out.push(tampered(format!("表{}的栏目与本程序的报表样式不一致", t.no))),
            None => out.push(tampered(format!("报表样式中没有表{}", t.no))),
        }
    }
    for no in template.keys() {
        if !seen.contains(no) {
            out.push(tampered(format!("缺少表{no}")));
        }
    }
    // Nothing below can be read safely against columns that are not the template's.
    if out.iter().any(|f| matches!(f, Finding::Tampered(t) if !t.contains("校验码"))) {
        return out;
    }

    // Plausible on its own: every count between 0 and what the branch can hold.
    let value = |no: u8, label: &str| -> Option<i64> {
        let t = p.tables.iter().find(|t| t.no == no)?;
        t.columns.iter().position(|c| c == label).and_then(|i| t.values.get(i).copied())
    };
    let mut bad_count = false;
    for t in &p.tables {
        for (label, v) in t.columns.iter().zip(&t.values) {
            if !(0..=limits::BRANCH_MEMBERS).contains(v) {
                out.push(implausible(format!("表{}“{label}”为 {v}", t.no)));
                bad_count = true;
            }
        }
    }
    if !bad_count {
        // The most a branch counted in any cell: last year's members and every arrival of the year.
        let (adds, _) = stats::change_labels();
        let most = adds.iter().try_fold(value(1, "上年底党员数").unwrap_or(0), |sum, l| sum.checked_add(value(1, l).unwrap_or(0)));
        let most = most.unwrap_or(i64::MAX).max(value(1, "年底实有党员数").unwrap_or(0));
        for t in &p.tables {
            for (label, v) in t.columns.iter().zip(&t.values) {
                if *v > most {
                    out.push(implausible(format!("表{}“{label}”为 {v}，大于该支部全年的党员人数 {most}", t.no)));
                }
            }
        }
        if p.header.members != value(1, "年底实有党员数").unwrap_or(p.header.members) {
            out.push(tampered(format!("说明页的年底实有党员数 {} 与表1 的 {} 不一致", p.header.members, value(1, "年底实有党员数").unwrap_or(0))));
        }
    }

    // The people behind the numbers: each once, each in cells that exist, never more than a cell counts.
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for person in &p.people {
        *ids.entry(person.id_number.as_str()).or_default() += 1;
    }
    let mut twice: Vec<(&str, usize)> = ids.into_iter().filter(|(_, n)| *n > 1).collect();
    if !twice.is_empty() {
        twice.sort();
        let shown: Vec<String> = twice.iter().take(3).map(|(id, n)| format!("{}（{n} 次）", crate::kernel::idcard::mask(id))).collect();
        out.push(implausible(format!(
            "名单中有 {} 个公民身份号码重复出现：{}{}",
            twice.len(),
            shown.join("、"),
            if twice.len() > 3 { " 等" } else { "" }
        )));
    }
    let mut per_cell: HashMap<(u8, u16), i64> = HashMap::new();
    for person in &p.people {
        for cell in &person.cells {
            *per_cell.entry(*cell).or_default() += 1;
        }
    }
    for ((no, col), n) in per_cell {
        let t = p.tables.iter().find(|t| t.no == no);
        match t.and_then(|t| Some((t.columns.get(col as usize)?, *t.values.get(col as usize)?))) {
            Some((label, v)) if n > v => out.push(tampered(format!("表{no}“{label}”为 {v}，但名单中有 {n} 人计入这一栏"))),
            Some(_) => {}
            None => out.push(tampered(format!("名单指向不存在的表{no}第 {} 栏", col + 1))),
        }
    }

    // What the branch saw: the visible sheets show the same numbers.
    for t in &p.tables {
        let Some(v) = o.visible.iter().find(|v| v.no == t.no) else {
            out.push(tampered(format!("缺少可见的“表{}”工作表", t.no)));
            continue;
        };
        if v.columns != t.columns {
            out.push(tampered(format!("可见的表{}栏目与隐藏数据不一致", t.no)));
            continue;
        }
        for ((label, hidden), shown) in t.columns.iter().zip(&t.values).zip(&v.values) {
            if Some(*hidden) != *shown {
                let shown = shown.map(|s| s.to_string()).unwrap_or_else(|| "空白或不是数字".into());
                out.push(tampered(format!("表{}“{label}”在可见表格中为 {shown}，在隐藏数据中为 {hidden}", t.no)));
            }
        }
    }

    // Its own cross-checks, recomputed: a package that claims a check passes that does not (or the reverse) was
    // edited; a check that fails as it says is the branch's to fix and is listed.
    if !bad_count {
        let tables: Vec<Table> = p
            .tables
            .iter()
            .map(|t| Table { no: t.no, title: t.title.clone(), columns: t.columns.clone(), cells: t.values.iter().map(|v| Cell { value: *v, members: Vec::new() }).collect(), notes: Vec::new() })
            .collect();
        let mut recomputed: Vec<stats::Check> = balance(&tables).into_iter().collect();
        recomputed.extend(checks::run(&tables));
        for c in &recomputed {
            match p.checks.iter().find(|x| x.rule == c.rule) {
                Some(claimed) if claimed.ok && !c.ok => out.push(tampered(format!("校核“{}”写为通过，但数字并不符合（{}）", c.rule, c.detail))),
                None if !c.ok => out.push(Finding::Check(format!("{}：{}未通过（{}）", p.header.branch, c.rule, c.detail))),
                _ => {}
            }
        }
        // A check the branch's own data fail (the package says so): the branch's to fix, summed and listed.
        for x in p.checks.iter().filter(|x| !x.ok) {
            // The names behind a failed check are in the branch's own 党内统计, not in the package.
            let detail = x.detail.replace("（缺少所需项目的党员见名单）", "；名单请该支部在“党内统计”中查看");
            out.push(Finding::Check(format!("{}：{}未通过（{}）", p.header.branch, x.rule, detail)));
        }
    }
    out
}

/// 年底应有 from table 1's numbers: last year's members plus the year's arrivals less its departures; `None` when the
/// sum would overflow (never wrapped).
pub(super) fn year_end(value: &dyn Fn(&str) -> i64) -> Option<i64> {
    let (adds, leaves) = stats::change_labels();
    let sum = |labels: &[&str]| labels.iter().try_fold(0i64, |s, l| s.checked_add(value(l)));
    value("上年底党员数").checked_add(sum(&adds)?)?.checked_sub(sum(&leaves)?)
}

/// Table 1 balances: last year's members plus arrivals less departures is this year's (as the package wrote it).
fn balance(tables: &[Table]) -> Option<stats::Check> {
    let t1 = tables.iter().find(|t| t.no == 1)?;
    let expected = year_end(&|l| t1.value(l))?;
    let actual = t1.value("年底实有党员数");
    Some(stats::Check::new(1, "表1 平衡：上年底 + 增加 − 减少 = 年底实有", expected == actual, format!("年底应有 {expected}，年底实有 {actual}")))
}

/// Whether the findings keep a package out of the 合计.
pub(super) fn excluded(findings: &[Finding]) -> bool {
    findings.iter().any(Finding::excludes)
}

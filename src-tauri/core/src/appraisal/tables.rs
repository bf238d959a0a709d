//! The prints of 民主评议: the 民主测评表 (one per voter; 姓氏笔画 order; 预备党员 marked 不定等次), the 测评结果汇总表
//! and the 结果报告 for the township.
use super::rules::GRADES;
use super::year::{self, Appraisal};
use crate::kernel::dates;
use crate::kernel::error::{Error, Result};
use crate::kernel::print_table::{Column, PrintTable, TableGroup};
use chrono::NaiveDate;
use rusqlite::Connection;

fn table(title: String, subtitle: Vec<String>, columns: Vec<Column>, rows: Vec<Vec<String>>, notes: Vec<String>) -> PrintTable {
    PrintTable { chart: None, title, subtitle, total: rows.len(), columns, groups: vec![TableGroup { name: None, rows }], landscape: false, masked: false, notes }
}

/// `ballot`, `summary` or `report` of a year's appraisal.
pub fn print(conn: &Connection, kind: &str, year: i32, today: NaiveDate) -> Result<PrintTable> {
    let a = year::show(conn, year)?.ok_or(Error::invalid("year", "NOT_OPENED", format!("{year} 年度还没有开展民主评议：请先在“民主评议”中建立该年度的评议")))?;
    let org = crate::org::get(conn)?.name;
    match kind {
        "ballot" => Ok(ballot(&org, &a)),
        "summary" => Ok(summary(&org, &a, today)),
        "report" => Ok(report(&org, &a, today)),
        _ => Err(Error::invalid("kind", "BAD_TABLE", "请选择要打印的表：民主测评表、测评结果汇总表或结果报告")),
    }
}

fn ballot(org: &str, a: &Appraisal) -> PrintTable {
    let rows = a
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let mut row = vec![(i + 1).to_string(), e.name.clone()];
            if e.probationary {
                row.extend(["—", "—", "—", "—", "预备党员，不定等次"].map(String::from));
            } else {
                row.extend(["□", "□", "□", "□", ""].map(String::from));
            }
            row
        })
        .collect();
    let mut cols = vec![Column::new("no", "序号", true), Column::new("name", "姓名", false)];
    cols.extend(GRADES.iter().map(|(k, n)| Column::new(k, n, false).centered()));
    cols.push(Column::new("note", "备注", false));
    table(
        format!("{org}{}年度民主评议党员测评表", a.year),
        vec![format!("请在每名党员对应的等次下打“√”，每人只选一项；优秀不超过 {} 名。本表不记名。", a.excellent_max)],
        cols,
        rows,
        vec!["测评日期：      年    月    日".into()],
    )
}

fn summary(org: &str, a: &Appraisal, today: NaiveDate) -> PrintTable {
    let rows = a
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let v = e.votes.as_ref();
            let n = |f: fn(&year::Votes) -> u32| v.map(|v| f(v).to_string()).unwrap_or_default();
            vec![
                (i + 1).to_string(),
                e.name.clone(),
                n(|v| v.excellent),
                n(|v| v.good),
                n(|v| v.basic),
                n(|v| v.poor),
                n(|v| v.spoiled),
                e.valid.map(|x| x.to_string()).unwrap_or_default(),
                e.excellent_rate.clone().unwrap_or_default(),
                e.opinion.clone().unwrap_or_default(),
                if e.probationary { "不定等次".into() } else { e.grade_name.clone().unwrap_or_default() },
            ]
        })
        .collect();
    let labels = ["序号", "姓名", "优秀", "合格", "基本合格", "不合格", "废票", "有效票", "优秀率", "支委会意见", "评定等次"];
    let cols = labels.iter().enumerate().map(|(i, l)| Column::new(&format!("c{i}"), l, (2..=7).contains(&i) || i == 0)).collect();
    let mut t = table(
        format!("{org}{}年度民主评议党员测评结果汇总表", a.year),
        vec![format!("正式党员 {} 名，优秀名额 {} 名；打印日期 {}", a.full_members, a.excellent_max, dates::iso(today))],
        cols,
        rows,
        Vec::new(),
    );
    t.landscape = true;
    t
}

fn report(org: &str, a: &Appraisal, today: NaiveDate) -> PrintTable {
    let count = |g: &str| a.entries.iter().filter(|e| e.grade.as_deref() == Some(g)).count();
    let pct = |n: usize| if a.full_members == 0 { "0.0%".to_string() } else { format!("{:.1}%", n as f64 * 100.0 / a.full_members as f64) };
    let probationary = a.entries.len() as u32 - a.full_members;
    let mut rows = vec![
        vec!["参评党员".to_string(), format!("{} 名（正式党员 {} 名，预备党员 {probationary} 名，不定等次）", a.entries.len(), a.full_members)],
        vec!["组织生活会".to_string(), a.meeting.clone().unwrap_or_else(|| "（未关联）".into())],
    ];
    for s in &a.steps {
        rows.push(vec![s.name.clone(), s.date.clone().unwrap_or_else(|| "（未记录）".into())]);
    }
    for (k, n) in GRADES {
        let c = count(k);
        let who: Vec<&str> = a.entries.iter().filter(|e| e.grade.as_deref() == Some(k)).map(|e| e.name.as_str()).collect();
        let names = if k == "good" || who.is_empty() { String::new() } else { format!("：{}", who.join("、")) };
        rows.push(vec![format!("评定{n}"), format!("{c} 名，占正式党员 {}{names}", pct(c))]);
    }
    let ungraded: Vec<&str> = a.entries.iter().filter(|e| !e.probationary && e.grade.is_none()).map(|e| e.name.as_str()).collect();
    if !ungraded.is_empty() {
        rows.push(vec!["尚未评定".into(), ungraded.join("、")]);
    }
    let over: Vec<String> = a.entries.iter().filter_map(|e| e.cap_reason.as_ref().map(|r| format!("{}：{r}", e.name))).collect();
    if a.excellent_count > a.excellent_max {
        rows.push(vec!["超出优秀比例的说明".into(), over.join("；")]);
    }
    for x in &a.actions {
        let period = x.ends_on.as_ref().map(|e| format!("，{} 个月，至 {e}", x.months.unwrap_or(0))).unwrap_or_default();
        rows.push(vec!["组织处置".into(), format!("{}：{}（{} 决定{period}）；问题：{}", x.name, x.kind_name, x.decided_on, x.matter)]);
    }
    table(
        format!("{org}{}年度民主评议党员结果报告", a.year),
        vec![format!("报送：上级党委组织部门；打印日期 {}", dates::iso(today))],
        vec![Column::new("item", "项目", false), Column::new("text", "情况", false)],
        rows,
        vec![format!("{org}（盖章）        年    月    日")],
    )
}

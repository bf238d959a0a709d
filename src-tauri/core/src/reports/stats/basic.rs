//! Tables 2 (党员基本情况), 3 (入党时间) and 4 (学历) of the 党内统计年报 as of a report date: members whose 正式组织关系
//! is in the branch that day (the registry; 双重管理 members once, where their relation is), counted in the template's
//! bands at the report date (C5, C11). A member whose record lacks what a table needs is listed, not dropped; the
//! totals of the three tables are checked against each other (section 13).
use super::bands::{self, TABLE2_AGE, TABLE3_JOINED, TABLE4_EDUCATION, TEMPLATE_YEAR};
use crate::kernel::dates;
use crate::kernel::error::{Error, Result};
use crate::kernel::print_table::{Column, PrintTable, TableGroup};
use crate::members::store as member_store;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

/// A member a table could not place, and why.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "StatsMissing")]
pub struct Missing {
    pub member_id: i64,
    pub name: String,
    /// The table (2, 3, 4) and the field it needs.
    pub table: u8,
    pub field: String,
}

/// One failed cross-check, in words.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "StatsCheck")]
pub struct Check {
    pub rule: String,
    pub ok: bool,
    pub detail: String,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "StatsBasic")]
pub struct Basic {
    pub year: i32,
    pub report_date: String,
    pub template_year: i32,
    /// Tables 2, 3, 4 as printed.
    pub tables: Vec<PrintTable>,
    pub missing: Vec<Missing>,
    pub checks: Vec<Check>,
}

/// The three tables of `year`, as of `as_of` (default 12-31 of the year).
pub fn basic(conn: &Connection, year: i32, as_of: Option<NaiveDate>) -> Result<Basic> {
    if !(2000..=2100).contains(&year) {
        return Err(Error::invalid("year", "BAD_YEAR", "请填写统计年度，例如 2026"));
    }
    let report = as_of.unwrap_or_else(|| bands::report_date(year));
    let day = dates::iso(report);
    let status = member_store::status_on(conn, &day)?;
    // A member transferred in after the report date was not yet the branch's, whatever their 入党日期.
    let arrived_later: std::collections::HashSet<i64> = crate::mobile::transfer::list(conn, report)?
        .into_iter()
        .filter(|t| t.direction == "in" && t.state != "cancelled" && t.date > day)
        .map(|t| t.member_id)
        .collect();
    let names = member_store::activity::display_names(conn)?;
    let members: Vec<_> = member_store::records(conn, false)?
        .into_iter()
        .filter(|m| status.get(&m.id).is_some_and(|s| s == "normal") && !arrived_later.contains(&m.id))
        .collect();
    let mut missing = Vec::new();
    let mut miss = |m: &crate::members::member::MemberRecord, table: u8, field: &str| {
        missing.push(Missing { member_id: m.id, name: names.get(&m.id).cloned().unwrap_or_default(), table, field: field.into() });
    };

    // Table 2: 总数, 预备党员, 女, 少数民族, then the age bands.
    let mut t2 = vec![0usize; 4 + TABLE2_AGE.len()];
    for m in &members {
        t2[0] += 1;
        // 预备 on the report date: accepted but not 转正 by then.
        let full = m.data.full_date.as_deref().and_then(dates::parse).filter(|f| *f <= report);
        if m.data.category.as_deref() == Some("probationary") || (m.data.full_date.is_some() && full.is_none()) {
            t2[1] += 1;
        }
        match m.data.sex.as_deref() {
            Some("2") => t2[2] += 1,
            Some("1") => {}
            _ => miss(m, 2, "性别"),
        }
        match m.data.ethnicity.as_deref() {
            Some("01") => {}
            Some(_) => t2[3] += 1,
            None => miss(m, 2, "民族"),
        }
        match m.data.birth_date.as_deref().and_then(dates::parse).and_then(|b| bands::age_band(&TABLE2_AGE, b, report)) {
            Some(label) => t2[4 + TABLE2_AGE.iter().position(|b| b.label == label).unwrap_or(0)] += 1,
            None => miss(m, 2, "出生日期"),
        }
    }
    // Table 3: 入党时间.
    let mut t3 = vec![0usize; 1 + TABLE3_JOINED.len()];
    for m in &members {
        t3[0] += 1;
        match m.data.join_date.as_deref().and_then(dates::parse).and_then(bands::joined_band) {
            Some(label) => t3[1 + TABLE3_JOINED.iter().position(|b| b.0 == label).unwrap_or(0)] += 1,
            None => miss(m, 3, "入党日期"),
        }
    }
    // Table 4: 学历.
    let mut t4 = vec![0usize; 1 + TABLE4_EDUCATION.len()];
    for m in &members {
        t4[0] += 1;
        match m.data.education.as_deref().and_then(bands::education_band) {
            Some(label) => t4[1 + TABLE4_EDUCATION.iter().position(|b| b.0 == label).unwrap_or(0)] += 1,
            None => miss(m, 4, "学历"),
        }
    }

    let org = crate::org::get(conn)?.name;
    let sub = vec![format!("统计截止日期 {day}（{TEMPLATE_YEAR} 年度报表样式）")];
    let table = |no: u8, title: &str, labels: Vec<String>, counts: &[usize]| PrintTable {
        title: format!("{org}{year}年党内统计 表{no} {title}"),
        subtitle: sub.clone(),
        columns: std::iter::once(Column::new("unit", "单位", false)).chain(labels.iter().enumerate().map(|(i, l)| Column::new(&format!("c{i}"), l, true))).collect(),
        groups: vec![TableGroup { name: None, rows: vec![std::iter::once(org.clone()).chain(counts.iter().map(|n| n.to_string())).collect()] }],
        total: 1,
        landscape: true,
        masked: false,
        notes: Vec::new(),
    };
    let l2: Vec<String> = ["党员总数", "其中：预备党员", "女", "少数民族"].iter().map(|s| s.to_string()).chain(TABLE2_AGE.iter().map(|b| b.label.to_string())).collect();
    let l3: Vec<String> = std::iter::once("党员总数".to_string()).chain(TABLE3_JOINED.iter().map(|b| b.0.to_string())).collect();
    let l4: Vec<String> = std::iter::once("党员总数".to_string()).chain(TABLE4_EDUCATION.iter().map(|b| b.0.to_string())).collect();

    let sum = |v: &[usize]| v.iter().sum::<usize>();
    let mut checks = vec![
        Check { rule: "表2、表3、表4 的党员总数一致".into(), ok: t2[0] == t3[0] && t3[0] == t4[0], detail: format!("表2 {}，表3 {}，表4 {}", t2[0], t3[0], t4[0]) },
        Check { rule: "表2 各年龄段之和等于党员总数".into(), ok: sum(&t2[4..]) == t2[0], detail: format!("各年龄段合计 {}，党员总数 {}（缺出生日期的见名单）", sum(&t2[4..]), t2[0]) },
        Check { rule: "表3 各入党时间段之和等于党员总数".into(), ok: sum(&t3[1..]) == t3[0], detail: format!("各时间段合计 {}，党员总数 {}（缺入党日期的见名单）", sum(&t3[1..]), t3[0]) },
        Check { rule: "表4 各学历之和等于党员总数".into(), ok: sum(&t4[1..]) == t4[0], detail: format!("各学历合计 {}，党员总数 {}（缺学历的见名单）", sum(&t4[1..]), t4[0]) },
    ];
    checks.push(Check { rule: "表2 “其中”各项不大于党员总数".into(), ok: t2[1..4].iter().all(|n| *n <= t2[0]), detail: format!("预备党员 {}，女 {}，少数民族 {}", t2[1], t2[2], t2[3]) });
    Ok(Basic {
        year,
        report_date: day,
        template_year: TEMPLATE_YEAR,
        tables: vec![table(2, "党员基本情况", l2, &t2), table(3, "党员入党时间", l3, &t3), table(4, "党员学历", l4, &t4)],
        missing,
        checks,
    })
}

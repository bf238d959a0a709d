//! 报表中心: every table of the app a secretary prints or sends on, in one list grouped by area, each with the
//! period it is asked for. The tables themselves stay with their areas; this only names them and builds one.
//! Tables about one person or one meeting (信息卡, 介绍信, 纪实表, 会议记录) stay on their own screens.
use crate::kernel::dates;
use crate::kernel::error::{Error, Result};
use crate::kernel::print_table::PrintTable;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// One entry of the list.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "CatalogItem")]
pub struct Item {
    pub key: String,
    /// The area's name as the sidebar shows it (党员名册, 党费 …), or 党内统计 / 统计图表.
    pub area: String,
    pub title: String,
    /// What the period picker asks: `none`, `year`, `month`, `quarter` (a year and 1–4) or `range` (two dates).
    pub period: String,
    /// A chart is drawn above the table.
    pub chart: bool,
}

/// The period chosen for a table; what the item does not ask for is ignored.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(rename = "CatalogPeriod")]
pub struct Period {
    pub year: Option<i32>,
    /// YYYY-MM.
    pub month: Option<String>,
    pub quarter: Option<u32>,
    /// range: ISO dates; 党内统计: `to` is the report date (12-31 when empty).
    pub from: Option<String>,
    pub to: Option<String>,
}

const ITEMS: &[(&str, &str, &str, &str, bool)] = &[
    ("roster", "党员名册", "党员花名册", "none", false),
    ("participation", "组织生活", "参学情况统计表", "range", false),
    ("points_month", "积分管理", "月度积分表", "month", false),
    ("dues_register", "党费", "党费收缴登记表", "year", false),
    ("dues_statistics", "党费", "党费收缴情况统计表（季度）", "quarter", false),
    ("dues_public", "党费", "党费交纳情况公示", "year", false),
    ("dues_review", "党费", "党费交纳基数核定表", "year", false),
    ("dev_timeline", "发展党员", "发展党员时间节点一览", "none", false),
    ("dev_counts", "发展党员", "发展党员情况统计", "year", false),
    ("mobile_cards", "流动党员", "流动党员登记表", "none", false),
    ("mobile_transfers", "流动党员", "组织关系转接登记", "year", false),
    ("mobile_lost", "流动党员", "失联党员名单", "none", false),
    ("care_hardship", "关爱帮扶", "困难党员名册", "year", false),
    ("care_visits", "关爱帮扶", "走访慰问记录", "year", false),
    ("care_summary", "关爱帮扶", "慰问金汇总", "year", false),
    ("care_elders", "关爱帮扶", "老党员名册", "none", false),
    ("care_medals", "关爱帮扶", "“光荣在党50年”纪念章名单", "year", false),
    ("care_birthdays", "关爱帮扶", "政治生日名单", "month", false),
    ("appraisal_summary", "民主评议", "民主评议测评结果汇总表", "year", false),
    ("appraisal_report", "民主评议", "民主评议结果报告", "year", false),
    ("stats_1", "党内统计", "表1 党员数量变化", "year", false),
    ("stats_2", "党内统计", "表2 党员基本情况", "year", false),
    ("stats_3", "党内统计", "表3 党员入党时间", "year", false),
    ("stats_4", "党内统计", "表4 党员学历", "year", false),
    ("stats_5", "党内统计", "表5 建制村党员情况", "year", false),
    ("stats_8", "党内统计", "表8 民主评议党员情况", "year", false),
    ("stats_15", "党内统计", "表15 预备党员转正情况", "year", false),
    ("stats_16", "党内统计", "表16 发展党员情况", "year", false),
    ("stats_43", "党内统计", "表43 失联党员情况", "year", false),
    ("chart_age", "统计图表", "党员年龄结构", "year", true),
    ("chart_party_years", "统计图表", "党员党龄结构", "year", true),
    ("chart_education", "统计图表", "党员学历结构", "year", true),
    ("chart_classes", "统计图表", "党员分类（管理类型）", "none", true),
    ("chart_participation", "统计图表", "各月参学率", "year", true),
    ("chart_points", "统计图表", "月度积分分布", "month", true),
    ("chart_dues", "统计图表", "各月党费收缴", "year", true),
];

pub fn items() -> Vec<Item> {
    ITEMS
        .iter()
        .map(|(key, area, title, period, chart)| Item { key: key.to_string(), area: area.to_string(), title: title.to_string(), period: period.to_string(), chart: *chart })
        .collect()
}

/// The table `key` for `period`, as 预览 shows it and 打印, Excel and PDF write it.
pub fn build(conn: &rusqlite::Connection, key: &str, period: &Period, today: NaiveDate) -> Result<PrintTable> {
    let year = period.year.unwrap_or(today.year());
    let month = || -> Result<String> {
        let m = period.month.clone().unwrap_or_else(|| today.format("%Y-%m").to_string());
        crate::dues::month::parse("month", "月份", &m).map(crate::dues::month::key)
    };
    if let Some(no) = key.strip_prefix("stats_") {
        let no: u8 = no.parse().map_err(|_| unknown(key))?;
        let r = super::stats::report(conn, year, super::stats::as_of_arg(period.to.as_deref(), year)?)?;
        let t = r.table(no).ok_or_else(|| unknown(key))?;
        return Ok(t.print(&r.org, r.year, &r.subtitle()));
    }
    if key.starts_with("chart_") {
        return super::charts::build(conn, key, year, &month()?, today);
    }
    let dues = |kind: &str| crate::dues::tables::TableRequest { kind: kind.into(), year, quarter: period.quarter.or(Some(1)), ..Default::default() };
    let care = |kind: &str| crate::care::tables::TableRequest { kind: kind.into(), year: Some(year), month: period.month.clone(), ..Default::default() };
    match key {
        // The roster posted or filed lists the members in good standing, as 党员名册 prints it by default.
        "roster" => crate::members::roster::roster(
            conn,
            &crate::members::roster::RosterRequest { query: crate::members::search::MemberQuery { status: Some("normal".into()), ..Default::default() }, ..Default::default() },
        ),
        "participation" => {
            // An empty field is not given: the year so far.
            let given = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
            let from = given(&period.from).unwrap_or_else(|| format!("{year}-01-01"));
            let to = given(&period.to).unwrap_or_else(|| dates::iso(today));
            crate::meetings::participation::summary_table(conn, &from, &to)
        }
        "points_month" => crate::points::export::month_print_table(conn, &month()?, None),
        "dues_register" => crate::dues::tables::table(conn, &dues("register"), today),
        "dues_statistics" => crate::dues::tables::table(conn, &dues("statistics"), today),
        "dues_public" => crate::dues::tables::table(conn, &dues("public"), today),
        "dues_review" => crate::dues::tables::table(conn, &dues("review"), today),
        "dev_timeline" => crate::development::tables::timeline(conn, today),
        "dev_counts" => crate::development::tables::counts(conn, year),
        "mobile_cards" => crate::mobile::tables::cards(conn, today),
        "mobile_transfers" => crate::mobile::tables::transfers(conn, year, today),
        "mobile_lost" => crate::mobile::tables::lost_table(conn, today),
        "care_hardship" => crate::care::tables::print(conn, &care("hardship"), today),
        "care_visits" => crate::care::tables::print(conn, &care("visits"), today),
        "care_summary" => crate::care::tables::print(conn, &care("summary"), today),
        "care_elders" => crate::care::tables::print(conn, &care("elders"), today),
        "care_medals" => crate::care::tables::print(conn, &care("medals"), today),
        "care_birthdays" => crate::care::tables::print(conn, &crate::care::tables::TableRequest { month: Some(month()?), ..care("birthdays") }, today),
        "appraisal_summary" => crate::appraisal::tables::print(conn, "summary", year, today),
        "appraisal_report" => crate::appraisal::tables::print(conn, "report", year, today),
        _ => Err(unknown(key)),
    }
}

fn unknown(key: &str) -> Error {
    Error::invalid("key", "BAD_TABLE", format!("没有名为“{key}”的报表，请从报表中心的列表中选择"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_builds_on_the_demo_and_an_unknown_one_is_refused() {
        let mut conn = crate::store::db::open_in_memory().unwrap();
        crate::demo::load(&mut conn).unwrap();
        let today = dates::today();
        for item in items() {
            let p = Period { year: Some(today.year() - i32::from(item.key.starts_with("appraisal"))), ..Default::default() };
            let t = build(&conn, &item.key, &p, today).unwrap_or_else(|e| panic!("{}: {e:?}", item.key));
            assert!(!t.title.is_empty() && !t.columns.is_empty(), "{}", item.key);
            assert_eq!(t.chart.is_some(), item.chart, "{}", item.key);
        }
        assert_eq!(build(&conn, "nothing", &Period::default(), today).unwrap_err().code(), "BAD_TABLE");
        let bad = Period { to: Some("明年".into()), ..Default::default() };
        assert_eq!(build(&conn, "stats_2", &bad, today).unwrap_err().code(), "BAD_DATE");
    }
}

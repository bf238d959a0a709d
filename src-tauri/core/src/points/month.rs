//! 月度积分表: every member's month with 本月得分, 年度累计 (the 百分制's 奖励 cap applied), 排名 and 等次.
use super::config::{self, PointsSettings};
use super::rules::{rules, Rule, CATEGORY};
use super::store::{self, Totals};
use super::tenths::{from_tenths, to_tenths};
use crate::kernel::error::Result;
use crate::members::store::activity;
use crate::org;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

pub use crate::kernel::dates::parse_month;

#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct TableRequest {
    /// YYYY-MM.
    pub month: String,
    pub group_id: Option<i64>,
    /// A column per rule instead of per category.
    pub by_rule: bool,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct TableColumn {
    pub key: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct MonthRow {
    pub member_id: i64,
    pub name: String,
    pub group_id: Option<i64>,
    pub group_name: String,
    pub probationary: bool,
    /// One per column, in points.
    pub cells: Vec<f64>,
    pub month_total: f64,
    /// Base plus everything from January to the end of this month.
    pub year_total: f64,
    /// 1 is best; ties share a rank (1, 1, 3).
    pub rank: u32,
    pub tier: &'static str,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct MonthTable {
    pub month: String,
    pub title: String,
    pub base: f64,
    /// The most 奖励 counted in a year, if capped.
    pub bonus_cap: Option<f64>,
    pub columns: Vec<TableColumn>,
    pub rows: Vec<MonthRow>,
    /// Members ranked across the whole branch, before any 党小组 filter.
    pub ranked: usize,
}

/// The first month whose entries count in the score of year `y`: January, or the month the branch switched scheme.
pub(super) fn year_start(s: &PointsSettings, y: i32) -> String {
    let jan = format!("{y:04}-01");
    match &s.counted_from {
        Some(from) if from.as_str() > jan.as_str() => from.clone(),
        _ => jan,
    }
}

/// The year-to-date score in tenths: 基础积分 + 基础项 + 扣减 + 奖励 up to the yearly cap (domain.md section 7).
pub(super) fn score(s: &PointsSettings, base_entries: i64, bonus: i64, deduction: i64) -> i64 {
    let bonus = match s.bonus_cap {
        Some(cap) => bonus.min(to_tenths(cap)),
        None => bonus,
    };
    // 0–100 under the 百分制: deductions take the 基础积分 down to nothing, not below.
    (to_tenths(s.base) + base_entries + bonus + deduction).max(0)
}

/// Month and year-to-date totals of every member, from the monthly totals table.
fn totals(conn: &Connection, s: &PointsSettings, y: i32, m: u32) -> Result<HashMap<i64, Totals>> {
    store::totals(conn, &format!("{y:04}-{m:02}"), &format!("{y:04}-01"), &year_start(s, y))
}

/// Members entered after `month` who were nevertheless in the branch then: they have points or a held meeting's
/// attendance from that month or earlier (the demo, a roster entered late with the year's meetings). A member
/// added this month has neither, so last month's table, its ranks and its 末位 do not include them.
/// Points of this year up to `month` are already in the month's totals; this adds earlier years and attendance.
fn present_before(conn: &Connection, y: i32, month: &str) -> Result<HashSet<i64>> {
    store::present_before(conn, &format!("{y:04}-01"), &format!("{month}-31"))
}

/// The monthly table: every member in good standing (and anyone with points that month), columns per category
/// or per rule, 本月得分, 年度累计, 排名 and 等次.
pub fn month_table(conn: &Connection, req: &TableRequest) -> Result<MonthTable> {
    let (y, m) = parse_month(&req.month)?;
    let month = format!("{y:04}-{m:02}");
    let s: PointsSettings = config::get(conn)?;
    let totals = totals(conn, &s, y, m)?;
    let groups: HashMap<i64, String> = org::groups(conn, true)?.into_iter().map(|g| (g.id, g.name)).collect();
    let members = activity::roll_for_month(conn, &format!("{month}-31"))?;
    // Only the months a member was in the branch: one entered later counts from their first record.
    let earlier = if members.iter().any(|m| m.entered_later) { Some(present_before(conn, y, &month)?) } else { None };
    let columns: Vec<TableColumn>;
    let per_rule: HashMap<(i64, i64), i64>;
    let rule_ids: Vec<i64>;
    if req.by_rule {
        per_rule = store::sums_by_rule(conn, &format!("{month}-01"), &format!("{month}-31"))?;
        let used: HashSet<i64> = per_rule.keys().map(|k| k.1).collect();
        let all = rules(conn, true)?;
        let shown: Vec<&Rule> = all.iter().filter(|r| r.active || used.contains(&r.id)).collect();
        rule_ids = shown.iter().map(|r| r.id).collect();
        columns = shown.iter().map(|r| TableColumn { key: format!("r{}", r.id), label: r.data.name.clone() }).collect();
    } else {
        per_rule = HashMap::new();
        rule_ids = Vec::new();
        columns = CATEGORY.iter().map(|(k, n)| TableColumn { key: k.to_string(), label: n.to_string() }).collect();
    }
    let mut rows: Vec<(MonthRow, i64)> = Vec::new();
    for activity::RollRow { id, name, group_id, category, status, entered_later: later } in members {
        if later && !totals.contains_key(&id) && earlier.as_ref().is_some_and(|e| !e.contains(&id)) {
            continue;
        }
        let t = totals.get(&id);
        if status != "normal" && t.is_none_or(|t| t.base == 0 && t.bonus == 0 && t.deduction == 0) {
            continue;
        }
        let t = t.copied().unwrap_or_default();
        let (b, bo, d) = (t.base, t.bonus, t.deduction);
        let cells = if req.by_rule {
            rule_ids.iter().map(|r| from_tenths(*per_rule.get(&(id, *r)).unwrap_or(&0))).collect()
        } else {
            vec![from_tenths(b), from_tenths(bo), from_tenths(d)]
        };
        let year = score(&s, t.year_base, t.year_bonus, t.year_deduction);
        rows.push((
            MonthRow {
                member_id: id,
                name,
                group_name: group_id.and_then(|g| groups.get(&g).cloned()).unwrap_or_default(),
                group_id,
                probationary: category.as_deref() == Some("probationary"),
                cells,
                month_total: from_tenths(b + bo + d),
                year_total: from_tenths(year),
                rank: 0,
                tier: s.tier(from_tenths(year)),
            },
            year,
        ));
    }
    // Competition ranking over the whole branch: equal scores share a rank, the next rank skips.
    let mut order: Vec<i64> = rows.iter().map(|r| r.1).collect();
    order.sort_unstable_by(|a, b| b.cmp(a));
    for (row, score) in &mut rows {
        row.rank = order.partition_point(|s| s > score) as u32 + 1;
    }
    let ranked = rows.len();
    let rows: Vec<MonthRow> = rows.into_iter().map(|r| r.0).filter(|r| req.group_id.is_none() || r.group_id == req.group_id).collect();
    let org = org::get(conn)?;
    Ok(MonthTable { title: format!("{}{y}年{m}月党员积分", org.name), month, base: s.base, bonus_cap: s.bonus_cap, columns, rows, ranked })
}

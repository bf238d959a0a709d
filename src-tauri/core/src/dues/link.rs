//! The 积分 link: members who did not pay a month's dues lose points under the scheme's 未按时交纳党费 rule
//! (百分制 −2), recorded through the points area like any other deduction, once per member and month.
use super::arrears::MonthState;
use super::book::Book;
use super::month;
use crate::kernel::dates;
use crate::kernel::error::{Error, Result};
use crate::points;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

pub const RULE: &str = "未按时交纳党费";

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "DuesDeduction")]
pub struct Deduction {
    /// 「已为 3 人记录“未按时交纳党费”−2 分（2026-10）」, or why nobody was.
    pub summary: String,
    pub members: Vec<String>,
    /// Already deducted for that month earlier: not twice.
    pub skipped: Vec<String>,
}

/// Deducts points from every member whose dues for `month` are unpaid now. Only an ended month (a quarterly
/// payer's once its quarter ended); the entry is dated the month's last day so it lands in that month's table.
pub fn deduct_unpaid(conn: &mut Connection, actor: &str, month_s: &str, today: NaiveDate) -> Result<Deduction> {
    let at = month::parse("month", "月份", month_s)?;
    if at >= month::of_date(today) {
        return Err(Error::invalid("month", "NOT_ENDED", format!("{} 还没有结束，月底以后才能按未交党费扣分", month::label(at))));
    }
    let rule_id = points::rule_id_by_name(conn, RULE)
        .map_err(|_| Error::invalid("rule", "NO_RULE", format!("积分细则里没有启用的“{RULE}”规则，请先在“积分管理 → 积分细则”中启用或添加")))?;
    let book = Book::load(conn)?;
    let key = month::key(at);
    let already: Vec<i64> = points::entries(conn, &points::EntryQuery { month: Some(key.clone()), member_id: None, include_voided: false })?
        .into_iter()
        .filter(|e| e.rule_id == rule_id)
        .map(|e| e.member_id)
        .collect();
    let (mut ids, mut names, mut skipped) = (Vec::new(), Vec::new(), Vec::new());
    for m in book.members.iter().filter(|m| m.status == "normal") {
        let late = match book.state(m, at) {
            MonthState::Due { quarterly } => !quarterly || month::quarter_end(at) < month::of_date(today),
            _ => false,
        };
        if !late {
            continue;
        }
        if already.contains(&m.id) {
            skipped.push(m.name.clone());
        } else {
            ids.push(m.id);
            names.push(m.name.clone());
        }
    }
    if ids.is_empty() {
        let why = if skipped.is_empty() { "没有未交党费的党员" } else { "未交党费的党员都已扣过分" };
        return Ok(Deduction { summary: format!("{}：{why}，没有新的扣分", month::label(at)), members: names, skipped });
    }
    points::add(
        conn,
        actor,
        &points::EntryInput { member_ids: ids, date: dates::iso(month::last_day(at)), rule_id, quantity: 1.0, note: Some(format!("{key} 党费未交")) },
    )?;
    let rule = points::rule(conn, rule_id)?;
    Ok(Deduction {
        summary: format!("已为 {} 人记录“{RULE}”{} 分（{}）", names.len(), rule.data.points, month::label(at)),
        members: names,
        skipped,
    })
}

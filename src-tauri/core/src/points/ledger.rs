//! 积分台账: entries for one or many members, the monthly cap, voiding. An entry is never deleted; the monthly
//! totals (point_month) follow every change in the same transaction.
use super::month::parse_month;
use super::rules::Rule;
use super::store;
use super::tenths::{show, to_tenths};
use crate::kernel::dates;
use crate::kernel::error::{Error, FieldError, Result};
use crate::members::store::activity;
use crate::store::audit;

use chrono::NaiveDate;
use rusqlite::{Connection, Transaction};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Entry {
    pub id: i64,
    pub member_id: i64,
    pub member_name: String,
    pub date: String,
    pub rule_id: i64,
    pub rule_name: String,
    pub category: String,
    /// Times, or hours.
    pub quantity: f64,
    /// Before the monthly cap.
    pub requested: f64,
    pub points: f64,
    pub note: Option<String>,
    pub meeting_id: Option<i64>,
    pub entered_by: String,
    pub created_at: String,
    pub voided: bool,
    pub void_reason: Option<String>,
    pub voided_by: Option<String>,
}

/// One entry with its member's name.
fn entry(conn: &Connection, id: i64) -> Result<Entry> {
    let mut e = store::entry(conn, id)?;
    e.member_name = activity::name(conn, e.member_id)?.unwrap_or_default();
    Ok(e)
}

/// The points a new entry gets under the rule's monthly cap, given what the member already has this month.
fn capped(requested: i64, cap: Option<i64>, already: i64) -> i64 {
    match cap {
        None => requested,
        Some(c) if requested >= 0 => requested.min((c - already).max(0)),
        Some(c) => requested.max((-c - already).min(0)),
    }
}

pub(super) struct NewEntry<'a> {
    pub(super) member_id: i64,
    pub(super) date: &'a str,
    pub(super) rule: &'a Rule,
    /// Tenths (hours may be 1.5).
    pub(super) quantity: i64,
    pub(super) note: Option<&'a str>,
    pub(super) meeting_id: Option<i64>,
}

/// Writes one entry with its cap applied; returns its id and (requested, points) in tenths.
pub(super) fn insert(tx: &Transaction, actor: &str, e: &NewEntry) -> Result<(i64, i64, i64)> {
    let requested = to_tenths(e.rule.data.points) * e.quantity / 10;
    let cap = e.rule.data.monthly_cap.map(to_tenths);
    let already = if cap.is_some() { store::month_sum_for_rule(tx, e.member_id, e.rule.id, &e.date[..7])? } else { 0 };
    let points = capped(requested, cap, already);
    let id = store::insert_entry(
        tx,
        actor,
        &store::EntryRow { member_id: e.member_id, date: e.date, rule: e.rule, quantity: e.quantity, requested, points, note: e.note, meeting_id: e.meeting_id },
    )?;
    store::bump(tx, e.member_id, e.date, &e.rule.data.category, points)?;
    Ok((id, requested, points))
}

/// One rule for one or many members at once (12 members, 志愿服务, 3 hours each).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct EntryInput {
    pub member_ids: Vec<i64>,
    pub date: String,
    pub rule_id: i64,
    /// Times, or hours (one decimal).
    pub quantity: f64,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct AddResult {
    /// What was recorded, in the points each member really got (after the monthly cap): "已为 3 人记分：志愿服务 3 分".
    pub summary: String,
    pub entries: Vec<Entry>,
    /// Members whose points the monthly cap cut, with a sentence saying so.
    pub capped: Vec<String>,
}

pub fn add(conn: &mut Connection, actor: &str, input: &EntryInput) -> Result<AddResult> {
    let tx = conn.transaction()?;
    let r = add_in(&tx, actor, input, dates::today())?;
    tx.commit()?;
    Ok(r)
}

/// A batch is one transaction: every member gets the entry, or nobody does.
pub fn add_in(tx: &Transaction, actor: &str, input: &EntryInput, today: NaiveDate) -> Result<AddResult> {
    let mut errs = Vec::new();
    let rule = match store::find_rule(tx, input.rule_id)? {
        None => {
            errs.push(FieldError::new("rule_id", "REQUIRED", "请选择积分规则"));
            None
        }
        Some(r) if !r.active => {
            errs.push(FieldError::new("rule_id", "RETIRED", format!("规则“{}”已停用，请选择其他规则或先在设置中恢复", r.data.name)));
            None
        }
        Some(r) => Some(r),
    };
    if input.member_ids.is_empty() {
        errs.push(FieldError::new("member_ids", "REQUIRED", "请至少选择一名党员"));
    }
    let date = dates::parse_flexible(&input.date);
    match date {
        None => errs.push(FieldError::new("date", "BAD_DATE", "请填写日期，例如 2026-11-05")),
        Some(d) if d > today => errs.push(FieldError::new("date", "FUTURE_DATE", "积分日期不能晚于今天")),
        _ => {}
    }
    let quantity = to_tenths(input.quantity);
    let hours = rule.as_ref().is_some_and(|r| r.data.unit == "hour");
    if quantity <= 0 || input.quantity > 1000.0 {
        errs.push(FieldError::new("quantity", "OUT_OF_RANGE", if hours { "请填写时长（小时），例如 3 或 1.5" } else { "请填写次数，例如 1" }));
    } else if !hours && quantity % 10 != 0 {
        errs.push(FieldError::new("quantity", "WHOLE_TIMES", "次数应为整数"));
    }
    let note = input.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    if rule.as_ref().is_some_and(|r| r.data.category == "bonus") && note.is_none() {
        errs.push(FieldError::new("note", "REQUIRED", "奖励加分请注明事由，例如“11月5日参加村道清扫志愿服务”"));
    }
    let mut names = HashMap::new();
    for &id in &input.member_ids {
        // In good standing: status `normal` (members' definition).
        match activity::name_and_status(tx, id)? {
            None => errs.push(FieldError::new("member_ids", "UNKNOWN_MEMBER", format!("编号 {id} 的党员不存在，请刷新后重试"))),
            Some((name, status)) if status != "normal" => {
                errs.push(FieldError::new("member_ids", "NOT_ACTIVE", format!("{name}的党籍状态不是“正常”，不能记积分")))
            }
            Some((name, _)) => {
                names.insert(id, name);
            }
        }
    }
    if !errs.is_empty() {
        return Err(Error::Invalid(errs));
    }
    let (rule, date) = (rule.unwrap_or_else(|| unreachable!()), dates::iso(date.unwrap_or(today)));
    let mut ids = Vec::new();
    let mut capped_names = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for &member_id in input.member_ids.iter().filter(|id| seen.insert(**id)) {
        let (id, requested, points) = insert(tx, actor, &NewEntry { member_id, date: &date, rule: &rule, quantity, note, meeting_id: None })?;
        if points != requested {
            capped_names.push(format!("{}：{}本月已达上限，本次记 {} 分（应得 {} 分）", names[&member_id], rule.data.name, show(points), show(requested)));
        }
        ids.push(id);
    }
    // The names are known already: one query per entry, as before, and none more.
    let entries = ids
        .iter()
        .map(|&id| store::entry(tx, id).map(|e| Entry { member_name: names[&e.member_id].clone(), ..e }))
        .collect::<Result<Vec<_>>>()?;
    audit::record(tx, actor, "create", "point_entry", None, None::<&()>, Some(&entries))?;
    Ok(AddResult { summary: add_summary(&rule.data.name, &entries), entries, capped: capped_names })
}

/// "已为 3 人记分：志愿服务 3 分", or with the cap cutting some: "已为 3 人记分：志愿服务 共 7 分（2 人 3 分，1 人 1 分）".
fn add_summary(rule: &str, entries: &[Entry]) -> String {
    let mut by_points: Vec<(i64, usize)> = Vec::new();
    for e in entries {
        let t = to_tenths(e.points);
        match by_points.iter_mut().find(|p| p.0 == t) {
            Some(p) => p.1 += 1,
            None => by_points.push((t, 1)),
        }
    }
    let n = entries.len();
    match by_points.as_slice() {
        [(t, _)] => format!("已为 {n} 人记分：{rule} {} 分", show(*t)),
        _ => {
            let total: i64 = by_points.iter().map(|(t, c)| t * *c as i64).sum();
            by_points.sort_by(|a, b| b.0.cmp(&a.0));
            let parts: Vec<String> = by_points.iter().map(|(t, c)| format!("{c} 人 {} 分", show(*t))).collect();
            format!("已为 {n} 人记分：{rule} 共 {} 分（{}）", show(total), parts.join("，"))
        }
    }
}

/// An entry is never deleted: it is voided with a reason and drops out of every total.
pub fn void(conn: &mut Connection, actor: &str, id: i64, reason: &str) -> Result<Entry> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid("void_reason", "REQUIRED", "请填写作废原因，例如“录入错误，重复登记”"));
    }
    let tx = conn.transaction()?;
    let before = entry(&tx, id)?;
    if before.voided {
        return Err(Error::invalid("void_reason", "ALREADY_VOIDED", "这条积分记录已经作废"));
    }
    void_in(&tx, actor, id, reason)?;
    let after = entry(&tx, id)?;
    audit::record(&tx, actor, "void", "point_entry", Some(id), Some(&before), Some(&after))?;
    tx.commit()?;
    Ok(after)
}

pub(super) fn void_in(tx: &Transaction, actor: &str, id: i64, reason: &str) -> Result<()> {
    let (member_id, date, category, points) = store::entry_basics(tx, id)?;
    store::mark_void(tx, actor, id, reason)?;
    store::bump(tx, member_id, &date, &category, -points)?;
    recap(tx, actor, member_id, store::entry_rule(tx, id)?, &date[..7])
}

/// The monthly cap applied again to a member's standing entries of a rule, in the order they were made, once one
/// of them is voided: 志愿服务 4 h then 8 h with a cap of 10 is 4 + 6; with the 4 voided the 8 counts 8, not 6.
/// Each change is audited and the month's totals follow.
fn recap(tx: &Transaction, actor: &str, member_id: i64, rule_id: i64, month: &str) -> Result<()> {
    let Some(cap) = store::rule(tx, rule_id)?.data.monthly_cap.map(to_tenths) else { return Ok(()) };
    let mut already = 0;
    for (id, date, category, requested, points) in store::month_entries_for_rule(tx, member_id, rule_id, month)? {
        let now = capped(requested, Some(cap), already);
        if now != points {
            store::set_points(tx, id, now)?;
            store::bump(tx, member_id, &date, &category, now - points)?;
            audit::record(
                tx,
                actor,
                "recap",
                "point_entry",
                Some(id),
                Some(&serde_json::json!({ "points": show(points) })),
                Some(&serde_json::json!({ "points": show(now), "reason": "同月同一规则的另一条记录作废，按每月上限重新计算" })),
            )?;
        }
        already += now;
    }
    Ok(())
}
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct EntryQuery {
    /// YYYY-MM.
    pub month: Option<String>,
    pub member_id: Option<i64>,
    pub include_voided: bool,
}

/// Ledger entries, newest first.
pub fn entries(conn: &Connection, q: &EntryQuery) -> Result<Vec<Entry>> {
    let month = q.month.as_deref().map(parse_month).transpose()?.map(|(y, m)| format!("{y:04}-{m:02}"));
    let mut list = store::entries(conn, month.as_deref(), q.member_id, q.include_voided)?;
    // One query per owner, joined here.
    let names = activity::names(conn)?;
    for e in &mut list {
        e.member_name = names.get(&e.member_id).cloned().unwrap_or_default();
    }
    Ok(list)
}

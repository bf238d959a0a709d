//! The points system (积分制): rules, the ledger, attendance-linked entries, monthly tables with rank and tier,
//! 约谈提醒, 公示 and the township's spreadsheets. Points are kept in tenths (迟到 −0.5 is −5) so sums are exact;
//! the API speaks points with one decimal.
pub mod config;
pub mod store;

use crate::store::audit;
use crate::kernel::codes;
use crate::kernel::dates;
use crate::kernel::error::{Error, FieldError, Result};
use crate::org;
use crate::kernel::print_table::{Column, PrintTable, TableGroup};

use config::PointsSettings;
#[cfg(test)]
use crate::settings;
use chrono::{Datelike, Months, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// 基础项 / 奖励 / 扣减. 基础项 adds to the 基础积分 (the yearly base in the settings); the name says so, so that a
/// column of the month's 基础项 is not mistaken for the 基础积分 itself.
pub const CATEGORY: codes::CodeList = &[("base", "基础项"), ("bonus", "奖励"), ("deduction", "扣减")];
/// 每次 / 每小时.
pub const UNIT: codes::CodeList = &[("time", "每次"), ("hour", "每小时")];

pub fn to_tenths(p: f64) -> i64 {
    (p * 10.0).round() as i64
}

pub fn from_tenths(t: i64) -> f64 {
    t as f64 / 10.0
}

/// 12, 12.5, −0.5: a score as a table shows it.
pub fn show(t: i64) -> String {
    if t % 10 == 0 {
        (t / 10).to_string()
    } else {
        format!("{:.1}", from_tenths(t))
    }
}

// ---- rules ----

/// A rule's own fields: what the form submits and what the catalog holds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RuleData {
    pub name: String,
    /// base, bonus or deduction.
    pub category: String,
    /// Per time or per hour; negative for deductions.
    pub points: f64,
    /// time or hour.
    pub unit: String,
    pub monthly_cap: Option<f64>,
    /// Meeting kinds whose attendance produces entries.
    pub meeting_kinds: Vec<String>,
    /// The attendance status those entries follow.
    pub attendance: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rule {
    pub id: i64,
    #[serde(flatten)]
    pub data: RuleData,
    pub active: bool,
}

const RULE_COLUMNS: &str = "id, name, category, points, unit, monthly_cap, meeting_kinds, attendance, active";

fn rule_from_row(r: &rusqlite::Row) -> rusqlite::Result<Rule> {
    let kinds: String = r.get(6)?;
    Ok(Rule {
        id: r.get(0)?,
        data: RuleData {
            name: r.get(1)?,
            category: r.get(2)?,
            points: from_tenths(r.get(3)?),
            unit: r.get(4)?,
            monthly_cap: r.get::<_, Option<i64>>(5)?.map(from_tenths),
            meeting_kinds: serde_json::from_str(&kinds).unwrap_or_default(),
            attendance: r.get(7)?,
        },
        active: r.get(8)?,
    })
}

pub fn rules(conn: &Connection, include_retired: bool) -> Result<Vec<Rule>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {RULE_COLUMNS} FROM point_rule WHERE (?1 OR active = 1) ORDER BY active DESC, sort_order, id"
    ))?;
    let rows = stmt.query_map([include_retired], rule_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn rule(conn: &Connection, id: i64) -> Result<Rule> {
    conn.query_row(&format!("SELECT {RULE_COLUMNS} FROM point_rule WHERE id = ?1"), [id], rule_from_row)
        .optional()?
        .ok_or(Error::NotFound { entity: "point_rule", id })
}

fn check_rule(input: &RuleData) -> Result<()> {
    let mut errs = Vec::new();
    let name = input.name.trim();
    if name.is_empty() {
        errs.push(FieldError::new("name", "REQUIRED", "请填写规则名称，例如“志愿服务”"));
    } else if name.chars().count() > 30 {
        errs.push(FieldError::new("name", "TOO_LONG", "规则名称太长，最多30个字"));
    }
    let category = codes::name_of(CATEGORY, &input.category);
    if category.is_none() {
        errs.push(FieldError::new("category", "REQUIRED", "请选择类别：基础、奖励或扣减"));
    }
    let t = to_tenths(input.points);
    if t == 0 || input.points.abs() > 100.0 {
        errs.push(FieldError::new("points", "OUT_OF_RANGE", "分值请填 −100 至 100 之间、不为 0 的数，可带一位小数，例如 2 或 −0.5"));
    } else if input.category == "deduction" && t > 0 {
        errs.push(FieldError::new("points", "SIGN", "扣减类规则的分值应为负数，例如 −2"));
    } else if category.is_some() && input.category != "deduction" && t < 0 {
        errs.push(FieldError::new("points", "SIGN", "基础类和奖励类规则的分值应为正数；扣分请把类别选为“扣减”"));
    }
    if codes::name_of(UNIT, &input.unit).is_none() {
        errs.push(FieldError::new("unit", "REQUIRED", "请选择计分单位：每次或每小时"));
    }
    if input.monthly_cap.is_some_and(|c| to_tenths(c) <= 0 || c > 1000.0) {
        errs.push(FieldError::new("monthly_cap", "OUT_OF_RANGE", "每月上限请填正数（扣减类表示每月最多扣多少分），不设上限请留空"));
    }
    for k in &input.meeting_kinds {
        if codes::name_of(codes::MEETING_KIND, k).is_none() {
            errs.push(FieldError::new("meeting_kinds", "UNKNOWN_CODE", format!("会议类型“{k}”不存在，请从列表中选择")));
        }
    }
    let status = input.attendance.as_deref().filter(|s| !s.is_empty());
    match (input.meeting_kinds.is_empty(), status) {
        (false, None) => errs.push(FieldError::new("attendance", "REQUIRED", "关联了会议类型，请选择按哪种出席情况计分：出席、请假或缺席")),
        (true, Some(_)) => errs.push(FieldError::new("meeting_kinds", "REQUIRED", "按出席情况计分，请勾选关联的会议类型")),
        (_, Some(s)) if codes::name_of(codes::ATTENDANCE, s).is_none() => {
            errs.push(FieldError::new("attendance", "UNKNOWN_CODE", "出席情况只能是出席、请假或缺席"))
        }
        _ => {}
    }
    if !input.meeting_kinds.is_empty() && input.unit != "time" {
        errs.push(FieldError::new("unit", "LINKED_UNIT", "按出席情况计分的规则只能“每次”计分"));
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(errs))
    }
}

pub fn create_rule(conn: &mut Connection, actor: &str, input: &RuleData) -> Result<Rule> {
    check_rule(input)?;
    let tx = conn.transaction()?;
    let now = audit::now();
    let attendance = input.attendance.as_deref().filter(|s| !s.is_empty());
    tx.execute(
        "INSERT INTO point_rule (name, category, points, unit, monthly_cap, meeting_kinds, attendance, sort_order, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, (SELECT coalesce(max(sort_order), 0) + 1 FROM point_rule), ?8, ?8)",
        params![input.name.trim(), input.category, to_tenths(input.points), input.unit, input.monthly_cap.map(to_tenths),
            serde_json::to_string(&input.meeting_kinds)?, attendance, now],
    )?;
    let r = rule(&tx, tx.last_insert_rowid())?;
    audit::record(&tx, actor, "create", "point_rule", Some(r.id), None::<&()>, Some(&r))?;
    tx.commit()?;
    Ok(r)
}

/// Changes a rule for entries made from now on; entries already recorded keep their points and name.
pub fn update_rule(conn: &mut Connection, actor: &str, id: i64, input: &RuleData) -> Result<Rule> {
    check_rule(input)?;
    let tx = conn.transaction()?;
    let before = rule(&tx, id)?;
    let attendance = input.attendance.as_deref().filter(|s| !s.is_empty());
    tx.execute(
        "UPDATE point_rule SET name = ?1, category = ?2, points = ?3, unit = ?4, monthly_cap = ?5, meeting_kinds = ?6,
         attendance = ?7, updated_at = ?8 WHERE id = ?9",
        params![input.name.trim(), input.category, to_tenths(input.points), input.unit, input.monthly_cap.map(to_tenths),
            serde_json::to_string(&input.meeting_kinds)?, attendance, audit::now(), id],
    )?;
    let after = rule(&tx, id)?;
    audit::record(&tx, actor, "update", "point_rule", Some(id), Some(&before), Some(&after))?;
    tx.commit()?;
    Ok(after)
}

/// Retires (or brings back) a rule; retired rules take no new entries and keep the old ones.
pub fn set_rule_active(conn: &mut Connection, actor: &str, id: i64, active: bool) -> Result<Rule> {
    let tx = conn.transaction()?;
    let before = rule(&tx, id)?;
    tx.execute("UPDATE point_rule SET active = ?1, updated_at = ?2 WHERE id = ?3", params![active, audit::now(), id])?;
    let after = rule(&tx, id)?;
    audit::record(&tx, actor, if active { "restore" } else { "retire" }, "point_rule", Some(id), Some(&before), Some(&after))?;
    tx.commit()?;
    Ok(after)
}

// ---- the scheme ----

/// The 奖励 rules of the 百分制 a branch switching to it may lack: (name, tenths).
const HUNDRED_BONUSES: [(&str, i64); 2] = [("党课主讲/先进事迹", 50), ("参加党员冬春训/集中培训", 20)];

/// Switches an existing branch to the 百分制 of domain.md section 7 from this month: 基础积分 60, 奖励 capped at 40
/// a year, tiers 90/75/60; the rules that give points for attending are retired and the 百分制's 奖励 rules added.
/// Nothing recorded is rewritten: entries before this month stay in the ledger and the member histories but no
/// longer count in this year's score.
pub fn adopt_hundred(conn: &mut Connection, actor: &str, today: NaiveDate) -> Result<PointsSettings> {
    let tx = conn.transaction()?;
    let before = config::get(&tx)?;
    if before.scheme == "hundred" {
        return Err(Error::invalid("points.scheme", "ALREADY", "本支部已经在使用百分制积分方案"));
    }
    let now = audit::now();
    for r in rules(&tx, false)?.into_iter().filter(|r| r.data.category == "base" && r.data.attendance.as_deref() == Some("present")) {
        tx.execute("UPDATE point_rule SET active = 0, updated_at = ?1 WHERE id = ?2", params![now, r.id])?;
        let after = rule(&tx, r.id)?;
        audit::record(&tx, actor, "retire", "point_rule", Some(r.id), Some(&r), Some(&after))?;
    }
    for (name, points) in HUNDRED_BONUSES {
        let exists: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM point_rule WHERE name = ?1)", [name], |r| r.get(0))?;
        if !exists {
            tx.execute(
                "INSERT INTO point_rule (name, category, points, unit, monthly_cap, meeting_kinds, attendance, sort_order, created_at, updated_at)
                 VALUES (?1, 'bonus', ?2, 'time', NULL, '[]', NULL, (SELECT coalesce(max(sort_order), 0) + 1 FROM point_rule), ?3, ?3)",
                params![name, points, now],
            )?;
            let r = rule(&tx, tx.last_insert_rowid())?;
            audit::record(&tx, actor, "create", "point_rule", Some(r.id), None::<&()>, Some(&r))?;
        }
    }
    let points = PointsSettings { counted_from: Some(today.format("%Y-%m").to_string()), ..PointsSettings::default() };
    config::put(&tx, &points)?;
    let after = config::get(&tx)?;
    audit::record(&tx, actor, "switch_scheme", "settings", None, Some(&before), Some(&after))?;
    tx.commit()?;
    Ok(after)
}

// ---- the ledger ----

#[derive(Debug, Clone, PartialEq, Serialize)]
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

const ENTRY_COLUMNS: &str = "e.id, e.member_id, m.name, e.date, e.rule_id, e.rule_name, e.category, e.quantity, e.requested, \
    e.points, e.note, e.meeting_id, e.entered_by, e.created_at, e.voided, e.void_reason, e.voided_by";

fn entry_from_row(r: &rusqlite::Row) -> rusqlite::Result<Entry> {
    Ok(Entry {
        id: r.get(0)?,
        member_id: r.get(1)?,
        member_name: r.get(2)?,
        date: r.get(3)?,
        rule_id: r.get(4)?,
        rule_name: r.get(5)?,
        category: r.get(6)?,
        quantity: from_tenths(r.get(7)?),
        requested: from_tenths(r.get(8)?),
        points: from_tenths(r.get(9)?),
        note: r.get(10)?,
        meeting_id: r.get(11)?,
        entered_by: r.get(12)?,
        created_at: r.get(13)?,
        voided: r.get(14)?,
        void_reason: r.get(15)?,
        voided_by: r.get(16)?,
    })
}

fn entry(conn: &Connection, id: i64) -> Result<Entry> {
    conn.query_row(&format!("SELECT {ENTRY_COLUMNS} FROM point_entry e JOIN member m ON m.id = e.member_id WHERE e.id = ?1"), [id], entry_from_row)
        .optional()?
        .ok_or(Error::NotFound { entity: "point_entry", id })
}

/// Keeps the monthly totals in step with the ledger, in the caller's transaction.
fn bump(tx: &Transaction, member_id: i64, date: &str, category: &str, delta: i64) -> Result<()> {
    let column = match category {
        "base" => "base",
        "bonus" => "bonus",
        _ => "deduction",
    };
    tx.prepare_cached(&format!(
        "INSERT INTO point_month (month, member_id, {column}) VALUES (?1, ?2, ?3)
         ON CONFLICT (month, member_id) DO UPDATE SET {column} = {column} + excluded.{column}"
    ))?
    .execute(params![&date[..7], member_id, delta])?;
    Ok(())
}

/// The points a new entry gets under the rule's monthly cap, given what the member already has this month.
fn capped(requested: i64, cap: Option<i64>, already: i64) -> i64 {
    match cap {
        None => requested,
        Some(c) if requested >= 0 => requested.min((c - already).max(0)),
        Some(c) => requested.max((-c - already).min(0)),
    }
}

struct NewEntry<'a> {
    member_id: i64,
    date: &'a str,
    rule: &'a Rule,
    /// Tenths (hours may be 1.5).
    quantity: i64,
    note: Option<&'a str>,
    meeting_id: Option<i64>,
}

/// Writes one entry with its cap applied; returns its id and (requested, points) in tenths.
fn insert(tx: &Transaction, actor: &str, e: &NewEntry) -> Result<(i64, i64, i64)> {
    let requested = to_tenths(e.rule.data.points) * e.quantity / 10;
    let cap = e.rule.data.monthly_cap.map(to_tenths);
    let already: i64 = if cap.is_some() {
        tx.prepare_cached(
            "SELECT coalesce(sum(points), 0) FROM point_entry
             WHERE member_id = ?1 AND rule_id = ?2 AND voided = 0 AND substr(date, 1, 7) = ?3",
        )?
        .query_row(params![e.member_id, e.rule.id, &e.date[..7]], |r| r.get(0))?
    } else {
        0
    };
    let points = capped(requested, cap, already);
    tx.prepare_cached(
        "INSERT INTO point_entry (member_id, date, rule_id, rule_name, category, quantity, requested, points, note, meeting_id,
            entered_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![e.member_id, e.date, e.rule.id, e.rule.data.name, e.rule.data.category, e.quantity, requested, points, e.note,
        e.meeting_id, actor, audit::now()])?;
    let id = tx.last_insert_rowid();
    bump(tx, e.member_id, e.date, &e.rule.data.category, points)?;
    Ok((id, requested, points))
}

/// One rule for one or many members at once (12 members, 志愿服务, 3 hours each).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct EntryInput {
    pub member_ids: Vec<i64>,
    pub date: String,
    pub rule_id: i64,
    /// Times, or hours (one decimal).
    pub quantity: f64,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
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
    let rule = match tx.query_row(&format!("SELECT {RULE_COLUMNS} FROM point_rule WHERE id = ?1"), [input.rule_id], rule_from_row).optional()? {
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
        let m: Option<(String, String)> =
            tx.query_row("SELECT name, status FROM member WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
        match m {
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
    let entries = ids.iter().map(|&id| entry(tx, id)).collect::<Result<Vec<_>>>()?;
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

fn void_in(tx: &Transaction, actor: &str, id: i64, reason: &str) -> Result<()> {
    let (member_id, date, category, points): (i64, String, String, i64) = tx.query_row(
        "SELECT member_id, date, category, points FROM point_entry WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    tx.execute(
        "UPDATE point_entry SET voided = 1, void_reason = ?1, voided_by = ?2, voided_at = ?3 WHERE id = ?4",
        params![reason, actor, audit::now(), id],
    )?;
    bump(tx, member_id, &date, &category, -points)
}

/// Brings the entries a meeting's attendance produces in step with it: one entry per member and linked rule for
/// a held meeting, none for a planned or cancelled one. Entries that no longer fit (attendance corrected, date
/// moved, meeting cancelled) are voided; missing ones are added; nothing is counted twice.
pub fn sync_meeting(tx: &Transaction, actor: &str, meeting_id: i64) -> Result<()> {
    let (kind, state, date, topic): (String, String, String, String) =
        tx.query_row("SELECT kind, state, date, topic FROM meeting WHERE id = ?1", [meeting_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
    // Retired rules make no new entries, but the ones they made stay while the attendance still matches them
    // (switching scheme retires the attendance rules; correcting an old meeting must not void its points).
    let linked: Vec<Rule> = rules(tx, true)?.into_iter().filter(|r| r.data.meeting_kinds.contains(&kind) && r.data.attendance.is_some()).collect();
    let mut want: Vec<(i64, &Rule)> = Vec::new();
    if state == "held" && !linked.is_empty() {
        let mut stmt = tx.prepare_cached(
            "SELECT a.member_id, a.status FROM attendance a JOIN member m ON m.id = a.member_id
             WHERE a.meeting_id = ?1 AND m.status = 'normal'",
        )?;
        let rows: Vec<(i64, String)> = stmt.query_map([meeting_id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        for (member, status) in rows {
            want.extend(linked.iter().filter(|r| r.data.attendance.as_deref() == Some(status.as_str())).map(|r| (member, r)));
        }
    }
    let have: Vec<(i64, i64, i64, String)> = tx
        .prepare_cached("SELECT id, member_id, rule_id, date FROM point_entry WHERE meeting_id = ?1 AND voided = 0")?
        .query_map([meeting_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let reason = if state == "cancelled" { "会议已取消" } else { "会议出席情况或日期已更正" };
    for (id, member, rule_id, d) in &have {
        if d != &date || !want.iter().any(|(m, r)| m == member && r.id == *rule_id) {
            void_in(tx, actor, *id, reason)?;
        }
    }
    let kind_name = codes::name_of(codes::MEETING_KIND, &kind).unwrap_or("会议");
    let note = format!("{kind_name}：{topic}");
    for (member, rule) in want.into_iter().filter(|(_, r)| r.active) {
        if !have.iter().any(|(_, m, r, d)| *m == member && *r == rule.id && d == &date) {
            insert(tx, actor, &NewEntry { member_id: member, date: &date, rule, quantity: 10, note: Some(&note), meeting_id: Some(meeting_id) })?;
        }
    }
    Ok(())
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
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
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ENTRY_COLUMNS} FROM point_entry e JOIN member m ON m.id = e.member_id
         WHERE (?1 IS NULL OR substr(e.date, 1, 7) = ?1) AND (?2 IS NULL OR e.member_id = ?2) AND (?3 OR e.voided = 0)
         ORDER BY e.date DESC, e.id DESC"
    ))?;
    let rows = stmt.query_map(params![month, q.member_id, q.include_voided], entry_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

// ---- monthly tables ----

/// 2026-10 (or 2026-10-05, 2026.10, 2026年10月) as (year, month).
pub fn parse_month(s: &str) -> Result<(i32, u32)> {
    let t = s.trim().trim_end_matches('月');
    let parts: Vec<&str> = t.split(['-', '.', '/', '年']).filter(|p| !p.is_empty()).collect();
    let ok = parts.len() >= 2 && parts[0].len() == 4;
    let y = parts.first().and_then(|p| p.parse::<i32>().ok());
    let m = parts.get(1).and_then(|p| p.parse::<u32>().ok());
    match (ok, y, m) {
        (true, Some(y), Some(m)) if (2000..=2100).contains(&y) && (1..=12).contains(&m) => Ok((y, m)),
        _ => Err(Error::invalid("month", "BAD_MONTH", format!("月份“{s}”不正确，请按 2026-10 的格式填写"))),
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct TableRequest {
    /// YYYY-MM.
    pub month: String,
    pub group_id: Option<i64>,
    /// A column per rule instead of per category.
    pub by_rule: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct TableColumn {
    pub key: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
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

#[derive(Debug, Clone, Serialize)]
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

#[derive(Default, Clone, Copy)]
struct Totals {
    base: i64,
    bonus: i64,
    deduction: i64,
    /// The year so far, per category (from the month the scheme counts from, when it started this year).
    year_base: i64,
    year_bonus: i64,
    year_deduction: i64,
}

/// The first month whose entries count in the score of year `y`: January, or the month the branch switched scheme.
fn year_start(s: &PointsSettings, y: i32) -> String {
    let jan = format!("{y:04}-01");
    match &s.counted_from {
        Some(from) if from.as_str() > jan.as_str() => from.clone(),
        _ => jan,
    }
}

/// The year-to-date score in tenths: 基础积分 + 基础项 + 扣减 + 奖励 up to the yearly cap (domain.md section 7).
fn score(s: &PointsSettings, base_entries: i64, bonus: i64, deduction: i64) -> i64 {
    let bonus = match s.bonus_cap {
        Some(cap) => bonus.min(to_tenths(cap)),
        None => bonus,
    };
    // 0–100 under the 百分制: deductions take the 基础积分 down to nothing, not below.
    (to_tenths(s.base) + base_entries + bonus + deduction).max(0)
}

/// Month and year-to-date totals of every member, from the monthly totals table.
fn totals(conn: &Connection, s: &PointsSettings, y: i32, m: u32) -> Result<HashMap<i64, Totals>> {
    let month = format!("{y:04}-{m:02}");
    let mut stmt = conn.prepare_cached(
        "SELECT member_id, sum(CASE WHEN month = ?1 THEN base ELSE 0 END), sum(CASE WHEN month = ?1 THEN bonus ELSE 0 END),
                sum(CASE WHEN month = ?1 THEN deduction ELSE 0 END),
                sum(CASE WHEN month >= ?3 THEN base ELSE 0 END), sum(CASE WHEN month >= ?3 THEN bonus ELSE 0 END),
                sum(CASE WHEN month >= ?3 THEN deduction ELSE 0 END)
         FROM point_month WHERE month BETWEEN ?2 AND ?1 GROUP BY member_id",
    )?;
    let rows = stmt.query_map(params![month, format!("{y:04}-01"), year_start(s, y)], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            Totals { base: r.get(1)?, bonus: r.get(2)?, deduction: r.get(3)?, year_base: r.get(4)?, year_bonus: r.get(5)?, year_deduction: r.get(6)? },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Members entered after `month` who were nevertheless in the branch then: they have points or a held meeting's
/// attendance from that month or earlier (the demo, a roster entered late with the year's meetings). A member
/// added this month has neither, so last month's table, its ranks and its 末位 do not include them.
/// Points of this year up to `month` are already in the month's totals; this adds earlier years and attendance.
fn present_before(conn: &Connection, y: i32, month: &str) -> Result<std::collections::HashSet<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT member_id FROM point_month WHERE month < ?1
         UNION SELECT a.member_id FROM meeting mt JOIN attendance a ON a.meeting_id = mt.id WHERE mt.state = 'held' AND mt.date <= ?2",
    )?;
    let rows = stmt.query_map(params![format!("{y:04}-01"), format!("{month}-31")], |r| r.get::<_, i64>(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The monthly table: every member in good standing (and anyone with points that month), columns per category
/// or per rule, 本月得分, 年度累计, 排名 and 等次.
pub fn month_table(conn: &Connection, req: &TableRequest) -> Result<MonthTable> {
    let (y, m) = parse_month(&req.month)?;
    let month = format!("{y:04}-{m:02}");
    let s: PointsSettings = crate::points::config::get(conn)?;
    let totals = totals(conn, &s, y, m)?;
    let groups: HashMap<i64, String> = org::groups(conn, true)?.into_iter().map(|g| (g.id, g.name)).collect();
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, group_id, category, status, substr(created_at, 1, 10) > ?1 FROM member ORDER BY stroke_key, id",
    )?;
    let members: Vec<(i64, String, Option<i64>, Option<String>, String, bool)> = stmt
        .query_map([format!("{month}-31")], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
        .collect::<rusqlite::Result<_>>()?;
    // Only the months a member was in the branch: one entered later counts from their first record.
    let earlier = if members.iter().any(|m| m.5) { Some(present_before(conn, y, &month)?) } else { None };
    let columns: Vec<TableColumn>;
    let per_rule: HashMap<(i64, i64), i64>;
    let rule_ids: Vec<i64>;
    if req.by_rule {
        let mut q = conn.prepare_cached(
            "SELECT member_id, rule_id, sum(points) FROM point_entry WHERE voided = 0 AND date BETWEEN ?1 AND ?2 GROUP BY member_id, rule_id",
        )?;
        per_rule = q
            .query_map(params![format!("{month}-01"), format!("{month}-31")], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let used: std::collections::HashSet<i64> = per_rule.keys().map(|k| k.1).collect();
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
    for (id, name, group_id, category, status, later) in members {
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

// ---- 约谈提醒 ----

#[derive(Debug, Clone, Serialize)]
pub struct Talk {
    pub id: i64,
    pub member_id: i64,
    pub alert_month: String,
    pub date: String,
    pub talked_by: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Alert {
    pub member_id: i64,
    pub name: String,
    pub group_name: String,
    /// bottom: 末位 three months running; below: under the 合格 line three months running; probationary: a 预备党员
    /// under the line this month, for the 转正 review.
    pub kind: &'static str,
    pub reason: String,
    /// (month, 年度累计) for the three months, oldest first.
    pub scores: Vec<(String, f64)>,
    pub talk: Option<Talk>,
}

/// The most members that can share the last place and still each be 末位.
pub const BOTTOM_TIE_MAX: usize = 3;

fn month_before(y: i32, m: u32, back: u32) -> (i32, u32) {
    let d = NaiveDate::from_ymd_opt(y, m, 1).and_then(|d| d.checked_sub_months(Months::new(back))).unwrap_or_default();
    (d.year(), d.month())
}

/// Who needs a talk for `month`: the table's bottom three months running, anyone under the 合格 line three months
/// running, and 预备党员 under the line this month. A talk recorded for the month clears the member's alert.
pub fn alerts(conn: &Connection, month: &str) -> Result<Vec<Alert>> {
    let (y, m) = parse_month(month)?;
    let pass = crate::points::config::get(conn)?.pass;
    let tables: Vec<MonthTable> = (0..3)
        .rev()
        .map(|back| {
            let (yy, mm) = month_before(y, m, back);
            month_table(conn, &TableRequest { month: format!("{yy:04}-{mm:02}"), ..Default::default() })
        })
        .collect::<Result<_>>()?;
    // Per month: each member's (rank, score), the last rank, how many share it and the best score, so each lookup
    // is O(1).
    struct Month<'a> {
        by_member: HashMap<i64, &'a MonthRow>,
        worst: u32,
        at_worst: usize,
        best: f64,
    }
    let months: Vec<Month> = tables
        .iter()
        .map(|t| {
            let worst = t.rows.iter().map(|r| r.rank).max().unwrap_or(0);
            Month {
                by_member: t.rows.iter().map(|r| (r.member_id, r)).collect(),
                worst,
                at_worst: t.rows.iter().filter(|r| r.rank == worst).count(),
                best: t.rows.iter().map(|r| r.year_total).fold(f64::MIN, f64::max),
            }
        })
        .collect();
    // 末位: the last rank, not tied with the best (a branch where everyone is equal has no bottom), and not a tie
    // shared by many (twenty members with the same score are not twenty alerts; the 合格 line still catches them).
    let bottom = |m: &Month, id: i64| {
        m.at_worst <= BOTTOM_TIE_MAX && m.by_member.get(&id).is_some_and(|r| r.rank == m.worst && r.year_total < m.best)
    };
    let this = &tables[2];
    let mut out = Vec::new();
    let month = this.month.clone();
    let mut talk_stmt = conn.prepare_cached(
        "SELECT id, member_id, alert_month, date, talked_by, note FROM point_talk WHERE member_id = ?1 AND alert_month = ?2 ORDER BY id DESC LIMIT 1",
    )?;
    for r in &this.rows {
        let scores: Vec<(String, f64)> =
            tables.iter().zip(&months).filter_map(|(t, m)| m.by_member.get(&r.member_id).map(|row| (t.month.clone(), row.year_total))).collect();
        let three = scores.len() == 3;
        let last = three && months.iter().all(|m| bottom(m, r.member_id));
        let below = three && scores.iter().all(|s| s.1 < pass);
        // Both at once is said at once: the 合格 line is the weightier reason for the talk.
        let (kind, reason) = if last && below {
            ("below", format!("连续三个月积分排名末位，且年度累计低于{}分", show(to_tenths(pass))))
        } else if last {
            ("bottom", "连续三个月积分排名末位".to_string())
        } else if below {
            ("below", format!("连续三个月年度累计积分低于{}分", show(to_tenths(pass))))
        } else if r.probationary && r.year_total < pass {
            ("probationary", format!("预备党员积分低于{}分，转正考察时请重点了解", show(to_tenths(pass))))
        } else {
            continue;
        };
        let talk = talk_stmt
            .query_row(params![r.member_id, month], |t| {
                Ok(Talk { id: t.get(0)?, member_id: t.get(1)?, alert_month: t.get(2)?, date: t.get(3)?, talked_by: t.get(4)?, note: t.get(5)? })
            })
            .optional()?;
        out.push(Alert { member_id: r.member_id, name: r.name.clone(), group_name: r.group_name.clone(), kind, reason, scores, talk });
    }
    Ok(out)
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct TalkInput {
    pub member_id: i64,
    /// The month whose alert the talk answers, YYYY-MM.
    pub alert_month: String,
    pub date: String,
    pub talked_by: String,
    pub note: Option<String>,
}

pub fn record_talk(conn: &mut Connection, actor: &str, input: &TalkInput) -> Result<Talk> {
    let (y, m) = parse_month(&input.alert_month)?;
    let mut errs = Vec::new();
    let date = dates::parse_flexible(&input.date);
    match date {
        None => errs.push(FieldError::new("date", "BAD_DATE", "请填写约谈日期，例如 2026-11-20")),
        Some(d) if d > dates::today() => errs.push(FieldError::new("date", "FUTURE_DATE", "约谈日期不能晚于今天")),
        _ => {}
    }
    let by = input.talked_by.trim();
    if by.is_empty() {
        errs.push(FieldError::new("talked_by", "REQUIRED", "请填写约谈人，例如“张建国（书记）”"));
    }
    if !errs.is_empty() {
        return Err(Error::Invalid(errs));
    }
    let tx = conn.transaction()?;
    crate::members::member::get_record(&tx, input.member_id)?;
    let note = input.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    let month = format!("{y:04}-{m:02}");
    let day = dates::iso(date.unwrap_or_default());
    tx.execute(
        "INSERT INTO point_talk (member_id, alert_month, date, talked_by, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![input.member_id, month, day, by, note, audit::now()],
    )?;
    let talk = Talk { id: tx.last_insert_rowid(), member_id: input.member_id, alert_month: month, date: day, talked_by: by.to_string(), note: note.map(str::to_string) };
    audit::record(&tx, actor, "create", "point_talk", Some(talk.id), None::<&()>, Some(&talk))?;
    tx.commit()?;
    Ok(talk)
}

// ---- a member's year ----

#[derive(Debug, Clone, Serialize)]
pub struct MemberMonth {
    pub month: String,
    pub base: f64,
    pub bonus: f64,
    pub deduction: f64,
    pub total: f64,
    pub year_total: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct MemberHistory {
    pub year: i32,
    pub base: f64,
    /// January to December (to this month in the current year).
    pub months: Vec<MemberMonth>,
    pub entries: Vec<Entry>,
}

pub fn member_history(conn: &Connection, member_id: i64, year: i32, today: NaiveDate) -> Result<MemberHistory> {
    crate::members::member::get_record(conn, member_id)?;
    let s = crate::points::config::get(conn)?;
    let base = to_tenths(s.base);
    let start = year_start(&s, year);
    let last = if year == today.year() { today.month() } else { 12 };
    let mut stmt = conn.prepare_cached("SELECT base, bonus, deduction FROM point_month WHERE member_id = ?1 AND month = ?2")?;
    let (mut yb, mut ybo, mut yd) = (0, 0, 0);
    let mut months = Vec::new();
    for m in 1..=last {
        let month = format!("{year:04}-{m:02}");
        let (b, bo, d): (i64, i64, i64) = stmt.query_row(params![member_id, month], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional()?.unwrap_or((0, 0, 0));
        if month >= start {
            (yb, ybo, yd) = (yb + b, ybo + bo, yd + d);
        }
        let year_total = from_tenths(score(&s, yb, ybo, yd));
        months.push(MemberMonth { month, base: from_tenths(b), bonus: from_tenths(bo), deduction: from_tenths(d), total: from_tenths(b + bo + d), year_total });
    }
    let entries = conn
        .prepare_cached(&format!(
            "SELECT {ENTRY_COLUMNS} FROM point_entry e JOIN member m ON m.id = e.member_id
             WHERE e.member_id = ?1 AND substr(e.date, 1, 4) = ?2 ORDER BY e.date DESC, e.id DESC"
        ))?
        .query_map(params![member_id, format!("{year:04}")], entry_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(MemberHistory { year, base: from_tenths(base), months, entries })
}

// ---- printing and the township's spreadsheets ----

/// The columns every branch file has, month after month, so the township can merge them.
fn print_columns() -> Vec<Column> {
    vec![
        Column::new("seq", "序号", true),
        Column::new("name", "姓名", false),
        Column::new("group", "党小组", false),
        Column::new("base", "基础项", true),
        Column::new("bonus", "奖励", true),
        Column::new("deduction", "扣减", true),
        Column::new("month_total", "本月得分", true).formula("=SUM(D{r}:F{r})"),
        Column::new("year_total", "年度累计", true),
        Column::new("rank", "排名", true).formula("=RANK(H{r},$H${first}:$H${last})"),
        Column::new("tier", "等次", false).centered(),
        Column::new("remarks", "备注", false),
    ]
}

fn print_rows(t: &MonthTable) -> Vec<Vec<String>> {
    t.rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut cells = vec![(i + 1).to_string(), r.name.clone(), r.group_name.clone()];
            cells.extend(r.cells.iter().map(|c| show(to_tenths(*c))));
            cells.extend([show(to_tenths(r.month_total)), show(to_tenths(r.year_total)), r.rank.to_string(), r.tier.to_string()]);
            cells.push(if r.probationary { "预备党员".into() } else { String::new() });
            cells
        })
        .collect()
}

/// How 年度累计 is made, in the words the screen and the printout both use.
pub fn formula_line(t: &MonthTable) -> String {
    let cap = t.bonus_cap.map(|c| format!("（奖励全年最多计 {} 分）", show(to_tenths(c)))).unwrap_or_default();
    format!("基础积分 {} 分　　年度累计 = 基础积分 + 1月至本月各项得分{cap}　　排名按年度累计，同分同名次", show(to_tenths(t.base)))
}

/// The month's table as the township receives it (categories as columns, formulas for 本月得分 and 排名).
pub fn month_print_table(conn: &Connection, month: &str, group_id: Option<i64>) -> Result<PrintTable> {
    let t = month_table(conn, &TableRequest { month: month.into(), group_id, by_rule: false })?;
    let (y, m) = parse_month(month)?;
    let mut columns = print_columns();
    // A group's own sheet ranks within the branch, so Excel must not re-rank the subset.
    if group_id.is_some() {
        columns[8].formula = None;
    }
    Ok(PrintTable {
        title: format!("{}{y}年{m}月党员积分表", org::get(conn)?.name),
        subtitle: vec![formula_line(&t), format!("共 {} 人", t.rows.len())],
        total: t.rows.len(),
        groups: vec![TableGroup { name: None, rows: print_rows(&t) }],
        columns,
        landscape: true,
        masked: false,
        notes: Vec::new(),
    })
}

/// 公示: the month's table for the 党务公开栏, with the 公示期 and the objection line; no ID numbers, no phones.
pub fn notice_table(conn: &Connection, month: &str, from: &str, to: &str) -> Result<PrintTable> {
    let (y, m) = parse_month(month)?;
    let parse = |field: &str, s: &str| dates::parse_flexible(s).ok_or_else(|| Error::invalid(field, "BAD_DATE", "公示期请按 2026-11-01 的格式填写"));
    let (f, t) = (parse("notice_from", from)?, parse("notice_to", to)?);
    if t < f {
        return Err(Error::invalid("notice_to", "DATE_ORDER", "公示结束日期不能早于开始日期"));
    }
    let mut table = month_print_table(conn, month, None)?;
    let org = org::get(conn)?;
    table.title = format!("{}{y}年{m}月党员积分公示", org.name);
    table.subtitle = vec![format!("公示期：{} 至 {}", dates::iso(f), dates::iso(t))];
    table.notes = vec![
        format!("公示期内如有异议，请向支部反映（联系人：{}）。", org.secretary),
        format!("{}　{}", org.name, dates::iso(f)),
    ];
    Ok(table)
}

/// The file title of the month's table (`month` given) or of the year workbook.
pub fn file_title(conn: &Connection, month: Option<&str>, year: Option<i32>) -> Result<String> {
    let org = org::get(conn)?;
    match (month, year) {
        (Some(m), _) => {
            let (y, mm) = parse_month(m)?;
            Ok(format!("{}{y}年{mm}月党员积分表", org.name))
        }
        (None, Some(y)) => Ok(format!("{}{y}年党员积分（全年）", org.name)),
        (None, None) => Err(Error::invalid("month", "REQUIRED", "请选择要导出的月份或年份")),
    }
}

/// The month's table as .xlsx.
pub fn write_month(conn: &Connection, path: &std::path::Path, month: &str) -> Result<()> {
    crate::store::xlsx::write_table(path, &month_print_table(conn, month, None)?)
}

/// A year workbook: one sheet per month (to this month in the current year) and a summary sheet.
pub fn write_year(conn: &Connection, path: &std::path::Path, year: i32, today: NaiveDate) -> Result<()> {
    if !(2000..=2100).contains(&year) {
        return Err(Error::invalid("year", "BAD_PERIOD", "请选择正确的年份"));
    }
    let last = if year == today.year() { today.month() } else { 12 };
    let org = org::get(conn)?;
    let mut wb = rust_xlsxwriter::Workbook::new();
    let mut by_member: HashMap<i64, Vec<f64>> = HashMap::new();
    // Each member's 年度累计 at the last month they are listed: the capped 奖励 makes it more than a sum.
    let mut year_totals: HashMap<i64, i64> = HashMap::new();
    let mut order: Vec<(i64, String, String)> = Vec::new();
    for m in 1..=last {
        let month = format!("{year:04}-{m:02}");
        let t = month_table(conn, &TableRequest { month: month.clone(), ..Default::default() })?;
        for r in &t.rows {
            if !by_member.contains_key(&r.member_id) {
                order.push((r.member_id, r.name.clone(), r.group_name.clone()));
            }
            by_member.entry(r.member_id).or_insert_with(|| vec![0.0; last as usize])[m as usize - 1] = r.month_total;
            year_totals.insert(r.member_id, to_tenths(r.year_total));
        }
        let table = month_print_table(conn, &month, None)?;
        crate::store::xlsx::fill_sheet(wb.add_worksheet(), &table, &format!("{m}月"))?;
    }
    let base = crate::points::config::get(conn)?.base;
    let mut columns = vec![Column::new("seq", "序号", true), Column::new("name", "姓名", false), Column::new("group", "党小组", false)];
    for m in 1..=last {
        columns.push(Column::new(&format!("m{m}"), &format!("{m}月"), true));
    }
    // Column letters after the months: 全年得分 sums them, 年度累计 adds the base, 排名 ranks it.
    let col = |i: usize| rust_xlsxwriter::utility::column_number_to_name(i as u16);
    let (first_m, last_m) = (col(3), col(2 + last as usize));
    let total_col = col(3 + last as usize);
    let year_col = col(4 + last as usize);
    columns.push(Column::new("year_sum", "全年得分", true).formula(&format!("=SUM({first_m}{{r}}:{last_m}{{r}})")));
    let s = crate::points::config::get(conn)?;
    let mut year_column = Column::new("year_total", "年度累计", true);
    // Only a plain sum can stay a formula; with the 奖励 cap or a scheme switched this year it is the computed value.
    if s.bonus_cap.is_none() && year_start(&s, year) == format!("{year:04}-01") {
        year_column = year_column.formula(&format!("={}+{total_col}{{r}}", show(to_tenths(base))));
    }
    columns.push(year_column);
    columns.push(Column::new("rank", "排名", true).formula(&format!("=RANK({year_col}{{r}},${year_col}${{first}}:${year_col}${{last}})")));
    columns.push(Column::new("tier", "等次", false).centered());
    let totals: Vec<i64> = order.iter().map(|(id, ..)| year_totals[id]).collect();
    let mut sorted = totals.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let rows: Vec<Vec<String>> = order
        .iter()
        .zip(&totals)
        .enumerate()
        .map(|(i, ((id, name, group), total))| {
            let months = &by_member[id];
            let mut row = vec![(i + 1).to_string(), name.clone(), group.clone()];
            row.extend(months.iter().map(|v| show(to_tenths(*v))));
            row.push(show(months.iter().map(|v| to_tenths(*v)).sum()));
            row.push(show(*total));
            row.push((sorted.partition_point(|s| s > total) + 1).to_string());
            row.push(s.tier(from_tenths(*total)).to_string());
            row
        })
        .collect();
    let summary = PrintTable {
        title: format!("{}{year}年党员积分汇总表", org.name),
        subtitle: vec![format!("基础积分 {} 分　　统计至 {year}年{last}月", show(to_tenths(base))), format!("共 {} 人", rows.len())],
        total: rows.len(),
        columns,
        groups: vec![TableGroup { name: None, rows }],
        landscape: true,
        masked: false,
        notes: Vec::new(),
    };
    let ws = wb.add_worksheet();
    crate::store::xlsx::fill_sheet(ws, &summary, "全年汇总")?;
    // The summary is what the township opens first.
    ws.set_active(true);
    wb.save(path)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meetings::meeting::{self, AttendanceInput, MeetingInput};

    fn setup() -> (Connection, Vec<i64>) {
        let (conn, ids, _) = crate::meetings::meeting::tests::branch();
        // In the branch since January, whatever day the test runs.
        conn.execute("UPDATE member SET created_at = '2026-01-01T00:00:00'", []).unwrap();
        (conn, ids)
    }

    /// A branch set up before the 百分制 existed: base 100, attendance earns +2.
    fn legacy() -> (Connection, Vec<i64>) {
        let (conn, ids) = setup();
        conn.execute("UPDATE setting SET value = '{\"base\":100.0,\"excellent\":90.0,\"good\":80.0,\"pass\":60.0}' WHERE key = 'points'", []).unwrap();
        conn.execute(
            "INSERT OR IGNORE INTO setting (key, value) VALUES ('points', '{\"base\":100.0,\"excellent\":90.0,\"good\":80.0,\"pass\":60.0}')",
            [],
        )
        .unwrap();
        conn.execute_batch(
            "INSERT INTO point_rule (name, category, points, unit, monthly_cap, meeting_kinds, attendance, sort_order, created_at, updated_at) VALUES
             ('参加三会一课', 'base', 20, 'time', NULL, '[\"branch_assembly\",\"committee\",\"group\",\"lecture\"]', 'present', 0, '2026-01-01', '2026-01-01'),
             ('参加主题党日', 'base', 20, 'time', NULL, '[\"theme_day\"]', 'present', 0, '2026-01-01', '2026-01-01');",
        )
        .unwrap();
        (conn, ids)
    }

    fn rule_id(conn: &Connection, name: &str) -> i64 {
        rules(conn, true).unwrap().into_iter().find(|r| r.data.name == name).unwrap().id
    }

    fn add_for(conn: &mut Connection, ids: &[i64], rule: &str, date: &str, qty: f64, note: Option<&str>) -> Result<AddResult> {
        let tx = conn.transaction().unwrap();
        let r = add_in(&tx, "书记", &EntryInput { member_ids: ids.to_vec(), date: date.into(), rule_id: rule_id(&tx, rule), quantity: qty, note: note.map(Into::into) }, NaiveDate::from_ymd_opt(2027, 12, 31).unwrap());
        if r.is_ok() {
            tx.commit().unwrap();
        }
        r
    }

    fn year_total(conn: &Connection, month: &str, id: i64) -> f64 {
        month_table(conn, &TableRequest { month: month.into(), ..Default::default() }).unwrap().rows.iter().find(|r| r.member_id == id).unwrap().year_total
    }

    #[test]
    fn default_scheme_is_ready() {
        let (conn, _) = setup();
        let r = rules(&conn, false).unwrap();
        assert_eq!(r.len(), 7);
        let v = r.iter().find(|r| r.data.name == "志愿服务").unwrap();
        assert_eq!((v.data.points, v.data.unit.as_str(), v.data.monthly_cap), (1.0, "hour", Some(10.0)));
        assert_eq!(r.iter().find(|r| r.data.name == "迟到早退").unwrap().data.points, -0.5);
        assert_eq!(r.iter().find(|r| r.data.name == "党课主讲/先进事迹").unwrap().data.points, 5.0);
        assert_eq!(r[0].data.name, "无故缺席组织生活");
        assert_eq!(r[0].data.meeting_kinds, ["branch_assembly", "committee", "group", "lecture", "theme_day"]);
    }

    #[test]
    fn batch_entry_with_monthly_cap() {
        let (mut conn, ids) = setup();
        // 12 hours of 志愿服务 in October: capped at 10 per month; another 3 in November count in full.
        let r = add_for(&mut conn, &ids[..3], "志愿服务", "2026-10-05", 3.0, Some("村道清扫")).unwrap();
        assert_eq!(r.entries.len(), 3);
        assert!(r.capped.is_empty());
        add_for(&mut conn, &ids[..1], "志愿服务", "2026-10-12", 6.0, Some("防汛值守")).unwrap();
        let r = add_for(&mut conn, &ids[..1], "志愿服务", "2026-10-20", 3.0, Some("敬老院")).unwrap();
        assert_eq!((r.entries[0].requested, r.entries[0].points), (3.0, 1.0));
        // The summary says what was recorded, the same number as the cap line (not the 3 requested).
        assert_eq!(r.summary, "已为 1 人记分：志愿服务 1 分");
        assert!(r.capped[0].contains("本次记 1 分"), "{}", r.capped[0]);
        assert_eq!(r.capped.len(), 1);
        assert!(r.capped[0].contains("本月已达上限"), "{}", r.capped[0]);
        let r = add_for(&mut conn, &ids[..1], "志愿服务", "2026-10-25", 1.5, Some("再次")).unwrap();
        assert_eq!(r.entries[0].points, 0.0, "recorded, but the cap is reached");
        add_for(&mut conn, &ids[..1], "志愿服务", "2026-11-02", 3.0, Some("十一月")).unwrap();
        let t = month_table(&conn, &TableRequest { month: "2026-10".into(), ..Default::default() }).unwrap();
        let me = t.rows.iter().find(|r| r.member_id == ids[0]).unwrap();
        assert_eq!((me.cells[1], me.month_total, me.year_total), (10.0, 10.0, 70.0));
        assert_eq!(year_total(&conn, "2026-11", ids[0]), 73.0);
        // A bonus needs a reason; a batch with one bad member saves nobody.
        let Error::Invalid(f) = add_for(&mut conn, &ids[..2], "志愿服务", "2026-10-05", 1.0, None).unwrap_err() else { panic!() };
        assert_eq!(f[0].field, "note");
        conn.execute("UPDATE member SET status = 'transferred' WHERE id = ?1", [ids[7]]).unwrap();
        let before = entries(&conn, &EntryQuery::default()).unwrap().len();
        let err = add_for(&mut conn, &[ids[6], ids[7]], "结对帮扶", "2026-10-05", 1.0, Some("帮扶")).unwrap_err();
        assert_eq!(err.code(), "NOT_ACTIVE");
        assert_eq!(entries(&conn, &EntryQuery::default()).unwrap().len(), before);
        let err = add_for(&mut conn, &ids[..1], "迟到早退", "2026-10-05", 1.5, None).unwrap_err();
        assert_eq!(err.code(), "WHOLE_TIMES");
    }

    #[test]
    fn voiding_keeps_the_entry_and_drops_its_points() {
        let (mut conn, ids) = setup();
        let r = add_for(&mut conn, &ids[..1], "违反村规民约", "2026-10-05", 1.0, None).unwrap();
        assert_eq!(year_total(&conn, "2026-10", ids[0]), 55.0);
        assert_eq!(void(&mut conn, "书记", r.entries[0].id, " ").unwrap_err().code(), "REQUIRED");
        let v = void(&mut conn, "书记", r.entries[0].id, "录入错误").unwrap();
        assert!(v.voided);
        assert_eq!(year_total(&conn, "2026-10", ids[0]), 60.0);
        assert_eq!(void(&mut conn, "书记", r.entries[0].id, "再次").unwrap_err().code(), "ALREADY_VOIDED");
        let all = entries(&conn, &EntryQuery { include_voided: true, ..Default::default() }).unwrap();
        assert_eq!(all.len(), 1, "never deleted");
        assert!(entries(&conn, &EntryQuery::default()).unwrap().is_empty());
        // The monthly totals always equal the ledger.
        let (a, b): (i64, i64) = conn.query_row("SELECT (SELECT coalesce(sum(points),0) FROM point_entry WHERE voided = 0), (SELECT coalesce(sum(base+bonus+deduction),0) FROM point_month)", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn editing_a_rule_leaves_recorded_points_alone() {
        let (mut conn, ids) = setup();
        add_for(&mut conn, &ids[..1], "结对帮扶", "2026-10-05", 1.0, Some("帮扶")).unwrap();
        let id = rule_id(&conn, "结对帮扶");
        let input = RuleData { name: "结对帮扶（新）".into(), category: "bonus".into(), points: 5.0, unit: "time".into(), ..Default::default() };
        update_rule(&mut conn, "书记", id, &input).unwrap();
        let e = &entries(&conn, &EntryQuery::default()).unwrap()[0];
        assert_eq!((e.points, e.rule_name.as_str()), (2.0, "结对帮扶"));
        set_rule_active(&mut conn, "书记", id, false).unwrap();
        assert_eq!(add_for(&mut conn, &ids[..1], "结对帮扶（新）", "2026-10-06", 1.0, Some("x")).unwrap_err().code(), "RETIRED");
        let bad = RuleData { name: "迟到".into(), category: "deduction".into(), points: 1.0, unit: "time".into(), ..Default::default() };
        assert_eq!(create_rule(&mut conn, "书记", &bad).unwrap_err().code(), "SIGN");
        let linked = RuleData { name: "党课出席".into(), category: "base".into(), points: 1.0, unit: "time".into(), meeting_kinds: vec!["lecture".into()], ..Default::default() };
        let Error::Invalid(f) = create_rule(&mut conn, "书记", &linked).unwrap_err() else { panic!() };
        assert_eq!(f[0].field, "attendance");
    }

    #[test]
    fn attendance_entries_follow_corrections_without_double_counting() {
        // A legacy branch, where attending earns +2 (under the 百分制 only absence makes entries).
        let (mut conn, ids) = legacy();
        let mut list: Vec<AttendanceInput> = ids.iter().map(|&member_id| AttendanceInput { member_id, status: "present".into(), ..Default::default() }).collect();
        list[1].status = "absent".into();
        let mut input = MeetingInput::new("theme_day", "held", "2026-10-10", "学习").with_attendees(list.clone());
        let d = meeting::create(&mut conn, "书记", &input).unwrap();
        assert_eq!(year_total(&conn, "2026-10", ids[0]), 102.0);
        assert_eq!(year_total(&conn, "2026-10", ids[1]), 98.0, "无故缺席 −2");
        // Saving the same attendance again changes nothing.
        meeting::update(&mut conn, "书记", d.meeting.id, &input).unwrap();
        assert_eq!(year_total(&conn, "2026-10", ids[0]), 102.0);
        assert_eq!(entries(&conn, &EntryQuery::default()).unwrap().len(), 8);
        // Correct the absence to a leave: the −2 is voided, no +2 (leave earns nothing).
        list[1].status = "leave".into();
        list[1].reason = Some("生病".into());
        input.attendees = Some(list.clone());
        meeting::update(&mut conn, "书记", d.meeting.id, &input).unwrap();
        assert_eq!(year_total(&conn, "2026-10", ids[1]), 100.0);
        // Then to present: +2.
        list[1].status = "present".into();
        input.attendees = Some(list);
        meeting::update(&mut conn, "书记", d.meeting.id, &input).unwrap();
        assert_eq!(year_total(&conn, "2026-10", ids[1]), 102.0);
        // Moved into November: October loses it, November has it once.
        input.data.date = "2026-11-02".into();
        meeting::update(&mut conn, "书记", d.meeting.id, &input).unwrap();
        assert_eq!(year_total(&conn, "2026-10", ids[0]), 100.0);
        assert_eq!(year_total(&conn, "2026-11", ids[0]), 102.0);
        assert_eq!(entries(&conn, &EntryQuery::default()).unwrap().len(), 8);
        // A planned meeting earns nothing; cancelling one that was planned leaves nothing behind.
        let p = meeting::create(&mut conn, "书记", &MeetingInput::new("committee", "planned", "2026-11-20", "x")).unwrap();
        meeting::cancel(&mut conn, "书记", p.meeting.id, "改期").unwrap();
        assert_eq!(entries(&conn, &EntryQuery::default()).unwrap().len(), 8);
    }

    #[test]
    fn ranks_share_ties_and_the_year_boundary_resets() {
        let (mut conn, ids) = setup();
        add_for(&mut conn, &ids[..2], "结对帮扶", "2026-12-05", 1.0, Some("帮扶")).unwrap();
        add_for(&mut conn, &ids[2..3], "违反村规民约", "2026-12-06", 1.0, None).unwrap();
        let t = month_table(&conn, &TableRequest { month: "2026-12".into(), ..Default::default() }).unwrap();
        let rank = |id: i64| t.rows.iter().find(|r| r.member_id == id).unwrap().rank;
        assert_eq!((rank(ids[0]), rank(ids[1]), rank(ids[3]), rank(ids[2])), (1, 1, 3, 8));
        assert_eq!(t.rows.len(), 8, "members without entries are listed too");
        // January starts again from the base.
        add_for(&mut conn, &ids[..1], "结对帮扶", "2027-01-05", 1.0, Some("帮扶")).unwrap();
        assert_eq!(year_total(&conn, "2027-01", ids[0]), 62.0);
        assert_eq!(year_total(&conn, "2027-01", ids[2]), 60.0);
        assert_eq!(year_total(&conn, "2026-12", ids[0]), 62.0);
        // By rule: a column per rule in use.
        let t = month_table(&conn, &TableRequest { month: "2026-12".into(), by_rule: true, ..Default::default() }).unwrap();
        let i = t.columns.iter().position(|c| c.label == "违反村规民约").unwrap();
        assert_eq!(t.rows.iter().find(|r| r.member_id == ids[2]).unwrap().cells[i], -5.0);
        assert_eq!(parse_month("2026年13月").unwrap_err().code(), "BAD_MONTH");
    }

    #[test]
    fn three_months_at_the_bottom_raise_an_alert_until_a_talk() {
        let (mut conn, ids) = setup();
        for m in ["2026-08", "2026-09", "2026-10"] {
            add_for(&mut conn, &ids[..7], "结对帮扶", &format!("{m}-05"), 1.0, Some("帮扶")).unwrap();
        }
        // Two months at the bottom is not yet three.
        let a = alerts(&conn, "2026-09").unwrap();
        assert!(a.iter().all(|a| a.kind != "bottom"), "{a:?}");
        let a = alerts(&conn, "2026-10").unwrap();
        let bottom: Vec<&Alert> = a.iter().filter(|a| a.kind == "bottom").collect();
        assert_eq!(bottom.len(), 1);
        assert_eq!(bottom[0].member_id, ids[7]);
        assert_eq!(bottom[0].scores.iter().map(|s| s.1).collect::<Vec<_>>(), [60.0, 60.0, 60.0]);
        assert!(bottom[0].talk.is_none());
        record_talk(&mut conn, "书记", &TalkInput { member_id: ids[7], alert_month: "2026-10".into(), date: "2026-11-03".into(), talked_by: "张建国".into(), note: Some("谈心".into()) }).unwrap();
        assert!(alerts(&conn, "2026-10").unwrap().iter().find(|a| a.member_id == ids[7]).unwrap().talk.is_some());
        // A 预备党员 under the 合格 line is flagged for the 转正 review: 60 + 3 × 2 − 10 × 5 = 16.
        for _ in 0..10 {
            add_for(&mut conn, &ids[1..2], "违反村规民约", "2026-10-06", 1.0, None).unwrap();
        }
        let a = alerts(&conn, "2026-10").unwrap();
        assert!(a.iter().any(|a| a.member_id == ids[1] && a.kind == "probationary"), "{a:?}");
    }

    #[test]
    fn at_the_bottom_and_under_the_line_the_alert_says_both() {
        let (mut conn, ids) = setup();
        for m in ["2026-08", "2026-09", "2026-10"] {
            add_for(&mut conn, &ids[..7], "结对帮扶", &format!("{m}-05"), 1.0, Some("帮扶")).unwrap();
            add_for(&mut conn, &ids[7..8], "违反村规民约", &format!("{m}-06"), 1.0, None).unwrap();
        }
        let a = alerts(&conn, "2026-10").unwrap();
        let mine = a.iter().find(|a| a.member_id == ids[7]).unwrap();
        assert_eq!(mine.scores.iter().map(|s| s.1).collect::<Vec<_>>(), [55.0, 50.0, 45.0]);
        assert_eq!(mine.kind, "below");
        assert_eq!(mine.reason, "连续三个月积分排名末位，且年度累计低于60分");
    }

    #[test]
    fn notice_and_township_files() {
        let (mut conn, ids) = setup();
        add_for(&mut conn, &ids[..3], "志愿服务", "2026-10-05", 3.0, Some("村道清扫")).unwrap();
        add_for(&mut conn, &ids[3..4], "迟到早退", "2026-10-06", 1.0, None).unwrap();
        let n = notice_table(&conn, "2026-10", "2026-11-01", "2026-11-07").unwrap();
        assert_eq!(n.title, "东风村党支部2026年10月党员积分公示");
        assert_eq!(file_title(&conn, Some("2026-10"), None).unwrap(), "东风村党支部2026年10月党员积分表");
        assert_eq!(file_title(&conn, None, Some(2026)).unwrap(), "东风村党支部2026年党员积分（全年）");
        assert_eq!(file_title(&conn, None, None).unwrap_err().code(), "REQUIRED");
        assert!(n.notes[0].contains("如有异议"));
        assert!(n.columns.iter().all(|c| c.key != "id_number" && c.key != "phone"));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.xlsx");
        write_month(&conn, &path, "2026-10").unwrap();
        let sheet = crate::members::import::read(&path).unwrap();
        let h = sheet.rows.iter().position(|r| r.first().is_some_and(|c| c.display() == "序号")).unwrap();
        let header: Vec<String> = sheet.rows[h].iter().map(|c| c.display()).collect();
        assert_eq!(header, ["序号", "姓名", "党小组", "基础项", "奖励", "扣减", "本月得分", "年度累计", "排名", "等次", "备注"]);
        let name0 = crate::members::member::get_record(&conn, ids[0]).unwrap().data.name;
        let row = sheet.rows.iter().find(|r| r.get(1).is_some_and(|c| c.display() == name0)).unwrap();
        // Formula cells carry their cached results, so a reader without a calculator still sees the numbers.
        assert_eq!(row[6].display(), "3");
        assert_eq!(row[7].display(), "63");
        assert_eq!(row[8].display(), "1");
        let year = dir.path().join("y.xlsx");
        write_year(&conn, &year, 2026, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()).unwrap();
        use calamine::Reader;
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&year).unwrap();
        let names = wb.sheet_names();
        assert_eq!(names.len(), 12, "January to November, and the summary");
        assert_eq!(names.last().unwrap(), "全年汇总");
        let summary = wb.worksheet_range("全年汇总").unwrap();
        let r = summary.rows().find(|r| r.get(1).is_some_and(|c| c.to_string() == name0)).unwrap();
        assert_eq!(r[3 + 9].to_string(), "3", "October");
        assert_eq!(r[3 + 11].to_string(), "3", "the year's sum");
        assert_eq!(r[3 + 12].to_string(), "63");
        let formulas = wb.worksheet_formula("全年汇总").unwrap();
        assert!(formulas.rows().flatten().any(|f| f.starts_with("SUM(") || f.starts_with("=SUM(")), "formulas are kept");
    }

    #[test]
    fn a_batch_cut_by_the_cap_says_what_each_got() {
        let (mut conn, ids) = setup();
        add_for(&mut conn, &ids[..1], "志愿服务", "2026-10-05", 8.0, Some("防汛")).unwrap();
        let r = add_for(&mut conn, &ids[..3], "志愿服务", "2026-10-12", 3.0, Some("清扫")).unwrap();
        assert_eq!(r.summary, "已为 3 人记分：志愿服务 共 8 分（2 人 3 分，1 人 2 分）");
        assert_eq!(r.capped.len(), 1);
        assert!(r.capped[0].contains("本次记 2 分"), "{}", r.capped[0]);
    }

    #[test]
    fn bonus_counts_up_to_forty_a_year() {
        let (mut conn, ids) = setup();
        for m in 3..=7 {
            add_for(&mut conn, &ids[..1], "志愿服务", &format!("2026-{m:02}-05"), 10.0, Some("志愿服务")).unwrap();
        }
        // 50 奖励 earned, 40 count: 60 + 40 = 100, 优秀; a deduction still comes off.
        assert_eq!(year_total(&conn, "2026-07", ids[0]), 100.0);
        add_for(&mut conn, &ids[..1], "违反村规民约", "2026-08-05", 1.0, None).unwrap();
        let t = month_table(&conn, &TableRequest { month: "2026-08".into(), ..Default::default() }).unwrap();
        let me = t.rows.iter().find(|r| r.member_id == ids[0]).unwrap();
        assert_eq!((me.year_total, me.tier), (95.0, "优秀"));
        // Duties only is 合格, not 优秀.
        let plain = t.rows.iter().find(|r| r.member_id == ids[3]).unwrap();
        assert_eq!((plain.year_total, plain.tier), (60.0, "合格"));
        // Deductions take the score to 0, not below: 60 − 13 × 5.
        for _ in 0..13 {
            add_for(&mut conn, &ids[5..6], "违反村规民约", "2026-08-06", 1.0, None).unwrap();
        }
        assert_eq!(year_total(&conn, "2026-08", ids[5]), 0.0);
        let h = member_history(&conn, ids[0], 2026, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()).unwrap();
        assert_eq!(h.months[7].year_total, 95.0);
        // The year workbook shows the capped score too.
        let dir = tempfile::tempdir().unwrap();
        let year = dir.path().join("y.xlsx");
        write_year(&conn, &year, 2026, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()).unwrap();
        use calamine::Reader;
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&year).unwrap();
        let summary = wb.worksheet_range("全年汇总").unwrap();
        let name0 = crate::members::member::get_record(&conn, ids[0]).unwrap().data.name;
        let r = summary.rows().find(|r| r.get(1).is_some_and(|c| c.to_string() == name0)).unwrap();
        assert_eq!(r[3 + 11].to_string(), "45", "the year's sum of entries");
        assert_eq!(r[3 + 12].to_string(), "95", "the score, with 奖励 capped");
    }

    #[test]
    fn a_legacy_branch_switches_without_rewriting_entries() {
        let (mut conn, ids) = legacy();
        assert_eq!(settings::get(&conn).unwrap().points.scheme, "legacy");
        let list: Vec<AttendanceInput> = ids.iter().map(|&member_id| AttendanceInput { member_id, status: "present".into(), ..Default::default() }).collect();
        let input = MeetingInput::new("theme_day", "held", "2026-10-10", "学习").with_attendees(list);
        let d = meeting::create(&mut conn, "书记", &input).unwrap();
        assert_eq!(year_total(&conn, "2026-10", ids[0]), 102.0);
        let before = entries(&conn, &EntryQuery { include_voided: true, ..Default::default() }).unwrap();
        let s = adopt_hundred(&mut conn, "书记", NaiveDate::from_ymd_opt(2026, 11, 10).unwrap()).unwrap();
        assert_eq!((s.scheme.as_str(), s.base, s.bonus_cap, s.good), ("hundred", 60.0, Some(40.0), 75.0));
        assert_eq!(s.counted_from.as_deref(), Some("2026-11"));
        // Recorded entries are untouched; they stay in the ledger and no longer count from November.
        assert_eq!(entries(&conn, &EntryQuery { include_voided: true, ..Default::default() }).unwrap(), before);
        assert_eq!(year_total(&conn, "2026-11", ids[0]), 60.0);
        // Attending no longer earns; correcting the old meeting keeps its entries.
        assert!(!rules(&conn, true).unwrap().iter().any(|r| r.active && r.data.attendance.as_deref() == Some("present")));
        assert!(rules(&conn, false).unwrap().iter().any(|r| r.data.name == "党课主讲/先进事迹"));
        meeting::update(&mut conn, "书记", d.meeting.id, &input).unwrap();
        assert_eq!(entries(&conn, &EntryQuery::default()).unwrap().len(), 8, "not voided by the switch");
        let m = MeetingInput::new("theme_day", "held", "2026-11-02", "学习").with_attendees(vec![AttendanceInput { member_id: ids[0], status: "present".into(), ..Default::default() }]);
        meeting::create(&mut conn, "书记", &m).unwrap();
        assert_eq!(entries(&conn, &EntryQuery::default()).unwrap().len(), 8, "no +2 for attending now");
        assert_eq!(adopt_hundred(&mut conn, "书记", NaiveDate::from_ymd_opt(2026, 11, 10).unwrap()).unwrap_err().code(), "ALREADY");
        // A plain settings save keeps the scheme.
        let mut all = settings::get(&conn).unwrap();
        all.points.scheme = "legacy".into();
        all.points.counted_from = None;
        let saved = settings::update(&mut conn, "书记", &all).unwrap();
        assert_eq!((saved.points.scheme.as_str(), saved.points.counted_from.as_deref()), ("hundred", Some("2026-11")));
    }

    #[test]
    fn member_history_runs_through_the_year() {
        let (mut conn, ids) = setup();
        add_for(&mut conn, &ids[..1], "结对帮扶", "2026-03-05", 1.0, Some("帮扶")).unwrap();
        add_for(&mut conn, &ids[..1], "违反村规民约", "2026-06-05", 1.0, None).unwrap();
        let h = member_history(&conn, ids[0], 2026, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()).unwrap();
        assert_eq!(h.months.len(), 11);
        assert_eq!(h.months[1].year_total, 60.0);
        assert_eq!(h.months[2].year_total, 62.0);
        assert_eq!(h.months[10].year_total, 57.0);
        assert_eq!(h.entries.len(), 2);
    }
}

//! SQL on the tables points owns (architecture.md: table ownership): point_rule, point_entry, point_month (the
//! monthly totals kept in step with the ledger) and point_talk (约谈记录). Points are stored in tenths.
use super::ledger::Entry;
use super::rules::{Rule, RuleData};
use super::tenths::{from_tenths, to_tenths};
use crate::kernel::error::{Error, Result};
use crate::store::audit;

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use std::collections::{HashMap, HashSet};

// ---- point_rule ----

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

/// Active rules first, in the catalog's order; retired ones only when asked.
pub fn rules(conn: &Connection, include_retired: bool) -> Result<Vec<Rule>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {RULE_COLUMNS} FROM point_rule WHERE (?1 OR active = 1) ORDER BY active DESC, sort_order, id"
    ))?;
    let rows = stmt.query_map([include_retired], rule_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn find_rule(conn: &Connection, id: i64) -> Result<Option<Rule>> {
    Ok(conn.query_row(&format!("SELECT {RULE_COLUMNS} FROM point_rule WHERE id = ?1"), [id], rule_from_row).optional()?)
}

pub fn rule(conn: &Connection, id: i64) -> Result<Rule> {
    find_rule(conn, id)?.ok_or(Error::NotFound { entity: "point_rule", id })
}

/// A new rule at the end of the catalog; `input` is already checked.
pub fn insert_rule(tx: &Transaction, input: &RuleData) -> Result<i64> {
    let attendance = input.attendance.as_deref().filter(|s| !s.is_empty());
    tx.execute(
        "INSERT INTO point_rule (name, category, points, unit, monthly_cap, meeting_kinds, attendance, sort_order, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, (SELECT coalesce(max(sort_order), 0) + 1 FROM point_rule), ?8, ?8)",
        params![input.name.trim(), input.category, to_tenths(input.points), input.unit, input.monthly_cap.map(to_tenths),
            serde_json::to_string(&input.meeting_kinds)?, attendance, audit::now()],
    )?;
    Ok(tx.last_insert_rowid())
}

pub fn update_rule(tx: &Transaction, id: i64, input: &RuleData) -> Result<()> {
    let attendance = input.attendance.as_deref().filter(|s| !s.is_empty());
    tx.execute(
        "UPDATE point_rule SET name = ?1, category = ?2, points = ?3, unit = ?4, monthly_cap = ?5, meeting_kinds = ?6,
         attendance = ?7, updated_at = ?8 WHERE id = ?9",
        params![input.name.trim(), input.category, to_tenths(input.points), input.unit, input.monthly_cap.map(to_tenths),
            serde_json::to_string(&input.meeting_kinds)?, attendance, audit::now(), id],
    )?;
    Ok(())
}

pub fn set_rule_active(tx: &Transaction, id: i64, active: bool) -> Result<()> {
    tx.execute("UPDATE point_rule SET active = ?1, updated_at = ?2 WHERE id = ?3", params![active, audit::now(), id])?;
    Ok(())
}

/// Whether any rule, active or retired, has this name.
pub fn rule_named(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM point_rule WHERE name = ?1)", [name], |r| r.get(0))?)
}

/// A per-time 奖励 rule with no cap and no meeting link, at the end of the catalog.
pub fn insert_bonus_rule(tx: &Transaction, name: &str, tenths: i64) -> Result<i64> {
    tx.execute(
        "INSERT INTO point_rule (name, category, points, unit, monthly_cap, meeting_kinds, attendance, sort_order, created_at, updated_at)
         VALUES (?1, 'bonus', ?2, 'time', NULL, '[]', NULL, (SELECT coalesce(max(sort_order), 0) + 1 FROM point_rule), ?3, ?3)",
        params![name, tenths, audit::now()],
    )?;
    Ok(tx.last_insert_rowid())
}

// ---- point_entry ----

/// The member's name is not in point_entry: the ledger fills it in from the members area.
const ENTRY_COLUMNS: &str = "id, member_id, date, rule_id, rule_name, category, quantity, requested, \
    points, note, meeting_id, entered_by, created_at, voided, void_reason, voided_by";

fn entry_from_row(r: &rusqlite::Row) -> rusqlite::Result<Entry> {
    Ok(Entry {
        id: r.get(0)?,
        member_id: r.get(1)?,
        member_name: String::new(),
        date: r.get(2)?,
        rule_id: r.get(3)?,
        rule_name: r.get(4)?,
        category: r.get(5)?,
        quantity: from_tenths(r.get(6)?),
        requested: from_tenths(r.get(7)?),
        points: from_tenths(r.get(8)?),
        note: r.get(9)?,
        meeting_id: r.get(10)?,
        entered_by: r.get(11)?,
        created_at: r.get(12)?,
        voided: r.get(13)?,
        void_reason: r.get(14)?,
        voided_by: r.get(15)?,
    })
}

/// One entry, its member name left empty.
pub fn entry(conn: &Connection, id: i64) -> Result<Entry> {
    conn.query_row(&format!("SELECT {ENTRY_COLUMNS} FROM point_entry WHERE id = ?1"), [id], entry_from_row)
        .optional()?
        .ok_or(Error::NotFound { entity: "point_entry", id })
}

/// Entries of a month (YYYY-MM) and/or a member, newest first, member names left empty.
pub fn entries(conn: &Connection, month: Option<&str>, member_id: Option<i64>, include_voided: bool) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ENTRY_COLUMNS} FROM point_entry
         WHERE (?1 IS NULL OR substr(date, 1, 7) = ?1) AND (?2 IS NULL OR member_id = ?2) AND (?3 OR voided = 0)
         ORDER BY date DESC, id DESC"
    ))?;
    let rows = stmt.query_map(params![month, member_id, include_voided], entry_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A member's entries of a year (voided ones included), newest first, the member name left empty.
pub fn entries_of_year(conn: &Connection, member_id: i64, year: i32) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ENTRY_COLUMNS} FROM point_entry WHERE member_id = ?1 AND substr(date, 1, 4) = ?2 ORDER BY date DESC, id DESC"
    ))?;
    let rows = stmt.query_map(params![member_id, format!("{year:04}")], entry_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The points (tenths) a member already has this month from one rule, for its monthly cap.
pub fn month_sum_for_rule(tx: &Transaction, member_id: i64, rule_id: i64, month: &str) -> Result<i64> {
    Ok(tx
        .prepare_cached(
            "SELECT coalesce(sum(points), 0) FROM point_entry
             WHERE member_id = ?1 AND rule_id = ?2 AND voided = 0 AND substr(date, 1, 7) = ?3",
        )?
        .query_row(params![member_id, rule_id, month], |r| r.get(0))?)
}

/// The columns of a new ledger line, in tenths.
pub struct EntryRow<'a> {
    pub member_id: i64,
    pub date: &'a str,
    pub rule: &'a Rule,
    pub quantity: i64,
    pub requested: i64,
    pub points: i64,
    pub note: Option<&'a str>,
    pub meeting_id: Option<i64>,
}

pub fn insert_entry(tx: &Transaction, actor: &str, e: &EntryRow) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO point_entry (member_id, date, rule_id, rule_name, category, quantity, requested, points, note, meeting_id,
            entered_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![e.member_id, e.date, e.rule.id, e.rule.data.name, e.rule.data.category, e.quantity, e.requested, e.points, e.note,
        e.meeting_id, actor, audit::now()])?;
    Ok(tx.last_insert_rowid())
}

/// (member_id, date, category, points in tenths) of an entry, to take it off the monthly totals.
pub fn entry_basics(tx: &Transaction, id: i64) -> Result<(i64, String, String, i64)> {
    Ok(tx.query_row("SELECT member_id, date, category, points FROM point_entry WHERE id = ?1", [id], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })?)
}

/// The rule of an entry.
pub fn entry_rule(tx: &Transaction, id: i64) -> Result<i64> {
    Ok(tx.query_row("SELECT rule_id FROM point_entry WHERE id = ?1", [id], |r| r.get(0))?)
}

/// A member's standing entries of one rule in one month, in the order they were made: (id, date, category,
/// requested, points), in tenths.
pub fn month_entries_for_rule(tx: &Transaction, member_id: i64, rule_id: i64, month: &str) -> Result<Vec<(i64, String, String, i64, i64)>> {
    Ok(tx
        .prepare_cached(
            "SELECT id, date, category, requested, points FROM point_entry
             WHERE member_id = ?1 AND rule_id = ?2 AND voided = 0 AND substr(date, 1, 7) = ?3 ORDER BY date, id",
        )?
        .query_map(params![member_id, rule_id, month], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// The points an entry counts after its month's cap was applied again.
pub fn set_points(tx: &Transaction, id: i64, points: i64) -> Result<()> {
    tx.execute("UPDATE point_entry SET points = ?1 WHERE id = ?2", params![points, id])?;
    Ok(())
}

pub fn mark_void(tx: &Transaction, actor: &str, id: i64, reason: &str) -> Result<()> {
    tx.execute(
        "UPDATE point_entry SET voided = 1, void_reason = ?1, voided_by = ?2, voided_at = ?3 WHERE id = ?4",
        params![reason, actor, audit::now(), id],
    )?;
    Ok(())
}

/// The live entries a meeting's attendance made: (id, member_id, rule_id, date).
pub fn meeting_entries(tx: &Transaction, meeting_id: i64) -> Result<Vec<(i64, i64, i64, String)>> {
    Ok(tx
        .prepare_cached("SELECT id, member_id, rule_id, date FROM point_entry WHERE meeting_id = ?1 AND voided = 0")?
        .query_map([meeting_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Live points (tenths) per (member, rule) between two ISO dates, for the table by rule.
pub fn sums_by_rule(conn: &Connection, from: &str, to: &str) -> Result<HashMap<(i64, i64), i64>> {
    let mut q = conn.prepare_cached(
        "SELECT member_id, rule_id, sum(points) FROM point_entry WHERE voided = 0 AND date BETWEEN ?1 AND ?2 GROUP BY member_id, rule_id",
    )?;
    let rows = q.query_map(params![from, to], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

// ---- point_month ----

/// Keeps the monthly totals in step with the ledger, in the caller's transaction.
pub fn bump(tx: &Transaction, member_id: i64, date: &str, category: &str, delta: i64) -> Result<()> {
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

/// A member's month and year-to-date totals by category, in tenths.
#[derive(Default, Clone, Copy)]
pub struct Totals {
    pub base: i64,
    pub bonus: i64,
    pub deduction: i64,
    /// The year so far, per category (from the month the scheme counts from, when it started this year).
    pub year_base: i64,
    pub year_bonus: i64,
    pub year_deduction: i64,
}

/// Every member's totals of `month`, and of the months from `counted_from` to `month` (within the year from `jan`).
pub fn totals(conn: &Connection, month: &str, jan: &str, counted_from: &str) -> Result<HashMap<i64, Totals>> {
    let mut stmt = conn.prepare_cached(
        "SELECT member_id, sum(CASE WHEN month = ?1 THEN base ELSE 0 END), sum(CASE WHEN month = ?1 THEN bonus ELSE 0 END),
                sum(CASE WHEN month = ?1 THEN deduction ELSE 0 END),
                sum(CASE WHEN month >= ?3 THEN base ELSE 0 END), sum(CASE WHEN month >= ?3 THEN bonus ELSE 0 END),
                sum(CASE WHEN month >= ?3 THEN deduction ELSE 0 END)
         FROM point_month WHERE month BETWEEN ?2 AND ?1 GROUP BY member_id",
    )?;
    let rows = stmt.query_map(params![month, jan, counted_from], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            Totals { base: r.get(1)?, bonus: r.get(2)?, deduction: r.get(3)?, year_base: r.get(4)?, year_bonus: r.get(5)?, year_deduction: r.get(6)? },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A member's (base, bonus, deduction) of one month, zeros when nothing was recorded.
pub fn month_row(conn: &Connection, member_id: i64, month: &str) -> Result<(i64, i64, i64)> {
    let mut stmt = conn.prepare_cached("SELECT base, bonus, deduction FROM point_month WHERE member_id = ?1 AND month = ?2")?;
    Ok(stmt.query_row(params![member_id, month], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional()?.unwrap_or((0, 0, 0)))
}

/// Members with points before `month` (YYYY-MM), or on the attendance list of a held meeting on or before
/// `last_day` (from the rolls meetings handed over, `point_meeting_roll`).
pub fn present_before(conn: &Connection, month: &str, last_day: &str) -> Result<HashSet<i64>> {
    let mut out: HashSet<i64> = conn
        .prepare_cached("SELECT DISTINCT member_id FROM point_month WHERE month < ?1")?
        .query_map([month], |r| r.get::<_, i64>(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached("SELECT member_ids FROM point_meeting_roll WHERE state = 'held' AND date <= ?1")?;
    for ids in stmt.query_map([last_day], |r| r.get::<_, String>(0))? {
        out.extend(serde_json::from_str::<Vec<i64>>(&ids?)?);
    }
    Ok(out)
}

// ---- point_meeting_roll ----

/// Records a meeting's date, state and attendance list as meetings handed them over (replacing the last one).
pub fn save_meeting_roll(tx: &Transaction, meeting_id: i64, date: &str, state: &str, member_ids: &[i64]) -> Result<()> {
    tx.execute(
        "INSERT INTO point_meeting_roll (meeting_id, date, state, member_ids) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(meeting_id) DO UPDATE SET date = excluded.date, state = excluded.state, member_ids = excluded.member_ids",
        params![meeting_id, date, state, serde_json::to_string(member_ids)?],
    )?;
    Ok(())
}

// ---- point_talk ----

/// The latest talk recorded for a member's alert of `month`.
pub fn latest_talk(conn: &Connection, member_id: i64, month: &str) -> Result<Option<super::alerts::Talk>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, member_id, alert_month, date, talked_by, note FROM point_talk WHERE member_id = ?1 AND alert_month = ?2 ORDER BY id DESC LIMIT 1",
    )?;
    Ok(stmt
        .query_row(params![member_id, month], |t| {
            Ok(super::alerts::Talk { id: t.get(0)?, member_id: t.get(1)?, alert_month: t.get(2)?, date: t.get(3)?, talked_by: t.get(4)?, note: t.get(5)? })
        })
        .optional()?)
}

pub fn insert_talk(tx: &Transaction, member_id: i64, month: &str, day: &str, by: &str, note: Option<&str>) -> Result<i64> {
    tx.execute(
        "INSERT INTO point_talk (member_id, alert_month, date, talked_by, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![member_id, month, day, by, note, audit::now()],
    )?;
    Ok(tx.last_insert_rowid())
}

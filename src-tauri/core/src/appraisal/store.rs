//! SQL on the tables 民主评议 owns (architecture.md: table ownership): appraisal, appraisal_entry, appraisal_action.
use crate::kernel::error::Result;
use crate::store::audit;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct AppraisalRow {
    pub id: i64,
    pub year: i32,
    pub meeting_id: Option<i64>,
    /// Step key → date.
    pub steps: BTreeMap<String, String>,
    pub note: Option<String>,
}

fn appraisal_from_row(r: &rusqlite::Row) -> rusqlite::Result<AppraisalRow> {
    let steps: String = r.get(3)?;
    Ok(AppraisalRow { id: r.get(0)?, year: r.get(1)?, meeting_id: r.get(2)?, steps: serde_json::from_str(&steps).unwrap_or_default(), note: r.get(4)? })
}

pub fn by_year(conn: &Connection, year: i32) -> Result<Option<AppraisalRow>> {
    Ok(conn.query_row("SELECT id, year, meeting_id, steps, note FROM appraisal WHERE year = ?1", [year], appraisal_from_row).optional()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<AppraisalRow>> {
    Ok(conn.query_row("SELECT id, year, meeting_id, steps, note FROM appraisal WHERE id = ?1", [id], appraisal_from_row).optional()?)
}

pub fn years(conn: &Connection) -> Result<Vec<i32>> {
    let mut stmt = conn.prepare_cached("SELECT year FROM appraisal ORDER BY year DESC")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn insert(tx: &Transaction, a: &AppraisalRow) -> Result<i64> {
    let now = audit::now();
    tx.execute(
        "INSERT INTO appraisal (year, meeting_id, steps, note, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![a.year, a.meeting_id, serde_json::to_string(&a.steps)?, a.note, now],
    )?;
    Ok(tx.last_insert_rowid())
}

pub fn update(tx: &Transaction, a: &AppraisalRow) -> Result<()> {
    tx.execute(
        "UPDATE appraisal SET meeting_id = ?1, steps = ?2, note = ?3, updated_at = ?4 WHERE id = ?5",
        params![a.meeting_id, serde_json::to_string(&a.steps)?, a.note, audit::now(), a.id],
    )?;
    Ok(())
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct EntryRow {
    pub member_id: i64,
    pub probationary: bool,
    /// 优秀, 合格, 基本合格, 不合格, 废票.
    pub votes: Option<[u32; 5]>,
    pub grade: Option<String>,
    pub opinion: Option<String>,
    pub cap_reason: Option<String>,
}

pub fn entries(conn: &Connection, appraisal_id: i64) -> Result<Vec<EntryRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT member_id, probationary, v_excellent, v_good, v_basic, v_poor, v_spoiled, grade, opinion, cap_reason
         FROM appraisal_entry WHERE appraisal_id = ?1",
    )?;
    let rows = stmt.query_map([appraisal_id], |r| {
        let v: [Option<u32>; 5] = [r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?];
        Ok(EntryRow {
            member_id: r.get(0)?,
            probationary: r.get(1)?,
            votes: v.iter().all(Option::is_some).then(|| v.map(|x| x.unwrap_or(0))),
            grade: r.get(7)?,
            opinion: r.get(8)?,
            cap_reason: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn insert_entry(tx: &Transaction, appraisal_id: i64, member_id: i64, probationary: bool) -> Result<()> {
    tx.execute(
        "INSERT INTO appraisal_entry (appraisal_id, member_id, probationary) VALUES (?1, ?2, ?3)",
        params![appraisal_id, member_id, probationary],
    )?;
    Ok(())
}

pub fn set_votes(tx: &Transaction, appraisal_id: i64, member_id: i64, v: Option<[u32; 5]>) -> Result<()> {
    let v: [Option<u32>; 5] = match v {
        Some(v) => v.map(Some),
        None => [None; 5],
    };
    tx.execute(
        "UPDATE appraisal_entry SET v_excellent = ?1, v_good = ?2, v_basic = ?3, v_poor = ?4, v_spoiled = ?5
         WHERE appraisal_id = ?6 AND member_id = ?7",
        params![v[0], v[1], v[2], v[3], v[4], appraisal_id, member_id],
    )?;
    Ok(())
}

pub fn set_grade(tx: &Transaction, appraisal_id: i64, member_id: i64, grade: Option<&str>, opinion: Option<&str>, cap_reason: Option<&str>) -> Result<()> {
    tx.execute(
        "UPDATE appraisal_entry SET grade = ?1, opinion = ?2, cap_reason = ?3 WHERE appraisal_id = ?4 AND member_id = ?5",
        params![grade, opinion, cap_reason, appraisal_id, member_id],
    )?;
    Ok(())
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct ActionRow {
    pub id: i64,
    pub appraisal_id: i64,
    pub member_id: i64,
    pub kind: String,
    pub decided_on: String,
    pub months: Option<i32>,
    pub ends_on: Option<String>,
    pub matter: String,
    pub note: Option<String>,
}

pub fn actions(conn: &Connection, appraisal_id: i64) -> Result<Vec<ActionRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, appraisal_id, member_id, kind, decided_on, months, ends_on, matter, note FROM appraisal_action WHERE appraisal_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([appraisal_id], |r| {
        Ok(ActionRow {
            id: r.get(0)?,
            appraisal_id: r.get(1)?,
            member_id: r.get(2)?,
            kind: r.get(3)?,
            decided_on: r.get(4)?,
            months: r.get(5)?,
            ends_on: r.get(6)?,
            matter: r.get(7)?,
            note: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn insert_action(tx: &Transaction, a: &ActionRow, actor: &str) -> Result<i64> {
    tx.execute(
        "INSERT INTO appraisal_action (appraisal_id, member_id, kind, decided_on, months, ends_on, matter, note, entered_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![a.appraisal_id, a.member_id, a.kind, a.decided_on, a.months, a.ends_on, a.matter, a.note, actor, audit::now()],
    )?;
    Ok(tx.last_insert_rowid())
}

//! SQL on the tables care owns (architecture.md: table ownership): care_hardship, care_visit and care_medal.
use crate::kernel::error::Result;
use crate::store::audit;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct HardshipRow {
    pub id: i64,
    pub member_id: i64,
    pub kind: String,
    pub recognized_on: String,
    pub keeper: Option<String>,
    pub measures: Option<String>,
    pub review_on: Option<String>,
    pub state: String,
    pub resolved_on: Option<String>,
    pub note: Option<String>,
}

const HARDSHIP_COLUMNS: &str = "id, member_id, kind, recognized_on, keeper, measures, review_on, state, resolved_on, note";

fn hardship_from_row(r: &rusqlite::Row) -> rusqlite::Result<HardshipRow> {
    Ok(HardshipRow {
        id: r.get(0)?,
        member_id: r.get(1)?,
        kind: r.get(2)?,
        recognized_on: r.get(3)?,
        keeper: r.get(4)?,
        measures: r.get(5)?,
        review_on: r.get(6)?,
        state: r.get(7)?,
        resolved_on: r.get(8)?,
        note: r.get(9)?,
    })
}

pub fn hardships(conn: &Connection) -> Result<Vec<HardshipRow>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {HARDSHIP_COLUMNS} FROM care_hardship ORDER BY state, recognized_on, id"))?;
    let rows = stmt.query_map([], hardship_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn hardship(conn: &Connection, id: i64) -> Result<Option<HardshipRow>> {
    Ok(conn.query_row(&format!("SELECT {HARDSHIP_COLUMNS} FROM care_hardship WHERE id = ?1"), [id], hardship_from_row).optional()?)
}

pub fn save_hardship(tx: &Transaction, h: &HardshipRow, actor: &str) -> Result<i64> {
    let now = audit::now();
    if h.id == 0 {
        tx.execute(
            "INSERT INTO care_hardship (member_id, kind, recognized_on, keeper, measures, review_on, state, resolved_on, note, entered_by, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
            params![h.member_id, h.kind, h.recognized_on, h.keeper, h.measures, h.review_on, h.state, h.resolved_on, h.note, actor, now],
        )?;
        return Ok(tx.last_insert_rowid());
    }
    tx.execute(
        "UPDATE care_hardship SET kind = ?1, recognized_on = ?2, keeper = ?3, measures = ?4, review_on = ?5, state = ?6, resolved_on = ?7,
           note = ?8, updated_at = ?9 WHERE id = ?10",
        params![h.kind, h.recognized_on, h.keeper, h.measures, h.review_on, h.state, h.resolved_on, h.note, now, h.id],
    )?;
    Ok(h.id)
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct VisitRow {
    pub id: i64,
    pub member_id: i64,
    pub date: String,
    pub occasion: String,
    pub visitors: String,
    /// 分.
    pub amount: i64,
    pub goods: Option<String>,
    pub fund_source: Option<String>,
    pub signed: bool,
    pub note: Option<String>,
}

const VISIT_COLUMNS: &str = "id, member_id, date, occasion, visitors, amount, goods, fund_source, signed, note";

fn visit_from_row(r: &rusqlite::Row) -> rusqlite::Result<VisitRow> {
    Ok(VisitRow {
        id: r.get(0)?,
        member_id: r.get(1)?,
        date: r.get(2)?,
        occasion: r.get(3)?,
        visitors: r.get(4)?,
        amount: r.get(5)?,
        goods: r.get(6)?,
        fund_source: r.get(7)?,
        signed: r.get(8)?,
        note: r.get(9)?,
    })
}

/// The visits in force (not voided) of a year, newest first.
pub fn visits(conn: &Connection, year: i32) -> Result<Vec<VisitRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {VISIT_COLUMNS} FROM care_visit WHERE voided = 0 AND substr(date, 1, 4) = ?1 ORDER BY date DESC, id DESC"
    ))?;
    let rows = stmt.query_map([format!("{year:04}")], visit_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn visit(conn: &Connection, id: i64) -> Result<Option<VisitRow>> {
    Ok(conn.query_row(&format!("SELECT {VISIT_COLUMNS} FROM care_visit WHERE voided = 0 AND id = ?1"), [id], visit_from_row).optional()?)
}

/// The last visit of each member (any year): member → date.
pub fn last_visits(conn: &Connection) -> Result<std::collections::HashMap<i64, String>> {
    let mut stmt = conn.prepare_cached("SELECT member_id, max(date) FROM care_visit WHERE voided = 0 GROUP BY member_id")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn insert_visit(tx: &Transaction, v: &VisitRow, actor: &str) -> Result<i64> {
    tx.execute(
        "INSERT INTO care_visit (member_id, date, occasion, visitors, amount, goods, fund_source, signed, note, entered_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![v.member_id, v.date, v.occasion, v.visitors, v.amount, v.goods, v.fund_source, v.signed, v.note, actor, audit::now()],
    )?;
    Ok(tx.last_insert_rowid())
}

pub fn void_visit(tx: &Transaction, id: i64, reason: &str) -> Result<()> {
    tx.execute("UPDATE care_visit SET voided = 1, void_reason = ?1 WHERE id = ?2", params![reason, id])?;
    Ok(())
}

/// Medals issued: member → (year, 颁发日期).
pub fn medals(conn: &Connection) -> Result<std::collections::HashMap<i64, (i32, String)>> {
    let mut stmt = conn.prepare_cached("SELECT member_id, year, issued_on FROM care_medal")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn insert_medal(tx: &Transaction, member_id: i64, year: i32, issued_on: &str, actor: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO care_medal (member_id, year, issued_on, entered_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![member_id, year, issued_on, actor, audit::now()],
    )?;
    Ok(())
}

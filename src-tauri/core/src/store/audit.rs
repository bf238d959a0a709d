//! The audit log: who changed what, when, with the record before and after, written in the caller's transaction.
use crate::kernel::error::Result;
use rusqlite::{params, Connection};
use serde::Serialize;

/// Local wall-clock time, since the secretary reads these stamps.
pub fn now() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// Writes one row of the log. An "update" that changed nothing (saving a form as it was) writes none: the log lists
/// changes, and an empty 修改 row only makes the secretary wonder what was changed.
pub fn record<B: Serialize, A: Serialize>(
    conn: &Connection,
    actor: &str,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<()> {
    let before = before.map(serde_json::to_string).transpose()?;
    let after = after.map(serde_json::to_string).transpose()?;
    if action == "update" && before.is_some() && before == after {
        return Ok(());
    }
    conn.prepare_cached(
        "INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![now(), actor, action, entity, entity_id, before, after])?;
    Ok(())
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Newest first; for one entity when given.
pub fn list(conn: &Connection, entity: Option<(&str, i64)>, limit: i64) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, action, entity, entity_id, before, after FROM audit_log
         WHERE (?1 IS NULL OR (entity = ?1 AND entity_id = ?2)) ORDER BY id DESC LIMIT ?3",
    )?;
    let rows = stmt.query_map(params![entity.map(|e| e.0), entity.map(|e| e.1), limit], |r| {
        Ok(AuditEntry {
            id: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            action: r.get(3)?,
            entity: r.get(4)?,
            entity_id: r.get(5)?,
            before: r.get(6)?,
            after: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One page of the log for the viewer, newest first, with the count of all matches: days are `YYYY-MM-DD`,
/// inclusive; `member_id` keeps the changes to that member; `entity` one kind of record.
pub fn page(
    conn: &Connection,
    from: Option<&str>,
    to: Option<&str>,
    member_id: Option<i64>,
    entity: Option<&str>,
    limit: i64,
) -> Result<(i64, Vec<AuditEntry>)> {
    let filter = "WHERE (?1 IS NULL OR substr(at, 1, 10) >= ?1) AND (?2 IS NULL OR substr(at, 1, 10) <= ?2)
           AND (?3 IS NULL OR (entity = 'member' AND entity_id = ?3)) AND (?4 IS NULL OR entity = ?4)";
    let total: i64 = conn.query_row(&format!("SELECT count(*) FROM audit_log {filter}"), params![from, to, member_id, entity], |r| r.get(0))?;
    let mut stmt = conn.prepare(&format!(
        "SELECT id, at, actor, action, entity, entity_id, before, after FROM audit_log {filter} ORDER BY id DESC LIMIT ?5"
    ))?;
    let rows = stmt
        .query_map(params![from, to, member_id, entity, limit], |r| {
            Ok(AuditEntry { id: r.get(0)?, at: r.get(1)?, actor: r.get(2)?, action: r.get(3)?, entity: r.get(4)?, entity_id: r.get(5)?, before: r.get(6)?, after: r.get(7)? })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((total, rows))
}

//! SQL on the tables org owns (architecture.md: table ownership).

pub mod activity;

use crate::kernel::error::Result;
use rusqlite::{Connection, OptionalExtension};

/// The branches in use, in their order.
pub fn active_branch_ids(conn: &Connection) -> Result<Vec<i64>> {
    Ok(conn
        .prepare("SELECT id FROM branch WHERE active = 1 ORDER BY sort_order, id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// The branch a 党小组 belongs to; `None` for no such group.
pub fn group_branch(conn: &Connection, group_id: i64) -> Result<Option<i64>> {
    Ok(conn.query_row("SELECT branch_id FROM party_group WHERE id = ?1", [group_id], |r| r.get(0)).optional()?)
}

use super::Group;
use rusqlite::params;

/// The organisation's name; `None` before setup (or in a file without the table).
pub fn org_name(conn: &Connection) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT name FROM org WHERE id = 1", [], |r| r.get::<_, String>(0)).optional()?)
}

pub fn has_org(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT count(*) FROM org", [], |r| r.get::<_, i64>(0))? > 0)
}

pub fn secretary(conn: &Connection) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT secretary FROM org WHERE id = 1", [], |r| r.get(0)).optional()?)
}

/// (kind, name, secretary) of the one organisation row.
pub fn org_row(conn: &Connection) -> Result<Option<(String, String, String)>> {
    Ok(conn
        .query_row("SELECT kind, name, secretary FROM org WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?)
}

pub(crate) fn insert_org(conn: &Connection, kind: Option<&str>, name: &str, secretary: &str, now: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO org (id, kind, name, secretary, created_at, updated_at) VALUES (1, ?1, ?2, ?3, ?4, ?4)",
        params![kind, name, secretary, now],
    )?;
    Ok(())
}

pub(crate) fn update_org(conn: &Connection, name: &str, secretary: &str, now: &str) -> Result<()> {
    conn.execute("UPDATE org SET name = ?1, secretary = ?2, updated_at = ?3 WHERE id = 1", params![name, secretary, now])?;
    Ok(())
}

pub(crate) fn insert_branch(conn: &Connection, name: &str, sort_order: i64) -> Result<i64> {
    conn.execute("INSERT INTO branch (name, sort_order) VALUES (?1, ?2)", params![name, sort_order])?;
    Ok(conn.last_insert_rowid())
}

/// A new branch after the others.
pub(crate) fn append_branch(conn: &Connection, name: &str) -> Result<i64> {
    conn.execute("INSERT INTO branch (name, sort_order) VALUES (?1, (SELECT coalesce(max(sort_order), 0) + 1 FROM branch))", [name])?;
    Ok(conn.last_insert_rowid())
}

/// A 党支部 is its own (first) branch: its name follows the organisation's.
pub(crate) fn rename_first_branch(conn: &Connection, name: &str) -> Result<()> {
    conn.execute("UPDATE branch SET name = ?1 WHERE id = (SELECT min(id) FROM branch)", [name])?;
    Ok(())
}

pub fn branch_exists(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.query_row("SELECT count(*) FROM branch WHERE id = ?1", [id], |r| r.get(0))?)
}

/// (id, name) of the branches in use, in their order.
pub fn active_branches(conn: &Connection) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare("SELECT id, name FROM branch WHERE active = 1 ORDER BY sort_order, id")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn insert_group(conn: &Connection, branch_id: i64, name: &str, sort_order: i64) -> Result<()> {
    conn.execute("INSERT INTO party_group (branch_id, name, sort_order) VALUES (?1, ?2, ?3)", params![branch_id, name, sort_order])?;
    Ok(())
}

/// A new 党小组 after the others.
pub(crate) fn append_group(conn: &Connection, branch_id: i64, name: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO party_group (branch_id, name, sort_order)
         VALUES (?1, ?2, (SELECT coalesce(max(sort_order), 0) + 1 FROM party_group))",
        params![branch_id, name],
    )?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn update_group(conn: &Connection, id: i64, name: &str, active: bool) -> Result<()> {
    conn.execute("UPDATE party_group SET name = ?1, active = ?2 WHERE id = ?3", params![name, active, id])?;
    Ok(())
}

/// 党小组 in branch order, then their own; retired ones only when asked.
pub fn groups(conn: &Connection, include_retired: bool) -> Result<Vec<Group>> {
    let mut stmt = conn.prepare(
        "SELECT g.id, g.branch_id, g.name, g.active FROM party_group g JOIN branch b ON b.id = g.branch_id
         WHERE (?1 OR g.active = 1) ORDER BY b.sort_order, g.sort_order, g.id",
    )?;
    let rows = stmt.query_map([include_retired], |r| {
        Ok(Group { id: r.get(0)?, branch_id: r.get(1)?, name: r.get(2)?, active: r.get(3)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

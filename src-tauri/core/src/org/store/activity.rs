//! 组织所需: queries on the organisation (org, branch, party_group) that members, meetings and points need.
use crate::kernel::error::Result;

use rusqlite::{Connection, OptionalExtension};
use std::collections::HashMap;

/// Every group's name, active or not, to name the group of a stored meeting.
pub fn group_names(conn: &Connection) -> Result<HashMap<i64, String>> {
    let mut stmt = conn.prepare_cached("SELECT id, name FROM party_group")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn group_name(conn: &Connection, id: i64) -> Result<Option<String>> {
    Ok(conn.prepare_cached("SELECT name FROM party_group WHERE id = ?1")?.query_row([id], |r| r.get(0)).optional()?)
}

/// The branch a group belongs to, if the group exists.
pub fn group_branch(conn: &Connection, group_id: i64) -> Result<Option<i64>> {
    Ok(conn.prepare_cached("SELECT branch_id FROM party_group WHERE id = ?1")?.query_row([group_id], |r| r.get(0)).optional()?)
}

/// Active branches in their order.
pub fn active_branches(conn: &Connection) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM branch WHERE active = 1 ORDER BY sort_order, id")?;
    let ids = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// The first active branch (lowest id), the one a 党支部 without choice means.
pub fn first_active_branch(conn: &Connection) -> Result<Option<i64>> {
    Ok(conn.query_row("SELECT min(id) FROM branch WHERE active = 1", [], |r| r.get::<_, Option<i64>>(0))?)
}

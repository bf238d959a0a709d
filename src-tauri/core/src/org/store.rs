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

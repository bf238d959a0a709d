//! Key-value settings (the `setting` table). The store knows keys and strings only; each area reads and writes its
//! own share of 设置 through these (members/config.rs, meetings/config.rs, points/config.rs).
use crate::kernel::error::Result;
use rusqlite::{params, Connection, OptionalExtension};

pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

pub fn put(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// Writes `value` only when `key` has none yet (a stamp that must never change once written).
pub fn put_new(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute("INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO NOTHING", params![key, value])?;
    Ok(())
}

/// Removes the keys.
pub fn delete(conn: &Connection, keys: &[&str]) -> Result<()> {
    let mut stmt = conn.prepare_cached("DELETE FROM setting WHERE key = ?1")?;
    for k in keys {
        stmt.execute([k])?;
    }
    Ok(())
}

//! What the 报表 screens remember: the 上级党委's name for the package header, and the branches a township
//! expects packages from (乡镇汇总 lists the ones missing).
use crate::kernel::error::{Error, Result};
use crate::store::{audit, kv};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

const KEY: &str = "township";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(rename = "TownshipSettings")]
pub struct Settings {
    /// 上级党委, e.g. 中共城关镇委员会.
    pub superior: String,
    /// 应报支部: one name per branch, as the branches name themselves.
    pub expected: Vec<String>,
}

pub fn get(conn: &Connection) -> Result<Settings> {
    Ok(match kv::get(conn, KEY)? {
        Some(json) => serde_json::from_str(&json)?,
        None => Settings::default(),
    })
}

/// Saves the settings (names trimmed, blanks and repeats dropped) with an audit row.
pub fn put(conn: &mut Connection, actor: &str, s: &Settings) -> Result<Settings> {
    let superior = s.superior.trim().to_string();
    if superior.chars().count() > 60 {
        return Err(Error::invalid("superior", "TOO_LONG", "上级党委名称太长，请不超过 60 个字"));
    }
    let mut expected: Vec<String> = Vec::new();
    for name in s.expected.iter().map(|x| x.trim().to_string()).filter(|x| !x.is_empty()) {
        if !expected.contains(&name) {
            expected.push(name);
        }
    }
    let new = Settings { superior, expected };
    let old = get(conn)?;
    let tx = conn.transaction()?;
    kv::put(&tx, KEY, &serde_json::to_string(&new)?)?;
    audit::record(&tx, actor, "update", "township_settings", None, Some(&old), Some(&new))?;
    tx.commit()?;
    Ok(new)
}

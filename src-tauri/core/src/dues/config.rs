//! 党费 settings (its share of 设置): the 农民 amount the branch chose and when a changed income takes effect.
use crate::kernel::error::Result;
use crate::store::kv;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct DuesSettings {
    /// 农民党员 a month, 分, within the rule-set's 0.20–1.00.
    pub farmer_fen: i64,
    /// When a new base takes effect: `pay_month` — from the month the new pay is first received (the national
    /// rule, default) — or `yearly`, at the yearly 核定 (fixed for the year: a change entered mid-year applies
    /// from the next January).
    pub change_from: String,
}

impl Default for DuesSettings {
    fn default() -> Self {
        DuesSettings { farmer_fen: 50, change_from: "pay_month".into() }
    }
}

pub fn get(conn: &Connection) -> Result<DuesSettings> {
    Ok(match kv::get(conn, "dues")? {
        Some(json) => serde_json::from_str(&json)?,
        None => DuesSettings::default(),
    })
}

pub fn put(conn: &Connection, s: &DuesSettings) -> Result<()> {
    kv::put(conn, "dues", &serde_json::to_string(s)?)
}

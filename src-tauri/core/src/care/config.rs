//! What varies locally in care: the age from which a member is 高龄 (default 80) and the 四必访 list.
use super::rules::{DEFAULT_MUST_VISIT, DEFAULT_OLD_AGE};
use crate::kernel::error::{Error, Result};
use crate::store::kv;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct CareSettings {
    /// 高龄 from this age (周岁, C5).
    pub old_age: i32,
    /// 四必访 items, as visits name their 事由.
    pub must_visit: Vec<String>,
}

impl Default for CareSettings {
    fn default() -> Self {
        CareSettings { old_age: DEFAULT_OLD_AGE, must_visit: DEFAULT_MUST_VISIT.iter().map(|s| s.to_string()).collect() }
    }
}

const KEY: &str = "care_settings";

pub fn get(conn: &Connection) -> Result<CareSettings> {
    Ok(match kv::get(conn, KEY)? {
        Some(json) => serde_json::from_str(&json)?,
        None => CareSettings::default(),
    })
}

pub fn put(conn: &Connection, s: &CareSettings) -> Result<()> {
    if !(60..=100).contains(&s.old_age) {
        return Err(Error::invalid("old_age", "OUT_OF_RANGE", "高龄起算年龄请填 60 到 100 岁"));
    }
    let items: Vec<String> = s.must_visit.iter().map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect();
    if items.is_empty() {
        return Err(Error::invalid("must_visit", "REQUIRED", "“四必访”至少保留一项"));
    }
    if items.iter().any(|x| x.chars().count() > 20) {
        return Err(Error::invalid("must_visit", "TOO_LONG", "“四必访”每项最多 20 个字"));
    }
    kv::put(conn, KEY, &serde_json::to_string(&CareSettings { old_age: s.old_age, must_visit: items })?)
}

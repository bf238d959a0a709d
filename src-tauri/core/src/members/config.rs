//! The 管理类型 model a branch uses (members' share of 设置).
use crate::kernel::error::Result;
use crate::store::kv;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

/// One class of the 管理类型 model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct MgmtClass {
    pub key: String,
    pub name: String,
}

/// 三类 (points-driven, the default) or 五类.
pub fn default_classes(model: &str) -> Vec<MgmtClass> {
    let list: &[(&str, &str)] = if model == "five" {
        &[("backbone", "骨干型"), ("growing", "成长型"), ("potential", "潜力型"), ("assist", "帮扶型"), ("warning", "警示型")]
    } else {
        &[("pioneer", "先锋型"), ("growing", "成长型"), ("improve", "待提升型")]
    };
    list.iter().map(|(k, n)| MgmtClass { key: k.to_string(), name: n.to_string() }).collect()
}

/// "three" (default) or "five".
pub fn model(conn: &Connection) -> Result<String> {
    Ok(kv::get(conn, "mgmt_model")?.unwrap_or_else(|| "three".into()))
}

/// The classes of the branch's model, with the names the branch gave them.
pub fn classes(conn: &Connection) -> Result<Vec<MgmtClass>> {
    Ok(match kv::get(conn, "mgmt_classes")? {
        Some(json) => serde_json::from_str(&json)?,
        None => default_classes(&model(conn)?),
    })
}

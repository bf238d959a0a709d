//! Settings that vary locally, each with the default domain.md gives.
use crate::audit;
use crate::error::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

/// One class of the 管理类型 model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Settings {
    /// "three" or "five".
    pub mgmt_model: String,
    pub mgmt_classes: Vec<MgmtClass>,
    /// The larger-text switch: scales the UI by 1.25.
    pub large_text: bool,
}

fn raw(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

fn put(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

pub fn get(conn: &Connection) -> Result<Settings> {
    let mgmt_model = raw(conn, "mgmt_model")?.unwrap_or_else(|| "three".into());
    let mgmt_classes = match raw(conn, "mgmt_classes")? {
        Some(json) => serde_json::from_str(&json)?,
        None => default_classes(&mgmt_model),
    };
    let large_text = raw(conn, "large_text")?.as_deref() == Some("1");
    Ok(Settings { mgmt_model, mgmt_classes, large_text })
}

/// Saves the settings. Switching the model resets the class names to that model's defaults; members keep their
/// old class until re-classified, and show as 未分类 meanwhile.
pub fn update(conn: &mut Connection, actor: &str, new: &Settings) -> Result<Settings> {
    if new.mgmt_model != "three" && new.mgmt_model != "five" {
        return Err(Error::invalid("mgmt_model", "UNKNOWN_CODE", "管理类型模式只能是“三类”或“五类”"));
    }
    let tx = conn.transaction()?;
    let before = get(&tx)?;
    let classes = if new.mgmt_model != before.mgmt_model {
        default_classes(&new.mgmt_model)
    } else {
        let defaults = default_classes(&new.mgmt_model);
        // Only names are editable; the keys of the model stay fixed so members keep their class.
        defaults
            .into_iter()
            .map(|d| {
                let name = new.mgmt_classes.iter().find(|c| c.key == d.key).map(|c| c.name.trim().to_string());
                MgmtClass { name: name.filter(|n| !n.is_empty()).unwrap_or(d.name), key: d.key }
            })
            .collect()
    };
    put(&tx, "mgmt_model", &new.mgmt_model)?;
    put(&tx, "mgmt_classes", &serde_json::to_string(&classes)?)?;
    put(&tx, "large_text", if new.large_text { "1" } else { "0" })?;
    let after = get(&tx)?;
    audit::record(&tx, actor, "update", "settings", None, Some(&before), Some(&after))?;
    tx.commit()?;
    Ok(after)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db;

    #[test]
    fn defaults_and_renames() {
        let mut conn = db::open_in_memory().unwrap();
        let s = get(&conn).unwrap();
        assert_eq!(s.mgmt_model, "three");
        assert_eq!(s.mgmt_classes[0].name, "先锋型");
        let mut edited = s.clone();
        edited.mgmt_classes[0].name = "先锋模范型".into();
        edited.large_text = true;
        let s = update(&mut conn, "书记", &edited).unwrap();
        assert_eq!(s.mgmt_classes[0].name, "先锋模范型");
        assert!(s.large_text);
        let mut five = s.clone();
        five.mgmt_model = "five".into();
        let s = update(&mut conn, "书记", &five).unwrap();
        assert_eq!(s.mgmt_classes.len(), 5);
        assert_eq!(s.mgmt_classes[3].name, "帮扶型");
    }
}

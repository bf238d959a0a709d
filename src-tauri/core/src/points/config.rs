//! The points scheme and its tiers (points' share of 设置).
use crate::kernel::error::Result;
use crate::store::kv;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

/// 积分 (domain.md section 7). The default is the 百分制: 基础积分 60 a year kept by doing the duties, deductions off
/// it, 奖励 earned up to 40 a year; tiers ≥90 优秀, 75–89 良好, 60–74 合格, <60 待提升. Branches set up before
/// it keep the `legacy` scheme (基础分 100, attendance earns points, no 奖励 cap) until they switch in 设置.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct PointsSettings {
    /// hundred (百分制, the default) or legacy. Settings saved before the field existed are legacy.
    #[serde(default = "legacy_scheme")]
    pub scheme: String,
    /// 基础积分: each member starts the year with it.
    pub base: f64,
    /// The most 奖励 that counts in a year; none means no cap.
    #[serde(default)]
    pub bonus_cap: Option<f64>,
    pub excellent: f64,
    pub good: f64,
    pub pass: f64,
    /// YYYY-MM the branch switched scheme: entries before it stay in the ledger but no longer count in that
    /// year's score.
    #[serde(default)]
    pub counted_from: Option<String>,
}

fn legacy_scheme() -> String {
    "legacy".into()
}

impl Default for PointsSettings {
    fn default() -> Self {
        PointsSettings { scheme: "hundred".into(), base: 60.0, bonus_cap: Some(40.0), excellent: 90.0, good: 75.0, pass: 60.0, counted_from: None }
    }
}

impl PointsSettings {
    /// 优秀, 良好, 合格 or 待提升 for a year's cumulative score.
    pub fn tier(&self, score: f64) -> &'static str {
        if score >= self.excellent {
            "优秀"
        } else if score >= self.good {
            "良好"
        } else if score >= self.pass {
            "合格"
        } else {
            "待提升"
        }
    }
}

/// The branch's scheme; the 百分制 defaults when nothing is saved.
pub fn get(conn: &Connection) -> Result<PointsSettings> {
    Ok(match kv::get(conn, "points")? {
        Some(json) => serde_json::from_str(&json)?,
        None => PointsSettings::default(),
    })
}

/// Saves the points settings alone, in the caller's transaction (switching scheme, saving 设置).
pub fn put(conn: &Connection, p: &PointsSettings) -> Result<()> {
    kv::put(conn, "points", &serde_json::to_string(p)?)
}

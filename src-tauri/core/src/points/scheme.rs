//! 积分方案: switching a branch from the legacy scheme to the 百分制.
use super::config::{self, PointsSettings};
use super::rules::{rule, rules};
use super::store;
use crate::kernel::error::{Error, Result};
use crate::store::audit;

use chrono::NaiveDate;
use rusqlite::Connection;

/// The 奖励 rules of the 百分制 a branch switching to it may lack: (name, tenths).
const HUNDRED_BONUSES: [(&str, i64); 2] = [("党课主讲/先进事迹", 50), ("参加党员冬春训/集中培训", 20)];

/// Switches an existing branch to the 百分制 of domain.md section 7 from this month: 基础积分 60, 奖励 capped at 40
/// a year, tiers 90/75/60; the rules that give points for attending are retired and the 百分制's 奖励 rules added.
/// Nothing recorded is rewritten: entries before this month stay in the ledger and the member histories but no
/// longer count in this year's score.
pub fn adopt_hundred(conn: &mut Connection, actor: &str, today: NaiveDate) -> Result<PointsSettings> {
    let tx = conn.transaction()?;
    let before = config::get(&tx)?;
    if before.scheme == "hundred" {
        return Err(Error::invalid("points.scheme", "ALREADY", "本支部已经在使用百分制积分方案"));
    }
    for r in rules(&tx, false)?.into_iter().filter(|r| r.data.category == "base" && r.data.attendance.as_deref() == Some("present")) {
        store::set_rule_active(&tx, r.id, false)?;
        let after = rule(&tx, r.id)?;
        audit::record(&tx, actor, "retire", "point_rule", Some(r.id), Some(&r), Some(&after))?;
    }
    for (name, points) in HUNDRED_BONUSES {
        if !store::rule_named(&tx, name)? {
            let id = store::insert_bonus_rule(&tx, name, points)?;
            let r = rule(&tx, id)?;
            audit::record(&tx, actor, "create", "point_rule", Some(r.id), None::<&()>, Some(&r))?;
        }
    }
    let points = PointsSettings { counted_from: Some(today.format("%Y-%m").to_string()), ..PointsSettings::default() };
    config::put(&tx, &points)?;
    let after = config::get(&tx)?;
    audit::record(&tx, actor, "switch_scheme", "settings", None, Some(&before), Some(&after))?;
    tx.commit()?;
    Ok(after)
}

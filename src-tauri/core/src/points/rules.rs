//! 积分规则: the catalog of rules (基础项, 奖励, 扣减), their checks and their changes. A change applies to entries
//! made from then on; entries already recorded keep their points and name.
use super::store;
use super::tenths::to_tenths;
use crate::kernel::codes;
use crate::kernel::error::{Error, FieldError, Result};
use crate::store::audit;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

/// 基础项 / 奖励 / 扣减. 基础项 adds to the 基础积分 (the yearly base in the settings); the name says so, so that a
/// column of the month's 基础项 is not mistaken for the 基础积分 itself.
pub const CATEGORY: codes::CodeList = &[("base", "基础项"), ("bonus", "奖励"), ("deduction", "扣减")];
/// 每次 / 每小时.
pub const UNIT: codes::CodeList = &[("time", "每次"), ("hour", "每小时")];


/// A rule's own fields: what the form submits and what the catalog holds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct RuleData {
    pub name: String,
    /// base, bonus or deduction.
    pub category: String,
    /// Per time or per hour; negative for deductions.
    pub points: f64,
    /// time or hour.
    pub unit: String,
    pub monthly_cap: Option<f64>,
    /// Meeting kinds whose attendance produces entries.
    pub meeting_kinds: Vec<String>,
    /// The attendance status those entries follow.
    pub attendance: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Rule {
    pub id: i64,
    #[serde(flatten)]
    pub data: RuleData,
    pub active: bool,
}

/// Active rules first, in the catalog's order; retired ones only when asked.
pub fn rules(conn: &Connection, include_retired: bool) -> Result<Vec<Rule>> {
    store::rules(conn, include_retired)
}

pub fn rule(conn: &Connection, id: i64) -> Result<Rule> {
    store::rule(conn, id)
}

/// A rule named rather than numbered (the CLI's `"rule": "志愿服务"`): its id among the active rules, or a Chinese
/// error naming it.
pub fn rule_id_by_name(conn: &Connection, name: &str) -> Result<i64> {
    rules(conn, false)?
        .into_iter()
        .find(|r| r.data.name == name)
        .map(|r| r.id)
        .ok_or_else(|| Error::invalid("rule_id", "REQUIRED", format!("没有名为“{name}”的积分规则，可用 `points rules` 查看")))
}

fn check_rule(input: &RuleData) -> Result<()> {
    let mut errs = Vec::new();
    let name = input.name.trim();
    if name.is_empty() {
        errs.push(FieldError::new("name", "REQUIRED", "请填写规则名称，例如“志愿服务”"));
    } else if name.chars().count() > 30 {
        errs.push(FieldError::new("name", "TOO_LONG", "规则名称太长，最多30个字"));
    }
    let category = codes::name_of(CATEGORY, &input.category);
    if category.is_none() {
        errs.push(FieldError::new("category", "REQUIRED", "请选择类别：基础、奖励或扣减"));
    }
    let t = to_tenths(input.points);
    if t == 0 || input.points.abs() > 100.0 {
        errs.push(FieldError::new("points", "OUT_OF_RANGE", "分值请填 −100 至 100 之间、不为 0 的数，可带一位小数，例如 2 或 −0.5"));
    } else if input.category == "deduction" && t > 0 {
        errs.push(FieldError::new("points", "SIGN", "扣减类规则的分值应为负数，例如 −2"));
    } else if category.is_some() && input.category != "deduction" && t < 0 {
        errs.push(FieldError::new("points", "SIGN", "基础类和奖励类规则的分值应为正数；扣分请把类别选为“扣减”"));
    }
    if codes::name_of(UNIT, &input.unit).is_none() {
        errs.push(FieldError::new("unit", "REQUIRED", "请选择计分单位：每次或每小时"));
    }
    if input.monthly_cap.is_some_and(|c| to_tenths(c) <= 0 || c > 1000.0) {
        errs.push(FieldError::new("monthly_cap", "OUT_OF_RANGE", "每月上限请填正数（扣减类表示每月最多扣多少分），不设上限请留空"));
    }
    for k in &input.meeting_kinds {
        if codes::name_of(codes::MEETING_KIND, k).is_none() {
            errs.push(FieldError::new("meeting_kinds", "UNKNOWN_CODE", format!("会议类型“{k}”不存在，请从列表中选择")));
        }
    }
    let status = input.attendance.as_deref().filter(|s| !s.is_empty());
    match (input.meeting_kinds.is_empty(), status) {
        (false, None) => errs.push(FieldError::new("attendance", "REQUIRED", "关联了会议类型，请选择按哪种出席情况计分：出席、请假或缺席")),
        (true, Some(_)) => errs.push(FieldError::new("meeting_kinds", "REQUIRED", "按出席情况计分，请勾选关联的会议类型")),
        (_, Some(s)) if codes::name_of(codes::ATTENDANCE, s).is_none() => {
            errs.push(FieldError::new("attendance", "UNKNOWN_CODE", "出席情况只能是出席、请假或缺席"))
        }
        _ => {}
    }
    if !input.meeting_kinds.is_empty() && input.unit != "time" {
        errs.push(FieldError::new("unit", "LINKED_UNIT", "按出席情况计分的规则只能“每次”计分"));
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(errs))
    }
}

/// Two active rules of one name cannot be told apart in the 月度积分表 or the entry form: one name, one rule.
fn unique_name(conn: &Connection, name: &str, except: Option<i64>) -> Result<()> {
    let name = name.trim();
    if store::rules(conn, false)?.iter().any(|r| Some(r.id) != except && r.data.name.trim() == name) {
        return Err(Error::invalid(
            "name",
            "DUPLICATE_NAME",
            format!("已有名为“{name}”的积分规则。同名规则在积分表里分不清，请换一个名称，或修改原来的规则"),
        ));
    }
    Ok(())
}

pub fn create_rule(conn: &mut Connection, actor: &str, input: &RuleData) -> Result<Rule> {
    check_rule(input)?;
    let tx = conn.transaction()?;
    unique_name(&tx, &input.name, None)?;
    let id = store::insert_rule(&tx, input)?;
    let r = rule(&tx, id)?;
    audit::record(&tx, actor, "create", "point_rule", Some(r.id), None::<&()>, Some(&r))?;
    tx.commit()?;
    Ok(r)
}

/// Changes a rule for entries made from now on; entries already recorded keep their points and name.
pub fn update_rule(conn: &mut Connection, actor: &str, id: i64, input: &RuleData) -> Result<Rule> {
    check_rule(input)?;
    let tx = conn.transaction()?;
    let before = rule(&tx, id)?;
    if before.active {
        unique_name(&tx, &input.name, Some(id))?;
    }
    store::update_rule(&tx, id, input)?;
    let after = rule(&tx, id)?;
    audit::record(&tx, actor, "update", "point_rule", Some(id), Some(&before), Some(&after))?;
    tx.commit()?;
    Ok(after)
}

/// Retires (or brings back) a rule; retired rules take no new entries and keep the old ones.
pub fn set_rule_active(conn: &mut Connection, actor: &str, id: i64, active: bool) -> Result<Rule> {
    let tx = conn.transaction()?;
    let before = rule(&tx, id)?;
    if active && !before.active {
        unique_name(&tx, &before.data.name, Some(id))?;
    }
    store::set_rule_active(&tx, id, active)?;
    let after = rule(&tx, id)?;
    audit::record(&tx, actor, if active { "restore" } else { "retire" }, "point_rule", Some(id), Some(&before), Some(&after))?;
    tx.commit()?;
    Ok(after)
}

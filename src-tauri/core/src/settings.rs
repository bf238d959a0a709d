//! Settings that vary locally, each with the default domain.md gives.
use crate::store::{audit, kv};
use crate::{dues, meetings, members, points};
pub use crate::dues::DuesSettings;
pub use crate::development::config::WorkdayCalendar;
pub use crate::meetings::config::{default_meeting_rules, MeetingRule};
pub use crate::members::config::{default_classes, MgmtClass};
pub use crate::points::config::PointsSettings;
use crate::meetings::config::{default_leave_policy, default_theme_day};
use crate::kernel::codes;
use crate::kernel::error::{Error, FieldError, Result};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct Settings {
    /// "three" or "five".
    pub mgmt_model: String,
    pub mgmt_classes: Vec<MgmtClass>,
    /// The larger-text switch: scales the UI by 1.25.
    pub large_text: bool,
    /// Required frequency of each kind of meeting.
    #[serde(default = "default_meeting_rules")]
    pub meeting_rules: Vec<MeetingRule>,
    /// How 请假 counts in 参学率: absent (default), exclude, present.
    #[serde(default = "default_leave_policy")]
    pub leave_policy: String,
    /// 主题党日's fixed day of the month (1–28); 0 when the branch has none.
    #[serde(default = "default_theme_day")]
    pub theme_day: u32,
    #[serde(default)]
    pub points: PointsSettings,
    #[serde(default)]
    pub dues: DuesSettings,
    /// 法定假日 and 调休上班日 (C8), for periods counted in 工作日 (公示).
    #[serde(default)]
    pub workdays: WorkdayCalendar,
}

impl Settings {
    pub fn rule(&self, kind: &str) -> Option<&MeetingRule> {
        meetings::config::rule(&self.meeting_rules, kind)
    }
}

pub fn get(conn: &Connection) -> Result<Settings> {
    Ok(Settings {
        mgmt_model: members::config::model(conn)?,
        mgmt_classes: members::config::classes(conn)?,
        large_text: kv::get(conn, "large_text")?.as_deref() == Some("1"),
        meeting_rules: meetings::config::rules(conn)?,
        leave_policy: meetings::config::leave_policy(conn)?,
        theme_day: meetings::config::theme_day(conn)?,
        points: points::config::get(conn)?,
        dues: dues::config::get(conn)?,
        workdays: crate::development::config::get(conn)?,
    })
}

/// Saves the settings. Switching the model resets the class names to that model's defaults; members keep their
/// old class until re-classified, and show as 未分类 meanwhile.
pub fn update(conn: &mut Connection, actor: &str, new: &Settings) -> Result<Settings> {
    if new.mgmt_model != "three" && new.mgmt_model != "five" {
        return Err(Error::invalid("mgmt_model", "UNKNOWN_CODE", "管理类型模式只能是“三类”或“五类”"));
    }
    let mut errs = Vec::new();
    for r in &new.meeting_rules {
        let kind = codes::name_of(codes::MEETING_KIND, &r.kind);
        if kind.is_none() || codes::name_of(codes::FREQUENCY, &r.frequency).is_none() || !(1..=12).contains(&r.from_month) {
            errs.push(FieldError::new(
                &format!("meeting_rules.{}", r.kind),
                "UNKNOWN_CODE",
                format!("{}的召开频次不正确，请从列表中选择", kind.unwrap_or("会议")),
            ));
        }
    }
    if codes::name_of(codes::LEAVE_POLICY, &new.leave_policy).is_none() {
        errs.push(FieldError::new("leave_policy", "UNKNOWN_CODE", "请选择请假在参学率中的计算方式"));
    }
    if new.theme_day > 28 {
        errs.push(FieldError::new("theme_day", "OUT_OF_RANGE", "主题党日固定日期请填 1 至 28 日（每月都有的日子），不固定请填 0"));
    }
    let p = &new.points;
    if !(0.0..=1000.0).contains(&p.base) {
        errs.push(FieldError::new("points.base", "OUT_OF_RANGE", "基础积分请填 0 至 1000 分"));
    }
    if !(p.excellent > p.good && p.good > p.pass && p.pass >= 0.0) {
        errs.push(FieldError::new("points.tiers", "TIER_ORDER", "等次分数线应从高到低：优秀 > 良好 > 合格 ≥ 0，例如 90、75、60"));
    }
    if p.bonus_cap.is_some_and(|c| !(0.0..=1000.0).contains(&c)) {
        errs.push(FieldError::new("points.bonus_cap", "OUT_OF_RANGE", "奖励积分年度上限请填 0 至 1000 分，不设上限请留空"));
    }
    let rules = dues::rules::rule_set_on(&crate::kernel::dates::iso(crate::kernel::dates::today()));
    if !(rules.chosen_min..=rules.chosen_max).contains(&new.dues.farmer_fen) {
        errs.push(FieldError::new(
            "dues.farmer_fen",
            "OUT_OF_RANGE",
            format!("农民党员每月交纳党费应在 {}—{} 元之间", crate::kernel::money::yuan(rules.chosen_min), crate::kernel::money::yuan(rules.chosen_max)),
        ));
    }
    for (field, list, label) in [("workdays.holidays", &new.workdays.holidays, "法定假日"), ("workdays.workdays", &new.workdays.workdays, "调休上班日")] {
        let bad: Vec<&String> = list.iter().filter(|d| crate::kernel::dates::parse(d).is_none()).collect();
        if !bad.is_empty() {
            errs.push(FieldError::new(field, "BAD_DATE", format!("{label}里的“{}”不是正确的日期，请按 2026-10-01 的格式填写", bad.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("、"))));
        }
    }
    if new.dues.change_from != "pay_month" && new.dues.change_from != "yearly" {
        errs.push(FieldError::new("dues.change_from", "UNKNOWN_CODE", "请选择收入变化后新基数从何时起算"));
    }
    if !errs.is_empty() {
        return Err(Error::Invalid(errs));
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
    kv::put(&tx, "mgmt_model", &new.mgmt_model)?;
    kv::put(&tx, "mgmt_classes", &serde_json::to_string(&classes)?)?;
    kv::put(&tx, "large_text", if new.large_text { "1" } else { "0" })?;
    kv::put(&tx, "meeting_rules", &serde_json::to_string(&new.meeting_rules)?)?;
    kv::put(&tx, "leave_policy", &new.leave_policy)?;
    kv::put(&tx, "theme_day", &new.theme_day.to_string())?;
    // The scheme and the month it counts from change only by switching (points::adopt_hundred).
    let points = PointsSettings { scheme: before.points.scheme.clone(), counted_from: before.points.counted_from.clone(), ..new.points.clone() };
    points::config::put(&tx, &points)?;
    dues::config::put(&tx, &new.dues)?;
    let mut cal = new.workdays.clone();
    for list in [&mut cal.holidays, &mut cal.workdays] {
        list.sort();
        list.dedup();
    }
    crate::development::config::put(&tx, &cal)?;
    let after = get(&tx)?;
    audit::record(&tx, actor, "update", "settings", None, Some(&before), Some(&after))?;
    tx.commit()?;
    Ok(after)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::db;

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

    #[test]
    fn meeting_settings_default_and_validate() {
        let mut conn = db::open_in_memory().unwrap();
        let s = get(&conn).unwrap();
        assert_eq!(s.rule("committee").unwrap().frequency, "monthly");
        assert_eq!(s.rule("life_meeting").unwrap().from_month, 10);
        assert_eq!(s.leave_policy, "absent");
        let mut edited = s.clone();
        edited.meeting_rules.iter_mut().find(|r| r.kind == "lecture").unwrap().frequency = "off".into();
        edited.leave_policy = "exclude".into();
        edited.theme_day = 15;
        let s = update(&mut conn, "书记", &edited).unwrap();
        assert!(s.rule("lecture").is_none(), "off is no requirement");
        assert_eq!((s.leave_policy.as_str(), s.theme_day), ("exclude", 15));
        let mut bad = s.clone();
        bad.meeting_rules[0].frequency = "weekly".into();
        bad.theme_day = 31;
        let Error::Invalid(f) = update(&mut conn, "书记", &bad).unwrap_err() else { panic!() };
        assert_eq!(f.len(), 2);
        assert!(f[0].message.contains("支部党员大会"));
        assert_eq!(get(&conn).unwrap().theme_day, 15, "nothing saved on rejection");
    }

    #[test]
    fn points_tiers() {
        let mut conn = db::open_in_memory().unwrap();
        let mut s = get(&conn).unwrap();
        assert_eq!((s.points.tier(90.0), s.points.tier(89.5), s.points.tier(60.0), s.points.tier(59.9)), ("优秀", "良好", "合格", "待提升"));
        s.points.good = 95.0;
        let Error::Invalid(f) = update(&mut conn, "书记", &s).unwrap_err() else { panic!() };
        assert_eq!(f[0].code, "TIER_ORDER");
        s.points = PointsSettings { base: 0.0, excellent: 30.0, good: 20.0, pass: 10.0, ..Default::default() };
        assert_eq!(update(&mut conn, "书记", &s).unwrap().points.base, 0.0);
    }
}

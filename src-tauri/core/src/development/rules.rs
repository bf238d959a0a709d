//! The time rules of 发展党员 (发展党员工作细则 2014, domain.md section 10) as data with their rule-set (`dev-2014`),
//! and the computations every step needs: 预备期满 (C7), deadlines and earliest dates (C3, C4), 公示 in 工作日 (C8),
//! training, age on the meeting day (C5) and the 支部大会 vote (C13). Pure: no data file.
use crate::kernel::dates::{add_months, add_workdays, age_at, iso};
use crate::kernel::error::{Error, Result};
use chrono::NaiveDate;
use serde::Serialize;

/// The limits of one rule-set. A revised rule is a new row with the date it applies from.
#[derive(Debug)]
pub struct DevRuleSet {
    pub id: &'static str,
    pub from: &'static str,
    /// 党组织派人谈话 within this many months of receiving the application (C3).
    pub talk_months: i32,
    /// 确定发展对象 no earlier than this many months after becoming 入党积极分子 (C4).
    pub activist_months: i32,
    /// 培养考察 at least every this many months.
    pub review_months: i32,
    /// 集中培训: at least this many days, or at least this many 学时.
    pub training_days: u32,
    pub training_hours: u32,
    /// 公示 of at least this many 工作日 (C8).
    pub notice_workdays: u32,
    /// 上级党委审批 within this many months of the 支部大会 (special cases: `approval_special_months`).
    pub approval_months: i32,
    pub approval_special_months: i32,
    /// 预备期, and its one extension (C7).
    pub probation_months: i32,
    pub extension_min: i32,
    pub extension_max: i32,
    /// 周岁 on the day of the 支部大会 that accepts the person.
    pub min_age: i32,
}

pub const DEV_2014: DevRuleSet = DevRuleSet {
    id: "dev-2014",
    from: "2014-05-28",
    talk_months: 1,
    activist_months: 12,
    review_months: 6,
    training_days: 3,
    training_hours: 24,
    notice_workdays: 5,
    approval_months: 3,
    approval_special_months: 6,
    probation_months: 12,
    extension_min: 6,
    extension_max: 12,
    min_age: 18,
};

/// The five stages.
pub const STAGES: &[&str] = &["申请入党", "入党积极分子的确定和培养教育", "发展对象的确定和考察", "预备党员的接收", "预备党员的教育考察和转正"];

/// The 25 steps: (number, stage 1–5, name).
pub const STEPS: &[(u8, u8, &str)] = &[
    (1, 1, "递交入党申请书"),
    (2, 1, "党组织派人谈话"),
    (3, 2, "推荐和确定入党积极分子"),
    (4, 2, "上级党委备案"),
    (5, 2, "指定培养联系人"),
    (6, 2, "培养教育考察"),
    (7, 3, "确定发展对象"),
    (8, 3, "报上级党委备案"),
    (9, 3, "确定入党介绍人"),
    (10, 3, "进行政治审查"),
    (11, 3, "开展集中培训"),
    (12, 4, "支部委员会审查"),
    (13, 4, "上级党委预审"),
    (14, 4, "填写入党志愿书"),
    (15, 4, "支部大会讨论"),
    (16, 4, "上级党委派人谈话"),
    (17, 4, "上级党委审批"),
    (18, 4, "再上一级党委组织部门备案"),
    (19, 5, "编入党支部和党小组"),
    (20, 5, "入党宣誓"),
    (21, 5, "继续教育考察"),
    (22, 5, "提出转正申请"),
    (23, 5, "支部大会讨论转正"),
    (24, 5, "上级党委审批转正"),
    (25, 5, "材料归档"),
];

/// C7: the end of the 预备期 — 12 months from the 支部大会 that accepted the person, plus one extension of 6–12
/// months if there was one. 按期转正 means 转正日 = this date even when the meeting or approval comes later.
pub fn probation_end(accepted: NaiveDate, extensions: &[i32], rules: &DevRuleSet) -> Result<NaiveDate> {
    if extensions.len() > 1 {
        return Err(Error::invalid(
            "extension_months",
            "SECOND_EXTENSION",
            format!("预备期只能延长一次（发展党员工作细则，{}），不能再次延长", rules.id),
        ));
    }
    let end = add_months(accepted, rules.probation_months);
    match extensions.first() {
        None => Ok(end),
        Some(&k) if (rules.extension_min..=rules.extension_max).contains(&k) => Ok(add_months(end, k)),
        Some(&k) => Err(Error::invalid(
            "extension_months",
            "BAD_EXTENSION",
            format!("延长预备期的时间应为 {}—{} 个月（发展党员工作细则，{}），{k} 个月不符合规定", rules.extension_min, rules.extension_max, rules.id),
        )),
    }
}

/// What a step's time rule gives from a date: a deadline (act on or before `due`, C3), an earliest date (act on
/// or after `earliest`, C4), or the end of a 公示 (C8).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Due {
    pub step: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub earliest: Option<String>,
    /// The rule in words, for the secretary.
    pub rule: String,
}

/// The time rule of a step counted from `from` (the date the rule starts at: the application, becoming 积极分子,
/// the 支部大会, the last 考察, the first day of 公示, the end of the 预备期). `special` takes the longer 审批 limit.
pub fn deadline(step: &str, from: NaiveDate, special: bool, holidays: &[NaiveDate], workdays: &[NaiveDate], rules: &DevRuleSet) -> Result<Due> {
    let due = |d: NaiveDate, rule: String| Due { step: step.to_string(), due: Some(iso(d)), earliest: None, rule };
    Ok(match step.trim() {
        "谈话" | "党组织派人谈话" => due(add_months(from, rules.talk_months), format!("收到入党申请书后 {} 个月内派人谈话", rules.talk_months)),
        "确定发展对象" => Due {
            step: step.to_string(),
            due: None,
            earliest: Some(iso(add_months(from, rules.activist_months))),
            rule: format!("经过 {} 个月以上培养教育和考察，方可确定为发展对象", rules.activist_months),
        },
        "考察" | "培养教育考察" | "继续教育考察" => due(add_months(from, rules.review_months), format!("每 {} 个月至少考察一次", rules.review_months)),
        "公示" => due(add_workdays(from, rules.notice_workdays, holidays, workdays), format!("公示不少于 {} 个工作日", rules.notice_workdays)),
        "审批" | "上级党委审批" | "转正审批" | "上级党委审批转正" => {
            let m = if special { rules.approval_special_months } else { rules.approval_months };
            due(add_months(from, m), format!("支部大会讨论后 {m} 个月内审批"))
        }
        "转正" | "预备期满" => due(add_months(from, rules.probation_months), format!("预备期 {} 个月", rules.probation_months)),
        other => {
            return Err(Error::invalid(
                "step",
                "UNKNOWN_STEP",
                format!("“{other}”没有时间要求；有时间要求的步骤：谈话、确定发展对象、考察、公示、审批、转正审批、预备期满"),
            ))
        }
    })
}

/// 集中培训: at least 3 days or at least 24 学时.
pub fn training_enough(days: u32, hours: u32, rules: &DevRuleSet) -> bool {
    days >= rules.training_days || hours >= rules.training_hours
}

/// 年满十八岁 on the day of the 支部大会 (C5: 18 on the 18th birthday).
pub fn old_enough(birth: NaiveDate, meeting: NaiveDate, rules: &DevRuleSet) -> bool {
    age_at(birth, meeting) >= rules.min_age
}

/// C13: the 支部大会's vote.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Vote {
    pub quorate: bool,
    pub passed: bool,
}

/// quorate iff 2 × 到会有表决权 > 应到会有表决权; passes iff 2 × (赞成 + 书面赞成) > 应到会有表决权.
pub fn vote(expected: u32, present: u32, yes: u32, written_yes: u32, no: u32, abstain: u32) -> Result<Vote> {
    let mut errs = Vec::new();
    if present > expected {
        errs.push(crate::FieldError::new("present", "TOO_MANY", format!("实到有表决权的 {present} 人多于应到的 {expected} 人")));
    }
    if yes + no + abstain > present {
        errs.push(crate::FieldError::new("yes", "TOO_MANY", format!("赞成、反对、弃权合计 {} 票，多于实到的 {present} 人", yes + no + abstain)));
    }
    if written_yes > expected.saturating_sub(present) {
        errs.push(crate::FieldError::new("written_yes", "TOO_MANY", "书面表示赞成的只能是因故不能到会的有表决权党员"));
    }
    if !errs.is_empty() {
        return Err(Error::Invalid(errs));
    }
    Ok(Vote { quorate: 2 * present > expected, passed: 2 * (yes + written_yes) > expected })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernel::dates::parse;

    fn d(s: &str) -> NaiveDate {
        parse(s).unwrap()
    }

    #[test]
    fn there_are_twenty_five_steps_in_five_stages() {
        assert_eq!(STEPS.len(), 25);
        assert!(STEPS.iter().enumerate().all(|(i, s)| s.0 as usize == i + 1));
        assert_eq!(STEPS.iter().map(|s| s.1).max(), Some(STAGES.len() as u8));
    }

    #[test]
    fn probation_ends_a_year_on_and_an_extension_once() {
        assert_eq!(probation_end(d("2025-07-01"), &[], &DEV_2014).unwrap(), d("2026-07-01"));
        assert_eq!(probation_end(d("2025-07-01"), &[6], &DEV_2014).unwrap(), d("2027-01-01"));
        assert_eq!(probation_end(d("2024-02-29"), &[], &DEV_2014).unwrap(), d("2025-02-28"));
        assert_eq!(probation_end(d("2025-08-31"), &[6], &DEV_2014).unwrap(), d("2027-02-28"));
        assert_eq!(probation_end(d("2025-07-01"), &[12], &DEV_2014).unwrap(), d("2027-07-01"));
        assert_eq!(probation_end(d("2025-07-01"), &[5], &DEV_2014).unwrap_err().code(), "BAD_EXTENSION");
        assert_eq!(probation_end(d("2025-07-01"), &[13], &DEV_2014).unwrap_err().code(), "BAD_EXTENSION");
        assert_eq!(probation_end(d("2025-07-01"), &[6, 6], &DEV_2014).unwrap_err().code(), "SECOND_EXTENSION");
    }

    #[test]
    fn deadlines_fall_back_to_the_month_end_and_earliest_dates_are_inclusive() {
        let due = |step: &str, from: &str| deadline(step, d(from), false, &[], &[], &DEV_2014).unwrap();
        assert_eq!(due("谈话", "2025-01-31").due.as_deref(), Some("2025-02-28"));
        assert_eq!(due("谈话", "2024-01-31").due.as_deref(), Some("2024-02-29"));
        assert_eq!(due("确定发展对象", "2024-02-29").earliest.as_deref(), Some("2025-02-28"));
        assert_eq!(due("确定发展对象", "2025-03-15").earliest.as_deref(), Some("2026-03-15"));
        assert_eq!(due("审批", "2026-08-31").due.as_deref(), Some("2026-11-30"));
        assert_eq!(deadline("审批", d("2026-08-31"), true, &[], &[], &DEV_2014).unwrap().due.as_deref(), Some("2027-02-28"));
        assert_eq!(due("公示", "2026-12-04").due.as_deref(), Some("2026-12-10"));
        assert_eq!(deadline("入党宣誓", d("2026-01-01"), false, &[], &[], &DEV_2014).unwrap_err().code(), "UNKNOWN_STEP");
    }

    #[test]
    fn training_and_age_on_the_meeting_day() {
        assert!(training_enough(3, 0, &DEV_2014) && training_enough(0, 24, &DEV_2014) && training_enough(2, 24, &DEV_2014));
        assert!(!training_enough(2, 23, &DEV_2014));
        assert!(old_enough(d("2008-12-04"), d("2026-12-04"), &DEV_2014));
        assert!(!old_enough(d("2008-12-05"), d("2026-12-04"), &DEV_2014));
        assert!(old_enough(d("2008-02-29"), d("2026-02-28"), &DEV_2014));
    }

    #[test]
    fn the_vote_needs_more_than_half_of_those_entitled() {
        assert_eq!(vote(20, 11, 9, 2, 1, 1).unwrap(), Vote { quorate: true, passed: true });
        // Exactly half is not more than half.
        assert_eq!(vote(20, 10, 10, 0, 0, 0).unwrap(), Vote { quorate: false, passed: false });
        assert_eq!(vote(20, 12, 10, 0, 2, 0).unwrap(), Vote { quorate: true, passed: false });
        assert_eq!(vote(21, 11, 11, 0, 0, 0).unwrap(), Vote { quorate: true, passed: true });
        assert_eq!(vote(20, 21, 1, 0, 0, 0).unwrap_err().code(), "TOO_MANY");
        assert_eq!(vote(20, 11, 9, 2, 1, 0).unwrap(), Vote { quorate: true, passed: true });
        assert_eq!(vote(20, 11, 9, 10, 0, 0).unwrap_err().code(), "TOO_MANY");
    }
}

//! How often each kind of meeting is due, how 请假 counts, the 主题党日 day (meetings' share of 设置).
use crate::kernel::error::Result;
use crate::store::kv;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

/// How often one kind of meeting is required (domain.md section 6; every one a setting).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct MeetingRule {
    pub kind: String,
    /// monthly, quarterly, half_yearly, yearly or off.
    pub frequency: String,
    /// For yearly meetings: the month from which this year's meeting is due (组织生活会 in Q4: 10).
    #[serde(default = "one")]
    pub from_month: u32,
}

fn one() -> u32 {
    1
}

/// The defaults of domain.md section 6. 谈心谈话 is per member, not a meeting, so it is not on the calendar.
pub fn default_meeting_rules() -> Vec<MeetingRule> {
    [
        ("branch_assembly", "quarterly", 1),
        ("committee", "monthly", 1),
        ("group", "monthly", 1),
        ("lecture", "quarterly", 1),
        ("theme_day", "monthly", 1),
        ("life_meeting", "yearly", 10),
        ("appraisal", "yearly", 10),
    ]
    .iter()
    .map(|(k, f, m)| MeetingRule { kind: k.to_string(), frequency: f.to_string(), from_month: *m })
    .collect()
}

pub fn default_leave_policy() -> String {
    "absent".into()
}

pub fn default_theme_day() -> u32 {
    1
}

/// The branch's rules: the defaults with what the branch saved laid over them (kinds added later keep their default).
pub fn rules(conn: &Connection) -> Result<Vec<MeetingRule>> {
    let mut rules = default_meeting_rules();
    if let Some(json) = kv::get(conn, "meeting_rules")? {
        let saved: Vec<MeetingRule> = serde_json::from_str(&json)?;
        for r in &mut rules {
            if let Some(s) = saved.iter().find(|s| s.kind == r.kind) {
                *r = s.clone();
            }
        }
    }
    Ok(rules)
}

/// The rule for one kind, unless that kind is switched off.
pub fn rule<'a>(rules: &'a [MeetingRule], kind: &str) -> Option<&'a MeetingRule> {
    rules.iter().find(|r| r.kind == kind && r.frequency != "off")
}

/// absent (default), exclude or present.
pub fn leave_policy(conn: &Connection) -> Result<String> {
    Ok(kv::get(conn, "leave_policy")?.unwrap_or_else(default_leave_policy))
}

/// 1–28, or 0 when the branch has no fixed day.
pub fn theme_day(conn: &Connection) -> Result<u32> {
    Ok(kv::get(conn, "theme_day")?.and_then(|v| v.parse().ok()).unwrap_or_else(default_theme_day))
}

//! 会议核对: the cleaned meeting and attendance list, or every problem with it at once, in Chinese.
use super::expected::expected;
use super::meeting::{AttendanceInput, MeetingInput};
use crate::kernel::codes;
use crate::kernel::dates;
use crate::kernel::error::{Error, FieldError, Result};
use crate::members::store::activity;
use crate::org::store::activity as org_activity;

use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::HashSet;

pub(super) use crate::kernel::form::text;

fn valid_time(t: &str) -> bool {
    chrono::NaiveTime::parse_from_str(t, "%H:%M").is_ok()
}

/// The cleaned meeting and attendance, or every problem at once.
pub(super) struct Checked {
    pub(super) kind: String,
    pub(super) state: String,
    pub(super) date: String,
    pub(super) branch_id: i64,
    pub(super) group_id: Option<i64>,
    pub(super) attendees: Vec<AttendanceInput>,
}

pub(super) fn check(conn: &Connection, input: &MeetingInput, today: NaiveDate) -> Result<Checked> {
    let mut errs = Vec::new();
    let kind = codes::normalize(codes::MEETING_KIND, &input.data.kind);
    if kind.is_none() {
        errs.push(FieldError::new("kind", "REQUIRED", "请选择会议类型（支部党员大会、支委会、党小组会、党课、主题党日等）"));
    }
    let state = match input.data.state.trim() {
        "" | "planned" => "planned",
        "held" => "held",
        _ => {
            errs.push(FieldError::new("state", "UNKNOWN_CODE", "会议状态只能是“计划召开”或“已召开”"));
            "planned"
        }
    };
    let date = dates::parse_flexible(&input.data.date);
    match date {
        None => errs.push(FieldError::new("date", "BAD_DATE", "请填写会议日期，例如 2026-11-05")),
        Some(d) if state == "held" && d > today => {
            errs.push(FieldError::new("date", "FUTURE_DATE", "已召开的会议日期不能晚于今天；还没开的会请选“计划召开”"))
        }
        _ => {}
    }
    for (field, label, v) in [("start_time", "开始时间", &input.data.start_time), ("end_time", "结束时间", &input.data.end_time)] {
        if let Some(t) = text(v) {
            if !valid_time(&t) {
                errs.push(FieldError::new(field, "BAD_TIME", format!("{label}“{t}”不正确，请按 09:30 的格式填写")));
            }
        }
    }
    if let (Some(s), Some(e)) = (text(&input.data.start_time), text(&input.data.end_time)) {
        if valid_time(&s) && valid_time(&e) && e <= s {
            errs.push(FieldError::new("end_time", "TIME_ORDER", "结束时间应晚于开始时间"));
        }
    }
    let topic = input.data.topic.trim();
    if topic.is_empty() {
        errs.push(FieldError::new("topic", "REQUIRED", "请填写会议主题，例如“学习党的二十届四中全会精神”"));
    } else if topic.chars().count() > 100 {
        errs.push(FieldError::new("topic", "TOO_LONG", "会议主题太长，最多100个字；详细内容请写在“会议内容”里"));
    }
    let branches = org_activity::active_branches(conn)?;
    let group_branch: Option<i64> = match input.data.group_id {
        Some(g) => org_activity::group_branch(conn, g)?,
        None => None,
    };
    // A 党支部 has one branch, and a group names its branch: fill it in rather than asking.
    let branch_id = input.data.branch_id.or(group_branch).or(if branches.len() == 1 { Some(branches[0]) } else { None });
    match branch_id {
        None => errs.push(FieldError::new("branch_id", "REQUIRED", "请选择召开会议的党支部")),
        Some(b) if !branches.contains(&b) => errs.push(FieldError::new("branch_id", "UNKNOWN_CODE", "所选党支部不存在，请重新选择")),
        _ => {}
    }
    let group_id = if kind == Some("group") { input.data.group_id } else { None };
    if kind == Some("group") {
        match (input.data.group_id, group_branch) {
            (None, _) => errs.push(FieldError::new("group_id", "REQUIRED", "党小组会请选择党小组")),
            (Some(_), None) => errs.push(FieldError::new("group_id", "UNKNOWN_CODE", "所选党小组不存在，请重新选择")),
            (Some(_), Some(gb)) if Some(gb) != branch_id => {
                errs.push(FieldError::new("group_id", "GROUP_BRANCH", "所选党小组不属于该党支部，请重新选择"))
            }
            _ => {}
        }
    }
    let mut attendees = Vec::new();
    if let Some(list) = &input.attendees {
        let mut seen = HashSet::new();
        for a in list {
            if !seen.insert(a.member_id) {
                continue;
            }
            let Some(name) = activity::name(conn, a.member_id)? else {
                errs.push(FieldError::new("attendees", "UNKNOWN_MEMBER", format!("参会名单中编号 {} 的党员不存在，请刷新后重试", a.member_id)));
                continue;
            };
            let field = format!("attendees.{}", a.member_id);
            let Some(status) = codes::normalize(codes::ATTENDANCE, &a.status) else {
                errs.push(FieldError::new(&field, "UNKNOWN_CODE", format!("请为{name}选择出席、请假或缺席")));
                continue;
            };
            let mode = text(&a.mode).and_then(|m| codes::normalize(codes::PARTICIPATION_MODE, &m).map(str::to_string));
            if text(&a.mode).is_some() && mode.is_none() {
                errs.push(FieldError::new(&field, "UNKNOWN_CODE", format!("{name}的参学方式只能是现场、上门送学或网络学习")));
            }
            let mode = match (status, mode.as_deref()) {
                ("present", None) => Some("onsite".to_string()),
                ("present", Some("home")) => {
                    errs.push(FieldError::new(&field, "BAD_MODE", format!("{name}已出席会议，参学方式应为现场或网络；上门送学用于请假或缺席后的补学")));
                    None
                }
                ("present", _) => mode,
                (_, Some("onsite")) => {
                    errs.push(FieldError::new(&field, "BAD_MODE", format!("{name}未到会，不能记为现场参学；如已补学请选上门送学或网络学习")));
                    None
                }
                _ => mode,
            };
            let reason = text(&a.reason);
            if status == "leave" && reason.is_none() {
                errs.push(FieldError::new(&field, "REQUIRED", format!("请填写{name}的请假原因，例如“外出务工”“生病住院”")));
            }
            let makeup_date = match text(&a.makeup_date) {
                Some(d) => match dates::parse_flexible(&d) {
                    Some(d) => Some(dates::iso(d)),
                    None => {
                        errs.push(FieldError::new(&field, "BAD_DATE", format!("{name}的补学日期不是有效日期，请按 2026-11-05 的格式填写")));
                        None
                    }
                },
                None => None,
            };
            let made_up = status != "present" && mode.is_some();
            attendees.push(AttendanceInput {
                member_id: a.member_id,
                status: status.to_string(),
                mode,
                reason: if status == "leave" { reason } else { None },
                makeup_date: if made_up { makeup_date } else { None },
                makeup_by: if made_up { text(&a.makeup_by) } else { None },
                note: text(&a.note),
            });
        }
    }
    if !errs.is_empty() {
        return Err(Error::Invalid(errs));
    }
    let kind = kind.unwrap_or_default().to_string();
    let branch_id = branch_id.unwrap_or_default();
    if input.attendees.is_none() {
        attendees = expected(conn, &kind, branch_id, group_id)?
            .into_iter()
            .map(|member_id| AttendanceInput { member_id, status: "present".into(), mode: Some("onsite".into()), ..Default::default() })
            .collect();
    }
    Ok(Checked { kind, state: state.to_string(), date: dates::iso(date.unwrap_or(today)), branch_id, group_id, attendees })
}

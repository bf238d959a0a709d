//! 补学: a make-up after 请假 or 缺席 (上门送学 or 网络学习), recorded on the member's attendance.
use super::check::text;
use super::meeting::{detail, MeetingDetail};
use super::store;
use crate::kernel::codes;
use crate::kernel::dates;
use crate::kernel::error::{Error, FieldError, Result};
use crate::store::audit;

use rusqlite::Connection;
use serde::Deserialize;

/// A make-up after 请假 or 缺席 (上门送学 or 网络学习), recorded as the member's participation in that meeting.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct Makeup {
    pub meeting_id: i64,
    pub member_id: i64,
    /// home or online.
    pub mode: String,
    pub date: String,
    pub by: Option<String>,
    pub note: Option<String>,
}

pub fn record_makeup(conn: &mut Connection, actor: &str, m: &Makeup) -> Result<MeetingDetail> {
    let tx = conn.transaction()?;
    let before = detail(&tx, m.meeting_id)?;
    let Some(row) = before.attendees.iter().find(|a| a.attendance.member_id == m.member_id) else {
        return Err(Error::invalid("member_id", "NOT_EXPECTED", "该党员不在这次会议的应到名单中，请先在会议里加入名单"));
    };
    let mut errs = Vec::new();
    if before.meeting.data.state != "held" {
        errs.push(FieldError::new("meeting_id", "NOT_HELD", "这次会议还没有召开，不能登记补学"));
    }
    if row.attendance.status == "present" {
        errs.push(FieldError::new("member_id", "ALREADY_PRESENT", format!("{}已出席这次会议，不需要补学", row.name)));
    }
    let mode = codes::normalize(codes::PARTICIPATION_MODE, &m.mode).filter(|c| *c != "onsite");
    if mode.is_none() {
        errs.push(FieldError::new("mode", "REQUIRED", "请选择补学方式：上门送学或网络学习"));
    }
    let date = dates::parse_flexible(&m.date);
    match date {
        None => errs.push(FieldError::new("date", "BAD_DATE", "请填写补学日期，例如 2026-11-05")),
        Some(d) if d > dates::today() => errs.push(FieldError::new("date", "FUTURE_DATE", "补学日期不能晚于今天")),
        Some(d) if dates::parse(&before.meeting.data.date).is_some_and(|md| d < md) => {
            errs.push(FieldError::new("date", "DATE_ORDER", "补学日期不能早于会议日期"))
        }
        _ => {}
    }
    if !errs.is_empty() {
        return Err(Error::Invalid(errs));
    }
    store::record_makeup(&tx, m.meeting_id, m.member_id, mode, date.map(dates::iso), text(&m.by), text(&m.note))?;
    let after = detail(&tx, m.meeting_id)?;
    audit::record(&tx, actor, "makeup", "meeting", Some(m.meeting_id), Some(&before), Some(&after))?;
    tx.commit()?;
    Ok(after)
}

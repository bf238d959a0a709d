//! 组织生活 (三会一课, 主题党日): a meeting, its attendance and its life — planned ahead, completed later,
//! cancelled with a reason, never deleted. Who is expected is in expected.rs, the checks in check.rs, the counts in
//! tally.rs, make-ups in makeup.rs and the SQL in store.rs; their public items are re-exported here.
use super::check::{check, text, Checked};
use super::store;
use crate::kernel::dates;
use crate::kernel::error::{Error, Result};
use crate::members::store::activity;
use crate::org;
use crate::org::store::activity as org_activity;
use crate::points::{self, AttendeeFact, MeetingFacts};
use crate::store::audit;

use chrono::NaiveDate;
use rusqlite::{Connection, Transaction};
use serde::{Deserialize, Serialize};

pub use super::expected::{apply_exceptions, expected, expected_attendees, lost_contact_names, COMMITTEE_POSTS};
pub use super::makeup::{record_makeup, Makeup};
pub use super::tally::{quorum, tally, took_part, Quorum, Tally};

/// One expected attendee as the form submits it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct AttendanceInput {
    pub member_id: i64,
    /// present, leave or absent.
    pub status: String,
    /// onsite or online while present; home or online as a make-up after leave or absence.
    pub mode: Option<String>,
    /// Why the member asked for leave.
    pub reason: Option<String>,
    pub makeup_date: Option<String>,
    pub makeup_by: Option<String>,
    pub note: Option<String>,
}

/// A meeting's own fields: what the form submits and what a stored meeting holds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct MeetingData {
    pub kind: String,
    /// planned or held (and cancelled, once stored).
    pub state: String,
    pub date: String,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub place: Option<String>,
    pub topic: String,
    pub host: Option<String>,
    pub recorder: Option<String>,
    /// 党课 only.
    pub lecturer: Option<String>,
    /// Filled in for a 党支部; needed for a 党总支 with several 支部.
    pub branch_id: Option<i64>,
    /// 党小组会 only.
    pub group_id: Option<i64>,
    pub content: Option<String>,
    pub decisions: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct MeetingInput {
    #[serde(flatten)]
    pub data: MeetingData,
    /// `None` on create: everyone the kind expects, all present (the fast path: mark the exceptions).
    pub attendees: Option<Vec<AttendanceInput>>,
}

impl MeetingInput {
    /// A meeting of `kind` on `date`, planned or held, with everything else empty.
    pub fn new(kind: &str, state: &str, date: &str, topic: &str) -> Self {
        let data = MeetingData { kind: kind.into(), state: state.into(), date: date.into(), topic: topic.into(), ..Default::default() };
        MeetingInput { data, attendees: None }
    }

    pub fn with_attendees(mut self, list: Vec<AttendanceInput>) -> Self {
        self.attendees = Some(list);
        self
    }
}

/// One attendee as stored, with what the sheet and the form show.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Attendee {
    #[serde(flatten)]
    pub attendance: AttendanceInput,
    pub name: String,
    pub group_id: Option<i64>,
    pub category: Option<String>,
}

impl Attendee {
    /// Present, or made up the meeting by 上门送学 or 网络学习.
    pub fn took_part(&self) -> bool {
        took_part(&self.attendance.status, self.attendance.mode.as_deref())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Meeting {
    pub id: i64,
    #[serde(flatten)]
    pub data: MeetingData,
    pub kind_name: String,
    pub group_name: Option<String>,
    pub cancel_reason: Option<String>,
}

/// Everything the meeting's page, its record (会议记录) and its sign-in sheet show.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct MeetingDetail {
    #[serde(flatten)]
    pub meeting: Meeting,
    pub attendees: Vec<Attendee>,
    pub tally: Tally,
    /// Only for a 支部党员大会.
    pub quorum: Option<Quorum>,
}

pub fn get(conn: &Connection, id: i64) -> Result<Meeting> {
    let mut m = store::meeting(conn, id)?.ok_or(Error::NotFound { entity: "meeting", id })?;
    if let Some(g) = m.data.group_id {
        m.group_name = org_activity::group_name(conn, g)?;
    }
    Ok(m)
}

/// A meeting's attendees with their names, in the roster's order: attendance and members fetched once each.
pub fn attendees(conn: &Connection, id: i64) -> Result<Vec<Attendee>> {
    let rows = store::attendance(conn, id)?;
    let cards = activity::cards(conn)?;
    let mut list: Vec<(Option<String>, Attendee)> = rows
        .into_iter()
        .filter_map(|attendance| {
            let c = cards.get(&attendance.member_id)?;
            Some((c.stroke_key.clone(), Attendee { name: c.name.clone(), group_id: c.group_id, category: c.category.clone(), attendance }))
        })
        .collect();
    // As SQL's ORDER BY stroke_key, id: NULL first, then bytewise, as Rust orders Option<String>.
    list.sort_by(|a, b| (&a.0, a.1.attendance.member_id).cmp(&(&b.0, b.1.attendance.member_id)));
    Ok(list.into_iter().map(|(_, a)| a).collect())
}

pub fn detail(conn: &Connection, id: i64) -> Result<MeetingDetail> {
    let meeting = get(conn, id)?;
    let attendees = attendees(conn, id)?;
    let policy = crate::meetings::config::leave_policy(conn)?;
    let tally = tally(attendees.iter().map(|a| (a.attendance.status.as_str(), a.attendance.mode.as_deref())), &policy);
    let quorum = (meeting.data.kind == "branch_assembly").then(|| quorum(&attendees));
    Ok(MeetingDetail { meeting, attendees, tally, quorum })
}

fn write(tx: &Transaction, id: i64, input: &MeetingInput, c: &Checked) -> Result<i64> {
    let lecturer = if c.kind == "lecture" { text(&input.data.lecturer) } else { None };
    let row = store::MeetingRow {
        kind: &c.kind,
        state: &c.state,
        date: &c.date,
        start_time: text(&input.data.start_time),
        end_time: text(&input.data.end_time),
        place: text(&input.data.place),
        topic: input.data.topic.trim(),
        host: text(&input.data.host),
        recorder: text(&input.data.recorder),
        lecturer,
        branch_id: c.branch_id,
        group_id: c.group_id,
        content: text(&input.data.content),
        decisions: text(&input.data.decisions),
    };
    let id = store::save_meeting(tx, id, &row)?;
    store::write_attendance(tx, id, &c.attendees)?;
    Ok(id)
}

/// Hands points the facts of a saved meeting, so its attendance-linked entries follow (points never reads
/// meeting tables).
fn sync_points(tx: &Transaction, actor: &str, id: i64) -> Result<()> {
    let m = store::meeting(tx, id)?.ok_or(Error::NotFound { entity: "meeting", id })?;
    let standing = activity::in_good_standing(tx)?;
    let attendees = store::attendance(tx, id)?
        .into_iter()
        .map(|a| AttendeeFact { in_good_standing: standing.contains(&a.member_id), member_id: a.member_id, status: a.status })
        .collect();
    let facts = MeetingFacts { meeting_id: id, kind: m.data.kind, state: m.data.state, date: m.data.date, topic: m.data.topic, attendees };
    points::sync_meeting(tx, actor, &facts)
}


pub fn create(conn: &mut Connection, actor: &str, input: &MeetingInput) -> Result<MeetingDetail> {
    let tx = conn.transaction()?;
    let d = create_in(&tx, actor, input, dates::today())?;
    tx.commit()?;
    Ok(d)
}

pub fn create_in(tx: &Transaction, actor: &str, input: &MeetingInput, today: NaiveDate) -> Result<MeetingDetail> {
    if !org::is_set_up(tx)? {
        return Err(Error::NotSetUp);
    }
    let c = check(tx, input, today)?;
    let id = write(tx, 0, input, &c)?;
    sync_points(tx, actor, id)?;
    let after = detail(tx, id)?;
    audit::record(tx, actor, "create", "meeting", Some(id), None::<&()>, Some(&after))?;
    Ok(after)
}

/// Saves an edit: the meeting completed (planned → held), attendance corrected, minutes added.
pub fn update(conn: &mut Connection, actor: &str, id: i64, input: &MeetingInput) -> Result<MeetingDetail> {
    let tx = conn.transaction()?;
    let before = detail(&tx, id)?;
    if before.meeting.data.state == "cancelled" {
        return Err(Error::invalid("state", "CANCELLED", "这次会议已取消，不能再修改；如需补开请新建一次会议"));
    }
    let mut input = input.clone();
    // An edit that leaves the list out keeps the list it had.
    if input.attendees.is_none() {
        input.attendees = Some(before.attendees.iter().map(|a| a.attendance.clone()).collect());
    }
    let c = check(&tx, &input, dates::today())?;
    write(&tx, id, &input, &c)?;
    sync_points(&tx, actor, id)?;
    let after = detail(&tx, id)?;
    audit::record(&tx, actor, "update", "meeting", Some(id), Some(&before), Some(&after))?;
    tx.commit()?;
    Ok(after)
}

/// A meeting that will not take place stays on record with the reason.
pub fn cancel(conn: &mut Connection, actor: &str, id: i64, reason: &str) -> Result<MeetingDetail> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid("cancel_reason", "REQUIRED", "请填写取消原因，例如“因防汛改期”"));
    }
    let tx = conn.transaction()?;
    let before = detail(&tx, id)?;
    if before.meeting.data.state == "held" {
        return Err(Error::invalid("state", "ALREADY_HELD", "这次会议已经召开，不能取消；如记录有误请修改会议内容"));
    }
    store::mark_cancelled(&tx, id, reason)?;
    sync_points(&tx, actor, id)?;
    let after = detail(&tx, id)?;
    audit::record(&tx, actor, "cancel", "meeting", Some(id), Some(&before), Some(&after))?;
    tx.commit()?;
    Ok(after)
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct MeetingQuery {
    /// YYYY-MM-DD, inclusive.
    pub from: Option<String>,
    pub to: Option<String>,
    pub kind: Option<String>,
    pub state: Option<String>,
    pub group_id: Option<i64>,
}

/// A line of the meeting list.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct MeetingSummary {
    #[serde(flatten)]
    pub meeting: Meeting,
    pub tally: Tally,
}

fn bound(field: &str, v: &Option<String>) -> Result<Option<String>> {
    match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => dates::parse_flexible(s)
            .map(|d| Some(dates::iso(d)))
            .ok_or_else(|| Error::invalid(field, "BAD_DATE", format!("日期“{s}”不正确，请按 2026-01-01 的格式填写"))),
    }
}

/// Meetings, newest first, with their counts.
pub fn list(conn: &Connection, q: &MeetingQuery) -> Result<Vec<MeetingSummary>> {
    let from = bound("from", &q.from)?;
    let to = bound("to", &q.to)?;
    let policy = crate::meetings::config::leave_policy(conn)?;
    let kind = q.kind.as_deref().filter(|s| !s.is_empty());
    let state = q.state.as_deref().filter(|s| !s.is_empty());
    let rows = store::list(conn, from.as_deref(), to.as_deref(), kind, state, q.group_id, Tally::counts_at)?;
    // Group names from org, once, joined here.
    let groups = org_activity::group_names(conn)?;
    Ok(rows
        .into_iter()
        .map(|(mut meeting, counts)| {
            meeting.group_name = meeting.data.group_id.and_then(|g| groups.get(&g).cloned());
            MeetingSummary { meeting, tally: Tally::from_counts(counts, &policy) }
        })
        .collect())
}

#[cfg(test)]
pub(crate) mod tests;

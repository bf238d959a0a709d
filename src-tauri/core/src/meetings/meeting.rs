//! Organisational life (三会一课, 主题党日): meetings, their expected attendees and per-member attendance.
//! A meeting is planned ahead and completed later; it is cancelled with a reason, never deleted.
use crate::store::audit;
use crate::kernel::codes;
use crate::kernel::dates;
use crate::kernel::error::{Error, FieldError, Result};
use crate::org;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The kinds whose expected attendees are the whole branch; 支委会 is the committee, 党小组会 one group.
pub const COMMITTEE_POSTS: [&str; 6] = ["secretary", "deputy", "organization", "publicity", "discipline", "youth"];

/// One expected attendee as the form submits it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, Default, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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

pub fn took_part(status: &str, mode: Option<&str>) -> bool {
    status == "present" || matches!(mode, Some("home" | "online"))
}

/// Counts of one meeting or one member over many meetings, and the 参学率 the leave setting gives.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Tally {
    pub expected: u32,
    pub present: u32,
    pub leave: u32,
    pub absent: u32,
    /// 请假 or 缺席, then took part by 上门送学 or 网络学习.
    pub made_up: u32,
    pub took_part: u32,
    /// took_part ÷ expected, where 请假 without make-up counts as the leave setting says; `None` with nobody expected.
    pub rate: Option<f64>,
}

impl Tally {
    pub fn add(&mut self, status: &str, mode: Option<&str>) {
        self.expected += 1;
        match status {
            "present" => self.present += 1,
            "leave" => self.leave += 1,
            _ => self.absent += 1,
        }
        if took_part(status, mode) {
            self.took_part += 1;
            if status != "present" {
                self.made_up += 1;
            }
        }
    }

    /// From counts summed in SQL: expected, present, leave, absent, took part, and 请假 not made up.
    pub fn from_counts(c: [u32; 6], leave_policy: &str) -> Self {
        let [expected, present, leave, absent, took_part, leave_only] = c;
        let made_up = took_part - present;
        Tally { expected, present, leave, absent, made_up, took_part, rate: None }.finish(leave_policy, leave_only)
    }

    /// The SQL sums `from_counts` takes, over attendance rows aliased `a`.
    pub const SQL_COUNTS: &'static str = "count(a.member_id), \
        total(a.status = 'present'), \
        total(a.status = 'leave'), \
        total(a.status = 'absent'), \
        total(a.status = 'present' OR coalesce(a.mode IN ('home', 'online'), 0)), \
        total(a.status = 'leave' AND NOT coalesce(a.mode IN ('home', 'online'), 0))";

    /// Reads the six sums of `SQL_COUNTS` starting at column `at`.
    pub fn counts_at(r: &rusqlite::Row, at: usize) -> rusqlite::Result<[u32; 6]> {
        let mut c = [0u32; 6];
        for (i, v) in c.iter_mut().enumerate() {
            // total() is a float (0.0 over no rows), count() an integer.
            *v = match r.get_ref(at + i)? {
                rusqlite::types::ValueRef::Integer(n) => n as u32,
                rusqlite::types::ValueRef::Real(f) => f as u32,
                _ => 0,
            };
        }
        Ok(c)
    }

    /// Fixes `rate` once every row is added.
    pub fn finish(mut self, leave_policy: &str, leave_not_made_up: u32) -> Self {
        let (num, den) = match leave_policy {
            "exclude" => (self.took_part, self.expected - leave_not_made_up),
            "present" => (self.took_part + leave_not_made_up, self.expected),
            _ => (self.took_part, self.expected),
        };
        self.rate = (den > 0).then(|| f64::from(num) / f64::from(den));
        self
    }
}

/// Tallies rows of (status, mode).
pub fn tally<'a>(rows: impl IntoIterator<Item = (&'a str, Option<&'a str>)>, leave_policy: &str) -> Tally {
    let mut t = Tally::default();
    let mut leave_only = 0;
    for (status, mode) in rows {
        t.add(status, mode);
        if status == "leave" && !took_part(status, mode) {
            leave_only += 1;
        }
    }
    t.finish(leave_policy, leave_only)
}

/// 支部党员大会 quorum: more than half of the voting members, and 预备党员 do not vote.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quorum {
    pub voting: u32,
    pub present_voting: u32,
    pub met: bool,
}

pub fn quorum(attendees: &[Attendee]) -> Quorum {
    let voting: Vec<&Attendee> = attendees.iter().filter(|a| a.category.as_deref() != Some("probationary")).collect();
    let present_voting = voting.iter().filter(|a| a.attendance.status == "present").count() as u32;
    let voting = voting.len() as u32;
    Quorum { voting, present_voting, met: voting > 0 && present_voting * 2 > voting }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Meeting {
    pub id: i64,
    #[serde(flatten)]
    pub data: MeetingData,
    pub kind_name: String,
    pub group_name: Option<String>,
    pub cancel_reason: Option<String>,
}

/// Everything the meeting's page, its record (会议记录) and its sign-in sheet show.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingDetail {
    #[serde(flatten)]
    pub meeting: Meeting,
    pub attendees: Vec<Attendee>,
    pub tally: Tally,
    /// Only for a 支部党员大会.
    pub quorum: Option<Quorum>,
}

const MEETING_COLUMNS: &str = "m.id, m.kind, m.state, m.date, m.start_time, m.end_time, m.place, m.topic, m.host, \
    m.recorder, m.lecturer, m.branch_id, m.group_id, g.name, m.content, m.decisions, m.cancel_reason";

fn meeting_from_row(r: &rusqlite::Row) -> rusqlite::Result<Meeting> {
    let kind: String = r.get(1)?;
    Ok(Meeting {
        id: r.get(0)?,
        kind_name: codes::name_of(codes::MEETING_KIND, &kind).unwrap_or("会议").to_string(),
        data: MeetingData {
            kind,
            state: r.get(2)?,
            date: r.get(3)?,
            start_time: r.get(4)?,
            end_time: r.get(5)?,
            place: r.get(6)?,
            topic: r.get(7)?,
            host: r.get(8)?,
            recorder: r.get(9)?,
            lecturer: r.get(10)?,
            branch_id: r.get(11)?,
            group_id: r.get(12)?,
            content: r.get(14)?,
            decisions: r.get(15)?,
        },
        group_name: r.get(13)?,
        cancel_reason: r.get(16)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Meeting> {
    conn.query_row(
        &format!("SELECT {MEETING_COLUMNS} FROM meeting m LEFT JOIN party_group g ON g.id = m.group_id WHERE m.id = ?1"),
        [id],
        meeting_from_row,
    )
    .optional()?
    .ok_or(Error::NotFound { entity: "meeting", id })
}

pub fn attendees(conn: &Connection, id: i64) -> Result<Vec<Attendee>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.member_id, m.name, m.group_id, m.category, a.status, a.mode, a.reason, a.makeup_date, a.makeup_by, a.note
         FROM attendance a JOIN member m ON m.id = a.member_id WHERE a.meeting_id = ?1 ORDER BY m.stroke_key, m.id",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(Attendee {
            attendance: AttendanceInput {
                member_id: r.get(0)?,
                status: r.get(4)?,
                mode: r.get(5)?,
                reason: r.get(6)?,
                makeup_date: r.get(7)?,
                makeup_by: r.get(8)?,
                note: r.get(9)?,
            },
            name: r.get(1)?,
            group_id: r.get(2)?,
            category: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn detail(conn: &Connection, id: i64) -> Result<MeetingDetail> {
    let meeting = get(conn, id)?;
    let attendees = attendees(conn, id)?;
    let policy = crate::meetings::config::leave_policy(conn)?;
    let tally = tally(attendees.iter().map(|a| (a.attendance.status.as_str(), a.attendance.mode.as_deref())), &policy);
    let quorum = (meeting.data.kind == "branch_assembly").then(|| quorum(&attendees));
    Ok(MeetingDetail { meeting, attendees, tally, quorum })
}

/// Who is expected at a meeting of this kind: the 支委 for a 支委会, the group's members for a 党小组会, and every
/// member of the branch in good standing otherwise (预备党员 included: they attend, they only do not vote).
/// 失联 members are not expected by default: nobody can tell them of the meeting. The form names them
/// (`lost_contact_names`) and the secretary can still add one who came.
pub fn expected(conn: &Connection, kind: &str, branch_id: i64, group_id: Option<i64>) -> Result<Vec<i64>> {
    let base = "SELECT id FROM member WHERE status = 'normal' AND lost_contact = 0 AND branch_id = ?1";
    // ?2 is the group for a 党小组会 and NULL otherwise, so every shape binds the same two parameters.
    let (filter, group) = match kind {
        "committee" => (format!("party_post IN ({}) AND ?2 IS NULL", COMMITTEE_POSTS.map(|p| format!("'{p}'")).join(", ")), None),
        "group" => ("group_id = ?2".to_string(), group_id),
        _ => ("?2 IS NULL".to_string(), None),
    };
    let mut stmt = conn.prepare_cached(&format!("{base} AND {filter} ORDER BY stroke_key, id"))?;
    let ids = stmt.query_map(params![branch_id, group], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// The expected attendees of a new meeting as the form lists them: everyone present on site, to mark the exceptions.
pub fn expected_attendees(conn: &Connection, kind: &str, branch_id: Option<i64>, group_id: Option<i64>) -> Result<Vec<Attendee>> {
    let branch = match branch_id.or(group_id.and_then(|g| conn.query_row("SELECT branch_id FROM party_group WHERE id = ?1", [g], |r| r.get(0)).ok())) {
        Some(b) => b,
        None => conn.query_row("SELECT min(id) FROM branch WHERE active = 1", [], |r| r.get::<_, Option<i64>>(0))?.ok_or(Error::NotSetUp)?,
    };
    let kind = codes::normalize(codes::MEETING_KIND, kind).unwrap_or("other");
    let mut stmt = conn.prepare_cached("SELECT name, group_id, category FROM member WHERE id = ?1")?;
    expected(conn, kind, branch, group_id)?
        .into_iter()
        .map(|member_id| {
            let (name, group_id, category) = stmt.query_row([member_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            let attendance = AttendanceInput { member_id, status: "present".into(), mode: Some("onsite".into()), ..Default::default() };
            Ok(Attendee { attendance, name, group_id, category })
        })
        .collect()
}

/// The 失联 members of a branch in good standing, left out of the expected attendees: the note under the list.
pub fn lost_contact_names(conn: &Connection, branch_id: Option<i64>) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name FROM member WHERE status = 'normal' AND lost_contact = 1
           AND (?1 IS NULL OR branch_id = ?1) ORDER BY stroke_key, id",
    )?;
    let names = stmt.query_map([branch_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(names)
}

fn text(v: &Option<String>) -> Option<String> {
    v.as_ref().map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

fn valid_time(t: &str) -> bool {
    chrono::NaiveTime::parse_from_str(t, "%H:%M").is_ok()
}

/// The cleaned meeting and attendance, or every problem at once.
struct Checked {
    kind: String,
    state: String,
    date: String,
    branch_id: i64,
    group_id: Option<i64>,
    attendees: Vec<AttendanceInput>,
}

fn check(conn: &Connection, input: &MeetingInput, today: NaiveDate) -> Result<Checked> {
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
    let branches: Vec<i64> = conn
        .prepare("SELECT id FROM branch WHERE active = 1 ORDER BY sort_order, id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let group_branch: Option<i64> = match input.data.group_id {
        Some(g) => conn.query_row("SELECT branch_id FROM party_group WHERE id = ?1", [g], |r| r.get(0)).optional()?,
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
            let name: Option<String> =
                conn.query_row("SELECT name FROM member WHERE id = ?1", [a.member_id], |r| r.get(0)).optional()?;
            let Some(name) = name else {
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

fn write(tx: &Transaction, id: i64, input: &MeetingInput, c: &Checked) -> Result<i64> {
    let now = audit::now();
    let lecturer = if c.kind == "lecture" { text(&input.data.lecturer) } else { None };
    let p = params![
        c.kind, c.state, c.date, text(&input.data.start_time), text(&input.data.end_time), text(&input.data.place), input.data.topic.trim(),
        text(&input.data.host), text(&input.data.recorder), lecturer, c.branch_id, c.group_id, text(&input.data.content),
        text(&input.data.decisions), now
    ];
    let id = if id == 0 {
        tx.execute(
            "INSERT INTO meeting (kind, state, date, start_time, end_time, place, topic, host, recorder, lecturer, branch_id,
                group_id, content, decisions, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
            p,
        )?;
        tx.last_insert_rowid()
    } else {
        tx.execute(
            &format!(
                "UPDATE meeting SET kind = ?1, state = ?2, date = ?3, start_time = ?4, end_time = ?5, place = ?6, topic = ?7,
                 host = ?8, recorder = ?9, lecturer = ?10, branch_id = ?11, group_id = ?12, content = ?13, decisions = ?14,
                 updated_at = ?15 WHERE id = {id}"
            ),
            p,
        )?;
        id
    };
    write_attendance(tx, id, &c.attendees)?;
    Ok(id)
}

/// Replaces the attendance list in one statement set; the caller's transaction makes it all or nothing.
fn write_attendance(tx: &Transaction, id: i64, rows: &[AttendanceInput]) -> Result<()> {
    tx.execute("DELETE FROM attendance WHERE meeting_id = ?1", [id])?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO attendance (meeting_id, member_id, status, mode, reason, makeup_date, makeup_by, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for a in rows {
        stmt.execute(params![id, a.member_id, a.status, a.mode, a.reason, a.makeup_date, a.makeup_by, a.note])?;
    }
    Ok(())
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
    crate::points::sync_meeting(tx, actor, id)?;
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
    crate::points::sync_meeting(&tx, actor, id)?;
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
    tx.execute(
        "UPDATE meeting SET state = 'cancelled', cancel_reason = ?1, updated_at = ?2 WHERE id = ?3",
        params![reason, audit::now(), id],
    )?;
    crate::points::sync_meeting(&tx, actor, id)?;
    let after = detail(&tx, id)?;
    audit::record(&tx, actor, "cancel", "meeting", Some(id), Some(&before), Some(&after))?;
    tx.commit()?;
    Ok(after)
}

/// A make-up after 请假 or 缺席 (上门送学 or 网络学习), recorded as the member's participation in that meeting.
#[derive(Debug, Clone, Default, Deserialize)]
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
    tx.execute(
        "UPDATE attendance SET mode = ?1, makeup_date = ?2, makeup_by = ?3, note = coalesce(?4, note)
         WHERE meeting_id = ?5 AND member_id = ?6",
        params![mode, date.map(dates::iso), text(&m.by), text(&m.note), m.meeting_id, m.member_id],
    )?;
    let after = detail(&tx, m.meeting_id)?;
    audit::record(&tx, actor, "makeup", "meeting", Some(m.meeting_id), Some(&before), Some(&after))?;
    tx.commit()?;
    Ok(after)
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Serialize)]
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
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {MEETING_COLUMNS}, {} FROM meeting m LEFT JOIN party_group g ON g.id = m.group_id
         LEFT JOIN attendance a ON a.meeting_id = m.id
         WHERE (?1 IS NULL OR m.date >= ?1) AND (?2 IS NULL OR m.date <= ?2) AND (?3 IS NULL OR m.kind = ?3)
           AND (?4 IS NULL OR m.state = ?4) AND (?5 IS NULL OR m.group_id = ?5)
         GROUP BY m.id ORDER BY m.date DESC, m.id DESC",
        Tally::SQL_COUNTS
    ))?;
    let kind = q.kind.as_deref().filter(|s| !s.is_empty());
    let state = q.state.as_deref().filter(|s| !s.is_empty());
    let rows = stmt.query_map(params![from, to, kind, state, q.group_id], |r| {
        Ok(MeetingSummary { meeting: meeting_from_row(r)?, tally: Tally::from_counts(Tally::counts_at(r, 17)?, &policy) })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::store::db;
    use crate::demo;
    use crate::members::member::{self, MemberData};

    /// A branch with two groups: 5 members in the first (one 预备党员), 3 in the second, and 2 支委.
    pub(crate) fn branch() -> (Connection, Vec<i64>, Vec<i64>) {
        let mut conn = db::open_in_memory().unwrap();
        let org = demo::blank_branch(&mut conn, "东风村党支部", &["第一党小组", "第二党小组"]).unwrap();
        let groups: Vec<i64> = org.branches[0].groups.iter().map(|g| g.id).collect();
        let today = dates::today();
        let mut inputs = demo::generate(8, 7, &groups, today);
        for (i, m) in inputs.iter_mut().enumerate() {
            m.group_id = Some(groups[if i < 5 { 0 } else { 1 }]);
            m.category = Some("full".into());
            m.full_date = m.join_date.as_deref().and_then(dates::parse).and_then(|j| j.checked_add_months(chrono::Months::new(12))).map(dates::iso);
            m.party_post = None;
        }
        inputs[0].party_post = Some("secretary".into());
        inputs[5].party_post = Some("organization".into());
        inputs[1].category = Some("probationary".into());
        inputs[1].full_date = None;
        inputs[1].join_date = Some(dates::iso(today - chrono::Days::new(100)));
        let tx = conn.transaction().unwrap();
        let ids = inputs.iter().map(|m| member::create_in(&tx, "书记", m, today).unwrap().id).collect();
        tx.commit().unwrap();
        (conn, ids, groups)
    }

    fn held(kind: &str, date: &str) -> MeetingInput {
        MeetingInput::new(kind, "held", date, "学习党章")
    }

    #[test]
    fn expected_attendees_follow_the_kind() {
        let (mut conn, ids, groups) = branch();
        let all = expected(&conn, "theme_day", 1, None).unwrap();
        assert_eq!(all.len(), 8);
        let committee = expected(&conn, "committee", 1, None).unwrap();
        assert_eq!(committee.len(), 2);
        assert!(committee.contains(&ids[0]) && committee.contains(&ids[5]));
        let g2 = expected(&conn, "group", 1, Some(groups[1])).unwrap();
        assert_eq!(g2, expected(&conn, "group", 1, Some(groups[1])).unwrap());
        assert_eq!(g2.len(), 3);
        assert!(g2.iter().all(|id| ids[5..].contains(id)));
        // Members who left the branch are not expected.
        member::change_status(&mut conn, "书记", ids[6], &member::StatusChange {
            status: "transferred".into(), kind: None, date: dates::iso(dates::today()), reason: "转出".into(), destination: Some("城南社区党支部".into()),
        }).unwrap();
        assert_eq!(expected(&conn, "group", 1, Some(groups[1])).unwrap().len(), 2);
        assert_eq!(expected(&conn, "lecture", 1, None).unwrap().len(), 7);
        // A 失联 member is not expected by default, and is named in the note instead.
        let mut lost = member::get_record(&conn, ids[7]).unwrap().data;
        lost.lost_contact = true;
        lost.lost_contact_reason = Some("1".into());
        member::update(&mut conn, "书记", ids[7], &lost, None).unwrap();
        assert_eq!(expected(&conn, "lecture", 1, None).unwrap().len(), 6);
        assert!(!expected_attendees(&conn, "lecture", None, None).unwrap().iter().any(|a| a.attendance.member_id == ids[7]));
        assert_eq!(lost_contact_names(&conn, Some(1)).unwrap(), vec![lost.name.clone()]);
    }

    #[test]
    fn create_defaults_to_everyone_present_and_fast_exceptions() {
        let (mut conn, ids, groups) = branch();
        let d = create(&mut conn, "书记", &held("theme_day", "2026-10-10")).unwrap();
        assert_eq!(d.attendees.len(), 8);
        assert!(d.attendees.iter().all(|a| a.attendance.status == "present" && a.attendance.mode.as_deref() == Some("onsite")));
        assert_eq!(d.tally.rate, Some(1.0));
        // A 党小组会 without a group is refused, naming the field.
        let err = create(&mut conn, "书记", &held("group", "2026-10-10")).unwrap_err();
        assert!(matches!(&err, Error::Invalid(f) if f[0].field == "group_id"));
        let mut g = held("group", "2026-10-12");
        g.data.group_id = Some(groups[0]);
        let d = create(&mut conn, "书记", &g).unwrap();
        assert_eq!(d.attendees.len(), 5);
        assert_eq!(d.meeting.group_name.as_deref(), Some("第一党小组"));
        // Leave needs a reason, named by the member.
        // As the form sends it: present members on site.
        let mut list: Vec<AttendanceInput> = d.attendees.iter().map(|a| AttendanceInput { member_id: a.attendance.member_id, status: "present".into(), mode: Some("onsite".into()), ..Default::default() }).collect();
        list[0].status = "leave".into();
        list[0].mode = None;
        let mut edit = g.clone();
        edit.attendees = Some(list.clone());
        let Error::Invalid(f) = update(&mut conn, "书记", d.meeting.id, &edit).unwrap_err() else { panic!() };
        assert!(f[0].message.contains("请假原因") && f[0].message.contains(&d.attendees[0].name), "{}", f[0].message);
        list[0].reason = Some("外出务工".into());
        list[1].status = "absent".into();
        list[1].mode = Some("onsite".into());
        edit.attendees = Some(list.clone());
        let Error::Invalid(f) = update(&mut conn, "书记", d.meeting.id, &edit).unwrap_err() else { panic!() };
        assert_eq!(f[0].code, "BAD_MODE", "an absent member cannot have taken part on site");
        list[1].mode = None;
        edit.attendees = Some(list);
        let d2 = update(&mut conn, "书记", d.meeting.id, &edit).unwrap();
        assert_eq!((d2.tally.present, d2.tally.leave, d2.tally.absent), (3, 1, 1));
        assert_eq!(d2.tally.rate, Some(3.0 / 5.0));
        assert!(ids.contains(&d2.attendees[0].attendance.member_id));
        // The audit log keeps before and after.
        let log = audit::list(&conn, Some(("meeting", d.meeting.id)), 10).unwrap();
        assert_eq!(log.len(), 2);
        assert!(log[0].before.as_deref().unwrap().contains("\"leave\":0"));
    }

    #[test]
    fn held_meetings_cannot_be_in_the_future_and_planned_can() {
        let (mut conn, ..) = branch();
        let next_year = format!("{}-01-05", dates::today().format("%Y").to_string().parse::<i32>().unwrap() + 1);
        let err = create(&mut conn, "书记", &held("committee", &next_year)).unwrap_err();
        assert_eq!(err.code(), "FUTURE_DATE");
        let mut p = held("committee", &next_year);
        p.data.state = "planned".into();
        let d = create(&mut conn, "书记", &p).unwrap();
        assert_eq!(d.meeting.data.state, "planned");
        let c = cancel(&mut conn, "书记", d.meeting.id, "改期").unwrap();
        assert_eq!(c.meeting.data.state, "cancelled");
        assert_eq!(update(&mut conn, "书记", d.meeting.id, &p).unwrap_err().code(), "CANCELLED");
        let mut bad = held("lecture", "2026-10-01");
        bad.data.topic = " ".into();
        bad.data.start_time = Some("9点".into());
        let Error::Invalid(f) = create(&mut conn, "书记", &bad).unwrap_err() else { panic!() };
        let fields: Vec<_> = f.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["start_time", "topic"]);
    }

    #[test]
    fn quorum_counts_only_full_members() {
        let (mut conn, ids, _) = branch();
        let mut m = held("branch_assembly", "2026-10-20");
        // 8 expected, one of them 预备党员: 7 voting. Four full members present is more than half.
        let mut list: Vec<AttendanceInput> = ids.iter().map(|&member_id| AttendanceInput { member_id, status: "absent".into(), ..Default::default() }).collect();
        for i in [0, 2, 3, 4] {
            list[i].status = "present".into();
        }
        list[1].status = "present".into(); // the 预备党员: present, but no vote
        m.attendees = Some(list.clone());
        let d = create(&mut conn, "书记", &m).unwrap();
        assert_eq!(d.quorum, Some(Quorum { voting: 7, present_voting: 4, met: true }));
        list[4].status = "absent".into();
        m.attendees = Some(list);
        let d = update(&mut conn, "书记", d.meeting.id, &m).unwrap();
        assert_eq!(d.quorum, Some(Quorum { voting: 7, present_voting: 3, met: false }), "3 of 7 is not more than half");
        assert!(create(&mut conn, "书记", &held("committee", "2026-10-20")).unwrap().quorum.is_none());
    }

    #[test]
    fn leave_policy_changes_the_rate() {
        let rows = [("present", Some("onsite")), ("present", Some("onsite")), ("leave", None), ("absent", None), ("leave", Some("home"))];
        let t = tally(rows.iter().map(|(s, m)| (*s, *m)), "absent");
        assert_eq!((t.expected, t.took_part, t.made_up), (5, 3, 1));
        assert_eq!(t.rate, Some(3.0 / 5.0));
        assert_eq!(tally(rows.iter().map(|(s, m)| (*s, *m)), "exclude").rate, Some(3.0 / 4.0));
        assert_eq!(tally(rows.iter().map(|(s, m)| (*s, *m)), "present").rate, Some(4.0 / 5.0));
        assert_eq!(tally(std::iter::empty(), "absent").rate, None);
    }

    #[test]
    fn makeup_counts_as_participation() {
        let (mut conn, ids, _) = branch();
        let mut m = held("theme_day", "2026-10-10");
        m.attendees = Some(ids.iter().map(|&member_id| AttendanceInput {
            member_id,
            status: if member_id == ids[2] { "absent".into() } else { "present".into() },
            ..Default::default()
        }).collect());
        let d = create(&mut conn, "书记", &m).unwrap();
        assert_eq!(d.tally.took_part, 7);
        let mk = Makeup { meeting_id: d.meeting.id, member_id: ids[2], mode: "home".into(), date: "2026-10-15".into(), by: Some("张建国".into()), note: None };
        let d = record_makeup(&mut conn, "书记", &mk).unwrap();
        assert_eq!((d.tally.took_part, d.tally.made_up, d.tally.absent), (8, 1, 1));
        // The list sums in SQL; it must agree with the detail's row-by-row count.
        assert_eq!(list(&conn, &MeetingQuery::default()).unwrap()[0].tally, d.tally);
        let early = Makeup { date: "2026-10-01".into(), ..mk.clone() };
        assert_eq!(record_makeup(&mut conn, "书记", &early).unwrap_err().code(), "DATE_ORDER");
        let present = Makeup { member_id: ids[0], ..mk };
        assert_eq!(record_makeup(&mut conn, "书记", &present).unwrap_err().code(), "ALREADY_PRESENT");
    }

    #[test]
    fn list_filters_by_period_and_kind() {
        let (mut conn, ..) = branch();
        for (k, d) in [("committee", "2026-09-30"), ("committee", "2026-10-01"), ("theme_day", "2026-10-31"), ("lecture", "2026-11-01")] {
            create(&mut conn, "书记", &held(k, d)).unwrap();
        }
        let q = MeetingQuery { from: Some("2026-10-01".into()), to: Some("2026-10-31".into()), ..Default::default() };
        let l = list(&conn, &q).unwrap();
        assert_eq!(l.iter().map(|m| m.meeting.data.date.as_str()).collect::<Vec<_>>(), ["2026-10-31", "2026-10-01"]);
        let q = MeetingQuery { kind: Some("committee".into()), ..Default::default() };
        assert_eq!(list(&conn, &q).unwrap().len(), 2);
        let q = MeetingQuery { from: Some("10月".into()), ..Default::default() };
        assert_eq!(list(&conn, &q).unwrap_err().code(), "BAD_DATE");
    }

    #[test]
    fn a_new_member_is_not_in_old_meetings() {
        let (mut conn, ..) = branch();
        let d = create(&mut conn, "书记", &held("theme_day", "2026-10-10")).unwrap();
        member::create(&mut conn, "书记", &MemberData { name: "新党员".into(), ..Default::default() }).unwrap();
        assert_eq!(detail(&conn, d.meeting.id).unwrap().attendees.len(), 8);
    }
}

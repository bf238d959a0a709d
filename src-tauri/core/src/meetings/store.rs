//! SQL on the tables meetings owns (architecture.md: table ownership): meeting, attendance, study_plan, pairing.
//! Names of members and groups are not joined here: the callers fetch them from their owners and combine in Rust.
use super::meeting::{AttendanceInput, Meeting, MeetingData};
use crate::kernel::codes;
use crate::kernel::error::Result;
use crate::store::audit;

use rusqlite::{params, Connection, OptionalExtension, Transaction};

// ---- meeting ----

const MEETING_COLUMNS: &str = "m.id, m.kind, m.state, m.date, m.start_time, m.end_time, m.place, m.topic, m.host, \
    m.recorder, m.lecturer, m.branch_id, m.group_id, m.content, m.decisions, m.cancel_reason";

/// The number of columns `MEETING_COLUMNS` takes, for queries that add their own after it.
pub const MEETING_WIDTH: usize = 16;

/// A meeting as stored; its group name is left for the caller to fill in from org.
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
            content: r.get(13)?,
            decisions: r.get(14)?,
        },
        group_name: None,
        cancel_reason: r.get(15)?,
    })
}

pub fn meeting(conn: &Connection, id: i64) -> Result<Option<Meeting>> {
    Ok(conn.query_row(&format!("SELECT {MEETING_COLUMNS} FROM meeting m WHERE m.id = ?1"), [id], meeting_from_row).optional()?)
}

/// Meetings in a period (ISO bounds, either open) of a kind, state and group, newest first, each with the six
/// attendance sums of `tally::SQL_COUNTS` read by `counts`.
#[allow(clippy::type_complexity)]
pub fn list<T>(
    conn: &Connection,
    from: Option<&str>,
    to: Option<&str>,
    kind: Option<&str>,
    state: Option<&str>,
    group_id: Option<i64>,
    counts: impl Fn(&rusqlite::Row, usize) -> rusqlite::Result<T>,
) -> Result<Vec<(Meeting, T)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {MEETING_COLUMNS}, {} FROM meeting m
         LEFT JOIN attendance a ON a.meeting_id = m.id
         WHERE (?1 IS NULL OR m.date >= ?1) AND (?2 IS NULL OR m.date <= ?2) AND (?3 IS NULL OR m.kind = ?3)
           AND (?4 IS NULL OR m.state = ?4) AND (?5 IS NULL OR m.group_id = ?5)
         GROUP BY m.id ORDER BY m.date DESC, m.id DESC",
        super::tally::Tally::SQL_COUNTS
    ))?;
    let rows = stmt.query_map(params![from, to, kind, state, group_id], |r| Ok((meeting_from_row(r)?, counts(r, MEETING_WIDTH)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The columns of a meeting as saved; every text is already cleaned.
pub struct MeetingRow<'a> {
    pub kind: &'a str,
    pub state: &'a str,
    pub date: &'a str,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub place: Option<String>,
    pub topic: &'a str,
    pub host: Option<String>,
    pub recorder: Option<String>,
    pub lecturer: Option<String>,
    pub branch_id: i64,
    pub group_id: Option<i64>,
    pub content: Option<String>,
    pub decisions: Option<String>,
}

/// Inserts (`id` 0) or updates a meeting; returns its id.
pub fn save_meeting(tx: &Transaction, id: i64, m: &MeetingRow) -> Result<i64> {
    let now = audit::now();
    let p = params![
        m.kind, m.state, m.date, m.start_time, m.end_time, m.place, m.topic, m.host, m.recorder, m.lecturer, m.branch_id, m.group_id,
        m.content, m.decisions, now
    ];
    if id == 0 {
        tx.execute(
            "INSERT INTO meeting (kind, state, date, start_time, end_time, place, topic, host, recorder, lecturer, branch_id,
                group_id, content, decisions, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
            p,
        )?;
        Ok(tx.last_insert_rowid())
    } else {
        tx.execute(
            &format!(
                "UPDATE meeting SET kind = ?1, state = ?2, date = ?3, start_time = ?4, end_time = ?5, place = ?6, topic = ?7,
                 host = ?8, recorder = ?9, lecturer = ?10, branch_id = ?11, group_id = ?12, content = ?13, decisions = ?14,
                 updated_at = ?15 WHERE id = {id}"
            ),
            p,
        )?;
        Ok(id)
    }
}

pub fn mark_cancelled(tx: &Transaction, id: i64, reason: &str) -> Result<()> {
    tx.execute("UPDATE meeting SET state = 'cancelled', cancel_reason = ?1, updated_at = ?2 WHERE id = ?3", params![reason, audit::now(), id])?;
    Ok(())
}

// ---- attendance ----

/// A meeting's attendance rows, in member id order (the table's key order); names are the caller's to add.
pub fn attendance(conn: &Connection, meeting_id: i64) -> Result<Vec<AttendanceInput>> {
    let mut stmt = conn.prepare_cached(
        "SELECT member_id, status, mode, reason, makeup_date, makeup_by, note FROM attendance WHERE meeting_id = ?1 ORDER BY member_id",
    )?;
    let rows = stmt.query_map([meeting_id], |r| {
        Ok(AttendanceInput {
            member_id: r.get(0)?,
            status: r.get(1)?,
            mode: r.get(2)?,
            reason: r.get(3)?,
            makeup_date: r.get(4)?,
            makeup_by: r.get(5)?,
            note: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Replaces the attendance list in one statement set; the caller's transaction makes it all or nothing.
pub fn write_attendance(tx: &Transaction, id: i64, rows: &[AttendanceInput]) -> Result<()> {
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

/// Records a make-up on a member's attendance row.
pub fn record_makeup(
    tx: &Transaction,
    meeting_id: i64,
    member_id: i64,
    mode: Option<&str>,
    date: Option<String>,
    by: Option<String>,
    note: Option<String>,
) -> Result<()> {
    tx.execute(
        "UPDATE attendance SET mode = ?1, makeup_date = ?2, makeup_by = ?3, note = coalesce(?4, note)
         WHERE meeting_id = ?5 AND member_id = ?6",
        params![mode, date, by, note, meeting_id, member_id],
    )?;
    Ok(())
}

/// Meetings of a kind, not cancelled, of a branch (and group) in a period: (id, date, state, topic), oldest first.
pub fn kind_in_period(conn: &Connection, kind: &str, branch_id: i64, group_id: Option<i64>, from: &str, to: &str) -> Result<Vec<(i64, String, String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, date, state, topic FROM meeting
         WHERE kind = ?1 AND branch_id = ?2 AND (?3 IS NULL OR group_id = ?3) AND date BETWEEN ?4 AND ?5
           AND state != 'cancelled' ORDER BY date, id",
    )?;
    let rows = stmt.query_map(params![kind, branch_id, group_id, from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

// ---- study_plan ----

/// The saved (content, mode) of a class's quarter.
pub fn plan(conn: &Connection, year: i32, quarter: u32, class_key: &str) -> Result<Option<(String, String)>> {
    Ok(conn
        .prepare_cached("SELECT content, mode FROM study_plan WHERE year = ?1 AND quarter = ?2 AND class_key = ?3")?
        .query_row(params![year, quarter, class_key], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

pub fn save_plan(tx: &Transaction, year: i32, quarter: u32, class_key: &str, content: &str, mode: Option<&str>) -> Result<()> {
    tx.execute(
        "INSERT INTO study_plan (year, quarter, class_key, content, mode, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (year, quarter, class_key) DO UPDATE SET content = excluded.content, mode = excluded.mode, updated_at = excluded.updated_at",
        params![year, quarter, class_key, content, mode, audit::now()],
    )?;
    Ok(())
}

/// Held meetings in [from, to] a member missed without making up: (id, date, kind, topic, status), oldest first.
pub fn missed(conn: &Connection, member_id: i64, from: &str, to: &str) -> Result<Vec<(i64, String, String, String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT mt.id, mt.date, mt.kind, mt.topic, a.status FROM attendance a JOIN meeting mt ON mt.id = a.meeting_id
         WHERE a.member_id = ?1 AND mt.state = 'held' AND mt.date BETWEEN ?2 AND ?3
           AND a.status != 'present' AND (a.mode IS NULL OR a.mode = 'onsite') ORDER BY mt.date, mt.id",
    )?;
    let rows = stmt.query_map(params![member_id, from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

// ---- pairing ----

/// A member's open pairing: (id, mentor_id, start_date, goal), the latest if several.
pub fn open_pairing(conn: &Connection, mentee: i64) -> Result<Option<(i64, i64, String, Option<String>)>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, mentor_id, start_date, goal FROM pairing WHERE mentee_id = ?1 AND end_date IS NULL ORDER BY id DESC LIMIT 1",
        )?
        .query_row([mentee], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?)
}

pub fn insert_pairing(tx: &Transaction, mentor_id: i64, mentee_id: i64, start: Option<String>, goal: Option<&str>) -> Result<i64> {
    tx.execute(
        "INSERT INTO pairing (mentor_id, mentee_id, start_date, goal, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![mentor_id, mentee_id, start, goal, audit::now()],
    )?;
    Ok(tx.last_insert_rowid())
}

/// The start date of an open pairing.
pub fn open_pairing_start(tx: &Transaction, id: i64) -> Result<Option<String>> {
    Ok(tx.query_row("SELECT start_date FROM pairing WHERE id = ?1 AND end_date IS NULL", [id], |r| r.get(0)).optional()?)
}

pub fn end_pairing(tx: &Transaction, id: i64, end: Option<String>, result: &str) -> Result<()> {
    tx.execute("UPDATE pairing SET end_date = ?1, result = ?2 WHERE id = ?3", params![end, result, id])?;
    Ok(())
}

// ---- participation ----

/// Attendance rows of held meetings in [from, to]: (meeting_id, member_id, status, mode).
pub fn held_marks(conn: &Connection, from: &str, to: &str) -> Result<Vec<(i64, i64, String, Option<String>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.meeting_id, a.member_id, a.status, a.mode FROM attendance a JOIN meeting mt ON mt.id = a.meeting_id
         WHERE mt.state = 'held' AND mt.date BETWEEN ?1 AND ?2",
    )?;
    let rows = stmt.query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

const HELD_IN_PERIOD: &str = "FROM attendance a JOIN meeting mt ON mt.id = a.meeting_id WHERE mt.state = 'held' AND mt.date BETWEEN ?1 AND ?2";

/// The six sums of `Tally::SQL_COUNTS` per member over held meetings in [from, to], read by `counts`.
pub fn held_counts_by_member<T>(conn: &Connection, from: &str, to: &str, counts: impl Fn(&rusqlite::Row, usize) -> rusqlite::Result<T>) -> Result<Vec<(i64, T)>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT a.member_id, {} {HELD_IN_PERIOD} GROUP BY a.member_id", super::tally::Tally::SQL_COUNTS))?;
    let rows = stmt.query_map(params![from, to], |r| Ok((r.get(0)?, counts(r, 1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The six sums over every attendance of held meetings in [from, to].
pub fn held_counts<T>(conn: &Connection, from: &str, to: &str, counts: impl Fn(&rusqlite::Row, usize) -> rusqlite::Result<T>) -> Result<T> {
    Ok(conn.query_row(&format!("SELECT {} {HELD_IN_PERIOD}", super::tally::Tally::SQL_COUNTS), params![from, to], |r| counts(r, 0))?)
}

/// A member's held meetings in [from, to]: (id, date, kind, topic, status, mode), newest first.
#[allow(clippy::type_complexity)]
pub fn member_meetings(conn: &Connection, member_id: i64, from: &str, to: &str) -> Result<Vec<(i64, String, String, String, String, Option<String>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT mt.id, mt.date, mt.kind, mt.topic, a.status, a.mode FROM attendance a JOIN meeting mt ON mt.id = a.meeting_id
         WHERE a.member_id = ?1 AND mt.state = 'held' AND mt.date BETWEEN ?2 AND ?3 ORDER BY mt.date DESC, mt.id DESC",
    )?;
    let rows = stmt.query_map(params![member_id, from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Members expected at held meetings in [since, until] who took part in none: (member_id, expected, the last
/// meeting they ever took part in).
pub fn not_taking_part(conn: &Connection, since: &str, until: &str) -> Result<Vec<(i64, u32, Option<String>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.member_id,
                count(*) AS expected,
                sum(CASE WHEN a.status = 'present' OR a.mode IN ('home', 'online') THEN 1 ELSE 0 END) AS took,
                (SELECT max(mt2.date) FROM attendance a2 JOIN meeting mt2 ON mt2.id = a2.meeting_id
                  WHERE a2.member_id = a.member_id AND mt2.state = 'held' AND (a2.status = 'present' OR a2.mode IN ('home', 'online')))
         FROM attendance a JOIN meeting mt ON mt.id = a.meeting_id
         WHERE mt.state = 'held' AND mt.date BETWEEN ?1 AND ?2
         GROUP BY a.member_id HAVING took = 0",
    )?;
    let rows = stmt.query_map(params![since, until], |r| Ok((r.get(0)?, r.get(1)?, r.get(3)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

//! SQL on the tables 发展党员 owns (architecture.md: table ownership): dev_person and dev_step.
use crate::kernel::error::Result;
use crate::store::audit;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

#[derive(Debug, Clone, PartialEq)]
pub struct PersonRow {
    pub id: i64,
    pub name: String,
    pub sex: Option<String>,
    pub ethnicity: Option<String>,
    pub birth_date: Option<String>,
    pub id_number: Option<String>,
    pub education: Option<String>,
    pub employer: Option<String>,
    pub phone: Option<String>,
    pub group_id: Option<i64>,
    pub member_id: Option<i64>,
    pub state: String,
    pub stop_reason: Option<String>,
    pub note: Option<String>,
}

const PERSON_COLUMNS: &str = "id, name, sex, ethnicity, birth_date, id_number, education, employer, phone, group_id, member_id, state, stop_reason, note";

fn person_from_row(r: &rusqlite::Row) -> rusqlite::Result<PersonRow> {
    Ok(PersonRow {
        id: r.get(0)?,
        name: r.get(1)?,
        sex: r.get(2)?,
        ethnicity: r.get(3)?,
        birth_date: r.get(4)?,
        id_number: r.get(5)?,
        education: r.get(6)?,
        employer: r.get(7)?,
        phone: r.get(8)?,
        group_id: r.get(9)?,
        member_id: r.get(10)?,
        state: r.get(11)?,
        stop_reason: r.get(12)?,
        note: r.get(13)?,
    })
}

pub fn people(conn: &Connection) -> Result<Vec<PersonRow>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {PERSON_COLUMNS} FROM dev_person ORDER BY id"))?;
    let rows = stmt.query_map([], person_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn person(conn: &Connection, id: i64) -> Result<Option<PersonRow>> {
    Ok(conn.query_row(&format!("SELECT {PERSON_COLUMNS} FROM dev_person WHERE id = ?1"), [id], person_from_row).optional()?)
}

pub fn insert_person(tx: &Transaction, p: &PersonRow) -> Result<i64> {
    let now = audit::now();
    tx.execute(
        "INSERT INTO dev_person (name, sex, ethnicity, birth_date, id_number, education, employer, phone, group_id, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        params![p.name, p.sex, p.ethnicity, p.birth_date, p.id_number, p.education, p.employer, p.phone, p.group_id, p.note, now],
    )?;
    Ok(tx.last_insert_rowid())
}

pub fn set_member(tx: &Transaction, id: i64, member_id: i64) -> Result<()> {
    tx.execute("UPDATE dev_person SET member_id = ?1, updated_at = ?2 WHERE id = ?3", params![member_id, audit::now(), id])?;
    Ok(())
}

pub fn set_state(tx: &Transaction, id: i64, state: &str, reason: Option<&str>) -> Result<()> {
    tx.execute("UPDATE dev_person SET state = ?1, stop_reason = ?2, updated_at = ?3 WHERE id = ?4", params![state, reason, audit::now(), id])?;
    Ok(())
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct StepRow {
    pub id: i64,
    pub person_id: i64,
    pub step: u8,
    pub date: String,
    pub actor: Option<String>,
    pub record: Option<String>,
    pub doc_no: Option<String>,
    pub people: Vec<i64>,
    pub passed: Option<bool>,
    pub training_days: Option<u32>,
    pub training_hours: Option<u32>,
    pub notice_to: Option<String>,
    /// JSON of the vote.
    pub vote: Option<String>,
    pub meeting_id: Option<i64>,
    pub outcome: Option<String>,
    pub extension_months: Option<i32>,
    pub special: bool,
    pub entered_by: String,
}

const STEP_COLUMNS: &str = "id, person_id, step, date, actor, record, doc_no, people, passed, training_days, training_hours, notice_to, vote, \
    meeting_id, outcome, extension_months, special, entered_by";

fn step_from_row(r: &rusqlite::Row) -> rusqlite::Result<StepRow> {
    let people: String = r.get(7)?;
    Ok(StepRow {
        id: r.get(0)?,
        person_id: r.get(1)?,
        step: r.get(2)?,
        date: r.get(3)?,
        actor: r.get(4)?,
        record: r.get(5)?,
        doc_no: r.get(6)?,
        people: serde_json::from_str(&people).unwrap_or_default(),
        passed: r.get(8)?,
        training_days: r.get(9)?,
        training_hours: r.get(10)?,
        notice_to: r.get(11)?,
        vote: r.get(12)?,
        meeting_id: r.get(13)?,
        outcome: r.get(14)?,
        extension_months: r.get(15)?,
        special: r.get(16)?,
        entered_by: r.get(17)?,
    })
}

/// Every step in force (not voided), by person, step and date.
pub fn steps(conn: &Connection) -> Result<Vec<StepRow>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {STEP_COLUMNS} FROM dev_step WHERE voided = 0 ORDER BY person_id, step, date, id"))?;
    let rows = stmt.query_map([], step_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn person_steps(conn: &Connection, person_id: i64) -> Result<Vec<StepRow>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {STEP_COLUMNS} FROM dev_step WHERE voided = 0 AND person_id = ?1 ORDER BY step, date, id"))?;
    let rows = stmt.query_map([person_id], step_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn insert_step(tx: &Transaction, s: &StepRow) -> Result<i64> {
    tx.execute(
        "INSERT INTO dev_step (person_id, step, date, actor, record, doc_no, people, passed, training_days, training_hours, notice_to, vote,
           meeting_id, outcome, extension_months, special, entered_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
        params![s.person_id, s.step, s.date, s.actor, s.record, s.doc_no, serde_json::to_string(&s.people)?, s.passed, s.training_days,
            s.training_hours, s.notice_to, s.vote, s.meeting_id, s.outcome, s.extension_months, s.special, s.entered_by, audit::now()],
    )?;
    Ok(tx.last_insert_rowid())
}

pub fn step(conn: &Connection, id: i64) -> Result<Option<StepRow>> {
    Ok(conn.query_row(&format!("SELECT {STEP_COLUMNS} FROM dev_step WHERE voided = 0 AND id = ?1"), [id], step_from_row).optional()?)
}

pub fn void_step(tx: &Transaction, id: i64, reason: &str) -> Result<()> {
    tx.execute("UPDATE dev_step SET voided = 1, void_reason = ?1 WHERE id = ?2", params![reason, id])?;
    Ok(())
}

pub fn update_person(tx: &Transaction, p: &PersonRow) -> Result<()> {
    tx.execute(
        "UPDATE dev_person SET name = ?1, sex = ?2, ethnicity = ?3, birth_date = ?4, id_number = ?5, education = ?6, employer = ?7,
           phone = ?8, group_id = ?9, note = ?10, updated_at = ?11 WHERE id = ?12",
        params![p.name, p.sex, p.ethnicity, p.birth_date, p.id_number, p.education, p.employer, p.phone, p.group_id, p.note, audit::now(), p.id],
    )?;
    Ok(())
}

//! SQL on the tables 流动党员 owns (architecture.md: table ownership): mobile_card, mobile_contact and transfer.
use crate::kernel::error::Result;
use crate::store::audit;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct CardRow {
    pub id: i64,
    pub member_id: i64,
    pub away_since: String,
    pub reason: Option<String>,
    pub destination: Option<String>,
    pub workplace: Option<String>,
    pub host_org: Option<String>,
    pub host_contact: Option<String>,
    pub permit_no: Option<String>,
    pub permit_issued: Option<String>,
    pub permit_checked: Option<String>,
    pub dues_way: Option<String>,
    pub keeper_id: Option<i64>,
    /// 六个清: item key → the date it was last confirmed.
    pub clear: BTreeMap<String, String>,
    pub returned_on: Option<String>,
    pub prev_identity: Option<String>,
    pub note: Option<String>,
}

const CARD_COLUMNS: &str = "id, member_id, away_since, reason, destination, workplace, host_org, host_contact, permit_no, \
    permit_issued, permit_checked, dues_way, keeper_id, clear, returned_on, prev_identity, note";

fn card_from_row(r: &rusqlite::Row) -> rusqlite::Result<CardRow> {
    let clear: String = r.get(13)?;
    Ok(CardRow {
        id: r.get(0)?,
        member_id: r.get(1)?,
        away_since: r.get(2)?,
        reason: r.get(3)?,
        destination: r.get(4)?,
        workplace: r.get(5)?,
        host_org: r.get(6)?,
        host_contact: r.get(7)?,
        permit_no: r.get(8)?,
        permit_issued: r.get(9)?,
        permit_checked: r.get(10)?,
        dues_way: r.get(11)?,
        keeper_id: r.get(12)?,
        clear: serde_json::from_str(&clear).unwrap_or_default(),
        returned_on: r.get(14)?,
        prev_identity: r.get(15)?,
        note: r.get(16)?,
    })
}

/// Cards still open (not returned), oldest departure first; with `all`, returned ones too.
pub fn cards(conn: &Connection, all: bool) -> Result<Vec<CardRow>> {
    let filter = if all { "" } else { "WHERE returned_on IS NULL" };
    let mut stmt = conn.prepare_cached(&format!("SELECT {CARD_COLUMNS} FROM mobile_card {filter} ORDER BY away_since, id"))?;
    let rows = stmt.query_map([], card_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn card(conn: &Connection, id: i64) -> Result<Option<CardRow>> {
    Ok(conn.query_row(&format!("SELECT {CARD_COLUMNS} FROM mobile_card WHERE id = ?1"), [id], card_from_row).optional()?)
}

pub fn open_card_of(conn: &Connection, member_id: i64) -> Result<Option<CardRow>> {
    Ok(conn
        .query_row(&format!("SELECT {CARD_COLUMNS} FROM mobile_card WHERE member_id = ?1 AND returned_on IS NULL"), [member_id], card_from_row)
        .optional()?)
}

/// Inserts (id 0) or updates a card; returns its id.
pub fn save_card(tx: &Transaction, c: &CardRow) -> Result<i64> {
    let now = audit::now();
    let clear = serde_json::to_string(&c.clear)?;
    if c.id == 0 {
        tx.execute(
            "INSERT INTO mobile_card (member_id, away_since, reason, destination, workplace, host_org, host_contact, permit_no,
               permit_issued, permit_checked, dues_way, keeper_id, clear, returned_on, prev_identity, note, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17)",
            params![c.member_id, c.away_since, c.reason, c.destination, c.workplace, c.host_org, c.host_contact, c.permit_no,
                c.permit_issued, c.permit_checked, c.dues_way, c.keeper_id, clear, c.returned_on, c.prev_identity, c.note, now],
        )?;
        return Ok(tx.last_insert_rowid());
    }
    tx.execute(
        "UPDATE mobile_card SET away_since = ?1, reason = ?2, destination = ?3, workplace = ?4, host_org = ?5, host_contact = ?6,
           permit_no = ?7, permit_issued = ?8, permit_checked = ?9, dues_way = ?10, keeper_id = ?11, clear = ?12,
           returned_on = ?13, prev_identity = ?14, note = ?15, updated_at = ?16 WHERE id = ?17",
        params![c.away_since, c.reason, c.destination, c.workplace, c.host_org, c.host_contact, c.permit_no, c.permit_issued,
            c.permit_checked, c.dues_way, c.keeper_id, clear, c.returned_on, c.prev_identity, c.note, now, c.id],
    )?;
    Ok(c.id)
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct ContactRow {
    pub id: i64,
    pub member_id: i64,
    /// contact or search.
    pub kind: String,
    pub date: String,
    pub way: String,
    pub by_whom: Option<String>,
    pub content: String,
    pub follow_up: Option<String>,
    pub reported: bool,
    pub host_activity: i64,
    pub found: bool,
    pub entered_by: String,
}

const CONTACT_COLUMNS: &str = "id, member_id, kind, date, way, by_whom, content, follow_up, reported, host_activity, found, entered_by";

fn contact_from_row(r: &rusqlite::Row) -> rusqlite::Result<ContactRow> {
    Ok(ContactRow {
        id: r.get(0)?,
        member_id: r.get(1)?,
        kind: r.get(2)?,
        date: r.get(3)?,
        way: r.get(4)?,
        by_whom: r.get(5)?,
        content: r.get(6)?,
        follow_up: r.get(7)?,
        reported: r.get(8)?,
        host_activity: r.get(9)?,
        found: r.get(10)?,
        entered_by: r.get(11)?,
    })
}

/// Every entry in force (not voided), newest first.
pub fn contacts(conn: &Connection) -> Result<Vec<ContactRow>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {CONTACT_COLUMNS} FROM mobile_contact WHERE voided = 0 ORDER BY date DESC, id DESC"))?;
    let rows = stmt.query_map([], contact_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn contact(conn: &Connection, id: i64) -> Result<Option<ContactRow>> {
    Ok(conn.query_row(&format!("SELECT {CONTACT_COLUMNS} FROM mobile_contact WHERE voided = 0 AND id = ?1"), [id], contact_from_row).optional()?)
}

pub fn insert_contact(tx: &Transaction, c: &ContactRow) -> Result<i64> {
    tx.execute(
        "INSERT INTO mobile_contact (member_id, kind, date, way, by_whom, content, follow_up, reported, host_activity, found, entered_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![c.member_id, c.kind, c.date, c.way, c.by_whom, c.content, c.follow_up, c.reported, c.host_activity, c.found, c.entered_by, audit::now()],
    )?;
    Ok(tx.last_insert_rowid())
}

pub fn void_contact(tx: &Transaction, id: i64, reason: &str) -> Result<()> {
    tx.execute("UPDATE mobile_contact SET voided = 1, void_reason = ?1 WHERE id = ?2", params![reason, id])?;
    Ok(())
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct TransferRow {
    pub id: i64,
    pub member_id: i64,
    /// out or in.
    pub direction: String,
    pub letter_no: String,
    pub date: String,
    pub from_org: String,
    pub to_org: String,
    pub dues_paid_through: Option<String>,
    pub valid_days: Option<i64>,
    pub arrived_on: Option<String>,
    pub receipt_on: Option<String>,
    pub reason: Option<String>,
    pub note: Option<String>,
    pub entered_by: String,
    pub cancelled: bool,
    pub cancel_reason: Option<String>,
}

const TRANSFER_COLUMNS: &str = "id, member_id, direction, letter_no, date, from_org, to_org, dues_paid_through, valid_days, \
    arrived_on, receipt_on, reason, note, entered_by, cancelled, cancel_reason";

fn transfer_from_row(r: &rusqlite::Row) -> rusqlite::Result<TransferRow> {
    Ok(TransferRow {
        id: r.get(0)?,
        member_id: r.get(1)?,
        direction: r.get(2)?,
        letter_no: r.get(3)?,
        date: r.get(4)?,
        from_org: r.get(5)?,
        to_org: r.get(6)?,
        dues_paid_through: r.get(7)?,
        valid_days: r.get(8)?,
        arrived_on: r.get(9)?,
        receipt_on: r.get(10)?,
        reason: r.get(11)?,
        note: r.get(12)?,
        entered_by: r.get(13)?,
        cancelled: r.get(14)?,
        cancel_reason: r.get(15)?,
    })
}

/// Every transfer, newest first (cancelled ones too: they keep their letter number).
pub fn transfers(conn: &Connection) -> Result<Vec<TransferRow>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {TRANSFER_COLUMNS} FROM transfer ORDER BY date DESC, id DESC"))?;
    let rows = stmt.query_map([], transfer_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn transfer(conn: &Connection, id: i64) -> Result<Option<TransferRow>> {
    Ok(conn.query_row(&format!("SELECT {TRANSFER_COLUMNS} FROM transfer WHERE id = ?1"), [id], transfer_from_row).optional()?)
}

/// An open 转出 of the member: a letter not cancelled whose 回执 is not back.
pub fn open_transfer_out(conn: &Connection, member_id: i64) -> Result<Option<TransferRow>> {
    Ok(conn
        .query_row(
            &format!("SELECT {TRANSFER_COLUMNS} FROM transfer WHERE member_id = ?1 AND direction = 'out' AND cancelled = 0 AND receipt_on IS NULL"),
            [member_id],
            transfer_from_row,
        )
        .optional()?)
}

pub fn letter_no_taken(conn: &Connection, direction: &str, letter_no: &str, except: i64) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM transfer WHERE direction = ?1 AND letter_no = ?2 AND cancelled = 0 AND id <> ?3",
            params![direction, letter_no, except],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// How many letters were issued (转出) in a year, cancelled ones included: the next number follows them.
pub fn letters_in_year(conn: &Connection, year: i32) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM transfer WHERE direction = 'out' AND substr(date, 1, 4) = ?1",
        [format!("{year:04}")],
        |r| r.get(0),
    )?)
}

pub fn insert_transfer(tx: &Transaction, t: &TransferRow) -> Result<i64> {
    let now = audit::now();
    tx.execute(
        "INSERT INTO transfer (member_id, direction, letter_no, date, from_org, to_org, dues_paid_through, valid_days, arrived_on,
           receipt_on, reason, note, entered_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
        params![t.member_id, t.direction, t.letter_no, t.date, t.from_org, t.to_org, t.dues_paid_through, t.valid_days, t.arrived_on,
            t.receipt_on, t.reason, t.note, t.entered_by, now],
    )?;
    Ok(tx.last_insert_rowid())
}

pub fn set_receipt(tx: &Transaction, id: i64, arrived_on: &str, receipt_on: &str) -> Result<()> {
    tx.execute(
        "UPDATE transfer SET arrived_on = ?1, receipt_on = ?2, updated_at = ?3 WHERE id = ?4",
        params![arrived_on, receipt_on, audit::now(), id],
    )?;
    Ok(())
}

pub fn cancel_transfer(tx: &Transaction, id: i64, reason: &str) -> Result<()> {
    tx.execute("UPDATE transfer SET cancelled = 1, cancel_reason = ?1, updated_at = ?2 WHERE id = ?3", params![reason, audit::now(), id])?;
    Ok(())
}

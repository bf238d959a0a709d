//! SQL on the tables 党费 owns (architecture.md: table ownership): dues_standard, dues_relief, dues_payment,
//! dues_remit, dues_alert_handling. Money is integer 分, months YYYY-MM.
use crate::kernel::error::Result;
use crate::store::audit;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

// ---- dues_standard ----

#[derive(Debug, Clone, PartialEq)]
pub struct StandardRow {
    pub id: i64,
    pub member_id: i64,
    pub from_month: String,
    pub kind: String,
    pub base: Option<i64>,
    pub base_source: Option<String>,
    pub incomes: Vec<i64>,
    pub rate: Option<i64>,
    pub amount: i64,
    pub rule_set: String,
    pub quarterly: bool,
    pub decided_on: String,
    pub note: Option<String>,
    pub entered_by: String,
    pub created_at: String,
    pub voided: bool,
    pub void_reason: Option<String>,
}

const STANDARD_COLUMNS: &str =
    "id, member_id, from_month, kind, base, base_source, incomes, rate, amount, rule_set, quarterly, decided_on, note, entered_by, created_at, voided, void_reason";

fn standard_from_row(r: &rusqlite::Row) -> rusqlite::Result<StandardRow> {
    let incomes: Option<String> = r.get(6)?;
    Ok(StandardRow {
        id: r.get(0)?,
        member_id: r.get(1)?,
        from_month: r.get(2)?,
        kind: r.get(3)?,
        base: r.get(4)?,
        base_source: r.get(5)?,
        incomes: incomes.and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default(),
        rate: r.get(7)?,
        amount: r.get(8)?,
        rule_set: r.get(9)?,
        quarterly: r.get(10)?,
        decided_on: r.get(11)?,
        note: r.get(12)?,
        entered_by: r.get(13)?,
        created_at: r.get(14)?,
        voided: r.get(15)?,
        void_reason: r.get(16)?,
    })
}

/// Every standard in force (not voided), per member in the order they apply (month, then entry).
pub fn standards(conn: &Connection) -> Result<Vec<StandardRow>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {STANDARD_COLUMNS} FROM dues_standard WHERE voided = 0 ORDER BY member_id, from_month, id"))?;
    let rows = stmt.query_map([], standard_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One member's standards, voided ones included (the history).
pub fn member_standards(conn: &Connection, member_id: i64) -> Result<Vec<StandardRow>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {STANDARD_COLUMNS} FROM dues_standard WHERE member_id = ?1 ORDER BY from_month, id"))?;
    let rows = stmt.query_map([member_id], standard_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn standard(conn: &Connection, id: i64) -> Result<Option<StandardRow>> {
    Ok(conn.query_row(&format!("SELECT {STANDARD_COLUMNS} FROM dues_standard WHERE id = ?1"), [id], standard_from_row).optional()?)
}

pub fn insert_standard(tx: &Transaction, s: &StandardRow) -> Result<i64> {
    let incomes = if s.incomes.is_empty() { None } else { Some(serde_json::to_string(&s.incomes)?) };
    tx.prepare_cached(
        "INSERT INTO dues_standard (member_id, from_month, kind, base, base_source, incomes, rate, amount, rule_set, quarterly,
           decided_on, note, entered_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![s.member_id, s.from_month, s.kind, s.base, s.base_source, incomes, s.rate, s.amount, s.rule_set, s.quarterly,
        s.decided_on, s.note, s.entered_by, audit::now()])?;
    Ok(tx.last_insert_rowid())
}

pub fn void_standard(tx: &Transaction, id: i64, reason: &str, actor: &str) -> Result<()> {
    tx.execute(
        "UPDATE dues_standard SET voided = 1, void_reason = ?1, voided_by = ?2, voided_at = ?3 WHERE id = ?4",
        params![reason, actor, audit::now(), id],
    )?;
    Ok(())
}

// ---- dues_relief ----

#[derive(Debug, Clone, PartialEq)]
pub struct ReliefRow {
    pub id: i64,
    pub member_id: i64,
    pub kind: String,
    pub amount: Option<i64>,
    pub from_month: String,
    pub to_month: Option<String>,
    pub approved_by: Option<String>,
    pub approved_on: Option<String>,
    pub doc_no: Option<String>,
    pub note: Option<String>,
    pub revoked: bool,
    pub revoke_reason: Option<String>,
}

const RELIEF_COLUMNS: &str = "id, member_id, kind, amount, from_month, to_month, approved_by, approved_on, doc_no, note, revoked, revoke_reason";

fn relief_from_row(r: &rusqlite::Row) -> rusqlite::Result<ReliefRow> {
    Ok(ReliefRow {
        id: r.get(0)?,
        member_id: r.get(1)?,
        kind: r.get(2)?,
        amount: r.get(3)?,
        from_month: r.get(4)?,
        to_month: r.get(5)?,
        approved_by: r.get(6)?,
        approved_on: r.get(7)?,
        doc_no: r.get(8)?,
        note: r.get(9)?,
        revoked: r.get(10)?,
        revoke_reason: r.get(11)?,
    })
}

/// Every relief, revoked ones included (the ledger skips them).
pub fn reliefs(conn: &Connection) -> Result<Vec<ReliefRow>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {RELIEF_COLUMNS} FROM dues_relief ORDER BY member_id, from_month, id"))?;
    let rows = stmt.query_map([], relief_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn relief(conn: &Connection, id: i64) -> Result<Option<ReliefRow>> {
    Ok(conn.query_row(&format!("SELECT {RELIEF_COLUMNS} FROM dues_relief WHERE id = ?1"), [id], relief_from_row).optional()?)
}

pub fn insert_relief(tx: &Transaction, r: &ReliefRow, actor: &str) -> Result<i64> {
    tx.execute(
        "INSERT INTO dues_relief (member_id, kind, amount, from_month, to_month, approved_by, approved_on, doc_no, note, entered_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![r.member_id, r.kind, r.amount, r.from_month, r.to_month, r.approved_by, r.approved_on, r.doc_no, r.note, actor, audit::now()],
    )?;
    Ok(tx.last_insert_rowid())
}

pub fn revoke_relief(tx: &Transaction, id: i64, reason: &str, actor: &str) -> Result<()> {
    tx.execute(
        "UPDATE dues_relief SET revoked = 1, revoke_reason = ?1, revoked_by = ?2, revoked_at = ?3 WHERE id = ?4",
        params![reason, actor, audit::now(), id],
    )?;
    Ok(())
}

// ---- dues_payment ----

#[derive(Debug, Clone, PartialEq)]
pub struct PaymentRow {
    pub id: i64,
    pub member_id: i64,
    pub month: String,
    pub kind: String,
    pub amount: i64,
    pub paid_on: String,
    pub method: String,
    pub collected_by: Option<String>,
    pub proxy: Option<String>,
    pub batch: i64,
    pub note: Option<String>,
    pub reverses: Option<i64>,
    /// The reversal that cancelled this row, if any (filled from the other rows).
    pub reversed_by: Option<i64>,
    pub entered_by: String,
    pub created_at: String,
}

const PAYMENT_COLUMNS: &str = "p.id, p.member_id, p.month, p.kind, p.amount, p.paid_on, p.method, p.collected_by, p.proxy, p.batch, \
    p.note, p.reverses, (SELECT r.id FROM dues_payment r WHERE r.reverses = p.id), p.entered_by, p.created_at";

fn payment_from_row(r: &rusqlite::Row) -> rusqlite::Result<PaymentRow> {
    Ok(PaymentRow {
        id: r.get(0)?,
        member_id: r.get(1)?,
        month: r.get(2)?,
        kind: r.get(3)?,
        amount: r.get(4)?,
        paid_on: r.get(5)?,
        method: r.get(6)?,
        collected_by: r.get(7)?,
        proxy: r.get(8)?,
        batch: r.get(9)?,
        note: r.get(10)?,
        reverses: r.get(11)?,
        reversed_by: r.get(12)?,
        entered_by: r.get(13)?,
        created_at: r.get(14)?,
    })
}

/// Every payment row (reversals included), by member and month.
pub fn payments(conn: &Connection) -> Result<Vec<PaymentRow>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {PAYMENT_COLUMNS} FROM dues_payment p ORDER BY p.member_id, p.month, p.id"))?;
    let rows = stmt.query_map([], payment_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One member's payment rows, newest first.
pub fn member_payments(conn: &Connection, member_id: i64) -> Result<Vec<PaymentRow>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {PAYMENT_COLUMNS} FROM dues_payment p WHERE p.member_id = ?1 ORDER BY p.month DESC, p.id DESC"))?;
    let rows = stmt.query_map([member_id], payment_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn payment(conn: &Connection, id: i64) -> Result<Option<PaymentRow>> {
    Ok(conn.query_row(&format!("SELECT {PAYMENT_COLUMNS} FROM dues_payment p WHERE p.id = ?1"), [id], payment_from_row).optional()?)
}

pub fn next_batch(tx: &Transaction) -> Result<i64> {
    Ok(tx.query_row("SELECT coalesce(max(batch), 0) + 1 FROM dues_payment", [], |r| r.get(0))?)
}

pub fn insert_payment(tx: &Transaction, p: &PaymentRow) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO dues_payment (member_id, month, kind, amount, paid_on, method, collected_by, proxy, batch, note, reverses, entered_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![p.member_id, p.month, p.kind, p.amount, p.paid_on, p.method, p.collected_by, p.proxy, p.batch, p.note, p.reverses,
        p.entered_by, audit::now()])?;
    Ok(tx.last_insert_rowid())
}

// ---- dues_remit ----

#[derive(Debug, Clone, PartialEq)]
pub struct RemitRow {
    pub id: i64,
    pub date: String,
    pub from_month: String,
    pub to_month: String,
    pub amount: i64,
    pub method: String,
    pub receipt_no: Option<String>,
    pub note: Option<String>,
    pub reverses: Option<i64>,
    pub reversed_by: Option<i64>,
    pub entered_by: String,
}

const REMIT_COLUMNS: &str = "m.id, m.date, m.from_month, m.to_month, m.amount, m.method, m.receipt_no, m.note, m.reverses, \
    (SELECT r.id FROM dues_remit r WHERE r.reverses = m.id), m.entered_by";

fn remit_from_row(r: &rusqlite::Row) -> rusqlite::Result<RemitRow> {
    Ok(RemitRow {
        id: r.get(0)?,
        date: r.get(1)?,
        from_month: r.get(2)?,
        to_month: r.get(3)?,
        amount: r.get(4)?,
        method: r.get(5)?,
        receipt_no: r.get(6)?,
        note: r.get(7)?,
        reverses: r.get(8)?,
        reversed_by: r.get(9)?,
        entered_by: r.get(10)?,
    })
}

/// Every 上缴 row, newest first.
pub fn remits(conn: &Connection) -> Result<Vec<RemitRow>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {REMIT_COLUMNS} FROM dues_remit m ORDER BY m.date DESC, m.id DESC"))?;
    let rows = stmt.query_map([], remit_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn remit(conn: &Connection, id: i64) -> Result<Option<RemitRow>> {
    Ok(conn.query_row(&format!("SELECT {REMIT_COLUMNS} FROM dues_remit m WHERE m.id = ?1"), [id], remit_from_row).optional()?)
}

pub fn insert_remit(tx: &Transaction, m: &RemitRow) -> Result<i64> {
    tx.execute(
        "INSERT INTO dues_remit (date, from_month, to_month, amount, method, receipt_no, note, reverses, entered_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![m.date, m.from_month, m.to_month, m.amount, m.method, m.receipt_no, m.note, m.reverses, m.entered_by, audit::now()],
    )?;
    Ok(tx.last_insert_rowid())
}

// ---- dues_alert_handling ----

#[derive(Debug, Clone, PartialEq)]
pub struct HandlingRow {
    pub id: i64,
    pub member_id: i64,
    pub run_from: String,
    pub date: String,
    pub action: String,
    pub note: String,
    pub handled_by: String,
}

pub fn handlings(conn: &Connection) -> Result<Vec<HandlingRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, member_id, run_from, date, action, note, handled_by FROM dues_alert_handling ORDER BY member_id, run_from, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(HandlingRow { id: r.get(0)?, member_id: r.get(1)?, run_from: r.get(2)?, date: r.get(3)?, action: r.get(4)?, note: r.get(5)?, handled_by: r.get(6)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn insert_handling(tx: &Transaction, h: &HandlingRow) -> Result<i64> {
    tx.execute(
        "INSERT INTO dues_alert_handling (member_id, run_from, date, action, note, handled_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![h.member_id, h.run_from, h.date, h.action, h.note, h.handled_by, audit::now()],
    )?;
    Ok(tx.last_insert_rowid())
}

//! 上缴: dues handed to the higher committee, and what has been collected but not yet remitted.
use super::month;
use super::store::{self, RemitRow};
use crate::kernel::dates;
use crate::kernel::error::{Error, FieldError, Result};
use crate::kernel::money::{parse_yuan, yuan};
use crate::store::audit;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "DuesRemit")]
pub struct Remit {
    pub id: i64,
    pub date: String,
    pub from_month: String,
    pub to_month: String,
    pub amount: String,
    pub amount_fen: i64,
    pub method: String,
    pub receipt_no: Option<String>,
    pub note: Option<String>,
    pub reverses: Option<i64>,
    pub reversed: bool,
    pub entered_by: String,
}

/// What the audit log keeps of a 上缴 record.
fn brief(r: &Remit) -> serde_json::Value {
    serde_json::json!({ "date": r.date, "from_month": r.from_month, "to_month": r.to_month, "amount": format!("{} 元", r.amount), "method": r.method, "receipt_no": r.receipt_no, "note": r.note })
}

fn view(r: &RemitRow) -> Remit {
    Remit {
        id: r.id,
        date: r.date.clone(),
        from_month: r.from_month.clone(),
        to_month: r.to_month.clone(),
        amount: yuan(r.amount),
        amount_fen: r.amount,
        method: r.method.clone(),
        receipt_no: r.receipt_no.clone(),
        note: r.note.clone(),
        reverses: r.reverses,
        reversed: r.reversed_by.is_some(),
        entered_by: r.entered_by.clone(),
    }
}

#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(rename = "DuesRemitInput")]
pub struct RemitInput {
    pub date: String,
    /// The dues months remitted: one month, or a quarter's first and last.
    pub from_month: String,
    pub to_month: String,
    /// 元.
    pub amount: String,
    /// 现金, 转账 …; empty for 转账.
    pub method: String,
    /// 回执号 / 收据号.
    pub receipt_no: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "DuesRemits")]
pub struct Remits {
    pub remits: Vec<Remit>,
    /// Everything collected (net of reversals), remitted, and the difference still held by the branch.
    pub collected: String,
    pub remitted: String,
    pub pending: String,
    pub pending_fen: i64,
    /// The same for the months of the chosen year (by dues month).
    pub year: i32,
    pub year_collected: String,
    pub year_remitted: String,
}

pub fn remit(conn: &mut Connection, actor: &str, input: &RemitInput, today: NaiveDate) -> Result<Remit> {
    let mut errs: Vec<FieldError> = Vec::new();
    let mut take = |r: Result<i32>| r.map_err(|e| if let Error::Invalid(v) = e { errs.extend(v) }).ok();
    let from = take(month::parse("from_month", "上缴的起始月份", &input.from_month));
    let to = if input.to_month.trim().is_empty() { from } else { take(month::parse("to_month", "上缴的截止月份", &input.to_month)) };
    let amount = parse_yuan("amount", "上缴金额", &input.amount).map_err(|e| if let Error::Invalid(v) = e { errs.extend(v) }).ok();
    if amount == Some(0) {
        errs.push(FieldError::new("amount", "ZERO", "上缴金额不能为 0"));
    }
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            errs.push(FieldError::new("to_month", "BAD_RANGE", "截止月份不能早于起始月份"));
        }
    }
    let date = if input.date.trim().is_empty() { Some(today) } else { dates::parse_flexible(&input.date) };
    match date {
        None => errs.push(FieldError::new("date", "BAD_DATE", format!("上缴日期“{}”不正确，请按 2026-10-05 的格式填写", input.date.trim()))),
        Some(d) if d > today => errs.push(FieldError::new("date", "FUTURE_DATE", "上缴日期不能晚于今天")),
        _ => {}
    }
    if !errs.is_empty() {
        return Err(Error::Invalid(errs));
    }
    let tx = conn.transaction()?;
    let row = RemitRow {
        id: 0,
        date: dates::iso(date.expect("checked")),
        from_month: month::key(from.expect("checked")),
        to_month: month::key(to.expect("checked")),
        amount: amount.expect("checked"),
        method: if input.method.trim().is_empty() { "转账".into() } else { input.method.trim().into() },
        receipt_no: input.receipt_no.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string),
        note: input.note.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string),
        reverses: None,
        reversed_by: None,
        entered_by: actor.into(),
    };
    let id = store::insert_remit(&tx, &row)?;
    let saved = view(&RemitRow { id, ..row });
    audit::record(&tx, actor, "create", "dues_remit", Some(id), None::<&()>, Some(&brief(&saved)))?;
    tx.commit()?;
    Ok(saved)
}

/// Cancels a 上缴 record entered by mistake, with the reason; both rows stay.
pub fn reverse_remit(conn: &mut Connection, actor: &str, id: i64, reason: &str, today: NaiveDate) -> Result<Remit> {
    if reason.trim().is_empty() {
        return Err(Error::invalid("reason", "REQUIRED", "请填写冲正的原因"));
    }
    let tx = conn.transaction()?;
    let r = store::remit(&tx, id)?.ok_or(Error::NotFound { entity: "dues_remit", id })?;
    if r.reverses.is_some() || r.reversed_by.is_some() {
        return Err(Error::invalid("id", "ALREADY_REVERSED", "这笔上缴记录已经冲正过，或本身是冲正记录"));
    }
    let rev = RemitRow { id: 0, amount: -r.amount, date: dates::iso(today), note: Some(reason.trim().into()), reverses: Some(id), reversed_by: None, entered_by: actor.into(), ..r.clone() };
    let rid = store::insert_remit(&tx, &rev)?;
    let saved = view(&store::remit(&tx, rid)?.ok_or(Error::NotFound { entity: "dues_remit", id: rid })?);
    audit::record(&tx, actor, "reverse", "dues_remit", Some(id), Some(&brief(&view(&r))), Some(&brief(&saved)))?;
    tx.commit()?;
    Ok(saved)
}

/// Every 上缴 record, and what is collected but not yet remitted.
pub fn remits(conn: &Connection, year: i32) -> Result<Remits> {
    let rows = store::remits(conn)?;
    let payments = store::payments(conn)?;
    let collected: i64 = payments.iter().map(|p| p.amount).sum();
    let remitted: i64 = rows.iter().map(|r| r.amount).sum();
    let prefix = format!("{year:04}-");
    let year_collected: i64 = payments.iter().filter(|p| p.month.starts_with(&prefix)).map(|p| p.amount).sum();
    let year_remitted: i64 = rows.iter().filter(|r| r.from_month.starts_with(&prefix)).map(|r| r.amount).sum();
    Ok(Remits {
        remits: rows.iter().map(view).collect(),
        collected: yuan(collected),
        remitted: yuan(remitted),
        pending: yuan(collected - remitted),
        pending_fen: collected - remitted,
        year,
        year_collected: yuan(year_collected),
        year_remitted: yuan(year_remitted),
    })
}

/// 上缴 rows of a dues month range, for the township's statistics table: (amount 分, dates).
pub fn remitted_between(rows: &[Remit], from: &str, to: &str) -> (i64, Vec<String>) {
    let hit: Vec<&Remit> = rows.iter().filter(|r| r.date.as_str() >= from && r.date.as_str() <= to).collect();
    (hit.iter().map(|r| r.amount_fen).sum(), hit.iter().filter(|r| r.amount_fen > 0 && !r.reversed).map(|r| r.date.clone()).collect())
}

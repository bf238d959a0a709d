//! 党员档案: saving a member — create, edit with its class history, 党籍 changes, the detail pane. The record's
//! types are in `record.rs`, its checks in `check.rs`, its SQL in `store.rs`; they are re-exported here, where the
//! adapters have always found them.
use crate::store::audit;
use crate::kernel::codes;
use crate::kernel::dates;
use crate::kernel::error::{Error, FieldError, Result};
use crate::members::store;
use chrono::NaiveDate;
use rusqlite::{Connection, Transaction};
use serde::{Deserialize, Serialize};

pub use crate::kernel::labels::member_field as label;
pub use crate::kernel::names::name_problem;
pub(crate) use crate::members::check::check;
pub use crate::members::record::*;

/// The dimensions a secretary re-classifies by hand, each with its history.
pub const CLASS_DIMENSIONS: [&str; 3] = ["identity_class", "position_nature", "mgmt_type"];

fn class_value<'a>(m: &'a MemberData, dim: &str) -> &'a Option<String> {
    match dim {
        "identity_class" => &m.identity_class,
        "position_nature" => &m.position_nature,
        _ => &m.mgmt_type,
    }
}

pub fn get_record(conn: &Connection, id: i64) -> Result<MemberRecord> {
    store::get(conn, id)?.ok_or(Error::NotFound { entity: "member", id })
}

/// Adds a member in its own transaction.
pub fn create(conn: &mut Connection, actor: &str, input: &MemberData) -> Result<MemberRecord> {
    let tx = conn.transaction()?;
    let m = create_in(&tx, actor, input, dates::today())?;
    tx.commit()?;
    Ok(m)
}

/// Adds a member inside the caller's transaction (batch work: demo data, imports).
pub fn create_in(tx: &Transaction, actor: &str, input: &MemberData, today: NaiveDate) -> Result<MemberRecord> {
    if !crate::org::is_set_up(tx)? {
        return Err(Error::NotSetUp);
    }
    let data = check(tx, input, None, today)?;
    create_checked(tx, actor, data, today)
}

/// Saves data that `check` has already cleaned (an import validates every row in its preview first).
pub(crate) fn create_checked(tx: &Transaction, actor: &str, data: MemberData, today: NaiveDate) -> Result<MemberRecord> {
    let now = audit::now();
    let id = store::write(tx, 0, &data, &now)?;
    let day = dates::iso(today);
    for dim in CLASS_DIMENSIONS {
        let v = class_value(&data, dim);
        if v.is_some() {
            store::add_class_history(tx, actor, id, dim, &None, v, &day, "新增党员时分类")?;
        }
    }
    let m = MemberRecord {
        id,
        data,
        status: "normal".into(),
        status_kind: None,
        status_date: None,
        status_reason: None,
        created_at: now.clone(),
        updated_at: now,
    };
    audit::record(tx, actor, "create", "member", Some(id), None::<&()>, Some(&m))?;
    Ok(m)
}

/// Saves an edit. A change of 身份类别, 岗位性质 or 管理类型 needs `class_reason`, kept in the class history.
pub fn update(conn: &mut Connection, actor: &str, id: i64, input: &MemberData, class_reason: Option<&str>) -> Result<MemberRecord> {
    let tx = conn.transaction()?;
    let after = update_in(&tx, actor, id, input, class_reason, dates::today())?;
    tx.commit()?;
    Ok(after)
}

/// An edit inside the caller's transaction (imports that update existing members).
pub fn update_in(tx: &Transaction, actor: &str, id: i64, input: &MemberData, class_reason: Option<&str>, today: NaiveDate) -> Result<MemberRecord> {
    let before = get_record(tx, id)?;
    let data = check(tx, input, Some(id), today)?;
    let changed: Vec<&str> =
        CLASS_DIMENSIONS.into_iter().filter(|d| class_value(&before.data, d) != class_value(&data, d)).collect();
    let reason = class_reason.map(str::trim).filter(|r| !r.is_empty());
    if !changed.is_empty() && reason.is_none() {
        let dims: Vec<&str> = changed.iter().map(|d| label(d)).collect();
        return Err(Error::invalid("class_reason", "REQUIRED", format!("调整了{}，请填写调整原因", dims.join("、"))));
    }
    store::write(tx, id, &data, &audit::now())?;
    let day = dates::iso(today);
    for dim in changed {
        store::add_class_history(tx, actor, id, dim, class_value(&before.data, dim), class_value(&data, dim), &day, reason.unwrap_or(""))?;
    }
    let after = get_record(tx, id)?;
    audit::record(tx, actor, "update", "member", Some(id), Some(&before), Some(&after))?;
    Ok(after)
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct StatusChange {
    pub status: String,
    /// The kind of 出党 (劝退, 除名, 自行脱党, 退党, 开除), required with status "out".
    pub kind: Option<String>,
    pub date: String,
    pub reason: String,
    /// 转往组织: where a member transferred out (转出) goes; kept in `status_kind` of a transferred member.
    pub destination: Option<String>,
}

/// 党籍 status changes keep their date and reason; the member stays in the registry.
pub fn change_status(conn: &mut Connection, actor: &str, id: i64, change: &StatusChange) -> Result<MemberRecord> {
    let tx = conn.transaction()?;
    let after = change_status_in(&tx, actor, id, change)?;
    tx.commit()?;
    Ok(after)
}

/// The same inside the caller's transaction (a transfer's 回执, a 失联 member's 停止党籍).
pub fn change_status_in(tx: &Transaction, actor: &str, id: i64, change: &StatusChange) -> Result<MemberRecord> {
    let before = get_record(tx, id)?;
    let mut errs = Vec::new();
    let status = codes::normalize(codes::STATUS, &change.status);
    if status.is_none() {
        errs.push(FieldError::new("status", "UNKNOWN_CODE", "请选择新的党籍状态"));
    } else if status == Some(before.status.as_str()) {
        errs.push(FieldError::new("status", "UNCHANGED", "党籍状态没有变化"));
    }
    let kind = change.kind.as_deref().map(str::trim).filter(|k| !k.is_empty()).and_then(|k| codes::normalize(codes::OUT_KIND, k));
    if status == Some("out") && kind.is_none() {
        errs.push(FieldError::new("status_kind", "REQUIRED", "出党请选择方式：劝退、除名、自行脱党、退党或开除"));
    }
    let destination = change.destination.as_deref().map(str::trim).filter(|d| !d.is_empty());
    if status == Some("transferred") {
        match destination {
            None => errs.push(FieldError::new("destination", "REQUIRED", "转出请填写转往的党组织，例如“某某镇某某村党支部”")),
            Some(d) if d.chars().count() > 100 => errs.push(FieldError::new("destination", "TOO_LONG", "转往组织太长，最多100个字")),
            _ => {}
        }
    }
    let date = dates::parse_flexible(&change.date);
    match date {
        None => errs.push(FieldError::new("date", "BAD_DATE", "请填写变动日期，例如 2026-10-01")),
        Some(d) if d > dates::today() => errs.push(FieldError::new("date", "FUTURE_DATE", "变动日期不能晚于今天")),
        _ => {}
    }
    let reason = change.reason.trim();
    if reason.is_empty() {
        errs.push(FieldError::new("reason", "REQUIRED", "请填写变动原因"));
    }
    if !errs.is_empty() {
        return Err(Error::Invalid(errs));
    }
    let status = status.unwrap_or_default();
    let kind = match status {
        "out" => kind.map(str::to_string),
        "transferred" => destination.map(str::to_string),
        _ => None,
    };
    let date = dates::iso(date.unwrap_or_default());
    store::set_status(tx, actor, id, &before.status, status, kind.as_deref(), &date, reason)?;
    let after = get_record(tx, id)?;
    audit::record(tx, actor, "status", "member", Some(id), Some(&before), Some(&after))?;
    Ok(after)
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct StatusHistory {
    pub from_status: Option<String>,
    pub to_status: String,
    pub kind: Option<String>,
    pub date: String,
    pub reason: String,
    pub actor: String,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ClassHistory {
    pub dimension: String,
    pub from_value: Option<String>,
    pub to_value: Option<String>,
    pub date: String,
    pub reason: String,
    pub actor: String,
}

/// Everything the detail pane shows.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct MemberDetail {
    pub record: MemberRecord,
    pub age: Option<i32>,
    pub party_years: Option<i32>,
    pub age_band: Option<&'static str>,
    pub education_band: Option<&'static str>,
    pub missing: Vec<&'static str>,
    pub warnings: Vec<String>,
    pub status_history: Vec<StatusHistory>,
    pub class_history: Vec<ClassHistory>,
}

pub fn detail(conn: &Connection, id: i64) -> Result<MemberDetail> {
    let record = get_record(conn, id)?;
    let today = dates::today();
    let birth = record.data.birth_date.as_deref().and_then(dates::parse);
    let age = birth.map(|b| dates::age_at(b, today));
    // 党龄 counts from 转正日期.
    let party_years = record.data.full_date.as_deref().and_then(dates::parse).map(|f| dates::age_at(f, today).max(0));
    let status_history = store::status_history(conn, id)?;
    let class_history = store::class_history(conn, id)?;
    Ok(MemberDetail {
        age,
        party_years,
        age_band: age.map(codes::age_band),
        education_band: record.data.education.as_deref().and_then(codes::education_band),
        missing: record.missing_fields(),
        warnings: record.warnings(),
        status_history,
        class_history,
        record,
    })
}

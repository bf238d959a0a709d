//! 组织关系转接. 转出: the three-part 介绍信 with its number, 党费已交到 and 有效期 (never over 3 months); the member
//! stays the branch's until the 回执 is back, when the 党籍 status becomes 转出 through the registry's status
//! change. 转入: a new member record (or a member who left and comes back) with 来源, 报到日, 党费已交到 and 党小组.
use super::rules;
use super::store::{self, TransferRow};
use crate::kernel::dates::{self, iso};
use crate::kernel::error::{Error, Result};
use crate::kernel::form::{text, Form};
use crate::members::member::{self, MemberData, StatusChange};
use crate::store::audit;
use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

/// The 有效期 offered first: 30 days (outside the city); 10 is common within it.
pub const DEFAULT_VALID_DAYS: i64 = 30;

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(rename = "TransferOutInput")]
pub struct OutInput {
    pub member_id: i64,
    /// Empty: the next number of the year (2026-001, 2026-002 …).
    pub letter_no: Option<String>,
    /// 开具日期.
    pub date: String,
    /// 转往的党组织.
    pub to_org: String,
    /// 党费已交到 YYYY-MM (the 党费 page's answer is offered; the secretary may correct it).
    pub dues_paid_through: String,
    /// 有效期 in days (≤ 3 months).
    pub valid_days: Option<i64>,
    pub reason: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(rename = "TransferInInput")]
pub struct InInput {
    /// A member who once left this branch and comes back; 0 for a new member (then `member` is used).
    pub member_id: i64,
    pub member: MemberData,
    pub letter_no: String,
    /// 来源: the organisation the member comes from.
    pub from_org: String,
    /// 报到日.
    pub date: String,
    /// 党费已交到 YYYY-MM.
    pub dues_paid_through: String,
    /// 编入党小组.
    pub group_id: Option<i64>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Transfer {
    pub id: i64,
    pub member_id: i64,
    pub name: String,
    /// out or in.
    pub direction: String,
    pub letter_no: String,
    /// 开具日期 (out) or 报到日 (in).
    pub date: String,
    pub from_org: String,
    pub to_org: String,
    pub dues_paid_through: Option<String>,
    pub valid_days: Option<i64>,
    pub valid_until: Option<String>,
    pub arrived_on: Option<String>,
    pub receipt_on: Option<String>,
    /// 回执 due: a month after arrival, or after the letter's last valid day while the arrival is unknown.
    pub receipt_due: Option<String>,
    pub overdue: bool,
    /// awaiting (回执 not back), done, in, cancelled.
    pub state: String,
    pub state_name: String,
    pub reason: Option<String>,
    pub note: Option<String>,
    pub cancel_reason: Option<String>,
}

pub(super) fn view(t: &TransferRow, name: &str, today: NaiveDate) -> Transfer {
    let date = dates::parse(&t.date);
    let valid_until = match (date, t.valid_days) {
        (Some(d), Some(n)) => Some(rules::valid_until(d, n)),
        _ => None,
    };
    let receipt_due = if t.direction == "out" {
        t.arrived_on.as_deref().and_then(dates::parse).or(valid_until).map(rules::receipt_due)
    } else {
        None
    };
    let state = match (t.direction.as_str(), t.cancelled, &t.receipt_on) {
        (_, true, _) => "cancelled",
        ("in", _, _) => "in",
        (_, _, Some(_)) => "done",
        _ => "awaiting",
    };
    let state_name = match state {
        "cancelled" => "已作废",
        "in" => "已转入",
        "done" => "回执已收回",
        _ => "待回执",
    };
    Transfer {
        id: t.id,
        member_id: t.member_id,
        name: name.into(),
        direction: t.direction.clone(),
        letter_no: t.letter_no.clone(),
        date: t.date.clone(),
        from_org: t.from_org.clone(),
        to_org: t.to_org.clone(),
        dues_paid_through: t.dues_paid_through.clone(),
        valid_days: t.valid_days,
        valid_until: valid_until.map(iso),
        arrived_on: t.arrived_on.clone(),
        receipt_on: t.receipt_on.clone(),
        receipt_due: receipt_due.map(iso),
        overdue: state == "awaiting" && receipt_due.is_some_and(|d| d < today),
        state: state.into(),
        state_name: state_name.into(),
        reason: t.reason.clone(),
        note: t.note.clone(),
        cancel_reason: t.cancel_reason.clone(),
    }
}

pub fn list(conn: &Connection, today: NaiveDate) -> Result<Vec<Transfer>> {
    let names = crate::members::store::activity::display_names(conn)?;
    Ok(store::transfers(conn)?.iter().map(|t| view(t, names.get(&t.member_id).map_or("", |s| s.as_str()), today)).collect())
}

pub fn show(conn: &Connection, id: i64, today: NaiveDate) -> Result<Transfer> {
    let t = store::transfer(conn, id)?.ok_or(Error::NotFound { entity: "transfer", id })?;
    let name = crate::members::store::activity::display_names(conn)?.remove(&t.member_id).unwrap_or_default();
    Ok(view(&t, &name, today))
}

fn month(f: &mut Form, field: &str, v: &str, today: NaiveDate) -> Option<String> {
    let t = v.trim();
    if t.is_empty() {
        f.error(field, "REQUIRED", "请填写党费已交到哪个月，例如 2026-11");
        return None;
    }
    match dates::parse_month(t) {
        Ok((y, m)) if (y, m) > (today.year() + 1, today.month()) => {
            f.error(field, "TOO_LATE", "党费已交到的月份太远，请核对");
            None
        }
        Ok((y, m)) => Some(dates::month_key(y, m)),
        Err(_) => {
            f.error(field, "BAD_MONTH", format!("党费已交到“{t}”不正确，请按 2026-11 的格式填写"));
            None
        }
    }
}

/// 开具介绍信: the member stays in good standing, awaiting the 回执.
pub fn transfer_out(conn: &mut Connection, actor: &str, input: &OutInput, today: NaiveDate) -> Result<Transfer> {
    let tx = conn.transaction()?;
    let mut f = Form::new();
    let m = f.required_id("member_id", input.member_id, "请选择转出的党员").map(|id| member::get_record(&tx, id)).transpose()?;
    if let Some(m) = &m {
        if m.status != "normal" {
            return Err(Error::invalid("member_id", "NOT_IN_GOOD_STANDING", format!("{}不是在册党员，不能开具介绍信", m.data.name)));
        }
        if let Some(open) = store::open_transfer_out(&tx, m.id)? {
            return Err(Error::invalid("member_id", "ALREADY_OPEN", format!("{}已开具介绍信（第 {} 号），回执还没有收回；如需重开，请先作废原介绍信", m.data.name, open.letter_no)));
        }
    }
    let date = f.date("date", "开具日期", &input.date, today);
    let to_org = f.required("to_org", "转往的党组织", &input.to_org, 100);
    let paid = month(&mut f, "dues_paid_through", &input.dues_paid_through, today);
    let days = input.valid_days.unwrap_or(DEFAULT_VALID_DAYS);
    if days < 1 {
        f.error("valid_days", "OUT_OF_RANGE", "有效期请填天数，例如 30");
    } else if let Some(d) = date {
        if let Err(Error::Invalid(errs)) = rules::check_validity(d, rules::valid_until(d, days)) {
            for e in errs {
                f.error("valid_days", e.code, format!("有效期 {days} 天太长：{}", e.message));
            }
        }
    }
    let reason = f.optional("reason", "转出原因", &input.reason, 100);
    let note = f.optional("note", "备注", &input.note, 200);
    let letter_no = match text(&input.letter_no) {
        Some(n) => n,
        None => {
            let year = date.unwrap_or(today).year();
            format!("{year}-{:03}", store::letters_in_year(&tx, year)? + 1)
        }
    };
    if letter_no.chars().count() > 40 {
        f.error("letter_no", "TOO_LONG", "介绍信编号太长，最多 40 个字");
    } else if store::letter_no_taken(&tx, "out", &letter_no, 0)? {
        f.error("letter_no", "DUPLICATE", format!("介绍信编号 {letter_no} 已经用过，请换一个"));
    }
    f.finish()?;
    let m = m.ok_or(Error::invalid("member_id", "REQUIRED", "请选择转出的党员"))?;
    let org = crate::org::get(&tx)?;
    let row = TransferRow {
        member_id: m.id,
        direction: "out".into(),
        letter_no,
        date: iso(date.unwrap_or(today)),
        from_org: org.name,
        to_org,
        dues_paid_through: paid,
        valid_days: Some(days),
        reason,
        note,
        entered_by: actor.into(),
        ..Default::default()
    };
    let id = store::insert_transfer(&tx, &row)?;
    let saved = store::transfer(&tx, id)?;
    audit::record(&tx, actor, "create", "transfer", Some(id), None::<&TransferRow>, saved.as_ref())?;
    tx.commit()?;
    show(conn, id, today)
}

/// The 回执 is back: the member reported on `arrived_on`; the 党籍 status becomes 转出 on that day.
pub fn receipt(conn: &mut Connection, actor: &str, id: i64, arrived_on: &str, receipt_on: &str, today: NaiveDate) -> Result<Transfer> {
    let tx = conn.transaction()?;
    let before = store::transfer(&tx, id)?.ok_or(Error::NotFound { entity: "transfer", id })?;
    if before.direction != "out" || before.cancelled || before.receipt_on.is_some() {
        return Err(Error::invalid("id", "NOT_AWAITING", "这封介绍信不在等待回执：已收回、已作废或是转入记录"));
    }
    let mut f = Form::new();
    let arrived = f.date("arrived_on", "报到日期", arrived_on, today);
    let back = f.date("receipt_on", "回执收回日期", receipt_on, today);
    if let Some(a) = arrived {
        if iso(a) < before.date {
            f.error("arrived_on", "BAD_RANGE", format!("报到日期不能早于介绍信开具日期 {}", before.date));
        }
        if back.is_some_and(|b| b < a) {
            f.error("receipt_on", "BAD_RANGE", "回执收回日期不能早于报到日期");
        }
    }
    f.finish()?;
    let (arrived, back) = (iso(arrived.unwrap_or(today)), iso(back.unwrap_or(today)));
    store::set_receipt(&tx, id, &arrived, &back)?;
    let change = StatusChange {
        status: "transferred".into(),
        kind: None,
        date: arrived.clone(),
        reason: format!("组织关系转出（介绍信第 {} 号），{} 报到，回执 {} 收回", before.letter_no, arrived, back),
        destination: Some(before.to_org.clone()),
    };
    member::change_status_in(&tx, actor, before.member_id, &change)?;
    let after = store::transfer(&tx, id)?;
    audit::record(&tx, actor, "receipt", "transfer", Some(id), Some(&before), after.as_ref())?;
    tx.commit()?;
    show(conn, id, today)
}

/// 作废 a letter not used (the member did not go, a wrong letter): the member stays as they were.
pub fn cancel(conn: &mut Connection, actor: &str, id: i64, reason: &str, today: NaiveDate) -> Result<Transfer> {
    let tx = conn.transaction()?;
    let before = store::transfer(&tx, id)?.ok_or(Error::NotFound { entity: "transfer", id })?;
    if before.cancelled || before.receipt_on.is_some() || before.direction != "out" {
        return Err(Error::invalid("id", "NOT_AWAITING", "只能作废还在等待回执的介绍信"));
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid("reason", "REQUIRED", "请填写作废原因"));
    }
    store::cancel_transfer(&tx, id, reason)?;
    let after = store::transfer(&tx, id)?;
    audit::record(&tx, actor, "cancel", "transfer", Some(id), Some(&before), after.as_ref())?;
    tx.commit()?;
    show(conn, id, today)
}

/// 转入: the member reported with the letter; a new record in the registry (or a former member back to 正常),
/// placed in the 党小组.
pub fn transfer_in(conn: &mut Connection, actor: &str, input: &InInput, today: NaiveDate) -> Result<Transfer> {
    let tx = conn.transaction()?;
    let mut f = Form::new();
    let date = f.date("date", "报到日期", &input.date, today);
    let from_org = f.required("from_org", "转出的党组织（来源）", &input.from_org, 100);
    let letter_no = f.required("letter_no", "介绍信编号", &input.letter_no, 40);
    let paid = month(&mut f, "dues_paid_through", &input.dues_paid_through, today);
    let note = f.optional("note", "备注", &input.note, 200);
    if let Some(g) = input.group_id {
        if !crate::org::groups(&tx, false)?.iter().any(|x| x.id == g) {
            f.error("group_id", "NOT_FOUND", "所选党小组不存在，请重新选择");
        }
    }
    if !letter_no.is_empty() && store::letter_no_taken(&tx, "in", &letter_no, 0)? {
        f.error("letter_no", "DUPLICATE", format!("介绍信第 {letter_no} 号已登记转入，请核对"));
    }
    if input.member_id <= 0 && input.member.name.trim().is_empty() {
        f.error("name", "REQUIRED", "请填写转入党员的姓名");
    }
    f.finish()?;
    let date = iso(date.unwrap_or(today));
    let reason = format!("组织关系转入：来自{from_org}（介绍信第 {letter_no} 号），{date} 报到");
    let member_id = if input.member_id > 0 {
        let m = member::get_record(&tx, input.member_id)?;
        if m.status == "normal" {
            return Err(Error::invalid("member_id", "ALREADY_IN", format!("{}已是本支部在册党员", m.data.name)));
        }
        member::change_status_in(&tx, actor, m.id, &StatusChange { status: "normal".into(), kind: None, date: date.clone(), reason: reason.clone(), destination: None })?;
        if input.group_id.is_some() && input.group_id != m.data.group_id {
            let mut data = m.data.clone();
            data.group_id = input.group_id;
            member::update_in(&tx, actor, m.id, &data, None, today)?;
        }
        m.id
    } else {
        let mut data = input.member.clone();
        data.group_id = input.group_id.or(data.group_id);
        if text(&data.remarks).is_none() {
            data.remarks = Some(reason.clone());
        }
        member::create_in(&tx, actor, &data, today)?.id
    };
    let org = crate::org::get(&tx)?;
    let row = TransferRow {
        member_id,
        direction: "in".into(),
        letter_no,
        date,
        from_org,
        to_org: org.name,
        dues_paid_through: paid,
        note,
        entered_by: actor.into(),
        ..Default::default()
    };
    let id = store::insert_transfer(&tx, &row)?;
    let saved = store::transfer(&tx, id)?;
    audit::record(&tx, actor, "create", "transfer", Some(id), None::<&TransferRow>, saved.as_ref())?;
    tx.commit()?;
    show(conn, id, today)
}

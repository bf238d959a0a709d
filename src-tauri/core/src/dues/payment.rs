//! 收缴: recording payments fast (the month's list, several members and months at once, 代交, voluntary extra),
//! the C10 补交/预交 warnings, 大额党费, and corrections as reversals with a reason — never edits or deletes.
use super::arrears::MonthState;
use super::book::Book;
use super::month::{self, Ym};
use super::rules;
use super::store::{self, PaymentRow};
use crate::kernel::dates;
use crate::kernel::error::{Error, FieldError, Result};
use crate::kernel::money::{parse_yuan, yuan};
use crate::store::audit;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

pub const METHODS: &[(&str, &str)] = &[("cash", "现金"), ("transfer", "转账"), ("other", "其他")];

pub fn method_name(k: &str) -> &'static str {
    METHODS.iter().find(|m| m.0 == k).map(|m| m.1).unwrap_or("")
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(rename = "DuesPayInput")]
pub struct PayInput {
    pub member_ids: Vec<i64>,
    /// The dues months paid (YYYY-MM), the same for every member. Empty with `count`: each member's next
    /// `count` months from the first one not yet paid (补交 first, then 预交).
    pub months: Vec<String>,
    pub count: Option<u32>,
    /// 交纳日期; empty for today.
    pub paid_on: String,
    /// cash, transfer or other (现金 / 转账 / 其他); empty for cash.
    pub method: String,
    /// 收款人.
    pub collected_by: Option<String>,
    /// 代交人: who paid on the member's behalf.
    pub proxy: Option<String>,
    /// 自愿多交, 元 per member, recorded in the payment's month.
    pub extra: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "DuesPayResult")]
pub struct PayResult {
    /// 「已登记 3 人 5 个月的党费，共 75.00 元」.
    pub summary: String,
    pub members: u32,
    pub rows: u32,
    pub total: String,
    pub total_fen: i64,
    /// 补交 or 预交 over six months (C10), 大额党费.
    pub warnings: Vec<String>,
    pub batch: i64,
}

use crate::kernel::form::text;

/// The next `n` months a member has to pay, oldest first: the unpaid ended months, then the months ahead.
pub fn next_months(book: &Book, member_id: i64, n: u32, today: NaiveDate) -> Vec<Ym> {
    let Some(m) = book.member(member_id) else { return Vec::new() };
    let Some(first) = book.first_month(m) else { return Vec::new() };
    let last = book.last_month(m);
    let mut out = Vec::new();
    let mut at = first;
    let horizon = month::of_date(today) + 24;
    while out.len() < n as usize && at <= horizon && last.is_none_or(|l| at <= l) {
        if matches!(book.state(m, at), MonthState::Due { .. }) {
            out.push(at);
        }
        at += 1;
    }
    out
}

pub fn pay(conn: &mut Connection, actor: &str, input: &PayInput, today: NaiveDate) -> Result<PayResult> {
    let tx = conn.transaction()?;
    let book = Book::load(&tx)?;
    let mut errs: Vec<FieldError> = Vec::new();
    if input.member_ids.is_empty() {
        errs.push(FieldError::new("member_ids", "REQUIRED", "请先勾选交纳党费的党员"));
    }
    let paid_on = if input.paid_on.trim().is_empty() {
        Some(today)
    } else {
        match dates::parse_flexible(&input.paid_on) {
            Some(d) if d > today => {
                errs.push(FieldError::new("paid_on", "FUTURE_DATE", "交纳日期不能晚于今天"));
                None
            }
            Some(d) => Some(d),
            None => {
                errs.push(FieldError::new("paid_on", "BAD_DATE", format!("交纳日期“{}”不正确，请按 2026-10-05 的格式填写", input.paid_on.trim())));
                None
            }
        }
    };
    let method = if input.method.trim().is_empty() { "cash".to_string() } else { input.method.trim().to_string() };
    let method = METHODS.iter().find(|m| m.0 == method || m.1 == method).map(|m| m.0.to_string());
    if method.is_none() {
        errs.push(FieldError::new("method", "BAD_METHOD", "交纳方式应为现金、转账或其他"));
    }
    let months: Vec<Ym> = input.months.iter().filter_map(|s| month::parse("months", "交纳月份", s).map_err(|e| push(&mut errs, e)).ok()).collect();
    let extra = text(&input.extra).and_then(|e| parse_yuan("extra", "自愿多交金额", &e).map_err(|e| push(&mut errs, e)).ok()).filter(|e| *e > 0);
    let count = input.count.unwrap_or(0);
    if input.months.is_empty() && count == 0 && extra.is_none() {
        errs.push(FieldError::new("months", "REQUIRED", "请选择交纳哪几个月的党费"));
    }
    if count > 24 {
        errs.push(FieldError::new("count", "TOO_MANY", "一次最多登记 24 个月"));
    }
    if !errs.is_empty() {
        return Err(Error::Invalid(errs));
    }
    let (paid_on, method) = (paid_on.expect("checked"), method.expect("checked"));
    let pay_month = month::of_date(paid_on);
    let rules = rules::rule_set_on(&dates::iso(paid_on));
    let batch = store::next_batch(&tx)?;
    let (mut rows, mut total, mut members) = (0u32, 0i64, 0u32);
    let mut late: Vec<String> = Vec::new();
    let mut older: Vec<String> = Vec::new();
    let mut ahead: Vec<String> = Vec::new();
    let mut warnings = Vec::new();
    let mut written: Vec<String> = Vec::new();
    for &id in &input.member_ids {
        let Some(m) = book.member(id) else {
            errs.push(FieldError::new("member_ids", "NOT_FOUND", format!("找不到编号为 {id} 的党员，请刷新后重试")));
            continue;
        };
        let wanted = if months.is_empty() { next_months(&book, id, count, today) } else { months.clone() };
        if wanted.is_empty() && extra.is_none() {
            let why = if book.first_month(m).is_none() { "还没有核定交纳标准，请先在“交纳标准”中核定" } else { "没有需要交纳的月份" };
            errs.push(FieldError::new("member_ids", "NOTHING_DUE", format!("{}{why}", book.shown(m))));
            continue;
        }
        // Months owed before the ones paid now stay owed: say so, or paying this month looks like settling all.
        let before: Vec<Ym> = match wanted.iter().min() {
            Some(&lo) => book.arrears(m, month::of_date(today)).unpaid.into_iter().filter(|u| *u < lo && !wanted.contains(u)).collect(),
            None => Vec::new(),
        };
        if let Some(first) = before.first() {
            older.push(format!("{}（{} 起 {} 个月）", book.shown(m), month::key(*first), before.len()));
        }
        let mut member_rows = Vec::new();
        for at in wanted {
            let key = month::key(at);
            let state = book.state(m, at);
            let problem = match state {
                MonthState::NoStandard => Some("还没有核定交纳标准，请先在“交纳标准”中核定".to_string()),
                MonthState::NotDue => Some(match (book.first_month(m), book.last_month(m)) {
                    (Some(f), _) if at < f => format!("从 {} 起交纳党费，{key} 不用交", month::key(f)),
                    (_, Some(_)) => format!("已不在册（{}），{key} 起不再交纳党费", m.status_date.clone().unwrap_or_default()),
                    _ => format!("{key} 不用交纳党费"),
                }),
                MonthState::Paid => Some(format!(
                    "{key} 的党费已于 {} 登记交纳；如果登记错了，请先在交纳记录里冲正",
                    book.paid_at(id, at).and_then(|p| p.paid_on()).unwrap_or("")
                )),
                MonthState::Settled if book.relief_at(id, at).is_some_and(|r| r.kind != "reduced") => {
                    Some(format!("{key} {}，不用在这里登记", book.relief_at(id, at).map(|r| if r.kind == "exempt" { "经批准免交" } else { "在流入地交纳" }).unwrap_or("")))
                }
                _ => None,
            };
            if let Some(p) = problem {
                errs.push(FieldError::new("months", "CANNOT_PAY", format!("{}{p}", book.shown(m))));
                continue;
            }
            let amount = book.owed(m, at).unwrap_or(0);
            if pay_month - at > rules.months_limit {
                late.push(format!("{}（{key}）", book.shown(m)));
            }
            if at - pay_month > rules.months_limit {
                ahead.push(format!("{}（{key}）", book.shown(m)));
            }
            member_rows.push((at, "dues", amount));
        }
        if let Some(e) = extra {
            member_rows.push((pay_month, "extra", e));
            if rules::is_large(e, rules) {
                warnings.push(format!(
                    "{}一次自愿多交 {} 元，达到 {} 元，属于大额党费，按规定全额上缴中央，已标记“大额党费”",
                    book.shown(m),
                    yuan(e),
                    yuan(rules.large)
                ));
            }
        }
        if member_rows.is_empty() {
            continue;
        }
        members += 1;
        for (at, kind, amount) in member_rows {
            store::insert_payment(
                &tx,
                &PaymentRow {
                    id: 0,
                    member_id: id,
                    month: month::key(at),
                    kind: kind.into(),
                    amount,
                    paid_on: dates::iso(paid_on),
                    method: method.clone(),
                    collected_by: text(&input.collected_by),
                    proxy: text(&input.proxy),
                    batch,
                    note: text(&input.note),
                    reverses: None,
                    reversed_by: None,
                    entered_by: actor.into(),
                    created_at: String::new(),
                },
            )?;
            rows += 1;
            total += amount;
            written.push(format!("{} {} {} {} 元", book.shown(m), month::key(at), if kind == "extra" { "自愿多交" } else { "党费" }, yuan(amount)));
        }
    }
    if !errs.is_empty() {
        // Nothing is written unless every row can be: the transaction is dropped.
        return Err(Error::Invalid(errs));
    }
    if !older.is_empty() {
        warnings.insert(
            0,
            format!("这些党员还有更早的月份未交，本次只登记了所选月份：{}。补交请选“每人连续交几个月”，会从最早未交的月份交起", crate::kernel::names::fold(&older, 10)),
        );
    }
    if !late.is_empty() {
        warnings.insert(0, format!("补交超过 {} 个月：{}。按规定补交一般不超过 {} 个月，请核实", rules.months_limit, crate::kernel::names::fold(&late, 10), rules.months_limit));
    }
    if !ahead.is_empty() {
        warnings.insert(0, format!("预交超过 {} 个月：{}。预交一般不超过 {} 个月，请核实", rules.months_limit, crate::kernel::names::fold(&ahead, 10), rules.months_limit));
    }
    audit::record(
        &tx,
        actor,
        "create",
        "dues_payment",
        Some(batch),
        None::<&()>,
        Some(&serde_json::json!({ "paid_on": dates::iso(paid_on), "method": method_name(&method), "proxy": text(&input.proxy), "rows": written })),
    )?;
    tx.commit()?;
    Ok(PayResult {
        summary: format!("已登记 {members} 人 {rows} 笔党费，共 {} 元", yuan(total)),
        members,
        rows,
        total: yuan(total),
        total_fen: total,
        warnings,
        batch,
    })
}

fn push(errs: &mut Vec<FieldError>, e: Error) {
    match e {
        Error::Invalid(v) => errs.extend(v),
        other => errs.push(FieldError::new("", "INVALID", other.message())),
    }
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "DuesPayment")]
pub struct Payment {
    pub id: i64,
    pub member_id: i64,
    pub member_name: String,
    pub month: String,
    /// dues (党费) or extra (自愿多交).
    pub kind: String,
    pub amount: String,
    pub amount_fen: i64,
    pub paid_on: String,
    pub method_name: String,
    pub collected_by: Option<String>,
    pub proxy: Option<String>,
    pub note: Option<String>,
    /// This row is a reversal of that row.
    pub reverses: Option<i64>,
    /// This row was reversed.
    pub reversed: bool,
    /// 大额党费 (a voluntary payment of 1000.00 or more).
    pub large: bool,
    /// 补交 (paid after its month) or 预交 (before), in words; empty when paid in its month.
    pub timing: String,
    pub entered_by: String,
}

pub fn payment_view(p: &PaymentRow, name: &str) -> Payment {
    let timing = match (month::parse("", "", &p.month).ok(), month::of_iso(&p.paid_on)) {
        (Some(m), Some(paid)) if p.kind == "dues" && p.reverses.is_none() && paid > m => "补交".to_string(),
        (Some(m), Some(paid)) if p.kind == "dues" && p.reverses.is_none() && paid < m => "预交".to_string(),
        _ => String::new(),
    };
    Payment {
        id: p.id,
        member_id: p.member_id,
        member_name: name.to_string(),
        month: p.month.clone(),
        kind: p.kind.clone(),
        amount: yuan(p.amount),
        amount_fen: p.amount,
        paid_on: p.paid_on.clone(),
        method_name: method_name(&p.method).into(),
        collected_by: p.collected_by.clone(),
        proxy: p.proxy.clone(),
        note: p.note.clone(),
        reverses: p.reverses,
        reversed: p.reversed_by.is_some(),
        large: p.kind == "extra" && p.reverses.is_none() && rules::is_large(p.amount, rules::rule_set_on(&p.paid_on)),
        timing,
        entered_by: p.entered_by.clone(),
    }
}

/// 冲正: cancels a payment row with a reason. The row stays; a reversal with the negative amount is added.
pub fn reverse(conn: &mut Connection, actor: &str, id: i64, reason: &str, today: NaiveDate) -> Result<Payment> {
    if reason.trim().is_empty() {
        return Err(Error::invalid("reason", "REQUIRED", "请填写冲正的原因（例如：登记错了月份）"));
    }
    let tx = conn.transaction()?;
    let p = store::payment(&tx, id)?.ok_or(Error::NotFound { entity: "dues_payment", id })?;
    let name = crate::members::store::activity::name(&tx, p.member_id)?.unwrap_or_default();
    if p.reverses.is_some() {
        return Err(Error::invalid("id", "IS_REVERSAL", "这是一笔冲正记录，不能再冲正；如需重新登记，请直接登记交纳"));
    }
    if p.reversed_by.is_some() {
        return Err(Error::invalid("id", "ALREADY_REVERSED", format!("{name} {} 的这笔党费已经冲正过了", p.month)));
    }
    let batch = store::next_batch(&tx)?;
    let rev = PaymentRow {
        id: 0,
        amount: -p.amount,
        paid_on: dates::iso(today),
        batch,
        note: Some(reason.trim().to_string()),
        reverses: Some(id),
        reversed_by: None,
        entered_by: actor.into(),
        ..p.clone()
    };
    let rid = store::insert_payment(&tx, &rev)?;
    let saved = store::payment(&tx, rid)?.ok_or(Error::NotFound { entity: "dues_payment", id: rid })?;
    let view = payment_view(&saved, &name);
    let brief = |x: &Payment| serde_json::json!({ "member": name, "month": x.month, "amount": format!("{} 元", x.amount), "paid_on": x.paid_on, "note": x.note });
    audit::record(&tx, actor, "reverse", "dues_payment", Some(id), Some(&brief(&payment_view(&p, &name))), Some(&brief(&view)))?;
    tx.commit()?;
    Ok(view)
}

/// A member's payment rows, newest month first, reversals included.
pub fn member_payments(conn: &Connection, member_id: i64) -> Result<Vec<Payment>> {
    let name = crate::members::store::activity::name(conn, member_id)?.unwrap_or_default();
    Ok(store::member_payments(conn, member_id)?.iter().map(|p| payment_view(p, &name)).collect())
}

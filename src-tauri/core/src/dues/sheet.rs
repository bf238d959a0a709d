//! What the 党费 screen lists: the month's collecting list, a member's year, and the arrears with the
//! 按自行脱党处理 warnings and how each was handled.
use super::arrears::MonthState;
use super::book::Book;
use super::month::{self, Ym};
use super::payment::{payment_view, Payment};
use super::rules::{self, kind_name};
use super::standard::{Relief, Standard};
use super::store::{self, HandlingRow};
use crate::kernel::dates;
use crate::kernel::error::{Error, Result};
use crate::kernel::money::yuan;
use crate::store::audit;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "DuesSheetRow")]
pub struct SheetRow {
    pub member_id: i64,
    pub name: String,
    /// 「1980年生」 when another member has the same name.
    pub hint: String,
    pub group_name: String,
    pub category_name: String,
    pub kind_name: String,
    /// 按月 or 按季.
    pub cadence: String,
    /// Owed this month, 元; none when not due.
    pub owed: Option<String>,
    pub owed_fen: i64,
    /// paid, unpaid, settled, not_due or no_standard.
    pub state: String,
    /// 已交, 未交, 免交, 少交, 流入地交纳, 不用交, 未核定.
    pub state_name: String,
    pub paid: String,
    pub paid_fen: i64,
    pub paid_on: Option<String>,
    pub proxy: Option<String>,
    /// 交到 YYYY-MM.
    pub paid_through: Option<String>,
    /// Ended months unpaid.
    pub unpaid_count: u32,
    pub run: u32,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "DuesSheet")]
pub struct Sheet {
    pub month: String,
    pub rows: Vec<SheetRow>,
    /// 应交人数 (owing something this month) and of them 已交.
    pub due_count: u32,
    pub paid_count: u32,
    pub owed_total: String,
    pub paid_total: String,
    pub no_standard: u32,
}

fn state_words(book: &Book, id: i64, at: Ym, s: MonthState) -> (&'static str, &'static str) {
    match s {
        MonthState::Paid => ("paid", "已交"),
        MonthState::Due { .. } => ("unpaid", "未交"),
        MonthState::NotDue => ("not_due", "不用交"),
        MonthState::NoStandard => ("no_standard", "未核定"),
        MonthState::Settled => match book.relief_at(id, at).map(|r| r.kind.as_str()) {
            Some("reduced") => ("settled", "少交"),
            Some("elsewhere") => ("settled", "流入地交纳"),
            _ => ("settled", "免交"),
        },
    }
}

/// The month's collecting list: every member on the roll that month, in stroke order.
pub fn sheet(conn: &Connection, month_s: &str, today: NaiveDate) -> Result<Sheet> {
    let at = month::parse("month", "月份", month_s)?;
    let book = Book::load(conn)?;
    let as_of = month::of_date(today);
    let mut rows = Vec::new();
    for m in book.members.iter().filter(|m| book.on_roll(m, at) || book.in_books(m, at)) {
        let s = book.state(m, at);
        let (state, state_name) = state_words(&book, m.id, at, s);
        let std = book.standard_at(m.id, at);
        let owed = book.owed(m, at);
        let paid = book.paid_at(m.id, at);
        let a = book.arrears(m, as_of);
        rows.push(SheetRow {
            member_id: m.id,
            name: m.name.clone(),
            hint: book.hint(m),
            group_name: book.group_name(m),
            category_name: book.category_name(m).into(),
            kind_name: std.map(|s| kind_name(&s.kind).to_string()).unwrap_or_default(),
            cadence: std.map(|s| rules::cadence(s.quarterly).to_string()).unwrap_or_default(),
            owed: owed.map(yuan),
            owed_fen: owed.unwrap_or(0),
            state: state.into(),
            state_name: state_name.into(),
            paid: yuan(paid.map_or(0, |p| p.dues)),
            paid_fen: paid.map_or(0, |p| p.dues),
            paid_on: paid.and_then(|p| p.paid_on()).map(str::to_string),
            proxy: paid.and_then(|p| p.proxy()).map(str::to_string),
            paid_through: a.paid_through.map(month::key),
            unpaid_count: a.unpaid.len() as u32,
            run: a.run,
        });
    }
    let due: Vec<&SheetRow> = rows.iter().filter(|r| r.owed_fen > 0 || r.state == "paid").collect();
    Ok(Sheet {
        month: month::key(at),
        due_count: due.len() as u32,
        paid_count: due.iter().filter(|r| r.state == "paid").count() as u32,
        owed_total: yuan(due.iter().map(|r| r.owed_fen).sum()),
        paid_total: yuan(rows.iter().map(|r| r.paid_fen).sum()),
        no_standard: rows.iter().filter(|r| r.state == "no_standard").count() as u32,
        rows,
    })
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "DuesMonthLine")]
pub struct MonthLine {
    pub month: String,
    pub state: String,
    pub state_name: String,
    pub owed: Option<String>,
    pub paid: String,
    pub paid_on: Option<String>,
    pub collected_by: Option<String>,
    pub proxy: Option<String>,
    pub extra: String,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "MemberDues")]
pub struct MemberDues {
    pub member_id: i64,
    pub name: String,
    pub year: i32,
    pub standards: Vec<Standard>,
    pub reliefs: Vec<Relief>,
    pub months: Vec<MonthLine>,
    pub payments: Vec<Payment>,
    pub paid_through: Option<String>,
    pub unpaid: Vec<String>,
    pub run: u32,
    /// The months offered when this member pays several at once: the unpaid ones first.
    pub next_months: Vec<String>,
}

/// One member's dues for a year: standards, reliefs, the twelve months and every payment row.
pub fn member_dues(conn: &Connection, member_id: i64, year: i32, today: NaiveDate) -> Result<MemberDues> {
    let book = Book::load(conn)?;
    let m = book.member(member_id).ok_or(Error::NotFound { entity: "member", id: member_id })?;
    let months = (1..=12)
        .map(|i| {
            let at = month::ym(year, i);
            let (state, state_name) = state_words(&book, m.id, at, book.state(m, at));
            let paid = book.paid_at(m.id, at);
            MonthLine {
                month: month::key(at),
                state: state.into(),
                state_name: state_name.into(),
                owed: book.owed(m, at).map(yuan),
                paid: yuan(paid.map_or(0, |p| p.dues)),
                paid_on: paid.and_then(|p| p.paid_on()).map(str::to_string),
                collected_by: paid.and_then(|p| p.collected_by()).map(str::to_string),
                proxy: paid.and_then(|p| p.proxy()).map(str::to_string),
                extra: yuan(paid.map_or(0, |p| p.extra)),
            }
        })
        .collect();
    let a = book.arrears(m, month::of_date(today));
    let mut payments: Vec<Payment> = book.rows.iter().filter(|p| p.member_id == member_id).map(|p| payment_view(p, &m.name)).collect();
    payments.sort_by(|x, y| y.month.cmp(&x.month).then(y.id.cmp(&x.id)));
    Ok(MemberDues {
        member_id,
        name: book.shown(m),
        year,
        standards: super::standard::member_standards(conn, member_id)?,
        reliefs: super::standard::member_reliefs(conn, member_id)?,
        months,
        payments,
        paid_through: a.paid_through.map(month::key),
        unpaid: a.unpaid.iter().map(|x| month::key(*x)).collect(),
        run: a.run,
        next_months: super::payment::next_months(&book, member_id, 12, today).into_iter().map(month::key).collect(),
    })
}

// ---- 欠缴 and the 自行脱党 warning ----

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "DuesHandling")]
pub struct Handling {
    pub id: i64,
    pub member_id: i64,
    pub run_from: String,
    pub date: String,
    /// talk (谈话), reason (有正当理由) or procedure (按程序处置).
    pub action: String,
    pub action_name: String,
    pub note: String,
    pub handled_by: String,
}

pub const ACTIONS: &[(&str, &str)] = &[("talk", "已谈话"), ("reason", "有正当理由"), ("procedure", "按程序处置")];

fn handling_view(h: &HandlingRow) -> Handling {
    Handling {
        id: h.id,
        member_id: h.member_id,
        run_from: h.run_from.clone(),
        date: h.date.clone(),
        action: h.action.clone(),
        action_name: ACTIONS.iter().find(|a| a.0 == h.action).map(|a| a.1).unwrap_or("").into(),
        note: h.note.clone(),
        handled_by: h.handled_by.clone(),
    }
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "DuesArrearsRow")]
pub struct ArrearsRow {
    pub member_id: i64,
    pub name: String,
    pub hint: String,
    pub group_name: String,
    pub paid_through: Option<String>,
    pub unpaid: Vec<String>,
    /// 元 owed for the unpaid months.
    pub owed: String,
    pub run: u32,
    /// The longest run still unpaid and its first month (the warning is on it; handling names it).
    pub longest: u32,
    pub run_from: Option<String>,
    /// Six or more in a row still unpaid: 按自行脱党处理 warning.
    pub alert: bool,
    /// How this run's warning was handled, if it was.
    pub handled: Option<Handling>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "DuesArrears")]
pub struct ArrearsList {
    pub as_of: String,
    pub limit: u32,
    pub rows: Vec<ArrearsRow>,
    /// Warnings not yet handled.
    pub open_alerts: u32,
}

/// Members in good standing with unpaid ended months at `as_of`, the longest runs first.
pub fn arrears_list(conn: &Connection, as_of: NaiveDate) -> Result<ArrearsList> {
    let book = Book::load(conn)?;
    let handled = store::handlings(conn)?;
    let limit = rules::rule_set_on(&dates::iso(as_of)).months_limit as u32;
    let at = month::of_date(as_of);
    let mut rows: Vec<ArrearsRow> = book
        .members
        .iter()
        .filter(|m| m.status == "normal")
        .filter_map(|m| {
            let a = book.arrears(m, at);
            if a.unpaid.is_empty() {
                return None;
            }
            let run_from = a.longest_from.map(month::key);
            let handled = run_from.as_ref().and_then(|rf| handled.iter().rev().find(|h| h.member_id == m.id && &h.run_from == rf)).map(handling_view);
            Some(ArrearsRow {
                member_id: m.id,
                name: m.name.clone(),
                hint: book.hint(m),
                group_name: book.group_name(m),
                paid_through: a.paid_through.map(month::key),
                owed: yuan(a.unpaid.iter().map(|x| book.owed(m, *x).unwrap_or(0)).sum()),
                unpaid: a.unpaid.iter().map(|x| month::key(*x)).collect(),
                alert: a.longest >= limit,
                run: a.run,
                longest: a.longest,
                run_from,
                handled,
            })
        })
        .collect();
    rows.sort_by(|a, b| b.longest.cmp(&a.longest).then(b.unpaid.len().cmp(&a.unpaid.len())));
    Ok(ArrearsList {
        as_of: dates::iso(as_of),
        limit,
        open_alerts: rows.iter().filter(|r| r.alert && r.handled.is_none()).count() as u32,
        rows,
    })
}

/// The 按自行脱党处理 warnings still to handle (for 首页): (member id, name, run).
pub fn open_alerts(conn: &Connection, as_of: NaiveDate) -> Result<Vec<ArrearsRow>> {
    Ok(arrears_list(conn, as_of)?.rows.into_iter().filter(|r| r.alert && r.handled.is_none()).collect())
}

#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(rename = "DuesHandleInput")]
pub struct HandleInput {
    pub member_id: i64,
    /// The run's first month, as the arrears list gave it.
    pub run_from: String,
    pub date: String,
    pub action: String,
    /// What was said or decided.
    pub note: String,
}

/// Records how a warning was handled: a talk held, a reason accepted, or the 党籍 procedure started.
pub fn handle(conn: &mut Connection, actor: &str, input: &HandleInput, today: NaiveDate) -> Result<Handling> {
    let mut errs = Vec::new();
    let run_from = month::parse("run_from", "欠缴起始月份", &input.run_from).map_err(|e| if let Error::Invalid(v) = e { errs.extend(v) }).ok();
    let date = if input.date.trim().is_empty() { Some(today) } else { dates::parse_flexible(&input.date) };
    match date {
        None => errs.push(crate::FieldError::new("date", "BAD_DATE", format!("日期“{}”不正确，请按 2026-10-05 的格式填写", input.date.trim()))),
        Some(d) if d > today => errs.push(crate::FieldError::new("date", "FUTURE_DATE", "日期不能晚于今天")),
        _ => {}
    }
    if !ACTIONS.iter().any(|a| a.0 == input.action) {
        errs.push(crate::FieldError::new("action", "REQUIRED", "请选择处理方式：已谈话、有正当理由或按程序处置"));
    }
    if input.note.trim().is_empty() {
        errs.push(crate::FieldError::new("note", "REQUIRED", "请写明谈话情况、理由或处置程序"));
    }
    if !errs.is_empty() {
        return Err(Error::Invalid(errs));
    }
    let tx = conn.transaction()?;
    let name = crate::members::store::activity::name(&tx, input.member_id)?.ok_or(Error::NotFound { entity: "member", id: input.member_id })?;
    let row = HandlingRow {
        id: 0,
        member_id: input.member_id,
        run_from: month::key(run_from.expect("checked")),
        date: dates::iso(date.expect("checked")),
        action: input.action.clone(),
        note: input.note.trim().into(),
        handled_by: actor.into(),
    };
    let id = store::insert_handling(&tx, &row)?;
    let saved = handling_view(&HandlingRow { id, ..row });
    audit::record(&tx, actor, "create", "dues_alert_handling", Some(id), None::<&()>, Some(&serde_json::json!({ "member": name, "handling": &saved.action_name, "note": &saved.note })))?;
    tx.commit()?;
    Ok(saved)
}

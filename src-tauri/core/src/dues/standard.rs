//! Each member's 交纳标准, dated; the yearly 核定 of every base; approved 少交/免交 and 在流入地交纳.
use super::book::Book;
use super::config;
use super::month::{self, Ym};
use super::rules::{self, kind_name, CalcInput};
use super::store::{self, ReliefRow, StandardRow};
use crate::kernel::dates;
use crate::kernel::error::{Error, FieldError, Result};
use crate::kernel::money::{parse_yuan, rate_text, yuan};
use crate::members::store::activity;
use crate::store::audit;
use chrono::NaiveDate;
use rusqlite::{Connection, Transaction};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(rename = "DuesStandard")]
pub struct Standard {
    pub id: i64,
    pub member_id: i64,
    /// YYYY-MM it applies from.
    pub from_month: String,
    pub kind: String,
    pub kind_name: String,
    /// 元, for the kinds with a base.
    pub base: Option<String>,
    pub base_source: Option<String>,
    /// 个体经营's three incomes, 元.
    pub incomes: Vec<String>,
    /// "1%", or 定额.
    pub rate: String,
    pub amount: String,
    pub amount_fen: i64,
    pub rule_set: String,
    pub quarterly: bool,
    pub decided_on: String,
    pub note: Option<String>,
    pub entered_by: String,
    /// Entered by mistake and voided (kept on file, no longer applies).
    pub voided: bool,
    pub void_reason: Option<String>,
}

impl From<&StandardRow> for Standard {
    fn from(s: &StandardRow) -> Self {
        Standard {
            id: s.id,
            member_id: s.member_id,
            from_month: s.from_month.clone(),
            kind: s.kind.clone(),
            kind_name: kind_name(&s.kind).into(),
            base: s.base.map(yuan),
            base_source: s.base_source.clone(),
            incomes: s.incomes.iter().map(|f| yuan(*f)).collect(),
            rate: s.rate.map(rate_text).unwrap_or_else(|| "定额".into()),
            amount: yuan(s.amount),
            amount_fen: s.amount,
            rule_set: s.rule_set.clone(),
            quarterly: s.quarterly,
            decided_on: s.decided_on.clone(),
            note: s.note.clone(),
            entered_by: s.entered_by.clone(),
            voided: s.voided,
            void_reason: s.void_reason.clone(),
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(rename = "DuesStandardInput")]
pub struct StandardInput {
    pub member_id: i64,
    /// 缴费类别 by key or Chinese name.
    pub kind: String,
    /// 元.
    pub base: Option<String>,
    pub incomes: Vec<String>,
    /// 农民: 元 a month; empty for the branch's setting.
    pub standard: Option<String>,
    /// 工资条, 养老金 …; empty for the kind's usual source.
    pub base_source: Option<String>,
    /// YYYY-MM it applies from; empty for the default (see `default_from`).
    pub from_month: String,
    /// Pays by quarter (with the branch's consent).
    pub quarterly: bool,
    /// 核定日期; empty for today.
    pub decided_on: Option<String>,
    pub note: Option<String>,
}

/// When a new standard applies if the secretary does not say: a member's first standard from the month they
/// entered the books; a change from this month (the month the new pay is first received), or under 年初核定 from
/// the next January.
pub fn default_from(book: &Book, member_id: i64, yearly: bool, today: NaiveDate) -> Ym {
    let this = month::of_date(today);
    let Some(m) = book.member(member_id) else { return this };
    if book.standards_of(member_id).is_empty() {
        // From the month the branch started its books here (not joining: nobody is billed for 2005 by default),
        // or this month when setup recorded none; never before joining, nor before the member entered this program
        // (one entered in December does not owe from January).
        let joined = m.join_date.as_deref().and_then(month::of_iso);
        let entered = m.entered.as_deref().and_then(|s| month::of_iso(s.get(..10)?));
        return [joined, entered, Some(book.books_from.unwrap_or(this))].into_iter().flatten().max().unwrap_or(this);
    }
    if yearly && month::month_no(this) != 1 {
        month::ym(month::year(this) + 1, 1)
    } else {
        this
    }
}

pub fn set_standard(conn: &mut Connection, actor: &str, input: &StandardInput, today: NaiveDate) -> Result<Standard> {
    let tx = conn.transaction()?;
    let s = set_standard_in(&tx, actor, input, today)?;
    tx.commit()?;
    Ok(s)
}

pub fn set_standard_in(tx: &Transaction, actor: &str, input: &StandardInput, today: NaiveDate) -> Result<Standard> {
    let settings = config::get(tx)?;
    let book = Book::load(tx)?;
    set_with(tx, actor, input, today, &book, &settings)
}

/// One standard, with the ledger and settings already read (a batch reads them once).
fn set_with(tx: &Transaction, actor: &str, input: &StandardInput, today: NaiveDate, book: &Book, settings: &config::DuesSettings) -> Result<Standard> {
    let Some((name, status)) = activity::name_and_status(tx, input.member_id)? else {
        return Err(Error::NotFound { entity: "member", id: input.member_id });
    };
    if status != "normal" {
        return Err(Error::invalid("member_id", "NOT_IN_GOOD_STANDING", format!("{name}已不在册（已故、转出或出党），不再核定党费标准")));
    }
    let mut errs: Vec<FieldError> = Vec::new();
    let from = if input.from_month.trim().is_empty() {
        Some(default_from(book, input.member_id, settings.change_from == "yearly", today))
    } else {
        month::parse("from_month", "起始月份", &input.from_month).map_err(|e| push(&mut errs, e)).ok()
    };
    let decided_on = match input.decided_on.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Some(today),
        Some(s) => match dates::parse_flexible(s) {
            Some(d) if d <= today => Some(d),
            Some(_) => {
                errs.push(FieldError::new("decided_on", "FUTURE_DATE", "核定日期不能晚于今天"));
                None
            }
            None => {
                errs.push(FieldError::new("decided_on", "BAD_DATE", format!("核定日期“{s}”不正确，请按 2026-01-15 的格式填写")));
                None
            }
        },
    };
    let rules = rules::rule_set_on(&from.map(|f| dates::iso(month::first_day(f))).unwrap_or_else(|| dates::iso(today)));
    let calc = rules::calc(
        &CalcInput { kind: input.kind.clone(), base: input.base.clone(), incomes: input.incomes.clone(), standard: input.standard.clone() },
        rules,
        settings.farmer_fen,
    )
    .map_err(|e| push(&mut errs, e))
    .ok();
    if let (Some(f), Some(m)) = (from, book.member(input.member_id)) {
        if let Some(j) = m.join_date.as_deref().and_then(month::of_iso) {
            if f < j {
                let who = if m.category.as_deref() == Some("probationary") { "预备党员从支部大会接收的当月起交纳党费" } else { "党费从入党的当月起交纳" };
                errs.push(FieldError::new(
                    "from_month",
                    "BEFORE_JOINING",
                    format!("{who}：{name}的入党日期是 {}，起始月份不能早于 {}", m.join_date.clone().unwrap_or_default(), month::key(j)),
                ));
            }
        }
    }
    // A standard of 0.00 would make every month look owed and never paid: no income is 免交, approved above.
    if calc.as_ref().is_some_and(|c| c.amount_fen == 0) {
        errs.push(FieldError::new(
            "base",
            "ZERO",
            format!("{name}的月交纳额算出来是 0.00 元：确实没有收入的，请按“免交”办理（需上级党委批准）；否则请填写实际的基数"),
        ));
    }
    if !errs.is_empty() {
        return Err(Error::Invalid(errs));
    }
    let (from, calc, decided_on) = (from.expect("checked"), calc.expect("checked"), decided_on.expect("checked"));
    let incomes: Vec<i64> = if calc.kind == "self_employed" && input.incomes.iter().any(|s| !s.trim().is_empty()) {
        input.incomes.iter().map(|s| parse_yuan("incomes", "纯收入", s)).collect::<Result<_>>()?
    } else {
        Vec::new()
    };
    let source = input.base_source.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).or_else(|| {
        rules::KINDS.iter().find(|k| k.0 == calc.kind).map(|k| k.3).filter(|s| !s.is_empty()).map(str::to_string)
    });
    let row = StandardRow {
        id: 0,
        member_id: input.member_id,
        from_month: month::key(from),
        kind: calc.kind.clone(),
        base: calc.base_fen,
        base_source: if calc.base_fen.is_some() { source } else { None },
        incomes,
        rate: calc.rate_bp,
        amount: calc.amount_fen,
        rule_set: calc.rule_set.clone(),
        quarterly: input.quarterly,
        decided_on: dates::iso(decided_on),
        note: input.note.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string),
        entered_by: actor.to_string(),
        created_at: String::new(),
        voided: false,
        void_reason: None,
    };
    let id = store::insert_standard(tx, &row)?;
    let saved = Standard::from(&StandardRow { id, ..row });
    audit::record(tx, actor, "create", "dues_standard", Some(id), None::<&()>, Some(&audit_view(&name, &saved)))?;
    Ok(saved)
}

/// What the audit log keeps of a standard, in the words of the form.
fn audit_view(name: &str, s: &Standard) -> serde_json::Value {
    serde_json::json!({
        "member": name,
        "kind": s.kind_name,
        "base": s.base.as_ref().map(|b| format!("{b} 元")),
        "base_source": s.base_source,
        "incomes": s.incomes.iter().map(|i| format!("{i} 元")).collect::<Vec<_>>(),
        "rate": s.rate,
        "amount": format!("{} 元", s.amount),
        "from_month": s.from_month,
        "quarterly": s.quarterly,
        "decided_on": s.decided_on,
        "rule_set": rules::rule_set_name(&s.rule_set),
        "note": s.note,
    })
}

fn push(errs: &mut Vec<FieldError>, e: Error) {
    match e {
        Error::Invalid(v) => errs.extend(v),
        other => errs.push(FieldError::new("", "INVALID", other.message())),
    }
}

/// 撤销 a standard entered by mistake: it stays on file, marked with the reason, and no longer applies.
pub fn void_standard(conn: &mut Connection, actor: &str, id: i64, reason: &str) -> Result<Standard> {
    if reason.trim().is_empty() {
        return Err(Error::invalid("reason", "REQUIRED", "请填写撤销的原因（例如：起始月份填错了）"));
    }
    let tx = conn.transaction()?;
    let before = store::standard(&tx, id)?.ok_or(Error::NotFound { entity: "dues_standard", id })?;
    if before.voided {
        return Err(Error::invalid("id", "ALREADY_VOIDED", "这条交纳标准已经撤销过了"));
    }
    let name = activity::name(&tx, before.member_id)?.unwrap_or_default();
    store::void_standard(&tx, id, reason.trim(), actor)?;
    let after = Standard::from(&store::standard(&tx, id)?.ok_or(Error::NotFound { entity: "dues_standard", id })?);
    let mut view = audit_view(&name, &after);
    view["void_reason"] = reason.trim().into();
    audit::record(&tx, actor, "void", "dues_standard", Some(id), None::<&()>, Some(&view))?;
    tx.commit()?;
    Ok(after)
}

/// 批量核定: the same standard for several members at once (most of a village branch are 农民 at one amount).
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(rename = "DuesBulkInput")]
pub struct BulkInput {
    pub member_ids: Vec<i64>,
    /// 缴费类别 of the fixed amounts: 农民, 学生, 下岗失业, 抚恤救济, 低保.
    pub kind: String,
    /// 农民: 元 a month; empty for the branch's setting.
    pub standard: Option<String>,
    /// Empty: each member's default (see `default_from`).
    pub from_month: String,
    pub quarterly: bool,
}

/// Sets the same fixed standard for every member listed, in one transaction: all or nothing, each refusal
/// naming the member. Returns how many.
pub fn set_standards(conn: &mut Connection, actor: &str, input: &BulkInput, today: NaiveDate) -> Result<u32> {
    if input.member_ids.is_empty() {
        return Err(Error::invalid("member_ids", "REQUIRED", "请先勾选要核定的党员"));
    }
    if matches!(rules::kind_key(&input.kind), Some("employed" | "annual" | "self_employed" | "retired")) {
        return Err(Error::invalid("kind", "NEEDS_BASE", "在职、年薪制、个体经营、离退休的党员各有各的基数，请逐个核定"));
    }
    let tx = conn.transaction()?;
    let settings = config::get(&tx)?;
    let book = Book::load(&tx)?;
    let mut errs = Vec::new();
    for &id in &input.member_ids {
        let one = StandardInput {
            member_id: id,
            kind: input.kind.clone(),
            standard: input.standard.clone(),
            from_month: input.from_month.clone(),
            quarterly: input.quarterly,
            ..Default::default()
        };
        if let Err(e) = set_with(&tx, actor, &one, today, &book, &settings) {
            let name = book.member(id).map(|m| m.name.clone()).unwrap_or_default();
            match e {
                // The same mistake for everyone (a bad kind or amount) is said once.
                Error::Invalid(v) if v.iter().any(|f| f.field == "kind" || f.field == "standard") => return Err(Error::Invalid(v)),
                Error::Invalid(v) => errs.extend(v.into_iter().map(|f| FieldError { message: format!("{name}：{}", f.message), ..f })),
                other => return Err(other),
            }
        }
    }
    if !errs.is_empty() {
        return Err(Error::Invalid(errs));
    }
    tx.commit()?;
    Ok(input.member_ids.len() as u32)
}

/// One member's standards, oldest first, voided ones included.
pub fn member_standards(conn: &Connection, member_id: i64) -> Result<Vec<Standard>> {
    Ok(store::member_standards(conn, member_id)?.iter().map(Standard::from).collect())
}

/// A row of the yearly 核定: the member and the standard in force for that year.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "DuesReviewRow")]
pub struct ReviewRow {
    pub member_id: i64,
    pub name: String,
    /// 「1980年生」 when another member has the same name.
    pub hint: String,
    pub group_name: String,
    pub category_name: String,
    /// The latest standard applying in the year (none: not yet set).
    pub standard: Option<Standard>,
    /// Decided (核定) during this year.
    pub reviewed: bool,
    /// An approved 少交/免交 or 在流入地交纳 during the year, in words.
    pub relief: Option<String>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "DuesReview")]
pub struct Review {
    pub year: i32,
    pub rows: Vec<ReviewRow>,
    /// Members with no standard.
    pub missing: u32,
    pub reviewed: u32,
}

/// The yearly 核定: every member on the roll during the year, with the standard in force at its end (or at
/// the month they left).
pub fn review(conn: &Connection, year: i32) -> Result<Review> {
    let book = Book::load(conn)?;
    review_of(&book, year)
}

pub fn review_of(book: &Book, year: i32) -> Result<Review> {
    let (jan, dec) = (month::ym(year, 1), month::ym(year, 12));
    let mut rows = Vec::new();
    for m in &book.members {
        // Members who left without ever having a standard here are not the 核定's business.
        if !(jan..=dec).any(|at| book.on_roll(m, at)) || (m.status != "normal" && book.standards_of(m.id).is_empty()) {
            continue;
        }
        let at = book.last_month(m).map_or(dec, |l| l.min(dec));
        let standard = book.standard_at(m.id, at).or_else(|| book.standards_of(m.id).first()).map(Standard::from);
        let relief = (jan..=dec).find_map(|x| book.relief_at(m.id, x)).map(relief_words);
        rows.push(ReviewRow {
            member_id: m.id,
            name: m.name.clone(),
            hint: book.hint(m),
            group_name: book.group_name(m),
            category_name: book.category_name(m).into(),
            reviewed: standard.as_ref().is_some_and(|s| s.decided_on.starts_with(&format!("{year:04}-"))),
            standard,
            relief,
        });
    }
    Ok(Review {
        year,
        missing: rows.iter().filter(|r| r.standard.is_none()).count() as u32,
        reviewed: rows.iter().filter(|r| r.reviewed).count() as u32,
        rows,
    })
}

// ---- 少交 / 免交 / 在流入地交纳 ----

pub const RELIEF_KINDS: &[(&str, &str)] = &[("reduced", "经批准少交"), ("exempt", "经批准免交"), ("elsewhere", "在流入地交纳")];

fn relief_name(k: &str) -> &'static str {
    RELIEF_KINDS.iter().find(|x| x.0 == k).map(|x| x.1).unwrap_or("")
}

fn relief_words(r: &ReliefRow) -> String {
    let until = r.to_month.as_deref().map(|t| format!("至 {t}")).unwrap_or_else(|| "起".into());
    let amount = r.amount.filter(|_| r.kind == "reduced").map(|a| format!("，每月 {} 元", yuan(a))).unwrap_or_default();
    format!("{}（{} {until}{amount}）", relief_name(&r.kind), r.from_month)
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(rename = "DuesRelief")]
pub struct Relief {
    pub id: i64,
    pub member_id: i64,
    pub kind: String,
    pub kind_name: String,
    pub amount: Option<String>,
    pub from_month: String,
    pub to_month: Option<String>,
    /// 批准机关 (for 在流入地交纳: the 流入地党组织).
    pub approved_by: Option<String>,
    pub approved_on: Option<String>,
    pub doc_no: Option<String>,
    pub note: Option<String>,
    pub revoked: bool,
    pub words: String,
}

impl From<&ReliefRow> for Relief {
    fn from(r: &ReliefRow) -> Self {
        Relief {
            id: r.id,
            member_id: r.member_id,
            kind: r.kind.clone(),
            kind_name: relief_name(&r.kind).into(),
            amount: r.amount.map(yuan),
            from_month: r.from_month.clone(),
            to_month: r.to_month.clone(),
            approved_by: r.approved_by.clone(),
            approved_on: r.approved_on.clone(),
            doc_no: r.doc_no.clone(),
            note: r.note.clone(),
            revoked: r.revoked,
            words: relief_words(r),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(rename = "DuesReliefInput")]
pub struct ReliefInput {
    pub member_id: i64,
    /// reduced (少交), exempt (免交) or elsewhere (在流入地交纳).
    pub kind: String,
    /// 少交: 元 a month.
    pub amount: Option<String>,
    pub from_month: String,
    /// Empty: until revoked.
    pub to_month: Option<String>,
    pub approved_by: Option<String>,
    pub approved_on: Option<String>,
    pub doc_no: Option<String>,
    pub note: Option<String>,
}

use crate::kernel::form::text;

pub fn add_relief(conn: &mut Connection, actor: &str, input: &ReliefInput) -> Result<Relief> {
    let tx = conn.transaction()?;
    let Some((name, _)) = activity::name_and_status(&tx, input.member_id)? else {
        return Err(Error::NotFound { entity: "member", id: input.member_id });
    };
    let mut errs = Vec::new();
    if !RELIEF_KINDS.iter().any(|k| k.0 == input.kind) {
        errs.push(FieldError::new("kind", "REQUIRED", "请选择：经批准少交、经批准免交或在流入地交纳"));
    }
    let from = month::parse("from_month", "起始月份", &input.from_month).map_err(|e| push(&mut errs, e)).ok();
    let to = text(&input.to_month).map(|t| month::parse("to_month", "截止月份", &t)).transpose().map_err(|e| push(&mut errs, e)).ok().flatten();
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            errs.push(FieldError::new("to_month", "BAD_RANGE", "截止月份不能早于起始月份"));
        }
    }
    let amount = if input.kind == "reduced" {
        match text(&input.amount) {
            Some(a) => parse_yuan("amount", "批准的每月交纳额", &a).map_err(|e| push(&mut errs, e)).ok(),
            None => {
                errs.push(FieldError::new("amount", "REQUIRED", "请填写批准的每月交纳额（元）"));
                None
            }
        }
    } else {
        None
    };
    if input.kind != "elsewhere" {
        for (field, v, label) in [("approved_by", &input.approved_by, "批准机关（上级党委）"), ("approved_on", &input.approved_on, "批准日期"), ("doc_no", &input.doc_no, "批准文号")] {
            if text(v).is_none() {
                errs.push(FieldError::new(field, "REQUIRED", format!("少交、免交须经上级党委批准，请填写{label}")));
            }
        }
    } else if text(&input.approved_by).is_none() {
        errs.push(FieldError::new("approved_by", "REQUIRED", "请填写流入地党组织"));
    }
    if let Some(d) = text(&input.approved_on) {
        if dates::parse_flexible(&d).is_none() {
            errs.push(FieldError::new("approved_on", "BAD_DATE", format!("批准日期“{d}”不正确，请按 2026-01-15 的格式填写")));
        }
    }
    if !errs.is_empty() {
        return Err(Error::Invalid(errs));
    }
    let row = ReliefRow {
        id: 0,
        member_id: input.member_id,
        kind: input.kind.clone(),
        amount,
        from_month: month::key(from.expect("checked")),
        to_month: to.map(month::key),
        approved_by: text(&input.approved_by),
        approved_on: text(&input.approved_on).and_then(|d| dates::parse_flexible(&d)).map(dates::iso),
        doc_no: text(&input.doc_no),
        note: text(&input.note),
        revoked: false,
        revoke_reason: None,
    };
    let id = store::insert_relief(&tx, &row, actor)?;
    let saved = Relief::from(&ReliefRow { id, ..row });
    audit::record(&tx, actor, "create", "dues_relief", Some(id), None::<&()>, Some(&serde_json::json!({ "member": name, "relief": saved.words })))?;
    tx.commit()?;
    Ok(saved)
}

/// Ends an approval entered by mistake; it stays on file, marked 已撤销 with the reason.
pub fn revoke_relief(conn: &mut Connection, actor: &str, id: i64, reason: &str) -> Result<Relief> {
    if reason.trim().is_empty() {
        return Err(Error::invalid("reason", "REQUIRED", "请填写撤销的原因"));
    }
    let tx = conn.transaction()?;
    let before = store::relief(&tx, id)?.ok_or(Error::NotFound { entity: "dues_relief", id })?;
    store::revoke_relief(&tx, id, reason.trim(), actor)?;
    let after = store::relief(&tx, id)?.ok_or(Error::NotFound { entity: "dues_relief", id })?;
    let name = activity::name(&tx, before.member_id)?.unwrap_or_default();
    let view = |r: &ReliefRow| serde_json::json!({ "member": name, "relief": relief_words(r), "revoked": r.revoked, "reason": r.revoke_reason });
    audit::record(&tx, actor, "revoke", "dues_relief", Some(id), Some(&view(&before)), Some(&view(&after)))?;
    tx.commit()?;
    Ok(Relief::from(&after))
}

pub fn member_reliefs(conn: &Connection, member_id: i64) -> Result<Vec<Relief>> {
    Ok(store::reliefs(conn)?.iter().filter(|r| r.member_id == member_id).map(Relief::from).collect())
}

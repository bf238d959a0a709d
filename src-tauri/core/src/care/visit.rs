//! 走访慰问: a visit with its 事由 (春节, 七一, a 四必访 item, 其他), 走访人, 慰问金 in 分 and/or goods, 资金来源 and
//! 签收. A visit entered by mistake is voided with the reason.
use super::store::{self, VisitRow};
use crate::kernel::dates::iso;
use crate::kernel::error::{Error, Result};
use crate::kernel::form::{text, Form};
use crate::kernel::money::{parse_yuan, yuan};
use crate::members::member;
use crate::store::audit;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct VisitInput {
    pub member_id: i64,
    pub date: String,
    /// 春节, 七一, a 四必访 item or 其他 (any word is kept).
    pub occasion: String,
    /// 走访人.
    pub visitors: String,
    /// 慰问金 in 元 as typed ("500", "500.00"); empty for goods only.
    pub amount: Option<String>,
    pub goods: Option<String>,
    pub fund_source: Option<String>,
    pub signed: bool,
    pub note: Option<String>,
    /// The secretary confirmed a 慰问金 above [`USUAL_MAX_FEN`] (a typo of an extra zero is the usual cause).
    pub confirm_large: bool,
}

/// 慰问金 above this (元 5,000) is asked about once: a visit brings a few hundred 元.
pub const USUAL_MAX_FEN: i64 = 500_000;
/// No one visit brings more than this (元 100,000); a larger number is a mistake, not a gift.
pub const MAX_FEN: i64 = 10_000_000;

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Visit {
    pub id: i64,
    pub member_id: i64,
    pub name: String,
    pub date: String,
    pub occasion: String,
    pub visitors: String,
    /// 元, two decimals.
    pub amount: String,
    pub amount_fen: i64,
    pub goods: Option<String>,
    pub fund_source: Option<String>,
    pub signed: bool,
    pub note: Option<String>,
}

pub(super) fn view(v: &VisitRow, name: &str) -> Visit {
    Visit {
        id: v.id,
        member_id: v.member_id,
        name: name.into(),
        date: v.date.clone(),
        occasion: v.occasion.clone(),
        visitors: v.visitors.clone(),
        amount: yuan(v.amount),
        amount_fen: v.amount,
        goods: v.goods.clone(),
        fund_source: v.fund_source.clone(),
        signed: v.signed,
        note: v.note.clone(),
    }
}

pub fn list(conn: &Connection, year: i32) -> Result<Vec<Visit>> {
    let names = crate::members::store::activity::display_names(conn)?;
    Ok(store::visits(conn, year)?.iter().map(|v| view(v, names.get(&v.member_id).map_or("", |s| s.as_str()))).collect())
}

pub fn add(conn: &mut Connection, actor: &str, input: &VisitInput, today: NaiveDate) -> Result<Visit> {
    let tx = conn.transaction()?;
    let mut f = Form::new();
    let m = f.required_id("member_id", input.member_id, "请选择走访对象").map(|id| member::get_record(&tx, id)).transpose()?;
    let date = f.date("date", "走访日期", &input.date, today);
    let occasion = f.required("occasion", "走访事由（春节、七一、四必访或其他）", &input.occasion, 20);
    let visitors = f.required("visitors", "走访人", &input.visitors, 60);
    let goods = f.optional("goods", "慰问物品", &input.goods, 100);
    let fund_source = f.optional("fund_source", "资金来源", &input.fund_source, 40);
    let note = f.optional("note", "备注", &input.note, 200);
    let amount = match text(&input.amount) {
        None => 0,
        Some(a) => match parse_yuan("amount", "慰问金", &a) {
            Ok(fen) if fen < 0 => {
                f.error("amount", "NEGATIVE", "慰问金不能是负数");
                0
            }
            Ok(0) => {
                f.error("amount", "ZERO", "慰问金为 0 时请留空（只送物品的，填在“慰问物品”里）");
                0
            }
            Ok(fen) if fen > MAX_FEN => {
                f.error("amount", "OUT_OF_RANGE", format!("慰问金 {} 元太多了，一次走访不超过 {} 元，请核对", yuan(fen), yuan(MAX_FEN)));
                0
            }
            Ok(fen) if fen > USUAL_MAX_FEN && !input.confirm_large => {
                f.error(
                    "amount",
                    "CONFIRM_LARGE",
                    format!("慰问金 {} 元比通常多（一般几百元），请核对是否多打了一个 0；确认无误请勾选“金额无误”后再保存", yuan(fen)),
                );
                0
            }
            Ok(fen) => fen,
            Err(Error::Invalid(errs)) => {
                f.errors.extend(errs);
                0
            }
            Err(e) => return Err(e),
        },
    };
    if amount > 0 && fund_source.is_none() {
        f.error("fund_source", "REQUIRED", "发放慰问金请填写资金来源，例如“党费”“村集体”“上级下拨”");
    }
    f.finish()?;
    let m = m.ok_or(Error::invalid("member_id", "REQUIRED", "请选择走访对象"))?;
    let row = VisitRow {
        id: 0,
        member_id: m.id,
        date: iso(date.unwrap_or(today)),
        occasion,
        visitors,
        amount,
        goods,
        fund_source,
        signed: input.signed,
        note,
    };
    let id = store::insert_visit(&tx, &row, actor)?;
    let saved = store::visit(&tx, id)?;
    audit::record(&tx, actor, "create", "care_visit", Some(id), None::<&VisitRow>, saved.as_ref())?;
    tx.commit()?;
    let names = crate::members::store::activity::display_names(conn)?;
    Ok(view(saved.as_ref().unwrap_or(&row), names.get(&m.id).map_or(&m.data.name, |n| n)))
}

pub fn void(conn: &mut Connection, actor: &str, id: i64, reason: &str) -> Result<()> {
    let tx = conn.transaction()?;
    let before = store::visit(&tx, id)?.ok_or(Error::NotFound { entity: "care_visit", id })?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid("reason", "REQUIRED", "请填写作废原因"));
    }
    store::void_visit(&tx, id, reason)?;
    audit::record(&tx, actor, "void", "care_visit", Some(id), Some(&before), Some(&serde_json::json!({ "作废原因": reason })))?;
    tx.commit()?;
    Ok(())
}

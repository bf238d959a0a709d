//! The contact log of a mobile member and the search attempts for a 失联 member: one log, two kinds. A contact
//! moves the member's 最后联系日期 in the registry; a search that reaches a 失联 member ends the 失联.
use super::card::{contact_view, Contact};
use super::rules::CONTACT_WAYS;
use super::store::{self, ContactRow};
use crate::kernel::dates::iso;
use crate::kernel::error::{Error, Result};
use crate::kernel::form::Form;
use crate::members::member;
use crate::store::audit;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(rename = "MobileContactInput")]
pub struct ContactInput {
    pub member_id: i64,
    /// contact (default) or search.
    pub kind: String,
    pub date: String,
    /// 电话, 微信, 走访, 返乡面谈 … (any word is kept).
    pub way: String,
    pub by_whom: Option<String>,
    pub content: String,
    pub follow_up: Option<String>,
    pub reported: bool,
    pub host_activity: i64,
    pub found: bool,
}

pub fn add(conn: &mut Connection, actor: &str, input: &ContactInput, today: NaiveDate) -> Result<Contact> {
    let tx = conn.transaction()?;
    let mut f = Form::new();
    let m = f.required_id("member_id", input.member_id, "请选择联系的党员").map(|id| member::get_record(&tx, id)).transpose()?;
    let kind = if input.kind.trim().is_empty() { "contact" } else { input.kind.trim() };
    if kind != "contact" && kind != "search" {
        return Err(Error::invalid("kind", "UNKNOWN_CODE", "记录类型只能是联系记录或查找记录"));
    }
    let what = if kind == "search" { "查找" } else { "联系" };
    let date = f.date("date", &format!("{what}日期"), &input.date, today);
    let way = f.required("way", &format!("{what}方式（{}）", CONTACT_WAYS.join("、")), &input.way, 20);
    let by_whom = f.optional("by_whom", &format!("{what}人"), &input.by_whom, 40);
    let content = f.required("content", if kind == "search" { "查找结果" } else { "联系内容" }, &input.content, 500);
    let follow_up = f.optional("follow_up", "后续安排", &input.follow_up, 200);
    if !(0..=99).contains(&input.host_activity) {
        f.error("host_activity", "OUT_OF_RANGE", "参加流入地组织生活的次数请填 0 到 99");
    }
    // Each date against the dates it follows: a search is for a member lost since the last contact; a contact of a
    // member away is after they went away.
    if let (Some(m), Some(d)) = (&m, date) {
        if kind == "search" {
            if let Some(last) = m.data.last_contact_date.as_deref().filter(|l| iso(d).as_str() < *l) {
                f.error("date", "BEFORE_LAST_CONTACT", format!("查找日期早于最后联系日期（{last}）：失联后的查找才算多方查找，请核对日期"));
            }
        } else if let Some(card) = store::open_card_of(&tx, m.id)? {
            if iso(d) < card.away_since {
                f.error("date", "BEFORE_AWAY", format!("联系日期早于外出日期（{}），请核对", card.away_since));
            }
        }
    }
    f.finish()?;
    let m = m.ok_or(Error::invalid("member_id", "REQUIRED", "请选择联系的党员"))?;
    let date = iso(date.unwrap_or(today));
    let row = ContactRow {
        id: 0,
        member_id: m.id,
        kind: kind.into(),
        date: date.clone(),
        way,
        by_whom,
        content,
        follow_up,
        reported: input.reported && kind == "contact",
        host_activity: if kind == "contact" { input.host_activity } else { 0 },
        found: input.found && kind == "search",
        entered_by: actor.into(),
    };
    let id = store::insert_contact(&tx, &row)?;
    // A contact reached the member: the registry's 最后联系日期 moves on, and a found 失联 member is 失联 no more.
    let reached = kind == "contact" || row.found;
    if reached {
        let mut data = m.data.clone();
        if data.last_contact_date.as_deref().is_none_or(|d| d < date.as_str()) {
            data.last_contact_date = Some(date.clone());
        }
        if row.found {
            data.lost_contact = false;
            data.lost_contact_reason = None;
        }
        if data != m.data {
            member::update_in(&tx, actor, m.id, &data, None, today)?;
        }
    }
    let saved = store::contact(&tx, id)?;
    audit::record(&tx, actor, "create", "mobile_contact", Some(id), None::<&ContactRow>, saved.as_ref())?;
    tx.commit()?;
    let names = crate::members::store::activity::display_names(conn)?;
    Ok(contact_view(saved.as_ref().unwrap_or(&row), &names))
}

/// 作废 an entry made by mistake, with the reason (the registry's 最后联系日期 is left as it is: say so in the reason).
pub fn void(conn: &mut Connection, actor: &str, id: i64, reason: &str) -> Result<()> {
    let tx = conn.transaction()?;
    let before = store::contact(&tx, id)?.ok_or(Error::NotFound { entity: "mobile_contact", id })?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid("reason", "REQUIRED", "请填写作废原因"));
    }
    store::void_contact(&tx, id, reason)?;
    audit::record(&tx, actor, "void", "mobile_contact", Some(id), Some(&before), Some(&serde_json::json!({ "作废原因": reason })))?;
    tx.commit()?;
    Ok(())
}

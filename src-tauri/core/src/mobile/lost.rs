//! 失联党员: who the branch has lost contact with (the registry's 失联 flag and 最后联系日期), the search attempts,
//! and what the rules propose — 停止党籍 once 失联 six months with the search failed, and 按自行脱党予以除名 two
//! years after 停止党籍 — each carried out through the registry's 党籍 status change.
use super::card::{contact_view, Contact};
use super::rules;
use super::store;
use crate::kernel::codes::{self, LOST_REASON};
use crate::kernel::dates::{self, iso};
use crate::kernel::error::{Error, Result};
use crate::kernel::form::Form;
use crate::members::member::{self, StatusChange};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "LostMember")]
pub struct Lost {
    pub member_id: i64,
    pub name: String,
    /// normal or suspended (停止党籍).
    pub status: String,
    pub last_contact: Option<String>,
    /// Whole months since the last contact.
    pub months: Option<i32>,
    pub reason: Option<String>,
    pub reason_name: Option<String>,
    pub suspended_on: Option<String>,
    pub searches: Vec<Contact>,
    /// suspend (停止党籍) or remove (除名), once its day has come.
    pub proposal: Option<String>,
    /// The proposal in words, or what is still missing before it.
    pub advice: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(rename = "LostInput")]
pub struct LostInput {
    pub member_id: i64,
    /// 最后联系日期: the last 组织生活 attended or dues paid.
    pub last_contact: String,
    /// ①–⑦ (1–7).
    pub reason: String,
}

fn months_between(from: NaiveDate, to: NaiveDate) -> i32 {
    (0..).take_while(|n| dates::add_months(from, n + 1) <= to).count() as i32
}

pub fn list(conn: &Connection, today: NaiveDate) -> Result<Vec<Lost>> {
    let names = crate::members::store::activity::display_names(conn)?;
    let contacts = store::contacts(conn)?;
    let mut out = Vec::new();
    for m in crate::members::store::lost_contact_records(conn)? {
        if !(m.status == "normal" || m.status == "suspended") {
            continue;
        }
        let last = m.data.last_contact_date.as_deref().and_then(dates::parse);
        let searches: Vec<Contact> = contacts.iter().filter(|c| c.member_id == m.id && c.kind == "search").map(|c| contact_view(c, &names)).collect();
        let suspended_on = (m.status == "suspended").then(|| m.status_date.clone()).flatten();
        let (proposal, advice) = if let Some(s) = suspended_on.as_deref().and_then(dates::parse) {
            let from = rules::removal_from(s);
            if from <= today {
                (Some("remove"), format!("停止党籍已满 2 年（{}）仍无法取得联系，应按自行脱党予以除名", iso(s)))
            } else {
                (None, format!("已停止党籍；满 2 年（{}）仍无法取得联系的，按自行脱党予以除名", iso(from)))
            }
        } else {
            match last {
                None => (None, "请填写最后联系日期（最后一次参加组织生活或交纳党费的日期）".to_string()),
                Some(l) => {
                    let from = rules::suspend_from(l);
                    if from > today {
                        (None, format!("失联满 6 个月（{}）且查找无果的，应停止党籍", iso(from)))
                    } else if searches.iter().filter(|c| c.date.as_str() > iso(l).as_str()).count() < 2 {
                        // Only searches after the last contact are searches for a member lost since then.
                        let after = searches.iter().filter(|c| c.date.as_str() > iso(l).as_str()).count();
                        (None, format!("已失联 6 个月以上：最后联系之后已登记查找 {after} 次，请多方查找（至少两次，如走访亲属、联系原单位）并登记，查找无果的再停止党籍"))
                    } else {
                        (Some("suspend"), "失联 6 个月以上且多方查找无果，应停止其党籍".to_string())
                    }
                }
            }
        };
        out.push(Lost {
            member_id: m.id,
            name: names.get(&m.id).cloned().unwrap_or_else(|| m.data.name.clone()),
            status: m.status.clone(),
            last_contact: m.data.last_contact_date.clone(),
            months: last.map(|l| months_between(l, today)),
            reason: m.data.lost_contact_reason.clone(),
            reason_name: m.data.lost_contact_reason.as_deref().and_then(|r| codes::name_of(LOST_REASON, r)).map(str::to_string),
            suspended_on,
            searches,
            proposal: proposal.map(str::to_string),
            advice,
        });
    }
    out.sort_by(|a, b| a.last_contact.cmp(&b.last_contact));
    Ok(out)
}

/// 登记失联: the member's 失联 flag, 最后联系日期 and reason, in the registry.
pub fn mark(conn: &mut Connection, actor: &str, input: &LostInput, today: NaiveDate) -> Result<()> {
    let tx = conn.transaction()?;
    let mut f = Form::new();
    let m = f.required_id("member_id", input.member_id, "请选择失联的党员").map(|id| member::get_record(&tx, id)).transpose()?;
    if let Some(m) = &m {
        if m.status != "normal" {
            return Err(Error::invalid("member_id", "NOT_IN_GOOD_STANDING", format!("{}不是在册党员", m.data.name)));
        }
        if m.data.lost_contact {
            return Err(Error::invalid("member_id", "ALREADY_LOST", format!("{}已登记为失联", m.data.name)));
        }
    }
    let last = f.date("last_contact", "最后联系日期", &input.last_contact, today);
    let reason = codes::normalize(LOST_REASON, input.reason.trim());
    if reason.is_none() {
        f.error("reason", "REQUIRED", "请选择失联原因（①外出务工经商 … ⑦其他）");
    }
    f.finish()?;
    let m = m.ok_or(Error::invalid("member_id", "REQUIRED", "请选择失联的党员"))?;
    let mut data = m.data.clone();
    data.lost_contact = true;
    data.lost_contact_reason = reason.map(str::to_string);
    data.last_contact_date = last.map(iso);
    member::update_in(&tx, actor, m.id, &data, None, today)?;
    tx.commit()?;
    Ok(())
}

/// Carries out the proposal: 停止党籍 (失联 6 months, searched in vain) or 除名 (停止党籍 2 years).
pub fn act(conn: &mut Connection, actor: &str, member_id: i64, date: &str, today: NaiveDate) -> Result<()> {
    let lost = list(conn, today)?.into_iter().find(|l| l.member_id == member_id).ok_or(Error::invalid("member_id", "NOT_LOST", "这名党员没有登记失联"))?;
    let change = match lost.proposal.as_deref() {
        Some("suspend") => StatusChange {
            status: "suspended".into(),
            kind: None,
            date: date.into(),
            reason: format!("失联 6 个月以上（最后联系 {}），多方查找无果，停止党籍", lost.last_contact.clone().unwrap_or_default()),
            destination: None,
        },
        Some(_) => StatusChange {
            status: "out".into(),
            kind: Some("lapsed".into()),
            date: date.into(),
            reason: format!("停止党籍（{}）满 2 年仍无法取得联系，按自行脱党予以除名", lost.suspended_on.clone().unwrap_or_default()),
            destination: None,
        },
        None => return Err(Error::invalid("member_id", "NOT_YET", lost.advice)),
    };
    let tx = conn.transaction()?;
    member::change_status_in(&tx, actor, member_id, &change)?;
    tx.commit()?;
    Ok(())
}

//! 流动党员档案: the card of a member away from the branch, the 六个清, the contact log and who keeps contact.
//! Saving a card of a member away six months or more (rules::is_mobile) sets their 身份类别 to 流动 through the
//! registry's own re-classification, so the registry, meetings and points see "mobile" as this area decides it;
//! 返回 restores the class they had.
use super::config;
use super::rules::{self, CLEAR_ITEMS, DUES_WAYS};
use super::store::{self, CardRow, ContactRow};
use crate::kernel::dates::{self, iso};
use crate::kernel::error::{Error, Result};
use crate::kernel::form::Form;
use crate::members::member;
use crate::store::audit;
use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(rename = "MobileCardInput")]
pub struct CardInput {
    /// 0 for a new card.
    pub id: i64,
    pub member_id: i64,
    /// 外出日期.
    pub away_since: String,
    pub reason: Option<String>,
    /// 流向：省/市/县.
    pub destination: Option<String>,
    pub workplace: Option<String>,
    /// 流入地党组织 and its contact.
    pub host_org: Option<String>,
    pub host_contact: Option<String>,
    /// 《流动党员活动证》 number, issue date, last yearly check.
    pub permit_no: Option<String>,
    pub permit_issued: Option<String>,
    pub permit_checked: Option<String>,
    /// home, host or quarterly.
    pub dues_way: Option<String>,
    /// 联系责任人 (a member).
    pub keeper_id: Option<i64>,
    /// 六个清: item key → date last confirmed.
    #[ts(type = "Record<string, string>")]
    pub clear: BTreeMap<String, String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "MobileClear")]
pub struct ClearItem {
    pub key: String,
    pub name: String,
    pub confirmed: Option<String>,
    /// Confirmed within the cadence.
    pub holds: bool,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "MobileContact")]
pub struct Contact {
    pub id: i64,
    pub member_id: i64,
    pub name: String,
    /// contact or search.
    pub kind: String,
    pub date: String,
    pub way: String,
    pub by_whom: Option<String>,
    pub content: String,
    pub follow_up: Option<String>,
    /// The member reported to the branch (向党组织汇报).
    pub reported: bool,
    /// 流入地组织生活 attended, as reported.
    pub host_activity: i64,
    /// A search that reached the member.
    pub found: bool,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "MobileCard")]
pub struct Card {
    pub id: i64,
    pub member_id: i64,
    pub name: String,
    pub phone: Option<String>,
    pub away_since: String,
    pub months_away: i32,
    /// Away six months or more: a 流动党员.
    pub mobile: bool,
    /// The registry already says 流动 (身份类别).
    pub classified: bool,
    pub reason: Option<String>,
    pub destination: Option<String>,
    pub workplace: Option<String>,
    pub host_org: Option<String>,
    pub host_contact: Option<String>,
    pub permit_no: Option<String>,
    pub permit_issued: Option<String>,
    pub permit_checked: Option<String>,
    pub dues_way: Option<String>,
    pub dues_way_name: Option<String>,
    pub keeper_id: Option<i64>,
    pub keeper_name: Option<String>,
    pub clear: Vec<ClearItem>,
    /// All six 清 hold.
    pub all_clear: bool,
    pub returned_on: Option<String>,
    pub note: Option<String>,
    pub last_contact: Option<String>,
    /// No contact within the cadence.
    pub contact_due: bool,
    /// Reported to the branch this calendar year.
    pub reported_this_year: bool,
    /// This year's 组织生活: in the branch (took part) and at the 流入地 (as reported here).
    pub branch_activities: u32,
    pub host_activities: i64,
    /// 失联 outranks 流动.
    pub lost_contact: bool,
    /// What needs doing, in words, most urgent first.
    pub alerts: Vec<String>,
    pub contacts: Vec<Contact>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "MobileBoard")]
pub struct Board {
    pub cadence_months: i32,
    /// Open cards, oldest departure first.
    pub cards: Vec<Card>,
    /// Cards closed by a return, newest first.
    pub returned: Vec<Card>,
}

fn dues_way_name(k: &str) -> Option<String> {
    DUES_WAYS.iter().find(|(c, _)| *c == k).map(|(_, n)| n.to_string())
}

pub(super) fn contact_view(c: &ContactRow, names: &HashMap<i64, String>) -> Contact {
    Contact {
        id: c.id,
        member_id: c.member_id,
        name: names.get(&c.member_id).cloned().unwrap_or_default(),
        kind: c.kind.clone(),
        date: c.date.clone(),
        way: c.way.clone(),
        by_whom: c.by_whom.clone(),
        content: c.content.clone(),
        follow_up: c.follow_up.clone(),
        reported: c.reported,
        host_activity: c.host_activity,
        found: c.found,
    }
}

fn view(conn: &Connection, row: &CardRow, contacts: &[ContactRow], names: &HashMap<i64, String>, cadence: i32, today: NaiveDate) -> Result<Card> {
    let m = member::get_record(conn, row.member_id)?;
    let away = dates::parse(&row.away_since).unwrap_or(today);
    let end = row.returned_on.as_deref().and_then(dates::parse).unwrap_or(today);
    let months_away = (0..).take_while(|n| dates::add_months(away, n + 1) <= end).count() as i32;
    let mobile = rules::is_mobile(away, end);
    let clear: Vec<ClearItem> = CLEAR_ITEMS
        .iter()
        .map(|(k, name)| {
            let confirmed = row.clear.get(*k).cloned();
            let holds = confirmed.as_deref().and_then(dates::parse).is_some_and(|d| rules::clear_holds(d, cadence, today));
            ClearItem { key: k.to_string(), name: name.to_string(), confirmed, holds }
        })
        .collect();
    let all_clear = clear.iter().all(|c| c.holds);
    let mine: Vec<&ContactRow> = contacts.iter().filter(|c| c.member_id == row.member_id && c.kind == "contact" && c.date.as_str() >= row.away_since.as_str()).collect();
    let last_contact = mine.iter().map(|c| c.date.clone()).max();
    // Confirming the 六个清 is being in touch with the member: a card filled in today is not 「超期未联系」.
    let confirmed_last = clear.iter().filter_map(|c| c.confirmed.as_deref().and_then(dates::parse)).max();
    let since = [last_contact.as_deref().and_then(dates::parse), confirmed_last, Some(away)].into_iter().flatten().max().unwrap_or(away);
    let contact_due = row.returned_on.is_none() && !rules::clear_holds(since, cadence, today);
    let year = format!("{:04}", today.year());
    let reported_this_year = mine.iter().any(|c| c.reported && c.date.starts_with(&year));
    let host_activities = mine.iter().filter(|c| c.date.starts_with(&year)).map(|c| c.host_activity).sum();
    let took = crate::meetings::participation::member(conn, row.member_id, &format!("{year}-01-01"), &iso(today))?.tally.took_part;
    let mut alerts = Vec::new();
    if row.returned_on.is_none() {
        if m.data.lost_contact {
            alerts.push("已失联：请按失联党员查找".to_string());
        } else {
            if mobile && m.data.identity_class.as_deref() != Some("mobile") {
                alerts.push("外出已满 6 个月，请保存档案确认为流动党员".into());
            }
            if contact_due {
                alerts.push(format!("已超过 {cadence} 个月没有联系"));
            }
            if mobile && !reported_this_year {
                alerts.push(format!("{} 年还没有向支部汇报", today.year()));
            }
            let stale: Vec<&str> = clear.iter().filter(|c| !c.holds).map(|c| c.name.as_str()).collect();
            if !stale.is_empty() {
                alerts.push(format!("待核实：{}", stale.join("、")));
            }
        }
    }
    let contacts_all: Vec<Contact> = contacts.iter().filter(|c| c.member_id == row.member_id).map(|c| contact_view(c, names)).collect();
    Ok(Card {
        id: row.id,
        member_id: row.member_id,
        name: names.get(&row.member_id).cloned().unwrap_or_else(|| m.data.name.clone()),
        phone: m.data.phone.clone(),
        away_since: row.away_since.clone(),
        months_away,
        mobile,
        classified: m.data.identity_class.as_deref() == Some("mobile"),
        reason: row.reason.clone(),
        destination: row.destination.clone(),
        workplace: row.workplace.clone(),
        host_org: row.host_org.clone(),
        host_contact: row.host_contact.clone(),
        permit_no: row.permit_no.clone(),
        permit_issued: row.permit_issued.clone(),
        permit_checked: row.permit_checked.clone(),
        dues_way: row.dues_way.clone(),
        dues_way_name: row.dues_way.as_deref().and_then(dues_way_name),
        keeper_id: row.keeper_id,
        keeper_name: row.keeper_id.and_then(|k| names.get(&k).cloned()),
        clear,
        all_clear,
        returned_on: row.returned_on.clone(),
        note: row.note.clone(),
        last_contact,
        contact_due,
        reported_this_year,
        branch_activities: took,
        host_activities,
        lost_contact: m.data.lost_contact,
        alerts,
        contacts: contacts_all,
    })
}

/// Every open card, and those closed by a return.
pub fn board(conn: &Connection, today: NaiveDate) -> Result<Board> {
    let cadence = config::cadence(conn)?;
    let contacts = store::contacts(conn)?;
    let names = crate::members::store::activity::display_names(conn)?;
    let mut cards = Vec::new();
    let mut returned = Vec::new();
    for row in store::cards(conn, true)? {
        let card = view(conn, &row, &contacts, &names, cadence, today)?;
        if row.returned_on.is_some() {
            returned.push(card);
        } else {
            cards.push(card);
        }
    }
    returned.sort_by(|a, b| b.returned_on.cmp(&a.returned_on));
    Ok(Board { cadence_months: cadence, cards, returned })
}

pub fn show(conn: &Connection, id: i64, today: NaiveDate) -> Result<Card> {
    let row = store::card(conn, id)?.ok_or(Error::NotFound { entity: "mobile_card", id })?;
    let names = crate::members::store::activity::display_names(conn)?;
    view(conn, &row, &store::contacts(conn)?, &names, config::cadence(conn)?, today)
}

/// Saves a new or changed card. A member away six months or more becomes 流动 in the registry (身份类别) in the
/// same transaction; the class they had comes back on return.
pub fn save(conn: &mut Connection, actor: &str, input: &CardInput, today: NaiveDate) -> Result<Card> {
    let tx = conn.transaction()?;
    let before = if input.id == 0 { None } else { Some(store::card(&tx, input.id)?.ok_or(Error::NotFound { entity: "mobile_card", id: input.id })?) };
    let mut f = Form::new();
    let m = match before.as_ref() {
        Some(b) => Some(member::get_record(&tx, b.member_id)?),
        None => f.required_id("member_id", input.member_id, "请选择外出的党员").map(|id| member::get_record(&tx, id)).transpose()?,
    };
    if let (None, Some(m)) = (&before, &m) {
        if m.status != "normal" {
            return Err(Error::invalid("member_id", "NOT_IN_GOOD_STANDING", format!("{}不是在册党员，不能建立流动党员档案", m.data.name)));
        }
        if store::open_card_of(&tx, m.id)?.is_some() {
            return Err(Error::invalid("member_id", "ALREADY_OPEN", format!("{}已有流动党员档案，请在原档案上修改", m.data.name)));
        }
    }
    let away = f.date("away_since", "外出日期", &input.away_since, today);
    let reason = f.optional("reason", "外出事由", &input.reason, 100);
    let destination = f.optional("destination", "流向", &input.destination, 100);
    let workplace = f.optional("workplace", "流入地单位", &input.workplace, 100);
    let host_org = f.optional("host_org", "流入地党组织", &input.host_org, 100);
    let host_contact = f.optional("host_contact", "流入地党组织联系人", &input.host_contact, 100);
    let permit_no = f.optional("permit_no", "活动证编号", &input.permit_no, 40);
    let permit_issued = f.optional_date("permit_issued", "活动证发放日期", &input.permit_issued, today);
    let permit_checked = f.optional_date("permit_checked", "活动证年审日期", &input.permit_checked, today);
    let note = f.optional("note", "备注", &input.note, 500);
    let dues_way = crate::kernel::form::text(&input.dues_way);
    if let Some(w) = &dues_way {
        if dues_way_name(w).is_none() {
            f.error("dues_way", "UNKNOWN_CODE", "请选择党费交纳方式：回乡交纳、在流入地交纳或按季交纳");
        }
    }
    if let Some(k) = input.keeper_id {
        if crate::members::store::activity::name(&tx, k)?.is_none() {
            f.error("keeper_id", "NOT_FOUND", "联系责任人不在名册中，请重新选择");
        } else if m.as_ref().is_some_and(|m| m.id == k) {
            f.error("keeper_id", "SELF", "联系责任人不能是外出党员本人");
        }
    }
    let mut clear = BTreeMap::new();
    for (k, v) in &input.clear {
        let Some((_, name)) = CLEAR_ITEMS.iter().find(|(c, _)| c == k) else {
            f.error("clear", "UNKNOWN_CODE", format!("“{k}”不是“六个清”中的一项"));
            continue;
        };
        if let Some(d) = f.optional_date(&format!("clear.{k}"), &format!("{name}的核实日期"), &Some(v.clone()), today) {
            clear.insert(k.clone(), iso(d));
        }
    }
    if let (Some(a), Some(p)) = (away, permit_issued) {
        if p < a - chrono::Duration::days(366) {
            f.error("permit_issued", "BAD_RANGE", "活动证发放日期比外出日期早一年以上，请核对");
        }
    }
    f.finish()?;
    let m = m.ok_or(Error::invalid("member_id", "REQUIRED", "请选择外出的党员"))?;
    let away = away.unwrap_or(today);
    let mut row = CardRow {
        id: input.id,
        member_id: m.id,
        away_since: iso(away),
        reason,
        destination,
        workplace,
        host_org,
        host_contact,
        permit_no,
        permit_issued: permit_issued.map(iso),
        permit_checked: permit_checked.map(iso),
        dues_way,
        keeper_id: input.keeper_id,
        clear,
        returned_on: None,
        prev_identity: before.as_ref().and_then(|b| b.prev_identity.clone()),
        note,
    };
    if let Some(b) = &before {
        row.returned_on = b.returned_on.clone();
    }
    if row.returned_on.is_none() && rules::is_mobile(away, today) && m.data.identity_class.as_deref() != Some("mobile") {
        row.prev_identity = m.data.identity_class.clone();
        let mut data = m.data.clone();
        data.identity_class = Some("mobile".into());
        let why = format!("流动党员登记：{} 外出，已满 6 个月", iso(away));
        member::update_in(&tx, actor, m.id, &data, Some(&why), today)?;
    }
    let id = store::save_card(&tx, &row)?;
    let after = store::card(&tx, id)?;
    audit::record(&tx, actor, if before.is_none() { "create" } else { "update" }, "mobile_card", Some(id), before.as_ref(), after.as_ref())?;
    tx.commit()?;
    show(conn, id, today)
}

/// 返回: closes the card on the day the member came back; the 身份类别 they had before returns.
pub fn return_home(conn: &mut Connection, actor: &str, id: i64, date: &str, today: NaiveDate) -> Result<Card> {
    let tx = conn.transaction()?;
    let before = store::card(&tx, id)?.ok_or(Error::NotFound { entity: "mobile_card", id })?;
    if before.returned_on.is_some() {
        return Err(Error::invalid("returned_on", "ALREADY_RETURNED", "这份档案已登记返回"));
    }
    let mut f = Form::new();
    let d = f.date("returned_on", "返回日期", date, today);
    if let Some(d) = d {
        if iso(d) < before.away_since {
            f.error("returned_on", "BAD_RANGE", format!("返回日期不能早于外出日期 {}", before.away_since));
        }
    }
    f.finish()?;
    let d = iso(d.unwrap_or(today));
    let m = member::get_record(&tx, before.member_id)?;
    if m.data.identity_class.as_deref() == Some("mobile") {
        let mut data = m.data.clone();
        data.identity_class = before.prev_identity.clone();
        member::update_in(&tx, actor, m.id, &data, Some(&format!("流动党员 {d} 返回")), today)?;
    }
    let mut row = before.clone();
    row.returned_on = Some(d);
    store::save_card(&tx, &row)?;
    audit::record(&tx, actor, "return", "mobile_card", Some(id), Some(&before), Some(&row))?;
    tx.commit()?;
    show(conn, id, today)
}

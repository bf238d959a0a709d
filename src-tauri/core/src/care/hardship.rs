//! 困难党员: a member recognised as in hardship, with the type, 认定日, 责任人, 措施 and a review date; resolved
//! when the hardship is over (kept, never deleted).
use super::store::{self, HardshipRow};
use crate::kernel::dates::{self, iso};
use crate::kernel::error::{Error, Result};
use crate::kernel::form::Form;
use crate::members::member;
use crate::store::audit;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct HardshipInput {
    /// 0 for a new recognition.
    pub id: i64,
    pub member_id: i64,
    /// 困难类型: 重病, 丧失劳动能力, 天灾/突发, 低保/特困, 高龄空巢, 其他 (any word is kept).
    pub kind: String,
    pub recognized_on: String,
    pub keeper: Option<String>,
    pub measures: Option<String>,
    /// 下次复核日期 (may lie ahead).
    pub review_on: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Hardship {
    pub id: i64,
    pub member_id: i64,
    pub name: String,
    pub kind: String,
    pub recognized_on: String,
    pub keeper: Option<String>,
    pub measures: Option<String>,
    pub review_on: Option<String>,
    /// The review date has come and the hardship is still open.
    pub review_due: bool,
    /// active, resolved, or left (the member is no longer in the branch).
    pub state: String,
    pub resolved_on: Option<String>,
    pub note: Option<String>,
    pub last_visit: Option<String>,
}

pub fn list(conn: &Connection, today: NaiveDate) -> Result<Vec<Hardship>> {
    let names = crate::members::store::activity::display_names(conn)?;
    let last = store::last_visits(conn)?;
    let in_branch: std::collections::HashSet<i64> = crate::members::store::ids_in_good_standing(conn)?.into_iter().collect();
    Ok(store::hardships(conn)?
        .into_iter()
        .map(|mut h| {
            // A member who left the branch (转出, 死亡 …) is no longer helped here: shown, never counted or reviewed.
            if h.state == "active" && !in_branch.contains(&h.member_id) {
                h.state = "left".into();
            }
            h
        })
        .map(|h| Hardship {
            name: names.get(&h.member_id).cloned().unwrap_or_default(),
            review_due: h.state == "active" && h.review_on.as_deref().and_then(dates::parse).is_some_and(|r| r <= today),
            last_visit: last.get(&h.member_id).cloned(),
            id: h.id,
            member_id: h.member_id,
            kind: h.kind,
            recognized_on: h.recognized_on,
            keeper: h.keeper,
            measures: h.measures,
            review_on: h.review_on,
            state: h.state,
            resolved_on: h.resolved_on,
            note: h.note,
        })
        .collect())
}

pub fn save(conn: &mut Connection, actor: &str, input: &HardshipInput, today: NaiveDate) -> Result<Hardship> {
    let tx = conn.transaction()?;
    let before = if input.id == 0 { None } else { Some(store::hardship(&tx, input.id)?.ok_or(Error::NotFound { entity: "care_hardship", id: input.id })?) };
    let member_id = before.as_ref().map_or(input.member_id, |b| b.member_id);
    let mut f = Form::new();
    if let Some(m) = f.required_id("member_id", member_id, "请选择困难党员").map(|id| member::get_record(&tx, id)).transpose()? {
        if before.is_none() && m.status != "normal" {
            return Err(Error::invalid("member_id", "NOT_IN_GOOD_STANDING", format!("{}不是在册党员", m.data.name)));
        }
        if before.is_none() && store::hardships(&tx)?.iter().any(|h| h.member_id == member_id && h.state == "active") {
            return Err(Error::invalid("member_id", "ALREADY_OPEN", format!("{}已在困难党员名单中，请在原记录上修改", m.data.name)));
        }
    }
    let kind = f.required("kind", "困难类型", &input.kind, 20);
    let recognized = f.date("recognized_on", "认定日期", &input.recognized_on, today);
    let keeper = f.optional("keeper", "帮扶责任人", &input.keeper, 40);
    let measures = f.optional("measures", "帮扶措施", &input.measures, 500);
    let review = f.any_date("review_on", "复核日期", &input.review_on);
    let note = f.optional("note", "备注", &input.note, 500);
    if let (Some(r), Some(v)) = (recognized, review) {
        if v < r {
            f.error("review_on", "BAD_RANGE", "复核日期不能早于认定日期");
        }
    }
    f.finish()?;
    let row = HardshipRow {
        id: input.id,
        member_id,
        kind,
        recognized_on: iso(recognized.unwrap_or(today)),
        keeper,
        measures,
        review_on: review.map(iso),
        state: before.as_ref().map_or("active".into(), |b| b.state.clone()),
        resolved_on: before.as_ref().and_then(|b| b.resolved_on.clone()),
        note,
    };
    let id = store::save_hardship(&tx, &row, actor)?;
    let after = store::hardship(&tx, id)?;
    audit::record(&tx, actor, if before.is_none() { "create" } else { "update" }, "care_hardship", Some(id), before.as_ref(), after.as_ref())?;
    tx.commit()?;
    list(conn, today)?.into_iter().find(|h| h.id == id).ok_or(Error::NotFound { entity: "care_hardship", id })
}

/// 解除: the hardship is over on `date`, with what changed.
pub fn resolve(conn: &mut Connection, actor: &str, id: i64, date: &str, reason: &str, today: NaiveDate) -> Result<Hardship> {
    let tx = conn.transaction()?;
    let before = store::hardship(&tx, id)?.ok_or(Error::NotFound { entity: "care_hardship", id })?;
    if before.state != "active" {
        return Err(Error::invalid("id", "ALREADY_RESOLVED", "这条困难记录已经解除"));
    }
    let mut f = Form::new();
    let d = f.date("resolved_on", "解除日期", date, today);
    let reason = f.required("reason", "解除原因", reason, 200);
    if d.is_some_and(|d| iso(d) < before.recognized_on) {
        f.error("resolved_on", "BAD_RANGE", format!("解除日期不能早于认定日期 {}", before.recognized_on));
    }
    f.finish()?;
    let mut row = before.clone();
    row.state = "resolved".into();
    row.resolved_on = d.map(iso);
    row.note = Some(match &before.note {
        Some(n) => format!("{n}；解除：{reason}"),
        None => format!("解除：{reason}"),
    });
    store::save_hardship(&tx, &row, actor)?;
    audit::record(&tx, actor, "resolve", "care_hardship", Some(id), Some(&before), Some(&row))?;
    tx.commit()?;
    list(conn, today)?.into_iter().find(|h| h.id == id).ok_or(Error::NotFound { entity: "care_hardship", id })
}

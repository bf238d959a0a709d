//! 分类施教: each class of the 管理类型 model gets the quarter's study content and mode; members of the classes
//! that need help (待提升型, 帮扶型, 警示型) are listed with the meetings they missed, their 结对 partner, and a way
//! to record a 上门送学 visit as their participation (meeting::record_makeup).
use crate::store::audit;
use crate::kernel::codes;
use crate::kernel::dates;
use crate::kernel::error::{Error, FieldError, Result};
use crate::members::standing;
use crate::members::store::activity;
use super::store;

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

/// The classes whose members need 上门送学 or a 结对 partner, across both models.
pub const HELP_CLASSES: [&str; 3] = ["improve", "assist", "warning"];

/// Suggested mode for a class that has no plan yet: help classes get visits, the others study together.
fn default_mode(class_key: &str) -> &'static str {
    if HELP_CLASSES.contains(&class_key) {
        "home"
    } else {
        "group_study"
    }
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ClassPlan {
    pub class_key: String,
    pub class_name: String,
    /// Empty until the secretary writes the quarter's plan.
    pub content: String,
    pub mode: String,
    pub mode_name: String,
    pub saved: bool,
    pub members: u32,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Partner {
    pub pairing_id: i64,
    pub mentor_id: i64,
    pub mentor_name: String,
    pub start_date: String,
    pub goal: Option<String>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Missed {
    pub meeting_id: i64,
    pub date: String,
    pub kind_name: String,
    pub topic: String,
    pub status: String,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct HelpMember {
    pub member_id: i64,
    pub name: String,
    pub group_id: Option<i64>,
    pub class_key: String,
    pub class_name: String,
    pub age: Option<i32>,
    pub mobile: bool,
    pub frail: bool,
    pub partner: Option<Partner>,
    /// Held meetings of the quarter the member was expected at and has not taken part in, not even by make-up.
    pub missed: Vec<Missed>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct StudyPlans {
    pub year: i32,
    pub quarter: u32,
    pub plans: Vec<ClassPlan>,
    pub help: Vec<HelpMember>,
}

fn quarter_bounds(year: i32, quarter: u32) -> Result<(NaiveDate, NaiveDate)> {
    let bad = || Error::invalid("quarter", "BAD_PERIOD", "请选择正确的年份和季度");
    if !(1..=4).contains(&quarter) || !(2000..=2100).contains(&year) {
        return Err(bad());
    }
    let start = NaiveDate::from_ymd_opt(year, (quarter - 1) * 3 + 1, 1).ok_or_else(bad)?;
    let end = start.checked_add_months(chrono::Months::new(3)).and_then(|d| d.pred_opt()).ok_or_else(bad)?;
    Ok((start, end))
}

pub fn current_quarter(today: NaiveDate) -> (i32, u32) {
    (today.year(), today.month0() / 3 + 1)
}

pub fn plans(conn: &Connection, year: i32, quarter: u32, today: NaiveDate) -> Result<StudyPlans> {
    let (start, end) = quarter_bounds(year, quarter)?;
    let classes = crate::members::config::classes(conn)?;
    let mut plans = Vec::new();
    for c in &classes {
        let saved = store::plan(conn, year, quarter, &c.key)?;
        let members = activity::count_in_class(conn, &c.key)?;
        let (content, mode) = saved.clone().unwrap_or_else(|| (String::new(), default_mode(&c.key).to_string()));
        plans.push(ClassPlan {
            class_key: c.key.clone(),
            class_name: c.name.clone(),
            mode_name: codes::name_of(codes::STUDY_MODE, &mode).unwrap_or("").to_string(),
            content,
            mode,
            saved: saved.is_some(),
            members,
        });
    }
    let help_keys: Vec<&crate::members::config::MgmtClass> = classes.iter().filter(|c| HELP_CLASSES.contains(&c.key.as_str())).collect();
    let mut help = Vec::new();
    // Mentors' names once, for every partner below.
    let names = activity::names(conn)?;
    for class in help_keys {
        for (id, name, group_id, birth, identity, lost, tags) in activity::in_class(conn, &class.key)? {
            let age = birth.as_deref().and_then(dates::parse).map(|b| dates::age_at(b, today));
            let tags: Vec<String> = serde_json::from_str(&tags).unwrap_or_default();
            let missed = store::missed(conn, id, &dates::iso(start), &dates::iso(end))?
                .into_iter()
                .map(|(meeting_id, date, kind, topic, status)| Missed {
                    meeting_id,
                    date,
                    kind_name: codes::name_of(codes::MEETING_KIND, &kind).unwrap_or("会议").to_string(),
                    topic,
                    status,
                })
                .collect();
            help.push(HelpMember {
                member_id: id,
                name,
                group_id,
                class_key: class.key.clone(),
                class_name: class.name.clone(),
                age,
                mobile: standing::is_mobile(identity.as_deref(), lost),
                frail: standing::is_frail(age, &tags),
                partner: partner_named(conn, id, |m| Ok(names.get(&m).cloned()))?,
                missed,
            });
        }
    }
    Ok(StudyPlans { year, quarter, plans, help })
}

fn partner(conn: &Connection, mentee: i64) -> Result<Option<Partner>> {
    partner_named(conn, mentee, |m| activity::name(conn, m))
}

/// The open pairing with its mentor's name; none when the mentor is not on record (as the join it replaces).
fn partner_named(conn: &Connection, mentee: i64, name: impl Fn(i64) -> Result<Option<String>>) -> Result<Option<Partner>> {
    let Some((pairing_id, mentor_id, start_date, goal)) = store::open_pairing(conn, mentee)? else { return Ok(None) };
    Ok(name(mentor_id)?.map(|mentor_name| Partner { pairing_id, mentor_id, mentor_name, start_date, goal }))
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct PlanInput {
    pub year: i32,
    pub quarter: u32,
    pub class_key: String,
    pub content: String,
    pub mode: String,
}

pub fn save_plan(conn: &mut Connection, actor: &str, input: &PlanInput) -> Result<()> {
    quarter_bounds(input.year, input.quarter)?;
    let mut errs = Vec::new();
    if !crate::members::config::classes(conn)?.iter().any(|c| c.key == input.class_key) {
        errs.push(FieldError::new("class_key", "UNKNOWN_CODE", "这个管理类型不在当前分类模式中，请刷新后重试"));
    }
    let content = input.content.trim();
    if content.is_empty() {
        errs.push(FieldError::new("content", "REQUIRED", "请填写本季度的学习内容，例如“学习新修订的《中国共产党纪律处分条例》”"));
    } else if content.chars().count() > 500 {
        errs.push(FieldError::new("content", "TOO_LONG", "学习内容太长，最多500个字"));
    }
    let mode = codes::normalize(codes::STUDY_MODE, &input.mode);
    if mode.is_none() {
        errs.push(FieldError::new("mode", "REQUIRED", "请选择学习方式：集中学习、上门送学、网络学习或结对帮教"));
    }
    if !errs.is_empty() {
        return Err(Error::Invalid(errs));
    }
    let tx = conn.transaction()?;
    let before = store::plan(&tx, input.year, input.quarter, &input.class_key)?;
    store::save_plan(&tx, input.year, input.quarter, &input.class_key, content, mode)?;
    let after = PlanInput { content: content.to_string(), mode: mode.unwrap_or_default().to_string(), ..input.clone() };
    audit::record(&tx, actor, if before.is_some() { "update" } else { "create" }, "study_plan", None, before.as_ref(), Some(&after))?;
    tx.commit()?;
    Ok(())
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct PairInput {
    pub mentor_id: i64,
    pub mentee_id: i64,
    pub start_date: String,
    pub goal: Option<String>,
}

/// 结对帮教: one open pairing per member who is helped.
pub fn pair(conn: &mut Connection, actor: &str, input: &PairInput) -> Result<Partner> {
    let tx = conn.transaction()?;
    let name = |id: i64| activity::name_and_status(&tx, id);
    let mentee = name(input.mentee_id)?.ok_or(Error::NotFound { entity: "member", id: input.mentee_id })?;
    let mut errs = Vec::new();
    match name(input.mentor_id)? {
        None => errs.push(FieldError::new("mentor_id", "REQUIRED", "请选择结对的党员")),
        Some((_, status)) if status != "normal" => errs.push(FieldError::new("mentor_id", "NOT_ACTIVE", "所选党员的党籍状态不是“正常”，请另选一位")),
        _ if input.mentor_id == input.mentee_id => errs.push(FieldError::new("mentor_id", "SAME_MEMBER", "不能与本人结对，请另选一位党员")),
        _ => {}
    }
    if let Some(p) = partner(&tx, input.mentee_id)? {
        errs.push(FieldError::new("mentee_id", "ALREADY_PAIRED", format!("{}已与{}结对，如需更换请先结束原结对", mentee.0, p.mentor_name)));
    }
    let start = dates::parse_flexible(&input.start_date);
    match start {
        None => errs.push(FieldError::new("start_date", "BAD_DATE", "请填写结对开始日期，例如 2026-11-01")),
        Some(d) if d > dates::today() => errs.push(FieldError::new("start_date", "FUTURE_DATE", "结对开始日期不能晚于今天")),
        _ => {}
    }
    if !errs.is_empty() {
        return Err(Error::Invalid(errs));
    }
    let goal = input.goal.as_deref().map(str::trim).filter(|g| !g.is_empty());
    let id = store::insert_pairing(&tx, input.mentor_id, input.mentee_id, start.map(dates::iso), goal)?;
    let p = partner(&tx, input.mentee_id)?.ok_or(Error::NotFound { entity: "pairing", id })?;
    audit::record(&tx, actor, "create", "pairing", Some(id), None::<&()>, Some(input))?;
    tx.commit()?;
    Ok(p)
}

pub fn end_pairing(conn: &mut Connection, actor: &str, id: i64, end_date: &str, result: &str) -> Result<()> {
    let mut errs = Vec::new();
    let end = dates::parse_flexible(end_date);
    if end.is_none() {
        errs.push(FieldError::new("end_date", "BAD_DATE", "请填写结束日期，例如 2026-12-31"));
    }
    if result.trim().is_empty() {
        errs.push(FieldError::new("result", "REQUIRED", "请填写结对帮教的效果，例如“按时参加组织生活，已转为成长型”"));
    }
    if !errs.is_empty() {
        return Err(Error::Invalid(errs));
    }
    let tx = conn.transaction()?;
    let start = store::open_pairing_start(&tx, id)?;
    let Some(start) = start else { return Err(Error::NotFound { entity: "pairing", id }) };
    if end.map(dates::iso).is_some_and(|e| e < start) {
        return Err(Error::invalid("end_date", "DATE_ORDER", "结束日期不能早于结对开始日期"));
    }
    store::end_pairing(&tx, id, end.map(dates::iso), result.trim())?;
    audit::record(&tx, actor, "end", "pairing", Some(id), None::<&()>, Some(&(end_date, result)))?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meetings::meeting::{self, AttendanceInput, Makeup, MeetingInput};

    #[test]
    fn plans_list_help_members_with_missed_meetings_and_partners() {
        let (mut conn, ids, _) = crate::meetings::meeting::tests::branch();
        conn.execute("UPDATE member SET mgmt_type = 'improve' WHERE id IN (?1, ?2)", [ids[3], ids[4]]).unwrap();
        conn.execute("UPDATE member SET mgmt_type = 'pioneer' WHERE id = ?1", [ids[0]]).unwrap();
        let attendees = ids.iter().map(|&id| AttendanceInput { member_id: id, status: if id == ids[3] { "absent".into() } else { "present".into() }, ..Default::default() }).collect();
        let m = meeting::create(&mut conn, "书记", &MeetingInput::new("theme_day", "held", "2026-10-10", "学习").with_attendees(attendees)).unwrap();
        let today = dates::parse("2026-11-23").unwrap();
        let p = plans(&conn, 2026, 4, today).unwrap();
        assert_eq!(p.plans.len(), 3);
        let improve = p.plans.iter().find(|c| c.class_key == "improve").unwrap();
        assert_eq!((improve.members, improve.mode.as_str(), improve.saved), (2, "home", false));
        assert_eq!(p.help.len(), 2);
        let h = p.help.iter().find(|h| h.member_id == ids[3]).unwrap();
        assert_eq!(h.missed.len(), 1);
        assert!(h.partner.is_none());
        // A 上门送学 visit recorded against the missed meeting counts as participation.
        meeting::record_makeup(&mut conn, "书记", &Makeup { meeting_id: m.meeting.id, member_id: ids[3], mode: "home".into(), date: "2026-10-12".into(), by: Some("张建国".into()), note: None }).unwrap();
        // Pair with a 先锋型 member.
        pair(&mut conn, "书记", &PairInput { mentor_id: ids[0], mentee_id: ids[3], start_date: "2026-10-01".into(), goal: Some("每月参加主题党日".into()) }).unwrap();
        let again = pair(&mut conn, "书记", &PairInput { mentor_id: ids[5], mentee_id: ids[3], start_date: "2026-10-01".into(), goal: None }).unwrap_err();
        assert_eq!(again.code(), "ALREADY_PAIRED");
        let p = plans(&conn, 2026, 4, today).unwrap();
        let h = p.help.iter().find(|h| h.member_id == ids[3]).unwrap();
        assert!(h.missed.is_empty(), "made up");
        let partner = h.partner.as_ref().unwrap();
        assert_eq!(partner.mentor_id, ids[0]);
        end_pairing(&mut conn, "书记", partner.pairing_id, "2026-11-20", "已按时参加组织生活").unwrap();
        assert!(plans(&conn, 2026, 4, today).unwrap().help.iter().find(|h| h.member_id == ids[3]).unwrap().partner.is_none());
    }

    #[test]
    fn saving_a_plan_validates_and_overwrites_the_quarter() {
        let (mut conn, ..) = crate::meetings::meeting::tests::branch();
        let mut input = PlanInput { year: 2026, quarter: 4, class_key: "improve".into(), content: "".into(), mode: "上门送学".into() };
        let Error::Invalid(f) = save_plan(&mut conn, "书记", &input).unwrap_err() else { panic!() };
        assert_eq!(f[0].field, "content");
        input.content = "学习党章第一章".into();
        save_plan(&mut conn, "书记", &input).unwrap();
        input.content = "学习党章第二章".into();
        save_plan(&mut conn, "书记", &input).unwrap();
        let p = plans(&conn, 2026, 4, dates::today()).unwrap();
        let improve = p.plans.iter().find(|c| c.class_key == "improve").unwrap();
        assert_eq!((improve.content.as_str(), improve.mode.as_str(), improve.saved), ("学习党章第二章", "home", true));
        assert!(plans(&conn, 2026, 3, dates::today()).unwrap().plans.iter().all(|c| !c.saved), "each quarter on its own");
        assert_eq!(audit::list(&conn, None, 100).unwrap().iter().filter(|a| a.entity == "study_plan").count(), 2);
    }
}

//! The people in the pipeline: 申请人 → 入党积极分子 → 发展对象 → 预备党员 → 正式党员, each with the member fields that
//! apply and every step they took.
use super::rules::{self, DEV_2014, STAGES, STEPS};
use super::store::{self, PersonRow, StepRow};
use crate::kernel::dates;
use crate::kernel::error::{Error, FieldError, Result};
use crate::store::audit;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(rename = "DevPersonInput")]
pub struct PersonInput {
    pub name: String,
    pub sex: Option<String>,
    pub ethnicity: Option<String>,
    pub birth_date: Option<String>,
    pub id_number: Option<String>,
    pub education: Option<String>,
    /// 单位、职务.
    pub employer: Option<String>,
    pub phone: Option<String>,
    pub group_id: Option<i64>,
    /// 递交入党申请书的日期 (step 1).
    pub applied_on: String,
    pub note: Option<String>,
}

/// A step as the 纪实表 lists it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "DevStep")]
pub struct Step {
    pub id: i64,
    pub step: u8,
    pub name: String,
    pub date: String,
    pub actor: Option<String>,
    pub record: Option<String>,
    pub doc_no: Option<String>,
    /// 培养联系人 or 入党介绍人, by name.
    pub people: Vec<String>,
    pub passed: Option<bool>,
    pub training_days: Option<u32>,
    pub training_hours: Option<u32>,
    pub notice_to: Option<String>,
    /// 应到/实到/赞成/反对/弃权 in words, for a 支部大会.
    pub vote: Option<String>,
    pub outcome: Option<String>,
    pub extension_months: Option<i32>,
}

/// What is due next for a person, and by when (or from when).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "DevNext")]
pub struct Next {
    pub step: u8,
    pub name: String,
    pub due: Option<String>,
    pub earliest: Option<String>,
    pub overdue: bool,
    pub rule: String,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "DevPerson")]
pub struct Person {
    pub id: i64,
    pub name: String,
    pub sex: Option<String>,
    pub ethnicity: Option<String>,
    pub birth_date: Option<String>,
    pub education: Option<String>,
    pub employer: Option<String>,
    pub phone: Option<String>,
    pub group_id: Option<i64>,
    pub member_id: Option<i64>,
    /// active, full (转正) or stopped.
    pub state: String,
    pub stop_reason: Option<String>,
    /// 1–5, and its name (申请入党 … 预备党员的教育考察和转正).
    pub stage: u8,
    pub stage_name: String,
    /// 申请人, 入党积极分子, 发展对象, 预备党员, 正式党员.
    pub role: String,
    pub steps: Vec<Step>,
    pub next: Option<Next>,
    /// 预备期满 (C7), once accepted.
    pub probation_end: Option<String>,
}

use crate::kernel::form::text;

/// The 出生日期 typed, if any: a real date not after today (else a field error).
fn birth_date(input: &PersonInput, today: NaiveDate, errs: &mut Vec<FieldError>) -> Option<NaiveDate> {
    let b = text(&input.birth_date)?;
    match dates::parse_flexible(&b) {
        Some(d) if d > today => {
            errs.push(FieldError::new("birth_date", "FUTURE_DATE", "出生日期不能晚于今天"));
            None
        }
        Some(d) => Some(d),
        None => {
            errs.push(FieldError::new("birth_date", "BAD_DATE", format!("出生日期“{b}”不正确，请按 2000-03-05 的格式填写")));
            None
        }
    }
}

/// Adds a person with step 1, 递交入党申请书. A person under 18 at the application is allowed with a warning
/// (they cannot be accepted before 18: step 15 checks the meeting day).
pub fn add(conn: &mut Connection, actor: &str, input: &PersonInput, today: NaiveDate) -> Result<(Person, Vec<String>)> {
    let mut errs = Vec::new();
    if input.name.trim().is_empty() {
        errs.push(FieldError::new("name", "REQUIRED", "请填写姓名"));
    }
    let applied = match dates::parse_flexible(&input.applied_on) {
        Some(d) if d > today => {
            errs.push(FieldError::new("applied_on", "FUTURE_DATE", "递交入党申请书的日期不能晚于今天"));
            None
        }
        Some(d) => Some(d),
        None if input.applied_on.trim().is_empty() => {
            errs.push(FieldError::new("applied_on", "REQUIRED", "请填写递交入党申请书的日期"));
            None
        }
        None => {
            errs.push(FieldError::new("applied_on", "BAD_DATE", format!("日期“{}”不正确，请按 2026-03-05 的格式填写", input.applied_on.trim())));
            None
        }
    };
    let birth = birth_date(input, today, &mut errs);
    // Born after applying is a typing mistake in one of the two dates.
    if let (Some(b), Some(a)) = (birth, applied) {
        if b >= a {
            errs.push(FieldError::new("birth_date", "AFTER_APPLICATION", format!("出生日期（{}）晚于递交入党申请书的日期（{}），请核对这两个日期", dates::iso(b), dates::iso(a))));
        }
    }
    if !errs.is_empty() {
        return Err(Error::Invalid(errs));
    }
    let applied = applied.expect("checked");
    let mut warnings = Vec::new();
    if let Some(b) = birth {
        if !rules::old_enough(b, applied, &DEV_2014) {
            warnings.push(format!("递交申请书时未满 {} 周岁：年满 {} 周岁后才能被接收为预备党员", DEV_2014.min_age, DEV_2014.min_age));
        }
    }
    // The same name already in the pipeline: allowed (two people may share it), but said.
    for other in store::people(conn)?.iter().filter(|p| p.state == "active" && p.name == input.name.trim()) {
        warnings.push(format!(
            "已有同名的{}（{}），请确认不是重复录入",
            other.name,
            other.birth_date.as_deref().map(|b| format!("{} 出生", b)).unwrap_or_else(|| format!("编号 {}", other.id))
        ));
    }
    let tx = conn.transaction()?;
    let row = PersonRow {
        id: 0,
        name: input.name.trim().into(),
        sex: text(&input.sex),
        ethnicity: text(&input.ethnicity),
        birth_date: birth.map(dates::iso),
        id_number: text(&input.id_number),
        education: text(&input.education),
        employer: text(&input.employer),
        phone: text(&input.phone),
        group_id: input.group_id,
        member_id: None,
        state: "active".into(),
        stop_reason: None,
        note: text(&input.note),
    };
    let id = store::insert_person(&tx, &row)?;
    store::insert_step(&tx, &StepRow { person_id: id, step: 1, date: dates::iso(applied), entered_by: actor.into(), ..Default::default() })?;
    audit::record(&tx, actor, "create", "dev_person", Some(id), None::<&()>, Some(&serde_json::json!({ "name": row.name, "applied_on": dates::iso(applied) })))?;
    tx.commit()?;
    Ok((show(conn, id, today)?, warnings))
}

pub fn step_name(n: u8) -> &'static str {
    STEPS.iter().find(|s| s.0 == n).map(|s| s.2).unwrap_or("")
}

fn stage_of(n: u8) -> u8 {
    STEPS.iter().find(|s| s.0 == n).map(|s| s.1).unwrap_or(1)
}

/// 申请人 until step 3, 入党积极分子 until 7, 发展对象 until 15, then 预备党员, and 正式党员 after 转正.
fn role(last: u8, state: &str) -> &'static str {
    match (state, last) {
        ("full", _) => "正式党员",
        (_, 15..) => "预备党员",
        (_, 7..) => "发展对象",
        (_, 3..) => "入党积极分子",
        _ => "申请人",
    }
}

fn vote_words(v: &Option<String>) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(v.as_deref()?).ok()?;
    let n = |k: &str| v.get(k).and_then(|x| x.as_u64()).unwrap_or(0);
    Some(format!("应到 {}，实到 {}，赞成 {}（书面 {}），反对 {}，弃权 {}", n("expected"), n("present"), n("yes") + n("written_yes"), n("written_yes"), n("no"), n("abstain")))
}

/// The accepting 支部大会's date, and every extension decided.
pub(super) fn acceptance(steps: &[StepRow]) -> (Option<NaiveDate>, Vec<i32>) {
    let accepted = steps.iter().find(|s| s.step == 15).and_then(|s| dates::parse(&s.date));
    let ext = steps.iter().filter(|s| s.step == 23 && s.outcome.as_deref() == Some("extend")).filter_map(|s| s.extension_months).collect();
    (accepted, ext)
}

/// The next step and its time rule, from what has been done.
fn next(steps: &[StepRow], state: &str, today: NaiveDate) -> Option<Next> {
    if state != "active" {
        return None;
    }
    let has = |n: u8| steps.iter().any(|s| s.step == n);
    let date_of = |n: u8| steps.iter().filter(|s| s.step == n).filter_map(|s| dates::parse(&s.date)).max();
    let last = steps.iter().filter(|s| !matches!(s.step, 6 | 21)).map(|s| s.step).max().unwrap_or(0);
    let mk = |n: u8, due: Option<NaiveDate>, earliest: Option<NaiveDate>, rule: String| Next {
        step: n,
        name: step_name(n).into(),
        due: due.map(dates::iso),
        earliest: earliest.map(dates::iso),
        overdue: due.is_some_and(|d| d < today),
        rule,
    };
    let r = &DEV_2014;
    Some(match last {
        1 => mk(2, date_of(1).map(|d| dates::add_months(d, r.talk_months)), None, format!("收到申请书后 {} 个月内谈话", r.talk_months)),
        5 if !has(6) => mk(6, date_of(3).map(|d| dates::add_months(d, r.review_months)), None, format!("每 {} 个月至少考察一次", r.review_months)),
        5 | 6 => {
            let earliest = date_of(3).map(|d| dates::add_months(d, r.activist_months));
            let review = steps.iter().filter(|s| s.step == 6 || s.step == 3).filter_map(|s| dates::parse(&s.date)).max().map(|d| dates::add_months(d, r.review_months));
            if earliest.is_some_and(|e| e <= today) {
                mk(7, None, earliest, format!("培养 {} 个月以上可确定为发展对象；期间每 {} 个月考察一次", r.activist_months, r.review_months))
            } else {
                mk(6, review, None, format!("每 {} 个月至少考察一次；{} 起可确定为发展对象", r.review_months, earliest.map(dates::iso).unwrap_or_default()))
            }
        }
        15 => mk(16, None, None, "上级党委派人谈话".into()),
        16 => {
            let special = steps.iter().any(|s| s.step == 15 && s.special);
            let m = if special { r.approval_special_months } else { r.approval_months };
            mk(17, date_of(15).map(|d| dates::add_months(d, m)), None, format!("支部大会后 {m} 个月内审批"))
        }
        20 | 21 => {
            let (accepted, ext) = acceptance(steps);
            let end = accepted.and_then(|a| rules::probation_end(a, &ext, r).ok());
            let last_review = steps.iter().filter(|s| s.step == 21 || s.step == 20).filter_map(|s| dates::parse(&s.date)).max();
            if !has(21) {
                mk(21, last_review.map(|d| dates::add_months(d, r.review_months)), None, format!("预备期满 {}；其间每季度或半年记录考察", end.map(dates::iso).unwrap_or_default()))
            } else {
                mk(22, None, end, format!("预备期满 {}，届时本人提出转正申请，支部及时讨论", end.map(dates::iso).unwrap_or_default()))
            }
        }
        22 => {
            let (accepted, ext) = acceptance(steps);
            let end = accepted.and_then(|a| rules::probation_end(a, &ext, r).ok());
            mk(23, end, None, "预备期满及时讨论转正".into())
        }
        23 => {
            let last23 = steps.iter().filter(|s| s.step == 23).last();
            match last23.and_then(|s| s.outcome.as_deref()) {
                Some("extend") if steps.iter().filter(|s| s.step == 24).count() < steps.iter().filter(|s| s.step == 23).count() => {
                    mk(24, date_of(23).map(|d| dates::add_months(d, r.approval_months)), None, "延长预备期须报上级党委审批".into())
                }
                _ => mk(24, date_of(23).map(|d| dates::add_months(d, r.approval_months)), None, format!("支部大会后 {} 个月内审批", r.approval_months)),
            }
        }
        24 => {
            let (accepted, ext) = acceptance(steps);
            let extended = steps.iter().filter(|s| s.step == 23).last().and_then(|s| s.outcome.as_deref()) == Some("extend");
            if extended {
                let end = accepted.and_then(|a| rules::probation_end(a, &ext, r).ok());
                mk(21, None, None, format!("延长后的预备期满 {}", end.map(dates::iso).unwrap_or_default()))
            } else {
                mk(25, None, None, "材料归档".into())
            }
        }
        25 => return None,
        n => mk(n + 1, None, None, String::new()),
    })
}

pub fn view(conn: &Connection, p: &PersonRow, steps: &[StepRow], today: NaiveDate) -> Result<Person> {
    let names = crate::members::store::activity::names(conn)?;
    let last = steps.iter().map(|s| s.step).max().unwrap_or(1);
    let (accepted, ext) = acceptance(steps);
    Ok(Person {
        id: p.id,
        name: p.name.clone(),
        sex: p.sex.clone(),
        ethnicity: p.ethnicity.clone(),
        birth_date: p.birth_date.clone(),
        education: p.education.clone(),
        employer: p.employer.clone(),
        phone: p.phone.clone(),
        group_id: p.group_id,
        member_id: p.member_id,
        state: p.state.clone(),
        stop_reason: p.stop_reason.clone(),
        stage: stage_of(last),
        stage_name: STAGES[(stage_of(last) - 1) as usize].into(),
        role: role(last, &p.state).into(),
        steps: steps
            .iter()
            .map(|s| Step {
                id: s.id,
                step: s.step,
                name: step_name(s.step).into(),
                date: s.date.clone(),
                actor: s.actor.clone(),
                record: s.record.clone(),
                doc_no: s.doc_no.clone(),
                people: s.people.iter().map(|id| names.get(id).cloned().unwrap_or_default()).collect(),
                passed: s.passed,
                training_days: s.training_days,
                training_hours: s.training_hours,
                notice_to: s.notice_to.clone(),
                vote: vote_words(&s.vote),
                outcome: s.outcome.clone(),
                extension_months: s.extension_months,
            })
            .collect(),
        next: next(steps, &p.state, today),
        probation_end: accepted.and_then(|a| rules::probation_end(a, &ext, &DEV_2014).ok()).map(dates::iso),
    })
}

pub fn show(conn: &Connection, id: i64, today: NaiveDate) -> Result<Person> {
    let p = store::person(conn, id)?.ok_or(Error::NotFound { entity: "dev_person", id })?;
    view(conn, &p, &store::person_steps(conn, id)?, today)
}

/// The pipeline board: everyone not yet 正式党员 or stopped, by stage, with what is due next and what is overdue.
pub fn board(conn: &Connection, today: NaiveDate) -> Result<Vec<Person>> {
    let steps = store::steps(conn)?;
    let mut out = Vec::new();
    for p in store::people(conn)?.into_iter().filter(|p| p.state == "active") {
        let mine: Vec<StepRow> = steps.iter().filter(|s| s.person_id == p.id).cloned().collect();
        out.push(view(conn, &p, &mine, today)?);
    }
    out.sort_by(|a, b| b.stage.cmp(&a.stage).then(a.id.cmp(&b.id)));
    Ok(out)
}

/// 停止发展: an applicant, 积极分子 or 发展对象 who will not go on (withdrew, moved away, did not qualify). A
/// 预备党员 is decided by the 支部大会 instead (第 23 步, 取消预备党员资格).
pub fn stop(conn: &mut Connection, actor: &str, id: i64, reason: &str, today: NaiveDate) -> Result<Person> {
    if reason.trim().is_empty() {
        return Err(Error::invalid("reason", "REQUIRED", "请填写停止发展的原因"));
    }
    let tx = conn.transaction()?;
    let p = store::person(&tx, id)?.ok_or(Error::NotFound { entity: "dev_person", id })?;
    if p.state != "active" {
        return Err(Error::invalid("id", "NOT_ACTIVE", format!("{}已不在培养中", p.name)));
    }
    if p.member_id.is_some() {
        return Err(Error::invalid("id", "PROBATIONARY", format!("{}已是预备党员，是否取消资格须由支部大会讨论（第 23 步）", p.name)));
    }
    store::set_state(&tx, id, "stopped", Some(reason.trim()))?;
    audit::record(&tx, actor, "end", "dev_person", Some(id), None::<&()>, Some(&serde_json::json!({ "name": p.name, "reason": reason.trim() })))?;
    tx.commit()?;
    show(conn, id, today)
}

/// Corrects a person's details (a mistyped name or birth date). The 递交申请书 date is step 1's, corrected by 撤销
/// and re-recording; once accepted, the 预备党员's record lives in 党员名册 and is corrected there.
pub fn update(conn: &mut Connection, actor: &str, id: i64, input: &PersonInput, today: NaiveDate) -> Result<Person> {
    let before = store::person(conn, id)?.ok_or(Error::NotFound { entity: "dev_person", id })?;
    if before.member_id.is_some() {
        return Err(Error::invalid("id", "IN_REGISTRY", format!("{}已是党员名册中的党员，请在“党员名册”中修改资料", before.name)));
    }
    let mut errs = Vec::new();
    if input.name.trim().is_empty() {
        errs.push(FieldError::new("name", "REQUIRED", "请填写姓名"));
    }
    let birth = birth_date(input, today, &mut errs);
    if !errs.is_empty() {
        return Err(Error::Invalid(errs));
    }
    let after = PersonRow {
        name: input.name.trim().into(),
        sex: text(&input.sex),
        ethnicity: text(&input.ethnicity),
        birth_date: birth.map(dates::iso),
        id_number: text(&input.id_number),
        education: text(&input.education),
        employer: text(&input.employer),
        phone: text(&input.phone),
        group_id: input.group_id,
        note: text(&input.note),
        ..before.clone()
    };
    let tx = conn.transaction()?;
    store::update_person(&tx, &after)?;
    let brief = |p: &PersonRow| serde_json::json!({ "name": p.name, "birth_date": p.birth_date, "employer": p.employer, "phone": p.phone });
    audit::record(&tx, actor, "update", "dev_person", Some(id), Some(&brief(&before)), Some(&brief(&after)))?;
    tx.commit()?;
    show(conn, id, today)
}

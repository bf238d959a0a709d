//! Recording a step: in order, on or after the step before, with the time rules of `dev-2014` — refused where the
//! rule forbids (确定发展对象 before a year, training too short, 公示 too short, under 18 at the 支部大会, a vote that
//! did not pass, 联系人/介绍人 who are not 正式党员, a second extension), warned where only the deadline passed. The
//! accepting 支部大会 puts the 预备党员 in the registry; the approved 转正 makes them 正式党员 on the 期满 date (C7).
use super::person::{acceptance, show, step_name, Person};
use super::rules::{self, DEV_2014};
use super::store::{self, StepRow};
use crate::kernel::dates;
use crate::kernel::error::{Error, FieldError, Result};
use crate::members::member::{self, MemberData};
use crate::store::audit;
use chrono::NaiveDate;
use rusqlite::{Connection, Transaction};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(rename = "DevVote")]
pub struct VoteInput {
    /// 应到会有表决权的正式党员.
    pub expected: u32,
    pub present: u32,
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
    /// 因故不能到会、书面表示赞成的.
    pub written_yes: u32,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(rename = "DevStepInput")]
pub struct StepInput {
    pub person_id: i64,
    /// 1–25.
    pub step: u8,
    pub date: String,
    pub actor: Option<String>,
    pub record: Option<String>,
    pub doc_no: Option<String>,
    /// 培养联系人 (step 5, one or two) or 入党介绍人 (step 9, two): member ids.
    pub people: Vec<i64>,
    /// 政治审查 (10): 合格 or not.
    pub passed: Option<bool>,
    pub training_days: Option<u32>,
    pub training_hours: Option<u32>,
    /// 公示 (12): its last day; `date` is the first.
    pub notice_to: Option<String>,
    pub vote: Option<VoteInput>,
    pub meeting_id: Option<i64>,
    /// 转正讨论 (23): on_time (按期转正), extend (延长预备期), cancel (取消预备党员资格).
    pub outcome: Option<String>,
    pub extension_months: Option<i32>,
    /// 审批 under the 6-month special limit.
    pub special: bool,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "DevStepResult")]
pub struct StepResult {
    pub person: Person,
    /// Deadlines passed, in words with the rule.
    pub warnings: Vec<String>,
}

/// Steps that may be recorded more than once: 培养考察 and 继续教育考察, and after an extension 转正讨论 and its 审批.
const REPEATS: [u8; 2] = [6, 21];

fn bad(field: &str, code: &'static str, msg: String) -> Error {
    Error::Invalid(vec![FieldError::new(field, code, msg)])
}

/// A 正式党员 in good standing on `date`: 人员类别 正式党员 and, where known, 转正 by then.
fn full_member_on(tx: &Transaction, id: i64, date: NaiveDate) -> Result<std::result::Result<String, String>> {
    let m = member::get_record(tx, id)?;
    let name = m.data.name.clone();
    if m.status != "normal" {
        return Ok(Err(format!("{name}已不在册")));
    }
    if m.data.category.as_deref() != Some("full") {
        return Ok(Err(format!("{name}是预备党员，不能担任")));
    }
    match m.data.full_date.as_deref().and_then(dates::parse) {
        Some(f) if f > date => Ok(Err(format!("{name}到 {} 才转正，{} 时还不是正式党员", dates::iso(f), dates::iso(date)))),
        _ => Ok(Ok(name)),
    }
}

pub fn record(conn: &mut Connection, actor: &str, input: &StepInput, today: NaiveDate) -> Result<StepResult> {
    let tx = conn.transaction()?;
    let p = store::person(&tx, input.person_id)?.ok_or(Error::NotFound { entity: "dev_person", id: input.person_id })?;
    if p.state != "active" {
        return Err(bad("person_id", "NOT_ACTIVE", format!("{}已{}，不能再记录发展步骤", p.name, if p.state == "full" { "转为正式党员" } else { "停止发展" })));
    }
    let n = input.step;
    if !(1..=25).contains(&n) {
        return Err(bad("step", "BAD_STEP", format!("步骤应为 1—25，“{n}”不正确")));
    }
    let name = step_name(n);
    let date = match dates::parse_flexible(&input.date) {
        Some(d) if d > today => return Err(bad("date", "FUTURE_DATE", format!("{name}的日期不能晚于今天"))),
        Some(d) => d,
        None => return Err(bad("date", "BAD_DATE", format!("{name}的日期“{}”不正确，请按 2026-03-05 的格式填写", input.date.trim()))),
    };
    let steps = store::person_steps(&tx, p.id)?;
    let has = |k: u8| steps.iter().any(|s| s.step == k);
    let count = |k: u8| steps.iter().filter(|s| s.step == k).count();
    let date_of = |k: u8| steps.iter().filter(|s| s.step == k).filter_map(|s| dates::parse(&s.date)).max();
    let extended = steps.iter().any(|s| s.step == 23 && s.outcome.as_deref() == Some("extend"));
    // Order: every earlier step done (考察 at least once before it is passed), none of the later ones.
    let missing: Vec<u8> = (1..n).filter(|k| !has(*k) && !(*k == 21 && n < 22)).collect();
    if let Some(first) = missing.first() {
        return Err(bad("step", "OUT_OF_ORDER", format!("还没有记录第 {first} 步“{}”，不能先记录第 {n} 步“{name}”", step_name(*first))));
    }
    let again_ok = REPEATS.contains(&n) || (extended && matches!(n, 21..=24) && count(n) < 2);
    if has(n) && !again_ok {
        return Err(bad("step", "ALREADY_DONE", format!("第 {n} 步“{name}”已经记录过了；如果记错了，请先撤销原记录")));
    }
    if let Some(later) = steps.iter().map(|s| s.step).filter(|k| *k > n && !(extended && matches!(*k, 21..=24))).max() {
        return Err(bad("step", "OUT_OF_ORDER", format!("已经记录了第 {later} 步“{}”，不能再补记第 {n} 步", step_name(later))));
    }
    if let Some(prev) = steps.iter().filter(|s| s.step < n || (s.step == n && again_ok)).filter_map(|s| dates::parse(&s.date)).max() {
        if date < prev {
            return Err(bad("date", "BEFORE_PREVIOUS", format!("{name}的日期 {} 早于上一步的日期 {}，请核对", dates::iso(date), dates::iso(prev))));
        }
    }
    if has(10) && steps.iter().any(|s| s.step == 10 && s.passed == Some(false)) && n > 10 {
        return Err(bad("step", "FAILED_REVIEW", "政治审查结论为不合格，不能继续发展".into()));
    }
    let r = &DEV_2014;
    let mut warnings = Vec::new();
    let mut row = StepRow {
        person_id: p.id,
        step: n,
        date: dates::iso(date),
        actor: input.actor.clone().filter(|s| !s.trim().is_empty()),
        record: input.record.clone().filter(|s| !s.trim().is_empty()),
        doc_no: input.doc_no.clone().filter(|s| !s.trim().is_empty()),
        special: input.special,
        meeting_id: input.meeting_id,
        entered_by: actor.into(),
        ..Default::default()
    };
    // A vote linked to the 支部党员大会 recorded in 组织生活: its attendance gives 应到 and 实到 (有表决权的正式党员).
    let from_meeting = match (n, input.meeting_id) {
        (15 | 23, Some(mid)) => {
            let m = crate::meetings::meeting::detail(&tx, mid)?;
            if m.meeting.data.kind != "branch_assembly" || m.meeting.data.state != "held" {
                return Err(bad("meeting_id", "NOT_ASSEMBLY", "请选择已召开的支部党员大会".into()));
            }
            if m.meeting.data.date != row.date {
                warnings.push(format!("所选支部党员大会的日期是 {}，与本步骤日期 {} 不同，请核对", m.meeting.data.date, row.date));
            }
            m.quorum
        }
        _ => None,
    };
    let check_vote = |v: &Option<VoteInput>| -> Result<(VoteInput, rules::Vote)> {
        let mut v = v.clone().ok_or_else(|| bad("vote", "REQUIRED", "请填写支部大会的表决情况（应到、实到、赞成、反对、弃权）".into()))?;
        if let Some(q) = &from_meeting {
            if v.expected == 0 {
                v.expected = q.voting;
            }
            if v.present == 0 {
                v.present = q.present_voting;
            }
        }
        let result = rules::vote(v.expected, v.present, v.yes, v.written_yes, v.no, v.abstain)?;
        if !result.quorate {
            return Err(bad("vote.present", "NO_QUORUM", format!("实到有表决权的正式党员 {} 人，没有超过应到 {} 人的半数，会议不能进行表决", v.present, v.expected)));
        }
        Ok((v, result))
    };
    match n {
        2 => {
            if let Some(due) = date_of(1).map(|d| dates::add_months(d, r.talk_months)) {
                if date > due {
                    warnings.push(format!("谈话晚于期限 {}（收到申请书后 {} 个月内派人谈话）", dates::iso(due), r.talk_months));
                }
            }
        }
        5 | 9 => {
            let (min, max, who) = if n == 5 { (1, 2, "培养联系人") } else { (2, 2, "入党介绍人") };
            if input.people.len() < min || input.people.len() > max {
                let want = if min == max { format!(" {min} 名") } else { format!(" {min}—{max} 名") };
                return Err(bad("people", "PEOPLE_COUNT", format!("{who}应为{want}正式党员")));
            }
            let mut errs = Vec::new();
            for id in &input.people {
                if let Err(why) = full_member_on(&tx, *id, date)? {
                    errs.push(FieldError::new("people", "NOT_FULL_MEMBER", format!("{why}{who}（{who}须是正式党员）")));
                }
            }
            if !errs.is_empty() {
                return Err(Error::Invalid(errs));
            }
            row.people = input.people.clone();
        }
        6 => {
            let last = steps.iter().filter(|s| s.step == 3 || s.step == 6).filter_map(|s| dates::parse(&s.date)).max();
            if let Some(due) = last.map(|d| dates::add_months(d, r.review_months)) {
                if date > due {
                    warnings.push(format!("距上次考察已超过 {} 个月（应在 {} 前）", r.review_months, dates::iso(due)));
                }
            }
        }
        7 => {
            if let Some(earliest) = date_of(3).map(|d| dates::add_months(d, r.activist_months)) {
                if date < earliest {
                    return Err(bad(
                        "date",
                        "TOO_EARLY",
                        format!("确定为入党积极分子（{}）满一年后，才能确定为发展对象：最早 {}", date_of(3).map(dates::iso).unwrap_or_default(), dates::iso(earliest)),
                    ));
                }
            }
        }
        10 => {
            let passed = input.passed.ok_or_else(|| bad("passed", "REQUIRED", "请填写政治审查结论：合格或不合格".into()))?;
            row.passed = Some(passed);
        }
        11 => {
            let (d, h) = (input.training_days.unwrap_or(0), input.training_hours.unwrap_or(0));
            if !rules::training_enough(d, h, r) {
                return Err(bad("training_days", "TRAINING_SHORT", format!("集中培训应不少于 {} 天或 {} 学时（现在 {d} 天、{h} 学时）", r.training_days, r.training_hours)));
            }
            row.training_days = input.training_days;
            row.training_hours = input.training_hours;
        }
        12 => {
            let to = input.notice_to.as_deref().and_then(dates::parse_flexible).ok_or_else(|| bad("notice_to", "REQUIRED", "请填写公示的结束日期".into()))?;
            let (holidays, workdays) = super::config::get(&tx)?.dates();
            let days = dates::workdays_between(date, to, &holidays, &workdays);
            if days < r.notice_workdays {
                return Err(bad("notice_to", "NOTICE_SHORT", format!("公示期 {} 至 {} 只有 {days} 个工作日，应不少于 {} 个工作日", dates::iso(date), dates::iso(to), r.notice_workdays)));
            }
            row.notice_to = Some(dates::iso(to));
        }
        13 => {
            // 预审 comes after the 公示 has run its course.
            if let Some(end) = steps.iter().filter(|s| s.step == 12).filter_map(|s| s.notice_to.as_deref().and_then(dates::parse)).max() {
                if date <= end {
                    return Err(bad("date", "NOTICE_RUNNING", format!("公示期到 {} 结束，公示期满后才能报上级党委预审", dates::iso(end))));
                }
            }
        }
        15 => {
            let birth = p.birth_date.as_deref().and_then(dates::parse).ok_or_else(|| bad("birth_date", "REQUIRED", format!("请先补全{}的出生日期：支部大会当天须年满 {} 周岁", p.name, r.min_age)))?;
            if !rules::old_enough(birth, date, r) {
                return Err(bad("date", "UNDER_AGE", format!("{}在 {} 还未满 {} 周岁（{} 出生），不能接收为预备党员", p.name, dates::iso(date), r.min_age, dates::iso(birth))));
            }
            let (v, result) = check_vote(&input.vote)?;
            if !result.passed {
                return Err(bad("vote.yes", "NOT_PASSED", format!("赞成票 {} 票，没有超过应到会有表决权党员 {} 人的半数，不能接收为预备党员", v.yes + v.written_yes, v.expected)));
            }
            row.vote = Some(serde_json::to_string(&v)?);
        }
        17 | 24 => {
            let from = date_of(if n == 17 { 15 } else { 23 });
            let m = if input.special { r.approval_special_months } else { r.approval_months };
            if let Some(due) = from.map(|d| dates::add_months(d, m)) {
                if date > due {
                    warnings.push(format!("审批晚于期限 {}（支部大会后 {m} 个月内审批）", dates::iso(due)));
                }
            }
        }
        23 => {
            let outcome = input.outcome.clone().filter(|o| ["on_time", "extend", "cancel"].contains(&o.as_str()));
            let outcome = outcome.ok_or_else(|| bad("outcome", "REQUIRED", "请选择讨论结果：按期转正、延长预备期或取消预备党员资格".into()))?;
            let (v, result) = check_vote(&input.vote)?;
            if !result.passed {
                return Err(bad("vote.yes", "NOT_PASSED", format!("赞成票 {} 票，没有超过应到会有表决权党员 {} 人的半数，决议未通过", v.yes + v.written_yes, v.expected)));
            }
            if outcome == "extend" {
                let (_, ext) = acceptance(&steps);
                let k = input.extension_months.ok_or_else(|| bad("extension_months", "REQUIRED", "请填写延长的月数（6—12 个月）".into()))?;
                let mut all = ext.clone();
                all.push(k);
                rules::probation_end(date, &all, r)?;
                row.extension_months = Some(k);
            }
            row.vote = Some(serde_json::to_string(&v)?);
            row.outcome = Some(outcome);
        }
        _ => {}
    }
    let id = store::insert_step(&tx, &row)?;
    into_registry(&tx, actor, &p, &row, &steps, today)?;
    audit::record(&tx, actor, "create", "dev_step", Some(id), None::<&()>, Some(&serde_json::json!({ "person": p.name, "step": format!("第 {n} 步 {name}"), "date": row.date })))?;
    tx.commit()?;
    Ok(StepResult { person: show(conn, p.id, today)?, warnings })
}

/// What a step changes outside the pipeline: the accepting 支部大会 creates the 预备党员 in the registry (入党日期 =
/// the meeting date); an approved 按期转正 makes them 正式党员 with 转正日期 = 预备期满 even when approved later (C7);
/// 取消资格 ends the pipeline.
fn into_registry(tx: &Transaction, actor: &str, p: &store::PersonRow, row: &StepRow, before: &[StepRow], today: NaiveDate) -> Result<()> {
    match row.step {
        15 => {
            let data = MemberData {
                name: p.name.clone(),
                sex: p.sex.clone(),
                ethnicity: p.ethnicity.clone(),
                birth_date: p.birth_date.clone(),
                id_number: p.id_number.clone(),
                education: p.education.clone(),
                employer: p.employer.clone(),
                phone: p.phone.clone(),
                group_id: p.group_id,
                category: Some("probationary".into()),
                join_date: Some(row.date.clone()),
                ..Default::default()
            };
            let m = match p.member_id {
                Some(id) => {
                    let old = member::get_record(tx, id)?;
                    member::update_in(tx, actor, id, &MemberData { category: data.category, join_date: data.join_date, ..old.data }, None, today)?
                }
                None => member::create_in(tx, actor, &data, today)?,
            };
            store::set_member(tx, p.id, m.id)?;
        }
        23 if row.outcome.as_deref() == Some("cancel") => store::set_state(tx, p.id, "stopped", Some("支部大会决定取消预备党员资格"))?,
        24 => {
            let last23 = before.iter().filter(|s| s.step == 23).last();
            if last23.and_then(|s| s.outcome.as_deref()) == Some("on_time") {
                let (accepted, ext) = acceptance(before);
                let end = rules::probation_end(accepted.ok_or_else(|| bad("step", "OUT_OF_ORDER", "没有接收为预备党员的记录".into()))?, &ext, &DEV_2014)?;
                if let Some(id) = p.member_id {
                    let old = member::get_record(tx, id)?;
                    member::update_in(tx, actor, id, &MemberData { category: Some("full".into()), full_date: Some(dates::iso(end)), ..old.data }, None, today)?;
                }
                store::set_state(tx, p.id, "full", None)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// 撤销 the latest step entered by mistake, with the reason; it stays on file. The 支部大会 that accepted the person
/// and the 转正 approval changed 党员名册, so they are corrected there, not here.
pub fn void_step(conn: &mut Connection, actor: &str, id: i64, reason: &str, today: NaiveDate) -> Result<Person> {
    if reason.trim().is_empty() {
        return Err(bad("reason", "REQUIRED", "请填写撤销的原因（例如：日期记错了）".into()));
    }
    let tx = conn.transaction()?;
    let s = store::step(&tx, id)?.ok_or(Error::NotFound { entity: "dev_step", id })?;
    let p = store::person(&tx, s.person_id)?.ok_or(Error::NotFound { entity: "dev_person", id: s.person_id })?;
    let steps = store::person_steps(&tx, p.id)?;
    let latest = steps.iter().max_by_key(|x| (x.date.clone(), x.id)).map(|x| x.id);
    if latest != Some(id) {
        return Err(bad("id", "NOT_LATEST", "只能撤销最近记录的一步；更早的步骤请先撤销其后的步骤".into()));
    }
    if s.step == 1 {
        return Err(bad("id", "FIRST_STEP", "递交入党申请书是这条记录的起点，不能撤销；不再发展请点“停止发展”".into()));
    }
    if matches!(s.step, 15 | 24) && p.member_id.is_some() {
        return Err(bad("id", "IN_REGISTRY", format!("第 {} 步已写入党员名册，不能在这里撤销；请在“党员名册”中更正{}的记录", s.step, p.name)));
    }
    store::void_step(&tx, id, reason.trim())?;
    if s.step == 23 && s.outcome.as_deref() == Some("cancel") {
        store::set_state(&tx, p.id, "active", None)?;
    }
    audit::record(&tx, actor, "void", "dev_step", Some(id), None::<&()>, Some(&serde_json::json!({ "person": p.name, "step": format!("第 {} 步 {}", s.step, step_name(s.step)), "date": s.date, "reason": reason.trim() })))?;
    tx.commit()?;
    show(conn, p.id, today)
}

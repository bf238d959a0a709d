//! The year's 民主评议: opened with the branch's 正式 and 预备党员 as participants, its steps dated, the 测评 votes
//! per member, the 组织评定 grade with the C12 cap (over it only with a reason; 预备党员 are never graded), and the
//! 组织处置 of a member graded 不合格.
use super::rules::{excellent_max, grade_name, ACTIONS, CORRECTION_MONTHS, CORRECTION_USUAL_MONTHS, STEPS};
use super::store::{self, ActionRow, AppraisalRow};
use crate::kernel::dates::{self, iso};
use crate::kernel::error::{Error, Result};
use crate::kernel::form::{text, Form};
use crate::store::audit;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "AppraisalStep")]
pub struct Step {
    pub key: String,
    pub name: String,
    pub date: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct Votes {
    pub excellent: u32,
    pub good: u32,
    pub basic: u32,
    pub poor: u32,
    /// 废票.
    pub spoiled: u32,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "AppraisalEntry")]
pub struct Entry {
    pub member_id: i64,
    pub name: String,
    /// 预备党员: takes part, 不定等次.
    pub probationary: bool,
    pub votes: Option<Votes>,
    /// 有效票 = the four grades.
    pub valid: Option<u32>,
    /// 优秀率 of the valid votes, e.g. "62.5%".
    pub excellent_rate: Option<String>,
    pub grade: Option<String>,
    pub grade_name: Option<String>,
    pub opinion: Option<String>,
    pub cap_reason: Option<String>,
    /// A reason for a 管理类型 re-classification that follows from the grade.
    pub class_reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "AppraisalAction")]
pub struct Action {
    pub id: i64,
    pub member_id: i64,
    pub name: String,
    pub kind: String,
    pub kind_name: String,
    pub decided_on: String,
    pub months: Option<i32>,
    pub ends_on: Option<String>,
    pub matter: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Appraisal {
    pub id: i64,
    pub year: i32,
    pub meeting_id: Option<i64>,
    /// The 组织生活 meeting, in words.
    pub meeting: Option<String>,
    pub steps: Vec<Step>,
    pub note: Option<String>,
    /// N of C12: 正式党员 taking part.
    pub full_members: u32,
    pub excellent_max: u32,
    pub excellent_count: u32,
    pub entries: Vec<Entry>,
    pub actions: Vec<Action>,
    /// Warnings of the last change (over the cap …).
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(rename = "AppraisalInput")]
pub struct AppraisalInput {
    pub year: i32,
    pub meeting_id: Option<i64>,
    /// Step key → date (empty: not yet).
    #[ts(type = "Record<string, string>")]
    pub steps: BTreeMap<String, String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct TallyInput {
    pub member_id: i64,
    /// None clears the tally.
    pub votes: Option<Votes>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct GradeInput {
    pub member_id: i64,
    /// excellent, good, basic, poor; empty clears.
    pub grade: Option<String>,
    /// 支委会意见.
    pub opinion: Option<String>,
    /// Why 优秀 goes over ⌊N/3⌋.
    pub cap_reason: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(rename = "AppraisalActionInput")]
pub struct ActionInput {
    pub member_id: i64,
    /// correct (限期改正), persuade (劝其退党), remove (除名).
    pub kind: String,
    pub decided_on: String,
    /// 限期改正 months (6 usual, at most 12).
    pub months: Option<i32>,
    /// The matter found 不合格.
    pub matter: String,
    /// The same matter already carries a 党纪处分: no 组织处置 then.
    pub already_punished: bool,
    pub note: Option<String>,
}

fn view(conn: &Connection, a: &AppraisalRow, warnings: Vec<String>) -> Result<Appraisal> {
    let cards = crate::members::store::activity::cards(conn)?;
    let names = crate::members::store::activity::display_names(conn)?;
    let mut rows = store::entries(conn, a.id)?;
    // 姓氏笔画 order, as the registry prints it.
    rows.sort_by_key(|e| (cards.get(&e.member_id).and_then(|c| c.stroke_key.clone()), e.member_id));
    let entries: Vec<Entry> = rows
        .iter()
        .map(|e| {
            let votes = e.votes.map(|v| Votes { excellent: v[0], good: v[1], basic: v[2], poor: v[3], spoiled: v[4] });
            let valid = e.votes.map(|v| v[0] + v[1] + v[2] + v[3]);
            let grade_name = e.grade.as_deref().and_then(grade_name).map(str::to_string);
            Entry {
                member_id: e.member_id,
                name: names.get(&e.member_id).cloned().unwrap_or_default(),
                probationary: e.probationary,
                excellent_rate: match (e.votes, valid) {
                    (Some(v), Some(n)) if n > 0 => Some(format!("{:.1}%", v[0] as f64 * 100.0 / n as f64)),
                    _ => None,
                },
                votes,
                valid,
                class_reason: grade_name.as_ref().map(|g| format!("{} 年度民主评议评定为{g}", a.year)),
                grade: e.grade.clone(),
                grade_name,
                opinion: e.opinion.clone(),
                cap_reason: e.cap_reason.clone(),
            }
        })
        .collect();
    let full_members = entries.iter().filter(|e| !e.probationary).count() as u32;
    let excellent_count = entries.iter().filter(|e| e.grade.as_deref() == Some("excellent")).count() as u32;
    let actions = store::actions(conn, a.id)?
        .into_iter()
        .map(|x| Action {
            id: x.id,
            member_id: x.member_id,
            name: names.get(&x.member_id).cloned().unwrap_or_default(),
            kind_name: ACTIONS.iter().find(|(k, _)| *k == x.kind).map_or("", |(_, n)| n).to_string(),
            kind: x.kind,
            decided_on: x.decided_on,
            months: x.months,
            ends_on: x.ends_on,
            matter: x.matter,
            note: x.note,
        })
        .collect();
    let meeting = match a.meeting_id {
        Some(id) => crate::meetings::meeting::get(conn, id).ok().map(|m| format!("{} {}：{}", m.data.date, m.kind_name, m.data.topic)),
        None => None,
    };
    Ok(Appraisal {
        id: a.id,
        year: a.year,
        meeting_id: a.meeting_id,
        meeting,
        steps: STEPS.iter().map(|(k, n)| Step { key: k.to_string(), name: n.to_string(), date: a.steps.get(*k).cloned() }).collect(),
        note: a.note.clone(),
        full_members,
        excellent_max: excellent_max(full_members),
        excellent_count,
        entries,
        actions,
        warnings,
    })
}

/// The years with an appraisal, newest first.
pub fn years(conn: &Connection) -> Result<Vec<i32>> {
    store::years(conn)
}

/// Whether the year's appraisal was opened.
pub fn opened(conn: &Connection, year: i32) -> Result<bool> {
    Ok(store::by_year(conn, year)?.is_some())
}

/// The appraisal of a year, if it was opened.
pub fn show(conn: &Connection, year: i32) -> Result<Option<Appraisal>> {
    match store::by_year(conn, year)? {
        Some(a) => Ok(Some(view(conn, &a, Vec::new())?)),
        None => Ok(None),
    }
}

fn by_id(conn: &Connection, id: i64) -> Result<AppraisalRow> {
    store::get(conn, id)?.ok_or(Error::NotFound { entity: "appraisal", id })
}

fn check(conn: &Connection, input: &AppraisalInput, f: &mut Form) -> Result<(Option<i64>, BTreeMap<String, String>, Option<String>)> {
    if let Some(id) = input.meeting_id {
        if crate::meetings::meeting::get(conn, id).is_err() {
            f.error("meeting_id", "NOT_FOUND", "所选会议不存在，请重新选择");
        }
    }
    let mut steps = BTreeMap::new();
    let mut last: Option<(NaiveDate, &str)> = None;
    for (k, name) in STEPS {
        let Some(v) = input.steps.get(k).map(|s| s.trim()).filter(|s| !s.is_empty()) else { continue };
        // A step may be planned ahead: its date is any real date, in order.
        if let Some(d) = f.any_date(&format!("steps.{k}"), &format!("{name}日期"), &Some(v.to_string())) {
            if let Some((p, pn)) = last {
                if d < p {
                    f.error(&format!("steps.{k}"), "OUT_OF_ORDER", format!("{name}日期不能早于{pn}日期 {}", iso(p)));
                }
            }
            last = Some((d, name));
            steps.insert(k.to_string(), iso(d));
        }
    }
    for k in input.steps.keys() {
        if !STEPS.iter().any(|(s, _)| s == k) {
            f.error("steps", "UNKNOWN_CODE", format!("“{k}”不是民主评议的步骤"));
        }
    }
    let note = f.optional("note", "备注", &input.note, 500);
    Ok((input.meeting_id, steps, note))
}

/// Opens the year's appraisal with every member in good standing as participant (预备党员 marked).
pub fn open(conn: &mut Connection, actor: &str, input: &AppraisalInput) -> Result<Appraisal> {
    let mut f = Form::new();
    if !(2000..=2100).contains(&input.year) {
        f.error("year", "BAD_YEAR", "请选择评议年度，例如 2026");
    } else if store::by_year(conn, input.year)?.is_some() {
        f.error("year", "DUPLICATE", format!("{} 年度的民主评议已经建立", input.year));
    }
    let (meeting_id, steps, note) = check(conn, input, &mut f)?;
    f.finish()?;
    let members = crate::members::store::records(conn, true)?;
    if members.is_empty() {
        return Err(Error::invalid("year", "NO_MEMBERS", "名册里还没有在册党员，无法开展民主评议"));
    }
    let tx = conn.transaction()?;
    let row = AppraisalRow { id: 0, year: input.year, meeting_id, steps, note };
    let id = store::insert(&tx, &row)?;
    for m in &members {
        store::insert_entry(&tx, id, m.id, m.data.category.as_deref() == Some("probationary"))?;
    }
    audit::record(&tx, actor, "create", "appraisal", Some(id), None::<&()>, Some(&serde_json::json!({ "年度": input.year, "参评人数": members.len() })))?;
    tx.commit()?;
    view(conn, &by_id(conn, id)?, Vec::new())
}

/// Changes the steps' dates, the meeting or the note.
pub fn update(conn: &mut Connection, actor: &str, id: i64, input: &AppraisalInput) -> Result<Appraisal> {
    let before = by_id(conn, id)?;
    let mut f = Form::new();
    let (meeting_id, steps, note) = check(conn, input, &mut f)?;
    f.finish()?;
    let tx = conn.transaction()?;
    let after = AppraisalRow { meeting_id, steps, note, ..before.clone() };
    store::update(&tx, &after)?;
    audit::record(&tx, actor, "update", "appraisal", Some(id), Some(&before), Some(&after))?;
    tx.commit()?;
    view(conn, &after, Vec::new())
}

/// 测评 tallies of several members at once, all or nothing. Every member's ballots should add up to the same
/// number of voters: a different total is said (a miscount), not refused.
pub fn tally(conn: &mut Connection, actor: &str, id: i64, rows: &[TallyInput]) -> Result<Appraisal> {
    let a = by_id(conn, id)?;
    let entries: HashMap<i64, store::EntryRow> = store::entries(conn, id)?.into_iter().map(|e| (e.member_id, e)).collect();
    let names = crate::members::store::activity::display_names(conn)?;
    let mut f = Form::new();
    for r in rows {
        if !entries.contains_key(&r.member_id) {
            f.error("member_id", "NOT_PARTICIPANT", format!("编号 {} 的党员不在 {} 年度参评名单中", r.member_id, a.year));
        } else if let Some(v) = &r.votes {
            if [v.excellent, v.good, v.basic, v.poor, v.spoiled].iter().any(|n| *n > 9999) {
                f.error("votes", "OUT_OF_RANGE", format!("{}的票数太大，请核对", names.get(&r.member_id).cloned().unwrap_or_default()));
            }
        }
    }
    f.finish()?;
    let tx = conn.transaction()?;
    for r in rows {
        let v = r.votes.as_ref().map(|v| [v.excellent, v.good, v.basic, v.poor, v.spoiled]);
        store::set_votes(&tx, id, r.member_id, v)?;
    }
    audit::record(&tx, actor, "tally", "appraisal", Some(id), None::<&()>, Some(&serde_json::json!({ "年度": a.year, "登记票数人数": rows.len() })))?;
    tx.commit()?;
    let mut totals: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    for e in store::entries(conn, id)? {
        if let Some(v) = e.votes {
            totals.entry(v.iter().sum()).or_default().push(names.get(&e.member_id).cloned().unwrap_or_default());
        }
    }
    let mut warnings = Vec::new();
    if totals.len() > 1 {
        let usual = totals.iter().max_by_key(|(_, v)| v.len()).map(|(k, _)| *k).unwrap_or(0);
        for (n, who) in &totals {
            if *n != usual {
                warnings.push(format!("{}的票数合计 {n} 张，与多数人的 {usual} 张不同，请核对", who.join("、")));
            }
        }
    }
    view(conn, &a, warnings)
}

/// 组织评定: one member's grade. 预备党员 are not graded; 优秀 over ⌊N/3⌋ needs a reason and is warned.
pub fn grade(conn: &mut Connection, actor: &str, id: i64, input: &GradeInput) -> Result<Appraisal> {
    let a = by_id(conn, id)?;
    let entries = store::entries(conn, id)?;
    let Some(e) = entries.iter().find(|e| e.member_id == input.member_id) else {
        return Err(Error::invalid("member_id", "NOT_PARTICIPANT", format!("这名党员不在 {} 年度参评名单中", a.year)));
    };
    let name = crate::members::store::activity::name(conn, e.member_id)?.unwrap_or_default();
    let grade = text(&input.grade);
    if let Some(g) = &grade {
        if grade_name(g).is_none() {
            return Err(Error::invalid("grade", "UNKNOWN_CODE", "请选择评定等次：优秀、合格、基本合格或不合格"));
        }
        if e.probationary {
            return Err(Error::invalid("grade", "PROBATIONARY", format!("{name}是预备党员，参加评议但不确定等次（在转正时一并考察）")));
        }
    }
    let mut f = Form::new();
    let opinion = f.optional("opinion", "支委会意见", &input.opinion, 200);
    let cap_reason = f.optional("cap_reason", "超出比例的理由", &input.cap_reason, 200);
    let full = entries.iter().filter(|x| !x.probationary).count() as u32;
    let cap = excellent_max(full);
    let others = entries.iter().filter(|x| x.member_id != e.member_id && x.grade.as_deref() == Some("excellent")).count() as u32;
    let mut warnings = Vec::new();
    if grade.as_deref() == Some("excellent") && others + 1 > cap {
        let msg = format!("优秀名额为正式党员数的三分之一以内：{full} 名正式党员最多 {cap} 名优秀，评定{name}后为 {} 名", others + 1);
        if cap_reason.is_none() {
            f.error("cap_reason", "OVER_CAP", format!("{msg}。确需超出的，请填写理由"));
        } else {
            warnings.push(format!("{msg}（已说明理由）"));
        }
    }
    f.finish()?;
    // 优秀 without the votes to show for it is allowed (the 支委会 decides) but said.
    if grade.as_deref() == Some("excellent") {
        match e.votes {
            None => warnings.push(format!("{name}还没有登记测评票数，评定以组织评定为准，请补登票数")),
            Some(v) if v[0] == 0 => warnings.push(format!("{name}的民主测评没有优秀票，评为优秀请在支委会意见中写明理由")),
            _ => {}
        }
    }
    let tx = conn.transaction()?;
    let cap_reason = if grade.as_deref() == Some("excellent") { cap_reason } else { None };
    store::set_grade(&tx, id, e.member_id, grade.as_deref(), opinion.as_deref(), cap_reason.as_deref())?;
    audit::record(
        &tx,
        actor,
        "grade",
        "appraisal",
        Some(id),
        Some(&serde_json::json!({ "党员": name, "等次": e.grade.as_deref().and_then(grade_name) })),
        Some(&serde_json::json!({ "党员": name, "等次": grade.as_deref().and_then(grade_name), "超出比例的理由": cap_reason })),
    )?;
    tx.commit()?;
    view(conn, &a, warnings)
}

/// 组织处置 of a member graded 不合格: 限期改正 with its end date, 劝其退党 or 除名 — not for a matter that already
/// carries a 党纪处分.
pub fn act(conn: &mut Connection, actor: &str, id: i64, input: &ActionInput, today: NaiveDate) -> Result<Appraisal> {
    let a = by_id(conn, id)?;
    let e = store::entries(conn, id)?.into_iter().find(|e| e.member_id == input.member_id);
    let name = crate::members::store::activity::name(conn, input.member_id)?.unwrap_or_default();
    if e.as_ref().and_then(|e| e.grade.as_deref()) != Some("poor") {
        return Err(Error::invalid("member_id", "NOT_POOR", format!("只有评定为“不合格”的党员才作组织处置；{name}不是")));
    }
    if input.already_punished {
        return Err(Error::invalid("already_punished", "PUNISHED", "同一问题已受党纪处分的，不再作组织处置"));
    }
    let mut f = Form::new();
    let kind = input.kind.trim();
    if !ACTIONS.iter().any(|(k, _)| *k == kind) {
        f.error("kind", "UNKNOWN_CODE", "请选择处置方式：限期改正、劝其退党或除名");
    }
    let decided = f.date("decided_on", "处置决定日期", &input.decided_on, today);
    // A 处置 follows the appraisal it acts on: not before its 民主测评 (or 组织评定, when dated).
    for (key, what) in [("decide", "组织评定"), ("vote", "民主测评")] {
        if let (Some(d), Some(step)) = (decided, a.steps.get(key).cloned()) {
            if iso(d) < step {
                f.error("decided_on", "BEFORE_APPRAISAL", format!("处置决定日期不能早于{what}日期 {step}，请核对"));
                break;
            }
        }
    }
    let matter = f.required("matter", "不合格的主要问题", &input.matter, 300);
    let note = f.optional("note", "备注", &input.note, 300);
    let months = if kind == "correct" {
        let m = input.months.unwrap_or(CORRECTION_USUAL_MONTHS);
        if !CORRECTION_MONTHS.contains(&m) {
            f.error("months", "OUT_OF_RANGE", "限期改正一般为 6 个月，最长不超过 12 个月");
        }
        Some(m)
    } else {
        None
    };
    f.finish()?;
    let decided = decided.unwrap_or(today);
    let row = ActionRow {
        id: 0,
        appraisal_id: id,
        member_id: input.member_id,
        kind: kind.into(),
        decided_on: iso(decided),
        months,
        ends_on: months.map(|m| iso(dates::add_months(decided, m))),
        matter,
        note,
    };
    let tx = conn.transaction()?;
    let aid = store::insert_action(&tx, &row, actor)?;
    audit::record(&tx, actor, "create", "appraisal_action", Some(aid), None::<&ActionRow>, Some(&row))?;
    // 劝其退党 and 除名 end the membership through the registry's 党籍 change (出党: 劝退 or 除名).
    if kind == "persuade" || kind == "remove" {
        let change = crate::members::member::StatusChange {
            status: "out".into(),
            kind: Some(if kind == "persuade" { "persuaded" } else { "removed" }.into()),
            date: row.decided_on.clone(),
            reason: format!("{} 年度民主评议评定为不合格，组织处置：{}。问题：{}", a.year, if kind == "persuade" { "劝其退党" } else { "除名" }, row.matter),
            destination: None,
        };
        crate::members::member::change_status_in(&tx, actor, input.member_id, &change)?;
    }
    tx.commit()?;
    view(conn, &a, Vec::new())
}

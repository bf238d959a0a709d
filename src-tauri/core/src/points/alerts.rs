//! 约谈提醒: who needs a talk (the month's 末位 three months running, a net deduction three months running, a
//! 预备党员 with a deduction) and the talks recorded against an alert.
use super::config;
use super::month::{month_table, parse_month, MonthRow, MonthTable, TableRequest};
use super::store;
use super::tenths::{show, to_tenths};
use crate::kernel::dates;
use crate::kernel::error::{Error, FieldError, Result};
use crate::store::audit;

use chrono::{Datelike, Months, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Talk {
    pub id: i64,
    pub member_id: i64,
    pub alert_month: String,
    pub date: String,
    pub talked_by: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Alert {
    pub member_id: i64,
    pub name: String,
    pub group_name: String,
    /// bottom: the lowest 本月得分 three months running; deduction: a net deduction in each of three months running;
    /// below: under the 合格 line three months running (only a branch on its old scheme); probationary: a 预备党员
    /// with a net deduction this month, for the 转正 review.
    pub kind: &'static str,
    pub reason: String,
    /// (month, 本月得分) for the three months, oldest first.
    pub scores: Vec<(String, f64)>,
    pub talk: Option<Talk>,
}

/// The most members that can share the last place and still each be 末位.
pub const BOTTOM_TIE_MAX: usize = 3;

fn month_before(y: i32, m: u32, back: u32) -> (i32, u32) {
    let d = NaiveDate::from_ymd_opt(y, m, 1).and_then(|d| d.checked_sub_months(Months::new(back))).unwrap_or_default();
    (d.year(), d.month())
}

/// Who needs a talk for `month` (domain.md section 7): the bottom of the month's ranking by 本月得分 three months
/// running, or a net deduction in each of three months running, and a 预备党员 with a net deduction this month (for
/// the 转正 review). The year-to-date score against the 合格 line is a year-end tier, not a monthly alarm — one −0.5
/// in January must not keep a member on the list all year — except in a branch still on its old scheme (基础分 100),
/// which keeps the alarm it had. A talk recorded for the month clears the member's alert.
pub fn alerts(conn: &Connection, month: &str) -> Result<Vec<Alert>> {
    let (y, m) = parse_month(month)?;
    let settings = config::get(conn)?;
    let pass = settings.pass;
    let legacy = settings.scheme != "hundred";
    let tables: Vec<MonthTable> = (0..3)
        .rev()
        .map(|back| {
            let (yy, mm) = month_before(y, m, back);
            month_table(conn, &TableRequest { month: format!("{yy:04}-{mm:02}"), ..Default::default() })
        })
        .collect::<Result<_>>()?;
    // Per month: each member's row, the lowest 本月得分, how many share it and the highest, so each lookup is O(1).
    struct Month<'a> {
        by_member: HashMap<i64, &'a MonthRow>,
        worst: i64,
        at_worst: usize,
        best: i64,
    }
    let months: Vec<Month> = tables
        .iter()
        .map(|t| {
            let scores: Vec<i64> = t.rows.iter().map(|r| to_tenths(r.month_total)).collect();
            let worst = scores.iter().copied().min().unwrap_or(0);
            Month {
                by_member: t.rows.iter().map(|r| (r.member_id, r)).collect(),
                worst,
                at_worst: scores.iter().filter(|s| **s == worst).count(),
                best: scores.iter().copied().max().unwrap_or(0),
            }
        })
        .collect();
    // 末位: the lowest 本月得分, below the month's best (a month where everyone scored the same has no bottom), and not
    // a tie shared by many (twenty members with the same score are not twenty alerts).
    let bottom = |m: &Month, id: i64| {
        m.at_worst <= BOTTOM_TIE_MAX && m.by_member.get(&id).is_some_and(|r| to_tenths(r.month_total) == m.worst && m.worst < m.best)
    };
    let deducted = |m: &Month, id: i64| m.by_member.get(&id).is_some_and(|r| to_tenths(r.month_total) < 0);
    let this = &tables[2];
    let mut out = Vec::new();
    let month = this.month.clone();
    for r in &this.rows {
        // Only the months the member was in the branch: a member entered last month has no three months yet.
        let scores: Vec<(String, f64)> =
            tables.iter().zip(&months).filter_map(|(t, m)| m.by_member.get(&r.member_id).map(|row| (t.month.clone(), row.month_total))).collect();
        let three = scores.len() == 3;
        let last = three && months.iter().all(|m| bottom(m, r.member_id));
        let minus = three && months.iter().all(|m| deducted(m, r.member_id));
        let below = legacy
            && three
            && tables.iter().zip(&months).all(|(_, m)| m.by_member.get(&r.member_id).is_some_and(|row| row.year_total < pass));
        let (kind, reason) = if last && minus {
            ("deduction", "连续三个月本月得分排名末位，且每月都有扣分".to_string())
        } else if last {
            ("bottom", "连续三个月本月得分排名末位".to_string())
        } else if minus {
            ("deduction", "连续三个月每月都有扣分（本月得分为负）".to_string())
        } else if below {
            ("below", format!("连续三个月年度累计积分低于{}分", show(to_tenths(pass))))
        } else if r.probationary && to_tenths(r.month_total) < 0 {
            ("probationary", format!("预备党员本月有扣分（{}分），转正考察时请重点了解", show(to_tenths(r.month_total))))
        } else {
            continue;
        };
        let talk = store::latest_talk(conn, r.member_id, &month)?;
        out.push(Alert { member_id: r.member_id, name: r.name.clone(), group_name: r.group_name.clone(), kind, reason, scores, talk });
    }
    Ok(out)
}

#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct TalkInput {
    pub member_id: i64,
    /// The month whose alert the talk answers, YYYY-MM.
    pub alert_month: String,
    pub date: String,
    pub talked_by: String,
    pub note: Option<String>,
}

pub fn record_talk(conn: &mut Connection, actor: &str, input: &TalkInput) -> Result<Talk> {
    let (y, m) = parse_month(&input.alert_month)?;
    let mut errs = Vec::new();
    let date = dates::parse_flexible(&input.date);
    match date {
        None => errs.push(FieldError::new("date", "BAD_DATE", "请填写约谈日期，例如 2026-11-20")),
        Some(d) if d > dates::today() => errs.push(FieldError::new("date", "FUTURE_DATE", "约谈日期不能晚于今天")),
        _ => {}
    }
    let by = input.talked_by.trim();
    if by.is_empty() {
        errs.push(FieldError::new("talked_by", "REQUIRED", "请填写约谈人，例如“张建国（书记）”"));
    }
    if !errs.is_empty() {
        return Err(Error::Invalid(errs));
    }
    let tx = conn.transaction()?;
    crate::members::member::get_record(&tx, input.member_id)?;
    let note = input.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    let month = format!("{y:04}-{m:02}");
    let day = dates::iso(date.unwrap_or_default());
    let id = store::insert_talk(&tx, input.member_id, &month, &day, by, note)?;
    let talk = Talk { id, member_id: input.member_id, alert_month: month, date: day, talked_by: by.to_string(), note: note.map(str::to_string) };
    audit::record(&tx, actor, "create", "point_talk", Some(talk.id), None::<&()>, Some(&talk))?;
    tx.commit()?;
    Ok(talk)
}

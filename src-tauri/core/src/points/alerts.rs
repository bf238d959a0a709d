//! 约谈提醒: who needs a talk (末位 three months running, under the 合格 line, a 预备党员 under it) and the talks
//! recorded against an alert.
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
    /// bottom: 末位 three months running; below: under the 合格 line three months running; probationary: a 预备党员
    /// under the line this month, for the 转正 review.
    pub kind: &'static str,
    pub reason: String,
    /// (month, 年度累计) for the three months, oldest first.
    pub scores: Vec<(String, f64)>,
    pub talk: Option<Talk>,
}

/// The most members that can share the last place and still each be 末位.
pub const BOTTOM_TIE_MAX: usize = 3;

fn month_before(y: i32, m: u32, back: u32) -> (i32, u32) {
    let d = NaiveDate::from_ymd_opt(y, m, 1).and_then(|d| d.checked_sub_months(Months::new(back))).unwrap_or_default();
    (d.year(), d.month())
}

/// Who needs a talk for `month`: the table's bottom three months running, anyone under the 合格 line three months
/// running, and 预备党员 under the line this month. A talk recorded for the month clears the member's alert.
pub fn alerts(conn: &Connection, month: &str) -> Result<Vec<Alert>> {
    let (y, m) = parse_month(month)?;
    let pass = config::get(conn)?.pass;
    let tables: Vec<MonthTable> = (0..3)
        .rev()
        .map(|back| {
            let (yy, mm) = month_before(y, m, back);
            month_table(conn, &TableRequest { month: format!("{yy:04}-{mm:02}"), ..Default::default() })
        })
        .collect::<Result<_>>()?;
    // Per month: each member's (rank, score), the last rank, how many share it and the best score, so each lookup
    // is O(1).
    struct Month<'a> {
        by_member: HashMap<i64, &'a MonthRow>,
        worst: u32,
        at_worst: usize,
        best: f64,
    }
    let months: Vec<Month> = tables
        .iter()
        .map(|t| {
            let worst = t.rows.iter().map(|r| r.rank).max().unwrap_or(0);
            Month {
                by_member: t.rows.iter().map(|r| (r.member_id, r)).collect(),
                worst,
                at_worst: t.rows.iter().filter(|r| r.rank == worst).count(),
                best: t.rows.iter().map(|r| r.year_total).fold(f64::MIN, f64::max),
            }
        })
        .collect();
    // 末位: the last rank, not tied with the best (a branch where everyone is equal has no bottom), and not a tie
    // shared by many (twenty members with the same score are not twenty alerts; the 合格 line still catches them).
    let bottom = |m: &Month, id: i64| {
        m.at_worst <= BOTTOM_TIE_MAX && m.by_member.get(&id).is_some_and(|r| r.rank == m.worst && r.year_total < m.best)
    };
    let this = &tables[2];
    let mut out = Vec::new();
    let month = this.month.clone();
    for r in &this.rows {
        let scores: Vec<(String, f64)> =
            tables.iter().zip(&months).filter_map(|(t, m)| m.by_member.get(&r.member_id).map(|row| (t.month.clone(), row.year_total))).collect();
        let three = scores.len() == 3;
        let last = three && months.iter().all(|m| bottom(m, r.member_id));
        let below = three && scores.iter().all(|s| s.1 < pass);
        // Both at once is said at once: the 合格 line is the weightier reason for the talk.
        let (kind, reason) = if last && below {
            ("below", format!("连续三个月积分排名末位，且年度累计低于{}分", show(to_tenths(pass))))
        } else if last {
            ("bottom", "连续三个月积分排名末位".to_string())
        } else if below {
            ("below", format!("连续三个月年度累计积分低于{}分", show(to_tenths(pass))))
        } else if r.probationary && r.year_total < pass {
            ("probationary", format!("预备党员积分低于{}分，转正考察时请重点了解", show(to_tenths(pass))))
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

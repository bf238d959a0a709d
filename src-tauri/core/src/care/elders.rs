//! 老党员: 新中国成立前入党, 高龄 (a setting), the 「光荣在党50年」纪念章 list of a year (C6: 党龄 from 转正日期,
//! alive and in the branch on 07-01) with 颁发日期 recorded, and 政治生日 — the 入党 anniversaries of a month.
use super::config;
use super::rules::{joined_before_1949, medal_year};
use super::store;
use crate::kernel::dates::{self, iso};
use crate::kernel::error::{Error, Result};
use crate::kernel::form::Form;
use crate::members::member::MemberRecord;
use crate::store::audit;
use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Elder {
    pub member_id: i64,
    pub name: String,
    pub sex: Option<String>,
    pub age: Option<i32>,
    /// C6, from 转正日期.
    pub party_years: Option<i32>,
    pub join_date: Option<String>,
    pub full_date: Option<String>,
    pub before_1949: bool,
    /// 高龄 (≥ the setting).
    pub old: bool,
    pub address: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct MedalRow {
    pub member_id: i64,
    pub name: String,
    pub full_date: String,
    pub age: Option<i32>,
    /// 党龄 on 07-01 of the year.
    pub party_years: i32,
    /// The 七一 the medal is due at (medal_year).
    pub due_year: i32,
    /// Due in an earlier year and not yet issued: 补发.
    pub late: bool,
    pub issued_on: Option<String>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Medals {
    pub year: i32,
    pub rows: Vec<MedalRow>,
    /// Members in good standing without a 转正日期, who cannot be checked (预备党员 excluded).
    pub unknown: Vec<String>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Birthday {
    pub member_id: i64,
    pub name: String,
    pub join_date: String,
    /// 入党 N 周年 this year.
    pub years: i32,
}

fn july_first(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 7, 1).expect("07-01 exists")
}

fn elder(m: &MemberRecord, name: &str, old_age: i32, today: NaiveDate) -> Elder {
    let age = m.data.birth_date.as_deref().and_then(dates::parse).map(|b| dates::age_at(b, today));
    let join = m.data.join_date.as_deref().and_then(dates::parse);
    Elder {
        member_id: m.id,
        name: name.to_string(),
        sex: m.data.sex.clone(),
        age,
        party_years: m.data.full_date.as_deref().and_then(dates::parse).map(|f| dates::age_at(f, today)),
        join_date: m.data.join_date.clone(),
        full_date: m.data.full_date.clone(),
        before_1949: join.is_some_and(joined_before_1949),
        old: age.is_some_and(|a| a >= old_age),
        address: m.data.address.clone(),
        phone: m.data.phone.clone(),
    }
}

/// 老党员 in good standing: 高龄 or 新中国成立前入党, oldest first.
pub fn elders(conn: &Connection, today: NaiveDate) -> Result<Vec<Elder>> {
    let old_age = config::get(conn)?.old_age;
    let names = crate::members::store::activity::display_names(conn)?;
    // 高龄 on `today` means born on or before about the day `old_age` years back (C5); a few days' margin for month
    // ends, the exact age is counted below.
    let born_by = dates::iso(dates::add_months(today, -12 * old_age) + chrono::Duration::days(3));
    let mut out: Vec<Elder> = crate::members::store::elder_records(conn, &born_by)?.iter().map(|m| elder(m, names.get(&m.id).map_or(&m.data.name, |n| n), old_age, today)).filter(|e| e.old || e.before_1949).collect();
    out.sort_by(|a, b| b.age.cmp(&a.age).then(a.name.cmp(&b.name)));
    Ok(out)
}

/// Whether the member was still alive and in the branch on `day`: in good standing, or left after it.
fn in_branch_on(m: &MemberRecord, day: NaiveDate) -> bool {
    m.status == "normal" || m.status_date.as_deref().and_then(dates::parse).is_some_and(|d| d > day)
}

/// The medal list of `year`: whose 党龄 reaches 50 by its 07-01 (due that year), and those due earlier and never
/// issued (补发, if still in the branch).
pub fn medals(conn: &Connection, year: i32) -> Result<Medals> {
    let issued = store::medals(conn)?;
    let names = crate::members::store::activity::display_names(conn)?;
    let july = july_first(year);
    let mut rows = Vec::new();
    let mut unknown = Vec::new();
    // add_months(full, 600) ≤ Y-07-01 exactly when full ≤ (Y−50)-07-01: older 转正 dates only (and those missing).
    for m in crate::members::store::full_by(conn, &format!("{:04}-07-01", year - 50))? {
        let Some(full) = m.data.full_date.as_deref().and_then(dates::parse) else {
            if m.status == "normal" && m.data.category.as_deref() != Some("probationary") {
                unknown.push(names.get(&m.id).cloned().unwrap_or_else(|| m.data.name.clone()));
            }
            continue;
        };
        let due = medal_year(full);
        let got = issued.get(&m.id);
        let got_this = got.filter(|(y, _)| *y == year);
        let include = (due == year && in_branch_on(&m, july)) || (due < year && m.status == "normal" && got.is_none()) || got_this.is_some();
        if !include {
            continue;
        }
        rows.push(MedalRow {
            member_id: m.id,
            name: names.get(&m.id).cloned().unwrap_or_else(|| m.data.name.clone()),
            full_date: iso(full),
            age: m.data.birth_date.as_deref().and_then(dates::parse).map(|b| dates::age_at(b, july)),
            party_years: dates::age_at(full, july),
            due_year: due,
            late: due < year,
            issued_on: got_this.map(|(_, d)| d.clone()),
        });
    }
    rows.sort_by(|a, b| a.full_date.cmp(&b.full_date));
    Ok(Medals { year, rows, unknown })
}

/// 颁发: records the 颁发日期 for members of the year's list.
pub fn issue_medals(conn: &mut Connection, actor: &str, year: i32, member_ids: &[i64], date: &str, today: NaiveDate) -> Result<Medals> {
    let list = medals(conn, year)?;
    let mut f = Form::new();
    let d = f.date("issued_on", "颁发日期", date, today);
    if member_ids.is_empty() {
        f.error("member_ids", "REQUIRED", "请勾选颁发纪念章的党员");
    }
    if let Some(day) = d {
        if day.year() < year {
            f.error("issued_on", "BAD_RANGE", format!("{year} 年的纪念章，颁发日期不能早于 {year} 年（一般在七一前后颁发）"));
        }
    }
    for id in member_ids {
        match list.rows.iter().find(|r| r.member_id == *id) {
            None => f.error("member_ids", "NOT_DUE", format!("编号 {id} 的党员不在 {year} 年纪念章名单中")),
            Some(r) if r.issued_on.is_some() => f.error("member_ids", "ALREADY_ISSUED", format!("{}已于 {} 颁发", r.name, r.issued_on.clone().unwrap_or_default())),
            _ => {}
        }
    }
    f.finish()?;
    let d = iso(d.unwrap_or(today));
    let tx = conn.transaction()?;
    for id in member_ids {
        store::insert_medal(&tx, *id, year, &d, actor)?;
        audit::record(&tx, actor, "create", "care_medal", Some(*id), None::<&()>, Some(&serde_json::json!({ "年度": year, "颁发日期": d })))?;
    }
    tx.commit()?;
    medals(conn, year)
}

/// 政治生日 of a month (YYYY-MM): members in good standing whose 入党日期 falls in it, by day.
pub fn birthdays(conn: &Connection, month: &str) -> Result<Vec<Birthday>> {
    let (y, mo) = dates::parse_month(month).map_err(|_| Error::invalid("month", "BAD_MONTH", format!("月份“{month}”不正确，请按 2026-12 的格式填写")))?;
    let names = crate::members::store::activity::display_names(conn)?;
    let mut out: Vec<Birthday> = crate::members::store::joined_in_month(conn, &format!("{mo:02}"))?
        .into_iter()
        .filter_map(|m| {
            let j = m.data.join_date.as_deref().and_then(dates::parse)?;
            (j.month() == mo && j.year() < y).then(|| Birthday { member_id: m.id, name: names.get(&m.id).cloned().unwrap_or_else(|| m.data.name.clone()), join_date: iso(j), years: y - j.year() })
        })
        .collect();
    out.sort_by(|a, b| a.join_date[5..].cmp(&b.join_date[5..]).then(a.name.cmp(&b.name)));
    Ok(out)
}

//! 个人积分: a member's year month by month, with the entries behind it.
use super::config;
use super::ledger::Entry;
use super::month::{score, year_start};
use super::store;
use super::tenths::{from_tenths, to_tenths};
use crate::kernel::error::Result;

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct MemberMonth {
    pub month: String,
    pub base: f64,
    pub bonus: f64,
    pub deduction: f64,
    pub total: f64,
    pub year_total: f64,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct MemberHistory {
    pub year: i32,
    pub base: f64,
    /// January to December (to this month in the current year).
    pub months: Vec<MemberMonth>,
    pub entries: Vec<Entry>,
}

pub fn member_history(conn: &Connection, member_id: i64, year: i32, today: NaiveDate) -> Result<MemberHistory> {
    let name = crate::members::member::get_record(conn, member_id)?.data.name;
    let s = config::get(conn)?;
    let base = to_tenths(s.base);
    let start = year_start(&s, year);
    let last = if year == today.year() { today.month() } else { 12 };
    let (mut yb, mut ybo, mut yd) = (0, 0, 0);
    let mut months = Vec::new();
    for m in 1..=last {
        let month = format!("{year:04}-{m:02}");
        let (b, bo, d) = store::month_row(conn, member_id, &month)?;
        if month >= start {
            (yb, ybo, yd) = (yb + b, ybo + bo, yd + d);
        }
        let year_total = from_tenths(score(&s, yb, ybo, yd));
        months.push(MemberMonth { month, base: from_tenths(b), bonus: from_tenths(bo), deduction: from_tenths(d), total: from_tenths(b + bo + d), year_total });
    }
    let mut entries = store::entries_of_year(conn, member_id, year)?;
    for e in &mut entries {
        e.member_name = name.clone();
    }
    Ok(MemberHistory { year, base: from_tenths(base), months, entries })
}

//! 党内统计 (domain.md section 13): the tables a branch feeds as of a report date (12-31 of the year unless given,
//! C11), each table's bands as data with the template year (bands.rs), counted by the 正式组织关系 (counted.rs),
//! with the cross-checks of section 13 and the members a table could not place.
pub mod bands;
mod basic;
mod change;
pub mod checks;
mod counted;
mod lost;
pub mod model;
mod pipeline;
mod review;

pub use model::{Cell, Check, Missing, Person, Report, Table};

use crate::kernel::dates;
use crate::kernel::error::{Error, Result};
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::BTreeSet;

/// The tables of the template, in order.
pub const TABLES: [(u8, &str); 9] = [
    (1, "党员数量变化"),
    (2, "党员基本情况"),
    (3, "党员入党时间"),
    (4, "党员学历"),
    (5, "建制村党员情况"),
    (8, "民主评议党员情况"),
    (15, "预备党员转正情况"),
    (16, "发展党员情况"),
    (43, "失联党员情况"),
];

/// A report date as typed (on a form, on the command line): `None` when empty (12-31 of the year), else the date,
/// or a field error saying how to write it.
pub fn as_of_arg(s: Option<&str>, year: i32) -> Result<Option<NaiveDate>> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => dates::parse_flexible(s).map(Some).ok_or(Error::invalid("as_of", "BAD_DATE", format!("统计截止日期“{s}”不正确，请按 {year}-12-31 的格式填写"))),
    }
}

/// Whether table 5 applies: the branch of a 建制村 (by its name, as the 党组织 is named after the village).
pub fn is_village(org_name: &str) -> bool {
    org_name.contains('村') && !org_name.contains("社区")
}

/// Table 1's additions and departures, as its columns are labelled.
pub fn change_labels() -> (Vec<&'static str>, Vec<&'static str>) {
    (change::ADD.to_vec(), change::LEAVE.iter().map(|l| l.1).collect())
}

/// The members the branch counts on `day` (统计依据 of section 13), for charts and lists beside the tables.
pub fn members_on(conn: &Connection, day: NaiveDate) -> Result<Vec<crate::members::record::MemberRecord>> {
    let reg = counted::Register::load(conn, day)?;
    Ok(reg.on(conn, day)?.into_iter().cloned().collect())
}

/// The 党内统计 of `year` as of `as_of` (default 12-31 of the year, C11); the year's changes run from the day after
/// 12-31 of the year before.
pub fn report(conn: &Connection, year: i32, as_of: Option<NaiveDate>) -> Result<Report> {
    if !(2000..=2100).contains(&year) {
        return Err(Error::invalid("year", "BAD_YEAR", format!("统计年度“{year}”不正确，应在 2000 至 2100 之间，例如 2026")));
    }
    let day = as_of.unwrap_or_else(|| bands::report_date(year));
    let prev = bands::report_date(year - 1);
    if day <= prev || day > bands::report_date(year) {
        return Err(Error::invalid("as_of", "BAD_DATE", format!("统计截止日期应在 {year} 年内，例如 {year}-12-31")));
    }
    let org = crate::org::get(conn)?.name;
    let names = crate::members::store::activity::display_names(conn)?;
    let reg = counted::Register::load(conn, day)?;
    let members = reg.on(conn, day)?;
    let mut b = basic::tables(&members, &names, day, is_village(&org));
    let (t1, balance, developed) = change::table(conn, &reg, prev, day)?;
    let mut missing = std::mem::take(&mut b.missing);
    let t16 = pipeline::developed(&reg, &developed, &names, day, &mut missing);
    let t15 = pipeline::full(conn, &reg, prev, day)?;
    let t8 = review::table(conn, year)?;
    let t43 = lost::table(conn, &members, &names, day, &mut missing)?;
    for m in reg.awaiting_approval(day) {
        missing.push(Missing { member_id: m.id, name: names.get(&m.id).cloned().unwrap_or_default(), table: 1, field: "支部大会已接收，上级党委审批未登记，在审批的年度统计".into() });
    }
    let mut tables = vec![t1];
    tables.append(&mut b.tables);
    tables.extend([t8, t15, t16, t43]);
    let mut checks = vec![balance];
    checks.extend(checks::run(&tables));
    let mut ids: BTreeSet<i64> = tables.iter().flat_map(|t| t.cells.iter().flat_map(|c| c.members.iter().copied())).collect();
    ids.extend(checks.iter().flat_map(|c| c.members.iter().copied()));
    ids.extend(missing.iter().map(|m| m.member_id));
    let people = ids.into_iter().map(|id| Person { id, name: names.get(&id).cloned().unwrap_or_default() }).collect();
    Ok(Report { org, year, report_date: dates::iso(day), template_year: bands::TEMPLATE_YEAR, tables, missing, checks, people })
}

#[cfg(test)]
mod tests;

//! The compliance calendar: which required meetings (by the frequency settings) were held, which are planned, due
//! or overdue, for a month, a quarter or a year; and the meeting items of 首页 「本月待办」.
use crate::kernel::codes;
use crate::kernel::dates;
use crate::kernel::error::{Error, Result};
use crate::org;
use crate::meetings::config::MeetingRule;
use chrono::{Datelike, Days, Months, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

/// One period a frequency divides the year into, inclusive at both ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

fn months_of(frequency: &str) -> u32 {
    match frequency {
        "monthly" => 1,
        "quarterly" => 3,
        "half_yearly" => 6,
        _ => 12,
    }
}

/// The period of `frequency` that contains `day`.
pub fn period_of(frequency: &str, day: NaiveDate) -> Period {
    let len = months_of(frequency);
    let first_month = (day.month0() / len) * len + 1;
    let start = NaiveDate::from_ymd_opt(day.year(), first_month, 1).unwrap_or(day);
    let end = start.checked_add_months(Months::new(len)).and_then(|d| d.pred_opt()).unwrap_or(start);
    Period { start, end }
}

/// 2026年10月, 2026年第4季度, 2026年下半年, 2026年.
pub fn period_label(frequency: &str, p: Period) -> String {
    let y = p.start.year();
    match frequency {
        "monthly" => format!("{y}年{}月", p.start.month()),
        "quarterly" => format!("{y}年第{}季度", p.start.month0() / 3 + 1),
        "half_yearly" => format!("{y}年{}", if p.start.month() == 1 { "上半年" } else { "下半年" }),
        _ => format!("{y}年"),
    }
}

/// 本月, 本季度, 本半年, 本年度: how the home screen names the current period.
fn current_word(frequency: &str) -> &'static str {
    match frequency {
        "monthly" => "本月",
        "quarterly" => "本季度",
        "half_yearly" => "本半年",
        _ => "本年度",
    }
}

/// One meeting the branch must hold per period: a kind, in a branch, and for 党小组会 one group.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Requirement {
    pub kind: String,
    pub kind_name: String,
    pub frequency: String,
    pub frequency_name: String,
    /// Yearly meetings are due from this month on (组织生活会 in Q4).
    pub from_month: u32,
    pub branch_id: i64,
    pub group_id: Option<i64>,
    /// The group's name for a 党小组会, the 支部's name in a 党总支, else empty.
    pub scope: String,
    /// The month the branch started keeping its books here: periods that ended before it are not due.
    #[serde(skip)]
    pub books_from: Option<NaiveDate>,
}

pub fn requirements(conn: &Connection) -> Result<Vec<Requirement>> {
    let rules = crate::meetings::config::rules(conn)?;
    let org = org::get(conn)?;
    let several = org.branches.len() > 1;
    let books_from = org::books_from(conn)?;
    let mut out = Vec::new();
    for rule in rules.iter().filter(|r| r.frequency != "off") {
        let MeetingRule { kind, frequency, from_month } = rule;
        let make = |branch_id: i64, group_id: Option<i64>, scope: String| Requirement {
            kind_name: codes::name_of(codes::MEETING_KIND, kind).unwrap_or("会议").to_string(),
            kind: kind.clone(),
            frequency_name: codes::name_of(codes::FREQUENCY, frequency).unwrap_or("").to_string(),
            frequency: frequency.clone(),
            from_month: if frequency == "yearly" { *from_month } else { 1 },
            branch_id,
            group_id,
            scope,
            books_from,
        };
        for b in &org.branches {
            if kind == "group" {
                for g in &b.groups {
                    out.push(make(b.id, Some(g.id), if several { format!("{} {}", b.name, g.name) } else { g.name.clone() }));
                }
            } else {
                out.push(make(b.id, None, if several { b.name.clone() } else { String::new() }));
            }
        }
    }
    Ok(out)
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct CellMeeting {
    pub id: i64,
    pub date: String,
    pub state: String,
    pub topic: String,
}

/// held: a meeting was held in the period; planned: one is on the calendar and the period is not over;
/// due: the current period, nothing held yet; overdue: the period ended without one; upcoming: a future period;
/// not_yet: a yearly meeting before its window opens; before_books: the period ended before the month the branch
/// started keeping its books here.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Cell {
    pub label: String,
    pub start: String,
    pub end: String,
    /// How many of the view's month columns the period covers.
    pub span: u32,
    pub status: &'static str,
    pub status_name: &'static str,
    pub meetings: Vec<CellMeeting>,
}

pub fn status_name(status: &str) -> &'static str {
    match status {
        "held" => "已召开",
        "planned" => "已安排",
        "due" => "待召开",
        "overdue" => "逾期未开",
        "upcoming" => "未到期",
        "before_books" => "建账前",
        _ => "未到时间",
    }
}

fn meetings_in(conn: &Connection, req: &Requirement, p: Period) -> Result<Vec<CellMeeting>> {
    let rows = super::store::kind_in_period(conn, &req.kind, req.branch_id, req.group_id, &dates::iso(p.start), &dates::iso(p.end))?;
    Ok(rows.into_iter().map(|(id, date, state, topic)| CellMeeting { id, date, state, topic }).collect())
}

fn status(req: &Requirement, p: Period, meetings: &[CellMeeting], today: NaiveDate) -> &'static str {
    let planned = meetings.iter().any(|m| m.state == "planned");
    if meetings.iter().any(|m| m.state == "held") {
        "held"
    } else if req.books_from.is_some_and(|b| p.end < b) {
        // Before the branch kept its books here: nothing was due in this program.
        "before_books"
    } else if p.end < today {
        "overdue"
    } else if planned {
        "planned"
    } else if p.start > today {
        "upcoming"
    } else if today.month() < req.from_month && p.start.year() == today.year() {
        "not_yet"
    } else {
        "due"
    }
}

pub fn cell(conn: &Connection, req: &Requirement, p: Period, span: u32, today: NaiveDate) -> Result<Cell> {
    let meetings = meetings_in(conn, req, p)?;
    let status = status(req, p, &meetings, today);
    Ok(Cell {
        label: period_label(&req.frequency, p),
        start: dates::iso(p.start),
        end: dates::iso(p.end),
        span,
        status,
        status_name: status_name(status),
        meetings,
    })
}

/// Which stretch of time the calendar shows: a year, one quarter of it, or one month.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct CalendarRequest {
    pub year: i32,
    pub quarter: Option<u32>,
    pub month: Option<u32>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct CalendarRow {
    #[serde(flatten)]
    pub requirement: Requirement,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Calendar {
    pub title: String,
    pub today: String,
    /// The month columns, 「10月」.
    pub months: Vec<String>,
    pub rows: Vec<CalendarRow>,
    pub held: u32,
    pub planned: u32,
    pub due: u32,
    pub overdue: u32,
}

pub fn calendar(conn: &Connection, req: &CalendarRequest, today: NaiveDate) -> Result<Calendar> {
    let bad = || Error::invalid("period", "BAD_PERIOD", "请选择正确的年份、季度或月份");
    if !(2000..=2100).contains(&req.year) {
        return Err(bad());
    }
    let (first_month, count, title) = match (req.quarter, req.month) {
        (_, Some(m)) if (1..=12).contains(&m) => (m, 1, format!("{}年{m}月", req.year)),
        (Some(q), None) if (1..=4).contains(&q) => ((q - 1) * 3 + 1, 3, format!("{}年第{q}季度", req.year)),
        (None, None) => (1, 12, format!("{}年", req.year)),
        _ => return Err(bad()),
    };
    let view_start = NaiveDate::from_ymd_opt(req.year, first_month, 1).ok_or_else(bad)?;
    let view_end = view_start.checked_add_months(Months::new(count)).and_then(|d| d.pred_opt()).ok_or_else(bad)?;
    let mut rows = Vec::new();
    let (mut held, mut planned, mut due, mut overdue) = (0, 0, 0, 0);
    for r in requirements(conn)? {
        let mut cells = Vec::new();
        let mut p = period_of(&r.frequency, view_start);
        while p.start <= view_end {
            let from = p.start.max(view_start);
            let to = p.end.min(view_end);
            let span = (to.year() * 12 + to.month0() as i32 - from.year() * 12 - from.month0() as i32 + 1) as u32;
            let c = cell(conn, &r, p, span, today)?;
            match c.status {
                "held" => held += 1,
                "planned" => planned += 1,
                "due" => due += 1,
                "overdue" => overdue += 1,
                _ => {}
            }
            cells.push(c);
            let Some(next) = p.end.succ_opt() else { break };
            p = period_of(&r.frequency, next);
        }
        rows.push(CalendarRow { requirement: r, cells });
    }
    Ok(Calendar {
        title: format!("{title}组织生活落实情况"),
        today: dates::iso(today),
        months: (0..count).map(|i| format!("{}月", first_month + i)).collect(),
        rows,
        held,
        planned,
        due,
        overdue,
    })
}

/// A meeting the home screen reminds of.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct MeetingTodo {
    /// due (current period, nothing held or planned) or overdue (the period just ended without one).
    pub status: &'static str,
    pub kind: String,
    /// 「2026年10月 支委会」, 「本月 第一党小组 党小组会（11月30日前）」.
    pub text: String,
    pub period_end: String,
}

/// For each requirement: the current period if nothing is held or planned yet, and the period just ended if it
/// passed without a meeting. Older gaps stay on the calendar rather than crowding the home screen.
pub fn todos(conn: &Connection, today: NaiveDate) -> Result<Vec<MeetingTodo>> {
    let theme_day = crate::meetings::config::theme_day(conn)?;
    let mut out = Vec::new();
    for r in requirements(conn)? {
        let name = if r.scope.is_empty() { r.kind_name.clone() } else { format!("{} {}", r.scope, r.kind_name) };
        let current = period_of(&r.frequency, today);
        if let Some(prev_day) = current.start.checked_sub_days(Days::new(1)) {
            let prev = period_of(&r.frequency, prev_day);
            let c = cell(conn, &r, prev, 1, today)?;
            if c.status == "overdue" {
                out.push(MeetingTodo { status: "overdue", kind: r.kind.clone(), text: format!("{} {name}", c.label), period_end: c.end });
            }
        }
        let c = cell(conn, &r, current, 1, today)?;
        if c.status == "due" {
            let fixed = if r.kind == "theme_day" && theme_day > 0 { format!("，每月{theme_day}日") } else { String::new() };
            out.push(MeetingTodo {
                status: "due",
                kind: r.kind.clone(),
                text: format!("{}{name}（{}月{}日前{fixed}）", current_word(&r.frequency), current.end.month(), current.end.day()),
                period_end: c.end,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod books_from_tests;

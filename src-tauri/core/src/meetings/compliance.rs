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
#[derive(Debug, Clone, Serialize)]
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

#[derive(Debug, Clone, Serialize)]
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
#[derive(Debug, Clone, Serialize)]
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
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CalendarRequest {
    pub year: i32,
    pub quarter: Option<u32>,
    pub month: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CalendarRow {
    #[serde(flatten)]
    pub requirement: Requirement,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, Serialize)]
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
#[derive(Debug, Clone, Serialize)]
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
mod tests {
    use super::*;
    use crate::meetings::meeting::{self, MeetingInput};
    use crate::settings;

    fn d(s: &str) -> NaiveDate {
        dates::parse(s).unwrap()
    }

    fn held(conn: &mut Connection, kind: &str, date: &str, group_id: Option<i64>) {
        let tx = conn.transaction().unwrap();
        meeting::create_in(&tx, "书记", &{ let mut i = MeetingInput::new(kind, "held", date, "学习"); i.data.group_id = group_id; i }, d("2027-12-31")).unwrap();
        tx.commit().unwrap();
    }

    #[test]
    fn periods_across_boundaries() {
        assert_eq!(period_of("monthly", d("2026-12-31")), Period { start: d("2026-12-01"), end: d("2026-12-31") });
        assert_eq!(period_of("monthly", d("2028-02-10")).end, d("2028-02-29"), "leap year");
        assert_eq!(period_of("quarterly", d("2026-10-01")), Period { start: d("2026-10-01"), end: d("2026-12-31") });
        assert_eq!(period_of("quarterly", d("2026-09-30")), Period { start: d("2026-07-01"), end: d("2026-09-30") });
        assert_eq!(period_of("half_yearly", d("2026-07-01")).start, d("2026-07-01"));
        assert_eq!(period_of("yearly", d("2026-06-15")), Period { start: d("2026-01-01"), end: d("2026-12-31") });
        assert_eq!(period_label("quarterly", period_of("quarterly", d("2026-11-23"))), "2026年第4季度");
        assert_eq!(period_label("half_yearly", period_of("half_yearly", d("2026-03-01"))), "2026年上半年");
    }

    #[test]
    fn year_view_marks_held_overdue_due_and_upcoming() {
        let (mut conn, _, groups) = crate::meetings::meeting::tests::branch();
        held(&mut conn, "committee", "2026-09-30", None);
        held(&mut conn, "committee", "2026-11-02", None);
        held(&mut conn, "branch_assembly", "2026-10-01", None);
        held(&mut conn, "group", "2026-10-15", Some(groups[1]));
        let today = d("2026-11-23");
        let cal = calendar(&conn, &CalendarRequest { year: 2026, ..Default::default() }, today).unwrap();
        assert_eq!(cal.months.len(), 12);
        let row = |kind: &str, scope: &str| cal.rows.iter().find(|r| r.requirement.kind == kind && r.requirement.scope == scope).unwrap();
        let committee = row("committee", "");
        assert_eq!(committee.cells.len(), 12);
        let st: Vec<&str> = committee.cells.iter().map(|c| c.status).collect();
        assert_eq!(&st[7..], ["overdue", "held", "overdue", "held", "upcoming"], "Sep held on its last day, Oct missed, Nov held, Dec ahead");
        let assembly = row("branch_assembly", "");
        assert_eq!(assembly.cells.iter().map(|c| (c.span, c.status)).collect::<Vec<_>>(), [(3, "overdue"), (3, "overdue"), (3, "overdue"), (3, "held")]);
        assert_eq!(row("group", "第二党小组").cells[9].status, "held");
        assert_eq!(row("group", "第一党小组").cells[9].status, "overdue", "each group on its own");
        let life = row("life_meeting", "");
        assert_eq!((life.cells.len(), life.cells[0].span, life.cells[0].status), (1, 12, "due"), "Q4: the yearly window is open");
        // The counts add up over the view.
        let cells: u32 = cal.rows.iter().map(|r| r.cells.len() as u32).sum();
        assert!(cal.held + cal.planned + cal.due + cal.overdue <= cells);
        assert_eq!(cal.held, 4);
    }

    #[test]
    fn quarter_and_month_views_clip_longer_periods() {
        let (mut conn, ..) = crate::meetings::meeting::tests::branch();
        held(&mut conn, "lecture", "2026-08-20", None);
        let today = d("2026-11-23");
        let q3 = calendar(&conn, &CalendarRequest { year: 2026, quarter: Some(3), month: None }, today).unwrap();
        assert_eq!(q3.title, "2026年第3季度组织生活落实情况");
        let lecture = q3.rows.iter().find(|r| r.requirement.kind == "lecture").unwrap();
        assert_eq!(lecture.cells.len(), 1);
        assert_eq!((lecture.cells[0].span, lecture.cells[0].status), (3, "held"));
        let life = q3.rows.iter().find(|r| r.requirement.kind == "life_meeting").unwrap();
        assert_eq!((life.cells[0].span, life.cells[0].label.as_str()), (3, "2026年"), "a yearly cell clipped to the quarter");
        let m = calendar(&conn, &CalendarRequest { year: 2026, quarter: None, month: Some(8) }, today).unwrap();
        let lecture = m.rows.iter().find(|r| r.requirement.kind == "lecture").unwrap();
        assert_eq!((lecture.cells[0].span, lecture.cells[0].status, lecture.cells[0].label.as_str()), (1, "held", "2026年第3季度"));
        assert_eq!(calendar(&conn, &CalendarRequest { year: 2026, quarter: Some(5), month: None }, today).unwrap_err().code(), "BAD_PERIOD");
    }

    #[test]
    fn yearly_window_and_planned_meetings() {
        let (mut conn, ..) = crate::meetings::meeting::tests::branch();
        let june = d("2026-06-10");
        let cal = calendar(&conn, &CalendarRequest { year: 2026, month: Some(6), quarter: None }, june).unwrap();
        let life = cal.rows.iter().find(|r| r.requirement.kind == "life_meeting").unwrap();
        assert_eq!(life.cells[0].status, "not_yet", "组织生活会 is due from October");
        let tx = conn.transaction().unwrap();
        meeting::create_in(&tx, "书记", &MeetingInput::new("theme_day", "planned", "2026-06-28", "七一"), june).unwrap();
        tx.commit().unwrap();
        let cal = calendar(&conn, &CalendarRequest { year: 2026, month: Some(6), quarter: None }, june).unwrap();
        let theme = cal.rows.iter().find(|r| r.requirement.kind == "theme_day").unwrap();
        assert_eq!((theme.cells[0].status, theme.cells[0].meetings.len()), ("planned", 1));
        // Planned but never marked held: overdue once the month is over.
        let july = d("2026-07-02");
        let cal = calendar(&conn, &CalendarRequest { year: 2026, month: Some(6), quarter: None }, july).unwrap();
        assert_eq!(cal.rows.iter().find(|r| r.requirement.kind == "theme_day").unwrap().cells[0].status, "overdue");
    }

    #[test]
    fn todos_list_last_periods_gaps_and_this_periods_dues() {
        let (mut conn, ..) = crate::meetings::meeting::tests::branch();
        // December: November's 支委会 was missed; the year turns for the yearly ones only after the new year.
        held(&mut conn, "theme_day", "2026-11-05", None);
        held(&mut conn, "committee", "2026-12-01", None);
        let dec = d("2026-12-10");
        let t = todos(&conn, dec).unwrap();
        let texts: Vec<&str> = t.iter().map(|t| t.text.as_str()).collect();
        assert!(texts.contains(&"2026年11月 支委会"), "{texts:?}");
        assert!(!texts.iter().any(|s| s.contains("11月 主题党日")), "held in November");
        assert!(!texts.iter().any(|s| s.starts_with("本月支委会")), "held this month");
        assert!(texts.contains(&"本月主题党日（12月31日前，每月1日）"), "{texts:?}");
        assert!(texts.contains(&"本年度组织生活会（12月31日前）"));
        // January: last year's yearly meetings are overdue, this year's not yet due.
        let jan = d("2027-01-05");
        let t = todos(&conn, jan).unwrap();
        assert!(t.iter().any(|t| t.status == "overdue" && t.text == "2026年 组织生活会"));
        assert!(!t.iter().any(|t| t.status == "due" && t.kind == "life_meeting"));
        assert!(t.iter().any(|t| t.status == "overdue" && t.text == "2026年第4季度 党课"));
        // A frequency switched off is no requirement.
        let mut s = settings::get(&conn).unwrap();
        s.meeting_rules.iter_mut().for_each(|r| r.frequency = "off".into());
        settings::update(&mut conn, "书记", &s).unwrap();
        assert!(todos(&conn, jan).unwrap().is_empty());
    }
}

#[cfg(test)]
mod books_from_tests {
    use super::*;
    use crate::org::{self, SetupInput};

    fn new_branch(books_from: Option<String>) -> Connection {
        let mut conn = crate::store::db::open_in_memory().unwrap();
        let input = SetupInput {
            kind: "党支部".into(),
            name: "东风村党支部".into(),
            secretary: "张建国".into(),
            books_from,
            ..Default::default()
        };
        org::setup(&mut conn, &input).unwrap();
        conn
    }

    /// Set up today: nothing is overdue from before the branch kept its books here, on the calendar or at home.
    #[test]
    fn a_new_branch_starts_without_overdue_meetings() {
        let today = dates::today();
        let month = today.format("%Y-%m").to_string();
        let conn = new_branch(Some(month.clone()));
        let cal = calendar(&conn, &CalendarRequest { year: today.year(), ..Default::default() }, today).unwrap();
        assert_eq!(cal.overdue, 0, "{:?}", cal.rows.iter().flat_map(|r| r.cells.iter().map(|c| (c.label.clone(), c.status))).collect::<Vec<_>>());
        let last_year = calendar(&conn, &CalendarRequest { year: today.year() - 1, ..Default::default() }, today).unwrap();
        assert_eq!(last_year.overdue, 0);
        assert!(last_year.rows.iter().all(|r| r.cells.iter().all(|c| c.status == "before_books")));
        let todos = todos(&conn, today).unwrap();
        assert!(todos.iter().all(|t| t.status != "overdue"), "{todos:?}");
        assert!(todos.iter().any(|t| t.status == "due" && t.kind == "committee"), "this month's meetings are still due");
        // Home: the first steps come first, and no 逾期未开.
        let home = crate::reports::home::todos(&conn).unwrap();
        assert_eq!(home[0].key, "first_steps");
        assert!(!home.iter().any(|t| t.key == "meetings_overdue"), "{:?}", home.iter().map(|t| &t.title).collect::<Vec<_>>());
        // The month is kept; a month after this one is refused.
        assert_eq!(org::books_from(&conn).unwrap(), dates::parse(&format!("{month}-01")));
        let mut other = crate::store::db::open_in_memory().unwrap();
        let next = today.checked_add_months(Months::new(1)).unwrap().format("%Y-%m").to_string();
        let e = org::setup(&mut other, &SetupInput { kind: "党支部".into(), name: "x".into(), secretary: "y".into(), books_from: Some(next), ..Default::default() }).unwrap_err();
        assert_eq!(e.code(), "OUT_OF_RANGE");
    }

    #[test]
    fn without_a_start_month_old_gaps_stay_overdue() {
        let today = dates::today();
        let conn = new_branch(None);
        let last_year = calendar(&conn, &CalendarRequest { year: today.year() - 1, ..Default::default() }, today).unwrap();
        assert!(last_year.overdue > 0);
    }
}

//! Tests of the compliance calendar and the home screen's meeting todos.
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

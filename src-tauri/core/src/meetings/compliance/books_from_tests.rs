//! Tests of 建账: a branch that starts its books mid-year owes nothing before.
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

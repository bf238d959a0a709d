//! Tables 2–4 over a data file: counted as of the report date (a member who left after it still counts, one who
//! joined after it not yet), totals agreeing across the tables, and members lacking a field listed, not dropped.
use super::*;
use crate::demo;
use crate::kernel::dates;
use crate::members::member::{self, MemberData, StatusChange};
use crate::store::db;

fn cell(b: &Basic, table: usize, label: &str) -> usize {
    let t = &b.tables[table];
    let i = t.columns.iter().position(|c| c.label == label).unwrap_or_else(|| panic!("no column {label}"));
    t.groups[0].rows[0][i].parse().unwrap()
}

#[test]
fn the_demo_counts_agree_and_the_incomplete_records_are_listed() {
    let mut conn = db::open_in_memory().unwrap();
    demo::load(&mut conn).unwrap();
    let year = dates::today().format("%Y").to_string().parse().unwrap();
    let b = basic(&conn, year, Some(dates::today())).unwrap();
    assert_eq!(cell(&b, 0, "党员总数"), 56);
    assert!(b.checks[0].ok, "{:?}", b.checks[0]);
    // The demo's record without 入党日期 and the one without 学历 are named, and their tables say they do not add up.
    assert!(b.missing.iter().any(|m| m.table == 3 && m.field == "入党日期"));
    assert!(b.missing.iter().any(|m| m.table == 4 && m.field == "学历"));
    assert!(!b.checks[2].ok && !b.checks[3].ok);
    assert!(b.checks.iter().all(|c| !c.rule.is_empty() && !c.detail.is_empty()));
}

#[test]
fn counted_as_of_the_report_date() {
    let mut conn = db::open_in_memory().unwrap();
    demo::blank_branch(&mut conn, "东风村党支部", &[]).unwrap();
    let m = |name: &str, birth: &str, join: &str, full: Option<&str>| MemberData {
        name: name.into(),
        sex: Some("2".into()),
        ethnicity: Some("03".into()),
        birth_date: Some(birth.into()),
        education: Some("20".into()),
        category: Some(if full.is_some() { "full" } else { "probationary" }.into()),
        join_date: Some(join.into()),
        full_date: full.map(Into::into),
        ..Default::default()
    };
    let a = member::create(&mut conn, "书记", &m("甲", "1994-10-01", "2012-10-31", Some("2013-10-31"))).unwrap().id;
    member::create(&mut conn, "书记", &m("乙", "1980-01-01", "2025-06-01", Some("2026-06-01"))).unwrap();
    member::create(&mut conn, "书记", &m("丙", "1980-01-01", "2026-03-01", None)).unwrap();
    member::change_status(&mut conn, "书记", a, &StatusChange { status: "transferred".into(), date: "2026-02-01".into(), reason: "迁居".into(), destination: Some("某支部".into()), kind: None }).unwrap();
    // 2025-12-31: 甲 (not yet 转出) and 乙 (预备 that day); 丙 joined later.
    let y25 = basic(&conn, 2025, None).unwrap();
    assert_eq!((cell(&y25, 0, "党员总数"), cell(&y25, 0, "其中：预备党员"), cell(&y25, 0, "女"), cell(&y25, 0, "少数民族")), (2, 1, 2, 2));
    // 甲 is 31 on 2025-12-31 (C5, at the report date) and joined in the band ending 2012-10.
    assert_eq!(cell(&y25, 0, "31至35岁"), 1);
    assert_eq!(cell(&y25, 1, "2002年11月至2012年10月"), 1);
    assert_eq!(cell(&y25, 2, "大学本科"), 2);
    assert!(y25.checks.iter().all(|c| c.ok), "{:?}", y25.checks);
    // 2026-12-31: 乙 (转正 2026-06-01) and 丙 (预备); 甲 has left.
    let y26 = basic(&conn, 2026, None).unwrap();
    assert_eq!((cell(&y26, 0, "党员总数"), cell(&y26, 0, "其中：预备党员")), (2, 1));
    assert_eq!(cell(&y26, 1, "2012年11月及以后"), 2);
    assert_eq!(basic(&conn, 1999, None).unwrap_err().code(), "BAD_YEAR");
    // 丁 came by transfer on 2026-11-28 with an old 入党日期: counted in 2026, not at the end of 2025.
    let input = crate::mobile::InInput {
        member: m("丁", "1980-01-01", "2005-07-01", Some("2006-07-01")),
        letter_no: "031".into(),
        from_org: "某村党支部".into(),
        date: "2026-11-28".into(),
        dues_paid_through: "2026-11".into(),
        ..Default::default()
    };
    crate::mobile::transfer::transfer_in(&mut conn, "书记", &input, dates::parse("2026-12-04").unwrap()).unwrap();
    assert_eq!(cell(&basic(&conn, 2025, None).unwrap(), 0, "党员总数"), 2);
    assert_eq!(cell(&basic(&conn, 2026, None).unwrap(), 0, "党员总数"), 3);
}

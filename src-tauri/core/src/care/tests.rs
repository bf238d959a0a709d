//! Care over a data file: the 困难党员 register, visits in 分, the 春节/七一 lists, the medal list of a year with
//! its 颁发日期, and 政治生日.
use super::*;
use crate::demo;
use crate::kernel::dates;
use crate::members::member::{self, MemberData};
use crate::store::db;
use chrono::NaiveDate;
use rusqlite::Connection;

fn d(s: &str) -> NaiveDate {
    dates::parse(s).unwrap()
}

const TODAY: &str = "2026-12-04";

/// 老李 (born 1940, 转正 1976-07-01: medal 2026), 老王 (转正 1976-07-02: medal 2027), 小张 (入党 2016-12-10).
fn branch() -> (Connection, Vec<i64>) {
    let mut conn = db::open_in_memory().unwrap();
    demo::blank_branch(&mut conn, "东风村党支部", &["第一党小组"]).unwrap();
    let people = [("老李", "1940-03-01", "1975-07-01", "1976-07-01"), ("老王", "1950-03-01", "1975-07-02", "1976-07-02"), ("小张", "1990-03-01", "2016-12-10", "2017-12-10")];
    let ids = people
        .iter()
        .map(|(name, birth, join, full)| {
            let m = MemberData {
                name: name.to_string(),
                sex: Some("1".into()),
                birth_date: Some(birth.to_string()),
                category: Some("full".into()),
                join_date: Some(join.to_string()),
                full_date: Some(full.to_string()),
                address: Some("东风村一组".into()),
                ..Default::default()
            };
            member::create(&mut conn, "书记", &m).unwrap().id
        })
        .collect();
    (conn, ids)
}

#[test]
fn the_medal_list_of_a_year_and_its_issue() {
    let (mut conn, ids) = branch();
    let names = |m: &Medals| m.rows.iter().map(|r| r.name.clone()).collect::<Vec<_>>();
    let y26 = medals(&conn, 2026).unwrap();
    assert_eq!(names(&y26), ["老李"]);
    assert_eq!(y26.rows[0].party_years, 50);
    assert_eq!(names(&medals(&conn, 2027).unwrap()), ["老李", "老王"], "老李 never got it: 补发 in 2027");
    assert!(medals(&conn, 2027).unwrap().rows[0].late);
    assert_eq!(issue_medals(&mut conn, "书记", 2026, &[ids[2]], "2026-07-01", d(TODAY)).unwrap_err().code(), "NOT_DUE");
    let issued = issue_medals(&mut conn, "书记", 2026, &[ids[0]], "2026-07-01", d(TODAY)).unwrap();
    assert_eq!(issued.rows[0].issued_on.as_deref(), Some("2026-07-01"));
    assert_eq!(names(&medals(&conn, 2027).unwrap()), ["老王"]);
    assert_eq!(issue_medals(&mut conn, "书记", 2026, &[ids[0]], "2026-07-02", d(TODAY)).unwrap_err().code(), "ALREADY_ISSUED");
    let t = print(&conn, &TableRequest { kind: "medals".into(), year: Some(2027), ..Default::default() }, d(TODAY)).unwrap();
    assert_eq!(t.groups[0].rows.len(), 1);
    assert!(t.title.contains("2027年「光荣在党50年」纪念章"));
}

#[test]
fn elders_by_the_age_setting_and_birthdays_of_the_month() {
    let (mut conn, ids) = branch();
    assert_eq!(elders(&conn, d(TODAY)).unwrap().iter().map(|e| e.name.as_str()).collect::<Vec<_>>(), ["老李"]);
    config::put(&conn, &CareSettings { old_age: 75, ..Default::default() }).unwrap();
    assert_eq!(elders(&conn, d(TODAY)).unwrap().len(), 2, "老王 is 76");
    assert_eq!(config::put(&conn, &CareSettings { old_age: 20, ..Default::default() }).unwrap_err().code(), "OUT_OF_RANGE");
    let b = birthdays(&conn, "2026-12").unwrap();
    assert_eq!((b.len(), b[0].member_id, b[0].years), (1, ids[2], 10));
    assert!(birthdays(&conn, "2026-07").unwrap().iter().all(|b| b.years == 51));
    let mut data = member::get_record(&conn, ids[0]).unwrap().data;
    data.birth_date = Some("1925-01-01".into());
    data.join_date = Some("1949-09-30".into());
    data.full_date = Some("1950-09-30".into());
    member::update(&mut conn, "书记", ids[0], &data, None).unwrap();
    assert!(elders(&conn, d(TODAY)).unwrap().iter().any(|e| e.before_1949));
}

#[test]
fn hardship_visits_and_the_festival_lists() {
    let (mut conn, ids) = branch();
    let input = HardshipInput { member_id: ids[2], kind: "重病".into(), recognized_on: "2026-03-01".into(), keeper: Some("张书记".into()), review_on: Some("2026-09-01".into()), ..Default::default() };
    let h = hardship::save(&mut conn, "书记", &input, d(TODAY)).unwrap();
    assert!(h.review_due);
    assert_eq!(hardship::save(&mut conn, "书记", &input, d(TODAY)).unwrap_err().code(), "ALREADY_OPEN");
    let Err(crate::Error::Invalid(errs)) = hardship::save(&mut conn, "书记", &HardshipInput { member_id: ids[1], ..Default::default() }, d(TODAY)) else { panic!() };
    assert_eq!(errs.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["kind", "recognized_on"]);

    let v = VisitInput { member_id: ids[2], date: "2026-01-20".into(), occasion: "春节".into(), visitors: "张书记、李委员".into(), amount: Some("500".into()), fund_source: Some("党费".into()), signed: true, ..Default::default() };
    assert_eq!(visit::add(&mut conn, "书记", &v, d(TODAY)).unwrap().amount_fen, 50000);
    visit::add(&mut conn, "书记", &VisitInput { member_id: ids[0], amount: Some("300.5".into()), fund_source: Some("上级下拨".into()), ..v.clone() }, d(TODAY)).unwrap();
    let no_source = visit::add(&mut conn, "书记", &VisitInput { fund_source: None, ..v.clone() }, d(TODAY)).unwrap_err();
    assert_eq!(no_source.code(), "REQUIRED");
    assert_eq!(visit::add(&mut conn, "书记", &VisitInput { amount: Some("5.005".into()), ..v.clone() }, d(TODAY)).unwrap_err().code(), "BAD_AMOUNT");

    let list = print(&conn, &TableRequest { kind: "visit_list".into(), year: Some(2026), occasion: Some("春节".into()), ..Default::default() }, d(TODAY)).unwrap();
    let rows = &list.groups[0].rows;
    assert_eq!(rows.iter().map(|r| (r[1].as_str(), r[5].as_str())).collect::<Vec<_>>(), [("小张", "困难党员（重病）"), ("老李", "高龄老党员")]);
    let sheet = print(&conn, &TableRequest { kind: "sign_sheet".into(), year: Some(2026), occasion: Some("春节".into()), ..Default::default() }, d(TODAY)).unwrap();
    assert_eq!(sheet.groups[0].rows[0][3], "500.00");
    let july = print(&conn, &TableRequest { kind: "visit_list".into(), year: Some(2026), occasion: Some("七一".into()), ..Default::default() }, d(TODAY)).unwrap();
    assert!(july.groups[0].rows.iter().any(|r| r[5].contains("光荣在党50年")));
    let summary = print(&conn, &TableRequest { kind: "summary".into(), year: Some(2026), ..Default::default() }, d(TODAY)).unwrap();
    assert_eq!(summary.groups[0].rows.last().unwrap(), &["合计", "2", "800.50"]);

    let resolved = hardship::resolve(&mut conn, "书记", h.id, "2026-11-30", "病愈", d(TODAY)).unwrap();
    assert_eq!((resolved.state.as_str(), resolved.review_due), ("resolved", false));
}

#[test]
fn a_member_who_left_keeps_the_visit_on_the_sheet_and_december_counts_for_next_spring() {
    let (mut conn, ids) = branch();
    hardship::save(&mut conn, "书记", &HardshipInput { member_id: ids[2], kind: "重病".into(), recognized_on: "2026-03-01".into(), ..Default::default() }, d(TODAY)).unwrap();
    let v = VisitInput { member_id: ids[2], date: "2026-01-20".into(), occasion: "春节".into(), visitors: "张书记".into(), amount: Some("500".into()), fund_source: Some("党费".into()), ..Default::default() };
    visit::add(&mut conn, "书记", &v, d(TODAY)).unwrap();
    let change = member::StatusChange { status: "transferred".into(), date: "2026-11-01".into(), reason: "迁居".into(), destination: Some("城南社区党支部".into()), kind: None };
    member::change_status(&mut conn, "书记", ids[2], &change).unwrap();
    assert_eq!(hardship::list(&conn, d(TODAY)).unwrap()[0].state, "left");
    let req = |year| TableRequest { kind: "sign_sheet".into(), year: Some(year), occasion: Some("春节".into()), ..Default::default() };
    let sheet = print(&conn, &req(2026), d(TODAY)).unwrap();
    let rows = &sheet.groups[0].rows;
    assert!(rows.iter().any(|r| r[1] == "小张" && r[3] == "500.00"), "{rows:?}");
    assert_eq!(rows.last().unwrap()[3], "500.00", "the 合计 row");
    // A visit on 12-20 is for next year's 春节.
    visit::add(&mut conn, "书记", &VisitInput { member_id: ids[0], date: "2026-12-03".into(), ..v }, d(TODAY)).unwrap();
    let next = print(&conn, &req(2027), d(TODAY)).unwrap();
    assert!(next.groups[0].rows.iter().any(|r| r[1] == "老李" && r[3] == "500.00"));
    assert!(!next.groups[0].rows.iter().any(|r| r[1] == "小张"), "no longer in the branch and not visited for 2027");
}

/// Issue 25 §6: a 慰问金 of 0 is left empty; an extra zero is asked about once; a billion is refused outright.
#[test]
fn a_visit_amount_has_bounds() {
    let (mut conn, ids) = branch();
    let v = VisitInput { member_id: ids[2], date: "2026-01-20".into(), occasion: "春节".into(), visitors: "张书记".into(), fund_source: Some("党费".into()), ..Default::default() };
    let mut code = |amount: &str, confirm: bool| {
        visit::add(&mut conn, "书记", &VisitInput { amount: Some(amount.into()), confirm_large: confirm, ..v.clone() }, d(TODAY)).err().map(|e| e.code())
    };
    assert_eq!(code("0", false), Some("ZERO"));
    assert_eq!(code("5000", false), None, "five thousand is still a visit");
    assert_eq!(code("50000", false), Some("CONFIRM_LARGE"));
    assert_eq!(code("50000", true), None);
    assert_eq!(code("1000000000", true), Some("OUT_OF_RANGE"));
}

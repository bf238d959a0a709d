//! The pipeline over a data file: every step in order to 转正, the registry kept in step, and the edges of the rules.
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

/// A branch with two 正式党员 (转正 2000) to be 联系人 and 介绍人, and 预备党员 赵六 (accepted 2026-03-15).
fn branch() -> (Connection, Vec<i64>) {
    let mut conn = db::open_in_memory().unwrap();
    demo::blank_branch(&mut conn, "东风村党支部", &["第一党小组"]).unwrap();
    let people = [("张三", "full", "1999-07-01", Some("2000-07-01")), ("李四", "full", "1995-07-01", Some("1996-07-01")), ("赵六", "probationary", "2026-03-15", None)];
    let ids = people
        .iter()
        .map(|(name, cat, join, full)| {
            let m = MemberData { name: name.to_string(), category: Some(cat.to_string()), join_date: Some(join.to_string()), full_date: full.map(Into::into), ..Default::default() };
            member::create(&mut conn, "书记", &m).unwrap().id
        })
        .collect();
    (conn, ids)
}

fn applicant(conn: &mut Connection, birth: &str, applied: &str) -> i64 {
    let input = PersonInput { name: "王小明".into(), sex: Some("1".into()), birth_date: Some(birth.into()), applied_on: applied.into(), ..Default::default() };
    add(conn, "书记", &input, d(TODAY)).unwrap().0.id
}

fn step(conn: &mut Connection, person: i64, n: u8, date: &str) -> crate::Result<StepResult> {
    step_with(conn, StepInput { person_id: person, step: n, date: date.into(), ..Default::default() })
}

fn step_with(conn: &mut Connection, input: StepInput) -> crate::Result<StepResult> {
    record(conn, "书记", &input, d(TODAY))
}

fn passed_vote() -> Option<VoteInput> {
    Some(VoteInput { expected: 20, present: 15, yes: 14, abstain: 1, ..Default::default() })
}

/// Takes the person through steps 2–14 on realistic dates (积极分子 2024-03-01, 发展对象 2025-03-01).
fn to_fourteen(conn: &mut Connection, p: i64, ids: &[i64]) {
    step(conn, p, 2, "2024-01-20").unwrap();
    step(conn, p, 3, "2024-03-01").unwrap();
    step(conn, p, 4, "2024-03-10").unwrap();
    step_with(conn, StepInput { person_id: p, step: 5, date: "2024-03-10".into(), people: vec![ids[0]], ..Default::default() }).unwrap();
    step(conn, p, 6, "2024-09-01").unwrap();
    step(conn, p, 6, "2025-02-20").unwrap();
    step(conn, p, 7, "2025-03-01").unwrap();
    step(conn, p, 8, "2025-03-05").unwrap();
    step_with(conn, StepInput { person_id: p, step: 9, date: "2025-03-06".into(), people: vec![ids[0], ids[1]], ..Default::default() }).unwrap();
    step_with(conn, StepInput { person_id: p, step: 10, date: "2025-04-01".into(), passed: Some(true), ..Default::default() }).unwrap();
    step_with(conn, StepInput { person_id: p, step: 11, date: "2025-04-10".into(), training_days: Some(3), ..Default::default() }).unwrap();
    step_with(conn, StepInput { person_id: p, step: 12, date: "2025-05-06".into(), notice_to: Some("2025-05-12".into()), ..Default::default() }).unwrap();
    step(conn, p, 13, "2025-05-20").unwrap();
    step(conn, p, 14, "2025-05-25").unwrap();
}

#[test]
fn an_applicant_goes_through_every_step_to_full_membership() {
    let (mut conn, ids) = branch();
    let p = applicant(&mut conn, "1998-05-01", "2024-01-10");
    let board_before = board(&conn, d(TODAY)).unwrap();
    assert_eq!((board_before[0].role.as_str(), board_before[0].next.as_ref().unwrap().due.as_deref()), ("申请人", Some("2024-02-10")));
    assert!(board_before[0].next.as_ref().unwrap().overdue);
    to_fourteen(&mut conn, p, &ids);
    let r = step_with(&mut conn, StepInput { person_id: p, step: 15, date: "2025-07-01".into(), vote: passed_vote(), ..Default::default() }).unwrap();
    assert_eq!(r.person.role, "预备党员");
    assert_eq!(r.person.probation_end.as_deref(), Some("2026-07-01"));
    let m = member::get_record(&conn, r.person.member_id.unwrap()).unwrap();
    assert_eq!((m.data.category.as_deref(), m.data.join_date.as_deref()), (Some("probationary"), Some("2025-07-01")));
    for (n, date) in [(16, "2025-07-10"), (17, "2025-08-20"), (18, "2025-08-30"), (19, "2025-09-01"), (20, "2025-09-01"), (21, "2026-01-10"), (21, "2026-06-10"), (22, "2026-07-01")] {
        step(&mut conn, p, n, date).unwrap_or_else(|e| panic!("step {n}: {}", e.message()));
    }
    // The 转正 meeting comes late, on 2026-08-15: 转正日期 stays the 期满 date.
    step_with(&mut conn, StepInput { person_id: p, step: 23, date: "2026-08-15".into(), vote: passed_vote(), outcome: Some("on_time".into()), ..Default::default() }).unwrap();
    let r = step(&mut conn, p, 24, "2026-09-20").unwrap();
    assert_eq!(r.person.role, "正式党员");
    let m = member::get_record(&conn, r.person.member_id.unwrap()).unwrap();
    assert_eq!((m.data.category.as_deref(), m.data.full_date.as_deref()), (Some("full"), Some("2026-07-01")));
    assert!(board(&conn, d(TODAY)).unwrap().is_empty(), "a 正式党员 leaves the board");
    assert_eq!(step(&mut conn, p, 25, "2026-10-01").unwrap_err().code(), "NOT_ACTIVE");
}

#[test]
fn steps_out_of_order_or_before_the_previous_date_are_refused() {
    let (mut conn, _) = branch();
    let p = applicant(&mut conn, "1998-05-01", "2024-01-10");
    let e = step(&mut conn, p, 3, "2024-03-01").unwrap_err();
    assert_eq!(e.code(), "OUT_OF_ORDER");
    assert!(e.message().contains("第 2 步“党组织派人谈话”"), "{}", e.message());
    assert_eq!(step(&mut conn, p, 2, "2024-01-09").unwrap_err().code(), "BEFORE_PREVIOUS");
    // A late talk is recorded, with the rule said.
    let r = step(&mut conn, p, 2, "2024-02-11").unwrap();
    assert!(r.warnings[0].contains("2024-02-10"), "{:?}", r.warnings);
    assert_eq!(step(&mut conn, p, 2, "2024-02-12").unwrap_err().code(), "ALREADY_DONE");
}

#[test]
fn a_development_candidate_needs_a_full_year_as_activist() {
    let (mut conn, ids) = branch();
    let p = applicant(&mut conn, "1998-05-01", "2024-01-31");
    step(&mut conn, p, 2, "2024-02-15").unwrap();
    step(&mut conn, p, 3, "2024-02-29").unwrap();
    step(&mut conn, p, 4, "2024-03-01").unwrap();
    step_with(&mut conn, StepInput { person_id: p, step: 5, date: "2024-03-01".into(), people: vec![ids[0]], ..Default::default() }).unwrap();
    step(&mut conn, p, 6, "2024-08-29").unwrap();
    let e = step(&mut conn, p, 7, "2025-02-27").unwrap_err();
    assert_eq!(e.code(), "TOO_EARLY");
    assert!(e.message().contains("最早 2025-02-28"), "{}", e.message());
    step(&mut conn, p, 7, "2025-02-28").unwrap();
}

#[test]
fn contacts_and_introducers_must_be_full_members_on_the_day() {
    let (mut conn, ids) = branch();
    let p = applicant(&mut conn, "1998-05-01", "2024-01-10");
    step(&mut conn, p, 2, "2024-01-20").unwrap();
    step(&mut conn, p, 3, "2024-03-01").unwrap();
    step(&mut conn, p, 4, "2024-03-10").unwrap();
    let e = step_with(&mut conn, StepInput { person_id: p, step: 5, date: "2024-03-10".into(), people: vec![ids[2]], ..Default::default() }).unwrap_err();
    assert_eq!(e.code(), "NOT_FULL_MEMBER");
    assert!(e.message().contains("赵六是预备党员"), "{}", e.message());
    assert_eq!(step_with(&mut conn, StepInput { person_id: p, step: 5, date: "2024-03-10".into(), ..Default::default() }).unwrap_err().code(), "PEOPLE_COUNT");
}

#[test]
fn training_notice_age_and_the_vote() {
    let (mut conn, ids) = branch();
    // Born 2007-07-01: exactly 18 on 2025-07-01.
    let p = applicant(&mut conn, "2007-07-01", "2024-01-10");
    let (_, warn) = {
        let input = PersonInput { name: "少年".into(), birth_date: Some("2008-01-01".into()), applied_on: "2024-01-10".into(), ..Default::default() };
        add(&mut conn, "书记", &input, d(TODAY)).unwrap()
    };
    assert!(warn[0].contains("未满 18 周岁"), "{warn:?}");
    step(&mut conn, p, 2, "2024-01-20").unwrap();
    step(&mut conn, p, 3, "2024-03-01").unwrap();
    step(&mut conn, p, 4, "2024-03-10").unwrap();
    step_with(&mut conn, StepInput { person_id: p, step: 5, date: "2024-03-10".into(), people: vec![ids[0]], ..Default::default() }).unwrap();
    step(&mut conn, p, 6, "2024-09-01").unwrap();
    step(&mut conn, p, 7, "2025-03-01").unwrap();
    step(&mut conn, p, 8, "2025-03-05").unwrap();
    step_with(&mut conn, StepInput { person_id: p, step: 9, date: "2025-03-06".into(), people: vec![ids[0], ids[1]], ..Default::default() }).unwrap();
    step_with(&mut conn, StepInput { person_id: p, step: 10, date: "2025-04-01".into(), passed: Some(true), ..Default::default() }).unwrap();
    let short = step_with(&mut conn, StepInput { person_id: p, step: 11, date: "2025-04-10".into(), training_days: Some(2), training_hours: Some(23), ..Default::default() }).unwrap_err();
    assert_eq!(short.code(), "TRAINING_SHORT");
    step_with(&mut conn, StepInput { person_id: p, step: 11, date: "2025-04-10".into(), training_days: Some(2), training_hours: Some(24), ..Default::default() }).unwrap();
    // 2025-05-06 (Tue) to 05-12 (Mon) is five workdays; to 05-09 four.
    let e = step_with(&mut conn, StepInput { person_id: p, step: 12, date: "2025-05-06".into(), notice_to: Some("2025-05-09".into()), ..Default::default() }).unwrap_err();
    assert_eq!(e.code(), "NOTICE_SHORT");
    step_with(&mut conn, StepInput { person_id: p, step: 12, date: "2025-05-06".into(), notice_to: Some("2025-05-12".into()), ..Default::default() }).unwrap();
    step(&mut conn, p, 13, "2025-05-20").unwrap();
    step(&mut conn, p, 14, "2025-05-25").unwrap();
    let young = step_with(&mut conn, StepInput { person_id: p, step: 15, date: "2025-06-30".into(), vote: passed_vote(), ..Default::default() }).unwrap_err();
    assert_eq!(young.code(), "UNDER_AGE");
    let parity = VoteInput { expected: 20, present: 12, yes: 10, no: 2, ..Default::default() };
    let e = step_with(&mut conn, StepInput { person_id: p, step: 15, date: "2025-07-01".into(), vote: Some(parity), ..Default::default() }).unwrap_err();
    assert_eq!(e.code(), "NOT_PASSED", "10 of 20 is not more than half");
    let no_quorum = VoteInput { expected: 20, present: 10, yes: 10, ..Default::default() };
    assert_eq!(step_with(&mut conn, StepInput { person_id: p, step: 15, date: "2025-07-01".into(), vote: Some(no_quorum), ..Default::default() }).unwrap_err().code(), "NO_QUORUM");
    let written = VoteInput { expected: 20, present: 11, yes: 9, written_yes: 2, ..Default::default() };
    let r = step_with(&mut conn, StepInput { person_id: p, step: 15, date: "2025-07-01".into(), vote: Some(written), ..Default::default() }).unwrap();
    assert_eq!(r.person.role, "预备党员", "exactly 18 on the meeting day");
}

#[test]
fn one_extension_of_the_probation_and_no_second() {
    let (mut conn, ids) = branch();
    let p = applicant(&mut conn, "1998-05-01", "2024-01-10");
    to_fourteen(&mut conn, p, &ids);
    step_with(&mut conn, StepInput { person_id: p, step: 15, date: "2025-07-01".into(), vote: passed_vote(), ..Default::default() }).unwrap();
    for (n, date) in [(16, "2025-07-10"), (17, "2025-08-20"), (18, "2025-08-30"), (19, "2025-09-01"), (20, "2025-09-01"), (21, "2026-01-10"), (22, "2026-07-01")] {
        step(&mut conn, p, n, date).unwrap();
    }
    let bad = step_with(&mut conn, StepInput { person_id: p, step: 23, date: "2026-07-05".into(), vote: passed_vote(), outcome: Some("extend".into()), extension_months: Some(5), ..Default::default() }).unwrap_err();
    assert_eq!(bad.code(), "BAD_EXTENSION");
    let r = step_with(&mut conn, StepInput { person_id: p, step: 23, date: "2026-07-05".into(), vote: passed_vote(), outcome: Some("extend".into()), extension_months: Some(6), ..Default::default() }).unwrap();
    assert_eq!(r.person.probation_end.as_deref(), Some("2027-01-01"));
    step(&mut conn, p, 24, "2026-08-01").unwrap();
    step(&mut conn, p, 21, "2026-10-10").unwrap();
    step(&mut conn, p, 22, "2026-11-01").unwrap();
    let again = step_with(&mut conn, StepInput { person_id: p, step: 23, date: "2026-11-05".into(), vote: passed_vote(), outcome: Some("extend".into()), extension_months: Some(6), ..Default::default() }).unwrap_err();
    assert_eq!(again.code(), "SECOND_EXTENSION");
    let member_id = show(&conn, p, d(TODAY)).unwrap().member_id.unwrap();
    assert_eq!(member::get_record(&conn, member_id).unwrap().data.category.as_deref(), Some("probationary"));
}

#[test]
fn the_record_and_the_timeline_print() {
    let (mut conn, ids) = branch();
    let p = applicant(&mut conn, "1998-05-01", "2024-01-10");
    to_fourteen(&mut conn, p, &ids);
    let t = record_table(&conn, p, d(TODAY)).unwrap();
    assert!(t.groups[0].rows.len() >= 25, "every step has a line, done or not");
    let nine = t.groups[0].rows.iter().find(|r| r[0] == "9").unwrap();
    assert!(nine[6].contains("入党介绍人：张三、李四"), "{nine:?}");
    assert!(t.subtitle[0].contains("王小明"));
    let tl = timeline(&conn, d(TODAY)).unwrap();
    let row = &tl.groups[0].rows[0];
    assert_eq!((row[1].as_str(), row[2].as_str(), row[5].as_str()), ("王小明", "发展对象", "2025-03-01"));
    assert_eq!(row[8], "第 15 步 支部大会讨论");
    assert_eq!(table(&conn, "record", None, None, d(TODAY)).unwrap_err().code(), "BAD_TABLE", "a person's print needs the person");
    assert_eq!(table(&conn, "counts", None, Some(2025), d(TODAY)).unwrap().title, counts(&conn, 2025).unwrap().title);
}

#[test]
fn the_notice_the_archive_and_the_yearly_counts() {
    let (mut conn, ids) = branch();
    let p = applicant(&mut conn, "1998-05-01", "2024-01-10");
    to_fourteen(&mut conn, p, &ids);
    let n = notice(&conn, p, d(TODAY)).unwrap();
    assert!(n.title.contains("王小明") && n.notes[0].contains("2025-05-06 至 2025-05-12"), "{:?}", n.notes);
    assert!(n.groups[0].rows.iter().any(|r| r[3].contains("张三、李四")));
    let a = archive(&conn, p, d(TODAY)).unwrap();
    let have = |item: &str| a.groups[0].rows.iter().find(|r| r[1].starts_with(item)).unwrap()[3].clone();
    assert_eq!((have("入党志愿书").as_str(), have("支部大会记录").as_str()), ("√", ""));
    step_with(&mut conn, StepInput { person_id: p, step: 15, date: "2025-07-01".into(), vote: passed_vote(), ..Default::default() }).unwrap();
    step(&mut conn, p, 16, "2025-07-10").unwrap();
    step(&mut conn, p, 17, "2025-08-20").unwrap();
    let c2025 = counts(&conn, 2025).unwrap();
    // Accepted (审批) in 2025: one; applied in 2024, so none in 2025.
    assert_eq!(&c2025.groups[0].rows[0][1..5], &["0", "0", "1", "1"]);
    let c2024 = counts(&conn, 2024).unwrap();
    assert_eq!(&c2024.groups[0].rows[0][1..5], &["1", "1", "0", "0"]);
}

#[test]
fn the_latest_step_is_voided_and_an_applicant_stopped() {
    let (mut conn, _) = branch();
    let p = applicant(&mut conn, "1998-05-01", "2024-01-10");
    step(&mut conn, p, 2, "2024-01-20").unwrap();
    let three = step(&mut conn, p, 3, "2024-03-01").unwrap().person.steps.iter().find(|s| s.step == 3).unwrap().id;
    let two = show(&conn, p, d(TODAY)).unwrap().steps.iter().find(|s| s.step == 2).unwrap().id;
    assert_eq!(void_step(&mut conn, "书记", two, "日期记错了", d(TODAY)).unwrap_err().code(), "NOT_LATEST");
    let after = void_step(&mut conn, "书记", three, "日期记错了", d(TODAY)).unwrap();
    assert_eq!(after.role, "申请人");
    step(&mut conn, p, 3, "2024-03-05").unwrap();
    assert_eq!(stop(&mut conn, "书记", p, " ", d(TODAY)).unwrap_err().code(), "REQUIRED");
    let s = stop(&mut conn, "书记", p, "本人外出求学，暂不继续", d(TODAY)).unwrap();
    assert_eq!(s.state, "stopped");
    assert!(board(&conn, d(TODAY)).unwrap().is_empty());
}

#[test]
fn a_vote_linked_to_the_branch_assembly_takes_its_attendance() {
    use crate::meetings::meeting::{self, MeetingInput};
    let (mut conn, ids) = branch();
    let p = applicant(&mut conn, "1998-05-01", "2024-01-10");
    to_fourteen(&mut conn, p, &ids);
    let m = meeting::create(&mut conn, "书记", &MeetingInput::new("branch_assembly", "held", "2025-07-01", "讨论接收预备党员")).unwrap();
    let q = m.quorum.clone().unwrap();
    // 应到 and 实到 from the meeting (two 正式党员, both present; 预备党员 赵六 does not vote).
    assert_eq!((q.voting, q.present_voting), (2, 2));
    let vote = VoteInput { yes: 2, ..Default::default() };
    let r = step_with(&mut conn, StepInput { person_id: p, step: 15, date: "2025-07-01".into(), vote: Some(vote), meeting_id: Some(m.meeting.id), ..Default::default() }).unwrap();
    assert!(r.person.steps.iter().find(|s| s.step == 15).unwrap().vote.as_deref().unwrap().starts_with("应到 2，实到 2，赞成 2"));
}

#[test]
fn only_a_held_branch_assembly_can_carry_the_vote() {
    use crate::meetings::meeting::{self, MeetingInput};
    let (mut conn, ids) = branch();
    let p = applicant(&mut conn, "1998-05-01", "2024-01-10");
    to_fourteen(&mut conn, p, &ids);
    let committee = meeting::create(&mut conn, "书记", &MeetingInput::new("committee", "held", "2025-07-01", "支委会")).unwrap();
    let e = step_with(&mut conn, StepInput { person_id: p, step: 15, date: "2025-07-01".into(), vote: passed_vote(), meeting_id: Some(committee.meeting.id), ..Default::default() }).unwrap_err();
    assert_eq!(e.code(), "NOT_ASSEMBLY");
}

#[test]
fn the_notice_counts_workdays_on_the_secretarys_calendar() {
    let (mut conn, ids) = branch();
    let q = applicant(&mut conn, "1997-05-01", "2024-01-10");
    let fourteen = |conn: &mut Connection| {
        step(conn, q, 2, "2024-01-20").unwrap();
        step(conn, q, 3, "2024-03-01").unwrap();
        step(conn, q, 4, "2024-03-10").unwrap();
        step_with(conn, StepInput { person_id: q, step: 5, date: "2024-03-10".into(), people: vec![ids[0]], ..Default::default() }).unwrap();
        step(conn, q, 6, "2024-09-01").unwrap();
        step(conn, q, 7, "2025-03-01").unwrap();
        step(conn, q, 8, "2025-03-05").unwrap();
        step_with(conn, StepInput { person_id: q, step: 9, date: "2025-03-06".into(), people: vec![ids[0], ids[1]], ..Default::default() }).unwrap();
        step_with(conn, StepInput { person_id: q, step: 10, date: "2025-04-01".into(), passed: Some(true), ..Default::default() }).unwrap();
        step_with(conn, StepInput { person_id: q, step: 11, date: "2025-04-10".into(), training_days: Some(3), ..Default::default() }).unwrap();
    };
    fourteen(&mut conn);
    // 2025-09-29 (Mon) to 10-09 (Thu): with 国庆 10-01 to 10-08 off and Sunday 09-28 worked, only Mon 29, Tue 30 and Thu 10-09.
    let mut s = crate::settings::get(&conn).unwrap();
    s.workdays.holidays = (1..=8).map(|d| format!("2025-10-{d:02}")).collect();
    s.workdays.workdays = vec!["2025-09-28".into(), "2025-10-11".into()];
    crate::settings::update(&mut conn, "书记", &s).unwrap();
    let e = step_with(&mut conn, StepInput { person_id: q, step: 12, date: "2025-09-29".into(), notice_to: Some("2025-10-09".into()), ..Default::default() }).unwrap_err();
    assert_eq!(e.code(), "NOTICE_SHORT");
    assert!(e.message().contains("只有 3 个工作日"), "{}", e.message());
    // Through Saturday 10-11 (a worked day) and Monday 10-13: five.
    step_with(&mut conn, StepInput { person_id: q, step: 12, date: "2025-09-29".into(), notice_to: Some("2025-10-13".into()), ..Default::default() }).unwrap();
    let mut bad = crate::settings::get(&conn).unwrap();
    bad.workdays.holidays = vec!["2025-13-01".into()];
    assert_eq!(crate::settings::update(&mut conn, "书记", &bad).unwrap_err().code(), "BAD_DATE");
}

#[test]
fn an_introducer_who_is_a_probationary_member_is_refused() {
    let (mut conn, ids) = branch();
    let p = applicant(&mut conn, "1998-05-01", "2024-01-10");
    for (n, date) in [(2, "2024-01-20"), (3, "2024-03-01"), (4, "2024-03-10")] {
        step(&mut conn, p, n, date).unwrap();
    }
    step_with(&mut conn, StepInput { person_id: p, step: 5, date: "2024-03-10".into(), people: vec![ids[0]], ..Default::default() }).unwrap();
    for (n, date) in [(6, "2024-09-01"), (7, "2025-03-01"), (8, "2025-03-05")] {
        step(&mut conn, p, n, date).unwrap();
    }
    let e = step_with(&mut conn, StepInput { person_id: p, step: 9, date: "2025-03-06".into(), people: vec![ids[0], ids[2]], ..Default::default() }).unwrap_err();
    assert_eq!(e.code(), "NOT_FULL_MEMBER");
    assert!(e.message().contains("赵六是预备党员") && e.message().contains("入党介绍人"), "{}", e.message());
    // Two introducers, not one.
    let one = step_with(&mut conn, StepInput { person_id: p, step: 9, date: "2025-03-06".into(), people: vec![ids[0]], ..Default::default() }).unwrap_err();
    assert_eq!(one.code(), "PEOPLE_COUNT");
}

#[test]
fn the_pre_review_waits_for_the_notice_to_end() {
    let (mut conn, ids) = branch();
    let q = applicant(&mut conn, "1997-05-01", "2024-01-10");
    for (n, date) in [(2, "2024-01-20"), (3, "2024-03-01"), (4, "2024-03-10")] {
        step(&mut conn, q, n, date).unwrap();
    }
    step_with(&mut conn, StepInput { person_id: q, step: 5, date: "2024-03-10".into(), people: vec![ids[0]], ..Default::default() }).unwrap();
    for (n, date) in [(6, "2024-09-01"), (7, "2025-03-01"), (8, "2025-03-05")] {
        step(&mut conn, q, n, date).unwrap();
    }
    step_with(&mut conn, StepInput { person_id: q, step: 9, date: "2025-03-06".into(), people: vec![ids[0], ids[1]], ..Default::default() }).unwrap();
    step_with(&mut conn, StepInput { person_id: q, step: 10, date: "2025-04-01".into(), passed: Some(true), ..Default::default() }).unwrap();
    step_with(&mut conn, StepInput { person_id: q, step: 11, date: "2025-04-10".into(), training_days: Some(3), ..Default::default() }).unwrap();
    step_with(&mut conn, StepInput { person_id: q, step: 12, date: "2025-05-06".into(), notice_to: Some("2025-05-12".into()), ..Default::default() }).unwrap();
    assert_eq!(step(&mut conn, q, 13, "2025-05-12").unwrap_err().code(), "NOTICE_RUNNING");
    step(&mut conn, q, 13, "2025-05-13").unwrap();
    // A second applicant of the same name is said, not refused.
    let (_, warn) = add(&mut conn, "书记", &PersonInput { name: "王小明".into(), applied_on: "2026-11-01".into(), ..Default::default() }, d(TODAY)).unwrap();
    assert!(warn.iter().any(|w| w.contains("已有同名的王小明")), "{warn:?}");
    let future = add(&mut conn, "书记", &PersonInput { name: "未来".into(), birth_date: Some("2027-01-01".into()), applied_on: "2026-11-01".into(), ..Default::default() }, d(TODAY)).unwrap_err();
    assert_eq!(future.code(), "FUTURE_DATE");
}

#[test]
fn a_mistyped_name_is_corrected_until_the_person_is_in_the_registry() {
    let (mut conn, ids) = branch();
    let p = applicant(&mut conn, "1998-05-01", "2024-01-10");
    let fixed = update(&mut conn, "书记", p, &PersonInput { name: "王晓明".into(), birth_date: Some("1998-05-02".into()), ..Default::default() }, d(TODAY)).unwrap();
    assert_eq!((fixed.name.as_str(), fixed.birth_date.as_deref()), ("王晓明", Some("1998-05-02")));
    assert_eq!(update(&mut conn, "书记", p, &PersonInput::default(), d(TODAY)).unwrap_err().code(), "REQUIRED");
    to_fourteen(&mut conn, p, &ids);
    step_with(&mut conn, StepInput { person_id: p, step: 15, date: "2025-07-01".into(), vote: passed_vote(), ..Default::default() }).unwrap();
    let e = update(&mut conn, "书记", p, &PersonInput { name: "王小明".into(), ..Default::default() }, d(TODAY)).unwrap_err();
    assert_eq!(e.code(), "IN_REGISTRY");
}

/// Issue 25 §5: an applicant born after the application date is refused beside the birth date.
#[test]
fn an_applicant_born_after_applying_is_refused() {
    let (mut conn, _) = branch();
    let input = PersonInput { name: "王小明".into(), birth_date: Some("2024-05-01".into()), applied_on: "2024-01-10".into(), ..Default::default() };
    let Err(crate::Error::Invalid(f)) = add(&mut conn, "书记", &input, d("2026-12-04")) else { panic!() };
    assert_eq!((f[0].field.as_str(), f[0].code), ("birth_date", "AFTER_APPLICATION"));
    assert!(f[0].message.contains("2024-05-01") && f[0].message.contains("2024-01-10"), "{}", f[0].message);
}

//! 民主评议 over a data file: participants with 预备党员 ungraded, tallies, the cap at N = 30–33 with a reason to go
//! over it, 不合格 and its 组织处置, and the prints.
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

/// `full` 正式党员 and one 预备党员 (the last id).
fn branch(full: usize) -> (Connection, Vec<i64>) {
    let mut conn = db::open_in_memory().unwrap();
    demo::blank_branch(&mut conn, "东风村党支部", &["第一党小组"]).unwrap();
    let surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙"];
    let mut ids = Vec::new();
    for i in 0..=full {
        let probationary = i == full;
        let m = MemberData {
            name: format!("{}{}", surnames[i % surnames.len()], ["一", "二", "三", "四"][i / surnames.len()]),
            category: Some(if probationary { "probationary" } else { "full" }.into()),
            join_date: Some(if probationary { "2026-03-01" } else { "2010-07-01" }.into()),
            full_date: (!probationary).then(|| "2011-07-01".into()),
            ..Default::default()
        };
        ids.push(member::create(&mut conn, "书记", &m).unwrap().id);
    }
    (conn, ids)
}

fn opened(conn: &mut Connection) -> Appraisal {
    open(conn, "书记", &AppraisalInput { year: 2026, ..Default::default() }).unwrap()
}

#[test]
fn the_cap_at_thirty_to_thirty_three() {
    for (n, cap) in [(30, 10), (31, 10), (32, 10), (33, 11)] {
        let (mut conn, _) = branch(n);
        let a = opened(&mut conn);
        assert_eq!((a.full_members, a.excellent_max, a.entries.len()), (n as u32, cap, n + 1));
    }
}

#[test]
fn grades_under_the_cap_and_over_it_with_a_reason() {
    let (mut conn, ids) = branch(6);
    let a = opened(&mut conn);
    assert_eq!(a.excellent_max, 2);
    let g = |m: i64, grade: &str| GradeInput { member_id: m, grade: Some(grade.into()), ..Default::default() };
    grade(&mut conn, "书记", a.id, &g(ids[0], "excellent")).unwrap();
    grade(&mut conn, "书记", a.id, &g(ids[1], "excellent")).unwrap();
    let over = grade(&mut conn, "书记", a.id, &g(ids[2], "excellent")).unwrap_err();
    assert_eq!(over.code(), "OVER_CAP");
    assert!(over.message().contains("6 名正式党员最多 2 名优秀"), "{}", over.message());
    let ok = grade(&mut conn, "书记", a.id, &GradeInput { cap_reason: Some("抗洪抢险中表现突出".into()), ..g(ids[2], "excellent") }).unwrap();
    assert_eq!(ok.excellent_count, 3);
    assert!(ok.warnings[0].contains("已说明理由"));
    // A 预备党员 is never graded.
    let p = grade(&mut conn, "书记", a.id, &g(ids[6], "good")).unwrap_err();
    assert_eq!(p.code(), "PROBATIONARY");
    let e = ok.entries.iter().find(|e| e.member_id == ids[0]).unwrap();
    assert_eq!(e.class_reason.as_deref(), Some("2026 年度民主评议评定为优秀"));
    assert!(ok.warnings.iter().any(|w| w.contains("还没有登记测评票数")), "{:?}", ok.warnings);
}

#[test]
fn tallies_a_miscount_is_said() {
    let (mut conn, ids) = branch(3);
    let a = opened(&mut conn);
    let v = |e, g, b, p, s| Some(Votes { excellent: e, good: g, basic: b, poor: p, spoiled: s });
    let rows = vec![TallyInput { member_id: ids[0], votes: v(5, 2, 0, 0, 1) }, TallyInput { member_id: ids[1], votes: v(1, 6, 1, 0, 0) }, TallyInput { member_id: ids[2], votes: v(0, 7, 0, 0, 0) }];
    let t = tally(&mut conn, "书记", a.id, &rows).unwrap();
    let e = &t.entries.iter().find(|e| e.member_id == ids[0]).unwrap();
    assert_eq!((e.valid, e.excellent_rate.as_deref()), (Some(7), Some("71.4%")));
    assert_eq!(t.warnings.len(), 1, "{:?}", t.warnings);
    assert!(t.warnings[0].contains("7 张"));
    assert_eq!(tally(&mut conn, "书记", a.id, &[TallyInput { member_id: 999, votes: None }]).unwrap_err().code(), "NOT_PARTICIPANT");
}

#[test]
fn poor_leads_to_an_organisational_action_not_for_a_matter_already_punished() {
    let (mut conn, ids) = branch(3);
    let a = opened(&mut conn);
    let input = ActionInput { member_id: ids[1], kind: "correct".into(), decided_on: "2026-01-31".into(), matter: "长期不参加组织生活".into(), ..Default::default() };
    assert_eq!(act(&mut conn, "书记", a.id, &input, d(TODAY)).unwrap_err().code(), "NOT_POOR");
    grade(&mut conn, "书记", a.id, &GradeInput { member_id: ids[1], grade: Some("poor".into()), ..Default::default() }).unwrap();
    assert_eq!(act(&mut conn, "书记", a.id, &ActionInput { already_punished: true, ..input.clone() }, d(TODAY)).unwrap_err().code(), "PUNISHED");
    assert_eq!(act(&mut conn, "书记", a.id, &ActionInput { months: Some(13), ..input.clone() }, d(TODAY)).unwrap_err().code(), "OUT_OF_RANGE");
    let done = act(&mut conn, "书记", a.id, &input, d(TODAY)).unwrap();
    assert_eq!((done.actions[0].months, done.actions[0].ends_on.as_deref()), (Some(6), Some("2026-07-31")));
    // 除名 ends the membership through the 党籍 change.
    grade(&mut conn, "书记", a.id, &GradeInput { member_id: ids[2], grade: Some("poor".into()), ..Default::default() }).unwrap();
    act(&mut conn, "书记", a.id, &ActionInput { member_id: ids[2], kind: "remove".into(), ..input.clone() }, d(TODAY)).unwrap();
    let m = member::get_record(&conn, ids[2]).unwrap();
    assert_eq!((m.status.as_str(), m.status_kind.as_deref()), ("out", Some("removed")));
    assert_eq!(member::get_record(&conn, ids[1]).unwrap().status, "normal", "限期改正 keeps the member");
    let report = print(&conn, "report", 2026, d(TODAY)).unwrap();
    let text: String = report.groups[0].rows.iter().flatten().cloned().collect();
    assert!(text.contains("限期改正") && text.contains("除名") && text.contains("评定不合格2 名"), "{text}");
}

#[test]
fn the_ballot_marks_the_probationary_member_and_follows_stroke_order() {
    let (mut conn, _) = branch(3);
    opened(&mut conn);
    let b = print(&conn, "ballot", 2026, d(TODAY)).unwrap();
    assert_eq!(b.title, "东风村党支部2026年度民主评议党员测评表");
    let rows = &b.groups[0].rows;
    let names: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(names, ["王一", "刘一", "张一", "李一"], "姓氏笔画: 王 4, 刘 6, then 张 and 李 (7) by first strokes");
    let last = rows.iter().find(|r| r[1] == "刘一").unwrap();
    assert_eq!(last[6], "预备党员，不定等次");
    assert_eq!(open(&mut conn, "书记", &AppraisalInput { year: 2026, ..Default::default() }).unwrap_err().code(), "DUPLICATE");
    assert_eq!(print(&conn, "ballot", 2025, d(TODAY)).unwrap_err().code(), "NOT_OPENED");
}

#[test]
fn two_members_of_one_name_are_told_apart_on_the_ballot() {
    let (mut conn, _) = branch(3);
    for birth in ["1972-05-01", "1980-03-01"] {
        let m = MemberData { name: "王芳".into(), category: Some("full".into()), birth_date: Some(birth.into()), join_date: Some("2010-07-01".into()), full_date: Some("2011-07-01".into()), ..Default::default() };
        member::create(&mut conn, "书记", &m).unwrap();
    }
    opened(&mut conn);
    let b = print(&conn, "ballot", 2026, d(TODAY)).unwrap();
    let names: Vec<&str> = b.groups[0].rows.iter().map(|r| r[1].as_str()).filter(|n| n.starts_with("王芳")).collect();
    assert_eq!(names, ["王芳（1972年生）", "王芳（1980年生）"]);
}

/// Issue 25 §5: a 组织处置 decided before the year's 民主测评 is refused beside its date.
#[test]
fn an_action_is_not_decided_before_the_vote() {
    let (mut conn, ids) = branch(3);
    let steps = [("vote".to_string(), "2026-02-10".to_string())].into_iter().collect();
    let a = open(&mut conn, "书记", &AppraisalInput { year: 2026, steps, ..Default::default() }).unwrap();
    grade(&mut conn, "书记", a.id, &GradeInput { member_id: ids[1], grade: Some("poor".into()), ..Default::default() }).unwrap();
    let input = ActionInput { member_id: ids[1], kind: "correct".into(), decided_on: "2026-01-31".into(), matter: "长期不参加组织生活".into(), ..Default::default() };
    let Err(crate::Error::Invalid(f)) = act(&mut conn, "书记", a.id, &input, d(TODAY)) else { panic!() };
    assert_eq!((f[0].field.as_str(), f[0].code), ("decided_on", "BEFORE_APPRAISAL"));
    assert!(f[0].message.contains("民主测评日期 2026-02-10"), "{}", f[0].message);
    act(&mut conn, "书记", a.id, &ActionInput { decided_on: "2026-02-20".into(), ..input }, d(TODAY)).unwrap();
}

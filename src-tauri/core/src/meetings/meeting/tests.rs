//! Tests of meetings: expected attendees, checks, attendance, quorum, make-ups and the list.
use super::*;
use crate::store::db;
use crate::demo;
use crate::members::member::{self, MemberData};

/// A branch with two groups: 5 members in the first (one 预备党员), 3 in the second, and 2 支委.
pub(crate) fn branch() -> (Connection, Vec<i64>, Vec<i64>) {
    let mut conn = db::open_in_memory().unwrap();
    let org = demo::blank_branch(&mut conn, "东风村党支部", &["第一党小组", "第二党小组"]).unwrap();
    let groups: Vec<i64> = org.branches[0].groups.iter().map(|g| g.id).collect();
    let today = dates::today();
    let mut inputs = demo::generate(8, 7, &groups, today);
    for (i, m) in inputs.iter_mut().enumerate() {
        m.group_id = Some(groups[if i < 5 { 0 } else { 1 }]);
        m.category = Some("full".into());
        m.full_date = m.join_date.as_deref().and_then(dates::parse).and_then(|j| j.checked_add_months(chrono::Months::new(12))).map(dates::iso);
        m.party_post = None;
    }
    inputs[0].party_post = Some("secretary".into());
    inputs[5].party_post = Some("organization".into());
    inputs[1].category = Some("probationary".into());
    inputs[1].full_date = None;
    inputs[1].join_date = Some(dates::iso(today - chrono::Days::new(100)));
    let tx = conn.transaction().unwrap();
    let ids = inputs.iter().map(|m| member::create_in(&tx, "书记", m, today).unwrap().id).collect();
    tx.commit().unwrap();
    (conn, ids, groups)
}

fn held(kind: &str, date: &str) -> MeetingInput {
    MeetingInput::new(kind, "held", date, "学习党章")
}

/// The same ids in any order: `expected` lists in the roster's order, the expectations below in creation order.
fn set(mut v: Vec<i64>) -> Vec<i64> {
    v.sort_unstable();
    v
}

#[test]
fn expected_attendees_follow_the_kind() {
    // The expectations come from how `branch()` built the members, not from `expected` itself: ids[0..5] in the
    // first group, ids[5..8] in the second, ids[0] the secretary and ids[5] the organisation 委员.
    let (mut conn, ids, groups) = branch();
    let whole = |conn: &Connection, kind: &str| set(expected(conn, kind, 1, None).unwrap());
    let group = |conn: &Connection, g: i64| set(expected(conn, "group", 1, Some(g)).unwrap());
    assert_eq!(whole(&conn, "theme_day"), set(ids.clone()));
    assert_eq!(whole(&conn, "branch_assembly"), set(ids.clone()));
    assert_eq!(whole(&conn, "committee"), set(vec![ids[0], ids[5]]));
    assert_eq!(group(&conn, groups[0]), set(ids[..5].to_vec()));
    assert_eq!(group(&conn, groups[1]), set(ids[5..].to_vec()));
    // Another branch's meeting expects nobody of this one.
    assert!(expected(&conn, "theme_day", 999, None).unwrap().is_empty());
    // Members who left the branch are not expected.
    member::change_status(&mut conn, "书记", ids[6], &member::StatusChange {
        status: "transferred".into(), kind: None, date: dates::iso(dates::today()), reason: "转出".into(), destination: Some("城南社区党支部".into()),
    }).unwrap();
    assert_eq!(group(&conn, groups[1]), set(vec![ids[5], ids[7]]));
    let stayed: Vec<i64> = ids.iter().copied().filter(|&id| id != ids[6]).collect();
    assert_eq!(whole(&conn, "lecture"), set(stayed.clone()));
    // A 失联 member is not expected by default, and is named in the note instead.
    let mut lost = member::get_record(&conn, ids[7]).unwrap().data;
    lost.lost_contact = true;
    lost.lost_contact_reason = Some("1".into());
    member::update(&mut conn, "书记", ids[7], &lost, None).unwrap();
    let reachable: Vec<i64> = stayed.iter().copied().filter(|&id| id != ids[7]).collect();
    assert_eq!(whole(&conn, "lecture"), set(reachable.clone()));
    let listed: Vec<i64> = expected_attendees(&conn, "lecture", None, None).unwrap().iter().map(|a| a.attendance.member_id).collect();
    assert_eq!(set(listed), set(reachable));
    assert_eq!(lost_contact_names(&conn, Some(1)).unwrap(), vec![lost.name.clone()]);
}

#[test]
fn exceptions_shortcut_marks_everyone_else_present() {
    let (conn, ids, groups) = branch();
    let leave = AttendanceInput { member_id: ids[6], status: "leave".into(), reason: Some("外出务工".into()), ..Default::default() };
    let mut input = held("group", "2026-10-12");
    input.data.group_id = Some(groups[1]);
    apply_exceptions(&conn, &mut input, std::slice::from_ref(&leave)).unwrap();
    let list = input.attendees.clone().unwrap();
    assert_eq!(set(list.iter().map(|a| a.member_id).collect()), set(ids[5..].to_vec()), "the group's members, no one else");
    assert_eq!(list.iter().find(|a| a.member_id == ids[6]), Some(&leave));
    assert!(list.iter().filter(|a| a.member_id != ids[6]).all(|a| a.status == "present" && a.mode.is_none()));
    // A list already given, or no exceptions, is left alone.
    let mut given = held("theme_day", "2026-10-12").with_attendees(vec![leave.clone()]);
    apply_exceptions(&conn, &mut given, &[]).unwrap();
    apply_exceptions(&conn, &mut given, std::slice::from_ref(&leave)).unwrap();
    assert_eq!(given.attendees.as_deref(), Some(std::slice::from_ref(&leave)));
    let mut none = held("theme_day", "2026-10-12");
    apply_exceptions(&conn, &mut none, &[]).unwrap();
    assert!(none.attendees.is_none());
}

#[test]
fn create_defaults_to_everyone_present_and_fast_exceptions() {
    let (mut conn, ids, groups) = branch();
    let d = create(&mut conn, "书记", &held("theme_day", "2026-10-10")).unwrap();
    assert_eq!(d.attendees.len(), 8);
    assert!(d.attendees.iter().all(|a| a.attendance.status == "present" && a.attendance.mode.as_deref() == Some("onsite")));
    assert_eq!(d.tally.rate, Some(1.0));
    // A 党小组会 without a group is refused, naming the field.
    let err = create(&mut conn, "书记", &held("group", "2026-10-10")).unwrap_err();
    assert!(matches!(&err, Error::Invalid(f) if f[0].field == "group_id"));
    let mut g = held("group", "2026-10-12");
    g.data.group_id = Some(groups[0]);
    let d = create(&mut conn, "书记", &g).unwrap();
    assert_eq!(d.attendees.len(), 5);
    assert_eq!(d.meeting.group_name.as_deref(), Some("第一党小组"));
    // Leave needs a reason, named by the member.
    // As the form sends it: present members on site.
    let mut list: Vec<AttendanceInput> = d.attendees.iter().map(|a| AttendanceInput { member_id: a.attendance.member_id, status: "present".into(), mode: Some("onsite".into()), ..Default::default() }).collect();
    list[0].status = "leave".into();
    list[0].mode = None;
    let mut edit = g.clone();
    edit.attendees = Some(list.clone());
    let Error::Invalid(f) = update(&mut conn, "书记", d.meeting.id, &edit).unwrap_err() else { panic!() };
    assert!(f[0].message.contains("请假原因") && f[0].message.contains(&d.attendees[0].name), "{}", f[0].message);
    list[0].reason = Some("外出务工".into());
    list[1].status = "absent".into();
    list[1].mode = Some("onsite".into());
    edit.attendees = Some(list.clone());
    let Error::Invalid(f) = update(&mut conn, "书记", d.meeting.id, &edit).unwrap_err() else { panic!() };
    assert_eq!(f[0].code, "BAD_MODE", "an absent member cannot have taken part on site");
    list[1].mode = None;
    edit.attendees = Some(list);
    let d2 = update(&mut conn, "书记", d.meeting.id, &edit).unwrap();
    assert_eq!((d2.tally.present, d2.tally.leave, d2.tally.absent), (3, 1, 1));
    assert_eq!(d2.tally.rate, Some(3.0 / 5.0));
    assert!(ids.contains(&d2.attendees[0].attendance.member_id));
    // The audit log keeps before and after.
    let log = audit::list(&conn, Some(("meeting", d.meeting.id)), 10).unwrap();
    assert_eq!(log.len(), 2);
    assert!(log[0].before.as_deref().unwrap().contains("\"leave\":0"));
}

#[test]
fn held_meetings_cannot_be_in_the_future_and_planned_can() {
    let (mut conn, ..) = branch();
    let next_year = format!("{}-01-05", dates::today().format("%Y").to_string().parse::<i32>().unwrap() + 1);
    let err = create(&mut conn, "书记", &held("committee", &next_year)).unwrap_err();
    assert_eq!(err.code(), "FUTURE_DATE");
    let mut p = held("committee", &next_year);
    p.data.state = "planned".into();
    let d = create(&mut conn, "书记", &p).unwrap();
    assert_eq!(d.meeting.data.state, "planned");
    let c = cancel(&mut conn, "书记", d.meeting.id, "改期").unwrap();
    assert_eq!(c.meeting.data.state, "cancelled");
    assert_eq!(update(&mut conn, "书记", d.meeting.id, &p).unwrap_err().code(), "CANCELLED");
    let mut bad = held("lecture", "2026-10-01");
    bad.data.topic = " ".into();
    bad.data.start_time = Some("9点".into());
    let Error::Invalid(f) = create(&mut conn, "书记", &bad).unwrap_err() else { panic!() };
    let fields: Vec<_> = f.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["start_time", "topic"]);
}

#[test]
fn quorum_counts_only_full_members() {
    let (mut conn, ids, _) = branch();
    let mut m = held("branch_assembly", "2026-10-20");
    // 8 expected, one of them 预备党员: 7 voting. Four full members present is more than half.
    let mut list: Vec<AttendanceInput> = ids.iter().map(|&member_id| AttendanceInput { member_id, status: "absent".into(), ..Default::default() }).collect();
    for i in [0, 2, 3, 4] {
        list[i].status = "present".into();
    }
    list[1].status = "present".into(); // the 预备党员: present, but no vote
    m.attendees = Some(list.clone());
    let d = create(&mut conn, "书记", &m).unwrap();
    assert_eq!(d.quorum, Some(Quorum { voting: 7, present_voting: 4, met: true }));
    list[4].status = "absent".into();
    m.attendees = Some(list);
    let d = update(&mut conn, "书记", d.meeting.id, &m).unwrap();
    assert_eq!(d.quorum, Some(Quorum { voting: 7, present_voting: 3, met: false }), "3 of 7 is not more than half");
    assert!(create(&mut conn, "书记", &held("committee", "2026-10-20")).unwrap().quorum.is_none());
}

#[test]
fn leave_policy_changes_the_rate() {
    let rows = [("present", Some("onsite")), ("present", Some("onsite")), ("leave", None), ("absent", None), ("leave", Some("home"))];
    let t = tally(rows.iter().map(|(s, m)| (*s, *m)), "absent");
    assert_eq!((t.expected, t.took_part, t.made_up), (5, 3, 1));
    assert_eq!(t.rate, Some(3.0 / 5.0));
    assert_eq!(tally(rows.iter().map(|(s, m)| (*s, *m)), "exclude").rate, Some(3.0 / 4.0));
    assert_eq!(tally(rows.iter().map(|(s, m)| (*s, *m)), "present").rate, Some(4.0 / 5.0));
    assert_eq!(tally(std::iter::empty(), "absent").rate, None);
}

#[test]
fn makeup_counts_as_participation() {
    let (mut conn, ids, _) = branch();
    let mut m = held("theme_day", "2026-10-10");
    m.attendees = Some(ids.iter().map(|&member_id| AttendanceInput {
        member_id,
        status: if member_id == ids[2] { "absent".into() } else { "present".into() },
        ..Default::default()
    }).collect());
    let d = create(&mut conn, "书记", &m).unwrap();
    assert_eq!(d.tally.took_part, 7);
    let mk = Makeup { meeting_id: d.meeting.id, member_id: ids[2], mode: "home".into(), date: "2026-10-15".into(), by: Some("张建国".into()), note: None };
    let d = record_makeup(&mut conn, "书记", &mk).unwrap();
    assert_eq!((d.tally.took_part, d.tally.made_up, d.tally.absent), (8, 1, 1));
    // The list sums in SQL; it must agree with the detail's row-by-row count.
    assert_eq!(list(&conn, &MeetingQuery::default()).unwrap()[0].tally, d.tally);
    let early = Makeup { date: "2026-10-01".into(), ..mk.clone() };
    assert_eq!(record_makeup(&mut conn, "书记", &early).unwrap_err().code(), "DATE_ORDER");
    let present = Makeup { member_id: ids[0], ..mk };
    assert_eq!(record_makeup(&mut conn, "书记", &present).unwrap_err().code(), "ALREADY_PRESENT");
}

#[test]
fn list_filters_by_period_and_kind() {
    let (mut conn, ..) = branch();
    for (k, d) in [("committee", "2026-09-30"), ("committee", "2026-10-01"), ("theme_day", "2026-10-31"), ("lecture", "2026-11-01")] {
        create(&mut conn, "书记", &held(k, d)).unwrap();
    }
    let q = MeetingQuery { from: Some("2026-10-01".into()), to: Some("2026-10-31".into()), ..Default::default() };
    let l = list(&conn, &q).unwrap();
    assert_eq!(l.iter().map(|m| m.meeting.data.date.as_str()).collect::<Vec<_>>(), ["2026-10-31", "2026-10-01"]);
    let q = MeetingQuery { kind: Some("committee".into()), ..Default::default() };
    assert_eq!(list(&conn, &q).unwrap().len(), 2);
    let q = MeetingQuery { from: Some("10月".into()), ..Default::default() };
    assert_eq!(list(&conn, &q).unwrap_err().code(), "BAD_DATE");
}

#[test]
fn a_new_member_is_not_in_old_meetings() {
    let (mut conn, ..) = branch();
    let d = create(&mut conn, "书记", &held("theme_day", "2026-10-10")).unwrap();
    member::create(&mut conn, "书记", &MemberData { name: "新党员".into(), ..Default::default() }).unwrap();
    assert_eq!(detail(&conn, d.meeting.id).unwrap().attendees.len(), 8);
}

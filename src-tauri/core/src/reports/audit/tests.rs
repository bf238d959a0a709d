//! Tests of the audit viewer (操作记录).
use super::*;
use crate::demo;
use crate::members::member::{self, MemberData};

#[test]
fn filters_by_member_kind_and_date_and_shows_the_changed_fields() {
    let mut conn = crate::store::db::open_in_memory().unwrap();
    demo::blank_branch(&mut conn, "东风村党支部", &[]).unwrap();
    let m = member::create(&mut conn, "书记", &MemberData { name: "张三".into(), phone: Some("13812345678".into()), ..Default::default() }).unwrap();
    let mut data = m.data.clone();
    data.phone = Some("13900000000".into());
    member::update(&mut conn, "书记", m.id, &data, None).unwrap();
    member::create(&mut conn, "书记", &MemberData { name: "李四".into(), ..Default::default() }).unwrap();
    let page = query(&conn, &AuditQuery { member_id: Some(m.id), ..Default::default() }).unwrap();
    assert_eq!(page.total, 2);
    assert_eq!((page.rows[0].action_name, page.rows[0].subject.as_str()), ("修改", "张三"));
    let phone = page.rows[0].changes.iter().find(|c| c.field == "联系电话").unwrap();
    assert_eq!((phone.before.as_str(), phone.after.as_str()), ("13812345678", "13900000000"));
    assert!(page.rows[0].changes.iter().all(|c| c.field != "updated_at"));
    assert_eq!(query(&conn, &AuditQuery { entity: Some("member".into()), ..Default::default() }).unwrap().total, 3);
    assert_eq!(query(&conn, &AuditQuery { from: Some("2000-01-01".into()), to: Some("2000-12-31".into()), ..Default::default() }).unwrap().total, 0);
    assert_eq!(query(&conn, &AuditQuery { from: Some("昨天".into()), ..Default::default() }).unwrap_err().code(), "BAD_DATE");
    let t = table(&conn, &AuditQuery::default()).unwrap();
    assert_eq!(t.total, 4, "setup and three member changes");
    assert!(t.groups[0].rows[1][6].contains("联系电话：13812345678 → 13900000000"), "{:?}", t.groups[0].rows[1]);
}

#[test]
fn the_viewer_speaks_chinese_expands_new_records_and_shows_the_reason_of_a_class_change() {
    use crate::{members::classify, meetings::meeting, members::member::StatusChange};
    let mut conn = crate::store::db::open_in_memory().unwrap();
    demo::load(&mut conn).unwrap();
    let id = member::create(&mut conn, "书记", &MemberData { name: "王芳".into(), sex: Some("2".into()), category: Some("full".into()), identity_class: Some("farmer".into()), ..Default::default() }).unwrap().id;
    classify::reclassify(&mut conn, "书记", id, &classify::Reclassify { dimension: "mgmt_type".into(), value: Some("improve".into()), reason: "连续三个月积分靠后".into() }).unwrap();
    member::change_status(&mut conn, "书记", id, &StatusChange { status: "transferred".into(), kind: None, date: dates::iso(dates::today()), reason: "随子女迁居县城".into(), destination: Some("中共城关镇西街社区支部委员会".into()) }).unwrap();
    let mt = meeting::create(&mut conn, "书记", &meeting::MeetingInput::new("committee", "planned", "2026-12-05", "研究年底工作")).unwrap();
    let mut input = meeting::MeetingInput::new("committee", "planned", "2026-12-05", "研究年底工作");
    input.data.host = Some("张建国".into());
    meeting::update(&mut conn, "书记", mt.meeting.id, &input).unwrap();
    let rule = crate::points::rules(&conn, false).unwrap().into_iter().find(|r| r.data.name == "志愿服务").unwrap();
    let batch = crate::points::EntryInput { member_ids: vec![1, 2], date: dates::iso(dates::today()), rule_id: rule.id, quantity: 2.0, note: Some("村道清扫".into()) };
    crate::points::add(&mut conn, "书记", &batch).unwrap();
    let plan = crate::meetings::study::PlanInput { year: 2026, quarter: 4, class_key: "pioneer".into(), content: "学习党章".into(), mode: "group_study".into() };
    crate::meetings::study::save_plan(&mut conn, "书记", &plan).unwrap();

    let page = query(&conn, &AuditQuery { limit: Some(100_000), ..Default::default() }).unwrap();
    let english = |s: &str| s.chars().filter(char::is_ascii_alphabetic).count() >= 2;
    for r in &page.rows {
        for c in &r.changes {
            assert!(!english(&c.field) && !english(&c.before) && !english(&c.after), "{} {}: {c:?}", r.action_name, r.entity_name);
        }
    }
    let mine = query(&conn, &AuditQuery { member_id: Some(id), ..Default::default() }).unwrap();
    let [status, class, created] = &mine.rows[..] else { panic!("{:?}", mine.rows) };
    let change = |r: &AuditRow, f: &str| r.changes.iter().find(|c| c.field == f).map(|c| (c.before.clone(), c.after.clone())).unwrap_or_else(|| panic!("{f} in {:?}", r.changes));
    assert_eq!(change(status, "党籍状态"), ("正常".into(), "转出".into()));
    assert_eq!(change(status, "党籍变动原因").1, "随子女迁居县城");
    assert_eq!(class.action_name, "调整分类");
    assert_eq!(change(class, "管理类型"), ("".into(), "待提升型".into()));
    assert_eq!(change(class, "调整原因").1, "连续三个月积分靠后");
    assert_eq!(created.action_name, "新增");
    assert_eq!(change(created, "姓名").1, "王芳");
    assert_eq!(change(created, "性别").1, "女");
    assert_eq!(change(created, "身份类别").1, "农民");
    let meetings = query(&conn, &AuditQuery { entity: Some("meeting".into()), limit: Some(2), ..Default::default() }).unwrap();
    assert_eq!(change(&meetings.rows[0], "主持人"), ("".into(), "张建国".into()));
    assert_eq!(change(&meetings.rows[1], "会议类型").1, "支委会");
    let plans = query(&conn, &AuditQuery { entity: Some("study_plan".into()), ..Default::default() }).unwrap();
    assert_eq!(plans.rows[0].subject, "2026年第4季度");
    assert_eq!(change(&plans.rows[0], "学习方式").1, "集中学习");
    assert_eq!(change(&plans.rows[0], "管理类型").1, "先锋型");
    let batch = query(&conn, &AuditQuery { entity: Some("point_entry".into()), ..Default::default() }).unwrap();
    assert!(batch.rows.iter().any(|r| r.changes.len() > 1 && r.changes.iter().all(|c| c.after.contains(" 分"))), "{:?}", batch.rows);
}

/// Issue 25 §10: every row of the demo's log that concerns a member names them (a 走访, a 困难党员, a 流动党员档案,
/// a grade, a 组织处置 — not a bare date or 「党员 59」), and a member id in an expansion reads as the name.
#[test]
fn every_row_about_a_member_names_them() {
    let mut conn = crate::store::db::open_in_memory().unwrap();
    demo::load(&mut conn).unwrap();
    let shown = member_store::activity::display_names(&conn).unwrap();
    let page = query(&conn, &AuditQuery { limit: Some(100_000), ..Default::default() }).unwrap();
    let mut checked = std::collections::BTreeSet::new();
    for r in &page.rows {
        let v = r.entry.after.as_deref().or(r.entry.before.as_deref()).and_then(|s| serde_json::from_str::<serde_json::Value>(s).ok());
        let Some(id) = v.as_ref().and_then(|v| v.get("member_id")).and_then(|x| x.as_i64()) else { continue };
        let name = shown[&id].split('（').next().unwrap().to_string();
        assert!(r.subject.contains(&name), "{} {}: subject «{}» does not name {name}", r.action_name, r.entity_name, r.subject);
        for c in &r.changes {
            assert!(!(c.field == "党员" && c.after.chars().all(|ch| ch.is_ascii_digit())), "{} {}: 党员 {}", r.action_name, r.entity_name, c.after);
        }
        checked.insert(r.entry.entity.clone());
    }
    for e in ["care_visit", "care_hardship", "mobile_card"] {
        assert!(checked.contains(e), "the demo's log has a {e} row naming its member: {checked:?}");
    }
}

//! The member registry through the public core API, as the app and CLI use it.
use branchbook_core::members::classify::{self, Reclassify};
use branchbook_core::members::member::{self, MemberData, StatusChange};
use branchbook_core::members::search::{self, MemberQuery};
use branchbook_core::{store::audit, store::db, demo, settings, Error};
use rusqlite::Connection;

fn setup() -> Connection {
    let mut conn = db::open_in_memory().unwrap();
    demo::blank_branch(&mut conn, "东风村党支部", &["第一党小组"]).unwrap();
    conn
}

fn zhang_san() -> MemberData {
    MemberData {
        name: "张三".into(),
        ethnicity: Some("汉族".into()),
        id_number: Some("34052419800101001X".into()),
        education: Some("大学本科".into()),
        category: Some("正式党员".into()),
        join_date: Some("2005-07-01".into()),
        full_date: Some("2006-07-01".into()),
        phone: Some("13812345678".into()),
        identity_class: Some("farmer".into()),
        mgmt_type: Some("pioneer".into()),
        ..Default::default()
    }
}

fn field_codes(e: &Error) -> Vec<(String, &'static str)> {
    match e {
        Error::Invalid(f) => f.iter().map(|x| (x.field.clone(), x.code)).collect(),
        other => panic!("expected validation error, got {other:?}"),
    }
}

#[test]
fn add_derives_birth_and_sex_and_fills_the_only_branch() {
    let mut conn = setup();
    let m = member::create(&mut conn, "张建国", &zhang_san()).unwrap();
    assert_eq!(m.data.birth_date.as_deref(), Some("1980-01-01"));
    assert_eq!(m.data.sex.as_deref(), Some("1"));
    assert_eq!(m.data.ethnicity.as_deref(), Some("01"));
    assert_eq!(m.data.education.as_deref(), Some("20"));
    assert!(m.data.branch_id.is_some());
    let d = member::detail(&conn, m.id).unwrap();
    assert!(d.missing.is_empty(), "{:?}", d.missing);
    assert!(d.warnings.is_empty());
    assert_eq!(d.class_history.len(), 2, "initial classification is recorded");
}

#[test]
fn wrong_check_char_is_refused_naming_the_field_unless_confirmed() {
    let mut conn = setup();
    let mut input = zhang_san();
    input.id_number = Some("340524198001010010".into());
    let err = member::create(&mut conn, "张建国", &input).unwrap_err();
    assert_eq!(field_codes(&err), [("id_number".to_string(), "ID_CHECKSUM")]);
    assert!(err.message().contains("公民身份号码"));
    assert_eq!(search::list(&conn, &MemberQuery::default()).unwrap().total, 0, "nothing saved");
    input.id_check_confirmed = true;
    let m = member::create(&mut conn, "张建国", &input).unwrap();
    let d = member::detail(&conn, m.id).unwrap();
    assert!(d.warnings[0].contains("校验位"));
    let rows = search::list(&conn, &MemberQuery::default()).unwrap().rows;
    assert!(rows[0].flagged);
}

#[test]
fn invalid_ids_have_their_own_codes() {
    let mut conn = setup();
    for (id, code) in [
        ("11010519491331002X", "ID_BIRTH_DATE"),
        ("110105209912310021", "ID_FUTURE_BIRTH"),
        ("11010519491231002", "ID_LENGTH"),
        ("1101051949123100AB", "ID_CHARS"),
    ] {
        let mut input = zhang_san();
        input.id_number = Some(id.into());
        let err = member::create(&mut conn, "张建国", &input).unwrap_err();
        assert_eq!(field_codes(&err)[0], ("id_number".to_string(), code), "{id}");
    }
}

#[test]
fn conflicting_birth_date_and_sex_are_kept_and_flagged() {
    let mut conn = setup();
    let mut input = zhang_san();
    input.birth_date = Some("1980-01-02".into());
    input.sex = Some("女".into());
    let m = member::create(&mut conn, "张建国", &input).unwrap();
    let w = member::detail(&conn, m.id).unwrap().warnings;
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(w[0].contains("出生日期"));
    assert!(w[1].contains("性别"));
    let rows = search::list(&conn, &MemberQuery { flagged: true, ..Default::default() }).unwrap().rows;
    assert_eq!(rows.len(), 1, "the registry marks the same record 待核对");
    member::create(&mut conn, "张建国", &MemberData { name: "王伟".into(), id_number: Some("11010519491231002X".into()), ..Default::default() }).unwrap();
    assert_eq!(search::list(&conn, &MemberQuery { flagged: true, ..Default::default() }).unwrap().total, 1, "a consistent record is not flagged");
}

#[test]
fn duplicate_id_is_refused() {
    let mut conn = setup();
    member::create(&mut conn, "张建国", &zhang_san()).unwrap();
    let mut other = zhang_san();
    other.name = "李四".into();
    let err = member::create(&mut conn, "张建国", &other).unwrap_err();
    assert_eq!(field_codes(&err), [("id_number".to_string(), "DUPLICATE_ID")]);
    assert!(err.message().contains("张三"));
}

#[test]
fn every_bad_field_is_reported_at_once() {
    let mut conn = setup();
    let input = MemberData {
        name: " ".into(),
        ethnicity: Some("火星族".into()),
        join_date: Some("2030-01-01".into()),
        phone: Some("abc".into()),
        birth_date: Some("1965-02-30".into()),
        lost_contact: true,
        ..Default::default()
    };
    let err = member::create(&mut conn, "张建国", &input).unwrap_err();
    let fields: Vec<String> = field_codes(&err).into_iter().map(|f| f.0).collect();
    assert_eq!(fields, ["name", "ethnicity", "birth_date", "join_date", "phone", "lost_contact_reason"]);
}

#[test]
fn incomplete_records_say_which_fields() {
    let mut conn = setup();
    let m = member::create(&mut conn, "张建国", &MemberData { name: "王伟".into(), ..Default::default() }).unwrap();
    let d = member::detail(&conn, m.id).unwrap();
    assert_eq!(d.missing, ["性别", "民族", "出生日期", "公民身份号码", "学历", "人员类别", "入党日期"]);
    let q = MemberQuery { incomplete: true, ..Default::default() };
    assert_eq!(search::list(&conn, &q).unwrap().total, 1);
}

#[test]
fn search_by_name_pinyin_initials_and_fragments() {
    let mut conn = setup();
    member::create(&mut conn, "张建国", &zhang_san()).unwrap();
    member::create(&mut conn, "张建国", &MemberData { name: "王伟".into(), phone: Some("13900001111".into()), ..Default::default() }).unwrap();
    let find = |q: &str| -> Vec<String> {
        search::list(&conn, &MemberQuery { search: Some(q.into()), ..Default::default() })
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.name)
            .collect()
    };
    assert_eq!(find("zs"), ["张三"]);
    assert_eq!(find("ZhangSan"), ["张三"]);
    assert_eq!(find("王伟"), ["王伟"]);
    assert_eq!(find("ww"), ["王伟"]);
    assert_eq!(find("19800101"), ["张三"]);
    assert_eq!(find("001x"), ["张三"]);
    assert_eq!(find("0000111"), ["王伟"]);
    assert!(find("%").is_empty(), "wildcards are literal");
    assert_eq!(find("").len(), 2);
}

#[test]
fn sort_orders() {
    let mut conn = setup();
    // Three names whose three orders all differ: strokes 丁 2 < 王 4 < 艾 5; pinyin ai < ding < wang; ages.
    for (name, birth) in [("艾华", "1970-01-01"), ("丁一", "1950-01-01"), ("王伟", "1990-01-01")] {
        member::create(&mut conn, "张建国", &MemberData { name: name.into(), birth_date: Some(birth.into()), ..Default::default() }).unwrap();
    }
    let names = |sort: &str| -> Vec<String> {
        search::list(&conn, &MemberQuery { sort: Some(sort.into()), ..Default::default() }).unwrap().rows.into_iter().map(|r| r.name).collect()
    };
    assert_eq!(names("stroke"), ["丁一", "王伟", "艾华"]);
    assert_eq!(names("pinyin"), ["艾华", "丁一", "王伟"]);
    assert_eq!(names("age"), ["王伟", "艾华", "丁一"], "youngest first");
}

#[test]
fn reclassify_keeps_history_and_needs_reason() {
    let mut conn = setup();
    let m = member::create(&mut conn, "张建国", &zhang_san()).unwrap();
    let no_reason = Reclassify { dimension: "mgmt_type".into(), value: Some("improve".into()), reason: " ".into() };
    assert_eq!(classify::reclassify(&mut conn, "张建国", m.id, &no_reason).unwrap_err().code(), "REQUIRED");
    let change = Reclassify { reason: "第三季度复核：连续三个月积分靠后".into(), ..no_reason };
    let after = classify::reclassify(&mut conn, "张建国", m.id, &change).unwrap();
    assert_eq!(after.data.mgmt_type.as_deref(), Some("improve"));
    let h = member::detail(&conn, m.id).unwrap().class_history;
    assert_eq!(h[0].dimension, "mgmt_type");
    assert_eq!(h[0].from_value.as_deref(), Some("pioneer"));
    assert_eq!(h[0].to_value.as_deref(), Some("improve"));
    assert_eq!(h[0].actor, "张建国");
    assert!(h[0].reason.contains("第三季度"));
    // an ordinary edit that changes a class also needs the reason
    let mut edit = after.data.clone();
    edit.identity_class = Some("retired".into());
    assert_eq!(member::update(&mut conn, "张建国", m.id, &edit, None).unwrap_err().code(), "REQUIRED");
    let saved = member::update(&mut conn, "张建国", m.id, &edit, Some("已退休")).unwrap();
    assert_eq!(saved.data.identity_class.as_deref(), Some("retired"));
}

#[test]
fn status_changes_keep_date_and_reason_and_never_delete() {
    let mut conn = setup();
    let m = member::create(&mut conn, "张建国", &zhang_san()).unwrap();
    let out = StatusChange { status: "出党".into(), kind: None, date: "2026-01-05".into(), reason: "连续六个月不参加组织生活".into(), destination: None };
    assert_eq!(member::change_status(&mut conn, "张建国", m.id, &out).unwrap_err().code(), "REQUIRED");
    let out = StatusChange { kind: Some("自行脱党".into()), ..out };
    let after = member::change_status(&mut conn, "张建国", m.id, &out).unwrap();
    assert_eq!(after.status, "out");
    assert_eq!(after.status_kind.as_deref(), Some("lapsed"));
    assert_eq!(after.status_date.as_deref(), Some("2026-01-05"));
    let normal = MemberQuery { status: Some("normal".into()), ..Default::default() };
    assert_eq!(search::list(&conn, &normal).unwrap().total, 0);
    assert_eq!(search::list(&conn, &MemberQuery::default()).unwrap().total, 1, "still in the registry");
    let h = member::detail(&conn, m.id).unwrap().status_history;
    assert_eq!((h[0].from_status.as_deref(), h[0].to_status.as_str()), (Some("normal"), "out"));
}

#[test]
fn every_change_writes_an_audit_row_in_its_transaction() {
    let mut conn = setup();
    let m = member::create(&mut conn, "张建国", &zhang_san()).unwrap();
    let mut edit = m.data.clone();
    edit.phone = Some("13800000000".into());
    member::update(&mut conn, "张建国", m.id, &edit, None).unwrap();
    let rows = audit::list(&conn, Some(("member", m.id)), 10).unwrap();
    assert_eq!(rows.iter().map(|r| r.action.as_str()).collect::<Vec<_>>(), ["update", "create"]);
    assert!(rows[0].before.as_ref().unwrap().contains("13812345678"));
    assert!(rows[0].after.as_ref().unwrap().contains("13800000000"));
    assert_eq!(rows[0].actor, "张建国");
    // a rejected change leaves neither the change nor an audit row
    edit.id_number = Some("bad".into());
    member::update(&mut conn, "张建国", m.id, &edit, None).unwrap_err();
    assert_eq!(audit::list(&conn, Some(("member", m.id)), 10).unwrap().len(), 2);
}

#[test]
fn overview_counts_open_the_same_members() {
    let mut conn = db::open_in_memory().unwrap();
    demo::load(&mut conn).unwrap();
    let ov = classify::overview(&conn, None).unwrap();
    assert!(ov.total >= 50, "demo has about 60 members, {} in good standing", ov.total);
    for dim in &ov.dimensions {
        let sum: usize = dim.buckets.iter().map(|b| b.count).sum();
        if dim.key != "age_stat" {
            assert_eq!(sum, ov.total, "{} buckets add up", dim.label);
        }
        for b in &dim.buckets {
            let mut q: serde_json::Value = serde_json::json!({ "status": "normal" });
            q.as_object_mut().unwrap().extend(b.filter.as_object().unwrap().clone());
            let q: MemberQuery = serde_json::from_value(q).unwrap();
            assert_eq!(search::list(&conn, &q).unwrap().total, b.count, "{} / {}", dim.label, b.label);
        }
    }
}

#[test]
fn age_bands_at_a_reference_date() {
    assert_eq!(classify::age_band(35), "youth");
    assert_eq!(classify::age_band(36), "middle");
    assert_eq!(classify::age_band(55), "middle");
    assert_eq!(classify::age_band(56), "senior");
    let mut conn = setup();
    member::create(&mut conn, "张建国", &zhang_san()).unwrap(); // born 1980-01-01
    let at = |d: &str| search::list(&conn, &MemberQuery { ref_date: Some(d.into()), ..Default::default() }).unwrap().rows[0].age_band;
    assert_eq!(at("2015-12-31"), Some("youth"));
    assert_eq!(at("2016-01-01"), Some("middle"));
}

#[test]
fn demo_branch_is_realistic() {
    let mut conn = db::open_in_memory().unwrap();
    demo::load(&mut conn).unwrap();
    let all = search::list(&conn, &MemberQuery::default()).unwrap();
    assert!((55..=65).contains(&all.total));
    assert!(all.rows.iter().filter(|r| !r.missing.is_empty()).count() >= 2);
    assert!(all.rows.iter().any(|r| r.flagged));
    assert!(all.rows.iter().any(|r| r.status == "transferred"));
    let old = all.rows.iter().filter(|r| r.age.unwrap_or(0) >= 60).count() as f64 / all.total as f64;
    assert!((0.4..=0.75).contains(&old), "share aged 60+: {old}");
    assert_eq!(settings::get(&conn).unwrap().mgmt_classes.len(), 3);
    assert_eq!(demo::load(&mut conn).unwrap_err().code(), "ALREADY_SET_UP");
}

#[test]
fn generated_members_all_pass_validation() {
    let mut conn = setup();
    demo::fill(&mut conn, 3_000, 7).unwrap();
    assert_eq!(search::list(&conn, &MemberQuery::default()).unwrap().total, 3_000);
}

#[test]
fn home_todos_open_the_members_they_count() {
    let mut conn = db::open_in_memory().unwrap();
    demo::load(&mut conn).unwrap();
    let todos = branchbook_core::reports::home::todos(&conn).unwrap();
    let keys: Vec<&str> = todos.iter().map(|t| t.key).collect();
    assert!(keys.contains(&"incomplete") && keys.contains(&"flagged") && keys.contains(&"lost_contact"), "{keys:?}");
    // An empty demo branch has held no meetings yet: they come first, and open the meetings screen, not a list.
    assert_eq!(todos[0].key, "meetings_overdue");
    assert!(todos.iter().all(|t| t.filter.is_null() == t.page.is_some()));
    for t in todos.iter().filter(|t| t.page.is_none()) {
        let q: MemberQuery = serde_json::from_value(t.filter.clone()).unwrap();
        let total = search::list(&conn, &q).unwrap().total;
        if t.key == "probation_due" {
            assert!(total >= t.count);
        } else {
            assert_eq!(total, t.count, "{}", t.key);
        }
    }
}

// ---- issue 10: names, the 预备期, 转出 ----

#[test]
fn names_with_emoji_or_control_characters_are_refused_quotes_are_fine() {
    let mut conn = setup();
    for bad in ["张三😀", "王芳\u{7}", "李\u{200B}四", "赵☆六"] {
        let e = member::create(&mut conn, "书记", &MemberData { name: bad.into(), ..Default::default() }).unwrap_err();
        assert_eq!(field_codes(&e), vec![("name".to_string(), "BAD_NAME")], "{bad:?}");
        assert!(e.message().starts_with("姓名里不能有"), "{}", e.message());
    }
    for good in ["O'Brien", "张\"小\"三", "阿依古丽·买买提"] {
        member::create(&mut conn, "书记", &MemberData { name: good.into(), ..Default::default() }).unwrap();
    }
}

#[test]
fn full_date_less_than_a_year_after_join_date_is_refused() {
    let mut conn = setup();
    let early = MemberData { full_date: Some("2006-06-30".into()), ..zhang_san() };
    let e = member::create(&mut conn, "书记", &early).unwrap_err();
    assert_eq!(field_codes(&e), vec![("full_date".to_string(), "PROBATION_TOO_SHORT")]);
    assert!(e.message().contains("2006-07-01"), "{}", e.message());
    // On the day the 预备期 ends is right; after a 6-month extension too, and it is not flagged.
    let on_time = member::create(&mut conn, "书记", &zhang_san()).unwrap();
    assert!(on_time.warnings().is_empty());
    let extended = MemberData { name: "李四".into(), id_number: None, full_date: Some("2007-01-01".into()), ..zhang_san() };
    assert!(member::create(&mut conn, "书记", &extended).unwrap().warnings().is_empty());
    // A date that fits neither is kept but flagged for checking.
    let odd = MemberData { name: "王五".into(), id_number: None, full_date: Some("2006-09-15".into()), ..zhang_san() };
    let odd = member::create(&mut conn, "书记", &odd).unwrap();
    assert!(odd.warnings().iter().any(|w| w.contains("预备期满之日 2006-07-01")), "{:?}", odd.warnings());
}

#[test]
fn transfer_out_asks_where_to() {
    let mut conn = setup();
    let m = member::create(&mut conn, "书记", &zhang_san()).unwrap();
    let change = StatusChange { status: "transferred".into(), date: "2026-01-05".into(), reason: "迁居县城".into(), ..Default::default() };
    let e = member::change_status(&mut conn, "书记", m.id, &change).unwrap_err();
    assert_eq!(field_codes(&e), vec![("destination".to_string(), "REQUIRED")]);
    let change = StatusChange { destination: Some("城南社区党支部".into()), ..change };
    let after = member::change_status(&mut conn, "书记", m.id, &change).unwrap();
    assert_eq!(after.status, "transferred");
    assert_eq!(after.status_kind.as_deref(), Some("城南社区党支部"));
    assert_eq!(member::detail(&conn, m.id).unwrap().status_history[0].kind.as_deref(), Some("城南社区党支部"));
}

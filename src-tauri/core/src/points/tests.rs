//! Tests of the points area: rules, ledger, attendance-linked entries, month tables, alerts and files.
use super::*;
use crate::kernel::error::{Error, Result};
use crate::settings;
use chrono::NaiveDate;
use rusqlite::Connection;
use crate::meetings::meeting::{self, AttendanceInput, MeetingInput};

fn setup() -> (Connection, Vec<i64>) {
    let (conn, ids, _) = crate::meetings::meeting::tests::branch();
    // In the branch since January, whatever day the test runs.
    conn.execute("UPDATE member SET created_at = '2026-01-01T00:00:00'", []).unwrap();
    (conn, ids)
}

/// A branch set up before the 百分制 existed: base 100, attendance earns +2.
fn legacy() -> (Connection, Vec<i64>) {
    let (conn, ids) = setup();
    conn.execute("UPDATE setting SET value = '{\"base\":100.0,\"excellent\":90.0,\"good\":80.0,\"pass\":60.0}' WHERE key = 'points'", []).unwrap();
    conn.execute(
        "INSERT OR IGNORE INTO setting (key, value) VALUES ('points', '{\"base\":100.0,\"excellent\":90.0,\"good\":80.0,\"pass\":60.0}')",
        [],
    )
    .unwrap();
    conn.execute_batch(
        "INSERT INTO point_rule (name, category, points, unit, monthly_cap, meeting_kinds, attendance, sort_order, created_at, updated_at) VALUES
         ('参加三会一课', 'base', 20, 'time', NULL, '[\"branch_assembly\",\"committee\",\"group\",\"lecture\"]', 'present', 0, '2026-01-01', '2026-01-01'),
         ('参加主题党日', 'base', 20, 'time', NULL, '[\"theme_day\"]', 'present', 0, '2026-01-01', '2026-01-01');",
    )
    .unwrap();
    (conn, ids)
}

fn rule_id(conn: &Connection, name: &str) -> i64 {
    rules(conn, true).unwrap().into_iter().find(|r| r.data.name == name).unwrap().id
}

fn add_for(conn: &mut Connection, ids: &[i64], rule: &str, date: &str, qty: f64, note: Option<&str>) -> Result<AddResult> {
    let tx = conn.transaction().unwrap();
    let r = add_in(&tx, "书记", &EntryInput { member_ids: ids.to_vec(), date: date.into(), rule_id: rule_id(&tx, rule), quantity: qty, note: note.map(Into::into) }, NaiveDate::from_ymd_opt(2027, 12, 31).unwrap());
    if r.is_ok() {
        tx.commit().unwrap();
    }
    r
}

fn year_total(conn: &Connection, month: &str, id: i64) -> f64 {
    month_table(conn, &TableRequest { month: month.into(), ..Default::default() }).unwrap().rows.iter().find(|r| r.member_id == id).unwrap().year_total
}

#[test]
fn default_scheme_is_ready() {
    let (conn, _) = setup();
    let r = rules(&conn, false).unwrap();
    // The seven of the 百分制, and 未按时交纳党费 (−2) that 党费 brought.
    assert_eq!(r.len(), 8);
    assert_eq!(r.iter().find(|r| r.data.name == "未按时交纳党费").unwrap().data.points, -2.0);
    let v = r.iter().find(|r| r.data.name == "志愿服务").unwrap();
    assert_eq!((v.data.points, v.data.unit.as_str(), v.data.monthly_cap), (1.0, "hour", Some(10.0)));
    assert_eq!(r.iter().find(|r| r.data.name == "迟到早退").unwrap().data.points, -0.5);
    assert_eq!(r.iter().find(|r| r.data.name == "党课主讲/先进事迹").unwrap().data.points, 5.0);
    assert_eq!(r[0].data.name, "无故缺席组织生活");
    assert_eq!(r[0].data.meeting_kinds, ["branch_assembly", "committee", "group", "lecture", "theme_day"]);
}

#[test]
fn batch_entry_with_monthly_cap() {
    let (mut conn, ids) = setup();
    // 12 hours of 志愿服务 in October: capped at 10 per month; another 3 in November count in full.
    let r = add_for(&mut conn, &ids[..3], "志愿服务", "2026-10-05", 3.0, Some("村道清扫")).unwrap();
    assert_eq!(r.entries.len(), 3);
    assert!(r.capped.is_empty());
    add_for(&mut conn, &ids[..1], "志愿服务", "2026-10-12", 6.0, Some("防汛值守")).unwrap();
    let r = add_for(&mut conn, &ids[..1], "志愿服务", "2026-10-20", 3.0, Some("敬老院")).unwrap();
    assert_eq!((r.entries[0].requested, r.entries[0].points), (3.0, 1.0));
    // The summary says what was recorded, the same number as the cap line (not the 3 requested).
    assert_eq!(r.summary, "已为 1 人记分：志愿服务 1 分");
    assert!(r.capped[0].contains("本次记 1 分"), "{}", r.capped[0]);
    assert_eq!(r.capped.len(), 1);
    assert!(r.capped[0].contains("本月已达上限"), "{}", r.capped[0]);
    let r = add_for(&mut conn, &ids[..1], "志愿服务", "2026-10-25", 1.5, Some("再次")).unwrap();
    assert_eq!(r.entries[0].points, 0.0, "recorded, but the cap is reached");
    add_for(&mut conn, &ids[..1], "志愿服务", "2026-11-02", 3.0, Some("十一月")).unwrap();
    let t = month_table(&conn, &TableRequest { month: "2026-10".into(), ..Default::default() }).unwrap();
    let me = t.rows.iter().find(|r| r.member_id == ids[0]).unwrap();
    assert_eq!((me.cells[1], me.month_total, me.year_total), (10.0, 10.0, 70.0));
    assert_eq!(year_total(&conn, "2026-11", ids[0]), 73.0);
    // A bonus needs a reason; a batch with one bad member saves nobody.
    let Error::Invalid(f) = add_for(&mut conn, &ids[..2], "志愿服务", "2026-10-05", 1.0, None).unwrap_err() else { panic!() };
    assert_eq!(f[0].field, "note");
    conn.execute("UPDATE member SET status = 'transferred' WHERE id = ?1", [ids[7]]).unwrap();
    let before = entries(&conn, &EntryQuery::default()).unwrap().len();
    let err = add_for(&mut conn, &[ids[6], ids[7]], "结对帮扶", "2026-10-05", 1.0, Some("帮扶")).unwrap_err();
    assert_eq!(err.code(), "NOT_ACTIVE");
    assert_eq!(entries(&conn, &EntryQuery::default()).unwrap().len(), before);
    let err = add_for(&mut conn, &ids[..1], "迟到早退", "2026-10-05", 1.5, None).unwrap_err();
    assert_eq!(err.code(), "WHOLE_TIMES");
}

#[test]
fn voiding_keeps_the_entry_and_drops_its_points() {
    let (mut conn, ids) = setup();
    let r = add_for(&mut conn, &ids[..1], "违反村规民约", "2026-10-05", 1.0, None).unwrap();
    assert_eq!(year_total(&conn, "2026-10", ids[0]), 55.0);
    assert_eq!(void(&mut conn, "书记", r.entries[0].id, " ").unwrap_err().code(), "REQUIRED");
    let v = void(&mut conn, "书记", r.entries[0].id, "录入错误").unwrap();
    assert!(v.voided);
    assert_eq!(year_total(&conn, "2026-10", ids[0]), 60.0);
    assert_eq!(void(&mut conn, "书记", r.entries[0].id, "再次").unwrap_err().code(), "ALREADY_VOIDED");
    let all = entries(&conn, &EntryQuery { include_voided: true, ..Default::default() }).unwrap();
    assert_eq!(all.len(), 1, "never deleted");
    assert!(entries(&conn, &EntryQuery::default()).unwrap().is_empty());
    // The monthly totals always equal the ledger.
    let (a, b): (i64, i64) = conn.query_row("SELECT (SELECT coalesce(sum(points),0) FROM point_entry WHERE voided = 0), (SELECT coalesce(sum(base+bonus+deduction),0) FROM point_month)", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert_eq!(a, b);
}

/// Issue 25 §7: 志愿服务 4 h then 8 h in one month is 4 + 6 under the cap of 10; voiding the 4 gives the 8 its full
/// 8 (audited), and voiding that brings nothing back twice.
#[test]
fn voiding_an_entry_applies_the_monthly_cap_again() {
    let (mut conn, ids) = setup();
    let first = add_for(&mut conn, &ids[..1], "志愿服务", "2026-10-05", 4.0, Some("村道清扫")).unwrap();
    let second = add_for(&mut conn, &ids[..1], "志愿服务", "2026-10-12", 8.0, Some("防汛值守")).unwrap();
    assert_eq!(second.entries[0].points, 6.0);
    assert_eq!(year_total(&conn, "2026-10", ids[0]), 70.0);
    void(&mut conn, "书记", first.entries[0].id, "重复登记").unwrap();
    let standing = entries(&conn, &EntryQuery::default()).unwrap();
    assert_eq!(standing.len(), 1);
    assert_eq!(standing[0].points, 8.0, "the cap counts only what still stands");
    assert_eq!(year_total(&conn, "2026-10", ids[0]), 68.0);
    let recaps: i64 = conn.query_row("SELECT count(*) FROM audit_log WHERE action = 'recap'", [], |r| r.get(0)).unwrap();
    assert_eq!(recaps, 1);
    // A third entry after the void is capped against the 8 that now stands.
    let third = add_for(&mut conn, &ids[..1], "志愿服务", "2026-10-20", 5.0, Some("敬老院")).unwrap();
    assert_eq!(third.entries[0].points, 2.0);
    let (a, b): (i64, i64) = conn.query_row("SELECT (SELECT coalesce(sum(points),0) FROM point_entry WHERE voided = 0), (SELECT coalesce(sum(base+bonus+deduction),0) FROM point_month)", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert_eq!(a, b, "the month's totals follow the ledger");
}

#[test]
fn editing_a_rule_leaves_recorded_points_alone() {
    let (mut conn, ids) = setup();
    add_for(&mut conn, &ids[..1], "结对帮扶", "2026-10-05", 1.0, Some("帮扶")).unwrap();
    let id = rule_id(&conn, "结对帮扶");
    let input = RuleData { name: "结对帮扶（新）".into(), category: "bonus".into(), points: 5.0, unit: "time".into(), ..Default::default() };
    update_rule(&mut conn, "书记", id, &input).unwrap();
    let e = &entries(&conn, &EntryQuery::default()).unwrap()[0];
    assert_eq!((e.points, e.rule_name.as_str()), (2.0, "结对帮扶"));
    set_rule_active(&mut conn, "书记", id, false).unwrap();
    assert_eq!(add_for(&mut conn, &ids[..1], "结对帮扶（新）", "2026-10-06", 1.0, Some("x")).unwrap_err().code(), "RETIRED");
    let bad = RuleData { name: "迟到".into(), category: "deduction".into(), points: 1.0, unit: "time".into(), ..Default::default() };
    assert_eq!(create_rule(&mut conn, "书记", &bad).unwrap_err().code(), "SIGN");
    let linked = RuleData { name: "党课出席".into(), category: "base".into(), points: 1.0, unit: "time".into(), meeting_kinds: vec!["lecture".into()], ..Default::default() };
    let Error::Invalid(f) = create_rule(&mut conn, "书记", &linked).unwrap_err() else { panic!() };
    assert_eq!(f[0].field, "attendance");
}

/// Issue 25 §6: a second active rule of one name is refused (creating, renaming, bringing a retired one back);
/// a retired rule's name may be taken again.
#[test]
fn active_rules_have_unique_names() {
    let (mut conn, _) = setup();
    let again = RuleData { name: " 志愿服务 ".into(), category: "bonus".into(), points: 1.0, unit: "hour".into(), ..Default::default() };
    let e = create_rule(&mut conn, "书记", &again).unwrap_err();
    assert_eq!(e.code(), "DUPLICATE_NAME");
    assert!(e.message().contains("已有名为“志愿服务”的积分规则"), "{}", e.message());
    let other = create_rule(&mut conn, "书记", &RuleData { name: "清扫村道".into(), ..again.clone() }).unwrap();
    assert_eq!(update_rule(&mut conn, "书记", other.id, &RuleData { name: "志愿服务".into(), ..again.clone() }).unwrap_err().code(), "DUPLICATE_NAME");
    let old = rule_id(&conn, "志愿服务");
    set_rule_active(&mut conn, "书记", old, false).unwrap();
    let renamed = update_rule(&mut conn, "书记", other.id, &RuleData { name: "志愿服务".into(), ..again.clone() }).unwrap();
    assert_eq!(renamed.data.name, "志愿服务");
    assert_eq!(set_rule_active(&mut conn, "书记", old, true).unwrap_err().code(), "DUPLICATE_NAME");
}

#[test]
fn attendance_entries_follow_corrections_without_double_counting() {
    // A legacy branch, where attending earns +2 (under the 百分制 only absence makes entries).
    let (mut conn, ids) = legacy();
    let mut list: Vec<AttendanceInput> = ids.iter().map(|&member_id| AttendanceInput { member_id, status: "present".into(), ..Default::default() }).collect();
    list[1].status = "absent".into();
    let mut input = MeetingInput::new("theme_day", "held", "2026-10-10", "学习").with_attendees(list.clone());
    let d = meeting::create(&mut conn, "书记", &input).unwrap();
    assert_eq!(year_total(&conn, "2026-10", ids[0]), 102.0);
    assert_eq!(year_total(&conn, "2026-10", ids[1]), 98.0, "无故缺席 −2");
    // Saving the same attendance again changes nothing.
    meeting::update(&mut conn, "书记", d.meeting.id, &input).unwrap();
    assert_eq!(year_total(&conn, "2026-10", ids[0]), 102.0);
    assert_eq!(entries(&conn, &EntryQuery::default()).unwrap().len(), 8);
    // Correct the absence to a leave: the −2 is voided, no +2 (leave earns nothing).
    list[1].status = "leave".into();
    list[1].reason = Some("生病".into());
    input.attendees = Some(list.clone());
    meeting::update(&mut conn, "书记", d.meeting.id, &input).unwrap();
    assert_eq!(year_total(&conn, "2026-10", ids[1]), 100.0);
    // Then to present: +2.
    list[1].status = "present".into();
    input.attendees = Some(list);
    meeting::update(&mut conn, "书记", d.meeting.id, &input).unwrap();
    assert_eq!(year_total(&conn, "2026-10", ids[1]), 102.0);
    // Moved into November: October loses it, November has it once.
    input.data.date = "2026-11-02".into();
    meeting::update(&mut conn, "书记", d.meeting.id, &input).unwrap();
    assert_eq!(year_total(&conn, "2026-10", ids[0]), 100.0);
    assert_eq!(year_total(&conn, "2026-11", ids[0]), 102.0);
    assert_eq!(entries(&conn, &EntryQuery::default()).unwrap().len(), 8);
    // A planned meeting earns nothing; cancelling one that was planned leaves nothing behind.
    let p = meeting::create(&mut conn, "书记", &MeetingInput::new("committee", "planned", "2026-11-20", "x")).unwrap();
    meeting::cancel(&mut conn, "书记", p.meeting.id, "改期").unwrap();
    assert_eq!(entries(&conn, &EntryQuery::default()).unwrap().len(), 8);
}

#[test]
fn ranks_share_ties_and_the_year_boundary_resets() {
    let (mut conn, ids) = setup();
    add_for(&mut conn, &ids[..2], "结对帮扶", "2026-12-05", 1.0, Some("帮扶")).unwrap();
    add_for(&mut conn, &ids[2..3], "违反村规民约", "2026-12-06", 1.0, None).unwrap();
    let t = month_table(&conn, &TableRequest { month: "2026-12".into(), ..Default::default() }).unwrap();
    let rank = |id: i64| t.rows.iter().find(|r| r.member_id == id).unwrap().rank;
    assert_eq!((rank(ids[0]), rank(ids[1]), rank(ids[3]), rank(ids[2])), (1, 1, 3, 8));
    assert_eq!(t.rows.len(), 8, "members without entries are listed too");
    // January starts again from the base.
    add_for(&mut conn, &ids[..1], "结对帮扶", "2027-01-05", 1.0, Some("帮扶")).unwrap();
    assert_eq!(year_total(&conn, "2027-01", ids[0]), 62.0);
    assert_eq!(year_total(&conn, "2027-01", ids[2]), 60.0);
    assert_eq!(year_total(&conn, "2026-12", ids[0]), 62.0);
    // By rule: a column per rule in use.
    let t = month_table(&conn, &TableRequest { month: "2026-12".into(), by_rule: true, ..Default::default() }).unwrap();
    let i = t.columns.iter().position(|c| c.label == "违反村规民约").unwrap();
    assert_eq!(t.rows.iter().find(|r| r.member_id == ids[2]).unwrap().cells[i], -5.0);
    assert_eq!(parse_month("2026年13月").unwrap_err().code(), "BAD_MONTH");
}

#[test]
fn three_months_at_the_bottom_raise_an_alert_until_a_talk() {
    let (mut conn, ids) = setup();
    for m in ["2026-08", "2026-09", "2026-10"] {
        add_for(&mut conn, &ids[..7], "结对帮扶", &format!("{m}-05"), 1.0, Some("帮扶")).unwrap();
    }
    // Two months at the bottom is not yet three.
    let a = alerts(&conn, "2026-09").unwrap();
    assert!(a.iter().all(|a| a.kind != "bottom"), "{a:?}");
    let a = alerts(&conn, "2026-10").unwrap();
    let bottom: Vec<&Alert> = a.iter().filter(|a| a.kind == "bottom").collect();
    assert_eq!(bottom.len(), 1);
    assert_eq!(bottom[0].member_id, ids[7]);
    assert_eq!(bottom[0].scores.iter().map(|s| s.1).collect::<Vec<_>>(), [0.0, 0.0, 0.0], "本月得分, not the year's");
    assert!(bottom[0].talk.is_none());
    record_talk(&mut conn, "书记", &TalkInput { member_id: ids[7], alert_month: "2026-10".into(), date: "2026-11-03".into(), talked_by: "张建国".into(), note: Some("谈心".into()) }).unwrap();
    assert!(alerts(&conn, "2026-10").unwrap().iter().find(|a| a.member_id == ids[7]).unwrap().talk.is_some());
    // A 预备党员 with a net deduction this month is flagged for the 转正 review: 2 − 10 × 5 = −48.
    for _ in 0..10 {
        add_for(&mut conn, &ids[1..2], "违反村规民约", "2026-10-06", 1.0, None).unwrap();
    }
    let a = alerts(&conn, "2026-10").unwrap();
    assert!(a.iter().any(|a| a.member_id == ids[1] && a.kind == "probationary"), "{a:?}");
}

#[test]
fn at_the_bottom_and_under_the_line_the_alert_says_both() {
    let (mut conn, ids) = setup();
    for m in ["2026-08", "2026-09", "2026-10"] {
        add_for(&mut conn, &ids[..7], "结对帮扶", &format!("{m}-05"), 1.0, Some("帮扶")).unwrap();
        add_for(&mut conn, &ids[7..8], "违反村规民约", &format!("{m}-06"), 1.0, None).unwrap();
    }
    let a = alerts(&conn, "2026-10").unwrap();
    let mine = a.iter().find(|a| a.member_id == ids[7]).unwrap();
    assert_eq!(mine.scores.iter().map(|s| s.1).collect::<Vec<_>>(), [-5.0, -5.0, -5.0]);
    assert_eq!(mine.kind, "deduction");
    assert_eq!(mine.reason, "连续三个月本月得分排名末位，且每月都有扣分");
}

/// Issue 25 §8 (domain.md section 7): one −0.5 in January keeps nobody on the 约谈 list for the rest of the year (the
/// year-to-date line is a year-end tier); three months each with a net deduction do raise it; a branch still on its
/// old scheme keeps the 合格-line alarm it had.
#[test]
fn one_late_arrival_in_january_is_no_talk_all_year() {
    let (mut conn, ids) = setup();
    add_for(&mut conn, &ids[..1], "迟到早退", "2026-01-10", 1.0, None).unwrap();
    for m in ["2026-03", "2026-06", "2026-10"] {
        assert!(alerts(&conn, m).unwrap().is_empty(), "{m}: {:?}", alerts(&conn, m).unwrap());
    }
    assert_eq!(year_total(&conn, "2026-10", ids[0]), 59.5);
    for m in ["2026-08", "2026-09", "2026-10"] {
        // Four late members share the month's bottom: not 末位, but each has a net deduction.
        add_for(&mut conn, &ids[1..5], "迟到早退", &format!("{m}-10"), 1.0, None).unwrap();
    }
    let a = alerts(&conn, "2026-10").unwrap();
    let mine = a.iter().find(|a| a.member_id == ids[1]).unwrap();
    assert_eq!((mine.kind, mine.reason.as_str()), ("deduction", "连续三个月每月都有扣分（本月得分为负）"));
    assert!(a.iter().all(|a| a.member_id != ids[0]));

    let (mut old, ids) = legacy();
    add_for(&mut old, &ids[..1], "违反村规民约", "2026-01-10", 10.0, None).unwrap();
    assert!(alerts(&old, "2026-10").unwrap().iter().any(|a| a.member_id == ids[0] && a.kind == "below"), "the old scheme keeps its alarm");
}

#[test]
fn notice_and_township_files() {
    let (mut conn, ids) = setup();
    add_for(&mut conn, &ids[..3], "志愿服务", "2026-10-05", 3.0, Some("村道清扫")).unwrap();
    add_for(&mut conn, &ids[3..4], "迟到早退", "2026-10-06", 1.0, None).unwrap();
    let n = notice_table(&conn, "2026-10", "2026-11-01", "2026-11-07").unwrap();
    assert_eq!(n.title, "东风村党支部2026年10月党员积分公示");
    assert_eq!(file_title(&conn, Some("2026-10"), None).unwrap(), "东风村党支部2026年10月党员积分表");
    assert_eq!(file_title(&conn, None, Some(2026)).unwrap(), "东风村党支部2026年党员积分（全年）");
    assert_eq!(file_title(&conn, None, None).unwrap_err().code(), "REQUIRED");
    assert!(n.notes[0].contains("如有异议"));
    assert!(n.columns.iter().all(|c| c.key != "id_number" && c.key != "phone"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.xlsx");
    write_month(&conn, &path, "2026-10").unwrap();
    let sheet = crate::members::import::read(&path).unwrap();
    let h = sheet.rows.iter().position(|r| r.first().is_some_and(|c| c.display() == "序号")).unwrap();
    let header: Vec<String> = sheet.rows[h].iter().map(|c| c.display()).collect();
    assert_eq!(header, ["序号", "姓名", "党小组", "基础项", "奖励", "扣减", "本月得分", "年度累计", "排名", "等次", "备注"]);
    let name0 = crate::members::member::get_record(&conn, ids[0]).unwrap().data.name;
    let row = sheet.rows.iter().find(|r| r.get(1).is_some_and(|c| c.display() == name0)).unwrap();
    // Formula cells carry their cached results, so a reader without a calculator still sees the numbers.
    assert_eq!(row[6].display(), "3");
    assert_eq!(row[7].display(), "63");
    assert_eq!(row[8].display(), "1");
    let year = dir.path().join("y.xlsx");
    write_year(&conn, &year, 2026, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()).unwrap();
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&year).unwrap();
    let names = wb.sheet_names();
    assert_eq!(names.len(), 12, "January to November, and the summary");
    assert_eq!(names.last().unwrap(), "全年汇总");
    let summary = wb.worksheet_range("全年汇总").unwrap();
    let r = summary.rows().find(|r| r.get(1).is_some_and(|c| c.to_string() == name0)).unwrap();
    assert_eq!(r[3 + 9].to_string(), "3", "October");
    assert_eq!(r[3 + 11].to_string(), "3", "the year's sum");
    assert_eq!(r[3 + 12].to_string(), "63");
    let formulas = wb.worksheet_formula("全年汇总").unwrap();
    assert!(formulas.rows().flatten().any(|f| f.starts_with("SUM(") || f.starts_with("=SUM(")), "formulas are kept");
}

#[test]
fn a_batch_cut_by_the_cap_says_what_each_got() {
    let (mut conn, ids) = setup();
    add_for(&mut conn, &ids[..1], "志愿服务", "2026-10-05", 8.0, Some("防汛")).unwrap();
    let r = add_for(&mut conn, &ids[..3], "志愿服务", "2026-10-12", 3.0, Some("清扫")).unwrap();
    assert_eq!(r.summary, "已为 3 人记分：志愿服务 共 8 分（2 人 3 分，1 人 2 分）");
    assert_eq!(r.capped.len(), 1);
    assert!(r.capped[0].contains("本次记 2 分"), "{}", r.capped[0]);
}

#[test]
fn bonus_counts_up_to_forty_a_year() {
    let (mut conn, ids) = setup();
    for m in 3..=7 {
        add_for(&mut conn, &ids[..1], "志愿服务", &format!("2026-{m:02}-05"), 10.0, Some("志愿服务")).unwrap();
    }
    // 50 奖励 earned, 40 count: 60 + 40 = 100, 优秀; a deduction still comes off.
    assert_eq!(year_total(&conn, "2026-07", ids[0]), 100.0);
    add_for(&mut conn, &ids[..1], "违反村规民约", "2026-08-05", 1.0, None).unwrap();
    let t = month_table(&conn, &TableRequest { month: "2026-08".into(), ..Default::default() }).unwrap();
    let me = t.rows.iter().find(|r| r.member_id == ids[0]).unwrap();
    assert_eq!((me.year_total, me.tier), (95.0, "优秀"));
    // Duties only is 合格, not 优秀.
    let plain = t.rows.iter().find(|r| r.member_id == ids[3]).unwrap();
    assert_eq!((plain.year_total, plain.tier), (60.0, "合格"));
    // Deductions take the score to 0, not below: 60 − 13 × 5.
    for _ in 0..13 {
        add_for(&mut conn, &ids[5..6], "违反村规民约", "2026-08-06", 1.0, None).unwrap();
    }
    assert_eq!(year_total(&conn, "2026-08", ids[5]), 0.0);
    let h = member_history(&conn, ids[0], 2026, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()).unwrap();
    assert_eq!(h.months[7].year_total, 95.0);
    // The year workbook shows the capped score too.
    let dir = tempfile::tempdir().unwrap();
    let year = dir.path().join("y.xlsx");
    write_year(&conn, &year, 2026, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()).unwrap();
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&year).unwrap();
    let summary = wb.worksheet_range("全年汇总").unwrap();
    let name0 = crate::members::member::get_record(&conn, ids[0]).unwrap().data.name;
    let r = summary.rows().find(|r| r.get(1).is_some_and(|c| c.to_string() == name0)).unwrap();
    assert_eq!(r[3 + 11].to_string(), "45", "the year's sum of entries");
    assert_eq!(r[3 + 12].to_string(), "95", "the score, with 奖励 capped");
}

#[test]
fn a_legacy_branch_switches_without_rewriting_entries() {
    let (mut conn, ids) = legacy();
    assert_eq!(settings::get(&conn).unwrap().points.scheme, "legacy");
    let list: Vec<AttendanceInput> = ids.iter().map(|&member_id| AttendanceInput { member_id, status: "present".into(), ..Default::default() }).collect();
    let input = MeetingInput::new("theme_day", "held", "2026-10-10", "学习").with_attendees(list);
    let d = meeting::create(&mut conn, "书记", &input).unwrap();
    assert_eq!(year_total(&conn, "2026-10", ids[0]), 102.0);
    let before = entries(&conn, &EntryQuery { include_voided: true, ..Default::default() }).unwrap();
    let s = adopt_hundred(&mut conn, "书记", NaiveDate::from_ymd_opt(2026, 11, 10).unwrap()).unwrap();
    assert_eq!((s.scheme.as_str(), s.base, s.bonus_cap, s.good), ("hundred", 60.0, Some(40.0), 75.0));
    assert_eq!(s.counted_from.as_deref(), Some("2026-11"));
    // Recorded entries are untouched; they stay in the ledger and no longer count from November.
    assert_eq!(entries(&conn, &EntryQuery { include_voided: true, ..Default::default() }).unwrap(), before);
    assert_eq!(year_total(&conn, "2026-11", ids[0]), 60.0);
    // Attending no longer earns; correcting the old meeting keeps its entries.
    assert!(!rules(&conn, true).unwrap().iter().any(|r| r.active && r.data.attendance.as_deref() == Some("present")));
    assert!(rules(&conn, false).unwrap().iter().any(|r| r.data.name == "党课主讲/先进事迹"));
    meeting::update(&mut conn, "书记", d.meeting.id, &input).unwrap();
    assert_eq!(entries(&conn, &EntryQuery::default()).unwrap().len(), 8, "not voided by the switch");
    let m = MeetingInput::new("theme_day", "held", "2026-11-02", "学习").with_attendees(vec![AttendanceInput { member_id: ids[0], status: "present".into(), ..Default::default() }]);
    meeting::create(&mut conn, "书记", &m).unwrap();
    assert_eq!(entries(&conn, &EntryQuery::default()).unwrap().len(), 8, "no +2 for attending now");
    assert_eq!(adopt_hundred(&mut conn, "书记", NaiveDate::from_ymd_opt(2026, 11, 10).unwrap()).unwrap_err().code(), "ALREADY");
    // A plain settings save keeps the scheme.
    let mut all = settings::get(&conn).unwrap();
    all.points.scheme = "legacy".into();
    all.points.counted_from = None;
    let saved = settings::update(&mut conn, "书记", &all).unwrap();
    assert_eq!((saved.points.scheme.as_str(), saved.points.counted_from.as_deref()), ("hundred", Some("2026-11")));
}

#[test]
fn member_history_runs_through_the_year() {
    let (mut conn, ids) = setup();
    add_for(&mut conn, &ids[..1], "结对帮扶", "2026-03-05", 1.0, Some("帮扶")).unwrap();
    add_for(&mut conn, &ids[..1], "违反村规民约", "2026-06-05", 1.0, None).unwrap();
    let h = member_history(&conn, ids[0], 2026, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()).unwrap();
    assert_eq!(h.months.len(), 11);
    assert_eq!(h.months[1].year_total, 60.0);
    assert_eq!(h.months[2].year_total, 62.0);
    assert_eq!(h.months[10].year_total, 57.0);
    assert_eq!(h.entries.len(), 2);
}

#[test]
fn a_rule_named_resolves_to_its_id_and_an_unknown_name_is_refused_in_chinese() {
    let (conn, _) = setup();
    let id = rule_id_by_name(&conn, "志愿服务").unwrap();
    assert_eq!(rule(&conn, id).unwrap().data.name, "志愿服务");
    let e = rule_id_by_name(&conn, "不存在的规则").unwrap_err();
    assert_eq!(e.code(), "REQUIRED");
    assert!(e.message().contains("没有名为“不存在的规则”的积分规则"), "{}", e.message());
}

/// A member entered into the app after the month, but on a held meeting's list in that month, was in the branch
/// then and has a row in that month's table; one entered later with neither points nor a meeting has none. Points
/// knows the meeting from the roll meetings handed it, not from meeting tables.
#[test]
fn a_member_entered_later_counts_from_the_meetings_they_were_on() {
    let (mut conn, ids) = setup();
    conn.execute("UPDATE member SET created_at = '2026-12-01T00:00:00' WHERE id IN (?1, ?2)", [ids[0], ids[1]]).unwrap();
    // Present: under the 百分制 that makes no points entry, so only the meeting's roll says they were there.
    let list = vec![AttendanceInput { member_id: ids[0], status: "present".into(), ..Default::default() }];
    let input = MeetingInput::new("theme_day", "held", "2026-03-10", "学习").with_attendees(list);
    let d = meeting::create(&mut conn, "书记", &input).unwrap();
    let rows = |conn: &Connection| -> Vec<i64> {
        month_table(conn, &TableRequest { month: "2026-03".into(), ..Default::default() }).unwrap().rows.iter().map(|r| r.member_id).collect()
    };
    let march = rows(&conn);
    assert!(march.contains(&ids[0]), "on the March meeting's list");
    assert!(!march.contains(&ids[1]), "entered in December with nothing before");
    assert!(march.contains(&ids[2]), "in the branch since January");
    // Moving the meeting to April takes the member off March again: the roll follows every change.
    let moved = MeetingInput { data: meeting::MeetingData { date: "2026-04-10".into(), ..input.data.clone() }, ..input.clone() };
    meeting::update(&mut conn, "书记", d.meeting.id, &moved).unwrap();
    assert!(!rows(&conn).contains(&ids[0]));
}

/// A file written before points kept the rolls gets them from its recorded meetings when it is opened.
#[test]
fn the_rolls_of_earlier_meetings_are_filled_in_on_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let (mut conn, ids) = setup();
    let list = vec![AttendanceInput { member_id: ids[0], status: "present".into(), ..Default::default() }];
    meeting::create(&mut conn, "书记", &MeetingInput::new("theme_day", "held", "2026-03-10", "学习").with_attendees(list)).unwrap();
    // Schema 4 had neither the rolls nor what later migrations added (党费, 发展党员, 流动党员, 关爱, 民主评议): the schema-4 fixture of
    // tests/upgrade.rs is the real file; this one checks the rolls on a branch built here.
    conn.execute_batch(
        "DROP TABLE point_meeting_roll; DROP TABLE dues_alert_handling; DROP TABLE dues_remit; DROP TABLE dues_payment;
         DROP TABLE dues_relief; DROP TABLE dues_standard; DELETE FROM point_rule WHERE name = '未按时交纳党费';
         DROP TABLE dev_step; DROP TABLE dev_person; DROP TABLE mobile_card; DROP TABLE mobile_contact; DROP TABLE transfer;
         DROP TABLE care_hardship; DROP TABLE care_visit; DROP TABLE care_medal; DROP TABLE appraisal_action;
         DROP TABLE appraisal_entry; DROP TABLE appraisal; PRAGMA user_version = 4;",
    )
    .unwrap();
    conn.execute("VACUUM INTO ?1", [path.to_str().unwrap()]).unwrap();
    Connection::open(&path).unwrap().pragma_update(None, "application_id", crate::store::db::APPLICATION_ID).unwrap();
    let conn = crate::store::db::open(&path).unwrap();
    let (ids_json, state): (String, String) = conn.query_row("SELECT member_ids, state FROM point_meeting_roll", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert_eq!((serde_json::from_str::<Vec<i64>>(&ids_json).unwrap(), state.as_str()), (vec![ids[0]], "held"));
}

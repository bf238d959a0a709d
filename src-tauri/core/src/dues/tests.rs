//! Tests of the dues area over a data file: standards (kind changes mid-year, the 预备党员 start month), payments
//! (several members and months, quarterly payers, 补交/预交 warnings, 大额党费, reversals, all-or-nothing), arrears
//! with exempt months, the 自行脱党 warning and its handling, 上缴, the tables, and the points link.
use super::*;
use crate::demo;
use crate::kernel::dates;
use crate::members::member::{self, MemberData, StatusChange};
use crate::store::db;
use chrono::NaiveDate;
use rusqlite::Connection;

fn d(s: &str) -> NaiveDate {
    dates::parse(s).unwrap()
}

const TODAY: &str = "2026-12-04";

/// A branch keeping its books here since 2026-01, with 正式党员 张三 李四 王五 and 预备党员 赵六 accepted 2026-03-15.
fn branch() -> (Connection, Vec<i64>) {
    let mut conn = db::open_in_memory().unwrap();
    demo::blank_branch(&mut conn, "东风村党支部", &["第一党小组"]).unwrap();
    conn.execute("INSERT OR REPLACE INTO setting (key, value) VALUES ('books_from', '2026-01')", []).unwrap();
    let people = [("张三", "full", "1990-07-01"), ("李四", "full", "2001-07-01"), ("王五", "full", "1985-07-01"), ("赵六", "probationary", "2026-03-15")];
    let ids = people
        .iter()
        .map(|(name, cat, join)| {
            let m = MemberData { name: name.to_string(), category: Some(cat.to_string()), join_date: Some(join.to_string()), ..Default::default() };
            member::create(&mut conn, "书记", &m).unwrap().id
        })
        .collect();
    // In this program since the books began, whatever day the test runs.
    conn.execute("UPDATE member SET created_at = '2026-01-01T00:00:00'", []).unwrap();
    (conn, ids)
}

fn std_in(conn: &mut Connection, id: i64, kind: &str, base: Option<&str>, from: &str) -> crate::Result<Standard> {
    let input = StandardInput { member_id: id, kind: kind.into(), base: base.map(Into::into), from_month: from.into(), decided_on: Some("2026-01-10".into()), ..Default::default() };
    set_standard(conn, "书记", &input, d(TODAY))
}

fn pay_months<S: AsRef<str>>(conn: &mut Connection, ids: &[i64], months: &[S], on: &str) -> crate::Result<PayResult> {
    pay(conn, "书记", &PayInput { member_ids: ids.to_vec(), months: months.iter().map(|s| s.as_ref().to_string()).collect(), paid_on: on.into(), ..Default::default() }, d(TODAY))
}

fn ym_range(from: u32, to: u32) -> Vec<String> {
    (from..=to).map(|m| format!("2026-{m:02}")).collect()
}

#[test]
fn a_kind_change_mid_year_applies_from_its_month() {
    let (mut conn, ids) = branch();
    std_in(&mut conn, ids[0], "在职", Some("4000.00"), "2026-01").unwrap();
    let retired = std_in(&mut conn, ids[0], "离退休", Some("5200.00"), "2026-07").unwrap();
    assert_eq!((retired.rate.as_str(), retired.amount.as_str()), ("1%", "52.00"));
    let card = member_dues(&conn, ids[0], 2026, d(TODAY)).unwrap();
    assert_eq!(card.months[5].owed.as_deref(), Some("40.00"));
    assert_eq!(card.months[6].owed.as_deref(), Some("52.00"));
    let t = table(&conn, &TableRequest { kind: "register".into(), year: 2026, ..Default::default() }, d(TODAY)).unwrap();
    let row = &t.groups[0].rows[0];
    assert_eq!(row[1], "张三");
    assert_eq!(row[2], "离退休");
    // 全年应交: 6 × 40.00 + 6 × 52.00
    assert_eq!(row[18], "552.00");
}

#[test]
fn a_probationary_member_owes_from_the_month_of_the_meeting() {
    let (mut conn, ids) = branch();
    let e = std_in(&mut conn, ids[3], "农民", None, "2026-02").unwrap_err();
    assert_eq!(e.code(), "BEFORE_JOINING");
    assert!(e.message().contains("预备党员从支部大会接收的当月起交纳党费") && e.message().contains("2026-03"), "{}", e.message());
    // Without a month the first standard starts at the month of joining.
    let s = set_standard(&mut conn, "书记", &StandardInput { member_id: ids[3], kind: "农民".into(), ..Default::default() }, d(TODAY)).unwrap();
    assert_eq!((s.from_month.as_str(), s.amount.as_str()), ("2026-03", "0.50"));
    let a = arrears_list(&conn, d(TODAY)).unwrap();
    let row = a.rows.iter().find(|r| r.member_id == ids[3]).unwrap();
    assert_eq!(row.unpaid.first().map(String::as_str), Some("2026-03"));
    assert_eq!(row.unpaid.len(), 9);
}

#[test]
fn several_members_and_months_at_once_and_nothing_when_one_fails() {
    let (mut conn, ids) = branch();
    for &id in &ids[..3] {
        std_in(&mut conn, id, "在职", Some("3000.00"), "2026-01").unwrap();
    }
    let r = pay_months(&mut conn, &ids[..3], &["2026-10", "2026-11"], "2026-11-20").unwrap();
    assert_eq!((r.members, r.rows, r.total.as_str()), (3, 6, "90.00"));
    // January to September are still owed, and the result says so.
    assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
    assert!(r.warnings[0].contains("张三（2026-01 起 9 个月）"), "{:?}", r.warnings);
    // 赵六 has no standard: the whole batch is refused, nothing of it saved.
    let e = pay_months(&mut conn, &[ids[0], ids[3]], &["2026-12"], "2026-12-01").unwrap_err();
    assert!(e.message().contains("赵六还没有核定交纳标准"), "{}", e.message());
    assert_eq!(sheet(&conn, "2026-12", d(TODAY)).unwrap().paid_count, 0);
    // Paying a paid month again is refused with the date it was paid.
    let e = pay_months(&mut conn, &[ids[0]], &["2026-10"], "2026-12-01").unwrap_err();
    assert!(e.message().contains("2026-10 的党费已于 2026-11-20 登记交纳"), "{}", e.message());
    let s = sheet(&conn, "2026-11", d(TODAY)).unwrap();
    assert_eq!((s.due_count, s.paid_count, s.paid_total.as_str()), (3, 3, "45.00"));
    assert_eq!(s.no_standard, 1);
}

#[test]
fn late_and_early_payments_over_six_months_are_warned() {
    let (mut conn, ids) = branch();
    std_in(&mut conn, ids[0], "在职", Some("3000.00"), "2026-01").unwrap();
    let r = pay_months(&mut conn, &[ids[0]], &["2026-05"], "2026-11-30").unwrap();
    assert!(!r.warnings.iter().any(|w| w.contains("补交超过")), "six months late is within the rule: {:?}", r.warnings);
    let r = pay_months(&mut conn, &[ids[0]], &["2026-04"], "2026-11-30").unwrap();
    assert!(r.warnings.iter().any(|w| w.starts_with("补交超过 6 个月")), "{:?}", r.warnings);
    let r = pay(&mut conn, "书记", &PayInput { member_ids: vec![ids[0]], months: vec!["2027-06".into()], paid_on: "2026-12-01".into(), ..Default::default() }, d(TODAY)).unwrap();
    assert!(!r.warnings.iter().any(|w| w.contains("预交超过")), "{:?}", r.warnings);
    let r = pay(&mut conn, "书记", &PayInput { member_ids: vec![ids[0]], months: vec!["2027-07".into()], paid_on: "2026-12-01".into(), ..Default::default() }, d(TODAY)).unwrap();
    assert!(r.warnings.iter().any(|w| w.starts_with("预交超过 6 个月")), "{:?}", r.warnings);
    let card = table(&conn, &TableRequest { kind: "card".into(), year: 2026, member_id: Some(ids[0]), ..Default::default() }, d(TODAY)).unwrap();
    assert!(card.groups[0].rows[4][8].contains("补交"));
}

#[test]
fn quarterly_payers_pay_the_next_months_together() {
    let (mut conn, ids) = branch();
    set_standard(&mut conn, "书记", &StandardInput { member_id: ids[1], kind: "学生".into(), from_month: "2026-07".into(), quarterly: true, ..Default::default() }, d(TODAY)).unwrap();
    // 2026-12-04: Q3 ended, Q4 not yet; October and November are not late.
    let a = arrears_list(&conn, d(TODAY)).unwrap();
    let row = a.rows.iter().find(|r| r.member_id == ids[1]).unwrap();
    assert_eq!(row.unpaid, ["2026-07", "2026-08", "2026-09"]);
    let r = pay(&mut conn, "书记", &PayInput { member_ids: vec![ids[1]], count: Some(3), paid_on: "2026-12-04".into(), proxy: Some("李四父亲".into()), ..Default::default() }, d(TODAY)).unwrap();
    assert_eq!((r.rows, r.total.as_str()), (3, "0.60"));
    let dues = member_dues(&conn, ids[1], 2026, d(TODAY)).unwrap();
    assert_eq!(dues.paid_through.as_deref(), Some("2026-09"));
    assert!(dues.unpaid.is_empty());
    assert_eq!(dues.months[6].proxy.as_deref(), Some("李四父亲"));
}

#[test]
fn exempt_months_do_not_count_and_six_unpaid_months_warn_until_handled() {
    let (mut conn, ids) = branch();
    std_in(&mut conn, ids[2], "离退休", Some("2000.00"), "2026-01").unwrap();
    pay_months(&mut conn, &[ids[2]], &ym_range(1, 3), "2026-03-10").unwrap();
    let a = arrears_list(&conn, d(TODAY)).unwrap();
    let row = a.rows.iter().find(|r| r.member_id == ids[2]).unwrap();
    assert_eq!((row.run, row.alert, row.paid_through.as_deref()), (8, true, Some("2026-03")));
    assert_eq!(open_alerts(&conn, d(TODAY)).unwrap().len(), 1);
    // 免交 approved for May–June: the run since is five months, no warning.
    let relief = ReliefInput { member_id: ids[2], kind: "exempt".into(), from_month: "2026-05".into(), to_month: Some("2026-06".into()), ..Default::default() };
    let e = add_relief(&mut conn, "书记", &relief).unwrap_err();
    assert!(e.message().contains("批准机关"), "{}", e.message());
    add_relief(&mut conn, "书记", &ReliefInput { approved_by: Some("城关镇党委".into()), approved_on: Some("2026-05-08".into()), doc_no: Some("城党〔2026〕12号".into()), ..relief }).unwrap();
    let row = arrears_list(&conn, d(TODAY)).unwrap().rows.into_iter().find(|r| r.member_id == ids[2]).unwrap();
    assert_eq!(row.unpaid, ["2026-04", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]);
    assert_eq!((row.run, row.alert), (5, false));
    // A month later the run is six: the warning, until a talk is recorded for that run.
    let later = d("2027-01-05");
    let row = arrears_list(&conn, later).unwrap().rows.into_iter().find(|r| r.member_id == ids[2]).unwrap();
    assert!(row.alert && row.handled.is_none());
    let e = handle(&mut conn, "书记", &HandleInput { member_id: ids[2], run_from: "2026-07".into(), action: "talk".into(), ..Default::default() }, later).unwrap_err();
    assert_eq!(e.code(), "REQUIRED");
    handle(&mut conn, "书记", &HandleInput { member_id: ids[2], run_from: "2026-07".into(), action: "talk".into(), note: "外出务工，答应春节前补交".into(), date: "2027-01-05".into() }, later).unwrap();
    assert!(open_alerts(&conn, later).unwrap().is_empty());
}

#[test]
fn dues_stop_after_the_month_a_member_dies() {
    let (mut conn, ids) = branch();
    std_in(&mut conn, ids[0], "离退休", Some("3000.00"), "2026-01").unwrap();
    member::change_status(&mut conn, "书记", ids[0], &StatusChange { status: "deceased".into(), date: "2026-04-18".into(), reason: "病故".into(), ..Default::default() }).unwrap();
    let card = member_dues(&conn, ids[0], 2026, d(TODAY)).unwrap();
    assert_eq!(card.months[3].owed.as_deref(), Some("15.00"));
    assert_eq!(card.months[4].owed, None);
    let e = pay_months(&mut conn, &[ids[0]], &["2026-05"], "2026-05-10").unwrap_err();
    assert_eq!(e.code(), "CANNOT_PAY");
    assert!(arrears_list(&conn, d(TODAY)).unwrap().rows.iter().all(|r| r.member_id != ids[0]));
    let t = table(&conn, &TableRequest { kind: "register".into(), year: 2026, ..Default::default() }, d(TODAY)).unwrap();
    let row = t.groups[0].rows.iter().find(|r| r[1] == "张三").unwrap();
    assert_eq!((row[18].as_str(), row[10].as_str()), ("60.00", "—"));
    assert!(row[24].contains("2026-05起不再交纳"));
}

#[test]
fn a_large_voluntary_payment_is_flagged_and_corrections_are_reversals() {
    let (mut conn, ids) = branch();
    std_in(&mut conn, ids[0], "在职", Some("6000.00"), "2026-01").unwrap();
    let r = pay(&mut conn, "书记", &PayInput { member_ids: vec![ids[0]], months: vec!["2026-11".into()], extra: Some("1000.00".into()), paid_on: "2026-11-05".into(), ..Default::default() }, d(TODAY)).unwrap();
    assert_eq!(r.total, "1090.00");
    assert!(r.warnings.iter().any(|w| w.contains("大额党费")), "{:?}", r.warnings);
    let small = pay(&mut conn, "书记", &PayInput { member_ids: vec![ids[1]], extra: Some("999.99".into()), ..Default::default() }, d(TODAY));
    // Voluntary extra needs no standard; under 1000.00 it is not 大额.
    assert!(small.unwrap().warnings.is_empty());
    assert!(member_payments(&conn, ids[1]).unwrap().iter().all(|p| !p.large));
    let payments = member_payments(&conn, ids[0]).unwrap();
    assert!(payments.iter().any(|p| p.large && p.kind == "extra"));
    let dues_row = payments.iter().find(|p| p.kind == "dues").unwrap().id;
    assert_eq!(reverse(&mut conn, "书记", dues_row, " ", d(TODAY)).unwrap_err().code(), "REQUIRED");
    let rev = reverse(&mut conn, "书记", dues_row, "月份登记错了", d(TODAY)).unwrap();
    assert_eq!((rev.amount.as_str(), rev.reverses), ("-90.00", Some(dues_row)));
    assert_eq!(reverse(&mut conn, "书记", dues_row, "再来一次", d(TODAY)).unwrap_err().code(), "ALREADY_REVERSED");
    assert_eq!(reverse(&mut conn, "书记", rev.id, "冲正的冲正", d(TODAY)).unwrap_err().code(), "IS_REVERSAL");
    // The month is unpaid again and can be paid; every row stays on file.
    pay_months(&mut conn, &[ids[0]], &["2026-11"], "2026-11-06").unwrap();
    assert_eq!(member_payments(&conn, ids[0]).unwrap().len(), 4);
    let audit: i64 = conn.query_row("SELECT count(*) FROM audit_log WHERE entity = 'dues_payment'", [], |r| r.get(0)).unwrap();
    assert_eq!(audit, 4);
}

#[test]
fn remitting_upward_leaves_what_is_not_yet_remitted() {
    let (mut conn, ids) = branch();
    for &id in &ids[..2] {
        std_in(&mut conn, id, "在职", Some("5000.00"), "2026-01").unwrap();
    }
    pay_months(&mut conn, &ids[..2], &ym_range(7, 9), "2026-09-20").unwrap();
    let e = remit(&mut conn, "书记", &RemitInput { from_month: "2026-07".into(), to_month: "2026-06".into(), amount: "0".into(), ..Default::default() }, d(TODAY)).unwrap_err();
    let fields: Vec<String> = match e {
        crate::Error::Invalid(v) => v.into_iter().map(|f| f.field).collect(),
        _ => panic!(),
    };
    assert!(fields.contains(&"to_month".to_string()) && fields.contains(&"amount".to_string()));
    remit(&mut conn, "书记", &RemitInput { date: "2026-10-08".into(), from_month: "2026-07".into(), to_month: "2026-09".into(), amount: "200.00".into(), receipt_no: Some("0012345".into()), ..Default::default() }, d(TODAY)).unwrap();
    let r = remits(&conn, 2026).unwrap();
    assert_eq!((r.collected.as_str(), r.remitted.as_str(), r.pending.as_str()), ("300.00", "200.00", "100.00"));
    let stats = table(&conn, &TableRequest { kind: "statistics".into(), year: 2026, quarter: Some(4), ..Default::default() }, d(TODAY)).unwrap();
    let oct = &stats.groups[0].rows[0];
    assert_eq!((oct[9].as_str(), oct[10].as_str()), ("200.00", "2026-10-08"));
    assert_eq!(stats.groups[0].rows.len(), 4);
}

#[test]
fn the_township_statistics_count_on_time_late_and_unpaid() {
    let (mut conn, ids) = branch();
    for &id in &ids[..3] {
        std_in(&mut conn, id, "在职", Some("3000.00"), "2026-01").unwrap();
    }
    pay_months(&mut conn, &[ids[0]], &["2026-10"], "2026-10-10").unwrap();
    pay_months(&mut conn, &[ids[1]], &["2026-10"], "2026-11-03").unwrap();
    let t = table(&conn, &TableRequest { kind: "statistics".into(), year: 2026, month: Some("2026-10".into()), ..Default::default() }, d(TODAY)).unwrap();
    let r = &t.groups[0].rows[0];
    // 党员总数 4 (赵六 has no standard), 应交 3, 按时 1, 未交 1, 应交 45.00, 实交 30.00
    assert_eq!(&r[1..7], &["4", "3", "1", "1", "45.00", "30.00"]);
    let nov = table(&conn, &TableRequest { kind: "statistics".into(), year: 2026, month: Some("2026-11".into()), ..Default::default() }, d(TODAY)).unwrap();
    assert_eq!(nov.groups[0].rows[0][7], "15.00", "李四's October dues paid in November are 补交");
}

#[test]
fn the_register_public_list_and_review_tables() {
    let (mut conn, ids) = branch();
    std_in(&mut conn, ids[0], "在职", Some("4322.50"), "2026-01").unwrap();
    std_in(&mut conn, ids[1], "在职", Some("1001.00"), "2026-01").unwrap();
    pay_months(&mut conn, &ids[..2], &ym_range(1, 11), "2026-11-20").unwrap();
    let reg = table(&conn, &TableRequest { kind: "register".into(), year: 2026, ..Default::default() }, d(TODAY)).unwrap();
    assert_eq!(reg.columns.len(), 25);
    assert!(reg.landscape);
    let rows = &reg.groups[0].rows;
    let zhang = rows.iter().find(|r| r[1] == "张三").unwrap();
    assert_eq!((zhang[4].as_str(), zhang[5].as_str(), zhang[6].as_str(), zhang[17].as_str()), ("1%", "43.23", "43.23", ""));
    let total = rows.last().unwrap();
    assert_eq!(total[1], "合计");
    assert_eq!(total[19], "530.64", "11 × (43.23 + 5.01)");
    let public = table(&conn, &TableRequest { kind: "public".into(), year: 2026, ..Default::default() }, d(TODAY)).unwrap();
    assert!(public.columns.iter().all(|c| c.label != "公民身份号码"));
    let review = review(&conn, 2026).unwrap();
    assert_eq!((review.rows.len(), review.missing, review.reviewed), (4, 2, 2));
    let t = table(&conn, &TableRequest { kind: "review".into(), year: 2026, ..Default::default() }, d(TODAY)).unwrap();
    assert_eq!(t.groups[0].rows.len(), 4);
    assert!(t.columns.iter().any(|c| c.key == "sign"));
    let path = std::env::temp_dir().join(format!("dues-register-{}.xlsx", std::process::id()));
    crate::store::xlsx::write_table(&path, &reg).unwrap();
    let back = crate::members::import::read(&path).unwrap();
    std::fs::remove_file(&path).ok();
    assert!(back.rows.iter().any(|r| r.iter().any(|c| *c == crate::store::sheet::Cell::Text("张三".into()))));
}

#[test]
fn unpaid_dues_deduct_points_once() {
    let (mut conn, ids) = branch();
    for &id in &ids[..3] {
        std_in(&mut conn, id, "在职", Some("3000.00"), "2026-01").unwrap();
    }
    pay_months(&mut conn, &[ids[0]], &["2026-10"], "2026-10-10").unwrap();
    let e = deduct_unpaid(&mut conn, "书记", "2026-12", d(TODAY)).unwrap_err();
    assert_eq!(e.code(), "NOT_ENDED");
    let r = deduct_unpaid(&mut conn, "书记", "2026-10", d(TODAY)).unwrap();
    assert_eq!(r.members.len(), 2, "{}", r.summary);
    assert!(r.summary.contains("-2"), "{}", r.summary);
    let again = deduct_unpaid(&mut conn, "书记", "2026-10", d(TODAY)).unwrap();
    assert!(again.members.is_empty() && again.skipped.len() == 2);
    let entries = crate::points::entries(&conn, &crate::points::EntryQuery { month: Some("2026-10".into()), ..Default::default() }).unwrap();
    assert_eq!(entries.iter().filter(|e| e.rule_name == link::RULE && e.points == -2.0).count(), 2);
}

#[test]
fn a_mistaken_standard_is_voided_and_stops_applying() {
    let (mut conn, ids) = branch();
    let wrong = std_in(&mut conn, ids[0], "在职", Some("3000.00"), "2026-01").unwrap();
    assert_eq!(arrears_list(&conn, d(TODAY)).unwrap().rows.len(), 1);
    assert_eq!(void_standard(&mut conn, "书记", wrong.id, " ").unwrap_err().code(), "REQUIRED");
    let v = void_standard(&mut conn, "书记", wrong.id, "起始月份填错了").unwrap();
    assert!(v.voided);
    assert!(arrears_list(&conn, d(TODAY)).unwrap().rows.is_empty(), "a voided standard owes nothing");
    assert_eq!(void_standard(&mut conn, "书记", wrong.id, "再来").unwrap_err().code(), "ALREADY_VOIDED");
    let dues = member_dues(&conn, ids[0], 2026, d(TODAY)).unwrap();
    assert_eq!(dues.standards.len(), 1, "kept on file");
    assert!(dues.months.iter().all(|m| m.state == "no_standard"));
}

#[test]
fn without_a_books_start_the_first_standard_starts_this_month_not_at_joining() {
    let (mut conn, ids) = branch();
    conn.execute("DELETE FROM setting WHERE key = 'books_from'", []).unwrap();
    let s = set_standard(&mut conn, "书记", &StandardInput { member_id: ids[0], kind: "农民".into(), ..Default::default() }, d(TODAY)).unwrap();
    assert_eq!(s.from_month, "2026-12", "张三 joined in 1990: nobody is billed for 36 years by default");
    assert!(arrears_list(&conn, d(TODAY)).unwrap().rows.is_empty());
}

#[test]
fn each_income_box_carries_its_own_error() {
    let (mut conn, ids) = branch();
    let input = StandardInput { member_id: ids[0], kind: "个体经营".into(), incomes: vec!["4000".into(), "abc".into(), "".into()], ..Default::default() };
    let fields: Vec<String> = match set_standard(&mut conn, "书记", &input, d(TODAY)).unwrap_err() {
        crate::Error::Invalid(v) => v.into_iter().map(|f| f.field).collect(),
        e => panic!("{e}"),
    };
    assert_eq!(fields, ["incomes.1", "incomes.2"]);
    let none = StandardInput { member_id: ids[0], kind: "个体经营".into(), ..Default::default() };
    match set_standard(&mut conn, "书记", &none, d(TODAY)).unwrap_err() {
        crate::Error::Invalid(v) => assert_eq!(v[0].field, "incomes"),
        e => panic!("{e}"),
    }
}

#[test]
fn many_farmers_are_set_at_once_and_a_refusal_names_the_member() {
    let (mut conn, ids) = branch();
    let bulk = BulkInput { member_ids: ids.clone(), kind: "农民".into(), ..Default::default() };
    assert_eq!(set_standards(&mut conn, "书记", &bulk, d(TODAY)).unwrap(), 4);
    let r = review(&conn, 2026).unwrap();
    assert_eq!(r.missing, 0);
    // 赵六, the 预备党员, from the month of joining; the others from the books' start.
    let from: Vec<String> = r.rows.iter().map(|x| x.standard.as_ref().unwrap().from_month.clone()).collect();
    assert!(from.contains(&"2026-03".to_string()) && from.contains(&"2026-01".to_string()), "{from:?}");
    let wage = BulkInput { kind: "在职".into(), ..bulk.clone() };
    assert_eq!(set_standards(&mut conn, "书记", &wage, d(TODAY)).unwrap_err().code(), "NEEDS_BASE");
    let early = BulkInput { from_month: "2026-02".into(), ..bulk };
    let e = set_standards(&mut conn, "书记", &early, d(TODAY)).unwrap_err();
    assert!(e.message().starts_with("赵六："), "{}", e.message());
    assert_eq!(review(&conn, 2026).unwrap().rows.iter().filter(|x| x.standard.as_ref().is_some_and(|s| s.from_month == "2026-02")).count(), 0, "all or nothing");
}

/// Issue 25 §3: a member entered in December owes from December by default, not from the books' January, so a
/// 批量核定 does not make them a 自行脱党 case at once; a base of 0 is refused (免交 is the way) and a standard of 0.00
/// written before is never arrears.
#[test]
fn dues_do_not_cry_wolf() {
    let (mut conn, ids) = branch();
    conn.execute("UPDATE member SET created_at = '2026-12-02T10:00:00' WHERE id = ?1", [ids[0]]).unwrap();
    let s = set_standard(&mut conn, "书记", &StandardInput { member_id: ids[0], kind: "农民".into(), ..Default::default() }, d(TODAY)).unwrap();
    assert_eq!(s.from_month, "2026-12", "entered in December: owes from December");
    let s = set_standard(&mut conn, "书记", &StandardInput { member_id: ids[1], kind: "农民".into(), ..Default::default() }, d(TODAY)).unwrap();
    assert_eq!(s.from_month, "2026-01", "entered with the books: owes from the books' start");
    assert!(arrears_list(&conn, d(TODAY)).unwrap().rows.iter().all(|r| r.member_id != ids[0]));

    let e = std_in(&mut conn, ids[2], "离退休", Some("0"), "2026-01").unwrap_err();
    assert_eq!(e.code(), "ZERO");
    assert!(e.message().contains("免交"), "{}", e.message());
    // A 0.00 standard from an earlier version: no arrears, no warning.
    std_in(&mut conn, ids[2], "离退休", Some("2000.00"), "2026-01").unwrap();
    conn.execute("UPDATE dues_standard SET amount = 0 WHERE member_id = ?1", [ids[2]]).unwrap();
    assert!(arrears_list(&conn, d(TODAY)).unwrap().rows.iter().all(|r| r.member_id != ids[2]));
}

/// Issue 25 §9: two members of one name are told apart in the 党费收缴登记表, the 欠缴 on 首页, the member's page and
/// the payment notices.
#[test]
fn two_members_of_one_name_are_told_apart_in_dues() {
    let (mut conn, _) = branch();
    let ids: Vec<i64> = [("1972-05-01", "1990-07-01"), ("1980-03-01", "2001-07-01")]
        .iter()
        .map(|(birth, join)| {
            let m = MemberData { name: "王芳".into(), category: Some("full".into()), birth_date: Some(birth.to_string()), join_date: Some(join.to_string()), ..Default::default() };
            member::create(&mut conn, "书记", &m).unwrap().id
        })
        .collect();
    conn.execute("UPDATE member SET created_at = '2026-01-01T00:00:00'", []).unwrap();
    for id in &ids {
        std_in(&mut conn, *id, "农民", None, "2026-01").unwrap();
    }
    let register = table(&conn, &TableRequest { kind: "register".into(), year: 2026, ..Default::default() }, d(TODAY)).unwrap();
    let cells: Vec<String> = register.groups.iter().flat_map(|g| g.rows.iter().map(|r| r[1].clone())).collect();
    assert!(cells.contains(&"王芳（1972年生）".to_string()) && cells.contains(&"王芳（1980年生）".to_string()), "{cells:?}");
    let todo = crate::reports::home::todos(&conn).unwrap();
    let names: Vec<String> = todo.iter().flat_map(|t| t.names.iter().map(move |n| format!("{}:{n}", t.key))).filter(|n| n.contains("王芳")).collect();
    assert!(names.iter().all(|n| n.contains("年生")), "{names:?}");
    let r = pay_months(&mut conn, &ids[..1], &["2026-01"], "2026-12-04").unwrap();
    assert!(r.warnings.iter().any(|w| w.contains("王芳（1972年生）")), "{:?}", r.warnings);
    assert_eq!(member_dues(&conn, ids[1], 2026, d(TODAY)).unwrap().name, "王芳（1980年生）");
}

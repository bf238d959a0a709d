//! Import of messy real-world rosters and export read back: fixtures are built here in code.
use branchbook_core::members::import::{self, Cell, CommitOptions, LooseDate, RowStatus};
use branchbook_core::members::member::{self, MemberData};
use branchbook_core::org;
use branchbook_core::members::roster::{self, RosterRequest};
use branchbook_core::meetings::sign_in::{self, SignInRequest};
use branchbook_core::members::search::{self, MemberQuery};
use branchbook_core::{store::db, demo, store::xlsx};
use calamine::{open_workbook_auto, Data, Reader};
use chrono::NaiveDate;
use rusqlite::Connection;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::path::Path;

fn setup() -> Connection {
    let mut conn = db::open_in_memory().unwrap();
    demo::blank_branch(&mut conn, "东风村党支部", &["第一党小组", "第二党小组"]).unwrap();
    conn
}

/// The kind of file a branch really has: two title rows (one merged), a header worded its own way, blank rows,
/// full-width spaces, a header repeated mid-sheet, and every date form people type.
fn messy_xlsx(path: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let date_fmt = Format::new().set_num_format("yyyy-mm-dd");
    ws.merge_range(0, 0, 0, 8, "东风村党支部党员花名册", &Format::new()).unwrap();
    ws.write_string(1, 0, "填报日期：2025年12月").unwrap();
    let header = ["序号", "姓  名", "性别", "民族", "出生年月", "身份证号码", "文化程度", "入党时间", "党小组"];
    for (i, h) in header.iter().enumerate() {
        ws.write_string(3, i as u16, *h).unwrap();
    }
    // A header cell merged over two columns: only its first cell holds the word.
    ws.merge_range(3, 9, 3, 10, "联系电话", &Format::new()).unwrap();
    ws.write_string(4, 9, "13812345678").unwrap();
    ws.write_string(4, 10, "（手机）").unwrap();
    let rows: Vec<Vec<&str>> = vec![
        vec!["1", "王　伟", "男", "汉", "1965.03", "340524196503150013", "初中", "1985.7", "第一党小组"],
        vec!["2", "李秀英", "女", "汉族", "1958年6月", "340524195806200044", "小学", "1980年7月1日", "第二党小组"],
        vec!["3", "张明", "男", "回族", "", "340524197001010015", "大专", "19950701", "第三党小组"],
        vec!["4", "赵四", "男", "汉", "", "340524197102020010", "高中", "1995/7/1", ""],
        vec!["", "", "", "", "", "", "", "", ""],
        vec!["序号", "姓名", "性别", "民族", "出生年月", "身份证号码", "文化程度", "入党时间", "党小组"],
        vec!["6", "孙丽", "女", "汉", "", "", "本科", "1999-13-01", ""],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(4 + r as u32, c as u16, *v).unwrap();
            }
        }
    }
    // A number ID: Excel kept only 15 significant digits.
    ws.write_string(11, 0, "7").unwrap();
    ws.write_string(11, 1, "周平").unwrap();
    ws.write_number(11, 5, 340524196001010000.0).unwrap();
    ws.write_string(11, 7, "1990.07").unwrap();
    // A real date cell and an Excel serial number.
    ws.write_string(12, 0, "8").unwrap();
    ws.write_string(12, 1, "吴芳").unwrap();
    ws.write_string(12, 5, "340524198205050021").unwrap();
    ws.write_datetime_with_format(12, 7, ExcelDateTime::from_ymd(2005, 7, 1).unwrap(), &date_fmt).unwrap();
    ws.write_string(13, 0, "9").unwrap();
    ws.write_string(13, 1, "郑强").unwrap();
    ws.write_string(13, 5, "340524197503030032").unwrap();
    ws.write_number(13, 7, 36342.0).unwrap(); // 1999-07-01
    wb.save(path).unwrap();
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

#[test]
fn loose_dates() {
    use LooseDate::*;
    let d = |y, m, dd| Day(NaiveDate::from_ymd_opt(y, m, dd).unwrap());
    assert_eq!(import::parse_loose("1965.03"), Some(Month(1965, 3)));
    assert_eq!(import::parse_loose("1965.3"), Some(Month(1965, 3)));
    assert_eq!(import::parse_loose("1965年3月"), Some(Month(1965, 3)));
    assert_eq!(import::parse_loose("196503"), Some(Month(1965, 3)));
    assert_eq!(import::parse_loose("1965.3.1"), Some(d(1965, 3, 1)));
    assert_eq!(import::parse_loose("1965-03-01"), Some(d(1965, 3, 1)));
    assert_eq!(import::parse_loose("19650301"), Some(d(1965, 3, 1)));
    assert_eq!(import::parse_loose("1965/3/1"), Some(d(1965, 3, 1)));
    assert_eq!(import::parse_loose("1965年3月1日"), Some(d(1965, 3, 1)));
    assert_eq!(import::parse_loose("1965.13"), None);
    assert_eq!(import::serial_date(36342.0), NaiveDate::from_ymd_opt(1999, 7, 1));
}

#[test]
fn header_is_found_below_title_rows_whatever_its_words() {
    let rows = vec![
        vec![Cell::Text("某某村党员花名册".into())],
        vec![Cell::Empty],
        vec![Cell::Text("序号".into()), Cell::Text("姓 名".into()), Cell::Text("公民身份号码".into()), Cell::Text("入党日期（年月）".into())],
    ];
    let (i, mapping) = import::detect_header(&rows).unwrap();
    assert_eq!(i, 2);
    assert_eq!(mapping, vec![Some("seq"), Some("name"), Some("id_number"), Some("join_date")]);
    assert_eq!(import::guess_field("身份证号"), Some("id_number"));
    assert_eq!(import::guess_field("出生日期"), Some("birth_date"));
    assert_eq!(import::guess_field("入党时间"), Some("join_date"));
}

#[test]
fn messy_workbook_preview_marks_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("花名册.xlsx");
    messy_xlsx(&path);
    let conn = setup();
    let sheet = import::read(&path).unwrap();
    let p = import::preview_at(&conn, &sheet, None, today()).unwrap();
    assert_eq!(p.header_row, 4);
    assert!(p.fields.iter().any(|f| f.key == "id_number" && f.label == "公民身份号码"));
    assert!(p.fields.iter().all(|f| f.key != "seq"), "序号 is never imported");
    let by_name = |n: &str| p.rows.iter().find(|r| r.name == n).unwrap_or_else(|| panic!("no row {n}: {:?}", p.rows));
    let wang = by_name("王伟");
    assert_eq!(wang.status, RowStatus::Warning, "{:?}", wang.messages);
    assert_eq!(p.columns[9].field.as_deref(), Some("phone"));
    assert_eq!(p.columns[10].field, None, "the merged-over cell maps to nothing");
    assert!(wang.messages.iter().any(|m| m.contains("入党日期只有年月")));
    assert_eq!(by_name("李秀英").status, RowStatus::Ok, "month-only birth date agreeing with the ID is fine");
    let zhang = by_name("张明");
    assert!(zhang.messages.iter().any(|m| m.contains("党小组“第三党小组”不存在")));
    let zhao = by_name("赵四");
    assert!(zhao.needs_acceptance, "wrong check character is a warning to accept");
    assert!(zhao.messages.iter().any(|m| m.contains("校验位不正确") && m.contains("接受此类提醒")), "{:?}", zhao.messages);
    assert_eq!(zhao.status, RowStatus::Warning);
    let sun = by_name("孙丽");
    assert_eq!(sun.status, RowStatus::Error);
    assert!(sun.messages.iter().any(|m| m.contains("入党日期“1999-13-01”看不懂")));
    let zhou = by_name("周平");
    assert_eq!(zhou.status, RowStatus::Error);
    assert!(zhou.messages[0].contains("被 Excel 存成了数字") && zhou.messages[0].contains("文本"));
    assert_eq!(by_name("吴芳").status, RowStatus::Ok);
    assert_eq!(by_name("郑强").status, RowStatus::Ok);
    assert_eq!(p.rows.len(), 8, "blank and repeated header rows are skipped");
    assert_eq!(zhou.row, 12, "row numbers are those Excel shows");
    // A dry run leaves out the errors, and the warnings to accept unless accepted.
    let names = |rows: Vec<import::PreviewRow>| rows.into_iter().map(|r| r.name).collect::<Vec<_>>();
    assert_eq!(names(import::dry_run_rejected(&p, false)), ["赵四", "孙丽", "周平"]);
    assert_eq!(names(import::dry_run_rejected(&p, true)), ["孙丽", "周平"]);
    assert!(!import::is_rejected(wang, false), "a plain warning is imported");
    // A remap or commit before a file was chosen.
    assert_eq!(import::require_sheet(None::<&import::Sheet>).unwrap_err().payload().fields[0].message, "请先选择要导入的文件");
    assert_eq!(import::require_sheet(None::<&import::Sheet>).unwrap_err().code(), "NO_IMPORT_FILE");
    assert!(import::require_sheet(Some(&sheet)).is_ok());
}

#[test]
fn commit_is_all_accepted_rows_at_once_with_a_fixable_report() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("花名册.xlsx");
    messy_xlsx(&path);
    let mut conn = setup();
    let sheet = import::read(&path).unwrap();
    let r = import::commit(&mut conn, "张建国", &sheet, &CommitOptions { accept_warnings: false, ..Default::default() }).unwrap();
    assert_eq!(r.created, 5);
    assert_eq!(r.rejected.len(), 3, "{:?}", r.rejected.iter().map(|x| &x.name).collect::<Vec<_>>());
    let wang = search::list(&conn, &MemberQuery { search: Some("王伟".into()), ..Default::default() }).unwrap().rows;
    assert_eq!(wang[0].birth_date.as_deref(), Some("1965-03-15"), "month-only birth date takes the day from the ID");
    assert_eq!(wang[0].join_date.as_deref(), Some("1985-07-01"));
    assert_eq!(wang[0].education.as_deref(), Some("60"));
    assert_eq!(wang[0].phone.as_deref(), Some("13812345678"));
    let zheng = search::list(&conn, &MemberQuery { search: Some("郑强".into()), ..Default::default() }).unwrap().rows;
    assert_eq!(zheng[0].join_date.as_deref(), Some("1999-07-01"), "Excel serial date");
    // The report holds the rejected rows as they were, with the reason, and reads back as a roster.
    let report = import::report_table(&sheet, 4, &r.rejected);
    let out = dir.path().join("report.xlsx");
    xlsx::write_table(&out, &report).unwrap();
    let back = import::read(&out).unwrap();
    let (h, mapping) = import::detect_header(&back.rows).unwrap();
    assert!(mapping.contains(&Some("name")));
    let names: Vec<String> = back.rows[h + 1..].iter().map(|r| r[2].display()).collect();
    assert_eq!(names, ["赵四", "孙丽", "周平"]);
    assert!(back.rows[h + 1].last().unwrap().display().contains("校验位"));

    // Again, accepting warnings: 赵四 comes in marked as confirmed; the others are now duplicates and skipped.
    let r2 = import::commit(&mut conn, "张建国", &sheet, &CommitOptions { accept_warnings: true, ..Default::default() }).unwrap();
    assert_eq!((r2.created, r2.skipped, r2.rejected.len()), (1, 5, 2));
    let zhao = search::list(&conn, &MemberQuery { search: Some("赵四".into()), ..Default::default() }).unwrap().rows;
    assert!(zhao[0].flagged);
}

#[test]
fn duplicates_update_only_what_the_sheet_has() {
    let mut conn = setup();
    let existing = member::create(&mut conn, "张建国", &MemberData {
        name: "吴芳".into(),
        id_number: Some("340524198205050021".into()),
        phone: Some("13900000000".into()),
        education: Some("20".into()),
        ..Default::default()
    })
    .unwrap();
    let csv = "姓名,身份证号,入党时间\n吴芳,340524198205050021,2005-07-01\n";
    let sheet = import::Sheet { file_name: "a.csv".into(), rows: import::read_csv(csv.as_bytes()).unwrap(), notes: vec![] };
    let p = import::preview_at(&conn, &sheet, None, today()).unwrap();
    assert_eq!(p.rows[0].duplicate_of, Some(existing.id));
    assert_eq!(p.duplicates, 1);
    let r = import::commit(&mut conn, "张建国", &sheet, &CommitOptions { duplicates: "update".into(), ..Default::default() }).unwrap();
    assert_eq!(r.updated, 1);
    let m = member::get_record(&conn, existing.id).unwrap();
    assert_eq!(m.data.join_date.as_deref(), Some("2005-07-01"));
    assert_eq!(m.data.phone.as_deref(), Some("13900000000"), "fields the sheet lacks are kept");
    assert_eq!(m.data.education.as_deref(), Some("20"));
}

/// Issue 25 §1: a row without ID number or birth date whose name, 入党日期 and phone are an existing member's is
/// shown as a possible duplicate and skipped by default, never a second member; 仍然新增 adds it; the same name
/// with nothing else in common is a new member.
#[test]
fn a_row_without_an_id_like_an_existing_member_is_a_possible_duplicate() {
    let mut conn = setup();
    let existing = member::create(&mut conn, "张建国", &MemberData {
        name: "丁鑫志".into(),
        join_date: Some("1986-01-24".into()),
        phone: Some("13802158649".into()),
        ..Default::default()
    })
    .unwrap();
    let csv = "姓名,入党时间,联系电话\n丁鑫志,1986-01-24,13802158649\n丁鑫志,2001-07-01,13900001111\n";
    let sheet = import::Sheet { file_name: "a.csv".into(), rows: import::read_csv(csv.as_bytes()).unwrap(), notes: vec![] };
    let p = import::preview_at(&conn, &sheet, None, today()).unwrap();
    let (same, other) = (&p.rows[0], &p.rows[1]);
    assert!(same.possible && same.duplicate_of == Some(existing.id), "{same:?}");
    assert!(same.messages.iter().any(|m| m.contains("可能与已有党员“丁鑫志”是同一人（姓名、入党日期、联系电话相同）")), "{:?}", same.messages);
    assert!(!other.possible && other.duplicate_of.is_none(), "{other:?}");
    assert_eq!(p.duplicates, 1);
    // Default: skipped; the other 丁鑫志 is added.
    let mut copy = setup();
    let e2 = member::create(&mut copy, "张建国", &MemberData { name: "丁鑫志".into(), join_date: Some("1986-01-24".into()), phone: Some("13802158649".into()), ..Default::default() }).unwrap();
    let r = import::commit(&mut copy, "张建国", &sheet, &CommitOptions::default()).unwrap();
    assert_eq!((r.created, r.skipped), (1, 1));
    let count: i64 = copy.query_row("SELECT count(*) FROM member WHERE name = '丁鑫志'", [], |r| r.get(0)).unwrap();
    assert_eq!(count, 2, "the possible duplicate was skipped, not added");
    let _ = e2;
    // 仍然新增: both rows become members.
    let r = import::commit(&mut conn, "张建国", &sheet, &CommitOptions { add_anyway: vec![same.row], ..Default::default() }).unwrap();
    assert_eq!((r.created, r.skipped), (2, 0));
    let count: i64 = conn.query_row("SELECT count(*) FROM member WHERE name = '丁鑫志'", [], |r| r.get(0)).unwrap();
    assert_eq!(count, 3);
}

#[test]
fn gbk_csv_is_read() {
    let text = "党员花名册\n序号,姓名,性别,身份证号\n1,王伟,男,340524196503150013\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let rows = import::read_csv(&gbk).unwrap();
    assert_eq!(rows[2][1], Cell::Text("王伟".into()));
    let conn = setup();
    let sheet = import::Sheet { file_name: "gbk.csv".into(), rows, notes: vec![] };
    let p = import::preview_at(&conn, &sheet, None, today()).unwrap();
    assert_eq!(p.rows[0].status, RowStatus::Ok, "{:?}", p.rows[0].messages);
}

#[test]
fn a_failed_import_leaves_nothing_behind() {
    let mut conn = setup();
    // Column mapping without a name column is refused before anything is written.
    let sheet = import::Sheet { file_name: "x.csv".into(), rows: import::read_csv("姓名,身份证号\n王伟,340524196503150013\n".as_bytes()).unwrap(), notes: vec![] };
    let err = import::commit(&mut conn, "张建国", &sheet, &CommitOptions { mapping: Some(vec![None, Some("id_number".into())]), ..Default::default() }).unwrap_err();
    assert_eq!(err.code(), "NO_NAME_COLUMN");
    assert_eq!(search::list(&conn, &MemberQuery::default()).unwrap().total, 0);
}

#[test]
fn export_reads_back_identical_with_ids_as_text() {
    let mut conn = setup();
    for (name, id, phone) in [("王伟", "340524196503150013", "13812345678"), ("张明", "11010519491231002X", "05511234567")] {
        member::create(&mut conn, "张建国", &MemberData { name: name.into(), id_number: Some(id.into()), phone: Some(phone.into()), ..Default::default() }).unwrap();
    }
    let req = RosterRequest { columns: vec!["seq".into(), "name".into(), "id_number".into(), "phone".into(), "group".into()], full_values: true, ..Default::default() };
    let table = roster::roster(&conn, &req).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("roster.xlsx");
    xlsx::write_table(&path, &table).unwrap();
    let mut wb = open_workbook_auto(&path).unwrap();
    let range = wb.worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    assert_eq!(rows[0][0], Data::String("东风村党支部党员花名册".into()));
    assert_eq!(rows[2], ["序号", "姓名", "公民身份号码", "联系电话", "党小组"].map(|s| Data::String(s.into())));
    let written: Vec<Vec<String>> = table.groups[0].rows.clone();
    for (i, w) in written.iter().enumerate() {
        let got: Vec<String> = rows[3 + i].iter().map(|d| match d {
            Data::Float(f) => format!("{}", *f as i64),
            Data::Empty => String::new(),
            other => other.to_string(),
        }).collect();
        assert_eq!(&got, w);
        // IDs and phones are strings in the file, never numbers.
        assert!(matches!(rows[3 + i][2], Data::String(_)));
        assert!(matches!(rows[3 + i][3], Data::String(_)));
    }
    
    assert_eq!(rows[4][3], Data::String("05511234567".into()));
}

#[test]
fn posted_lists_are_masked_by_default() {
    let mut conn = setup();
    member::create(&mut conn, "张建国", &MemberData { name: "王伟".into(), id_number: Some("340524196503150013".into()), phone: Some("13812345678".into()), ..Default::default() }).unwrap();
    let req = RosterRequest { columns: vec!["name".into(), "id_number".into(), "phone".into()], ..Default::default() };
    let t = roster::roster(&conn, &req).unwrap();
    assert!(t.masked);
    assert_eq!(t.groups[0].rows[0], ["王伟", "3405**********0013", "138****5678"]);
    let err = roster::roster(&conn, &RosterRequest { columns: vec!["shoe_size".into()], ..Default::default() }).unwrap_err();
    assert_eq!(err.code(), "UNKNOWN_COLUMN");
}

#[test]
fn roster_by_group_and_sign_in_sheet() {
    let mut conn = setup();
    let groups = org::groups(&conn, false).unwrap();
    for (name, g) in [("王伟", Some(groups[1].id)), ("李娜", Some(groups[0].id)), ("赵六", None)] {
        member::create(&mut conn, "张建国", &MemberData { name: name.into(), group_id: g, ..Default::default() }).unwrap();
    }
    let t = roster::roster(&conn, &RosterRequest { by_group: true, columns: vec!["seq".into(), "name".into()], ..Default::default() }).unwrap();
    let names: Vec<_> = t.groups.iter().map(|g| g.name.clone().unwrap()).collect();
    assert_eq!(names, ["第一党小组", "第二党小组", "未分组"]);
    assert_eq!(t.groups[1].rows[0], ["2", "王伟"], "numbering runs on across groups");
    let s = sign_in::sign_in(&conn, &SignInRequest {
        query: MemberQuery { group_id: Some(groups[0].id), ..Default::default() },
        topic: "学习党的二十届四中全会精神".into(),
        date: "2026-12-01".into(),
        place: "村委会会议室".into(),
        blank_rows: 3,
    })
    .unwrap();
    assert_eq!(s.groups[0].rows.len(), 4);
    assert_eq!(s.groups[0].rows[0][1], "李娜");
    assert!(s.subtitle[0].contains("学习党的二十届四中全会精神"));
    assert_eq!(s.columns[3].label, "签到");
}

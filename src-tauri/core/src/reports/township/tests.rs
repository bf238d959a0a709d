//! 乡镇汇总 over generated branches: totals, a person counted by two branches once, a missing branch, an older
//! template, a file that is not a package, and the township workbook without ID numbers.
use super::*;
use crate::demo;
use crate::kernel::dates;
use crate::members::member::{self, MemberData};
use crate::reports::stats;
use crate::store::db;
use chrono::Datelike;

fn branch_name(i: usize) -> String {
    format!("第{i}村党支部")
}

/// `n` branches of about 47 members each written as packages into `dir`; branch 7 and branch 19 both hold
/// 李秀英 with the same 公民身份号码 (her transfer not finished); branch 23's package is of the 2024 template.
/// Returns the 表2 党员总数 of each package.
pub(crate) fn packages(dir: &std::path::Path, n: usize) -> Vec<(String, i64)> {
    let year = dates::today().year();
    let mut out = Vec::new();
    for i in 1..=n {
        let mut conn = db::open_in_memory().unwrap();
        demo::blank_branch(&mut conn, &branch_name(i), &["第一党小组", "第二党小组"]).unwrap();
        demo::fill(&mut conn, 44 + i % 7, 1000 + i as u64).unwrap();
        if i == 7 || i == 19 {
            let m = MemberData {
                name: "李秀英".into(),
                sex: Some("2".into()),
                ethnicity: Some("01".into()),
                birth_date: Some("1968-03-15".into()),
                id_number: Some("330102196803150021".into()),
                education: Some("60".into()),
                category: Some("full".into()),
                join_date: Some("1990-07-01".into()),
                full_date: Some("1991-07-01".into()),
                ..Default::default()
            };
            member::create(&mut conn, "书记", &m).unwrap();
        }
        let path = dir.join(format!("{}.xlsx", branch_name(i)));
        package::write(&conn, &path, year, None, "城关镇党委").unwrap();
        if i == 23 {
            // An older template: the same package as a branch on an old version would have written it.
            let mut p = package::read(&path).unwrap();
            p.header.template_year = 2024;
            let text = serde_json::to_string(&p).unwrap();
            let cover = package::pairs("说明".into(), vec![("支部".into(), branch_name(i))]);
            crate::store::xlsx::write_book(&path, &[("说明".into(), &cover)], Some((package::DATA_SHEET, &text))).unwrap();
        }
        out.push((branch_name(i), stats::report(&conn, year, None).unwrap().table(2).unwrap().value("党员总数")));
    }
    out
}

#[test]
fn thirty_branches_sum_with_a_person_in_two_branches_counted_once_and_the_problems_listed() {
    let dir = tempfile::tempdir().unwrap();
    let counts = packages(dir.path(), 30);
    let total_members: i64 = counts.iter().map(|c| c.1).sum();
    assert!((1300..1600).contains(&total_members), "{total_members}");
    std::fs::write(dir.path().join("通知.xlsx"), b"not a workbook").unwrap();
    // 31 branches should have reported; 第31村党支部 did not. The township lists one without its town prefix.
    let mut expected: Vec<String> = (1..=31).map(branch_name).collect();
    expected[4] = "5村党支部".into();
    let t = merge(&[dir.path().to_path_buf()], &expected).unwrap();

    assert_eq!(t.template_year, Some(stats::bands::TEMPLATE_YEAR));
    assert_eq!(t.branches.len(), 30);
    assert_eq!(t.branches.iter().filter(|b| b.included).count(), 29);
    let kinds = |k: &str| t.problems.iter().filter(|p| p.kind == k).collect::<Vec<_>>();
    assert_eq!(kinds("missing").len(), 1, "{:?}", t.problems);
    assert_eq!(kinds("missing")[0].branch, "第31村党支部");
    assert_eq!(kinds("template").len(), 1);
    assert_eq!(kinds("template")[0].branch, "第23村党支部");
    assert_eq!(kinds("unreadable").len(), 1, "{:?}", t.problems);
    assert!(kinds("unreadable")[0].text.contains("通知.xlsx"));
    assert!(kinds("superior").is_empty() && kinds("date").is_empty(), "{:?}", t.problems);
    let dup = kinds("duplicate_person");
    assert_eq!(dup.len(), 1, "{dup:?}");
    assert!(dup[0].text.contains("李秀英") && dup[0].text.contains("3301**********0021") && !dup[0].text.contains("330102196803150021"));

    // 合计 = the included branches' own numbers, 李秀英 once.
    let t2 = t.tables.iter().find(|x| x.no == 2).unwrap();
    let included: i64 = counts.iter().filter(|c| c.0 != "第23村党支部").map(|c| c.1).sum();
    assert_eq!(t2.rows.len(), 29);
    assert_eq!(t2.rows.iter().map(|r| r.values[0]).sum::<i64>(), included);
    assert_eq!(t2.total[0], included - 1);
    let women = t2.columns.iter().position(|c| c == "女").unwrap();
    assert_eq!(t2.total[women], t2.rows.iter().map(|r| r.values[women]).sum::<i64>() - 1, "she is counted once among women too");
    // The 合计 still agrees across tables 1–4 and table 1 balances.
    assert!(t.checks.iter().all(|c| c.ok), "{:#?}", t.checks.iter().filter(|c| !c.ok).collect::<Vec<_>>());

    // The workbook: a sheet per table with a 合计 row, 上报情况, 校核结果; no ID number anywhere.
    let out = dir.path().join("汇总").with_extension("xlsx");
    t.write(&out, "城关镇党委").unwrap();
    let sheets = t.print_tables("城关镇党委");
    assert_eq!(sheets.len(), stats::TABLES.len() + 2);
    assert_eq!(sheets[1].1.groups[0].rows.last().unwrap()[0], "合计");
    for (_, s) in &sheets {
        for row in &s.groups[0].rows {
            assert!(row.iter().all(|c| !c.contains("330102196803150021")));
        }
    }
    assert!(out.exists());
}

#[test]
fn a_package_of_another_report_date_is_not_summed_and_a_blank_superior_is_pointed_out() {
    let dir = tempfile::tempdir().unwrap();
    let year = dates::today().year() - 1;
    for (i, (date, superior)) in [(None, "城关镇党委"), (None, "城关镇党委"), (Some(format!("{year}-06-30")), "城关镇党委"), (None, "")].into_iter().enumerate() {
        let mut conn = db::open_in_memory().unwrap();
        demo::blank_branch(&mut conn, &branch_name(i + 1), &["第一党小组"]).unwrap();
        demo::fill(&mut conn, 20, 77 + i as u64).unwrap();
        let as_of = date.as_deref().map(|d| dates::parse(d).unwrap());
        package::write(&conn, &dir.path().join(format!("{i}.xlsx")), year, as_of, superior).unwrap();
    }
    let t = merge(&[dir.path().to_path_buf()], &[]).unwrap();
    assert_eq!(t.branches.iter().filter(|b| b.included).count(), 3);
    let kinds: Vec<(&str, &str)> = t.problems.iter().map(|p| (p.kind.as_str(), p.branch.as_str())).collect();
    assert!(kinds.contains(&("date", "第3村党支部")), "{:?}", t.problems);
    assert!(kinds.contains(&("superior", "第4村党支部")), "{:?}", t.problems);
    assert!(!t.problems.iter().any(|p| p.kind == "duplicate_person"));
}

#[test]
fn a_package_reads_back_and_a_stranger_file_is_refused_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = db::open_in_memory().unwrap();
    demo::load(&mut conn).unwrap();
    let path = dir.path().join("p.xlsx");
    let year = dates::today().year();
    let h = package::write(&conn, &path, year, None, "城关镇党委").unwrap();
    assert_eq!((h.year, h.template_year, h.superior.as_str()), (year, stats::bands::TEMPLATE_YEAR, "城关镇党委"));
    assert_eq!(h.members, 56);
    let p = package::read(&path).unwrap();
    assert_eq!(p.tables.len(), stats::TABLES.len());
    assert!(p.people.iter().all(|x| x.id_number.len() == 18));
    // The visible sheets open like any table: 说明 first.
    let sheet = crate::store::sheet::read(&path).unwrap();
    assert!(sheet.rows.iter().any(|r| r.iter().any(|c| c.display().contains("城关镇党委"))));
    let roster = dir.path().join("名册.xlsx");
    crate::store::xlsx::write_table(&roster, &crate::members::roster::roster(&conn, &Default::default()).unwrap()).unwrap();
    let e = package::read(&roster).unwrap_err();
    assert_eq!(e.code(), "NOT_PACKAGE");
    assert!(e.payload().message.contains("名册.xlsx"), "{}", e.payload().message);
}

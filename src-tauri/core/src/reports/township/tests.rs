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
            forge(&conn, &path, year, |p, _| p.header.template_year = 2024);
        }
        out.push((branch_name(i), stats::report(&conn, year, None).unwrap().table(2).unwrap().value("党员总数")));
    }
    out
}

/// Writes the package of `conn` to `path` after `change` has had its way with the data and the visible report,
/// the checksum made anew (what a forger who knew the algorithm would do).
fn forge(conn: &rusqlite::Connection, path: &std::path::Path, year: i32, change: impl FnOnce(&mut Package, &mut stats::Report)) {
    let (mut p, mut r) = package::build(conn, year, None, "城关镇党委", "2026-12-01T09:00:00").unwrap();
    change(&mut p, &mut r);
    p.checksum = p.digest();
    package::write_built(path, &p, &r).unwrap();
}

/// Rewrites only the hidden data of the package at `path` (its visible sheets and checksum untouched): a hand
/// edit of the hidden sheet.
fn edit_hidden(conn: &rusqlite::Connection, path: &std::path::Path, year: i32, change: impl FnOnce(&mut Package)) {
    let (mut p, r) = package::build(conn, year, None, "城关镇党委", "2026-12-01T09:00:00").unwrap();
    change(&mut p);
    package::write_built(path, &p, &r).unwrap();
}

fn set(p: &mut Package, no: u8, label: &str, v: i64) {
    let t = p.tables.iter_mut().find(|t| t.no == no).unwrap();
    let i = t.columns.iter().position(|c| c == label).unwrap();
    t.values[i] = v;
}

fn set_shown(r: &mut stats::Report, no: u8, label: &str, v: i64) {
    let t = r.tables.iter_mut().find(|t| t.no == no).unwrap();
    let i = t.columns.iter().position(|c| c == label).unwrap();
    t.cells[i].value = v;
}

/// A branch of `n` members as an in-memory data file.
fn branch(name: &str, n: usize, seed: u64) -> rusqlite::Connection {
    let mut conn = db::open_in_memory().unwrap();
    demo::blank_branch(&mut conn, name, &["第一党小组"]).unwrap();
    demo::fill(&mut conn, n, seed).unwrap();
    conn
}

#[test]
fn a_package_changed_after_export_is_left_out_and_named_and_the_others_merge() {
    let dir = tempfile::tempdir().unwrap();
    let year = dates::today().year();
    let d = dir.path();
    let good: Vec<rusqlite::Connection> = (1..=3).map(|i| branch(&branch_name(i), 30, 10 + i as u64)).collect();
    for (i, c) in good.iter().enumerate() {
        package::write(c, &d.join(format!("{}.xlsx", i + 1)), year, None, "城关镇党委").unwrap();
    }
    let honest_women = |c: &rusqlite::Connection| stats::report(c, year, None).unwrap().table(2).unwrap().value("女");
    let women: i64 = good.iter().map(honest_women).sum();
    let bad = |name: &str, seed: u64| branch(name, 30, seed);

    // Hand edits of the hidden sheet: 女 lowered; the checksum and the visible sheet give it away.
    let c = bad("改数村党支部", 20);
    edit_hidden(&c, &d.join("改数.xlsx"), year, |p| set(p, 2, "女", 1));
    // A forger who also recomputed the checksum: the visible sheet still says otherwise.
    let c = bad("改校验码村党支部", 21);
    forge(&c, &d.join("改校验码.xlsx"), year, |p, _| set(p, 2, "女", 1));
    // Consistent forgeries of impossible numbers: negative, 10^12, i64::MAX.
    for (name, v) in [("负数村党支部", -5), ("万亿村党支部", 1_000_000_000_000), ("溢出村党支部", i64::MAX)] {
        let c = bad(name, 22);
        forge(&c, &d.join(format!("{name}.xlsx")), year, |p, r| {
            set(p, 2, "女", v);
            set_shown(r, 2, "女", v);
        });
    }
    // 5,000 copies of one person inside one package.
    let c = bad("重复名单村党支部", 23);
    forge(&c, &d.join("重复名单.xlsx"), year, |p, _| {
        let first = p.people[0].clone();
        p.people.extend(std::iter::repeat_n(first, 5_000));
    });

    let t = merge(&[d.to_path_buf()], &[], &[]).unwrap();
    let included: Vec<&str> = t.branches.iter().filter(|b| b.included).map(|b| b.branch.as_str()).collect();
    assert_eq!(included, [branch_name(1), branch_name(2), branch_name(3)], "{:#?}", t.problems);
    let t2 = t.tables.iter().find(|x| x.no == 2).unwrap();
    let w = t2.columns.iter().position(|c| c == "女").unwrap();
    assert_eq!(t2.total[w], women, "only the honest packages are summed");
    assert!(t.checks.iter().all(|c| c.ok));
    let text = |branch: &str, kind: &str| t.problems.iter().filter(|p| p.branch == branch && p.kind == kind).map(|p| p.text.clone()).collect::<Vec<_>>().join("\n");
    let edited = text("改数村党支部", "tampered");
    assert!(edited.contains("校验码") && edited.contains("表2“女”在可见表格中为") && edited.contains("在隐藏数据中为 1"), "{edited}");
    assert!(edited.contains("改数.xlsx") && edited.contains("未计入合计"), "{edited}");
    let forged = text("改校验码村党支部", "tampered");
    assert!(!forged.contains("校验码不符") && forged.contains("表2“女”在可见表格中为"), "{forged}");
    assert!(text("负数村党支部", "implausible").contains("表2“女”为 -5"), "{:#?}", t.problems);
    assert!(text("万亿村党支部", "implausible").contains("1000000000000"));
    assert!(text("溢出村党支部", "implausible").contains(&i64::MAX.to_string()));
    let dup = text("重复名单村党支部", "implausible");
    assert!(dup.contains("重复出现") && dup.contains("5001 次"), "{dup}");
    assert!(!t.problems.iter().any(|p| p.kind == "duplicate_person"), "a number twice in one package is not a person in two branches");
    for b in t.branches.iter().filter(|b| !b.included) {
        assert_eq!(b.status, "rejected", "{b:?}");
    }
}

#[test]
fn two_packages_of_one_branch_wait_for_the_township_to_choose() {
    let dir = tempfile::tempdir().unwrap();
    let year = dates::today().year();
    let d = dir.path();
    let real = branch(&branch_name(1), 30, 1);
    package::write(&real, &d.join("东风村.xlsx"), year, None, "城关镇党委").unwrap();
    // Another branch's data under the same name, exported later.
    let impostor = branch(&branch_name(1), 12, 2);
    package::write(&impostor, &d.join("东风村（新）.xlsx"), year, None, "城关镇党委").unwrap();
    let other = branch(&branch_name(2), 25, 3);
    package::write(&other, &d.join("西山村.xlsx"), year, None, "城关镇党委").unwrap();
    // A copy of the same file is the same package: counted once, and never a third choice.
    std::fs::copy(d.join("西山村.xlsx"), d.join("西山村 - 副本.xlsx")).unwrap();
    std::fs::copy(d.join("东风村.xlsx"), d.join("东风村 - 副本.xlsx")).unwrap();

    let t = merge(&[d.to_path_buf()], &[], &[]).unwrap();
    let status = |id: &str| t.branches.iter().find(|b| b.id == id).unwrap().status.clone();
    assert_eq!(status("东风村 - 副本.xlsx"), "choose");
    assert_eq!(status("东风村.xlsx"), "same");
    assert_eq!(status("东风村（新）.xlsx"), "choose");
    assert_eq!([status("西山村 - 副本.xlsx"), status("西山村.xlsx")].iter().filter(|s| *s == "included").count(), 1);
    let twice: Vec<&str> = t.problems.iter().filter(|p| p.kind == "twice").map(|p| p.text.as_str()).collect();
    assert!(twice.iter().any(|x| x.contains("有 2 个不同的上报包") && x.contains("东风村（新）.xlsx") && x.contains("都未计入合计")), "{twice:?}");
    assert!(twice.iter().any(|x| x.contains("内容完全相同")), "{twice:?}");
    let members = |t: &Township| t.tables.iter().find(|x| x.no == 2).unwrap().total[0];
    let west = stats::report(&other, year, None).unwrap().table(2).unwrap().value("党员总数");
    assert_eq!(members(&t), west, "neither 东风村 package counts until one is chosen");

    let t = merge(&[d.to_path_buf()], &[], &["东风村.xlsx".to_string()]).unwrap();
    assert_eq!(t.branches.iter().find(|b| b.id == "东风村.xlsx").unwrap().status, "included", "the copy chosen is the one counted");
    assert_eq!(t.branches.iter().find(|b| b.id == "东风村 - 副本.xlsx").unwrap().status, "same");
    assert_eq!(t.branches.iter().find(|b| b.id == "东风村（新）.xlsx").unwrap().status, "not_chosen");
    let east = stats::report(&real, year, None).unwrap().table(2).unwrap().value("党员总数");
    assert_eq!(members(&t), west + east);
}

#[test]
fn a_bomb_or_a_stranger_among_the_packages_stops_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let year = dates::today().year();
    let d = dir.path();
    let c = branch(&branch_name(1), 30, 1);
    package::write(&c, &d.join("1.xlsx"), year, None, "城关镇党委").unwrap();
    std::fs::write(d.join("2.xlsx"), b"PK\x03\x04 truncated").unwrap();
    std::fs::write(d.join("3.xlsx"), "支部,人数\n东风村,30\n").unwrap();
    let t = merge(&[d.to_path_buf()], &[], &[]).unwrap();
    assert_eq!(t.branches.iter().filter(|b| b.included).count(), 1);
    let unreadable: Vec<&str> = t.problems.iter().filter(|p| p.kind == "unreadable").map(|p| p.text.as_str()).collect();
    assert_eq!(unreadable.len(), 2, "{unreadable:?}");
    assert!(unreadable.iter().any(|u| u.contains("2.xlsx") && u.contains("不完整或已损坏")), "{unreadable:?}");
    assert!(unreadable.iter().any(|u| u.contains("3.xlsx") && u.contains("文本（CSV）文件，不是支部台账导出的")), "{unreadable:?}");
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
    let t = merge(&[dir.path().to_path_buf()], &expected, &[]).unwrap();

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
    let t = merge(&[dir.path().to_path_buf()], &[], &[]).unwrap();
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

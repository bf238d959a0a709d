//! Files from outside (issue 24): crafted rosters and workbooks are read under the limits or refused in Chinese,
//! by what they really are, and nothing in the data file changes. Time and peak memory of each are measured by
//! `scripts/bad-files.sh` (no timed asserts here).
#[path = "crafted/mod.rs"]
mod crafted;

use branchbook_core::members::import;
use branchbook_core::store::{db, sheet};
use branchbook_core::Error;
use chrono::Datelike;

/// No library or OS phrase: no two English words in a row (file extensions and product names are single words).
pub fn no_library_text(msg: &str) {
    let mut run = 0;
    for w in msg.split(|c: char| !(c.is_ascii_alphabetic() || c == ' ')).map(str::trim) {
        let n = w.split(' ').filter(|x| x.len() >= 2).count();
        run = run.max(n);
    }
    assert!(run < 2, "English phrase in: {msg}");
    assert!(msg.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "not Chinese: {msg}");
}

fn refused(path: &std::path::Path) -> (String, String) {
    let e = sheet::read(path).expect_err("should be refused");
    let p = e.payload();
    no_library_text(&p.message);
    (p.code, p.message)
}

#[test]
fn a_stray_far_cell_costs_nothing_and_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let s = sheet::read(&crafted::far_cell(&dir.path().join("far.xlsx"))).unwrap();
    assert_eq!(s.rows.len(), 3, "only the rows with values inside the table");
    assert!(s.rows.iter().all(|r| r.len() <= 2));
    assert_eq!(s.notes.len(), 1);
    assert!(s.notes[0].contains("XFD1048576"), "{}", s.notes[0]);
    no_library_text(&s.notes[0]);

    // The import shows the roster and the note; nothing is written to the data file.
    let db_path = dir.path().join("d.db");
    let mut conn = db::open(&db_path).unwrap();
    branchbook_core::demo::load(&mut conn).unwrap();
    let before: i64 = conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).unwrap();
    let p = import::preview(&conn, &s, None).unwrap();
    assert_eq!(p.rows.len(), 2);
    assert_eq!(p.columns.len(), 2, "the far value makes no column");
    assert_eq!(p.notes, s.notes);
    let after: i64 = conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).unwrap();
    assert_eq!(before, after);
}

#[test]
fn a_value_far_down_is_left_out_and_said_never_a_member() {
    let dir = tempfile::tempdir().unwrap();
    let s = sheet::read(&crafted::far_row(&dir.path().join("row.xlsx"))).unwrap();
    assert_eq!(s.rows.len(), 3, "备注 in A1000000 is no row of the roster");
    assert_eq!(s.notes.len(), 1);
    assert!(s.notes[0].contains("A1000000 的“备注”"), "{}", s.notes[0]);
    // A block of rows after a few blank lines is still the table's.
    let mut csv = String::from("姓名,公民身份号码\n王伟,340524196503150013\n");
    csv.push_str(&"\n".repeat(900));
    csv.push_str("李秀英,110105194912310021\n");
    std::fs::write(dir.path().join("gap.csv"), csv).unwrap();
    let s = sheet::read(&dir.path().join("gap.csv")).unwrap();
    assert_eq!(s.rows.last().unwrap()[0].display(), "李秀英");
    assert!(s.notes.is_empty());
}

#[test]
fn a_roster_formatted_to_the_last_row_reads_as_the_roster() {
    let dir = tempfile::tempdir().unwrap();
    let s = sheet::read(&crafted::formatted_to_the_end(&dir.path().join("fmt.xlsx"))).unwrap();
    assert_eq!(s.rows.len(), 3);
    assert_eq!(s.rows[2][0].display(), "李秀英");
}

#[test]
fn bombs_are_refused_before_they_go_off() {
    let dir = tempfile::tempdir().unwrap();
    let (code, msg) = refused(&crafted::zip_bomb(&dir.path().join("bomb.xlsx"), 3_900));
    assert_eq!(code, "FILE_UNREADABLE");
    assert!(msg.contains("bomb.xlsx") && msg.contains("异常地压缩"), "{msg}");
    let (_, msg) = refused(&crafted::shared_strings_bomb(&dir.path().join("sst.xlsx"), 1_000, false));
    assert!(msg.contains("sst.xlsx") && msg.contains("异常地压缩"), "{msg}");
    let (_, msg) = refused(&crafted::shared_strings_bomb(&dir.path().join("many.xlsx"), 60, true));
    assert!(msg.contains("文字有") && msg.contains("上限"), "{msg}");
    let (_, msg) = refused(&crafted::shared_strings_announced(&dir.path().join("announced.xlsx")));
    assert!(msg.contains("1000000000000"), "{msg}");
}

#[test]
fn damaged_and_disguised_files_are_named_for_what_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (_, msg) = refused(&crafted::truncated(&d.join("half.xlsx")));
    assert!(msg.contains("half.xlsx") && msg.contains("不完整或已损坏"), "{msg}");
    // Content, not the name: an .xls and a CSV named .xlsx are read.
    let s = sheet::read(&crafted::small_xls(&d.join("old.xlsx"))).unwrap();
    assert_eq!(s.rows[2][0].display(), "李秀英");
    assert_eq!(s.rows[1][1].display(), "340524196503150013");
    std::fs::write(d.join("csv.xlsx"), "姓名,公民身份号码\n王伟,340524196503150013\n").unwrap();
    assert_eq!(sheet::read(&d.join("csv.xlsx")).unwrap().rows[1][0].display(), "王伟");
    let (_, msg) = refused(&crafted::docx(&d.join("notes.xlsx")));
    assert!(msg.contains("Word 文档"), "{msg}");
    std::fs::write(d.join("page.xls"), "<html><body><table><tr><td>姓名</td></tr></table></body></html>").unwrap();
    assert!(refused(&d.join("page.xls")).1.contains("网页"));
    std::fs::write(d.join("empty.xlsx"), b"").unwrap();
    assert!(refused(&d.join("empty.xlsx")).1.contains("空的"));
    std::fs::write(d.join("pic.xlsx"), b"\x89PNG\r\n\x1a\n....").unwrap();
    assert!(refused(&d.join("pic.xlsx")).1.contains("图片"));
    std::fs::create_dir(d.join("folder.xlsx")).unwrap();
    let (code, msg) = refused(&d.join("folder.xlsx"));
    assert_eq!(code, "FILE_IS_FOLDER");
    assert!(msg.contains("文件夹"), "{msg}");
    let (code, _) = refused(&d.join("gone.xlsx"));
    assert_eq!(code, "FILE_NOT_FOUND");
    // Too large on disk: refused before a byte of it is read.
    let big = std::fs::File::create(d.join("big.csv")).unwrap();
    big.set_len(branchbook_core::store::limits::FILE_BYTES + 1).unwrap();
    assert!(refused(&d.join("big.csv")).1.contains("超过了可以读取的上限"));
}

#[test]
fn an_xls_with_a_far_cell_or_a_forged_range_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (_, msg) = refused(&crafted::xls(&dir.path().join("far.xls"), &[(0, 0, "姓名"), (1, 0, "王伟"), (65_535, 255, "x")], None));
    assert!(msg.contains("第 65536 行第 IV 列") && msg.contains(".xlsx"), "{msg}");
    let (_, msg) = refused(&crafted::xls(&dir.path().join("dims.xls"), &[(0, 0, "姓名"), (1, 0, "王伟")], Some((0, u32::MAX, 0, 255))));
    assert!(msg.contains("dims.xls"), "{msg}");
    // The same file with its true range reads.
    let s = sheet::read(&crafted::xls(&dir.path().join("ok.xls"), &[(0, 0, "姓名"), (1, 0, "王伟"), (300, 20, "备注")], None)).unwrap();
    assert_eq!(s.rows.len(), 301);
}

#[test]
fn a_csv_with_a_far_field_keeps_its_table() {
    let dir = tempfile::tempdir().unwrap();
    let mut line = String::from("王伟,340524196503150013");
    line.push_str(&",".repeat(100_000));
    line.push_str("x\n");
    std::fs::write(dir.path().join("wide.csv"), format!("姓名,公民身份号码\n{line}")).unwrap();
    let s = sheet::read(&dir.path().join("wide.csv")).unwrap();
    assert_eq!(s.rows.iter().map(Vec::len).max(), Some(2));
    assert_eq!(s.notes.len(), 1);
}

#[test]
fn every_error_message_is_a_sentence_without_library_text() {
    use std::io::{Error as IoError, ErrorKind as K};
    let p = std::path::Path::new("/media/usb/花名册.xlsx");
    let mut errors: Vec<Error> = Vec::new();
    for k in [K::NotFound, K::PermissionDenied, K::IsADirectory, K::StorageFull, K::ReadOnlyFilesystem, K::UnexpectedEof, K::InvalidData, K::Other, K::TimedOut, K::WouldBlock] {
        errors.push(Error::reading(p, &IoError::from(k)));
        errors.push(Error::writing(p, &IoError::from(k)));
        errors.push(Error::Io(IoError::from(k)));
    }
    for n in [2, 5, 13, 21, 22, 28, 30, 112] {
        errors.push(Error::reading(p, &IoError::from_raw_os_error(n)));
        errors.push(Error::writing(p, &IoError::from_raw_os_error(n)));
        errors.push(Error::Io(IoError::from_raw_os_error(n)));
    }
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    errors.push(Error::Db(conn.execute("SELECT * FROM nowhere", []).unwrap_err()));
    errors.push(Error::Db(rusqlite::Error::QueryReturnedNoRows));
    errors.push(Error::Db(rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(13), Some("database or disk is full".into()))));
    errors.push(Error::Db(rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(11), Some("database disk image is malformed".into()))));
    errors.push(Error::Json(serde_json::from_str::<i32>("{x").unwrap_err()));
    errors.push(Error::Xlsx(rust_xlsxwriter::XlsxError::IoError(IoError::from(K::PermissionDenied))));
    errors.push(Error::Xlsx(rust_xlsxwriter::XlsxError::MaxStringLengthExceeded));
    errors.push(Error::DiskFull { dir: "/media/usb".into(), need: 12 << 20, free: 300 << 10 });
    errors.push(Error::Folder { path: "/srv/readonly".into() });
    errors.push(Error::Corrupt { path: "/srv/d.db".into() });
    errors.push(Error::Unreadable { file: "a.xlsx".into(), reason: "文件是空的".into() });
    errors.push(Error::SchemaTooNew { found: 20, supported: 11 });
    for e in &errors {
        no_library_text(&e.message());
        assert!(!e.code().is_empty() && e.code().chars().all(|c| c.is_ascii_uppercase() || c == '_'), "{}", e.code());
    }
}

/// The source never hands a library's error text to a person: no `to_string()` of an error, no `{e}` in a message.
#[test]
fn no_library_error_text_is_formatted_into_a_message() {
    let mut found = Vec::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") || path.to_string_lossy().contains("tests") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for (i, line) in text.lines().enumerate() {
                let l = line.trim();
                if l.starts_with("//") {
                    continue;
                }
                let shows_e = l.contains("{e}") || l.contains("{e:?}") || l.contains("e.to_string()");
                let bad = (l.contains("map_err(|e") || l.contains("Error|") || l.contains("Err(e) =>")) && shows_e;
                if bad {
                    found.push(format!("{}:{}: {l}", path.display(), i + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "library error text may reach a person:\n{}", found.join("\n"));
}

/// 乡镇汇总 with a good package among crafted files: the bad ones are listed with their names, the good one merges.
#[test]
fn a_township_merge_survives_crafted_files_among_the_packages() {
    use branchbook_core::reports::township;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut conn = db::open_in_memory().unwrap();
    branchbook_core::demo::load(&mut conn).unwrap();
    let year = branchbook_core::kernel::dates::today().year();
    township::package::write(&conn, &d.join("东风村.xlsx"), year, None, "城关镇党委").unwrap();
    crafted::zip_bomb(&d.join("炸弹.xlsx"), 3_900);
    crafted::shared_strings_bomb(&d.join("字符串.xlsx"), 1_000, false);
    crafted::far_cell(&d.join("远处.xlsx"));
    crafted::truncated(&d.join("半个.xlsx"));
    let t = township::merge(&[d.to_path_buf()], &[], &[]).unwrap();
    assert_eq!(t.branches.iter().filter(|b| b.included).count(), 1);
    let unreadable: Vec<&str> = t.problems.iter().filter(|p| p.kind == "unreadable").map(|p| p.text.as_str()).collect();
    assert_eq!(unreadable.len(), 4, "{unreadable:?}");
    for (file, says) in [("炸弹.xlsx", "异常地压缩"), ("字符串.xlsx", "异常地压缩"), ("远处.xlsx", "不是支部台账导出的"), ("半个.xlsx", "不完整或已损坏")] {
        assert!(unreadable.iter().any(|u| u.contains(file) && u.contains(says)), "{file}: {unreadable:?}");
    }
    for p in &t.problems {
        no_library_text(&p.text);
    }
}

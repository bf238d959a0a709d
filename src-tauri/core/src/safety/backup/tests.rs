//! Tests of backups, restore and rescue.
use super::*;
use std::path::Path;
use crate::demo;
use crate::members::member::{self, MemberData};

fn dt(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

#[test]
fn backup_is_a_whole_checked_file_even_with_uncheckpointed_wal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.db");
    let mut conn = db::open(&path).unwrap();
    demo::load(&mut conn).unwrap();
    // The latest changes sit in the WAL: a file copy of b.db alone would miss them.
    member::create(&mut conn, "书记", &MemberData { name: "最后一人".into(), ..Default::default() }).unwrap();
    let dest = make(&conn, &path, "manual").unwrap();
    assert!(!PathBuf::from(format!("{}-wal", dest.display())).exists());
    let info = check(&dest);
    assert!(info.ok, "{:?}", info.problem);
    assert_eq!(info.kind_name, "手动备份");
    assert_eq!(info.members, Some(demo::count(&conn).unwrap()));
    let copy = Connection::open(&dest).unwrap();
    let n: i64 = copy.query_row("SELECT count(*) FROM member WHERE name = '最后一人'", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 1);
}

#[test]
fn damaged_and_foreign_files_fail_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("branchbook-20261101-080000-auto.db");
    std::fs::write(&bad, b"not a database at all, just bytes").unwrap();
    let info = check(&bad);
    assert!(!info.ok);
    assert!(info.problem.unwrap().contains("损坏"));
    let foreign = dir.path().join("other.db");
    Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE t(x)").unwrap();
    assert!(check(&foreign).problem.unwrap().contains("不是支部台账"));
    // A good file with a page overwritten in the middle.
    let path = dir.path().join("c.db");
    let mut conn = db::open(&path).unwrap();
    demo::load(&mut conn).unwrap();
    let dest = make(&conn, &path, "manual").unwrap();
    let mut bytes = std::fs::read(&dest).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid..mid + 4096].fill(0x5A);
    std::fs::write(&dest, &bytes).unwrap();
    assert!(!check(&dest).ok);
    // Chosen from a USB stick (issue 24): half a copy, an empty file, a folder, a roster; each said in Chinese
    // without SQLite's words, and the current data untouched by the attempt.
    let half = dir.path().join("半个备份.db");
    std::fs::write(&half, &bytes[..bytes.len() / 2]).unwrap();
    let empty = dir.path().join("空.db");
    std::fs::write(&empty, b"").unwrap();
    let folder = dir.path().join("文件夹.db");
    std::fs::create_dir(&folder).unwrap();
    let roster = dir.path().join("花名册.xlsx");
    crate::store::xlsx::write_table(&roster, &crate::members::roster::roster(&conn, &Default::default()).unwrap()).unwrap();
    let before = crate::members::store::records(&conn, false).unwrap().len();
    for (file, says) in [(&half, "损坏"), (&empty, "空的"), (&folder, "文件夹"), (&roster, "不是支部台账的数据文件")] {
        let info = check(file);
        let problem = info.problem.clone().unwrap_or_default();
        assert!(!info.ok && problem.contains(says), "{}: {problem}", file.display());
        assert!(!problem.contains("database") && !problem.contains("malformed") && !problem.contains("os error"), "{problem}");
        let e = restore(&mut conn, &path, file, "书记", true).unwrap_err();
        assert_eq!(e.code(), "BAD_BACKUP");
    }
    assert_eq!(crate::members::store::records(&conn, false).unwrap().len(), before);
}

#[test]
fn rotation_keeps_7_days_4_weeks_12_months_and_every_manual_backup() {
    let dir = tempfile::tempdir().unwrap();
    let today = dt("2026-11-23 09:00");
    // Two automatic backups a day for 400 days, and one manual backup long ago.
    for day in 0..400 {
        for hour in ["08:00", "18:00"] {
            let d = today.date() - chrono::Days::new(day);
            let at = dt(&format!("{} {hour}", d.format("%Y-%m-%d")));
            std::fs::write(dir.path().join(name_for(Path::new("branchbook.db"), at, "auto")), b"x").unwrap();
        }
    }
    std::fs::write(dir.path().join(name_for(Path::new("branchbook.db"), dt("2025-01-01 10:00"), "manual")), b"x").unwrap();
    // Another data file's automatic backups in the same folder are not this file's to thin out.
    std::fs::write(dir.path().join("其他村-20250101-080000-auto.db"), b"x").unwrap();
    rotate(dir.path(), "branchbook", today.date()).unwrap();
    assert!(dir.path().join("其他村-20250101-080000-auto.db").exists());
    let left = list_names(dir.path(), "branchbook");
    let autos: Vec<&NaiveDateTime> = left.iter().filter(|(_, k)| k == "auto").map(|(a, _)| a).collect();
    assert!(left.iter().any(|(_, k)| k == "manual"), "manual backups stay");
    // The newest of each of the last 7 days, plus older weekly and monthly ones; never two on one day.
    let days: HashSet<NaiveDate> = autos.iter().map(|a| a.date()).collect();
    assert_eq!(days.len(), autos.len());
    assert!((7..=7 + 4 + 12).contains(&autos.len()), "{}", autos.len());
    for back in 0..7 {
        let d = today.date() - chrono::Days::new(back);
        assert!(autos.iter().any(|a| a.date() == d && a.format("%H:%M").to_string() == "18:00"), "newest of {d}");
    }
    assert!(autos.iter().all(|a| (today.date() - a.date()).num_days() < 366));
    assert!(autos.iter().filter(|a| (today.date() - a.date()).num_days() > 60).count() >= 8, "monthly ones reach back a year");
}

#[test]
fn restore_brings_back_the_data_and_keeps_what_was_there() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.db");
    let mut conn = db::open(&path).unwrap();
    demo::load(&mut conn).unwrap();
    let before = demo::count(&conn).unwrap();
    let backup = make(&conn, &path, "manual").unwrap();
    member::create(&mut conn, "书记", &MemberData { name: "恢复后应消失".into(), ..Default::default() }).unwrap();
    assert_eq!(demo::count(&conn).unwrap(), before + 1);
    let info = restore(&mut conn, &path, &backup, "张建国", false).unwrap();
    assert_eq!(info.members, Some(before));
    assert_eq!(demo::count(&conn).unwrap(), before);
    // The data from before the restore was saved first, and the audit log says what happened.
    let saved = list_for(&path).unwrap();
    let pre = saved.iter().find(|b| b.kind == "before-restore").unwrap();
    assert_eq!(pre.members, Some(before + 1));
    let log = audit::list(&conn, None, 1).unwrap();
    assert_eq!(log[0].action, "restore");
    // The reopened file is whole.
    drop(conn);
    let conn = db::open(&path).unwrap();
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
}

#[test]
fn a_newer_backup_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.db");
    let mut conn = db::open(&path).unwrap();
    demo::blank_branch(&mut conn, "东风村党支部", &[]).unwrap();
    let backup = make(&conn, &path, "manual").unwrap();
    Connection::open(&backup).unwrap().pragma_update(None, "user_version", 99).unwrap();
    let err = restore(&mut conn, &path, &backup, "书记", false).unwrap_err();
    assert_eq!(err.code(), "BAD_BACKUP");
    assert!(err.message().contains("更新版本"));
}

#[test]
fn the_home_screen_reminds_to_copy_to_usb_monthly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("u.db");
    let mut conn = db::open(&path).unwrap();
    demo::blank_branch(&mut conn, "东风村党支部", &[]).unwrap();
    let has = |conn: &Connection| crate::reports::home::todos(conn).unwrap().iter().any(|t| t.key == "usb_backup");
    assert!(has(&conn));
    assert_eq!(days_since_usb(&conn, Local::now().date_naive()).unwrap(), None);
    let dest = to_usb(&conn, &path, &dir.path().join("usb"), "书记").unwrap();
    assert!(check(&dest).ok, "a whole, checked backup on the stick");
    let name = dest.file_name().unwrap().to_string_lossy().to_string();
    assert!(name.starts_with("u-") && name.ends_with("-usb.db"), "named after its data file: {name}");
    assert_eq!(check(&dest).kind_name, "备份到U盘");
    assert!(!has(&conn));
    let later = Local::now().date_naive() + chrono::Days::new(31);
    assert_eq!(days_since_usb(&conn, later).unwrap(), Some(31));
}

#[test]
fn rescue_sets_the_damaged_file_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.db");
    let backup = {
        let mut conn = db::open(&path).unwrap();
        demo::load(&mut conn).unwrap();
        make(&conn, &path, "auto").unwrap()
    };
    std::fs::write(&path, b"garbage where the data was").unwrap();
    assert_eq!(db::open(&path).unwrap_err().code(), "DB_CORRUPT");
    let latest = latest_good(&path).unwrap().unwrap();
    assert_eq!(latest.path, backup.display().to_string());
    let aside = rescue(&path, &backup).unwrap();
    assert_eq!(std::fs::read(&aside).unwrap(), b"garbage where the data was", "kept for rescue, untouched");
    let conn = db::open(&path).unwrap();
    assert!(demo::count(&conn).unwrap() > 50);
    assert_eq!(audit::list(&conn, None, 1).unwrap()[0].action, "rescue");
}

#[test]
fn two_data_files_in_one_folder_each_get_their_own_backups() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("东风村.db"), dir.path().join("西山村.db"));
    let mut ca = db::open(&a).unwrap();
    demo::blank_branch(&mut ca, "东风村党支部", &[]).unwrap();
    let mut cb = db::open(&b).unwrap();
    demo::blank_branch(&mut cb, "西山村党支部", &[]).unwrap();
    // The day's first start of each file backs that file up, even though the other one did already.
    let first = auto(&ca, &a, false).unwrap().expect("东风村's first start of the day");
    let second = auto(&cb, &b, false).unwrap().expect("西山村's first start of the day, in the same folder");
    assert!(auto(&ca, &a, false).unwrap().is_none(), "once a day per file");
    assert_eq!(check(&first).branch.as_deref(), Some("东风村党支部"));
    assert_eq!(check(&second).branch.as_deref(), Some("西山村党支部"));
    // 恢复 lists only the backups of the open file.
    let of_a = list_for(&a).unwrap();
    assert_eq!(of_a.len(), 1);
    assert_eq!(of_a[0].branch.as_deref(), Some("东风村党支部"));
    assert_eq!(list_for(&b).unwrap().iter().map(|i| i.branch.clone().unwrap()).collect::<Vec<_>>(), ["西山村党支部"]);
}

#[test]
fn restoring_another_branchs_backup_asks_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    let mut ca = db::open(&a).unwrap();
    demo::blank_branch(&mut ca, "东风村党支部", &[]).unwrap();
    let mut cb = db::open(&b).unwrap();
    demo::blank_branch(&mut cb, "东风村党支部", &[]).unwrap();
    member::create(&mut cb, "书记", &MemberData { name: "别村党员".into(), ..Default::default() }).unwrap();
    let of_b = make(&cb, &b, "manual").unwrap();
    // Same name, different branch (each setup stamps its own identity): asked, nothing changed.
    let err = restore(&mut ca, &a, &of_b, "书记", false).unwrap_err();
    assert_eq!(err.code(), "OTHER_BRANCH");
    assert!(err.message().contains("东风村党支部"), "{}", err.message());
    assert_eq!(demo::count(&ca).unwrap(), 0);
    assert!(list_for(&a).unwrap().iter().all(|b| b.kind != "before-restore"), "refused before anything was written");
    let of_a = make(&ca, &a, "manual").unwrap();
    // Renamed branch: still this branch's own backup, restored without a question.
    cb.execute("UPDATE org SET name = '西山村党支部'", []).unwrap();
    let err = restore(&mut cb, &b, &of_a, "书记", false).unwrap_err();
    assert!(err.message().contains("西山村党支部") && err.message().contains("东风村党支部"), "{}", err.message());
    restore(&mut ca, &a, &of_a, "书记", false).unwrap();
    // With the explicit yes, it is restored.
    restore(&mut ca, &a, &of_b, "书记", true).unwrap();
    assert_eq!(demo::count(&ca).unwrap(), 1);
}

#[test]
fn an_older_file_is_backed_up_before_its_schema_is_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let mut c = Connection::open(&path).unwrap();
        rusqlite_migration::Migrations::new(vec![rusqlite_migration::M::up(include_str!("../../../migrations/0001_init.sql"))]).to_latest(&mut c).unwrap();
        c.pragma_update(None, "application_id", db::APPLICATION_ID).unwrap();
        c.execute("INSERT INTO member (name, created_at, updated_at) VALUES ('张三', '2026-01-01', '2026-01-01')", []).unwrap();
    }
    let conn = db::open(&path).unwrap();
    let ups: Vec<BackupInfo> = list_for(&path).unwrap().into_iter().filter(|b| b.kind == "before-upgrade").collect();
    assert_eq!(ups.len(), 1, "one 升级前 backup");
    assert_eq!(ups[0].kind_name, "升级前自动备份");
    assert_eq!(ups[0].schema_version, Some(1), "the file as it was before the upgrade");
    assert_eq!(ups[0].members, Some(1));
    drop(conn);
    db::open(&path).unwrap();
    assert_eq!(list_for(&path).unwrap().len(), 1, "an up-to-date file is not backed up again on open");
}

#[test]
fn backups_are_named_by_listed_file_name_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("branchbook.db");
    let conn = db::open(&path).unwrap();
    let made = make(&conn, &path, "manual").unwrap();
    let name = made.file_name().unwrap().to_string_lossy().to_string();
    assert_eq!(listed_backup(&path, &name).unwrap(), made);
    for bad in ["nope.db", "../branchbook.db", "a/b.db"] {
        let e = listed_backup(&path, bad).unwrap_err().payload();
        assert_eq!((e.code.as_str(), e.fields[0].message.as_str()), ("NOT_FOUND", "找不到这个备份，请刷新列表后重试"));
    }
    assert_eq!(rescue_source(&path, &name).unwrap(), made);
    let e = rescue_source(&path, "..\\x.db").unwrap_err().payload();
    assert_eq!((e.code.as_str(), e.fields[0].message.as_str()), ("NOT_FOUND", "找不到这个备份"));
    assert_eq!(rescue_source(&path, "nope.db").unwrap_err().code(), "NOT_FOUND");
}

#[test]
fn a_rescue_needs_a_damaged_file_nobody_else_holds() {
    assert_eq!(may_rescue(Ok(())).unwrap_err().code, "NOT_DAMAGED");
    let in_use = Error::InUse { path: "x".into() }.payload();
    let kept = may_rescue(Err(&in_use)).unwrap_err();
    assert_eq!((kept.code, kept.message), (in_use.code.clone(), in_use.message.clone()));
    let damaged = Error::Corrupt { path: "x".into() }.payload();
    assert!(may_rescue(Err(&damaged)).is_ok());
}

//! Backups through SQLite's online backup API (never a file copy under WAL), kept in rotation beside the data;
//! checking a backup before it is used; restoring one after backing up what is there now; and rescuing a damaged
//! data file by setting it aside, never overwriting it.
use crate::store::audit;
use crate::store::db;
use crate::store::kv;
use crate::kernel::error::{Error, Result};
use chrono::{Datelike, Local, NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

pub use crate::store::snapshot::{backup_dir, backup_to, name_for};
use crate::store::snapshot::{file_name, kind_name, parse_any, parse_name, parse_own, stem};

/// 「备份到U盘」: a dated backup in the folder the secretary picked, named like every other backup so that the
/// restore list can read it back; recorded for the home screen's monthly reminder.
pub fn to_usb(conn: &Connection, dir: &Path, actor: &str) -> Result<PathBuf> {
    let dest = dir.join(file_name(Local::now().naive_local(), "usb"));
    backup_to(conn, &dest)?;
    record_usb(conn, actor, &dest)?;
    Ok(dest)
}

/// Notes that a copy went to a USB stick, for the home screen's monthly reminder.
pub fn record_usb(conn: &Connection, actor: &str, dest: &Path) -> Result<()> {
    let now = audit::now();
    kv::put(conn, "last_usb_backup", &now)?;
    audit::record(conn, actor, "create", "backup", None, None::<&()>, Some(&dest.display().to_string()))?;
    Ok(())
}

/// Days since the last copy to a USB stick; `None` when there never was one.
pub fn days_since_usb(conn: &Connection, today: NaiveDate) -> Result<Option<i64>> {
    let at = kv::get(conn, "last_usb_backup")?;
    Ok(at.and_then(|a| crate::kernel::dates::parse(a.get(..10)?)).map(|d| (today - d).num_days()))
}

/// What the restore list shows of one backup file.
#[derive(Debug, Clone, Serialize)]
pub struct BackupInfo {
    pub path: String,
    pub file_name: String,
    /// Local time, 2026-11-23 08:30.
    pub created: String,
    pub kind: String,
    pub kind_name: &'static str,
    pub size: u64,
    /// Members in good standing, when the file could be read.
    pub members: Option<i64>,
    pub schema_version: Option<i64>,
    /// The branch the backup belongs to (组织名称), when it has been set up.
    pub branch: Option<String>,
    /// integrity_check passed and the version is one this program can open.
    pub ok: bool,
    /// Why it cannot be used, in Chinese.
    pub problem: Option<String>,
}

/// Opens a backup read-only and checks it: a BranchBook file, integrity_check ok, a schema this program knows.
pub fn check(path: &Path) -> BackupInfo {
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let (created, kind) = match parse_name(&name) {
        Some((at, kind)) => (at.format("%Y-%m-%d %H:%M").to_string(), kind),
        None => {
            let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok().map(|t| chrono::DateTime::<Local>::from(t).format("%Y-%m-%d %H:%M").to_string());
            (modified.unwrap_or_default(), String::new())
        }
    };
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let mut info = BackupInfo {
        path: path.display().to_string(),
        file_name: name,
        created,
        kind_name: kind_name(&kind),
        kind,
        size,
        members: None,
        schema_version: None,
        branch: None,
        ok: false,
        problem: None,
    };
    match inspect(path) {
        Ok((version, members, branch)) => {
            info.schema_version = Some(version);
            info.branch = branch;
            info.members = Some(members);
            if version > db::schema_version() {
                info.problem = Some(format!("这个备份由更新版本的支部台账创建（数据版本 {version}），本程序不能使用，请先安装最新版本"));
            } else {
                info.ok = true;
            }
        }
        Err(problem) => info.problem = Some(problem),
    }
    info
}

fn inspect(path: &Path) -> std::result::Result<(i64, i64, Option<String>), String> {
    let unreadable = |e: rusqlite::Error| format!("文件无法读取或已损坏（{e}）");
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX).map_err(unreadable)?;
    let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(unreadable)?;
    if app_id != db::APPLICATION_ID {
        return Err("这不是支部台账的数据文件".into());
    }
    let check: String = conn.query_row("PRAGMA integrity_check(1)", [], |r| r.get(0)).map_err(unreadable)?;
    if check != "ok" {
        return Err(format!("完整性检查未通过（{check}），这个备份已损坏"));
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(unreadable)?;
    let members: i64 = conn.query_row("SELECT count(*) FROM member WHERE status = 'normal'", [], |r| r.get(0)).map_err(unreadable)?;
    let branch = crate::org::identity(&conn).ok().flatten().map(|i| i.name);
    Ok((version, members, branch))
}

/// The backups of this data file (not of other data files in its folder), newest first: what 恢复 offers.
pub fn list_for(db_path: &Path) -> Result<Vec<BackupInfo>> {
    let own = stem(db_path);
    let Ok(read) = std::fs::read_dir(backup_dir(db_path)) else { return Ok(Vec::new()) };
    let mut files: Vec<PathBuf> = read
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| parse_own(&n.to_string_lossy(), &own).is_some()))
        .collect();
    files.sort_by_key(|p| parse_name(&p.file_name().unwrap_or_default().to_string_lossy()).map(|(at, _)| at));
    files.reverse();
    Ok(files.iter().map(|p| check(p)).collect())
}

/// Every backup in the folder, of any data file, newest first.
pub fn list(dir: &Path) -> Result<Vec<BackupInfo>> {
    let Ok(read) = std::fs::read_dir(dir) else { return Ok(Vec::new()) };
    let mut files: Vec<PathBuf> = read
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| parse_any(&n.to_string_lossy()).is_some()))
        .collect();
    files.sort();
    files.reverse();
    Ok(files.iter().map(|p| check(p)).collect())
}

/// Makes a backup in the folder beside the data.
pub fn make(conn: &Connection, db_path: &Path, kind: &str) -> Result<PathBuf> {
    let dest = backup_dir(db_path).join(name_for(db_path, Local::now().naive_local(), kind));
    backup_to(conn, &dest)?;
    Ok(dest)
}

/// The daily automatic backup, on first start of the day and on exit: skipped when one was made today already,
/// unless `force` (on exit: the day's changes must be in a backup). Old ones are then thinned out.
pub fn auto(conn: &Connection, db_path: &Path, force: bool) -> Result<Option<PathBuf>> {
    let dir = backup_dir(db_path);
    let today = Local::now().date_naive();
    let own = stem(db_path);
    let made_today = list_names(&dir, &own).iter().any(|(at, kind)| at.date() == today && kind == "auto");
    if made_today && !force {
        return Ok(None);
    }
    let path = make(conn, db_path, "auto")?;
    rotate(&dir, &own, today)?;
    Ok(Some(path))
}

fn list_names(dir: &Path, stem: &str) -> Vec<(NaiveDateTime, String)> {
    std::fs::read_dir(dir)
        .map(|r| r.flatten().filter_map(|e| parse_own(&e.file_name().to_string_lossy(), stem)).collect())
        .unwrap_or_default()
}

/// Keeps the newest automatic backup of each of the last 7 days, of each of the last 4 weeks and of each of the
/// last 12 months; removes the other automatic ones. Manual, USB, before-restore and before-upgrade backups are never
/// removed. Only the backups of the data file named `stem` are looked at.
pub fn rotate(dir: &Path, stem: &str, today: NaiveDate) -> Result<Vec<String>> {
    let mut autos: Vec<(NaiveDateTime, String)> = list_names(dir, stem).into_iter().filter(|(_, k)| k == "auto").collect();
    autos.sort_by(|a, b| b.0.cmp(&a.0));
    let mut keep = HashSet::new();
    let (mut days, mut weeks, mut months) = (HashSet::new(), HashSet::new(), HashSet::new());
    for (at, _) in &autos {
        let d = at.date();
        let age = (today - d).num_days();
        if age < 7 && days.insert(d) {
            keep.insert(*at);
        }
        let week = (d.iso_week().year(), d.iso_week().week());
        if age < 28 && weeks.insert(week) {
            keep.insert(*at);
        }
        let month = (d.year(), d.month());
        if age < 366 && months.insert(month) {
            keep.insert(*at);
        }
    }
    let mut removed = Vec::new();
    for (at, kind) in autos {
        if !keep.contains(&at) {
            let name = format!("{stem}-{}-{kind}.db", at.format("%Y%m%d-%H%M%S"));
            std::fs::remove_file(dir.join(&name))?;
            removed.push(name);
        }
    }
    Ok(removed)
}

/// Restores a checked backup into the open data file: the current data is backed up first, then the backup's
/// pages replace it through the backup API (the live file keeps its WAL and stays consistent), migrations bring an
/// older backup up to date, and the audit log records the restore. A backup of another branch (another identity
/// stamp, or another name when either has none) is refused with `OTHER_BRANCH` naming both, unless `confirm_other`.
pub fn restore(conn: &mut Connection, db_path: &Path, backup: &Path, actor: &str, confirm_other: bool) -> Result<BackupInfo> {
    let info = check(backup);
    if !info.ok {
        return Err(Error::BadBackup { file: info.file_name.clone(), reason: info.problem.clone().unwrap_or_default() });
    }
    if !confirm_other {
        let theirs = Connection::open_with_flags(backup, OpenFlags::SQLITE_OPEN_READ_ONLY).ok().and_then(|c| crate::org::identity(&c).ok().flatten());
        if let (Some(ours), Some(theirs)) = (crate::org::identity(conn)?, theirs) {
            if !ours.same_branch(&theirs) {
                return Err(Error::OtherBranch { file: info.file_name.clone(), backup_branch: theirs.name, current_branch: ours.name });
            }
        }
    }
    let saved = make(conn, db_path, "before-restore")?;
    conn.restore(rusqlite::MAIN_DB, backup, None::<fn(rusqlite::backup::Progress)>)?;
    db::migrate(conn)?;
    audit::record(
        conn,
        actor,
        "restore",
        "database",
        None,
        Some(&saved.display().to_string()),
        Some(&serde_json::json!({ "backup": info.file_name, "created": info.created, "members": info.members })),
    )?;
    Ok(info)
}

/// A data file that will not open is moved aside with its WAL, never overwritten, and the backup copied into its
/// place. Returns where the damaged file now is, for the rescue.
pub fn rescue(db_path: &Path, backup: &Path) -> Result<PathBuf> {
    let info = check(backup);
    if !info.ok {
        return Err(Error::BadBackup { file: info.file_name.clone(), reason: info.problem.clone().unwrap_or_default() });
    }
    let stamp = Local::now().format("%Y%m%d-%H%M%S");
    let aside = db_path.with_file_name(format!("{}.damaged-{stamp}", db_path.file_name().unwrap_or_default().to_string_lossy()));
    if db_path.exists() {
        std::fs::rename(db_path, &aside)?;
    }
    for ext in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{ext}", db_path.display()));
        if side.exists() {
            std::fs::rename(&side, PathBuf::from(format!("{}{ext}", aside.display())))?;
        }
    }
    // The backup is a closed, self-contained file (not WAL), so a plain copy of it is a whole database.
    std::fs::copy(backup, db_path)?;
    let mut conn = db::open(db_path)?;
    let actor = crate::org::actor(&conn)?;
    audit::record(&conn, &actor, "rescue", "database", None, Some(&aside.display().to_string()), Some(&info.file_name))?;
    db::migrate(&mut conn)?;
    Ok(aside)
}

/// The newest backup that passes its check, offered when the data file is damaged.
pub fn latest_good(db_path: &Path) -> Result<Option<BackupInfo>> {
    Ok(list_for(db_path)?.into_iter().find(|b| b.ok))
}

#[cfg(test)]
mod tests {
    use super::*;
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
        std::fs::write(&dest, bytes).unwrap();
        assert!(!check(&dest).ok);
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
                std::fs::write(dir.path().join(file_name(at, "auto")), b"x").unwrap();
            }
        }
        std::fs::write(dir.path().join(file_name(dt("2025-01-01 10:00"), "manual")), b"x").unwrap();
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
        let dest = to_usb(&conn, &dir.path().join("usb"), "书记").unwrap();
        assert!(check(&dest).ok, "a whole, checked backup on the stick");
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
            rusqlite_migration::Migrations::new(vec![rusqlite_migration::M::up(include_str!("../../migrations/0001_init.sql"))]).to_latest(&mut c).unwrap();
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
}

//! Backups through SQLite's online backup API (never a file copy under WAL), kept in rotation beside the data;
//! checking a backup before it is used; restoring one after backing up what is there now; and rescuing a damaged
//! data file by setting it aside, never overwriting it.
use crate::store::audit;
use crate::store::db;
use crate::store::kv;
use crate::kernel::error::{Error, ErrorPayload, Result};
use chrono::{Datelike, Local, NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

pub use crate::store::snapshot::{backup_dir, backup_to, name_for};
use crate::store::snapshot::{kind_name, parse_any, parse_name, parse_own, stem};

/// 「备份到U盘」: a dated backup in the folder the secretary picked, named like every other backup so that the
/// restore list can read it back; recorded for the home screen's monthly reminder.
pub fn to_usb(conn: &Connection, db_path: &Path, dir: &Path, actor: &str) -> Result<PathBuf> {
    // Named after its data file, as the automatic backups are: 东风村.db → 东风村-20261207-083000-usb.db.
    let dest = dir.join(name_for(db_path, Local::now().naive_local(), "usb"));
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
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
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
    // A backup chosen from a USB stick is a file from outside: what it is and how big, before SQLite reads it.
    let meta = std::fs::metadata(path).map_err(|e| Error::reading(path, &e).message())?;
    if meta.is_dir() {
        return Err("这是一个文件夹，不是备份文件".into());
    }
    if meta.len() == 0 {
        return Err("文件是空的（0 字节），可能复制时没有复制完整".into());
    }
    if meta.len() > crate::store::limits::BACKUP_BYTES {
        return Err(format!("文件有 {} MB，不是支部台账的备份（备份通常不超过几百 MB）", meta.len() / (1024 * 1024)));
    }
    let mut head = [0u8; 16];
    let n = std::fs::File::open(path).and_then(|mut f| std::io::Read::read(&mut f, &mut head)).map_err(|e| Error::reading(path, &e).message())?;
    if n < 16 || &head != b"SQLite format 3\0" {
        return Err("这不是支部台账的数据文件或备份（可能选错了文件，或文件已损坏）".into());
    }
    let unreadable = |_: rusqlite::Error| "文件无法读取或已损坏（可能复制时没有复制完整）".to_string();
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX).map_err(unreadable)?;
    let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(unreadable)?;
    if app_id != db::APPLICATION_ID {
        return Err("这不是支部台账的数据文件".into());
    }
    let check: String = conn.query_row("PRAGMA integrity_check(1)", [], |r| r.get(0)).map_err(unreadable)?;
    if check != "ok" {
        return Err("完整性检查未通过，这个备份已损坏".into());
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
/// The path of a backup the restore list offers, named by its file name only (the page never hands over a path):
/// `NOT_FOUND` for a name that is not listed or that tries to leave the backup folder.
pub fn listed_backup(db_path: &Path, file_name: &str) -> Result<PathBuf> {
    let listed = list_for(db_path)?.iter().any(|b| b.file_name == file_name);
    if !listed || file_name.contains(['/', '\\']) {
        return Err(Error::invalid("file_name", "NOT_FOUND", "找不到这个备份，请刷新列表后重试"));
    }
    Ok(backup_dir(db_path).join(file_name))
}

/// The backup the start screen's rescue would use: `NOT_FOUND` for a name that is not in the backup folder.
pub fn rescue_source(db_path: &Path, file_name: &str) -> Result<PathBuf> {
    let path = backup_dir(db_path).join(file_name);
    if file_name.contains(['/', '\\']) || !path.exists() {
        return Err(Error::invalid("file_name", "NOT_FOUND", "找不到这个备份"));
    }
    Ok(path)
}

/// Whether the rescue may set the data file aside, given how opening it went: an intact file is refused
/// (`NOT_DAMAGED`: restore instead), and a file another process holds (`DB_IN_USE`) keeps that error — never move
/// a file aside under another process.
pub fn may_rescue(opened: std::result::Result<(), &ErrorPayload>) -> std::result::Result<(), ErrorPayload> {
    match opened {
        Ok(()) => Err(Error::invalid("file_name", "NOT_DAMAGED", "数据文件完好，请用“从备份恢复”").payload()),
        Err(e) if e.code == "DB_IN_USE" => Err(e.clone()),
        Err(_) => Ok(()),
    }
}

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
mod tests;

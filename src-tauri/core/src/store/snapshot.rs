//! 备份文件: how a backup of the data file is named and written — SQLite's online backup API, never a file copy
//! under WAL. At the bottom (store) because opening the data file backs it up before a schema upgrade; the
//! rotation, checks and restore that use these names are in `safety::backup`.
use crate::kernel::error::Result;
use chrono::NaiveDateTime;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// The folder beside the data file that holds the automatic backups.
pub fn backup_dir(db_path: &Path) -> PathBuf {
    db_path.parent().unwrap_or(Path::new(".")).join("backups")
}

/// The name part of backups that belong to no particular data file (「备份到U盘」), and of the default data file.
pub(crate) const PREFIX: &str = "branchbook-";

/// The reasons a backup is made, as they appear at the end of its file name.
pub(crate) const KINDS: [&str; 5] = ["auto", "manual", "before-restore", "before-upgrade", "usb"];

/// Why a backup was made; part of its file name so the list can say it.
pub(crate) fn kind_name(kind: &str) -> &'static str {
    match kind {
        "auto" => "自动备份",
        "manual" => "手动备份",
        "before-restore" => "恢复前自动保存",
        "usb" => "备份到U盘",
        "before-upgrade" => "升级前自动备份",
        _ => "备份",
    }
}

/// branchbook-20261123-083000-auto.db
pub(crate) fn file_name(at: NaiveDateTime, kind: &str) -> String {
    format!("{PREFIX}{}-{kind}.db", at.format("%Y%m%d-%H%M%S"))
}

/// Backups belong to their data file, not to the folder: `东风村.db` → `东风村-20261123-083000-auto.db`, so two data
/// files in one folder each keep (and rotate, and list) their own. The default `branchbook.db` keeps the names
/// earlier versions wrote.
pub fn name_for(db_path: &Path, at: NaiveDateTime, kind: &str) -> String {
    format!("{}-{}-{kind}.db", stem(db_path), at.format("%Y%m%d-%H%M%S"))
}

pub(crate) fn stem(db_path: &Path) -> String {
    db_path.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_else(|| "branchbook".into())
}

/// `<stem>-YYYYMMDD-HHMMSS-<kind>.db` → (stem, time, kind).
pub(crate) fn parse_any(name: &str) -> Option<(String, NaiveDateTime, String)> {
    let rest = name.strip_suffix(".db")?;
    let kind = KINDS.iter().find(|k| rest.ends_with(&format!("-{k}")))?;
    let rest = &rest[..rest.len() - kind.len() - 1];
    let split = rest.len().checked_sub(16)?;
    let (stem, stamp) = (rest.get(..split)?, rest.get(split..)?);
    let at = NaiveDateTime::parse_from_str(stamp.strip_prefix('-')?, "%Y%m%d-%H%M%S").ok()?;
    (!stem.is_empty()).then(|| (stem.to_string(), at, kind.to_string()))
}

pub(crate) fn parse_name(name: &str) -> Option<(NaiveDateTime, String)> {
    parse_any(name).map(|(_, at, kind)| (at, kind))
}

/// Only the backups of the data file named by `stem`.
pub(crate) fn parse_own(name: &str, stem: &str) -> Option<(NaiveDateTime, String)> {
    parse_any(name).filter(|(s, _, _)| s == stem).map(|(_, at, kind)| (at, kind))
}

/// Copies the open database into `dest` page by page while it stays in use, then leaves the copy as a single
/// self-contained file (rollback journal, not WAL), so it can be copied to a USB stick as it is.
pub fn backup_to(conn: &Connection, dest: &Path) -> Result<()> {
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    // Write to a temporary name first: a half-written backup must never look like a good one.
    let tmp = dest.with_extension("db.part");
    let _ = std::fs::remove_file(&tmp);
    {
        let mut out = Connection::open(&tmp)?;
        let b = rusqlite::backup::Backup::new(conn, &mut out)?;
        b.run_to_completion(256, std::time::Duration::from_millis(0), None)?;
        drop(b);
        out.pragma_update(None, "journal_mode", "DELETE")?;
    }
    std::fs::rename(&tmp, dest)?;
    Ok(())
}

//! 备份文件: how a backup of the data file is named and written — SQLite's online backup API, never a file copy
//! under WAL. At the bottom (store) because opening the data file backs it up before a schema upgrade; the
//! rotation, checks and restore that use these names are in `safety::backup`.
use crate::kernel::error::{Error, Result};
use chrono::NaiveDateTime;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// The folder beside the data file that holds the automatic backups.
pub fn backup_dir(db_path: &Path) -> PathBuf {
    db_path.parent().unwrap_or(Path::new(".")).join("backups")
}

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
/// self-contained file (rollback journal, not WAL), so it can be copied to a USB stick as it is. The room it needs
/// is checked first; a copy that fails anyway (a stick pulled out, a disk full after all) removes its own partial
/// files and says which disk, never blaming the data file.
pub fn backup_to(conn: &Connection, dest: &Path) -> Result<()> {
    let dir = dest.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::writing(dest, &e))?;
    let need = needed_bytes(conn)?;
    if let Ok(free) = fs4::available_space(dir) {
        if free < need {
            return Err(disk_full(dir, need, free));
        }
    }
    copy_to(conn, dest, need)
}

/// What a backup of `conn` takes on disk: its pages, plus the copy's journal while it is written.
fn needed_bytes(conn: &Connection) -> Result<u64> {
    let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
    let size: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
    Ok((pages.max(0) as u64) * (size.max(0) as u64) + 256 * 1024)
}

fn disk_full(dir: &Path, need: u64, free: u64) -> Error {
    Error::DiskFull { dir: dir.display().to_string(), need, free }
}

/// The copy itself, under a temporary name (a half-written backup must never look like a good one).
pub(crate) fn copy_to(conn: &Connection, dest: &Path, need: u64) -> Result<()> {
    let dir = dest.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let tmp = dest.with_extension("db.part");
    let partials = |tmp: &Path| ["", "-journal", "-wal", "-shm"].map(|s| PathBuf::from(format!("{}{s}", tmp.display())));
    for p in partials(&tmp) {
        let _ = std::fs::remove_file(p);
    }
    let written = (|| -> Result<()> {
        let mut out = Connection::open(&tmp)?;
        let b = rusqlite::backup::Backup::new(conn, &mut out)?;
        b.run_to_completion(256, std::time::Duration::from_millis(0), None)?;
        drop(b);
        out.pragma_update(None, "journal_mode", "DELETE")?;
        Ok(())
    })()
    .and_then(|_| std::fs::rename(&tmp, dest).map_err(|e| Error::writing(dest, &e)));
    if let Err(e) = written {
        for p in partials(&tmp) {
            let _ = std::fs::remove_file(p);
        }
        // SQLite's own words name the copy's troubles as if they were the data file's: say which disk.
        return Err(match e {
            Error::Db(d) if d.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull) => disk_full(dir, need, fs4::available_space(dir).unwrap_or(0)),
            Error::Db(d) if matches!(d.sqlite_error_code(), Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::PermissionDenied)) => {
                Error::writing(dest, &std::io::Error::from(std::io::ErrorKind::PermissionDenied))
            }
            other => other,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small disk of its own (tmpfs, as root; skipped where mounting is not allowed).
    struct Tiny(PathBuf);
    impl Tiny {
        fn mount(kb: u64) -> Option<Tiny> {
            let dir = tempfile::tempdir().ok()?.keep();
            let ok = std::process::Command::new("mount").args(["-t", "tmpfs", "-o", &format!("size={kb}k"), "tmpfs"]).arg(&dir).status().ok()?.success();
            ok.then_some(Tiny(dir))
        }
    }
    impl Drop for Tiny {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(&self.0).status();
        }
    }

    fn data() -> (tempfile::TempDir, Connection) {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = crate::store::db::open(&dir.path().join("d.db")).unwrap();
        conn.execute_batch("CREATE TABLE pad(x BLOB); INSERT INTO pad VALUES (zeroblob(600000));").unwrap();
        let _ = &mut conn;
        (dir, conn)
    }

    #[test]
    fn a_full_stick_is_named_and_left_clean() {
        let Some(stick) = Tiny::mount(256) else {
            eprintln!("skipped: cannot mount a small tmpfs here");
            return;
        };
        let (_d, conn) = data();
        let dest = stick.0.join("备份.db");
        // Checked before writing: nothing is written.
        let e = backup_to(&conn, &dest).unwrap_err();
        assert_eq!(e.code(), "DISK_FULL");
        let msg = e.message();
        assert!(msg.contains(&stick.0.display().to_string()) && msg.contains("需要 1.") && msg.contains(" MB，只剩 ") && msg.contains(" KB"), "{msg}");
        assert!(!msg.contains("数据文件"), "the data file is not to blame: {msg}");
        // Full after all (the check passed, the disk filled up): the partial copy and its journal are removed.
        let e = copy_to(&conn, &dest, 700_000).unwrap_err();
        assert_eq!(e.code(), "DISK_FULL", "{}", e.message());
        let left: Vec<_> = std::fs::read_dir(&stick.0).unwrap().flatten().map(|e| e.file_name()).collect();
        assert!(left.is_empty(), "partial files left on the stick: {left:?}");
    }
}

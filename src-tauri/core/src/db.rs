//! Opening the one data file: pragmas, version guard and numbered migrations.
use crate::error::{Error, Result};
use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Duration;

/// Environment variable that points app and CLI at another data file (tests, demos).
pub const DB_ENV: &str = "BRANCHBOOK_DB";
/// Folder name under the OS app-data directory; equals the Tauri bundle identifier.
pub const APP_DIR: &str = "org.branchbook.desktop";
/// Marks a SQLite file as ours, so a stranger's database is never migrated by mistake.
pub const APPLICATION_ID: i64 = 0x4242_4B31; // "BBK1"

static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    Migrations::new(vec![
        M::up(include_str!("../migrations/0001_init.sql")),
        M::up(include_str!("../migrations/0002_meetings.sql")),
        M::up(include_str!("../migrations/0003_points.sql")),
        M::up(include_str!("../migrations/0004_points_scheme.sql")),
    ])
});

/// The schema version this build writes.
pub fn schema_version() -> i64 {
    4
}

/// `--db` beats `BRANCHBOOK_DB`, which beats the OS app-data directory.
pub fn resolve_path(flag: Option<PathBuf>) -> PathBuf {
    flag.or_else(|| std::env::var_os(DB_ENV).filter(|v| !v.is_empty()).map(PathBuf::from))
        .unwrap_or_else(default_path)
}

pub fn default_path() -> PathBuf {
    dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join(APP_DIR).join("branchbook.db")
}

pub fn open(path: &Path) -> Result<Connection> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|_| Error::Folder { path: dir.display().to_string() })?;
    }
    let mut conn = Connection::open(path)
        .map_err(|source| Error::Open { path: path.display().to_string(), source })?;
    conn.busy_timeout(Duration::from_secs(5))?;
    // Refuse before anything writes to the file: even switching to WAL touches its header.
    let damaged = |e: rusqlite::Error| corrupt_or(e, path);
    let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(damaged)?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(damaged)?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0)).map_err(damaged)?;
    if (app_id != 0 && app_id != APPLICATION_ID) || (app_id == 0 && tables > 0) {
        return Err(Error::ForeignDatabase);
    }
    if version > schema_version() {
        return Err(Error::SchemaTooNew { found: version, supported: schema_version() });
    }
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // FULL: a saved member must survive a power cut, not only a crash of the app.
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    migrate(&mut conn).map_err(|e| match e {
        Error::Db(e) => corrupt_or(e, path),
        e => e,
    })?;
    Ok(conn)
}

/// Brings the schema up to date (also after a restore from an older backup).
pub fn migrate(conn: &mut Connection) -> Result<()> {
    MIGRATIONS.to_latest(conn)?;
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    Ok(())
}

/// A damaged file says so with its own error, so the start screen can offer a backup.
fn corrupt_or(e: rusqlite::Error, path: &Path) -> Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt) => Error::Corrupt { path: path.display().to_string() },
        _ => Error::Db(e),
    }
}

/// SQLite's own quick check of every page: run at start, before the day's backup copies anything.
pub fn quick_check(conn: &Connection, path: &Path) -> Result<()> {
    let r: String = conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0)).map_err(|e| corrupt_or(e, path))?;
    if r == "ok" {
        Ok(())
    } else {
        Err(Error::Corrupt { path: path.display().to_string() })
    }
}

/// An in-memory database with the full schema, for tests and benchmarks.
pub fn open_in_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    MIGRATIONS.to_latest(&mut conn)?;
    Ok(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_validate() {
        MIGRATIONS.validate().unwrap();
        assert_eq!(MIGRATIONS_COUNT, schema_version());
    }
    const MIGRATIONS_COUNT: i64 = 4;

    #[test]
    fn open_sets_pragmas() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open(&dir.path().join("sub/b.db")).unwrap();
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
        assert_eq!(fk, 1);
        let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, schema_version());
    }

    #[test]
    fn newer_database_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        drop(open(&path).unwrap());
        {
            let c = Connection::open(&path).unwrap();
            c.pragma_update(None, "user_version", 99).unwrap();
            c.pragma_update(None, "journal_mode", "DELETE").unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = open(&path).unwrap_err();
        assert_eq!(err.code(), "SCHEMA_TOO_NEW");
        assert!(err.message().contains("更新版本"));
        assert_eq!(std::fs::read(&path).unwrap(), before, "file must not be touched");
    }

    #[test]
    fn a_version_1_file_upgrades_with_its_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        {
            let mut c = Connection::open(&path).unwrap();
            Migrations::new(vec![M::up(include_str!("../migrations/0001_init.sql"))]).to_latest(&mut c).unwrap();
            c.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
            c.execute("INSERT INTO member (name, created_at, updated_at) VALUES ('张三', '2026-01-01', '2026-01-01')", []).unwrap();
        }
        let conn = open(&path).unwrap();
        let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, schema_version());
        let name: String = conn.query_row("SELECT name FROM member", [], |r| r.get(0)).unwrap();
        assert_eq!(name, "张三");
        let meetings: i64 = conn.query_row("SELECT count(*) FROM meeting", [], |r| r.get(0)).unwrap();
        assert_eq!(meetings, 0);
    }

    #[test]
    fn foreign_database_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.db");
        Connection::open(&path).unwrap().execute_batch("CREATE TABLE t(x)").unwrap();
        assert_eq!(open(&path).unwrap_err().code(), "FOREIGN_DATABASE");
    }

    #[test]
    fn flag_beats_env_beats_default() {
        assert_eq!(resolve_path(Some("/x/a.db".into())), PathBuf::from("/x/a.db"));
        assert!(default_path().ends_with("org.branchbook.desktop/branchbook.db"));
    }
}

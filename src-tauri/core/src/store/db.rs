//! Opening the one data file: pragmas, version guard and numbered migrations.
use crate::kernel::error::{Error, Result};
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

/// The numbered migrations, in order: (file name, SQL, what it brings the secretary). A new area adds its
/// `000N_<area>.sql` here, with the sentence the upgrade notice shows (「升级说明」) after the first start of the
/// version that brings it: say what the secretary can now do or what now works differently, not what the tables are.
const MIGRATION_FILES: &[(&str, &str, &str)] = &[
    ("0001_init.sql", include_str!("../../migrations/0001_init.sql"), "党员名册与分类管理"),
    (
        "0002_meetings.sql",
        include_str!("../../migrations/0002_meetings.sql"),
        "新增“组织生活”：三会一课、主题党日的记录、签到考勤和参学率统计",
    ),
    ("0003_points.sql", include_str!("../../migrations/0003_points.sql"), "新增“积分管理”：积分细则、积分录入、月度积分表和公示"),
    (
        "0004_points_scheme.sql",
        include_str!("../../migrations/0004_points_scheme.sql"),
        "积分方案可在“设置”中选择百分制；已在使用的支部保持原来的积分方案不变",
    ),
    (
        "0005_points_meeting_roll.sql",
        include_str!("../../migrations/0005_points_meeting_roll.sql"),
        "月度积分表按每次会议当时的应到名单统计，会议改期后积分随会议移到新的月份",
    ),
    (
        "0006_dues.sql",
        include_str!("../../migrations/0006_dues.sql"),
        "新增“党费”：交纳标准与年度核定、按月收缴登记、欠缴提醒、上缴记录和党费报表；积分细则增加“未按时交纳党费”",
    ),
    (
        "0007_development.sql",
        include_str!("../../migrations/0007_development.sql"),
        "新增“发展党员”的记录：从递交入党申请书到转正的 25 个步骤，每步的日期、经办人、记录和时间要求",
    ),
    (
        "0008_mobile.sql",
        include_str!("../../migrations/0008_mobile.sql"),
        "新增“流动党员”：流动党员档案与“六个清”、联系记录、组织关系介绍信与回执、失联党员查找",
    ),
    (
        "0009_care.sql",
        include_str!("../../migrations/0009_care.sql"),
        "新增“关爱帮扶”：困难党员登记、走访慰问与慰问金、「光荣在党50年」纪念章颁发记录",
    ),
    (
        "0010_appraisal.sql",
        include_str!("../../migrations/0010_appraisal.sql"),
        "新增“民主评议”：年度评议步骤、测评票数、评定等次和不合格党员的组织处置",
    ),
];

static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::new(MIGRATION_FILES.iter().map(|(_, sql, _)| M::up(sql)).collect()));

/// What the migrations after schema `from` up to `to` bring, one sentence each, oldest first.
pub fn changes_between(from: i64, to: i64) -> Vec<String> {
    MIGRATION_FILES
        .iter()
        .enumerate()
        .filter(|(i, _)| (from + 1..=to).contains(&(*i as i64 + 1)))
        .map(|(_, (_, _, note))| note.to_string())
        .collect()
}

/// The schema version this build writes: one per migration, so it cannot fall out of step with the list.
pub fn schema_version() -> i64 {
    MIGRATION_FILES.len() as i64
}

/// `--db` beats `BRANCHBOOK_DB`, which beats the OS app-data directory.
pub fn resolve_path(flag: Option<PathBuf>) -> PathBuf {
    flag.or_else(|| std::env::var_os(DB_ENV).filter(|v| !v.is_empty()).map(PathBuf::from))
        .unwrap_or_else(default_path)
}

pub fn default_path() -> PathBuf {
    dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join(APP_DIR).join("branchbook.db")
}

/// The OS lock that keeps one BranchBook process per data file, held as long as this value lives (the app holds
/// it for its lifetime, the CLI for its one command). It is an exclusive lock (flock on Linux, LockFileEx on
/// Windows) on `<data file>-lock`, a file SQLite never opens: unlike SQLite's own POSIX locks, which the process
/// loses when *any* descriptor of the data file is closed (a GTK file dialog listing the folder does that), closing
/// another descriptor cannot release it. Without it a second process could see no other user, checkpoint, and
/// delete the live `-wal` under the app, so that everything saved afterwards vanished at the next crash.
#[derive(Debug)]
pub struct DataLock {
    _file: std::fs::File,
}

/// `branchbook.db` → `branchbook.db-lock`, beside `-wal` and `-shm`. Never deleted: removing it while another
/// process waits on it would let two processes lock two different files of one name.
pub fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-lock");
    PathBuf::from(name)
}

/// Takes the data file's lock, or answers `DB_IN_USE` when another process (the app, the CLI) holds it.
pub fn lock(path: &Path) -> Result<DataLock> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|_| Error::Folder { path: dir.display().to_string() })?;
    }
    let file = std::fs::OpenOptions::new().read(true).write(true).create(true).truncate(false).open(lock_path(path)).map_err(|e| {
        use std::io::ErrorKind as K;
        match (e.kind(), path.parent().filter(|d| !d.as_os_str().is_empty())) {
            (K::PermissionDenied | K::ReadOnlyFilesystem, Some(dir)) => Error::Folder { path: dir.display().to_string() },
            _ => Error::writing(&lock_path(path), &e),
        }
    })?;
    match file.try_lock() {
        Ok(()) => Ok(DataLock { _file: file }),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::InUse { path: path.display().to_string() }),
        Err(std::fs::TryLockError::Error(e)) => Err(Error::Io(e)),
    }
}

/// What the app and the CLI do: take the data file's lock, then open it. Keep the lock as long as the connection.
pub fn open_locked(path: &Path) -> Result<(DataLock, Connection)> {
    let lock = lock(path)?;
    let conn = open(path)?;
    Ok((lock, conn))
}

/// Opens (or creates) the data file. Nothing is written to an existing file until it has passed every check:
/// ours (application_id), not newer than this program, and SQLite's quick_check; before a schema migration the
/// file is backed up (「升级前自动备份」), and after it the file keeps a notice of what changed until it is read.
pub fn open(path: &Path) -> Result<Connection> {
    open_upgrading(path).map(|(conn, _)| conn)
}

/// [`open`], also saying whether this opening upgraded the file (the CLI prints it; the app reads the notice
/// from the file, so it shows it even when the CLI upgraded the file first).
pub fn open_upgrading(path: &Path) -> Result<(Connection, Option<super::upgrade::UpgradeNotice>)> {
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
    let mut upgrade_backup = None;
    if tables > 0 {
        // A damaged page anywhere is found here, before the first write, not by the first query that hits it.
        quick_check(&conn, path)?;
        if version < schema_version() {
            let dest = super::snapshot::backup_dir(path).join(super::snapshot::name_for(path, chrono::Local::now().naive_local(), "before-upgrade"));
            super::snapshot::backup_to(&conn, &dest)?;
            upgrade_backup = Some(dest);
        }
    }
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // FULL: a saved member must survive a power cut, not only a crash of the app.
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    migrate(&mut conn).map_err(|e| match e {
        Error::Db(e) => corrupt_or(e, path),
        e => e,
    })?;
    let upgraded = upgrade_backup.map(|dest| super::upgrade::remember(&conn, version, &dest)).transpose()?;
    // Files set up before branches were stamped get their identity now, after every check.
    crate::org::stamp_identity(&conn)?;
    Ok((conn, upgraded))
}

/// Brings the schema up to date (also after a restore from an older backup). Writes only what differs: opening an
/// up-to-date file writes nothing.
/// Closes the data file for good when the program ends: the write-ahead log is folded back into the file and
/// removed, so `branchbook.db` alone — copied to a USB stick after the app has closed — holds everything.
pub fn close(conn: Connection) -> Result<()> {
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    conn.close().map_err(|(_, e)| Error::Db(e))
}

pub fn migrate(conn: &mut Connection) -> Result<()> {
    MIGRATIONS.to_latest(conn)?;
    let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if app_id != APPLICATION_ID {
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    Ok(())
}

/// The folder a file dialog opens in: the last folder the secretary chose for that purpose, else Documents, else
/// the desktop, else home, else the temporary folder, and never the data file's own folder: a dialog listing it
/// reads the data file inside the app's process, which drops SQLite's locks on it.
pub fn dialog_folder(data_path: &Path, remembered: Option<PathBuf>) -> PathBuf {
    dialog_folder_from(data_path, [remembered, dirs::document_dir(), dirs::desktop_dir(), dirs::home_dir(), Some(std::env::temp_dir())])
}

/// [`dialog_folder`] with the candidates given, best first.
pub fn dialog_folder_from(data_path: &Path, candidates: impl IntoIterator<Item = Option<PathBuf>>) -> PathBuf {
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let parent = data_path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let data_dir = canon(parent);
    candidates
        .into_iter()
        .flatten()
        .find(|c| c.is_dir() && canon(c) != data_dir)
        .unwrap_or_else(|| data_dir.parent().map(Path::to_path_buf).unwrap_or_else(std::env::temp_dir))
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
        // Every file in migrations/ is listed, in number order, and nothing else: a file left out of the list (or
        // listed twice, or out of order) would give the schema a version that does not match its tables.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).filter(|n| n.ends_with(".sql")).collect();
        on_disk.sort();
        let listed: Vec<&str> = MIGRATION_FILES.iter().map(|(n, _, _)| *n).collect();
        // Every migration says what it brings the secretary, in Chinese.
        for (name, _, note) in MIGRATION_FILES {
            assert!(note.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{name}: a Chinese sentence for 升级说明");
        }
        assert_eq!(listed, on_disk);
        for (i, name) in listed.iter().enumerate() {
            assert!(name.starts_with(&format!("{:04}_", i + 1)), "{name} is migration {}", i + 1);
        }
        // A fresh file ends at the version this build says it writes.
        let conn = open_in_memory().unwrap();
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, schema_version());
        assert_eq!(schema_version(), on_disk.len() as i64);
    }

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
            Migrations::new(vec![M::up(include_str!("../../migrations/0001_init.sql"))]).to_latest(&mut c).unwrap();
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

    /// A set-up, fully checkpointed data file whose bytes can be compared.
    fn settled(dir: &Path) -> PathBuf {
        let path = dir.join("settled.db");
        let mut conn = open(&path).unwrap();
        crate::demo::load(&mut conn).unwrap();
        drop(conn);
        path
    }

    #[test]
    fn opening_and_reading_an_up_to_date_file_writes_nothing_to_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = settled(dir.path());
        let before = std::fs::read(&path).unwrap();
        {
            let conn = open(&path).unwrap();
            crate::members::search::list(&conn, &Default::default()).unwrap();
        }
        assert_eq!(std::fs::read(&path).unwrap(), before, "a read-only `member list` must not rewrite the file");
    }

    #[test]
    fn a_damaged_file_is_refused_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = settled(dir.path());
        let mut bytes = std::fs::read(&path).unwrap();
        // Damage a page in the middle (member data), leaving the header and the schema readable.
        let page = 4096;
        let mid = (bytes.len() / page / 2) * page;
        bytes[mid..mid + page].fill(0x5A);
        std::fs::write(&path, &bytes).unwrap();
        let err = open(&path).unwrap_err();
        assert_eq!(err.code(), "DB_CORRUPT");
        assert!(err.message().contains("备份恢复"), "{}", err.message());
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "not one byte written to the damaged file");
    }

    #[test]
    fn a_second_holder_of_the_data_file_is_refused_in_chinese() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("in-use.db");
        let (held, conn) = open_locked(&path).unwrap();
        // Closing another descriptor of the data file (what a GTK dialog does) does not release the lock.
        drop(std::fs::File::open(&path).unwrap());
        let err = open_locked(&path).unwrap_err();
        assert_eq!(err.code(), "DB_IN_USE");
        assert!(err.message().contains("数据文件正在被支部台账使用，请先关闭程序"), "{}", err.message());
        drop((held, conn));
        open_locked(&path).expect("free again once the holder is gone");
    }

    #[test]
    fn file_dialogs_never_start_in_the_data_files_folder() {
        let dir = tempfile::tempdir().unwrap();
        let data_dir = dir.path().join("data");
        let docs = dir.path().join("文档");
        let last = dir.path().join("U盘");
        for d in [&data_dir, &docs, &last] {
            std::fs::create_dir_all(d).unwrap();
        }
        let data = data_dir.join("branchbook.db");
        // The last folder chosen for this purpose comes first, then Documents.
        assert_eq!(dialog_folder_from(&data, [Some(last.clone()), Some(docs.clone())]), last);
        assert_eq!(dialog_folder_from(&data, [None, Some(docs.clone())]), docs);
        // The data file's folder is skipped, even when remembered or when it is Documents, also spelled differently.
        let same = data_dir.join(".");
        assert_eq!(dialog_folder_from(&data, [Some(same), Some(data_dir.clone()), Some(docs.clone())]), docs);
        assert_ne!(dialog_folder_from(&data, [Some(data_dir.clone())]), data_dir);
        assert_ne!(dialog_folder(&data, Some(data_dir.clone())), data_dir);
        // A missing folder is skipped too.
        assert_eq!(dialog_folder_from(&data, [Some(dir.path().join("gone")), Some(docs.clone())]), docs);
    }

    #[test]
    fn a_damaged_page_met_after_opening_is_db_corrupt_with_the_rescue_advice() {
        let e = Error::Db(rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT), None));
        assert_eq!(e.code(), "DB_CORRUPT");
        assert!(e.message().contains("备份恢复") && !e.message().contains("已保存的数据不受影响"), "{}", e.message());
    }
}

#[cfg(test)]
mod close_tests {
    use super::*;

    #[test]
    fn after_closing_the_file_alone_holds_everything() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("branchbook.db");
        let mut conn = open(&path).unwrap();
        crate::demo::load(&mut conn).unwrap();
        let wal = dir.path().join("branchbook.db-wal");
        assert!(wal.exists() && std::fs::metadata(&wal).unwrap().len() > 0, "changes sit in the WAL while open");
        close(conn).unwrap();
        assert!(!wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0, "the WAL is folded back on close");
        // A copy of the .db file alone, as a secretary would take it, has every member.
        let copy = dir.path().join("copy.db");
        std::fs::copy(&path, &copy).unwrap();
        let c = Connection::open(&copy).unwrap();
        assert_eq!(c.query_row("SELECT count(*) FROM member", [], |r| r.get::<_, i64>(0)).unwrap(), 58);
    }
}

//! 升级说明: what the first start of a new version did to the data file — the backup it made before migrating and
//! what the new schema brings — kept in the file until the secretary has read it. The notice lives in the data file,
//! not in the program, so it reaches the secretary whichever program (app or CLI) opened the file first.
use super::{audit, db, kv};
use crate::kernel::error::Result;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::path::Path;

const KEY: &str = "upgrade.notice";
/// Who the audit log says upgraded the file: nobody typed anything, the program did it on opening.
const ACTOR: &str = "支部台账";

/// 升级说明: shown once after an upgrade, until 知道了.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct UpgradeNotice {
    /// The schema the file had before (数据文件第几版), and the one it has now.
    pub from_schema: i64,
    pub to_schema: i64,
    /// The program version that upgraded it.
    pub app_version: String,
    /// Local time of the upgrade, `2026-12-03T08:30:00`.
    pub at: String,
    /// Where the copy made before the upgrade is (「升级前自动备份」).
    pub backup: String,
    /// What the new schema brings, one sentence each, in Chinese; derived from the migrations, not stored.
    #[serde(default, skip_deserializing)]
    pub changes: Vec<String>,
}

impl UpgradeNotice {
    /// The notice as one paragraph, for the CLI.
    pub fn summary(&self) -> String {
        let mut s = format!(
            "数据文件已升级（第 {} 版 → 第 {} 版，支部台账 {}），原有数据全部保留；升级前已自动备份到 {}。",
            self.from_schema, self.to_schema, self.app_version, self.backup
        );
        if !self.changes.is_empty() {
            s.push_str("本次更新：");
            s.push_str(&self.changes.join("；"));
            s.push('。');
        }
        s
    }
}

/// Called by `db::open` right after it migrated the file from `from` (backed up to `backup` first): keeps the
/// notice and writes the audit row, in one transaction. When an earlier notice was never read (the file was
/// upgraded twice in a row), the earlier start and its backup are kept: that backup holds the data as it was.
pub(crate) fn remember(conn: &Connection, from: i64, backup: &Path) -> Result<UpgradeNotice> {
    let tx = conn.unchecked_transaction()?;
    let earlier = stored(&tx)?;
    let notice = UpgradeNotice {
        from_schema: earlier.as_ref().map_or(from, |e| e.from_schema.min(from)),
        to_schema: db::schema_version(),
        app_version: env!("CARGO_PKG_VERSION").to_string(),
        at: audit::now(),
        backup: earlier.map_or_else(|| backup.display().to_string(), |e| e.backup),
        changes: Vec::new(),
    };
    kv::put(&tx, KEY, &serde_json::to_string(&notice)?)?;
    let name = backup.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    audit::record(
        &tx,
        ACTOR,
        "upgrade",
        "database",
        None,
        Some(&serde_json::json!({ "schema": from })),
        Some(&serde_json::json!({ "schema": notice.to_schema, "version": notice.app_version, "backup": name })),
    )?;
    tx.commit()?;
    Ok(with_changes(notice))
}

fn stored(conn: &Connection) -> Result<Option<UpgradeNotice>> {
    // A notice this version cannot read is dropped rather than blocking the start.
    Ok(kv::get(conn, KEY)?.and_then(|s| serde_json::from_str(&s).ok()))
}

fn with_changes(mut n: UpgradeNotice) -> UpgradeNotice {
    n.changes = db::changes_between(n.from_schema, n.to_schema);
    n
}

/// The unread notice, if the file was upgraded and the secretary has not yet pressed 知道了.
pub fn pending(conn: &Connection) -> Result<Option<UpgradeNotice>> {
    Ok(stored(conn)?.map(with_changes))
}

/// 知道了: the notice is not shown again. The backup stays in the list of backups.
pub fn dismiss(conn: &Connection) -> Result<()> {
    kv::delete(conn, &[KEY])
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite_migration::{Migrations, M};

    /// A data file as the version before the points roll (schema 4) left it, with one member.
    fn schema_4_file(path: &Path) {
        let mut c = Connection::open(path).unwrap();
        Migrations::new(vec![
            M::up(include_str!("../../migrations/0001_init.sql")),
            M::up(include_str!("../../migrations/0002_meetings.sql")),
            M::up(include_str!("../../migrations/0003_points.sql")),
            M::up(include_str!("../../migrations/0004_points_scheme.sql")),
        ])
        .to_latest(&mut c)
        .unwrap();
        c.pragma_update(None, "application_id", db::APPLICATION_ID).unwrap();
        c.execute("INSERT INTO member (name, created_at, updated_at) VALUES ('张三', '2026-01-01', '2026-01-01')", []).unwrap();
    }

    #[test]
    fn the_first_opening_by_a_new_version_backs_up_migrates_and_keeps_a_notice_until_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("东风村.db");
        schema_4_file(&path);

        let (conn, notice) = db::open_upgrading(&path).unwrap();
        let notice = notice.expect("this opening upgraded the file");
        assert_eq!((notice.from_schema, notice.to_schema), (4, db::schema_version()));
        assert_eq!(notice.app_version, env!("CARGO_PKG_VERSION"));
        assert_eq!(notice.changes, db::changes_between(4, db::schema_version()));
        assert!(notice.changes[0].contains("月度积分表"), "{:?}", notice.changes);
        // The backup named in the notice is the file as it was: schema 4, with its member.
        let backup = Path::new(&notice.backup);
        assert!(backup.starts_with(dir.path().join("backups")) && backup.to_string_lossy().ends_with("-before-upgrade.db"), "{}", notice.backup);
        let old = Connection::open(backup).unwrap();
        assert_eq!(old.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)).unwrap(), 4);
        assert_eq!(old.query_row("SELECT name FROM member", [], |r| r.get::<_, String>(0)).unwrap(), "张三");
        // The secretary reads the same notice from the file; the audit log says who upgraded it and from what.
        assert_eq!(pending(&conn).unwrap(), Some(notice.clone()));
        assert!(notice.summary().contains("第 4 版") && notice.summary().contains(&notice.backup), "{}", notice.summary());
        let log = audit::list(&conn, None, 10).unwrap();
        let row = log.iter().find(|e| e.action == "upgrade").expect("an audit row for the upgrade");
        assert_eq!((row.actor.as_str(), row.entity.as_str()), (ACTOR, "database"));
        assert_eq!(row.before.as_deref(), Some(r#"{"schema":4}"#));
        drop(conn);

        // Opening again changes nothing and makes no second backup; the notice waits until 知道了.
        let (conn, again) = db::open_upgrading(&path).unwrap();
        assert_eq!(again, None);
        assert_eq!(pending(&conn).unwrap(), Some(notice));
        assert_eq!(std::fs::read_dir(dir.path().join("backups")).unwrap().count(), 1);
        dismiss(&conn).unwrap();
        assert_eq!(pending(&conn).unwrap(), None);
    }

    #[test]
    fn a_new_file_has_nothing_to_say() {
        let dir = tempfile::tempdir().unwrap();
        let (conn, notice) = db::open_upgrading(&dir.path().join("new.db")).unwrap();
        assert_eq!(notice, None);
        assert_eq!(pending(&conn).unwrap(), None);
        assert!(!dir.path().join("backups").exists(), "nothing to back up in an empty file");
    }

    #[test]
    fn two_upgrades_before_the_notice_is_read_keep_the_first_backup_and_list_every_change() {
        let conn = db::open_in_memory().unwrap();
        remember(&conn, 2, Path::new("/b/first-before-upgrade.db")).unwrap();
        let n = remember(&conn, 4, Path::new("/b/second-before-upgrade.db")).unwrap();
        assert_eq!(n.from_schema, 2);
        assert_eq!(n.backup, "/b/first-before-upgrade.db", "the first backup holds the data as the secretary last saw it");
        assert_eq!(n.changes.len() as i64, db::schema_version() - 2);
        assert_eq!(audit::list(&conn, None, 10).unwrap().iter().filter(|e| e.action == "upgrade").count(), 2);
    }

    #[test]
    fn changes_between_versions_are_the_migrations_in_between() {
        assert_eq!(db::changes_between(5, 5), Vec::<String>::new());
        assert_eq!(db::changes_between(1, 3).len(), 2);
        assert!(db::changes_between(1, 3)[0].contains("组织生活"));
    }
}

//! Crash safety: the CLI is killed with SIGKILL in the middle of a large roster import and of a batch points entry.
//! Each change is one transaction, so after reopening it is either fully there or fully absent, and SQLite's
//! integrity_check says ok. Runs the real `branchbook-cli` built by `make build`.
use branchbook_core::members::roster::{Column, PrintTable, TableGroup};
use branchbook_core::{kernel::dates, store::db, demo};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

fn cli_bin() -> PathBuf {
    let dir = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    let bin = dir.join("debug/branchbook-cli");
    assert!(bin.exists(), "{} is missing: run `make build`", bin.display());
    bin
}

fn run(db: &Path, args: &[&str]) {
    let out = Command::new(cli_bin()).arg("--db").arg(db).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// Starts the command and kills it with SIGKILL once its write-ahead log has grown (the transaction is writing)
/// or after `limit`; returns whether it was still running when killed.
fn kill_mid_write(db: &Path, args: &[&str], wal_bytes: u64, limit: Duration) -> bool {
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    let start_len = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    let mut child: Child = Command::new(cli_bin()).arg("--db").arg(db).args(args).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().unwrap();
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        let grown = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0) > start_len + wal_bytes;
        if grown || started.elapsed() > limit {
            // SIGKILL: no destructor, no rollback, no flush.
            let _ = child.kill();
            let _ = child.wait();
            return true;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn integrity(db: &Path) -> rusqlite::Connection {
    let conn = db::open(db).expect("the file opens after the kill");
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
    conn
}

fn count(conn: &rusqlite::Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn killed_roster_import_is_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // A 20,000-row roster written straight from generated members.
    let people = demo::generate(20_000, 11, &[], dates::today());
    let rows = people
        .iter()
        .enumerate()
        .map(|(i, p)| vec![(i + 1).to_string(), p.name.clone(), p.id_number.clone().unwrap(), p.join_date.clone().unwrap(), "正式党员".into(), p.phone.clone().unwrap()])
        .collect();
    let table = PrintTable {
        title: "花名册".into(),
        subtitle: vec![],
        columns: ["序号", "姓名", "公民身份号码", "入党时间", "人员类别", "联系电话"].iter().map(|l| Column::new(l, l, false)).collect(),
        groups: vec![TableGroup { name: None, rows }],
        total: 20_000,
        landscape: false,
        masked: false,
        notes: vec![],
        chart: None,
    };
    let xlsx = dir.path().join("big.xlsx");
    branchbook_core::store::xlsx::write_table(&xlsx, &table).unwrap();
    let file = xlsx.to_str().unwrap();
    let mut killed_midway = 0;
    for (attempt, wal_kb) in [64u64, 512, 2048, 8192].iter().enumerate() {
        let db = dir.path().join(format!("import-{attempt}.db"));
        run(&db, &["setup", "--json", r#"{"kind":"631","name":"新村党支部","secretary":"李书记"}"#]);
        let killed = kill_mid_write(&db, &["import", "roster", file], wal_kb * 1024, Duration::from_secs(60));
        let conn = integrity(&db);
        let members = count(&conn, "SELECT count(*) FROM member");
        assert!(members == 0 || members == 20_000, "attempt {attempt}: {members} members is neither none nor all");
        if killed && members == 0 {
            killed_midway += 1;
        }
        // The audit log is in the same transaction: no row describes members that are not there.
        let audited = count(&conn, "SELECT count(*) FROM audit_log WHERE entity = 'member'");
        assert_eq!(audited, members);
    }
    assert!(killed_midway > 0, "no kill landed inside the import's transaction");
}

#[test]
fn killed_batch_points_entry_is_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let seed = dir.path().join("seed.db");
    run(&seed, &["demo", "--extra", "3000"]);
    let ids: Vec<i64> = {
        let conn = db::open(&seed).unwrap();
        let mut stmt = conn.prepare("SELECT id FROM member WHERE status = 'normal'").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
    };
    let json = serde_json::json!({ "member_ids": ids, "date": dates::iso(dates::today()), "rule": "结对帮扶", "quantity": 1, "note": "结对帮扶困难户" }).to_string();
    // The batch fits in SQLite's page cache, so its WAL grows only at commit: kill at fractions of a full run's
    // time instead. Nearly all of that time is inside the one transaction.
    let copy = |name: &str| {
        let db = dir.path().join(name);
        // A copy of the seeded branch, through the same backup API the app uses.
        branchbook_core::safety::backup::backup_to(&db::open(&seed).unwrap(), &db).unwrap();
        db
    };
    let full = {
        let db = copy("points-full.db");
        let started = Instant::now();
        run(&db, &["points", "add", "--json", &json]);
        started.elapsed()
    };
    let mut killed_midway = 0;
    for (attempt, fraction) in [0.3f64, 0.5, 0.7, 0.9].iter().enumerate() {
        let db = copy(&format!("points-{attempt}.db"));
        let conn = db::open(&db).unwrap();
        let before = count(&conn, "SELECT count(*) FROM point_entry");
        drop(conn);
        let killed = kill_mid_write(&db, &["points", "add", "--json", &json], u64::MAX / 2, full.mul_f64(*fraction));
        let conn = integrity(&db);
        let added = count(&conn, "SELECT count(*) FROM point_entry") - before;
        assert!(added == 0 || added == ids.len() as i64, "attempt {attempt}: {added} entries is neither none nor all");
        // The monthly totals moved with the ledger or not at all.
        let ledger = count(&conn, "SELECT coalesce(sum(points), 0) FROM point_entry WHERE voided = 0");
        let months = count(&conn, "SELECT coalesce(sum(base + bonus + deduction), 0) FROM point_month");
        assert_eq!(ledger, months);
        if killed && added == 0 {
            killed_midway += 1;
        }
    }
    assert!(killed_midway > 0, "no kill landed inside the batch's transaction");
}

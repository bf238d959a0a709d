//! Upgrades never lose data (issue 12 §3): a data file written by the previous version (tests/fixtures/schema-N,
//! made by that version's own CLI) is opened by this build. Every row of every table it had is still there, the
//! registry, meetings and points tables answer as the old version answered, a 升级前自动备份 holds the file as it was,
//! and the file keeps a notice of what changed until the secretary reads it.
use branchbook_core::meetings::meeting;
use branchbook_core::members::search;
use branchbook_core::store::{db, upgrade};
use branchbook_core::points;
use rusqlite::types::Value;
use rusqlite::Connection;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn fixture(schema: i64, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../tests/fixtures/schema-{schema}")).join(name)
}

fn expected(schema: i64, name: &str) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(fixture(schema, name)).unwrap()).unwrap()
}

/// Every table's rows, each row its columns by name (read without this build's code).
fn dump(conn: &Connection) -> BTreeMap<String, Vec<BTreeMap<String, Value>>> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    tables
        .into_iter()
        .map(|t| {
            let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
            let cols: Vec<String> = stmt.column_names().into_iter().map(str::to_string).collect();
            let mut rows: Vec<BTreeMap<String, Value>> = stmt
                .query_map([], |r| Ok(cols.iter().enumerate().map(|(i, c)| (c.clone(), r.get::<_, Value>(i).unwrap())).collect()))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            // Some tables are WITHOUT ROWID: a stable order for comparing, whatever the table.
            rows.sort_by_cached_key(|r| format!("{r:?}"));
            (t, rows)
        })
        .collect()
}

/// Compares an answer with the old version's; on a difference both are written out to diff, not printed whole.
fn same(got: serde_json::Value, want: serde_json::Value, what: &str) {
    // Through text, as the old answer came: serde_json's parser may land one ulp off a float it printed.
    let got: serde_json::Value = serde_json::from_str(&got.to_string()).unwrap();
    if got != want {
        let dir = std::env::temp_dir().join("branchbook-upgrade-test");
        std::fs::create_dir_all(&dir).unwrap();
        let (g, w) = (dir.join(format!("{what}.new.json")), dir.join(format!("{what}.old.json")));
        std::fs::write(&g, serde_json::to_string_pretty(&got).unwrap()).unwrap();
        std::fs::write(&w, serde_json::to_string_pretty(&want).unwrap()).unwrap();
        panic!("{what} differs from the old version's answer: diff {} {}", w.display(), g.display());
    }
}

/// The 登记表 now tells two members of one name apart (「王芳（1972年生）」, issue 25); the old version printed 「王芳」
/// twice. Everything else — every number — must be as it was.
fn without_birth_years(v: serde_json::Value) -> serde_json::Value {
    match v {
        serde_json::Value::String(s) => match s.strip_suffix("年生）").and_then(|r| r.rsplit_once('（')) {
            Some((name, year)) if year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()) => serde_json::Value::String(name.to_string()),
            _ => serde_json::Value::String(s),
        },
        serde_json::Value::Array(a) => serde_json::Value::Array(a.into_iter().map(without_birth_years).collect()),
        serde_json::Value::Object(o) => serde_json::Value::Object(o.into_iter().map(|(k, v)| (k, without_birth_years(v))).collect()),
        other => other,
    }
}

/// Ages are counted to today; the old answers were counted to the day the fixture was made.
fn without_ages(mut v: serde_json::Value) -> serde_json::Value {
    v.as_object_mut().unwrap().remove("ref_date");
    for r in v["rows"].as_array_mut().unwrap() {
        let r = r.as_object_mut().unwrap();
        r.remove("age");
        r.remove("age_band");
    }
    v
}

#[test]
fn a_schema_4_file_opens_with_everything_in_it() {
    let after = opens_with_everything_in_it(4);
    // The table schema 5 added is filled from what the file held: one roll per meeting.
    assert_eq!(after["point_meeting_roll"].len(), after["meeting"].len());
}

#[test]
fn a_schema_5_file_opens_with_everything_in_it() {
    let after = opens_with_everything_in_it(5);
    // Schema 6 (党费) starts empty, with the points scheme's dues rule added.
    assert!(after["dues_standard"].is_empty() && after["dues_payment"].is_empty());
}

#[test]
fn a_schema_6_file_opens_with_everything_in_it() {
    let after = opens_with_everything_in_it(6);
    // The 党费 it kept answers as that version answered: the year's 登记表 and the arrears on the same day.
    assert!(!after["dues_payment"].is_empty());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("branchbook.db");
    std::fs::copy(fixture(6, "branchbook.db"), &path).unwrap();
    let conn = db::open(&path).unwrap();
    let today = branchbook_core::kernel::dates::parse("2026-12-04").unwrap();
    let register = branchbook_core::dues::table(&conn, &branchbook_core::dues::TableRequest { kind: "register".into(), year: 2026, ..Default::default() }, today).unwrap();
    same(without_birth_years(serde_json::to_value(register).unwrap()), expected(6, "dues-register-2026.json"), "schema-6 dues register");
    let arrears = branchbook_core::dues::arrears_list(&conn, today).unwrap();
    same(serde_json::to_value(arrears).unwrap(), expected(6, "dues-arrears.json"), "schema-6 dues arrears");
}

#[test]
fn a_schema_7_file_opens_with_everything_in_it() {
    let after = opens_with_everything_in_it(7);
    // Schema 8–10 (流动党员, 关爱, 民主评议) start empty; the 发展党员 it kept answers as that version answered.
    assert!(after["mobile_card"].is_empty() && after["care_visit"].is_empty() && after["appraisal"].is_empty());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("branchbook.db");
    std::fs::copy(fixture(7, "branchbook.db"), &path).unwrap();
    let conn = db::open(&path).unwrap();
    let today = branchbook_core::kernel::dates::parse("2026-12-04").unwrap();
    let board = branchbook_core::development::board(&conn, today).unwrap();
    same(serde_json::to_value(board).unwrap(), expected(7, "dev-board.json"), "schema-7 发展党员 board");
}

/// Rows an upgrade may add to an old table: its own audit row and notice, and the rules a new area brings.
const MAY_GROW: &[&str] = &["audit_log", "setting", "point_rule"];

/// Opens a copy of the file of that schema with this build; returns every table's rows after the upgrade.
fn opens_with_everything_in_it(schema: i64) -> BTreeMap<String, Vec<BTreeMap<String, Value>>> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("东风村 党支部").join("branchbook.db");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::copy(fixture(schema, "branchbook.db"), &path).unwrap();
    let before = {
        let c = Connection::open(&path).unwrap();
        assert_eq!(c.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)).unwrap(), schema, "the fixture is a schema-{schema} file");
        dump(&c)
    };
    assert_eq!(before["member"].len(), 60);

    let (conn, notice) = db::open_upgrading(&path).unwrap();
    let notice = notice.expect("opening an old file upgrades it");
    assert_eq!((notice.from_schema, notice.to_schema), (schema, db::schema_version()));
    assert!(!notice.changes.is_empty());

    // Every row of every old table is still there, unchanged in every column it had. New rows may be added
    // (the audit row of the upgrade, the notice in `setting`); nothing is lost or altered.
    let after = dump(&conn);
    for (table, rows) in &before {
        let now = after.get(table).unwrap_or_else(|| panic!("table {table} is gone"));
        for row in rows {
            let kept = now.iter().any(|n| row.iter().all(|(col, v)| n.get(col) == Some(v)));
            assert!(kept, "a row of {table} was lost or changed by the upgrade: {row:?}");
        }
        let added = now.len() - rows.len();
        assert!(added == 0 || MAY_GROW.contains(&table.as_str()), "{added} rows appeared in {table}");
    }

    // The registry, the meetings and the monthly points tables answer as the old version answered.
    let members = serde_json::to_value(search::list(&conn, &Default::default()).unwrap()).unwrap();
    same(without_ages(members), without_ages(expected(schema, "member-list.json")), &format!("schema-{schema} member-list"));
    let meetings = serde_json::to_value(meeting::list(&conn, &Default::default()).unwrap()).unwrap();
    same(meetings, expected(schema, "meeting-list.json"), &format!("schema-{schema} meeting-list"));
    for month in ["2026-09", "2026-10", "2026-11"] {
        let t = points::month_table(&conn, &points::TableRequest { month: month.into(), ..Default::default() }).unwrap();
        same(serde_json::to_value(t).unwrap(), expected(schema, &format!("points-{month}.json")), &format!("schema-{schema} points-{month}"));
    }

    // The copy made before the upgrade is the old file as it was, with every row.
    let backup = Connection::open(&notice.backup).unwrap();
    assert_eq!(backup.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)).unwrap(), schema);
    assert_eq!(dump(&backup), before, "升级前自动备份 differs from the file before the upgrade");
    assert_eq!(upgrade::pending(&conn).unwrap(), Some(notice));
    after
}

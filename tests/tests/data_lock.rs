//! Saves that vanish (issue 10 §1): while the app has its data file open, SQLite's own POSIX locks are lost as
//! soon as anything in the app's process opens and closes the data file (a GTK file dialog listing its folder
//! does). A `branchbook-cli` run then saw no other user, checkpointed and deleted the live `-wal` under the app,
//! and every later save went into a deleted file. These tests run a stand-in for the app in its own process (this
//! test binary, started again with `APP_ROLE`, opening the file the way the app does), and the real CLI built by
//! `make build` / `cargo build --workspace --bins`.
use branchbook_core::members::member::{self, MemberData};
use branchbook_core::{store::db, demo};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Output, Stdio};

/// Set to the data file when this binary runs as the stand-in app.
const APP_ROLE: &str = "BRANCHBOOK_TEST_APP_DB";
const DONE: &str = "@@done";

fn cli_bin() -> PathBuf {
    let dir = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    let bin = dir.join("debug/branchbook-cli");
    assert!(bin.exists(), "{} is missing: run `make build`", bin.display());
    bin
}

fn cli(db: &Path, args: &[&str]) -> Output {
    Command::new(cli_bin()).arg("--db").arg(db).args(args).output().unwrap()
}

/// The stand-in app: opens the data file as `main.rs` does and keeps it open, then obeys one command per line of
/// stdin: `save NAME` saves a member, `touch` opens and closes the data file through `std::fs` in this process.
/// Does nothing when run as an ordinary test.
#[test]
fn stand_in_app() {
    let Some(path) = std::env::var_os(APP_ROLE).map(PathBuf::from) else { return };
    // As src-tauri/src/main.rs does: the data file's lock for the process's lifetime, then the file.
    let _lock = db::lock(&path).expect("the app takes its data file");
    let mut conn = db::open(&path).expect("the app opens its data file");
    let actor = branchbook_core::org::actor(&conn).unwrap();
    for line in std::io::stdin().lock().lines() {
        let line = line.unwrap();
        if let Some(name) = line.strip_prefix("save ") {
            member::create(&mut conn, &actor, &MemberData { name: name.into(), ..Default::default() }).expect("saved");
        } else if line == "touch" {
            // What GTK's file chooser does to the files of the folder it shows.
            let mut f = std::fs::File::open(&path).unwrap();
            let mut head = [0u8; 100];
            std::io::Read::read_exact(&mut f, &mut head).unwrap();
            drop(f);
        }
        println!("{DONE}");
        std::io::stdout().flush().unwrap();
    }
}

struct App {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl App {
    fn start(db: &Path) -> App {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["stand_in_app", "--exact", "--nocapture", "--test-threads=1"])
            .env(APP_ROLE, db)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        App { child, stdin, stdout }
    }

    /// Sends one command and waits until the app says it is done.
    fn send(&mut self, command: &str) {
        writeln!(self.stdin, "{command}").unwrap();
        self.stdin.flush().unwrap();
        let mut line = String::new();
        loop {
            line.clear();
            assert!(self.stdout.read_line(&mut line).unwrap() > 0, "the stand-in app ended during `{command}`");
            if line.contains(DONE) {
                return;
            }
        }
    }

    /// SIGKILL: no destructor, no checkpoint, no flush.
    fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

fn names(db: &Path) -> Vec<String> {
    let conn = db::open(db).expect("the file opens after the kill");
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
    let mut stmt = conn.prepare("SELECT name FROM member ORDER BY id").unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<Vec<String>, _>>().unwrap()
}

#[test]
fn saves_survive_a_descriptor_closed_in_the_app_a_cli_run_and_a_kill() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("branchbook.db");
    demo::blank_branch(&mut db::open(&db).unwrap(), "东风村党支部", &[]).unwrap();

    let mut app = App::start(&db);
    app.send("save 第一次保存");
    app.send("touch");
    let out = cli(&db, &["member", "list"]);
    let refused = !out.status.success();
    app.send("save 第二次保存");
    app.send("save 第三次保存");
    app.kill();

    let stderr = String::from_utf8_lossy(&out.stderr);
    if refused {
        assert!(stderr.contains("DB_IN_USE") && stderr.contains("数据文件正在被支部台账使用，请先关闭程序"), "{stderr}");
    }
    assert_eq!(names(&db), ["第一次保存", "第二次保存", "第三次保存"], "every save the app reported is in the file (CLI refused: {refused})");
    assert!(refused, "the CLI must not open a data file the app has open");
}

#[test]
fn the_cli_is_refused_while_the_app_has_the_file_and_works_after() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("branchbook.db");
    demo::blank_branch(&mut db::open(&db).unwrap(), "东风村党支部", &[]).unwrap();
    let mut app = App::start(&db);
    app.send("save 张三");
    for args in [&["member", "list"][..], &["backup", "now"], &["member", "add", "--json", r#"{"name":"李四"}"#]] {
        let out = cli(&db, args);
        assert!(!out.status.success(), "{args:?} must be refused");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("DB_IN_USE") && stderr.contains("请先关闭程序"), "{args:?}: {stderr}");
    }
    app.kill();
    let out = cli(&db, &["member", "list"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("张三"));
}

#[test]
fn the_cli_on_a_damaged_file_answers_db_corrupt_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("branchbook.db");
    demo::load(&mut db::open(&db).unwrap()).unwrap();
    let mut bytes = std::fs::read(&db).unwrap();
    let page = 4096;
    let mid = (bytes.len() / page / 2) * page;
    bytes[mid..mid + page].fill(0x5A);
    std::fs::write(&db, &bytes).unwrap();
    let out = cli(&db, &["member", "list"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("DB_CORRUPT") && stderr.contains("备份恢复"), "{stderr}");
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "nothing written to the damaged file");
}

#[test]
fn the_cli_exits_quietly_when_the_reader_of_its_output_has_gone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("branchbook.db");
    demo::load(&mut db::open(&db).unwrap()).unwrap();
    // `branchbook-cli member list | head -0`: the reading end is closed before the CLI writes a line.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = Command::new(cli_bin()).arg("--db").arg(&db).args(["member", "list"]).stdout(writer).stderr(Stdio::piped()).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.is_empty(), "quiet: {stderr}");
    assert!(out.status.success(), "{:?}", out.status);
}

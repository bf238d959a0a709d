//! Files from outside through the real CLI (issue 24), where the operating system says no: a roster without read
//! permission and a read-only data folder, as a user who is not root (root reads everything); and a roster that
//! is a folder. Each answer names the path and says what to do, in Chinese; nothing is written.
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn cli_bin() -> PathBuf {
    let dir = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    let bin = dir.join("debug/branchbook-cli");
    assert!(bin.exists(), "{} is missing: run `make build`", bin.display());
    bin
}

/// The CLI as `nobody` when this test runs as root (setpriv, util-linux), else as the current user.
fn cli_as_user(args: &[&str]) -> Option<Output> {
    let root = Command::new("id").arg("-u").output().ok().is_some_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let out = if root {
        Command::new("setpriv").args(["--reuid=65534", "--regid=65534", "--clear-groups"]).arg(cli_bin()).args(args).output().ok()?
    } else {
        Command::new(cli_bin()).args(args).output().ok()?
    };
    Some(out)
}

fn open_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    dir
}

fn said(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string() + &String::from_utf8_lossy(&o.stdout)
}

#[test]
fn a_roster_without_read_permission_is_named_with_what_to_do() {
    let dir = open_dir();
    let db = dir.path().join("d.db");
    let roster = dir.path().join("花名册.csv");
    std::fs::write(&roster, "姓名\n王伟\n").unwrap();
    std::fs::set_permissions(&roster, std::fs::Permissions::from_mode(0o000)).unwrap();
    let Some(out) = cli_as_user(&["--db", db.to_str().unwrap(), "import", "roster", roster.to_str().unwrap(), "--dry-run"]) else {
        eprintln!("skipped: setpriv is not available");
        return;
    };
    let text = said(&out);
    assert!(!out.status.success(), "{text}");
    assert!(text.contains("没有读取") && text.contains(&roster.display().to_string()) && text.contains("复制到"), "{text}");
    assert!(!text.contains("os error") && !text.contains("Permission denied"), "{text}");
}

#[test]
fn a_read_only_data_folder_is_named_with_what_to_do() {
    let dir = open_dir();
    let ro = dir.path().join("只读文件夹");
    std::fs::create_dir(&ro).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    let db = ro.join("branchbook.db");
    let Some(out) = cli_as_user(&["--db", db.to_str().unwrap(), "member", "list"]) else { return };
    let text = said(&out);
    assert!(!out.status.success(), "{text}");
    assert!(text.contains(&ro.display().to_string()) && (text.contains("写入权限") || text.contains("只读")), "{text}");
    assert!(!text.contains("os error") && !text.contains("Permission denied") && !text.contains("unable to open"), "{text}");
    assert!(!db.exists());
}

#[test]
fn a_folder_chosen_as_a_roster_is_said_to_be_a_folder() {
    let dir = open_dir();
    let db = dir.path().join("d.db");
    let folder = dir.path().join("花名册.xlsx");
    std::fs::create_dir(&folder).unwrap();
    let out = Command::new(cli_bin()).args(["--db", db.to_str().unwrap(), "import", "roster", folder.to_str().unwrap(), "--dry-run"]).output().unwrap();
    let text = said(&out);
    assert!(!out.status.success() && text.contains("是一个文件夹"), "{text}");
}

//! BranchBook (支部台账) desktop shell: opens the data file and registers the commands; all logic is in the core.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

// `app_commands!()`: every `#[tauri::command]` in src/commands/, found by build.rs; registered below and driven by
// `ipc_tests` with bad arguments.
include!(concat!(env!("OUT_DIR"), "/app_commands.rs"));

mod commands;
mod files;
#[cfg(test)]
mod ipc_tests;
mod bindings;

use branchbook_core::{safety::backup, store::db, safety::lock};
use std::sync::atomic::AtomicBool;
use std::path::PathBuf;
use std::sync::Mutex;
use tauri::Manager;

/// `--db PATH` or `--db=PATH`; everything else is left to Tauri.
fn db_flag() -> Option<PathBuf> {
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--db" {
            return args.next().map(PathBuf::from);
        }
        if let Some(p) = a.strip_prefix("--db=") {
            return Some(PathBuf::from(p));
        }
    }
    None
}

fn main() {
    let path = db::resolve_path(db_flag());
    files::set_data_path(&path);
    // The data file's OS lock, held until the process ends: no other BranchBook process (a second app, the CLI)
    // can open the file, checkpoint it or delete its WAL while this one writes to it. `db::open` runs quick_check
    // before it writes anything.
    // The lock is kept even when the file does not open (damaged): the rescue then works on it undisturbed.
    let (data_lock, conn) = match db::lock(&path) {
        Ok(l) => (Some(l), db::open(&path)),
        Err(e) => (None, Err(e)),
    };
    let locked = conn.as_ref().ok().and_then(|c| lock::status(c).ok()).is_some_and(|s| s.enabled);
    // The day's first start backs up before anything changes; a failure is reported, never fatal.
    let startup_backup = conn.as_ref().ok().map(|c| match backup::auto(c, &path, false) {
        Ok(Some(p)) => format!("今天首次启动，已自动备份到 {}", p.display()),
        Ok(None) => "今天已经自动备份过".to_string(),
        Err(e) => format!("自动备份失败：{}", e.message()),
    });
    let store = commands::Store {
        path,
        conn: Mutex::new(conn.map_err(|e| e.payload())),
        locked: AtomicBool::new(locked),
        startup_backup: Mutex::new(startup_backup),
    };
    let app = tauri::Builder::default()
        // A second launch brings the open window forward instead of opening the file twice.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.set_focus();
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        .manage(store)
        .manage(Mutex::new(commands::ImportSession::default()))
        .invoke_handler(app_commands!())
        .build(tauri::generate_context!())
        .expect("error while starting BranchBook");
    app.run(move |handle, event| {
        let _hold = &data_lock;
        // On exit the day's changes go into a backup too.
        if let tauri::RunEvent::Exit = event {
            let store = handle.state::<commands::Store>();
            let mut guard = store.conn.lock().unwrap_or_else(|p| p.into_inner());
            if let Ok(conn) = guard.as_ref() {
                let _ = backup::auto(conn, &store.path, true);
            }
            // Closed, not left to the process's end: SQLite folds the WAL back into branchbook.db, so a copy of that
            // file alone made after closing holds everything.
            if let Ok(conn) = std::mem::replace(&mut *guard, Err(branchbook_core::Error::NotSetUp.payload())) {
                let _ = branchbook_core::store::db::close(conn);
            }
        }
    });
}

//! The shell itself (应用): what the start screen needs to know about the data file, and the code lists.
use super::state::{unlocked, Store};
use branchbook_core::{kernel::codes, org, safety::backup, safety::lock, store::db, ErrorPayload};
use serde::Serialize;
use std::sync::atomic::Ordering;
use tauri::State;

#[derive(Serialize, ts_rs::TS)]
pub struct AppInfo {
    version: &'static str,
    db_path: String,
    backup_dir: String,
    schema_version: i64,
    set_up: bool,
    open_error: Option<ErrorPayload>,
    /// With a damaged data file: the newest backup that passes its check.
    latest_backup: Option<backup::BackupInfo>,
    locked: bool,
    lock: Option<lock::LockStatus>,
    startup_backup: Option<String>,
}

#[tauri::command]
pub fn app_info(store: State<Store>) -> AppInfo {
    let set_up = unlocked(&store, |c| org::is_set_up(c)).unwrap_or(false);
    let open_error = store.conn.lock().unwrap_or_else(|p| p.into_inner()).as_ref().err().cloned();
    let latest_backup = open_error.as_ref().and_then(|_| backup::latest_good(&store.path).ok().flatten());
    AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        db_path: store.path.display().to_string(),
        backup_dir: backup::backup_dir(&store.path).display().to_string(),
        schema_version: db::schema_version(),
        set_up,
        open_error,
        latest_backup,
        locked: store.locked.load(Ordering::SeqCst),
        lock: unlocked(&store, |c| lock::status(c)).ok(),
        startup_backup: store.startup_backup.lock().unwrap_or_else(|p| p.into_inner()).clone(),
    }
}

#[tauri::command]
pub fn code_lists() -> codes::CodeLists {
    codes::all()
}

/// Each command's arguments as the page sends them, for `ipc_tests` (see there).
#[cfg(test)]
pub(crate) fn ipc_args() -> Vec<crate::ipc_tests::Row> {
    vec![("app_info", vec![]), ("code_lists", vec![])]
}

//! The shell itself (应用): what the start screen needs to know about the data file, and the code lists.
use super::state::{unlocked, with, Res, Store};
use branchbook_core::{kernel::codes, org, safety::backup, safety::lock, store::db, store::upgrade, ErrorPayload};
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
    /// 升级说明: the file was upgraded by this or another new version and the secretary has not read it yet.
    upgrade: Option<upgrade::UpgradeNotice>,
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
        upgrade: unlocked(&store, |c| upgrade::pending(c)).ok().flatten(),
    }
}

/// 知道了 on the upgrade notice: it is not shown again.
#[tauri::command]
pub fn upgrade_dismiss(store: State<Store>) -> Res<()> {
    with(&store, |c| upgrade::dismiss(c))
}

#[tauri::command]
pub fn code_lists() -> codes::CodeLists {
    codes::all()
}

/// Each command's arguments as the page sends them, for `ipc_tests` (see there).
#[cfg(test)]
pub(crate) fn ipc_args() -> Vec<crate::ipc_tests::Row> {
    vec![("app_info", vec![]), ("code_lists", vec![]), ("upgrade_dismiss", vec![])]
}

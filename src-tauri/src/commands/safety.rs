//! 数据安全: backups (now, to a USB stick, restore, the start screen's rescue) and the password lock.
use super::state::{actor, unlocked, with, Arg, Res, Store};
use branchbook_core::safety::{backup, lock};
use branchbook_core::store::db;
use std::sync::atomic::Ordering;
use tauri::{AppHandle, Runtime, State};

#[tauri::command]
pub fn backup_list(store: State<Store>) -> Res<Vec<backup::BackupInfo>> {
    with(&store, |_| backup::list_for(&store.path))
}

#[tauri::command]
pub fn backup_now(store: State<Store>) -> Res<backup::BackupInfo> {
    with(&store, |c| backup::make(c, &store.path, "manual").map(|p| backup::check(&p)))
}

/// 「备份到U盘」: a dated backup in a folder the secretary picks in the OS dialog. `None` when cancelled.
#[tauri::command]
pub async fn backup_to_usb<R: Runtime>(app: AppHandle<R>, store: State<'_, Store>) -> Res<Option<String>> {
    with(&store, |_| Ok(()))?;
    let Some(dir) = crate::files::pick_folder(&app) else { return Ok(None) };
    let dest = with(&store, |c| backup::to_usb(c, &store.path, &dir, &actor(c)?))?;
    Ok(Some(dest.display().to_string()))
}

/// Restores one of the listed backups, named by its file name only: the page never hands over a path.
#[tauri::command]
pub fn backup_restore(store: State<Store>, file_name: Arg<String>, confirm_other: Arg<Option<bool>>) -> Res<backup::BackupInfo> {
    let path = backup::listed_backup(&store.path, &file_name).map_err(|e| e.payload())?;
    with(&store, |c| {
        let actor = actor(c)?;
        backup::restore(c, &store.path, &path, &actor, confirm_other.unwrap_or(false))
    })
}

/// Restores a backup from elsewhere (a USB stick), picked in the OS dialog. `None` when cancelled. With
/// `confirm_other` (after the page asked about another branch's backup) the file picked last time is used.
#[tauri::command]
pub async fn backup_restore_file<R: Runtime>(app: AppHandle<R>, store: State<'_, Store>, confirm_other: Arg<Option<bool>>) -> Res<Option<backup::BackupInfo>> {
    with(&store, |_| Ok(()))?;
    let confirm = confirm_other.unwrap_or(false);
    let picked = if confirm { crate::files::last_backup_pick() } else { crate::files::pick_backup(&app) };
    let Some(path) = picked else { return Ok(None) };
    with(&store, |c| {
        let actor = actor(c)?;
        backup::restore(c, &store.path, &path, &actor, confirm)
    })
    .map(Some)
}

/// The start screen's way out of a damaged data file: set it aside, copy the backup in, open it.
#[tauri::command]
pub fn backup_rescue(store: State<Store>, file_name: Arg<String>) -> Res<String> {
    let source = backup::rescue_source(&store.path, &file_name).map_err(|e| e.payload())?;
    let mut guard = store.conn.lock().unwrap_or_else(|p| p.into_inner());
    backup::may_rescue(guard.as_ref().map(|_| ()))?;
    let aside = backup::rescue(&store.path, &source).map_err(|e| e.payload())?;
    let conn = db::open(&store.path).map_err(|e| e.payload())?;
    store.locked.store(lock::status(&conn).map(|s| s.enabled).unwrap_or(false), Ordering::SeqCst);
    *guard = Ok(conn);
    Ok(aside.display().to_string())
}

// ---- the password lock (密码锁) ----

#[tauri::command]
pub fn lock_set(store: State<Store>, current: Arg<Option<String>>, password: Arg<String>, idle_minutes: Arg<u32>) -> Res<lock::LockStatus> {
    with(&store, |c| lock::set(c, &actor(c)?, current.as_deref(), &password, *idle_minutes))
}

#[tauri::command]
pub fn lock_clear(store: State<Store>, password: Arg<String>) -> Res<lock::LockStatus> {
    with(&store, |c| lock::clear(c, &actor(c)?, Some(&password)))
}

/// Locks now (the idle timer, or the secretary leaving the desk).
#[tauri::command]
pub fn lock_now(store: State<Store>) -> Res<bool> {
    let enabled = unlocked(&store, |c| lock::status(c))?.enabled;
    store.locked.store(enabled, Ordering::SeqCst);
    Ok(enabled)
}

#[tauri::command]
pub fn lock_unlock(store: State<Store>, password: Arg<String>) -> Res<bool> {
    unlocked(&store, |c| lock::unlock(c, &password))?;
    store.locked.store(false, Ordering::SeqCst);
    Ok(true)
}

/// Each command's arguments as the page sends them, for `ipc_tests` (see there).
#[cfg(test)]
pub(crate) fn ipc_args() -> Vec<crate::ipc_tests::Row> {
    use serde_json::json;
    vec![
        ("backup_list", vec![]),
        ("backup_now", vec![]),
        ("backup_to_usb", vec![]),
        ("backup_restore", vec![("fileName", json!("2026-01"), json!(5)), ("?confirmOther", json!(true), json!("是"))]),
        ("backup_restore_file", vec![("?confirmOther", json!(true), json!("是"))]),
        ("backup_rescue", vec![("fileName", json!("2026-01"), json!(5))]),
        ("lock_set", vec![("?current", json!("2026-01"), json!(5)), ("password", json!("2026-01"), json!(5)), ("idleMinutes", json!(1), json!("一"))]),
        ("lock_clear", vec![("password", json!("2026-01"), json!(5))]),
        ("lock_now", vec![]),
        ("lock_unlock", vec![("password", json!("2026-01"), json!(5))]),
    ]
}

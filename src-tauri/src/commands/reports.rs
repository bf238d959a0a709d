//! 报表: the home page's to-do list and the audit log viewer (操作日志), with its export.
use super::state::{save_table, with, Arg, Res, Store};
use branchbook_core::reports::{audit, home};
use tauri::{AppHandle, Runtime, State};

// Off the main thread: a 20,000-member file keeps the window painting while this runs.
#[tauri::command(async)]
pub fn home_todos(store: State<Store>) -> Res<Vec<home::Todo>> {
    with(&store, |c| home::todos(c))
}

// Off the main thread: a 20,000-member file keeps the window painting while this runs.
#[tauri::command(async)]
pub fn audit_query(store: State<Store>, query: Arg<audit::AuditQuery>) -> Res<audit::AuditPage> {
    with(&store, |c| audit::query(c, &query))
}

#[tauri::command]
pub async fn audit_export<R: Runtime>(app: AppHandle<R>, store: State<'_, Store>, query: Arg<audit::AuditQuery>) -> Res<Option<String>> {
    let table = with(&store, |c| audit::table(c, &query))?;
    save_table(&app, &table.title, &table)
}

/// Each command's arguments as the page sends them, for `ipc_tests` (see there).
#[cfg(test)]
pub(crate) fn ipc_args() -> Vec<crate::ipc_tests::Row> {
    use serde_json::json;
    vec![
        ("home_todos", vec![]),
        ("audit_query", vec![("query", json!({}), json!("x"))]),
        ("audit_export", vec![("query", json!({}), json!("x"))]),
    ]
}

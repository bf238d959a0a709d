//! 设置: the settings screen reads and saves every area's share in one go.
use super::state::{actor, with, Arg, Res, Store};
use branchbook_core::settings;
use tauri::State;

#[tauri::command]
pub fn settings_get(store: State<Store>) -> Res<settings::Settings> {
    with(&store, |c| settings::get(c))
}

#[tauri::command]
pub fn settings_update(store: State<Store>, settings: Arg<settings::Settings>) -> Res<settings::Settings> {
    with(&store, |c| settings::update(c, &actor(c)?, &settings))
}

/// Each command's arguments as the page sends them, for `ipc_tests` (see there).
#[cfg(test)]
pub(crate) fn ipc_args() -> Vec<crate::ipc_tests::Row> {
    use serde_json::json;
    vec![("settings_get", vec![]), ("settings_update", vec![("settings", json!({}), json!("x"))])]
}

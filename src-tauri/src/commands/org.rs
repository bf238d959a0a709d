//! 组织: the organisation, its branches and 党小组, set up once and edited in 设置.
use super::state::{actor, with, Arg, Res, Store};
use branchbook_core::org;
use tauri::State;

#[tauri::command]
pub fn org_get(store: State<Store>) -> Res<org::Org> {
    with(&store, |c| org::get(c))
}

#[tauri::command]
pub fn org_setup(store: State<Store>, input: Arg<org::SetupInput>) -> Res<org::Org> {
    with(&store, |c| org::setup(c, &input))
}

#[tauri::command]
pub fn org_load_demo(store: State<Store>) -> Res<org::Org> {
    with(&store, branchbook_core::demo::load)
}

#[tauri::command]
pub fn org_update(store: State<Store>, name: Arg<String>, secretary: Arg<String>) -> Res<org::Org> {
    with(&store, |c| org::update(c, &actor(c)?, &name, &secretary))
}

#[tauri::command]
pub fn org_add_branch(store: State<Store>, name: Arg<String>) -> Res<org::Org> {
    with(&store, |c| org::add_branch(c, &actor(c)?, &name))
}

#[tauri::command]
pub fn org_add_group(store: State<Store>, branch_id: Arg<i64>, name: Arg<String>) -> Res<org::Group> {
    with(&store, |c| org::add_group(c, &actor(c)?, *branch_id, &name))
}

#[tauri::command]
pub fn org_update_group(store: State<Store>, id: Arg<i64>, name: Arg<String>, active: Arg<bool>) -> Res<org::Group> {
    with(&store, |c| org::update_group(c, &actor(c)?, *id, &name, *active))
}

/// Each command's arguments as the page sends them, for `ipc_tests` (see there).
#[cfg(test)]
pub(crate) fn ipc_args() -> Vec<crate::ipc_tests::Row> {
    use serde_json::json;
    vec![
        ("org_get", vec![]),
        ("org_setup", vec![("input", json!({}), json!("x"))]),
        ("org_load_demo", vec![]),
        ("org_update", vec![("name", json!("2026-01"), json!(5)), ("secretary", json!("2026-01"), json!(5))]),
        ("org_add_branch", vec![("name", json!("2026-01"), json!(5))]),
        ("org_add_group", vec![("branchId", json!(1), json!("一")), ("name", json!("2026-01"), json!(5))]),
        ("org_update_group", vec![("id", json!(1), json!("一")), ("name", json!("2026-01"), json!(5)), ("active", json!(true), json!("是"))]),
    ]
}

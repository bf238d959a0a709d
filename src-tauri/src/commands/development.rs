//! 发展党员: the board, a person's record, adding an applicant, recording a step, and the prints (纪实表,
//! 时间节点一览) — adapters over `branchbook_core::development`.
use super::state::{actor, save_table, with, Arg, Res, Store};
use branchbook_core::development::{self, Person, PersonInput, StepInput, StepResult};
use branchbook_core::kernel::dates;
use branchbook_core::kernel::print_table::PrintTable;
use tauri::{AppHandle, Runtime, State};

#[tauri::command(async)]
pub fn dev_board(store: State<Store>) -> Res<Vec<Person>> {
    with(&store, |c| development::board(c, dates::today()))
}

#[tauri::command(async)]
pub fn dev_show(store: State<Store>, id: Arg<i64>) -> Res<Person> {
    with(&store, |c| development::show(c, *id, dates::today()))
}

/// A new applicant with step 1; warnings (under 18 at the application) come back with the record.
#[tauri::command]
pub fn dev_add(store: State<Store>, input: Arg<PersonInput>) -> Res<StepResult> {
    with(&store, |c| {
        let (person, warnings) = development::add(c, &actor(c)?, &input, dates::today())?;
        Ok(StepResult { person, warnings })
    })
}

#[tauri::command]
pub fn dev_step(store: State<Store>, input: Arg<StepInput>) -> Res<StepResult> {
    with(&store, |c| development::record(c, &actor(c)?, &input, dates::today()))
}

/// Corrects a person's details before they are in 党员名册.
#[tauri::command]
pub fn dev_update(store: State<Store>, id: Arg<i64>, input: Arg<PersonInput>) -> Res<Person> {
    with(&store, |c| development::update(c, &actor(c)?, *id, &input, dates::today()))
}

/// 撤销 the latest step entered by mistake, with the reason.
#[tauri::command]
pub fn dev_step_void(store: State<Store>, id: Arg<i64>, reason: Arg<String>) -> Res<Person> {
    with(&store, |c| development::void_step(c, &actor(c)?, *id, &reason, dates::today()))
}

/// 停止发展 an applicant, 积极分子 or 发展对象, with the reason.
#[tauri::command]
pub fn dev_stop(store: State<Store>, id: Arg<i64>, reason: Arg<String>) -> Res<Person> {
    with(&store, |c| development::stop(c, &actor(c)?, *id, &reason, dates::today()))
}


/// Of one person: 纪实表 (`record`), 公示 (`notice`), 档案清单 (`archive`); of the branch: 时间节点一览 (`timeline`),
/// the year's counts (`counts`) — for the print view.
#[tauri::command(async)]
pub fn dev_print_table(store: State<Store>, kind: Arg<String>, id: Arg<Option<i64>>, year: Arg<Option<i32>>) -> Res<PrintTable> {
    with(&store, |c| development::table(c, &kind, *id, *year, dates::today()))
}

/// The same saved as .xlsx where the secretary picks. `None` when cancelled.
#[tauri::command]
pub async fn dev_export<R: Runtime>(app: AppHandle<R>, store: State<'_, Store>, kind: Arg<String>, id: Arg<Option<i64>>, year: Arg<Option<i32>>) -> Res<Option<String>> {
    let t = with(&store, |c| development::table(c, &kind, *id, *year, dates::today()))?;
    save_table(&app, &t.title, &t)
}

/// Each command's arguments as the page sends them, for `ipc_tests` (see there).
#[cfg(test)]
pub(crate) fn ipc_args() -> Vec<crate::ipc_tests::Row> {
    use serde_json::json;
    vec![
        ("dev_board", vec![]),
        ("dev_show", vec![("id", json!(1), json!("一"))]),
        ("dev_add", vec![("input", json!({}), json!("x"))]),
        ("dev_step", vec![("input", json!({}), json!("x"))]),
        ("dev_update", vec![("id", json!(1), json!("一")), ("input", json!({}), json!("x"))]),
        ("dev_step_void", vec![("id", json!(1), json!("一")), ("reason", json!("x"), json!(5))]),
        ("dev_stop", vec![("id", json!(1), json!("一")), ("reason", json!("x"), json!(5))]),
        ("dev_print_table", vec![("kind", json!("timeline"), json!(5)), ("?id", json!(1), json!("一")), ("?year", json!(2026), json!("二〇二六"))]),
        ("dev_export", vec![("kind", json!("timeline"), json!(5)), ("?id", json!(1), json!("一")), ("?year", json!(2026), json!("二〇二六"))]),
    ]
}

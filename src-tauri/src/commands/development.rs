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

fn table(c: &rusqlite::Connection, kind: &str, id: Option<i64>) -> branchbook_core::Result<PrintTable> {
    match (kind, id) {
        ("record", Some(id)) => development::record_table(c, id, dates::today()),
        ("timeline", _) => development::timeline(c, dates::today()),
        _ => Err(branchbook_core::Error::invalid("kind", "BAD_TABLE", "请选择要打印的表：纪实表（选一个人）或时间节点一览")),
    }
}

/// 纪实表 (`record`, of one person) or 时间节点一览 (`timeline`) for the print view.
#[tauri::command(async)]
pub fn dev_print_table(store: State<Store>, kind: Arg<String>, id: Arg<Option<i64>>) -> Res<PrintTable> {
    with(&store, |c| table(c, &kind, *id))
}

/// The same saved as .xlsx where the secretary picks. `None` when cancelled.
#[tauri::command]
pub async fn dev_export<R: Runtime>(app: AppHandle<R>, store: State<'_, Store>, kind: Arg<String>, id: Arg<Option<i64>>) -> Res<Option<String>> {
    let t = with(&store, |c| table(c, &kind, *id))?;
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
        ("dev_print_table", vec![("kind", json!("timeline"), json!(5)), ("?id", json!(1), json!("一"))]),
        ("dev_export", vec![("kind", json!("timeline"), json!(5)), ("?id", json!(1), json!("一"))]),
    ]
}

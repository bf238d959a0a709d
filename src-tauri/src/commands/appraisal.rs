//! 民主评议党员: the year's appraisal, its tallies, grades and 组织处置, and the prints — adapters over
//! `branchbook_core::appraisal`.
use super::state::{actor, save_table, with, Arg, Res, Store};
use branchbook_core::appraisal::{self, ActionInput, Appraisal, AppraisalInput, GradeInput, TallyInput};
use branchbook_core::kernel::dates;
use branchbook_core::kernel::print_table::PrintTable;
use tauri::{AppHandle, Runtime, State};

/// The years with an appraisal, newest first.
#[tauri::command(async)]
pub fn appraisal_years(store: State<Store>) -> Res<Vec<i32>> {
    with(&store, |c| appraisal::years(c))
}

/// The appraisal of a year; null when not opened yet.
#[tauri::command(async)]
pub fn appraisal_show(store: State<Store>, year: Arg<i32>) -> Res<Option<Appraisal>> {
    with(&store, |c| appraisal::show(c, *year))
}

#[tauri::command]
pub fn appraisal_open(store: State<Store>, input: Arg<AppraisalInput>) -> Res<Appraisal> {
    with(&store, |c| appraisal::open(c, &actor(c)?, &input))
}

/// The steps' dates, the meeting, the note.
#[tauri::command]
pub fn appraisal_update(store: State<Store>, id: Arg<i64>, input: Arg<AppraisalInput>) -> Res<Appraisal> {
    with(&store, |c| appraisal::update(c, &actor(c)?, *id, &input))
}

/// 测评 tallies, several members at once.
#[tauri::command]
pub fn appraisal_tally(store: State<Store>, id: Arg<i64>, rows: Arg<Vec<TallyInput>>) -> Res<Appraisal> {
    with(&store, |c| appraisal::tally(c, &actor(c)?, *id, &rows))
}

#[tauri::command]
pub fn appraisal_grade(store: State<Store>, id: Arg<i64>, input: Arg<GradeInput>) -> Res<Appraisal> {
    with(&store, |c| appraisal::grade(c, &actor(c)?, *id, &input))
}

/// 组织处置 of a member graded 不合格.
#[tauri::command]
pub fn appraisal_act(store: State<Store>, id: Arg<i64>, input: Arg<ActionInput>) -> Res<Appraisal> {
    with(&store, |c| appraisal::act(c, &actor(c)?, *id, &input, dates::today()))
}

/// 民主测评表 (`ballot`), 测评结果汇总表 (`summary`), 结果报告 (`report`) of a year.
#[tauri::command(async)]
pub fn appraisal_print_table(store: State<Store>, kind: Arg<String>, year: Arg<i32>) -> Res<PrintTable> {
    with(&store, |c| appraisal::print(c, &kind, *year, dates::today()))
}

/// The same saved as .xlsx where the secretary picks. `None` when cancelled.
#[tauri::command]
pub async fn appraisal_export<R: Runtime>(app: AppHandle<R>, store: State<'_, Store>, kind: Arg<String>, year: Arg<i32>) -> Res<Option<String>> {
    let t = with(&store, |c| appraisal::print(c, &kind, *year, dates::today()))?;
    save_table(&app, &t.title, &t)
}

/// Each command's arguments as the page sends them, for `ipc_tests` (see there).
#[cfg(test)]
pub(crate) fn ipc_args() -> Vec<crate::ipc_tests::Row> {
    use serde_json::json;
    vec![
        ("appraisal_years", vec![]),
        ("appraisal_show", vec![("year", json!(2026), json!("二〇二六"))]),
        ("appraisal_open", vec![("input", json!({}), json!("x"))]),
        ("appraisal_update", vec![("id", json!(1), json!("一")), ("input", json!({}), json!("x"))]),
        ("appraisal_tally", vec![("id", json!(1), json!("一")), ("rows", json!([]), json!("x"))]),
        ("appraisal_grade", vec![("id", json!(1), json!("一")), ("input", json!({}), json!("x"))]),
        ("appraisal_act", vec![("id", json!(1), json!("一")), ("input", json!({}), json!("x"))]),
        ("appraisal_print_table", vec![("kind", json!("ballot"), json!(5)), ("year", json!(2026), json!("二〇二六"))]),
        ("appraisal_export", vec![("kind", json!("ballot"), json!(5)), ("year", json!(2026), json!("二〇二六"))]),
    ]
}

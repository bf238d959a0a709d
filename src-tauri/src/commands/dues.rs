//! 党费: standards and the yearly 核定, reliefs, collecting and reversals, arrears and their handling, 上缴, the
//! tables (printed, PDF, xlsx) and the points link — adapters over `branchbook_core::dues`.
use super::state::{actor, save_table, with, Arg, Res, Store};
use branchbook_core::dues::{
    self, ArrearsList, BulkInput, Deduction, HandleInput, Handling, MemberDues, PayInput, PayResult, Payment, Relief, ReliefInput, Remit, RemitInput, Remits,
    Review, Sheet, Standard, StandardInput, TableRequest,
};
use branchbook_core::kernel::dates;
use branchbook_core::kernel::print_table::PrintTable;
use tauri::{AppHandle, Runtime, State};

#[tauri::command]
pub fn dues_standard_set(store: State<Store>, input: Arg<StandardInput>) -> Res<Standard> {
    with(&store, |c| dues::set_standard(c, &actor(c)?, &input, dates::today()))
}

/// 批量核定: the same fixed standard (农民, 学生 …) for the ticked members. Returns how many.
#[tauri::command]
pub fn dues_standards_bulk(store: State<Store>, input: Arg<BulkInput>) -> Res<u32> {
    with(&store, |c| dues::set_standards(c, &actor(c)?, &input, dates::today()))
}

/// 撤销 a standard entered by mistake, with the reason.
#[tauri::command]
pub fn dues_standard_void(store: State<Store>, id: Arg<i64>, reason: Arg<String>) -> Res<Standard> {
    with(&store, |c| dues::void_standard(c, &actor(c)?, *id, &reason))
}

#[tauri::command(async)]
pub fn dues_review(store: State<Store>, year: Arg<i32>) -> Res<Review> {
    with(&store, |c| dues::review(c, *year))
}

#[tauri::command]
pub fn dues_relief_add(store: State<Store>, input: Arg<ReliefInput>) -> Res<Relief> {
    with(&store, |c| dues::add_relief(c, &actor(c)?, &input))
}

#[tauri::command]
pub fn dues_relief_revoke(store: State<Store>, id: Arg<i64>, reason: Arg<String>) -> Res<Relief> {
    with(&store, |c| dues::revoke_relief(c, &actor(c)?, *id, &reason))
}

// Off the main thread: a 1,500-member file keeps the window painting while this runs.
#[tauri::command(async)]
pub fn dues_sheet(store: State<Store>, month: Arg<String>) -> Res<Sheet> {
    with(&store, |c| dues::sheet(c, &month, dates::today()))
}

#[tauri::command]
pub fn dues_pay(store: State<Store>, input: Arg<PayInput>) -> Res<PayResult> {
    with(&store, |c| dues::pay(c, &actor(c)?, &input, dates::today()))
}

#[tauri::command]
pub fn dues_reverse(store: State<Store>, id: Arg<i64>, reason: Arg<String>) -> Res<Payment> {
    with(&store, |c| dues::reverse(c, &actor(c)?, *id, &reason, dates::today()))
}

#[tauri::command(async)]
pub fn dues_member(store: State<Store>, id: Arg<i64>, year: Arg<i32>) -> Res<MemberDues> {
    with(&store, |c| dues::member_dues(c, *id, *year, dates::today()))
}

#[tauri::command(async)]
pub fn dues_arrears(store: State<Store>) -> Res<ArrearsList> {
    with(&store, |c| dues::arrears_list(c, dates::today()))
}

#[tauri::command]
pub fn dues_handle(store: State<Store>, input: Arg<HandleInput>) -> Res<Handling> {
    with(&store, |c| dues::handle(c, &actor(c)?, &input, dates::today()))
}

#[tauri::command]
pub fn dues_remit(store: State<Store>, input: Arg<RemitInput>) -> Res<Remit> {
    with(&store, |c| dues::remit(c, &actor(c)?, &input, dates::today()))
}

#[tauri::command]
pub fn dues_remit_reverse(store: State<Store>, id: Arg<i64>, reason: Arg<String>) -> Res<Remit> {
    with(&store, |c| dues::reverse_remit(c, &actor(c)?, *id, &reason, dates::today()))
}

#[tauri::command(async)]
pub fn dues_remits(store: State<Store>, year: Arg<i32>) -> Res<Remits> {
    with(&store, |c| dues::remits(c, *year))
}

#[tauri::command]
pub fn dues_deduct(store: State<Store>, month: Arg<String>) -> Res<Deduction> {
    with(&store, |c| dues::deduct_unpaid(c, &actor(c)?, &month, dates::today()))
}

/// A dues table for the print view (打印, 保存为 PDF).
#[tauri::command(async)]
pub fn dues_print_table(store: State<Store>, request: Arg<TableRequest>) -> Res<PrintTable> {
    with(&store, |c| dues::table(c, &request, dates::today()))
}

/// A dues table saved as .xlsx where the secretary picks. `None` when cancelled.
#[tauri::command]
pub async fn dues_export<R: Runtime>(app: AppHandle<R>, store: State<'_, Store>, request: Arg<TableRequest>) -> Res<Option<String>> {
    let table = with(&store, |c| dues::table(c, &request, dates::today()))?;
    save_table(&app, &table.title, &table)
}

/// Each command's arguments as the page sends them, for `ipc_tests` (see there).
#[cfg(test)]
pub(crate) fn ipc_args() -> Vec<crate::ipc_tests::Row> {
    use serde_json::json;
    vec![
        ("dues_standard_set", vec![("input", json!({}), json!("x"))]),
        ("dues_standards_bulk", vec![("input", json!({}), json!("x"))]),
        ("dues_standard_void", vec![("id", json!(1), json!("一")), ("reason", json!("x"), json!(5))]),
        ("dues_review", vec![("year", json!(2026), json!("二〇二六"))]),
        ("dues_relief_add", vec![("input", json!({}), json!("x"))]),
        ("dues_relief_revoke", vec![("id", json!(1), json!("一")), ("reason", json!("x"), json!(5))]),
        ("dues_sheet", vec![("month", json!("2026-01"), json!(5))]),
        ("dues_pay", vec![("input", json!({}), json!("x"))]),
        ("dues_reverse", vec![("id", json!(1), json!("一")), ("reason", json!("x"), json!(5))]),
        ("dues_member", vec![("id", json!(1), json!("一")), ("year", json!(2026), json!("二〇二六"))]),
        ("dues_arrears", vec![]),
        ("dues_handle", vec![("input", json!({}), json!("x"))]),
        ("dues_remit", vec![("input", json!({}), json!("x"))]),
        ("dues_remit_reverse", vec![("id", json!(1), json!("一")), ("reason", json!("x"), json!(5))]),
        ("dues_remits", vec![("year", json!(2026), json!("二〇二六"))]),
        ("dues_deduct", vec![("month", json!("2026-01"), json!(5))]),
        ("dues_print_table", vec![("request", json!({}), json!("x"))]),
        ("dues_export", vec![("request", json!({}), json!("x"))]),
    ]
}

//! 关爱帮扶 and 老党员: the 困难党员 register, visits, the 纪念章 list, 政治生日 and the prints — adapters over
//! `branchbook_core::care`.
use super::state::{actor, save_table, with, Arg, Res, Store};
use branchbook_core::care::{self, hardship, visit, Birthday, CareSettings, Elder, Hardship, HardshipInput, Medals, TableRequest, Visit, VisitInput};
use branchbook_core::kernel::dates;
use branchbook_core::kernel::print_table::PrintTable;
use tauri::{AppHandle, Runtime, State};

#[tauri::command(async)]
pub fn care_hardships(store: State<Store>) -> Res<Vec<Hardship>> {
    with(&store, |c| hardship::list(c, dates::today()))
}

#[tauri::command]
pub fn care_hardship_save(store: State<Store>, input: Arg<HardshipInput>) -> Res<Hardship> {
    with(&store, |c| hardship::save(c, &actor(c)?, &input, dates::today()))
}

/// 解除: the hardship is over.
#[tauri::command]
pub fn care_hardship_resolve(store: State<Store>, id: Arg<i64>, date: Arg<String>, reason: Arg<String>) -> Res<Hardship> {
    with(&store, |c| hardship::resolve(c, &actor(c)?, *id, &date, &reason, dates::today()))
}

#[tauri::command(async)]
pub fn care_visits(store: State<Store>, year: Arg<i32>) -> Res<Vec<Visit>> {
    with(&store, |c| visit::list(c, *year))
}

#[tauri::command]
pub fn care_visit_add(store: State<Store>, input: Arg<VisitInput>) -> Res<Visit> {
    with(&store, |c| visit::add(c, &actor(c)?, &input, dates::today()))
}

#[tauri::command]
pub fn care_visit_void(store: State<Store>, id: Arg<i64>, reason: Arg<String>) -> Res<()> {
    with(&store, |c| visit::void(c, &actor(c)?, *id, &reason))
}

#[tauri::command(async)]
pub fn care_elders(store: State<Store>) -> Res<Vec<Elder>> {
    with(&store, |c| care::elders(c, dates::today()))
}

/// The 「光荣在党50年」纪念章 list of a year.
#[tauri::command(async)]
pub fn care_medals(store: State<Store>, year: Arg<i32>) -> Res<Medals> {
    with(&store, |c| care::medals(c, *year))
}

/// Records the 颁发日期 of members on the year's list.
#[tauri::command]
pub fn care_medals_issue(store: State<Store>, year: Arg<i32>, member_ids: Arg<Vec<i64>>, date: Arg<String>) -> Res<Medals> {
    with(&store, |c| care::issue_medals(c, &actor(c)?, *year, &member_ids, &date, dates::today()))
}

/// 政治生日 of a month (YYYY-MM).
#[tauri::command(async)]
pub fn care_birthdays(store: State<Store>, month: Arg<String>) -> Res<Vec<Birthday>> {
    with(&store, |c| care::birthdays(c, &month))
}

#[tauri::command(async)]
pub fn care_settings_get(store: State<Store>) -> Res<CareSettings> {
    with(&store, |c| care::config::get(c))
}

#[tauri::command]
pub fn care_settings_put(store: State<Store>, settings: Arg<CareSettings>) -> Res<CareSettings> {
    with(&store, |c| {
        care::config::put(c, &settings)?;
        care::config::get(c)
    })
}

#[tauri::command(async)]
pub fn care_print_table(store: State<Store>, request: Arg<TableRequest>) -> Res<PrintTable> {
    with(&store, |c| care::print(c, &request, dates::today()))
}

/// The same saved as .xlsx where the secretary picks. `None` when cancelled.
#[tauri::command]
pub async fn care_export<R: Runtime>(app: AppHandle<R>, store: State<'_, Store>, request: Arg<TableRequest>) -> Res<Option<String>> {
    let t = with(&store, |c| care::print(c, &request, dates::today()))?;
    save_table(&app, &t.title, &t)
}

/// Each command's arguments as the page sends them, for `ipc_tests` (see there).
#[cfg(test)]
pub(crate) fn ipc_args() -> Vec<crate::ipc_tests::Row> {
    use serde_json::json;
    vec![
        ("care_hardships", vec![]),
        ("care_hardship_save", vec![("input", json!({}), json!("x"))]),
        ("care_hardship_resolve", vec![("id", json!(1), json!("一")), ("date", json!("2026-12-01"), json!(5)), ("reason", json!("x"), json!(5))]),
        ("care_visits", vec![("year", json!(2026), json!("二〇二六"))]),
        ("care_visit_add", vec![("input", json!({}), json!("x"))]),
        ("care_visit_void", vec![("id", json!(1), json!("一")), ("reason", json!("x"), json!(5))]),
        ("care_elders", vec![]),
        ("care_medals", vec![("year", json!(2026), json!("二〇二六"))]),
        ("care_medals_issue", vec![("year", json!(2026), json!("二〇二六")), ("memberIds", json!([1]), json!("1")), ("date", json!("2026-07-01"), json!(5))]),
        ("care_birthdays", vec![("month", json!("2026-12"), json!(5))]),
        ("care_settings_get", vec![]),
        ("care_settings_put", vec![("settings", json!({}), json!("x"))]),
        ("care_print_table", vec![("request", json!({"kind": "elders"}), json!("x"))]),
        ("care_export", vec![("request", json!({"kind": "elders"}), json!("x"))]),
    ]
}

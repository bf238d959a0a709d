//! 积分: the rules catalog, the ledger, month tables, alerts and talks, and saving the month or year as xlsx.
use super::state::{actor, with, Arg, Res, Store};
use branchbook_core::kernel::dates;
use branchbook_core::kernel::print_table::PrintTable;
use branchbook_core::points::{self, AddResult, Alert, Entry, EntryInput, EntryQuery, MemberHistory, MonthTable, Rule, RuleData, TableRequest, Talk, TalkInput};
use branchbook_core::settings;
use tauri::{AppHandle, Runtime, State};

#[tauri::command]
pub fn points_rules(store: State<Store>, include_retired: Arg<bool>) -> Res<Vec<Rule>> {
    with(&store, |c| points::rules(c, *include_retired))
}

#[tauri::command]
pub fn points_rule_create(store: State<Store>, input: Arg<RuleData>) -> Res<Rule> {
    with(&store, |c| points::create_rule(c, &actor(c)?, &input))
}

#[tauri::command]
pub fn points_rule_update(store: State<Store>, id: Arg<i64>, input: Arg<RuleData>) -> Res<Rule> {
    with(&store, |c| points::update_rule(c, &actor(c)?, *id, &input))
}

#[tauri::command]
pub fn points_rule_set_active(store: State<Store>, id: Arg<i64>, active: Arg<bool>) -> Res<Rule> {
    with(&store, |c| points::set_rule_active(c, &actor(c)?, *id, *active))
}

/// Switches the branch to the 百分制 points scheme from this month (设置 → 积分管理).
#[tauri::command]
pub fn points_adopt_hundred(store: State<Store>) -> Res<settings::Settings> {
    with(&store, |c| {
        points::adopt_hundred(c, &actor(c)?, dates::today())?;
        settings::get(c)
    })
}

#[tauri::command]
pub fn points_add(store: State<Store>, input: Arg<EntryInput>) -> Res<AddResult> {
    with(&store, |c| points::add(c, &actor(c)?, &input))
}

#[tauri::command]
pub fn points_void(store: State<Store>, id: Arg<i64>, reason: Arg<String>) -> Res<Entry> {
    with(&store, |c| points::void(c, &actor(c)?, *id, &reason))
}

// Off the main thread: a 20,000-member file keeps the window painting while this runs.
#[tauri::command(async)]
pub fn points_entries(store: State<Store>, query: Arg<EntryQuery>) -> Res<Vec<Entry>> {
    with(&store, |c| points::entries(c, &query))
}

// Off the main thread: a 20,000-member file keeps the window painting while this runs.
#[tauri::command(async)]
pub fn points_table(store: State<Store>, request: Arg<TableRequest>) -> Res<MonthTable> {
    with(&store, |c| points::month_table(c, &request))
}

// Off the main thread: a 20,000-member file keeps the window painting while this runs.
#[tauri::command(async)]
pub fn points_alerts(store: State<Store>, month: Arg<String>) -> Res<Vec<Alert>> {
    with(&store, |c| points::alerts(c, &month))
}

#[tauri::command]
pub fn points_talk(store: State<Store>, input: Arg<TalkInput>) -> Res<Talk> {
    with(&store, |c| points::record_talk(c, &actor(c)?, &input))
}

// Off the main thread: a 20,000-member file keeps the window painting while this runs.
#[tauri::command(async)]
pub fn points_member_history(store: State<Store>, id: Arg<i64>, year: Arg<i32>) -> Res<MemberHistory> {
    with(&store, |c| points::member_history(c, *id, *year, dates::today()))
}

#[tauri::command]
pub fn points_print_table(store: State<Store>, month: Arg<String>, group_id: Arg<Option<i64>>) -> Res<PrintTable> {
    with(&store, |c| points::month_print_table(c, &month, *group_id))
}

#[tauri::command]
pub fn points_notice_table(store: State<Store>, month: Arg<String>, from: Arg<String>, to: Arg<String>) -> Res<PrintTable> {
    with(&store, |c| points::notice_table(c, &month, &from, &to))
}

/// The month's table, or the year workbook, saved where the secretary picks. `None` when cancelled. Not
/// `save_table`: the core writes these workbooks itself (several sheets, formulas).
#[tauri::command]
pub async fn points_export<R: Runtime>(app: AppHandle<R>, store: State<'_, Store>, month: Arg<Option<String>>, year: Arg<Option<i32>>) -> Res<Option<String>> {
    let name = with(&store, |c| points::file_title(c, month.as_deref(), *year))?;
    let Some(path) = crate::files::save_xlsx(&app, &name) else { return Ok(None) };
    with(&store, |c| match (&*month, *year) {
        (Some(m), _) => points::write_month(c, &path, m),
        (None, y) => points::write_year(c, &path, y.unwrap_or_default(), dates::today()),
    })?;
    Ok(Some(path.display().to_string()))
}

/// Each command's arguments as the page sends them, for `ipc_tests` (see there).
#[cfg(test)]
pub(crate) fn ipc_args() -> Vec<crate::ipc_tests::Row> {
    use serde_json::json;
    vec![
        ("points_rules", vec![("includeRetired", json!(true), json!("是"))]),
        ("points_rule_create", vec![("input", json!({}), json!("x"))]),
        ("points_rule_update", vec![("id", json!(1), json!("一")), ("input", json!({}), json!("x"))]),
        ("points_rule_set_active", vec![("id", json!(1), json!("一")), ("active", json!(true), json!("是"))]),
        ("points_adopt_hundred", vec![]),
        ("points_add", vec![("input", json!({}), json!("x"))]),
        ("points_void", vec![("id", json!(1), json!("一")), ("reason", json!("2026-01"), json!(5))]),
        ("points_entries", vec![("query", json!({}), json!("x"))]),
        ("points_table", vec![("request", json!({}), json!("x"))]),
        ("points_alerts", vec![("month", json!("2026-01"), json!(5))]),
        ("points_talk", vec![("input", json!({}), json!("x"))]),
        ("points_member_history", vec![("id", json!(1), json!("一")), ("year", json!(1), json!("一"))]),
        ("points_print_table", vec![("month", json!("2026-01"), json!(5)), ("?groupId", json!(1), json!("一"))]),
        ("points_notice_table", vec![("month", json!("2026-01"), json!(5)), ("from", json!("2026-01"), json!(5)), ("to", json!("2026-01"), json!(5))]),
        ("points_export", vec![("?month", json!("2026-01"), json!(5)), ("?year", json!(1), json!("一"))]),
    ]
}

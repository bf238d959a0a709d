//! 报表: the home page's to-do list, the audit log viewer (操作日志), 报表中心 (every table by area, with charts),
//! the 党内统计 with its package for the township, and 乡镇汇总 of many packages.
use super::state::{actor, save_table, with, Arg, Res, Store};
use branchbook_core::kernel::dates;
use branchbook_core::kernel::print_table::PrintTable;
use branchbook_core::reports::catalog::{self, Item, Period};
use branchbook_core::reports::stats::{self, Report};
use branchbook_core::reports::township::{self, config, Township};
use branchbook_core::reports::{audit, home};
use std::path::PathBuf;
use std::sync::Mutex;
use tauri::{AppHandle, Runtime, State};

/// The packages chosen for 乡镇汇总 in this session: the page names none, it only asks to choose and to merge.
static TOWNSHIP_FILES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

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

#[tauri::command]
pub fn report_catalog() -> Vec<Item> {
    catalog::items()
}

// Off the main thread: a statistics table of a 20,000-member file reads every record.
#[tauri::command(async)]
pub fn report_table(store: State<Store>, key: Arg<String>, period: Arg<Period>) -> Res<PrintTable> {
    with(&store, |c| catalog::build(c, &key, &period, dates::today()))
}

#[tauri::command]
pub async fn report_save_xlsx<R: Runtime>(app: AppHandle<R>, store: State<'_, Store>, key: Arg<String>, period: Arg<Period>) -> Res<Option<String>> {
    let table = with(&store, |c| catalog::build(c, &key, &period, dates::today()))?;
    save_table(&app, &table.title, &table)
}

fn as_of(s: &Option<String>, year: i32) -> branchbook_core::Result<Option<branchbook_core::kernel::dates::NaiveDate>> {
    stats::as_of_arg(s.as_deref(), year)
}

// Off the main thread, like every statistics call.
#[tauri::command(async)]
pub fn stats_report(store: State<Store>, year: Arg<i32>, as_of_date: Arg<Option<String>>) -> Res<Report> {
    with(&store, |c| stats::report(c, *year, as_of(&as_of_date, *year)?))
}

/// 全部保存为 Excel: every table of the 党内统计 in one workbook, a sheet each, and 校核结果.
#[tauri::command]
pub async fn stats_save_xlsx<R: Runtime>(app: AppHandle<R>, store: State<'_, Store>, year: Arg<i32>, as_of_date: Arg<Option<String>>) -> Res<Option<String>> {
    let r = with(&store, |c| stats::report(c, *year, as_of(&as_of_date, *year)?))?;
    let Some(path) = crate::files::save_xlsx(&app, &format!("{}{}年党内统计", r.org, r.year)) else { return Ok(None) };
    r.write_xlsx(&path).map_err(|e| e.payload())?;
    Ok(Some(path.display().to_string()))
}

/// 全部打印 / 全部保存为 PDF: every table of the 党内统计, one after another (several to a page when they fit).
#[tauri::command]
pub async fn stats_pdf<R: Runtime>(app: AppHandle<R>, store: State<'_, Store>, year: Arg<i32>, as_of_date: Arg<Option<String>>, print: Arg<bool>) -> Res<Option<String>> {
    let r = with(&store, |c| stats::report(c, *year, as_of(&as_of_date, *year)?))?;
    let title = format!("{}{}年党内统计", r.org, r.year);
    let bytes = r.pdf().map_err(|e| e.payload())?;
    if *print {
        return crate::files::print_pdf(&bytes, &title).map(|p| Some(p.display().to_string())).map_err(|e| e.payload());
    }
    let Some(path) = crate::files::save_pdf(&app, &title) else { return Ok(None) };
    std::fs::write(&path, bytes).map_err(|e| branchbook_core::Error::writing(&path, &e).payload())?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
pub fn township_settings(store: State<Store>) -> Res<config::Settings> {
    with(&store, |c| config::get(c))
}

#[tauri::command]
pub fn township_settings_put(store: State<Store>, settings: Arg<config::Settings>) -> Res<config::Settings> {
    with(&store, |c| {
        let a = actor(c)?;
        config::put(c, &a, &settings)
    })
}

/// 导出上报包: the package of the year for the township, saved where the secretary chooses.
#[tauri::command]
pub async fn stats_package<R: Runtime>(app: AppHandle<R>, store: State<'_, Store>, year: Arg<i32>, as_of_date: Arg<Option<String>>) -> Res<Option<String>> {
    let (org, superior) = with(&store, |c| Ok((branchbook_core::org::get(c)?.name, config::get(c)?.superior)))?;
    let Some(path) = crate::files::save_xlsx(&app, &format!("{org}{}年党内统计上报包", *year)) else { return Ok(None) };
    with(&store, |c| township::package::write(c, &path, *year, as_of(&as_of_date, *year)?, &superior))?;
    Ok(Some(path.display().to_string()))
}

/// 选择上报包 (`folder`: a folder of them): remembers the choice for 汇总 and gives the file names chosen.
#[tauri::command]
pub async fn township_choose<R: Runtime>(app: AppHandle<R>, folder: Arg<bool>) -> Res<Option<Vec<String>>> {
    let chosen: Vec<PathBuf> = if *folder { crate::files::pick_package_folder(&app).into_iter().collect() } else { crate::files::pick_packages(&app) };
    if chosen.is_empty() {
        return Ok(None);
    }
    let files = township::merge::expand(&chosen);
    *TOWNSHIP_FILES.lock().unwrap_or_else(|p| p.into_inner()) = chosen;
    Ok(Some(files.iter().map(|f| f.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default()).collect()))
}

fn merged(store: &Store, chosen: &[String]) -> Res<(Township, config::Settings)> {
    let files = TOWNSHIP_FILES.lock().unwrap_or_else(|p| p.into_inner()).clone();
    if files.is_empty() {
        return Err(branchbook_core::Error::invalid("files", "REQUIRED", "请先选择各支部的上报包（文件或文件夹）").payload());
    }
    let settings = with(store, |c| config::get(c))?;
    let t = township::merge(&files, &settings.expected, chosen).map_err(|e| e.payload())?;
    Ok((t, settings))
}

/// 汇总: reads the chosen packages read-only and sums them; `chosen` names (by id) the package that counts for a
/// branch that sent more than one.
#[tauri::command(async)]
pub fn township_merge(store: State<Store>, chosen: Arg<Option<Vec<String>>>) -> Res<Township> {
    merged(&store, chosen.as_deref().unwrap_or_default()).map(|(t, _)| t)
}

/// 保存汇总表: the township workbook (a sheet per table, 上报情况, 校核结果).
#[tauri::command]
pub async fn township_save<R: Runtime>(app: AppHandle<R>, store: State<'_, Store>, chosen: Arg<Option<Vec<String>>>) -> Res<Option<String>> {
    let (t, settings) = merged(&store, chosen.as_deref().unwrap_or_default())?;
    let name = if settings.superior.is_empty() { "乡镇".to_string() } else { settings.superior.clone() };
    let year = t.year.map(|y| format!("{y}年")).unwrap_or_default();
    let Some(path) = crate::files::save_xlsx(&app, &format!("{name}{year}党内统计汇总")) else { return Ok(None) };
    t.write(&path, &name).map_err(|e| e.payload())?;
    Ok(Some(path.display().to_string()))
}

/// Each command's arguments as the page sends them, for `ipc_tests` (see there).
#[cfg(test)]
pub(crate) fn ipc_args() -> Vec<crate::ipc_tests::Row> {
    use serde_json::json;
    vec![
        ("home_todos", vec![]),
        ("audit_query", vec![("query", json!({}), json!("x"))]),
        ("audit_export", vec![("query", json!({}), json!("x"))]),
        ("report_catalog", vec![]),
        ("report_table", vec![("key", json!("stats_2"), json!(2)), ("period", json!({}), json!("x"))]),
        ("report_save_xlsx", vec![("key", json!("stats_2"), json!(2)), ("period", json!({}), json!("x"))]),
        ("stats_report", vec![("year", json!(2026), json!("二〇二六")), ("?asOfDate", json!("2026-12-31"), json!(5))]),
        ("stats_save_xlsx", vec![("year", json!(2026), json!("x")), ("?asOfDate", json!("2026-12-31"), json!(5))]),
        ("stats_pdf", vec![("year", json!(2026), json!("x")), ("?asOfDate", json!("2026-12-31"), json!(5)), ("print", json!(false), json!("否"))]),
        ("township_settings", vec![]),
        ("township_settings_put", vec![("settings", json!({}), json!("x"))]),
        ("stats_package", vec![("year", json!(2026), json!("x")), ("?asOfDate", json!("2026-12-31"), json!(5))]),
        ("township_choose", vec![("folder", json!(true), json!("是"))]),
        ("township_merge", vec![("?chosen", json!(["a.xlsx"]), json!("a.xlsx"))]),
        ("township_save", vec![("?chosen", json!(["a.xlsx"]), json!(5))]),
    ]
}

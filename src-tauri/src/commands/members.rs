//! 名册: member records, status and classification, the 党员花名册 and importing a roster from a spreadsheet.
use super::state::{actor, save_table, with, Arg, ImportSession, Res, Store};
use branchbook_core::members::classify::{self, Reclassify};
use branchbook_core::members::import::{self, CommitOptions, ImportResult, Preview};
use branchbook_core::members::member::{self, MemberData, StatusChange};
use branchbook_core::members::roster::{self, ColumnDef, PrintTable, RosterRequest};
use branchbook_core::members::search::{self, MemberQuery};
use serde::Serialize;
use std::sync::Mutex;
use tauri::{AppHandle, Runtime, State};

// Off the main thread: a 20,000-member file keeps the window painting while this runs.
#[tauri::command(async)]
pub fn member_list(store: State<Store>, query: Arg<MemberQuery>) -> Res<search::MemberList> {
    with(&store, |c| search::list(c, &query))
}

// Off the main thread: a 20,000-member file keeps the window painting while this runs.
#[tauri::command(async)]
pub fn member_detail(store: State<Store>, id: Arg<i64>) -> Res<member::MemberDetail> {
    with(&store, |c| member::detail(c, *id))
}

#[tauri::command]
pub fn member_create(store: State<Store>, input: Arg<MemberData>) -> Res<member::MemberRecord> {
    with(&store, |c| member::create(c, &actor(c)?, &input))
}

#[tauri::command]
pub fn member_update(
    store: State<Store>,
    id: Arg<i64>,
    input: Arg<MemberData>,
    class_reason: Arg<Option<String>>,
) -> Res<member::MemberRecord> {
    with(&store, |c| member::update(c, &actor(c)?, *id, &input, class_reason.as_deref()))
}

#[tauri::command]
pub fn member_change_status(store: State<Store>, id: Arg<i64>, change: Arg<StatusChange>) -> Res<member::MemberRecord> {
    with(&store, |c| member::change_status(c, &actor(c)?, *id, &change))
}

#[tauri::command]
pub fn member_reclassify(store: State<Store>, id: Arg<i64>, change: Arg<Reclassify>) -> Res<member::MemberRecord> {
    with(&store, |c| classify::reclassify(c, &actor(c)?, *id, &change))
}

#[tauri::command]
pub fn member_reclassify_many(store: State<Store>, ids: Arg<Vec<i64>>, change: Arg<Reclassify>) -> Res<classify::BatchResult> {
    with(&store, |c| classify::reclassify_many(c, &actor(c)?, &ids, &change))
}

// Off the main thread: a 20,000-member file keeps the window painting while this runs.
#[tauri::command(async)]
pub fn class_overview(store: State<Store>, ref_date: Arg<Option<String>>) -> Res<classify::Overview> {
    with(&store, |c| classify::overview(c, ref_date.0.clone()))
}

// ---- 党员花名册 ----

#[derive(Serialize, ts_rs::TS)]
pub struct RosterColumns {
    all: &'static [ColumnDef],
    default: &'static [&'static str],
}

#[tauri::command]
pub fn roster_columns() -> RosterColumns {
    RosterColumns { all: roster::ROSTER_COLUMNS, default: roster::DEFAULT_ROSTER_COLUMNS }
}

#[tauri::command]
pub fn roster_table(store: State<Store>, request: Arg<RosterRequest>) -> Res<PrintTable> {
    with(&store, |c| roster::roster(c, &request))
}

// ---- importing a roster: open (preview), remap the columns, commit, save the rejected rows ----

#[tauri::command]
pub async fn import_open<R: Runtime>(
    app: AppHandle<R>,
    store: State<'_, Store>,
    session: State<'_, Mutex<ImportSession>>,
) -> Res<Option<Preview>> {
    let Some(path) = crate::files::pick_spreadsheet(&app) else { return Ok(None) };
    let sheet = import::read(&path).map_err(|e| e.payload())?;
    let preview = with(&store, |c| import::preview(c, &sheet, None))?;
    *session.lock().unwrap_or_else(|p| p.into_inner()) = ImportSession { sheet: Some((sheet, preview.header_row)), rejected: vec![] };
    Ok(Some(preview))
}

fn with_sheet<T>(session: &Mutex<ImportSession>, f: impl FnOnce(&mut ImportSession) -> Res<T>) -> Res<T> {
    let mut s = session.lock().unwrap_or_else(|p| p.into_inner());
    import::require_sheet(s.sheet.as_ref()).map_err(|e| e.payload())?;
    f(&mut s)
}

#[tauri::command]
pub fn import_remap(
    store: State<Store>,
    session: State<Mutex<ImportSession>>,
    mapping: Arg<Vec<Option<String>>>,
) -> Res<Preview> {
    with_sheet(&session, |s| with(&store, |c| import::preview(c, &s.sheet.as_ref().unwrap().0, Some(&mapping))))
}

#[tauri::command]
pub async fn import_commit(
    store: State<'_, Store>,
    session: State<'_, Mutex<ImportSession>>,
    options: Arg<CommitOptions>,
) -> Res<ImportResult> {
    with_sheet(&session, |s| {
        let result = with(&store, |c| {
            let actor = actor(c)?;
            import::commit(c, &actor, &s.sheet.as_ref().unwrap().0, &options)
        })?;
        s.rejected = result.rejected.clone();
        Ok(result)
    })
}

#[tauri::command]
pub async fn import_save_report<R: Runtime>(app: AppHandle<R>, session: State<'_, Mutex<ImportSession>>) -> Res<Option<String>> {
    let table = with_sheet(&session, |s| {
        let (sheet, header_row) = s.sheet.as_ref().unwrap();
        Ok(import::report_table(sheet, *header_row, &s.rejected))
    })?;
    save_table(&app, "导入未成功的行", &table)
}

/// Each command's arguments as the page sends them, for `ipc_tests` (see there).
#[cfg(test)]
pub(crate) fn ipc_args() -> Vec<crate::ipc_tests::Row> {
    use serde_json::json;
    vec![
        ("member_list", vec![("query", json!({}), json!("x"))]),
        ("member_detail", vec![("id", json!(1), json!("一"))]),
        ("member_create", vec![("input", json!({}), json!("x"))]),
        ("member_update", vec![("id", json!(1), json!("一")), ("input", json!({}), json!("x")), ("?classReason", json!("2026-01"), json!(5))]),
        ("member_change_status", vec![("id", json!(1), json!("一")), ("change", json!({}), json!("x"))]),
        ("member_reclassify", vec![("id", json!(1), json!("一")), ("change", json!({}), json!("x"))]),
        ("member_reclassify_many", vec![("ids", json!([1]), json!("一")), ("change", json!({}), json!("x"))]),
        ("class_overview", vec![("?refDate", json!("2026-01"), json!(5))]),
        ("roster_columns", vec![]),
        ("roster_table", vec![("request", json!({}), json!("x"))]),
        ("import_open", vec![]),
        ("import_remap", vec![("mapping", json!([]), json!({}))]),
        ("import_commit", vec![("options", json!({}), json!("x"))]),
        ("import_save_report", vec![]),
    ]
}

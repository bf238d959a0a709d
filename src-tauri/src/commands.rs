//! Tauri commands: adapters only. Each takes its arguments, calls the core, and maps the error to `{code, message}`.
use branchbook_core::classify::{self, Reclassify};
use branchbook_core::member::{self, MemberData, StatusChange};
use branchbook_core::search::{self, MemberQuery};
use branchbook_core::{codes, db, home, org, settings, ErrorPayload};
use rusqlite::Connection;
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Mutex;
use tauri::State;

/// The open data file, or why it could not be opened (shown on the start screen).
pub struct Store {
    pub path: PathBuf,
    pub conn: Result<Mutex<Connection>, ErrorPayload>,
}

type Res<T> = Result<T, ErrorPayload>;

fn with<T>(store: &Store, f: impl FnOnce(&mut Connection) -> branchbook_core::Result<T>) -> Res<T> {
    let conn = store.conn.as_ref().map_err(Clone::clone)?;
    let mut guard = conn.lock().unwrap_or_else(|p| p.into_inner());
    f(&mut guard).map_err(|e| e.payload())
}

fn actor(conn: &Connection) -> branchbook_core::Result<String> {
    org::actor(conn)
}

#[derive(Serialize)]
pub struct AppInfo {
    version: &'static str,
    db_path: String,
    schema_version: i64,
    set_up: bool,
    open_error: Option<ErrorPayload>,
}

#[tauri::command]
pub fn app_info(store: State<Store>) -> AppInfo {
    let set_up = with(&store, |c| org::is_set_up(c)).unwrap_or(false);
    AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        db_path: store.path.display().to_string(),
        schema_version: db::schema_version(),
        set_up,
        open_error: store.conn.as_ref().err().cloned(),
    }
}

#[tauri::command]
pub fn code_lists() -> codes::CodeLists {
    codes::all()
}

#[tauri::command]
pub fn org_get(store: State<Store>) -> Res<org::Org> {
    with(&store, |c| org::get(c))
}

#[tauri::command]
pub fn org_setup(store: State<Store>, input: org::SetupInput) -> Res<org::Org> {
    with(&store, |c| org::setup(c, &input))
}

#[tauri::command]
pub fn org_load_demo(store: State<Store>) -> Res<org::Org> {
    with(&store, branchbook_core::demo::load)
}

#[tauri::command]
pub fn org_update(store: State<Store>, name: String, secretary: String) -> Res<org::Org> {
    with(&store, |c| org::update(c, &actor(c)?, &name, &secretary))
}

#[tauri::command]
pub fn org_add_branch(store: State<Store>, name: String) -> Res<org::Org> {
    with(&store, |c| org::add_branch(c, &actor(c)?, &name))
}

#[tauri::command]
pub fn org_add_group(store: State<Store>, branch_id: i64, name: String) -> Res<org::Group> {
    with(&store, |c| org::add_group(c, &actor(c)?, branch_id, &name))
}

#[tauri::command]
pub fn org_update_group(store: State<Store>, id: i64, name: String, active: bool) -> Res<org::Group> {
    with(&store, |c| org::update_group(c, &actor(c)?, id, &name, active))
}

#[tauri::command]
pub fn settings_get(store: State<Store>) -> Res<settings::Settings> {
    with(&store, |c| settings::get(c))
}

#[tauri::command]
pub fn settings_update(store: State<Store>, settings: settings::Settings) -> Res<settings::Settings> {
    with(&store, |c| settings::update(c, &actor(c)?, &settings))
}

#[tauri::command]
pub fn member_list(store: State<Store>, query: MemberQuery) -> Res<search::MemberList> {
    with(&store, |c| search::list(c, &query))
}

#[tauri::command]
pub fn member_detail(store: State<Store>, id: i64) -> Res<member::MemberDetail> {
    with(&store, |c| member::detail(c, id))
}

#[tauri::command]
pub fn member_create(store: State<Store>, input: MemberData) -> Res<member::MemberRecord> {
    with(&store, |c| member::create(c, &actor(c)?, &input))
}

#[tauri::command]
pub fn member_update(
    store: State<Store>,
    id: i64,
    input: MemberData,
    class_reason: Option<String>,
) -> Res<member::MemberRecord> {
    with(&store, |c| member::update(c, &actor(c)?, id, &input, class_reason.as_deref()))
}

#[tauri::command]
pub fn member_change_status(store: State<Store>, id: i64, change: StatusChange) -> Res<member::MemberRecord> {
    with(&store, |c| member::change_status(c, &actor(c)?, id, &change))
}

#[tauri::command]
pub fn member_reclassify(store: State<Store>, id: i64, change: Reclassify) -> Res<member::MemberRecord> {
    with(&store, |c| classify::reclassify(c, &actor(c)?, id, &change))
}

#[tauri::command]
pub fn class_overview(store: State<Store>, ref_date: Option<String>) -> Res<classify::Overview> {
    with(&store, |c| classify::overview(c, ref_date))
}

#[tauri::command]
pub fn home_todos(store: State<Store>) -> Res<Vec<home::Todo>> {
    with(&store, |c| home::todos(c))
}

// ---- printing, export and import (党员花名册, 签到表) ----

use branchbook_core::import::{self, CommitOptions, ImportResult, Preview, PreviewRow, Sheet};
use branchbook_core::roster::{self, ColumnDef, PrintTable, RosterRequest, SignInRequest};
use branchbook_core::xlsx;
use tauri::AppHandle;

/// The file being imported, between preview and commit, and what was rejected, for the report.
#[derive(Default)]
pub struct ImportSession {
    pub sheet: Option<(Sheet, usize)>,
    pub rejected: Vec<PreviewRow>,
}

#[derive(Serialize)]
pub struct RosterColumns {
    all: &'static [ColumnDef],
    default: &'static [&'static str],
}

#[tauri::command]
pub fn roster_columns() -> RosterColumns {
    RosterColumns { all: roster::ROSTER_COLUMNS, default: roster::DEFAULT_ROSTER_COLUMNS }
}

#[tauri::command]
pub fn roster_table(store: State<Store>, request: RosterRequest) -> Res<PrintTable> {
    with(&store, |c| roster::roster(c, &request))
}

#[tauri::command]
pub fn sign_in_table(store: State<Store>, request: SignInRequest) -> Res<PrintTable> {
    with(&store, |c| roster::sign_in(c, &request))
}

fn io_error(e: std::io::Error) -> ErrorPayload {
    branchbook_core::Error::Io(e).payload()
}

/// Builds the table, asks where to save it, writes it. `None` when the secretary cancelled.
#[tauri::command]
pub async fn export_xlsx(
    app: AppHandle,
    store: State<'_, Store>,
    roster: Option<RosterRequest>,
    sign_in: Option<SignInRequest>,
) -> Res<Option<String>> {
    let table = with(&store, |c| match (&roster, &sign_in) {
        (_, Some(s)) => roster::sign_in(c, s),
        (Some(r), None) => roster::roster(c, r),
        (None, None) => roster::roster(c, &RosterRequest::default()),
    })?;
    let Some(path) = crate::files::save_xlsx(&app, &table.title) else { return Ok(None) };
    xlsx::write_table(&path, &table).map_err(|e| e.payload())?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
pub async fn import_open(
    app: AppHandle,
    store: State<'_, Store>,
    session: State<'_, Mutex<ImportSession>>,
) -> Res<Option<Preview>> {
    let Some(path) = crate::files::pick_spreadsheet(&app) else { return Ok(None) };
    if !path.exists() {
        return Err(io_error(std::io::Error::new(std::io::ErrorKind::NotFound, path.display().to_string())));
    }
    let sheet = import::read(&path).map_err(|e| e.payload())?;
    let preview = with(&store, |c| import::preview(c, &sheet, None))?;
    *session.lock().unwrap_or_else(|p| p.into_inner()) = ImportSession { sheet: Some((sheet, preview.header_row)), rejected: vec![] };
    Ok(Some(preview))
}

fn with_sheet<T>(session: &Mutex<ImportSession>, f: impl FnOnce(&mut ImportSession) -> Res<T>) -> Res<T> {
    let mut s = session.lock().unwrap_or_else(|p| p.into_inner());
    if s.sheet.is_none() {
        return Err(branchbook_core::Error::invalid("file", "NO_IMPORT_FILE", "请先选择要导入的文件").payload());
    }
    f(&mut s)
}

#[tauri::command]
pub fn import_remap(
    store: State<Store>,
    session: State<Mutex<ImportSession>>,
    mapping: Vec<Option<String>>,
) -> Res<Preview> {
    with_sheet(&session, |s| with(&store, |c| import::preview(c, &s.sheet.as_ref().unwrap().0, Some(&mapping))))
}

#[tauri::command]
pub async fn import_commit(
    store: State<'_, Store>,
    session: State<'_, Mutex<ImportSession>>,
    options: CommitOptions,
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
pub async fn import_save_report(app: AppHandle, session: State<'_, Mutex<ImportSession>>) -> Res<Option<String>> {
    let table = with_sheet(&session, |s| {
        let (sheet, header_row) = s.sheet.as_ref().unwrap();
        Ok(import::report_table(sheet, *header_row, &s.rejected))
    })?;
    let Some(path) = crate::files::save_xlsx(&app, "导入未成功的行") else { return Ok(None) };
    xlsx::write_table(&path, &table).map_err(|e| e.payload())?;
    Ok(Some(path.display().to_string()))
}

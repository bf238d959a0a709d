//! Tauri commands: adapters only. Each takes its arguments, calls the core, and maps the error to `{code, message}`.
use branchbook_core::members::classify::{self, Reclassify};
use branchbook_core::members::member::{self, MemberData, StatusChange};
use branchbook_core::members::search::{self, MemberQuery};
use branchbook_core::{reports::audit, safety::backup, kernel::codes, store::db, reports::home, safety::lock, org, settings, ErrorPayload};
use rusqlite::Connection;
use serde::Serialize;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use tauri::ipc::{CommandArg, CommandItem, InvokeBody, InvokeError};
use tauri::{Runtime, State};

/// The open data file, or why it could not be opened (shown on the start screen). A restore or a rescue
/// replaces what is inside.
pub struct Store {
    pub path: PathBuf,
    pub conn: Mutex<Result<Connection, ErrorPayload>>,
    /// The password lock is on: every command but unlocking is refused here, not only hidden in the page.
    pub locked: AtomicBool,
    /// What the start-up backup did, in words for the safety screen.
    pub startup_backup: Mutex<Option<String>>,
}

type Res<T> = Result<T, ErrorPayload>;

/// A command argument parsed by the core (`branchbook_core::kernel::args`): a missing, null or wrongly typed value becomes
/// a Chinese `{code, message, fields}` naming the field, never Tauri's internal "invalid args" text. Every argument
/// the page sends is an `Arg`; it dereferences to the value.
pub struct Arg<T>(pub T);

impl<T> std::ops::Deref for Arg<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<'de, T: serde::de::DeserializeOwned, R: Runtime> CommandArg<'de, R> for Arg<T> {
    fn from_command(item: CommandItem<'de, R>) -> Result<Self, InvokeError> {
        let value = match item.message.payload() {
            InvokeBody::Json(v) => v.get(item.key),
            InvokeBody::Raw(_) => None,
        };
        branchbook_core::kernel::args::parse(item.name, item.key, value).map(Arg).map_err(|e| InvokeError::from(e.payload()))
    }
}

fn with<T>(store: &Store, f: impl FnOnce(&mut Connection) -> branchbook_core::Result<T>) -> Res<T> {
    if store.locked.load(Ordering::SeqCst) {
        return Err(branchbook_core::Error::Locked.payload());
    }
    unlocked(store, f)
}

/// For the few commands that must work while locked (unlocking itself).
fn unlocked<T>(store: &Store, f: impl FnOnce(&mut Connection) -> branchbook_core::Result<T>) -> Res<T> {
    let mut guard = store.conn.lock().unwrap_or_else(|p| p.into_inner());
    let conn = guard.as_mut().map_err(|e| e.clone())?;
    f(conn).map_err(|e| e.payload())
}

fn actor(conn: &Connection) -> branchbook_core::Result<String> {
    org::actor(conn)
}

#[derive(Serialize)]
pub struct AppInfo {
    version: &'static str,
    db_path: String,
    backup_dir: String,
    schema_version: i64,
    set_up: bool,
    open_error: Option<ErrorPayload>,
    /// With a damaged data file: the newest backup that passes its check.
    latest_backup: Option<backup::BackupInfo>,
    locked: bool,
    lock: Option<lock::LockStatus>,
    startup_backup: Option<String>,
}

#[tauri::command]
pub fn app_info(store: State<Store>) -> AppInfo {
    let set_up = unlocked(&store, |c| org::is_set_up(c)).unwrap_or(false);
    let open_error = store.conn.lock().unwrap_or_else(|p| p.into_inner()).as_ref().err().cloned();
    let latest_backup = open_error.as_ref().and_then(|_| backup::latest_good(&store.path).ok().flatten());
    AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        db_path: store.path.display().to_string(),
        backup_dir: backup::backup_dir(&store.path).display().to_string(),
        schema_version: db::schema_version(),
        set_up,
        open_error,
        latest_backup,
        locked: store.locked.load(Ordering::SeqCst),
        lock: unlocked(&store, |c| lock::status(c)).ok(),
        startup_backup: store.startup_backup.lock().unwrap_or_else(|p| p.into_inner()).clone(),
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

#[tauri::command]
pub fn settings_get(store: State<Store>) -> Res<settings::Settings> {
    with(&store, |c| settings::get(c))
}

#[tauri::command]
pub fn settings_update(store: State<Store>, settings: Arg<settings::Settings>) -> Res<settings::Settings> {
    with(&store, |c| settings::update(c, &actor(c)?, &settings))
}

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

// Off the main thread: a 20,000-member file keeps the window painting while this runs.
#[tauri::command(async)]
pub fn home_todos(store: State<Store>) -> Res<Vec<home::Todo>> {
    with(&store, |c| home::todos(c))
}

// ---- printing, export and import (党员花名册, 签到表) ----

use branchbook_core::members::import::{self, CommitOptions, ImportResult, Preview, PreviewRow, Sheet};
use branchbook_core::members::roster::{self, ColumnDef, PrintTable, RosterRequest};
use branchbook_core::meetings::sign_in::{self, SignInRequest};
use branchbook_core::store::xlsx;
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
pub fn roster_table(store: State<Store>, request: Arg<RosterRequest>) -> Res<PrintTable> {
    with(&store, |c| roster::roster(c, &request))
}

#[tauri::command]
pub fn sign_in_table(store: State<Store>, request: Arg<SignInRequest>) -> Res<PrintTable> {
    with(&store, |c| sign_in::sign_in(c, &request))
}

fn io_error(e: std::io::Error) -> ErrorPayload {
    branchbook_core::Error::Io(e).payload()
}

/// Builds the table, asks where to save it, writes it. `None` when the secretary cancelled.
#[tauri::command]
pub async fn export_xlsx<R: Runtime>(
    app: AppHandle<R>,
    store: State<'_, Store>,
    roster: Arg<Option<RosterRequest>>,
    sign_in: Arg<Option<SignInRequest>>,
    meeting_id: Arg<Option<i64>>,
) -> Res<Option<String>> {
    let table = with(&store, |c| match (*meeting_id, &*roster, &*sign_in) {
        (Some(id), _, _) => sign_in::meeting_sign_in(c, id, 3),
        (None, _, Some(s)) => sign_in::sign_in(c, s),
        (None, Some(r), None) => roster::roster(c, r),
        (None, None, None) => roster::roster(c, &RosterRequest::default()),
    })?;
    let Some(path) = crate::files::save_xlsx(&app, &table.title) else { return Ok(None) };
    xlsx::write_table(&path, &table).map_err(|e| e.payload())?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
pub async fn import_open<R: Runtime>(
    app: AppHandle<R>,
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
    let Some(path) = crate::files::save_xlsx(&app, "导入未成功的行") else { return Ok(None) };
    xlsx::write_table(&path, &table).map_err(|e| e.payload())?;
    Ok(Some(path.display().to_string()))
}

// ---- organisational life (三会一课, 主题党日) ----

use branchbook_core::meetings::compliance::{self, Calendar, CalendarRequest};
use branchbook_core::meetings::meeting::{self, Makeup, MeetingDetail, MeetingInput, MeetingQuery, MeetingSummary};
use branchbook_core::meetings::participation::{self, Inactive, MemberParticipation, Participation};
use branchbook_core::meetings::study::{self, PairInput, Partner, PlanInput, StudyPlans};
use branchbook_core::kernel::dates;

#[tauri::command]
pub fn meeting_list(store: State<Store>, query: Arg<MeetingQuery>) -> Res<Vec<MeetingSummary>> {
    with(&store, |c| meeting::list(c, &query))
}

#[tauri::command]
pub fn meeting_detail(store: State<Store>, id: Arg<i64>) -> Res<MeetingDetail> {
    with(&store, |c| meeting::detail(c, *id))
}

#[tauri::command]
pub fn meeting_expected(store: State<Store>, kind: Arg<String>, branch_id: Arg<Option<i64>>, group_id: Arg<Option<i64>>) -> Res<Vec<meeting::Attendee>> {
    with(&store, |c| meeting::expected_attendees(c, &kind, *branch_id, *group_id))
}

/// The 失联 members left out of the expected list, for the note under it.
#[tauri::command]
pub fn meeting_lost_contact(store: State<Store>, branch_id: Arg<Option<i64>>) -> Res<Vec<String>> {
    with(&store, |c| meeting::lost_contact_names(c, *branch_id))
}

#[tauri::command]
pub fn meeting_create(store: State<Store>, input: Arg<MeetingInput>) -> Res<MeetingDetail> {
    with(&store, |c| meeting::create(c, &actor(c)?, &input))
}

#[tauri::command]
pub fn meeting_update(store: State<Store>, id: Arg<i64>, input: Arg<MeetingInput>) -> Res<MeetingDetail> {
    with(&store, |c| meeting::update(c, &actor(c)?, *id, &input))
}

#[tauri::command]
pub fn meeting_cancel(store: State<Store>, id: Arg<i64>, reason: Arg<String>) -> Res<MeetingDetail> {
    with(&store, |c| meeting::cancel(c, &actor(c)?, *id, &reason))
}

#[tauri::command]
pub fn meeting_makeup(store: State<Store>, makeup: Arg<Makeup>) -> Res<MeetingDetail> {
    with(&store, |c| meeting::record_makeup(c, &actor(c)?, &makeup))
}

#[tauri::command]
pub fn meeting_calendar(store: State<Store>, request: Arg<CalendarRequest>) -> Res<Calendar> {
    with(&store, |c| compliance::calendar(c, &request, dates::today()))
}

#[tauri::command]
pub fn meeting_sign_in(store: State<Store>, id: Arg<i64>, blank_rows: Arg<usize>) -> Res<PrintTable> {
    with(&store, |c| sign_in::meeting_sign_in(c, *id, *blank_rows))
}

// Off the main thread: a 20,000-member file keeps the window painting while this runs.
#[tauri::command(async)]
pub fn participation_report(store: State<Store>, from: Arg<String>, to: Arg<String>) -> Res<Participation> {
    with(&store, |c| participation::report(c, &from, &to))
}

#[tauri::command]
pub fn participation_member(store: State<Store>, id: Arg<i64>, from: Arg<String>, to: Arg<String>) -> Res<MemberParticipation> {
    with(&store, |c| participation::member(c, *id, &from, &to))
}

#[tauri::command]
pub fn participation_inactive(store: State<Store>, months: Arg<u32>) -> Res<Vec<Inactive>> {
    with(&store, |c| participation::inactive(c, *months, dates::today()))
}

#[tauri::command]
pub fn participation_table(store: State<Store>, from: Arg<String>, to: Arg<String>) -> Res<PrintTable> {
    with(&store, |c| participation::summary_table(c, &from, &to))
}

/// Saves the attendance summary of a period as xlsx. `None` when the secretary cancelled.
#[tauri::command]
pub async fn participation_export<R: Runtime>(app: AppHandle<R>, store: State<'_, Store>, from: Arg<String>, to: Arg<String>) -> Res<Option<String>> {
    let table = with(&store, |c| participation::summary_table(c, &from, &to))?;
    let Some(path) = crate::files::save_xlsx(&app, &format!("{}（{}至{}）", table.title, *from, *to)) else { return Ok(None) };
    xlsx::write_table(&path, &table).map_err(|e| e.payload())?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
pub fn study_plans(store: State<Store>, year: Arg<i32>, quarter: Arg<u32>) -> Res<StudyPlans> {
    with(&store, |c| study::plans(c, *year, *quarter, dates::today()))
}

#[tauri::command]
pub fn study_save_plan(store: State<Store>, input: Arg<PlanInput>) -> Res<()> {
    with(&store, |c| study::save_plan(c, &actor(c)?, &input))
}

#[tauri::command]
pub fn study_pair(store: State<Store>, input: Arg<PairInput>) -> Res<Partner> {
    with(&store, |c| study::pair(c, &actor(c)?, &input))
}

#[tauri::command]
pub fn study_end_pairing(store: State<Store>, id: Arg<i64>, end_date: Arg<String>, result: Arg<String>) -> Res<()> {
    with(&store, |c| study::end_pairing(c, &actor(c)?, *id, &end_date, &result))
}

// ---- points (积分制) ----

use branchbook_core::points::{self, AddResult, Alert, Entry, EntryInput, EntryQuery, MemberHistory, MonthTable, Rule, RuleData, TableRequest, Talk, TalkInput};

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
        points::adopt_hundred(c, &actor(c)?, branchbook_core::kernel::dates::today())?;
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

/// The month's table, or the year workbook, saved where the secretary picks. `None` when cancelled.
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

// ---- data safety: backups, restore, the audit log, the lock ----

#[tauri::command]
pub fn backup_list(store: State<Store>) -> Res<Vec<backup::BackupInfo>> {
    with(&store, |_| backup::list_for(&store.path))
}

#[tauri::command]
pub fn backup_now(store: State<Store>) -> Res<backup::BackupInfo> {
    with(&store, |c| backup::make(c, &store.path, "manual").map(|p| backup::check(&p)))
}

/// 「备份到U盘」: a dated backup in a folder the secretary picks in the OS dialog. `None` when cancelled.
#[tauri::command]
pub async fn backup_to_usb<R: Runtime>(app: AppHandle<R>, store: State<'_, Store>) -> Res<Option<String>> {
    with(&store, |_| Ok(()))?;
    let Some(dir) = crate::files::pick_folder(&app) else { return Ok(None) };
    let dest = with(&store, |c| backup::to_usb(c, &dir, &actor(c)?))?;
    Ok(Some(dest.display().to_string()))
}

/// Restores one of the listed backups, named by its file name only: the page never hands over a path.
#[tauri::command]
pub fn backup_restore(store: State<Store>, file_name: Arg<String>, confirm_other: Arg<Option<bool>>) -> Res<backup::BackupInfo> {
    let path = backup::listed_backup(&store.path, &file_name).map_err(|e| e.payload())?;
    with(&store, |c| {
        let actor = actor(c)?;
        backup::restore(c, &store.path, &path, &actor, confirm_other.unwrap_or(false))
    })
}

/// Restores a backup from elsewhere (a USB stick), picked in the OS dialog. `None` when cancelled. With
/// `confirm_other` (after the page asked about another branch's backup) the file picked last time is used.
#[tauri::command]
pub async fn backup_restore_file<R: Runtime>(app: AppHandle<R>, store: State<'_, Store>, confirm_other: Arg<Option<bool>>) -> Res<Option<backup::BackupInfo>> {
    with(&store, |_| Ok(()))?;
    let confirm = confirm_other.unwrap_or(false);
    let picked = if confirm { crate::files::last_backup_pick() } else { crate::files::pick_backup(&app) };
    let Some(path) = picked else { return Ok(None) };
    with(&store, |c| {
        let actor = actor(c)?;
        backup::restore(c, &store.path, &path, &actor, confirm)
    })
    .map(Some)
}

/// The start screen's way out of a damaged data file: set it aside, copy the backup in, open it.
#[tauri::command]
pub fn backup_rescue(store: State<Store>, file_name: Arg<String>) -> Res<String> {
    let source = backup::rescue_source(&store.path, &file_name).map_err(|e| e.payload())?;
    let mut guard = store.conn.lock().unwrap_or_else(|p| p.into_inner());
    backup::may_rescue(guard.as_ref().map(|_| ()))?;
    let aside = backup::rescue(&store.path, &source).map_err(|e| e.payload())?;
    let conn = db::open(&store.path).map_err(|e| e.payload())?;
    store.locked.store(lock::status(&conn).map(|s| s.enabled).unwrap_or(false), Ordering::SeqCst);
    *guard = Ok(conn);
    Ok(aside.display().to_string())
}

// Off the main thread: a 20,000-member file keeps the window painting while this runs.
#[tauri::command(async)]
pub fn audit_query(store: State<Store>, query: Arg<audit::AuditQuery>) -> Res<audit::AuditPage> {
    with(&store, |c| audit::query(c, &query))
}

#[tauri::command]
pub async fn audit_export<R: Runtime>(app: AppHandle<R>, store: State<'_, Store>, query: Arg<audit::AuditQuery>) -> Res<Option<String>> {
    let table = with(&store, |c| audit::table(c, &query))?;
    let Some(path) = crate::files::save_xlsx(&app, &table.title) else { return Ok(None) };
    xlsx::write_table(&path, &table).map_err(|e| e.payload())?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
pub fn lock_set(store: State<Store>, current: Arg<Option<String>>, password: Arg<String>, idle_minutes: Arg<u32>) -> Res<lock::LockStatus> {
    with(&store, |c| lock::set(c, &actor(c)?, current.as_deref(), &password, *idle_minutes))
}

#[tauri::command]
pub fn lock_clear(store: State<Store>, password: Arg<String>) -> Res<lock::LockStatus> {
    with(&store, |c| lock::clear(c, &actor(c)?, Some(&password)))
}

/// Locks now (the idle timer, or the secretary leaving the desk).
#[tauri::command]
pub fn lock_now(store: State<Store>) -> Res<bool> {
    let enabled = unlocked(&store, |c| lock::status(c))?.enabled;
    store.locked.store(enabled, Ordering::SeqCst);
    Ok(enabled)
}

#[tauri::command]
pub fn lock_unlock(store: State<Store>, password: Arg<String>) -> Res<bool> {
    unlocked(&store, |c| lock::unlock(c, &password))?;
    store.locked.store(false, Ordering::SeqCst);
    Ok(true)
}

// ---- PDF: 打印 and 保存为 PDF through the core's own layout, and opening what was saved ----

use branchbook_core::store::pdf;
use branchbook_core::reports::print_docs::PdfRequest;

/// 保存为 PDF: the pages 打印 would print. `None` when the secretary cancelled.
#[tauri::command]
pub async fn pdf_save<R: Runtime>(app: AppHandle<R>, store: State<'_, Store>, request: Arg<PdfRequest>) -> Res<Option<String>> {
    let tables = with(&store, |c| request.tables(c))?;
    let name = tables.first().map(|t| t.title.clone()).unwrap_or_default();
    let Some(path) = crate::files::save_pdf(&app, &name) else { return Ok(None) };
    pdf::write(&path, &tables, &request.options()).map_err(|e| e.payload())?;
    Ok(Some(path.display().to_string()))
}

/// 打印: the PDF opened in the system's viewer, whose print dialog prints exactly these pages. Returns its path.
#[tauri::command]
pub async fn pdf_print(store: State<'_, Store>, request: Arg<PdfRequest>) -> Res<String> {
    let tables = with(&store, |c| request.tables(c))?;
    let bytes = pdf::render(&tables, &request.options()).map_err(|e| e.payload())?;
    let title = tables.first().map(|t| t.title.clone()).unwrap_or_default();
    let path = crate::files::print_pdf(&bytes, &title).map_err(io_error)?;
    Ok(path.display().to_string())
}

/// 打开文件 / 打开所在文件夹 after a save.
#[tauri::command]
pub fn open_saved(path: Arg<String>, folder: Arg<bool>) -> Res<()> {
    crate::files::open_saved(std::path::Path::new(&*path), *folder).map_err(io_error)
}

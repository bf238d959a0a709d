//! What every command shares: the open data file (the Store), the lock check around each call, the actor for the
//! audit log, the `Arg<T>` extractor that lets the core check every argument, and the one "save this table" helper.
use branchbook_core::kernel::print_table::PrintTable;
use branchbook_core::members::import::{PreviewRow, Sheet};
use branchbook_core::{org, store::xlsx, ErrorPayload};
use rusqlite::Connection;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use tauri::ipc::{CommandArg, CommandItem, InvokeBody, InvokeError};
use tauri::{AppHandle, Runtime};

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

/// The file being imported, between preview and commit, and what was rejected, for the report.
#[derive(Default)]
pub struct ImportSession {
    pub sheet: Option<(Sheet, usize)>,
    pub rejected: Vec<PreviewRow>,
}

pub type Res<T> = Result<T, ErrorPayload>;

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

/// Runs `f` on the open data file, unless the password lock is on.
pub fn with<T>(store: &Store, f: impl FnOnce(&mut Connection) -> branchbook_core::Result<T>) -> Res<T> {
    if store.locked.load(Ordering::SeqCst) {
        return Err(branchbook_core::Error::Locked.payload());
    }
    unlocked(store, f)
}

/// For the few commands that must work while locked (unlocking itself).
pub fn unlocked<T>(store: &Store, f: impl FnOnce(&mut Connection) -> branchbook_core::Result<T>) -> Res<T> {
    let mut guard = store.conn.lock().unwrap_or_else(|p| p.into_inner());
    let conn = guard.as_mut().map_err(|e| e.clone())?;
    f(conn).map_err(|e| e.payload())
}

/// The name written to the audit log: the branch secretary.
pub fn actor(conn: &Connection) -> branchbook_core::Result<String> {
    org::actor(conn)
}

/// Asks where to save a table (the OS dialog, suggesting `suggested` as the name) and writes it as .xlsx; returns
/// the path for 打开文件 / 打开所在文件夹. `None` when the secretary cancelled.
pub fn save_table<R: Runtime>(app: &AppHandle<R>, suggested: &str, table: &PrintTable) -> Res<Option<String>> {
    let Some(path) = crate::files::save_xlsx(app, suggested) else { return Ok(None) };
    xlsx::write_table(&path, table).map_err(|e| e.payload())?;
    Ok(Some(path.display().to_string()))
}

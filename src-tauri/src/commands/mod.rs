//! Tauri commands, one file per area of the core: adapters only. Each takes its arguments, calls the core, and
//! maps the error to `{code, message}`. A `#[tauri::command]` function in one of these files is all it takes to
//! register and permit a command: build.rs finds it (see there), plus its row in that file's `ipc_args`.
pub mod app;
pub mod appraisal;
pub mod care;
pub mod development;
pub mod dues;
pub mod meetings;
pub mod members;
pub mod mobile;
pub mod org;
pub mod points;
pub mod print;
pub mod reports;
pub mod safety;
pub mod settings;
mod state;

pub use state::{ImportSession, Store};

/// Every area's `ipc_args`, for the test that drives every command with bad arguments.
#[cfg(test)]
pub(crate) fn ipc_args() -> Vec<crate::ipc_tests::Row> {
    [app::ipc_args(), org::ipc_args(), settings::ipc_args(), members::ipc_args(), meetings::ipc_args(), points::ipc_args(), dues::ipc_args(), development::ipc_args(),
        mobile::ipc_args(), care::ipc_args(), appraisal::ipc_args(),
        safety::ipc_args(), reports::ipc_args(), print::ipc_args()]
    .concat()
}

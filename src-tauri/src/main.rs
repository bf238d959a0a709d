//! BranchBook (支部台账) desktop shell: opens the data file and registers the commands; all logic is in the core.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

// `app_commands!()`: every `#[tauri::command]` in src/commands/, found by build.rs; registered below and driven by
// `ipc_tests` with bad arguments.
include!(concat!(env!("OUT_DIR"), "/app_commands.rs"));

mod commands;
mod files;
#[cfg(test)]
mod ipc_tests;
mod bindings;

use branchbook_core::{safety::backup, store::db, safety::lock};
use std::sync::atomic::AtomicBool;
use std::path::PathBuf;
use std::sync::Mutex;
use tauri::Manager;

/// `--db PATH` or `--db=PATH`; everything else is left to Tauri.
fn db_flag() -> Option<PathBuf> {
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--db" {
            return args.next().map(PathBuf::from);
        }
        if let Some(p) = a.strip_prefix("--db=") {
            return Some(PathBuf::from(p));
        }
    }
    None
}

fn main() {
    let path = db::resolve_path(db_flag());
    files::set_data_path(&path);
    // The data file's OS lock, held until the process ends: no other BranchBook process (a second app, the CLI)
    // can open the file, checkpoint it or delete its WAL while this one writes to it. `db::open` runs quick_check
    // before it writes anything.
    // The lock is kept even when the file does not open (damaged): the rescue then works on it undisturbed.
    let (data_lock, conn) = match db::lock(&path) {
        Ok(l) => (Some(l), db::open(&path)),
        Err(e) => (None, Err(e)),
    };
    let locked = conn.as_ref().ok().and_then(|c| lock::status(c).ok()).is_some_and(|s| s.enabled);
    // The day's first start backs up before anything changes; a failure is reported, never fatal.
    let startup_backup = conn.as_ref().ok().map(|c| match backup::auto(c, &path, false) {
        Ok(Some(p)) => format!("今天首次启动，已自动备份到 {}", p.display()),
        Ok(None) => "今天已经自动备份过".to_string(),
        Err(e) => format!("自动备份失败：{}", e.message()),
    });
    let store = commands::Store {
        path,
        conn: Mutex::new(conn.map_err(|e| e.payload())),
        locked: AtomicBool::new(locked),
        startup_backup: Mutex::new(startup_backup),
    };
    let app = tauri::Builder::default()
        // A second launch brings the open window forward instead of opening the file twice.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.set_focus();
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let configured = app.config().app.windows.first().map(|c| (c.width, c.height)).unwrap_or((1280.0, 820.0));
            if let Some(w) = app.get_webview_window("main") {
                fit_to_screen(&w, configured);
            }
            Ok(())
        })
        .manage(store)
        .manage(Mutex::new(commands::ImportSession::default()))
        .invoke_handler(app_commands!())
        .build(tauri::generate_context!())
        .expect("error while starting BranchBook");
    app.run(move |handle, event| {
        let _hold = &data_lock;
        // On exit the day's changes go into a backup too.
        if let tauri::RunEvent::Exit = event {
            let store = handle.state::<commands::Store>();
            let mut guard = store.conn.lock().unwrap_or_else(|p| p.into_inner());
            if let Ok(conn) = guard.as_ref() {
                let _ = backup::auto(conn, &store.path, true);
            }
            // Closed, not left to the process's end: SQLite folds the WAL back into branchbook.db, so a copy of that
            // file alone made after closing holds everything.
            if let Ok(conn) = std::mem::replace(&mut *guard, Err(branchbook_core::Error::NotSetUp.payload())) {
                let _ = branchbook_core::store::db::close(conn);
            }
        }
    });
}

/// The window opens at 1280×820 (tauri.conf.json). On a smaller screen — the 1366×768 laptops many offices have —
/// its foot, where the dialogs' buttons are, would hang below the screen: it is shrunk to the screen's work area.
fn fit_to_screen<R: tauri::Runtime>(w: &tauri::WebviewWindow<R>, configured: (f64, f64)) {
    let Ok(Some(monitor)) = w.current_monitor() else { return };
    // Without a desktop (a bare X server) the work area is empty: the whole screen is.
    let work = monitor.work_area();
    let (origin, area) = if work.size.width > 0 && work.size.height > 0 { (work.position, work.size) } else { (*monitor.position(), *monitor.size()) };
    let want: tauri::PhysicalSize<u32> = tauri::LogicalSize::new(configured.0, configured.1).to_physical(monitor.scale_factor());
    // The frame the desktop draws around the window, when it is known yet (before the window is shown GTK
    // answers nonsense for the outer size; a frame is a title bar and borders, never hundreds of pixels).
    let frame = match (w.outer_size(), w.inner_size()) {
        (Ok(o), Ok(i)) if o.width >= i.width && o.height >= i.height && o.width - i.width < 100 && o.height - i.height < 200 => {
            (o.width - i.width, o.height - i.height)
        }
        _ => (0, 0),
    };
    if want.width + frame.0 <= area.width && want.height + frame.1 <= area.height {
        return;
    }
    let width = area.width.saturating_sub(frame.0).min(want.width).max(1);
    let height = area.height.saturating_sub(frame.1).min(want.height).max(1);
    let _ = w.set_size(tauri::PhysicalSize::new(width, height));
    // Placed by hand: before the window is shown its size is not known yet, and `center` would use nothing.
    let x = origin.x + (area.width.saturating_sub(width + frame.0) / 2) as i32;
    let y = origin.y + (area.height.saturating_sub(height + frame.1) / 2) as i32;
    let _ = w.set_position(tauri::PhysicalPosition::new(x, y));
}

//! BranchBook (支部台账) desktop shell: opens the data file and registers the commands; all logic is in the core.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod files;

use branchbook_core::db;
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
    let conn = db::open(&path).map(Mutex::new).map_err(|e| e.payload());
    tauri::Builder::default()
        // A second launch brings the open window forward instead of opening the file twice.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.set_focus();
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        .manage(commands::Store { path, conn })
        .manage(Mutex::new(commands::ImportSession::default()))
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::code_lists,
            commands::org_get,
            commands::org_setup,
            commands::org_load_demo,
            commands::org_update,
            commands::org_add_branch,
            commands::org_add_group,
            commands::org_update_group,
            commands::settings_get,
            commands::settings_update,
            commands::member_list,
            commands::member_detail,
            commands::member_create,
            commands::member_update,
            commands::member_change_status,
            commands::member_reclassify,
            commands::class_overview,
            commands::home_todos,
            commands::roster_columns,
            commands::roster_table,
            commands::sign_in_table,
            commands::export_xlsx,
            commands::import_open,
            commands::import_remap,
            commands::import_commit,
            commands::import_save_report,
            commands::meeting_list,
            commands::meeting_detail,
            commands::meeting_expected,
            commands::meeting_create,
            commands::meeting_update,
            commands::meeting_cancel,
            commands::meeting_makeup,
            commands::meeting_calendar,
            commands::meeting_sign_in,
            commands::participation_report,
            commands::participation_member,
            commands::participation_inactive,
            commands::participation_table,
            commands::participation_export,
            commands::study_plans,
            commands::study_save_plan,
            commands::study_pair,
            commands::study_end_pairing,
            commands::points_rules,
            commands::points_rule_create,
            commands::points_rule_update,
            commands::points_rule_set_active,
            commands::points_add,
            commands::points_void,
            commands::points_entries,
            commands::points_table,
            commands::points_alerts,
            commands::points_talk,
            commands::points_member_history,
            commands::points_print_table,
            commands::points_notice_table,
            commands::points_export,
        ])
        .run(tauri::generate_context!())
        .expect("error while running BranchBook");
}

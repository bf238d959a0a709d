//! Native open and save dialogs, opened from Rust so the webview never hands the core a path.
use std::path::PathBuf;
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

/// End-to-end tests cannot drive the OS file dialog: with this variable set, "open" returns the file named
/// `import.*` in that folder and "save" writes into it. Nothing else changes.
const E2E_PICK_DIR: &str = "BRANCHBOOK_E2E_PICK_DIR";

fn e2e_dir() -> Option<PathBuf> {
    std::env::var_os(E2E_PICK_DIR).map(PathBuf::from)
}

pub fn pick_spreadsheet<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    if let Some(dir) = e2e_dir() {
        return std::fs::read_dir(dir).ok()?.flatten().map(|e| e.path()).find(|p| {
            p.file_stem().is_some_and(|s| s == "import")
        });
    }
    app.dialog()
        .file()
        .set_title("选择要导入的花名册")
        .add_filter("表格文件（Excel、CSV）", &["xlsx", "xls", "xlsm", "csv"])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

pub fn save_xlsx<R: Runtime>(app: &AppHandle<R>, suggested: &str) -> Option<PathBuf> {
    let name = format!("{}.xlsx", suggested.replace(['/', '\\', ':', '*', '?', '"', '<', '>', '|'], "_"));
    if let Some(dir) = e2e_dir() {
        return Some(dir.join(name));
    }
    app.dialog()
        .file()
        .set_title("保存为 Excel 表格")
        .set_file_name(&name)
        .add_filter("Excel 表格", &["xlsx"])
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
        .map(|p| if p.extension().is_none() { p.with_extension("xlsx") } else { p })
}

/// A folder for 「备份到U盘」.
pub fn pick_folder<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    if let Some(dir) = e2e_dir() {
        return Some(dir);
    }
    app.dialog().file().set_title("选择U盘或保存备份的文件夹").blocking_pick_folder().and_then(|p| p.into_path().ok())
}

/// A backup file from elsewhere, to restore.
pub fn pick_backup<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    if let Some(dir) = e2e_dir() {
        return std::fs::read_dir(dir).ok()?.flatten().map(|e| e.path()).find(|p| p.file_stem().is_some_and(|s| s == "restore"));
    }
    app.dialog()
        .file()
        .set_title("选择要恢复的备份文件")
        .add_filter("支部台账备份", &["db"])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

//! Native open and save dialogs, opened from Rust so the webview never hands the core a path.
use branchbook_core::store::db;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder};

/// The open data file, set once at start: dialogs must never open in its folder (see [`db::dialog_folder`]).
static DATA_PATH: OnceLock<PathBuf> = OnceLock::new();
/// The last folder the secretary chose, per purpose ("export", "import", "usb", "restore"), for this session.
static LAST: Mutex<Option<HashMap<&'static str, PathBuf>>> = Mutex::new(None);
/// The backup file picked last, for the retry after the page asked about another branch's backup.
static LAST_BACKUP: Mutex<Option<PathBuf>> = Mutex::new(None);
/// Files the secretary saved in this session: the only ones 打开文件 / 打开所在文件夹 may open, so the page can never
/// make the app open an arbitrary path.
static SAVED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A file name from a table title: characters Windows forbids in names become "_".
fn safe_name(title: &str, ext: &str) -> String {
    format!("{}.{ext}", title.replace(['/', '\\', ':', '*', '?', '"', '<', '>', '|'], "_"))
}

/// Notes a file the app is about to write at the secretary's choice.
pub fn saved(path: PathBuf) -> PathBuf {
    SAVED.lock().unwrap_or_else(|p| p.into_inner()).push(path.clone());
    path
}

pub fn set_data_path(path: &Path) {
    let _ = DATA_PATH.set(path.to_path_buf());
}

/// Every dialog starts in the folder [`db::dialog_folder`] chooses for its purpose.
fn start<R: Runtime>(builder: FileDialogBuilder<R>, purpose: &'static str) -> FileDialogBuilder<R> {
    let remembered = LAST.lock().unwrap_or_else(|p| p.into_inner()).as_ref().and_then(|m| m.get(purpose).cloned());
    let data = DATA_PATH.get().cloned().unwrap_or_else(db::default_path);
    builder.set_directory(db::dialog_folder(&data, remembered))
}

/// Remembers the folder of what was chosen (a file's folder, or the folder itself).
fn remember(purpose: &'static str, chosen: Option<PathBuf>, is_folder: bool) -> Option<PathBuf> {
    if let Some(p) = &chosen {
        let dir = if is_folder { Some(p.clone()) } else { p.parent().map(Path::to_path_buf) };
        if let Some(dir) = dir {
            LAST.lock().unwrap_or_else(|p| p.into_inner()).get_or_insert_with(HashMap::new).insert(purpose, dir);
        }
    }
    chosen
}

pub fn last_backup_pick() -> Option<PathBuf> {
    LAST_BACKUP.lock().unwrap_or_else(|p| p.into_inner()).clone()
}

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
    let picked = start(app.dialog().file(), "import")
        .set_title("选择要导入的花名册")
        .add_filter("表格文件（Excel、CSV）", &["xlsx", "xls", "xlsm", "csv"])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok());
    remember("import", picked, false)
}

pub fn save_xlsx<R: Runtime>(app: &AppHandle<R>, suggested: &str) -> Option<PathBuf> {
    let name = safe_name(suggested, "xlsx");
    if let Some(dir) = e2e_dir() {
        return Some(saved(dir.join(name)));
    }
    let picked = start(app.dialog().file(), "export")
        .set_title("保存为 Excel 表格")
        .set_file_name(&name)
        .add_filter("Excel 表格", &["xlsx"])
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
        .map(|p| if p.extension().is_none() { p.with_extension("xlsx") } else { p });
    remember("export", picked, false).map(saved)
}

/// A folder for 「备份到U盘」.
pub fn pick_folder<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    if let Some(dir) = e2e_dir() {
        return Some(dir);
    }
    let picked = start(app.dialog().file(), "usb").set_title("选择U盘或保存备份的文件夹").blocking_pick_folder().and_then(|p| p.into_path().ok());
    remember("usb", picked, true)
}

/// 乡镇汇总: the branches' packages, several files at once. In E2E runs, the .xlsx files of `packages/` in the pick
/// folder.
pub fn pick_packages<R: Runtime>(app: &AppHandle<R>) -> Vec<PathBuf> {
    if let Some(dir) = e2e_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("packages")).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
        files.sort();
        return files;
    }
    let picked: Vec<PathBuf> = start(app.dialog().file(), "township")
        .set_title("选择各支部的党内统计上报包（可多选）")
        .add_filter("Excel 表格", &["xlsx"])
        .blocking_pick_files()
        .map(|v| v.into_iter().filter_map(|p| p.into_path().ok()).collect())
        .unwrap_or_default();
    remember("township", picked.first().cloned(), false);
    picked
}

/// 乡镇汇总: a folder holding the branches' packages. In E2E runs, `packages/` in the pick folder.
pub fn pick_package_folder<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    if let Some(dir) = e2e_dir() {
        return Some(dir.join("packages"));
    }
    let picked = start(app.dialog().file(), "township").set_title("选择存放各支部上报包的文件夹").blocking_pick_folder().and_then(|p| p.into_path().ok());
    remember("township", picked, true)
}

/// A backup file from elsewhere, to restore.
pub fn pick_backup<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    let picked = if let Some(dir) = e2e_dir() {
        std::fs::read_dir(dir).ok()?.flatten().map(|e| e.path()).find(|p| p.file_stem().is_some_and(|s| s == "restore"))
    } else {
        let picked = start(app.dialog().file(), "restore")
            .set_title("选择要恢复的备份文件")
            .add_filter("支部台账备份", &["db"])
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok());
        remember("restore", picked, false)
    };
    *LAST_BACKUP.lock().unwrap_or_else(|p| p.into_inner()) = picked.clone();
    picked
}

/// Where to save a PDF of a printed table.
pub fn save_pdf<R: Runtime>(app: &AppHandle<R>, suggested: &str) -> Option<PathBuf> {
    let name = safe_name(suggested, "pdf");
    if let Some(dir) = e2e_dir() {
        return Some(saved(dir.join(name)));
    }
    let picked = start(app.dialog().file(), "export")
        .set_title("保存为 PDF")
        .set_file_name(&name)
        .add_filter("PDF 文件", &["pdf"])
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
        .map(|p| if p.extension().is_none() { p.with_extension("pdf") } else { p });
    remember("export", picked, false).map(saved)
}

/// A PDF to print: written to the temp folder and opened in the system's PDF viewer, whose print dialog prints
/// exactly these pages. In E2E runs it is written to the pick folder and not opened.
pub fn print_pdf(bytes: &[u8], title: &str) -> Result<PathBuf, branchbook_core::Error> {
    let name = safe_name(&format!("{title}-{}", std::process::id()), "pdf");
    if let Some(dir) = e2e_dir() {
        let path = saved(dir.join(name));
        std::fs::write(&path, bytes).map_err(|e| branchbook_core::Error::writing(&path, &e))?;
        return Ok(path);
    }
    let tmp = std::env::temp_dir();
    let dir = print_dir().map_err(|e| branchbook_core::Error::writing(&tmp.join("branchbook-print"), &e))?;
    let path = saved(dir.join(name));
    write_private(&path, bytes).map_err(|e| branchbook_core::Error::writing(&path, &e))?;
    open_path(&path)?;
    Ok(path)
}

/// Where 打印 puts its PDF: a folder of this user's own. /tmp is shared on Linux and a printed roster may hold
/// full ID numbers, so the folder is readable by its owner only (Windows' %TEMP% is already the user's).
fn print_dir() -> std::io::Result<PathBuf> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
        let uid = std::fs::metadata(std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| "/".into()))?.uid();
        let dir = std::env::temp_dir().join(format!("branchbook-print-{uid}"));
        if !dir.exists() {
            std::fs::DirBuilder::new().mode(0o700).create(&dir)?;
        }
        let meta = std::fs::symlink_metadata(&dir)?;
        if !meta.is_dir() || meta.uid() != uid {
            return Err(std::io::Error::new(std::io::ErrorKind::PermissionDenied, format!("临时文件夹 {} 不属于当前用户", dir.display())));
        }
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))?;
        Ok(dir)
    }
    #[cfg(not(unix))]
    {
        let dir = std::env::temp_dir().join("branchbook-print");
        std::fs::create_dir_all(&dir)?;
        Ok(dir)
    }
}

fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path)?.write_all(bytes)
}

/// Opens a saved table (.xlsx, .pdf) in its program, or its folder. Only these kinds of file: the webview names
/// the path, so nothing it names can be run.
pub fn open_saved(path: &std::path::Path, folder: bool) -> Result<(), branchbook_core::Error> {
    let ok = path.is_file() && SAVED.lock().unwrap_or_else(|p| p.into_inner()).iter().any(|p| p == path);
    if !ok {
        return Err(branchbook_core::Error::reading(path, &std::io::Error::from(std::io::ErrorKind::NotFound)));
    }
    if e2e_dir().is_some() {
        return Ok(());
    }
    if folder {
        open_path(path.parent().unwrap_or(path))
    } else {
        open_path(path)
    }
}

fn open_path(path: &std::path::Path) -> Result<(), branchbook_core::Error> {
    // The opener's own text is the OS's: the secretary reads what to do instead.
    opener::open(path).map_err(|_| branchbook_core::Error::File {
        code: "OPEN_FAILED",
        path: path.display().to_string(),
        message: format!("无法用系统程序打开“{}”：请确认电脑上装有能打开这类文件的程序（如 WPS 或 PDF 阅读器），或到这个文件夹中自己打开它", path.display()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_file_saved_in_this_session_can_be_opened_from_the_page() {
        let dir = tempfile::tempdir().unwrap();
        // In E2E mode nothing is launched, so the test opens nothing on the machine.
        std::env::set_var(E2E_PICK_DIR, dir.path());
        let other = dir.path().join("别的文件.pdf");
        std::fs::write(&other, b"%PDF").unwrap();
        assert!(open_saved(&other, false).is_err(), "a path the page names but the app did not save");
        let mine = print_pdf(b"%PDF-1.7", "党员花名册").unwrap();
        assert!(open_saved(&mine, false).is_ok());
        assert!(open_saved(&mine, true).is_ok());
    }
}

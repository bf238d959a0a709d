//! 打印 and 导出: saving a printable table (花名册, 签到表) as xlsx, 保存为 PDF and 打印 through the core's own layout,
//! and opening what was saved.
use super::state::{save_table, with, Arg, Res, Store};
use branchbook_core::meetings::sign_in::{self, SignInRequest};
use branchbook_core::members::roster::{self, RosterRequest};
use branchbook_core::reports::print_docs::PdfRequest;
use branchbook_core::store::pdf;
use tauri::{AppHandle, Runtime, State};

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
    save_table(&app, &table.title, &table)
}

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
    let path = crate::files::print_pdf(&bytes, &title).map_err(|e| e.payload())?;
    Ok(path.display().to_string())
}

/// 打开文件 / 打开所在文件夹 after a save.
#[tauri::command]
pub fn open_saved(path: Arg<String>, folder: Arg<bool>) -> Res<()> {
    crate::files::open_saved(std::path::Path::new(&*path), *folder).map_err(|e| e.payload())
}

/// Each command's arguments as the page sends them, for `ipc_tests` (see there).
#[cfg(test)]
pub(crate) fn ipc_args() -> Vec<crate::ipc_tests::Row> {
    use serde_json::json;
    vec![
        ("export_xlsx", vec![("?roster", json!({}), json!("x")), ("?signIn", json!({}), json!("x")), ("?meetingId", json!(1), json!("一"))]),
        ("pdf_save", vec![("request", json!({}), json!("x"))]),
        ("pdf_print", vec![("request", json!({}), json!("x"))]),
        ("open_saved", vec![("path", json!("/nonexistent.pdf"), json!(5)), ("folder", json!(false), json!("否"))]),
    ]
}

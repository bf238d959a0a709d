//! Every registered command, driven through the real command layer (Tauri's mock runtime), with each argument
//! missing, null and of the wrong type: the page must always get a Chinese `{code, message, fields}` naming the
//! field, never Tauri's internal "invalid args" text (shown as 程序内部通信出错), and nothing may panic.
use crate::commands::{self, ImportSession, Store};
use serde_json::{json, Map, Value};
use std::sync::atomic::AtomicBool;
use std::sync::Mutex;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

/// Each command's arguments as the page sends them (camelCase), in order: key (`?` = optional), a value of the
/// right type, a value of the wrong type.
fn table() -> Vec<(&'static str, Vec<(&'static str, Value, Value)>)> {
    vec![
        ("app_info", vec![]),
        ("code_lists", vec![]),
        ("org_get", vec![]),
        ("org_setup", vec![("input", json!({}), json!("x"))]),
        ("org_load_demo", vec![]),
        ("org_update", vec![("name", json!("2026-01"), json!(5)), ("secretary", json!("2026-01"), json!(5))]),
        ("org_add_branch", vec![("name", json!("2026-01"), json!(5))]),
        ("org_add_group", vec![("branchId", json!(1), json!("一")), ("name", json!("2026-01"), json!(5))]),
        ("org_update_group", vec![("id", json!(1), json!("一")), ("name", json!("2026-01"), json!(5)), ("active", json!(true), json!("是"))]),
        ("settings_get", vec![]),
        ("settings_update", vec![("settings", json!({}), json!("x"))]),
        ("member_list", vec![("query", json!({}), json!("x"))]),
        ("member_detail", vec![("id", json!(1), json!("一"))]),
        ("member_create", vec![("input", json!({}), json!("x"))]),
        ("member_update", vec![("id", json!(1), json!("一")), ("input", json!({}), json!("x")), ("?classReason", json!("2026-01"), json!(5))]),
        ("member_change_status", vec![("id", json!(1), json!("一")), ("change", json!({}), json!("x"))]),
        ("member_reclassify", vec![("id", json!(1), json!("一")), ("change", json!({}), json!("x"))]),
        ("member_reclassify_many", vec![("ids", json!([1]), json!("一")), ("change", json!({}), json!("x"))]),
        ("class_overview", vec![("?refDate", json!("2026-01"), json!(5))]),
        ("home_todos", vec![]),
        ("roster_columns", vec![]),
        ("roster_table", vec![("request", json!({}), json!("x"))]),
        ("sign_in_table", vec![("request", json!({}), json!("x"))]),
        ("export_xlsx", vec![("?roster", json!({}), json!("x")), ("?signIn", json!({}), json!("x")), ("?meetingId", json!(1), json!("一"))]),
        ("import_open", vec![]),
        ("import_remap", vec![("mapping", json!([]), json!({}))]),
        ("import_commit", vec![("options", json!({}), json!("x"))]),
        ("import_save_report", vec![]),
        ("meeting_list", vec![("query", json!({}), json!("x"))]),
        ("meeting_detail", vec![("id", json!(1), json!("一"))]),
        ("meeting_expected", vec![("kind", json!("2026-01"), json!(5)), ("?branchId", json!(1), json!("一")), ("?groupId", json!(1), json!("一"))]),
        ("meeting_lost_contact", vec![("?branchId", json!(1), json!("一"))]),
        ("meeting_create", vec![("input", json!({}), json!("x"))]),
        ("meeting_update", vec![("id", json!(1), json!("一")), ("input", json!({}), json!("x"))]),
        ("meeting_cancel", vec![("id", json!(1), json!("一")), ("reason", json!("2026-01"), json!(5))]),
        ("meeting_makeup", vec![("makeup", json!({}), json!("x"))]),
        ("meeting_calendar", vec![("request", json!({}), json!("x"))]),
        ("meeting_sign_in", vec![("id", json!(1), json!("一")), ("blankRows", json!(1), json!("一"))]),
        ("participation_report", vec![("from", json!("2026-01"), json!(5)), ("to", json!("2026-01"), json!(5))]),
        ("participation_member", vec![("id", json!(1), json!("一")), ("from", json!("2026-01"), json!(5)), ("to", json!("2026-01"), json!(5))]),
        ("participation_inactive", vec![("months", json!(1), json!("一"))]),
        ("participation_table", vec![("from", json!("2026-01"), json!(5)), ("to", json!("2026-01"), json!(5))]),
        ("participation_export", vec![("from", json!("2026-01"), json!(5)), ("to", json!("2026-01"), json!(5))]),
        ("study_plans", vec![("year", json!(1), json!("一")), ("quarter", json!(1), json!("一"))]),
        ("study_save_plan", vec![("input", json!({}), json!("x"))]),
        ("study_pair", vec![("input", json!({}), json!("x"))]),
        ("study_end_pairing", vec![("id", json!(1), json!("一")), ("endDate", json!("2026-01"), json!(5)), ("result", json!("2026-01"), json!(5))]),
        ("points_rules", vec![("includeRetired", json!(true), json!("是"))]),
        ("points_rule_create", vec![("input", json!({}), json!("x"))]),
        ("points_rule_update", vec![("id", json!(1), json!("一")), ("input", json!({}), json!("x"))]),
        ("points_rule_set_active", vec![("id", json!(1), json!("一")), ("active", json!(true), json!("是"))]),
        ("points_adopt_hundred", vec![]),
        ("points_add", vec![("input", json!({}), json!("x"))]),
        ("points_void", vec![("id", json!(1), json!("一")), ("reason", json!("2026-01"), json!(5))]),
        ("points_entries", vec![("query", json!({}), json!("x"))]),
        ("points_table", vec![("request", json!({}), json!("x"))]),
        ("points_alerts", vec![("month", json!("2026-01"), json!(5))]),
        ("points_talk", vec![("input", json!({}), json!("x"))]),
        ("points_member_history", vec![("id", json!(1), json!("一")), ("year", json!(1), json!("一"))]),
        ("points_print_table", vec![("month", json!("2026-01"), json!(5)), ("?groupId", json!(1), json!("一"))]),
        ("points_notice_table", vec![("month", json!("2026-01"), json!(5)), ("from", json!("2026-01"), json!(5)), ("to", json!("2026-01"), json!(5))]),
        ("points_export", vec![("?month", json!("2026-01"), json!(5)), ("?year", json!(1), json!("一"))]),
        ("backup_list", vec![]),
        ("backup_now", vec![]),
        ("backup_to_usb", vec![]),
        ("backup_restore", vec![("fileName", json!("2026-01"), json!(5)), ("?confirmOther", json!(true), json!("是"))]),
        ("backup_restore_file", vec![("?confirmOther", json!(true), json!("是"))]),
        ("backup_rescue", vec![("fileName", json!("2026-01"), json!(5))]),
        ("pdf_save", vec![("request", json!({}), json!("x"))]),
        ("pdf_print", vec![("request", json!({}), json!("x"))]),
        ("open_saved", vec![("path", json!("/nonexistent.pdf"), json!(5)), ("folder", json!(false), json!("否"))]),
        ("audit_query", vec![("query", json!({}), json!("x"))]),
        ("audit_export", vec![("query", json!({}), json!("x"))]),
        ("lock_set", vec![("?current", json!("2026-01"), json!(5)), ("password", json!("2026-01"), json!(5)), ("idleMinutes", json!(1), json!("一"))]),
        ("lock_clear", vec![("password", json!("2026-01"), json!(5))]),
        ("lock_now", vec![]),
        ("lock_unlock", vec![("password", json!("2026-01"), json!(5))]),
    ]
}

fn app(dir: &std::path::Path) -> (App<MockRuntime>, WebviewWindow<MockRuntime>) {
    let path = dir.join("ipc.db");
    let conn = branchbook_core::store::db::open(&path).unwrap();
    let store = Store { path, conn: Mutex::new(Ok(conn)), locked: AtomicBool::new(false), startup_backup: Mutex::new(None) };
    let app = mock_builder()
        .manage(store)
        .manage(Mutex::new(ImportSession::default()))
        .invoke_handler(app_commands!())
        .build(mock_context(noop_assets()))
        .unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    (app, webview)
}

fn invoke(webview: &WebviewWindow<MockRuntime>, cmd: &str, args: Map<String, Value>) -> Result<Value, Value> {
    get_ipc_response(
        webview,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(Value::Object(args)),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|b| b.deserialize::<Value>().unwrap())
}

fn snake(key: &str) -> String {
    branchbook_core::kernel::args::snake(key)
}

/// A rejection the page can show: an object with a stable code, a Chinese sentence without programmer's English,
/// and the field it is about.
fn assert_chinese(case: &str, got: Result<Value, Value>, code: &str, field: &str) {
    let e = match got {
        Err(e) => e,
        Ok(v) => panic!("{case}: expected a rejection, got {v}"),
    };
    assert!(e.is_object(), "{case}: the rejection is not {{code, message}} but {e}");
    let message = e["message"].as_str().unwrap_or_default();
    assert_eq!(e["code"], code, "{case}: {e}");
    assert!(message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{case}: not Chinese: {message}");
    for english in ["invalid", "expected", "missing", "command", "`", "null"] {
        assert!(!message.contains(english), "{case}: internal text in {message}");
    }
    assert_eq!(e["fields"][0]["field"], field, "{case}: {e}");
}

#[test]
fn every_command_answers_bad_arguments_in_chinese() {
    let registered: Vec<&str> = include_str!("main.rs")
        .split("generate_handler![")
        .nth(1)
        .and_then(|s| s.split(']').next())
        .unwrap()
        .split(',')
        .filter_map(|c| c.trim().strip_prefix("commands::"))
        .collect();
    let table = table();
    for cmd in &registered {
        assert!(table.iter().any(|(c, _)| c == cmd), "command {cmd} is registered but not in this test's table");
    }
    let dir = tempfile::tempdir().unwrap();
    let (_app, webview) = app(dir.path());
    let mut cases = 0;
    for (cmd, args) in &table {
        for (i, (key, _, wrong)) in args.iter().enumerate() {
            let optional = key.starts_with('?');
            let key = key.trim_start_matches('?');
            let before: Map<String, Value> =
                args[..i].iter().map(|(k, valid, _)| (k.trim_start_matches('?').to_string(), valid.clone())).collect();
            let mut with = |v: Option<Value>| {
                let mut m = before.clone();
                if let Some(v) = v {
                    m.insert(key.to_string(), v);
                }
                cases += 1;
                invoke(&webview, cmd, m)
            };
            if !optional {
                assert_chinese(&format!("{cmd} without {key}"), with(None), "REQUIRED", &snake(key));
                assert_chinese(&format!("{cmd} with {key} null"), with(Some(Value::Null)), "REQUIRED", &snake(key));
            }
            assert_chinese(&format!("{cmd} with {key} = {wrong}"), with(Some(wrong.clone())), "INVALID", &snake(key));
        }
    }
    assert!(cases > 150, "only {cases} cases ran");
}

/// The member form sends null for an empty 姓名: that is 请填写姓名 under the field, new or edit.
#[test]
fn empty_name_on_the_member_form_is_a_field_error() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, webview) = app(dir.path());
    let input = json!({"name": null, "sex": "1", "tags": []});
    let create = invoke(&webview, "member_create", Map::from_iter([("input".to_string(), input.clone())]));
    assert_chinese("member_create", create.clone(), "REQUIRED", "name");
    assert_eq!(create.unwrap_err()["message"], "请填写姓名");
    let update = invoke(&webview, "member_update", Map::from_iter([("id".to_string(), json!(1)), ("input".to_string(), input)]));
    assert_chinese("member_update", update, "REQUIRED", "name");
    let wrong = invoke(&webview, "member_create", Map::from_iter([("input".to_string(), json!({"name": "张三", "branch_id": "一"}))]));
    assert_chinese("member_create", wrong.clone(), "INVALID", "branch_id");
    assert_eq!(wrong.unwrap_err()["message"], "所在支部应填写整数");
}

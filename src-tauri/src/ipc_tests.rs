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

/// One command's arguments as the page sends them (camelCase), in order: key (`?` = optional), a value of the
/// right type, a value of the wrong type. Each area's rows are beside its commands (`commands::<area>::ipc_args`).
pub(crate) type Row = (&'static str, Vec<(&'static str, Value, Value)>);

fn table() -> Vec<Row> {
    commands::ipc_args()
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
    let table = table();
    for cmd in crate::COMMAND_NAMES {
        assert!(table.iter().any(|(c, _)| c == cmd), "command {cmd} is registered but not in its area's ipc_args");
    }
    for (cmd, _) in &table {
        assert!(crate::COMMAND_NAMES.contains(cmd), "{cmd} is in ipc_args but no command of that name is registered");
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

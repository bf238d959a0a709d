//! The shell's security settings, read from the files the build uses: one capability that grants exactly the app's
//! own commands (no fs, shell, http, sql or dialog permission for the webview), and an explicit CSP.
use std::path::Path;

fn shell_file(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../src-tauri").join(name)).unwrap()
}

/// The app's commands, read from the sources the way build.rs registers them: every `#[tauri::command]` function in
/// src-tauri/src/commands/*.rs. Read here independently, so a stale permissions/app.toml fails this test.
fn declared_commands() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src-tauri/src/commands");
    let mut commands = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let source = std::fs::read_to_string(entry.path()).unwrap();
        let mut attribute = false;
        for line in source.lines().map(str::trim) {
            if line.starts_with("#[tauri::command") {
                attribute = true;
            } else if attribute && line.starts_with("pub ") {
                commands.push(line.split("fn ").nth(1).unwrap().split(['(', '<']).next().unwrap().trim().to_string());
                attribute = false;
            }
        }
    }
    commands
}

#[test]
fn the_capability_grants_exactly_the_apps_own_commands() {
    let commands = declared_commands();
    assert!(commands.len() > 50, "{}", commands.len());
    let caps: serde_json::Value = serde_json::from_str(&shell_file("capabilities/main.json")).unwrap();
    let granted: Vec<&str> = caps["permissions"].as_array().unwrap().iter().map(|p| p.as_str().expect("plain permission names only")).collect();
    assert_eq!(granted, ["app-commands"], "one permission set, the app's own commands");
    assert_eq!(caps["windows"], serde_json::json!(["main"]));
    // The set, as Tauri reads it: the quoted names in `permissions = [...]` of its [[set]].
    let set = shell_file("permissions/app.toml");
    assert_eq!(set.matches("[[set]]").count(), 1, "{set}");
    assert!(set.contains("identifier = \"app-commands\""), "{set}");
    let allowed: Vec<&str> = set.split_once("permissions = [").unwrap().1.split_once(']').unwrap().0.split('"').skip(1).step_by(2).collect();
    assert!(allowed.iter().all(|p| !p.contains(':')), "no plugin permission (fs, shell, http, sql, dialog) for the webview");
    let wanted: Vec<String> = commands.iter().map(|c| format!("allow-{}", c.replace('_', "-"))).collect();
    let mut a: Vec<&str> = allowed.clone();
    let mut b: Vec<&str> = wanted.iter().map(String::as_str).collect();
    a.sort();
    b.sort();
    assert_eq!(a, b, "every command permitted, nothing else (permissions/app.toml is written by build.rs)");
    // The handler registers what build.rs generates from the same functions; no hand-written list beside it.
    let main = shell_file("src/main.rs");
    assert!(main.contains("include!(concat!(env!(\"OUT_DIR\"), \"/app_commands.rs\"))"), "main.rs registers the generated list");
    assert!(main.contains(".invoke_handler(app_commands!())"));
    assert!(!main.contains("generate_handler!"), "no second, hand-written handler list");
}

#[test]
fn the_csp_is_explicit_and_tight() {
    let conf: serde_json::Value = serde_json::from_str(&shell_file("tauri.conf.json")).unwrap();
    let csp = conf["app"]["security"]["csp"].as_str().expect("an explicit CSP");
    for part in ["default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "connect-src ipc: http://ipc.localhost"] {
        assert!(csp.contains(part), "{part} in {csp}");
    }
    assert!(!csp.contains("unsafe-eval"), "no eval");
    // The only network origin is Tauri's own IPC endpoint.
    assert_eq!(csp.matches("http").count(), 1, "{csp}");
    assert_eq!(conf["app"]["withGlobalTauri"], serde_json::json!(false));
}

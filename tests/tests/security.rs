//! The shell's security settings, read from the files the build uses: one capability that grants exactly the app's
//! own commands (no fs, shell, http, sql or dialog permission for the webview), and an explicit CSP.
use std::path::Path;

fn shell_file(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../src-tauri").join(name)).unwrap()
}

#[test]
fn the_capability_grants_exactly_the_apps_own_commands() {
    let build = shell_file("build.rs");
    let commands: Vec<String> = build
        .split_once("const COMMANDS: &[&str] = &[")
        .unwrap()
        .1
        .split_once("];")
        .unwrap()
        .0
        .split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    assert!(commands.len() > 50, "{}", commands.len());
    let caps: serde_json::Value = serde_json::from_str(&shell_file("capabilities/main.json")).unwrap();
    let granted: Vec<&str> = caps["permissions"].as_array().unwrap().iter().map(|p| p.as_str().expect("plain permission names only")).collect();
    let wanted: Vec<String> = commands.iter().map(|c| format!("allow-{}", c.replace('_', "-"))).collect();
    let mut a: Vec<&str> = granted.clone();
    let mut b: Vec<&str> = wanted.iter().map(String::as_str).collect();
    a.sort();
    b.sort();
    assert_eq!(a, b, "every command granted, nothing else");
    assert!(granted.iter().all(|p| !p.contains(':')), "no plugin permission (fs, shell, http, sql, dialog) for the webview");
    assert_eq!(caps["windows"], serde_json::json!(["main"]));
    // Every registered command is one the capability knows.
    let main = shell_file("src/main.rs");
    for c in &commands {
        assert!(main.contains(&format!("commands::{c},")), "{c} registered in main.rs");
    }
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

// Every app command gets an allow-* permission; capabilities/main.json grants exactly the ones the UI uses.
const COMMANDS: &[&str] = &[
    "app_info",
    "code_lists",
    "org_get",
    "org_setup",
    "org_load_demo",
    "org_update",
    "org_add_branch",
    "org_add_group",
    "org_update_group",
    "settings_get",
    "settings_update",
    "member_list",
    "member_detail",
    "member_create",
    "member_update",
    "member_change_status",
    "member_reclassify",
    "class_overview",
    "home_todos",
    "roster_columns",
    "roster_table",
    "sign_in_table",
    "export_xlsx",
    "import_open",
    "import_remap",
    "import_commit",
    "import_save_report",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script");
}

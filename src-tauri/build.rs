//! Generates the app's permissions from its command list: a capability can then
//! grant exactly these commands and nothing else.

fn main() {
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(
        tauri_build::AppManifest::new().commands(&[
            "call",
            "call_then_read",
            "changed_elsewhere",
            "document",
            "start_demo",
            "app_info",
            "sign_in",
            "sign_out",
            "session",
            "backup_status",
            "backup_now",
            "backup_progress",
            "backup_list",
            "backup_inspect",
            "restore",
            "import_commit",
            "import_progress",
            "export_file",
            "archive_job",
            "server_where",
            "server_probe",
            "server_use",
            "server_move",
            "server_move_progress",
            "server_leave",
        ]),
    ))
    .expect("tauri build script");
}

//! The desktop shell: a window onto the core. It opens the shop's database in the
//! OS app-data folder, locked: only the person signed in with their PIN acts.
//! It hands the web UI the core's commands; it decides nothing the core has not
//! decided. A backup is taken at the first start of each day (in the
//! background) and when the app exits; the printing fonts are prepared in the
//! background at start. One instance at a time (a second launch
//! focuses the first), and the window comes back where it was left.

mod commands;
mod data;
mod safety;
mod server;
mod shop;

use tauri::Manager;

pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.set_focus();
            }
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            let shop = shop::Shop::open(app.handle());
            app.manage(shop);
            let handle = app.handle().clone();
            std::thread::spawn(move || handle.state::<shop::Shop>().backup_if_due());
            // The fonts are ready before the first print is asked for.
            std::thread::spawn(jobcard::documents::prepare_fonts);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::call,
            commands::call_then_read,
            commands::changed_elsewhere,
            commands::document,
            commands::start_demo,
            commands::app_info,
            safety::sign_in,
            safety::sign_out,
            safety::session,
            safety::backup_status,
            safety::backup_now,
            safety::backup_progress,
            safety::backup_list,
            safety::backup_inspect,
            safety::restore,
            data::import_commit,
            data::import_progress,
            data::export_file,
            data::archive_job,
            server::server_where,
            server::server_probe,
            server::server_use,
            server::server_move,
            server::server_move_progress,
            server::server_leave
        ])
        .build(tauri::generate_context!())
        .expect("Jobcard could not start its window")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                app.state::<shop::Shop>().backup_on_exit();
            }
        });
}

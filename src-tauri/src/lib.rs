//! The desktop shell: a window onto the core. It opens the shop's database in the
//! OS app-data folder and hands the web UI four commands; it decides nothing the
//! core has not decided. One instance at a time (a second launch focuses the
//! first), and the window comes back where it was left.

mod commands;
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
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::call,
            commands::document,
            commands::start_demo,
            commands::app_info
        ])
        .run(tauri::generate_context!())
        .expect("Jobcard could not start its window");
}

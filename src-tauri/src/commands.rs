//! The job-flow commands the web UI may call (sign-in and backups are
//! safety.rs). Each is a few lines over the core; the core's error
//! `{code, message, message_zh, field}` goes to the UI unchanged.

use crate::shop::Shop;
use jobcard::api::Authorisation;
use jobcard::desktop::{self, AppInfo, DocumentRequest, SavedDocument};
use jobcard::model::settings::Lang;
use jobcard::{Error, ErrorCode};
use serde_json::Value;
use std::path::Path;
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

/// Any command of the core's list, by name (the typed bindings fix the shapes),
/// as the signed-in person; `authorise` is a manager's PIN for this one action.
#[tauri::command(async)]
pub fn call(
    shop: State<'_, Shop>,
    command: String,
    input: Value,
    authorise: Option<Authorisation>,
) -> Result<Value, Error> {
    shop.with(|core| core.call_authorised(&command, input, authorise.as_ref()))
}

/// A write and the read that shows its result in one round trip (the estimate
/// adds a line and shows the job with it): the read runs only when the write
/// succeeded, each as the signed-in person with its own permission check.
#[tauri::command(async)]
pub fn call_then_read(
    shop: State<'_, Shop>,
    command: String,
    input: Value,
    read: String,
    read_input: Value,
) -> Result<(Value, Value), Error> {
    shop.with(|core| {
        let done = core.call_authorised(&command, input, None)?;
        let shown = core.call_authorised(&read, read_input, None)?;
        Ok((done, shown))
    })
}

/// Whether another counter or a command-line call changed the shop since the UI
/// last asked (it asks every second and reloads what it shows).
#[tauri::command(async)]
pub fn changed_elsewhere(shop: State<'_, Shop>) -> Result<bool, Error> {
    shop.with(|core| core.changed_elsewhere())
}

/// Renders a document, saves it under Documents/Jobcard, and opens or prints it.
#[tauri::command(async)]
pub fn document(
    app: AppHandle,
    shop: State<'_, Shop>,
    request: DocumentRequest,
) -> Result<SavedDocument, Error> {
    let open = |path: &Path| {
        app.opener()
            .open_path(path.to_string_lossy(), None::<&str>)
            .map_err(|e| {
                Error::new(
                    ErrorCode::Storage,
                    format!("Saved {}, but no PDF viewer opened it: {e}", path.display()),
                    format!("已保存 {}，但无法用 PDF 查看器打开：{e}", path.display()),
                )
            })
    };
    shop.with(|core| desktop::deliver(core, &shop.documents, &request, "lp", &open))
}

/// First start: fill the empty database with the demo shop.
#[tauri::command(async)]
pub fn start_demo(shop: State<'_, Shop>, lang: Lang) -> Result<(), Error> {
    shop.with(|core| desktop::start_demo(core, lang))
}

/// Where the database and the documents are (a shop on its server: the
/// server, not the file this counter would use on its own).
#[tauri::command(async)]
pub fn app_info(shop: State<'_, Shop>) -> AppInfo {
    let server = shop
        .with(|core| Ok(core.where_kept().server))
        .ok()
        .flatten();
    AppInfo {
        version: env!("CARGO_PKG_VERSION").into(),
        database: match server {
            Some(s) => format!("{} — {}:{} ({})", s.database, s.host, s.port, s.user),
            None => shop.database.display().to_string(),
        },
        documents: shop.documents.display().to_string(),
    }
}

//! The shell's commands for where the shop is kept: this PC's file or the
//! shop's PostgreSQL server. Each a few lines over the core (api/server.rs);
//! the move's progress is kept outside the core's lock, so the screen can
//! show it while the copy runs.

use crate::shop::Shop;
use jobcard::model::server::{MoveProgress, ServerAddress, ServerProbe, WhereKept};
use jobcard::store::transfer::TableCheck;
use jobcard::Error;
use tauri::State;

#[tauri::command(async)]
pub fn server_where(shop: State<'_, Shop>) -> Result<WhereKept, Error> {
    shop.with(|core| Ok(core.where_kept()))
}

/// Reaches the server and says what it holds; writes nothing.
#[tauri::command(async)]
pub fn server_probe(shop: State<'_, Shop>, address: ServerAddress) -> Result<ServerProbe, Error> {
    shop.with(|core| crate::shop::apart(|| core.probe_server(&address)))
}

/// Uses a server that already holds this shop (another counter moved it).
#[tauri::command(async)]
pub fn server_use(shop: State<'_, Shop>, address: ServerAddress) -> Result<WhereKept, Error> {
    let conn = shop.with(|core| core.choose_server(&address))?;
    shop.switch(Some(&conn))?;
    shop.with(|core| Ok(core.where_kept()))
}

/// Moves this shop's file onto the empty server, then works there.
#[tauri::command(async)]
pub fn server_move(
    shop: State<'_, Shop>,
    address: ServerAddress,
) -> Result<Vec<TableCheck>, Error> {
    let moving = &shop.moving;
    let checks = shop.with(|core| {
        let conn = core.choose_server(&address)?;
        crate::shop::apart(|| {
            let checks = core.move_to_server(&conn, &mut |p| {
                if let Ok(mut m) = moving.lock() {
                    *m = Some(p.clone());
                }
            });
            checks.map(|c| (c, conn.clone()))
        })
    });
    if let Ok(mut m) = moving.lock() {
        *m = None;
    }
    let (checks, conn) = checks?;
    shop.switch(Some(&conn))?;
    Ok(checks)
}

#[tauri::command]
pub fn server_move_progress(shop: State<'_, Shop>) -> Option<MoveProgress> {
    shop.moving.lock().ok()?.clone()
}

/// Back to the shop file on this PC (a manager; the server keeps its copy).
#[tauri::command(async)]
pub fn server_leave(shop: State<'_, Shop>) -> Result<WhereKept, Error> {
    shop.with(|core| {
        if core.on_server() {
            core.choose_file()
        } else {
            Ok(())
        }
    })?;
    shop.switch(None)?;
    shop.with(|core| Ok(core.where_kept()))
}

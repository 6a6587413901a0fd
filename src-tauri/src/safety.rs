//! The shell's commands for sign-in and backups: each a few lines over the
//! core. Backup progress is kept in two atomics, so the UI can ask for it while
//! the backup holds the core.

use crate::shop::Shop;
use jobcard::api::backup::{BackupFile, BackupStatus, Restored};
use jobcard::api::SessionInfo;
use jobcard::store::backup::{CopyProgress, FileReport};
use jobcard::store::backups::BackupRecord;
use jobcard::Error;
use std::path::Path;
use tauri::State;

/// Signs a person in with their PIN; the session decides who acts from now on.
#[tauri::command(async)]
pub fn sign_in(shop: State<'_, Shop>, staff_id: i64, secret: String) -> Result<SessionInfo, Error> {
    shop.with(|core| core.sign_in(staff_id, &secret))
}

#[tauri::command(async)]
pub fn sign_out(shop: State<'_, Shop>) -> Result<(), Error> {
    shop.with(|core| core.sign_out())
}

/// Who is signed in (none after the idle time).
#[tauri::command(async)]
pub fn session(shop: State<'_, Shop>) -> Result<Option<SessionInfo>, Error> {
    shop.with(|core| core.session())
}

#[tauri::command(async)]
pub fn backup_status(shop: State<'_, Shop>) -> Result<BackupStatus, Error> {
    shop.with(|core| core.backup_status())
}

/// Takes a backup now; `backup_progress` reports how far it is. The copy runs
/// on its own connection, so the counter keeps working meanwhile.
#[tauri::command(async)]
pub fn backup_now(shop: State<'_, Shop>) -> Result<BackupRecord, Error> {
    let job = shop.with(|core| core.plan_backup(None))?;
    shop.run_backup(job)
}

/// How far the running backup is (none when none runs).
#[tauri::command]
pub fn backup_progress(shop: State<'_, Shop>) -> Option<CopyProgress> {
    let total = shop.progress.1.load(std::sync::atomic::Ordering::Relaxed);
    (total > 0).then(|| CopyProgress {
        pages_done: shop.progress.0.load(std::sync::atomic::Ordering::Relaxed),
        pages_total: total,
    })
}

#[tauri::command(async)]
pub fn backup_list(shop: State<'_, Shop>) -> Result<Vec<BackupFile>, Error> {
    shop.with(|core| core.backup_list())
}

/// Checks one of the listed backups without touching the shop: its integrity,
/// schema and every table's row count (shown before a restore).
#[tauri::command(async)]
pub fn backup_inspect(
    shop: State<'_, Shop>,
    path: String,
    passphrase: Option<String>,
) -> Result<FileReport, Error> {
    shop.with(|core| {
        let listed = core.backup_list()?.iter().any(|b| b.path == path);
        if !listed {
            return Err(Error::not_found("Backup", "备份", &path));
        }
        core.inspect_backup(Path::new(&path), passphrase.as_deref())
    })
}

/// Restores one of the listed backups (the core checks the file and the
/// person's permission, keeps a copy of the current file, and signs out).
#[tauri::command(async)]
pub fn restore(
    shop: State<'_, Shop>,
    path: String,
    passphrase: Option<String>,
) -> Result<Restored, Error> {
    shop.with(|core| {
        let listed = core.backup_list()?.iter().any(|b| b.path == path);
        if !listed {
            return Err(Error::not_found("Backup", "备份", &path));
        }
        core.restore(Path::new(&path), passphrase.as_deref())
    })
}

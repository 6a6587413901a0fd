//! The shell's commands for data in and out: an import's commit with its
//! progress (kept in two atomics, so the UI can ask while the import holds the
//! core), exports saved under Documents/Jobcard/Exports and a job's full
//! record under Documents/Jobcard/Records. The core decides and checks all.

use crate::shop::Shop;
use jobcard::api::Authorisation;
use jobcard::desktop::{self, SavedFile};
use jobcard::exchange::archive::ArchiveRequest;
use jobcard::exchange::export::ExportRequest;
use jobcard::store::backup::CopyProgress;
use jobcard::Error;
use serde_json::Value;
use std::sync::atomic::Ordering;
use tauri::State;

/// `import.commit`, reporting how many records are written.
#[tauri::command(async)]
pub fn import_commit(
    shop: State<'_, Shop>,
    input: Value,
    authorise: Option<Authorisation>,
) -> Result<Value, Error> {
    let (done, total) = (&shop.import.0, &shop.import.1);
    let report = |d: u64, t: u64| {
        done.store(d as i64, Ordering::Relaxed);
        total.store(t as i64, Ordering::Relaxed);
    };
    total.store(1, Ordering::Relaxed);
    done.store(0, Ordering::Relaxed);
    let out = shop.with(|core| {
        core.call_with_progress("import.commit", input, authorise.as_ref(), Some(&report))
    });
    total.store(0, Ordering::Relaxed);
    out
}

/// How far the running import is (none when none runs).
#[tauri::command]
pub fn import_progress(shop: State<'_, Shop>) -> Option<CopyProgress> {
    let total = shop.import.1.load(Ordering::Relaxed);
    (total > 0).then(|| CopyProgress {
        pages_done: shop.import.0.load(Ordering::Relaxed),
        pages_total: total,
    })
}

/// Exports a period's records as CSV or Excel into Documents/Jobcard/Exports.
#[tauri::command(async)]
pub fn export_file(shop: State<'_, Shop>, request: ExportRequest) -> Result<SavedFile, Error> {
    let folder = shop.documents.join("Exports");
    shop.with(|core| desktop::save_export(core, &folder, &request))
}

/// A job's full record (documents, photos, JSON) into Documents/Jobcard/Records.
#[tauri::command(async)]
pub fn archive_job(shop: State<'_, Shop>, request: ArchiveRequest) -> Result<SavedFile, Error> {
    let folder = shop.documents.join("Records");
    shop.with(|core| desktop::save_archive(core, &folder, &request))
}

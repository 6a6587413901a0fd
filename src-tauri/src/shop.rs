//! The open shop: the core on the database file in the app-data folder — or,
//! for a shop whose counters share a PostgreSQL server, on that server (its
//! libpq connection string in `server.conn` in the app-data folder, or in
//! `JOBCARD_SERVER`) — and the folder printed documents are saved in
//! (Documents/Jobcard). `JOBCARD_DB` and `JOBCARD_DOCUMENTS` override the file
//! and the folder (the end-to-end tests use a fresh database).
//!
//! A database that cannot be opened (newer version, damaged file) does not stop
//! the app: every command answers with that error, so the UI can say what is wrong.

use jobcard::api::backup::BackupJob;
use jobcard::store::backups::BackupRecord;
use jobcard::{Core, Error};
use std::path::PathBuf;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Mutex;
use tauri::{AppHandle, Manager};

pub struct Shop {
    core: Result<Mutex<Core>, Error>,
    pub database: PathBuf,
    pub documents: PathBuf,
    /// The running backup's pages done and total (total 0: none runs).
    pub progress: (AtomicI64, AtomicI64),
    /// The running import's records written and total (total 0: none runs).
    pub import: (AtomicI64, AtomicI64),
}

impl Shop {
    pub fn open(app: &AppHandle) -> Shop {
        let data = app
            .path()
            .app_data_dir()
            .unwrap_or_else(|_| PathBuf::from("."));
        let database = std::env::var_os("JOBCARD_DB")
            .map(PathBuf::from)
            .unwrap_or_else(|| data.join("jobcard.db"));
        let documents = std::env::var_os("JOBCARD_DOCUMENTS")
            .map(PathBuf::from)
            .or_else(|| app.path().document_dir().ok().map(|d| d.join("Jobcard")))
            .unwrap_or_else(|| data.join("Documents"));
        let server = std::env::var("JOBCARD_SERVER").ok().or_else(|| {
            std::fs::read_to_string(data.join("server.conn"))
                .ok()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        });
        let core = match server {
            Some(conn) => Core::connect(&conn),
            None => database
                .parent()
                .map(std::fs::create_dir_all)
                .transpose()
                .map_err(|e| Error::internal(format!("{}: {e}", database.display())))
                .and_then(|_| Core::open(&database)),
        }
        .map(|mut core| {
            core.lock(true);
            Mutex::new(core)
        });
        Shop {
            core,
            database,
            documents,
            progress: (AtomicI64::new(0), AtomicI64::new(0)),
            import: (AtomicI64::new(0), AtomicI64::new(0)),
        }
    }

    /// The first start of the day takes a backup (the app's own, no person).
    pub fn backup_if_due(&self) {
        if let Ok(Some(job)) = self.with(|core| core.plan_backup_if_due()) {
            let _ = self.run_backup(job);
        }
    }

    /// Leaving the app takes a backup of the day's work.
    pub fn backup_on_exit(&self) {
        if let Ok(Some(job)) = self.with(|core| core.plan_backup_scheduled()) {
            let _ = self.run_backup(job);
        }
    }

    /// Copies and checks outside the core's lock (progress in `progress`), then
    /// records the backup under it.
    pub fn run_backup(&self, job: BackupJob) -> Result<BackupRecord, Error> {
        let copied = apart(|| {
            job.run(&mut |p| {
                self.progress.0.store(p.pages_done, Ordering::Relaxed);
                self.progress.1.store(p.pages_total, Ordering::Relaxed);
            })
        });
        self.progress.1.store(0, Ordering::Relaxed);
        let copied = copied?;
        self.with(|core| core.finish_backup(&job, copied))
    }

    /// Runs `f` on the core, one command at a time. On a server it runs on a
    /// thread of its own: the PostgreSQL driver waits for the server with its
    /// own runtime, which may not start inside Tauri's.
    pub fn with<T: Send>(
        &self,
        f: impl FnOnce(&mut Core) -> Result<T, Error> + Send,
    ) -> Result<T, Error> {
        let core = self.core.as_ref().map_err(Clone::clone)?;
        let mut core = core
            .lock()
            .map_err(|_| Error::internal("an earlier command failed midway; restart Jobcard"))?;
        if core.on_server() {
            let core: &mut Core = &mut core;
            apart(move || f(core))
        } else {
            f(&mut core)
        }
    }
}

/// Runs `f` on a thread outside Tauri's runtime and waits for it.
pub fn apart<T: Send>(f: impl FnOnce() -> Result<T, Error> + Send) -> Result<T, Error> {
    std::thread::scope(|s| s.spawn(f).join())
        .map_err(|_| Error::internal("a command on the server failed midway; restart Jobcard"))?
}

//! The open shop: the core on the database file in the app-data folder, and the
//! folder printed documents are saved in (Documents/Jobcard). `JOBCARD_DB` and
//! `JOBCARD_DOCUMENTS` override both (the end-to-end tests use a fresh database).
//!
//! A database that cannot be opened (newer version, damaged file) does not stop
//! the app: every command answers with that error, so the UI can say what is wrong.

use jobcard::{Core, Error};
use std::path::PathBuf;
use std::sync::atomic::AtomicI64;
use std::sync::Mutex;
use tauri::{AppHandle, Manager};

pub struct Shop {
    core: Result<Mutex<Core>, Error>,
    pub database: PathBuf,
    pub documents: PathBuf,
    /// The running backup's pages done and total (total 0: none runs).
    pub progress: (AtomicI64, AtomicI64),
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
        let core = database
            .parent()
            .map(std::fs::create_dir_all)
            .transpose()
            .map_err(|e| Error::internal(format!("{}: {e}", database.display())))
            .and_then(|_| Core::open(&database))
            .map(|mut core| {
                core.lock(true);
                Mutex::new(core)
            });
        Shop {
            core,
            database,
            documents,
            progress: (AtomicI64::new(0), AtomicI64::new(0)),
        }
    }

    /// The first start of the day takes a backup (the app's own, no person).
    pub fn backup_if_due(&self) {
        let _ = self.with(|core| core.backup_if_due(&mut |_| {}));
    }

    /// Leaving the app takes a backup of the day's work.
    pub fn backup_on_exit(&self) {
        let _ = self.with(|core| core.backup_scheduled(&mut |_| {}));
    }

    /// Runs `f` on the core, one command at a time.
    pub fn with<T>(&self, f: impl FnOnce(&mut Core) -> Result<T, Error>) -> Result<T, Error> {
        let core = self.core.as_ref().map_err(Clone::clone)?;
        let mut core = core
            .lock()
            .map_err(|_| Error::internal("an earlier command failed midway; restart Jobcard"))?;
        f(&mut core)
    }
}

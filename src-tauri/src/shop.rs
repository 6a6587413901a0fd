//! The open shop: the core on the database file in the app-data folder — or,
//! for a shop whose counters share a PostgreSQL server, on that server (its
//! libpq connection string in `server.conn` in the app-data folder, or in
//! `JOBCARD_SERVER`) — and the folder printed documents are saved in
//! (Documents/Jobcard). `JOBCARD_DB` and `JOBCARD_DOCUMENTS` override the file
//! and the folder (the end-to-end tests use a fresh database). Choosing a
//! server in settings writes server.conn (this user only) and reopens the
//! shop there (`switch`).
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
    core: Mutex<Result<Core, Error>>,
    pub database: PathBuf,
    /// The app-data folder (server.conn lives there).
    pub data: PathBuf,
    /// The running move to a server: its step, table and how far.
    pub moving: Mutex<Option<jobcard::model::server::MoveProgress>>,
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
            std::fs::read_to_string(data.join(SERVER_FILE))
                .ok()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        });
        let core = Mutex::new(open_core(&database, server.as_deref()));
        Shop {
            core,
            database,
            data,
            moving: Mutex::new(None),
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
        let mut guard = self
            .core
            .lock()
            .map_err(|_| Error::internal("an earlier command failed midway; restart Jobcard"))?;
        let core = guard.as_mut().map_err(|e| e.clone())?;
        if core.on_server() {
            apart(move || f(core))
        } else {
            f(core)
        }
    }

    /// Keeps `conn` as this counter's server (or, with none, goes back to the
    /// file on this PC) and reopens the shop there; everyone signs in again.
    pub fn switch(&self, conn: Option<&str>) -> Result<(), Error> {
        let file = self.data.join(SERVER_FILE);
        match conn {
            Some(c) => write_private(&file, c)?,
            None => match std::fs::remove_file(&file) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(Error::internal(format!("{}: {e}", file.display())))
                }
                _ => {}
            },
        }
        let reopened = apart(|| Ok(open_core(&self.database, conn)))?;
        let mut guard = self
            .core
            .lock()
            .map_err(|_| Error::internal("an earlier command failed midway; restart Jobcard"))?;
        let old = std::mem::replace(&mut *guard, reopened);
        drop(guard);
        // A server connection closes through its own runtime: not inside Tauri's.
        apart(move || {
            drop(old);
            Ok(())
        })
    }
}

/// The file in the app-data folder that names this counter's server.
const SERVER_FILE: &str = "server.conn";

/// The shop on its server, or in its file (the folder made when missing),
/// locked until someone signs in.
fn open_core(database: &std::path::Path, server: Option<&str>) -> Result<Core, Error> {
    match server {
        Some(conn) => Core::connect(conn),
        None => database
            .parent()
            .map(std::fs::create_dir_all)
            .transpose()
            .map_err(|e| Error::internal(format!("{}: {e}", database.display())))
            .and_then(|_| Core::open(database)),
    }
    .map(|mut core| {
        core.lock(true);
        core
    })
}

/// Writes the connection (which may hold a password) readable by this user only.
fn write_private(file: &std::path::Path, text: &str) -> Result<(), Error> {
    let fail = |e: std::io::Error| Error::internal(format!("{}: {e}", file.display()));
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    use std::io::Write;
    let mut f = options.open(file).map_err(fail)?;
    f.write_all(text.as_bytes()).map_err(fail)?;
    f.sync_all().map_err(fail)
}

/// Runs `f` on a thread outside Tauri's runtime and waits for it.
pub fn apart<T: Send>(f: impl FnOnce() -> Result<T, Error> + Send) -> Result<T, Error> {
    std::thread::scope(|s| s.spawn(f).join())
        .map_err(|_| Error::internal("a command on the server failed midway; restart Jobcard"))?
}

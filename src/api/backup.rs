//! Backups and restore as the shop runs them: a verified copy of the live
//! database into the shop's folder (at the first start of each day, on exit,
//! and on demand), the rotation that keeps 7 daily, 4 weekly and 12 monthly
//! copies, the counter's warning when the last good one is old, and restore:
//! a checked backup replaces the shop's content after a copy of the current
//! file is kept. Each backup doubles as the database's full integrity check,
//! which no longer runs on open.
//!
//! Tests: tests/core/store/backup.rs.

pub use super::backup_job::{BackupJob, BackupSource};
use super::{Core, Need};
use crate::base::error::{Error, Result};
use crate::base::time::time_text;
use crate::model::backup::{time_of, to_delete, WARN_AFTER_DAYS};
use crate::store;
use crate::store::backup::{self as files, CopyProgress, FileReport};
use crate::store::backups::BackupRecord;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// What the counter's home shows about backups.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupStatus {
    pub folder: String,
    pub folder_exists: bool,
    pub last_good: Option<BackupRecord>,
    /// Why the newest attempt failed, when it did.
    pub last_problem: Option<String>,
    /// Hours since the last good backup.
    pub age_hours: Option<i64>,
    /// The last good backup is older than two days, or there is none, or the
    /// folder is missing.
    pub warn: bool,
    /// No backup yet today (the app takes one at its first start of the day).
    pub due: bool,
    /// New backups are sealed with the shop's passphrase.
    pub sealed: bool,
}

/// A backup file in the folder, with what its manifest says.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupFile {
    pub path: String,
    pub at: String,
    pub bytes: i64,
}

/// What a restore did.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Restored {
    /// Where the shop as it was before the restore is kept.
    pub kept_copy: String,
    pub report: FileReport,
}

impl Core {
    /// The folder backups go to: the shop's choice, or `backups` beside the database.
    pub fn backup_folder(&mut self) -> Result<(PathBuf, bool)> {
        let chosen = self.ctx_read(|ctx| Ok(crate::shop::settings::load(ctx)?.backup.folder))?;
        if !chosen.trim().is_empty() {
            return Ok((PathBuf::from(chosen.trim()), true));
        }
        let Some(db) = &self.path else {
            if self.server.is_some() {
                // A server shop's copies land on the counter that takes
                // them: "Jobcard backups" in that person's home folder.
                let home = std::env::var_os("HOME")
                    .or_else(|| std::env::var_os("USERPROFILE"))
                    .map(PathBuf::from)
                    .unwrap_or_else(|| PathBuf::from("."));
                return Ok((home.join("Jobcard backups"), false));
            }
            return Err(Error::state(
                "A shop kept in memory has no backups",
                "内存中的数据库无法备份",
            ));
        };
        let dir = db.parent().unwrap_or(Path::new(".")).join("backups");
        Ok((dir, false))
    }

    /// The last good backup, its age, and whether the counter should be warned.
    pub fn backup_status(&mut self) -> Result<BackupStatus> {
        let now = self.now();
        self.access.admit(
            "backup.status",
            Need::SignedIn,
            false,
            &mut Value::Null,
            now,
        )?;
        self.status_now()
    }

    fn status_now(&mut self) -> Result<BackupStatus> {
        let now = self.now();
        let (folder, chosen) = self.backup_folder()?;
        let folder_exists = folder.is_dir() || !chosen;
        // One read for what the home shows on every visit.
        let (last_good, last, offset, sealed) = self.ctx_read(|ctx| {
            Ok((
                store::backups::last_good(ctx.tx)?,
                store::backups::last(ctx.tx)?,
                crate::shop::settings::load(ctx)?.utc_offset_minutes,
                crate::shop::settings::backup_passphrase(ctx)?.is_some(),
            ))
        })?;
        let age_hours = last_good
            .as_ref()
            .and_then(|b| DateTime::parse_from_rfc3339(&b.at).ok())
            .map(|t| (now - t.with_timezone(&Utc)).num_hours());
        let local_day =
            |t: DateTime<Utc>| (t + chrono::Duration::minutes(i64::from(offset))).date_naive();
        let due = last
            .as_ref()
            .and_then(|b| DateTime::parse_from_rfc3339(&b.at).ok())
            .is_none_or(|t| local_day(t.with_timezone(&Utc)) < local_day(now));
        Ok(BackupStatus {
            folder: folder.display().to_string(),
            folder_exists,
            warn: !folder_exists || age_hours.is_none_or(|h| h > WARN_AFTER_DAYS * 24),
            last_problem: last.filter(|b| !b.verified).and_then(|b| b.problem),
            last_good,
            age_hours,
            due,
            sealed,
        })
    }

    /// Takes a backup now into the shop's folder: copy, verify, record, rotate.
    pub fn backup_now(&mut self, progress: &mut dyn FnMut(CopyProgress)) -> Result<BackupRecord> {
        self.backup_into(None, progress)
    }

    /// Takes a backup into `folder` (created if missing), or the shop's folder.
    /// The desktop shell runs the same three steps without holding the core
    /// during the copy (`plan_backup`, `BackupJob::run`, `finish_backup`).
    pub fn backup_into(
        &mut self,
        folder: Option<&Path>,
        progress: &mut dyn FnMut(CopyProgress),
    ) -> Result<BackupRecord> {
        let job = self.plan_backup(folder)?;
        let copied = job.run(progress)?;
        self.finish_backup(&job, copied)
    }

    /// The app's own backup at the first start of a day: taken when the shop
    /// is set up and has none from today yet.
    pub fn backup_if_due(
        &mut self,
        progress: &mut dyn FnMut(CopyProgress),
    ) -> Result<Option<BackupRecord>> {
        let Some(job) = self.plan_backup_if_due()? else {
            return Ok(None);
        };
        let copied = job.run(progress)?;
        self.finish_backup(&job, copied).map(Some)
    }

    /// The app's own backup when it exits (when the shop is set up).
    pub fn backup_scheduled(
        &mut self,
        progress: &mut dyn FnMut(CopyProgress),
    ) -> Result<Option<BackupRecord>> {
        let Some(job) = self.plan_backup_scheduled()? else {
            return Ok(None);
        };
        let copied = job.run(progress)?;
        self.finish_backup(&job, copied).map(Some)
    }

    /// Plans the app's start-of-day backup, if one is due.
    pub fn plan_backup_if_due(&mut self) -> Result<Option<BackupJob>> {
        if !self.is_set_up()? || !self.status_now()?.due {
            return Ok(None);
        }
        self.plan(None, None).map(Some)
    }

    /// Plans the app's backup on exit (when the shop is set up).
    pub fn plan_backup_scheduled(&mut self) -> Result<Option<BackupJob>> {
        if !self.is_set_up()? {
            return Ok(None);
        }
        self.plan(None, None).map(Some)
    }

    /// Plans a backup for the signed-in person (or the owner).
    pub fn plan_backup(&mut self, folder: Option<&Path>) -> Result<BackupJob> {
        let now = self.now();
        let acting = self
            .access
            .admit("backup.run", Need::SignedIn, true, &mut json!({}), now)?;
        self.plan(folder, acting)
    }

    fn is_set_up(&mut self) -> Result<bool> {
        self.ctx_read(|ctx| Ok(store::staff::count(ctx.tx)? > 0))
    }

    fn plan(&mut self, folder: Option<&Path>, acting: Option<i64>) -> Result<BackupJob> {
        let source = match (&self.server, &self.path) {
            (Some(conn), _) => BackupSource::Server(conn.clone()),
            (None, Some(path)) => BackupSource::File(path.clone()),
            (None, None) => {
                return Err(Error::state(
                    "A shop kept in memory has no backups",
                    "内存中的数据库无法备份",
                ))
            }
        };
        let (folder, chosen) = match folder {
            Some(f) => (f.to_path_buf(), false),
            None => self.backup_folder()?,
        };
        let passphrase = self.ctx_read(crate::shop::settings::backup_passphrase)?;
        Ok(BackupJob {
            source,
            folder,
            chosen,
            passphrase,
            acting,
            now: self.now(),
        })
    }

    /// Records a backup that was copied and checked, appends it to the audit
    /// chain, and rotates the folder when it verified.
    pub fn finish_backup(&mut self, job: &BackupJob, record: BackupRecord) -> Result<BackupRecord> {
        let acting = job.acting;
        let id = self.ctx_write(|ctx| {
            let id = store::backups::insert(ctx.tx, &record)?;
            let content = json!({ "path": record.path, "sha256": record.sha256, "verified": record.verified });
            crate::shop::audit::append(ctx, acting, "backup.run", &content)?;
            Ok(id)
        })?;
        if record.verified {
            self.rotate(&job.folder)?;
        }
        Ok(BackupRecord { id, ..record })
    }

    fn rotate(&mut self, folder: &Path) -> Result<()> {
        let keep = self.ctx_read(|ctx| Ok(crate::shop::settings::load(ctx)?.backup))?;
        let files = list_folder(folder);
        let times: Vec<DateTime<Utc>> = files.iter().filter_map(|(_, t)| *t).collect();
        for gone in to_delete(&times, &keep) {
            for (path, t) in &files {
                if *t == Some(gone) {
                    let _ = std::fs::remove_file(path);
                    let _ = std::fs::remove_file(format!("{}.json", path.display()));
                }
            }
        }
        Ok(())
    }

    /// The backups in the folder, newest first.
    pub fn backup_list(&mut self) -> Result<Vec<BackupFile>> {
        let now = self.now();
        self.access
            .admit("backup.list", Need::SignedIn, false, &mut Value::Null, now)?;
        let (folder, _) = self.backup_folder()?;
        let mut out: Vec<BackupFile> = list_folder(&folder)
            .into_iter()
            .filter_map(|(path, t)| {
                Some(BackupFile {
                    bytes: std::fs::metadata(&path).ok()?.len() as i64,
                    path: path.display().to_string(),
                    at: time_text(t?),
                })
            })
            .collect();
        out.sort_by(|a, b| b.at.cmp(&a.at));
        Ok(out)
    }

    /// The live database's integrity check (`full` reads every page).
    pub fn check_integrity(&mut self, full: bool) -> Result<FileReport> {
        files::inspect_live(&self.db, full)
    }
}

fn list_folder(folder: &Path) -> Vec<(PathBuf, Option<DateTime<Utc>>)> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            time_of(&name).map(|t| (e.path(), Some(t)))
        })
        .collect()
}

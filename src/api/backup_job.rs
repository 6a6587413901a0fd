//! One backup's copy and check, run apart from the `Core`: it opens its own
//! connection on the shop's file (or, for a shop on a server, runs `pg_dump`
//! and checks it by restoring: store/pg/dump.rs), so the desktop app keeps answering the
//! counter while a ten-year shop is copied (SQLite lets one connection read a
//! consistent snapshot while another writes). The `Core` plans it before and
//! records it after (`api/backup.rs`).
//!
//! Tests: tests/core/store/backup.rs.

use crate::base::error::{Error, ErrorCode, Result};
use crate::base::time::time_text;
use crate::model::backup::{dump_name, file_name};
use crate::store::backup::{self as files, CopyProgress};
use crate::store::backups::BackupRecord;
use crate::store::{self, migrations, sealed};
use chrono::{DateTime, Utc};
use serde_json::json;
use std::path::{Path, PathBuf};

/// What a backup copies: the shop's file, or its server (a connection string).
pub enum BackupSource {
    File(PathBuf),
    Server(String),
}

/// A planned backup: where from, where to, sealed or not, by whom, when.
pub struct BackupJob {
    pub(super) source: BackupSource,
    pub(super) folder: PathBuf,
    pub(super) chosen: bool,
    pub(super) passphrase: Option<String>,
    pub(super) acting: Option<i64>,
    pub(super) now: DateTime<Utc>,
}

fn storage(en: String, zh: String) -> Error {
    Error::new(ErrorCode::Storage, en, zh)
}

impl BackupJob {
    /// Copies the shop into the folder and checks the copy (integrity, schema,
    /// every table's rows), sealing it when the shop has a passphrase. Answers
    /// the record to keep, verified or with its problem.
    pub fn run(&self, progress: &mut dyn FnMut(CopyProgress)) -> Result<BackupRecord> {
        let folder = &self.folder;
        if self.chosen && !folder.is_dir() {
            return Err(storage(
                format!(
                    "The backup folder {} is missing (is the disk or USB stick connected?)",
                    folder.display()
                ),
                format!(
                    "备份文件夹 {} 不存在（磁盘或 U 盘是否已连接？）",
                    folder.display()
                ),
            ));
        }
        std::fs::create_dir_all(folder).map_err(|e| {
            storage(
                format!("Cannot create the backup folder {}: {e}", folder.display()),
                format!("无法创建备份文件夹 {}：{e}", folder.display()),
            )
        })?;
        let db_path = match &self.source {
            BackupSource::File(path) => path,
            BackupSource::Server(conn) => return self.dump(conn),
        };
        let db = store::open(db_path)?;
        let plain = folder.join(file_name(self.now));
        // The counter may write while the copy runs: it copies one snapshot,
        // whose row counts the copy must match.
        let live = files::copy_snapshot(&db, &plain, progress)?;
        drop(db);
        let checked = files::inspect_file(&plain);
        let problem = match &checked {
            Err(e) => Some(e.message.clone()),
            Ok(r) if r.integrity != "ok" => Some(format!("integrity check: {}", r.integrity)),
            Ok(r) if r.schema != migrations::latest_version() as i64 => Some(format!(
                "schema {} instead of {}",
                r.schema,
                migrations::latest_version()
            )),
            Ok(r) if !same_counts(&r.tables, &live) => {
                Some("the shop changed while it was copied; take another backup".into())
            }
            Ok(_) => None,
        };
        let dest = match &self.passphrase {
            Some(phrase) if problem.is_none() => seal_beside(&plain, phrase)?,
            _ => plain,
        };
        let record = BackupRecord {
            id: 0,
            at: time_text(self.now),
            path: dest.display().to_string(),
            bytes: std::fs::metadata(&dest)
                .map(|m| m.len() as i64)
                .unwrap_or(0),
            sha256: files::file_sha256(&dest)?,
            verified: problem.is_none(),
            problem,
        };
        if let Ok(report) = &checked {
            let manifest = json!({ "at": record.at, "sha256": record.sha256, "report": report });
            let _ = std::fs::write(format!("{}.json", dest.display()), manifest.to_string());
        }
        Ok(record)
    }
}

impl BackupJob {
    /// A server shop's backup: `pg_dump`, checked by restoring it into a
    /// scratch database (store/pg/dump.rs), then sealed like a file's.
    fn dump(&self, conn: &str) -> Result<BackupRecord> {
        let plain = self.folder.join(dump_name(self.now));
        let partial = PathBuf::from(format!("{}.partial", plain.display()));
        let checked = store::pg::dump::dump_verified(conn, &partial);
        if checked.is_ok() {
            std::fs::rename(&partial, &plain).map_err(|e| {
                storage(
                    format!("Cannot write {}: {e}", plain.display()),
                    format!("无法写入 {}：{e}", plain.display()),
                )
            })?;
        }
        let problem = checked.as_ref().err().map(|e| e.message.clone());
        let written = if problem.is_none() { &plain } else { &partial };
        let dest = match &self.passphrase {
            Some(phrase) if problem.is_none() => seal_beside(&plain, phrase)?,
            _ => written.clone(),
        };
        let record = BackupRecord {
            id: 0,
            at: time_text(self.now),
            path: dest.display().to_string(),
            bytes: std::fs::metadata(&dest)
                .map(|m| m.len() as i64)
                .unwrap_or(0),
            sha256: files::file_sha256(&dest).unwrap_or_default(),
            verified: problem.is_none(),
            problem,
        };
        if let Ok(tables) = &checked {
            let manifest = json!({ "at": record.at, "sha256": record.sha256, "tables": tables });
            let _ = std::fs::write(format!("{}.json", dest.display()), manifest.to_string());
        } else {
            let _ = std::fs::remove_file(&partial);
        }
        Ok(record)
    }
}

/// Seals a verified plain backup with the shop's passphrase and removes the
/// plain copy: only the sealed file stays in the folder.
fn seal_beside(plain: &Path, phrase: &str) -> Result<PathBuf> {
    let sealed = PathBuf::from(format!("{}{}", plain.display(), sealed::SEALED_SUFFIX));
    let partial = PathBuf::from(format!("{}.partial", sealed.display()));
    sealed::seal(plain, &partial, phrase)?;
    std::fs::rename(&partial, &sealed).map_err(|e| {
        storage(
            format!("Cannot write {}: {e}", sealed.display()),
            format!("无法写入 {}：{e}", sealed.display()),
        )
    })?;
    let _ = std::fs::remove_file(plain);
    Ok(sealed)
}

fn same_counts(a: &[files::TableDigest], b: &[(String, i64)]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, (table, rows))| &x.table == table && x.rows == *rows)
}

//! Restore: a checked backup (plain, or sealed with the shop's passphrase)
//! replaces the shop's content after a copy of the current file is kept
//! beside it. SQLite's backup API swaps the content in one transaction; the
//! schema is then brought up to this build's; everyone signs in again, since
//! the staff and their PINs are now the backup's. A shop on the server
//! restores its `pg_dump` backups the same way from the same screen: the
//! backup restored into a scratch database beside the shop (a bad one stops
//! there), the shop as it is dumped into the backup folder, then the scratch
//! copy put over the shop in one transaction (store/transfer.rs).
//!
//! Tests: tests/core/store/backup.rs, tests/core/store/pg_restore.rs.

use super::backup::Restored;
use super::{Core, Need};
use crate::base::error::{Error, ErrorCode, Result};
use crate::base::time::time_text;
use crate::model::backup::{dump_name, file_name, time_of};
use crate::store::backup::{self as files, FileReport};
use crate::store::backups::BackupRecord;
use crate::store::{migrations, sealed};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// A backup opened for reading: the file itself, or a plain copy unsealed
/// beside the database, removed when dropped.
struct Opened {
    path: PathBuf,
    temporary: bool,
}

impl Drop for Opened {
    fn drop(&mut self) {
        if self.temporary {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

impl Core {
    /// A sealed backup is unsealed with `passphrase` (or the shop's own).
    fn open_backup(&mut self, path: &Path, passphrase: Option<&str>) -> Result<Opened> {
        if !sealed::is_sealed(path) {
            return Ok(Opened {
                path: path.to_path_buf(),
                temporary: false,
            });
        }
        let phrase = match passphrase {
            Some(p) => p.to_string(),
            None => self
                .ctx_read(crate::shop::settings::backup_passphrase)?
                .ok_or_else(|| {
                    Error::invalid(
                        "passphrase",
                        "This backup is sealed: give its passphrase",
                        "此备份已加密：请输入备份密码",
                    )
                })?,
        };
        let dir = self
            .path
            .as_ref()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .unwrap_or_else(std::env::temp_dir);
        let out = dir.join(format!(".unsealed-{}.sqlite", std::process::id()));
        let opened = Opened {
            path: out,
            temporary: true,
        };
        if !path.is_file() {
            return Err(Error::not_found("Backup file", "备份文件", path.display()));
        }
        sealed::unseal(path, &opened.path, &phrase)?;
        Ok(opened)
    }

    /// Checks a backup file without touching the shop: integrity, schema, counts.
    pub fn inspect_backup(&mut self, path: &Path, passphrase: Option<&str>) -> Result<FileReport> {
        let now = self.now();
        self.access.admit(
            "backup.inspect",
            Need::SignedIn,
            false,
            &mut Value::Null,
            now,
        )?;
        let opened = self.open_backup(path, passphrase)?;
        if let Some(conn) = self.server.clone() {
            return self.inspect_dump(&conn, &opened.path);
        }
        files::inspect_file(&opened.path)
    }

    /// What a server backup holds: the dump restored into a scratch database
    /// beside the shop, brought to this build's schema, every table digested.
    fn inspect_dump(&mut self, conn: &str, dump: &Path) -> Result<FileReport> {
        let (scratch, mut db) = scratch_of(conn, dump)?;
        let tables = crate::store::digest::of_shop(&mut db)?;
        Ok(FileReport {
            schema: scratch.schema_version,
            integrity: "ok".into(),
            tables,
        })
    }

    /// A server shop's restore: the backup restored into a scratch database
    /// and brought to this build's schema; the shop as it is now dumped (and
    /// checked) into the backup folder; then the scratch copied over the shop
    /// in one transaction, every table compared before it commits.
    fn restore_dump(&mut self, conn: &str, backup: &Path, dump: &Path) -> Result<Restored> {
        let now = self.now();
        let (folder, _) = self.backup_folder()?;
        std::fs::create_dir_all(&folder).map_err(|e| {
            Error::new(
                ErrorCode::Storage,
                format!("Cannot make the backup folder {}: {e}", folder.display()),
                format!("无法创建备份文件夹 {}：{e}", folder.display()),
            )
        })?;
        let kept = folder.join(format!(
            "before-restore-{}",
            dump_name(now).trim_start_matches("jobcard-")
        ));
        // The backup is restored and checked first: a bad one leaves no trace.
        let (scratch, mut from) = scratch_of(conn, dump)?;
        crate::store::pg::dump::dump_verified(conn, &kept)?;
        let checks =
            crate::store::transfer::replace_on_server(&mut from, &mut self.db, &mut |_| {})?;
        drop(from);
        let schema = scratch.schema_version;
        drop(scratch);
        let report = FileReport {
            schema,
            integrity: "ok".into(),
            tables: checks.into_iter().map(|c| c.file).collect(),
        };
        self.restored(backup, &kept, report)
    }

    /// Replaces the shop's content with a backup's, after keeping a copy of the
    /// current file beside it. Needs the settings permission; signs out, since
    /// the staff and their PINs are now the backup's.
    pub fn restore(&mut self, backup: &Path, passphrase: Option<&str>) -> Result<Restored> {
        let now = self.now();
        let acting = self.access.admit(
            "backup.restore",
            Need::Permission(crate::model::access::Permission::Settings),
            true,
            &mut json!({}),
            now,
        )?;
        if let Some(id) = acting {
            self.ctx_read(|ctx| {
                crate::shop::access::require(ctx, id, crate::model::access::Permission::Settings)
            })?;
        }
        let opened = self.open_backup(backup, passphrase)?;
        if let Some(conn) = self.server.clone() {
            return self.restore_dump(&conn, backup, &opened.path);
        }
        let report = files::inspect_file(&opened.path)?;
        if report.integrity != "ok" {
            return Err(Error::new(
                ErrorCode::DatabaseCorrupt,
                format!(
                    "This backup is damaged ({}); choose another",
                    report.integrity
                ),
                format!("该备份已损坏（{}），请选择其他备份", report.integrity),
            ));
        }
        if report.schema > migrations::latest_version() as i64 {
            return Err(Error::new(
                ErrorCode::DatabaseTooNew,
                "This backup was written by a newer Jobcard; update Jobcard first",
                "该备份由更新版本的 Jobcard 创建，请先升级 Jobcard",
            ));
        }
        let Some(db_path) = self.path.clone() else {
            return Err(Error::state(
                "A shop kept in memory cannot be restored",
                "内存中的数据库无法恢复",
            ));
        };
        let kept = db_path.with_file_name(format!(
            "before-restore-{}",
            file_name(now).trim_start_matches("jobcard-")
        ));
        files::copy_live(&self.db, &kept, &mut |_| {})?;
        files::restore_into(&mut self.db, &opened.path)?;
        let after = files::inspect_live(&self.db, false)?;
        if report.schema == migrations::latest_version() as i64 && after.tables != report.tables {
            return Err(Error::internal(
                "the restored shop differs from its backup; the copy kept before the restore is intact",
            ));
        }
        self.restored(backup, &kept, report)
    }

    /// After either restore: the restore on the audit chain, the backup
    /// restored from on record as the shop's last good backup (the shop now
    /// holds what it holds; its own record was written after it was taken, so
    /// the shop had none of it), and everyone signed out (the staff and their
    /// PINs are now the backup's; on a server the other counters are told,
    /// store/transfer.rs, and sign out at their next look, `changed_elsewhere`).
    fn restored(&mut self, backup: &Path, kept: &Path, report: FileReport) -> Result<Restored> {
        let record = record_of(backup)?;
        self.ctx_write(|ctx| {
            let content = json!({ "backup": backup.display().to_string(), "kept_copy": kept.display().to_string() });
            crate::shop::audit::append(ctx, None, "backup.restore", &content)?;
            if !crate::store::backups::has_path(ctx.tx, &record.path)? {
                crate::store::backups::insert(ctx.tx, &record)?;
            }
            Ok(())
        })?;
        if let super::access::Access::Locked { session, .. } = &mut self.access {
            *session = None;
        }
        // Its own restore is not news to this counter.
        self.seen_elsewhere.chain = None;
        Ok(Restored {
            kept_copy: kept.display().to_string(),
            report,
        })
    }
}

impl Core {
    /// Whether the shop's history was replaced since this counter last looked
    /// — a restore from a backup, by another app on the same file or another
    /// counter on the server: the audit chain is append-only, so an entry
    /// this counter saw that is gone or another now can only mean the shop
    /// is a backup's. Read when the others changed something (and at the
    /// first look): two lookups by key.
    pub(super) fn history_replaced(&mut self, changed: bool) -> Result<bool> {
        if !changed && self.seen_elsewhere.chain.is_some() {
            return Ok(false);
        }
        let seen = self.seen_elsewhere.chain.take();
        let (tip, still) = self.ctx_read(|ctx| {
            let still = match &seen {
                Some((id, _)) => crate::store::audit::hash_of(ctx.tx, *id)?,
                None => None,
            };
            Ok((crate::store::audit::tip(ctx.tx)?, still))
        })?;
        self.seen_elsewhere.chain = tip;
        Ok(seen.is_some_and(|(_, hash)| still.as_deref() != Some(hash.as_str())))
    }
}

/// The record of a backup just restored from (and so verified): taken when
/// its name says, else when the file was last written.
fn record_of(backup: &Path) -> Result<BackupRecord> {
    let meta = std::fs::metadata(backup).map_err(|e| {
        Error::new(
            ErrorCode::Storage,
            format!("The backup {} cannot be read: {e}", backup.display()),
            format!("无法读取备份 {}：{e}", backup.display()),
        )
    })?;
    let name = backup
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let at = time_of(name)
        .or_else(|| meta.modified().ok().map(DateTime::<Utc>::from))
        .unwrap_or_else(Utc::now);
    Ok(BackupRecord {
        id: 0,
        at: time_text(at),
        path: backup.display().to_string(),
        bytes: i64::try_from(meta.len()).unwrap_or(i64::MAX),
        sha256: files::file_sha256(backup)?,
        verified: true,
        problem: None,
    })
}

/// A server backup restored into a scratch database and opened there (its
/// schema brought to this build's); a backup of a shop file is refused with
/// the way to bring it to the server.
fn scratch_of(
    conn: &str,
    dump: &Path,
) -> Result<(crate::store::pg::dump::Scratch, crate::store::Db)> {
    if !crate::store::pg::dump::is_dump(dump) {
        return Err(Error::invalid(
            "path",
            "This backup is of a shop file on a PC, not of the shop's server. To bring it to the server, restore it on a PC's shop file and move that shop to an empty server",
            "此备份来自电脑上的店铺文件，而非店铺服务器。如需将其用于服务器，请先在电脑的店铺文件上恢复，再将该店铺迁移到空的服务器",
        ));
    }
    let scratch = crate::store::pg::dump::Scratch::of(conn, dump)?;
    let db = crate::store::connect(&scratch.conn)?;
    Ok((scratch, db))
}

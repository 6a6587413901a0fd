//! Restore: a checked backup (plain, or sealed with the shop's passphrase)
//! replaces the shop's content after a copy of the current file is kept
//! beside it. SQLite's backup API swaps the content in one transaction; the
//! schema is then brought up to this build's; everyone signs in again, since
//! the staff and their PINs are now the backup's.
//!
//! Tests: tests/core/store/backup.rs.

use super::backup::Restored;
use super::{Core, Need};
use crate::base::error::{Error, ErrorCode, Result};
use crate::model::backup::file_name;
use crate::store::backup::{self as files, FileReport};
use crate::store::{migrations, sealed};
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
        files::inspect_file(&opened.path)
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
        self.ctx_write(|ctx| {
            let content = json!({ "backup": backup.display().to_string(), "kept_copy": kept.display().to_string() });
            crate::shop::audit::append(ctx, None, "backup.restore", &content)
        })?;
        if let super::access::Access::Locked { session, .. } = &mut self.access {
            *session = None;
        }
        Ok(Restored {
            kept_copy: kept.display().to_string(),
            report,
        })
    }
}

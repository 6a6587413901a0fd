//! The file owner's maintenance commands: they act on the database file as a
//! whole, not as a person at the counter, so they need no PIN (whoever can
//! read the file could copy it anyway). Each answers JSON.

use jobcard::model::audit::ChainReport;
use jobcard::{Core, Error, ErrorCode};
use serde_json::{json, Value};
use std::path::Path;

/// Takes a verified backup now (into `to`, else the shop's folder).
pub fn backup(core: &mut Core, to: Option<&Path>) -> Result<Value, Error> {
    let record = core.backup_into(to, &mut |p| {
        eprint!("\rbackup: {} of {} pages", p.pages_done, p.pages_total);
    })?;
    eprintln!();
    if !record.verified {
        return Err(Error::new(
            ErrorCode::Storage,
            format!(
                "The backup {} did not verify: {}",
                record.path,
                record.problem.clone().unwrap_or_default()
            ),
            format!(
                "备份 {} 校验失败：{}",
                record.path,
                record.problem.clone().unwrap_or_default()
            ),
        ));
    }
    serde_json::to_value(record).map_err(Error::internal)
}

/// Restores a backup after keeping a copy of the current file. A sealed backup
/// opens with `JOBCARD_BACKUP_PASSPHRASE`, else with the shop's own passphrase.
pub fn restore(core: &mut Core, from: &Path) -> Result<Value, Error> {
    let phrase = std::env::var("JOBCARD_BACKUP_PASSPHRASE").ok();
    serde_json::to_value(core.restore(from, phrase.as_deref())?).map_err(Error::internal)
}

/// Walks the audit chain; a broken chain is an error (exit status 1).
pub fn audit_verify(core: &mut Core) -> Result<Value, Error> {
    let report: ChainReport = core.exec("audit.verify", json!({}))?;
    if !report.intact {
        return Err(Error::new(
            ErrorCode::DatabaseCorrupt,
            report.problem.clone().unwrap_or_default(),
            report.problem_zh.clone().unwrap_or_default(),
        ));
    }
    serde_json::to_value(report).map_err(Error::internal)
}

/// The database's integrity check (quick, or full with every page read).
pub fn check(core: &mut Core, full: bool) -> Result<Value, Error> {
    let report = core.check_integrity(full)?;
    if report.integrity != "ok" {
        return Err(Error::new(
            ErrorCode::DatabaseCorrupt,
            format!(
                "The database failed its integrity check: {}",
                report.integrity
            ),
            format!("数据库完整性检查失败：{}", report.integrity),
        ));
    }
    Ok(json!({ "integrity": report.integrity, "schema": report.schema, "tables": report.tables }))
}

/// Loads the shop into its server's memory; says how large the shop is
/// against the server's buffers and how many blocks were read.
pub fn warm(core: &mut Core) -> Result<Value, Error> {
    let blocks = core.warm_server(&mut |done, total| {
        eprint!("\rwarm: {} of {} MiB", done >> 20, total >> 20);
    })?;
    eprintln!();
    let memory = core.server_memory()?;
    Ok(json!({ "blocks": blocks, "memory": memory }))
}

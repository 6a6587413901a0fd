//! Copies of the live database, and the checks that trust them: SQLite's online
//! backup API copies a database in use page by page (never a file copy, which
//! could catch a write half-way), reporting progress; the copy is written under
//! a temporary name, synced, then renamed, so a backup file is whole or absent.
//! Restore runs the same API the other way, into the live connection: SQLite
//! swaps the content in one transaction, so other readers see the old shop or
//! the restored one, never a mixture.
//!
//! The integrity check lives here too: it is not run on open (it reads the whole
//! file, 12–31 s on a ten-year shop) but on every backup and on demand.
//!
//! Tests: tests/core/store/backup.rs.

use super::{corrupt_or_storage, migrations, Db};
use crate::base::error::{Error, ErrorCode, Result};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::time::Duration;
use ts_rs::TS;

/// Pages copied per step: small enough to report progress and let other
/// connections write between steps.
const PAGES_PER_STEP: i32 = 4096;

/// How far a copy has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct CopyProgress {
    pub pages_done: i64,
    pub pages_total: i64,
}

/// One table's row count and the SHA-256 of its rows in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct TableDigest {
    pub table: String,
    pub rows: i64,
    pub sha256: String,
}

/// What a database file holds, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct FileReport {
    /// The schema version it was written with.
    pub schema: i64,
    /// `ok`, or the first problems SQLite's integrity check found.
    pub integrity: String,
    pub tables: Vec<TableDigest>,
}

fn io_error(what: &str, what_zh: &str, path: &Path, e: impl std::fmt::Display) -> Error {
    Error::new(
        ErrorCode::Storage,
        format!("Cannot {what} {}: {e}", path.display()),
        format!("无法{what_zh} {}：{e}", path.display()),
    )
}

/// Copies the live database into `dest` as one consistent snapshot, even while
/// other connections write: the copy runs inside a read transaction on its own
/// connection. Answers every table's row count in that same snapshot.
pub fn copy_snapshot(
    db: &Db,
    dest: &Path,
    progress: &mut dyn FnMut(CopyProgress),
) -> Result<Vec<(String, i64)>> {
    db.file()?.execute_batch("BEGIN DEFERRED")?;
    let out = (|| {
        let counts = counts(db)?;
        copy_live(db, dest, progress)?;
        Ok(counts)
    })();
    let _ = db.file()?.execute_batch("COMMIT");
    out
}

/// Copies the live database into `dest` (replacing it), calling `progress`
/// after every step.
pub fn copy_live(db: &Db, dest: &Path, progress: &mut dyn FnMut(CopyProgress)) -> Result<()> {
    let partial = PathBuf::from(format!("{}.partial", dest.display()));
    let _ = std::fs::remove_file(&partial);
    {
        let mut out = Connection::open(&partial)
            .map_err(|e| io_error("write the backup", "写入备份", &partial, e))?;
        copy_pages(db.file()?, &mut out, progress)?;
        // The copy keeps the source's WAL flag; a backup is one plain file.
        out.execute_batch("PRAGMA journal_mode = DELETE;")?;
    }
    let file = std::fs::File::open(&partial)
        .map_err(|e| io_error("write the backup", "写入备份", &partial, e))?;
    file.sync_all()
        .map_err(|e| io_error("write the backup", "写入备份", &partial, e))?;
    std::fs::rename(&partial, dest)
        .map_err(|e| io_error("write the backup", "写入备份", dest, e))?;
    Ok(())
}

fn copy_pages(
    from: &Connection,
    to: &mut Connection,
    progress: &mut dyn FnMut(CopyProgress),
) -> Result<()> {
    let backup = Backup::new(from, to)?;
    loop {
        let step = backup.step(PAGES_PER_STEP)?;
        let p = backup.progress();
        progress(CopyProgress {
            pages_done: i64::from(p.pagecount - p.remaining),
            pages_total: i64::from(p.pagecount),
        });
        match step {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            StepResult::Busy | StepResult::Locked => std::thread::sleep(Duration::from_millis(50)),
            _ => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

/// Opens a database file read-only and checks it: full integrity check, schema
/// version, and a digest of every table.
pub fn inspect_file(path: &Path) -> Result<FileReport> {
    if !path.is_file() {
        return Err(Error::not_found("Backup file", "备份文件", path.display()));
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| io_error("open", "打开", path, e))?;
    report(&conn, true)
}

/// The same report for the live database (`full` false runs the quick check).
pub fn inspect_live(db: &Db, full: bool) -> Result<FileReport> {
    report(db.file()?, full)
}

fn report(conn: &Connection, full: bool) -> Result<FileReport> {
    let pragma = if full {
        "integrity_check"
    } else {
        "quick_check"
    };
    let mut st = conn
        .prepare(&format!("PRAGMA {pragma}(20)"))
        .map_err(corrupt_or_storage)?;
    let lines: Vec<String> = st
        .query_map((), |r| r.get(0))
        .map_err(corrupt_or_storage)?
        .collect::<rusqlite::Result<_>>()
        .map_err(corrupt_or_storage)?;
    let integrity = lines.join("; ");
    let schema: i64 = conn.query_row("PRAGMA user_version", (), |r| r.get(0))?;
    let tables = if integrity == "ok" {
        digests(conn)?
    } else {
        Vec::new()
    };
    Ok(FileReport {
        schema,
        integrity,
        tables,
    })
}

/// Every ordinary table (name, without rowid?), in name order.
fn tables(conn: &Connection) -> Result<Vec<(String, bool)>> {
    let mut st = conn.prepare(
        "SELECT name, sql LIKE '%WITHOUT ROWID%' FROM sqlite_schema
         WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'
         ORDER BY name",
    )?;
    let rows = st.query_map((), |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every ordinary table's row count, in name order (cheaper than a digest: the
/// live side of a backup's check).
pub fn counts(db: &Db) -> Result<Vec<(String, i64)>> {
    let mut out = Vec::new();
    for (table, _) in tables(db.file()?)? {
        let quoted = format!("\"{}\"", table.replace('"', "\"\""));
        let n: i64 = db
            .file()?
            .query_row(&format!("SELECT COUNT(*) FROM {quoted}"), [], |r| r.get(0))?;
        out.push((table, n));
    }
    Ok(out)
}

/// Every ordinary table's row count and content digest, in name order.
pub fn digests(conn: &Connection) -> Result<Vec<TableDigest>> {
    let tables = tables(conn)?;
    let mut out = Vec::with_capacity(tables.len());
    for (table, without_rowid) in tables {
        let quoted = format!("\"{}\"", table.replace('"', "\"\""));
        let order = if without_rowid {
            let n: i64 = conn.query_row(
                &format!(
                    "SELECT COUNT(*) FROM pragma_table_info('{}')",
                    table.replace('\'', "''")
                ),
                (),
                |r| r.get(0),
            )?;
            (1..=n.max(1))
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(",")
        } else {
            "rowid".to_string()
        };
        let mut rows_st = conn.prepare(&format!("SELECT * FROM {quoted} ORDER BY {order}"))?;
        let width = rows_st.column_count();
        let mut rows = rows_st.query([])?;
        let mut hash = Sha256::new();
        let mut count = 0i64;
        while let Some(row) = rows.next()? {
            count += 1;
            for i in 0..width {
                match row.get_ref(i)? {
                    ValueRef::Null => hash.update(b"N"),
                    ValueRef::Integer(n) => {
                        hash.update(b"I");
                        hash.update(n.to_be_bytes());
                    }
                    ValueRef::Real(f) => {
                        hash.update(b"R");
                        hash.update(f.to_bits().to_be_bytes());
                    }
                    ValueRef::Text(t) | ValueRef::Blob(t) => {
                        hash.update(b"T");
                        hash.update((t.len() as u64).to_be_bytes());
                        hash.update(t);
                    }
                }
            }
        }
        out.push(TableDigest {
            table,
            rows: count,
            sha256: hash.finalize().iter().map(|b| format!("{b:02x}")).collect(),
        });
    }
    Ok(out)
}

/// Replaces the live database's content with the file at `from` (already
/// checked), then brings its schema up to this build's.
pub fn restore_into(db: &mut Db, from: &Path) -> Result<()> {
    let source = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| io_error("open", "打开", from, e))?;
    let conn = db.file_mut()?;
    conn.flush_prepared_statement_cache();
    copy_pages(&source, conn, &mut |_| {})?;
    conn.flush_prepared_statement_cache();
    migrations::to_latest(conn)
}

/// The SHA-256 of a file, streamed.
pub fn file_sha256(path: &Path) -> Result<String> {
    use std::io::Read;
    let mut f = std::fs::File::open(path).map_err(|e| io_error("read", "读取", path, e))?;
    let mut hash = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f
            .read(&mut buf)
            .map_err(|e| io_error("read", "读取", path, e))?;
        if n == 0 {
            break;
        }
        hash.update(&buf[..n]);
    }
    Ok(hash.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

//! A backup of a shop on the server with PostgreSQL's own `pg_dump`, verified
//! by restoring it: the dump is taken from one exported snapshot, inside
//! which every table is also counted; the dump is then restored with
//! `pg_restore` into a scratch database on the same server and counted again,
//! and the scratch database is dropped. A dump whose restore fails or whose
//! counts differ is not a good backup. The same scratch restore shows what a
//! backup holds and is what a restore copies over the shop (api/restore.rs).
//! The tools come from the PATH or from Debian's /usr/lib/postgresql/*/bin;
//! the server's user needs CREATEDB for the check.
//! Tests: tests/core/store/pg.rs, tests/core/store/pg_restore.rs.

use super::client::Client;
use super::failed;
use crate::base::error::{Error, ErrorCode, Result};
use crate::store::digest::quoted;
use crate::store::driver::pg_run::Begun;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where PostgreSQL's tool `name` is: the newest Debian install, else the PATH.
fn tool(name: &str) -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|d| d.path().join("bin").join(name))
        .filter(|p| p.is_file())
        .collect();
    found.sort();
    found.pop().unwrap_or_else(|| PathBuf::from(name))
}

fn run(cmd: &mut Command, what: &str, what_zh: &str) -> Result<()> {
    said(cmd, what, what_zh).map(|_| ())
}

/// Runs `cmd`; what it wrote to its standard output, or why it failed.
fn said(cmd: &mut Command, what: &str, what_zh: &str) -> Result<String> {
    let out = cmd.output().map_err(|e| {
        Error::new(
            ErrorCode::Storage,
            format!("Cannot run {what} ({e}); install PostgreSQL's client tools on this PC"),
            format!("无法运行 {what_zh}（{e}）；请在本机安装 PostgreSQL 客户端工具"),
        )
    })?;
    if out.status.success() {
        return Ok(String::from_utf8_lossy(&out.stdout).into_owned());
    }
    let said = String::from_utf8_lossy(&out.stderr).trim().to_string();
    Err(Error::new(
        ErrorCode::Storage,
        format!("{what} failed: {said}"),
        format!("{what_zh}失败：{said}"),
    ))
}

/// The shop's tables and their rows, as one snapshot sees them.
fn counts(tx: &mut Client, schema: &str) -> Result<Vec<(String, i64)>> {
    let tables: Vec<String> = tx
        .query(
            "SELECT tablename::text FROM pg_tables WHERE schemaname = $1 ORDER BY 1",
            &[&schema],
        )
        .map_err(failed)?
        .iter()
        .map(|r| r.get(0))
        .collect();
    let mut out = Vec::with_capacity(tables.len());
    for t in tables {
        let q = format!("SELECT count(*) FROM {}.{}", quoted(schema), quoted(&t));
        let n: i64 = tx.query_one(&q, &[]).map_err(failed)?.get(0);
        out.push((t, n));
    }
    Ok(out)
}

/// Dumps the shop at `conn` into `dest` (custom format) and checks the dump
/// by restoring it; answers every table's rows, or why the dump is not good.
pub fn dump_verified(conn: &str, dest: &Path) -> Result<Vec<(String, i64)>> {
    let mut client = super::connection::open(conn)?;
    client
        .batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        .map_err(failed)?;
    // Rolled back when dropped unfinished.
    let mut begun = Begun::new(&mut client);
    let tx = begun.client().map_err(failed)?;
    let row = tx
        .query_one("SELECT pg_export_snapshot(), current_schema()::text", &[])
        .map_err(failed)?;
    let (snapshot, schema): (String, String) = (row.get(0), row.get(1));
    let live = counts(tx, &schema)?;
    let for_tools = ForTools::of(conn)?;
    run(
        Command::new(tool("pg_dump"))
            .arg("--format=custom")
            .arg(format!("--snapshot={snapshot}"))
            .arg(format!("--schema={schema}"))
            .arg("--no-owner")
            .arg(format!("--file={}", dest.display()))
            .arg(format!("--dbname={}", for_tools.conn)),
        "pg_dump",
        "pg_dump",
    )?;
    begun.commit().map_err(failed)?;
    let restored = restore_and_count(conn, &schema, dest)?;
    if restored != live {
        return Err(Error::new(
            ErrorCode::Storage,
            "The restored dump does not hold what the shop held",
            "恢复后的备份与店铺数据不一致",
        ));
    }
    Ok(live)
}

/// A connection string as libpq's tools take it. `sslrootcert=system` is
/// libpq 16's (an older one reads a file called "system", or, with no
/// `sslmode`, checks nothing), and on Windows its "system" is OpenSSL's
/// folder, not the computer's store: so the authorities this computer trusts
/// (as the app checks with, store/pg/tls.rs) are written to a PEM file of
/// the tool's own, named instead with `sslmode=verify-full`, and removed
/// when this is dropped.
struct ForTools {
    conn: String,
    roots: Option<PathBuf>,
}

impl ForTools {
    fn of(conn: &str) -> Result<ForTools> {
        let system = matches!(
            super::tls::options(conn)?.check,
            super::tls::Check::Authority {
                roots: super::tls::Roots::System,
                ..
            }
        );
        if !system {
            return Ok(ForTools {
                conn: conn.to_string(),
                roots: None,
            });
        }
        use base64::Engine;
        let mut pem = String::new();
        for cert in super::tls::system_certificates()? {
            let b64 = base64::engine::general_purpose::STANDARD.encode(cert.as_ref());
            pem.push_str("-----BEGIN CERTIFICATE-----\n");
            for line in b64.as_bytes().chunks(64) {
                pem.push_str(&String::from_utf8_lossy(line));
                pem.push('\n');
            }
            pem.push_str("-----END CERTIFICATE-----\n");
        }
        static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let file =
            std::env::temp_dir().join(format!("jobcard-roots-{}-{n}.pem", std::process::id()));
        std::fs::write(&file, pem).map_err(|e| {
            Error::new(
                ErrorCode::Storage,
                format!("Cannot write {}: {e}", file.display()),
                format!("无法写入 {}：{e}", file.display()),
            )
        })?;
        // A later value wins in libpq; and before 16 it knows no `system`,
        // so it would not take the check that `system` implies as asked.
        let conn = with_param(conn, "sslrootcert", &file.display().to_string());
        Ok(ForTools {
            conn: with_param(&conn, "sslmode", "verify-full"),
            roots: Some(file),
        })
    }
}

impl Drop for ForTools {
    fn drop(&mut self) {
        if let Some(f) = &self.roots {
            let _ = std::fs::remove_file(f);
        }
    }
}

/// Restores `dump` into a scratch database beside the shop's, counts its
/// tables, and drops it.
fn restore_and_count(conn: &str, schema: &str, dump: &Path) -> Result<Vec<(String, i64)>> {
    let scratch = Scratch::of(conn, dump)?;
    let mut s = super::connection::open(&scratch.conn)?;
    s.batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        .map_err(failed)?;
    counts(&mut s, schema)
}

/// Whether `path` is a dump in `pg_dump`'s custom format (its first bytes).
pub fn is_dump(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 5];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| &head == b"PGDMP")
}

/// `conn` with one more parameter, in the form it is written in (a
/// `postgresql://` URL or libpq's `key=value` pairs); a later value wins.
fn with_param(conn: &str, key: &str, value: &str) -> String {
    if conn.starts_with("postgres://") || conn.starts_with("postgresql://") {
        let encoded: String = value
            .bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect();
        let sep = if conn.contains('?') { '&' } else { '?' };
        format!("{conn}{sep}{key}={encoded}")
    } else {
        format!(
            "{conn} {key}='{}'",
            value.replace('\\', "\\\\").replace('\'', "\\'")
        )
    }
}

/// A dump restored into a scratch database on the shop's server, dropped
/// again when this is dropped: to check a dump, to show what a backup holds,
/// and to restore a backup from (store/transfer.rs copies it over the shop).
pub struct Scratch {
    admin: Client,
    quoted: String,
    /// The scratch database, its search path on the dump's schema.
    pub conn: String,
    /// The Jobcard schema version the dump was written with.
    pub schema_version: i64,
}

impl Scratch {
    /// Restores the dump at `dump` beside the shop at `conn`.
    pub fn of(conn: &str, dump: &Path) -> Result<Scratch> {
        let mut admin = super::connection::open(conn)?;
        // Its own name, short whatever the shop's database is called: a
        // restore checks its backup and the copy it keeps, one after another.
        static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let scratch = format!("jobcard_scratch_{}_{n}", std::process::id());
        let name = quoted(&scratch);
        // Each its own statement: a database is made outside any transaction.
        let made = admin
            .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .and_then(|_| admin.batch_execute(&format!("CREATE DATABASE {name}")));
        if let Err(e) = made {
            let said = failed(e).message;
            return Err(Error::new(
                ErrorCode::Storage,
                format!("The backup cannot be checked: the server's user may not create a scratch database ({said})"),
                format!("无法校验备份：服务器用户无权创建临时数据库（{said}）"),
            ));
        }
        let base = with_param(conn, "dbname", &scratch);
        // Dropped with it when anything below fails.
        let mut out = Scratch {
            admin,
            quoted: name,
            conn: base.clone(),
            schema_version: 0,
        };
        let mut s = super::connection::open(&base)?;
        s.batch_execute("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")
            .map_err(failed)?;
        // A shop in the `public` schema: the dump creates the schema, which
        // every database already has; that one entry is left out.
        let contents = said(
            Command::new(tool("pg_restore")).arg("--list").arg(dump),
            "pg_restore",
            "pg_restore",
        )?;
        let list =
            std::env::temp_dir().join(format!("jobcard-restore-{}-{n}.list", std::process::id()));
        std::fs::write(&list, without_public_schema(&contents)).map_err(|e| {
            Error::new(
                ErrorCode::Storage,
                format!("Cannot write {}: {e}", list.display()),
                format!("无法写入 {}：{e}", list.display()),
            )
        })?;
        let for_tools = ForTools::of(&base)?;
        let restored = run(
            Command::new(tool("pg_restore"))
                .arg("--exit-on-error")
                .arg("--no-owner")
                .arg(format!("--use-list={}", list.display()))
                .arg(format!("--dbname={}", for_tools.conn))
                .arg(dump),
            "pg_restore",
            "pg_restore",
        );
        let _ = std::fs::remove_file(&list);
        restored?;
        let schema: Option<String> = s
            .query_opt(
                "SELECT table_schema::text FROM information_schema.tables
                  WHERE table_name = 'jobcard_schema' ORDER BY 1 LIMIT 1",
                &[],
            )
            .map_err(failed)?
            .map(|r| r.get(0));
        let Some(schema) = schema else {
            return Err(Error::invalid(
                "path",
                "This dump holds no Jobcard shop",
                "此备份中没有 Jobcard 店铺数据",
            ));
        };
        out.schema_version = s
            .query_one(
                &format!(
                    "SELECT coalesce(max(version), 0) FROM {}.jobcard_schema",
                    quoted(&schema)
                ),
                &[],
            )
            .map_err(failed)?
            .get(0);
        out.conn = with_param(
            &base,
            "options",
            &format!("-c search_path={},public", quoted(&schema)),
        );
        Ok(out)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = self.admin.batch_execute(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.quoted
        ));
    }
}

/// `pg_restore --list`'s table of contents without the entry that creates
/// the `public` schema.
fn without_public_schema(contents: &str) -> String {
    contents
        .lines()
        .filter(|l| {
            let entry = l.split_once(';').map_or("", |(_, rest)| rest);
            !entry
                .split_whitespace()
                .skip(2)
                .take(3)
                .eq(["SCHEMA", "-", "public"])
        })
        .map(|l| format!("{l}\n"))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_public_schemas_creation_is_left_out_and_nothing_else() {
        let toc = "; Archive created at 2026-11-24\n5; 2615 2200 SCHEMA - public pg_database_owner\n4165; 0 0 COMMENT - SCHEMA public pg_database_owner\n6; 2615 16390 SCHEMA - shop_3 jobcard\n220; 1259 16400 TABLE public jobs jobcard\n";
        let kept = super::without_public_schema(toc);
        assert!(!kept.contains("SCHEMA - public"));
        assert!(kept.contains("COMMENT - SCHEMA public"));
        assert!(kept.contains("SCHEMA - shop_3"));
        assert!(kept.contains("TABLE public jobs"));
    }
}

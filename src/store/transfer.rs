//! Moving a shop from its SQLite file to a PostgreSQL server, in one go: every
//! table copied inside one server transaction (foreign keys deferred to its
//! end, the tables' own triggers paused for the copy, since the copy writes
//! records that are already issued and signed); then each table's row count
//! and SHA-256 (digest.rs) compared between the file and the server before
//! anything commits. A difference, or a server that already holds a shop,
//! leaves the server as it was. The file is only read, inside one snapshot:
//! it stays the shop until the counters are switched over.
//! Tests: tests/core/store/pg.rs.

use super::digest::{self, quoted, TableDigest};
use super::driver::{Sql, Value};
use super::{read_tx, write_tx, Db};
use crate::base::error::{Error, ErrorCode, Result};
use serde::Serialize;

/// One table, compared after the copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct TableCheck {
    pub table: String,
    pub file: TableDigest,
    pub server: TableDigest,
}

impl TableCheck {
    pub fn matches(&self) -> bool {
        self.file.rows == self.server.rows && self.file.sha256 == self.server.sha256
    }
}

/// Copies the shop in `file` onto the empty server `server`; `progress` gets
/// (table, rows copied of it, its rows).
pub fn to_server(
    file: &mut Db,
    server: &mut Db,
    progress: &mut dyn FnMut(&str, i64, i64),
) -> Result<Vec<TableCheck>> {
    if file.is_server() || !server.is_server() {
        return Err(Error::invalid(
            "server",
            "A shop moves from its file on this PC to a database server",
            "店铺只能从本机文件迁移到数据库服务器",
        ));
    }
    let from = read_tx(file)?;
    let to = write_tx(server)?;
    let (src, dst) = (from.sql(), to.sql());
    let held: i64 = dst.query_row(
        "SELECT (SELECT count(*) FROM staff) + (SELECT count(*) FROM settings)",
        (),
        |r| r.get(0),
    )?;
    if held > 0 {
        return Err(Error::new(
            ErrorCode::InvalidState,
            "The server already holds a shop; moving this one there would mix two shops. Use an empty database",
            "该服务器上已有店铺数据；迁移会混合两个店铺。请使用空数据库",
        )
        .at("server"));
    }
    let tables = digest::tables(src)?;
    let on_server = digest::tables(dst)?;
    if let Some(missing) = tables.iter().find(|t| !on_server.contains(t)) {
        return Err(Error::new(
            ErrorCode::DatabaseTooNew,
            format!(
                "The server's schema has no table {missing}; update Jobcard on every counter first"
            ),
            format!("服务器的数据结构中没有表 {missing}；请先在所有终端上升级 Jobcard"),
        ));
    }
    for t in &tables {
        dst.execute_batch(&format!("ALTER TABLE {} DISABLE TRIGGER USER", quoted(t)))?;
        // What a new server starts with (the default permissions) gives way
        // to the shop's own.
        dst.execute(&format!("DELETE FROM {}", quoted(t)), ())?;
    }
    dst.execute_batch("SET CONSTRAINTS ALL DEFERRED")?;
    for t in &tables {
        copy_table(src, dst, t, progress)?;
    }
    continue_numbering(dst, &tables)?;
    let mut checks = Vec::with_capacity(tables.len());
    for t in &tables {
        checks.push(TableCheck {
            table: t.clone(),
            file: digest::table(src, t)?,
            server: digest::table(dst, t)?,
        });
    }
    if let Some(bad) = checks.iter().find(|c| !c.matches()) {
        return Err(Error::new(
            ErrorCode::Storage,
            format!(
                "The copy of {} does not match the file ({} rows against {}); nothing was kept on the server",
                bad.table, bad.server.rows, bad.file.rows
            ),
            format!(
                "表 {} 的副本与文件不一致（{} 行对 {} 行）；服务器上未保留任何内容",
                bad.table, bad.server.rows, bad.file.rows
            ),
        ));
    }
    // Foreign keys are checked here, at the latest; then the triggers guard
    // the records again, from before the commit on.
    dst.execute_batch("SET CONSTRAINTS ALL IMMEDIATE")?;
    for t in &tables {
        dst.execute_batch(&format!("ALTER TABLE {} ENABLE TRIGGER USER", quoted(t)))?;
    }
    // The planner's statistics for the tables just filled, so the first
    // counter's queries on the server use their indexes.
    for t in &tables {
        dst.execute_batch(&format!("ANALYZE {}", quoted(t)))?;
    }
    to.commit()?;
    Ok(checks)
}

fn copy_table(
    src: Sql<'_>,
    dst: Sql<'_>,
    table: &str,
    progress: &mut dyn FnMut(&str, i64, i64),
) -> Result<()> {
    let total: i64 = src.query_row(
        &format!("SELECT count(*) FROM {}", quoted(table)),
        (),
        |r| r.get(0),
    )?;
    progress(table, 0, total);
    let cols = digest::columns(src, table)?;
    let list = cols
        .iter()
        .map(|c| quoted(c))
        .collect::<Vec<_>>()
        .join(", ");
    let marks = (1..=cols.len())
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    // A server table ordered by the file's rowid keeps that order in its own.
    let keeps_order = digest::has_row_order(dst, table)?;
    let (select, insert) = if keeps_order {
        (
            format!("SELECT {list}, rowid FROM {} ORDER BY rowid", quoted(table)),
            format!(
                "INSERT INTO {} ({list}, rowid) OVERRIDING SYSTEM VALUE VALUES ({marks}, ?{})",
                quoted(table),
                cols.len() + 1
            ),
        )
    } else {
        (
            format!("SELECT {list} FROM {}", quoted(table)),
            format!("INSERT INTO {} ({list}) VALUES ({marks})", quoted(table)),
        )
    };
    let n = cols.len() + usize::from(keeps_order);
    let mut read = src.prepare(&select)?;
    let mut write = dst.prepare_cached(&insert)?;
    let mut rows = read.query(())?;
    let mut done = 0i64;
    while let Some(r) = rows.next()? {
        let values = (0..n)
            .map(|i| r.get::<_, Value>(i))
            .collect::<std::result::Result<Vec<_>, _>>()?;
        write.execute(values)?;
        done += 1;
        if done % 1000 == 0 {
            progress(table, done, total);
        }
    }
    progress(table, done, total);
    Ok(())
}

/// Each table's id sequence continues after the highest id copied.
fn continue_numbering(dst: Sql<'_>, tables: &[String]) -> Result<()> {
    for t in tables {
        let has_id: bool = dst.query_row(
            "SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema()
               AND table_name = ?1 AND column_name = 'id' AND is_identity = 'YES'",
            [t],
            |r| r.get(0),
        )?;
        if has_id {
            dst.query_row(
                &format!(
                    "SELECT setval(pg_get_serial_sequence(?1, 'id'), COALESCE(max(id), 0) + 1, false) FROM {}",
                    quoted(t)
                ),
                [quoted(t)],
                |r| r.get::<_, i64>(0),
            )?;
        }
    }
    Ok(())
}

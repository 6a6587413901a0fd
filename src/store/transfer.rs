//! Moving a shop from its SQLite file to a PostgreSQL server, in one go: every
//! table copied (PostgreSQL's `COPY`, a few megabytes at a time) inside one
//! server transaction (foreign keys set aside and put back at its end, each
//! checked in one pass: foreign_keys.rs; on a restore, where the other
//! counters go on reading, deferred to its end; the tables' own triggers paused for
//! the copy, since the copy writes records that are already issued and
//! signed); then each table's row count and SHA-256 (digest.rs) compared
//! between the file and the server before anything commits. A difference, a
//! record pointing nowhere, or a server that already holds a shop, leaves
//! the server as it was. The file is only read, inside one snapshot:
//! it stays the shop until the counters are switched over. A server shop's
//! restore uses the same copy, from its backup restored into a scratch
//! database over the shop (`replace_on_server`).
//! Tests: tests/core/store/pg_move.rs.

use super::digest::{self, quoted, TableDigest};
use super::driver::{Sql, SqlError, SqlResult, Value};
use super::foreign_keys;
use super::{read_tx, write_tx, Db};
use crate::base::error::{Error, ErrorCode, Result};
use crate::model::server::{MoveProgress, MoveStep};
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

/// What a move or a server's restore tells its caller as it goes.
pub type Progress<'a> = dyn FnMut(&MoveProgress) + 'a;

/// Copies the shop in `file` onto the empty server `server`; `progress` is
/// told each step, table by table.
pub fn to_server(
    file: &mut Db,
    server: &mut Db,
    progress: &mut Progress<'_>,
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
    let held: i64 = to.sql().query_row(
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
    // Nobody else works on an empty server: its foreign keys may be set
    // aside, which locks each table whole until the commit.
    let checks = fill(from.sql(), to.sql(), Keys::SetAside, progress)?;
    to.commit()?;
    drop(from);
    settle(server, &checks, progress)?;
    Ok(checks)
}

/// Replaces the shop on the server `shop` with the one in `backup` (a dump
/// restored into a scratch database, brought to this build's schema): in one
/// transaction on the shop, holding its write lock, so the other counters
/// see the shop before or after, never between; compared table for table
/// before it commits, then announced to them.
pub fn replace_on_server(
    backup: &mut Db,
    shop: &mut Db,
    progress: &mut Progress<'_>,
) -> Result<Vec<TableCheck>> {
    if !backup.is_server() || !shop.is_server() {
        return Err(Error::invalid(
            "server",
            "A server's shop is restored from a backup of a server's shop",
            "服务器上的店铺只能从服务器备份恢复",
        ));
    }
    let from = read_tx(backup)?;
    let to = write_tx(shop)?;
    // The other counters go on reading the shop as it was meanwhile: its
    // foreign keys stay (dropping one would lock its tables whole, and a
    // counter's read of two tables could then deadlock with the restore).
    let checks = fill(from.sql(), to.sql(), Keys::Deferred, progress)?;
    // Told apart from other changes: the other counters sign out
    // (pg/mod.rs, `restored_elsewhere`).
    to.sql().execute_batch(&format!(
        "SELECT pg_notify('jobcard_' || current_schema(), '{}')",
        super::pg::RESTORED
    ))?;
    to.commit()?;
    drop(from);
    settle(shop, &checks, progress)?;
    Ok(checks)
}

/// Every table of `src` copied over the server's `dst` (whose rows go first),
/// compared, foreign keys and triggers back on: all inside `dst`'s open
/// transaction, which the caller commits.
fn fill(
    src: Sql<'_>,
    dst: Sql<'_>,
    keys: Keys,
    progress: &mut Progress<'_>,
) -> Result<Vec<TableCheck>> {
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
    // Foreign keys are checked at the end, once every table is whole again:
    // put back, each in one pass (foreign_keys.rs), or row by row.
    let aside = match keys {
        Keys::SetAside => foreign_keys::set_aside(dst)?,
        Keys::Deferred => {
            dst.execute_batch("SET CONSTRAINTS ALL DEFERRED")?;
            Vec::new()
        }
    };
    for t in &tables {
        dst.execute_batch(&format!("ALTER TABLE {} DISABLE TRIGGER USER", quoted(t)))?;
        // What a new server starts with (the default permissions), or the
        // shop a backup replaces, gives way to the rows copied.
        dst.execute(&format!("DELETE FROM {}", quoted(t)), ())?;
    }
    for t in &tables {
        copy_table(src, dst, t, progress)?;
    }
    continue_numbering(dst, &tables)?;
    let mut checks = Vec::with_capacity(tables.len());
    for (i, t) in tables.iter().enumerate() {
        tell(progress, MoveStep::Compare, t, i, tables.len());
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
    match keys {
        Keys::SetAside => foreign_keys::put_back(dst, &aside, &mut |t, done, total| {
            tell(progress, MoveStep::Check, t, done, total)
        })?,
        Keys::Deferred => {
            tell(progress, MoveStep::Check, "", 0, 1);
            dst.execute_batch("SET CONSTRAINTS ALL IMMEDIATE")?;
        }
    }
    // The triggers guard the records again, from before the commit on.
    for t in &tables {
        dst.execute_batch(&format!("ALTER TABLE {} ENABLE TRIGGER USER", quoted(t)))?;
    }
    Ok(checks)
}

/// How a copy's foreign keys are checked.
#[derive(Clone, Copy)]
enum Keys {
    /// Set aside and put back, each checked in one pass: for a server
    /// nobody else uses yet.
    SetAside,
    /// Deferred to the end and checked row by row: for a shop in use.
    Deferred,
}

/// After a bulk copy has committed: every table vacuumed and analysed, as
/// after any bulk load, so the first counter's queries find the planner's
/// statistics, the visibility map set (index-only scans) and the search
/// index's pending entries merged (a search would otherwise scan them one by
/// one until the server's autovacuum came by). Then, where the shop's role
/// may ask for it, a checkpoint: the shop's files written out to the server's
/// disk now, not over the following minutes under the counters' first reads,
/// and a crash soon after replays none of the move's gigabytes of WAL.
fn settle(server: &mut Db, checks: &[TableCheck], progress: &mut Progress<'_>) -> Result<()> {
    let bare = super::checks(server);
    for (i, c) in checks.iter().enumerate() {
        tell(progress, MoveStep::Tidy, &c.table, i, checks.len());
        // Outside any transaction: VACUUM cannot run inside one.
        bare.sql()
            .execute_batch(&format!("VACUUM (ANALYZE) {}", quoted(&c.table)))?;
    }
    if may_checkpoint(bare.sql())? {
        tell(progress, MoveStep::WriteOut, "", 0, 1);
        bare.sql().execute_batch("CHECKPOINT")?;
    }
    Ok(())
}

/// Tells `progress` of a step over tables: `done` of `total` so far.
fn tell(progress: &mut Progress<'_>, step: MoveStep, table: &str, done: usize, total: usize) {
    progress(&MoveProgress {
        step,
        table: table.to_string(),
        done: done as i64,
        total: total as i64,
    });
}

/// Whether the role the shop connects as may run `CHECKPOINT`: a superuser,
/// or (PostgreSQL 15 on) a member of `pg_checkpoint`. A shop's own role is
/// usually neither; its server's checkpoints then write the move in their
/// own time, as they write everything else.
fn may_checkpoint(sql: Sql<'_>) -> SqlResult<bool> {
    sql.query_row(
        "SELECT r.rolsuper OR EXISTS (SELECT 1 FROM pg_roles c \
           WHERE c.rolname = 'pg_checkpoint' AND pg_has_role(current_user, c.oid, 'MEMBER')) \
         FROM pg_roles r WHERE r.rolname = current_user",
        (),
        |r| r.get(0),
    )
}

fn copy_table(src: Sql<'_>, dst: Sql<'_>, table: &str, progress: &mut Progress<'_>) -> Result<()> {
    let total: i64 = src.query_row(
        &format!("SELECT count(*) FROM {}", quoted(table)),
        (),
        |r| r.get(0),
    )?;
    let mut rows = |done| {
        progress(&MoveProgress {
            step: MoveStep::Copy,
            table: table.to_string(),
            done,
            total,
        })
    };
    rows(0);
    let cols = digest::columns(src, table)?;
    let list = cols
        .iter()
        .map(|c| quoted(c))
        .collect::<Vec<_>>()
        .join(", ");
    // A server table ordered by the file's rowid keeps that order in its own.
    let keeps_order = digest::has_row_order(dst, table)?;
    // COPY writes identity columns as given (as OVERRIDING SYSTEM VALUE).
    let (select, copy) = if keeps_order {
        (
            format!("SELECT {list}, rowid FROM {} ORDER BY rowid", quoted(table)),
            format!("COPY {} ({list}, rowid) FROM STDIN", quoted(table)),
        )
    } else {
        (
            format!("SELECT {list} FROM {}", quoted(table)),
            format!("COPY {} ({list}) FROM STDIN", quoted(table)),
        )
    };
    let n = cols.len() + usize::from(keeps_order);
    let mut done = 0i64;
    let mut batch = Vec::with_capacity(BATCH_BYTES + 64 * 1024);
    let mut in_batch = 0i64;
    // From a file or, for a restore, from the scratch copy on the server.
    digest::stream(src, &select, n, &mut |values| {
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                batch.push(b'\t');
            }
            copy_text(&mut batch, v);
        }
        batch.push(b'\n');
        in_batch += 1;
        if batch.len() >= BATCH_BYTES {
            done += send(dst, &copy, &mut batch, in_batch)?;
            in_batch = 0;
            rows(done);
        }
        Ok(())
    })?;
    done += send(dst, &copy, &mut batch, in_batch)?;
    rows(done);
    Ok(())
}

/// How much of a table goes to the server in one `COPY` (its rows whole).
const BATCH_BYTES: usize = 4 << 20;

/// Sends the rows in `batch` (`rows` of them) and empties it; the rows the
/// server took, which must be all of them.
fn send(dst: Sql<'_>, copy: &str, batch: &mut Vec<u8>, rows: i64) -> SqlResult<i64> {
    if rows == 0 {
        return Ok(0);
    }
    let took = dst.copy_in(copy, batch)?;
    batch.clear();
    if took != rows as u64 {
        return Err(SqlError::Convert(format!(
            "the server took {took} of {rows} rows in one part of the copy"
        )));
    }
    Ok(rows)
}

/// One value in `COPY`'s text format: `\N` for null, the characters that
/// would end a field or a row escaped, bytes as `\\x` and hex.
fn copy_text(out: &mut Vec<u8>, v: &Value) {
    match v {
        Value::Null => out.extend_from_slice(b"\\N"),
        Value::Int(i) => out.extend_from_slice(i.to_string().as_bytes()),
        Value::Real(f) if f.is_nan() => out.extend_from_slice(b"NaN"),
        Value::Real(f) if f.is_infinite() => out.extend_from_slice(if *f > 0.0 {
            b"Infinity".as_slice()
        } else {
            b"-Infinity".as_slice()
        }),
        Value::Real(f) => out.extend_from_slice(f.to_string().as_bytes()),
        Value::Text(t) => {
            for b in t.bytes() {
                match b {
                    b'\\' => out.extend_from_slice(b"\\\\"),
                    b'\n' => out.extend_from_slice(b"\\n"),
                    b'\r' => out.extend_from_slice(b"\\r"),
                    b'\t' => out.extend_from_slice(b"\\t"),
                    _ => out.push(b),
                }
            }
        }
        Value::Blob(bytes) => {
            out.extend_from_slice(b"\\\\x");
            for b in bytes {
                out.extend_from_slice(format!("{b:02x}").as_bytes());
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn text(v: Value) -> String {
        let mut out = Vec::new();
        copy_text(&mut out, &v);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn values_are_written_in_copys_text_format() {
        assert_eq!(text(Value::Null), "\\N");
        assert_eq!(text(Value::Int(-42)), "-42");
        assert_eq!(text(Value::Real(1.5)), "1.5");
        assert_eq!(text(Value::Real(f64::NEG_INFINITY)), "-Infinity");
        assert_eq!(
            text(Value::Text("a\tb\nc\\d\r王".into())),
            "a\\tb\\nc\\\\d\\r王"
        );
        // "\N" typed as text stays text, not null.
        assert_eq!(text(Value::Text("\\N".into())), "\\\\N");
        assert_eq!(text(Value::Blob(vec![0, 0xff])), "\\\\x00ff");
    }
}

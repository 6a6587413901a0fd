//! Every table's row count and a SHA-256 of its rows, on either backend and
//! the same on both for the same content: rows in the order of all their
//! columns (NULLs first, text byte-wise, as both stores compare), each value
//! hashed by its kind and bytes. Two copies of a shop — a file and the
//! server it moved to, a shop before and after a refused command — match
//! table for table exactly when they hold the same records.
//! Tests: tests/core/store/pg_move.rs, tests/core/store/pg.rs, tests/core/api/hostile.rs.

pub use super::backup::TableDigest;
use super::driver::{Sql, SqlResult, Value};
use sha2::{Digest, Sha256};

/// The shop's own tables, by name (SQLite's FTS5 shadow tables and the
/// server's schema-version table are the store's machinery, not records).
pub fn tables(sql: Sql<'_>) -> SqlResult<Vec<String>> {
    let q = if sql.is_pg() {
        "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema()
           AND tablename <> 'jobcard_schema' ORDER BY 1"
    } else {
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
           AND name NOT LIKE 'search_fts%' ORDER BY 1"
    };
    sql.prepare(q)?.query_map((), |r| r.get(0))?.collect()
}

/// A table's columns, in order (on the server, without the `rowid` a table
/// gets where the store orders by SQLite's rowid: sql/0002_shop.sql).
pub fn columns(sql: Sql<'_>, table: &str) -> SqlResult<Vec<String>> {
    if sql.is_pg() {
        sql.prepare(
            "SELECT column_name::text FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = ?1 AND column_name <> 'rowid'
             ORDER BY ordinal_position",
        )?
        .query_map([table], |r| r.get(0))?
        .collect()
    } else {
        sql.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?
            .query_map([table], |r| r.get(0))?
            .collect()
    }
}

/// Whether the server's copy of `table` keeps SQLite's rowid order in a
/// column of its own (never on SQLite, where the rowid is built in).
pub fn has_row_order(sql: Sql<'_>, table: &str) -> SqlResult<bool> {
    if !sql.is_pg() {
        return Ok(false);
    }
    sql.query_row(
        "SELECT count(*) FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = ?1 AND column_name = 'rowid'",
        [table],
        |r| r.get(0),
    )
}

/// A table or column name as SQL quotes it (both backends).
pub(super) fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Every row of `table`, ordered by all its columns, handed to `each`.
pub fn each_row(
    sql: Sql<'_>,
    table: &str,
    each: &mut dyn FnMut(&[Value]) -> SqlResult<()>,
) -> SqlResult<Vec<String>> {
    let cols = columns(sql, table)?;
    let list = cols
        .iter()
        .map(|c| quoted(c))
        .collect::<Vec<_>>()
        .join(", ");
    let order = (1..=cols.len())
        .map(|i| format!("{i} NULLS FIRST"))
        .collect::<Vec<_>>()
        .join(", ");
    let select = format!("SELECT {list} FROM {} ORDER BY {order}", quoted(table));
    stream(sql, &select, cols.len(), each)?;
    Ok(cols)
}

/// The rows of `select` (`n` columns) handed to `each` one at a time. The
/// server's driver reads a statement's rows whole, so there a cursor hands a
/// table of millions over a few thousand rows per round trip (inside the
/// caller's transaction); SQLite hands them over as read.
pub fn stream(
    sql: Sql<'_>,
    select: &str,
    n: usize,
    each: &mut dyn FnMut(&[Value]) -> SqlResult<()>,
) -> SqlResult<()> {
    let mut values = Vec::with_capacity(n);
    let mut hand = |st: &mut super::driver::Stmt<'_>| -> SqlResult<usize> {
        let mut rows = st.query(())?;
        let mut got = 0;
        while let Some(r) = rows.next()? {
            got += 1;
            values.clear();
            for i in 0..n {
                values.push(r.get::<_, Value>(i)?);
            }
            each(&values)?;
        }
        Ok(got)
    };
    if !sql.is_pg() {
        hand(&mut sql.prepare(select)?)?;
        return Ok(());
    }
    // Named after the query: its FETCH, prepared once per connection, always
    // answers the columns it was prepared for.
    let cursor = {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        select.hash(&mut h);
        format!("jobcard_rows_{:016x}", h.finish())
    };
    sql.execute_batch(&format!("DECLARE {cursor} NO SCROLL CURSOR FOR {select}"))?;
    let fetch = format!("FETCH {FETCHED} FROM {cursor}");
    while hand(&mut sql.prepare_cached(&fetch)?)? == FETCHED {}
    sql.execute_batch(&format!("CLOSE {cursor}"))?;
    Ok(())
}

/// Rows per round trip when a table is read through a cursor on the server.
const FETCHED: usize = 5000;

/// One table's count and digest.
pub fn table(sql: Sql<'_>, name: &str) -> SqlResult<TableDigest> {
    let mut hash = Sha256::new();
    let mut rows = 0i64;
    each_row(sql, name, &mut |values| {
        rows += 1;
        for v in values {
            match v {
                Value::Null => hash.update(b"N"),
                Value::Int(i) => {
                    hash.update(b"I");
                    hash.update(i.to_be_bytes());
                }
                Value::Real(f) => {
                    hash.update(b"R");
                    hash.update(f.to_bits().to_be_bytes());
                }
                Value::Text(t) => {
                    hash.update(b"T");
                    hash.update((t.len() as u64).to_be_bytes());
                    hash.update(t.as_bytes());
                }
                Value::Blob(b) => {
                    hash.update(b"B");
                    hash.update((b.len() as u64).to_be_bytes());
                    hash.update(b);
                }
            }
        }
        hash.update(b";");
        Ok(())
    })?;
    Ok(TableDigest {
        table: name.to_string(),
        rows,
        sha256: format!("{:x}", hash.finalize()),
    })
}

/// Every table's count and digest, in name order.
pub fn all(sql: Sql<'_>) -> SqlResult<Vec<TableDigest>> {
    tables(sql)?.iter().map(|t| table(sql, t)).collect()
}

/// Every table of the shop in `db`, digested inside one read transaction
/// (one snapshot; on the server each table read through a cursor).
pub fn of_shop(db: &mut super::Db) -> crate::base::error::Result<Vec<TableDigest>> {
    let tx = super::read_tx(db)?;
    Ok(all(tx.sql())?)
}

//! How much of the shop the server can hold in its own memory, and loading it
//! there. Opening an old job reads a dozen blocks of tables and indexes one
//! after another; when they come from the disk, each is a disk read, and a
//! disk that stalls now and then makes the counter wait (docs/benchmarks.md).
//! A server whose `shared_buffers` holds the whole shop answers from memory,
//! which PostgreSQL keeps however long a block sits unread (the system's file
//! cache may drop it). After the server starts its buffers are empty: the
//! `pg_prewarm` extension loads the shop's tables, indexes and their TOAST
//! back in (its `autoprewarm` does the same by itself at each start when the
//! server preloads it; docs/scale-out.md, "Sizing the shop's server").
//!
//! Only the shop's own schema is measured and loaded. Loading a shop larger
//! than the buffers is refused: it would only push out what they hold.
//! Tests: tests/core/store/pg_memory.rs.

use super::{failed, PgDb};
use crate::base::error::{Error, ErrorCode, Result};
use crate::model::server::ServerMemory;

/// The shop's relations as the server stores them: its tables and sequences,
/// the tables' indexes, their TOAST tables and those tables' indexes, with
/// each one's size in bytes (the main fork, what `pg_prewarm` reads),
/// largest first.
const RELATIONS: &str = "
WITH shop AS (
    SELECT c.oid, c.reltoastrelid FROM pg_class c
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'm', 'S')
), rels AS (
    SELECT oid FROM shop
    UNION ALL SELECT i.indexrelid FROM pg_index i JOIN shop s ON i.indrelid = s.oid
    UNION ALL SELECT reltoastrelid FROM shop WHERE reltoastrelid <> 0
    UNION ALL SELECT i.indexrelid FROM pg_index i JOIN shop s ON i.indrelid = s.reltoastrelid
)
SELECT oid::bigint, pg_relation_size(oid)::bigint AS bytes FROM rels ORDER BY bytes DESC, oid";

/// The server's `shared_buffers`, in bytes.
const BUFFERS: &str = "SELECT setting::bigint * current_setting('block_size')::bigint
    FROM pg_settings WHERE name = 'shared_buffers'";

fn relations(db: &mut PgDb) -> Result<Vec<(i64, i64)>> {
    Ok(db
        .client
        .query(RELATIONS, &[])
        .map_err(failed)?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect())
}

/// The shop's size on the server against the server's buffers.
pub fn measure(db: &mut PgDb) -> Result<ServerMemory> {
    let shop_bytes = relations(db)?.iter().map(|r| r.1).sum();
    let buffers_bytes = db.client.query_one(BUFFERS, &[]).map_err(failed)?.get(0);
    Ok(ServerMemory {
        shop_bytes,
        buffers_bytes,
    })
}

/// Loads the whole shop into the server's buffers, relation by relation
/// (`progress` is told the bytes done and the bytes in all); answers the
/// blocks read. Installs `pg_prewarm` (in the `public` schema, beside
/// `pg_trgm` of a restored backup's scratch) when the server has it and this
/// user may; otherwise says who can.
pub fn warm(db: &mut PgDb, progress: &mut dyn FnMut(i64, i64)) -> Result<i64> {
    let memory = measure(db)?;
    if !memory.fits() {
        return Err(Error::new(
            ErrorCode::InvalidState,
            format!(
                "The shop ({}) is larger than the server's shared_buffers ({}): loading it would only push out what the server holds. Raise shared_buffers above the shop's size first (docs/scale-out.md)",
                mb(memory.shop_bytes),
                mb(memory.buffers_bytes)
            ),
            format!(
                "店铺数据（{}）大于服务器的 shared_buffers（{}），载入只会挤出已缓存的数据；请先把 shared_buffers 调到店铺数据以上（见 docs/scale-out.md）",
                mb(memory.shop_bytes),
                mb(memory.buffers_bytes)
            ),
        ));
    }
    let schema = prewarm_schema(db)?;
    let rels = relations(db)?;
    let total: i64 = rels.iter().map(|r| r.1).sum();
    let (mut done, mut blocks) = (0i64, 0i64);
    for (oid, bytes) in rels {
        // Each relation its own statement: no snapshot is held for the
        // minutes a large shop takes. The oid is the server's own number.
        let read: i64 = db
            .client
            .query_one(
                format!("SELECT {schema}.pg_prewarm({oid}::oid)").as_str(),
                &[],
            )
            .map_err(failed)?
            .get(0);
        blocks += read;
        done += bytes;
        progress(done, total);
    }
    Ok(blocks)
}

/// Where `pg_prewarm` is installed (a quoted schema name), installing it first
/// when it is not.
fn prewarm_schema(db: &mut PgDb) -> Result<String> {
    const WHERE: &str = "SELECT n.nspname::text FROM pg_extension e
        JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_prewarm'";
    if db.client.query_opt(WHERE, &[]).map_err(failed)?.is_none() {
        if let Err(e) = db
            .client
            .batch_execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm SCHEMA public")
        {
            let said = e
                .as_db_error()
                .map(|d| d.message().to_string())
                .unwrap_or_else(|| e.to_string());
            return Err(Error::new(
                ErrorCode::InvalidState,
                format!("The server cannot load the shop into its memory: its pg_prewarm extension is not installed, and installing it failed ({said}). Ask the server's administrator to run CREATE EXTENSION pg_prewarm in this database"),
                format!("服务器无法把店铺数据载入内存：未安装 pg_prewarm 扩展，安装失败（{said}）。请服务器管理员在本数据库中执行 CREATE EXTENSION pg_prewarm"),
            ));
        }
    }
    let name: String = db.client.query_one(WHERE, &[]).map_err(failed)?.get(0);
    Ok(format!("\"{}\"", name.replace('"', "\"\"")))
}

/// Bytes for a message, in PostgreSQL's units of `shared_buffers`: kB below
/// a megabyte (the server allows 128 kB), MB above.
fn mb(bytes: i64) -> String {
    if bytes < 1 << 20 {
        format!("{} kB", bytes / 1024)
    } else {
        format!("{:.0} MB", bytes as f64 / (1u64 << 20) as f64)
    }
}

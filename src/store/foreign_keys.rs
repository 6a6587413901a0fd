//! The server's foreign keys set aside for a bulk copy and put back after it
//! (transfer.rs: a move onto an empty server; dropping a key locks its
//! tables whole until the commit, so a restore, with the other counters
//! still reading, keeps its keys and defers their checks). Checked row by row, a copy's
//! foreign keys queue one deferred check per row until the end: on the
//! ten-year benchmark shop (21 million rows) that was 4.3 of the move's nine
//! minutes, and memory on the server in proportion to the rows. Put back
//! with `ADD CONSTRAINT`, each key is checked in one pass over its table, as
//! `pg_restore` does (17 s for all 92 of them there). Inside the copy's
//! transaction: a record pointing nowhere refuses the whole copy, and the
//! keys come back as they were, name and definition, either way.
//! Tests: tests/core/store/pg_move.rs.

use super::digest::quoted;
use super::driver::{Sql, SqlResult};
use crate::base::error::{Error, ErrorCode, Result};

/// One foreign key of the shop's schema, as the server defines it.
pub(super) struct ForeignKey {
    /// The table it is on, as the server names it (`regclass`, quoted).
    table: String,
    /// The table's plain name, for the counter's message.
    table_name: String,
    name: String,
    /// `pg_get_constraintdef`: `FOREIGN KEY (…) REFERENCES …(…) DEFERRABLE`.
    definition: String,
}

/// Reads every foreign key on the tables of the shop's schema, then drops
/// them; the caller's transaction holds the change.
pub(super) fn set_aside(dst: Sql<'_>) -> SqlResult<Vec<ForeignKey>> {
    let keys: Vec<ForeignKey> = dst
        .prepare(
            "SELECT c.conrelid::regclass::text, t.relname::text, c.conname::text,
                    pg_get_constraintdef(c.oid)
             FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
             WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace
             ORDER BY 2, 3",
        )?
        .query_map((), |r| {
            Ok(ForeignKey {
                table: r.get(0)?,
                table_name: r.get(1)?,
                name: r.get(2)?,
                definition: r.get(3)?,
            })
        })?
        .collect::<SqlResult<_>>()?;
    for k in &keys {
        dst.execute_batch(&format!(
            "ALTER TABLE {} DROP CONSTRAINT {}",
            k.table,
            quoted(&k.name)
        ))?;
    }
    Ok(keys)
}

/// Puts `keys` back, each checked against the rows now in its table;
/// `progress` gets (table, keys done, keys). A record pointing to one not
/// there is refused by name.
pub(super) fn put_back(
    dst: Sql<'_>,
    keys: &[ForeignKey],
    progress: &mut dyn FnMut(&str, usize, usize),
) -> Result<()> {
    for (i, k) in keys.iter().enumerate() {
        progress(&k.table_name, i, keys.len());
        let added = dst.execute_batch(&format!(
            "ALTER TABLE {} ADD CONSTRAINT {} {}",
            k.table,
            quoted(&k.name),
            k.definition
        ));
        if let Err(e) = added {
            let e = Error::from(e);
            if e.code != ErrorCode::InvalidInput {
                return Err(e);
            }
            return Err(Error::new(
                ErrorCode::Storage,
                format!(
                    "A record in {} points to one that is not in the copy ({}); nothing was kept on the server",
                    k.table_name, k.name
                ),
                format!(
                    "表 {} 中有记录指向副本中不存在的记录（{}）；服务器上未保留任何内容",
                    k.table_name, k.name
                ),
            ));
        }
    }
    Ok(())
}

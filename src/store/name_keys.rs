//! SQL for `customer_name_keys`, the pinyin keys of customers' names (written
//! from base/pinyin.rs). A leaf: the search index and the schema 7 migration's
//! hook both key names here. Read by store/search.rs; tested in
//! tests/core/records/search.rs and tests/core/store/contract.rs.

use super::driver::{Sql, SqlResult};
use crate::base::pinyin::name_keys;

/// Replaces a customer's keys with those of `name`.
pub fn put(sql: Sql<'_>, id: i64, name: &str) -> SqlResult<()> {
    sql.prepare_cached("DELETE FROM customer_name_keys WHERE customer_id = ?1")?
        .execute([id])?;
    let mut st = sql.prepare_cached(
        "INSERT OR IGNORE INTO customer_name_keys (key, customer_id) VALUES (?1, ?2)",
    )?;
    for key in name_keys(name) {
        st.execute((key, id))?;
    }
    Ok(())
}

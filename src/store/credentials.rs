//! SQL for `staff_credentials`: each person's sign-in secret as an argon2id
//! hash, and the count of wrong attempts that locks them out for a while.
//! Tested through tests/core/shop/access.rs.

use super::driver::OptionalExtension;
use super::Tx;
use crate::base::error::Result;
use crate::model::access::SecretKind;

/// A stored secret and its lock-out state.
#[derive(Debug, Clone)]
pub struct Credential {
    pub staff_id: i64,
    pub kind: SecretKind,
    pub hash: String,
    pub failed: i64,
    pub locked_until: Option<String>,
}

pub fn get(tx: &Tx, staff_id: i64) -> Result<Option<Credential>> {
    Ok(tx
        .sql()
        .query_row(
            "SELECT staff_id, kind, hash, failed, locked_until FROM staff_credentials
             WHERE staff_id = ?1",
            [staff_id],
            |r| {
                let kind: String = r.get(1)?;
                Ok(Credential {
                    staff_id: r.get(0)?,
                    kind: SecretKind::parse(&kind).unwrap_or(SecretKind::Password),
                    hash: r.get(2)?,
                    failed: r.get(3)?,
                    locked_until: r.get(4)?,
                })
            },
        )
        .optional()?)
}

/// Sets (or replaces) a person's secret and clears any lock-out.
pub fn set(
    tx: &Tx,
    staff_id: i64,
    kind: SecretKind,
    hash: &str,
    now: &str,
    set_by: Option<i64>,
) -> Result<()> {
    tx.sql().execute(
        "INSERT INTO staff_credentials (staff_id, kind, hash, set_at, set_by, failed, locked_until)
         VALUES (?1, ?2, ?3, ?4, ?5, 0, NULL)
         ON CONFLICT (staff_id) DO UPDATE SET kind = excluded.kind, hash = excluded.hash,
           set_at = excluded.set_at, set_by = excluded.set_by, failed = 0, locked_until = NULL",
        (staff_id, kind.code(), hash, now, set_by),
    )?;
    Ok(())
}

/// Records a wrong secret: the new count, and the lock-out end when it is set.
pub fn record_failure(
    tx: &Tx,
    staff_id: i64,
    failed: i64,
    locked_until: Option<&str>,
) -> Result<()> {
    tx.sql().execute(
        "UPDATE staff_credentials SET failed = ?2, locked_until = ?3 WHERE staff_id = ?1",
        (staff_id, failed, locked_until),
    )?;
    Ok(())
}

/// A right secret clears the count.
pub fn record_success(tx: &Tx, staff_id: i64) -> Result<()> {
    tx.sql().execute(
        "UPDATE staff_credentials SET failed = 0, locked_until = NULL WHERE staff_id = ?1",
        [staff_id],
    )?;
    Ok(())
}

/// The ids of staff who have a secret.
pub fn with_secret(tx: &Tx) -> Result<Vec<i64>> {
    let mut st = tx
        .sql()
        .prepare("SELECT staff_id FROM staff_credentials ORDER BY staff_id")?;
    let rows = st.query_map((), |r| r.get(0))?;
    Ok(rows.collect::<super::driver::SqlResult<_>>()?)
}

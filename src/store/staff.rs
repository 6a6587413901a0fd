//! SQL for the `staff` table.

use super::driver::read::Read;
use super::driver::DbRow as Row;
use super::Tx;
use crate::base::error::Result;
use crate::model::staff::{Role, Staff};

fn roles_text(roles: &[Role]) -> String {
    roles.iter().map(|r| r.code()).collect::<Vec<_>>().join(",")
}

fn from_row(r: &Row) -> super::driver::SqlResult<Staff> {
    let roles: String = r.get(2)?;
    Ok(Staff {
        id: r.get(0)?,
        name: r.get(1)?,
        roles: roles.split(',').filter_map(Role::parse).collect(),
        active: r.get(3)?,
    })
}

pub fn insert(tx: &Tx, name: &str, roles: &[Role], now: &str) -> Result<i64> {
    tx.sql().execute(
        "INSERT INTO staff (name, roles, active, created_at) VALUES (?1, ?2, 1, ?3)",
        (name, roles_text(roles), now),
    )?;
    Ok(tx.sql().last_insert_rowid()?)
}

pub fn update(tx: &Tx, id: i64, name: &str, roles: &[Role], active: bool) -> Result<()> {
    tx.sql().execute(
        "UPDATE staff SET name = ?2, roles = ?3, active = ?4 WHERE id = ?1",
        (id, name, roles_text(roles), active),
    )?;
    Ok(())
}

pub fn get(tx: &Tx, id: i64) -> Result<Option<Staff>> {
    tx.together(get_read(id))
}

/// The person with `id`, as a read that can go with others.
pub fn get_read(id: i64) -> Read<'static, Option<Staff>> {
    Read::first(
        "SELECT id, name, roles, active FROM staff WHERE id = ?1",
        [id],
        from_row,
    )
}

pub fn list(tx: &Tx, include_inactive: bool) -> Result<Vec<Staff>> {
    let mut st = tx.sql().prepare(
        "SELECT id, name, roles, active FROM staff WHERE active = 1 OR ?1 ORDER BY name, id",
    )?;
    let rows = st.query_map([include_inactive], from_row)?;
    Ok(rows.collect::<super::driver::SqlResult<_>>()?)
}

pub fn count(tx: &Tx) -> Result<i64> {
    Ok(tx
        .sql()
        .query_row("SELECT COUNT(*) FROM staff", (), |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserts_lists_and_deactivates() {
        let mut conn = crate::store::open_in_memory().unwrap();
        let tx = crate::store::write_tx(&mut conn).unwrap();
        let a = insert(
            &tx,
            "Li Wei",
            &[Role::Technician, Role::Inspector],
            "2026-01-01T00:00:00Z",
        )
        .unwrap();
        let b = insert(&tx, "Anna", &[Role::Counter], "2026-01-01T00:00:00Z").unwrap();
        assert_eq!(
            get(&tx, a).unwrap().unwrap().roles,
            vec![Role::Technician, Role::Inspector]
        );
        update(&tx, b, "Anna K", &[Role::Counter], false).unwrap();
        assert_eq!(list(&tx, false).unwrap().len(), 1);
        assert_eq!(list(&tx, true).unwrap().len(), 2);
        assert_eq!(count(&tx).unwrap(), 2);
        assert!(get(&tx, 999).unwrap().is_none());
    }
}

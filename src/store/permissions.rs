//! SQL for `role_permissions`: which role holds which permission.
//! Tested through tests/core/shop/access.rs.

use super::Tx;
use crate::base::error::Result;
use crate::model::access::{Permission, RolePermissions};
use crate::model::staff::Role;

/// Whether any of `roles` holds `permission`.
pub fn any_holds(tx: &Tx, roles: &[Role], permission: Permission) -> Result<bool> {
    let mut st = tx
        .sql()
        .prepare_cached("SELECT 1 FROM role_permissions WHERE role = ?1 AND permission = ?2")?;
    for role in roles {
        if st.exists((role.code(), permission.code()))? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The whole table, one entry per role (in the roles' order).
pub fn table(tx: &Tx) -> Result<Vec<RolePermissions>> {
    let mut st = tx
        .sql()
        .prepare("SELECT permission FROM role_permissions WHERE role = ?1")?;
    let mut out = Vec::new();
    for role in [
        Role::Counter,
        Role::Technician,
        Role::Inspector,
        Role::Manager,
    ] {
        let codes = st.query_map([role.code()], |r| r.get::<_, String>(0))?;
        let mut permissions = Vec::new();
        for code in codes {
            if let Some(p) = Permission::parse(&code?) {
                permissions.push(p);
            }
        }
        permissions.sort_by_key(|p| Permission::ALL.iter().position(|q| q == p));
        out.push(RolePermissions { role, permissions });
    }
    Ok(out)
}

/// Replaces the whole table.
pub fn replace(tx: &Tx, table: &[RolePermissions]) -> Result<()> {
    tx.sql().execute("DELETE FROM role_permissions", ())?;
    let mut st = tx
        .sql()
        .prepare("INSERT OR IGNORE INTO role_permissions (role, permission) VALUES (?1, ?2)")?;
    for r in table {
        for p in &r.permissions {
            st.execute((r.role.code(), p.code()))?;
        }
    }
    Ok(())
}

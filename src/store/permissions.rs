//! SQL for `role_permissions`: which role holds which permission.
//! Tested through tests/core/shop/access.rs.

use super::driver::read::{Read, Reads};
use super::Tx;
use crate::base::error::Result;
use crate::model::access::{Permission, RolePermissions};
use crate::model::staff::Role;

/// Whether any of `roles` holds `permission`.
pub fn any_holds(tx: &Tx, roles: &[Role], permission: Permission) -> Result<bool> {
    Ok(holds(roles, &tx.together(holding_read(permission))?))
}

/// The roles that hold `permission`, as a read that can go with others (the
/// acting person's row, shop/access.rs `require`).
pub fn holding_read(permission: Permission) -> impl Reads<Out = Vec<Role>> {
    Read::all(
        "SELECT role FROM role_permissions WHERE permission = ?1",
        [permission.code()],
        |r| Ok(Role::parse(&r.get::<_, String>(0)?)),
    )
    .then(|roles| Ok(roles.into_iter().flatten().collect()))
}

/// Whether any of `roles` is among `holding`.
pub fn holds(roles: &[Role], holding: &[Role]) -> bool {
    roles.iter().any(|r| holding.contains(r))
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

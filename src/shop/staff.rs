//! Staff: the people at the counter and in the workshop. Every recorded action
//! names one of them, so each mutating command takes a `staff_id` and checks that
//! the person exists, is active and holds the role the action needs.
//!
//! Tests: tests/core/shop/staff.rs.

use crate::base::error::{Error, ErrorCode, Result};
use crate::base::text::required;
use crate::ctx::Ctx;
use crate::model::staff::{Role, Staff};
use crate::store;
use schemars::JsonSchema;
use serde::Deserialize;
use ts_rs::TS;

/// The active staff member acting in a command: the one the command API
/// admitted, the first time it is asked for (ctx.rs `admitted`), else read.
pub fn actor(ctx: &Ctx, staff_id: i64) -> Result<Staff> {
    if let Some(s) = ctx.admitted.borrow_mut().take_if(|s| s.id == staff_id) {
        return Ok(s);
    }
    active(store::staff::get(ctx.tx, staff_id)?, staff_id)
}

/// The person found for `staff_id`, when there is one and they are active.
pub fn active(found: Option<Staff>, staff_id: i64) -> Result<Staff> {
    let s =
        found.ok_or_else(|| Error::not_found("Staff member", "员工", staff_id).at("staff_id"))?;
    if !s.active {
        return Err(Error::new(
            ErrorCode::Forbidden,
            format!("{} is no longer active", s.name),
            format!("{} 已停用", s.name),
        )
        .at("staff_id"));
    }
    Ok(s)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct NewStaff {
    /// The manager adding the person.
    pub staff_id: i64,
    pub name: String,
    pub roles: Vec<Role>,
}

fn check_roles(roles: &[Role]) -> Result<()> {
    if roles.is_empty() {
        return Err(Error::invalid(
            "roles",
            "Give at least one role",
            "请至少指定一个角色",
        ));
    }
    Ok(())
}

pub fn add(ctx: &Ctx, input: NewStaff) -> Result<Staff> {
    // The staff permission was checked by the command list (api/list.rs).
    actor(ctx, input.staff_id)?;
    let name = required("name", &input.name, 100)?;
    check_roles(&input.roles)?;
    let id = store::staff::insert(ctx.tx, &name, &input.roles, &ctx.now_text())?;
    Ok(Staff {
        id,
        name,
        roles: input.roles,
        active: true,
    })
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct UpdateStaff {
    pub staff_id: i64,
    pub id: i64,
    pub name: String,
    pub roles: Vec<Role>,
    pub active: bool,
}

pub fn update(ctx: &Ctx, input: UpdateStaff) -> Result<Staff> {
    // The staff permission was checked by the command list (api/list.rs).
    actor(ctx, input.staff_id)?;
    let name = required("name", &input.name, 100)?;
    check_roles(&input.roles)?;
    store::staff::get(ctx.tx, input.id)?
        .ok_or_else(|| Error::not_found("Staff member", "员工", input.id).at("id"))?;
    store::staff::update(ctx.tx, input.id, &name, &input.roles, input.active)?;
    Ok(Staff {
        id: input.id,
        name,
        roles: input.roles,
        active: input.active,
    })
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct ListStaff {
    #[serde(default)]
    pub include_inactive: bool,
}

pub fn list(ctx: &Ctx, input: ListStaff) -> Result<Vec<Staff>> {
    store::staff::list(ctx.tx, input.include_inactive)
}

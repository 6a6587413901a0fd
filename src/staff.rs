//! Staff: the people at the counter and in the workshop. Every recorded action
//! names one of them, so each mutating command takes a `staff_id` and checks that
//! the person exists, is active and holds the role the action needs.

use crate::api::Ctx;
use crate::error::{Error, ErrorCode, Result};
use crate::store;
use crate::text::required;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Counter,
    Technician,
    Inspector,
    Manager,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Counter => "counter",
            Role::Technician => "technician",
            Role::Inspector => "inspector",
            Role::Manager => "manager",
        }
    }
    pub fn parse(s: &str) -> Option<Role> {
        [
            Role::Counter,
            Role::Technician,
            Role::Inspector,
            Role::Manager,
        ]
        .into_iter()
        .find(|r| r.code() == s)
    }
    fn zh(self) -> &'static str {
        match self {
            Role::Counter => "前台",
            Role::Technician => "技师",
            Role::Inspector => "质检员",
            Role::Manager => "经理",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Staff {
    pub id: i64,
    pub name: String,
    pub roles: Vec<Role>,
    pub active: bool,
}

impl Staff {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    pub fn require_role(&self, role: Role) -> Result<()> {
        if self.has(role) {
            return Ok(());
        }
        Err(Error::new(
            ErrorCode::Forbidden,
            format!("{} does not have the {} role", self.name, role.code()),
            format!("{} 没有{}角色", self.name, role.zh()),
        )
        .at("staff_id"))
    }
}

/// The active staff member acting in a command.
pub fn actor(ctx: &Ctx, staff_id: i64) -> Result<Staff> {
    let s = store::staff::get(ctx.tx, staff_id)?
        .ok_or_else(|| Error::not_found("Staff member", "员工", staff_id).at("staff_id"))?;
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
    actor(ctx, input.staff_id)?.require_role(Role::Manager)?;
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
    actor(ctx, input.staff_id)?.require_role(Role::Manager)?;
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

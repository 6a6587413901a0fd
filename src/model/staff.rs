//! Staff members and their roles. Who acts is checked in shop/staff.rs.
//! Tests: tests/core/shop/staff.rs.

use crate::base::error::{Error, ErrorCode, Result};
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

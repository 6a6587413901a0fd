//! First start: the shop's details and its first manager, in one call, allowed only
//! while the database has no staff.
//!
//! Tests: tests/core/faces/desktop.rs (first start).

use crate::base::error::{Error, Result};
use crate::base::text::required;
use crate::ctx::Ctx;
use crate::model::settings::ShopSettings;
use crate::model::staff::{Role, Staff};
use crate::store;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Setup {
    pub settings: ShopSettings,
    /// The first manager's name (gets every role).
    pub manager_name: String,
}

pub fn setup(ctx: &Ctx, input: Setup) -> Result<Staff> {
    if store::staff::count(ctx.tx)? > 0 {
        return Err(Error::state(
            "This shop is already set up",
            "本店已完成初始设置",
        ));
    }
    let name = required("manager_name", &input.manager_name, 100)?;
    required("settings.legal_name", &input.settings.legal_name, 200)?;
    input.settings.validate()?;
    store::settings::put_shop(ctx.tx, &input.settings)?;
    let roles = vec![
        Role::Manager,
        Role::Counter,
        Role::Technician,
        Role::Inspector,
    ];
    let id = store::staff::insert(ctx.tx, &name, &roles, &ctx.now_text())?;
    Ok(Staff {
        id,
        name,
        roles,
        active: true,
    })
}

#[derive(Debug, Serialize, TS)]
pub struct ShopStatus {
    /// The shop has been set up (it has staff); false means first start.
    pub set_up: bool,
}

pub fn status(ctx: &Ctx, _: crate::ctx::NoInput) -> Result<ShopStatus> {
    Ok(ShopStatus {
        set_up: store::staff::count(ctx.tx)? > 0,
    })
}

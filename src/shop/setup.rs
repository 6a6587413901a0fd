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
    /// The first manager's PIN (4–8 digits) or password: the app starts locked.
    pub manager_secret: String,
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
    input
        .settings
        .validate()
        .map_err(|e| e.within("settings"))?;
    store::settings::put_shop(ctx.tx, &input.settings)?;
    let roles = vec![
        Role::Manager,
        Role::Counter,
        Role::Technician,
        Role::Inspector,
    ];
    crate::model::access::check_secret("manager_secret", &input.manager_secret)?;
    let id = store::staff::insert(ctx.tx, &name, &roles, &ctx.now_text())?;
    crate::shop::access::set_first_secret(ctx, id, &input.manager_secret, "manager_secret")?;
    Ok(Staff {
        id,
        name,
        roles,
        active: true,
    })
}

#[derive(Debug, Serialize, Deserialize, TS)]
pub struct ShopStatus {
    /// The shop has been set up (it has staff); false means first start.
    pub set_up: bool,
    /// The demo shop's sign-in PINs, shown on its sign-in screen (a real shop
    /// has none here).
    pub demo_pins: Vec<DemoPin>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
pub struct DemoPin {
    pub name: String,
    pub pin: String,
}

const DEMO_PINS: &str = "demo_pins";

pub fn status(ctx: &Ctx, _: crate::ctx::NoInput) -> Result<ShopStatus> {
    let demo_pins = match store::settings::get_value(ctx.tx, DEMO_PINS)? {
        Some(text) => serde_json::from_str(&text).unwrap_or_default(),
        None => Vec::new(),
    };
    Ok(ShopStatus {
        set_up: store::staff::count(ctx.tx)? > 0,
        demo_pins,
    })
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
pub struct MarkDemo {
    pub staff_id: i64,
    pub pins: Vec<DemoPin>,
}

/// Marks the shop as the demo and keeps its PINs for the sign-in screen.
pub fn mark_demo(ctx: &Ctx, input: MarkDemo) -> Result<ShopStatus> {
    let text = serde_json::to_string(&input.pins).map_err(Error::internal)?;
    store::settings::put_value(ctx.tx, DEMO_PINS, &text)?;
    status(ctx, crate::ctx::NoInput {})
}

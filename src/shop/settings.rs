//! Shop settings: who the shop is (printed on every document), its money and tax
//! rules, the approval tolerance and how numbers look.
//!
//! Stored as one JSON document; every field has a default, so a setting added in a
//! later version reads from an older database without a data migration.
//!
//! Tests: tests/core/shop/settings.rs, tests/core/faces/desktop.rs (printer and
//! paper) and tests/core/job/guarantee.rs (guarantee table).

use crate::base::error::Result;
use crate::ctx::{Ctx, NoInput};
use crate::model::settings::ShopSettings;
use crate::store;
use schemars::JsonSchema;
use serde::Deserialize;
use ts_rs::TS;

pub fn get(ctx: &Ctx, _: NoInput) -> Result<ShopSettings> {
    load(ctx)
}

pub fn load(ctx: &Ctx) -> Result<ShopSettings> {
    Ok(store::settings::get_shop(ctx.tx)?.unwrap_or_default())
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct UpdateSettings {
    pub staff_id: i64,
    pub settings: ShopSettings,
}

pub fn update(ctx: &Ctx, input: UpdateSettings) -> Result<ShopSettings> {
    crate::shop::access::require(
        ctx,
        input.staff_id,
        crate::model::access::Permission::Settings,
    )?;
    input
        .settings
        .validate()
        .map_err(|e| e.within("settings"))?;
    store::settings::put_shop(ctx.tx, &input.settings)?;
    Ok(input.settings)
}

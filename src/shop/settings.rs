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

/// The bill the shop issues now: its choice, or the one its currency implies
/// (the screens name the invoice and its correction by it).
pub fn document_kind(ctx: &Ctx, _: NoInput) -> Result<crate::model::document_kind::DocumentKind> {
    Ok(load(ctx)?.document_kind())
}

/// What a new shop starts from: the setup screen fills it in.
pub fn defaults(_: &Ctx, _: NoInput) -> Result<ShopSettings> {
    Ok(ShopSettings::default())
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

/// The settings-table key of the backup passphrase: kept apart from the
/// settings document so no screen ever receives it.
const BACKUP_PASSPHRASE: &str = "backup_passphrase";

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct SetBackupPassphrase {
    pub staff_id: i64,
    /// 8–200 characters; none (or empty) stops sealing new backups.
    pub passphrase: Option<String>,
}

#[derive(Debug, serde::Serialize, TS)]
pub struct BackupSealing {
    /// New backups are sealed with the shop's passphrase.
    pub sealed: bool,
}

/// Sets or clears the passphrase new backups are sealed with. Backups already
/// taken keep the passphrase they were sealed with.
pub fn set_backup_passphrase(ctx: &Ctx, input: SetBackupPassphrase) -> Result<BackupSealing> {
    let phrase = input.passphrase.unwrap_or_default();
    if !phrase.is_empty() && !(8..=200).contains(&phrase.chars().count()) {
        return Err(crate::base::error::Error::invalid(
            "passphrase",
            "A backup passphrase has 8 to 200 characters",
            "备份密码须为 8 至 200 个字符",
        ));
    }
    store::settings::put_value(ctx.tx, BACKUP_PASSPHRASE, &phrase)?;
    Ok(BackupSealing {
        sealed: !phrase.is_empty(),
    })
}

/// The passphrase new backups are sealed with, if the shop set one.
pub fn backup_passphrase(ctx: &Ctx) -> Result<Option<String>> {
    Ok(store::settings::get_value(ctx.tx, BACKUP_PASSPHRASE)?.filter(|p| !p.is_empty()))
}

//! Shop settings: who the shop is (printed on every document), its money and tax
//! rules, the approval tolerance and how numbers look.
//!
//! Stored as one JSON document; every field has a default, so a setting added in a
//! later version reads from an older database without a data migration.

use crate::api::Ctx;
use crate::error::{Error, Result};
use crate::money::{BasisPoints, Money, MAX_MONEY};
use crate::store;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
pub enum Lang {
    #[default]
    #[serde(rename = "en")]
    En,
    #[serde(rename = "zh-CN")]
    ZhCn,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Currency {
    /// ISO 4217 code, e.g. CNY, EUR, USD.
    pub code: String,
    /// Decimal places of the minor unit (2 for CNY; 0 for JPY).
    pub minor_units: u32,
}

/// How far a job's billable total may exceed what the customer approved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Tolerance {
    /// Not at all (the default, and the law in California and China).
    #[default]
    None,
    /// A percentage of the approved total, in basis points.
    Percent { bp: BasisPoints },
    /// A fixed amount in minor units.
    Amount { amount: Money },
}

impl Tolerance {
    /// The most the billable total may exceed `approved` by.
    pub fn allowance(self, approved: Money) -> Money {
        match self {
            Tolerance::None => 0,
            Tolerance::Percent { bp } => crate::money::percent_of(approved, bp),
            Tolerance::Amount { amount } => amount,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct ShopSettings {
    pub legal_name: String,
    pub address: String,
    pub phone: String,
    /// Business registration / repair licence number.
    pub registration_number: String,
    pub tax_id: String,
    pub currency: Currency,
    pub labour_tax_bp: BasisPoints,
    pub parts_tax_bp: BasisPoints,
    pub other_tax_bp: BasisPoints,
    /// Prices are entered with tax included (consumer pricing) or without.
    pub prices_include_tax: bool,
    /// Default labour rate per hour, minor units.
    pub labour_rate: Money,
    pub approval_tolerance: Tolerance,
    pub document_language: Lang,
    /// Tokens: {YYYY}, {YY}, {MM}, {SEQ:n} (n digits, zero-padded). {SEQ} is required.
    pub job_number_format: String,
    /// Days an estimate stays valid.
    pub estimate_validity_days: u32,
}

impl Default for ShopSettings {
    fn default() -> Self {
        ShopSettings {
            legal_name: String::new(),
            address: String::new(),
            phone: String::new(),
            registration_number: String::new(),
            tax_id: String::new(),
            currency: Currency {
                code: "CNY".into(),
                minor_units: 2,
            },
            labour_tax_bp: 600,
            parts_tax_bp: 1300,
            other_tax_bp: 600,
            prices_include_tax: false,
            labour_rate: 12_000,
            approval_tolerance: Tolerance::None,
            document_language: Lang::En,
            job_number_format: "J{YYYY}-{SEQ:6}".into(),
            estimate_validity_days: 30,
        }
    }
}

impl ShopSettings {
    pub fn validate(&self) -> Result<()> {
        let cur = &self.currency.code;
        if cur.len() != 3 || !cur.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(Error::invalid(
                "currency.code",
                "Currency must be a three-letter ISO code such as CNY",
                "货币必须是三位 ISO 代码，如 CNY",
            ));
        }
        if self.currency.minor_units > 4 {
            return Err(Error::invalid(
                "currency.minor_units",
                "Minor units must be 0 to 4",
                "辅币位数必须为 0 到 4",
            ));
        }
        for (field, bp) in [
            ("labour_tax_bp", self.labour_tax_bp),
            ("parts_tax_bp", self.parts_tax_bp),
            ("other_tax_bp", self.other_tax_bp),
        ] {
            check_rate(field, bp)?;
        }
        if !(0..=MAX_MONEY).contains(&self.labour_rate) {
            return Err(Error::invalid(
                "labour_rate",
                "Labour rate must be zero or more",
                "工时单价不能为负数",
            ));
        }
        match self.approval_tolerance {
            Tolerance::Percent { bp } if !(0..=5000).contains(&bp) => {
                return Err(Error::invalid(
                    "approval_tolerance",
                    "Tolerance must be between 0 % and 50 %",
                    "容差必须在 0% 到 50% 之间",
                ))
            }
            Tolerance::Amount { amount } if !(0..=MAX_MONEY).contains(&amount) => {
                return Err(Error::invalid(
                    "approval_tolerance",
                    "Tolerance amount must be zero or more",
                    "容差金额不能为负数",
                ))
            }
            _ => {}
        }
        crate::reception::check_number_format(&self.job_number_format)?;
        if self.estimate_validity_days == 0 || self.estimate_validity_days > 365 {
            return Err(Error::invalid(
                "estimate_validity_days",
                "Estimate validity must be 1 to 365 days",
                "报价有效期必须为 1 到 365 天",
            ));
        }
        Ok(())
    }
}

pub fn check_rate(field: &str, bp: BasisPoints) -> Result<()> {
    if !(0..=10_000).contains(&bp) {
        return Err(Error::invalid(
            field,
            "A rate must be between 0 % and 100 % (0 to 10000 basis points)",
            "费率必须在 0% 到 100% 之间（0 到 10000 基点）",
        ));
    }
    Ok(())
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct NoInput {}

pub fn get(ctx: &Ctx, _: NoInput) -> Result<ShopSettings> {
    load(ctx)
}

pub fn load(ctx: &Ctx) -> Result<ShopSettings> {
    Ok(store::settings::get_shop(ctx.tx)?.unwrap_or_default())
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct UpdateSettings {
    pub staff_id: i64,
    pub settings: ShopSettings,
}

pub fn update(ctx: &Ctx, input: UpdateSettings) -> Result<ShopSettings> {
    let who = crate::staff::actor(ctx, input.staff_id)?;
    who.require_role(crate::staff::Role::Manager)?;
    input.settings.validate()?;
    store::settings::put_shop(ctx.tx, &input.settings)?;
    Ok(input.settings)
}

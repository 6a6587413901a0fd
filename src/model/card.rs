//! The quality-guarantee card as issued: its frozen document and cover per line.
//! Rules in job/guarantee/. Tests: tests/core/job/guarantee.rs.

use crate::base::money::{Money, Qty};
use crate::model::guarantee_terms::RepairCategory;
use crate::model::invoice::{InvoiceLine, ItemOnDocument, Party};
use crate::model::line::PartKind;
use crate::model::settings::{GuaranteeStart, LocalText};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct CardLine {
    pub line_id: i64,
    pub description: String,
    pub part_kind: Option<PartKind>,
    pub brand: Option<String>,
    pub part_number: Option<String>,
    pub quantity: Qty,
    pub amount: Money,
    pub days: Option<u32>,
    pub km: Option<u32>,
}

impl CardLine {
    /// The card's line for a line of its invoice, covered for `days` and `km`.
    pub fn of(l: &InvoiceLine, days: Option<u32>, km: Option<u32>) -> CardLine {
        CardLine {
            line_id: l.line_id,
            description: l.description.clone(),
            part_kind: l.part_kind,
            brand: l.brand.clone(),
            part_number: l.part_number.clone(),
            quantity: l.quantity,
            amount: l.net,
            days,
            km,
        }
    }
}

/// What the card prints, frozen at issue.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct CardDocument {
    pub shop: Party,
    pub customer_name: String,
    pub item: ItemOnDocument,
    pub job_number: String,
    pub invoice_number: String,
    pub category: RepairCategory,
    pub category_label: LocalText,
    pub lines: Vec<CardLine>,
    pub coverage: LocalText,
    pub exclusions: LocalText,
    pub how_to_claim: LocalText,
    pub starts_at: GuaranteeStart,
    pub certificate_number: Option<String>,
    pub language: crate::model::settings::Lang,
    pub currency: crate::model::settings::Currency,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Card {
    pub id: i64,
    pub number: String,
    pub job_id: i64,
    pub item_id: i64,
    pub issued_at: String,
    /// First day of cover (shop's local date); none until handover when cover starts then.
    pub starts_on: Option<String>,
    /// The longest cover of any line.
    pub days: Option<u32>,
    pub km: Option<u32>,
    pub odometer_start: Option<i64>,
    /// The card whose claim this card's work redid, when the period restarted.
    pub restarts_card_id: Option<i64>,
    pub document: CardDocument,
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct LineTerms {
    pub line_id: i64,
    pub days: Option<u32>,
    pub km: Option<u32>,
}

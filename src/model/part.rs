//! The parts catalogue's records and stock movements, and the pure check of a
//! part's input. Rules in shop/stock.rs and job/parts.rs. Tests: tests/core/shop/stock.rs.

use crate::base::error::{Error, Result};
use crate::base::money::{Money, Qty, MAX_MONEY};
use crate::base::text::{optional, required};
use crate::model::line::PartKind;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Part {
    pub id: i64,
    pub part_number: String,
    pub name: String,
    pub brand: Option<String>,
    pub kind: PartKind,
    /// piece, set, litre, …
    pub unit: String,
    pub cost: Money,
    pub price: Money,
    pub on_hand: Qty,
    pub reorder_level: Qty,
    pub supplier: Option<String>,
    pub active: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct PartInput {
    pub part_number: String,
    pub name: String,
    pub brand: Option<String>,
    pub kind: PartKind,
    pub unit: String,
    pub cost: Money,
    pub price: Money,
    #[serde(default)]
    pub reorder_level: Qty,
    /// Preferred supplier.
    pub supplier: Option<String>,
}

impl PartInput {
    pub fn clean(&self) -> Result<PartInput> {
        for (field, v) in [("cost", self.cost), ("price", self.price)] {
            if !(0..=MAX_MONEY / 1000).contains(&v) {
                return Err(Error::invalid(
                    field,
                    "Amounts must be zero or more",
                    "金额不能为负数",
                ));
            }
        }
        if self.reorder_level.milli() < 0 {
            return Err(Error::invalid(
                "reorder_level",
                "The reorder level cannot be negative",
                "补货点不能为负数",
            ));
        }
        Ok(PartInput {
            part_number: required("part_number", &self.part_number, 64)?,
            name: required("name", &self.name, 200)?,
            brand: optional("brand", &self.brand, 100)?,
            kind: self.kind,
            unit: required("unit", &self.unit, 20)?,
            cost: self.cost,
            price: self.price,
            reorder_level: self.reorder_level,
            supplier: optional("supplier", &self.supplier, 200)?,
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Movement {
    pub id: i64,
    pub part_id: Option<i64>,
    /// receipt, consumption, return, adjustment
    pub kind: String,
    /// Signed: negative leaves the shop's stock (or, for parts bought for the job, the job).
    pub quantity: Qty,
    pub unit_cost: Option<Money>,
    /// stock, supplier, customer
    pub source: String,
    pub supplier: Option<String>,
    pub supplier_invoice: Option<String>,
    pub batch: Option<String>,
    pub job_id: Option<i64>,
    pub line_id: Option<i64>,
    pub reason: Option<String>,
    pub staff_id: i64,
    pub at: String,
}

impl Movement {
    pub fn new(at: String, staff_id: i64, kind: &str, source: &str, quantity: Qty) -> Movement {
        Movement {
            id: 0,
            part_id: None,
            kind: kind.into(),
            quantity,
            unit_cost: None,
            source: source.into(),
            supplier: None,
            supplier_invoice: None,
            batch: None,
            job_id: None,
            line_id: None,
            reason: None,
            staff_id,
            at,
        }
    }
}

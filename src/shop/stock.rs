//! The parts catalogue and its stock: parts added and changed, deliveries booked
//! in with the supplier's invoice and cost, counts corrected with a reason, the
//! low-stock list. Stock does not go below zero unless the shop allows it. Parts
//! used on a job are job/parts.rs, within what the gate (job/gate.rs) allows.
//!
//! Tests: tests/core/shop/stock.rs.

use crate::base::error::{Error, ErrorCode, Result};
use crate::base::money::{Money, Qty, MAX_MONEY};
use crate::base::text::{optional, required};
use crate::ctx::Ctx;
use crate::model::part::{Movement, Part, PartInput};
use crate::store;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub fn positive(field: &str, q: Qty) -> Result<()> {
    if q.milli() <= 0 || q > Qty::MAX {
        return Err(Error::invalid(
            field,
            "The quantity must be above zero",
            "数量必须大于零",
        ));
    }
    Ok(())
}

pub fn load(ctx: &Ctx, id: i64) -> Result<Part> {
    store::parts::get(ctx.tx, id)?.ok_or_else(|| Error::not_found("Part", "配件", id).at("part_id"))
}

fn duplicate(number: &str) -> Error {
    Error::invalid(
        "part_number",
        format!("Part number {number} is already in the catalogue"),
        format!("配件号 {number} 已在目录中"),
    )
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct CreatePart {
    pub staff_id: i64,
    pub part: PartInput,
}

pub fn create(ctx: &Ctx, input: CreatePart) -> Result<Part> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let p = input.part.clean()?;
    if store::parts::by_number(ctx.tx, &p.part_number)?.is_some() {
        return Err(duplicate(&p.part_number));
    }
    let id = store::parts::insert(ctx.tx, &p)?;
    load(ctx, id)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct UpdatePart {
    pub staff_id: i64,
    pub id: i64,
    pub part: PartInput,
    pub active: bool,
}

pub fn update(ctx: &Ctx, input: UpdatePart) -> Result<Part> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    load(ctx, input.id)?;
    let p = input.part.clean()?;
    if store::parts::by_number(ctx.tx, &p.part_number)?.is_some_and(|o| o.id != input.id) {
        return Err(duplicate(&p.part_number));
    }
    store::parts::update(ctx.tx, input.id, &p, input.active)?;
    load(ctx, input.id)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct SearchParts {
    pub query: String,
    pub limit: Option<i64>,
}

pub fn search(ctx: &Ctx, input: SearchParts) -> Result<Vec<Part>> {
    let q = required("query", &input.query, 100)?;
    store::parts::search(ctx.tx, &q, input.limit.unwrap_or(30).clamp(1, 200))
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct PartId {
    pub id: i64,
}

#[derive(Debug, Serialize, JsonSchema, TS)]
pub struct PartDetail {
    pub part: Part,
    /// The latest 50 movements, newest first.
    pub movements: Vec<Movement>,
}

pub fn get(ctx: &Ctx, input: PartId) -> Result<PartDetail> {
    Ok(PartDetail {
        part: load(ctx, input.id)?,
        movements: store::parts::movements_for_part(ctx.tx, input.id, 50)?,
    })
}

pub use crate::ctx::NoInput;

pub fn low_stock(ctx: &Ctx, _: NoInput) -> Result<Vec<Part>> {
    store::parts::low_stock(ctx.tx)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct ReceiveStock {
    pub staff_id: i64,
    pub part_id: i64,
    pub quantity: Qty,
    pub unit_cost: Money,
    pub supplier: String,
    pub supplier_invoice: String,
    pub batch: Option<String>,
}

/// Stock arrives from a supplier, with the supplier's invoice number and unit cost.
pub fn receive(ctx: &Ctx, input: ReceiveStock) -> Result<Part> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    load(ctx, input.part_id)?;
    positive("quantity", input.quantity)?;
    if !(0..=MAX_MONEY / 1000).contains(&input.unit_cost) {
        return Err(Error::invalid(
            "unit_cost",
            "The unit cost must be zero or more",
            "单位成本不能为负数",
        ));
    }
    let mut m = Movement::new(
        ctx.now_text(),
        input.staff_id,
        "receipt",
        "supplier",
        input.quantity,
    );
    m.part_id = Some(input.part_id);
    m.unit_cost = Some(input.unit_cost);
    m.supplier = Some(required("supplier", &input.supplier, 200)?);
    m.supplier_invoice = Some(required("supplier_invoice", &input.supplier_invoice, 64)?);
    m.batch = optional("batch", &input.batch, 64)?;
    store::parts::record(ctx.tx, &m, true)?;
    load(ctx, input.part_id)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct AdjustStock {
    pub staff_id: i64,
    pub part_id: i64,
    /// Signed change, e.g. "-1" after a stock count.
    pub quantity: Qty,
    pub reason: String,
}

pub fn adjust(ctx: &Ctx, input: AdjustStock) -> Result<Part> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let part = load(ctx, input.part_id)?;
    if input.quantity.milli() == 0 {
        return Err(Error::invalid(
            "quantity",
            "An adjustment changes the stock",
            "调整数量不能为零",
        ));
    }
    check_stock(ctx, &part, Qty(-input.quantity.milli()))?;
    let mut m = Movement::new(
        ctx.now_text(),
        input.staff_id,
        "adjustment",
        "stock",
        input.quantity,
    );
    m.part_id = Some(part.id);
    m.reason = Some(required("reason", &input.reason, 500)?);
    store::parts::record(ctx.tx, &m, true)?;
    load(ctx, part.id)
}

/// Refuses taking `out` from stock when it would go negative and the shop forbids it.
pub fn check_stock(ctx: &Ctx, part: &Part, out: Qty) -> Result<()> {
    if out.milli() <= 0 || part.on_hand.milli() - out.milli() >= 0 {
        return Ok(());
    }
    if crate::shop::settings::load(ctx)?.allow_negative_stock {
        return Ok(());
    }
    Err(Error::new(
        ErrorCode::InsufficientStock,
        format!(
            "Only {} {} of {} in stock",
            part.on_hand, part.unit, part.part_number
        ),
        format!(
            "{} 库存仅剩 {} {}",
            part.part_number, part.on_hand, part.unit
        ),
    )
    .at("quantity"))
}

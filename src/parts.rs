//! Parts: the catalogue, stock movements, and consumption on job lines.
//!
//! Every part consumed is logged against the approved part line it serves, never
//! beyond the approved quantity and never of another kind than approved (a used
//! part on a line approved as new OEM needs a new approval). Consumption and the
//! stock change happen in the same transaction; stock does not go below zero
//! unless the shop allows it.

use crate::api::Ctx;
use crate::approval;
use crate::error::{Error, ErrorCode, Result};
use crate::estimate::{self, OldPartFate, PartKind};
use crate::job;
use crate::money::{Money, Qty, MAX_MONEY};
use crate::store;
use crate::text::{optional, required};
use crate::totals::LineKind;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;
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
    fn clean(&self) -> Result<PartInput> {
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
    fn new(ctx: &Ctx, staff_id: i64, kind: &str, source: &str, quantity: Qty) -> Movement {
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
            at: ctx.now_text(),
        }
    }
}

fn positive(field: &str, q: Qty) -> Result<()> {
    if q.milli() <= 0 || q > Qty::MAX {
        return Err(Error::invalid(
            field,
            "The quantity must be above zero",
            "数量必须大于零",
        ));
    }
    Ok(())
}

fn load(ctx: &Ctx, id: i64) -> Result<Part> {
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
    crate::staff::actor(ctx, input.staff_id)?;
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
    crate::staff::actor(ctx, input.staff_id)?;
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

pub use crate::settings::NoInput;

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
    crate::staff::actor(ctx, input.staff_id)?;
    load(ctx, input.part_id)?;
    positive("quantity", input.quantity)?;
    if !(0..=MAX_MONEY / 1000).contains(&input.unit_cost) {
        return Err(Error::invalid(
            "unit_cost",
            "The unit cost must be zero or more",
            "单位成本不能为负数",
        ));
    }
    let mut m = Movement::new(ctx, input.staff_id, "receipt", "supplier", input.quantity);
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
    crate::staff::actor(ctx, input.staff_id)?;
    let part = load(ctx, input.part_id)?;
    if input.quantity.milli() == 0 {
        return Err(Error::invalid(
            "quantity",
            "An adjustment changes the stock",
            "调整数量不能为零",
        ));
    }
    check_stock(ctx, &part, Qty(-input.quantity.milli()))?;
    let mut m = Movement::new(ctx, input.staff_id, "adjustment", "stock", input.quantity);
    m.part_id = Some(part.id);
    m.reason = Some(required("reason", &input.reason, 500)?);
    store::parts::record(ctx.tx, &m, true)?;
    load(ctx, part.id)
}

/// Refuses taking `out` from stock when it would go negative and the shop forbids it.
fn check_stock(ctx: &Ctx, part: &Part, out: Qty) -> Result<()> {
    if out.milli() <= 0 || part.on_hand.milli() - out.milli() >= 0 {
        return Ok(());
    }
    if crate::settings::load(ctx)?.allow_negative_stock {
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// From the shop's stock (a catalogue part).
    Stock,
    /// Bought from a supplier for this job.
    Supplier,
    /// Supplied by the customer.
    Customer,
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Consume {
    pub staff_id: i64,
    pub line_id: i64,
    /// The catalogue part; required from stock.
    pub part_id: Option<i64>,
    pub quantity: Qty,
    pub source: Source,
    /// Bought for the job: supplier, their invoice number and the unit cost.
    pub supplier: Option<String>,
    pub supplier_invoice: Option<String>,
    pub unit_cost: Option<Money>,
    pub batch: Option<String>,
}

/// Logs a part used on an approved part line; from stock it leaves stock too.
pub fn consume(ctx: &Ctx, input: Consume) -> Result<estimate::Line> {
    crate::staff::actor(ctx, input.staff_id)?;
    let (line, job) = crate::work::approved_line(
        ctx,
        input.line_id,
        crate::work::WORKING,
        "use parts",
        "领用配件",
    )?;
    if line.kind != LineKind::Part {
        return Err(Error::invalid(
            "line_id",
            "Parts are logged on part lines",
            "配件须记录在配件项目上",
        ));
    }
    positive("quantity", input.quantity)?;
    let allowed = line
        .quantity
        .min(line.approved_quantity.unwrap_or(line.quantity));
    if line.consumed.milli() + input.quantity.milli() > allowed.milli() {
        return Err(Error::approval(
            format!(
                "The customer approved {} of \"{}\"; {} used already. More needs a supplementary approval",
                allowed, line.description, line.consumed
            ),
            format!("客户确认“{}”数量为 {}，已领用 {}。超出部分需追加确认", line.description, allowed, line.consumed),
        )
        .at("quantity"));
    }
    let approved_kind = line.approved_part_kind.or(line.part_kind);
    let customer_part = approved_kind == Some(PartKind::CustomerSupplied);
    if customer_part != (input.source == Source::Customer) {
        return Err(Error::invalid(
            "source",
            "Customer-supplied lines take the customer's part; other lines take stock or a supplier's part",
            "客户自备项目只能使用客户提供的配件；其他项目使用库存或外购配件",
        ));
    }
    let mut m = Movement::new(
        ctx,
        input.staff_id,
        "consumption",
        "stock",
        Qty(-input.quantity.milli()),
    );
    m.job_id = Some(job.id);
    m.line_id = Some(line.id);
    m.batch = optional("batch", &input.batch, 64)?;
    let part = input.part_id.map(|id| load(ctx, id)).transpose()?;
    if let Some(p) = &part {
        if Some(p.kind) != approved_kind {
            return Err(Error::approval(
                format!("This part is {}, but the customer approved {}; a different kind needs their approval", p.kind.code(), approved_kind.map_or("-", |k| k.code())),
                "配件类型与客户确认的不同，更换配件类型需客户确认".to_string(),
            )
            .at("part_id"));
        }
        m.part_id = Some(p.id);
        m.unit_cost = Some(p.cost);
    }
    match input.source {
        Source::Stock => {
            let p = part.as_ref().ok_or_else(|| {
                Error::invalid(
                    "part_id",
                    "Name the catalogue part taken from stock",
                    "请选择库存配件",
                )
            })?;
            check_stock(ctx, p, input.quantity)?;
            store::parts::record(ctx.tx, &m, true)?;
        }
        Source::Supplier => {
            m.source = "supplier".into();
            m.supplier = Some(required(
                "supplier",
                input.supplier.as_deref().unwrap_or(""),
                200,
            )?);
            m.supplier_invoice = Some(required(
                "supplier_invoice",
                input.supplier_invoice.as_deref().unwrap_or(""),
                64,
            )?);
            let cost = input.unit_cost.ok_or_else(|| {
                Error::invalid(
                    "unit_cost",
                    "Enter what the supplier charged",
                    "请输入采购单价",
                )
            })?;
            if !(0..=MAX_MONEY / 1000).contains(&cost) {
                return Err(Error::invalid(
                    "unit_cost",
                    "The unit cost must be zero or more",
                    "单位成本不能为负数",
                ));
            }
            m.unit_cost = Some(cost);
            store::parts::record(ctx.tx, &m, false)?;
        }
        Source::Customer => {
            m.source = "customer".into();
            m.unit_cost = Some(0);
            store::parts::record(ctx.tx, &m, false)?;
        }
    }
    job::record(
        ctx,
        job.id,
        input.staff_id,
        "part_used",
        json!({ "line_id": line.id, "part_id": input.part_id, "quantity": input.quantity, "source": m.source }),
    )?;
    estimate::load_line(ctx, line.id)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct ReturnToStock {
    pub staff_id: i64,
    pub line_id: i64,
    pub part_id: i64,
    pub quantity: Qty,
}

/// An unused part goes back to stock from the job line it was taken for.
pub fn return_to_stock(ctx: &Ctx, input: ReturnToStock) -> Result<estimate::Line> {
    crate::staff::actor(ctx, input.staff_id)?;
    let line = estimate::load_line(ctx, input.line_id)?;
    let job = job::by_id(ctx, line.job_id)?;
    job::require_state(&job, crate::work::WORKING, "return parts", "退回配件")?;
    positive("quantity", input.quantity)?;
    let used = store::parts::consumed_on_line(ctx.tx, line.id, input.part_id)?;
    if input.quantity > used {
        return Err(Error::invalid(
            "quantity",
            format!("Only {used} of this part was used on the line"),
            format!("该项目仅领用了 {used}"),
        ));
    }
    let mut m = Movement::new(ctx, input.staff_id, "return", "stock", input.quantity);
    m.part_id = Some(input.part_id);
    m.job_id = Some(job.id);
    m.line_id = Some(line.id);
    store::parts::record(ctx.tx, &m, true)?;
    job::record(
        ctx,
        job.id,
        input.staff_id,
        "part_returned",
        json!({ "line_id": line.id, "part_id": input.part_id, "quantity": input.quantity }),
    )?;
    estimate::load_line(ctx, line.id)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct SetOldPartFate {
    pub staff_id: i64,
    pub line_id: i64,
    pub fate: OldPartFate,
    pub note: Option<String>,
}

/// Records what happened to the replaced part; printed on the invoice.
pub fn set_old_part_fate(ctx: &Ctx, input: SetOldPartFate) -> Result<estimate::Line> {
    crate::staff::actor(ctx, input.staff_id)?;
    let line = estimate::load_line(ctx, input.line_id)?;
    approval::require_approved(&line, "record the old part", "记录旧件去向")?;
    if line.kind != LineKind::Part {
        return Err(Error::invalid(
            "line_id",
            "Old parts belong to part lines",
            "旧件去向只适用于配件项目",
        ));
    }
    let job = job::by_id(ctx, line.job_id)?;
    job::require_state(
        &job,
        &[
            job::JobState::InWork,
            job::JobState::WaitingParts,
            job::JobState::QualityCheck,
            job::JobState::Ready,
        ],
        "record the old part",
        "记录旧件去向",
    )?;
    let note = optional("note", &input.note, 500)?;
    store::lines::set_old_part_fate(ctx.tx, line.id, input.fate, note.as_deref())?;
    job::record(
        ctx,
        job.id,
        input.staff_id,
        "old_part",
        json!({ "line_id": line.id, "fate": input.fate.code() }),
    )?;
    estimate::load_line(ctx, line.id)
}

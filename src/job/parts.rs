//! Parts used on a job: consumption from stock or bought in for the job, only on
//! an approved part line and within what the customer approved (the gate, in
//! job/gate.rs); returns to stock; the replaced part's fate. Tests:
//! tests/core/job/parts.rs.

use crate::base::error::{Error, Result};
use crate::base::money::{Money, Qty, MAX_MONEY};
use crate::base::text::{optional, required};
use crate::base::totals::LineKind;
use crate::ctx::Ctx;
use crate::job;
use crate::job::gate;
use crate::model::job_event::JobEventKind;
use crate::model::line::{Line, OldPartFate};
use crate::model::part::Movement;
use crate::shop::stock::{check_stock, load, positive};
use crate::store;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

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
pub fn consume(ctx: &Ctx, input: Consume) -> Result<Line> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let (line, job) = crate::job::gate::approved_line(
        ctx,
        input.line_id,
        crate::job::gate::WORKING,
        "use parts",
        "领用配件",
    )?;
    positive("quantity", input.quantity)?;
    let part = input.part_id.map(|id| load(ctx, id)).transpose()?;
    gate::check_consumption(
        &line,
        input.quantity,
        input.source == Source::Customer,
        part.as_ref().map(|p| (p.part_number.as_str(), p.kind)),
    )?;
    let mut m = Movement::new(
        ctx.now_text(),
        input.staff_id,
        "consumption",
        "stock",
        Qty(-input.quantity.milli()),
    );
    m.job_id = Some(job.id);
    m.line_id = Some(line.id);
    m.batch = optional("batch", &input.batch, 64)?;
    if let Some(p) = &part {
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
        JobEventKind::PartUsed {
            line_id: line.id,
            part_id: input.part_id,
            quantity: input.quantity,
            source: m.source,
        },
    )?;
    crate::job::load_line(ctx, line.id)
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
pub fn return_to_stock(ctx: &Ctx, input: ReturnToStock) -> Result<Line> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let line = crate::job::load_line(ctx, input.line_id)?;
    let job = job::by_id(ctx, line.job_id)?;
    job::require_state(&job, crate::job::gate::WORKING, "return parts", "退回配件")?;
    positive("quantity", input.quantity)?;
    let used = store::parts::consumed_on_line(ctx.tx, line.id, input.part_id)?;
    if input.quantity > used {
        return Err(Error::invalid(
            "quantity",
            format!("Only {used} of this part was used on the line"),
            format!("该项目仅领用了 {used}"),
        ));
    }
    let mut m = Movement::new(
        ctx.now_text(),
        input.staff_id,
        "return",
        "stock",
        input.quantity,
    );
    m.part_id = Some(input.part_id);
    m.job_id = Some(job.id);
    m.line_id = Some(line.id);
    store::parts::record(ctx.tx, &m, true)?;
    job::record(
        ctx,
        job.id,
        input.staff_id,
        JobEventKind::PartReturned {
            line_id: line.id,
            part_id: input.part_id,
            quantity: input.quantity,
        },
    )?;
    crate::job::load_line(ctx, line.id)
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
pub fn set_old_part_fate(ctx: &Ctx, input: SetOldPartFate) -> Result<Line> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let line = crate::job::load_line(ctx, input.line_id)?;
    gate::require_approved(&line, "record the old part", "记录旧件去向")?;
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
        JobEventKind::OldPart {
            line_id: line.id,
            fate: input.fate.code().to_string(),
        },
    )?;
    crate::job::load_line(ctx, line.id)
}

//! Estimates: labour, part and other-charge lines, canned jobs, discounts and the
//! live totals. Lines added after the customer's first approval belong to a
//! supplementary estimate (`supplement` ≥ 1) and need their own approval.
//! Editing an approved line goes through the approval gate (job/gate.rs). Canned
//! jobs are canned.rs; declined work offered again is recommendation.rs; the
//! job's discount and its limit are discount.rs.
//!
//! Tests: tests/core/job/estimate.rs.

pub mod canned;
pub mod discount;
pub mod recommendation;

use crate::base::error::{Error, ErrorCode, Result};
use crate::base::money::{BasisPoints, Money, Qty, MAX_MONEY};
use crate::base::text::{optional, required};
use crate::base::totals::LineKind;
use crate::ctx::Ctx;
use crate::job;
use crate::job::{gate, load_line};
use crate::model::job::{Job, JobState};
use crate::model::job_event::{JobEventKind, LineFigures, StateChange};
use crate::model::line::{Line, LineStatus, PartKind, WorkState};
use crate::model::settings::{check_rate, ShopSettings};
use crate::store;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A line as the counter enters it.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct LineInput {
    pub kind: LineKind,
    pub description: String,
    /// Hours for labour; units otherwise.
    pub quantity: Qty,
    /// Minor units. Labour defaults to the shop's rate.
    pub unit_price: Option<Money>,
    pub part_number: Option<String>,
    pub brand: Option<String>,
    /// Required for part lines.
    pub part_kind: Option<PartKind>,
    /// Defaults to the shop's rate for the line's kind.
    pub tax_rate_bp: Option<BasisPoints>,
    #[serde(default)]
    pub discount_bp: BasisPoints,
    #[serde(default)]
    pub discount_amount: Money,
    /// On a claim job: the line is covered by the guarantee card and priced at zero.
    #[serde(default)]
    pub covered_by_card: bool,
}

impl LineInput {
    pub fn labour(description: String, hours: Qty) -> LineInput {
        LineInput {
            kind: LineKind::Labour,
            description,
            quantity: hours,
            unit_price: None,
            part_number: None,
            brand: None,
            part_kind: None,
            tax_rate_bp: None,
            discount_bp: 0,
            discount_amount: 0,
            covered_by_card: false,
        }
    }
}

/// Names that hide what a charge is for; other charges must say what they are.
const ANONYMOUS_CHARGES: &[&str] = &[
    "shop supplies",
    "supplies",
    "misc",
    "miscellaneous",
    "sundries",
    "杂费",
    "其他",
    "其它",
    "材料费",
];

/// Validates a line input against the shop's settings; fills defaults.
pub fn validate(input: &LineInput, s: &ShopSettings, job_id: i64) -> Result<Line> {
    let description = required("description", &input.description, 500)?;
    if input.kind == LineKind::Other
        && ANONYMOUS_CHARGES.contains(&description.to_lowercase().as_str())
    {
        return Err(Error::invalid(
            "description",
            "Name what the charge is for (no anonymous \"shop supplies\")",
            "请写明费用的具体用途（不得使用笼统的“杂费”）",
        ));
    }
    if input.quantity.milli() <= 0 || input.quantity > Qty::MAX {
        return Err(Error::invalid(
            "quantity",
            "Quantity must be above zero and at most 1,000,000",
            "数量必须大于零且不超过 1,000,000",
        ));
    }
    let unit_price = match (input.kind, input.unit_price) {
        _ if input.covered_by_card => 0,
        (_, Some(p)) => p,
        (LineKind::Labour, None) => s.labour_rate,
        (_, None) => {
            return Err(Error::invalid(
                "unit_price",
                "Enter the unit price",
                "请输入单价",
            ))
        }
    };
    if !(0..=MAX_MONEY / 1000).contains(&unit_price) {
        return Err(Error::invalid(
            "unit_price",
            "The price must be zero or more, and not absurdly large",
            "单价不能为负数或过大",
        ));
    }
    let part_kind = match input.kind {
        LineKind::Part => Some(input.part_kind.ok_or_else(|| {
            Error::invalid("part_kind", "Say what kind of part: new OEM, new aftermarket, used, rebuilt or customer-supplied", "请选择配件类型：原厂、副厂、旧件、修复件或客户自备")
        })?),
        _ => None,
    };
    if part_kind == Some(PartKind::CustomerSupplied) && unit_price != 0 {
        return Err(Error::invalid(
            "unit_price",
            "Customer-supplied parts carry no price",
            "客户自备配件不计价",
        ));
    }
    let tax = input.tax_rate_bp.unwrap_or(match input.kind {
        LineKind::Labour => s.labour_tax_bp,
        LineKind::Part => s.parts_tax_bp,
        LineKind::Other => s.other_tax_bp,
    });
    check_rate("tax_rate_bp", tax)?;
    check_rate("discount_bp", input.discount_bp)?;
    let mut line = Line::draft(
        job_id,
        0,
        0,
        input.kind,
        description,
        input.quantity,
        unit_price,
        tax,
    );
    if input.discount_amount < 0 || input.discount_amount > line.amount {
        return Err(Error::invalid(
            "discount_amount",
            "The discount must be between zero and the line amount",
            "折扣金额必须在零与该项金额之间",
        ));
    }
    crate::model::line::one_kind_of_discount(input.discount_bp, input.discount_amount)?;
    line.part_kind = part_kind;
    line.part_number = optional("part_number", &input.part_number, 64)?;
    line.brand = optional("brand", &input.brand, 100)?;
    line.discount_bp = input.discount_bp;
    line.discount_amount = input.discount_amount;
    line.covered_by_card = input.covered_by_card;
    Ok(line)
}

/// States in which lines may be added or edited.
const EDITABLE: &[JobState] = &[
    JobState::Inspected,
    JobState::Estimated,
    JobState::AwaitingApproval,
    JobState::Approved,
    JobState::InWork,
    JobState::WaitingParts,
];

/// Covered (zero-priced) lines exist only on a claim under a guarantee card.
fn check_cover(job: &Job, line: &Line) -> Result<()> {
    if line.covered_by_card && job.claim_card_id.is_none() {
        return Err(Error::invalid(
            "covered_by_card",
            "Only a claim under a guarantee card has covered lines",
            "只有质保索赔工单才有保修项目",
        ));
    }
    Ok(())
}

/// Refuses edits once invoiced (immutable), then outside the editable states.
fn require_editable(ctx: &Ctx, job: &Job, doing_en: &str, doing_zh: &str) -> Result<()> {
    crate::job::gate::refuse_if_invoiced(ctx, job)?;
    job::require_state(job, EDITABLE, doing_en, doing_zh)
}

/// Adds a proposed line (first estimate or a supplement) to `job`.
/// The estimate's lines, with `line` added (or in place of line `replacing`),
/// stay within the largest amount Jobcard handles, so every total, tax and
/// document is exact (no sum can overflow).
fn check_total(lines: &[Line], line: &Line, replacing: Option<i64>) -> Result<()> {
    let amount = |l: &Line| l.quantity.times(l.unit_price);
    let total = lines
        .iter()
        .filter(|l| Some(l.id) != replacing && l.status != LineStatus::Removed)
        .map(amount)
        .try_fold(amount(line), |sum, a| sum.checked_add(a))
        .filter(|t| *t <= MAX_MONEY);
    if amount(line) > MAX_MONEY || total.is_none() {
        return Err(Error::invalid(
            "quantity",
            format!(
                "The estimate would come to more than {} (in minor units), the most Jobcard handles; split the work into jobs",
                MAX_MONEY
            ),
            format!("报价总额将超过 Jobcard 可处理的上限（{MAX_MONEY} 最小货币单位），请拆分为多个工单"),
        ));
    }
    Ok(())
}

pub fn add_line_to(
    ctx: &Ctx,
    job: &Job,
    staff_id: i64,
    input: &LineInput,
    finding_id: Option<i64>,
) -> Result<Line> {
    require_editable(ctx, job, "add an estimate line", "添加报价项目")?;
    let settings = crate::shop::settings::load(ctx)?;
    let mut line = validate(input, &settings, job.id)?;
    check_cover(job, &line)?;
    let lines = store::lines::for_job(ctx.tx, job.id)?;
    check_total(&lines, &line, None)?;
    line.supplement = lines
        .iter()
        .filter(|l| l.status == LineStatus::Approved)
        .map(|l| l.supplement + 1)
        .max()
        .unwrap_or(0);
    line.position = store::lines::next_position(ctx.tx, job.id)?;
    line.finding_id = finding_id;
    line.id = store::lines::insert(ctx.tx, &line, &ctx.now_text(), staff_id)?;
    job::record(
        ctx,
        job.id,
        staff_id,
        JobEventKind::LineAdded {
            line_id: line.id,
            supplement: line.supplement,
            description: line.description.clone(),
            kind: line.kind.code().to_string(),
        },
    )?;
    if job.state == JobState::Inspected {
        let mut j = job.clone();
        job::transition(
            ctx,
            &mut j,
            JobState::Estimated,
            staff_id,
            StateChange::default(),
        )?;
    }
    Ok(line)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct AddLine {
    pub staff_id: i64,
    pub job: String,
    pub line: LineInput,
}

pub fn add_line(ctx: &Ctx, input: AddLine) -> Result<Line> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let job = job::by_number(ctx, &input.job)?;
    add_line_to(ctx, &job, input.staff_id, &input.line, None)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct UpdateLine {
    pub staff_id: i64,
    pub line_id: i64,
    pub line: LineInput,
}

/// Edits a line. A proposed line may change freely; an approved one only within
/// what the customer approved (see `gate::check_edit`).
pub fn update_line(ctx: &Ctx, input: UpdateLine) -> Result<Line> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let old = load_line(ctx, input.line_id)?;
    let job = job::by_id(ctx, old.job_id)?;
    require_editable(ctx, &job, "change an estimate line", "修改报价项目")?;
    let settings = crate::shop::settings::load(ctx)?;
    let mut new = validate(&input.line, &settings, job.id)?;
    new.id = old.id;
    new.position = old.position;
    new.supplement = old.supplement;
    new.finding_id = old.finding_id;
    check_cover(&job, &new)?;
    check_total(&store::lines::for_job(ctx.tx, job.id)?, &new, Some(old.id))?;
    match old.status {
        LineStatus::Proposed => {}
        LineStatus::Approved => {
            gate::check_edit(&old, &new)?;
            gate::check_raise(&old, &new, &settings)?;
        }
        LineStatus::Declined | LineStatus::Removed => {
            return Err(Error::new(
                ErrorCode::Immutable,
                "A declined or removed line is kept as it was; add a new line instead",
                "已拒绝或已删除的项目保持原样，请新增项目",
            ))
        }
    }
    store::lines::update(ctx.tx, &new)?;
    if old.status == LineStatus::Approved {
        gate::gate(ctx, &job, &settings)?;
    }
    job::record(
        ctx,
        job.id,
        input.staff_id,
        JobEventKind::LineChanged {
            line_id: old.id,
            from: LineFigures {
                quantity: old.quantity,
                unit_price: old.unit_price,
                description: old.description.clone(),
            },
            to: LineFigures {
                quantity: new.quantity,
                unit_price: new.unit_price,
                description: new.description.clone(),
            },
        },
    )?;
    load_line(ctx, old.id)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct RemoveLine {
    pub staff_id: i64,
    pub line_id: i64,
}

/// Removes a proposed line, or an approved one whose work has not started.
/// The row is kept (status `removed`) for the record.
pub fn remove_line(ctx: &Ctx, input: RemoveLine) -> Result<Line> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let line = load_line(ctx, input.line_id)?;
    let job = job::by_id(ctx, line.job_id)?;
    require_editable(ctx, &job, "remove an estimate line", "删除报价项目")?;
    let removable = match line.status {
        LineStatus::Proposed => true,
        LineStatus::Approved => line.work_state == WorkState::NotStarted && line.consumed == Qty(0),
        _ => false,
    };
    if !removable {
        return Err(Error::state(
            "Only a proposed line, or an approved one whose work has not started, can be removed",
            "只能删除待确认的项目，或尚未开工的已确认项目",
        ));
    }
    store::lines::set_status(ctx.tx, line.id, LineStatus::Removed)?;
    job::record(
        ctx,
        job.id,
        input.staff_id,
        JobEventKind::LineRemoved {
            line_id: line.id,
            was: line.status.code().to_string(),
        },
    )?;
    load_line(ctx, line.id)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Submit {
    pub staff_id: i64,
    pub job: String,
}

/// Presents the estimate (or a supplement) to the customer; it is valid for the
/// shop's validity period from now.
pub fn submit(ctx: &Ctx, input: Submit) -> Result<Job> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let mut job = job::by_number(ctx, &input.job)?;
    let lines = store::lines::for_job(ctx.tx, job.id)?;
    if !lines.iter().any(|l| l.status == LineStatus::Proposed) {
        return Err(Error::state(
            "There is no proposed line to present",
            "没有待客户确认的报价项目",
        ));
    }
    let settings = crate::shop::settings::load(ctx)?;
    let until = ctx.now + chrono::Duration::days(settings.estimate_validity_days as i64);
    store::jobs::set_estimate_valid_until(ctx.tx, job.id, &crate::base::time::time_text(until))?;
    if job.state == JobState::Estimated {
        job::transition(
            ctx,
            &mut job,
            JobState::AwaitingApproval,
            input.staff_id,
            StateChange::default(),
        )?;
    } else if job.state == JobState::AwaitingApproval {
        job::record(
            ctx,
            job.id,
            input.staff_id,
            JobEventKind::EstimatePresentedAgain {
                valid_until: crate::base::time::time_text(until),
            },
        )?;
    } else if job.state.is_after_approval() {
        job::record(
            ctx,
            job.id,
            input.staff_id,
            JobEventKind::SupplementPresented {
                valid_until: crate::base::time::time_text(until),
            },
        )?;
    } else {
        job::require_state(
            &job,
            &[JobState::Estimated],
            "present the estimate",
            "提交报价",
        )?;
    }
    job::by_id(ctx, job.id)
}

pub use crate::ctx::NoInput;

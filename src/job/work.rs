//! Work on approved lines: assigning technicians, job clocks (clocked time beside
//! billed hours), sublet, starting and completing lines, waiting for parts, and the
//! hand-off to quality control. The approval gate comes first: nothing is started,
//! clocked, sublet or completed on a line the customer has not approved.
//!
//! Tests: tests/core/job/work.rs.

use crate::base::error::{Error, Result};
use crate::base::money::{Money, MAX_MONEY};
use crate::base::text::{optional, required};
use crate::base::totals::LineKind;
use crate::ctx::Ctx;
use crate::job;
use crate::job::gate;
use crate::job::gate::{approved_line, WORKING};
use crate::model::guarantee_terms::RepairCategory;
use crate::model::job::{Job, JobState};
use crate::model::job_event::{JobEventKind, StateChange};
use crate::model::line::{Line, LineStatus, Sublet, WorkState};
use crate::model::staff::Role;
use crate::store;
use schemars::JsonSchema;
use serde::Deserialize;
use ts_rs::TS;

/// The first work on an approved job puts the job in work.
fn into_work(ctx: &Ctx, job: &mut Job, staff_id: i64) -> Result<()> {
    if job.state == JobState::Approved {
        job::transition(ctx, job, JobState::InWork, staff_id, StateChange::default())?;
    }
    Ok(())
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct LineAction {
    pub staff_id: i64,
    pub line_id: i64,
}

pub fn start_line(ctx: &Ctx, input: LineAction) -> Result<Line> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let (line, mut job) = approved_line(ctx, input.line_id, WORKING, "start work", "开工")?;
    if line.work_state != WorkState::NotStarted {
        return Err(Error::state(
            "This line has already been started",
            "该项目已开工",
        ));
    }
    store::lines::set_work_state(ctx.tx, line.id, WorkState::Started)?;
    into_work(ctx, &mut job, input.staff_id)?;
    job::record(
        ctx,
        job.id,
        input.staff_id,
        JobEventKind::WorkStarted { line_id: line.id },
    )?;
    crate::job::load_line(ctx, line.id)
}

pub fn complete_line(ctx: &Ctx, input: LineAction) -> Result<Line> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let (line, mut job) = approved_line(ctx, input.line_id, WORKING, "complete work", "完工")?;
    if line.work_state == WorkState::Done {
        return Err(Error::state("This line is already done", "该项目已完工"));
    }
    store::lines::set_work_state(ctx.tx, line.id, WorkState::Done)?;
    // A done line has no clock left running: each one stops now, on the record.
    for c in store::work::running_on_job(ctx.tx, job.id)? {
        if c.line_id == line.id {
            store::work::stop_clock(ctx.tx, c.id, &ctx.now_text())?;
            job::record(
                ctx,
                job.id,
                input.staff_id,
                JobEventKind::ClockOff {
                    line_id: c.line_id,
                    technician_id: Some(c.technician_id),
                },
            )?;
        }
    }
    into_work(ctx, &mut job, input.staff_id)?;
    job::record(
        ctx,
        job.id,
        input.staff_id,
        JobEventKind::WorkDone { line_id: line.id },
    )?;
    crate::job::load_line(ctx, line.id)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Assign {
    pub staff_id: i64,
    pub line_id: i64,
    pub technician_id: i64,
}

/// Assigns an approved labour line to a technician.
pub fn assign(ctx: &Ctx, input: Assign) -> Result<Line> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let tech =
        crate::shop::staff::actor(ctx, input.technician_id).map_err(|e| e.at("technician_id"))?;
    tech.require_role(Role::Technician)
        .map_err(|e| e.at("technician_id"))?;
    let line = crate::job::load_line(ctx, input.line_id)?;
    gate::require_approved(&line, "assign work", "派工")?;
    if line.kind != LineKind::Labour {
        return Err(Error::invalid(
            "line_id",
            "Technicians are assigned to labour lines",
            "只能为工时项目派工",
        ));
    }
    let job = job::by_id(ctx, line.job_id)?;
    job::require_state(&job, WORKING, "assign work", "派工")?;
    store::lines::set_technician(ctx.tx, line.id, tech.id)?;
    job::record(
        ctx,
        job.id,
        input.staff_id,
        JobEventKind::Assigned {
            line_id: line.id,
            technician_id: tech.id,
            technician: tech.name,
        },
    )?;
    crate::job::load_line(ctx, line.id)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Clock {
    /// The technician clocking on or off (the signed-in person).
    pub staff_id: i64,
    pub line_id: i64,
    /// Clock off: another technician's clock left running, stopped by someone
    /// holding the dispatch permission (the foreman, the counter).
    #[serde(default)]
    pub technician_id: Option<i64>,
}

/// Starts the technician's job clock on a line (stopping nothing: one clock at a time).
pub fn clock_on(ctx: &Ctx, input: Clock) -> Result<Line> {
    let tech = crate::shop::staff::actor(ctx, input.staff_id)?;
    tech.require_role(Role::Technician)?;
    let (line, mut job) = approved_line(
        ctx,
        input.line_id,
        &[JobState::Approved, JobState::InWork],
        "clock on",
        "开始计时",
    )?;
    if let Some((_, other)) = store::work::open_clock(ctx.tx, tech.id)? {
        return Err(Error::state(
            format!(
                "{} is already clocked on line {other}; clock off first",
                tech.name
            ),
            format!("{} 正在项目 {other} 上计时，请先结束计时", tech.name),
        ));
    }
    store::work::start_clock(ctx.tx, line.id, tech.id, &ctx.now_text())?;
    if line.work_state == WorkState::NotStarted {
        store::lines::set_work_state(ctx.tx, line.id, WorkState::Started)?;
    }
    into_work(ctx, &mut job, input.staff_id)?;
    job::record(
        ctx,
        job.id,
        input.staff_id,
        JobEventKind::ClockOn { line_id: line.id },
    )?;
    crate::job::load_line(ctx, line.id)
}

pub fn clock_off(ctx: &Ctx, input: Clock) -> Result<Line> {
    let whose = match input.technician_id {
        Some(other) if other != input.staff_id => {
            crate::shop::access::require(
                ctx,
                input.staff_id,
                crate::model::access::Permission::Dispatch,
            )?;
            other
        }
        _ => {
            crate::shop::access::require(
                ctx,
                input.staff_id,
                crate::model::access::Permission::Work,
            )?;
            input.staff_id
        }
    };
    let tech = crate::shop::staff::actor(ctx, whose).map_err(|e| e.at("technician_id"))?;
    let (clock, line_id) = store::work::open_clock(ctx.tx, tech.id)?
        .filter(|(_, l)| *l == input.line_id)
        .ok_or_else(|| {
            Error::state(
                "There is no running clock for this person on this line",
                "此人在该项目上没有正在进行的计时",
            )
        })?;
    store::work::stop_clock(ctx.tx, clock, &ctx.now_text())?;
    let line = crate::job::load_line(ctx, line_id)?;
    job::record(
        ctx,
        line.job_id,
        input.staff_id,
        JobEventKind::ClockOff {
            line_id: line.id,
            technician_id: (whose != input.staff_id).then_some(whose),
        },
    )?;
    Ok(line)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct SetSublet {
    pub staff_id: i64,
    pub line_id: i64,
    pub vendor: String,
    pub vendor_invoice: Option<String>,
    /// What the subcontractor charges (minor units); the customer pays the line's price.
    pub cost: Money,
}

/// Sends an approved line out to a subcontractor.
pub fn sublet(ctx: &Ctx, input: SetSublet) -> Result<Line> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let (line, job) = approved_line(ctx, input.line_id, WORKING, "sublet work", "外协")?;
    if !(0..=MAX_MONEY).contains(&input.cost) {
        return Err(Error::invalid(
            "cost",
            "The cost must be zero or more",
            "成本不能为负数",
        ));
    }
    let s = Sublet {
        vendor: required("vendor", &input.vendor, 200)?,
        vendor_invoice: optional("vendor_invoice", &input.vendor_invoice, 64)?,
        cost: input.cost,
    };
    store::lines::set_sublet(ctx.tx, line.id, &s)?;
    job::record(
        ctx,
        job.id,
        input.staff_id,
        JobEventKind::Sublet {
            line_id: line.id,
            vendor: s.vendor,
            cost: s.cost,
        },
    )?;
    crate::job::load_line(ctx, line.id)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct SetCategory {
    pub staff_id: i64,
    pub job: String,
    pub category: RepairCategory,
}

/// Sets the repair category, which decides the guarantee terms (and, for major
/// vehicle work, the completion certificate).
pub fn set_category(ctx: &Ctx, input: SetCategory) -> Result<Job> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let job = job::by_number(ctx, &input.job)?;
    if matches!(
        job.state,
        JobState::Invoiced | JobState::Delivered | JobState::Cancelled
    ) {
        return Err(Error::state(
            "The repair category is fixed once the job is invoiced",
            "开票后维修类别不能再改",
        ));
    }
    let item = crate::records::items::load(ctx, job.item_id)?;
    let vehicle = matches!(item.spec, crate::model::item::ItemSpec::Vehicle { .. });
    if vehicle != input.category.is_vehicle() {
        return Err(Error::invalid(
            "category",
            "This category does not fit the item",
            "该维修类别与物品类型不符",
        ));
    }
    store::work::set_category(ctx.tx, job.id, input.category.code())?;
    job::record(
        ctx,
        job.id,
        input.staff_id,
        JobEventKind::Category {
            category: input.category.code().to_string(),
        },
    )?;
    job::by_id(ctx, job.id)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct WaitForParts {
    pub staff_id: i64,
    pub job: String,
    pub reason: String,
}

pub fn wait_for_parts(ctx: &Ctx, input: WaitForParts) -> Result<Job> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let reason = required("reason", &input.reason, 500)?;
    let mut job = job::by_number(ctx, &input.job)?;
    job::transition(
        ctx,
        &mut job,
        JobState::WaitingParts,
        input.staff_id,
        StateChange {
            reason: Some(reason),
            ..StateChange::default()
        },
    )?;
    Ok(job)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct JobAction {
    pub staff_id: i64,
    pub job: String,
}

pub fn resume(ctx: &Ctx, input: JobAction) -> Result<Job> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let mut job = job::by_number(ctx, &input.job)?;
    job::transition(
        ctx,
        &mut job,
        JobState::InWork,
        input.staff_id,
        StateChange::default(),
    )?;
    Ok(job)
}

/// Hands the job to quality control once every approved line is done and no
/// clock is running.
pub fn to_quality_check(ctx: &Ctx, input: JobAction) -> Result<Job> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let mut job = job::by_number(ctx, &input.job)?;
    job::require_state(&job, &[JobState::InWork], "send to quality check", "送检")?;
    let lines = store::lines::for_job(ctx.tx, job.id)?;
    if let Some(open) = lines
        .iter()
        .find(|l| l.status == LineStatus::Approved && l.work_state != WorkState::Done)
    {
        return Err(Error::state(
            format!("\"{}\" is not done yet", open.description),
            format!("“{}”尚未完工", open.description),
        ));
    }
    if lines.iter().any(|l| l.status == LineStatus::Proposed) {
        return Err(Error::approval(
            "A supplementary line still awaits the customer's decision",
            "仍有追加项目等待客户确认",
        ));
    }
    if store::work::open_clocks_on_job(ctx.tx, job.id)? > 0 {
        return Err(Error::state(
            "A job clock is still running; clock off first",
            "仍有计时未结束，请先结束计时",
        ));
    }
    job::transition(
        ctx,
        &mut job,
        JobState::QualityCheck,
        input.staff_id,
        StateChange::default(),
    )?;
    Ok(job)
}

//! The job (work order) and its state machine. The core alone moves a job between
//! states; every move, like every other change to a job, is appended to the job's
//! history with who did it and when.
//!
//! ```text
//! received → inspected → estimated → awaiting_approval → approved → in_work
//!   ⇄ waiting_parts → quality_check (→ in_work on failure) → ready → invoiced → delivered
//! any state before invoiced → cancelled (with a reason)
//! ```
//!
//! Tests: tests/core/job/lifecycle.rs; the state machine itself beside src/model/job.rs.

pub mod approval;
pub mod estimate;
pub mod gate;
pub mod guarantee;
pub mod handover;
pub mod inspection;
pub mod intake;
pub mod invoice;
pub mod parts;
pub mod quality;
pub mod reception;
pub mod work;

use crate::base::error::{Error, Result};
use crate::ctx::Ctx;
use crate::model::job::{Job, JobState};
use crate::model::job_event::{JobEventKind, StateChange};
use crate::model::line::Line;
use crate::store;
use schemars::JsonSchema;
use serde::Deserialize;
use ts_rs::TS;

/// Loads a job by its number (the key every document and screen uses).
pub fn by_number(ctx: &Ctx, number: &str) -> Result<Job> {
    store::jobs::by_number(ctx.tx, number.trim())?
        .ok_or_else(|| Error::not_found("Job", "工单", number).at("job"))
}

pub fn by_id(ctx: &Ctx, id: i64) -> Result<Job> {
    store::jobs::by_id(ctx.tx, id)?.ok_or_else(|| Error::not_found("Job", "工单", id).at("job"))
}

/// Appends to the job's history.
pub fn record(ctx: &Ctx, job_id: i64, staff_id: i64, event: JobEventKind) -> Result<()> {
    store::events::append(ctx.tx, job_id, &ctx.now_text(), staff_id, &event)
}

/// Moves a job to `to`, refusing illegal moves, and records the move.
pub fn transition(
    ctx: &Ctx,
    job: &mut Job,
    to: JobState,
    staff_id: i64,
    why: StateChange,
) -> Result<()> {
    if !job.state.can_move_to(to) {
        return Err(Error::state(
            format!(
                "Job {} cannot go from {} to {}",
                job.number,
                job.state.en(),
                to.en()
            ),
            format!(
                "工单 {} 不能从“{}”变为“{}”",
                job.number,
                job.state.zh(),
                to.zh()
            ),
        ));
    }
    store::jobs::set_state(ctx.tx, job.id, to)?;
    record(
        ctx,
        job.id,
        staff_id,
        JobEventKind::State {
            from: job.state,
            to,
            why,
        },
    )?;
    job.state = to;
    Ok(())
}

/// Refuses unless the job is in one of `states`.
pub fn require_state(job: &Job, states: &[JobState], doing_en: &str, doing_zh: &str) -> Result<()> {
    if states.contains(&job.state) {
        return Ok(());
    }
    Err(Error::state(
        format!(
            "Cannot {doing_en}: job {} is {}",
            job.number,
            job.state.en()
        ),
        format!(
            "无法{doing_zh}：工单 {} 当前为“{}”",
            job.number,
            job.state.zh()
        ),
    ))
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct CancelJob {
    pub staff_id: i64,
    pub job: String,
    pub reason: String,
}

pub fn cancel(ctx: &Ctx, input: CancelJob) -> Result<Job> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let reason = crate::base::text::required("reason", &input.reason, 500)?;
    let mut job = by_number(ctx, &input.job)?;
    transition(
        ctx,
        &mut job,
        JobState::Cancelled,
        input.staff_id,
        StateChange {
            reason: Some(reason.clone()),
            ..StateChange::default()
        },
    )?;
    store::jobs::set_cancel_reason(ctx.tx, job.id, &reason)?;
    by_id(ctx, job.id)
}

pub fn load_line(ctx: &Ctx, id: i64) -> Result<Line> {
    let mut l = store::lines::get(ctx.tx, id)?
        .ok_or_else(|| Error::not_found("Estimate line", "报价项目", id).at("line_id"))?;
    l.amount = l.quantity.times(l.unit_price);
    Ok(l)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct JobRef {
    pub job: String,
}

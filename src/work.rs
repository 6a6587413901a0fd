//! Work on approved lines: starting and completing them. The approval gate comes
//! first: nothing is started or completed on a line the customer has not approved.

use crate::api::Ctx;
use crate::approval;
use crate::error::{Error, Result};
use crate::estimate::{self, Line, WorkState};
use crate::job::{self, JobState};
use crate::store;
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;

/// States in which lines are worked on.
pub const WORKING: &[JobState] = &[JobState::Approved, JobState::InWork, JobState::WaitingParts];

#[derive(Debug, Deserialize, JsonSchema)]
pub struct LineAction {
    pub staff_id: i64,
    pub line_id: i64,
}

pub fn start_line(ctx: &Ctx, input: LineAction) -> Result<Line> {
    crate::staff::actor(ctx, input.staff_id)?;
    let line = estimate::load_line(ctx, input.line_id)?;
    approval::require_approved(&line, "start work", "开工")?;
    let mut job = job::by_id(ctx, line.job_id)?;
    job::require_state(&job, WORKING, "start work", "开工")?;
    if line.work_state != WorkState::NotStarted {
        return Err(Error::state(
            "This line has already been started",
            "该项目已开工",
        ));
    }
    store::lines::set_work_state(ctx.tx, line.id, WorkState::Started)?;
    if job.state == JobState::Approved {
        job::transition(ctx, &mut job, JobState::InWork, input.staff_id, json!({}))?;
    }
    job::record(
        ctx,
        job.id,
        input.staff_id,
        "work_started",
        json!({ "line_id": line.id }),
    )?;
    estimate::load_line(ctx, line.id)
}

pub fn complete_line(ctx: &Ctx, input: LineAction) -> Result<Line> {
    crate::staff::actor(ctx, input.staff_id)?;
    let line = estimate::load_line(ctx, input.line_id)?;
    approval::require_approved(&line, "complete work", "完工")?;
    let mut job = job::by_id(ctx, line.job_id)?;
    job::require_state(&job, WORKING, "complete work", "完工")?;
    if line.work_state == WorkState::Done {
        return Err(Error::state("This line is already done", "该项目已完工"));
    }
    store::lines::set_work_state(ctx.tx, line.id, WorkState::Done)?;
    if job.state == JobState::Approved {
        job::transition(ctx, &mut job, JobState::InWork, input.staff_id, json!({}))?;
    }
    job::record(
        ctx,
        job.id,
        input.staff_id,
        "work_done",
        json!({ "line_id": line.id }),
    )?;
    estimate::load_line(ctx, line.id)
}

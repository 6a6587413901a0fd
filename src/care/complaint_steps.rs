//! A complaint's steps, in the order the core enforces: each with who and when,
//! each due within the level's limit from the one before. Clarifying updates
//! the record (the earlier one stays on its step); the root cause schedules the
//! second call that confirms the loop is closed; it cannot close without a root
//! cause and the customer's confirmation, or a recorded reason why not.
//! Tests: tests/core/care/complaints.rs.

use super::complaints::{by_number, check_facts, due_after, load, record};
use crate::base::error::{Error, Result};
use crate::ctx::Ctx;
use crate::model::access::Permission;
use crate::model::callback::CallbackState;
use crate::model::complaint::{Complaint, ComplaintFacts, Resolution, RootCause, Step};
use crate::store;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Deserialize;
use ts_rs::TS;

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct TakeStep {
    pub staff_id: i64,
    pub complaint: String,
    pub step: Step,
    pub note: Option<String>,
    /// Clarified: the record as clarified with the customer.
    pub facts: Option<ComplaintFacts>,
    /// Resolution agreed: what the shop will do.
    pub resolution: Option<Resolution>,
    /// Root cause.
    pub root_cause: Option<RootCause>,
    /// Thanked and loop confirmed: whether the customer confirmed (a note says why not).
    pub confirmed: Option<bool>,
    /// Action taken on a redo: the vehicle's odometer as it comes back in.
    pub odometer_in: Option<i64>,
}

pub fn step(ctx: &Ctx, input: TakeStep) -> Result<Complaint> {
    crate::shop::access::require(ctx, input.staff_id, Permission::Care)?;
    let row = by_number(ctx, &input.complaint)?;
    let expected = row
        .step
        .next()
        .ok_or_else(|| Error::state("This complaint is closed", "此投诉已结案"))?;
    if input.step != expected {
        return Err(Error::state(
            format!("The next step is {}", expected.code().replace('_', " ")),
            format!("下一步应为：{}", zh(expected)),
        )
        .at("step"));
    }
    let note = crate::base::text::optional("note", &input.note, 2000)?;
    let mut rec = record(expected, input.staff_id, &ctx.now_text(), None);
    rec.note = note.clone();
    let steps = store::complaints::steps(ctx.tx, row.id)?;
    let agreed = steps.iter().find_map(|s| s.resolution.clone());
    match expected {
        Step::Clarified => {
            let facts = input.facts.as_ref().ok_or_else(|| {
                Error::invalid(
                    "facts",
                    "The record as clarified with the customer",
                    "请填写与客户核实后的记录",
                )
            })?;
            let facts = check_facts(ctx, facts)?;
            if facts.reasonable.is_none() {
                return Err(Error::invalid(
                    "facts.reasonable",
                    "Is the customer's demand reasonable?",
                    "客户的要求是否合理？",
                ));
            }
            store::complaints::set_facts(ctx.tx, row.id, &facts)?;
            rec.facts = Some(facts);
        }
        Step::ResolutionAgreed => {
            let r = input.resolution.clone().ok_or_else(|| {
                Error::invalid(
                    "resolution",
                    "What does the shop do about it?",
                    "请选择处理方式",
                )
            })?;
            crate::care::complaints_resolution::check(ctx, &row, &r, input.staff_id)?;
            rec.resolution = Some(r);
        }
        Step::ActionTaken => {
            let r = agreed.ok_or_else(|| Error::internal("no agreed resolution"))?;
            rec.reference = crate::care::complaints_resolution::carry_out(
                ctx,
                &row,
                &r,
                input.staff_id,
                input.odometer_in,
            )?;
        }
        Step::Thanked | Step::LoopConfirmed => {
            let c = input.confirmed.ok_or_else(|| {
                Error::invalid(
                    "confirmed",
                    "Did the customer confirm the result?",
                    "客户是否确认处理结果？",
                )
            })?;
            if !c && note.is_none() {
                return Err(Error::invalid(
                    "note",
                    "Why the customer did not confirm (kept with the complaint)",
                    "请说明客户未确认的原因（随投诉保存）",
                ));
            }
            rec.confirmed = Some(c);
        }
        Step::RootCause => {
            let rc = input.root_cause.clone().ok_or_else(|| {
                Error::invalid(
                    "root_cause",
                    "The root cause, so it does not happen again",
                    "请分析根源，防止再次发生",
                )
            })?;
            rec.root_cause = Some(check_root_cause(ctx, rc)?);
        }
        Step::Closed | Step::Received => {}
    }
    store::complaints::add_step(ctx.tx, row.id, &rec)?;
    if expected == Step::LoopConfirmed {
        // Confirmed otherwise (a visit, a message): the second call is no longer needed.
        for id in store::callbacks::open_for_complaint(ctx.tx, row.id)? {
            store::callbacks::close(ctx.tx, id, CallbackState::Cancelled, &ctx.now_text())?;
        }
    }
    let next_due = (expected != Step::Closed).then(|| due_after(ctx, row.level));
    store::complaints::set_step(ctx.tx, row.id, expected, next_due.as_deref())?;
    if expected == Step::RootCause {
        if let Some(job) = row.job_id {
            crate::care::schedule::loop_check(ctx, job, row.customer_id, row.id)?;
        }
    }
    load(ctx, row.id)
}

fn check_root_cause(ctx: &Ctx, rc: RootCause) -> Result<RootCause> {
    let w = |e: Error| e.within("root_cause");
    let direct =
        crate::base::text::required("direct_responsibility", &rc.direct_responsibility, 1000)
            .map_err(w)?;
    let action =
        crate::base::text::required("corrective_action", &rc.corrective_action, 2000).map_err(w)?;
    if rc.owner_id <= 0 {
        return Err(w(Error::invalid(
            "owner_id",
            "Who sees the corrective action through?",
            "请指定纠正措施的负责人",
        )));
    }
    crate::shop::staff::actor(ctx, rc.owner_id).map_err(|e| w(e.at("owner_id")))?;
    let due = NaiveDate::parse_from_str(rc.due.trim(), "%Y-%m-%d").map_err(|_| {
        w(Error::invalid(
            "due",
            "A date as YYYY-MM-DD",
            "日期格式为 年-月-日",
        ))
    })?;
    if due < crate::care::today(ctx)? {
        return Err(w(Error::invalid(
            "due",
            "A date still to come",
            "完成日期不能早于今天",
        )));
    }
    Ok(RootCause {
        cause: rc.cause,
        direct_responsibility: direct,
        secondary_responsibility: crate::base::text::optional(
            "secondary_responsibility",
            &rc.secondary_responsibility,
            1000,
        )
        .map_err(w)?,
        corrective_action: action,
        owner_id: rc.owner_id,
        due: due.format("%Y-%m-%d").to_string(),
    })
}

/// A loop-check call that reached the customer confirms the loop.
pub fn loop_confirmed_by_call(
    ctx: &Ctx,
    complaint_id: i64,
    staff_id: i64,
    comment: Option<String>,
) -> Result<()> {
    let Some(row) = store::complaints::by_id(ctx.tx, complaint_id)? else {
        return Ok(());
    };
    if row.step != Step::RootCause {
        return Ok(());
    }
    let mut rec = record(Step::LoopConfirmed, staff_id, &ctx.now_text(), None);
    rec.confirmed = Some(true);
    rec.note = comment;
    store::complaints::add_step(ctx.tx, row.id, &rec)?;
    store::complaints::set_step(
        ctx.tx,
        row.id,
        Step::LoopConfirmed,
        Some(&due_after(ctx, row.level)),
    )
}

pub fn zh(s: Step) -> &'static str {
    match s {
        Step::Received => "受理",
        Step::Clarified => "核实情况",
        Step::ResolutionAgreed => "商定处理方案",
        Step::ActionTaken => "落实处理",
        Step::Thanked => "追踪致谢",
        Step::RootCause => "分析根源防再发",
        Step::LoopConfirmed => "二次回访确认",
        Step::Closed => "结案",
    }
}

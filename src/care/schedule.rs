//! When the shop calls: the follow-up scheduled at handover by the shop's rule
//! (model/care.rs decides the day and window), none for a customer who said
//! no calls and never two for one job; and a complaint's second call that
//! confirms the loop is closed. Tests: tests/core/care/callbacks.rs.

use crate::base::error::Result;
use crate::base::time::time_text;
use crate::ctx::Ctx;
use crate::model::callback::Purpose;
use crate::model::care::{follow_up_expiry, follow_up_slot};
use crate::model::job::Job;
use crate::store;
use crate::store::callbacks::NewCallback;
use chrono::{DateTime, Utc};

/// Schedules the follow-up for a job just handed over: none for a customer
/// who said no calls, and never a second one for the same job.
pub fn follow_up(ctx: &Ctx, job: &Job) -> Result<Option<i64>> {
    store::callbacks::sweep_missed(ctx.tx, &ctx.now_text())?;
    let pref = crate::care::contact::preference(ctx, job.customer_id)?;
    if !pref.calls || !store::callbacks::for_job(ctx.tx, job.id)?.is_empty() {
        return Ok(None);
    }
    let s = crate::shop::settings::load(ctx)?;
    let delivered = job
        .delivered_at
        .as_deref()
        .and_then(|d| DateTime::parse_from_rfc3339(d).ok())
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or(ctx.now);
    let (due, until) = follow_up_slot(
        &s.care,
        delivered,
        s.utc_offset_minutes,
        pref.preferred_time,
    );
    let expires = follow_up_expiry(&s.care, delivered, s.utc_offset_minutes);
    let id = store::callbacks::insert(
        ctx.tx,
        &NewCallback {
            job_id: job.id,
            customer_id: job.customer_id,
            purpose: Purpose::FollowUp,
            complaint_id: None,
            due_at: &time_text(due),
            due_until: &time_text(until),
            expires_at: &time_text(expires),
            now: &ctx.now_text(),
        },
    )?;
    Ok(Some(id))
}

/// The complaint's second call, `callback_after_days` from now in the first window.
pub fn loop_check(
    ctx: &Ctx,
    job_id: i64,
    customer_id: i64,
    complaint_id: i64,
) -> Result<Option<i64>> {
    let pref = crate::care::contact::preference(ctx, customer_id)?;
    if !pref.calls {
        return Ok(None);
    }
    let s = crate::shop::settings::load(ctx)?;
    let (due, until) = follow_up_slot(&s.care, ctx.now, s.utc_offset_minutes, pref.preferred_time);
    let expires = follow_up_expiry(&s.care, ctx.now, s.utc_offset_minutes);
    Ok(Some(store::callbacks::insert(
        ctx.tx,
        &NewCallback {
            job_id,
            customer_id,
            purpose: Purpose::LoopCheck,
            complaint_id: Some(complaint_id),
            due_at: &time_text(due),
            due_until: &time_text(until),
            expires_at: &time_text(expires),
            now: &ctx.now_text(),
        },
    )?))
}

//! Follow-up calls (回访): scheduled at handover by the shop's rule, listed for
//! the day by window, and worked through with the handbook's outcomes. A call
//! that reaches the customer takes the satisfaction survey; an unhappy answer
//! opens a complaint prefilled from the call and the job. No answer after the
//! shop's maximum attempts (or a wrong number) closes it as unreachable; one
//! never reached by the shop's limit shows as missed.
//! Tests: tests/core/care/callbacks.rs.

use crate::base::error::{Error, Result};
use crate::base::time::time_text;
use crate::ctx::Ctx;
use crate::model::access::Permission;
use crate::model::callback::{Attempt, CallRow, Callback, CallbackState, Outcome, Purpose};
use crate::model::care::window_at;
use crate::model::job::Job;
use crate::model::survey::{Answers, SurveyVia};
use crate::store;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

fn parse_time(field: &str, s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            Error::invalid(
                field,
                "A date and time, e.g. 2026-11-26T09:30:00+08:00",
                "请填写日期和时间，如 2026-11-26T09:30:00+08:00",
            )
        })
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct CallsFor {
    /// The shop's local day, YYYY-MM-DD; today when absent.
    pub day: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct CallsToday {
    pub day: String,
    /// Due that day or before and still open, oldest first (at most `CALLS_SHOWN`;
    /// the next ones move up as these are made).
    pub calls: Vec<CallRow>,
    /// How many are due in all.
    pub total_due: i64,
    /// Open but past the shop's limit: shown as missed.
    pub missed: Vec<CallRow>,
    /// The next day's bookings not yet confirmed, earliest first (at most
    /// `CONFIRM_SHOWN`; the next ones move up as these are confirmed): the
    /// call the day before.
    pub to_confirm: Vec<crate::model::appointment::Appointment>,
    /// How many of the next day's bookings are not yet confirmed in all.
    pub total_to_confirm: i64,
}

/// The calls list: everything open that is due by the end of the day.
pub fn calls(ctx: &Ctx, input: CallsFor) -> Result<CallsToday> {
    let s = crate::shop::settings::load(ctx)?;
    let off = Duration::minutes(s.utc_offset_minutes.into());
    let day = match input
        .day
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map_err(|_| Error::invalid("day", "A date as YYYY-MM-DD", "日期格式为 年-月-日"))?,
        None => (ctx.now + off).date_naive(),
    };
    let end = day
        .succ_opt()
        .unwrap_or(day)
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc()
        - off;
    let mut out = CallsToday {
        day: day.format("%Y-%m-%d").to_string(),
        calls: Vec::new(),
        total_due: 0,
        missed: Vec::new(),
        to_confirm: Vec::new(),
        total_to_confirm: 0,
    };
    let next = day.succ_opt().unwrap_or(day).format("%Y-%m-%d").to_string();
    let now = ctx.now_text();
    let until = time_text(end);
    let since = time_text(ctx.now - Duration::days(s.care.callback_expires_days.into()));
    // The list's five questions together, then its rows' facts for the due
    // and the missed calls at once: three round trips on a server after the
    // settings.
    let (to_confirm, total_to_confirm, total_due, due, missed) = ctx.tx.together((
        store::appointments::booked_on_day_read(&next, CONFIRM_SHOWN),
        store::appointments::count_booked_on_day_read(&next),
        store::callbacks::count_due_read(&until, &now),
        store::callbacks::open_due_read(&until, &now, CALLS_SHOWN),
        store::callbacks::missed_since_read(&since, &now, MISSED_SHOWN),
    ))?;
    out.to_confirm = to_confirm;
    out.total_to_confirm = total_to_confirm;
    out.total_due = total_due;
    let shown = due.len();
    let mut rows = rows_with_attempts(ctx, due.into_iter().chain(missed).collect(), true)?;
    out.missed = rows.split_off(shown.min(rows.len()));
    out.calls = rows;
    Ok(out)
}

/// The most calls the list shows at once (oldest due first), and missed ones.
/// A morning's calls: a counter works down the list and the next ones move up.
pub const CALLS_SHOWN: i64 = 60;
pub const MISSED_SHOWN: i64 = 20;
/// The most of the next day's bookings to confirm the list shows at once. A
/// busy shop books a hundred a day; the whole day read and sent each time the
/// list is opened made it the slowest part of the list.
pub const CONFIRM_SHOWN: i64 = 20;

/// One row with everything the caller needs (no frozen document is parsed:
/// the list must paint at once on a ten-year shop).
pub fn call_row(ctx: &Ctx, c: Callback) -> Result<CallRow> {
    let id = c.id;
    call_rows(ctx, vec![c])?
        .pop()
        .ok_or_else(|| Error::not_found("Callback", "回访", id))
}

/// The rows for `calls`, their jobs, customers, items, work, invoices,
/// cards, complaints and open recommendations each read for all of them at
/// once: two round trips on a server for the whole list (what the jobs say,
/// then what their items say), not a dozen per row, each shared in a read
/// with a second connection in the same snapshot (store/pg/client/second.rs).
pub fn call_rows(ctx: &Ctx, calls: Vec<Callback>) -> Result<Vec<CallRow>> {
    rows_with_attempts(ctx, calls, false)
}

/// [`call_rows`], reading the calls' attempts with the rest when
/// `read_attempts` (the calls list reads its callbacks without them).
fn rows_with_attempts(
    ctx: &Ctx,
    calls: Vec<Callback>,
    read_attempts: bool,
) -> Result<Vec<CallRow>> {
    let now = ctx.now_text();
    let job_ids: Vec<i64> = calls.iter().map(|c| c.job_id).collect();
    let customer_ids: Vec<i64> = calls.iter().map(|c| c.customer_id).collect();
    let complaint_ids: Vec<i64> = calls.iter().filter_map(|c| c.complaint_id).collect();
    let callback_ids: Vec<i64> = if read_attempts {
        calls.iter().map(|c| c.id).collect()
    } else {
        Vec::new()
    };
    let (jobs, names, work, amounts, complaints, mut attempts) = ctx.tx.together_shared((
        store::jobs::by_ids_read(&job_ids),
        store::customers::names_and_phones_read(&customer_ids),
        store::lines::done_descriptions_of_read(&job_ids),
        store::invoices::totals_of_jobs_read(&job_ids),
        store::complaints::numbers_of_read(&complaint_ids),
        store::callbacks::attempts_of_read(&callback_ids),
    ))?;
    let jobs: HashMap<i64, Job> = jobs.into_iter().map(|j| (j.id, j)).collect();
    let item_ids: Vec<i64> = jobs.values().map(|j| j.item_id).collect();
    let (items, cards, recommendations) = ctx.tx.together_shared((
        store::items::by_ids_read(&item_ids),
        store::cards::valid_for_items_read(&item_ids, &now[..10]),
        store::approvals::open_recommendations_of_read(&item_ids),
    ))?;
    calls
        .into_iter()
        .map(|mut c| {
            if read_attempts {
                c.attempts = attempts.remove(&c.id).unwrap_or_default();
            }
            if c.state == CallbackState::Open && c.expires_at < now {
                c.state = CallbackState::Missed;
            }
            let job = jobs
                .get(&c.job_id)
                .ok_or_else(|| Error::not_found("Job", "工单", c.job_id).at("job"))?;
            let (customer_name, phone) = names.get(&c.customer_id).cloned().unwrap_or_default();
            Ok(CallRow {
                overdue: c.state == CallbackState::Open && c.due_until < now,
                job_number: job.number.clone(),
                customer_name,
                phone,
                item_label: items
                    .get(&job.item_id)
                    .map(|i| i.label.clone())
                    .unwrap_or_default(),
                work: work.get(&job.id).cloned().unwrap_or_default(),
                promised_at: job.promised_at.clone(),
                delivered_at: job.delivered_at.clone(),
                amount: amounts.get(&job.id).copied(),
                recommendations: recommendations
                    .get(&job.item_id)
                    .map(|rs| rs.iter().map(|r| r.description.clone()).collect())
                    .unwrap_or_default(),
                card_number: cards.get(&job.item_id).cloned(),
                complaint_number: c.complaint_id.and_then(|id| complaints.get(&id).cloned()),
                callback: c,
            })
        })
        .collect()
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct RecordCall {
    pub staff_id: i64,
    pub callback_id: i64,
    pub outcome: Outcome,
    /// Call back: when, inside a calling window on an open day (RFC 3339).
    pub call_back_at: Option<String>,
    /// The customer's words, kept exactly as typed.
    pub comment: Option<String>,
    /// Reached on a follow-up: the satisfaction answers.
    pub survey: Option<Answers>,
}

#[derive(Debug, Serialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct CallRecorded {
    pub call: CallRow,
    /// The complaint an unhappy answer opened.
    pub complaint: Option<String>,
}

/// Records one attempt. Reached closes the call (and, on a follow-up, stores
/// the survey); no answer counts toward the maximum; a wrong number closes it
/// as unreachable; call back moves it to the agreed time.
pub fn record(ctx: &Ctx, input: RecordCall) -> Result<CallRecorded> {
    crate::shop::access::require(ctx, input.staff_id, Permission::Care)?;
    let c = store::callbacks::get(ctx.tx, input.callback_id)?
        .ok_or_else(|| Error::not_found("Callback", "回访", input.callback_id).at("callback_id"))?;
    if c.state != CallbackState::Open {
        return Err(Error::state("This call is already closed", "此回访已结束"));
    }
    let comment = match &input.comment {
        Some(t) if !t.trim().is_empty() => Some(crate::base::text::limit("comment", t, 4000)?),
        _ => None,
    };
    let s = crate::shop::settings::load(ctx)?;
    let now = ctx.now_text();
    let mut call_back_at = None;
    if input.outcome == Outcome::CallBack {
        let raw = input.call_back_at.as_deref().unwrap_or("");
        if raw.trim().is_empty() {
            return Err(Error::invalid(
                "call_back_at",
                "When should we call back?",
                "请填写回拨时间",
            ));
        }
        let at = parse_time("call_back_at", raw)?;
        if at <= ctx.now {
            return Err(Error::invalid(
                "call_back_at",
                "A time still to come",
                "回拨时间须晚于现在",
            ));
        }
        if time_text(at) > c.expires_at {
            return Err(Error::invalid(
                "call_back_at",
                format!(
                    "After {} this call counts as missed: call back before then",
                    &c.expires_at[..10]
                ),
                format!(
                    "{} 之后此回访将计为未回访，请在此之前回拨",
                    &c.expires_at[..10]
                ),
            ));
        }
        let (from, until) = window_at(&s.care, at, s.utc_offset_minutes)?;
        store::callbacks::set_due(ctx.tx, c.id, &time_text(from), &time_text(until))?;
        call_back_at = Some(time_text(at));
    }
    if input.survey.is_some()
        && (input.outcome != Outcome::Reached || c.purpose != Purpose::FollowUp)
    {
        return Err(Error::invalid(
            "survey",
            "The survey is taken when the follow-up call reaches the customer",
            "满意度调查须在回访接通时进行",
        ));
    }
    store::callbacks::add_attempt(
        ctx.tx,
        c.id,
        &Attempt {
            at: now.clone(),
            staff_id: input.staff_id,
            outcome: input.outcome,
            call_back_at,
            comment: comment.clone(),
        },
    )?;
    let failed = c
        .attempts
        .iter()
        .filter(|a| a.outcome == Outcome::NoAnswer)
        .count() as u32
        + u32::from(input.outcome == Outcome::NoAnswer);
    let mut complaint = None;
    match input.outcome {
        Outcome::Reached => {
            store::callbacks::close(ctx.tx, c.id, CallbackState::Reached, &now)?;
            if let Some(answers) = input.survey {
                let job = crate::job::by_id(ctx, c.job_id)?;
                complaint = crate::care::satisfaction::take(
                    ctx,
                    &job,
                    input.staff_id,
                    SurveyVia::Callback,
                    answers,
                )
                .map_err(|e| e.within("survey"))?
                .1;
            }
            if let Some(id) = c.complaint_id {
                crate::care::complaint_steps::loop_confirmed_by_call(
                    ctx,
                    id,
                    input.staff_id,
                    comment,
                )?;
            }
        }
        Outcome::WrongNumber => {
            store::callbacks::close(ctx.tx, c.id, CallbackState::Unreachable, &now)?
        }
        Outcome::NoAnswer if failed >= s.care.max_attempts => {
            store::callbacks::close(ctx.tx, c.id, CallbackState::Unreachable, &now)?
        }
        _ => {}
    }
    let c =
        store::callbacks::get(ctx.tx, c.id)?.ok_or_else(|| Error::internal("callback vanished"))?;
    Ok(CallRecorded {
        call: call_row(ctx, c)?,
        complaint,
    })
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct JobCalls {
    pub job: String,
}

/// A job's calls, with every attempt.
pub fn for_job(ctx: &Ctx, input: JobCalls) -> Result<Vec<CallRow>> {
    let job = crate::job::by_number(ctx, &input.job)?;
    call_rows(ctx, store::callbacks::for_job(ctx.tx, job.id)?)
}

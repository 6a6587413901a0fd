//! Read models of jobs for the counter: one job with everything that belongs to it,
//! The day's board is in views/board.rs.
//!
//! Tests: tests/core/job/invoice.rs (the job shows its invoice and cards) and every test that reads job.get.

use crate::base::error::{Error, Result};
use crate::base::money::Money;
use crate::base::totals::Totals;
use crate::ctx::Ctx;
use crate::job::{gate, JobRef};
use crate::model::approval::ApprovalRecord;
use crate::model::customer::Customer;
use crate::model::inspection::Inspection;
use crate::model::item::Item;
use crate::model::job::Job;
use crate::model::job_event::JobEvent;
use crate::model::line::{Line, LineStatus};
use crate::store;
use schemars::JsonSchema;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Serialize, JsonSchema, TS)]
pub struct JobTotals {
    /// Every line still on the estimate (proposed and approved).
    pub estimate: Totals,
    /// Approved lines only: what may be billed.
    pub approved: Totals,
    /// Lines awaiting the customer's decision.
    pub proposed: Totals,
    /// The ceiling the customer agreed to (latest approval's revised total).
    pub approved_ceiling: Money,
}

#[derive(Debug, Serialize, JsonSchema, TS)]
pub struct JobDetail {
    pub job: Job,
    pub overdue: bool,
    pub customer: Customer,
    pub item: Item,
    pub inspection: Option<Inspection>,
    pub lines: Vec<Line>,
    pub totals: JobTotals,
    pub approvals: Vec<ApprovalRecord>,
    pub promise_changes: Vec<store::jobs::PromiseChange>,
    pub history: Vec<JobEvent>,
    /// The job's invoice, once issued.
    pub invoice_number: Option<String>,
    /// The guarantee cards issued with it.
    pub card_numbers: Vec<String>,
    /// Job clocks still running, with whose they are and since when.
    pub running_clocks: Vec<RunningClock>,
    /// The booking the job arrived from: its canned jobs wait to go on the estimate.
    pub booking: Option<crate::model::appointment::Appointment>,
}

#[derive(Debug, Serialize, JsonSchema, TS)]
pub struct RunningClock {
    pub line_id: i64,
    pub technician_id: i64,
    pub technician: String,
    pub since: String,
}

/// The job by its number and everything else about it, read together: on
/// the shop's server one round trip (store/driver/read.rs), the reads keyed
/// by the job's number (store/driver/key.rs) rather than waiting for its id.
pub fn get(ctx: &Ctx, input: JobRef) -> Result<JobDetail> {
    let number = input.job.trim();
    let key = || store::jobs::key_of_number(number);
    let (job, settings, mut lines, customer, item, inspection, rest) = ctx.tx.together((
        store::jobs::by_number_read(number),
        store::settings::get_shop_read(),
        store::lines::for_job_read(key()),
        store::customers::get_read(store::jobs::customer_key_of_number(number)),
        store::items::get_read(store::jobs::item_key_of_number(number)),
        store::inspections::for_job_read(key()),
        (
            store::approvals::for_job_unworded_read(key()),
            store::jobs::promise_changes_read(key()),
            store::events::for_job_read(key()),
            store::invoices::number_for_job_read(key()),
            store::cards::numbers_for_job_read(key()),
            store::appointments::for_job_read(key()),
            store::work::running_on_job_read(key()),
        ),
    ))?;
    let job = job.ok_or_else(|| Error::not_found("Job", "工单", &input.job).at("job"))?;
    let (mut approvals, promise_changes, history, invoice_number, card_numbers, booking, clocks) =
        rest;
    ApprovalRecord::word_lines(&mut approvals, &lines);
    let approved_ceiling = gate::approved_total_of(&approvals);
    let settings = settings.unwrap_or_default();
    let customer = customer
        .ok_or_else(|| Error::not_found("Customer", "客户", job.customer_id).at("customer_id"))?;
    let item = item.ok_or_else(|| Error::not_found("Item", "物品", job.item_id).at("item_id"))?;
    for l in &mut lines {
        l.amount = l.quantity.times(l.unit_price);
    }
    let totals = JobTotals {
        estimate: crate::model::line::totals_of(&job, &lines, &settings, |l| {
            matches!(l.status, LineStatus::Proposed | LineStatus::Approved)
        }),
        approved: crate::model::line::totals_of(&job, &lines, &settings, |l| {
            l.status == LineStatus::Approved
        }),
        proposed: crate::model::line::totals_of(&job, &lines, &settings, |l| {
            l.status == LineStatus::Proposed
        }),
        approved_ceiling,
    };
    let now = ctx.now_text();
    Ok(JobDetail {
        overdue: job.state.is_open()
            && job.promised_at.as_deref().is_some_and(|p| p < now.as_str()),
        customer,
        item,
        inspection,
        lines: lines
            .into_iter()
            .filter(|l| l.status != LineStatus::Removed)
            .collect(),
        totals,
        approvals,
        promise_changes,
        history,
        invoice_number,
        card_numbers,
        booking,
        running_clocks: clocks
            .into_iter()
            .map(|c| RunningClock {
                line_id: c.line_id,
                technician_id: c.technician_id,
                technician: c.technician,
                since: c.since,
            })
            .collect(),
        job,
    })
}

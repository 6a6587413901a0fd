//! Before and after the job: appointments and service reminders (the
//! handbooks' first step and proactive contact), follow-up calls, complaints
//! and customer satisfaction (steps 12–14). This floor stands on `job/` (a complaint's redo is a
//! guarantee claim, its refund a credit note) and nothing below imports it;
//! handover with its follow-up call is composed here (handover.rs).
//!
//! - contact.rs: the customer's contact preference (calls yes/no, channel, time)
//! - callbacks.rs: scheduling, the calls list, outcomes and attempts
//! - satisfaction.rs: surveys and the report (per month, advisor, technician, stage)
//! - complaints.rs: the complaint record and its enforced steps
//! - appointments.rs, arrival.rs: the appointment book, its capacity, arrival
//! - reminders.rs: service reminders written at handover, contacts, opt-out
//!
//! Tests: tests/core/care/.

pub mod appointments;
pub mod arrival;
pub mod callbacks;
pub mod complaint_steps;
pub mod complaints;
pub mod complaints_resolution;
pub mod contact;
pub mod handover;
pub mod parts_check;
pub mod reminders;
pub mod satisfaction;
pub mod schedule;

use crate::base::error::Result;
use crate::ctx::Ctx;

/// Today in the shop's own time zone (a promise "by Friday" is the shop's Friday).
pub fn today(ctx: &Ctx) -> Result<chrono::NaiveDate> {
    let s = crate::shop::settings::load(ctx)?;
    Ok((ctx.now + chrono::Duration::minutes(s.utc_offset_minutes.into())).date_naive())
}

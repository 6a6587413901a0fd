//! The booked customer arrives: one call opens the job at reception with
//! the booking's customer, item and requested work, and the promise at the
//! end of the booked time. The booked canned jobs wait on the job's booking
//! (views/job.rs shows it): their lines go on the estimate after the joint
//! inspection, as every line does.
//! Tests: tests/core/care/appointments.rs.

use crate::base::error::{Error, Result};
use crate::ctx::Ctx;
use crate::job::reception::{self, Pick, Receive};
use crate::model::appointment::{Appointment, AppointmentState};
use crate::model::job::Job;
use crate::store;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Arrive {
    pub staff_id: i64,
    pub appointment_id: i64,
    /// Vehicles: the odometer read at arrival (km).
    pub odometer_in: Option<i64>,
    /// Another promise than the end of the booked time.
    pub promised_at: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema, TS)]
pub struct Arrived {
    pub appointment: Appointment,
    pub job: Job,
    /// Work declined on this item before, to offer again.
    pub recommendations: Vec<crate::model::approval::Recommendation>,
}

pub fn arrive(ctx: &Ctx, input: Arrive) -> Result<Arrived> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let a = crate::care::appointments::by_id(ctx, input.appointment_id)?;
    if !a.state.holds_slot() {
        let (en, zh) = crate::care::appointments::words(a.state);
        return Err(Error::state(
            format!("This appointment is already {en}"),
            format!("该预约已{zh}"),
        ));
    }
    let today = crate::care::today(ctx)?.format("%Y-%m-%d").to_string();
    if a.day != today {
        return Err(Error::state(
            format!("This appointment is for {}: move it to today first", a.day),
            format!("该预约在 {}，请先改期到今天", a.day),
        ));
    }
    let promised_at = match input.promised_at {
        Some(p) => Some(p),
        None => (a.ends_at.as_str() > ctx.now_text().as_str()).then(|| a.ends_at.clone()),
    };
    // The booked canned jobs by name, as the requested work (the words are the complaint).
    let booked: Vec<String> =
        crate::job::estimate::canned::list_canned(ctx, crate::ctx::NoInput {})?
            .into_iter()
            .filter(|c| a.canned_job_ids.contains(&c.id))
            .map(|c| c.name)
            .collect();
    let received = reception::receive(
        ctx,
        Receive {
            staff_id: input.staff_id,
            customer: Pick::Existing { id: a.customer_id },
            item: Pick::Existing { id: a.item_id },
            odometer_in: input.odometer_in,
            complaint: a.work.clone(),
            requested_work: (!booked.is_empty()).then(|| booked.join("; ")),
            promised_at,
        },
    )?;
    store::appointments::set_state(
        ctx.tx,
        a.id,
        AppointmentState::Arrived,
        None,
        Some(received.job.id),
        input.staff_id,
        &ctx.now_text(),
    )?;
    Ok(Arrived {
        appointment: crate::care::appointments::by_id(ctx, a.id)?,
        job: crate::job::by_id(ctx, received.job.id)?,
        recommendations: received.recommendations,
    })
}

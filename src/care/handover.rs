//! Handover with its aftercare: the item leaves (job/handover.rs decides
//! whether it may) and, in the same transaction, the follow-up call is
//! scheduled by the shop's rule, and the item's service reminders written
//! (care/reminders.rs). The job floor knows nothing of care; this is
//! where the two meet. Tests: tests/core/care/callbacks.rs.

use crate::base::error::Result;
use crate::ctx::Ctx;
use crate::job::handover::{deliver as hand_over, Deliver};
use crate::model::job::Job;

pub fn deliver(ctx: &Ctx, input: Deliver) -> Result<Job> {
    let job = hand_over(ctx, input)?;
    crate::care::schedule::follow_up(ctx, &job)?;
    crate::care::reminders::on_handover(ctx, &job)?;
    Ok(job)
}

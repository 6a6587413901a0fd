//! A claim under a valid card opens a zero-priced claim job at reception.
//! Tests: tests/core/job/guarantee.rs.

use crate::base::error::{Error, Result};
use crate::ctx::Ctx;
use crate::job::guarantee::cover::{load, status, CardStatus, Validity};
use crate::model::job::Job;
use crate::model::job_event::JobEventKind;
use crate::store;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Claim {
    pub staff_id: i64,
    pub card: String,
    pub complaint: String,
    /// Vehicles: the odometer now.
    pub odometer_in: Option<i64>,
    pub promised_at: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema, TS)]
pub struct Claimed {
    pub job: Job,
    pub card: CardStatus,
}

/// Opens a claim job under a valid card, for the item's current owner.
pub fn claim(ctx: &Ctx, input: Claim) -> Result<Claimed> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let s = crate::shop::settings::load(ctx)?;
    let card = load(ctx, &input.card)?;
    let st = status(ctx, card, input.odometer_in, &s)?;
    match st.cover.validity {
        Validity::Valid => {}
        Validity::NotStarted => {
            return Err(Error::state(
                "This card's cover has not started (the item was not handed over)",
                "该卡尚未生效（物品尚未交付）",
            ))
        }
        Validity::Expired => {
            let by = st.cover.expired_by.clone().unwrap_or_default();
            return Err(Error::state(
                format!(
                    "Card {} has expired ({by}); the work can be quoted as a normal job",
                    st.card.number
                ),
                format!(
                    "质量保证卡 {} 已过期（{}），可按普通工单报价",
                    st.card.number,
                    if by == "distance" { "里程" } else { "天数" }
                ),
            )
            .at("card"));
        }
    }
    let item = crate::records::items::load(ctx, st.card.item_id)?;
    let received = crate::job::reception::receive(
        ctx,
        crate::job::reception::Receive {
            staff_id: input.staff_id,
            customer: crate::job::reception::Pick::Existing { id: item.owner_id },
            item: crate::job::reception::Pick::Existing { id: item.id },
            odometer_in: input.odometer_in,
            complaint: input.complaint,
            requested_work: Some(format!(
                "Guarantee claim under card {} (job {})",
                st.card.number, st.card.document.job_number
            )),
            promised_at: input.promised_at,
        },
    )?;
    store::cards::link_claim(ctx.tx, received.job.id, st.card.id)?;
    crate::job::record(
        ctx,
        received.job.id,
        input.staff_id,
        JobEventKind::Claim {
            card: st.card.number.clone(),
            original_job: st.card.document.job_number.clone(),
        },
    )?;
    Ok(Claimed {
        job: crate::job::by_id(ctx, received.job.id)?,
        card: st,
    })
}

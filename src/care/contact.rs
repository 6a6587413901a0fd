//! A customer's contact preference: calls yes or no, the channel and the time
//! of day. Saying no to calls needs a reason and cancels the calls still open.
//! Tests: tests/core/care/callbacks.rs.

use crate::base::error::{Error, Result};
use crate::ctx::Ctx;
use crate::model::access::Permission;
use crate::model::callback::CallbackState;
use crate::model::care::{Channel, ContactPreference, PreferredTime};
use crate::store;
use schemars::JsonSchema;
use serde::Deserialize;
use ts_rs::TS;

/// The stored preference, or the default (calls yes, phone, any time).
pub fn preference(ctx: &Ctx, customer_id: i64) -> Result<ContactPreference> {
    Ok(store::contacts::get(ctx.tx, customer_id)?
        .unwrap_or_else(|| ContactPreference::default_for(customer_id)))
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct CustomerRef {
    pub customer_id: i64,
}

pub fn get(ctx: &Ctx, input: CustomerRef) -> Result<ContactPreference> {
    store::customers::get(ctx.tx, input.customer_id)?
        .ok_or_else(|| Error::not_found("Customer", "客户", input.customer_id).at("customer_id"))?;
    preference(ctx, input.customer_id)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct SetContact {
    pub staff_id: i64,
    pub customer_id: i64,
    pub calls: bool,
    pub channel: Channel,
    pub preferred_time: PreferredTime,
    /// Required when `calls` is false.
    pub opt_out_reason: Option<String>,
}

pub fn set(ctx: &Ctx, input: SetContact) -> Result<ContactPreference> {
    crate::shop::access::require(ctx, input.staff_id, Permission::Receive)?;
    store::customers::get(ctx.tx, input.customer_id)?
        .ok_or_else(|| Error::not_found("Customer", "客户", input.customer_id).at("customer_id"))?;
    let reason = crate::base::text::optional("opt_out_reason", &input.opt_out_reason, 500)?;
    if !input.calls && reason.is_none() {
        return Err(Error::invalid(
            "opt_out_reason",
            "Why does the customer want no calls? (kept with their record)",
            "请填写客户不接受回访的原因（记入档案）",
        ));
    }
    let p = ContactPreference {
        customer_id: input.customer_id,
        calls: input.calls,
        channel: input.channel,
        preferred_time: input.preferred_time,
        opt_out_reason: if input.calls { None } else { reason },
        updated_at: Some(ctx.now_text()),
        staff_id: Some(input.staff_id),
    };
    store::contacts::put(ctx.tx, &p, input.staff_id, &ctx.now_text())?;
    if !p.calls {
        for id in store::callbacks::open_for_customer(ctx.tx, p.customer_id)? {
            store::callbacks::close(ctx.tx, id, CallbackState::Cancelled, &ctx.now_text())?;
        }
    }
    Ok(p)
}

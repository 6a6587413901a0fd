//! Customers: people and businesses who bring items in, and the persons they
//! designate to approve work on their behalf. Designated persons are never
//! deleted: approval records point at them.
//!
//! Tests: tests/core/job/reception.rs (customers are created at reception) and tests/core/api/bad_input.rs.

use crate::base::error::{Error, Result};
use crate::ctx::Ctx;
use crate::model::customer::{clean_designated, Customer, CustomerInput};
use crate::store;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Creates a customer inside the caller's transaction (also used by reception).
pub fn insert(ctx: &Ctx, staff_id: i64, input: &CustomerInput) -> Result<Customer> {
    let c = input.clean()?;
    let id = store::customers::insert(ctx.tx, &c, staff_id, &ctx.now_text())?;
    for (i, d) in input.designated_persons.iter().enumerate() {
        let (name, ph, rel) = clean_designated(i, d)?;
        store::customers::insert_designated(ctx.tx, id, &name, ph.as_deref(), rel.as_deref())?;
    }
    store::search::index_customer(ctx.tx, id)?;
    load(ctx, id)
}

pub fn load(ctx: &Ctx, id: i64) -> Result<Customer> {
    store::customers::get(ctx.tx, id)?
        .ok_or_else(|| Error::not_found("Customer", "客户", id).at("customer_id"))
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct CreateCustomer {
    pub staff_id: i64,
    pub customer: CustomerInput,
}

pub fn create(ctx: &Ctx, input: CreateCustomer) -> Result<Customer> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    insert(ctx, input.staff_id, &input.customer)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct UpdateCustomer {
    pub staff_id: i64,
    pub id: i64,
    /// The customer's fields; `designated_persons` here are added, never removed.
    pub customer: CustomerInput,
}

pub fn update(ctx: &Ctx, input: UpdateCustomer) -> Result<Customer> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    load(ctx, input.id)?;
    let c = input.customer.clean()?;
    store::customers::update(ctx.tx, input.id, &c)?;
    for (i, d) in input.customer.designated_persons.iter().enumerate() {
        let (name, ph, rel) = clean_designated(i, d)?;
        store::customers::insert_designated(
            ctx.tx,
            input.id,
            &name,
            ph.as_deref(),
            rel.as_deref(),
        )?;
    }
    store::search::index_customer(ctx.tx, input.id)?;
    load(ctx, input.id)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct CustomerId {
    pub id: i64,
}

#[derive(Debug, Serialize, JsonSchema, TS)]
pub struct CustomerDetail {
    pub customer: Customer,
    pub items: Vec<crate::model::item::Item>,
    pub jobs: Vec<crate::model::job::JobSummary>,
}

pub fn get(ctx: &Ctx, input: CustomerId) -> Result<CustomerDetail> {
    let customer = load(ctx, input.id)?;
    Ok(CustomerDetail {
        items: store::items::owned_by(ctx.tx, input.id)?,
        jobs: store::jobs::summaries_for_customer(ctx.tx, input.id, 50)?,
        customer,
    })
}

//! Declined work offered again at a later visit: the recommendation becomes a
//! proposed line on the new job, to be approved like any other.
//!
//! Tests: tests/core/job/approval.rs (declined work returns at the next visit).

use crate::base::error::{Error, Result};
use crate::ctx::Ctx;
use crate::job;
use crate::job::estimate;
use crate::model::line::Line;
use crate::store;
use schemars::JsonSchema;
use serde::Deserialize;
use ts_rs::TS;

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct OfferRecommendation {
    pub staff_id: i64,
    pub job: String,
    pub recommendation_id: i64,
}

/// Offers declined work again on a new job of the same item, as a proposed line.
pub fn offer_recommendation(ctx: &Ctx, input: OfferRecommendation) -> Result<Line> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let job = job::by_number(ctx, &input.job)?;
    let recs = store::approvals::open_recommendations(ctx.tx, job.item_id)?;
    let rec = recs
        .iter()
        .find(|r| r.id == input.recommendation_id)
        .ok_or_else(|| {
            Error::not_found(
                "Open recommendation for this item",
                "该物品的待办建议",
                input.recommendation_id,
            )
            .at("recommendation_id")
        })?;
    let old = crate::job::load_line(ctx, rec.line_id)?;
    let line = estimate::LineInput {
        kind: old.kind,
        description: old.description.clone(),
        quantity: old.quantity,
        unit_price: Some(old.unit_price),
        part_number: old.part_number.clone(),
        brand: old.brand.clone(),
        part_kind: old.part_kind,
        tax_rate_bp: Some(old.tax_rate_bp),
        discount_bp: old.discount_bp,
        discount_amount: old.discount_amount,
        covered_by_card: false,
    };
    let new = estimate::add_line_to(ctx, &job, input.staff_id, &line, None)?;
    store::approvals::take_up_recommendation(ctx.tx, rec.id, job.id)?;
    Ok(new)
}

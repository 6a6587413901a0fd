//! Quality-guarantee cards (质量保证卡): issued with the invoice, covering the
//! job's billed work and parts on the shop's terms for the repair category (per
//! line where a line has its own terms). Cover lasts the days and/or distance,
//! whichever ends first, from completion or from handover (a setting). The day
//! cover starts is day 1: 10 days from 2 November cover up to and including
//! 11 November. The card belongs to the item, so it stays valid for a later owner.
//! A claim opens a new job linked to the card; covered lines are priced at zero.
//!
//! Tests: tests/core/job/guarantee.rs.

pub mod claim;
pub mod cover;

use crate::base::error::{Error, Result};
use crate::ctx::Ctx;
use crate::model::card::{Card, CardDocument, CardLine, LineTerms};
use crate::model::customer::Customer;
use crate::model::guarantee_terms::{check_terms, AppliesTo, GuaranteeTerm};
use crate::model::invoice::InvoiceDocument;
use crate::model::item::{Item, ItemSpec, VehicleClass};
use crate::model::job::Job;
use crate::model::line::{Line, PartKind};
use crate::model::settings::{GuaranteeStart, LocalText, ShopSettings};
use crate::store;
use chrono::{DateTime, FixedOffset, NaiveDate};

/// What a card will cover: the table row and each line's terms.
pub struct Plan {
    row: GuaranteeTerm,
    lines: Vec<(i64, Option<u32>, Option<u32>)>,
}

fn applies_to(item: &Item) -> AppliesTo {
    match &item.spec {
        ItemSpec::Vehicle {
            vehicle_class: VehicleClass::Car,
            ..
        } => AppliesTo::Car,
        ItemSpec::Vehicle {
            vehicle_class: VehicleClass::Motorcycle,
            ..
        } => AppliesTo::Motorcycle,
        ItemSpec::Vehicle { .. } => AppliesTo::OtherVehicle,
        ItemSpec::Device { .. } => AppliesTo::Device,
    }
}

/// Decides what the job's card covers, refusing terms below an enforced minimum.
pub fn plan(
    job: &Job,
    item: &Item,
    billed: &[&Line],
    overrides: &[LineTerms],
    s: &ShopSettings,
) -> Result<Option<Plan>> {
    let category = job.repair_category.ok_or_else(|| {
        Error::state(
            "Set the repair category first: it decides the guarantee",
            "请先设置维修类别：它决定质量保证期",
        )
    })?;
    let kind = applies_to(item);
    let row = s
        .guarantee_table
        .iter()
        .find(|t| t.category == category && t.applies_to == kind)
        .cloned()
        .ok_or_else(|| {
            Error::state(
                format!(
                    "The guarantee table has no terms for {} on this kind of item",
                    category.code()
                ),
                format!("质量保证表中没有“{}”对该类物品的期限", category.labels().1),
            )
        })?;
    let claim = job.claim_card_id.is_some();
    let covered: Vec<&&Line> = billed
        .iter()
        .filter(|l| l.part_kind != Some(PartKind::CustomerSupplied))
        .filter(|l| !l.covered_by_card || (claim && s.guarantee_restarts_on_claim))
        .collect();
    for (i, o) in overrides.iter().enumerate() {
        if !covered.iter().any(|l| l.id == o.line_id) {
            return Err(Error::invalid(
                &format!("line_terms[{i}]"),
                "This line is not covered by the card",
                "该项目不在质量保证范围内",
            ));
        }
        check_terms(&format!("line_terms[{i}]"), &row, o.days, o.km)?;
    }
    if covered.is_empty() {
        return Ok(None);
    }
    let lines = covered
        .iter()
        .map(|l| match overrides.iter().find(|o| o.line_id == l.id) {
            Some(o) => (l.id, o.days, o.km),
            None => (l.id, row.days, row.km),
        })
        .collect();
    Ok(Some(Plan { row, lines }))
}

fn offset(s: &ShopSettings) -> FixedOffset {
    FixedOffset::east_opt(s.utc_offset_minutes * 60)
        .unwrap_or(FixedOffset::east_opt(0).expect("zero offset"))
}

/// The shop's local date of an RFC 3339 time.
pub fn local_date(s: &ShopSettings, at: &str) -> Result<NaiveDate> {
    let t = DateTime::parse_from_rfc3339(at)
        .map_err(|e| Error::internal(format!("stored time {at}: {e}")))?;
    Ok(t.with_timezone(&offset(s)).date_naive())
}

pub fn today(ctx: &Ctx, s: &ShopSettings) -> NaiveDate {
    ctx.now.with_timezone(&offset(s)).date_naive()
}

#[allow(clippy::too_many_arguments)]
pub fn issue(
    ctx: &Ctx,
    job: &Job,
    item: &Item,
    customer: &Customer,
    invoice_id: i64,
    inv: &InvoiceDocument,
    number: &str,
    plan: Plan,
    s: &ShopSettings,
) -> Result<Card> {
    let lines: Vec<CardLine> = plan
        .lines
        .iter()
        .filter_map(|(id, days, km)| {
            inv.lines
                .iter()
                .find(|l| l.line_id == *id)
                .map(|l| CardLine::of(l, *days, *km))
        })
        .collect();
    let (en, zh) = plan.row.category.labels();
    let document = CardDocument {
        shop: inv.shop.clone(),
        customer_name: customer.name.clone(),
        item: inv.item.clone(),
        job_number: job.number.clone(),
        invoice_number: inv.number.clone(),
        category: plan.row.category,
        category_label: LocalText::new(en, zh),
        coverage: s.guarantee_coverage.clone(),
        exclusions: s.guarantee_exclusions.clone(),
        how_to_claim: s.guarantee_how_to_claim.clone(),
        starts_at: s.guarantee_starts_at,
        certificate_number: inv.certificate_number.clone(),
        language: inv.language,
        currency: inv.currency.clone(),
        lines,
    };
    let starts_on = match s.guarantee_starts_at {
        GuaranteeStart::Completion => Some(local_date(s, &inv.supplied_at)?.to_string()),
        GuaranteeStart::Handover => None,
    };
    let days = plan.lines.iter().filter_map(|l| l.1).max();
    let km = plan.lines.iter().filter_map(|l| l.2).max();
    let restarts = job.claim_card_id;
    let id = store::cards::insert(
        ctx.tx,
        &store::cards::NewCard {
            number,
            job_id: job.id,
            invoice_id,
            item_id: item.id,
            category: plan.row.category.code(),
            issued_at: &ctx.now_text(),
            starts_on: starts_on.as_deref(),
            days,
            km,
            odometer_start: inv.item.odometer_out,
            restarts_card_id: restarts.filter(|_| s.guarantee_restarts_on_claim),
            document: &document,
        },
    )?;
    store::cards::get(ctx.tx, id)?.ok_or_else(|| Error::internal("card vanished"))
}

/// When cover runs from handover, it starts today for the job's cards.
pub fn start_at_handover(ctx: &Ctx, job: &Job, s: &ShopSettings) -> Result<()> {
    if s.guarantee_starts_at == GuaranteeStart::Handover {
        store::cards::start_unstarted(ctx.tx, job.id, &today(ctx, s).to_string())?;
    }
    Ok(())
}

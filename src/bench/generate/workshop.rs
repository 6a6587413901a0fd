//! What the workshop records on a generated job beside its lines, as the
//! counter's own commands record it: the inspection made with the customer at
//! reception (the item's checklist, acknowledged), the parts consumed on the
//! approved part lines, and the guarantee card issued with the invoice. A ten
//! year shop's old job carries all three, so opening one reads their tables
//! as it would in the shop (docs/benchmarks.md).
//! Tests: tests/core/faces/cli.rs runs the benchmark at small scale.

use crate::base::error::Result;
use crate::base::money::Qty;
use crate::base::totals::LineKind;
use crate::bench::names::Seeded;
use crate::model::card::{CardDocument, CardLine};
use crate::model::guarantee_terms::RepairCategory;
use crate::model::inspection::{Condition, DEVICE_CHECKLIST, VEHICLE_CHECKLIST};
use crate::model::invoice::InvoiceDocument;
use crate::model::line::Line;
use crate::model::part::Movement;
use crate::model::settings::{GuaranteeStart, LocalText, ShopSettings};
use crate::store::{self, Tx};

/// The inspection at reception: the item's checklist, one area in eight with
/// damage the customer was shown, acknowledged by the customer by word.
pub(super) fn inspect(
    tx: &Tx,
    r: &mut Seeded,
    job_id: i64,
    vehicle: bool,
    customer: &str,
    staff_id: i64,
    at: &str,
) -> Result<()> {
    let id = store::inspections::insert(tx, job_id, staff_id, at)?;
    let list = if vehicle {
        VEHICLE_CHECKLIST
    } else {
        DEVICE_CHECKLIST
    };
    for (code, _, _) in list {
        let (condition, note) = if r.chance(12) {
            (
                Condition::PreExistingDamage,
                Some("Scratch, shown to the customer"),
            )
        } else {
            (Condition::Ok, None)
        };
        store::inspections::insert_finding(tx, id, code, true, condition, note)?;
    }
    store::inspections::acknowledge(tx, job_id, customer, at, "verbal", None)
}

/// The parts fitted: each billed part line consumed whole, bought from a
/// supplier for the job.
pub(super) fn consume(
    tx: &Tx,
    job_id: i64,
    billed: &[&Line],
    staff_id: i64,
    at: &str,
) -> Result<()> {
    for l in billed.iter().filter(|l| l.kind == LineKind::Part) {
        let mut m = Movement::new(
            at.to_string(),
            staff_id,
            "consumption",
            "supplier",
            Qty(-l.quantity.milli()),
        );
        m.job_id = Some(job_id);
        m.line_id = Some(l.id);
        m.unit_cost = Some(l.unit_price * 6 / 10);
        m.supplier = Some("Parts wholesaler".into());
        m.supplier_invoice = Some(format!("W{job_id}"));
        store::parts::record(tx, &m, false)?;
    }
    Ok(())
}

/// The repair category of a generated job: minor repair for a vehicle, the
/// electronics category for a device.
pub(super) fn category(vehicle: bool) -> RepairCategory {
    if vehicle {
        RepairCategory::VehicleMinor
    } else {
        RepairCategory::Electronics
    }
}

/// What the card needs of its job that the invoice does not say.
pub(super) struct CardOf<'a> {
    pub job_id: i64,
    pub item_id: i64,
    pub invoice_id: i64,
    pub number: &'a str,
    pub customer: &'a str,
    pub vehicle: bool,
}

/// The guarantee card issued with the invoice, its number already printed on
/// it: every billed line covered for the category's days (and distance, for
/// a vehicle), from completion.
pub(super) fn card(tx: &Tx, s: &ShopSettings, c: &CardOf, inv: &InvoiceDocument) -> Result<()> {
    let category = category(c.vehicle);
    let (days, km) = if c.vehicle {
        (30, Some(5_000))
    } else {
        (90, None)
    };
    let (en, zh) = category.labels();
    let starts_on = crate::job::guarantee::local_date(s, &inv.supplied_at)?.to_string();
    let document = CardDocument {
        shop: inv.shop.clone(),
        customer_name: c.customer.to_string(),
        item: inv.item.clone(),
        job_number: inv.job_number.clone(),
        invoice_number: inv.number.clone(),
        category,
        category_label: LocalText::new(en, zh),
        lines: inv
            .lines
            .iter()
            .map(|l| CardLine::of(l, Some(days), km))
            .collect(),
        coverage: s.guarantee_coverage.clone(),
        exclusions: s.guarantee_exclusions.clone(),
        how_to_claim: s.guarantee_how_to_claim.clone(),
        starts_at: GuaranteeStart::Completion,
        certificate_number: None,
        language: inv.language,
        currency: inv.currency.clone(),
    };
    store::cards::insert(
        tx,
        &store::cards::NewCard {
            number: c.number,
            job_id: c.job_id,
            invoice_id: c.invoice_id,
            item_id: c.item_id,
            category: category.code(),
            issued_at: &inv.issued_at,
            starts_on: Some(&starts_on),
            days: Some(days),
            km,
            odometer_start: None,
            restarts_card_id: None,
            document: &document,
        },
    )?;
    Ok(())
}

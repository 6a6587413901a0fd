//! A finished generated job billed as `invoice.issue` bills it: its lines
//! done, the parts consumed, the invoice frozen and numbered with its
//! guarantee card's number, the card issued, and for a delivered job the
//! payment and the handover.
//! Tests: tests/core/faces/cli.rs runs the benchmark at small scale.

use super::workshop::{self, CardOf};
use super::ItemInfo;
use crate::base::error::Result;
use crate::base::money::Money;
use crate::base::totals::{self, JobDiscount, Totals};
use crate::model::invoice::{InvoiceDocument, ItemOnDocument, Party, Payment, PaymentMethod};
use crate::model::job::JobState;
use crate::model::line::{Line, WorkState};
use crate::model::settings::ShopSettings;
use crate::store::{self, Tx};
use chrono::{DateTime, Utc};

/// A job as written so far: what its invoice refers to.
pub(super) struct Written<'a> {
    pub id: i64,
    pub item_id: i64,
    pub number: &'a str,
    pub at: &'a str,
    pub at_time: DateTime<Utc>,
    pub counter: i64,
}

/// Bills a finished job: its lines done and parts consumed, the invoice frozen
/// and numbered, its guarantee card, and for a delivered job the payment and
/// the handover.
#[allow(clippy::too_many_arguments)]
pub(super) fn bill(
    tx: &Tx,
    job: &Written,
    billed: &[&Line],
    state: JobState,
    settings: &ShopSettings,
    shop_party: &Party,
    customer: &(String, Option<String>),
    info: &ItemInfo,
) -> Result<()> {
    for l in billed {
        store::lines::set_work_state(tx, l.id, WorkState::Done)?;
    }
    workshop::consume(tx, job.id, billed, job.counter, job.at)?;
    let vehicle = info.serial.is_none();
    store::work::set_category(tx, job.id, workshop::category(vehicle).code())?;
    store::work::set_completed(tx, job.id, job.at, None)?;
    let priced: Vec<_> = billed.iter().map(|l| l.priced()).collect();
    let (nets, _) = totals::line_nets(&priced, JobDiscount::default());
    let t = totals::compute(&priced, JobDiscount::default(), settings.prices_include_tax);
    let sequence = store::numbers::next(tx, "invoice")?;
    let inv_number =
        crate::model::numbering::format(&settings.invoice_number_format, job.at_time, sequence);
    let card_sequence = store::numbers::next(tx, "card")?;
    let card_number =
        crate::model::numbering::format(&settings.card_number_format, job.at_time, card_sequence);
    let mut doc = invoice_document(
        settings,
        shop_party,
        customer,
        job.number,
        info,
        billed,
        &nets,
        t.clone(),
        inv_number.clone(),
        job.at,
    );
    doc.guarantee_card = Some(card_number.clone());
    let numbered = store::invoices::Numbered {
        number: &inv_number,
        series: "invoice",
        sequence,
    };
    let inv_id =
        store::invoices::insert_invoice(tx, &numbered, job.id, job.at, job.at, job.counter, &doc)?;
    store::figures::record_invoice(tx, job.id)?;
    let card = CardOf {
        job_id: job.id,
        item_id: job.item_id,
        invoice_id: inv_id,
        number: &card_number,
        customer: &customer.0,
        vehicle,
    };
    workshop::card(tx, settings, &card, &doc)?;
    if state == JobState::Delivered {
        store::invoices::insert_payment(
            tx,
            inv_id,
            &Payment {
                id: 0,
                method: PaymentMethod::WechatPay,
                amount: t.total,
                tendered: None,
                change: 0,
                reference: None,
                staff_id: job.counter,
                at: job.at.to_string(),
            },
        )?;
        store::work::set_delivered(tx, job.id, job.at)?;
    }
    Ok(())
}

/// The frozen invoice of a generated job, as `invoice.issue` would freeze it.
#[allow(clippy::too_many_arguments)]
fn invoice_document(
    settings: &ShopSettings,
    shop: &Party,
    customer: &(String, Option<String>),
    job_number: &str,
    info: &ItemInfo,
    billed: &[&Line],
    nets: &[Money],
    totals: Totals,
    inv_number: String,
    at: &str,
) -> InvoiceDocument {
    InvoiceDocument {
        number: inv_number,
        series: "invoice".into(),
        issued_at: at.to_string(),
        supplied_at: at.to_string(),
        language: settings.document_language,
        currency: settings.currency.clone(),
        shop: shop.clone(),
        customer: Party {
            name: customer.0.clone(),
            address: None,
            phone: None,
            tax_id: customer.1.clone(),
            registration_number: None,
        },
        job_number: job_number.to_string(),
        item: ItemOnDocument {
            label: info.label.clone(),
            plate: info.plate.clone(),
            vin: info.vin.clone(),
            serial: info.serial.clone(),
            odometer_in: None,
            odometer_out: None,
            vehicle: Some(info.serial.is_none()),
        },
        complaint: "Noise from the front when braking".into(),
        lines: crate::job::invoice::issue::invoice_lines(billed, nets),
        totals,
        approvals: vec![],
        recommendations: vec![],
        claim_card: None,
        guarantee_card: None,
        certificate_number: None,
        kind: Some(settings.document_kind()),
    }
}

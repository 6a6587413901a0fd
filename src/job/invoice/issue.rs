//! Issuing the invoice: load the job, its billable lines and the shop → decide
//! the frozen document (lines, taxes, approvals, guarantee terms) → write it with
//! the next gapless number. Tests: tests/core/job/invoice.rs.

use crate::base::error::{Error, Result};
use crate::base::money::Money;
use crate::base::totals::{self};
use crate::ctx::Ctx;
use crate::job;
use crate::job::gate;
use crate::job::gate::refuse_if_invoiced;
use crate::job::invoice::{view, InvoiceView};
use crate::model::approval::{ApprovalRecord, Decision};
use crate::model::card::LineTerms;
use crate::model::invoice::{
    ApprovalNote, InvoiceDocument, InvoiceLine, ItemOnDocument, NotBilled, Party,
};
use crate::model::item::{Item, ItemSpec};
use crate::model::job::JobState;
use crate::model::job_event::StateChange;
use crate::model::line::{Line, LineStatus, WorkState};
use crate::store;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

fn party_of_shop(s: &crate::model::settings::ShopSettings) -> Party {
    let opt = |v: &str| (!v.is_empty()).then(|| v.to_string());
    Party {
        name: s.legal_name.clone(),
        address: opt(&s.address),
        phone: opt(&s.phone),
        tax_id: opt(&s.tax_id),
        registration_number: opt(&s.registration_number),
    }
}

fn party_of_customer(c: &crate::model::customer::Customer) -> Party {
    Party {
        name: c.name.clone(),
        address: c.address.clone(),
        phone: c.phones.first().cloned(),
        tax_id: c.tax_id.clone(),
        registration_number: None,
    }
}

/// The lines an invoice bills: approved and done.
fn billable(lines: &[Line]) -> Vec<&Line> {
    lines
        .iter()
        .filter(|l| l.status == LineStatus::Approved && l.work_state == WorkState::Done)
        .collect()
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Issue {
    pub staff_id: i64,
    pub job: String,
    /// Per-line guarantee terms that differ from the shop's table.
    #[serde(default)]
    pub line_terms: Vec<LineTerms>,
}

#[derive(Debug, Serialize, JsonSchema, TS)]
pub struct Issued {
    pub invoice: InvoiceView,
    pub guarantee_card: Option<crate::model::card::Card>,
}

/// What an issue would write, checked as issue checks it: the job, its lines,
/// the billed ones and the document with `number` (empty for a preview).
struct Composed {
    job: crate::model::job::Job,
    all: Vec<Line>,
    settings: crate::model::settings::ShopSettings,
    customer: crate::model::customer::Customer,
    item: crate::model::item::Item,
    doc: InvoiceDocument,
}

fn compose(
    ctx: &Ctx,
    job_number: &str,
    number: impl FnOnce(&Ctx, &crate::model::settings::ShopSettings) -> Result<String>,
) -> Result<Composed> {
    let job = job::by_number(ctx, job_number)?;
    refuse_if_invoiced(ctx, &job)?;
    let check = crate::job::quality::require_passed(ctx, &job, "issue the invoice", "开票")?;
    job::require_state(&job, &[JobState::Ready], "issue the invoice", "开票")?;
    let settings = crate::shop::settings::load(ctx)?;
    gate::gate(ctx, &job, &settings)?;
    // What the document shows, in one wait.
    let (all, customer, item, approval_records) = ctx.tx.together((
        store::lines::for_job_read(job.id),
        store::customers::get_read(job.customer_id),
        store::items::get_read(job.item_id),
        store::approvals::for_job_read(job.id),
    ))?;
    let billed = billable(&all);
    if billed.is_empty() {
        return Err(Error::state(
            "There is nothing approved and done to bill",
            "没有已确认并完工的项目可开票",
        ));
    }
    let priced: Vec<_> = billed.iter().map(|l| l.priced()).collect();
    let (nets, _) = totals::line_nets(&priced, crate::model::line::job_discount(&job));
    let totals = totals::compute(
        &priced,
        crate::model::line::job_discount(&job),
        settings.prices_include_tax,
    );
    let lines = invoice_lines(&billed, &nets);
    let customer = customer
        .ok_or_else(|| Error::not_found("Customer", "客户", job.customer_id).at("customer_id"))?;
    let item = item.ok_or_else(|| Error::not_found("Item", "物品", job.item_id).at("item_id"))?;
    let approvals = approval_notes(approval_records);
    let recommendations = not_billed(&all);
    let now = ctx.now_text();
    let supplied_at = job.completed_at.clone().unwrap_or_else(|| now.clone());
    let claim_card = job
        .claim_card_id
        .map(|id| store::cards::number(ctx.tx, id))
        .transpose()?;
    let doc = InvoiceDocument {
        number: number(ctx, &settings)?,
        series: "invoice".into(),
        issued_at: now,
        supplied_at,
        language: settings.document_language,
        currency: settings.currency.clone(),
        shop: party_of_shop(&settings),
        customer: party_of_customer(&customer),
        job_number: job.number.clone(),
        item: item_on_document(&item, job.odometer_in, job.odometer_out),
        complaint: job.complaint.clone(),
        lines,
        totals,
        approvals,
        recommendations,
        claim_card,
        guarantee_card: None,
        certificate_number: check.certificate_number.clone(),
        kind: Some(settings.document_kind()),
    };
    Ok(Composed {
        job,
        all,
        settings,
        customer,
        item,
        doc,
    })
}

/// The invoice the job would get if it were issued now, unnumbered and stored
/// nowhere: the counter shows it to the customer before issuing.
pub fn preview(ctx: &Ctx, job_number: &str) -> Result<InvoiceView> {
    let c = compose(ctx, job_number, |_, _| Ok(String::new()))?;
    Ok(InvoiceView {
        kind: c.doc.kind(),
        paid: 0,
        credited: 0,
        balance_due: c.doc.totals.total,
        status: crate::model::invoice::PaymentStatus::Unpaid,
        payments: Vec::new(),
        credit_notes: Vec::new(),
        fapiao: Vec::new(),
        invoice: c.doc,
    })
}

pub fn issue(ctx: &Ctx, input: Issue) -> Result<Issued> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let mut sequence = 0;
    let Composed {
        mut job,
        all,
        settings,
        customer,
        item,
        mut doc,
    } = compose(ctx, &input.job, |ctx, settings| {
        sequence = store::numbers::next(ctx.tx, "invoice")?;
        Ok(crate::model::numbering::format(
            &settings.invoice_number_format,
            ctx.now,
            sequence,
        ))
    })?;
    let series = "invoice";
    let number = doc.number.clone();
    let now = doc.issued_at.clone();
    let supplied_at = doc.supplied_at.clone();
    let billed = billable(&all);
    // The card's number is taken first so the invoice can print it.
    let card_plan =
        crate::job::guarantee::plan(&job, &item, &billed, &input.line_terms, &settings)?;
    if card_plan.is_some() {
        doc.guarantee_card = Some(crate::shop::numbering::take(
            ctx,
            "card",
            &settings.card_number_format,
        )?);
    }
    let numbered = store::invoices::Numbered {
        number: &number,
        series,
        sequence,
    };
    let invoice_id = store::invoices::insert_invoice(
        ctx.tx,
        &numbered,
        job.id,
        &now,
        &supplied_at,
        input.staff_id,
        &doc,
    )?;
    // What the owner's figures read, written with the invoice (which never changes).
    store::figures::record_invoice(ctx.tx, job.id)?;
    let card = match (card_plan, &doc.guarantee_card) {
        (Some(plan), Some(card_number)) => Some(crate::job::guarantee::issue(
            ctx,
            &job,
            &item,
            &customer,
            invoice_id,
            &doc,
            card_number,
            plan,
            &settings,
        )?),
        _ => None,
    };
    job::transition(
        ctx,
        &mut job,
        JobState::Invoiced,
        input.staff_id,
        StateChange {
            invoice: Some(number),
            guarantee_card: doc.guarantee_card.clone(),
            ..StateChange::default()
        },
    )?;
    Ok(Issued {
        invoice: view(ctx, invoice_id)?,
        guarantee_card: card,
    })
}

/// The billed lines as the invoice freezes them, with each line's share of the
/// job discount (also the benchmark's generated invoices, bench/generate/bill.rs).
pub fn invoice_lines(billed: &[&Line], nets: &[Money]) -> Vec<InvoiceLine> {
    billed
        .iter()
        .zip(nets)
        .map(|(l, net)| InvoiceLine {
            line_id: l.id,
            kind: l.kind,
            description: l.description.clone(),
            part_number: l.part_number.clone(),
            brand: l.brand.clone(),
            part_kind: l.part_kind,
            quantity: l.quantity,
            unit_price: l.unit_price,
            amount: l.quantity.times(l.unit_price),
            discount: l.quantity.times(l.unit_price) - net,
            net: *net,
            tax_rate_bp: l.tax_rate_bp,
            covered_by_card: l.covered_by_card,
            sublet_vendor: l.sublet.as_ref().map(|s| s.vendor.clone()),
            old_part_fate: l.old_part_fate,
        })
        .collect()
}

/// The item as the invoice names it.
fn item_on_document(
    item: &Item,
    odometer_in: Option<i64>,
    odometer_out: Option<i64>,
) -> ItemOnDocument {
    let (plate, vin, serial) = match &item.spec {
        ItemSpec::Vehicle { plate, vin, .. } => (plate.clone(), vin.clone(), None),
        ItemSpec::Device { serial, .. } => (None, None, serial.clone()),
    };
    ItemOnDocument {
        label: item.label.clone(),
        plate,
        vin,
        serial,
        odometer_in,
        odometer_out,
        vehicle: Some(matches!(item.spec, ItemSpec::Vehicle { .. })),
    }
}

/// The approvals that approved something, as the invoice prints them.
fn approval_notes(records: Vec<ApprovalRecord>) -> Vec<ApprovalNote> {
    records
        .into_iter()
        .filter(|a| {
            a.amount_approved != 0 || a.lines.iter().any(|l| l.decision == Decision::Approved)
        })
        .map(|a| ApprovalNote {
            method: a.method,
            approver_name: a.approver_name,
            contact: a.contact,
            at: a.at,
            staff_name: a.staff_name,
            supplement: a.supplement,
            amount_approved: a.amount_approved,
            revised_total: a.revised_total,
            old_parts: a.old_parts,
            conditions: a.conditions,
        })
        .collect()
}

/// Declined work, listed on the invoice but not billed.
fn not_billed(all: &[Line]) -> Vec<NotBilled> {
    all.iter()
        .filter(|l| l.status == LineStatus::Declined)
        .map(|l| NotBilled {
            description: l.description.clone(),
            reason: l.decline_reason.clone(),
            consequence: l.decline_consequence.clone(),
            amount: l.quantity.times(l.unit_price),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    //! The invoice's pure decisions, without a database; issuing end to end is
    //! tested in tests/core/job/invoice.rs.
    use super::*;
    use crate::base::money::Qty;
    use crate::base::totals::LineKind;
    use crate::model::line::{LineStatus, WorkState};

    fn line(id: i64, status: LineStatus, work: WorkState) -> Line {
        let mut l = Line::draft(
            1,
            id,
            0,
            LineKind::Part,
            format!("L{id}"),
            Qty::from_units(2),
            1_000,
            1_300,
        );
        l.id = id;
        l.status = status;
        l.work_state = work;
        l
    }

    #[test]
    fn only_approved_done_lines_are_billed_and_declined_ones_are_listed() {
        let all = [
            line(1, LineStatus::Approved, WorkState::Done),
            line(2, LineStatus::Approved, WorkState::NotStarted),
            line(3, LineStatus::Declined, WorkState::NotStarted),
            line(4, LineStatus::Proposed, WorkState::NotStarted),
        ];
        let billed: Vec<i64> = billable(&all).iter().map(|l| l.id).collect();
        assert_eq!(billed, [1]);
        let listed = not_billed(&all);
        assert_eq!(listed.len(), 1);
        assert_eq!(
            (listed[0].description.as_str(), listed[0].amount),
            ("L3", 2_000)
        );
    }

    #[test]
    fn each_invoice_line_carries_its_share_of_the_discount() {
        let a = line(1, LineStatus::Approved, WorkState::Done);
        let b = line(2, LineStatus::Approved, WorkState::Done);
        let lines = invoice_lines(&[&a, &b], &[1_800, 2_000]);
        assert_eq!(
            lines
                .iter()
                .map(|l| (l.amount, l.discount, l.net))
                .collect::<Vec<_>>(),
            [(2_000, 200, 1_800), (2_000, 0, 2_000)]
        );
    }
}

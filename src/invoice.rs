//! Invoices, credit notes and payments.
//!
//! An invoice is issued only from a job whose quality check passed. It bills the
//! approved, completed lines and nothing else (declined lines appear as
//! recommendations, never billed), never above the approved total plus tolerance.
//! Its number is taken inside the issuing transaction, so numbers have no gaps.
//! Once issued it never changes: its printed content is frozen as a document and
//! the store refuses updates; a correction is a credit note with its own series.

use crate::api::Ctx;
use crate::approval::{self, Method, OldParts};
use crate::error::{Error, ErrorCode, Result};
use crate::estimate::{Line, LineStatus, OldPartFate, PartKind, WorkState};
use crate::job::{self, Job, JobState};
use crate::money::{percent_of, tax_included, BasisPoints, Money, Qty, MAX_MONEY};
use crate::settings::{Currency, Lang};
use crate::store;
use crate::text::{optional, required};
use crate::totals::{self, LineKind, TaxRow, Totals};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Party {
    pub name: String,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub tax_id: Option<String>,
    pub registration_number: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct InvoiceLine {
    pub line_id: i64,
    pub kind: LineKind,
    pub description: String,
    pub part_number: Option<String>,
    pub brand: Option<String>,
    pub part_kind: Option<PartKind>,
    pub quantity: Qty,
    pub unit_price: Money,
    /// quantity × unit price.
    pub amount: Money,
    /// Line and job discounts on this line.
    pub discount: Money,
    /// What is billed for the line, in the entry basis (with or without tax).
    pub net: Money,
    pub tax_rate_bp: BasisPoints,
    pub covered_by_card: bool,
    pub sublet_vendor: Option<String>,
    pub old_part_fate: Option<OldPartFate>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct ApprovalNote {
    pub method: Method,
    pub approver_name: String,
    pub contact: Option<String>,
    pub at: String,
    pub staff_name: String,
    pub supplement: i64,
    pub amount_approved: Money,
    pub revised_total: Money,
    pub old_parts: Option<OldParts>,
    pub conditions: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct NotBilled {
    pub description: String,
    pub reason: Option<String>,
    pub consequence: Option<String>,
    pub amount: Money,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct ItemOnDocument {
    pub label: String,
    pub plate: Option<String>,
    pub vin: Option<String>,
    pub serial: Option<String>,
    pub odometer_in: Option<i64>,
    pub odometer_out: Option<i64>,
}

/// Everything an invoice prints, frozen at issue.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct InvoiceDocument {
    pub number: String,
    pub series: String,
    pub issued_at: String,
    /// Date of supply: when the work was completed (quality check passed).
    pub supplied_at: String,
    pub language: Lang,
    pub currency: Currency,
    pub shop: Party,
    pub customer: Party,
    pub job_number: String,
    pub item: ItemOnDocument,
    pub complaint: String,
    pub lines: Vec<InvoiceLine>,
    pub totals: Totals,
    pub approvals: Vec<ApprovalNote>,
    /// Declined work: listed as recommendations, never billed.
    pub recommendations: Vec<NotBilled>,
    /// The claim's guarantee card, when this job is a claim.
    pub claim_card: Option<String>,
    pub guarantee_card: Option<String>,
    pub certificate_number: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    Cash,
    Card,
    BankTransfer,
    WechatPay,
    Alipay,
    Other,
}

impl PaymentMethod {
    pub fn code(self) -> &'static str {
        match self {
            PaymentMethod::Cash => "cash",
            PaymentMethod::Card => "card",
            PaymentMethod::BankTransfer => "bank_transfer",
            PaymentMethod::WechatPay => "wechat_pay",
            PaymentMethod::Alipay => "alipay",
            PaymentMethod::Other => "other",
        }
    }
    pub fn parse(s: &str) -> PaymentMethod {
        [
            Self::Cash,
            Self::Card,
            Self::BankTransfer,
            Self::WechatPay,
            Self::Alipay,
        ]
        .into_iter()
        .find(|m| m.code() == s)
        .unwrap_or(PaymentMethod::Other)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Payment {
    pub id: i64,
    pub method: PaymentMethod,
    /// Negative for a refund.
    pub amount: Money,
    /// Cash handed over.
    pub tendered: Option<Money>,
    pub change: Money,
    pub reference: Option<String>,
    pub staff_id: i64,
    pub at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct CreditedLine {
    pub line_id: i64,
    pub description: String,
    pub quantity: Qty,
    pub net: Money,
    pub tax_rate_bp: BasisPoints,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct CreditNoteDocument {
    pub number: String,
    pub invoice_number: String,
    pub job_number: String,
    pub issued_at: String,
    pub reason: String,
    pub language: Lang,
    pub currency: Currency,
    pub shop: Party,
    pub customer: Party,
    pub lines: Vec<CreditedLine>,
    pub taxes: Vec<TaxRow>,
    /// The amount credited (positive).
    pub total: Money,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    Unpaid,
    PartPaid,
    Paid,
    /// More was paid than is now owed (after a credit note): a refund is due.
    RefundDue,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct InvoiceView {
    pub invoice: InvoiceDocument,
    pub payments: Vec<Payment>,
    pub credit_notes: Vec<CreditNoteDocument>,
    pub paid: Money,
    pub credited: Money,
    /// total − credited − paid; negative when a refund is due.
    pub balance_due: Money,
    pub status: PaymentStatus,
}

/// Refuses any change to a job once its invoice is issued.
pub fn refuse_if_invoiced(ctx: &Ctx, job: &Job) -> Result<()> {
    if let Some((_, doc)) = store::invoices::by_job(ctx.tx, job.id)? {
        return Err(Error::new(
            ErrorCode::Immutable,
            format!("Job {} is invoiced ({}); an issued invoice never changes. Issue a credit note to correct it", job.number, doc.number),
            format!("工单 {} 已开票（{}），已开发票不可修改，请开具红字冲销单更正", job.number, doc.number),
        ));
    }
    Ok(())
}

fn party_of_shop(s: &crate::settings::ShopSettings) -> Party {
    let opt = |v: &str| (!v.is_empty()).then(|| v.to_string());
    Party {
        name: s.legal_name.clone(),
        address: opt(&s.address),
        phone: opt(&s.phone),
        tax_id: opt(&s.tax_id),
        registration_number: opt(&s.registration_number),
    }
}

fn party_of_customer(c: &crate::customers::Customer) -> Party {
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
pub struct LineTerms {
    pub line_id: i64,
    pub days: Option<u32>,
    pub km: Option<u32>,
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
    pub guarantee_card: Option<crate::guarantee::Card>,
}

pub fn issue(ctx: &Ctx, input: Issue) -> Result<Issued> {
    crate::staff::actor(ctx, input.staff_id)?;
    let mut job = job::by_number(ctx, &input.job)?;
    refuse_if_invoiced(ctx, &job)?;
    let check = crate::quality::require_passed(ctx, &job, "issue the invoice", "开票")?;
    job::require_state(&job, &[JobState::Ready], "issue the invoice", "开票")?;
    let settings = crate::settings::load(ctx)?;
    approval::gate(ctx, &job, &settings)?;
    let all = store::lines::for_job(ctx.tx, job.id)?;
    let billed = billable(&all);
    if billed.is_empty() {
        return Err(Error::state(
            "There is nothing approved and done to bill",
            "没有已确认并完工的项目可开票",
        ));
    }
    let priced: Vec<_> = billed.iter().map(|l| l.priced()).collect();
    let (nets, _) = totals::line_nets(&priced, crate::estimate::job_discount(&job));
    let totals = totals::compute(
        &priced,
        crate::estimate::job_discount(&job),
        settings.prices_include_tax,
    );
    let lines: Vec<InvoiceLine> = billed
        .iter()
        .zip(&nets)
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
        .collect();
    let customer = crate::customers::load(ctx, job.customer_id)?;
    let item = crate::items::load(ctx, job.item_id)?;
    let (completed_at, odometer_out, claim_card_id) = (
        job.completed_at.clone(),
        job.odometer_out,
        job.claim_card_id,
    );
    let (plate, vin, serial) = match &item.spec {
        crate::items::ItemSpec::Vehicle { plate, vin, .. } => (plate.clone(), vin.clone(), None),
        crate::items::ItemSpec::Device { serial, .. } => (None, None, serial.clone()),
    };
    let approvals = store::approvals::for_job(ctx.tx, job.id)?
        .into_iter()
        .filter(|a| {
            a.amount_approved != 0
                || a.lines
                    .iter()
                    .any(|l| l.decision == approval::Decision::Approved)
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
        .collect();
    let recommendations = all
        .iter()
        .filter(|l| l.status == LineStatus::Declined)
        .map(|l| NotBilled {
            description: l.description.clone(),
            reason: l.decline_reason.clone(),
            consequence: l.decline_consequence.clone(),
            amount: l.quantity.times(l.unit_price),
        })
        .collect();
    let series = "invoice";
    let sequence = store::numbers::next(ctx.tx, series)?;
    let number = crate::numbering::format(&settings.invoice_number_format, ctx.now, sequence);
    let now = ctx.now_text();
    let supplied_at = completed_at.unwrap_or_else(|| now.clone());
    let claim_card = claim_card_id
        .map(|id| store::cards::number(ctx.tx, id))
        .transpose()?;
    let mut doc = InvoiceDocument {
        number: number.clone(),
        series: series.into(),
        issued_at: now.clone(),
        supplied_at: supplied_at.clone(),
        language: settings.document_language,
        currency: settings.currency.clone(),
        shop: party_of_shop(&settings),
        customer: party_of_customer(&customer),
        job_number: job.number.clone(),
        item: ItemOnDocument {
            label: item.label.clone(),
            plate,
            vin,
            serial,
            odometer_in: job.odometer_in,
            odometer_out,
        },
        complaint: job.complaint.clone(),
        lines,
        totals,
        approvals,
        recommendations,
        claim_card,
        guarantee_card: None,
        certificate_number: check.certificate_number.clone(),
    };
    // The card's number is taken first so the invoice can print it.
    let card_plan = crate::guarantee::plan(&job, &item, &billed, &input.line_terms, &settings)?;
    if card_plan.is_some() {
        doc.guarantee_card = Some(crate::numbering::take(
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
    let card = match (card_plan, &doc.guarantee_card) {
        (Some(plan), Some(card_number)) => Some(crate::guarantee::issue(
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
        json!({ "invoice": number, "guarantee_card": doc.guarantee_card }),
    )?;
    Ok(Issued {
        invoice: view(ctx, invoice_id)?,
        guarantee_card: card,
    })
}

/// An invoice with its payments, credit notes and balance.
pub fn view(ctx: &Ctx, invoice_id: i64) -> Result<InvoiceView> {
    let invoice = store::invoices::by_id(ctx.tx, invoice_id)?
        .ok_or_else(|| Error::internal("invoice vanished"))?;
    let payments = store::invoices::payments(ctx.tx, invoice_id)?;
    let credit_notes = store::invoices::credit_notes(ctx.tx, invoice_id)?;
    let paid: Money = payments.iter().map(|p| p.amount).sum();
    let credited: Money = credit_notes.iter().map(|c| c.total).sum();
    let balance_due = invoice.totals.total - credited - paid;
    let status = if balance_due < 0 {
        PaymentStatus::RefundDue
    } else if balance_due == 0 {
        PaymentStatus::Paid
    } else if paid > 0 {
        PaymentStatus::PartPaid
    } else {
        PaymentStatus::Unpaid
    };
    Ok(InvoiceView {
        invoice,
        payments,
        credit_notes,
        paid,
        credited,
        balance_due,
        status,
    })
}

fn load(ctx: &Ctx, number: &str) -> Result<(i64, InvoiceDocument)> {
    store::invoices::by_number(ctx.tx, number.trim())?
        .ok_or_else(|| Error::not_found("Invoice", "发票", number).at("invoice"))
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct InvoiceRef {
    pub invoice: String,
}

pub fn get(ctx: &Ctx, input: InvoiceRef) -> Result<InvoiceView> {
    let (id, _) = load(ctx, &input.invoice)?;
    view(ctx, id)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Pay {
    pub staff_id: i64,
    pub invoice: String,
    pub method: PaymentMethod,
    pub amount: Money,
    /// Cash handed over; the change is worked out.
    pub tendered: Option<Money>,
    /// Card slip, transfer or wallet reference.
    pub reference: Option<String>,
}

pub fn pay(ctx: &Ctx, input: Pay) -> Result<InvoiceView> {
    crate::staff::actor(ctx, input.staff_id)?;
    let (id, doc) = load(ctx, &input.invoice)?;
    let before = view(ctx, id)?;
    if input.amount <= 0 || input.amount > MAX_MONEY {
        return Err(Error::invalid(
            "amount",
            "The amount must be above zero",
            "金额必须大于零",
        ));
    }
    if input.amount > before.balance_due {
        return Err(Error::invalid(
            "amount",
            format!(
                "Only {} is due on {}; record what is paid and give change",
                before.balance_due, doc.number
            ),
            format!(
                "发票 {} 仅欠 {}，请按应收金额记录并找零",
                doc.number, before.balance_due
            ),
        ));
    }
    let change = match (input.method, input.tendered) {
        (PaymentMethod::Cash, Some(t)) if t < input.amount => {
            return Err(Error::invalid(
                "tendered",
                "The cash handed over is less than the amount",
                "收到的现金少于付款金额",
            ))
        }
        (PaymentMethod::Cash, Some(t)) => t - input.amount,
        (_, Some(_)) => {
            return Err(Error::invalid(
                "tendered",
                "Only cash is tendered",
                "只有现金付款才有找零",
            ))
        }
        _ => 0,
    };
    let p = Payment {
        id: 0,
        method: input.method,
        amount: input.amount,
        tendered: input.tendered,
        change,
        reference: optional("reference", &input.reference, 100)?,
        staff_id: input.staff_id,
        at: ctx.now_text(),
    };
    store::invoices::insert_payment(ctx.tx, id, &p)?;
    let job = job::by_number(ctx, &doc.job_number)?;
    job::record(
        ctx,
        job.id,
        input.staff_id,
        "payment",
        json!({ "invoice": doc.number, "method": input.method.code(), "amount": input.amount, "change": change }),
    )?;
    view(ctx, id)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Refund {
    pub staff_id: i64,
    pub invoice: String,
    pub method: PaymentMethod,
    pub amount: Money,
    pub reference: Option<String>,
}

/// Pays money back when a credit note leaves the customer in credit.
pub fn refund(ctx: &Ctx, input: Refund) -> Result<InvoiceView> {
    crate::staff::actor(ctx, input.staff_id)?;
    let (id, doc) = load(ctx, &input.invoice)?;
    let before = view(ctx, id)?;
    if input.amount <= 0 || input.amount > -before.balance_due {
        return Err(Error::invalid(
            "amount",
            "A refund cannot exceed what the customer is owed",
            "退款不能超过应退金额",
        ));
    }
    let p = Payment {
        id: 0,
        method: input.method,
        amount: -input.amount,
        tendered: None,
        change: 0,
        reference: optional("reference", &input.reference, 100)?,
        staff_id: input.staff_id,
        at: ctx.now_text(),
    };
    store::invoices::insert_payment(ctx.tx, id, &p)?;
    let job = job::by_number(ctx, &doc.job_number)?;
    job::record(
        ctx,
        job.id,
        input.staff_id,
        "refund",
        json!({ "invoice": doc.number, "amount": input.amount }),
    )?;
    view(ctx, id)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct CreditLine {
    pub line_id: i64,
    pub quantity: Qty,
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Credit {
    pub staff_id: i64,
    pub invoice: String,
    pub reason: String,
    /// The lines and quantities to credit; omit to credit everything not yet credited.
    pub lines: Option<Vec<CreditLine>>,
}

/// Issues a credit note against an invoice, whole or in part. It references the
/// original, takes its own gapless number, and never credits more than was billed.
pub fn credit(ctx: &Ctx, input: Credit) -> Result<CreditNoteDocument> {
    let staff = crate::staff::actor(ctx, input.staff_id)?;
    staff.require_role(crate::staff::Role::Manager)?;
    let reason = required("reason", &input.reason, 500)?;
    let (invoice_id, inv) = load(ctx, &input.invoice)?;
    let earlier = store::invoices::credit_notes(ctx.tx, invoice_id)?;
    let credited_qty = |line_id: i64| -> i64 {
        earlier
            .iter()
            .flat_map(|c| &c.lines)
            .filter(|l| l.line_id == line_id)
            .map(|l| l.quantity.milli())
            .sum()
    };
    let credited_net = |line_id: i64| -> Money {
        earlier
            .iter()
            .flat_map(|c| &c.lines)
            .filter(|l| l.line_id == line_id)
            .map(|l| l.net)
            .sum()
    };
    let wanted: Vec<(i64, Qty)> = match &input.lines {
        None => inv
            .lines
            .iter()
            .map(|l| (l.line_id, Qty(l.quantity.milli() - credited_qty(l.line_id))))
            .filter(|(_, q)| q.milli() > 0)
            .collect(),
        Some(ls) if ls.is_empty() => {
            return Err(Error::invalid(
                "lines",
                "Name at least one line to credit",
                "请至少选择一个冲销项目",
            ))
        }
        Some(ls) => ls.iter().map(|l| (l.line_id, l.quantity)).collect(),
    };
    if wanted.is_empty() {
        return Err(Error::state(
            format!("Invoice {} is already fully credited", inv.number),
            format!("发票 {} 已全额冲销", inv.number),
        ));
    }
    let mut lines = Vec::new();
    for (i, (line_id, q)) in wanted.iter().enumerate() {
        let field = format!("lines[{i}]");
        let l = inv
            .lines
            .iter()
            .find(|l| l.line_id == *line_id)
            .ok_or_else(|| {
                Error::invalid(
                    &field,
                    "This line is not on the invoice",
                    "该项目不在发票上",
                )
            })?;
        let left = l.quantity.milli() - credited_qty(l.line_id);
        if q.milli() <= 0 || q.milli() > left {
            return Err(Error::invalid(
                &field,
                format!(
                    "At most {} of \"{}\" can still be credited",
                    Qty(left),
                    l.description
                ),
                format!("“{}”最多还可冲销 {}", l.description, Qty(left)),
            ));
        }
        let net = if q.milli() == left {
            l.net - credited_net(l.line_id)
        } else {
            crate::money::div_round(
                l.net as i128 * q.milli() as i128,
                l.quantity.milli() as i128,
            ) as Money
        };
        lines.push(CreditedLine {
            line_id: l.line_id,
            description: l.description.clone(),
            quantity: *q,
            net,
            tax_rate_bp: l.tax_rate_bp,
        });
    }
    let taxes = credit_taxes(&inv, &earlier, &lines);
    let total: Money = taxes.iter().map(|t| t.base + t.tax).sum();
    let credited_before: Money = earlier.iter().map(|c| c.total).sum();
    if total <= 0 || credited_before + total > inv.totals.total {
        return Err(Error::invalid(
            "lines",
            "A credit note cannot credit more than the invoice",
            "冲销金额不能超过发票金额",
        ));
    }
    let settings = crate::settings::load(ctx)?;
    let series = "credit_note";
    let sequence = store::numbers::next(ctx.tx, series)?;
    let number = crate::numbering::format(&settings.credit_note_number_format, ctx.now, sequence);
    let doc = CreditNoteDocument {
        number: number.clone(),
        invoice_number: inv.number.clone(),
        job_number: inv.job_number.clone(),
        issued_at: ctx.now_text(),
        reason: reason.clone(),
        language: inv.language,
        currency: inv.currency.clone(),
        shop: inv.shop.clone(),
        customer: inv.customer.clone(),
        lines,
        taxes,
        total,
    };
    let numbered = store::invoices::Numbered {
        number: &number,
        series,
        sequence,
    };
    store::invoices::insert_credit_note(
        ctx.tx,
        &numbered,
        invoice_id,
        &ctx.now_text(),
        input.staff_id,
        &doc,
    )?;
    let job = job::by_number(ctx, &inv.job_number)?;
    job::record(
        ctx,
        job.id,
        input.staff_id,
        "credit_note",
        json!({ "credit_note": number, "invoice": inv.number, "total": total, "reason": reason }),
    )?;
    Ok(doc)
}

/// Tax on credited lines, once per rate like the invoice; when a rate is credited
/// in full, exactly what remains of the invoice's tax at that rate.
fn credit_taxes(
    inv: &InvoiceDocument,
    earlier: &[CreditNoteDocument],
    lines: &[CreditedLine],
) -> Vec<TaxRow> {
    let mut out = Vec::new();
    for row in &inv.totals.taxes {
        let sum: Money = lines
            .iter()
            .filter(|l| l.tax_rate_bp == row.rate_bp)
            .map(|l| l.net)
            .sum();
        if sum == 0 {
            continue;
        }
        let billed_at_rate: Money = inv
            .lines
            .iter()
            .filter(|l| l.tax_rate_bp == row.rate_bp)
            .map(|l| l.net)
            .sum();
        let before: Vec<&TaxRow> = earlier
            .iter()
            .flat_map(|c| &c.taxes)
            .filter(|t| t.rate_bp == row.rate_bp)
            .collect();
        let credited_before: Money = earlier
            .iter()
            .flat_map(|c| &c.lines)
            .filter(|l| l.tax_rate_bp == row.rate_bp)
            .map(|l| l.net)
            .sum();
        let (base, tax) = if credited_before + sum == billed_at_rate {
            (
                row.base - before.iter().map(|t| t.base).sum::<Money>(),
                row.tax - before.iter().map(|t| t.tax).sum::<Money>(),
            )
        } else if inv.totals.prices_include_tax {
            let tax = tax_included(sum, row.rate_bp);
            (sum - tax, tax)
        } else {
            (sum, percent_of(sum, row.rate_bp))
        };
        out.push(TaxRow {
            rate_bp: row.rate_bp,
            base,
            tax,
        });
    }
    out
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct CreditNoteRef {
    pub credit_note: String,
}

pub fn get_credit_note(ctx: &Ctx, input: CreditNoteRef) -> Result<CreditNoteDocument> {
    store::invoices::credit_note_by_number(ctx.tx, input.credit_note.trim())?.ok_or_else(|| {
        Error::not_found("Credit note", "红字冲销单", &input.credit_note).at("credit_note")
    })
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Deliver {
    pub staff_id: i64,
    pub job: String,
}

/// Handover: the item leaves. Refused until the quality check has passed, the
/// invoice is issued and (by default) paid.
pub fn deliver(ctx: &Ctx, input: Deliver) -> Result<Job> {
    crate::staff::actor(ctx, input.staff_id)?;
    let mut job = job::by_number(ctx, &input.job)?;
    crate::quality::require_passed(ctx, &job, "release the item", "交车")?;
    job::require_state(
        &job,
        &[JobState::Invoiced],
        "release the item (issue the invoice first)",
        "交车（请先开票）",
    )?;
    let settings = crate::settings::load(ctx)?;
    let (id, doc) = store::invoices::by_job(ctx.tx, job.id)?
        .ok_or_else(|| Error::internal("invoiced job without invoice"))?;
    let v = view(ctx, id)?;
    if settings.release_requires_payment && v.balance_due > 0 {
        return Err(Error::state(
            format!(
                "{} is still due on invoice {}",
                crate::money::format_minor(v.balance_due, doc.currency.minor_units),
                doc.number
            ),
            format!(
                "发票 {} 尚欠 {}",
                doc.number,
                crate::money::format_minor(v.balance_due, doc.currency.minor_units)
            ),
        ));
    }
    let now = ctx.now_text();
    store::work::set_delivered(ctx.tx, job.id, &now)?;
    crate::guarantee::start_at_handover(ctx, &job, &settings)?;
    job::transition(
        ctx,
        &mut job,
        JobState::Delivered,
        input.staff_id,
        json!({}),
    )?;
    Ok(job)
}

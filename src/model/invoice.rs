//! Issued documents as frozen at issue (invoice, credit note), payments and
//! the payment status. Never changed after issue. Tests: tests/core/job/invoice.rs.

use crate::base::money::{BasisPoints, Money, Qty};
use crate::base::totals::{LineKind, TaxRow, Totals};
use crate::model::approval::{Method, OldParts};
use crate::model::document_kind::DocumentKind;
use crate::model::line::{OldPartFate, PartKind};
use crate::model::settings::{Currency, Lang};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
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
    /// A motor vehicle (its Chinese settlement list is 机动车维修结算清单); absent on
    /// documents issued before this was recorded, where a plate or VIN says so.
    pub vehicle: Option<bool>,
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
    /// What the document is; absent on documents issued before the shop chose,
    /// where the currency decides (see `DocumentKind::by_currency`).
    pub kind: Option<DocumentKind>,
}

impl InvoiceDocument {
    pub fn kind(&self) -> DocumentKind {
        self.kind
            .unwrap_or_else(|| DocumentKind::by_currency(&self.currency.code))
    }
    pub fn is_vehicle(&self) -> bool {
        self.item
            .vehicle
            .unwrap_or(self.item.plate.is_some() || self.item.vin.is_some())
    }
}

/// The official e-fapiao (数电票) recorded against a settlement list after the
/// tax authority's system issued it: an annotation, never a change to the list.
/// A mistyped number is replaced by a later record with its reason; both stay.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct FapiaoRecord {
    pub fapiao_number: String,
    pub staff_id: i64,
    pub at: String,
    /// Why an earlier number was replaced.
    pub reason: Option<String>,
}

/// A fapiao number as the tax system prints it: 20 digits for a 数电票, or the
/// 8-digit number of an older paper or electronic fapiao. Spaces are ignored.
pub fn check_fapiao_number(raw: &str) -> crate::base::error::Result<String> {
    let n: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let ok = (n.len() == 20 || n.len() == 8) && n.bytes().all(|b| b.is_ascii_digit());
    if ok {
        Ok(n)
    } else {
        Err(crate::base::error::Error::invalid(
            "fapiao_number",
            "An e-fapiao number has 20 digits (an older fapiao's number 8)",
            "数电票号码为 20 位数字（旧版发票号码为 8 位）",
        ))
    }
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
    pub const ALL: [PaymentMethod; 6] = [
        Self::Cash,
        Self::Card,
        Self::BankTransfer,
        Self::WechatPay,
        Self::Alipay,
        Self::Other,
    ];

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
        Self::ALL
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
    /// The kind of the document it corrects (absent before the shop chose).
    pub kind: Option<DocumentKind>,
}

impl CreditNoteDocument {
    pub fn kind(&self) -> DocumentKind {
        self.kind
            .unwrap_or_else(|| DocumentKind::by_currency(&self.currency.code))
    }
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

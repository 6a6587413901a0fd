//! Estimate lines: what is done or supplied, its amounts, its approval and work
//! status, sublet and the old part's fate. Pure amounts only; the rules that
//! edit lines are in job/estimate/. Tests: tests/core/job/estimate.rs.

use crate::base::error::{Error, Result};
use crate::base::money::{BasisPoints, Money, Qty};
use crate::base::totals::{self, JobDiscount, LineKind, Priced, Totals};
use crate::model::job::Job;
use crate::model::settings::ShopSettings;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum PartKind {
    /// New, original equipment (原厂).
    NewOem,
    /// New, equivalent / aftermarket (同质/副厂).
    NewAftermarket,
    /// Used (旧).
    Used,
    /// Rebuilt / reconditioned (修复).
    Rebuilt,
    /// Supplied by the customer; carries no price.
    CustomerSupplied,
}

impl PartKind {
    pub const ALL: [PartKind; 5] = [
        PartKind::NewOem,
        PartKind::NewAftermarket,
        PartKind::Used,
        PartKind::Rebuilt,
        PartKind::CustomerSupplied,
    ];
    pub fn code(self) -> &'static str {
        match self {
            PartKind::NewOem => "new_oem",
            PartKind::NewAftermarket => "new_aftermarket",
            PartKind::Used => "used",
            PartKind::Rebuilt => "rebuilt",
            PartKind::CustomerSupplied => "customer_supplied",
        }
    }
    /// The kind in words, for messages.
    pub fn en(self) -> &'static str {
        match self {
            PartKind::NewOem => "new (OEM)",
            PartKind::NewAftermarket => "new (aftermarket)",
            PartKind::Used => "used",
            PartKind::Rebuilt => "rebuilt",
            PartKind::CustomerSupplied => "customer-supplied",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            PartKind::NewOem => "原厂新件",
            PartKind::NewAftermarket => "副厂新件",
            PartKind::Used => "旧件",
            PartKind::Rebuilt => "修复件",
            PartKind::CustomerSupplied => "客户自备",
        }
    }

    pub fn parse(s: &str) -> Option<PartKind> {
        Self::ALL.into_iter().find(|k| k.code() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum LineStatus {
    Proposed,
    Approved,
    Declined,
    Removed,
}

impl LineStatus {
    pub fn code(self) -> &'static str {
        match self {
            LineStatus::Proposed => "proposed",
            LineStatus::Approved => "approved",
            LineStatus::Declined => "declined",
            LineStatus::Removed => "removed",
        }
    }
    pub fn parse(s: &str) -> LineStatus {
        match s {
            "approved" => LineStatus::Approved,
            "declined" => LineStatus::Declined,
            "removed" => LineStatus::Removed,
            _ => LineStatus::Proposed,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum WorkState {
    NotStarted,
    Started,
    Done,
}

impl WorkState {
    pub fn code(self) -> &'static str {
        match self {
            WorkState::NotStarted => "not_started",
            WorkState::Started => "started",
            WorkState::Done => "done",
        }
    }
    pub fn parse(s: &str) -> WorkState {
        match s {
            "started" => WorkState::Started,
            "done" => WorkState::Done,
            _ => WorkState::NotStarted,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Line {
    pub id: i64,
    pub job_id: i64,
    pub position: i64,
    /// 0 for the first estimate; n for the n-th supplementary estimate.
    pub supplement: i64,
    pub kind: LineKind,
    pub description: String,
    /// Hours for labour, units otherwise.
    pub quantity: Qty,
    /// Minor units; the hourly rate for labour.
    pub unit_price: Money,
    pub part_number: Option<String>,
    pub brand: Option<String>,
    pub part_kind: Option<PartKind>,
    pub tax_rate_bp: BasisPoints,
    pub discount_bp: BasisPoints,
    pub discount_amount: Money,
    pub status: LineStatus,
    pub approved_quantity: Option<Qty>,
    pub approved_unit_price: Option<Money>,
    pub approved_part_kind: Option<PartKind>,
    pub decline_reason: Option<String>,
    pub decline_consequence: Option<String>,
    pub finding_id: Option<i64>,
    pub work_state: WorkState,
    /// quantity × unit price, before discounts (minor units).
    pub amount: Money,
    /// The technician the line is assigned to.
    pub technician_id: Option<i64>,
    /// Work sent out to a subcontractor.
    pub sublet: Option<Sublet>,
    /// What happened to the replaced part (part lines).
    pub old_part_fate: Option<OldPartFate>,
    pub old_part_note: Option<String>,
    /// On a claim job: covered by the guarantee card, priced at zero.
    pub covered_by_card: bool,
    /// Parts consumed on this line so far (net of returns).
    pub consumed: Qty,
    /// Minutes on the job clock for this line (closed clocks).
    pub clocked_minutes: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Sublet {
    pub vendor: String,
    pub vendor_invoice: Option<String>,
    /// What the subcontractor charges the shop (minor units).
    pub cost: Money,
}

/// The replaced part's fate, printed on the invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum OldPartFate {
    ReturnedToCustomer,
    /// Shown to the customer, not returnable (core or warranty return).
    ShownNotReturnable,
    WaivedByCustomer,
    Scrapped,
}

impl OldPartFate {
    pub fn code(self) -> &'static str {
        match self {
            OldPartFate::ReturnedToCustomer => "returned_to_customer",
            OldPartFate::ShownNotReturnable => "shown_not_returnable",
            OldPartFate::WaivedByCustomer => "waived_by_customer",
            OldPartFate::Scrapped => "scrapped",
        }
    }
    pub fn parse(s: &str) -> Option<OldPartFate> {
        [
            Self::ReturnedToCustomer,
            Self::ShownNotReturnable,
            Self::WaivedByCustomer,
            Self::Scrapped,
        ]
        .into_iter()
        .find(|f| f.code() == s)
    }
    pub fn labels(self) -> (&'static str, &'static str) {
        match self {
            OldPartFate::ReturnedToCustomer => ("Returned to customer", "已交还客户"),
            OldPartFate::ShownNotReturnable => (
                "Shown, not returnable (core/warranty return)",
                "已展示，不可退还（旧件回收/索赔）",
            ),
            OldPartFate::WaivedByCustomer => ("Waived by customer", "客户放弃"),
            OldPartFate::Scrapped => ("Scrapped", "已报废"),
        }
    }
}

impl Line {
    #[allow(clippy::too_many_arguments)]
    pub fn draft(
        job_id: i64,
        position: i64,
        supplement: i64,
        kind: LineKind,
        description: String,
        quantity: Qty,
        unit_price: Money,
        tax_rate_bp: BasisPoints,
    ) -> Line {
        Line {
            id: 0,
            job_id,
            position,
            supplement,
            kind,
            description,
            quantity,
            unit_price,
            part_number: None,
            brand: None,
            part_kind: None,
            tax_rate_bp,
            discount_bp: 0,
            discount_amount: 0,
            status: LineStatus::Proposed,
            approved_quantity: None,
            approved_unit_price: None,
            approved_part_kind: None,
            decline_reason: None,
            decline_consequence: None,
            finding_id: None,
            work_state: WorkState::NotStarted,
            amount: quantity.times(unit_price),
            technician_id: None,
            sublet: None,
            old_part_fate: None,
            old_part_note: None,
            covered_by_card: false,
            consumed: Qty(0),
            clocked_minutes: 0,
        }
    }

    pub fn priced(&self) -> Priced {
        Priced {
            kind: self.kind,
            quantity: self.quantity,
            unit_price: self.unit_price,
            discount_bp: self.discount_bp,
            discount_amount: self.discount_amount,
            tax_rate_bp: self.tax_rate_bp,
        }
    }
}

/// The job's discount as the totals need it.
pub fn job_discount(job: &Job) -> JobDiscount {
    JobDiscount {
        bp: job.discount_bp,
        amount: job.discount_amount,
    }
}

/// A discount is a percentage or an amount, never both (a line's or the job's).
pub fn one_kind_of_discount(bp: BasisPoints, amount: Money) -> Result<()> {
    if bp > 0 && amount > 0 {
        return Err(Error::invalid(
            "discount_bp",
            "Give a discount as a percentage or an amount, not both",
            "折扣只能按比例或按金额，不能同时使用",
        ));
    }
    Ok(())
}

/// Totals over the lines that satisfy `keep`.
pub fn totals_of(
    job: &Job,
    lines: &[Line],
    settings: &ShopSettings,
    keep: impl Fn(&Line) -> bool,
) -> Totals {
    let priced: Vec<Priced> = lines.iter().filter(|l| keep(l)).map(Line::priced).collect();
    priced_totals(job_discount(job), &priced, settings)
}

/// The totals of lines already reduced to their prices, with the job's
/// discount (the board reads only those).
pub fn priced_totals(discount: JobDiscount, priced: &[Priced], settings: &ShopSettings) -> Totals {
    totals::compute(priced, discount, settings.prices_include_tax)
}

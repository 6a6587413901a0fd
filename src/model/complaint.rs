//! Complaints (投诉 / 抱怨), pure: the handbook's record, its five levels with
//! their response limits, its categories, and the steps a complaint walks in
//! order until it is closed with its root cause and the customer's
//! confirmation. Rules with the store: care/complaints.rs; tests
//! tests/core/care/complaints.rs.

use crate::base::money::Money;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "ComplaintSource")]
pub enum Source {
    Counter,
    Phone,
    Callback,
    Message,
    Letter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "ComplaintCategory")]
pub enum Category {
    ProductQuality,
    RepairQuality,
    ReceptionManner,
    Price,
    WaitingTime,
    Parts,
    Other,
}

/// Hours to the first response (and to each next step) by level 1–5: a remark
/// (72 h) up to an escalation beyond the shop — authorities, press — (at once:
/// within the hour).
pub const RESPONSE_HOURS: [i64; 5] = [72, 48, 24, 4, 1];

pub fn response_hours(level: u8) -> i64 {
    RESPONSE_HOURS[usize::from(level.clamp(1, 5)) - 1]
}

/// The steps, in the order the core enforces.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "ComplaintStep")]
pub enum Step {
    Received,
    Clarified,
    ResolutionAgreed,
    ActionTaken,
    Thanked,
    RootCause,
    LoopConfirmed,
    Closed,
}

pub const STEPS: [Step; 8] = [
    Step::Received,
    Step::Clarified,
    Step::ResolutionAgreed,
    Step::ActionTaken,
    Step::Thanked,
    Step::RootCause,
    Step::LoopConfirmed,
    Step::Closed,
];

impl Step {
    pub fn next(self) -> Option<Step> {
        STEPS
            .iter()
            .position(|s| *s == self)
            .and_then(|i| STEPS.get(i + 1).copied())
    }
    pub fn code(self) -> &'static str {
        match self {
            Step::Received => "received",
            Step::Clarified => "clarified",
            Step::ResolutionAgreed => "resolution_agreed",
            Step::ActionTaken => "action_taken",
            Step::Thanked => "thanked",
            Step::RootCause => "root_cause",
            Step::LoopConfirmed => "loop_confirmed",
            Step::Closed => "closed",
        }
    }
    pub fn parse(s: &str) -> Option<Step> {
        STEPS.iter().copied().find(|x| x.code() == s)
    }
}

/// What the shop agrees to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Resolution {
    /// Redo under the job's guarantee card (opens the zero-priced claim job).
    Redo {},
    /// A credit note on the job's invoice (whole), then a refund at the counter.
    CreditNote {},
    /// Money or goodwill; above the shop's limit only with a manager.
    Compensation {
        amount: Money,
    },
    Apology {},
    /// A dated promise of service (YYYY-MM-DD).
    ServicePromise {
        promise: String,
        by: String,
    },
}

/// The root cause, so it does not happen again (分析根源防再发).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct RootCause {
    pub cause: Category,
    pub direct_responsibility: String,
    pub secondary_responsibility: Option<String>,
    pub corrective_action: String,
    /// Who sees the corrective action through.
    pub owner_id: i64,
    /// YYYY-MM-DD.
    pub due: String,
}

/// The handbook's record of what the customer says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct ComplaintFacts {
    /// What happened, in the customer's words.
    pub what_happened: String,
    /// When it happened (free text: "yesterday morning", a date).
    pub when_happened: Option<String>,
    /// The item's condition as the customer describes it.
    pub condition: Option<String>,
    pub staff_involved: Vec<i64>,
    /// How the staff member behaved, as the customer tells it.
    pub staff_manner: Option<String>,
    /// The customer's real reason, as the counter understands it.
    pub real_reason: Option<String>,
    /// The resolution the customer wants.
    pub wanted: Option<String>,
    /// Whether the demand is reasonable (unset until judged).
    pub reasonable: Option<bool>,
}

/// One step taken, with who and when (append-only).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct StepRecord {
    pub step: Step,
    pub staff_id: i64,
    pub at: String,
    pub note: Option<String>,
    pub resolution: Option<Resolution>,
    /// What carrying out the resolution produced: the claim job, the credit note.
    pub reference: Option<String>,
    pub root_cause: Option<RootCause>,
    /// Thanked: whether the customer confirmed the result (a reason when not).
    pub confirmed: Option<bool>,
    /// Received and clarified: the record as it stood after this step.
    pub facts: Option<ComplaintFacts>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Complaint {
    pub id: i64,
    pub number: String,
    pub customer_id: i64,
    pub customer_name: String,
    pub phone: Option<String>,
    pub job_number: Option<String>,
    pub invoice_number: Option<String>,
    pub card_number: Option<String>,
    pub item_label: Option<String>,
    /// The job's invoice total, when there is one.
    pub amount: Option<Money>,
    pub source: Source,
    pub level: u8,
    pub category: Category,
    /// From history: the customer had jobs before this one.
    pub returning_customer: bool,
    pub facts: ComplaintFacts,
    pub step: Step,
    pub received_at: String,
    /// When the next step is due by the level's limit (none once closed).
    pub next_due: Option<String>,
    pub overdue: bool,
    pub steps: Vec<StepRecord>,
}

//! Follow-up calls (回访), pure types: a callback, its attempts and outcomes,
//! and one row of the "calls today" list. When a callback is due is
//! model/care.rs; the rules with the store are care/callbacks.rs (tests
//! tests/core/care/callbacks.rs).

use crate::base::money::Money;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Why the call is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "CallPurpose")]
pub enum Purpose {
    /// After handover.
    FollowUp,
    /// A complaint's second callback: is the loop closed?
    LoopCheck,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum CallbackState {
    Open,
    /// Never reached within the shop's limit: shows as missed in the figures.
    Missed,
    Reached,
    /// No answer after the maximum attempts, or a wrong number.
    Unreachable,
    /// The customer opted out of calls.
    Cancelled,
}

impl CallbackState {
    pub fn code(self) -> &'static str {
        match self {
            CallbackState::Open => "open",
            CallbackState::Missed => "missed",
            CallbackState::Reached => "reached",
            CallbackState::Unreachable => "unreachable",
            CallbackState::Cancelled => "cancelled",
        }
    }
    pub fn parse(s: &str) -> CallbackState {
        match s {
            "reached" => CallbackState::Reached,
            "unreachable" => CallbackState::Unreachable,
            "cancelled" => CallbackState::Cancelled,
            "missed" => CallbackState::Missed,
            _ => CallbackState::Open,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "CallOutcome")]
pub enum Outcome {
    Reached,
    NoAnswer,
    WrongNumber,
    /// Not a good time: call back at a time in a window.
    CallBack,
}

impl Outcome {
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Reached => "reached",
            Outcome::NoAnswer => "no_answer",
            Outcome::WrongNumber => "wrong_number",
            Outcome::CallBack => "call_back",
        }
    }
    pub fn parse(s: &str) -> Outcome {
        match s {
            "reached" => Outcome::Reached,
            "wrong_number" => Outcome::WrongNumber,
            "call_back" => Outcome::CallBack,
            _ => Outcome::NoAnswer,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Attempt {
    pub at: String,
    pub staff_id: i64,
    pub outcome: Outcome,
    pub call_back_at: Option<String>,
    /// The customer's words, kept exactly as typed.
    pub comment: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Callback {
    pub id: i64,
    pub job_id: i64,
    pub customer_id: i64,
    pub purpose: Purpose,
    pub complaint_id: Option<i64>,
    /// The window it is due in (UTC).
    pub due_at: String,
    pub due_until: String,
    pub expires_at: String,
    pub state: CallbackState,
    pub attempts: Vec<Attempt>,
    pub closed_at: Option<String>,
}

/// One row of the calls list: everything the caller needs on one line.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct CallRow {
    pub callback: Callback,
    pub overdue: bool,
    pub job_number: String,
    pub customer_name: String,
    pub phone: Option<String>,
    pub item_label: String,
    /// What was done: the billed lines' descriptions.
    pub work: Vec<String>,
    pub promised_at: Option<String>,
    pub delivered_at: Option<String>,
    pub amount: Option<Money>,
    /// Declined work still open on the item.
    pub recommendations: Vec<String>,
    /// A guarantee card still valid by date.
    pub card_number: Option<String>,
    pub complaint_number: Option<String>,
}

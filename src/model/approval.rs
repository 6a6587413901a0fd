//! Approval records: how the customer approved (method, approver, contact), each
//! line's decision, and declined work kept as recommendations. Approvals are
//! permanent; the rules that use them are in job/approval.rs and job/gate.rs.
//! Tests: tests/core/job/approval.rs; `word_lines` in tests/core/store/together.rs.

use crate::base::money::Money;
use crate::model::line::Line;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// In person, signed.
    InPerson,
    /// By phone: the number called is recorded.
    Phone,
    /// By electronic message: the address used is recorded.
    Electronic,
}

impl Method {
    pub fn code(self) -> &'static str {
        match self {
            Method::InPerson => "in_person",
            Method::Phone => "phone",
            Method::Electronic => "electronic",
        }
    }
    pub fn parse(s: &str) -> Method {
        match s {
            "phone" => Method::Phone,
            "electronic" => Method::Electronic,
            _ => Method::InPerson,
        }
    }
}

/// The customer's choice about replaced parts, asked at approval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum OldParts {
    ReturnToCustomer,
    Discard,
}

impl OldParts {
    pub fn code(self) -> &'static str {
        match self {
            OldParts::ReturnToCustomer => "return_to_customer",
            OldParts::Discard => "discard",
        }
    }
    pub fn parse(s: &str) -> Option<OldParts> {
        match s {
            "return_to_customer" => Some(OldParts::ReturnToCustomer),
            "discard" => Some(OldParts::Discard),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approved,
    Declined,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct ApprovedLine {
    pub line_id: i64,
    pub decision: Decision,
    pub description: String,
    pub quantity: crate::base::money::Qty,
    pub unit_price: Money,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct ApprovalRecord {
    pub id: i64,
    pub job_id: i64,
    /// 0 for the first estimate; n for the n-th supplement.
    pub supplement: i64,
    pub method: Method,
    pub approver_name: String,
    pub designated_person_id: Option<i64>,
    pub contact: Option<String>,
    pub has_signature: bool,
    pub staff_id: i64,
    pub staff_name: String,
    pub at: String,
    pub conditions: Option<String>,
    pub old_parts: Option<OldParts>,
    pub previous_total: Money,
    pub amount_approved: Money,
    pub revised_total: Money,
    pub lines: Vec<ApprovedLine>,
}

impl ApprovalRecord {
    /// Gives each approved line its description and the approval's lines
    /// their order on the estimate, from the job's own lines (every one,
    /// removed ones too): for approvals read without them
    /// (store/approvals.rs `for_job_unworded_read`). A line not among them
    /// keeps its place after the others and an empty description.
    pub fn word_lines(approvals: &mut [ApprovalRecord], lines: &[Line]) {
        let by_id: std::collections::HashMap<i64, &Line> =
            lines.iter().map(|l| (l.id, l)).collect();
        for a in approvals {
            for l in &mut a.lines {
                if let Some(line) = by_id.get(&l.line_id) {
                    l.description.clone_from(&line.description);
                }
            }
            a.lines.sort_by_key(|l| {
                by_id
                    .get(&l.line_id)
                    .map_or((i64::MAX, l.line_id), |line| (line.position, l.line_id))
            });
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Recommendation {
    pub id: i64,
    pub item_id: i64,
    pub job_id: i64,
    pub job_number: String,
    pub line_id: i64,
    pub description: String,
    pub reason: Option<String>,
    pub consequence: Option<String>,
    pub created_at: String,
}

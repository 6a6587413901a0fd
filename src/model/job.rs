//! The job (work order) record and its state machine: which state may follow
//! which is a pure rule here; moving a job is in job/mod.rs.
//! Tests: beside the code and tests/core/job/.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use JobState::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    Received,
    Inspected,
    Estimated,
    AwaitingApproval,
    Approved,
    InWork,
    WaitingParts,
    QualityCheck,
    Ready,
    Invoiced,
    Delivered,
    Cancelled,
}

impl JobState {
    pub const ALL: [JobState; 12] = [
        Received,
        Inspected,
        Estimated,
        AwaitingApproval,
        Approved,
        InWork,
        WaitingParts,
        QualityCheck,
        Ready,
        Invoiced,
        Delivered,
        Cancelled,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Received => "received",
            Inspected => "inspected",
            Estimated => "estimated",
            AwaitingApproval => "awaiting_approval",
            Approved => "approved",
            InWork => "in_work",
            WaitingParts => "waiting_parts",
            QualityCheck => "quality_check",
            Ready => "ready",
            Invoiced => "invoiced",
            Delivered => "delivered",
            Cancelled => "cancelled",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Received => "已接车",
            Inspected => "已检查",
            Estimated => "已报价",
            AwaitingApproval => "待客户确认",
            Approved => "已确认",
            InWork => "维修中",
            WaitingParts => "待料",
            QualityCheck => "质检中",
            Ready => "待取车",
            Invoiced => "已开票",
            Delivered => "已交车",
            Cancelled => "已取消",
        }
    }

    /// The state in words, for messages (the code stays on the wire).
    pub fn en(self) -> &'static str {
        match self {
            Received => "received",
            Inspected => "inspected",
            Estimated => "estimated",
            AwaitingApproval => "awaiting approval",
            Approved => "approved",
            InWork => "in work",
            WaitingParts => "waiting for parts",
            QualityCheck => "in the quality check",
            Ready => "ready",
            Invoiced => "invoiced",
            Delivered => "delivered",
            Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<JobState> {
        Self::ALL.into_iter().find(|st| st.code() == s)
    }

    /// The legal moves of the state machine.
    pub fn can_move_to(self, to: JobState) -> bool {
        matches!(
            (self, to),
            (Received, Inspected)
                | (Inspected, Estimated)
                | (Estimated, AwaitingApproval)
                | (AwaitingApproval, Approved)
                | (Approved, InWork)
                | (InWork, WaitingParts)
                | (WaitingParts, InWork)
                | (InWork, QualityCheck)
                | (QualityCheck, InWork)
                | (QualityCheck, Ready)
                | (Ready, Invoiced)
                | (Invoiced, Delivered)
        ) || (to == Cancelled && self.can_cancel())
    }

    pub fn can_cancel(self) -> bool {
        !matches!(self, Invoiced | Delivered | Cancelled)
    }

    /// States in which the customer already agreed to work (supplements go here).
    pub fn is_after_approval(self) -> bool {
        matches!(self, Approved | InWork | WaitingParts | QualityCheck)
    }

    /// States that still count against the promised time.
    pub fn is_open(self) -> bool {
        !matches!(self, Ready | Invoiced | Delivered | Cancelled)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Job {
    pub id: i64,
    pub number: String,
    pub customer_id: i64,
    pub item_id: i64,
    pub odometer_in: Option<i64>,
    pub complaint: String,
    pub requested_work: Option<String>,
    pub promised_at: Option<String>,
    pub state: JobState,
    pub cancel_reason: Option<String>,
    pub discount_bp: i64,
    pub discount_amount: i64,
    pub estimate_valid_until: Option<String>,
    pub created_at: String,
    pub created_by: i64,
    pub repair_category: Option<crate::model::guarantee_terms::RepairCategory>,
    pub odometer_out: Option<i64>,
    /// When the quality check passed.
    pub completed_at: Option<String>,
    pub delivered_at: Option<String>,
    /// The guarantee card this job is a claim under.
    pub claim_card_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct JobSummary {
    pub id: i64,
    pub number: String,
    pub state: JobState,
    pub customer_id: i64,
    pub customer_name: String,
    pub item_id: i64,
    pub item_label: String,
    pub complaint: String,
    pub promised_at: Option<String>,
    pub created_at: String,
    /// Past its promised time and not yet ready.
    pub overdue: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_codes_round_trip() {
        for s in JobState::ALL {
            assert_eq!(JobState::parse(s.code()), Some(s));
            assert_eq!(serde_json::to_value(s).unwrap(), s.code());
        }
    }

    #[test]
    fn only_legal_moves() {
        assert!(Received.can_move_to(Inspected));
        assert!(!Received.can_move_to(Approved));
        assert!(!Estimated.can_move_to(Approved));
        assert!(!AwaitingApproval.can_move_to(InWork));
        assert!(QualityCheck.can_move_to(InWork));
        assert!(!Ready.can_move_to(InWork));
        assert!(Approved.can_move_to(Cancelled));
        assert!(!Invoiced.can_move_to(Cancelled));
        assert!(!Cancelled.can_move_to(Cancelled));
    }
}

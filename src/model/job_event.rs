//! The job's history as typed events: one variant per kind of thing that
//! happened, each with its own fields, so the UI and the documents read what
//! the compiler knows instead of names in a map. Stored as `action` + `detail`
//! JSON (the append-only `job_events` table) and crossing as `{action, detail}`;
//! a row this version does not know (written by a newer Jobcard) reads as
//! `unrecognised` with its action, never as an error.
//!
//! Tests: beside the code, and tests/core/job/lifecycle.rs reads the history.

use crate::base::money::{BasisPoints, Money, Qty};
use crate::model::job::JobState;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

/// A line's figures before and after a change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct LineFigures {
    pub quantity: Qty,
    pub unit_price: Money,
    pub description: String,
}

/// Why a job moved, where the move has more to say than from → to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct StateChange {
    /// Cancelled, or waiting for parts: the reason given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Inspected: who acknowledged it with the customer, and how.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acknowledged_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// Approved: the approval that approved it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval_id: Option<i64>,
    /// Ready, or back to work: the quality check, its certificate, what is redone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality_check_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redo: Option<String>,
    /// Invoiced: the invoice and its guarantee card.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guarantee_card: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "action", content = "detail", rename_all = "snake_case")]
#[ts(optional_fields = nullable)]
pub enum JobEventKind {
    Received {
        customer_id: i64,
        item_id: i64,
        #[serde(default)]
        complaint: String,
        #[serde(default)]
        promised_at: Option<String>,
    },
    State {
        from: JobState,
        to: JobState,
        #[serde(flatten)]
        #[ts(flatten)]
        why: StateChange,
    },
    PromiseChanged {
        from: Option<String>,
        to: String,
        reason: String,
        customer_told: bool,
    },
    InspectionStarted {},
    Finding {
        finding_id: Option<i64>,
        area: Option<String>,
        condition: String,
        note: Option<String>,
    },
    Photo {
        finding_id: i64,
        photo_id: i64,
    },
    LineAdded {
        line_id: i64,
        supplement: i64,
        description: String,
        kind: String,
    },
    LineChanged {
        line_id: i64,
        from: LineFigures,
        to: LineFigures,
    },
    LineRemoved {
        line_id: i64,
        was: String,
    },
    Discount {
        bp: BasisPoints,
        amount: Money,
    },
    EstimatePresentedAgain {
        valid_until: String,
    },
    SupplementPresented {
        valid_until: String,
    },
    Approval {
        approval_id: i64,
        method: String,
        #[serde(default)]
        approver: Option<String>,
        #[serde(default)]
        previous_total: Option<Money>,
        #[serde(default)]
        revised_total: Option<Money>,
        #[serde(default)]
        supplement: Option<i64>,
    },
    WorkStarted {
        line_id: i64,
    },
    WorkDone {
        line_id: i64,
    },
    Assigned {
        line_id: i64,
        technician_id: i64,
        technician: String,
    },
    ClockOn {
        line_id: i64,
    },
    ClockOff {
        line_id: i64,
        /// Whose clock, when someone else stopped it (marking the line done).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        technician_id: Option<i64>,
    },
    Sublet {
        line_id: i64,
        vendor: String,
        cost: Money,
    },
    Category {
        category: String,
    },
    PartUsed {
        line_id: i64,
        part_id: Option<i64>,
        quantity: Qty,
        source: String,
    },
    PartReturned {
        line_id: i64,
        part_id: i64,
        quantity: Qty,
    },
    OldPart {
        line_id: i64,
        fate: String,
    },
    Payment {
        invoice: String,
        method: String,
        amount: Money,
        change: Money,
    },
    Refund {
        invoice: String,
        amount: Money,
    },
    CreditNote {
        credit_note: String,
        invoice: String,
        total: Money,
        reason: String,
    },
    Claim {
        card: String,
        original_job: String,
    },
    /// The official e-fapiao's number recorded against the settlement list.
    Fapiao {
        invoice: String,
        fapiao_number: String,
        reason: Option<String>,
    },
    /// The customer was told the item is ready to collect, and how.
    CustomerToldReady {
        channel: crate::model::care::Channel,
        #[serde(default)]
        note: Option<String>,
    },
    /// A row this version of Jobcard does not know.
    Unrecognised {
        action: String,
    },
}

impl JobEventKind {
    /// The stored form: the action's name and its detail as JSON.
    pub fn to_parts(&self) -> (String, String) {
        let v = serde_json::to_value(self).unwrap_or(Value::Null);
        let action = v["action"].as_str().unwrap_or("unrecognised").to_string();
        let detail = v.get("detail").cloned().unwrap_or(Value::Null);
        (action, detail.to_string())
    }

    /// Reads a stored row back; what does not parse is `Unrecognised`.
    pub fn from_parts(action: &str, detail: &str) -> JobEventKind {
        let detail: Value = serde_json::from_str(detail).unwrap_or(Value::Null);
        serde_json::from_value(serde_json::json!({ "action": action, "detail": detail }))
            .unwrap_or_else(|_| JobEventKind::Unrecognised {
                action: action.to_string(),
            })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct JobEvent {
    pub at: String,
    pub staff_id: i64,
    pub staff_name: String,
    #[serde(flatten)]
    #[ts(flatten)]
    pub event: JobEventKind,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_round_trip_through_their_stored_form() {
        let events = [
            JobEventKind::State {
                from: JobState::Received,
                to: JobState::Inspected,
                why: StateChange {
                    acknowledged_by: Some("王伟".into()),
                    method: Some("signature".into()),
                    ..StateChange::default()
                },
            },
            JobEventKind::InspectionStarted {},
            JobEventKind::PartUsed {
                line_id: 3,
                part_id: None,
                quantity: Qty::from_units(2),
                source: "supplier".into(),
            },
        ];
        for e in events {
            let (action, detail) = e.to_parts();
            assert_eq!(
                JobEventKind::from_parts(&action, &detail),
                e,
                "{action} {detail}"
            );
        }
    }

    #[test]
    fn a_state_move_stores_from_to_and_its_reason_side_by_side() {
        let e = JobEventKind::State {
            from: JobState::InWork,
            to: JobState::WaitingParts,
            why: StateChange {
                reason: Some("Pads on order".into()),
                ..StateChange::default()
            },
        };
        let (action, detail) = e.to_parts();
        assert_eq!(action, "state");
        let v: Value = serde_json::from_str(&detail).unwrap();
        assert_eq!(
            v,
            serde_json::json!({ "from": "in_work", "to": "waiting_parts", "reason": "Pads on order" })
        );
    }

    #[test]
    fn an_unknown_or_malformed_row_reads_as_unrecognised() {
        assert_eq!(
            JobEventKind::from_parts("teleported", "{}"),
            JobEventKind::Unrecognised {
                action: "teleported".into()
            }
        );
        assert_eq!(
            JobEventKind::from_parts("work_done", "not json"),
            JobEventKind::Unrecognised {
                action: "work_done".into()
            }
        );
    }
}

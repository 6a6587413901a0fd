//! Quality-check records and the standard five checks. Rules in job/quality.rs.
//! Tests: tests/core/job/quality.rs.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The five checks of the service process: (code, English, Chinese).
pub const STANDARD: &[(&str, &str, &str)] = &[
    (
        "all_items_done",
        "Every item on the job order is done",
        "工单所列项目全部完成",
    ),
    (
        "repairs_successful",
        "Every repair succeeded",
        "各项修理均已成功",
    ),
    (
        "safe_and_functional",
        "Safe to use; other functions work",
        "使用安全，其他功能正常",
    ),
    (
        "fluids_topped_up",
        "Fluids / consumables topped up",
        "油液/耗材已补足",
    ),
    ("clean", "Item is clean", "物品已清洁"),
];

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct CheckItem {
    pub code: String,
    pub label: String,
    pub label_zh: String,
    pub passed: bool,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct QualityCheck {
    pub id: i64,
    pub job_id: i64,
    pub inspector_id: i64,
    pub inspector_name: String,
    pub at: String,
    pub passed: bool,
    pub odometer_out: Option<i64>,
    /// On failure: what is to be redone.
    pub redo: Option<String>,
    /// Major vehicle work: the completion certificate's number.
    pub certificate_number: Option<String>,
    pub items: Vec<CheckItem>,
}

//! The joint inspection's records: findings by area and condition, and the
//! customer's acknowledgment; the standard checklists. Tests: tests/core/job/inspection.rs.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    Ok,
    PreExistingDamage,
    FaultFound,
    NotChecked,
}

impl Condition {
    pub fn code(self) -> &'static str {
        match self {
            Condition::Ok => "ok",
            Condition::PreExistingDamage => "pre_existing_damage",
            Condition::FaultFound => "fault_found",
            Condition::NotChecked => "not_checked",
        }
    }
    pub fn parse(s: &str) -> Condition {
        match s {
            "ok" => Condition::Ok,
            "pre_existing_damage" => Condition::PreExistingDamage,
            "fault_found" => Condition::FaultFound,
            _ => Condition::NotChecked,
        }
    }
}

/// Checklist areas: (code, English, Chinese).
pub const VEHICLE_CHECKLIST: &[(&str, &str, &str)] = &[
    ("body_panels", "Body panels", "车身外观"),
    ("glass", "Glass", "玻璃"),
    ("lights", "Lights", "灯光"),
    ("tyres", "Tyres", "轮胎"),
    ("interior", "Interior", "内饰"),
    ("fuel_level", "Fuel level", "燃油量"),
    ("warning_lights", "Warning lights", "故障指示灯"),
    ("accessories_left", "Accessories left in it", "车内遗留物品"),
];

pub const DEVICE_CHECKLIST: &[(&str, &str, &str)] = &[
    ("screen", "Screen", "屏幕"),
    ("casing", "Casing", "外壳"),
    ("buttons", "Buttons", "按键"),
    ("ports", "Ports", "接口"),
    ("liquid_damage", "Liquid damage", "进液痕迹"),
    ("accessories", "Accessories", "随机附件"),
];

/// The English and Chinese label of an area code (free areas are their own label).
pub fn area_label(code: &str) -> (String, String) {
    VEHICLE_CHECKLIST
        .iter()
        .chain(DEVICE_CHECKLIST)
        .find(|(c, _, _)| *c == code)
        .map(|(_, en, zh)| (en.to_string(), zh.to_string()))
        .unwrap_or_else(|| (code.to_string(), code.to_string()))
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Finding {
    pub id: i64,
    pub area: String,
    pub label: String,
    pub label_zh: String,
    pub from_checklist: bool,
    pub condition: Condition,
    pub note: Option<String>,
    pub photo_ids: Vec<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Acknowledgment {
    pub name: String,
    pub at: String,
    pub method: AckMethod,
    pub has_signature: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum AckMethod {
    /// Signed on the counter's pad or on paper (signature image required).
    Signature,
    /// Agreed in person without a signature.
    Verbal,
    /// Confirmed by electronic message.
    Electronic,
}

impl AckMethod {
    pub fn code(self) -> &'static str {
        match self {
            AckMethod::Signature => "signature",
            AckMethod::Verbal => "verbal",
            AckMethod::Electronic => "electronic",
        }
    }
}

/// What kind of damage a mark on the outline records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum DamageKind {
    Scratch,
    Dent,
    Crack,
    Chip,
    Missing,
    Other,
}

impl DamageKind {
    pub const ALL: [DamageKind; 6] = [
        DamageKind::Scratch,
        DamageKind::Dent,
        DamageKind::Crack,
        DamageKind::Chip,
        DamageKind::Missing,
        DamageKind::Other,
    ];
    pub fn code(self) -> &'static str {
        match self {
            DamageKind::Scratch => "scratch",
            DamageKind::Dent => "dent",
            DamageKind::Crack => "crack",
            DamageKind::Chip => "chip",
            DamageKind::Missing => "missing",
            DamageKind::Other => "other",
        }
    }
    pub fn parse(s: &str) -> DamageKind {
        Self::ALL
            .into_iter()
            .find(|k| k.code() == s)
            .unwrap_or(DamageKind::Other)
    }
}

/// Damage marked on the vehicle outline (seen from above, front at the top):
/// `x` across from the left side, `y` down from the front, in thousandths.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct DamageMark {
    pub id: i64,
    pub x: i64,
    pub y: i64,
    pub kind: DamageKind,
    pub note: Option<String>,
}

impl DamageMark {
    /// Where on the vehicle, in words: (front|middle|rear, left|centre|right).
    pub fn region(&self) -> (&'static str, &'static str) {
        let along = match self.y {
            ..=333 => "front",
            334..=666 => "middle",
            _ => "rear",
        };
        let across = match self.x {
            ..=333 => "left",
            334..=666 => "centre",
            _ => "right",
        };
        (along, across)
    }
}

/// The item's condition at intake beyond the checklist.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct IntakeCondition {
    /// Fuel gauge in eighths (0 empty … 8 full); vehicles only.
    pub fuel_eighths: Option<i64>,
    /// Keys handed over with the vehicle.
    pub keys_left: Option<i64>,
    /// Valuables or accessories left in or with the item.
    pub valuables: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Inspection {
    pub id: i64,
    pub job_id: i64,
    pub staff_id: i64,
    pub started_at: String,
    pub findings: Vec<Finding>,
    pub acknowledgment: Option<Acknowledgment>,
    pub intake: IntakeCondition,
    pub marks: Vec<DamageMark>,
}

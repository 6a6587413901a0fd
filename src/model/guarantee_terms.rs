//! The shop's guarantee table: terms by repair category and kind of item, shipped
//! with China's statutory minimums for motor vehicles and the 30-day minimum for
//! repaired household appliances (see compliance.md). A row whose minimum the
//! shop has switched on cannot be set below it.
//!
//! Tests: beside the code and tests/core/job/guarantee.rs.

use crate::base::error::{Error, Result};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum RepairCategory {
    /// Whole-vehicle or major-assembly repair (整车/总成修理); gets a completion certificate.
    VehicleMajor,
    /// Level-2 maintenance (二级维护).
    VehicleLevel2,
    /// Level-1 maintenance, minor or specialist repair (一级维护、小修、专项修理).
    VehicleMinor,
    /// Repaired household appliance.
    Appliance,
    /// Phones, computers and other electronics.
    Electronics,
}

impl RepairCategory {
    pub const ALL: [RepairCategory; 5] = [
        RepairCategory::VehicleMajor,
        RepairCategory::VehicleLevel2,
        RepairCategory::VehicleMinor,
        RepairCategory::Appliance,
        RepairCategory::Electronics,
    ];
    pub fn code(self) -> &'static str {
        match self {
            RepairCategory::VehicleMajor => "vehicle_major",
            RepairCategory::VehicleLevel2 => "vehicle_level2",
            RepairCategory::VehicleMinor => "vehicle_minor",
            RepairCategory::Appliance => "appliance",
            RepairCategory::Electronics => "electronics",
        }
    }
    pub fn parse(s: &str) -> Option<RepairCategory> {
        Self::ALL.into_iter().find(|c| c.code() == s)
    }
    pub fn is_vehicle(self) -> bool {
        matches!(
            self,
            RepairCategory::VehicleMajor
                | RepairCategory::VehicleLevel2
                | RepairCategory::VehicleMinor
        )
    }
    pub fn labels(self) -> (&'static str, &'static str) {
        match self {
            RepairCategory::VehicleMajor => {
                ("Whole-vehicle or major-assembly repair", "整车/总成修理")
            }
            RepairCategory::VehicleLevel2 => ("Level-2 maintenance", "二级维护"),
            RepairCategory::VehicleMinor => (
                "Level-1 maintenance, minor or specialist repair",
                "一级维护、小修及专项修理",
            ),
            RepairCategory::Appliance => ("Household appliance repair", "家用电器维修"),
            RepairCategory::Electronics => ("Electronics repair", "电子产品维修"),
        }
    }
}

/// Which items a row applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum AppliesTo {
    Car,
    Motorcycle,
    OtherVehicle,
    Device,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct GuaranteeTerm {
    pub category: RepairCategory,
    pub applies_to: AppliesTo,
    /// Days of cover; `None` when only distance counts.
    pub days: Option<u32>,
    /// Kilometres of cover; `None` when only days count.
    pub km: Option<u32>,
    /// The statutory minimum (days, km), where one applies.
    pub minimum_days: Option<u32>,
    pub minimum_km: Option<u32>,
    /// Refuse terms below the minimum.
    pub enforce_minimum: bool,
}

fn row(
    category: RepairCategory,
    applies_to: AppliesTo,
    days: u32,
    km: Option<u32>,
) -> GuaranteeTerm {
    GuaranteeTerm {
        category,
        applies_to,
        days: Some(days),
        km,
        minimum_days: Some(days),
        minimum_km: km,
        enforce_minimum: true,
    }
}

/// The shipped table: China's minimums (compliance.md), enforced.
pub fn default_table() -> Vec<GuaranteeTerm> {
    use AppliesTo::*;
    use RepairCategory::*;
    vec![
        row(VehicleMajor, Car, 100, Some(20_000)),
        row(VehicleLevel2, Car, 30, Some(5_000)),
        row(VehicleMinor, Car, 10, Some(2_000)),
        row(VehicleMajor, Motorcycle, 80, Some(7_000)),
        row(VehicleLevel2, Motorcycle, 10, Some(800)),
        row(VehicleMinor, Motorcycle, 10, Some(800)),
        row(VehicleMajor, OtherVehicle, 60, Some(6_000)),
        row(VehicleLevel2, OtherVehicle, 7, Some(700)),
        row(VehicleMinor, OtherVehicle, 7, Some(700)),
        row(Appliance, Device, 30, None),
        GuaranteeTerm {
            category: Electronics,
            applies_to: Device,
            days: Some(90),
            km: None,
            minimum_days: None,
            minimum_km: None,
            enforce_minimum: false,
        },
    ]
}

/// Refuses terms below an enforced minimum, and terms with neither days nor km.
pub fn check_terms(
    field: &str,
    t: &GuaranteeTerm,
    days: Option<u32>,
    km: Option<u32>,
) -> Result<()> {
    if days.is_none() && km.is_none() {
        return Err(Error::invalid(
            field,
            "A guarantee needs days, a distance, or both",
            "质量保证须有天数或里程",
        ));
    }
    if days.is_some_and(|d| d > 3650) || km.is_some_and(|k| k > 1_000_000) {
        return Err(Error::invalid(
            field,
            "Guarantee terms are limited to 10 years and 1,000,000 km",
            "保证期不超过 10 年和 1,000,000 公里",
        ));
    }
    if !t.enforce_minimum {
        return Ok(());
    }
    let short_days = t.minimum_days.is_some_and(|m| days.is_none_or(|d| d < m));
    let short_km = t.minimum_km.is_some_and(|m| km.is_none_or(|k| k < m));
    if short_days || short_km {
        let (en, zh) = t.category.labels();
        return Err(Error::invalid(
            field,
            format!(
                "{en}: the guarantee may not be below {} days / {} km",
                t.minimum_days.map_or("–".into(), |d| d.to_string()),
                t.minimum_km.map_or("–".into(), |k| k.to_string())
            ),
            format!(
                "{zh}：质量保证期不得低于 {} 天 / {} 公里",
                t.minimum_days.map_or("–".into(), |d| d.to_string()),
                t.minimum_km.map_or("–".into(), |k| k.to_string())
            ),
        ));
    }
    Ok(())
}

/// Validates the whole table as the shop edits it.
pub fn check_table(table: &[GuaranteeTerm]) -> Result<()> {
    for (i, t) in table.iter().enumerate() {
        check_terms(&format!("guarantee_table[{i}]"), t, t.days, t.km)?;
        if table[..i]
            .iter()
            .any(|o| o.category == t.category && o.applies_to == t.applies_to)
        {
            return Err(Error::invalid(
                &format!("guarantee_table[{i}]"),
                "Each category and kind of item appears once",
                "每个类别和物品类型只能出现一次",
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_table_meets_its_own_minimums() {
        assert!(check_table(&default_table()).is_ok());
    }

    #[test]
    fn below_an_enforced_minimum_is_refused() {
        let t = &default_table()[0];
        assert!(check_terms("x", t, Some(99), Some(20_000)).is_err());
        assert!(check_terms("x", t, Some(100), Some(19_999)).is_err());
        assert!(check_terms("x", t, Some(100), None).is_err());
        assert!(check_terms("x", t, Some(365), Some(30_000)).is_ok());
        let mut relaxed = t.clone();
        relaxed.enforce_minimum = false;
        assert!(check_terms("x", &relaxed, Some(30), None).is_ok());
    }
}

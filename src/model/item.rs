//! Items brought in (vehicles and devices), their identifying details with
//! pure normalisation (plates, VINs, serials), ownership and odometer readings.
//! Tests: tests/core/records/items.rs.

use crate::base::error::{Error, Result};
use crate::base::text::{optional, required};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The highest odometer reading the counter accepts, in km, wherever one is typed.
pub const MAX_ODOMETER: i64 = 10_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default, TS)]
#[serde(rename_all = "snake_case")]
pub enum VehicleClass {
    #[default]
    Car,
    Motorcycle,
    Other,
}

impl VehicleClass {
    pub fn code(self) -> &'static str {
        match self {
            VehicleClass::Car => "car",
            VehicleClass::Motorcycle => "motorcycle",
            VehicleClass::Other => "other",
        }
    }
    pub fn parse(s: &str) -> VehicleClass {
        match s {
            "motorcycle" => VehicleClass::Motorcycle,
            "other" => VehicleClass::Other,
            _ => VehicleClass::Car,
        }
    }
}

/// What an item is, with the fields of its kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ItemSpec {
    Vehicle {
        plate: Option<String>,
        vin: Option<String>,
        make: String,
        model: String,
        year: Option<i32>,
        colour: Option<String>,
        #[serde(default)]
        vehicle_class: VehicleClass,
    },
    Device {
        /// phone, laptop, washing machine, …
        category: String,
        brand: String,
        model: Option<String>,
        /// Serial number or IMEI.
        serial: Option<String>,
    },
}

impl ItemSpec {
    pub fn kind_code(&self) -> &'static str {
        match self {
            ItemSpec::Vehicle { .. } => "vehicle",
            ItemSpec::Device { .. } => "device",
        }
    }

    /// Validates and normalises (plates and VINs upper case without spaces).
    pub fn clean(&self) -> Result<ItemSpec> {
        Ok(match self {
            ItemSpec::Vehicle {
                plate,
                vin,
                make,
                model,
                year,
                colour,
                vehicle_class,
            } => {
                let plate = optional("plate", plate, 20)?.map(|p| squash_upper(&p));
                let vin = optional("vin", vin, 17)?.map(|v| squash_upper(&v));
                if plate.is_none() && vin.is_none() {
                    return Err(Error::invalid(
                        "plate",
                        "A vehicle needs a plate or a VIN",
                        "车辆须填写车牌号或车架号",
                    ));
                }
                if let Some(v) = &vin {
                    let ok = v.len() == 17
                        && v.bytes()
                            .all(|b| b.is_ascii_alphanumeric() && !matches!(b, b'I' | b'O' | b'Q'));
                    if !ok {
                        return Err(Error::invalid(
                            "vin",
                            format!("'{v}' is not a VIN (17 letters and digits, no I, O or Q)"),
                            format!("“{v}”不是有效车架号（17 位字母数字，不含 I、O、Q）"),
                        ));
                    }
                }
                if let Some(y) = year {
                    if !(1900..=2100).contains(y) {
                        return Err(Error::invalid(
                            "year",
                            "Year must be between 1900 and 2100",
                            "年份必须在 1900 到 2100 之间",
                        ));
                    }
                }
                ItemSpec::Vehicle {
                    plate,
                    vin,
                    make: required("make", make, 100)?,
                    model: required("model", model, 100)?,
                    year: *year,
                    colour: optional("colour", colour, 50)?,
                    vehicle_class: *vehicle_class,
                }
            }
            ItemSpec::Device {
                category,
                brand,
                model,
                serial,
            } => ItemSpec::Device {
                category: required("category", category, 100)?,
                brand: required("brand", brand, 100)?,
                model: optional("model", model, 100)?,
                serial: optional("serial", serial, 64)?.map(|s| squash_upper(&s)),
            },
        })
    }

    /// The text the search index holds for this item.
    pub fn search_body(&self) -> String {
        let parts: Vec<&str> = match self {
            ItemSpec::Vehicle {
                plate,
                vin,
                make,
                model,
                ..
            } => [
                plate.as_deref(),
                vin.as_deref(),
                Some(make.as_str()),
                Some(model.as_str()),
            ]
            .into_iter()
            .flatten()
            .collect(),
            ItemSpec::Device {
                brand,
                model,
                serial,
                category,
            } => [
                serial.as_deref(),
                Some(brand.as_str()),
                model.as_deref(),
                Some(category.as_str()),
            ]
            .into_iter()
            .flatten()
            .collect(),
        };
        parts.join(" ")
    }

    /// A one-line label: "粤B12345 Toyota Corolla" or "Apple iPhone 13 (SN…)".
    pub fn label(&self) -> String {
        match self {
            ItemSpec::Vehicle {
                plate,
                vin,
                make,
                model,
                ..
            } => {
                format!(
                    "{} {make} {model}",
                    plate.clone().or_else(|| vin.clone()).unwrap_or_default()
                )
            }
            ItemSpec::Device {
                brand,
                model,
                serial,
                ..
            } => {
                let mut s = format!("{brand} {}", model.clone().unwrap_or_default());
                if let Some(sn) = serial {
                    s.push_str(&format!(" ({sn})"));
                }
                s.trim().to_string()
            }
        }
    }
}

fn squash_upper(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Item {
    pub id: i64,
    pub owner_id: i64,
    #[serde(flatten)]
    pub spec: ItemSpec,
    pub label: String,
    /// The latest odometer reading (vehicles).
    pub odometer: Option<i64>,
}

#[derive(Debug, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Ownership {
    pub customer_id: i64,
    pub customer_name: String,
    pub from_at: String,
    pub until_at: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct OdometerReading {
    pub reading: i64,
    pub at: String,
    pub source: String,
}

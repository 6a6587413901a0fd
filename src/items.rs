//! Items brought in for repair: vehicles and devices/appliances. An item keeps its
//! history across owners (the guarantee card follows the item), and a vehicle keeps
//! every odometer reading taken at the counter.

use crate::api::Ctx;
use crate::error::{Error, Result};
use crate::store;
use crate::text::{optional, required};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

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

/// Creates an item owned by `owner_id` inside the caller's transaction.
pub fn insert(ctx: &Ctx, staff_id: i64, owner_id: i64, spec: &ItemSpec) -> Result<Item> {
    crate::customers::load(ctx, owner_id)?;
    let spec = spec.clean()?;
    if let Some(existing) = store::items::find_duplicate(ctx.tx, &spec, None)? {
        return Err(Error::invalid(
            "item",
            format!("This item is already registered (item {existing}); use it instead"),
            format!("该物品已登记（编号 {existing}），请直接选用"),
        ));
    }
    let now = ctx.now_text();
    let id = store::items::insert(ctx.tx, owner_id, &spec, &now)?;
    store::items::open_ownership(ctx.tx, id, owner_id, &now, staff_id)?;
    store::search::index_item(ctx.tx, id)?;
    load(ctx, id)
}

pub fn load(ctx: &Ctx, id: i64) -> Result<Item> {
    store::items::get(ctx.tx, id)?.ok_or_else(|| Error::not_found("Item", "物品", id).at("item_id"))
}

/// Records an odometer reading; a reading below the last one is refused.
pub fn record_odometer(
    ctx: &Ctx,
    item: &Item,
    reading: i64,
    job_id: Option<i64>,
    source: &str,
) -> Result<()> {
    if !matches!(item.spec, ItemSpec::Vehicle { .. }) {
        return Err(Error::invalid(
            "odometer",
            "Only vehicles have an odometer",
            "只有车辆有里程表",
        ));
    }
    if !(0..=10_000_000).contains(&reading) {
        return Err(Error::invalid(
            "odometer",
            "Odometer must be 0 to 10,000,000 km",
            "里程必须在 0 到 10,000,000 公里之间",
        ));
    }
    if let Some(last) = item.odometer {
        if reading < last {
            return Err(Error::invalid(
                "odometer",
                format!("Odometer {reading} is below the last reading {last}"),
                format!("里程 {reading} 低于上次记录 {last}"),
            ));
        }
    }
    store::items::add_odometer(ctx.tx, item.id, reading, &ctx.now_text(), job_id, source)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct CreateItem {
    pub staff_id: i64,
    pub owner_id: i64,
    pub item: ItemSpec,
    pub odometer: Option<i64>,
}

pub fn create(ctx: &Ctx, input: CreateItem) -> Result<Item> {
    crate::staff::actor(ctx, input.staff_id)?;
    let item = insert(ctx, input.staff_id, input.owner_id, &input.item)?;
    if let Some(km) = input.odometer {
        record_odometer(ctx, &item, km, None, "manual")?;
    }
    load(ctx, item.id)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct UpdateItem {
    pub staff_id: i64,
    pub id: i64,
    pub item: ItemSpec,
}

pub fn update(ctx: &Ctx, input: UpdateItem) -> Result<Item> {
    crate::staff::actor(ctx, input.staff_id)?;
    let old = load(ctx, input.id)?;
    let spec = input.item.clean()?;
    if old.spec.kind_code() != spec.kind_code() {
        return Err(Error::invalid(
            "item.kind",
            "An item cannot change kind",
            "物品类型不能更改",
        ));
    }
    if let Some(existing) = store::items::find_duplicate(ctx.tx, &spec, Some(input.id))? {
        return Err(Error::invalid(
            "item",
            format!("Another item has the same plate, VIN or serial (item {existing})"),
            format!("另一物品（编号 {existing}）已使用相同的车牌、车架号或序列号"),
        ));
    }
    store::items::update(ctx.tx, input.id, &spec)?;
    store::search::index_item(ctx.tx, input.id)?;
    load(ctx, input.id)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct TransferItem {
    pub staff_id: i64,
    pub id: i64,
    pub new_owner_id: i64,
}

/// Moves an item to a new owner; its jobs, cards and readings stay with it.
pub fn transfer(ctx: &Ctx, input: TransferItem) -> Result<Item> {
    crate::staff::actor(ctx, input.staff_id)?;
    let item = load(ctx, input.id)?;
    crate::customers::load(ctx, input.new_owner_id).map_err(|e| e.at("new_owner_id"))?;
    if item.owner_id == input.new_owner_id {
        return Err(Error::invalid(
            "new_owner_id",
            "The item already belongs to this customer",
            "该物品已属于此客户",
        ));
    }
    let now = ctx.now_text();
    store::items::close_ownership(ctx.tx, input.id, &now)?;
    store::items::open_ownership(ctx.tx, input.id, input.new_owner_id, &now, input.staff_id)?;
    store::items::set_owner(ctx.tx, input.id, input.new_owner_id)?;
    load(ctx, input.id)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct RecordOdometer {
    pub staff_id: i64,
    pub id: i64,
    pub reading: i64,
}

pub fn odometer(ctx: &Ctx, input: RecordOdometer) -> Result<Item> {
    crate::staff::actor(ctx, input.staff_id)?;
    let item = load(ctx, input.id)?;
    record_odometer(ctx, &item, input.reading, None, "manual")?;
    load(ctx, input.id)
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

#[derive(Debug, Serialize, JsonSchema, TS)]
pub struct ItemDetail {
    pub item: Item,
    pub owner: crate::customers::Customer,
    pub owners: Vec<Ownership>,
    pub odometer_readings: Vec<OdometerReading>,
    pub recommendations: Vec<crate::approval::Recommendation>,
    pub jobs: Vec<crate::job::JobSummary>,
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct ItemId {
    pub id: i64,
}

pub fn get(ctx: &Ctx, input: ItemId) -> Result<ItemDetail> {
    let item = load(ctx, input.id)?;
    Ok(ItemDetail {
        owner: crate::customers::load(ctx, item.owner_id)?,
        owners: store::items::owners(ctx.tx, input.id)?,
        odometer_readings: store::items::odometer_readings(ctx.tx, input.id)?,
        recommendations: store::approvals::open_recommendations(ctx.tx, input.id)?,
        jobs: store::jobs::summaries_for_item(ctx.tx, input.id, 50)?,
        item,
    })
}

//! Items brought in for repair: vehicles and devices/appliances. An item keeps its
//! history across owners (the guarantee card follows the item), and a vehicle keeps
//! every odometer reading taken at the counter.
//!
//! Tests: tests/core/records/items.rs.

use crate::base::error::{Error, Result};
use crate::ctx::Ctx;
use crate::model::item::{Item, ItemSpec, OdometerReading, Ownership, MAX_ODOMETER};
use crate::store;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Creates an item owned by `owner_id` inside the caller's transaction.
pub fn insert(ctx: &Ctx, staff_id: i64, owner_id: i64, spec: &ItemSpec) -> Result<Item> {
    crate::records::customers::load(ctx, owner_id)?;
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
    if !(0..=MAX_ODOMETER).contains(&reading) {
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
    crate::shop::staff::actor(ctx, input.staff_id)?;
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
    crate::shop::staff::actor(ctx, input.staff_id)?;
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
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let item = load(ctx, input.id)?;
    crate::records::customers::load(ctx, input.new_owner_id).map_err(|e| e.at("new_owner_id"))?;
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
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let item = load(ctx, input.id)?;
    record_odometer(ctx, &item, input.reading, None, "manual")?;
    load(ctx, input.id)
}

#[derive(Debug, Serialize, JsonSchema, TS)]
pub struct ItemDetail {
    pub item: Item,
    pub owner: crate::model::customer::Customer,
    pub owners: Vec<Ownership>,
    pub odometer_readings: Vec<OdometerReading>,
    pub recommendations: Vec<crate::model::approval::Recommendation>,
    pub jobs: Vec<crate::model::job::JobSummary>,
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct ItemId {
    pub id: i64,
}

pub fn get(ctx: &Ctx, input: ItemId) -> Result<ItemDetail> {
    let item = load(ctx, input.id)?;
    Ok(ItemDetail {
        owner: crate::records::customers::load(ctx, item.owner_id)?,
        owners: store::items::owners(ctx.tx, input.id)?,
        odometer_readings: store::items::odometer_readings(ctx.tx, input.id)?,
        recommendations: store::approvals::open_recommendations(ctx.tx, input.id)?,
        jobs: store::jobs::summaries_for_item(ctx.tx, input.id, 50)?,
        item,
    })
}

//! The item's condition at intake, recorded during the joint inspection beside
//! its checklist: the fuel gauge and keys handed over (vehicles), valuables left
//! in or with the item, and damage marked on a vehicle outline. Like the rest of
//! the inspection it may change until the customer acknowledges it, then it is
//! frozen (the store's triggers refuse a late mark too).
//!
//! Tests: tests/core/job/intake.rs.

use crate::base::error::{Error, Result};
use crate::base::text::optional;
use crate::ctx::Ctx;
use crate::job::inspection::{for_job, open_for_edit};
use crate::model::inspection::{DamageKind, DamageMark, Inspection, IntakeCondition};
use crate::model::item::ItemSpec;
use crate::store;
use schemars::JsonSchema;
use serde::Deserialize;
use ts_rs::TS;

/// Most damage marks on one inspection.
pub const MAX_MARKS: usize = 60;

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct SetIntake {
    pub staff_id: i64,
    pub job: String,
    /// 0 (empty) to 8 (full); vehicles only.
    pub fuel_eighths: Option<i64>,
    /// 0 to 20; vehicles only.
    pub keys_left: Option<i64>,
    pub valuables: Option<String>,
}

/// Sets the fuel level, keys and valuables (each `null` clears it).
pub fn set(ctx: &Ctx, input: SetIntake) -> Result<Inspection> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let (job, insp) = open_for_edit(ctx, &input.job)?;
    let vehicle = matches!(
        crate::records::items::load(ctx, job.item_id)?.spec,
        ItemSpec::Vehicle { .. }
    );
    let within = |field: &str, v: Option<i64>, max: i64| -> Result<Option<i64>> {
        match v {
            Some(_) if !vehicle => Err(Error::invalid(
                field,
                "Only a vehicle has a fuel gauge and keys",
                "只有车辆需要记录油量和钥匙",
            )),
            Some(n) if !(0..=max).contains(&n) => Err(Error::invalid(
                field,
                format!("From 0 to {max}"),
                format!("应在 0 到 {max} 之间"),
            )),
            v => Ok(v),
        }
    };
    let intake = IntakeCondition {
        fuel_eighths: within("fuel_eighths", input.fuel_eighths, 8)?,
        keys_left: within("keys_left", input.keys_left, 20)?,
        valuables: optional("valuables", &input.valuables, 500)?,
    };
    store::inspections::set_intake(ctx.tx, insp.id, &intake)?;
    Ok(for_job(ctx, job.id)?.unwrap_or(insp))
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct MarkDamage {
    pub staff_id: i64,
    pub job: String,
    /// Across from the vehicle's left side, 0–1000.
    pub x: i64,
    /// Down from its front, 0–1000.
    pub y: i64,
    pub kind: DamageKind,
    pub note: Option<String>,
}

/// Marks damage on the vehicle outline.
pub fn mark(ctx: &Ctx, input: MarkDamage) -> Result<Inspection> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let (job, insp) = open_for_edit(ctx, &input.job)?;
    if !matches!(
        crate::records::items::load(ctx, job.item_id)?.spec,
        ItemSpec::Vehicle { .. }
    ) {
        return Err(Error::invalid(
            "x",
            "Damage is marked on a vehicle's outline; for a device, add a finding",
            "车身示意图仅用于车辆；设备请添加检查项",
        ));
    }
    for (field, v) in [("x", input.x), ("y", input.y)] {
        if !(0..=1000).contains(&v) {
            return Err(Error::invalid(
                field,
                "The mark must be on the outline",
                "标记须在示意图内",
            ));
        }
    }
    if insp.marks.len() >= MAX_MARKS {
        return Err(Error::invalid(
            "x",
            format!("At most {MAX_MARKS} marks; describe the rest in a finding"),
            format!("最多 {MAX_MARKS} 处标记，其余请写在检查项中"),
        ));
    }
    let m = DamageMark {
        id: 0,
        x: input.x,
        y: input.y,
        kind: input.kind,
        note: optional("note", &input.note, 200)?,
    };
    store::inspections::insert_mark(ctx.tx, insp.id, &m)?;
    Ok(for_job(ctx, job.id)?.unwrap_or(insp))
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct RemoveMark {
    pub staff_id: i64,
    pub job: String,
    pub mark_id: i64,
}

/// Takes a mark off again (a slip of the finger), before the acknowledgment.
pub fn remove(ctx: &Ctx, input: RemoveMark) -> Result<Inspection> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let (job, insp) = open_for_edit(ctx, &input.job)?;
    if !store::inspections::delete_mark(ctx.tx, insp.id, input.mark_id)? {
        return Err(Error::not_found("Damage mark", "损伤标记", input.mark_id).at("mark_id"));
    }
    Ok(for_job(ctx, job.id)?.unwrap_or(insp))
}

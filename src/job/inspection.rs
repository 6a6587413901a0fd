//! Joint inspection: walking round the item with the customer before the job order
//! is written. The checklist depends on the item's kind; free findings may be added.
//! Once the customer acknowledges the record it is frozen (they hold a copy).
//! Photos are stored as bytes the app owns, never as a path into the user's disk.
//!
//! Tests: tests/core/job/inspection.rs.

use crate::base::error::{Error, ErrorCode, Result};
use crate::base::image::decode_image;
use crate::base::text::{optional, required};
use crate::ctx::Ctx;
use crate::job;
use crate::model::inspection::{
    AckMethod, Condition, Inspection, DEVICE_CHECKLIST, VEHICLE_CHECKLIST,
};
use crate::model::item::ItemSpec;
use crate::model::job::JobState;
use crate::model::job_event::{JobEventKind, StateChange};
use crate::store;
use base64::Engine;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub fn for_job(ctx: &Ctx, job_id: i64) -> Result<Option<Inspection>> {
    store::inspections::for_job(ctx.tx, job_id)
}

pub(crate) fn open_for_edit(ctx: &Ctx, job_number: &str) -> Result<(job::Job, Inspection)> {
    let job = job::by_number(ctx, job_number)?;
    let insp = for_job(ctx, job.id)?.ok_or_else(|| {
        Error::state(
            format!("Job {} has no inspection yet; start one first", job.number),
            format!("工单 {} 尚未开始检查", job.number),
        )
    })?;
    if insp.acknowledgment.is_some() {
        return Err(Error::new(
            ErrorCode::Immutable,
            "The customer has acknowledged this inspection; it can no longer change",
            "客户已确认该检查记录，不能再修改",
        ));
    }
    Ok((job, insp))
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct StartInspection {
    pub staff_id: i64,
    pub job: String,
}

/// Opens the inspection with the checklist of the item's kind, every area not checked.
pub fn start(ctx: &Ctx, input: StartInspection) -> Result<Inspection> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let job = job::by_number(ctx, &input.job)?;
    job::require_state(
        &job,
        &[JobState::Received],
        "start the inspection",
        "开始检查",
    )?;
    if let Some(existing) = for_job(ctx, job.id)? {
        return Ok(existing);
    }
    let item = crate::records::items::load(ctx, job.item_id)?;
    let list = match item.spec {
        ItemSpec::Vehicle { .. } => VEHICLE_CHECKLIST,
        ItemSpec::Device { .. } => DEVICE_CHECKLIST,
    };
    let id = store::inspections::insert(ctx.tx, job.id, input.staff_id, &ctx.now_text())?;
    for (code, _, _) in list {
        store::inspections::insert_finding(ctx.tx, id, code, true, Condition::NotChecked, None)?;
    }
    job::record(
        ctx,
        job.id,
        input.staff_id,
        JobEventKind::InspectionStarted {},
    )?;
    Ok(for_job(ctx, job.id)?.expect("just inserted"))
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct RecordFinding {
    pub staff_id: i64,
    pub job: String,
    /// The checklist row or earlier finding to update; omit to add a free finding.
    pub finding_id: Option<i64>,
    /// The area of a free finding ("rear bumper", "charging port").
    pub area: Option<String>,
    pub condition: Condition,
    pub note: Option<String>,
}

pub fn record_finding(ctx: &Ctx, input: RecordFinding) -> Result<Inspection> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let (job, insp) = open_for_edit(ctx, &input.job)?;
    let note = optional("note", &input.note, 1000)?;
    if matches!(
        input.condition,
        Condition::PreExistingDamage | Condition::FaultFound
    ) && note.is_none()
    {
        return Err(Error::invalid(
            "note",
            "Describe the damage or fault in the note",
            "请在备注中描述损伤或故障",
        ));
    }
    match input.finding_id {
        Some(fid) => {
            if !insp.findings.iter().any(|f| f.id == fid) {
                return Err(Error::not_found("Finding", "检查项", fid).at("finding_id"));
            }
            store::inspections::update_finding(ctx.tx, fid, input.condition, note.as_deref())?;
        }
        None => {
            let area = required("area", input.area.as_deref().unwrap_or(""), 100)?;
            store::inspections::insert_finding(
                ctx.tx,
                insp.id,
                &area,
                false,
                input.condition,
                note.as_deref(),
            )?;
        }
    }
    job::record(
        ctx,
        job.id,
        input.staff_id,
        JobEventKind::Finding {
            finding_id: input.finding_id,
            area: input.area.clone(),
            condition: input.condition.code().to_string(),
            note,
        },
    )?;
    Ok(for_job(ctx, job.id)?.expect("exists"))
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct AddPhoto {
    pub staff_id: i64,
    pub job: String,
    pub finding_id: i64,
    /// PNG or JPEG bytes, base64.
    pub data_base64: String,
}

#[derive(Debug, Serialize, JsonSchema, TS)]
pub struct PhotoAdded {
    pub photo_id: i64,
}

pub fn add_photo(ctx: &Ctx, input: AddPhoto) -> Result<PhotoAdded> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let (job, insp) = open_for_edit(ctx, &input.job)?;
    if !insp.findings.iter().any(|f| f.id == input.finding_id) {
        return Err(Error::not_found("Finding", "检查项", input.finding_id).at("finding_id"));
    }
    let (mime, bytes) = decode_image("data_base64", &input.data_base64)?;
    let photo_id = store::inspections::insert_photo(ctx.tx, input.finding_id, &mime, &bytes)?;
    job::record(
        ctx,
        job.id,
        input.staff_id,
        JobEventKind::Photo {
            finding_id: input.finding_id,
            photo_id,
        },
    )?;
    Ok(PhotoAdded { photo_id })
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct PhotoId {
    pub id: i64,
}

#[derive(Debug, Serialize, JsonSchema, TS)]
pub struct Photo {
    pub id: i64,
    pub mime: String,
    pub data_base64: String,
}

pub fn photo(ctx: &Ctx, input: PhotoId) -> Result<Photo> {
    let (mime, bytes) = store::inspections::photo(ctx.tx, input.id)?
        .ok_or_else(|| Error::not_found("Photo", "照片", input.id).at("id"))?;
    Ok(Photo {
        id: input.id,
        mime,
        data_base64: base64::engine::general_purpose::STANDARD.encode(bytes),
    })
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Acknowledge {
    pub staff_id: i64,
    pub job: String,
    /// Who acknowledged: the customer or a designated person.
    pub name: String,
    pub method: AckMethod,
    /// PNG or JPEG of the signature, base64; required for `signature`.
    pub signature_base64: Option<String>,
}

/// "All OK": every checklist row still unchecked is marked OK in one step
/// (what was found stays as recorded).
pub fn all_ok(ctx: &Ctx, input: StartInspection) -> Result<Inspection> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let (job, insp) = open_for_edit(ctx, &input.job)?;
    for f in insp
        .findings
        .iter()
        .filter(|f| f.condition == Condition::NotChecked)
    {
        store::inspections::update_finding(ctx.tx, f.id, Condition::Ok, f.note.as_deref())?;
    }
    Ok(for_job(ctx, job.id)?.unwrap_or(insp))
}

/// The customer acknowledges the record; it freezes and the job is inspected.
/// Every checklist row must be looked at first: an unchecked row is refused.
pub fn acknowledge(ctx: &Ctx, input: Acknowledge) -> Result<Inspection> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let (mut job, insp) = open_for_edit(ctx, &input.job)?;
    let unchecked: Vec<&str> = insp
        .findings
        .iter()
        .filter(|f| f.condition == Condition::NotChecked)
        .map(|f| f.label.as_str())
        .collect();
    if !unchecked.is_empty() {
        return Err(Error::invalid(
            "findings",
            format!(
                "{} checklist rows are not checked yet ({}): mark each, or All OK",
                unchecked.len(),
                unchecked.join(", ")
            ),
            format!(
                "还有 {} 项未检查：请逐项标记，或点“全部正常”",
                unchecked.len()
            ),
        ));
    }
    let name = required("name", &input.name, 200)?;
    let signature = match (&input.method, input.signature_base64.as_deref()) {
        (_, Some(s)) if !s.trim().is_empty() => Some(decode_image("signature_base64", s)?.1),
        (AckMethod::Signature, _) => {
            return Err(Error::invalid(
                "signature_base64",
                "A signed acknowledgment needs the signature",
                "签字确认需要签名图片",
            ))
        }
        _ => None,
    };
    store::inspections::acknowledge(
        ctx.tx,
        job.id,
        &name,
        &ctx.now_text(),
        input.method.code(),
        signature.as_deref(),
    )?;
    job::transition(
        ctx,
        &mut job,
        JobState::Inspected,
        input.staff_id,
        StateChange {
            acknowledged_by: Some(name),
            method: Some(input.method.code().to_string()),
            ..StateChange::default()
        },
    )?;
    Ok(for_job(ctx, job.id)?.expect("exists"))
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct ProposeFromFinding {
    pub staff_id: i64,
    pub job: String,
    pub finding_id: i64,
    /// The line to propose; by default one hour of labour at the shop rate,
    /// described by the finding.
    pub line: Option<crate::job::estimate::LineInput>,
}

/// Turns a fault found into a proposed estimate line, in one call.
pub fn propose_line(ctx: &Ctx, input: ProposeFromFinding) -> Result<crate::model::line::Line> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let job = job::by_number(ctx, &input.job)?;
    let insp = for_job(ctx, job.id)?
        .ok_or_else(|| Error::not_found("Inspection", "检查记录", &job.number))?;
    let finding = insp
        .findings
        .iter()
        .find(|f| f.id == input.finding_id)
        .ok_or_else(|| Error::not_found("Finding", "检查项", input.finding_id).at("finding_id"))?;
    if finding.condition != Condition::FaultFound {
        return Err(Error::invalid(
            "finding_id",
            "Only a fault found can become an estimate line",
            "只有发现的故障才能转为报价项目",
        ));
    }
    let label = match crate::shop::settings::load(ctx)?.document_language {
        crate::model::settings::Lang::En => &finding.label,
        crate::model::settings::Lang::ZhCn => &finding.label_zh,
    };
    let line = input.line.unwrap_or_else(|| {
        crate::job::estimate::LineInput::labour(
            format!("{}: {}", label, finding.note.clone().unwrap_or_default()),
            crate::base::money::Qty::ONE,
        )
    });
    crate::job::estimate::add_line_to(ctx, &job, input.staff_id, &line, Some(finding.id))
}

//! Joint inspection: walking round the item with the customer before the job order
//! is written. The checklist depends on the item's kind; free findings may be added.
//! Once the customer acknowledges the record it is frozen (they hold a copy).
//! Photos are stored as bytes the app owns, never as a path into the user's disk.

use crate::api::Ctx;
use crate::error::{Error, ErrorCode, Result};
use crate::items::ItemSpec;
use crate::job::{self, JobState};
use crate::store;
use crate::text::{optional, required};
use base64::Engine;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;
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

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Inspection {
    pub id: i64,
    pub job_id: i64,
    pub staff_id: i64,
    pub started_at: String,
    pub findings: Vec<Finding>,
    pub acknowledgment: Option<Acknowledgment>,
}

pub fn for_job(ctx: &Ctx, job_id: i64) -> Result<Option<Inspection>> {
    store::inspections::for_job(ctx.tx, job_id)
}

fn open_for_edit(ctx: &Ctx, job_number: &str) -> Result<(job::Job, Inspection)> {
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
    crate::staff::actor(ctx, input.staff_id)?;
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
    let item = crate::items::load(ctx, job.item_id)?;
    let list = match item.spec {
        ItemSpec::Vehicle { .. } => VEHICLE_CHECKLIST,
        ItemSpec::Device { .. } => DEVICE_CHECKLIST,
    };
    let id = store::inspections::insert(ctx.tx, job.id, input.staff_id, &ctx.now_text())?;
    for (code, _, _) in list {
        store::inspections::insert_finding(ctx.tx, id, code, true, Condition::NotChecked, None)?;
    }
    job::record(ctx, job.id, input.staff_id, "inspection_started", json!({}))?;
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
    crate::staff::actor(ctx, input.staff_id)?;
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
        "finding",
        json!({ "finding_id": input.finding_id, "area": input.area, "condition": input.condition.code(), "note": note }),
    )?;
    Ok(for_job(ctx, job.id)?.expect("exists"))
}

/// Largest photo or signature accepted: 8 MiB.
pub const MAX_IMAGE_BYTES: usize = 8 * 1024 * 1024;

/// Decodes a base64 PNG or JPEG, checking its signature bytes and size.
pub fn decode_image(field: &str, data: &str) -> Result<(String, Vec<u8>)> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data.trim())
        .map_err(|_| {
            Error::invalid(
                field,
                "The image is not valid base64",
                "图片不是有效的 base64 数据",
            )
        })?;
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(Error::invalid(
            field,
            "The image is larger than 8 MB",
            "图片超过 8 MB",
        ));
    }
    let mime = if bytes.starts_with(&[0x89, b'P', b'N', b'G']) {
        "image/png"
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "image/jpeg"
    } else {
        return Err(Error::invalid(
            field,
            "Only PNG and JPEG images are accepted",
            "仅接受 PNG 和 JPEG 图片",
        ));
    };
    Ok((mime.to_string(), bytes))
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
    crate::staff::actor(ctx, input.staff_id)?;
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
        "photo",
        json!({ "finding_id": input.finding_id, "photo_id": photo_id }),
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

/// The customer acknowledges the record; it freezes and the job is inspected.
pub fn acknowledge(ctx: &Ctx, input: Acknowledge) -> Result<Inspection> {
    crate::staff::actor(ctx, input.staff_id)?;
    let (mut job, _insp) = open_for_edit(ctx, &input.job)?;
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
        json!({ "acknowledged_by": name, "method": input.method.code() }),
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
    pub line: Option<crate::estimate::LineInput>,
}

/// Turns a fault found into a proposed estimate line, in one call.
pub fn propose_line(ctx: &Ctx, input: ProposeFromFinding) -> Result<crate::estimate::Line> {
    crate::staff::actor(ctx, input.staff_id)?;
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
    let label = match crate::settings::load(ctx)?.document_language {
        crate::settings::Lang::En => &finding.label,
        crate::settings::Lang::ZhCn => &finding.label_zh,
    };
    let line = input.line.unwrap_or_else(|| {
        crate::estimate::LineInput::labour(
            format!("{}: {}", label, finding.note.clone().unwrap_or_default()),
            crate::money::Qty::ONE,
        )
    });
    crate::estimate::add_line_to(ctx, &job, input.staff_id, &line, Some(finding.id))
}

//! Quality check before handover: the five items of the service process plus the
//! shop's own, done by an inspector (by default not one of the job's technicians).
//! A failure sends the job back to work with what is to be redone; a pass makes it
//! ready, records the odometer out and, for major vehicle work, issues a numbered
//! completion certificate. Release waits for a pass: the only way to `ready` is here.
//!
//! Tests: tests/core/job/quality.rs.

use crate::base::error::{Error, Result};
use crate::base::text::optional;
use crate::ctx::Ctx;
use crate::job;
use crate::model::guarantee_terms::RepairCategory;
use crate::model::item::ItemSpec;
use crate::model::job::JobState;
use crate::model::job_event::StateChange;
use crate::model::quality::{CheckItem, QualityCheck, STANDARD};
use crate::model::staff::Role;
use crate::store;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

/// One item of a job's quality checklist, for the check screen.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ChecklistItem {
    pub code: String,
    pub label: String,
    pub label_zh: String,
}

/// The command: the checklist the inspector works through for this job's item.
pub fn job_checklist(ctx: &Ctx, input: crate::job::JobRef) -> Result<Vec<ChecklistItem>> {
    let job = job::by_number(ctx, &input.job)?;
    let settings = crate::shop::settings::load(ctx)?;
    let item = crate::records::items::load(ctx, job.item_id)?;
    let vehicle = matches!(item.spec, ItemSpec::Vehicle { .. });
    Ok(checklist(&settings, vehicle)
        .into_iter()
        .map(|(code, label, label_zh)| ChecklistItem {
            code,
            label,
            label_zh,
        })
        .collect())
}

/// The checklist for an item: the standard five, then the shop's items that apply.
pub fn checklist(
    settings: &crate::model::settings::ShopSettings,
    vehicle: bool,
) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = STANDARD
        .iter()
        .map(|(c, e, z)| (c.to_string(), e.to_string(), z.to_string()))
        .collect();
    for q in &settings.quality_check_items {
        let applies = match q.applies_to.as_str() {
            "vehicle" => vehicle,
            "device" => !vehicle,
            _ => true,
        };
        if applies {
            out.push((q.code.clone(), q.label.clone(), q.label_zh.clone()));
        }
    }
    out
}

/// A result that passes every item of the item's checklist (the demo shop and
/// the benchmark pass their jobs with it).
pub fn all_passed(
    settings: &crate::model::settings::ShopSettings,
    vehicle: bool,
) -> Vec<serde_json::Value> {
    checklist(settings, vehicle)
        .into_iter()
        .map(|(code, _, _)| json!({ "code": code, "passed": true }))
        .collect()
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct ItemResult {
    pub code: String,
    pub passed: bool,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct RecordCheck {
    /// The inspector.
    pub staff_id: i64,
    pub job: String,
    pub results: Vec<ItemResult>,
    /// Vehicles: the odometer at release.
    pub odometer_out: Option<i64>,
    /// Required on failure: what will be redone.
    pub redo: Option<String>,
}

pub fn record(ctx: &Ctx, input: RecordCheck) -> Result<QualityCheck> {
    let inspector = crate::shop::staff::actor(ctx, input.staff_id)?;
    inspector.require_role(Role::Inspector)?;
    let mut job = job::by_number(ctx, &input.job)?;
    job::require_state(
        &job,
        &[JobState::QualityCheck],
        "record the quality check",
        "记录质检",
    )?;
    let settings = crate::shop::settings::load(ctx)?;
    if settings.require_independent_inspector
        && store::work::technicians_on_job(ctx.tx, job.id)?.contains(&inspector.id)
    {
        return Err(Error::new(
            crate::ErrorCode::Forbidden,
            format!(
                "{} worked on this job; another inspector must check it",
                inspector.name
            ),
            format!("{} 参与了本工单维修，须由其他质检员检验", inspector.name),
        )
        .at("staff_id"));
    }
    let item = crate::records::items::load(ctx, job.item_id)?;
    let vehicle = matches!(item.spec, ItemSpec::Vehicle { .. });
    let list = checklist(&settings, vehicle);
    let mut items = Vec::new();
    for (code, label, label_zh) in &list {
        let r = input
            .results
            .iter()
            .find(|r| &r.code == code)
            .ok_or_else(|| {
                Error::invalid(
                    "results",
                    format!("Check \"{label}\" is missing"),
                    format!("缺少检查项“{label_zh}”"),
                )
            })?;
        let note = optional("note", &r.note, 500)?;
        if !r.passed && note.is_none() {
            return Err(Error::invalid(
                "results",
                format!("Say what failed in \"{label}\""),
                format!("请说明“{label_zh}”未通过的原因"),
            ));
        }
        items.push(CheckItem {
            code: code.clone(),
            label: label.clone(),
            label_zh: label_zh.clone(),
            passed: r.passed,
            note,
        });
    }
    if let Some(extra) = input
        .results
        .iter()
        .find(|r| !list.iter().any(|(c, _, _)| *c == r.code))
    {
        return Err(Error::invalid(
            "results",
            format!("Unknown check \"{}\"", extra.code),
            format!("未知检查项“{}”", extra.code),
        ));
    }
    let passed = items.iter().all(|i| i.passed);
    let redo = optional("redo", &input.redo, 1000)?;
    let mut certificate = None;
    let mut odometer_out = None;
    if passed {
        let category = job.repair_category.ok_or_else(|| {
            Error::state(
                "Set the repair category first: it decides the guarantee and the certificate",
                "请先设置维修类别：它决定质量保证期和合格证",
            )
        })?;
        if vehicle {
            let km = input.odometer_out.ok_or_else(|| {
                Error::invalid(
                    "odometer_out",
                    "Record the odometer at release",
                    "请记录出厂里程",
                )
            })?;
            crate::records::items::record_odometer(ctx, &item, km, Some(job.id), "release")
                .map_err(|e| e.at("odometer_out"))?;
            odometer_out = Some(km);
            if category == RepairCategory::VehicleMajor {
                certificate = Some(crate::shop::numbering::take(
                    ctx,
                    "certificate",
                    &settings.certificate_number_format,
                )?);
            }
        }
    } else if redo.is_none() {
        return Err(Error::invalid(
            "redo",
            "Say what will be redone",
            "请说明返工内容",
        ));
    }
    let id = store::quality::insert(
        ctx.tx,
        job.id,
        inspector.id,
        &ctx.now_text(),
        passed,
        odometer_out,
        redo.as_deref(),
        certificate.as_deref(),
        &items,
    )?;
    if passed {
        store::work::set_completed(ctx.tx, job.id, &ctx.now_text(), odometer_out)?;
        job::transition(
            ctx,
            &mut job,
            JobState::Ready,
            inspector.id,
            StateChange {
                quality_check_id: Some(id),
                certificate,
                ..StateChange::default()
            },
        )?;
    } else {
        job::transition(
            ctx,
            &mut job,
            JobState::InWork,
            inspector.id,
            StateChange {
                quality_check_id: Some(id),
                redo,
                ..StateChange::default()
            },
        )?;
    }
    store::quality::get(ctx.tx, id)?.ok_or_else(|| Error::internal("quality check vanished"))
}

/// The job's latest passed check, if any.
pub fn passed(ctx: &Ctx, job_id: i64) -> Result<Option<QualityCheck>> {
    Ok(store::quality::for_job(ctx.tx, job_id)?
        .into_iter()
        .rev()
        .find(|c| c.passed))
}

/// Refuses with `quality_check_required` unless the job's check has passed.
pub fn require_passed(
    ctx: &Ctx,
    job: &job::Job,
    doing_en: &str,
    doing_zh: &str,
) -> Result<QualityCheck> {
    passed(ctx, job.id)?.ok_or_else(|| {
        Error::new(
            crate::ErrorCode::QualityCheckRequired,
            format!(
                "Cannot {doing_en}: job {} has not passed its quality check",
                job.number
            ),
            format!("无法{doing_zh}：工单 {} 尚未通过质检", job.number),
        )
    })
}

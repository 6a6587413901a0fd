//! Canned jobs: a shop's saved sets of lines, applied to an estimate in one step.
//! Tests: tests/core/job/estimate.rs.

use crate::base::error::{Error, Result};
use crate::base::text::required;
use crate::ctx::{Ctx, NoInput};
use crate::job;
use crate::job::estimate::{add_line_to, validate, LineInput};
use crate::model::line::Line;
use crate::store;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct CannedJob {
    pub id: i64,
    pub name: String,
    pub lines: Vec<LineInput>,
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct SaveCannedJob {
    pub staff_id: i64,
    pub name: String,
    pub lines: Vec<LineInput>,
}

pub fn save_canned(ctx: &Ctx, input: SaveCannedJob) -> Result<CannedJob> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let name = required("name", &input.name, 100)?;
    if input.lines.is_empty() {
        return Err(Error::invalid(
            "lines",
            "A canned job needs at least one line",
            "套餐至少需要一个项目",
        ));
    }
    let settings = crate::shop::settings::load(ctx)?;
    for (i, l) in input.lines.iter().enumerate() {
        validate(l, &settings, 0).map_err(|e| {
            let f = e.field.clone().unwrap_or_default();
            e.at(format!("lines[{i}].{f}"))
        })?;
    }
    let text = serde_json::to_string(&input.lines).map_err(Error::internal)?;
    let id = store::lines::save_canned(ctx.tx, &name, &text)?;
    Ok(CannedJob {
        id,
        name,
        lines: input.lines,
    })
}

pub fn list_canned(ctx: &Ctx, _: NoInput) -> Result<Vec<CannedJob>> {
    store::lines::canned(ctx.tx)?
        .into_iter()
        .map(|(id, name, lines)| {
            Ok(CannedJob {
                id,
                name,
                lines: serde_json::from_str(&lines).map_err(Error::internal)?,
            })
        })
        .collect()
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct ApplyCanned {
    pub staff_id: i64,
    pub job: String,
    pub canned_job_id: i64,
}

/// Inserts every line of a canned job, in one call.
pub fn apply_canned(ctx: &Ctx, input: ApplyCanned) -> Result<Vec<Line>> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let canned = list_canned(ctx, NoInput {})?
        .into_iter()
        .find(|c| c.id == input.canned_job_id)
        .ok_or_else(|| {
            Error::not_found("Canned job", "套餐", input.canned_job_id).at("canned_job_id")
        })?;
    let mut out = Vec::new();
    for l in &canned.lines {
        let job = job::by_number(ctx, &input.job)?;
        out.push(add_line_to(ctx, &job, input.staff_id, l, None)?);
    }
    Ok(out)
}

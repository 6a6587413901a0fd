//! Canned jobs: a shop's saved sets of lines — labour and parts — applied to an
//! estimate in one step. A part line that names a catalogue part number and
//! leaves price, kind or brand empty takes them from the catalogue when it is
//! applied, so the canned job follows the shop's current prices. A job's
//! estimate can be saved as a canned job.
//! Tests: tests/core/job/estimate.rs and tests/core/job/canned.rs.

use crate::base::error::{Error, Result};
use crate::base::text::required;
use crate::base::totals::LineKind;
use crate::ctx::{Ctx, NoInput};
use crate::job;
use crate::job::estimate::{add_line_to, validate, LineInput};
use crate::model::line::{Line, LineStatus};
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
    if input.lines.len() > MAX_LINES {
        return Err(Error::invalid(
            "lines",
            format!("At most {MAX_LINES} lines in a canned job"),
            format!("套餐最多 {MAX_LINES} 个项目"),
        ));
    }
    let settings = crate::shop::settings::load(ctx)?;
    for (i, l) in input.lines.iter().enumerate() {
        validate(&from_catalogue(ctx, l)?, &settings, 0).map_err(|e| {
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
        out.push(add_line_to(
            ctx,
            &job,
            input.staff_id,
            &from_catalogue(ctx, l)?,
            None,
        )?);
    }
    Ok(out)
}

/// Most lines in one canned job.
pub const MAX_LINES: usize = 50;

/// A part line with what it leaves empty filled from the catalogue part of its
/// number (price, kind, brand); any other line as it is.
fn from_catalogue(ctx: &Ctx, l: &LineInput) -> Result<LineInput> {
    let mut l = l.clone();
    if l.kind != LineKind::Part {
        return Ok(l);
    }
    let Some(number) = l
        .part_number
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    else {
        return Ok(l);
    };
    if let Some(p) = store::parts::by_number(ctx.tx, number)?.filter(|p| p.active) {
        l.unit_price = l.unit_price.or(Some(p.price));
        l.part_kind = l.part_kind.or(Some(p.kind));
        l.brand = l.brand.or(p.brand);
    }
    Ok(l)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct CannedFromJob {
    pub staff_id: i64,
    pub job: String,
    pub name: String,
}

/// Saves a job's estimate (its proposed and approved lines) as a canned job.
/// Catalogue parts keep their number and follow the catalogue's price; other
/// lines keep their own.
pub fn from_job(ctx: &Ctx, input: CannedFromJob) -> Result<CannedJob> {
    let job = job::by_number(ctx, &input.job)?;
    let mut lines = Vec::new();
    for l in store::lines::for_job(ctx.tx, job.id)?
        .into_iter()
        .filter(|l| matches!(l.status, LineStatus::Proposed | LineStatus::Approved))
        .filter(|l| !l.covered_by_card)
    {
        let catalogue = match &l.part_number {
            Some(n) if l.kind == LineKind::Part => store::parts::by_number(ctx.tx, n)?.is_some(),
            _ => false,
        };
        lines.push(LineInput {
            kind: l.kind,
            description: l.description,
            quantity: l.quantity,
            unit_price: (!catalogue).then_some(l.unit_price),
            part_number: l.part_number,
            brand: l.brand,
            part_kind: l.part_kind,
            tax_rate_bp: Some(l.tax_rate_bp),
            discount_bp: 0,
            discount_amount: 0,
            covered_by_card: false,
        });
    }
    save_canned(
        ctx,
        SaveCannedJob {
            staff_id: input.staff_id,
            name: input.name,
            lines,
        },
    )
}

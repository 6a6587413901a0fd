//! Bringing a shop's customers, vehicles and devices, and parts with stock in
//! from the old system or a spreadsheet: `import.preview` reads the file,
//! guesses which column is which (or takes the clerk's choice), and shows what
//! would be created, every bad row with its reason and every duplicate;
//! `import.commit` does it — in the command's one transaction, so either every
//! row is in or none is. A file with a bad row is refused whole; duplicates are
//! skipped, never overwritten. Progress is reported through the `Ctx`.
//!
//! Imported stock enters as a counted adjustment with the file's name as its
//! reason, so the stock ledger says where the opening stock came from.
//!
//! Tests: tests/core/exchange/import.rs.

use super::fields::{self, FieldInfo, ImportKind};
use super::plan::{self, ImportCounts, Owner, RowNote, Step};
use super::table::{self, Table};
use crate::base::error::{Error, Result};
use crate::ctx::Ctx;
use crate::model::part::Movement;
use crate::store;
use base64::Engine;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// At most this many problems and duplicates are listed (the counts say all).
pub const LISTED: usize = 500;

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct ImportFile {
    pub staff_id: i64,
    pub kind: ImportKind,
    /// The file's name; its extension says how to read it.
    pub file_name: String,
    pub content_base64: String,
    /// The field of each column (none: ignored); absent, the guess from the headers.
    pub mapping: Option<Vec<Option<String>>>,
}

/// A few rows as they will be read, field by field.
#[derive(Debug, Serialize, JsonSchema, TS)]
pub struct SampleRow {
    pub line: u32,
    /// One value per column of the file.
    pub cells: Vec<String>,
}

#[derive(Debug, Serialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct ImportPreview {
    pub kind: ImportKind,
    /// "UTF-8", "GB18030", or the sheet read.
    pub read_as: String,
    pub headers: Vec<String>,
    /// The field of each column: the clerk's choice or the guess.
    pub mapping: Vec<Option<String>>,
    /// What this kind of import can fill.
    pub fields: Vec<FieldInfo>,
    /// Why the columns cannot be read as chosen (a required field unmapped…).
    pub mapping_problem: Option<RowNote>,
    pub rows: u32,
    pub sample: Vec<SampleRow>,
    pub problems: Vec<RowNote>,
    pub problem_count: u32,
    pub duplicates: Vec<RowNote>,
    pub duplicate_count: u32,
    pub will_create: ImportCounts,
}

#[derive(Debug, Serialize, JsonSchema, TS)]
pub struct ImportDone {
    pub created: ImportCounts,
    pub duplicates_skipped: u32,
}

fn read(input: &ImportFile) -> Result<Table> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(input.content_base64.as_bytes())
        .map_err(|_| Error::invalid("file", "The file did not arrive whole", "文件传输不完整"))?;
    table::read(&input.file_name, &bytes)
}

fn minor_units(ctx: &Ctx) -> Result<u32> {
    Ok(crate::shop::settings::load(ctx)?.currency.minor_units)
}

pub fn preview(ctx: &Ctx, input: ImportFile) -> Result<ImportPreview> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let table = read(&input)?;
    let mapping = input
        .mapping
        .clone()
        .unwrap_or_else(|| fields::guess(input.kind, &table.headers));
    let sample = table
        .rows
        .iter()
        .take(10)
        .map(|(line, cells)| SampleRow {
            line: *line as u32,
            cells: cells.clone(),
        })
        .collect();
    let mut out = ImportPreview {
        kind: input.kind,
        read_as: table.read_as.clone(),
        headers: table.headers.clone(),
        mapping: mapping.clone(),
        fields: fields::field_list(input.kind),
        mapping_problem: None,
        rows: table.rows.len() as u32,
        sample,
        problems: Vec::new(),
        problem_count: 0,
        duplicates: Vec::new(),
        duplicate_count: 0,
        will_create: ImportCounts::default(),
    };
    let cols = match fields::columns(input.kind, &table.headers, &mapping) {
        Ok(c) => c,
        Err(e) => {
            out.mapping_problem = Some(RowNote {
                line: 1,
                column: None,
                message: e.message,
                message_zh: e.message_zh,
            });
            return Ok(out);
        }
    };
    let plan = plan::plan(ctx, input.kind, &table, &cols, minor_units(ctx)?)?;
    out.problem_count = plan.problems.len() as u32;
    out.duplicate_count = plan.duplicates.len() as u32;
    out.problems = plan.problems.into_iter().take(LISTED).collect();
    out.duplicates = plan.duplicates.into_iter().take(LISTED).collect();
    out.will_create = plan.counts;
    Ok(out)
}

pub fn commit(ctx: &Ctx, input: ImportFile) -> Result<ImportDone> {
    let staff = crate::shop::staff::actor(ctx, input.staff_id)?;
    let table = read(&input)?;
    let mapping = input
        .mapping
        .clone()
        .unwrap_or_else(|| fields::guess(input.kind, &table.headers));
    let cols = fields::columns(input.kind, &table.headers, &mapping)?;
    let plan = plan::plan(ctx, input.kind, &table, &cols, minor_units(ctx)?)?;
    if let Some(first) = plan.problems.first() {
        let n = plan.problems.len();
        return Err(Error::invalid(
            "file",
            format!(
                "{n} row(s) cannot be imported (the first, line {}: {}); fix the file and preview again — nothing was imported",
                first.line, first.message
            ),
            format!(
                "有 {n} 行无法导入（第一处在第 {} 行：{}）；请修改文件后重新预览——未导入任何数据",
                first.line, first.message_zh
            ),
        ));
    }
    let total = plan.steps.len() as u64;
    let mut created: Vec<i64> = Vec::with_capacity(plan.steps.len());
    let reason = format!("Opening stock imported from {}", input.file_name);
    for (i, step) in plan.steps.iter().enumerate() {
        let id = match step {
            Step::Customer(c) => crate::records::customers::insert(ctx, staff.id, c)?.id,
            Step::Item {
                owner,
                item,
                odometer,
            } => {
                let owner_id = match owner {
                    Owner::Existing(id) => *id,
                    Owner::Step(s) => created[*s],
                };
                let item = crate::records::items::insert(ctx, staff.id, owner_id, item)?;
                if let Some(km) = odometer {
                    crate::records::items::record_odometer(ctx, &item, *km, None, "import")?;
                }
                item.id
            }
            Step::Part { part, stock } => {
                let id = store::parts::insert(ctx.tx, part)?;
                if stock.milli() > 0 {
                    let mut m =
                        Movement::new(ctx.now_text(), staff.id, "adjustment", "stock", *stock);
                    m.part_id = Some(id);
                    m.unit_cost = Some(part.cost);
                    m.reason = Some(reason.chars().take(500).collect());
                    store::parts::record(ctx.tx, &m, true)?;
                }
                id
            }
        };
        created.push(id);
        if i % 500 == 499 || i as u64 + 1 == total {
            ctx.report(i as u64 + 1, total);
        }
    }
    Ok(ImportDone {
        created: plan.counts,
        duplicates_skipped: plan.duplicates.len() as u32,
    })
}

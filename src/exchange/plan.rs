//! An import file turned into a plan: what each row will create, every row
//! that cannot be taken (with its reason, at its column), and every row that
//! repeats what the shop — or an earlier row — already has (by phone, plate,
//! VIN, serial or part number). The preview shows the plan; the commit carries
//! it out, so what the clerk saw is what is written.
//!
//! Duplicates never overwrite: the shop's record stays as it is. A row whose
//! phone is a customer's already (same name) adds only its new vehicle to that
//! customer — an export with one row per vehicle brings one customer with all
//! of them; the same phone under another name is reported and skipped.
//!
//! Tests: tests/core/exchange/import.rs.

use super::fields::{Columns, ImportKind};
use super::rows::{self, Record};
use super::table::{overlong, Table, MAX_CELL};
use crate::base::error::{Error, Result};
use crate::base::money::Qty;
use crate::ctx::Ctx;
use crate::model::customer::CustomerInput;
use crate::model::item::ItemSpec;
use crate::model::part::PartInput;
use crate::store;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

/// A row that is not taken as it is: a problem (the import cannot go ahead
/// until it is fixed) or a duplicate (skipped).
#[derive(Debug, Clone, Serialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct RowNote {
    /// The line (CSV) or row (sheet) in the file.
    pub line: u32,
    /// The file's column header it concerns.
    pub column: Option<String>,
    pub message: String,
    pub message_zh: String,
}

/// How many records the import creates.
#[derive(Debug, Clone, Copy, Default, Serialize, JsonSchema, TS)]
pub struct ImportCounts {
    pub customers: u32,
    pub items: u32,
    pub parts: u32,
    /// Parts brought in with stock on hand (one stock entry each).
    pub stock_entries: u32,
}

/// Who owns an item the import creates.
#[derive(Debug, Clone, Copy)]
pub enum Owner {
    /// A customer already in the shop.
    Existing(i64),
    /// The customer created by the plan's step at this index.
    Step(usize),
}

#[derive(Debug, Clone)]
pub enum Step {
    Customer(CustomerInput),
    Item {
        owner: Owner,
        item: ItemSpec,
        odometer: Option<i64>,
    },
    Part {
        part: PartInput,
        stock: Qty,
    },
}

pub struct Plan {
    pub steps: Vec<Step>,
    pub problems: Vec<RowNote>,
    pub duplicates: Vec<RowNote>,
    pub counts: ImportCounts,
}

fn note(table: &Table, cols: Option<&Columns>, line: usize, e: &Error) -> RowNote {
    let column = e
        .field
        .as_deref()
        .and_then(|f| cols.and_then(|c| c.of(f)))
        .and_then(|i| table.headers.get(i).cloned());
    RowNote {
        line: line as u32,
        column,
        message: e.message.clone(),
        message_zh: e.message_zh.clone(),
    }
}

fn dup(line: usize, column: Option<String>, en: String, zh: String) -> RowNote {
    RowNote {
        line: line as u32,
        column,
        message: en,
        message_zh: zh,
    }
}

/// The keys an item is known by: plate, VIN, or brand and serial.
fn item_keys(item: &ItemSpec) -> Vec<(String, &'static str)> {
    match item {
        ItemSpec::Vehicle { plate, vin, .. } => plate
            .iter()
            .map(|p| (format!("plate:{p}"), "plate"))
            .chain(vin.iter().map(|v| (format!("vin:{v}"), "vin")))
            .collect(),
        ItemSpec::Device {
            brand,
            serial: Some(s),
            ..
        } => vec![(format!("serial:{brand}:{s}"), "serial")],
        ItemSpec::Device { .. } => vec![],
    }
}

struct Planner<'t> {
    table: &'t Table,
    cols: &'t Columns,
    plan: Plan,
    /// Phone → (customer step, name) for customers the file creates.
    phones: HashMap<String, (usize, String)>,
    /// Item and part keys seen earlier in the file → their line.
    seen: HashMap<String, usize>,
}

impl Planner<'_> {
    fn header(&self, key: &str) -> Option<String> {
        self.cols
            .of(key)
            .and_then(|i| self.table.headers.get(i).cloned())
    }

    /// Adds an item unless the shop or an earlier row has it.
    fn item(
        &mut self,
        ctx: &Ctx,
        line: usize,
        owner: Owner,
        item: ItemSpec,
        odometer: Option<i64>,
    ) -> Result<()> {
        for (key, field) in item_keys(&item) {
            if let Some(first) = self.seen.get(&key) {
                let v = key.rsplit(':').next().unwrap_or("").to_string();
                self.plan.duplicates.push(dup(
                    line,
                    self.header(field),
                    format!("{v} is also on line {first}; the item is taken once"),
                    format!("{v} 与第 {first} 行重复，该物品只导入一次"),
                ));
                return Ok(());
            }
        }
        if let Some(existing) = store::items::find_duplicate(ctx.tx, &item, None)? {
            let field = item_keys(&item).first().map(|k| k.1).unwrap_or("plate");
            self.plan.duplicates.push(dup(
                line,
                self.header(field),
                format!("This item is already in the shop (item {existing}); it is kept as it is"),
                format!("该物品已在本店登记（编号 {existing}），保留原记录"),
            ));
            return Ok(());
        }
        for (key, _) in item_keys(&item) {
            self.seen.insert(key, line);
        }
        self.plan.steps.push(Step::Item {
            owner,
            item,
            odometer,
        });
        self.plan.counts.items += 1;
        Ok(())
    }

    fn customer(
        &mut self,
        ctx: &Ctx,
        line: usize,
        customer: CustomerInput,
        item: Option<ItemSpec>,
        odometer: Option<i64>,
    ) -> Result<()> {
        let phone = customer
            .phones
            .first()
            .map(|p| crate::base::text::phone("phone", p))
            .transpose()?;
        let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
        let owner = match &phone {
            Some(p) if self.phones.contains_key(p) => {
                let (step, name) = self.phones[p].clone();
                if !same(&name, &customer.name) {
                    self.plan.duplicates.push(dup(
                        line,
                        self.header("phone"),
                        format!("Phone {p} is {name}'s, on an earlier line; this row is skipped"),
                        format!("电话 {p} 属于前面行中的 {name}，本行跳过"),
                    ));
                    return Ok(());
                }
                Owner::Step(step)
            }
            Some(p) => match store::customers::by_phone(ctx.tx, p)? {
                Some((id, name)) if same(&name, &customer.name) => {
                    if item.is_none() {
                        self.plan.duplicates.push(dup(
                            line,
                            self.header("phone"),
                            format!("{name} ({p}) is already a customer; kept as they are"),
                            format!("{name}（{p}）已是本店客户，保留原记录"),
                        ));
                    }
                    Owner::Existing(id)
                }
                Some((id, name)) => {
                    self.plan.duplicates.push(dup(
                        line,
                        self.header("phone"),
                        format!("Phone {p} belongs to {name} (customer {id}); this row is skipped"),
                        format!("电话 {p} 属于客户 {name}（编号 {id}），本行跳过"),
                    ));
                    return Ok(());
                }
                None => self.new_customer(customer, phone.clone()),
            },
            None => self.new_customer(customer, None),
        };
        if let Some(item) = item {
            self.item(ctx, line, owner, item, odometer)?;
        }
        Ok(())
    }

    fn new_customer(&mut self, customer: CustomerInput, phone: Option<String>) -> Owner {
        let step = self.plan.steps.len();
        if let Some(p) = phone {
            self.phones.insert(p, (step, customer.name.clone()));
        }
        self.plan.steps.push(Step::Customer(customer));
        self.plan.counts.customers += 1;
        Owner::Step(step)
    }

    fn part(&mut self, ctx: &Ctx, line: usize, part: PartInput, stock: Qty) -> Result<()> {
        let key = format!("part:{}", part.part_number);
        let number = &part.part_number;
        if let Some(first) = self.seen.get(&key) {
            self.plan.duplicates.push(dup(
                line,
                self.header("part_number"),
                format!("Part {number} is also on line {first}; it is taken once"),
                format!("配件 {number} 与第 {first} 行重复，只导入一次"),
            ));
            return Ok(());
        }
        if store::parts::by_number(ctx.tx, number)?.is_some() {
            self.plan.duplicates.push(dup(
                line,
                self.header("part_number"),
                format!("Part {number} is already in the catalogue; kept as it is"),
                format!("配件 {number} 已在目录中，保留原记录"),
            ));
            return Ok(());
        }
        self.seen.insert(key, line);
        self.plan.counts.parts += 1;
        if stock.milli() > 0 {
            self.plan.counts.stock_entries += 1;
        }
        self.plan.steps.push(Step::Part { part, stock });
        Ok(())
    }
}

/// Plans the import of `table` with the columns chosen.
pub fn plan(
    ctx: &Ctx,
    kind: ImportKind,
    table: &Table,
    cols: &Columns,
    minor_units: u32,
) -> Result<Plan> {
    let mut p = Planner {
        table,
        cols,
        plan: Plan {
            steps: Vec::new(),
            problems: Vec::new(),
            duplicates: Vec::new(),
            counts: ImportCounts::default(),
        },
        phones: HashMap::new(),
        seen: HashMap::new(),
    };
    for (line, row) in &table.rows {
        let line = *line;
        if let Some(i) = overlong(row) {
            p.plan.problems.push(RowNote {
                line: line as u32,
                column: table.headers.get(i).cloned(),
                message: format!("Longer than {MAX_CELL} characters"),
                message_zh: format!("超过 {MAX_CELL} 个字符"),
            });
            continue;
        }
        let record = match rows::record(kind, cols, row, minor_units) {
            Ok(r) => r,
            Err(e) => {
                p.plan.problems.push(note(table, Some(cols), line, &e));
                continue;
            }
        };
        match record {
            Record::Customer {
                customer,
                item,
                odometer,
            } => p.customer(ctx, line, customer, item, odometer)?,
            Record::Item {
                owner_phone,
                item,
                odometer,
            } => match store::customers::by_phone(ctx.tx, &owner_phone)? {
                Some((id, _)) => p.item(ctx, line, Owner::Existing(id), item, odometer)?,
                None => p.plan.problems.push(RowNote {
                    line: line as u32,
                    column: p.header("owner_phone"),
                    message: format!(
                        "No customer has the phone {owner_phone}; import the customers first"
                    ),
                    message_zh: format!("没有客户的电话是 {owner_phone}，请先导入客户"),
                }),
            },
            Record::Part { part, stock } => p.part(ctx, line, part, stock)?,
        }
    }
    Ok(p.plan)
}

//! Taking the shop's data out: customers, items, jobs, invoices and payments
//! of a period, as CSV (UTF-8 with its byte-order mark, so Excel shows Chinese
//! right) or as an Excel workbook (`rust_xlsxwriter`: a header row that stays
//! in view, a filter, money as numbers with the currency's decimals). Headers
//! in the language asked for; times in the shop's local time.
//!
//! Money leaves as text ("1234.50") in CSV. In a workbook it is a number,
//! since a spreadsheet keeps numbers as binary fractions; the figure it shows
//! is exact to the currency's decimals for every amount the core allows.
//!
//! Tests: tests/core/exchange/export.rs.

use crate::base::error::{Error, Result};
use crate::base::money::format_minor;
use crate::ctx::Ctx;
use crate::model::lang::Lang;
use crate::model::sheet::{Cell, Row};
use crate::store;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportWhat {
    Customers,
    Items,
    Jobs,
    Invoices,
    Payments,
    /// The reminder list of the period (for the shop's SMS or WeChat tools).
    Reminders,
    /// The owner's figures of the period against the one before.
    Kpis,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Csv,
    Xlsx,
}

#[derive(Debug, Clone, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct ExportRequest {
    pub what: ExportWhat,
    pub format: ExportFormat,
    /// First day, YYYY-MM-DD (shop's local date): records created, issued or paid from it.
    pub from: String,
    /// Last day, inclusive.
    pub to: String,
    /// The language of the column headers.
    #[serde(default)]
    pub lang: Lang,
}

/// The longest period one export covers: twenty years.
const MAX_DAYS: i64 = 20 * 366;

fn headers(what: ExportWhat) -> &'static [(&'static str, &'static str)] {
    match what {
        ExportWhat::Customers => &[
            ("Customer no.", "客户编号"),
            ("Kind", "类型"),
            ("Name", "名称"),
            ("Phones", "电话"),
            ("E-mail", "电子邮箱"),
            ("Address", "地址"),
            ("Tax ID", "税号"),
            ("Language", "语言"),
            ("Notes", "备注"),
            ("Registered", "登记时间"),
        ],
        ExportWhat::Items => &[
            ("Item no.", "物品编号"),
            ("Kind", "类型"),
            ("Owner no.", "车主编号"),
            ("Owner", "车主"),
            ("Plate", "车牌号"),
            ("VIN", "车架号"),
            ("Make / brand", "品牌"),
            ("Model", "型号"),
            ("Year", "年份"),
            ("Colour", "颜色"),
            ("Category", "类别"),
            ("Serial / IMEI", "序列号"),
            ("Odometer (km)", "里程（公里）"),
            ("Registered", "登记时间"),
        ],
        ExportWhat::Jobs => &[
            ("Job no.", "工单号"),
            ("State", "状态"),
            ("Customer", "客户"),
            ("Item", "车辆/物品"),
            ("Odometer in (km)", "进厂里程"),
            ("Complaint", "客户描述"),
            ("Promised", "承诺交车"),
            ("Received", "接车时间"),
            ("Invoice no.", "结算单号"),
            ("Invoice total", "结算金额"),
            ("Cancel reason", "取消原因"),
        ],
        ExportWhat::Invoices => &[
            ("Invoice no.", "结算单号"),
            ("Job no.", "工单号"),
            ("Customer", "客户"),
            ("Issued", "开具时间"),
            ("Total", "金额"),
            ("Credited", "已更正"),
            ("Paid", "已收款"),
            ("Balance", "未结金额"),
        ],
        ExportWhat::Payments => &[
            ("Paid at", "收款时间"),
            ("Invoice no.", "结算单号"),
            ("Customer", "客户"),
            ("Method", "方式"),
            ("Amount", "金额"),
            ("Tendered", "实收"),
            ("Change", "找零"),
            ("Reference", "凭证号"),
        ],
        ExportWhat::Reminders => crate::views::reminder_list::HEADERS,
        ExportWhat::Kpis => &[
            ("Figure", "指标"),
            ("Unit", "单位"),
            ("This period", "本期"),
            ("Previous period", "上期"),
            ("Formula", "计算方法"),
        ],
    }
}

fn name(what: ExportWhat) -> &'static str {
    match what {
        ExportWhat::Customers => "customers",
        ExportWhat::Items => "items",
        ExportWhat::Jobs => "jobs",
        ExportWhat::Invoices => "invoices",
        ExportWhat::Payments => "payments",
        ExportWhat::Reminders => "reminders",
        ExportWhat::Kpis => "figures",
    }
}

/// The export's file name and bytes.
pub fn export(ctx: &Ctx, req: &ExportRequest) -> Result<(String, Vec<u8>)> {
    let (from, to) = crate::shop::period::bounds(ctx, &req.from, &req.to, MAX_DAYS)?;
    let rows = match req.what {
        ExportWhat::Customers => store::customers::export(ctx.tx, &from, &to)?,
        ExportWhat::Items => store::items::export(ctx.tx, &from, &to)?,
        ExportWhat::Jobs => store::jobs::export(ctx.tx, &from, &to)?,
        ExportWhat::Invoices => store::invoices::export(ctx.tx, &from, &to)?,
        ExportWhat::Payments => store::invoices::export_payments(ctx.tx, &from, &to)?,
        ExportWhat::Reminders => crate::views::reminder_list::sheet(ctx, &req.from, &req.to)?,
        ExportWhat::Kpis => kpi_rows(ctx, req)?,
    };
    let settings = crate::shop::settings::load(ctx)?;
    let text = Texts {
        minor: settings.currency.minor_units,
        offset: chrono::Duration::minutes(settings.utc_offset_minutes.into()),
    };
    let heads: Vec<&str> = headers(req.what)
        .iter()
        .map(|(en, zh)| if req.lang == Lang::ZhCn { *zh } else { *en })
        .collect();
    let base = format!(
        "jobcard-{}-{}-to-{}",
        name(req.what),
        req.from.trim(),
        req.to.trim()
    );
    Ok(match req.format {
        ExportFormat::Csv => (format!("{base}.csv"), csv_bytes(&heads, &rows, &text)?),
        ExportFormat::Xlsx => (
            format!("{base}.xlsx"),
            xlsx_bytes(name(req.what), &heads, &rows, &text)?,
        ),
    })
}

/// The owner's figures as rows: name, unit, this period, the one before, formula.
fn kpi_rows(ctx: &Ctx, req: &ExportRequest) -> Result<Vec<Row>> {
    use crate::views::kpi::{report, KpiPeriod, Unit};
    let k = report(
        ctx,
        KpiPeriod {
            from: req.from.clone(),
            to: req.to.clone(),
        },
    )?;
    let value = |unit: Unit, v: Option<i64>| -> Cell {
        let Some(v) = v else { return Cell::Empty };
        match unit {
            Unit::Count => Cell::Int(v),
            Unit::Money | Unit::MoneyPerHour => Cell::Money(v),
            Unit::Percent | Unit::Score => Cell::Text(format_minor(v, 2)),
            Unit::Hours => Cell::Text(format_minor(v, 3)),
        }
    };
    let zh = req.lang == Lang::ZhCn;
    Ok(k.figures
        .into_iter()
        .map(|f| {
            vec![
                Cell::Text(f.key.clone()),
                Cell::Text(crate::base::code::code_of(f.unit)),
                value(f.unit, f.value),
                value(f.unit, f.previous),
                Cell::Text(if zh { f.formula_zh } else { f.formula_en }),
            ]
        })
        .collect())
}

/// How cells become text: the currency's decimals and the shop's offset.
pub struct Texts {
    pub minor: u32,
    pub offset: chrono::Duration,
}

impl Texts {
    pub fn time(&self, stored: &str) -> String {
        chrono::DateTime::parse_from_rfc3339(stored)
            .map(|t| {
                (t.with_timezone(&chrono::Utc) + self.offset)
                    .format("%Y-%m-%d %H:%M")
                    .to_string()
            })
            .unwrap_or_else(|_| stored.to_string())
    }

    pub fn cell(&self, c: &Cell) -> String {
        match c {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Int(i) => i.to_string(),
            Cell::Money(m) => format_minor(*m, self.minor),
            Cell::Time(t) => self.time(t),
        }
    }
}

fn failed(e: impl std::fmt::Display) -> Error {
    Error::internal(format!("writing the export: {e}"))
}

/// A CSV a spreadsheet opens as it is: UTF-8 with its byte-order mark.
pub fn csv_bytes(heads: &[&str], rows: &[Row], text: &Texts) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(heads).map_err(failed)?;
    for r in rows {
        w.write_record(r.iter().map(|c| text.cell(c)))
            .map_err(failed)?;
    }
    w.into_inner().map_err(failed)
}

/// A workbook of one sheet: bold header kept in view, a filter, widths to fit.
pub fn xlsx_bytes(sheet: &str, heads: &[&str], rows: &[Row], text: &Texts) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet).map_err(failed)?;
    let bold = Format::new().set_bold();
    let decimals = "0".repeat(text.minor as usize);
    let money = Format::new().set_num_format(if text.minor == 0 {
        "#,##0".to_string()
    } else {
        format!("#,##0.{decimals}")
    });
    let mut widths: Vec<usize> = heads.iter().map(|h| h.chars().count() + 2).collect();
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)
            .map_err(failed)?;
    }
    let scale = 10f64.powi(text.minor as i32);
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            match cell {
                Cell::Empty => {}
                Cell::Int(i) => {
                    ws.write_number(r, col, *i as f64).map_err(failed)?;
                }
                Cell::Money(m) => {
                    ws.write_number_with_format(r, col, *m as f64 / scale, &money)
                        .map_err(failed)?;
                }
                other => {
                    ws.write_string(r, col, text.cell(other)).map_err(failed)?;
                }
            }
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(text.cell(cell).chars().count().min(60) + 2);
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w as f64).map_err(failed)?;
    }
    ws.set_freeze_panes(1, 0).map_err(failed)?;
    if !heads.is_empty() {
        ws.autofilter(0, 0, rows.len() as u32, heads.len() as u16 - 1)
            .map_err(failed)?;
    }
    book.save_to_buffer().map_err(failed)
}

//! The end-of-day sheet (日结单: takings by method against the count, the
//! invoices and credit notes of the day, open balances, who closed it) and
//! the printed reminder list (a period's reminders with a column to write the
//! outcome in), both from the same views the screens show.
//! Tests: tests/core/views/day_end.rs and tests/core/care/reminders.rs (text
//! extracted from the PDF).

use super::canvas::Align;
use super::job_docs::shop;
use super::layout::{Column, Page, BODY};
use super::request::Request;
use super::words::{code_label, date, datetime, money};
use crate::base::error::{Error, Result};
use crate::views::{day_end, reminder_list};

/// `number` is the day, YYYY-MM-DD.
pub fn day_end(r: &Request) -> Result<Vec<u8>> {
    let (ctx, lang, s) = (r.ctx, r.lang, r.settings);
    let d = day_end::get(
        ctx,
        day_end::DayRef {
            day: Some(r.number.to_string()),
        },
    )?;
    let c = &s.currency;
    let party = shop(s);
    let title = super::words::t(lang, "day_end");
    let mut p = Page::new(&format!("{title} {}", d.day), r.sheet, lang, &party, r.logo);
    p.header(
        title,
        &d.day,
        &[(p.t("date").to_string(), date(lang, &d.day))],
    );
    let cols = [
        Column {
            head: "day_method",
            width: 52.0,
            align: Align::Left,
        },
        Column {
            head: "day_payments",
            width: 22.0,
            align: Align::Right,
        },
        Column {
            head: "day_expected",
            width: 36.0,
            align: Align::Right,
        },
        Column {
            head: "day_counted",
            width: 36.0,
            align: Align::Right,
        },
        Column {
            head: "day_difference",
            width: 34.0,
            align: Align::Right,
        },
    ];
    let opt = |m: Option<i64>| m.map(|m| money(m, c)).unwrap_or_default();
    let rows: Vec<(Vec<String>, Option<String>)> = d
        .methods
        .iter()
        .map(|m| {
            (
                vec![
                    code_label(lang, &format!("pm_{}", m.method.code())),
                    m.payments.to_string(),
                    money(m.expected, c),
                    opt(m.counted),
                    opt(m.difference),
                ],
                None,
            )
        })
        .collect();
    p.table(&cols, &rows);
    p.totals(&[
        (p.t("day_expected").into(), money(d.expected_total, c), true),
        (
            format!("{} ({})", p.t("day_invoices"), d.invoices_issued),
            money(d.invoiced_total, c),
            false,
        ),
        (
            format!("{} ({})", p.t("day_credited"), d.credit_notes),
            money(d.credited_total, c),
            false,
        ),
    ]);
    match &d.closed {
        Some(x) => {
            let mut pairs = vec![
                (p.t("day_closed_by").to_string(), x.staff_name.clone()),
                (
                    p.t("date").to_string(),
                    datetime(lang, &x.at, s.utc_offset_minutes),
                ),
            ];
            if let Some(n) = &x.note {
                pairs.push((p.t("day_note").to_string(), n.clone()));
            }
            p.grid(&pairs, 2);
        }
        None => p.para(p.t("day_not_closed"), BODY),
    }
    if !d.open_balances.is_empty() {
        p.section(p.t("day_open"));
        let cols = [
            Column {
                head: "customer",
                width: 70.0,
                align: Align::Left,
            },
            Column {
                head: "job",
                width: 36.0,
                align: Align::Left,
            },
            Column {
                head: "total",
                width: 37.0,
                align: Align::Right,
            },
            Column {
                head: "balance_due",
                width: 37.0,
                align: Align::Right,
            },
        ];
        let rows: Vec<(Vec<String>, Option<String>)> = d
            .open_balances
            .iter()
            .map(|b| {
                (
                    vec![
                        b.customer.clone(),
                        b.job_number.clone(),
                        money(b.total, c),
                        money(b.balance, c),
                    ],
                    Some(b.invoice_number.clone()),
                )
            })
            .collect();
        p.table(&cols, &rows);
    }
    Ok(p.finish())
}

/// `number` is the period, `FROM..TO` (YYYY-MM-DD each).
pub fn reminders(r: &Request) -> Result<Vec<u8>> {
    let (ctx, lang, s) = (r.ctx, r.lang, r.settings);
    let (from, to) = r.number.split_once("..").ok_or_else(|| {
        Error::invalid(
            "number",
            "Name the period as FROM..TO, e.g. 2026-12-01..2026-12-31",
            "期间格式为 开始..结束，例如 2026-12-01..2026-12-31",
        )
    })?;
    let list = reminder_list::list(
        ctx,
        reminder_list::ReminderRange {
            from: from.trim().into(),
            to: to.trim().into(),
            overdue: false,
            limit: Some(2000),
        },
    )?;
    let party = shop(s);
    let title = super::words::t(lang, "reminder_list");
    let mut p = Page::new(
        &format!("{title} {}", r.number),
        r.sheet,
        lang,
        &party,
        r.logo,
    );
    let period = format!("{} – {}", date(lang, from.trim()), date(lang, to.trim()));
    p.header(
        title,
        &period,
        &[(p.t("rm_count").to_string(), list.rows.len().to_string())],
    );
    let cols = [
        Column {
            head: "rm_customer",
            width: 52.0,
            align: Align::Left,
        },
        Column {
            head: "rm_due",
            width: 24.0,
            align: Align::Left,
        },
        Column {
            head: "rm_what",
            width: 28.0,
            align: Align::Left,
        },
        Column {
            head: "rm_channel",
            width: 18.0,
            align: Align::Left,
        },
        Column {
            head: "rm_km",
            width: 20.0,
            align: Align::Right,
        },
        Column {
            head: "rm_outcome",
            width: 38.0,
            align: Align::Left,
        },
    ];
    let rows: Vec<(Vec<String>, Option<String>)> = list
        .rows
        .iter()
        .map(|x| {
            (
                vec![
                    format!(
                        "{} {}",
                        x.customer_name,
                        x.phone.clone().unwrap_or_default()
                    ),
                    date(lang, &x.due_on),
                    code_label(lang, &format!("rk_{}", crate::base::code::code_of(x.kind))),
                    code_label(lang, &format!("ch_{}", x.channel)),
                    x.due_km.map(|k| k.to_string()).unwrap_or_default(),
                    String::new(),
                ],
                Some(format!("{} · {}", x.item_label, x.about)),
            )
        })
        .collect();
    p.table(&cols, &rows);
    Ok(p.finish())
}

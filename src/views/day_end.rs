//! End of day (日结): the day's takings by payment method against what the
//! drawer and the terminals hold, the invoices issued and credited, the open
//! balances; closed by the person who counts, kept as counted (a closed day
//! never changes). A difference needs a note saying why.
//! Tests: tests/core/views/day_end.rs.

use crate::base::error::{Error, Result};
use crate::base::money::{Money, MAX_MONEY};
use crate::base::text::optional;
use crate::ctx::Ctx;
use crate::model::invoice::PaymentMethod;
use crate::store;
use chrono::Duration;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct DayRef {
    /// A local day, YYYY-MM-DD; today when none.
    pub day: Option<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct MethodLine {
    pub method: PaymentMethod,
    pub payments: i64,
    /// What the payments recorded add up to (refunds taken off).
    pub expected: Money,
    /// What was counted, once the day is closed.
    pub counted: Option<Money>,
    /// Counted − expected, once the day is closed.
    pub difference: Option<Money>,
}

#[derive(Debug, Serialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct DayClosed {
    pub staff_id: i64,
    pub staff_name: String,
    pub at: String,
    pub note: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct DayEnd {
    pub day: String,
    /// Every method with payments that day (and every method counted).
    pub methods: Vec<MethodLine>,
    pub expected_total: Money,
    pub invoices_issued: i64,
    pub invoiced_total: Money,
    pub credit_notes: i64,
    pub credited_total: Money,
    pub open_balances: Vec<OpenBalance>,
    pub closed: Option<DayClosed>,
}

#[derive(Debug, Serialize, JsonSchema, TS)]
pub struct OpenBalance {
    pub invoice_number: String,
    pub job_number: String,
    pub customer: String,
    pub total: Money,
    /// Left to pay (negative: owed back to the customer).
    pub balance: Money,
}

fn day_of(ctx: &Ctx, day: &Option<String>) -> Result<chrono::NaiveDate> {
    let today = crate::care::today(ctx)?;
    let d = match day.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => crate::shop::period::date("day", d)?,
        None => today,
    };
    if d > today {
        return Err(Error::invalid(
            "day",
            "That day has not come yet",
            "该日期尚未到来",
        ));
    }
    Ok(d)
}

pub fn get(ctx: &Ctx, input: DayRef) -> Result<DayEnd> {
    let d = day_of(ctx, &input.day)?;
    let day = d.format("%Y-%m-%d").to_string();
    let (from, to) = crate::shop::period::bounds(ctx, &day, &day, 1)?;
    let stored = store::day_closes::get(ctx.tx, &day)?;
    let counted: BTreeMap<String, Money> = stored
        .as_ref()
        .and_then(|c| serde_json::from_str(&c.counted).ok())
        .unwrap_or_default();
    let taken = store::day_closes::takings(ctx.tx, &from, &to)?;
    let mut methods: Vec<MethodLine> = Vec::new();
    for m in PaymentMethod::ALL {
        let code = m.code();
        let t = taken.iter().find(|t| t.0 == code);
        let c = counted.get(code).copied();
        if t.is_none() && c.is_none() && m != PaymentMethod::Cash {
            continue;
        }
        let expected = t.map_or(0, |t| t.2);
        methods.push(MethodLine {
            method: m,
            payments: t.map_or(0, |t| t.1),
            expected,
            counted: c,
            difference: c.map(|c| c - expected),
        });
    }
    let sums = store::figures::invoice_sums(ctx.tx, &from, &to)?;
    let (credit_notes, credited_total) = store::day_closes::credited(ctx.tx, &from, &to)?;
    let since = crate::base::time::time_text(ctx.now - Duration::days(366));
    let open_balances = store::day_closes::open_balances(ctx.tx, &since, 200)?
        .into_iter()
        .map(|b| OpenBalance {
            invoice_number: b.invoice_number,
            job_number: b.job_number,
            customer: b.customer,
            total: b.total,
            balance: b.balance,
        })
        .collect();
    let closed = match stored {
        Some(c) => Some(DayClosed {
            staff_name: crate::shop::staff::actor(ctx, c.staff_id)
                .map(|s| s.name)
                .unwrap_or_default(),
            staff_id: c.staff_id,
            at: c.at,
            note: c.note,
        }),
        None => None,
    };
    Ok(DayEnd {
        expected_total: methods.iter().map(|m| m.expected).sum(),
        methods,
        invoices_issued: sums.jobs,
        invoiced_total: sums.total,
        credit_notes,
        credited_total,
        open_balances,
        closed,
        day,
    })
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Counted {
    pub method: PaymentMethod,
    pub amount: Money,
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct CloseDay {
    pub staff_id: i64,
    pub day: Option<String>,
    /// What the drawer and each terminal hold, one line per method.
    pub counted: Vec<Counted>,
    /// Required when a count differs from the payments recorded.
    pub note: Option<String>,
}

pub fn close(ctx: &Ctx, input: CloseDay) -> Result<DayEnd> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let d = day_of(ctx, &input.day)?;
    let day = d.format("%Y-%m-%d").to_string();
    if store::day_closes::get(ctx.tx, &day)?.is_some() {
        return Err(Error::state(
            format!("{day} is closed already: a closed day is kept as counted"),
            format!("{day} 已日结，日结记录不可更改"),
        ));
    }
    let note = optional("note", &input.note, 2000)?;
    let mut counted: BTreeMap<String, Money> = BTreeMap::new();
    for (i, c) in input.counted.iter().enumerate() {
        if !(0..=MAX_MONEY).contains(&c.amount) {
            return Err(Error::invalid(
                &format!("counted[{i}].amount"),
                "A counted amount is zero or more, within the largest amount the shop records",
                "清点金额须为零或正数，且不超过上限",
            ));
        }
        if counted
            .insert(c.method.code().to_string(), c.amount)
            .is_some()
        {
            return Err(Error::invalid(
                &format!("counted[{i}].method"),
                "That method is counted twice",
                "该付款方式重复",
            ));
        }
    }
    let view = get(
        ctx,
        DayRef {
            day: Some(day.clone()),
        },
    )?;
    for (i, m) in view.methods.iter().enumerate() {
        if m.payments > 0 && !counted.contains_key(m.method.code()) {
            return Err(Error::invalid(
                &format!("counted[{i}]"),
                format!("Count {} too: payments were taken by it", m.method.code()),
                format!("请一并清点 {}：当天有该方式收款", m.method.code()),
            ));
        }
    }
    let expected: BTreeMap<String, Money> = view
        .methods
        .iter()
        .map(|m| (m.method.code().to_string(), m.expected))
        .collect();
    let differs = counted
        .iter()
        .any(|(k, v)| expected.get(k).copied().unwrap_or(0) != *v);
    if differs && note.is_none() {
        return Err(Error::invalid(
            "note",
            "The count differs from the payments recorded: say why",
            "清点金额与收款记录不符，请说明原因",
        ));
    }
    store::day_closes::insert(
        ctx.tx,
        &store::day_closes::StoredClose {
            day: day.clone(),
            counted: serde_json::to_string(&counted).map_err(Error::internal)?,
            expected: serde_json::to_string(&expected).map_err(Error::internal)?,
            note,
            staff_id: input.staff_id,
            at: ctx.now_text(),
        },
    )?;
    get(ctx, DayRef { day: Some(day) })
}

//! The parts check a booking gets: what its canned jobs need that the stock
//! does not hold, so the counter orders before the customer comes.
//! Tests: tests/core/care/appointments.rs.

use crate::base::error::Result;
use crate::base::money::Qty;
use crate::ctx::{Ctx, NoInput};
use crate::model::appointment::Appointment;
use crate::store;
use schemars::JsonSchema;
use serde::Serialize;
use ts_rs::TS;

/// A part the booked work needs beyond what the stock holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct MissingPart {
    pub part_number: String,
    /// The catalogue's name, or the canned line's words when the catalogue has no such part.
    pub name: String,
    pub needed: Qty,
    pub on_hand: Qty,
    /// The part is not in the catalogue at all.
    pub unknown: bool,
}

/// What the booked canned jobs' part lines need, summed by part number,
/// against the stock on hand. Stock is not set aside for bookings: it is
/// taken when a part is used, so this is a warning to order, not a hold.
pub fn missing_parts(ctx: &Ctx, a: &Appointment) -> Result<Vec<MissingPart>> {
    if a.canned_job_ids.is_empty() {
        return Ok(Vec::new());
    }
    let all = crate::job::estimate::canned::list_canned(ctx, NoInput {})?;
    let mut needed: Vec<(String, String, i64)> = Vec::new();
    for c in all.iter().filter(|c| a.canned_job_ids.contains(&c.id)) {
        for l in &c.lines {
            let Some(n) = l
                .part_number
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
            else {
                continue;
            };
            match needed.iter_mut().find(|x| x.0 == n) {
                Some(x) => x.2 = x.2.saturating_add(l.quantity.0),
                None => needed.push((n.to_string(), l.description.clone(), l.quantity.0)),
            }
        }
    }
    let mut out = Vec::new();
    for (number, words, qty) in needed {
        let part = store::parts::by_number(ctx.tx, &number)?.filter(|p| p.active);
        let on_hand = part.as_ref().map(|p| p.on_hand.0).unwrap_or(0);
        if on_hand < qty {
            out.push(MissingPart {
                name: part.as_ref().map(|p| p.name.clone()).unwrap_or(words),
                unknown: part.is_none(),
                part_number: number,
                needed: Qty(qty),
                on_hand: Qty(on_hand),
            });
        }
    }
    Ok(out)
}

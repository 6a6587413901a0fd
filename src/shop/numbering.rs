//! Document numbers: jobs, invoices, credit notes, guarantee cards and completion
//! certificates. Each series counts 1, 2, 3, … inside the transaction that uses
//! the number (`store::numbers`), so numbers have no gaps and no duplicates;
//! the shop's format decides how a number looks.
//!
//! Tests: tests/core/shop/numbering.rs and tests/core/job/invoice.rs (invoice numbers).

use crate::base::error::Result;
use crate::ctx::Ctx;

/// Takes the next number of `series` and renders it with `format`.
pub fn take(ctx: &Ctx, series: &str, format_text: &str) -> Result<String> {
    let seq = crate::store::numbers::next(ctx.tx, series)?;
    Ok(crate::model::numbering::format(format_text, ctx.now, seq))
}

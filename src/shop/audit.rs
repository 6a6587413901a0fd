//! The audit chain as the shop uses it: appending an entry for an action in the
//! command's own transaction (so an entry exists exactly when its action does),
//! walking the whole chain to find the first entry that does not match, and the
//! latest entries for the settings screen.
//!
//! Tests: tests/core/shop/audit.rs.

use crate::base::error::Result;
use crate::ctx::Ctx;
use crate::model::audit::{canonical, AuditEntry, ChainReport, Walker};
use crate::store;
use crate::store::audit::NewEntry;
use schemars::JsonSchema;
use serde::Deserialize;
use ts_rs::TS;

/// Appends `action` with its content, acted by `staff_id` (None: the file's
/// owner) and allowed by the context's authorising manager, if any.
pub fn append(
    ctx: &Ctx,
    staff_id: Option<i64>,
    action: &str,
    content: &serde_json::Value,
) -> Result<()> {
    store::audit::append(
        ctx.tx,
        &NewEntry {
            at: &ctx.now_text(),
            staff_id,
            authorised_by: ctx.authorised_by,
            action,
            content: &canonical(content),
        },
    )
}

/// Walks the whole chain, streaming it.
pub fn verify(ctx: &Ctx, _: crate::ctx::NoInput) -> Result<ChainReport> {
    let mut walker = Walker::default();
    store::audit::each(ctx.tx, |e| walker.step(&e))?;
    Ok(walker.report())
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct LatestEntries {
    /// How many (1–500; default 50).
    pub limit: Option<i64>,
}

/// The newest entries, newest first.
pub fn latest(ctx: &Ctx, input: LatestEntries) -> Result<Vec<AuditEntry>> {
    store::audit::latest(ctx.tx, input.limit.unwrap_or(50).clamp(1, 500))
}

//! Customer and item history: every job, inspection, approval, invoice, credit
//! note, guarantee card, claim and open recommendation, newest first. The tool
//! for the next reception and for a good relationship.
//!
//! Tests: tests/core/views/history.rs.

use crate::base::error::Result;
use crate::ctx::Ctx;
use crate::model::job::JobSummary;
use crate::store;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Job,
    Inspection,
    Estimate,
    Approval,
    Invoice,
    CreditNote,
    GuaranteeCard,
    Claim,
    Recommendation,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Entry {
    pub at: String,
    pub kind: EntryKind,
    pub job_number: String,
    /// The document's own number, where it has one.
    pub reference: Option<String>,
    pub detail: Value,
}

fn for_jobs(ctx: &Ctx, jobs: &[JobSummary], item_ids: &[i64]) -> Result<Vec<Entry>> {
    let mut out = Vec::new();
    for j in jobs {
        let job = crate::job::by_id(ctx, j.id)?;
        let (kind, detail) = match job.claim_card_id {
            Some(card) => (
                EntryKind::Claim,
                json!({ "state": j.state, "complaint": j.complaint, "card": store::cards::number(ctx.tx, card)? }),
            ),
            None => (
                EntryKind::Job,
                json!({ "state": j.state, "complaint": j.complaint, "item": j.item_label }),
            ),
        };
        out.push(Entry {
            at: j.created_at.clone(),
            kind,
            job_number: j.number.clone(),
            reference: None,
            detail,
        });
        if let Some(i) = store::inspections::for_job(ctx.tx, j.id)? {
            if let Some(ack) = &i.acknowledgment {
                let damage = i
                    .findings
                    .iter()
                    .filter(|f| {
                        f.condition != crate::model::inspection::Condition::Ok
                            && f.condition != crate::model::inspection::Condition::NotChecked
                    })
                    .count();
                out.push(Entry {
                    at: ack.at.clone(),
                    kind: EntryKind::Inspection,
                    job_number: j.number.clone(),
                    reference: None,
                    detail: json!({ "acknowledged_by": ack.name, "findings": damage }),
                });
            }
        }
        for e in store::events::for_job(ctx.tx, j.id)? {
            if e.action == "state" && e.detail["to"] == "awaiting_approval" {
                out.push(Entry {
                    at: e.at,
                    kind: EntryKind::Estimate,
                    job_number: j.number.clone(),
                    reference: None,
                    detail: json!({}),
                });
            }
        }
        for a in store::approvals::for_job(ctx.tx, j.id)? {
            out.push(Entry {
                at: a.at.clone(),
                kind: EntryKind::Approval,
                job_number: j.number.clone(),
                reference: None,
                detail: json!({ "method": a.method, "approver": a.approver_name, "amount_approved": a.amount_approved, "revised_total": a.revised_total, "supplement": a.supplement }),
            });
        }
        if let Some((id, inv)) = store::invoices::by_job(ctx.tx, j.id)? {
            let v = crate::job::invoice::view(ctx, id)?;
            out.push(Entry { at: inv.issued_at.clone(), kind: EntryKind::Invoice, job_number: j.number.clone(), reference: Some(inv.number.clone()), detail: json!({ "total": inv.totals.total, "balance_due": v.balance_due, "status": v.status }) });
            for c in v.credit_notes {
                out.push(Entry {
                    at: c.issued_at.clone(),
                    kind: EntryKind::CreditNote,
                    job_number: j.number.clone(),
                    reference: Some(c.number.clone()),
                    detail: json!({ "total": c.total, "reason": c.reason, "invoice": inv.number }),
                });
            }
        }
        for c in store::cards::for_job(ctx.tx, j.id)? {
            out.push(Entry {
                at: c.issued_at.clone(),
                kind: EntryKind::GuaranteeCard,
                job_number: j.number.clone(),
                reference: Some(c.number.clone()),
                detail: json!({ "starts_on": c.starts_on, "days": c.days, "km": c.km }),
            });
        }
    }
    for item in item_ids {
        for r in store::approvals::open_recommendations(ctx.tx, *item)? {
            out.push(Entry { at: r.created_at.clone(), kind: EntryKind::Recommendation, job_number: r.job_number.clone(), reference: None, detail: json!({ "description": r.description, "reason": r.reason, "consequence": r.consequence }) });
        }
    }
    out.sort_by(|a, b| b.at.cmp(&a.at));
    Ok(out)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct HistoryOf {
    pub id: i64,
}

pub fn customer(ctx: &Ctx, input: HistoryOf) -> Result<Vec<Entry>> {
    crate::records::customers::load(ctx, input.id)?;
    let jobs = store::jobs::summaries_for_customer(ctx.tx, input.id, 500)?;
    let items: Vec<i64> = store::items::owned_by(ctx.tx, input.id)?
        .iter()
        .map(|i| i.id)
        .collect();
    for_jobs(ctx, &jobs, &items)
}

pub fn item(ctx: &Ctx, input: HistoryOf) -> Result<Vec<Entry>> {
    crate::records::items::load(ctx, input.id)?;
    let jobs = store::jobs::summaries_for_item(ctx.tx, input.id, 500)?;
    for_jobs(ctx, &jobs, &[input.id])
}

//! Customer and item history: every job, inspection, approval, invoice, credit
//! note, guarantee card, claim and open recommendation, newest first. The tool
//! for the next reception and for a good relationship.
//!
//! Tests: tests/core/views/history.rs.

use crate::base::error::Result;
use crate::base::money::Money;
use crate::ctx::Ctx;
use crate::model::approval::Method;
use crate::model::invoice::PaymentStatus;
use crate::model::job::{JobState, JobSummary};
use crate::model::job_event::JobEventKind;
use crate::store;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a history entry is, with the details of its kind: typed, so a screen
/// reads fields the compiler knows rather than names in a map. Crosses as
/// `{kind, detail}`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
#[ts(optional_fields = nullable)]
pub enum EntryKind {
    Job {
        state: JobState,
        complaint: String,
        item: String,
    },
    Claim {
        state: JobState,
        complaint: String,
        card: String,
    },
    Inspection {
        acknowledged_by: String,
        /// How many findings were not OK.
        findings: usize,
    },
    Estimate {},
    Approval {
        method: Method,
        approver: String,
        amount_approved: Money,
        revised_total: Money,
        supplement: i64,
    },
    Invoice {
        total: Money,
        balance_due: Money,
        status: PaymentStatus,
    },
    CreditNote {
        total: Money,
        reason: String,
        invoice: String,
    },
    GuaranteeCard {
        starts_on: Option<String>,
        days: Option<u32>,
        km: Option<u32>,
    },
    Recommendation {
        description: String,
        reason: Option<String>,
        consequence: Option<String>,
    },
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Entry {
    pub at: String,
    pub job_number: String,
    /// The document's own number, where it has one.
    pub reference: Option<String>,
    #[serde(flatten)]
    #[ts(flatten)]
    pub kind: EntryKind,
}

/// Every job's documents, read together: on the shop's server the whole
/// history is one round trip, whatever the number of jobs (up to the 500
/// newest), shared with a second connection in the same snapshot
/// (store/pg/client/second.rs: 15–20 % less time side by side); on a file
/// the same reads run in turn.
fn for_jobs(ctx: &Ctx, jobs: &[JobSummary], item_ids: &[i64]) -> Result<Vec<Entry>> {
    let reads: Vec<_> = jobs
        .iter()
        .map(|j| {
            (
                store::cards::claimed_by_job_read(j.id),
                store::inspections::for_job_read(j.id),
                store::events::for_job_read(j.id),
                store::approvals::for_job_read(j.id),
                crate::job::invoice::view_of_job_read(j.id),
                store::cards::for_job_read(j.id),
            )
        })
        .collect();
    let read = ctx.tx.together_shared(reads)?;
    let mut out = Vec::new();
    for (j, (claimed, inspection, events, approvals, invoice, cards)) in jobs.iter().zip(read) {
        let kind = match claimed {
            Some(card) => EntryKind::Claim {
                state: j.state,
                complaint: j.complaint.clone(),
                card,
            },
            None => EntryKind::Job {
                state: j.state,
                complaint: j.complaint.clone(),
                item: j.item_label.clone(),
            },
        };
        out.push(Entry {
            at: j.created_at.clone(),
            kind,
            job_number: j.number.clone(),
            reference: None,
        });
        if let Some(i) = inspection {
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
                    kind: EntryKind::Inspection {
                        acknowledged_by: ack.name.clone(),
                        findings: damage,
                    },
                    job_number: j.number.clone(),
                    reference: None,
                });
            }
        }
        for e in events {
            if let JobEventKind::State {
                to: JobState::AwaitingApproval,
                ..
            } = e.event
            {
                out.push(Entry {
                    at: e.at,
                    kind: EntryKind::Estimate {},
                    job_number: j.number.clone(),
                    reference: None,
                });
            }
        }
        for a in approvals {
            out.push(Entry {
                at: a.at.clone(),
                kind: EntryKind::Approval {
                    method: a.method,
                    approver: a.approver_name.clone(),
                    amount_approved: a.amount_approved,
                    revised_total: a.revised_total,
                    supplement: a.supplement,
                },
                job_number: j.number.clone(),
                reference: None,
            });
        }
        if let Some((_, v)) = invoice {
            let inv = &v.invoice;
            out.push(Entry {
                at: inv.issued_at.clone(),
                kind: EntryKind::Invoice {
                    total: inv.totals.total,
                    balance_due: v.balance_due,
                    status: v.status,
                },
                job_number: j.number.clone(),
                reference: Some(inv.number.clone()),
            });
            for c in &v.credit_notes {
                out.push(Entry {
                    at: c.issued_at.clone(),
                    kind: EntryKind::CreditNote {
                        total: c.total,
                        reason: c.reason.clone(),
                        invoice: inv.number.clone(),
                    },
                    job_number: j.number.clone(),
                    reference: Some(c.number.clone()),
                });
            }
        }
        for c in cards {
            out.push(Entry {
                at: c.issued_at.clone(),
                kind: EntryKind::GuaranteeCard {
                    starts_on: c.starts_on.clone(),
                    days: c.days,
                    km: c.km,
                },
                job_number: j.number.clone(),
                reference: Some(c.number.clone()),
            });
        }
    }
    let mut open = store::approvals::open_recommendations_of(ctx.tx, item_ids)?;
    for item in item_ids {
        for r in open.remove(item).unwrap_or_default() {
            out.push(Entry {
                at: r.created_at,
                kind: EntryKind::Recommendation {
                    description: r.description,
                    reason: r.reason,
                    consequence: r.consequence,
                },
                job_number: r.job_number,
                reference: None,
            });
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

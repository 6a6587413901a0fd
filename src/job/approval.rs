//! Approval: the heart of the product. Work starts only on what the customer
//! approved, and every approval is a permanent record (the store refuses to change
//! or delete one). Lines added after the first approval form a supplementary
//! estimate whose approval shows the previous total, the difference and the
//! revised total. Declined lines stay on the item as recommendations.
//!
//! The gate, enforced here and called by every module that works, consumes or
//! bills: nothing happens on a line that is not approved ([`require_approved`]);
//! an approved line's kind, part kind and description never change, and its
//! quantity or price never rise, without a new approval ([`check_edit`]); and the
//! job's billable total never exceeds the approved total beyond the shop's
//! tolerance ([`gate`]).
//!
//! Tests: tests/core/job/approval.rs (the gate itself: tests/core/job/gate.rs).

use crate::base::error::{Error, Result};
use crate::base::text::{optional, phone, required};
use crate::ctx::Ctx;
use crate::job;
use crate::job::estimate;
use crate::job::gate::billable_total;
use crate::model::approval::ApprovalRecord;
use crate::model::approval::Decision;
use crate::model::approval::Method;
use crate::model::approval::OldParts;
use crate::model::job::JobState;
use crate::model::line::{Line, LineStatus, PartKind};
use crate::store;
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;
use ts_rs::TS;

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct LineDecision {
    pub line_id: i64,
    pub decision: Decision,
    /// Declined lines: why the customer declined.
    pub reason: Option<String>,
    /// Declined lines: what was explained will happen if the work waits.
    pub consequence: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct RecordApproval {
    /// The staff member who took the approval.
    pub staff_id: i64,
    pub job: String,
    pub method: Method,
    /// The designated person who approved; omit when the customer did.
    pub designated_person_id: Option<i64>,
    /// Phone number called (phone) or address used (electronic).
    pub contact: Option<String>,
    /// PNG or JPEG signature, base64; required in person.
    pub signature_base64: Option<String>,
    pub conditions: Option<String>,
    /// Required when a part line is approved.
    pub old_parts: Option<OldParts>,
    pub decisions: Vec<LineDecision>,
}

fn contact_for(method: Method, contact: &Option<String>) -> Result<Option<String>> {
    match method {
        Method::Phone => {
            let c = contact.as_deref().unwrap_or("").trim();
            if c.is_empty() {
                return Err(Error::invalid(
                    "contact",
                    "Record the phone number called",
                    "请记录所拨打的电话号码",
                ));
            }
            Ok(Some(phone("contact", c)?))
        }
        Method::Electronic => {
            let c = optional("contact", contact, 200)?;
            c.ok_or_else(|| {
                Error::invalid(
                    "contact",
                    "Record the address the approval came from",
                    "请记录确认消息的来源地址",
                )
            })
            .map(Some)
        }
        Method::InPerson => optional("contact", contact, 200),
    }
}

pub fn record(ctx: &Ctx, input: RecordApproval) -> Result<ApprovalRecord> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let mut job = job::by_number(ctx, &input.job)?;
    let first = matches!(job.state, JobState::Estimated | JobState::AwaitingApproval);
    if !first && !job.state.is_after_approval() {
        job::require_state(
            &job,
            &[JobState::AwaitingApproval],
            "record an approval",
            "记录客户确认",
        )?;
    }
    if let Some(until) = &job.estimate_valid_until {
        if ctx.now_text() > *until {
            return Err(Error::state(
                format!("The estimate expired on {until}; present it again"),
                format!("报价已于 {until} 过期，请重新提交"),
            ));
        }
    }
    let customer = crate::records::customers::load(ctx, job.customer_id)?;
    let (approver_name, designated) = match input.designated_person_id {
        None => (customer.name.clone(), None),
        Some(id) => {
            let p = customer
                .designated_persons
                .iter()
                .find(|p| p.id == id)
                .ok_or_else(|| {
                    Error::invalid(
                        "designated_person_id",
                        "This person may not approve for this customer",
                        "此人无权代表该客户确认",
                    )
                })?;
            (p.name.clone(), Some(id))
        }
    };
    let contact = contact_for(input.method, &input.contact)?;
    let signature = match input.signature_base64.as_deref().map(str::trim) {
        Some(s) if !s.is_empty() => {
            Some(crate::base::image::decode_image("signature_base64", s)?.1)
        }
        _ if input.method == Method::InPerson => {
            return Err(Error::invalid(
                "signature_base64",
                "An approval in person needs the customer's signature",
                "当面确认需要客户签名",
            ))
        }
        _ => None,
    };
    let conditions = optional("conditions", &input.conditions, 1000)?;
    if input.decisions.is_empty() {
        return Err(Error::invalid(
            "decisions",
            "Approve or decline at least one line",
            "请至少确认或拒绝一个项目",
        ));
    }
    let lines = store::lines::for_job(ctx.tx, job.id)?;
    let mut chosen: Vec<(&Line, &LineDecision)> = Vec::new();
    for (i, d) in input.decisions.iter().enumerate() {
        let field = format!("decisions[{i}].line_id");
        let line = lines
            .iter()
            .find(|l| l.id == d.line_id)
            .ok_or_else(|| Error::not_found("Estimate line", "报价项目", d.line_id).at(&field))?;
        if line.status != LineStatus::Proposed {
            return Err(Error::invalid(
                &field,
                format!("Line \"{}\" was already decided", line.description),
                format!("项目“{}”已确认或拒绝过", line.description),
            ));
        }
        if chosen.iter().any(|(l, _)| l.id == line.id) {
            return Err(Error::invalid(
                &field,
                "A line appears twice",
                "同一项目出现两次",
            ));
        }
        chosen.push((line, d));
    }
    let approves_part = chosen.iter().any(|(l, d)| {
        d.decision == Decision::Approved
            && l.part_kind.is_some_and(|k| k != PartKind::CustomerSupplied)
    });
    if approves_part && input.old_parts.is_none() {
        return Err(Error::invalid(
            "old_parts",
            "Ask the customer whether they want the old parts back",
            "请询问客户是否需要取回旧件",
        ));
    }
    let settings = crate::shop::settings::load(ctx)?;
    let previous_total = billable_total(&job, &lines, &settings);
    let now = ctx.now_text();
    let mut declined = Vec::new();
    for (i, (line, d)) in chosen.iter().enumerate() {
        match d.decision {
            Decision::Approved => store::lines::approve(ctx.tx, line.id)?,
            Decision::Declined => {
                let reason = required(
                    &format!("decisions[{i}].reason"),
                    d.reason.as_deref().unwrap_or(""),
                    500,
                )?;
                let consequence = required(
                    &format!("decisions[{i}].consequence"),
                    d.consequence.as_deref().unwrap_or(""),
                    500,
                )?;
                store::lines::decline(ctx.tx, line.id, &reason, &consequence)?;
                declined.push((line.id, line.description.clone(), reason, consequence));
            }
        }
    }
    let after = store::lines::for_job(ctx.tx, job.id)?;
    let revised_total = billable_total(&job, &after, &settings);
    let supplement = chosen.iter().map(|(l, _)| l.supplement).max().unwrap_or(0);
    let id = store::approvals::insert(
        ctx.tx,
        &store::approvals::NewApproval {
            job_id: job.id,
            supplement,
            method: input.method.code(),
            approver_name: &approver_name,
            designated_person_id: designated,
            contact: contact.as_deref(),
            signature: signature.as_deref(),
            staff_id: input.staff_id,
            at: &now,
            conditions: conditions.as_deref(),
            old_parts: input.old_parts.map(|o| o.code()),
            previous_total,
            amount_approved: revised_total - previous_total,
            revised_total,
        },
    )?;
    for (line, d) in &chosen {
        let decision = if d.decision == Decision::Approved {
            "approved"
        } else {
            "declined"
        };
        store::approvals::insert_line(
            ctx.tx,
            id,
            line.id,
            decision,
            line.quantity.milli(),
            line.unit_price,
        )?;
    }
    for (line_id, description, reason, consequence) in declined {
        store::approvals::insert_recommendation(
            ctx.tx,
            job.item_id,
            job.id,
            line_id,
            &description,
            &reason,
            &consequence,
            &now,
        )?;
    }
    job::record(
        ctx,
        job.id,
        input.staff_id,
        "approval",
        json!({
            "approval_id": id, "method": input.method.code(), "approver": approver_name,
            "previous_total": previous_total, "revised_total": revised_total, "supplement": supplement,
        }),
    )?;
    let any_approved = after.iter().any(|l| l.status == LineStatus::Approved);
    if first && any_approved {
        if job.state == JobState::Estimated {
            job::transition(
                ctx,
                &mut job,
                JobState::AwaitingApproval,
                input.staff_id,
                json!({}),
            )?;
        }
        job::transition(
            ctx,
            &mut job,
            JobState::Approved,
            input.staff_id,
            json!({ "approval_id": id }),
        )?;
    }
    store::approvals::get(ctx.tx, id)?.ok_or_else(|| Error::internal("approval vanished"))
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct OfferRecommendation {
    pub staff_id: i64,
    pub job: String,
    pub recommendation_id: i64,
}

/// Offers declined work again on a new job of the same item, as a proposed line.
pub fn offer_recommendation(ctx: &Ctx, input: OfferRecommendation) -> Result<Line> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let job = job::by_number(ctx, &input.job)?;
    let recs = store::approvals::open_recommendations(ctx.tx, job.item_id)?;
    let rec = recs
        .iter()
        .find(|r| r.id == input.recommendation_id)
        .ok_or_else(|| {
            Error::not_found(
                "Open recommendation for this item",
                "该物品的待办建议",
                input.recommendation_id,
            )
            .at("recommendation_id")
        })?;
    let old = crate::job::load_line(ctx, rec.line_id)?;
    let line = estimate::LineInput {
        kind: old.kind,
        description: old.description.clone(),
        quantity: old.quantity,
        unit_price: Some(old.unit_price),
        part_number: old.part_number.clone(),
        brand: old.brand.clone(),
        part_kind: old.part_kind,
        tax_rate_bp: Some(old.tax_rate_bp),
        discount_bp: old.discount_bp,
        discount_amount: old.discount_amount,
        covered_by_card: false,
    };
    let new = estimate::add_line_to(ctx, &job, input.staff_id, &line, None)?;
    store::approvals::take_up_recommendation(ctx.tx, rec.id, job.id)?;
    Ok(new)
}

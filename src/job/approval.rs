//! Approval: the heart of the product. Work starts only on what the customer
//! approved, and every approval is a permanent record (the store refuses to change
//! or delete one). Lines added after the first approval form a supplementary
//! estimate whose approval shows the previous total, the difference and the
//! revised total. Declined lines stay on the item as recommendations.
//!
//! Recording is load → decide → write: the pure decisions (who approves, which
//! lines, what a decline needs) are the small functions below, unit-tested
//! beside them. What an approval then permits is decided by the gate, whole, in
//! job/gate.rs.
//!
//! Tests: tests/core/job/approval.rs (the gate itself: tests/core/job/gate.rs).

use crate::base::error::{Error, Result};
use crate::base::text::{optional, phone, required};
use crate::ctx::Ctx;
use crate::job;
use crate::job::gate::billable_total;
use crate::model::approval::{ApprovalRecord, Decision, Method, OldParts};
use crate::model::customer::Customer;
use crate::model::job::{Job, JobState};
use crate::model::job_event::{JobEventKind, StateChange};
use crate::model::line::{Line, LineStatus, PartKind};
use crate::store;
use schemars::JsonSchema;
use serde::Deserialize;
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

/// Records the customer's decision on lines: load the job, its customer and
/// lines → decide who approved, how, and what (pure, in the functions below) →
/// write the permanent record, its lines and the recommendations, and move the
/// job on.
pub fn record(ctx: &Ctx, input: RecordApproval) -> Result<ApprovalRecord> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let mut job = job::by_number(ctx, &input.job)?;
    let first = check_job(&job, &ctx.now_text())?;
    let customer = crate::records::customers::load(ctx, job.customer_id)?;
    let (approver_name, designated) = approver(&customer, input.designated_person_id)?;
    let contact = contact_for(input.method, &input.contact)?;
    let signature = signature_of(input.method, input.signature_base64.as_deref())?;
    let conditions = optional("conditions", &input.conditions, 1000)?;
    let lines = store::lines::for_job(ctx.tx, job.id)?;
    let chosen = choose(&lines, &input.decisions, input.old_parts)?;
    let settings = crate::shop::settings::load(ctx)?;
    let declined = declines(&chosen)?;
    let previous_total = billable_total(&job, &lines, &settings);
    let now = ctx.now_text();
    for (line, d) in &chosen {
        if d.decision == Decision::Approved {
            store::lines::approve(ctx.tx, line.id)?;
        }
    }
    for x in &declined {
        store::lines::decline(ctx.tx, x.line_id, &x.reason, &x.consequence)?;
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
    // What the owner's figures read (presented and approved), kept with the record.
    store::figures::record_approval(ctx.tx, id)?;
    for x in declined {
        store::approvals::insert_recommendation(
            ctx.tx,
            job.item_id,
            job.id,
            x.line_id,
            &x.description,
            &x.reason,
            &x.consequence,
            &now,
        )?;
    }
    job::record(
        ctx,
        job.id,
        input.staff_id,
        JobEventKind::Approval {
            approval_id: id,
            method: input.method.code().to_string(),
            approver: Some(approver_name),
            previous_total: Some(previous_total),
            revised_total: Some(revised_total),
            supplement: Some(supplement),
        },
    )?;
    let any_approved = after.iter().any(|l| l.status == LineStatus::Approved);
    if first && any_approved {
        if job.state == JobState::Estimated {
            job::transition(
                ctx,
                &mut job,
                JobState::AwaitingApproval,
                input.staff_id,
                StateChange::default(),
            )?;
        }
        job::transition(
            ctx,
            &mut job,
            JobState::Approved,
            input.staff_id,
            StateChange {
                approval_id: Some(id),
                ..StateChange::default()
            },
        )?;
    }
    store::approvals::get(ctx.tx, id)?.ok_or_else(|| Error::internal("approval vanished"))
}

/// Whether the job may take an approval now; answers whether it is the first
/// (the estimate) rather than a supplement. An expired estimate is refused.
fn check_job(job: &Job, now: &str) -> Result<bool> {
    let first = matches!(job.state, JobState::Estimated | JobState::AwaitingApproval);
    if !first && !job.state.is_after_approval() {
        job::require_state(
            job,
            &[JobState::AwaitingApproval],
            "record an approval",
            "记录客户确认",
        )?;
    }
    if let Some(until) = &job.estimate_valid_until {
        if now > until.as_str() {
            return Err(Error::state(
                format!("The estimate expired on {until}; present it again"),
                format!("报价已于 {until} 过期，请重新提交"),
            ));
        }
    }
    Ok(first)
}

/// Who approves: the customer, or one of the persons they designated.
fn approver(customer: &Customer, designated: Option<i64>) -> Result<(String, Option<i64>)> {
    match designated {
        None => Ok((customer.name.clone(), None)),
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
            Ok((p.name.clone(), Some(id)))
        }
    }
}

/// The signature: required in person, optional otherwise, always a real image.
fn signature_of(method: Method, base64: Option<&str>) -> Result<Option<Vec<u8>>> {
    match base64.map(str::trim) {
        Some(s) if !s.is_empty() => Ok(Some(
            crate::base::image::decode_image("signature_base64", s)?.1,
        )),
        _ if method == Method::InPerson => Err(Error::invalid(
            "signature_base64",
            "An approval in person needs the customer's signature",
            "当面确认需要客户签名",
        )),
        _ => Ok(None),
    }
}

/// The lines decided: each a proposed line of this job, once; and when a part
/// is approved, the customer has said what happens to the old one.
fn choose<'a>(
    lines: &'a [Line],
    decisions: &'a [LineDecision],
    old_parts: Option<OldParts>,
) -> Result<Vec<(&'a Line, &'a LineDecision)>> {
    if decisions.is_empty() {
        return Err(Error::invalid(
            "decisions",
            "Approve or decline at least one line",
            "请至少确认或拒绝一个项目",
        ));
    }
    let mut chosen: Vec<(&Line, &LineDecision)> = Vec::new();
    for (i, d) in decisions.iter().enumerate() {
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
    if approves_part && old_parts.is_none() {
        return Err(Error::invalid(
            "old_parts",
            "Ask the customer whether they want the old parts back",
            "请询问客户是否需要取回旧件",
        ));
    }
    Ok(chosen)
}

/// A declined line and what the customer was told.
#[derive(Debug)]
struct Declined {
    line_id: i64,
    description: String,
    reason: String,
    consequence: String,
}

/// Every declined line needs the customer's reason and what happens if the
/// work waits (the handbook asks the shop to explain it).
fn declines(chosen: &[(&Line, &LineDecision)]) -> Result<Vec<Declined>> {
    let mut out = Vec::new();
    for (i, (line, d)) in chosen.iter().enumerate() {
        if d.decision == Decision::Declined {
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
            out.push(Declined {
                line_id: line.id,
                description: line.description.clone(),
                reason,
                consequence,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    //! The approval's pure decisions, without a database; the whole command is
    //! tested in tests/core/job/approval.rs.
    use super::*;
    use crate::base::money::Qty;
    use crate::base::totals::LineKind;

    fn line(id: i64, kind: Option<PartKind>) -> Line {
        let mut l = Line::draft(
            1,
            id,
            0,
            LineKind::Part,
            format!("L{id}"),
            Qty::from_units(1),
            100,
            0,
        );
        l.id = id;
        l.part_kind = kind;
        l
    }

    fn decide(line_id: i64, decision: Decision) -> LineDecision {
        LineDecision {
            line_id,
            decision,
            reason: None,
            consequence: None,
        }
    }

    #[test]
    fn each_proposed_line_is_decided_once() {
        let lines = [line(1, None), line(2, None)];
        assert_eq!(
            choose(&lines, &[], None).unwrap_err().field.as_deref(),
            Some("decisions")
        );
        let twice = [decide(1, Decision::Approved), decide(1, Decision::Declined)];
        let e = choose(&lines, &twice, None).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("decisions[1].line_id"));
        let unknown = [decide(9, Decision::Approved)];
        assert_eq!(
            choose(&lines, &unknown, None).unwrap_err().code,
            crate::ErrorCode::NotFound
        );
        let mut decided = line(3, None);
        decided.status = LineStatus::Approved;
        let e = choose(
            std::slice::from_ref(&decided),
            &[decide(3, Decision::Approved)],
            None,
        )
        .unwrap_err();
        assert_eq!(e.field.as_deref(), Some("decisions[0].line_id"));
    }

    #[test]
    fn approving_a_part_asks_about_the_old_part() {
        let lines = [
            line(1, Some(PartKind::NewOem)),
            line(2, Some(PartKind::CustomerSupplied)),
        ];
        let e = choose(&lines, &[decide(1, Decision::Approved)], None).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("old_parts"));
        assert!(choose(
            &lines,
            &[decide(1, Decision::Approved)],
            Some(OldParts::Discard)
        )
        .is_ok());
        assert!(choose(&lines, &[decide(2, Decision::Approved)], None).is_ok());
        assert!(choose(&lines, &[decide(1, Decision::Declined)], None).is_ok());
    }

    #[test]
    fn a_decline_needs_its_reason_and_consequence_in_words() {
        let lines = [line(1, None)];
        let mut d = decide(1, Decision::Declined);
        let chosen = [(&lines[0], &d)];
        assert_eq!(
            declines(&chosen).unwrap_err().field.as_deref(),
            Some("decisions[0].reason")
        );
        d.reason = Some("Next month".into());
        let chosen = [(&lines[0], &d)];
        assert_eq!(
            declines(&chosen).unwrap_err().field.as_deref(),
            Some("decisions[0].consequence")
        );
        d.consequence = Some("  刹车片继续磨损  ".into());
        let chosen = [(&lines[0], &d)];
        let out = declines(&chosen).unwrap();
        assert_eq!(
            (out[0].line_id, out[0].consequence.as_str()),
            (1, "刹车片继续磨损")
        );
    }

    #[test]
    fn in_person_needs_a_signature_other_methods_do_not() {
        assert_eq!(
            signature_of(Method::InPerson, Some("  "))
                .unwrap_err()
                .field
                .as_deref(),
            Some("signature_base64")
        );
        assert!(signature_of(Method::Phone, None).unwrap().is_none());
        assert!(signature_of(Method::Phone, Some("not an image")).is_err());
    }
}

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

use crate::api::Ctx;
use crate::error::{Error, Result};
use crate::estimate::{self, Line, LineStatus, PartKind};
use crate::job::{self, Job, JobState};
use crate::money::{format_minor, Money};
use crate::settings::{ShopSettings, Tolerance};
use crate::store;
use crate::text::{optional, phone, required};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// In person, signed.
    InPerson,
    /// By phone: the number called is recorded.
    Phone,
    /// By electronic message: the address used is recorded.
    Electronic,
}

impl Method {
    pub fn code(self) -> &'static str {
        match self {
            Method::InPerson => "in_person",
            Method::Phone => "phone",
            Method::Electronic => "electronic",
        }
    }
    pub fn parse(s: &str) -> Method {
        match s {
            "phone" => Method::Phone,
            "electronic" => Method::Electronic,
            _ => Method::InPerson,
        }
    }
}

/// The customer's choice about replaced parts, asked at approval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum OldParts {
    ReturnToCustomer,
    Discard,
}

impl OldParts {
    pub fn code(self) -> &'static str {
        match self {
            OldParts::ReturnToCustomer => "return_to_customer",
            OldParts::Discard => "discard",
        }
    }
    pub fn parse(s: &str) -> Option<OldParts> {
        match s {
            "return_to_customer" => Some(OldParts::ReturnToCustomer),
            "discard" => Some(OldParts::Discard),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approved,
    Declined,
}

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

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct ApprovedLine {
    pub line_id: i64,
    pub decision: Decision,
    pub description: String,
    pub quantity: crate::money::Qty,
    pub unit_price: Money,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct ApprovalRecord {
    pub id: i64,
    pub job_id: i64,
    /// 0 for the first estimate; n for the n-th supplement.
    pub supplement: i64,
    pub method: Method,
    pub approver_name: String,
    pub designated_person_id: Option<i64>,
    pub contact: Option<String>,
    pub has_signature: bool,
    pub staff_id: i64,
    pub staff_name: String,
    pub at: String,
    pub conditions: Option<String>,
    pub old_parts: Option<OldParts>,
    pub previous_total: Money,
    pub amount_approved: Money,
    pub revised_total: Money,
    pub lines: Vec<ApprovedLine>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Recommendation {
    pub id: i64,
    pub item_id: i64,
    pub job_id: i64,
    pub job_number: String,
    pub line_id: i64,
    pub description: String,
    pub reason: Option<String>,
    pub consequence: Option<String>,
    pub created_at: String,
}

/// The billable total now: every approved line at its current quantity and price.
pub fn billable_total(job: &Job, lines: &[Line], s: &ShopSettings) -> Money {
    estimate::totals_of(job, lines, s, |l| l.status == LineStatus::Approved).total
}

/// The approved ceiling: the revised total of the latest approval (0 before any).
pub fn approved_total(ctx: &Ctx, job_id: i64) -> Result<Money> {
    Ok(store::approvals::latest_revised_total(ctx.tx, job_id)?.unwrap_or(0))
}

fn money(s: &ShopSettings, m: Money) -> String {
    format!(
        "{} {}",
        s.currency.code,
        format_minor(m, s.currency.minor_units)
    )
}

/// Refuses when the job's billable total exceeds the approved total plus tolerance.
pub fn gate(ctx: &Ctx, job: &Job, s: &ShopSettings) -> Result<()> {
    let job = job::by_id(ctx, job.id)?;
    let lines = store::lines::for_job(ctx.tx, job.id)?;
    let billable = billable_total(&job, &lines, s);
    let ceiling = approved_total(ctx, job.id)?;
    let allowed = ceiling + s.approval_tolerance.allowance(ceiling);
    if billable > allowed {
        return Err(Error::approval(
            format!(
                "This would bring job {} to {}, above the {} the customer approved; get a supplementary approval first",
                job.number, money(s, billable), money(s, ceiling)
            ),
            format!(
                "此操作将使工单 {} 金额达到 {}，超过客户已确认的 {}，请先取得追加确认",
                job.number, money(s, billable), money(s, ceiling)
            ),
        ));
    }
    Ok(())
}

/// What may change on an approved line without a new approval.
pub fn check_edit(old: &Line, new: &Line) -> Result<()> {
    let refuse = |what_en: &str, what_zh: &str| {
        Err(Error::approval(
            format!("The customer approved this line as it was; changing its {what_en} needs a supplementary approval"),
            format!("客户已按原样确认该项目，修改{what_zh}需要追加确认"),
        ))
    };
    if new.kind != old.kind {
        return refuse("kind", "类型");
    }
    if new.part_kind != old.approved_part_kind {
        return refuse("part kind", "配件类型");
    }
    if new.covered_by_card != old.covered_by_card {
        return refuse("guarantee cover", "保修属性");
    }
    if new.description != old.description {
        return refuse("description (the repair method)", "描述（维修方法）");
    }
    Ok(())
}

/// A raise of quantity or price on an approved line: refused outright when the
/// shop allows no tolerance, otherwise left to [`gate`].
pub fn check_raise(old: &Line, new: &Line, s: &ShopSettings) -> Result<()> {
    let raised = Some(new.quantity) > old.approved_quantity
        || Some(new.unit_price) > old.approved_unit_price;
    if raised && s.approval_tolerance == Tolerance::None {
        return Err(Error::approval(
            "Raising an approved line's quantity or price needs the customer's approval; add a supplementary line",
            "提高已确认项目的数量或单价需要客户确认，请添加追加项目",
        ));
    }
    Ok(())
}

/// Refuses unless `line` is approved: the gate for work, parts and billing.
pub fn require_approved(line: &Line, doing_en: &str, doing_zh: &str) -> Result<()> {
    if line.status == LineStatus::Approved {
        return Ok(());
    }
    Err(Error::approval(
        format!("Cannot {doing_en}: line \"{}\" is {}, not approved by the customer; present it as a supplementary estimate", line.description, line.status.code()),
        format!("无法{doing_zh}：项目“{}”尚未获得客户确认，请作为追加报价提交客户确认", line.description),
    )
    .at("line_id"))
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
    crate::staff::actor(ctx, input.staff_id)?;
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
    let customer = crate::customers::load(ctx, job.customer_id)?;
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
        Some(s) if !s.is_empty() => Some(crate::inspection::decode_image("signature_base64", s)?.1),
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
    let settings = crate::settings::load(ctx)?;
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
    crate::staff::actor(ctx, input.staff_id)?;
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
    let old = estimate::load_line(ctx, rec.line_id)?;
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

//! Complaints (投诉 / 抱怨): the handbook's record, and the steps the core
//! enforces in order, each with who and when — received → clarified →
//! resolution agreed → action taken → customer thanked and result confirmed →
//! root cause analysed → loop confirmed by a second call → closed. Each step is
//! due within the level's response limit from the one before; a late one shows
//! as overdue for the manager. The steps are complaint_steps.rs; a redo (a real
//! guarantee claim) and a refund (a real credit note) complaints_resolution.rs.
//! Tests: tests/core/care/complaints.rs.

use crate::base::error::{Error, Result};
use crate::base::time::time_text;
use crate::ctx::Ctx;
use crate::model::access::Permission;
use crate::model::complaint::{
    response_hours, Category, Complaint, ComplaintFacts, Source, Step, StepRecord,
};
use crate::model::job::Job;
use crate::model::survey::Answers;
use crate::store;
use crate::store::complaints::{Filter, NewComplaint, Row};
use chrono::Duration;
use schemars::JsonSchema;
use serde::Deserialize;
use ts_rs::TS;

const NUMBER_FORMAT: &str = "CP{YYYY}-{SEQ:6}";

pub(super) fn due_after(ctx: &Ctx, level: u8) -> String {
    time_text(ctx.now + Duration::hours(response_hours(level)))
}

pub(super) fn check_facts(ctx: &Ctx, f: &ComplaintFacts) -> Result<ComplaintFacts> {
    let opt = |field: &str, v: &Option<String>| crate::base::text::optional(field, v, 1000);
    for id in &f.staff_involved {
        store::staff::get(ctx.tx, *id)?.ok_or_else(|| {
            Error::not_found("Staff member", "员工", id).at("facts.staff_involved")
        })?;
    }
    let clean = || -> Result<ComplaintFacts> {
        Ok(ComplaintFacts {
            what_happened: crate::base::text::required("what_happened", &f.what_happened, 2000)?,
            when_happened: opt("when_happened", &f.when_happened)?,
            condition: opt("condition", &f.condition)?,
            staff_involved: f.staff_involved.clone(),
            staff_manner: opt("staff_manner", &f.staff_manner)?,
            real_reason: opt("real_reason", &f.real_reason)?,
            wanted: opt("wanted", &f.wanted)?,
            reasonable: f.reasonable,
        })
    };
    clean().map_err(|e| e.within("facts"))
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct OpenComplaint {
    pub staff_id: i64,
    pub customer_id: i64,
    /// The job it is about, when there is one (it must be this customer's).
    pub job: Option<String>,
    pub source: Source,
    /// 1 (a remark) to 5 (an escalation beyond the shop).
    pub level: u8,
    pub category: Category,
    pub facts: ComplaintFacts,
}

pub fn open(ctx: &Ctx, input: OpenComplaint) -> Result<Complaint> {
    crate::shop::access::require(ctx, input.staff_id, Permission::Care)?;
    store::customers::get(ctx.tx, input.customer_id)?
        .ok_or_else(|| Error::not_found("Customer", "客户", input.customer_id).at("customer_id"))?;
    if !(1..=5).contains(&input.level) {
        return Err(Error::invalid(
            "level",
            "A level from 1 to 5",
            "等级应为 1 到 5",
        ));
    }
    let job = match input
        .job
        .as_deref()
        .map(str::trim)
        .filter(|j| !j.is_empty())
    {
        Some(n) => {
            let j = crate::job::by_number(ctx, n).map_err(|e| e.at("job"))?;
            if j.customer_id != input.customer_id {
                return Err(Error::invalid(
                    "job",
                    format!("Job {} belongs to another customer", j.number),
                    format!("工单 {} 属于其他客户", j.number),
                ));
            }
            Some(j)
        }
        None => None,
    };
    let facts = check_facts(ctx, &input.facts)?;
    let id = insert(
        ctx,
        input.staff_id,
        input.customer_id,
        job.as_ref(),
        input.source,
        input.level,
        input.category,
        facts,
    )?;
    load(ctx, id)
}

#[allow(clippy::too_many_arguments)]
fn insert(
    ctx: &Ctx,
    staff_id: i64,
    customer_id: i64,
    job: Option<&Job>,
    source: Source,
    level: u8,
    category: Category,
    facts: ComplaintFacts,
) -> Result<i64> {
    let number = crate::shop::numbering::take(ctx, "complaint", NUMBER_FORMAT)?;
    let returning = store::complaints::earlier_jobs(ctx.tx, customer_id, job.map(|j| j.id))? > 0;
    let now = ctx.now_text();
    let id = store::complaints::insert(
        ctx.tx,
        &NewComplaint {
            number: &number,
            customer_id,
            job_id: job.map(|j| j.id),
            source,
            level,
            category,
            returning,
            facts: &facts,
            received_at: &now,
            next_due: &due_after(ctx, level),
            staff_id,
        },
    )?;
    store::complaints::add_step(
        ctx.tx,
        id,
        &record(Step::Received, staff_id, &now, Some(facts)),
    )?;
    Ok(id)
}

pub(super) fn record(
    step: Step,
    staff_id: i64,
    at: &str,
    facts: Option<ComplaintFacts>,
) -> StepRecord {
    StepRecord {
        step,
        staff_id,
        at: at.to_string(),
        note: None,
        resolution: None,
        reference: None,
        root_cause: None,
        confirmed: None,
        facts,
    }
}

/// The complaint an unhappy survey answer opens, prefilled from the answers and the job.
pub fn open_from_survey(
    ctx: &Ctx,
    job: &Job,
    staff_id: i64,
    source: Source,
    answers: &Answers,
    category: Category,
) -> Result<String> {
    let s = crate::shop::settings::load(ctx)?;
    let low: Vec<&str> = answers
        .low_stages(s.care.unhappy_at_or_below)
        .iter()
        .map(|st| st.code())
        .collect();
    let mut what = format!(
        "Unhappy answer on job {} (overall {}/{}{})",
        job.number,
        answers.overall,
        s.care.survey_scale,
        if low.is_empty() {
            String::new()
        } else {
            format!("; low: {}", low.join(", "))
        }
    );
    if let Some(c) = &answers.comment {
        what = format!("{what}: {c}");
    }
    let facts = ComplaintFacts {
        what_happened: what.chars().take(2000).collect(),
        when_happened: job.delivered_at.clone(),
        condition: None,
        staff_involved: vec![job.created_by],
        staff_manner: None,
        real_reason: None,
        wanted: None,
        reasonable: None,
    };
    let id = insert(
        ctx,
        staff_id,
        job.customer_id,
        Some(job),
        source,
        2,
        category,
        facts,
    )?;
    Ok(load(ctx, id)?.number)
}

/// The full record: the row with its customer, job, documents and steps.
pub fn load(ctx: &Ctx, id: i64) -> Result<Complaint> {
    let row = store::complaints::by_id(ctx.tx, id)?
        .ok_or_else(|| Error::internal("complaint vanished"))?;
    let mut c = assemble(ctx, row, true)?;
    c.steps = store::complaints::steps(ctx.tx, c.id)?;
    Ok(c)
}

/// The complaint with its customer and job; `full` adds the invoice, card and
/// item (the register leaves them out: it must paint at once on a ten-year shop).
fn assemble(ctx: &Ctx, r: Row, full: bool) -> Result<Complaint> {
    let (customer_name, phone) = store::customers::name_and_phone(ctx.tx, r.customer_id)?;
    let mut about = About::default();
    if let Some(jid) = r.job_id {
        let job = crate::job::by_id(ctx, jid)?;
        if let Some((_, d)) = full
            .then(|| store::invoices::by_job(ctx.tx, jid))
            .transpose()?
            .flatten()
        {
            about.invoice_number = Some(d.number.clone());
            about.amount = Some(d.totals.total);
            about.card_number = d.guarantee_card.clone();
        }
        if full {
            about.item_label = store::items::get(ctx.tx, job.item_id)?.map(|i| i.label);
        }
        about.job_number = Some(job.number);
    }
    Ok(shaped(r, customer_name, phone, about, &ctx.now_text()))
}

/// The register's rows, their customers and job numbers read for all of
/// them at once (two statements, not two per complaint).
fn assemble_list(ctx: &Ctx, rows: Vec<Row>) -> Result<Vec<Complaint>> {
    let customers: Vec<i64> = rows.iter().map(|r| r.customer_id).collect();
    let names = store::customers::names_and_phones(ctx.tx, &customers)?;
    let jobs: Vec<i64> = rows.iter().filter_map(|r| r.job_id).collect();
    let numbers: std::collections::HashMap<i64, String> = store::jobs::by_ids(ctx.tx, &jobs)?
        .into_iter()
        .map(|j| (j.id, j.number))
        .collect();
    let now = ctx.now_text();
    rows.into_iter()
        .map(|r| {
            let (name, phone) = names.get(&r.customer_id).cloned().unwrap_or_default();
            let job_number = match r.job_id {
                Some(id) => Some(
                    numbers
                        .get(&id)
                        .cloned()
                        .ok_or_else(|| Error::not_found("Job", "工单", id).at("job"))?,
                ),
                None => None,
            };
            let about = About {
                job_number,
                ..About::default()
            };
            Ok(shaped(r, name, phone, about, &now))
        })
        .collect()
}

/// What a complaint is about beyond its own record.
#[derive(Default)]
struct About {
    job_number: Option<String>,
    invoice_number: Option<String>,
    card_number: Option<String>,
    item_label: Option<String>,
    amount: Option<crate::base::money::Money>,
}

fn shaped(r: Row, customer_name: String, phone: Option<String>, a: About, now: &str) -> Complaint {
    Complaint {
        id: r.id,
        number: r.number,
        customer_id: r.customer_id,
        customer_name,
        phone,
        job_number: a.job_number,
        invoice_number: a.invoice_number,
        card_number: a.card_number,
        item_label: a.item_label,
        amount: a.amount,
        source: r.source,
        level: r.level,
        category: r.category,
        returning_customer: r.returning,
        facts: r.facts,
        step: r.step,
        received_at: r.received_at,
        overdue: r.next_due.as_deref().is_some_and(|d| d < now),
        next_due: r.next_due,
        steps: Vec::new(),
    }
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct ComplaintRef {
    pub complaint: String,
}

pub(super) fn by_number(ctx: &Ctx, number: &str) -> Result<Row> {
    store::complaints::by_number(ctx.tx, number.trim())?
        .ok_or_else(|| Error::not_found("Complaint", "投诉", number).at("complaint"))
}

pub fn get(ctx: &Ctx, input: ComplaintRef) -> Result<Complaint> {
    let r = by_number(ctx, &input.complaint)?;
    load(ctx, r.id)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct ComplaintFilter {
    pub step: Option<Step>,
    #[serde(default)]
    pub open_only: bool,
    pub category: Option<Category>,
    #[serde(default)]
    pub overdue_only: bool,
    /// Only complaints naming this staff member among those involved.
    pub staff_id: Option<i64>,
    pub customer_id: Option<i64>,
}

/// The register, newest first (at most 100 — filter to narrow it; steps,
/// invoice, card and item left out: open one for them).
pub fn list(ctx: &Ctx, input: ComplaintFilter) -> Result<Vec<Complaint>> {
    let now = ctx.now_text();
    let step = input.step.map(|s| s.code());
    let category = input.category.map(crate::base::code::code_of);
    let rows = store::complaints::list(
        ctx.tx,
        &Filter {
            step,
            open_only: input.open_only || input.overdue_only,
            category: category.as_deref(),
            overdue_at: input.overdue_only.then_some(now.as_str()),
            customer_id: input.customer_id,
            limit: if input.staff_id.is_some() { 5000 } else { 100 },
        },
    )?;
    let kept: Vec<Row> = rows
        .into_iter()
        .filter(|r| {
            input
                .staff_id
                .is_none_or(|s| r.facts.staff_involved.contains(&s))
        })
        .take(100)
        .collect();
    assemble_list(ctx, kept)
}

//! The complaint record (客户投诉处理记录): the handbook's facts, every step
//! with who and when, the resolution and its documents, the root cause.
//! Tests: tests/core/care/complaints.rs (text extracted from the PDF).

use super::job_docs::shop;
use super::layout::{Page, BODY, SMALL};
use super::request::Request;
use super::words::{code_label, datetime, money};
use crate::base::error::Result;
use crate::model::complaint::{Resolution, StepRecord};
use crate::store;

fn code<T: serde::Serialize>(v: T) -> String {
    format!("cp_{}", crate::base::code::code_of(v))
}

pub fn complaint(r: &Request) -> Result<Vec<u8>> {
    let (ctx, lang, s) = (r.ctx, r.lang, r.settings);
    let c = crate::care::complaints::get(
        ctx,
        crate::care::complaints::ComplaintRef {
            complaint: r.number.to_string(),
        },
    )?;
    let name = |id: i64| -> Result<String> {
        Ok(store::staff::get(ctx.tx, id)?
            .map(|p| p.name)
            .unwrap_or_default())
    };
    let off = s.utc_offset_minutes;
    let title = super::words::t(lang, "complaint_record");
    let party = shop(s);
    let mut p = Page::new(
        &format!("{title} {}", c.number),
        r.sheet,
        lang,
        &party,
        r.logo,
    );
    let mut head = vec![(p.t("date").to_string(), datetime(lang, &c.received_at, off))];
    if let Some(j) = &c.job_number {
        head.push((p.t("job").to_string(), j.clone()));
    }
    p.header(title, &c.number, &head);
    let mut pairs = vec![(p.t("customer").to_string(), c.customer_name.clone())];
    if let Some(ph) = &c.phone {
        pairs.push((p.t("phone").into(), ph.clone()));
    }
    pairs.push((
        p.t("cp_returning").into(),
        p.t(if c.returning_customer {
            "cp_yes"
        } else {
            "cp_no"
        })
        .into(),
    ));
    if let Some(i) = &c.item_label {
        pairs.push((p.t("item").into(), i.clone()));
    }
    if let Some(i) = &c.invoice_number {
        pairs.push((p.t("job_and_bill").into(), i.clone()));
    }
    if let Some(a) = c.amount {
        pairs.push((p.t("amount").into(), money(a, &s.currency)));
    }
    if let Some(k) = &c.card_number {
        pairs.push((p.t("card_no").into(), k.clone()));
    }
    pairs.push((p.t("cp_source").into(), code_label(lang, &code(c.source))));
    pairs.push((p.t("cp_level").into(), c.level.to_string()));
    pairs.push((
        p.t("cp_category").into(),
        code_label(lang, &code(c.category)),
    ));
    p.grid(&pairs, 3);
    p.section(p.t("cp_what"));
    p.para(&c.facts.what_happened, BODY);
    let f = &c.facts;
    let mut more = Vec::new();
    for (key, v) in [
        ("cp_when", &f.when_happened),
        ("cp_condition", &f.condition),
        ("cp_manner", &f.staff_manner),
        ("cp_reason", &f.real_reason),
        ("cp_wanted", &f.wanted),
    ] {
        if let Some(v) = v {
            more.push((p.t(key).to_string(), v.clone()));
        }
    }
    if let Some(ok) = f.reasonable {
        more.push((
            p.t("cp_reasonable").into(),
            p.t(if ok { "cp_yes" } else { "cp_no" }).into(),
        ));
    }
    if !f.staff_involved.is_empty() {
        let names: Result<Vec<String>> = f.staff_involved.iter().map(|id| name(*id)).collect();
        more.push((p.t("cp_staff").into(), names?.join(", ")));
    }
    if !more.is_empty() {
        p.grid(&more, 2);
    }
    p.section(p.t("cp_steps"));
    for st in &c.steps {
        p.para(
            &format!(
                "{}  ·  {}  ·  {}",
                code_label(lang, &code(st.step)),
                name(st.staff_id)?,
                datetime(lang, &st.at, off)
            ),
            BODY.bold(),
        );
        let d = detail(&p, st, s)?;
        if !d.is_empty() {
            p.para(&d, SMALL);
        }
        if let Some(rc) = &st.root_cause {
            let rows = vec![
                (
                    p.t("cp_root").to_string(),
                    code_label(lang, &code(rc.cause)),
                ),
                (p.t("cp_direct").into(), rc.direct_responsibility.clone()),
                (
                    p.t("cp_secondary").into(),
                    rc.secondary_responsibility.clone().unwrap_or_default(),
                ),
                (p.t("cp_action").into(), rc.corrective_action.clone()),
                (p.t("cp_owner").into(), name(rc.owner_id)?),
                (p.t("cp_due").into(), rc.due.clone()),
            ];
            p.grid(&rows, 2);
        }
        p.y += 1.0;
    }
    Ok(p.finish())
}

fn detail(p: &Page, st: &StepRecord, s: &crate::model::settings::ShopSettings) -> Result<String> {
    let mut parts = Vec::new();
    if let Some(r) = &st.resolution {
        let key = match r {
            Resolution::Redo {} => "cp_redo",
            Resolution::CreditNote {} => "cp_credit_note",
            Resolution::Compensation { .. } => "cp_compensation",
            Resolution::Apology {} => "cp_apology",
            Resolution::ServicePromise { .. } => "cp_service_promise",
        };
        let mut text = p.t(key).to_string();
        match r {
            Resolution::Compensation { amount } => {
                text = format!("{text} {}", money(*amount, &s.currency))
            }
            Resolution::ServicePromise { promise, by } => {
                text = format!("{text}: {promise} ({by})")
            }
            _ => {}
        }
        parts.push(text);
    }
    if let Some(r) = &st.reference {
        parts.push(r.clone());
    }
    match st.confirmed {
        Some(true) => parts.push(p.t("cp_confirmed").into()),
        Some(false) => parts.push(p.t("cp_not_confirmed").into()),
        None => {}
    }
    if let Some(n) = &st.note {
        parts.push(format!("“{n}”"));
    }
    Ok(parts.join("  ·  "))
}

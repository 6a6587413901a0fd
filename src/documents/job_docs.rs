//! The estimate or supplementary estimate with its approval block, and what the
//! job's documents share (the shop as a party, the job's detail, the parties
//! block). The ticket and tag label are ticket.rs, the certificate
//! certificate.rs. Tests: tests/core/documents.rs.

use super::canvas::Align;
use super::invoice::subtotal_rows;
use super::layout::{Column, Page, BODY, LABEL};
use super::request::Request;
use super::words::code_label as label;
use super::words::{amount, datetime, money, t};
use crate::base::error::{Error, Result};
use crate::ctx::Ctx;
use crate::model::invoice::Party;
use crate::model::item::ItemSpec;
use crate::model::line::LineStatus;
use crate::model::settings::ShopSettings;
use crate::store;
use crate::views::job::JobDetail;

pub fn shop(s: &ShopSettings) -> Party {
    let opt = |v: &str| (!v.is_empty()).then(|| v.to_string());
    Party {
        name: s.legal_name.clone(),
        address: opt(&s.address),
        phone: opt(&s.phone),
        tax_id: opt(&s.tax_id),
        registration_number: opt(&s.registration_number),
    }
}

pub fn detail(ctx: &Ctx, number: &str) -> Result<JobDetail> {
    crate::views::job::get(
        ctx,
        crate::job::JobRef {
            job: number.to_string(),
        },
    )
}

/// Customer and item, as on every job document.
pub fn parties(p: &mut Page, d: &JobDetail, with_designated: bool) {
    let mut pairs = vec![(p.t("customer").to_string(), d.customer.name.clone())];
    if !d.customer.phones.is_empty() {
        pairs.push((p.t("phone").into(), d.customer.phones.join(", ")));
    }
    if let Some(a) = &d.customer.address {
        pairs.push((p.t("address").into(), a.clone()));
    }
    if with_designated && !d.customer.designated_persons.is_empty() {
        let names: Vec<String> = d
            .customer
            .designated_persons
            .iter()
            .map(|x| {
                format!(
                    "{}{}",
                    x.name,
                    x.phone
                        .as_ref()
                        .map(|ph| format!(" {ph}"))
                        .unwrap_or_default()
                )
            })
            .collect();
        pairs.push((p.t("designated").into(), names.join("; ")));
    }
    pairs.push((p.t("item").into(), d.item.label.clone()));
    match &d.item.spec {
        ItemSpec::Vehicle { vin, .. } => {
            if let Some(v) = vin {
                pairs.push((p.t("vin").into(), v.clone()));
            }
            if let Some(o) = d.job.odometer_in {
                pairs.push((p.t("odometer_in").into(), format!("{o} {}", p.t("km"))));
            }
        }
        ItemSpec::Device {
            serial: Some(s), ..
        } => pairs.push((p.t("serial").into(), s.clone())),
        ItemSpec::Device { .. } => {}
    }
    p.grid(&pairs, 3);
}

pub fn estimate(r: &Request) -> Result<Vec<u8>> {
    let (ctx, number, lang, s, logo, sheet) =
        (r.ctx, r.number, r.lang, r.settings, r.logo, r.sheet);
    let d = detail(ctx, number)?;
    let supplement = d.lines.iter().map(|l| l.supplement).max().unwrap_or(0);
    let lines: Vec<&crate::model::line::Line> = d
        .lines
        .iter()
        .filter(|l| l.supplement == supplement)
        .collect();
    if lines.is_empty() {
        return Err(Error::state(
            "This job has no estimate yet",
            "该工单尚无估价",
        ));
    }
    let party = shop(s);
    let off = s.utc_offset_minutes;
    let title_key = if supplement > 0 {
        "supplementary_estimate"
    } else {
        "estimate"
    };
    let title = if supplement > 0 {
        format!("{} {}", t(lang, title_key), supplement)
    } else {
        t(lang, title_key).to_string()
    };
    let mut p = Page::new(
        &format!("{title} {}", d.job.number),
        sheet,
        lang,
        &party,
        logo,
    );
    let mut head = vec![(
        p.t("date").to_string(),
        datetime(lang, &crate::base::time::time_text(ctx.now), off),
    )];
    if let Some(v) = &d.job.estimate_valid_until {
        head.push((p.t("valid_until").to_string(), datetime(lang, v, off)));
    }
    head.push((p.t("job").to_string(), d.job.number.clone()));
    p.header(&title, &d.job.number, &head);
    parties(&mut p, &d, false);
    p.section(p.t("complaint"));
    p.para(&d.job.complaint, BODY);
    p.y += 2.0;
    let c = &s.currency;
    let w = p.width();
    let cols = vec![
        Column {
            head: "description",
            width: w * 0.44,
            align: Align::Left,
        },
        Column {
            head: "kind",
            width: w * 0.13,
            align: Align::Left,
        },
        Column {
            head: "qty",
            width: w * 0.11,
            align: Align::Right,
        },
        Column {
            head: "unit_price",
            width: w * 0.14,
            align: Align::Right,
        },
        Column {
            head: "amount",
            width: w * 0.18,
            align: Align::Right,
        },
    ];
    let rows: Vec<(Vec<String>, Option<String>)> = lines
        .iter()
        .map(|l| {
            let kind = super::words::kind_label(lang, l.kind);
            let mut note: Vec<String> = Vec::new();
            note.extend(l.part_kind.map(|k| label(lang, k.code())));
            note.extend(l.part_number.clone());
            note.extend(l.brand.clone());
            if l.status == LineStatus::Declined {
                note.push(format!(
                    "{}: {}",
                    p.t("recommendations"),
                    l.decline_reason.clone().unwrap_or_default()
                ));
            }
            (
                vec![
                    l.description.clone(),
                    kind.into(),
                    l.quantity.to_string(),
                    amount(l.unit_price, c),
                    amount(l.amount, c),
                ],
                (!note.is_empty()).then(|| note.join(" · ")),
            )
        })
        .collect();
    p.table(&cols, &rows);
    let owned: Vec<crate::model::line::Line> = lines.iter().map(|l| (*l).clone()).collect();
    let totals =
        crate::model::line::totals_of(&d.job, &owned, s, |l| l.status != LineStatus::Declined);
    let mut rows = subtotal_rows(lang, &totals, c);
    // A supplement shows what was approved before, the difference and the revised total.
    let earlier = d
        .approvals
        .iter()
        .filter(|a| a.supplement < supplement)
        .map(|a| a.revised_total)
        .next_back()
        .unwrap_or(0);
    if supplement > 0 {
        rows.push((p.t("previous_total").into(), money(earlier, c), false));
        rows.push((p.t("difference").into(), money(totals.total, c), false));
        rows.push((
            p.t("revised_total").into(),
            money(earlier + totals.total, c),
            true,
        ));
    } else {
        rows.push((p.t("total").into(), money(totals.total, c), true));
    }
    p.totals(&rows);
    // The approval block: filled from the record when approved, blank to sign otherwise.
    p.section(p.t("approval"));
    let record = d
        .approvals
        .iter()
        .rev()
        .find(|a| a.supplement == supplement);
    p.room(30.0);
    match record {
        Some(a) => {
            let method = super::words::method_label(lang, a.method);
            let mut pairs = vec![
                (p.t("method").to_string(), method.to_string()),
                (p.t("approved_by").to_string(), a.approver_name.clone()),
                (p.t("date").to_string(), datetime(lang, &a.at, off)),
                (p.t("taken_by").to_string(), a.staff_name.clone()),
                (p.t("amount").to_string(), money(a.amount_approved, c)),
            ];
            if let Some(ct) = &a.contact {
                pairs.push((p.t("contact").into(), ct.clone()));
            }
            if let Some(o) = a.old_parts {
                pairs.push((p.t("old_parts").into(), label(lang, o.code())));
            }
            p.grid(&pairs, 3);
            let sig = if a.has_signature {
                store::approvals::signature(ctx.tx, a.id)?
            } else {
                None
            };
            let x = p.left;
            p.signature(x, 70.0, p.t("signature"), sig.as_deref());
        }
        None => {
            for (label_key, options) in [
                ("method", &["in_person", "phone_call", "electronic"][..]),
                ("old_parts", &["return_to_customer", "discard"][..]),
            ] {
                p.c.text(p.left, p.y, p.t(label_key), LABEL, Align::Left);
                let mut x = p.left + 32.0;
                for o in options {
                    p.c.tick_box(x, p.y + 0.4, 3.0);
                    x += 4.5 + p.c.text(x + 4.5, p.y, p.t(o), BODY, Align::Left) + 8.0;
                }
                p.y += 6.5;
            }
            p.y += 2.0;
            let (x1, x2, w) = (
                p.left,
                p.left + p.width() / 2.0 + 5.0,
                p.width() / 2.0 - 10.0,
            );
            p.signature(
                x1,
                w,
                &format!("{} / {}", p.t("approved_by"), p.t("signature")),
                None,
            );
            p.signature(x2, w, p.t("date"), None);
        }
    }
    p.y += 22.0;
    Ok(p.finish())
}

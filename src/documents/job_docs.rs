//! Documents printed from a job: the intake ticket (claim check), the estimate or
//! supplementary estimate with its approval block, the quality-check record /
//! completion certificate, and the item tag label.

use super::canvas::{Align, Canvas, Style};
use super::code_label as label;
use super::invoice::subtotal_rows;
use super::layout::{Column, Page, BODY, LABEL, SMALL};
use super::words::{amount, datetime, money, t};
use super::Paper;
use super::Request;
use crate::api::Ctx;
use crate::error::{Error, Result};
use crate::estimate::LineStatus;
use crate::inspection::Condition;
use crate::invoice::Party;
use crate::items::ItemSpec;
use crate::job_view::JobDetail;
use crate::settings::{Lang, ShopSettings};
use crate::store;

fn shop(s: &ShopSettings) -> Party {
    let opt = |v: &str| (!v.is_empty()).then(|| v.to_string());
    Party {
        name: s.legal_name.clone(),
        address: opt(&s.address),
        phone: opt(&s.phone),
        tax_id: opt(&s.tax_id),
        registration_number: opt(&s.registration_number),
    }
}

fn detail(ctx: &Ctx, number: &str) -> Result<JobDetail> {
    crate::job_view::get(
        ctx,
        crate::job_view::JobRef {
            job: number.to_string(),
        },
    )
}

/// Customer and item, as on every job document.
fn parties(p: &mut Page, d: &JobDetail, with_designated: bool) {
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

pub fn ticket(r: &Request) -> Result<Vec<u8>> {
    let (ctx, number, lang, s, logo, sheet) =
        (r.ctx, r.number, r.lang, r.settings, r.logo, r.sheet);
    let d = detail(ctx, number)?;
    let party = shop(s);
    let off = s.utc_offset_minutes;
    let mut p = Page::new(
        &format!("{} {}", t(lang, "intake_ticket"), d.job.number),
        sheet,
        lang,
        &party,
        logo,
    );
    let mut head = vec![(
        p.t("date").to_string(),
        datetime(lang, &d.job.created_at, off),
    )];
    if let Some(pr) = &d.job.promised_at {
        head.push((p.t("promised").to_string(), datetime(lang, pr, off)));
    }
    p.header(p.t("intake_ticket"), &d.job.number, &head);
    // The job number to scan: QR and Code 128.
    let top = p.y;
    p.c.qr(p.right - 24.0, top - 2.0, 24.0, &d.job.number);
    p.c.code128(p.left, top, 70.0, 11.0, &d.job.number);
    p.c.text(
        p.left,
        top + 15.0,
        &d.job.number,
        Style::new(9.0).bold(),
        Align::Left,
    );
    p.y = top + 24.0;
    parties(&mut p, &d, true);
    p.section(p.t("complaint"));
    p.para(&d.job.complaint, BODY);
    if let Some(r) = &d.job.requested_work {
        p.y += 1.0;
        p.c.text(p.left, p.y, p.t("requested"), LABEL, Align::Left);
        p.y += 3.8;
        p.para(r, BODY);
    }
    if let Some(insp) = &d.inspection {
        p.section(p.t("findings"));
        let w = p.width();
        let cols = vec![
            Column {
                head: "area",
                width: w * 0.28,
                align: Align::Left,
            },
            Column {
                head: "condition",
                width: w * 0.2,
                align: Align::Left,
            },
            Column {
                head: "note",
                width: w * 0.52,
                align: Align::Left,
            },
        ];
        let rows: Vec<(Vec<String>, Option<String>)> = insp
            .findings
            .iter()
            .filter(|f| f.condition != Condition::Ok || f.note.is_some())
            .map(|f| {
                let area = if lang == Lang::ZhCn {
                    f.label_zh.clone()
                } else {
                    f.label.clone()
                };
                (
                    vec![
                        area,
                        label(lang, f.condition.code()),
                        f.note.clone().unwrap_or_default(),
                    ],
                    None,
                )
            })
            .collect();
        p.table(&cols, &rows);
        let checked_ok: Vec<String> = insp
            .findings
            .iter()
            .filter(|f| f.condition == Condition::Ok && f.note.is_none())
            .map(|f| {
                if lang == Lang::ZhCn {
                    f.label_zh.clone()
                } else {
                    f.label.clone()
                }
            })
            .collect();
        if !checked_ok.is_empty() {
            p.para(
                &format!("{}: {}", p.t("ok"), checked_ok.join(", ")),
                SMALL.muted(),
            );
        }
        p.y += 2.0;
        p.para(p.t("short_terms"), SMALL);
        p.y += 3.0;
        if let Some(ack) = &insp.acknowledgment {
            p.room(24.0);
            let caption = format!(
                "{}: {} · {}",
                p.t("acknowledged"),
                ack.name,
                datetime(lang, &ack.at, off)
            );
            let sig = store::inspections::signature(ctx.tx, d.job.id)?;
            let x = p.left;
            p.signature(x, 80.0, &caption, sig.as_deref());
            p.y += 22.0;
        } else {
            p.room(24.0);
            let (x, cap) = (
                p.left,
                format!("{} / {}", p.t("acknowledged"), p.t("signature")),
            );
            p.signature(x, 80.0, &cap, None);
            p.y += 22.0;
        }
    }
    Ok(p.finish())
}

pub fn estimate(r: &Request) -> Result<Vec<u8>> {
    let (ctx, number, lang, s, logo, sheet) =
        (r.ctx, r.number, r.lang, r.settings, r.logo, r.sheet);
    let d = detail(ctx, number)?;
    let supplement = d.lines.iter().map(|l| l.supplement).max().unwrap_or(0);
    let lines: Vec<&crate::estimate::Line> = d
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
        datetime(lang, &crate::api::time_text(ctx.now), off),
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
            let kind = super::kind_label(lang, l.kind);
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
    let owned: Vec<crate::estimate::Line> = lines.iter().map(|l| (*l).clone()).collect();
    let totals =
        crate::estimate::totals_of(&d.job, &owned, s, |l| l.status != LineStatus::Declined);
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
            let method = super::method_label(lang, a.method);
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

pub fn certificate(r: &Request) -> Result<Vec<u8>> {
    let (ctx, number, lang, s, logo, sheet) =
        (r.ctx, r.number, r.lang, r.settings, r.logo, r.sheet);
    let check = match store::quality::by_certificate(ctx.tx, number)? {
        Some(c) => c,
        None => {
            let job = crate::job::by_number(ctx, number)?;
            store::quality::for_job(ctx.tx, job.id)?
                .pop()
                .ok_or_else(|| {
                    Error::state("This job has no quality check yet", "该工单尚未质检")
                })?
        }
    };
    let job = crate::job::by_id(ctx, check.job_id)?;
    let d = detail(ctx, &job.number)?;
    let party = shop(s);
    let off = s.utc_offset_minutes;
    let (title_key, doc_no) = match &check.certificate_number {
        Some(n) => ("completion_certificate", n.clone()),
        None => ("qc_record", job.number.clone()),
    };
    let mut p = Page::new(
        &format!("{} {doc_no}", t(lang, title_key)),
        sheet,
        lang,
        &party,
        logo,
    );
    let head = vec![
        (p.t("date").to_string(), datetime(lang, &check.at, off)),
        (p.t("job").to_string(), job.number.clone()),
    ];
    p.header(p.t(title_key), &doc_no, &head);
    parties(&mut p, &d, false);
    let mut pairs = vec![(p.t("inspector").to_string(), check.inspector_name.clone())];
    if let Some(o) = check.odometer_out {
        pairs.push((p.t("odometer_out").into(), format!("{o} {}", p.t("km"))));
    }
    if let Some(cat) = job.repair_category {
        let (en, zh) = cat.labels();
        pairs.push((
            p.t("category").into(),
            if lang == Lang::ZhCn {
                zh.into()
            } else {
                en.into()
            },
        ));
    }
    p.grid(&pairs, 3);
    let w = p.width();
    let cols = vec![
        Column {
            head: "check",
            width: w * 0.5,
            align: Align::Left,
        },
        Column {
            head: "result",
            width: w * 0.15,
            align: Align::Left,
        },
        Column {
            head: "note",
            width: w * 0.35,
            align: Align::Left,
        },
    ];
    let rows: Vec<(Vec<String>, Option<String>)> = check
        .items
        .iter()
        .map(|i| {
            let l = if lang == Lang::ZhCn {
                i.label_zh.clone()
            } else {
                i.label.clone()
            };
            (
                vec![
                    l,
                    p.t(if i.passed { "pass" } else { "fail" }).into(),
                    i.note.clone().unwrap_or_default(),
                ],
                None,
            )
        })
        .collect();
    p.table(&cols, &rows);
    if let Some(r) = &check.redo {
        p.c.text(p.left, p.y, p.t("redo"), LABEL, Align::Left);
        p.y += 3.8;
        p.para(r, BODY);
    }
    if check.passed {
        p.y += 2.0;
        p.para(p.t("certify"), BODY.bold());
    }
    p.y += 6.0;
    p.room(26.0);
    let (x1, x2, w) = (
        p.left,
        p.left + p.width() / 2.0 + 5.0,
        p.width() / 2.0 - 10.0,
    );
    p.signature(x1, w, p.t("inspector"), None);
    p.signature(x2, w, p.t("guarantor"), None);
    p.y += 22.0;
    Ok(p.finish())
}

pub fn tag_label(
    ctx: &Ctx,
    number: &str,
    lang: Lang,
    s: &ShopSettings,
    paper: Paper,
) -> Result<Vec<u8>> {
    let (w, h) = match paper {
        Paper::Label62x29 => (62.0, 29.0),
        Paper::Label40x20 => (40.0, 20.0),
        _ => {
            return Err(Error::invalid(
                "paper",
                "Labels print on 62x29 or 40x20",
                "标签只能用 62x29 或 40x20 打印",
            ))
        }
    };
    let d = detail(ctx, number)?;
    let mut c = Canvas::new(&format!("{} {}", t(lang, "job"), d.job.number), w, h);
    let small = w < 50.0;
    let m = if small { 1.5 } else { 2.5 };
    let bar_h = if small { 7.0 } else { 10.0 };
    c.code128(m, m, w - 2.0 * m, bar_h, &d.job.number);
    let mut y = m + bar_h + if small { 3.0 } else { 4.0 };
    c.text(
        w / 2.0,
        y,
        &d.job.number,
        Style::new(if small { 6.5 } else { 9.0 }).bold(),
        Align::Center,
    );
    y += if small { 2.8 } else { 4.0 };
    let name = format!("{} · {}", d.customer.name, d.item.label);
    let line = c
        .wrap(
            &name,
            w - 2.0 * m,
            Style::new(if small { 5.0 } else { 6.5 }),
        )
        .into_iter()
        .next()
        .unwrap_or_default();
    c.text(
        w / 2.0,
        y,
        &line,
        Style::new(if small { 5.0 } else { 6.5 }),
        Align::Center,
    );
    if let Some(pr) = &d.job.promised_at {
        y += if small { 2.6 } else { 3.4 };
        let text = format!(
            "{} {}",
            t(lang, "promised"),
            datetime(lang, pr, s.utc_offset_minutes)
        );
        c.text(
            w / 2.0,
            y,
            &text,
            Style::new(if small { 5.0 } else { 6.5 }).bold(),
            Align::Center,
        );
    }
    Ok(c.finish())
}

//! The intake ticket (with QR and Code 128 of the job number) and the item's
//! tag label. Tests: tests/core/documents.rs.

use super::canvas::{Align, Canvas, Style};
use super::job_docs::{detail, parties, shop};
use super::layout::{Column, Page, BODY, LABEL, SMALL};
use super::request::Request;
use super::words::code_label as label;
use super::words::{datetime, t};
use crate::base::error::{Error, Result};
use crate::ctx::Ctx;
use crate::model::inspection::Condition;
use crate::model::settings::{Lang, Paper, ShopSettings};
use crate::store;

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
        intake(&mut p, insp, lang);
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

/// The condition at intake: fuel, keys, valuables and each damage mark with
/// where it is, in words (the outline itself is on the screen).
fn intake(p: &mut Page, insp: &crate::model::inspection::Inspection, lang: Lang) {
    let c = &insp.intake;
    if c == &Default::default() && insp.marks.is_empty() {
        return;
    }
    p.section(p.t("intake_condition"));
    let none = p.t("not_recorded").to_string();
    let mut pairs = Vec::new();
    if c.fuel_eighths.is_some() || c.keys_left.is_some() {
        pairs.push((
            p.t("fuel").to_string(),
            c.fuel_eighths.map_or(none.clone(), |f| format!("{f}/8")),
        ));
        pairs.push((
            p.t("keys_left").to_string(),
            c.keys_left.map_or(none.clone(), |k| k.to_string()),
        ));
    }
    pairs.push((
        p.t("valuables").to_string(),
        c.valuables.clone().unwrap_or(none),
    ));
    p.grid(&pairs, 3);
    if !insp.marks.is_empty() {
        p.y += 1.0;
        p.para(p.t("damage_marked"), BODY.bold());
        for (i, m) in insp.marks.iter().enumerate() {
            let (along, across) = m.region();
            let place = if lang == Lang::ZhCn {
                format!("（{}{}）", p.t(along), p.t(across))
            } else {
                format!(" ({} {})", p.t(along), p.t(across))
            };
            let note = m
                .note
                .as_ref()
                .map(|n| format!(" — {n}"))
                .unwrap_or_default();
            p.para(
                &format!("{}. {}{place}{note}", i + 1, label(lang, m.kind.code())),
                BODY,
            );
        }
    }
}

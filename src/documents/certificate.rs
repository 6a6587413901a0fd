//! The quality-check record and completion certificate of a job (合格证):
//! the checks, the inspector and the guarantee terms. Tests: tests/core/documents.rs.

use super::canvas::Align;
use super::job_docs::{detail, parties, shop};
use super::layout::{Column, Page, BODY, LABEL};
use super::request::Request;
use super::words::{datetime, t};
use crate::base::error::{Error, Result};
use crate::model::settings::Lang;
use crate::store;

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

//! A job's full record as one ZIP archive, for a regulator or the customer
//! (compliance.md: repair records are kept and shown on request): every
//! document carrying the job's number as the PDF the shop printed — ticket,
//! estimate, settlement list or invoice, credit notes, receipt, guarantee
//! cards, quality-check record or certificate, complaint records — in the
//! language asked for, the inspection's photos as they were taken, and
//! `job.json`, the same record
//! machine-readable (job, customer, item, inspection, lines, approvals,
//! history, invoice with payments, credit notes and e-fapiao numbers, calls,
//! survey, complaints). A document the job has not reached is not in it.
//!
//! Tests: tests/core/exchange/archive.rs.

use crate::base::error::{Error, Result};
use crate::care;
use crate::ctx::Ctx;
use crate::documents::{render_pdf, Kind, RenderInput};
use crate::job::JobRef;
use crate::model::lang::Lang;
use crate::model::settings::Paper;
use crate::views::job as job_view;
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;
use std::io::Write;
use ts_rs::TS;
use zip::write::SimpleFileOptions;

#[derive(Debug, Clone, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct ArchiveRequest {
    pub job: String,
    /// The documents' language (default: the shop's).
    pub lang: Option<Lang>,
}

fn failed(e: impl std::fmt::Display) -> Error {
    Error::internal(format!("writing the archive: {e}"))
}

/// The archive's file name and bytes.
pub fn archive(ctx: &Ctx, req: &ArchiveRequest) -> Result<(String, Vec<u8>)> {
    let detail = job_view::get(
        ctx,
        JobRef {
            job: req.job.trim().to_string(),
        },
    )?;
    let number = detail.job.number.clone();
    let lang = match req.lang {
        Some(l) => l,
        None => crate::shop::settings::load(ctx)?.document_language,
    };
    let invoice = match &detail.invoice_number {
        Some(n) => Some(crate::job::invoice::get(
            ctx,
            crate::job::invoice::InvoiceRef { invoice: n.clone() },
        )?),
        None => None,
    };
    let calls = care::callbacks::for_job(
        ctx,
        care::callbacks::JobCalls {
            job: number.clone(),
        },
    )?;
    let survey = care::satisfaction::get(
        ctx,
        care::satisfaction::SurveyOf {
            job: number.clone(),
        },
    )?;
    let complaints: Vec<_> = care::complaints::list(
        ctx,
        care::complaints::ComplaintFilter {
            step: None,
            open_only: false,
            category: None,
            overdue_only: false,
            staff_id: None,
            customer_id: Some(detail.customer.id),
        },
    )?
    .into_iter()
    .filter(|c| c.job_number.as_deref() == Some(number.as_str()))
    .map(|c| {
        care::complaints::get(
            ctx,
            care::complaints::ComplaintRef {
                complaint: c.number,
            },
        )
    })
    .collect::<Result<_>>()?;

    // Every document the job has reached, by kind and number.
    let mut docs: Vec<(Kind, String)> = vec![(Kind::Ticket, number.clone())];
    if !detail.lines.is_empty() {
        docs.push((Kind::Estimate, number.clone()));
    }
    if let Some(v) = &invoice {
        docs.push((Kind::Invoice, v.invoice.number.clone()));
        docs.extend(
            v.credit_notes
                .iter()
                .map(|c| (Kind::CreditNote, c.number.clone())),
        );
        if !v.payments.is_empty() {
            docs.push((Kind::Receipt, v.invoice.number.clone()));
        }
    }
    docs.extend(detail.card_numbers.iter().map(|c| (Kind::Card, c.clone())));
    docs.extend(
        complaints
            .iter()
            .map(|c| (Kind::Complaint, c.number.clone())),
    );
    // The quality-check record (a numbered completion certificate for the
    // categories that carry one), once the job has been checked.
    if !crate::store::quality::for_job(ctx.tx, detail.job.id)?.is_empty() {
        docs.push((Kind::Certificate, number.clone()));
    }

    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut files = Vec::new();
    for (kind, n) in &docs {
        let input = RenderInput {
            kind: *kind,
            number: n.clone(),
            lang: Some(lang),
            paper: None::<Paper>,
        };
        let (name, pdf) = render_pdf(ctx, &input)?;
        let path = format!("documents/{name}");
        zip.start_file(&path, stored).map_err(failed)?;
        zip.write_all(&pdf).map_err(failed)?;
        files.push(path);
    }
    let photo_ids: Vec<i64> = detail
        .inspection
        .iter()
        .flat_map(|i| i.findings.iter().flat_map(|f| f.photo_ids.iter().copied()))
        .collect();
    for id in &photo_ids {
        if let Some((mime, bytes)) = crate::store::inspections::photo(ctx.tx, *id)? {
            let ext = if mime == "image/png" { "png" } else { "jpg" };
            let path = format!("photos/photo-{id}.{ext}");
            zip.start_file(&path, stored).map_err(failed)?;
            zip.write_all(&bytes).map_err(failed)?;
            files.push(path);
        }
    }
    let record = json!({
        "format": "jobcard-job-archive/1",
        "exported_at": ctx.now_text(),
        "job": detail,
        "invoice": invoice,
        "calls": calls,
        "survey": survey,
        "complaints": complaints,
        "files": files,
    });
    zip.start_file("job.json", opts).map_err(failed)?;
    let text = serde_json::to_vec_pretty(&record).map_err(failed)?;
    zip.write_all(&text).map_err(failed)?;
    let bytes = zip.finish().map_err(failed)?.into_inner();
    let safe: String = number
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok((format!("job-{safe}-record.zip"), bytes))
}

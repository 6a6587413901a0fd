//! Printed documents: intake ticket, estimate (and supplementary estimate),
//! invoice, credit note, 80 mm receipt, quality-guarantee card, quality-check
//! record / completion certificate, and item tag labels — as PDF, from the core's
//! data, in English or Simplified Chinese, with the shipped fonts embedded as
//! subsets. `render` is the one entry: the CLI's `print` and the app call it.

mod book_docs;
mod canvas;
mod card;
mod certificate;
mod complaint;
mod fonts;
mod invoice;
mod job_docs;
mod layout;
mod receipt;
mod request;
mod survey_form;
mod ticket;
pub mod words;

use crate::base::error::{Error, Result};
use crate::ctx::Ctx;
use crate::model::settings::{Lang, Paper, ShopSettings};
use base64::Engine;
use request::Request;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Ticket,
    Estimate,
    Invoice,
    /// The invoice a ready job would get, before it is issued (number: the job's).
    InvoicePreview,
    CreditNote,
    Receipt,
    Card,
    Certificate,
    Label,
    Complaint,
    SurveyForm,
    /// The end-of-day sheet (number: the day, YYYY-MM-DD).
    DayEnd,
    /// The reminder list (number: the period, FROM..TO).
    Reminders,
}

impl Kind {
    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "ticket" => Kind::Ticket,
            "estimate" => Kind::Estimate,
            "invoice" => Kind::Invoice,
            "invoice-preview" => Kind::InvoicePreview,
            "credit-note" => Kind::CreditNote,
            "receipt" => Kind::Receipt,
            "card" => Kind::Card,
            "certificate" => Kind::Certificate,
            "label" => Kind::Label,
            "complaint" => Kind::Complaint,
            "survey-form" => Kind::SurveyForm,
            "day-end" => Kind::DayEnd,
            "reminders" => Kind::Reminders,
            _ => return None,
        })
    }
    pub fn code(self) -> &'static str {
        match self {
            Kind::Ticket => "ticket",
            Kind::Estimate => "estimate",
            Kind::Invoice => "invoice",
            Kind::InvoicePreview => "invoice-preview",
            Kind::CreditNote => "credit-note",
            Kind::Receipt => "receipt",
            Kind::Card => "card",
            Kind::Certificate => "certificate",
            Kind::Label => "label",
            Kind::Complaint => "complaint",
            Kind::SurveyForm => "survey-form",
            Kind::DayEnd => "day-end",
            Kind::Reminders => "reminders",
        }
    }
}

fn sheet_of(paper: Paper) -> Result<layout::Sheet> {
    match paper {
        Paper::A4 => Ok(layout::Sheet::A4),
        Paper::Letter => Ok(layout::Sheet::Letter),
        _ => Err(Error::invalid(
            "paper",
            "This document prints on A4 or Letter",
            "该单据只能用 A4 或 Letter 纸打印",
        )),
    }
}

#[derive(Debug, Clone, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct RenderInput {
    pub kind: Kind,
    /// The job, invoice, credit-note, card (or certificate) number.
    pub number: String,
    /// Defaults to the shop's document language.
    pub lang: Option<Lang>,
    /// Defaults to A4 (80 mm for receipts, 62×29 for labels).
    pub paper: Option<Paper>,
}

#[derive(Debug, Serialize, JsonSchema, TS)]
pub struct Rendered {
    pub file_name: String,
    pub pdf_base64: String,
    pub bytes: usize,
}

/// Parses the shipped fonts and cuts the common Chinese one (about 50 ms, once
/// per process), so the first print does not wait for it: the app calls it in
/// the background at start.
pub fn prepare_fonts() {
    fonts::get();
}

/// Renders one document to PDF bytes, with a file name that says what it is.
pub fn render_pdf(ctx: &Ctx, input: &RenderInput) -> Result<(String, Vec<u8>)> {
    let settings = crate::shop::settings::load(ctx)?;
    let lang = input.lang.unwrap_or(settings.document_language);
    let number = input.number.trim();
    let logo = logo(&settings);
    let full_page = |paper: Option<Paper>| -> Result<Request> {
        Ok(Request {
            ctx,
            number,
            lang,
            settings: &settings,
            logo: logo.as_deref(),
            sheet: sheet_of(paper.unwrap_or(settings.document_paper))?,
        })
    };
    let pdf = match input.kind {
        Kind::Invoice if input.paper == Some(Paper::Roll80) => {
            receipt::render(ctx, number, lang, &settings)?
        }
        Kind::Receipt => receipt::render(ctx, number, lang, &settings)?,
        Kind::Invoice => invoice::invoice(&full_page(input.paper)?)?,
        Kind::InvoicePreview => invoice::preview(&full_page(input.paper)?)?,
        Kind::CreditNote => invoice::credit_note(&full_page(input.paper)?)?,
        Kind::Ticket => ticket::ticket(&full_page(input.paper)?)?,
        Kind::Estimate => job_docs::estimate(&full_page(input.paper)?)?,
        Kind::Certificate => certificate::certificate(&full_page(input.paper)?)?,
        Kind::Card => card::render(ctx, number, lang, &settings)?,
        Kind::Complaint => complaint::complaint(&full_page(input.paper)?)?,
        Kind::SurveyForm => survey_form::survey_form(&full_page(input.paper)?)?,
        Kind::DayEnd => book_docs::day_end(&full_page(input.paper)?)?,
        Kind::Reminders => book_docs::reminders(&full_page(input.paper)?)?,
        Kind::Label => ticket::tag_label(
            ctx,
            number,
            lang,
            &settings,
            input.paper.unwrap_or(Paper::Label62x29),
        )?,
    };
    Ok((
        format!("{}-{}-{}.pdf", input.kind.code(), safe(number), lang.code()),
        pdf,
    ))
}

fn safe(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn logo(s: &ShopSettings) -> Option<Vec<u8>> {
    s.logo_base64.as_deref().and_then(|b| {
        base64::engine::general_purpose::STANDARD
            .decode(b.trim())
            .ok()
    })
}

/// The command: renders a document and answers with its bytes in base64.
pub fn render(ctx: &Ctx, input: RenderInput) -> Result<Rendered> {
    let (file_name, pdf) = render_pdf(ctx, &input)?;
    Ok(Rendered {
        file_name,
        bytes: pdf.len(),
        pdf_base64: base64::engine::general_purpose::STANDARD.encode(&pdf),
    })
}

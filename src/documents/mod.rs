//! Printed documents: intake ticket, estimate (and supplementary estimate),
//! invoice, credit note, 80 mm receipt, quality-guarantee card, quality-check
//! record / completion certificate, and item tag labels — as PDF, from the core's
//! data, in English or Simplified Chinese, with the shipped fonts embedded as
//! subsets. `render` is the one entry: the CLI's `print` and the app call it.

mod canvas;
mod card;
mod fonts;
mod invoice;
mod job_docs;
mod layout;
mod receipt;
pub mod words;

use crate::api::Ctx;
use crate::error::{Error, Result};
use crate::settings::{Lang, ShopSettings};
use base64::Engine;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Ticket,
    Estimate,
    Invoice,
    CreditNote,
    Receipt,
    Card,
    Certificate,
    Label,
}

impl Kind {
    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "ticket" => Kind::Ticket,
            "estimate" => Kind::Estimate,
            "invoice" => Kind::Invoice,
            "credit-note" => Kind::CreditNote,
            "receipt" => Kind::Receipt,
            "card" => Kind::Card,
            "certificate" => Kind::Certificate,
            "label" => Kind::Label,
            _ => return None,
        })
    }
    pub fn code(self) -> &'static str {
        match self {
            Kind::Ticket => "ticket",
            Kind::Estimate => "estimate",
            Kind::Invoice => "invoice",
            Kind::CreditNote => "credit-note",
            Kind::Receipt => "receipt",
            Kind::Card => "card",
            Kind::Certificate => "certificate",
            Kind::Label => "label",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub enum Paper {
    #[serde(rename = "a4")]
    A4,
    #[serde(rename = "letter")]
    Letter,
    /// 80 mm thermal roll.
    #[serde(rename = "80mm")]
    Roll80,
    /// Item tag labels.
    #[serde(rename = "62x29")]
    Label62x29,
    #[serde(rename = "40x20")]
    Label40x20,
}

impl Paper {
    pub fn parse(s: &str) -> Option<Paper> {
        Some(match s {
            "a4" => Paper::A4,
            "letter" => Paper::Letter,
            "80mm" => Paper::Roll80,
            "62x29" => Paper::Label62x29,
            "40x20" => Paper::Label40x20,
            _ => return None,
        })
    }
    fn sheet(self) -> Result<layout::Sheet> {
        match self {
            Paper::A4 => Ok(layout::Sheet::A4),
            Paper::Letter => Ok(layout::Sheet::Letter),
            _ => Err(Error::invalid(
                "paper",
                "This document prints on A4 or Letter",
                "该单据只能用 A4 或 Letter 纸打印",
            )),
        }
    }
}

/// What a full-page document is printed from.
pub struct Request<'a, 'c> {
    pub ctx: &'a Ctx<'c>,
    pub number: &'a str,
    pub lang: Lang,
    pub settings: &'a ShopSettings,
    pub logo: Option<&'a [u8]>,
    pub sheet: layout::Sheet,
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

/// Renders one document to PDF bytes, with a file name that says what it is.
pub fn render_pdf(ctx: &Ctx, input: &RenderInput) -> Result<(String, Vec<u8>)> {
    let settings = crate::settings::load(ctx)?;
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
            sheet: paper.unwrap_or(settings.document_paper).sheet()?,
        })
    };
    let pdf = match input.kind {
        Kind::Invoice if input.paper == Some(Paper::Roll80) => {
            receipt::render(ctx, number, lang, &settings)?
        }
        Kind::Receipt => receipt::render(ctx, number, lang, &settings)?,
        Kind::Invoice => invoice::invoice(&full_page(input.paper)?)?,
        Kind::CreditNote => invoice::credit_note(&full_page(input.paper)?)?,
        Kind::Ticket => job_docs::ticket(&full_page(input.paper)?)?,
        Kind::Estimate => job_docs::estimate(&full_page(input.paper)?)?,
        Kind::Certificate => job_docs::certificate(&full_page(input.paper)?)?,
        Kind::Card => card::render(ctx, number, lang, &settings)?,
        Kind::Label => job_docs::tag_label(
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

/// A line's kind in the document's language.
fn kind_label(lang: Lang, kind: crate::totals::LineKind) -> &'static str {
    match kind {
        crate::totals::LineKind::Labour => words::t(lang, "labour"),
        crate::totals::LineKind::Part => words::t(lang, "part"),
        crate::totals::LineKind::Other => words::t(lang, "other"),
    }
}

/// How an approval was given, in the document's language.
fn method_label(lang: Lang, m: crate::approval::Method) -> &'static str {
    match m {
        crate::approval::Method::InPerson => words::t(lang, "in_person"),
        crate::approval::Method::Phone => words::t(lang, "phone_call"),
        crate::approval::Method::Electronic => words::t(lang, "electronic"),
    }
}

/// Labels of enum codes (part kinds, fates, methods) in the document's language.
fn code_label(lang: Lang, code: &str) -> String {
    if words::has(code) {
        words::t(lang, code).to_string()
    } else {
        code.to_string()
    }
}

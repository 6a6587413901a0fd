//! The invoice and the credit note, on A4 or Letter, from the documents frozen at
//! issue (so a reprint is identical): every line with its kind, subtotals, tax
//! per rate, the total (and in Chinese, in words), approvals, old-part fates,
//! declined work as unbilled recommendations, payments and balance.

use super::canvas::{Align, Style};
use super::layout::{Column, Page, BODY, SMALL};
use super::request::Request;
use super::words::code_label as label;
use super::words::{amount, datetime, in_words_zh, money};
use crate::base::error::Result;
use crate::base::totals::TaxRow;
use crate::ctx::Ctx;
use crate::job::invoice::InvoiceView;
use crate::model::document_kind::DocumentKind;
use crate::model::invoice::{CreditNoteDocument, InvoiceDocument};
use crate::model::settings::{Currency, Lang};

fn percent(bp: i64) -> String {
    if bp % 100 == 0 {
        format!("{}%", bp / 100)
    } else {
        format!("{}.{:02}%", bp / 100, bp % 100)
            .trim_end_matches('0')
            .to_string()
    }
}

pub fn load(ctx: &Ctx, number: &str) -> Result<InvoiceView> {
    crate::job::invoice::get(
        ctx,
        crate::job::invoice::InvoiceRef {
            invoice: number.to_string(),
        },
    )
}

fn parties(p: &mut Page, inv: &InvoiceDocument) {
    let mut pairs = vec![(p.t("customer").to_string(), inv.customer.name.clone())];
    if let Some(ph) = &inv.customer.phone {
        pairs.push((p.t("phone").into(), ph.clone()));
    }
    if let Some(a) = &inv.customer.address {
        pairs.push((p.t("address").into(), a.clone()));
    }
    if let Some(tx) = &inv.customer.tax_id {
        pairs.push((p.t("tax_id").into(), tx.clone()));
    }
    pairs.push((p.t("item").into(), inv.item.label.clone()));
    if let Some(v) = &inv.item.vin {
        pairs.push((p.t("vin").into(), v.clone()));
    }
    if let Some(s) = &inv.item.serial {
        pairs.push((p.t("serial").into(), s.clone()));
    }
    if let Some(o) = inv.item.odometer_in {
        pairs.push((p.t("odometer_in").into(), format!("{o} {}", p.t("km"))));
    }
    if let Some(o) = inv.item.odometer_out {
        pairs.push((p.t("odometer_out").into(), format!("{o} {}", p.t("km"))));
    }
    p.grid(&pairs, 3);
}

/// The rows above the total: subtotals per kind, discount, net when prices
/// exclude tax, and tax per rate.
pub fn subtotal_rows(
    lang: Lang,
    t: &crate::base::totals::Totals,
    c: &Currency,
) -> Vec<(String, String, bool)> {
    let w = |k| super::words::t(lang, k).to_string();
    let mut rows = vec![
        (w("labour_subtotal"), amount(t.labour, c), false),
        (w("parts_subtotal"), amount(t.parts, c), false),
    ];
    if t.other != 0 {
        rows.push((w("other_subtotal"), amount(t.other, c), false));
    }
    if t.discount != 0 {
        rows.push((w("discount"), format!("-{}", amount(t.discount, c)), false));
    }
    if !t.prices_include_tax {
        rows.push((w("net"), amount(t.net, c), false));
    }
    rows.extend(tax_rows(lang, &t.taxes, c));
    rows
}

pub fn tax_rows(lang: Lang, taxes: &[TaxRow], c: &Currency) -> Vec<(String, String, bool)> {
    taxes
        .iter()
        .map(|r| {
            let label = match lang {
                Lang::En => format!(
                    "{} {} on {}",
                    super::words::t(lang, "tax"),
                    percent(r.rate_bp),
                    amount(r.base, c)
                ),
                Lang::ZhCn => format!(
                    "{} {}（计税 {}）",
                    super::words::t(lang, "tax"),
                    percent(r.rate_bp),
                    amount(r.base, c)
                ),
            };
            (label, amount(r.tax, c), false)
        })
        .collect()
}

const COLUMNS: [(&str, f32, Align); 6] = [
    ("description", 0.42, Align::Left),
    ("kind", 0.12, Align::Left),
    ("qty", 0.10, Align::Right),
    ("unit_price", 0.12, Align::Right),
    ("tax_rate", 0.08, Align::Right),
    ("amount", 0.16, Align::Right),
];

/// The document's title word: a tax invoice, or in China the settlement list
/// for a vehicle (机动车维修结算清单) or a device (维修结算单).
pub fn title_key(inv: &InvoiceDocument) -> &'static str {
    match (inv.kind(), inv.is_vehicle()) {
        (DocumentKind::TaxInvoice, _) => "invoice",
        (DocumentKind::SettlementList, true) => "settlement_vehicle",
        (DocumentKind::SettlementList, false) => "settlement_device",
    }
}

fn columns(width: f32) -> Vec<Column> {
    COLUMNS
        .iter()
        .map(|(h, f, a)| Column {
            head: h,
            width: width * f,
            align: *a,
        })
        .collect()
}

pub fn invoice(r: &Request) -> Result<Vec<u8>> {
    let view = load(r.ctx, r.number)?;
    invoice_of(r, &view, false)
}

/// The invoice a ready job would get, marked as a preview and unnumbered
/// (`r.number` is the job's number). Nothing is stored.
pub fn preview(r: &Request) -> Result<Vec<u8>> {
    let view = crate::job::invoice::issue::preview(r.ctx, r.number)?;
    invoice_of(r, &view, true)
}

fn invoice_of(r: &Request, view: &InvoiceView, draft: bool) -> Result<Vec<u8>> {
    let (lang, s, logo, sheet) = (r.lang, r.settings, r.logo, r.sheet);
    let inv = &view.invoice;
    let shown_number = if draft {
        super::words::t(lang, "draft").to_string()
    } else {
        inv.number.clone()
    };
    let c = &inv.currency;
    let off = s.utc_offset_minutes;
    let title = super::words::t(lang, title_key(inv));
    let mut p = Page::new(
        &format!("{title} {shown_number}"),
        sheet,
        lang,
        &inv.shop,
        logo,
    );
    let head = vec![
        (
            p.t("issued").to_string(),
            datetime(lang, &inv.issued_at, off),
        ),
        (
            p.t("supplied").to_string(),
            datetime(lang, &inv.supplied_at, off),
        ),
        (p.t("job").to_string(), inv.job_number.clone()),
    ];
    p.header(title, &shown_number, &head);
    if draft {
        p.para(p.t("draft_notice"), BODY.bold());
    }
    parties(&mut p, inv);
    if let Some(card) = &inv.claim_card {
        p.para(&format!("{} {card}", p.t("claim_under")), BODY.bold());
    }
    p.y += 2.0;
    let rows: Vec<(Vec<String>, Option<String>)> = inv
        .lines
        .iter()
        .map(|l| {
            let mut note = Vec::new();
            if let Some(k) = l.part_kind {
                note.push(label(lang, k.code()));
            }
            if let Some(n) = &l.part_number {
                note.push(n.clone());
            }
            if let Some(b) = &l.brand {
                note.push(b.clone());
            }
            if let Some(v) = &l.sublet_vendor {
                note.push(format!("{}: {v}", p.t("sublet")));
            }
            if l.covered_by_card {
                note.push(p.t("covered_by_card").into());
            }
            if let Some(f) = l.old_part_fate {
                note.push(format!("{}: {}", p.t("old_parts"), label(lang, f.code())));
            }
            if l.discount > 0 {
                note.push(format!("{} -{}", p.t("discount"), amount(l.discount, c)));
            }
            let kind = super::words::kind_label(lang, l.kind);
            (
                vec![
                    l.description.clone(),
                    kind.into(),
                    l.quantity.to_string(),
                    amount(l.unit_price, c),
                    percent(l.tax_rate_bp),
                    amount(l.net, c),
                ],
                (!note.is_empty()).then(|| note.join(" · ")),
            )
        })
        .collect();
    let cols = columns(p.width());
    p.table(&cols, &rows);
    let t = &inv.totals;
    let mut rows = subtotal_rows(lang, t, c);
    rows.push((p.t("total").into(), money(t.total, c), true));
    p.totals(&rows);
    if lang == Lang::ZhCn && c.code == "CNY" {
        p.room(6.0);
        let w = format!("{}：人民币{}", p.t("total_in_words"), in_words_zh(t.total));
        p.c.text(p.right - 1.5, p.y, &w, BODY.bold(), Align::Right);
        p.y += 6.0;
    }
    payments(&mut p, view, c, off);
    approvals(&mut p, inv, off);
    if !inv.recommendations.is_empty() {
        p.section(p.t("recommendations"));
        for r in &inv.recommendations {
            p.para(
                &format!("• {} ({})", r.description, money(r.amount, c)),
                BODY,
            );
            let why = [
                r.reason.as_ref().map(|x| format!("{}: {x}", p.t("reason"))),
                r.consequence
                    .as_ref()
                    .map(|x| format!("{}: {x}", p.t("consequence"))),
            ];
            let why: Vec<String> = why.into_iter().flatten().collect();
            if !why.is_empty() {
                p.para(&format!("   {}", why.join("  ·  ")), SMALL.muted());
            }
        }
    }
    let mut refs = Vec::new();
    if let Some(card) = &inv.guarantee_card {
        refs.push((p.t("guarantee_card").to_string(), card.clone()));
    }
    if let Some(cert) = &inv.certificate_number {
        refs.push((p.t("completion_certificate").to_string(), cert.clone()));
    }
    if !refs.is_empty() {
        p.y += 2.0;
        p.grid(&refs, 3);
    }
    if let Some(f) = view.fapiao.last() {
        p.y += 1.0;
        p.grid(
            &[(p.t("fapiao_no").to_string(), f.fapiao_number.clone())],
            3,
        );
    }
    p.y += 2.0;
    if inv.kind() == DocumentKind::SettlementList {
        p.para(p.t("settlement_not_fapiao"), SMALL.muted());
    }
    p.para(p.t("thank_you"), Style::new(8.5).muted());
    Ok(p.finish())
}

fn payments(p: &mut Page, v: &InvoiceView, c: &Currency, off: i32) {
    if v.payments.is_empty() && v.credit_notes.is_empty() {
        p.totals(&[(
            p.t("balance_due").to_string(),
            money(v.balance_due, c),
            true,
        )]);
        return;
    }
    p.section(p.t("payments"));
    for pay in &v.payments {
        let mut text = format!(
            "{}  {}  {}",
            datetime(p.lang, &pay.at, off),
            label(p.lang, pay.method.code()),
            money(pay.amount, c)
        );
        if let Some(t) = pay.tendered {
            text.push_str(&format!(
                "  ({} {}, {} {})",
                p.t("tendered"),
                money(t, c),
                p.t("change"),
                money(pay.change, c)
            ));
        }
        if pay.amount < 0 {
            text = format!("{}: {text}", p.t("refund"));
        }
        p.para(&text, BODY);
    }
    for cn in &v.credit_notes {
        p.para(
            &format!(
                "{} {}  -{}",
                p.t(correction_key(cn)),
                cn.number,
                money(cn.total, c)
            ),
            BODY,
        );
    }
    p.y += 1.0;
    let mut rows = vec![(p.t("paid").to_string(), money(v.paid, c), false)];
    if v.credited != 0 {
        rows.push((p.t("credited").into(), money(v.credited, c), false));
    }
    rows.push((p.t("balance_due").into(), money(v.balance_due, c), true));
    p.totals(&rows);
}

fn approvals(p: &mut Page, inv: &InvoiceDocument, off: i32) {
    if inv.approvals.is_empty() {
        return;
    }
    p.section(&format!("{} {}", p.t("estimate_ref"), inv.job_number));
    let c = &inv.currency;
    for a in &inv.approvals {
        let method = super::words::method_label(p.lang, a.method);
        let mut parts = vec![
            datetime(p.lang, &a.at, off),
            method.to_string(),
            format!("{} {}", p.t("approved_by"), a.approver_name),
        ];
        if let Some(ct) = &a.contact {
            parts.push(format!("{} {ct}", p.t("contact")));
        }
        parts.push(format!("{} {}", p.t("taken_by"), a.staff_name));
        parts.push(format!(
            "{} {}",
            p.t("difference"),
            money(a.amount_approved, c)
        ));
        parts.push(format!(
            "{} {}",
            p.t("revised_total"),
            money(a.revised_total, c)
        ));
        if let Some(o) = a.old_parts {
            parts.push(format!("{}: {}", p.t("old_parts"), label(p.lang, o.code())));
        }
        p.para(&parts.join("  ·  "), SMALL);
        p.y += 0.8;
    }
}

/// The correction's title: a credit note, or the settlement list's correction
/// (never a 红字发票, which only the tax system issues).
pub fn correction_key(cn: &CreditNoteDocument) -> &'static str {
    match cn.kind() {
        DocumentKind::TaxInvoice => "credit_note",
        DocumentKind::SettlementList => "settlement_correction",
    }
}

pub fn credit_note(r: &Request) -> Result<Vec<u8>> {
    let (ctx, number, lang, s, logo, sheet) =
        (r.ctx, r.number, r.lang, r.settings, r.logo, r.sheet);
    let cn = crate::job::invoice::credit_note::get_credit_note(
        ctx,
        crate::job::invoice::credit_note::CreditNoteRef {
            credit_note: number.to_string(),
        },
    )?;
    let c = &cn.currency;
    let title = super::words::t(lang, correction_key(&cn));
    let mut p = Page::new(
        &format!("{title} {}", cn.number),
        sheet,
        lang,
        &cn.shop,
        logo,
    );
    let head = vec![
        (
            p.t("issued").to_string(),
            datetime(lang, &cn.issued_at, s.utc_offset_minutes),
        ),
        (
            p.t(match cn.kind() {
                DocumentKind::TaxInvoice => "references_invoice",
                DocumentKind::SettlementList => "corrects_settlement",
            })
            .to_string(),
            cn.invoice_number.clone(),
        ),
        (p.t("job").to_string(), cn.job_number.clone()),
    ];
    p.header(title, &cn.number, &head);
    let mut pairs = vec![(p.t("customer").to_string(), cn.customer.name.clone())];
    if let Some(tx) = &cn.customer.tax_id {
        pairs.push((p.t("tax_id").into(), tx.clone()));
    }
    pairs.push((p.t("reason").into(), cn.reason.clone()));
    p.grid(&pairs, 3);
    let w = p.width();
    let cols = vec![
        Column {
            head: "description",
            width: w * 0.58,
            align: Align::Left,
        },
        Column {
            head: "qty",
            width: w * 0.14,
            align: Align::Right,
        },
        Column {
            head: "tax_rate",
            width: w * 0.1,
            align: Align::Right,
        },
        Column {
            head: "amount",
            width: w * 0.18,
            align: Align::Right,
        },
    ];
    let rows: Vec<(Vec<String>, Option<String>)> = cn
        .lines
        .iter()
        .map(|l| {
            (
                vec![
                    l.description.clone(),
                    l.quantity.to_string(),
                    percent(l.tax_rate_bp),
                    format!("-{}", amount(l.net, c)),
                ],
                None,
            )
        })
        .collect();
    p.table(&cols, &rows);
    let mut rows = tax_rows(lang, &cn.taxes, c);
    for r in &mut rows {
        r.1 = format!("-{}", r.1);
    }
    rows.push((
        p.t("credited").into(),
        format!("-{}", money(cn.total, c)),
        true,
    ));
    p.totals(&rows);
    if lang == Lang::ZhCn && c.code == "CNY" {
        let w = format!(
            "{}：负人民币{}",
            p.t("total_in_words"),
            in_words_zh(cn.total)
        );
        p.c.text(p.right - 1.5, p.y, &w, BODY.bold(), Align::Right);
        p.y += 6.0;
    }
    Ok(p.finish())
}

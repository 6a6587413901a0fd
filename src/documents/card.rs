//! The quality-guarantee card (质量保证卡), A6: the guarantor, the item and the
//! customer, job and invoice numbers, the work and parts covered with their
//! terms, the period (days and/or distance, whichever ends first), coverage,
//! exclusions and how to claim, and the card number as a QR code.

use super::canvas::{Align, Canvas, Style};
use super::words::{amount, date, t};
use crate::base::error::{Error, Result};
use crate::ctx::Ctx;
use crate::model::card::Card;
use crate::model::settings::{GuaranteeStart, Lang, ShopSettings};

const W: f32 = 105.0;
const H: f32 = 148.0;
const L: f32 = 7.0;
const R: f32 = W - 7.0;
const TEXT: Style = Style::new(7.0);
const LABEL: Style = Style::new(6.0).muted();

struct Flow {
    c: Canvas,
    y: f32,
}

impl Flow {
    fn room(&mut self, h: f32) {
        if self.y + h > H - 8.0 {
            self.c.new_page();
            self.y = 9.0;
        }
    }
    fn para(&mut self, text: &str, style: Style) {
        for l in self.c.wrap(text, R - L, style) {
            self.room(3.3);
            self.c.text(L, self.y, &l, style, Align::Left);
            self.y += style.size * 0.46;
        }
    }
    fn field(&mut self, label: &str, value: &str) {
        self.room(6.2);
        self.c.text(L, self.y, label, LABEL, Align::Left);
        self.y += 3.0;
        self.para(value, TEXT);
        self.y += 0.6;
    }
    /// How much height `text` takes as a paragraph.
    fn height(&self, text: &str, style: Style) -> f32 {
        self.c.wrap(text, R - L, style).len() as f32 * style.size * 0.46
    }
    fn heading(&mut self, text: &str) {
        self.room(8.0);
        self.y += 1.0;
        self.c
            .text(L, self.y, text, Style::new(7.5).bold(), Align::Left);
        self.y += 1.2;
        self.c.rule(L, R, self.y, 0.2, 0.5);
        self.y += 3.2;
    }
}

fn terms(lang: Lang, days: Option<u32>, km: Option<u32>) -> String {
    let grouped = |n: u32| {
        amount(
            n as i64,
            &crate::model::settings::Currency {
                code: String::new(),
                minor_units: 0,
            },
        )
    };
    let d = days.map(|d| format!("{} {}", grouped(d), t(lang, "days")));
    let k = km.map(|k| format!("{} {}", grouped(k), t(lang, "km")));
    match (d, k) {
        (Some(d), Some(k)) => match lang {
            Lang::En => format!("{d} or {k}, {}", t(lang, "whichever_first")),
            Lang::ZhCn => format!("{d}或{k}（{}）", t(lang, "whichever_first")),
        },
        (Some(d), None) => d,
        (None, Some(k)) => k,
        (None, None) => String::new(),
    }
}

pub fn render(ctx: &Ctx, number: &str, lang: Lang, _s: &ShopSettings) -> Result<Vec<u8>> {
    let status = crate::job::guarantee::cover::lookup(
        ctx,
        crate::job::guarantee::cover::Lookup {
            card: Some(number.to_string()),
            item_id: None,
            odometer: None,
        },
    )?;
    let card: &Card = &status
        .first()
        .ok_or_else(|| Error::not_found("Guarantee card", "质量保证卡", number))?
        .card;
    let d = &card.document;
    let mut f = Flow {
        c: Canvas::new(
            &format!("{} {}", t(lang, "guarantee_card"), card.number),
            W,
            H,
        ),
        y: 0.0,
    };
    // Header band: guarantor and title at left, the card's QR code at right.
    f.c.fill(0.0, 0.0, W, 27.0, 0.93);
    f.c.qr(R - 21.0, 3.0, 21.0, &card.number);
    let mut y = 8.5;
    for l in f.c.wrap(&d.shop.name, R - L - 24.0, Style::new(8.0).bold()) {
        f.c.text(L, y, &l, Style::new(8.0).bold(), Align::Left);
        y += 3.6;
    }
    f.c.text(
        L,
        y + 4.0,
        t(lang, "guarantee_card"),
        Style::new(12.0).bold(),
        Align::Left,
    );
    f.c.text(
        L,
        y + 8.5,
        &format!("{} {}", t(lang, "card_no"), card.number),
        Style::new(8.0).bold(),
        Align::Left,
    );
    f.y = 32.0;
    let mut guarantor = vec![d.shop.name.clone()];
    guarantor.extend(d.shop.address.clone());
    guarantor.extend(d.shop.phone.clone());
    f.field(t(lang, "guarantor"), &guarantor.join(" · "));
    let mut item = vec![d.item.label.clone()];
    item.extend(
        d.item
            .vin
            .as_ref()
            .map(|v| format!("{} {v}", t(lang, "vin"))),
    );
    item.extend(
        d.item
            .serial
            .as_ref()
            .map(|v| format!("{} {v}", t(lang, "serial"))),
    );
    f.field(t(lang, "item"), &item.join(" · "));
    f.field(t(lang, "customer"), &d.customer_name);
    f.field(
        t(lang, "job_and_bill"),
        &format!(
            "{} / {}  ·  {} {}",
            d.job_number,
            d.invoice_number,
            t(lang, "date"),
            date(lang, &card.issued_at[..10])
        ),
    );
    f.field(t(lang, "category"), d.category_label.get(lang));
    let from = match d.starts_at {
        GuaranteeStart::Completion => t(lang, "from_completion"),
        GuaranteeStart::Handover => t(lang, "from_handover"),
    };
    let mut period = format!("{}，{from}", terms(lang, card.days, card.km));
    if lang == Lang::En {
        period = format!("{}, {from}", terms(lang, card.days, card.km));
    }
    if let Some(start) = &card.starts_on {
        period.push_str(&format!(" · {} {}", t(lang, "starts"), date(lang, start)));
    }
    if let Some(o) = card.odometer_start {
        period.push_str(&format!(
            " · {} {o} {}",
            t(lang, "odometer_out"),
            t(lang, "km")
        ));
    }
    f.field(t(lang, "period"), &period);
    f.field(t(lang, "quality_grade"), t(lang, "passed_check"));
    f.heading(t(lang, "covered_work"));
    let lines: Vec<String> = d
        .lines
        .iter()
        .map(|l| card_line(lang, card, d, l))
        .collect();
    // The card fits its page: the terms below always print whole, and when the
    // covered lines would push them over, as many lines print as fit and the
    // rest are counted, pointing to the invoice that lists them all.
    const HEADING: f32 = 5.4;
    let tail = 3.0 * HEADING
        + f.height(d.coverage.get(lang), TEXT)
        + f.height(d.exclusions.get(lang), TEXT)
        + f.height(d.how_to_claim.get(lang), TEXT);
    // (less a line's worth: each line must start with room for itself below it)
    let room = H - 8.0 - f.y - tail - 3.5;
    let heights: Vec<f32> = lines.iter().map(|l| f.height(l, TEXT)).collect();
    let shown = if heights.iter().sum::<f32>() <= room {
        lines.len()
    } else {
        let more = f.height(
            &super::words::more_covered_lines(lang, 99, &d.invoice_number),
            TEXT,
        );
        let mut used = 0.0;
        heights
            .iter()
            .take_while(|h| {
                used += **h;
                used + more <= room
            })
            .count()
    };
    for l in &lines[..shown] {
        f.para(l, TEXT);
    }
    if shown < lines.len() {
        f.para(
            &super::words::more_covered_lines(lang, lines.len() - shown, &d.invoice_number),
            TEXT.bold(),
        );
    }
    f.heading(t(lang, "coverage"));
    f.para(d.coverage.get(lang), TEXT);
    f.heading(t(lang, "exclusions"));
    f.para(d.exclusions.get(lang), TEXT);
    f.heading(t(lang, "how_to_claim"));
    f.para(d.how_to_claim.get(lang), TEXT);
    let total = f.c.page_count();
    f.c.on_every_page(|c, n, _| {
        if total > 1 {
            c.text(R, H - 4.0, &format!("{n}/{total}"), LABEL, Align::Right);
        }
    });
    Ok(f.c.finish())
}

/// One covered line as the card prints it: what, how many, the amount, and
/// brand, part kind and its own terms when they differ from the card's.
fn card_line(
    lang: Lang,
    card: &Card,
    d: &crate::model::card::CardDocument,
    l: &crate::model::card::CardLine,
) -> String {
    let mut line = format!(
        "• {} — {} × {}",
        l.description,
        l.quantity,
        amount(l.amount, &d.currency)
    );
    let mut extra = Vec::new();
    extra.extend(l.brand.clone());
    extra.extend(
        l.part_kind
            .map(|k| super::words::code_label(lang, k.code())),
    );
    if l.days != card.days || l.km != card.km {
        extra.push(terms(lang, l.days, l.km));
    }
    if !extra.is_empty() {
        line.push_str(&format!(" ({})", extra.join(", ")));
    }
    line
}

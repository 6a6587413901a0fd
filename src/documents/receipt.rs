//! The 80 mm thermal-roll receipt of an invoice: one narrow column, as long as it
//! needs to be. Laid out twice: once to measure the length, once to draw.

use super::canvas::{Align, Canvas, Style};
use super::invoice::{load, tax_rows};
use super::words::{amount, datetime, in_words_zh, money, t};
use crate::base::error::Result;
use crate::ctx::Ctx;
use crate::model::settings::{Lang, ShopSettings};

const WIDTH: f32 = 80.0;
const LEFT: f32 = 4.0;
const RIGHT: f32 = WIDTH - 4.0;
const TEXT: Style = Style::new(7.5);

pub fn render(ctx: &Ctx, number: &str, lang: Lang, s: &ShopSettings) -> Result<Vec<u8>> {
    let view = load(ctx, number)?;
    let measure = draw(&view, lang, s, 2000.0).1;
    Ok(draw(&view, lang, s, measure + 6.0).0.finish())
}

fn draw(
    view: &crate::job::invoice::InvoiceView,
    lang: Lang,
    s: &ShopSettings,
    height: f32,
) -> (Canvas, f32) {
    let inv = &view.invoice;
    let c = &inv.currency;
    let mut k = Canvas::new(
        &format!("{} {}", t(lang, "receipt"), inv.number),
        WIDTH,
        height,
    );
    let mut y = 7.0;
    let centre = |k: &mut Canvas, y: &mut f32, text: &str, style: Style| {
        for l in k.wrap(text, RIGHT - LEFT, style) {
            k.text(WIDTH / 2.0, *y, &l, style, Align::Center);
            *y += style.size * 0.45;
        }
    };
    centre(&mut k, &mut y, &inv.shop.name, Style::new(10.0).bold());
    for line in [
        inv.shop.address.clone(),
        inv.shop.phone.clone(),
        inv.shop
            .tax_id
            .as_ref()
            .map(|x| format!("{} {x}", t(lang, "tax_id"))),
    ]
    .into_iter()
    .flatten()
    {
        centre(&mut k, &mut y, &line, Style::new(6.5).muted());
    }
    y += 1.5;
    centre(
        &mut k,
        &mut y,
        &format!("{} {}", t(lang, "receipt"), inv.number),
        Style::new(9.0).bold(),
    );
    centre(
        &mut k,
        &mut y,
        &datetime(lang, &inv.issued_at, s.utc_offset_minutes),
        TEXT,
    );
    let pair = |k: &mut Canvas, y: &mut f32, l: &str, v: &str, style: Style| {
        k.text(LEFT, *y, l, style, Align::Left);
        k.text(RIGHT, *y, v, style, Align::Right);
        *y += style.size * 0.48;
    };
    y += 1.0;
    pair(&mut k, &mut y, t(lang, "job"), &inv.job_number, TEXT);
    pair(
        &mut k,
        &mut y,
        t(lang, "customer"),
        &inv.customer.name,
        TEXT,
    );
    pair(&mut k, &mut y, t(lang, "item"), &inv.item.label, TEXT);
    k.rule(LEFT, RIGHT, y - 1.5, 0.2, 0.0);
    y += 2.0;
    for l in &inv.lines {
        for w in k.wrap(&l.description, RIGHT - LEFT, TEXT) {
            k.text(LEFT, y, &w, TEXT, Align::Left);
            y += 3.4;
        }
        let detail = format!("{} × {}", l.quantity, amount(l.unit_price, c));
        pair(
            &mut k,
            &mut y,
            &detail,
            &amount(l.net, c),
            Style::new(7.0).muted(),
        );
    }
    k.rule(LEFT, RIGHT, y - 1.5, 0.2, 0.0);
    y += 2.0;
    let tot = &inv.totals;
    pair(
        &mut k,
        &mut y,
        t(lang, "labour_subtotal"),
        &amount(tot.labour, c),
        TEXT,
    );
    pair(
        &mut k,
        &mut y,
        t(lang, "parts_subtotal"),
        &amount(tot.parts, c),
        TEXT,
    );
    if tot.other != 0 {
        pair(
            &mut k,
            &mut y,
            t(lang, "other_subtotal"),
            &amount(tot.other, c),
            TEXT,
        );
    }
    if tot.discount != 0 {
        pair(
            &mut k,
            &mut y,
            t(lang, "discount"),
            &format!("-{}", amount(tot.discount, c)),
            TEXT,
        );
    }
    for (l, v, _) in tax_rows(lang, &tot.taxes, c) {
        pair(&mut k, &mut y, &l, &v, Style::new(7.0));
    }
    y += 1.0;
    pair(
        &mut k,
        &mut y,
        t(lang, "total"),
        &money(tot.total, c),
        Style::new(10.0).bold(),
    );
    if lang == Lang::ZhCn && c.code == "CNY" {
        centre(
            &mut k,
            &mut y,
            &format!("人民币{}", in_words_zh(tot.total)),
            Style::new(7.0),
        );
    }
    for p in &view.payments {
        pair(
            &mut k,
            &mut y,
            &super::words::code_label(lang, p.method.code()),
            &money(p.amount, c),
            TEXT,
        );
        if let Some(tend) = p.tendered {
            pair(
                &mut k,
                &mut y,
                t(lang, "tendered"),
                &money(tend, c),
                Style::new(7.0).muted(),
            );
            pair(
                &mut k,
                &mut y,
                t(lang, "change"),
                &money(p.change, c),
                Style::new(7.0).muted(),
            );
        }
    }
    pair(
        &mut k,
        &mut y,
        t(lang, "balance_due"),
        &money(view.balance_due, c),
        TEXT.bold(),
    );
    if let Some(card) = &inv.guarantee_card {
        y += 1.0;
        pair(&mut k, &mut y, t(lang, "guarantee_card"), card, TEXT);
    }
    y += 2.0;
    centre(&mut k, &mut y, t(lang, "thank_you"), TEXT);
    (k, y)
}

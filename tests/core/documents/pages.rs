//! Printed documents beyond their fields: declined work listed and not billed,
//! the invoice previewed before it takes a number, a long invoice over pages,
//! a small Chinese one, the logo, a character no font has, and clear errors
//! for unknown numbers and wrong paper. Helpers are in documents/mod.rs.

use super::*;

/// Submits `j`'s estimate, has the customer approve `approve` and decline
/// `decline` by phone, and bills `bill`: what billing answered.
fn billed(s: &mut Shop, j: &str, approve: &[i64], decline: &[i64], bill: &[i64]) -> Value {
    s.call(
        "estimate.submit",
        json!({ "staff_id": s.counter, "job": j }),
    );
    s.approve_by_phone(j, approve, decline);
    s.bill(j, bill)
}

#[test]
fn declined_work_is_listed_not_billed() {
    let mut s = Shop::new();
    let j = s.inspected();
    let l = s.add_labour(&j, "Replace front brake pads", "1");
    let tyres = s.add_part(&j, "Rear tyres", "2", 50000);
    let number =
        super::s(&billed(&mut s, &j, &[l], &[tyres], &[l])["invoice"]["invoice"]["number"]);
    let (text, _) = print(&mut s.core, Kind::Invoice, &number, Lang::En, None);
    has(&text, "Recommended, declined — not billed");
    has(&text, "Rear tyres (¥1,000.00)");
    has(&text, "If postponed: noise will get worse; discs may wear");
    has(&text, "¥106.00");
    // Not billed: the tyres do not appear among the lines nor in the total.
    assert!(!text.contains("¥1,236.00"));
}

#[test]
fn the_invoice_is_previewed_before_it_is_issued_and_takes_no_number() {
    let mut s = Shop::new();
    let (j, _, _) = s.ready();
    for lang in [Lang::En, Lang::ZhCn] {
        let (text, _) = print(&mut s.core, Kind::InvoicePreview, &j, lang, None);
        if lang == Lang::En {
            has(&text, "PREVIEW");
            has(&text, "Preview for the customer, not an invoice");
            has(&text, "Brake pad set");
        } else {
            has(&text, "预览");
            has(&text, "不是结算凭证");
        }
        has(&text, "445.00");
    }
    assert_eq!(s.count("invoices"), 0, "a preview stores nothing");
    // The invoice issued afterwards is the first of its series: no gap.
    let inv = s.call(
        "invoice.issue",
        json!({ "staff_id": s.counter, "job": j, "line_terms": [] }),
    );
    assert!(inv["invoice"]["invoice"]["number"]
        .as_str()
        .unwrap()
        .ends_with("0001"));
    // Once issued (or before the check has passed) there is nothing to preview.
    let e = s
        .core
        .render(&RenderInput {
            kind: Kind::InvoicePreview,
            number: j.clone(),
            lang: None,
            paper: None,
        })
        .unwrap_err();
    assert_eq!(e.code, jobcard::ErrorCode::Immutable);
    let (other, _, _) = s.approved();
    let e = s
        .core
        .render(&RenderInput {
            kind: Kind::InvoicePreview,
            number: other,
            lang: None,
            paper: None,
        })
        .unwrap_err();
    assert_eq!(e.code, jobcard::ErrorCode::QualityCheckRequired);
}

#[test]
fn a_long_invoice_flows_over_pages_with_its_header_repeated() {
    let mut s = Shop::new();
    let j = s.inspected();
    let mut ids = Vec::new();
    for i in 1..=200 {
        ids.push(s.add_part(&j, &format!("Fastener kit {i:03}"), "1", 100 + i));
    }
    let r = billed(&mut s, &j, &ids, &[], &ids);
    let number = super::s(&r["invoice"]["invoice"]["number"]);
    for lang in [Lang::En, Lang::ZhCn] {
        let (text, pdf) = print(&mut s.core, Kind::Invoice, &number, lang, None);
        let info = tool("pdfinfo", &[], &pdf);
        let pages: usize = info
            .lines()
            .find(|l| l.starts_with("Pages:"))
            .unwrap()
            .split_whitespace()
            .last()
            .unwrap()
            .parse()
            .unwrap();
        assert!(pages >= 4, "200 lines need several pages, got {pages}");
        let per_page: Vec<&str> = text
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .collect();
        assert_eq!(per_page.len(), pages);
        for (i, page) in per_page.iter().enumerate() {
            assert!(
                page.contains(&number),
                "page {} repeats the invoice number",
                i + 1
            );
            let foot = match lang {
                Lang::En => format!("Page {} of {pages}", i + 1),
                Lang::ZhCn => format!("第{}页，共{pages}页", i + 1),
            };
            has(page, &foot);
            if page.contains("Fastener kit") {
                has(
                    page,
                    if lang == Lang::En {
                        "Description"
                    } else {
                        "项目"
                    },
                );
            }
        }
        for i in 1..=200 {
            has(&text, &format!("Fastener kit {i:03}"));
        }
        // Its guarantee card still fits its one page: the first lines, then a
        // count of the rest pointing to the invoice, and the terms whole.
        let card = r["guarantee_card"]["number"].as_str().unwrap();
        let (text, pdf) = print(&mut s.core, Kind::Card, card, lang, None);
        assert!(
            tool("pdfinfo", &[], &pdf).contains("Pages:           1"),
            "{text}"
        );
        has(&text, "Fastener kit 001");
        assert!(!text.contains("Fastener kit 200"));
        match lang {
            Lang::En => has(
                &text,
                &format!("more covered lines, listed on invoice {number}"),
            ),
            Lang::ZhCn => has(&text, &format!("项保修项目，详见结算单 {number}")),
        }
    }
}

#[test]
fn a_twenty_line_chinese_invoice_is_small() {
    let mut s = Shop::with_settings(json!({ "document_language": "zh-CN" }));
    let j = s.inspected();
    let mut ids = Vec::new();
    for i in 1..=20 {
        ids.push(s.add_part(
            &j,
            &format!("前刹车片总成 第{i}号 原厂配件"),
            "2",
            15000 + i,
        ));
    }
    let number = super::s(&billed(&mut s, &j, &ids, &[], &ids)["invoice"]["invoice"]["number"]);
    let (text, pdf) = print(&mut s.core, Kind::Invoice, &number, Lang::ZhCn, None);
    has(&text, "前刹车片总成 第20号 原厂配件");
    assert!(pdf.len() < 60_000, "{} bytes", pdf.len());
}

#[test]
fn unknown_numbers_and_wrong_paper_are_clear_errors() {
    let mut s = Shop::new();
    let (j, inv, _) = s.invoiced();
    let err = |core: &mut Core, kind, number: &str, paper| {
        core.render(&RenderInput {
            kind,
            number: number.into(),
            lang: None,
            paper,
        })
        .unwrap_err()
    };
    assert_eq!(
        err(&mut s.core, Kind::Invoice, "INV-NOPE", None).code,
        jobcard::ErrorCode::NotFound
    );
    assert_eq!(
        err(&mut s.core, Kind::Card, "QG-NOPE", None).code,
        jobcard::ErrorCode::NotFound
    );
    assert_eq!(
        err(&mut s.core, Kind::Label, &j, Some(Paper::A4))
            .field
            .as_deref(),
        Some("paper")
    );
    assert_eq!(
        err(&mut s.core, Kind::Ticket, &j, Some(Paper::Roll80))
            .field
            .as_deref(),
        Some("paper")
    );
    let v = s.call(
        "documents.render",
        json!({ "kind": "invoice", "number": inv, "lang": "zh-CN" }),
    );
    assert!(v["bytes"].as_u64().unwrap() > 1000);
    assert_eq!(v["file_name"], format!("invoice-{inv}-zh-CN.pdf"));
}

#[test]
fn the_shop_logo_prints_in_the_header() {
    let mut s = Shop::new();
    let (_, inv, _) = s.invoiced();
    let mut settings = s.call("settings.get", json!({}));
    settings["logo_base64"] = json!(jobcard::demo::signature::base64(3));
    s.call(
        "settings.update",
        json!({ "staff_id": s.manager, "settings": settings.clone() }),
    );
    let (_, pdf) = print(&mut s.core, Kind::Invoice, &inv, Lang::En, None);
    let images = tool("pdfimages", &["-list"], &pdf);
    assert_eq!(images.lines().count(), 3, "one image: {images}");
    settings["logo_base64"] = json!("bm90IGFuIGltYWdl");
    let e = s.fails(
        "settings.update",
        json!({ "staff_id": s.manager, "settings": settings }),
    );
    assert_eq!(e.field.as_deref(), Some("settings.logo_base64"));
}

#[test]
fn a_character_no_font_has_is_named_plainly_not_a_question_mark() {
    let mut s = Shop::new();
    let odo = s.call("item.get", json!({ "id": s.car }))["item"]["odometer"]
        .as_i64()
        .unwrap()
        + 100;
    let r = s.call(
        "job.receive",
        json!({ "staff_id": s.counter, "customer": { "id": s.customer }, "item": { "id": s.car },
            "odometer_in": odo, "complaint": "Squeak when braking 😡 — fix it 👍🏽",
            "promised_at": "2026-11-03T17:00:00+08:00" }),
    );
    let job = r["job"]["number"].as_str().unwrap().to_string();
    for lang in [Lang::En, Lang::ZhCn] {
        let (text, _) = print(&mut s.core, Kind::Ticket, &job, lang, None);
        has(
            &text,
            "Squeak when braking (pouting face) — fix it (thumbs up sign)",
        );
        assert!(!text.contains("braking ?"), "{text}");
    }
}

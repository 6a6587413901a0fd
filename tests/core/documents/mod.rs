//! Printed documents: each one generated from a demo shop in both languages, its
//! text extracted with poppler's pdftotext and checked field by field, its
//! structure checked with qpdf, its fonts embedded as subsets; a 200-line invoice
//! flows over pages with the header repeated and "page N of M".

use crate::common::*;
use jobcard::documents::words::{in_words_zh, money};
use jobcard::documents::{Kind, RenderInput};
use jobcard::model::settings::Paper;
use jobcard::model::settings::{Currency, Lang};
use jobcard::Core;
use serde_json::{json, Value};
use std::process::Command;

fn tool(name: &str, args: &[&str], pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let mut full: Vec<&str> = args.to_vec();
    let p = path.to_str().unwrap().to_string();
    full.push(&p);
    if name == "pdftotext" {
        full.push("-");
    }
    let out = Command::new(name)
        .args(&full)
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed (apt-get install poppler-utils qpdf): {e}"));
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{name} failed: {text}");
    text
}

/// Renders, checks the PDF's structure and fonts, and returns its text.
pub(crate) fn print(
    core: &mut Core,
    kind: Kind,
    number: &str,
    lang: Lang,
    paper: Option<Paper>,
) -> (String, Vec<u8>) {
    let pdf = core
        .render(&RenderInput {
            kind,
            number: number.into(),
            lang: Some(lang),
            paper,
        })
        .unwrap_or_else(|e| panic!("{kind:?} {number}: {e:?}"));
    assert!(pdf.starts_with(b"%PDF-"));
    // For looking at them: JOBCARD_DUMP_DIR=/tmp/x cargo test --test documents
    if let Ok(dir) = std::env::var("JOBCARD_DUMP_DIR") {
        let name = format!("{}-{}-{}-{:?}.pdf", kind.code(), number, lang.code(), paper);
        std::fs::write(std::path::Path::new(&dir).join(name), &pdf).unwrap();
    }
    tool("qpdf", &["--check"], &pdf);
    let fonts = tool("pdffonts", &[], &pdf);
    for line in fonts.lines().skip(2) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let n = cols.len();
        assert!(
            n >= 5 && cols[n - 5] == "yes" && cols[n - 4] == "yes",
            "every font embedded as a subset: {fonts}"
        );
    }
    let text = tool("pdftotext", &["-layout"], &pdf);
    assert!(!text.contains("Syntax Error"), "{text}");
    (text, pdf)
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn has(text: &str, needle: &str) {
    assert!(
        squash(text).contains(&squash(needle)),
        "missing {needle:?} in:\n{text}"
    );
}

struct Demo {
    core: Core,
    summary: Value,
    _dir: tempfile::TempDir,
}

fn demo(lang: Lang) -> Demo {
    let dir = tempfile::tempdir().unwrap();
    let mut core = Core::open(&dir.path().join("demo.db")).unwrap();
    let summary = serde_json::to_value(jobcard::demo::build(&mut core, lang).unwrap()).unwrap();
    Demo {
        core,
        summary,
        _dir: dir,
    }
}

fn s(v: &Value) -> String {
    v.as_str().unwrap().to_string()
}

#[test]
fn every_document_prints_with_its_fields_in_both_languages() {
    for lang in [Lang::En, Lang::ZhCn] {
        let mut d = demo(lang);
        let zh = lang == Lang::ZhCn;
        let w = |en: &'static str, zh_text: &'static str| if zh { zh_text } else { en };
        let settings = d.core.call("settings.get", json!({})).unwrap();
        let cur: Currency = serde_json::from_value(settings["currency"].clone()).unwrap();

        // Invoice: shop identity, customer, lines, subtotals, tax per rate, total, approvals, old parts, card.
        let inv_no = s(&d.summary["invoices"][0]);
        let view = d
            .core
            .call("invoice.get", json!({ "invoice": inv_no }))
            .unwrap();
        let inv = &view["invoice"];
        if zh {
            let staff = d.core.call("staff.list", json!({})).unwrap();
            let helen = staff
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["roles"].to_string().contains("manager"))
                .unwrap()["id"]
                .clone();
            d.core
                .call(
                    "invoice.record_fapiao",
                    json!({ "staff_id": helen, "invoice": inv_no, "fapiao_number": "26442000000012345678" }),
                )
                .unwrap();
        }
        for paper in [Paper::A4, Paper::Letter] {
            let (text, _) = print(&mut d.core, Kind::Invoice, &inv_no, lang, Some(paper));
            for field in [
                &inv["number"],
                &inv["job_number"],
                &inv["shop"]["name"],
                &inv["shop"]["registration_number"],
                &inv["shop"]["tax_id"],
                &inv["customer"]["name"],
                &inv["guarantee_card"],
                &inv["certificate_number"],
            ] {
                has(&text, field.as_str().unwrap());
            }
            for l in inv["lines"].as_array().unwrap() {
                has(&text, l["description"].as_str().unwrap());
            }
            has(&text, w("Labour subtotal", "工时费小计"));
            has(&text, w("Parts subtotal", "材料费小计"));
            has(&text, w("Tax 6% on", "税额 6%"));
            has(&text, w("Tax 13% on", "税额 13%"));
            // A Chinese shop's own bill is the settlement list, never a 发票;
            // the rate column says 税率 (rates), the tax rows 税额 (amounts).
            has(&text, w("Invoice", "机动车维修结算清单"));
            has(&text, w("Tax rate", "税率"));
            if zh {
                has(&text, "本结算清单不是发票");
                has(&text, "数电票号码 26442000000012345678");
                assert!(
                    !text.lines().any(|l| l.trim_start().starts_with("发票")),
                    "no line titled 发票:\n{text}"
                );
            } else {
                assert!(
                    !text.contains("settlement"),
                    "a USD shop bills with a tax invoice"
                );
            }
            let total = inv["totals"]["total"].as_i64().unwrap();
            has(&text, &money(total, &cur));
            has(&text, w("By phone", "电话确认"));
            has(&text, w("Returned to customer", "已交还客户"));
            has(&text, w("Balance due", "应付余额"));
            if zh {
                has(&text, &format!("人民币{}", in_words_zh(total)));
            }
        }
        // Credit note, referencing its invoice.
        let cn = s(&d.summary["credit_notes"][0]);
        let (text, _) = print(&mut d.core, Kind::CreditNote, &cn, lang, None);
        has(&text, &cn);
        has(&text, &inv_no);
        has(&text, w("Credit note", "结算清单更正单"));
        has(&text, w("Credits invoice", "更正结算清单"));
        assert!(!text.contains("红字"), "not a 红字发票: {text}");
        // Receipt on an 80 mm roll.
        let inv2 = s(&d.summary["invoices"][1]);
        let (text, pdf) = print(&mut d.core, Kind::Receipt, &inv2, lang, None);
        has(&text, &inv2);
        has(&text, w("Receipt", "收据"));
        assert!(
            tool("pdfinfo", &[], &pdf).contains("Page size:       226.772 x"),
            "80 mm wide"
        );
        let (text80, _) = print(&mut d.core, Kind::Invoice, &inv2, lang, Some(Paper::Roll80));
        assert_eq!(squash(&text80), squash(&text));
        // Guarantee card.
        let card = s(&d.summary["guarantee_cards"][0]);
        let (text, pdf) = print(&mut d.core, Kind::Card, &card, lang, None);
        has(&text, &card);
        has(&text, w("Quality guarantee card", "质量保证卡"));
        has(&text, &inv_no);
        has(&text, w("100 days or 20,000 km", "100 天或20,000 公里"));
        has(
            &text,
            w("Whole-vehicle or major-assembly repair", "整车/总成修理"),
        );
        has(&text, w("Exclusions", "除外责任"));
        has(&text, w("How to claim", "索赔方式"));
        has(&text, inv["customer"]["name"].as_str().unwrap());
        assert!(
            tool("pdfinfo", &[], &pdf).contains("297.638 x 419.528"),
            "A6"
        );
        // Completion certificate for major work, by job or certificate number.
        let (text, _) = print(
            &mut d.core,
            Kind::Certificate,
            &s(&d.summary["jobs"]["delivered"]),
            lang,
            None,
        );
        has(&text, w("Completion certificate", "竣工出厂合格证"));
        has(&text, inv["certificate_number"].as_str().unwrap());
        has(&text, w("Every repair succeeded", "各项修理均已成功"));
        let (by_number, _) = print(
            &mut d.core,
            Kind::Certificate,
            inv["certificate_number"].as_str().unwrap(),
            lang,
            None,
        );
        assert_eq!(squash(&by_number), squash(&text));
        // Intake ticket: findings plainly, acknowledgment.
        let job = s(&d.summary["jobs"]["inspected"]);
        let detail = d.core.call("job.get", json!({ "job": job })).unwrap();
        let (text, _) = print(&mut d.core, Kind::Ticket, &job, lang, None);
        has(&text, &job);
        has(&text, detail["job"]["complaint"].as_str().unwrap());
        has(&text, w("Pre-existing damage", "原有损伤"));
        has(
            &text,
            w("Scratch 15 cm on rear left door", "左后门划痕约15厘米"),
        );
        has(
            &text,
            w(
                "Child seat and umbrella left in the car",
                "车内留有儿童座椅和雨伞",
            ),
        );
        has(
            &text,
            detail["inspection"]["acknowledgment"]["name"]
                .as_str()
                .unwrap(),
        );
        // Estimate, and the supplementary one with previous, difference and revised totals.
        let (text, _) = print(
            &mut d.core,
            Kind::Estimate,
            &s(&d.summary["jobs"]["awaiting_approval"]),
            lang,
            None,
        );
        has(&text, w("Estimate", "维修估价单"));
        has(&text, w("Valid until", "有效期至"));
        let sup = s(&d.summary["with_supplement"]);
        let sd = d.core.call("job.get", json!({ "job": sup })).unwrap();
        let (text, _) = print(&mut d.core, Kind::Estimate, &sup, lang, None);
        has(&text, w("Supplementary estimate", "追加维修估价单"));
        let last = sd["approvals"].as_array().unwrap().last().unwrap().clone();
        has(
            &text,
            &money(last["previous_total"].as_i64().unwrap(), &cur),
        );
        has(&text, &money(last["revised_total"].as_i64().unwrap(), &cur));
        has(&text, w("Previously approved total", "原确认金额"));
        // Labels in both sizes.
        let received = s(&d.summary["jobs"]["received"]);
        for (paper, size) in [
            (Paper::Label62x29, "175.748 x 82.2047"),
            (Paper::Label40x20, "113.386 x 56.6929"),
        ] {
            let (text, pdf) = print(&mut d.core, Kind::Label, &received, lang, Some(paper));
            has(&text, &received);
            assert!(tool("pdfinfo", &[], &pdf).contains(size), "{paper:?}");
        }
    }
}

mod pages;

//! Exports of a period as CSV and Excel: headers in the language asked for,
//! money with its decimals, times local, the period honoured, who may, and
//! the audit entry that says who took data out.

use crate::common::Shop;
use calamine::{Data, Reader};
use jobcard::exchange::export::{ExportFormat, ExportRequest, ExportWhat};
use jobcard::model::lang::Lang;
use jobcard::ErrorCode;
use serde_json::json;

fn req(what: ExportWhat, format: ExportFormat, lang: Lang) -> ExportRequest {
    ExportRequest {
        what,
        format,
        from: "2026-11-01".into(),
        to: "2026-11-30".into(),
        lang,
    }
}

#[test]
fn customers_leave_as_a_csv_excel_reads_in_chinese() {
    let mut s = Shop::new();
    let (name, bytes) = s
        .core
        .export_named(&req(ExportWhat::Customers, ExportFormat::Csv, Lang::ZhCn))
        .unwrap();
    assert_eq!(name, "jobcard-customers-2026-11-01-to-2026-11-30.csv");
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a byte-order mark for Excel"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with("客户编号,类型,名称,电话"));
    let row = lines.next().unwrap();
    assert!(
        row.contains("王小明") && row.contains("13800138000"),
        "{row}"
    );
    assert!(row.ends_with("2026-11-02 09:00"), "local time: {row}");
    // Outside the period: nothing but the header.
    let mut earlier = req(ExportWhat::Customers, ExportFormat::Csv, Lang::En);
    earlier.from = "2025-01-01".into();
    earlier.to = "2025-12-31".into();
    let (_, bytes) = s.core.export_named(&earlier).unwrap();
    assert_eq!(String::from_utf8_lossy(&bytes).lines().count(), 1);
}

#[test]
fn invoices_and_payments_leave_as_workbooks_with_money_as_numbers() {
    let mut s = Shop::new();
    let (_, inv, _) = s.delivered();
    let view = s.call("invoice.get", json!({ "invoice": inv }));
    let total = view["invoice"]["totals"]["total"].as_i64().unwrap();
    let (name, bytes) = s
        .core
        .export_named(&req(ExportWhat::Invoices, ExportFormat::Xlsx, Lang::En))
        .unwrap();
    assert!(name.ends_with(".xlsx"));
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range("invoices").unwrap();
    let rows: Vec<_> = sheet.rows().collect();
    assert_eq!(rows[0][0], Data::String("Invoice no.".into()));
    assert_eq!(rows[1][0], Data::String(inv.clone()));
    assert_eq!(rows[1][4], Data::Float(total as f64 / 100.0));
    assert_eq!(rows[1][7], Data::Float(0.0), "paid in full: no balance");
    let (_, bytes) = s
        .core
        .export_named(&req(ExportWhat::Payments, ExportFormat::Csv, Lang::En))
        .unwrap();
    let text = String::from_utf8_lossy(&bytes).to_string();
    let paid = jobcard::base::money::format_minor(total, 2);
    assert!(
        text.contains(&format!("{inv},王小明,card,{paid}")),
        "{text}"
    );
    for what in [ExportWhat::Jobs, ExportWhat::Items] {
        let (_, bytes) = s
            .core
            .export_named(&req(what, ExportFormat::Xlsx, Lang::ZhCn))
            .unwrap();
        let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let name = book.sheet_names()[0].clone();
        assert!(
            book.worksheet_range(&name).unwrap().rows().count() >= 2,
            "{what:?}"
        );
    }
}

#[test]
fn a_bad_period_is_said_at_its_field() {
    let mut s = Shop::new();
    let mut r = req(ExportWhat::Jobs, ExportFormat::Csv, Lang::En);
    r.from = "2026-13-01".into();
    assert_eq!(
        s.core.export_named(&r).unwrap_err().field.as_deref(),
        Some("from")
    );
    r.from = "2026-12-01".into();
    assert_eq!(
        s.core.export_named(&r).unwrap_err().field.as_deref(),
        Some("to")
    );
}

#[test]
fn only_the_data_permission_exports_and_the_audit_says_who() {
    let mut s = Shop::new();
    let m = s.manager;
    s.call(
        "staff.set_secret",
        json!({ "staff_id": m, "id": s.counter, "secret": "1357" }),
    );
    s.core.lock(true);
    s.core.sign_in(s.counter, "1357").unwrap();
    let e = s
        .core
        .export_named(&req(ExportWhat::Customers, ExportFormat::Csv, Lang::En))
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    s.core.sign_out().unwrap();
    s.core.sign_in(s.manager, "2468").unwrap();
    s.core
        .export_named(&req(ExportWhat::Customers, ExportFormat::Csv, Lang::En))
        .unwrap();
    let audit = s.core.call("audit.latest", json!({ "limit": 5 })).unwrap();
    let entry = audit
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "data.export")
        .expect("the export is in the audit chain");
    assert_eq!(entry["staff_id"], s.manager);
}

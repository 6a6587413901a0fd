//! Importing customers, items and parts from CSV and Excel files: the column
//! guess in English and Chinese, GB18030 files, the preview's problems and
//! duplicates, all-or-nothing commit, progress, who may, hostile files.

use crate::common::Shop;
use base64::Engine;
use jobcard::ErrorCode;
use serde_json::{json, Value};
use std::cell::RefCell;

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn file(s: &Shop, kind: &str, name: &str, bytes: &[u8]) -> Value {
    json!({ "staff_id": s.manager, "kind": kind, "file_name": name, "content_base64": b64(bytes) })
}

fn count(s: &mut Shop, table: &str) -> i64 {
    s.core
        .checks()
        .sql()
        .query_row(&format!("SELECT count(*) FROM {table}"), (), |r| r.get(0))
        .unwrap()
}

#[test]
fn a_chinese_excel_csv_in_gb18030_is_guessed_previewed_and_imported() {
    let mut s = Shop::new();
    let csv = "客户名称,手机号,车牌号,车架号,品牌,车型,年份,行驶里程,备注\n\
               张伟,139 1234 5678,京A 88888,,丰田,卡罗拉,2018,\"56,000\",老客户\n\
               张伟,13912345678,京A 66666,,本田,雅阁,2020,12000,\n\
               刘洋,+86 137-0000-1111,,LSGJA52U7DH123456,别克,英朗,,,\n";
    let (gb, _, _) = encoding_rs::GB18030.encode(csv);
    let input = file(&s, "customers", "老系统导出.csv", &gb);
    let p = s.call("import.preview", input.clone());
    assert_eq!(p["read_as"], "GB18030");
    assert_eq!(
        p["mapping"],
        json!(["name", "phone", "plate", "vin", "make", "model", "year", "odometer", "notes"])
    );
    assert_eq!(p["rows"], 3);
    assert_eq!(p["problem_count"], 0, "{p}");
    // One customer per phone: the second row is Zhang Wei's second car.
    assert_eq!(
        p["will_create"],
        json!({ "customers": 2, "items": 3, "parts": 0, "stock_entries": 0 })
    );

    let seen = RefCell::new(Vec::new());
    let report = |done: u64, total: u64| seen.borrow_mut().push((done, total));
    let done = s
        .core
        .call_with_progress("import.commit", input, None, Some(&report))
        .unwrap();
    assert_eq!(done["created"]["customers"], 2);
    assert_eq!(seen.borrow().last(), Some(&(5, 5)));

    let hits = s.call("search", json!({ "query": "张伟" }));
    let zhang = hits
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["kind"] == "customer")
        .expect("the imported customer is found by name");
    let c = s.call("customer.get", json!({ "id": zhang["id"] }));
    assert_eq!(c["customer"]["phones"], json!(["13912345678"]));
    assert_eq!(c["customer"]["notes"], "老客户");
    assert_eq!(c["items"].as_array().unwrap().len(), 2);
    let car = &c["items"][0];
    assert_eq!(car["plate"], "京A88888");
    assert_eq!(car["odometer"], 56000);
    let hits = s.call("search", json!({ "query": "LSGJA52U7DH123456" }));
    assert!(
        !hits.as_array().unwrap().is_empty(),
        "the VIN is searchable"
    );
}

#[test]
fn every_bad_row_is_named_with_its_line_and_column_and_nothing_is_written() {
    let mut s = Shop::new();
    let csv = "Name,Phone,Plate,VIN,Make,Model,Year,Email\n\
               Ann Lee,0412 555 001,AB12CDE,,Ford,Focus,2015,ann@example.com\n\
               ,0412 555 002,,,,,,\n\
               Bob Stone,call me,,,,,,\n\
               Cat Moss,0412 555 004,XY99ZZZ,NOTAVIN,Kia,Rio,2016,\n\
               Dan Reed,0412 555 005,QQ11AAA,,Mazda,3,19x5,\n\
               Eve Ford,0412 555 006,,,,,,not-an-email\n";
    let input = file(&s, "customers", "old.csv", csv.as_bytes());
    let p = s.call("import.preview", input.clone());
    assert_eq!(p["problem_count"], 5, "{p}");
    let problems: Vec<(u64, String)> = p["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["line"].as_u64().unwrap(),
                n["column"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        problems,
        vec![
            (3, "Name".into()),
            (4, "Phone".into()),
            (5, "VIN".into()),
            (6, "Year".into()),
            (7, "Email".into())
        ]
    );
    assert!(p["problems"][0]["message"]
        .as_str()
        .unwrap()
        .contains("Required"));
    assert!(!p["problems"][0]["message_zh"].as_str().unwrap().is_empty());

    let before = count(&mut s, "customers");
    let e = s.fails("import.commit", input);
    assert_eq!(e.code, ErrorCode::InvalidInput);
    assert!(
        e.message.contains("5 row(s)") && e.message.contains("line 3"),
        "{}",
        e.message
    );
    assert_eq!(count(&mut s, "customers"), before, "all or nothing");
}

#[test]
fn duplicates_are_skipped_and_never_overwrite_the_shop() {
    let mut s = Shop::new();
    // The fixture's 王小明 (138 0013 8000) owns 粤B12345.
    let csv = "name,phone,plate,make,model\n\
               王小明,13800138000,粤B99999,Toyota,Camry\n\
               王大明,13800138000,粤B77777,Toyota,Camry\n\
               Someone,0400000001,粤B 12345,VW,Passat\n\
               Other,0400000002,粤B55555,BYD,Han\n\
               Third,0400000003,粤B55555,BYD,Han\n";
    let input = file(&s, "customers", "dups.csv", csv.as_bytes());
    let p = s.call("import.preview", input.clone());
    assert_eq!(p["problem_count"], 0, "{p}");
    assert_eq!(p["duplicate_count"], 3, "{p}");
    let lines: Vec<u64> = p["duplicates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, vec![3, 4, 6]);
    assert!(p["duplicates"][0]["message"]
        .as_str()
        .unwrap()
        .contains("王小明"));
    assert!(p["duplicates"][2]["message"]
        .as_str()
        .unwrap()
        .contains("line 5"));
    s.call("import.commit", input);
    // 王小明 got his new car; his details are as they were.
    let c = s.call("customer.get", json!({ "id": s.customer }));
    assert_eq!(c["customer"]["name"], "王小明");
    let plates: Vec<&str> = c["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["plate"].as_str())
        .collect();
    assert!(
        plates.contains(&"粤B99999") && plates.contains(&"粤B12345"),
        "{plates:?}"
    );
    // The shop's own 粤B12345 still belongs to him, not to "Someone".
    let car = s.call("item.get", json!({ "id": s.car }));
    assert_eq!(car["item"]["owner_id"], s.customer);
}

/// A part row: number, name, brand, unit, cost, price, stock, supplier.
type PartRow<'a> = (&'a str, &'a str, &'a str, &'a str, f64, f64, f64, &'a str);

fn parts_workbook() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (c, h) in [
        "配件编号",
        "配件名称",
        "品牌",
        "单位",
        "进价",
        "售价",
        "库存",
        "供应商",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let rows: [PartRow; 3] = [
        (
            "OF-100",
            "机油滤清器",
            "Mann",
            "个",
            18.5,
            45.0,
            12.0,
            "ACME",
        ),
        (
            "BP-200",
            "前刹车片",
            "Bosch",
            "套",
            120.0,
            380.0,
            2.5,
            "ACME",
        ),
        ("SP-300", "火花塞", "NGK", "个", 15.0, 40.0, 0.0, ""),
    ];
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        ws.write_string(r, 0, row.0).unwrap();
        ws.write_string(r, 1, row.1).unwrap();
        ws.write_string(r, 2, row.2).unwrap();
        ws.write_string(r, 3, row.3).unwrap();
        ws.write_number(r, 4, row.4).unwrap();
        ws.write_number(r, 5, row.5).unwrap();
        ws.write_number(r, 6, row.6).unwrap();
        ws.write_string(r, 7, row.7).unwrap();
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn parts_with_stock_come_in_from_an_excel_workbook() {
    let mut s = Shop::new();
    let input = file(&s, "parts", "配件目录.xlsx", &parts_workbook());
    let p = s.call("import.preview", input.clone());
    assert_eq!(p["problem_count"], 0, "{p}");
    assert_eq!(
        p["will_create"],
        json!({ "customers": 0, "items": 0, "parts": 3, "stock_entries": 2 })
    );
    s.call("import.commit", input.clone());
    let found = s.call("parts.search", json!({ "query": "BP-200" }));
    let bp = &found[0];
    assert_eq!(bp["price"], 38000);
    assert_eq!(bp["cost"], 12000);
    assert_eq!(bp["on_hand"], "2.5");
    assert_eq!(bp["unit"], "套");
    let detail = s.call("parts.get", json!({ "id": bp["id"] }));
    let m = &detail["movements"][0];
    assert_eq!(m["kind"], "adjustment");
    assert!(m["reason"].as_str().unwrap().contains("配件目录.xlsx"));
    // The same file again: every part is a duplicate, nothing changes.
    let again = s.call("import.preview", input);
    assert_eq!(again["duplicate_count"], 3);
    assert_eq!(again["will_create"]["parts"], 0);
}

#[test]
fn items_attach_to_customers_by_phone_and_the_clerk_can_choose_the_columns() {
    let mut s = Shop::new();
    let csv = "Tel;Kennzeichen;Hersteller;Modell\n138 0013 8000;AB-C 123;Opel;Astra\n0499 999 999;XY-Z 9;Fiat;Uno\n";
    let mut input = file(&s, "items", "items.csv", csv.as_bytes());
    let p = s.call("import.preview", input.clone());
    // The German headers are not known: the phone is guessed, the rest not.
    assert_eq!(p["mapping"], json!(["owner_phone", null, null, null]));
    input["mapping"] = json!(["owner_phone", "plate", "make", "model"]);
    let p = s.call("import.preview", input.clone());
    assert_eq!(p["problem_count"], 1);
    assert_eq!(p["problems"][0]["line"], 3);
    assert!(p["problems"][0]["message"]
        .as_str()
        .unwrap()
        .contains("No customer"));
    // Two columns as one field, or the owner's phone left out, is said plainly.
    input["mapping"] = json!(["owner_phone", "plate", "plate", "model"]);
    let p = s.call("import.preview", input.clone());
    assert!(p["mapping_problem"]["message"]
        .as_str()
        .unwrap()
        .contains("Two columns"));
    input["mapping"] = json!([null, "plate", "make", "model"]);
    let e = s.fails("import.commit", input.clone());
    assert!(e.message.contains("Owner's phone"), "{}", e.message);
    input["mapping"] = json!(["owner_phone", "bogus", "make", "model"]);
    let p = s.call("import.preview", input.clone());
    assert!(p["mapping_problem"]["message"]
        .as_str()
        .unwrap()
        .contains("'bogus'"));
    assert_eq!(
        s.fails("import.commit", input).field.as_deref(),
        Some("mapping.1")
    );
}

#[test]
fn hostile_files_get_words_not_panics() {
    let mut s = Shop::new();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.csv", vec![], "empty"),
        ("notes.docx", b"PK\x03\x04".to_vec(), "not a CSV or Excel"),
        (
            "broken.xlsx",
            b"this is not a zip".to_vec(),
            "cannot be read",
        ),
        ("blank.csv", b"\n\n , ,\n".to_vec(), "no rows"),
    ];
    for (name, bytes, words) in cases {
        let e = s.fails("import.preview", file(&s, "customers", name, &bytes));
        assert_eq!(e.field.as_deref(), Some("file"), "{name}");
        assert!(e.message.contains(words), "{name}: {}", e.message);
    }
    let mut bad = file(&s, "customers", "x.csv", b"name\nA\n");
    bad["content_base64"] = json!("%%%not base64%%%");
    assert_eq!(
        s.fails("import.preview", bad).field.as_deref(),
        Some("file")
    );
    // A huge cell, a name in another script, a negative price: each a row problem.
    let long = "x".repeat(3000);
    let csv = format!("name,phone\n{long},0400000001\nМария,0400000002\n");
    let p = s.call(
        "import.preview",
        file(&s, "customers", "x.csv", csv.as_bytes()),
    );
    assert_eq!(p["problem_count"], 1);
    assert_eq!(p["will_create"]["customers"], 1);
    let csv = "part number,name,price,stock\nA1,Bolt,-5,1\nA2,Nut,1e9,1\nA3,Washer,0.5,-2\n";
    let p = s.call("import.preview", file(&s, "parts", "p.csv", csv.as_bytes()));
    assert_eq!(p["problem_count"], 3, "{p}");
}

#[test]
fn only_a_person_with_the_data_permission_imports() {
    let mut s = Shop::new();
    let mut input = file(&s, "customers", "a.csv", b"name\nAnn\n");
    input["staff_id"] = json!(s.counter);
    s.refused("import.preview", input.clone(), ErrorCode::Forbidden);
    s.refused("import.commit", input, ErrorCode::Forbidden);
}

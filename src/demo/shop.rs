//! The demo shop's own setup: settings, parts catalogue with stock, canned jobs.
//! Tests: tests/core/faces/desktop.rs.

use super::data::*;
use crate::api::Core;
use crate::base::error::Result;
use crate::model::settings::{Currency, Lang, ShopSettings};
use serde_json::{json, Value};

pub(super) fn settings(w: &Words) -> ShopSettings {
    ShopSettings {
        legal_name: w
            .t(
                "Riverside Auto & Electronics Repair Ltd",
                "深圳市河畔汽车电器维修有限公司",
            )
            .into(),
        address: w
            .t("18 Harbour Road, Riverside", "深圳市南山区滨海大道18号")
            .into(),
        phone: w.t("+1 555 0100", "0755-8888 6666").into(),
        registration_number: w.t("ARD 00291744", "粤交运管深字440300012345号").into(),
        tax_id: w.t("US-98-7654321", "91440300MA5F2XXX1K").into(),
        currency: Currency {
            code: w.t("USD", "CNY").into(),
            minor_units: 2,
        },
        document_language: if w.en { Lang::En } else { Lang::ZhCn },
        labour_rate: if w.en { 9_500 } else { 12_000 },
        // Eight lifts and twelve electronics benches; five technicians' days.
        booking: crate::model::appointment::BookingSettings {
            bays: 20,
            technician_hours: 40,
            ..Default::default()
        },
        ..ShopSettings::default()
    }
}

pub(super) fn parts_catalogue(core: &mut Core, w: &Words, m: i64, counter: i64) -> Result<()> {
    let parts = [
        (
            "0986494",
            w.t("Front brake pad set", "前刹车片（套）"),
            "Bosch",
            "new_oem",
            w.t("set", "套"),
            21_000,
            36_000,
            "10",
            "3",
        ),
        (
            "CAS-5W30-4",
            w.t("Engine oil 5W-30, 4 L", "5W-30 机油 4升"),
            "Castrol",
            "new_oem",
            w.t("can", "桶"),
            17_000,
            28_000,
            "24",
            "6",
        ),
        (
            "W712/95",
            w.t("Oil filter", "机油滤清器"),
            "MANN",
            "new_aftermarket",
            w.t("piece", "个"),
            2_200,
            4_500,
            "2",
            "5",
        ),
        (
            "DSP-IP13",
            w.t("Display assembly, iPhone 13", "iPhone 13 屏幕总成"),
            "OEM-grade",
            "new_aftermarket",
            w.t("piece", "个"),
            52_000,
            89_000,
            "4",
            "2",
        ),
        (
            "H7-55W",
            w.t("Headlight bulb H7", "H7 大灯灯泡"),
            "Philips",
            "new_aftermarket",
            w.t("piece", "个"),
            1_800,
            4_000,
            "1",
            "4",
        ),
    ];
    for (number, name, brand, kind, unit, cost, price, stock, reorder) in parts {
        let p: Value = core.call("parts.create", json!({ "staff_id": m, "part": {
            "part_number": number, "name": name, "brand": brand, "kind": kind, "unit": unit,
            "cost": cost, "price": price, "reorder_level": reorder, "supplier": w.t("Harbour Parts Co", "深圳港湾汽配") } }))?;
        core.call("parts.receive", json!({ "staff_id": counter, "part_id": p["id"], "quantity": stock, "unit_cost": cost,
            "supplier": w.t("Harbour Parts Co", "深圳港湾汽配"), "supplier_invoice": format!("HP-{number}") }))?;
    }
    Ok(())
}

pub(super) fn canned_jobs(core: &mut Core, w: &Words, m: i64) -> Result<()> {
    let canned = [
        (
            w.t("Oil and filter change", "更换机油机滤"),
            json!([
                { "kind": "labour", "description": w.t("Drain and refill engine oil, replace oil filter", "放油加注机油，更换机油滤清器"), "quantity": "0.5" },
                { "kind": "part", "description": w.t("Engine oil 5W-30, 4 L", "5W-30 机油 4升"), "quantity": "1", "unit_price": 28_000, "part_kind": "new_oem", "brand": "Castrol", "part_number": "CAS-5W30-4" },
                { "kind": "part", "description": w.t("Oil filter", "机油滤清器"), "quantity": "1", "unit_price": 4_500, "part_kind": "new_aftermarket", "brand": "MANN", "part_number": "W712/95" },
            ]),
        ),
        (
            w.t("Front brake pads", "更换前刹车片"),
            json!([
                { "kind": "labour", "description": w.t("Replace front brake pads, clean and check callipers", "更换前刹车片，清洁检查卡钳"), "quantity": "1.2" },
                { "kind": "part", "description": w.t("Front brake pad set", "前刹车片（套）"), "quantity": "1", "unit_price": 36_000, "part_kind": "new_oem", "brand": "Bosch", "part_number": "0986494" },
            ]),
        ),
        (
            w.t("Phone screen replacement", "更换手机屏幕"),
            json!([
                { "kind": "labour", "description": w.t("Replace display assembly, test touch and True Tone", "更换屏幕总成，测试触控与显示"), "quantity": "0.8" },
                { "kind": "part", "description": w.t("Display assembly", "屏幕总成"), "quantity": "1", "unit_price": 89_000, "part_kind": "new_aftermarket" },
            ]),
        ),
    ];
    for (name, lines) in canned {
        core.call(
            "canned_job.save",
            json!({ "staff_id": m, "name": name, "lines": lines }),
        )?;
    }
    Ok(())
}

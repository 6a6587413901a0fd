//! The demo shop: a realistic small repair shop built only through the command
//! API, so it holds exactly what the app would write. Staff, 32 customers with
//! vehicles and devices (Chinese names in the zh-CN demo), canned jobs, and jobs in
//! every state, including a declined line and an approved supplementary estimate.

mod data;
pub mod signature;

use crate::api::Core;
use crate::error::{Error, Result};
use crate::settings::{Currency, Lang, ShopSettings};
use crate::staff::Staff;
use chrono::Duration;
use data::*;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;

#[derive(Debug, Serialize)]
pub struct DemoSummary {
    pub lang: &'static str,
    pub staff: Vec<Staff>,
    pub customers: usize,
    /// One job number per state reached.
    pub jobs: BTreeMap<String, String>,
    /// The job with a declined line, and the one with an approved supplement.
    pub with_declined_line: String,
    pub with_supplement: String,
    /// Invoice numbers: paid, part-paid and credited.
    pub invoices: Vec<String>,
    pub credit_notes: Vec<String>,
    pub guarantee_cards: Vec<String>,
    /// A claim job opened under a guarantee card.
    pub claim: String,
}

/// A small deterministic generator, so every demo shop is the same.
struct Dice(u64);

impl Dice {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
    fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.next(10) as u8))
            .collect()
    }
    fn vin(&mut self) -> String {
        const A: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
        (0..17).map(|_| A[self.next(A.len())] as char).collect()
    }
}

fn settings(w: &Words) -> ShopSettings {
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
        ..ShopSettings::default()
    }
}

pub fn build(core: &mut Core, lang: Lang) -> Result<DemoSummary> {
    let w = Words {
        en: lang == Lang::En,
    };
    let manager: Staff = core.exec(
        "shop.setup",
        json!({
            "settings": settings(&w),
            "manager_name": w.t("Helen Park", "陈经理"),
        }),
    )?;
    let m = manager.id;
    let mut staff = vec![manager];
    for (en, zh, roles) in [
        ("Tom Reyes", "李前台", json!(["counter"])),
        ("Ivan Petrov", "王师傅", json!(["technician"])),
        ("Kenji Sato", "赵师傅", json!(["technician", "inspector"])),
        ("Nadia Brooks", "孙质检", json!(["inspector"])),
    ] {
        staff.push(core.exec(
            "staff.add",
            json!({ "staff_id": m, "name": w.t(en, zh), "roles": roles }),
        )?);
    }
    let counter = staff[1].id;
    canned_jobs(core, &w, m)?;
    parts_catalogue(core, &w, m, counter)?;

    let now = core.now();
    let mut dice = Dice(if w.en { 7 } else { 11 });
    let names = if w.en { EN_NAMES } else { ZH_NAMES };
    let mut items: Vec<(i64, i64, bool)> = Vec::new(); // (customer, item, is_vehicle)
    for (i, name) in names.iter().enumerate() {
        let business = i >= names.len() - 2;
        let phone = if w.en {
            format!("+1 555 {}", dice.digits(7))
        } else {
            format!("13{}", dice.digits(9))
        };
        let mut customer = json!({
            "kind": if business { "business" } else { "person" },
            "name": name,
            "phones": [phone],
            "language": lang.code(),
        });
        if business {
            customer["tax_id"] = json!(if w.en {
                format!("EIN-{}", dice.digits(9))
            } else {
                format!("9144030{}", dice.digits(11))
            });
            customer["address"] = json!(w.t("4 Mill Lane, Riverside", "深圳市宝安区西乡街道88号"));
            customer["designated_persons"] = json!([{ "name": w.t("Fleet manager Sam Lee", "车队主管刘强"), "phone": if w.en { "+1 555 0199" } else { "13900001111" }, "relation": w.t("fleet manager", "车队主管") }]);
        } else if i % 5 == 0 {
            customer["designated_persons"] =
                json!([{ "name": w.t("Spouse", "配偶"), "relation": w.t("spouse", "配偶") }]);
        }
        let c: Value = core.call(
            "customer.create",
            json!({ "staff_id": counter, "customer": customer }),
        )?;
        let cid = c["id"]
            .as_i64()
            .ok_or_else(|| Error::internal("customer id"))?;
        let vehicle = i % 3 != 2;
        let item = if vehicle {
            let (make, model, class) = VEHICLES[dice.next(VEHICLES.len())];
            let plate = if w.en {
                format!(
                    "{}{}{}",
                    dice.digits(1),
                    ["ABC", "KLM", "RST", "XYZ"][dice.next(4)],
                    dice.digits(3)
                )
            } else {
                format!("粤B{}", dice.digits(5))
            };
            json!({ "kind": "vehicle", "plate": plate, "vin": dice.vin(), "make": make, "model": model,
                    "year": 2012 + dice.next(12) as i32, "colour": (if w.en { COLOURS_EN } else { COLOURS_ZH })[dice.next(6)], "vehicle_class": class })
        } else {
            let (cat, brand, model) =
                (if w.en { DEVICES_EN } else { DEVICES_ZH })[dice.next(DEVICES_EN.len())];
            json!({ "kind": "device", "category": cat, "brand": brand, "model": model, "serial": format!("SN{}", dice.digits(10)) })
        };
        let odo = if vehicle {
            Some(20_000 + dice.next(150_000) as i64)
        } else {
            None
        };
        let it: Value = core.call(
            "item.create",
            json!({ "staff_id": counter, "owner_id": cid, "item": item, "odometer": odo }),
        )?;
        items.push((cid, it["id"].as_i64().unwrap_or_default(), vehicle));
    }

    let mut jobs = BTreeMap::new();
    let mut flow = Flow {
        core,
        w: &w,
        counter,
        manager: m,
        tech: staff[2].id,
        inspector: staff[4].id,
        dice: &mut dice,
    };
    let mut invoices = Vec::new();
    let mut cards = Vec::new();
    // Older work, finished and handed over: a paid invoice, a card, a credit note.
    flow.core.set_now(Some(now - Duration::days(9)));
    let delivered = flow.approved(items[21], false, Some(now - Duration::days(8)))?;
    flow.finish(&delivered, "vehicle_major")?;
    let (inv, card) = flow.invoice(&delivered, true)?;
    flow.core.call(
        "job.deliver",
        json!({ "staff_id": counter, "job": delivered }),
    )?;
    let labour = flow.first_line(&delivered, "labour")?;
    let credit = flow.core.call("invoice.credit", json!({ "staff_id": m, "invoice": inv, "reason": w.t("Goodwill: labour discount agreed after handover", "交车后协商给予工时优惠"),
        "lines": [{ "line_id": labour, "quantity": "0.2" }] }))?;
    flow.core.call(
        "invoice.refund",
        json!({ "staff_id": counter, "invoice": inv, "method": "card", "amount": credit["total"] }),
    )?;
    jobs.insert("delivered".to_string(), delivered);
    invoices.push(inv);
    cards.extend(card.clone());
    // Five days ago: invoiced, half paid, not yet collected.
    flow.core.set_now(Some(now - Duration::days(5)));
    let invoiced = flow.approved(items[24], false, Some(now - Duration::days(4)))?;
    flow.finish(&invoiced, "vehicle_minor")?;
    let (inv2, card2) = flow.invoice(&invoiced, false)?;
    jobs.insert("invoiced".to_string(), invoiced);
    invoices.push(inv2);
    cards.extend(card2);
    // A returning fault under the older card.
    flow.core.set_now(Some(now - Duration::days(3)));
    let claim = flow.claim(card.as_deref().unwrap_or_default())?;
    flow.core.set_now(Some(now - Duration::days(1)));
    let ready = flow.approved(items[27], false, Some(now + Duration::hours(2)))?;
    flow.finish(&ready, "vehicle_minor")?;
    jobs.insert("ready".to_string(), ready);
    let qc = flow.approved(items[28], false, Some(now + Duration::hours(4)))?;
    flow.complete_all(&qc, "vehicle_level2")?;
    jobs.insert("quality_check".to_string(), qc);
    let waiting = flow.approved(items[30], false, Some(now + Duration::days(2)))?;
    flow.start_first(&waiting)?;
    flow.core.call("work.wait_for_parts", json!({ "staff_id": counter, "job": waiting, "reason": w.t("Front pads on back order, due tomorrow", "前刹车片缺货，明天到") }))?;
    jobs.insert("waiting_parts".to_string(), waiting);
    // Jobs received two days ago run late; their promises are now past.
    flow.core.set_now(Some(now - Duration::days(2)));
    let late = flow.approved(items[0], true, Some(now - Duration::hours(3)))?;
    flow.start_first(&late)?;
    jobs.insert("in_work".to_string(), late.clone());
    let declined = flow.approved(items[3], true, Some(now + Duration::hours(5)))?;
    flow.core.set_now(Some(now - Duration::days(1)));
    let supplement = flow.approved(items[6], false, Some(now + Duration::days(1)))?;
    flow.start_first(&supplement)?;
    flow.supplement(&supplement)?;
    flow.core.set_now(Some(now - Duration::hours(2)));
    jobs.insert(
        "received".into(),
        flow.received(items[9], Some(now + Duration::hours(6)))?,
    );
    jobs.insert("inspected".into(), {
        let j = flow.received(items[10], Some(now + Duration::days(1)))?;
        flow.inspect(&j, items[10].2)?;
        j
    });
    jobs.insert("estimated".into(), {
        let j = flow.received(items[12], Some(now + Duration::days(2)))?;
        flow.inspect(&j, items[12].2)?;
        flow.estimate(&j, items[12].2)?;
        j
    });
    jobs.insert("awaiting_approval".into(), {
        let j = flow.received(items[13], Some(now + Duration::days(1)))?;
        flow.inspect(&j, items[13].2)?;
        flow.estimate(&j, items[13].2)?;
        flow.core
            .call("estimate.submit", json!({ "staff_id": counter, "job": j }))?;
        j
    });
    jobs.insert(
        "approved".into(),
        flow.approved(items[15], false, Some(now + Duration::days(2)))?,
    );
    jobs.insert("cancelled".into(), {
        let j = flow.received(items[18], None)?;
        flow.core.call("job.cancel", json!({ "staff_id": counter, "job": j, "reason": w.t("Customer decided to sell the item as is", "客户决定不修，直接出售") }))?;
        j
    });
    // A second visit by the customer whose work was declined: the declined work is offered again.
    flow.core.set_now(None);
    let _again = flow.received(items[3], Some(now + Duration::days(3)))?;
    Ok(DemoSummary {
        lang: lang.code(),
        staff,
        customers: names.len(),
        jobs,
        with_declined_line: declined,
        with_supplement: supplement,
        credit_notes: vec![credit["number"].as_str().unwrap_or_default().to_string()],
        invoices,
        guarantee_cards: cards,
        claim,
    })
}

fn parts_catalogue(core: &mut Core, w: &Words, m: i64, counter: i64) -> Result<()> {
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

fn canned_jobs(core: &mut Core, w: &Words, m: i64) -> Result<()> {
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

struct Flow<'a> {
    core: &'a mut Core,
    w: &'a Words,
    counter: i64,
    manager: i64,
    tech: i64,
    inspector: i64,
    dice: &'a mut Dice,
}

impl Flow<'_> {
    fn received(
        &mut self,
        (cid, item, vehicle): (i64, i64, bool),
        promise: Option<chrono::DateTime<chrono::Utc>>,
    ) -> Result<String> {
        let w = self.w;
        let complaints = if vehicle {
            [
                w.t(
                    "Squealing noise when braking, worse in the morning",
                    "刹车时有尖叫声，早上更明显",
                ),
                w.t(
                    "Engine warning light came on yesterday",
                    "昨天发动机故障灯亮了",
                ),
                w.t("Due for the 40,000 km service", "到了4万公里保养"),
            ]
        } else {
            [
                w.t(
                    "Screen cracked after a drop, touch works in places",
                    "摔落后屏幕碎裂，部分区域触摸失灵",
                ),
                w.t("Does not power on", "无法开机"),
                w.t("Loud noise during spin cycle", "脱水时噪音很大"),
            ]
        };
        let detail: Value = self.core.call("item.get", json!({ "id": item }))?;
        let odo = detail["item"]["odometer"]
            .as_i64()
            .map(|o| o + 500 + self.dice.next(2000) as i64);
        let r: Value = self.core.call("job.receive", json!({
            "staff_id": self.counter,
            "customer": { "id": cid },
            "item": { "id": item },
            "odometer_in": odo,
            "complaint": complaints[self.dice.next(3)],
            "requested_work": w.t("Diagnose and quote before any work", "先检查报价，确认后再修"),
            "promised_at": promise.map(crate::api::time_text),
        }))?;
        Ok(r["job"]["number"].as_str().unwrap_or_default().to_string())
    }

    fn inspect(&mut self, job: &str, vehicle: bool) -> Result<()> {
        let w = self.w;
        let insp: Value = self.core.call(
            "inspection.start",
            json!({ "staff_id": self.counter, "job": job }),
        )?;
        let rows = insp["findings"].as_array().cloned().unwrap_or_default();
        for (i, f) in rows.iter().enumerate() {
            let (cond, note) = match i {
                0 => (
                    "pre_existing_damage",
                    Some(if vehicle {
                        w.t("Scratch 15 cm on rear left door", "左后门划痕约15厘米")
                    } else {
                        w.t("Dent on the back corner", "背面边角有凹痕")
                    }),
                ),
                5 if vehicle => (
                    "ok",
                    Some(w.t("Fuel gauge at one quarter", "油量约四分之一")),
                ),
                7 if vehicle => (
                    "ok",
                    Some(w.t(
                        "Child seat and umbrella left in the car",
                        "车内留有儿童座椅和雨伞",
                    )),
                ),
                2 => (
                    "fault_found",
                    Some(if vehicle {
                        w.t("Right low-beam headlight out", "右侧近光灯不亮")
                    } else {
                        w.t("Volume button sticks", "音量键卡滞")
                    }),
                ),
                _ => ("ok", None),
            };
            self.core.call("inspection.record_finding", json!({ "staff_id": self.counter, "job": job, "finding_id": f["id"], "condition": cond, "note": note }))?;
        }
        let customer: Value = self.core.call("job.get", json!({ "job": job }))?;
        self.core.call("inspection.acknowledge", json!({
            "staff_id": self.counter, "job": job, "name": customer["customer"]["name"], "method": "signature",
            "signature_base64": signature::base64(self.dice.next(100) as u32),
        }))?;
        Ok(())
    }

    fn estimate(&mut self, job: &str, vehicle: bool) -> Result<()> {
        let canned: Value = self.core.call("canned_job.list", json!({}))?;
        let pick = if vehicle { 1 } else { 2 };
        let id = canned
            .as_array()
            .and_then(|a| {
                a.iter().find(|c| {
                    let n = c["name"].as_str().unwrap_or_default();
                    n == self.w.t(
                        ["", "Front brake pads", "Phone screen replacement"][pick],
                        ["", "更换前刹车片", "更换手机屏幕"][pick],
                    )
                })
            })
            .map(|c| c["id"].clone())
            .unwrap_or(json!(0));
        self.core.call(
            "estimate.apply_canned",
            json!({ "staff_id": self.counter, "job": job, "canned_job_id": id }),
        )?;
        let detail: Value = self.core.call("job.get", json!({ "job": job }))?;
        if let Some(f) = detail["inspection"]["findings"]
            .as_array()
            .and_then(|a| a.iter().find(|f| f["condition"] == "fault_found"))
        {
            self.core.call(
                "inspection.propose_line",
                json!({ "staff_id": self.counter, "job": job, "finding_id": f["id"] }),
            )?;
        }
        Ok(())
    }

    /// A job taken through inspection and estimate to approval; with
    /// `decline_one`, the customer declines the line proposed from the fault found.
    fn approved(
        &mut self,
        item: (i64, i64, bool),
        decline_one: bool,
        promise: Option<chrono::DateTime<chrono::Utc>>,
    ) -> Result<String> {
        let w = self.w;
        let job = self.received(item, promise)?;
        self.inspect(&job, item.2)?;
        self.estimate(&job, item.2)?;
        self.core.call(
            "estimate.submit",
            json!({ "staff_id": self.counter, "job": job }),
        )?;
        let detail: Value = self.core.call("job.get", json!({ "job": job }))?;
        let lines = detail["lines"].as_array().cloned().unwrap_or_default();
        let decisions: Vec<Value> = lines.iter().map(|l| {
            if decline_one && l["finding_id"].is_i64() {
                json!({ "line_id": l["id"], "decision": "declined",
                        "reason": w.t("Will do it next month", "下个月再修"),
                        "consequence": w.t("Explained: poor night visibility and a failed roadworthiness check", "已说明：夜间视线差，年检不能通过") })
            } else {
                json!({ "line_id": l["id"], "decision": "approved" })
            }
        }).collect();
        let phone = detail["customer"]["phones"][0].clone();
        self.core.call(
            "approval.record",
            json!({
                "staff_id": self.counter, "job": job, "method": "phone", "contact": phone,
                "old_parts": "return_to_customer", "decisions": decisions,
                "conditions": w.t("Call before any extra work", "如需增加项目请先来电"),
            }),
        )?;
        Ok(job)
    }

    fn start_first(&mut self, job: &str) -> Result<()> {
        let detail: Value = self.core.call("job.get", json!({ "job": job }))?;
        if let Some(l) = detail["lines"].as_array().and_then(|a| {
            a.iter()
                .find(|l| l["status"] == "approved" && l["kind"] == "labour")
        }) {
            self.core.call(
                "work.start_line",
                json!({ "staff_id": self.tech, "line_id": l["id"] }),
            )?;
        }
        Ok(())
    }

    fn first_line(&mut self, job: &str, kind: &str) -> Result<i64> {
        let detail: Value = self.core.call("job.get", json!({ "job": job }))?;
        detail["lines"]
            .as_array()
            .and_then(|a| a.iter().find(|l| l["kind"] == kind))
            .and_then(|l| l["id"].as_i64())
            .ok_or_else(|| Error::internal("demo job has no such line"))
    }

    /// Every approved line worked: technician, clock, parts (from stock where the
    /// catalogue has them), old parts recorded, done; then to quality control.
    fn complete_all(&mut self, job: &str, category: &str) -> Result<()> {
        let (c, t) = (self.counter, self.tech);
        self.core.call(
            "work.set_category",
            json!({ "staff_id": c, "job": job, "category": category }),
        )?;
        let detail: Value = self.core.call("job.get", json!({ "job": job }))?;
        for l in detail["lines"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .filter(|l| l["status"] == "approved")
        {
            let id = &l["id"];
            if l["kind"] == "labour" {
                self.core.call(
                    "work.assign",
                    json!({ "staff_id": c, "line_id": id, "technician_id": t }),
                )?;
                if l["work_state"] == "not_started" {
                    self.core
                        .call("work.clock_on", json!({ "staff_id": t, "line_id": id }))?;
                    self.core
                        .call("work.clock_off", json!({ "staff_id": t, "line_id": id }))?;
                }
            }
            if l["kind"] == "part" {
                let stock: Value = match l["part_number"].as_str() {
                    Some(n) => self.core.call("parts.search", json!({ "query": n }))?,
                    None => json!([]),
                };
                let from_stock = stock
                    .as_array()
                    .and_then(|a| a.iter().find(|p| p["kind"] == l["part_kind"]).cloned());
                match from_stock {
                    Some(p) => self.core.call("parts.consume", json!({ "staff_id": t, "line_id": id, "part_id": p["id"], "quantity": l["quantity"], "source": "stock" }))?,
                    None => self.core.call("parts.consume", json!({ "staff_id": t, "line_id": id, "quantity": l["quantity"], "source": "supplier",
                        "supplier": self.w.t("Harbour Parts Co", "深圳港湾汽配"), "supplier_invoice": format!("HP-J{}", self.dice.digits(5)), "unit_cost": l["unit_price"].as_i64().unwrap_or(0) * 6 / 10 }))?,
                };
                self.core.call(
                    "parts.set_old_part_fate",
                    json!({ "staff_id": t, "line_id": id, "fate": "returned_to_customer" }),
                )?;
            }
            self.core.call(
                "work.complete_line",
                json!({ "staff_id": t, "line_id": id }),
            )?;
        }
        self.core.call(
            "work.to_quality_check",
            json!({ "staff_id": c, "job": job }),
        )?;
        Ok(())
    }

    /// Completed and checked: ready for pickup.
    fn finish(&mut self, job: &str, category: &str) -> Result<()> {
        self.complete_all(job, category)?;
        let detail: Value = self.core.call("job.get", json!({ "job": job }))?;
        let vehicle = detail["item"]["kind"] == "vehicle";
        let settings: crate::settings::ShopSettings = self.core.exec("settings.get", json!({}))?;
        let results = crate::quality::all_passed(&settings, vehicle);
        let out = detail["job"]["odometer_in"].as_i64().map(|o| o + 8);
        self.core.call("quality.record", json!({ "staff_id": self.inspector, "job": job, "results": results, "odometer_out": out }))?;
        Ok(())
    }

    /// Invoices a ready job and takes payment: in full, or half.
    fn invoice(&mut self, job: &str, pay_all: bool) -> Result<(String, Option<String>)> {
        let r: Value = self.core.call(
            "invoice.issue",
            json!({ "staff_id": self.counter, "job": job }),
        )?;
        let number = r["invoice"]["invoice"]["number"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let total = r["invoice"]["invoice"]["totals"]["total"]
            .as_i64()
            .unwrap_or(0);
        if pay_all {
            self.core.call("invoice.pay", json!({ "staff_id": self.counter, "invoice": number, "method": "cash", "amount": total, "tendered": (total / 10_000 + 1) * 10_000 }))?;
        } else {
            self.core.call("invoice.pay", json!({ "staff_id": self.counter, "invoice": number, "method": if self.w.en { "card" } else { "wechat_pay" }, "amount": total / 2, "reference": format!("TX{}", self.dice.digits(8)) }))?;
        }
        Ok((
            number,
            r["guarantee_card"]["number"].as_str().map(str::to_string),
        ))
    }

    /// A returning fault under a card: a claim job with a covered line, approved.
    fn claim(&mut self, card: &str) -> Result<String> {
        let w = self.w;
        let status: Value = self
            .core
            .call("guarantee.lookup", json!({ "card": card }))?;
        let odo = status[0]["odometer"].as_i64().map(|o| o + 120);
        let c: Value = self.core.call("guarantee.claim", json!({ "staff_id": self.counter, "card": card,
            "complaint": w.t("The same squeal is back when braking", "刹车异响又出现了"), "odometer_in": odo }))?;
        let job = c["job"]["number"].as_str().unwrap_or_default().to_string();
        let insp: Value = self.core.call(
            "inspection.start",
            json!({ "staff_id": self.counter, "job": job }),
        )?;
        let _ = insp;
        let name: Value = self.core.call("job.get", json!({ "job": job }))?;
        self.core.call("inspection.acknowledge", json!({ "staff_id": self.counter, "job": job, "name": name["customer"]["name"], "method": "verbal" }))?;
        let line: Value = self.core.call("estimate.add_line", json!({ "staff_id": self.counter, "job": job, "line": {
            "kind": "labour", "description": w.t("Re-seat pads and clean callipers (under guarantee)", "重新安装刹车片并清洁卡钳（保修）"), "quantity": "0.5", "covered_by_card": true } }))?;
        self.core.call(
            "estimate.submit",
            json!({ "staff_id": self.counter, "job": job }),
        )?;
        self.core.call("approval.record", json!({ "staff_id": self.manager, "job": job, "method": "in_person", "signature_base64": signature::base64(7),
            "decisions": [{ "line_id": line["id"], "decision": "approved" }] }))?;
        Ok(job)
    }

    /// Widening the scope mid-job: a supplementary line, approved by message.
    fn supplement(&mut self, job: &str) -> Result<()> {
        let w = self.w;
        let line: Value = self.core.call("estimate.add_line", json!({ "staff_id": self.counter, "job": job, "line": {
            "kind": "part", "description": w.t("Battery connector (found corroded during repair)", "电池排线（维修中发现腐蚀）"),
            "quantity": "1", "unit_price": 12_000, "part_kind": "new_aftermarket",
        }}))?;
        self.core.call(
            "estimate.submit",
            json!({ "staff_id": self.counter, "job": job }),
        )?;
        self.core.call("approval.record", json!({
            "staff_id": self.counter, "job": job, "method": "electronic",
            "contact": w.t("WhatsApp +1 555 0123", "微信 wxid_demo_0123"), "old_parts": "discard",
            "decisions": [{ "line_id": line["id"], "decision": "approved" }],
        }))?;
        Ok(())
    }
}

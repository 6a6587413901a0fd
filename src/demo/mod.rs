//! The demo shop: a realistic small repair shop built only through the command
//! API, so it holds exactly what the app would write. Staff, 32 customers with
//! vehicles and devices (Chinese names in the zh-CN demo), canned jobs, and jobs in
//! every state, including a declined line and an approved supplementary estimate.
//! The shop's setup is shop.rs; walking a job through the commands is flow.rs;
//! six months of aftercare (calls, surveys, complaints) is care.rs; the year
//! before it and the appointment book are book.rs.

mod book;
mod care;
mod data;
mod flow;
mod shop;
use flow::{Dice, Flow};
use shop::{canned_jobs, parts_catalogue, settings};
pub mod signature;

use crate::api::Core;
use crate::base::error::{Error, Result};
use crate::model::settings::Lang;
use crate::model::staff::Staff;
use chrono::Duration;
use data::*;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The demo staff's PINs, in the order they are added (manager first); the
/// demo's sign-in screen shows them.
pub const DEMO_PINS: [&str; 5] = ["2468", "1357", "2580", "3691", "4826"];

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
    /// Complaints, standing at every step from received to closed.
    pub complaints: Vec<String>,
    /// Jobs whose follow-up call is due today.
    pub calls_due_today: Vec<String>,
    /// Today's appointments (the first has arrived), and yesterday's no-show.
    pub appointments_today: Vec<i64>,
    pub no_show: i64,
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
            "manager_secret": DEMO_PINS[0],
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
    let mut pins = Vec::new();
    for (s, pin) in staff.iter().zip(DEMO_PINS) {
        core.exec::<Value>(
            "staff.set_secret",
            json!({ "staff_id": m, "id": s.id, "secret": pin }),
        )?;
        pins.push(json!({ "name": s.name, "pin": pin }));
    }
    core.exec::<Value>("shop.mark_demo", json!({ "staff_id": m, "pins": pins }))?;
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
    book::year_before(&mut flow, &items, now)?;
    let aftercare = care::history(&mut flow, &items, now)?;
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
        flow.received(items[9], Some(now + Duration::minutes(90)))?,
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
    let booked = book::appointments(&mut flow, &items, now)?;
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
        complaints: aftercare.complaints,
        calls_due_today: aftercare.due_today,
        appointments_today: booked.today,
        no_show: booked.no_show,
    })
}

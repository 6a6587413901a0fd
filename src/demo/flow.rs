//! Walks a demo job through the counter's real commands, step by step
//! (receive, inspect, estimate, approve, work, check, invoice, hand over), so
//! the demo's rows are exactly what the app writes. Tests: tests/core/faces/desktop.rs.

use super::data::*;
use crate::api::Core;
use crate::base::error::{Error, Result};
use serde_json::{json, Value};

pub(super) struct Flow<'a> {
    pub(super) core: &'a mut Core,
    pub(super) w: &'a Words,
    pub(super) counter: i64,
    pub(super) manager: i64,
    pub(super) tech: i64,
    pub(super) inspector: i64,
    pub(super) dice: &'a mut Dice,
}

impl Flow<'_> {
    pub(super) fn received(
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
            "promised_at": promise.map(crate::base::time::time_text),
        }))?;
        Ok(r["job"]["number"].as_str().unwrap_or_default().to_string())
    }

    pub(super) fn inspect(&mut self, job: &str, vehicle: bool) -> Result<()> {
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
        // The condition at intake: the scratch marked where it is, the gauge, keys, valuables.
        if vehicle {
            self.core.call("inspection.set_intake", json!({ "staff_id": self.counter, "job": job,
                "fuel_eighths": 2, "keys_left": 1, "valuables": w.t("Child seat, umbrella", "儿童座椅、雨伞") }))?;
            self.core.call("inspection.mark_damage", json!({ "staff_id": self.counter, "job": job,
                "x": 120, "y": 720, "kind": "scratch", "note": w.t("15 cm, rear left door", "左后门约15厘米") }))?;
        } else {
            self.core.call(
                "inspection.set_intake",
                json!({ "staff_id": self.counter, "job": job,
                "valuables": w.t("Case and SIM card", "保护壳和SIM卡") }),
            )?;
        }
        let customer: Value = self.core.call("job.get", json!({ "job": job }))?;
        self.core.call("inspection.acknowledge", json!({
            "staff_id": self.counter, "job": job, "name": customer["customer"]["name"], "method": "signature",
            "signature_base64": super::signature::base64(self.dice.next(100) as u32),
        }))?;
        Ok(())
    }

    pub(super) fn estimate(&mut self, job: &str, vehicle: bool) -> Result<()> {
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
    pub(super) fn approved(
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

    pub(super) fn start_first(&mut self, job: &str) -> Result<()> {
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

    pub(super) fn first_line(&mut self, job: &str, kind: &str) -> Result<i64> {
        let detail: Value = self.core.call("job.get", json!({ "job": job }))?;
        detail["lines"]
            .as_array()
            .and_then(|a| a.iter().find(|l| l["kind"] == kind))
            .and_then(|l| l["id"].as_i64())
            .ok_or_else(|| Error::internal("demo job has no such line"))
    }

    /// Every approved line worked: technician, clock, parts (from stock where the
    /// catalogue has them), old parts recorded, done; then to quality control.
    pub(super) fn complete_all(&mut self, job: &str, category: &str) -> Result<()> {
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
                    // The technician beats the book time a little (about 90 %).
                    if let Some(at) = self.core.fixed_now() {
                        let hours: f64 = l["quantity"]
                            .as_str()
                            .and_then(|q| q.parse().ok())
                            .unwrap_or(1.0);
                        let minutes = (hours * 54.0).round() as i64;
                        self.core
                            .set_now(Some(at + chrono::Duration::minutes(minutes)));
                    }
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
    pub(super) fn finish(&mut self, job: &str, category: &str) -> Result<()> {
        self.complete_all(job, category)?;
        let detail: Value = self.core.call("job.get", json!({ "job": job }))?;
        let vehicle = detail["item"]["kind"] == "vehicle";
        let settings: crate::model::settings::ShopSettings =
            self.core.exec("settings.get", json!({}))?;
        let results = crate::job::quality::all_passed(&settings, vehicle);
        let out = detail["job"]["odometer_in"].as_i64().map(|o| o + 8);
        self.core.call("quality.record", json!({ "staff_id": self.inspector, "job": job, "results": results, "odometer_out": out }))?;
        Ok(())
    }

    /// Invoices a ready job and takes payment: in full, or half.
    pub(super) fn invoice(&mut self, job: &str, pay_all: bool) -> Result<(String, Option<String>)> {
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
    pub(super) fn claim(&mut self, card: &str) -> Result<String> {
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
        self.core.call(
            "inspection.all_ok",
            json!({ "staff_id": self.counter, "job": job }),
        )?;
        self.core.call("inspection.acknowledge", json!({ "staff_id": self.counter, "job": job, "name": name["customer"]["name"], "method": "verbal" }))?;
        let line: Value = self.core.call("estimate.add_line", json!({ "staff_id": self.counter, "job": job, "line": {
            "kind": "labour", "description": w.t("Re-seat pads and clean callipers (under guarantee)", "重新安装刹车片并清洁卡钳（保修）"), "quantity": "0.5", "covered_by_card": true } }))?;
        self.core.call(
            "estimate.submit",
            json!({ "staff_id": self.counter, "job": job }),
        )?;
        self.core.call("approval.record", json!({ "staff_id": self.manager, "job": job, "method": "in_person", "signature_base64": super::signature::base64(7),
            "decisions": [{ "line_id": line["id"], "decision": "approved" }] }))?;
        Ok(job)
    }

    /// Widening the scope mid-job: a supplementary line, approved by message.
    pub(super) fn supplement(&mut self, job: &str) -> Result<()> {
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

/// A small deterministic generator, so every demo shop is the same.
pub(super) struct Dice(pub(super) u64);

impl Dice {
    pub(super) fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
    pub(super) fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.next(10) as u8))
            .collect()
    }
    pub(super) fn vin(&mut self) -> String {
        const A: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
        (0..17).map(|_| A[self.next(A.len())] as char).collect()
    }
}

//! The counter's measured operations, the same on either backend: the
//! searches, opening a job, the board (every section unlimited, and as the
//! counter's home asks it), a customer's history, the aftercare and
//! the book's lists, the owner's figures, and the four durable writes. The
//! file benchmark (mod.rs) and the server benchmark (server.rs) both run them.
//! Figures: docs/benchmarks.md.

use super::drive::{cycle, prepare, time, Sample};
use super::generate::Shop;
use crate::api::Core;
use crate::base::error::Result;
use serde_json::json;

/// Runs every counter operation on `core`, handing each one's samples to `rec`.
pub fn measure(
    core: &mut Core,
    shop: &Shop,
    progress: &mut dyn FnMut(&str),
    rec: &mut dyn FnMut(&str, Vec<Sample>),
) -> Result<()> {
    let sm = &shop.samples;
    let reads: [(&str, &Vec<String>); 5] = [
        ("search_phone_prefix", &sm.phone_prefixes),
        ("search_chinese_name", &sm.chinese_name_parts),
        ("search_latin_name", &sm.latin_name_parts),
        ("search_plate_fragment", &sm.plate_fragments),
        ("search_job_number", &sm.job_numbers),
    ];
    for (op, queries) in reads {
        let mut s = Vec::new();
        for i in 0..1000 {
            let q = cycle(queries, i * 13);
            s.push(time(|| {
                core.call("search", json!({ "query": q, "limit": 20 }))
            })?);
        }
        rec(op, s);
    }
    let mut s = Vec::new();
    for i in 0..1000 {
        let j = cycle(&sm.job_numbers, i * 17);
        s.push(time(|| core.call("job.get", json!({ "job": j })))?);
    }
    rec("open_job", s);
    let mut s = Vec::new();
    for _ in 0..300 {
        s.push(time(|| core.call("job.board", json!({})))?);
    }
    rec("board", s);
    let mut s = Vec::new();
    for _ in 0..300 {
        s.push(time(|| {
            core.call("job.board", json!({ "per_state": 40, "per_section": 12 }))
        })?);
    }
    rec("board_as_shown", s);
    let mut s = Vec::new();
    for i in 0..1000 {
        let c = cycle(&sm.customer_ids, i * 11);
        s.push(time(|| core.call("history.customer", json!({ "id": c })))?);
    }
    rec("customer_history", s);

    // Aftercare, on the shop's own today (its calls due, its year of surveys).
    core.set_now(Some(shop.now + chrono::Duration::hours(10)));
    let mut s = Vec::new();
    for _ in 0..300 {
        s.push(time(|| core.call("callback.list", json!({})))?);
    }
    rec("calls_today", s);
    let mut s = Vec::new();
    for i in 0..300 {
        let filter = if i % 2 == 0 {
            json!({ "open_only": true })
        } else {
            json!({ "category": "repair_quality" })
        };
        s.push(time(|| core.call("complaint.list", filter.clone()))?);
    }
    rec("complaint_register", s);
    let to = shop.now.format("%Y-%m-%d").to_string();
    let from = (shop.now - chrono::Duration::days(364))
        .format("%Y-%m-%d")
        .to_string();
    let mut s = Vec::new();
    for _ in 0..40 {
        s.push(time(|| {
            core.call("survey.report", json!({ "from": from, "to": to }))
        })?);
    }
    rec("satisfaction_year", s);
    // Before the job and the owner's view (issue #14), on the same today.
    let mut s = Vec::new();
    for _ in 0..300 {
        s.push(time(|| core.call("appointment.arrivals", json!({})))?);
    }
    rec("arrivals_today", s);
    let month_ahead = (shop.now + chrono::Duration::days(30))
        .format("%Y-%m-%d")
        .to_string();
    let mut s = Vec::new();
    for _ in 0..300 {
        s.push(time(|| {
            core.call(
                "reminder.list",
                json!({ "from": to, "to": month_ahead, "overdue": true, "limit": 200 }),
            )
        })?);
    }
    rec("reminder_list", s);
    let month = (shop.now - chrono::Duration::days(29))
        .format("%Y-%m-%d")
        .to_string();
    for (op, from, runs) in [("kpi_month", &month, 100), ("kpi_year", &from, 40)] {
        let mut s = Vec::new();
        for _ in 0..runs {
            s.push(time(|| {
                core.call(
                    "kpi.report",
                    json!({ "staff_id": shop.staff, "from": from, "to": to }),
                )
            })?);
        }
        rec(op, s);
    }
    core.set_now(None);

    progress("preparing jobs for the durable writes…");
    let writes = 200;
    let prepared = prepare(core, shop, writes)?;
    let mut s = Vec::new();
    for j in &prepared.inspected {
        s.push(time(|| core.call("estimate.add_line", json!({ "staff_id": shop.counter, "job": j, "line": { "kind": "labour", "description": "Replace wiper blades", "quantity": "0.3" } })))?);
    }
    rec("add_estimate_line", s);
    let mut s = Vec::new();
    for (j, line) in &prepared.awaiting {
        s.push(time(|| core.call("approval.record", json!({ "staff_id": shop.counter, "job": j, "method": "phone", "contact": "13800138000", "old_parts": "discard", "decisions": [{ "line_id": line, "decision": "approved" }] })))?);
    }
    rec("record_approval", s);
    let mut s = Vec::new();
    for line in &prepared.part_lines {
        s.push(time(|| core.call("parts.consume", json!({ "staff_id": shop.tech, "line_id": line, "part_id": prepared.part, "quantity": "1", "source": "stock" })))?);
    }
    rec("consume_part", s);
    let mut s = Vec::new();
    for j in &prepared.ready {
        s.push(time(|| {
            core.call(
                "invoice.issue",
                json!({ "staff_id": shop.counter, "job": j }),
            )
        })?);
    }
    rec("issue_invoice", s);
    Ok(())
}

//! The demo shop's aftercare, through the real commands: six months of jobs
//! handed over, called back and surveyed (so the satisfaction charts have a
//! trend), follow-up calls due today, overdue and missed, and complaints
//! standing at every step. Tests: tests/core/faces/desktop.rs.

use super::flow::Flow;
use crate::base::error::{Error, Result};
use crate::model::complaint::STEPS;
use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

/// A job from approval to handover, at `at`.
pub(super) fn handed_over(
    flow: &mut Flow,
    item: (i64, i64, bool),
    at: DateTime<Utc>,
) -> Result<String> {
    flow.core.set_now(Some(at));
    let job = flow.approved(item, false, Some(at + Duration::hours(6)))?;
    restock_for(flow, &job)?;
    flow.finish(
        &job,
        if item.2 {
            "vehicle_minor"
        } else {
            "electronics"
        },
    )?;
    flow.invoice(&job, true)?;
    flow.core.set_now(Some(at + Duration::hours(5)));
    flow.core.call(
        "job.deliver",
        json!({ "staff_id": flow.counter, "job": job }),
    )?;
    Ok(job)
}

/// Books in the catalogue parts the job will take, as a shop orders for a job,
/// so the months of history leave today's stock as the rest of the demo set it.
fn restock_for(flow: &mut Flow, job: &str) -> Result<()> {
    let detail: Value = flow.core.call("job.get", json!({ "job": job }))?;
    for l in detail["lines"].as_array().cloned().unwrap_or_default() {
        let Some(number) = l["part_number"].as_str() else {
            continue;
        };
        let found: Value = flow.core.call("parts.search", json!({ "query": number }))?;
        if let Some(p) = found
            .as_array()
            .and_then(|a| a.iter().find(|p| p["kind"] == l["part_kind"]))
        {
            flow.core.call("parts.receive", json!({ "staff_id": flow.counter, "part_id": p["id"], "quantity": l["quantity"],
                "unit_cost": p["cost"], "supplier": flow.w.t("Harbour Parts Co", "深圳港湾汽配"), "supplier_invoice": format!("HP-{job}") }))?;
        }
    }
    Ok(())
}

fn follow_up(flow: &mut Flow, job: &str) -> Result<(Value, DateTime<Utc>)> {
    let calls: Value = flow.core.call("callback.for_job", json!({ "job": job }))?;
    let c = calls[0]["callback"].clone();
    let due = DateTime::parse_from_rfc3339(c["due_at"].as_str().unwrap_or_default())
        .map_err(Error::internal)?
        .with_timezone(&Utc);
    Ok((c["id"].clone(), due))
}

/// Scores that drift upward over the months, with a weak wait; one in six unhappy.
fn answers(flow: &mut Flow, month: i64, n: usize) -> Value {
    let w = flow.w;
    let base = 3 + i64::from(month <= 3) + i64::from(n.is_multiple_of(3) && month <= 2);
    let s = |v: i64| v.clamp(1, 5);
    let unhappy = n % 7 == 4;
    let overall = if unhappy { 2 } else { s(base) };
    let comments = [
        w.t("Explained everything clearly", "解释得很清楚"),
        w.t("Had to wait longer than promised", "等待时间比承诺的长"),
        w.t("Friendly reception, fair price", "接待热情，价格合理"),
        w.t("", ""),
        w.t("Car runs smoothly now", "车子现在开起来很顺"),
        w.t("The noise came back after two days", "两天后异响又出现了"),
    ];
    json!({ "stages": [
        { "stage": "invitation", "score": if n.is_multiple_of(2) { Some(s(base)) } else { None } },
        { "stage": "reception", "score": s(base + 1) },
        { "stage": "explanation", "score": s(base) },
        { "stage": "waiting", "score": if unhappy { 2 } else { s(base - 1).max(3) } },
        { "stage": "settlement", "score": s(base) },
        { "stage": "quality", "score": if unhappy { 2 } else { s(base) } }
    ], "overall": overall, "recommend": if unhappy { 4 } else { (6 + base + (n as i64 % 2)).min(10) },
       "comment": comments[n % comments.len()], "unhappy": unhappy })
}

pub(super) struct CareDemo {
    pub complaints: Vec<String>,
    pub due_today: Vec<String>,
}

pub(super) fn history(
    flow: &mut Flow,
    items: &[(i64, i64, bool)],
    now: DateTime<Utc>,
) -> Result<CareDemo> {
    let mut n = 0usize;
    let mut surveyed = Vec::new();
    for month in (1..=6i64).rev() {
        for k in 0..3i64 {
            let item = items[(n * 7 + 1) % items.len()];
            let job = handed_over(flow, item, now - Duration::days(month * 30 - k * 8 + 5))?;
            let (id, due) = follow_up(flow, &job)?;
            flow.core.set_now(Some(due + Duration::minutes(20)));
            if n % 4 == 3 {
                flow.core.call(
                    "callback.record",
                    json!({ "staff_id": flow.counter, "callback_id": id,
                    "outcome": "no_answer" }),
                )?;
                flow.core.set_now(Some(due + Duration::hours(7)));
            }
            let survey = answers(flow, month, n);
            let r: Value = flow.core.call(
                "callback.record",
                json!({ "staff_id": flow.counter, "callback_id": id,
                "outcome": "reached", "comment": survey["comment"], "survey": survey }),
            )?;
            surveyed.push((job, r["complaint"].as_str().map(str::to_string)));
            n += 1;
        }
    }
    // Complaints standing at each step (the unhappy answers opened some).
    let mut complaints: Vec<String> = surveyed.iter().filter_map(|(_, c)| c.clone()).collect();
    let w = flow.w;
    for (i, (job, _)) in surveyed.iter().enumerate().take(5) {
        flow.core
            .set_now(Some(now - Duration::days(20 - i as i64 * 4)));
        let detail: Value = flow.core.call("job.get", json!({ "job": job }))?;
        let source = ["counter", "phone", "message", "letter", "phone"][i];
        let level = [1, 2, 3, 2, 4][i];
        let category = [
            "price",
            "waiting_time",
            "reception_manner",
            "repair_quality",
            "parts",
        ][i];
        let what = [
            w.t(
                "The bill was higher than the estimate by the oil",
                "结算金额比估价多了机油钱",
            ),
            w.t(
                "Promised by noon, ready at five",
                "说好中午取车，结果五点才好",
            ),
            w.t(
                "Nobody greeted me at the counter for ten minutes",
                "在前台等了十分钟没人接待",
            ),
            w.t(
                "Wipers squeak again a week after the repair",
                "修完一周雨刮又响了",
            ),
            w.t(
                "The spare part was not the brand quoted",
                "换的配件不是报价时说的品牌",
            ),
        ][i];
        let c: Value = flow.core.call("complaint.open", json!({ "staff_id": flow.counter,
            "customer_id": detail["customer"]["id"], "job": job, "source": source, "level": level, "category": category,
            "facts": { "what_happened": what, "staff_involved": [flow.counter], "wanted": w.t("An explanation", "给个说法"), "reasonable": null } }))?;
        complaints.push(c["number"].as_str().unwrap_or_default().to_string());
    }
    // Walk them to different steps: the k-th complaint takes k steps.
    let steps: Vec<&str> = STEPS[1..].iter().map(|s| s.code()).collect();
    let count = complaints.len();
    for (k, number) in complaints.iter().enumerate() {
        // Handled recently (the first two, from months-old surveys, are left overdue).
        flow.core.set_now(Some(now - Duration::hours(2 + k as i64)));
        let take = (k * steps.len()) / count.max(1) + usize::from(k + 1 == count);
        for step in steps.iter().take(take.min(steps.len())) {
            let c: Value = flow
                .core
                .call("complaint.get", json!({ "complaint": number }))?;
            let mut input = json!({ "staff_id": flow.counter, "complaint": number, "step": step });
            match *step {
                "clarified" => {
                    let mut f = c["facts"].clone();
                    f["reasonable"] = json!(true);
                    f["real_reason"] =
                        json!(w.t("Felt nobody explained the change", "觉得没人解释清楚变化"));
                    input["facts"] = f;
                }
                "resolution_agreed" => input["resolution"] = json!({ "kind": "apology" }),
                "thanked" | "loop_confirmed" => {
                    input["confirmed"] = json!(true);
                    input["note"] = json!(w.t("Thanked us for the call", "感谢我们的回访"));
                }
                "root_cause" => {
                    input["root_cause"] = json!({ "cause": c["category"], "direct_responsibility": w.t("Counter: change not explained", "前台：变更未解释"),
                    "corrective_action": w.t("Read every change back to the customer before work", "施工前向客户逐项复述变更"),
                    "owner_id": flow.manager, "due": (now + Duration::days(14)).format("%Y-%m-%d").to_string() })
                }
                _ => {}
            }
            flow.core.call("complaint.step", input)?;
        }
    }
    // Calls for today: two handed over three days ago, one overdue, one missed.
    let mut due_today = Vec::new();
    for (k, days) in [(0usize, 3i64), (1, 3), (2, 5), (3, 20)] {
        let item = items[(k * 11 + 5) % items.len()];
        let job = handed_over(flow, item, now - Duration::days(days))?;
        if days == 3 {
            due_today.push(job);
        }
    }
    Ok(CareDemo {
        complaints,
        due_today,
    })
}

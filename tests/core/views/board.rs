//! The counter's day board (src/views/board.rs): each open job in one section,
//! with its amount, how long it has waited and whether the customer was told.

use crate::common::*;
use chrono::Duration;
use jobcard::ErrorCode;
use serde_json::{json, Value};

/// The numbers of the jobs in `section`.
fn section(board: &Value, section: &str) -> Vec<String> {
    board["columns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["section"] == section)
        .unwrap()["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["number"].as_str().unwrap().to_string())
        .collect()
}

fn card(board: &Value, number: &str) -> Value {
    board["columns"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["jobs"].as_array().unwrap())
        .find(|j| j["number"] == number)
        .unwrap()
        .clone()
}

#[test]
fn the_board_is_a_day_by_promise() {
    let mut s = Shop::new(); // UTC shop; every job is promised 2026-11-03 09:00 UTC
    let j = s.receive();
    // The day before: later, not today.
    let b = s.call("job.board", json!({}));
    assert_eq!(section(&b, "later"), vec![j.clone()]);
    assert_eq!(
        b["columns"].as_array().unwrap().len(),
        6,
        "every section, even empty"
    );
    // That morning at 06:00 it is due today; at 07:30 it is at risk (work not done).
    s.at(t0() + Duration::hours(21));
    assert_eq!(
        section(&s.call("job.board", json!({})), "due_today"),
        vec![j.clone()]
    );
    s.at(t0() + Duration::minutes(22 * 60 + 30));
    assert_eq!(
        section(&s.call("job.board", json!({})), "at_risk"),
        vec![j.clone()]
    );
    // Past the promise it is overdue, and counted.
    s.at(t0() + Duration::hours(25));
    let b = s.call("job.board", json!({}));
    assert_eq!(section(&b, "overdue"), vec![j.clone()]);
    assert_eq!(b["overdue"], 1);
    assert_eq!(card(&b, &j)["overdue"], true);
}

#[test]
fn awaiting_approval_shows_since_when_and_what_the_customer_is_asked_to_pay() {
    let mut s = Shop::new();
    s.at(t0() + Duration::minutes(30));
    let (j, _, _) = s.awaiting();
    s.at(t0() + Duration::hours(3));
    let b = s.call("job.board", json!({}));
    assert_eq!(section(&b, "awaiting_approval"), vec![j.clone()]);
    let c = card(&b, &j);
    assert_eq!(c["since"], "2026-11-02T09:30:00Z");
    // 1 h labour at 100.00 + 6 % and two pads at 150.00 + 13 %: 106.00 + 339.00.
    assert_eq!(c["amount"], 44500);
    assert_eq!(c["told_at"], Value::Null);
}

#[test]
fn ready_jobs_wait_for_the_customer_to_be_told() {
    let mut s = Shop::new();
    let (j, _, _) = s.ready();
    let b = s.call("job.board", json!({}));
    assert_eq!(section(&b, "ready_for_pickup"), vec![j.clone()]);
    assert_eq!(b["not_told"], 1);
    assert_eq!(card(&b, &j)["amount"], 44500);
    // A technician does not call customers; the counter does.
    s.refused(
        "job.tell_ready",
        json!({ "staff_id": s.tech, "job": j, "channel": "phone" }),
        ErrorCode::Forbidden,
    );
    s.refused(
        "job.tell_ready",
        json!({ "staff_id": s.counter, "job": j, "channel": "phone", "note": "x".repeat(501) }),
        ErrorCode::InvalidInput,
    );
    s.at(t0() + Duration::hours(1));
    s.call(
        "job.tell_ready",
        json!({ "staff_id": s.counter, "job": j, "channel": "wechat", "note": "will come at 6" }),
    );
    let b = s.call("job.board", json!({}));
    assert_eq!(b["not_told"], 0);
    assert_eq!(card(&b, &j)["told_at"], "2026-11-02T10:00:00Z");
    let told = s.job(&j)["history"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["action"] == "customer_told_ready" && e["detail"]["channel"] == "wechat");
    assert!(told, "the call is in the job's history");
    // A job still in the workshop cannot be announced as ready.
    let other = s.receive();
    let e = s.refused(
        "job.tell_ready",
        json!({ "staff_id": s.counter, "job": other, "channel": "phone" }),
        ErrorCode::InvalidState,
    );
    assert!(e.message.contains("is received"), "{}", e.message);
}

#[test]
fn a_busy_section_sends_its_first_cards_and_counts_them_all() {
    let mut s = Shop::new();
    let first = s.receive();
    let second = s.receive();
    let b = s.call("job.board", json!({ "per_section": 1 }));
    let later = b["columns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["section"] == "later")
        .unwrap();
    assert_eq!(later["total"], 2);
    assert_eq!(
        section(&b, "later"),
        vec![first.clone()],
        "soonest (then oldest) first"
    );
    let all = s.call("job.board", json!({}));
    assert_eq!(section(&all, "later"), vec![first, second]);
}

/// Every card's amount is its job's own total (what the customer is asked
/// to pay; once ready, what was approved), though the board reads its lines
/// without the words a card does not show: on the demo shop, whose open jobs
/// have parts, labour, discounts, declined and supplementary lines.
#[test]
fn every_cards_amount_is_its_jobs_total() {
    let dir = tempfile::tempdir().unwrap();
    let (mut core, _) = crate::common::open_core(dir.path());
    jobcard::demo::build(&mut core, jobcard::model::settings::Lang::En).unwrap();
    let b = core.call("job.board", json!({})).unwrap();
    let mut seen = 0;
    for column in b["columns"].as_array().unwrap() {
        for c in column["jobs"].as_array().unwrap() {
            let number = c["number"].as_str().unwrap();
            let detail = core.call("job.get", json!({ "job": number })).unwrap();
            let ready = matches!(c["state"].as_str(), Some("ready" | "invoiced"));
            let total = if ready {
                &detail["totals"]["approved"]["total"]
            } else {
                &detail["totals"]["estimate"]["total"]
            };
            assert_eq!(&c["amount"], total, "{number}");
            seen += 1;
        }
    }
    assert!(seen >= 5, "the demo's board shows its open jobs ({seen})");
}

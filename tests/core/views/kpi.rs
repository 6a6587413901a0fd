//! The owner's figures against a hand-computed shop (views/kpi.rs), the
//! figures of invoices issued before schema 9 filled by its migration, and
//! the CSV of the figures.

use crate::common::*;
use chrono::{TimeZone, Utc};
use jobcard::ErrorCode;
use serde_json::{json, Value};

fn figure(k: &Value, key: &str) -> (Value, Value) {
    let f = k["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["key"] == key)
        .unwrap_or_else(|| panic!("no figure {key}"));
    assert!(!f["formula_en"].as_str().unwrap().is_empty());
    assert!(!f["formula_zh"].as_str().unwrap().is_empty());
    (f["value"].clone(), f["previous"].clone())
}

/// Two jobs on 2026-11-02:
/// - A: labour 1 h at 100.00, parts 2 × 150.00 (cost 90.00 each), all approved;
///   total 106.00 + 339.00 = 445.00.
/// - B: the same presented; the parts declined; total 106.00.
///
/// And two appointments that day: one came, one did not; and A's survey.
fn shop() -> Shop {
    let mut s = Shop::new();
    let car2 = id(&s.call(
        "item.create",
        json!({ "staff_id": s.counter, "owner_id": s.customer, "odometer": 1000,
        "item": { "kind": "vehicle", "plate": "K2", "make": "Kia", "model": "Rio" } }),
    ));
    let came = s.call(
        "appointment.book",
        json!({ "staff_id": s.counter, "customer": { "id": s.customer },
        "item": { "id": car2 }, "starts_at": "2026-11-02T10:00:00Z", "work": "Service" }),
    )["appointment"]["id"]
        .clone();
    let missed = s.call(
        "appointment.book",
        json!({ "staff_id": s.counter, "customer": { "id": s.customer },
        "item": { "id": s.phone_item }, "starts_at": "2026-11-02T11:00:00Z", "work": "Screen" }),
    )["appointment"]["id"]
        .clone();
    let (a, _, _) = s.delivered();
    // A's customer, at the counter: 4 of 5 overall, would recommend (10).
    s.call("survey.record", json!({ "staff_id": s.counter, "job": a, "via": "counter", "answers": {
        "stages": [{ "stage": "reception", "score": 5 }], "overall": 4, "recommend": 10, "comment": "" } }));
    let (j, labour, part) = s.awaiting();
    s.approve_by_phone(&j, &[labour], &[part]);
    s.bill(&j, &[labour]);
    s.at(Utc.with_ymd_and_hms(2026, 11, 2, 12, 0, 0).unwrap());
    s.call(
        "appointment.arrive",
        json!({ "staff_id": s.counter, "appointment_id": came, "odometer_in": 1100 }),
    );
    s.call(
        "appointment.no_show",
        json!({ "staff_id": s.counter, "appointment_id": missed }),
    );
    s
}

#[test]
fn the_figures_match_a_hand_computed_shop() {
    let mut s = shop();
    let k = s.call(
        "kpi.report",
        json!({ "staff_id": s.manager, "from": "2026-11-02", "to": "2026-11-02" }),
    );
    assert_eq!(k["previous_from"], "2026-11-01");
    assert_eq!(k["previous_to"], "2026-11-01");
    let want: &[(&str, Value)] = &[
        ("car_count", json!(2)),
        ("average_repair_order", json!((44500 + 10600) / 2)),
        // (400.00 + 100.00) approved of (400.00 + 400.00) presented.
        ("close_ratio_amount", json!(6250)),
        ("close_ratio_jobs", json!(10000)),
        ("show_rate", json!(5000)),
        ("labour_hours_sold", json!(2000)),
        ("effective_labour_rate", json!(10000)),
        // Clocked on and off at the same instant: nothing to divide by.
        ("technician_efficiency", Value::Null),
        ("technician_productivity", json!(0)),
        // (300.00 − 180.00) ÷ 300.00.
        ("parts_gross_margin", json!(4000)),
        ("comeback_rate", json!(0)),
        // Only A was handed over, before its promise.
        ("on_time_rate", json!(10000)),
        ("handed_over", json!(1)),
        ("satisfaction_average", json!(400)),
        // One promoter of one answer.
        ("nps", json!(10000)),
        ("appointments_kept", json!(1)),
        ("no_shows", json!(1)),
    ];
    for (key, value) in want {
        let (now, before) = figure(&k, key);
        assert_eq!(&now, value, "{key}");
        assert!(before.is_null() || before == json!(0), "{key}: {before}");
    }
    assert_eq!(k["months"][0]["month"], "2026-11");
    assert_eq!(k["months"][0]["jobs"], 2);
    assert_eq!(k["months"][0]["total"], 55100);
    // A week later, this day is the previous period of a one-day period.
    let k = s.call(
        "kpi.report",
        json!({ "staff_id": s.manager, "from": "2026-11-03", "to": "2026-11-03" }),
    );
    assert_eq!(figure(&k, "car_count"), (json!(0), json!(2)));
}

#[test]
fn the_trend_counts_each_invoice_in_the_shops_own_month() {
    // Beijing time: a local month starts at 16:00 UTC the day before.
    let mut s = Shop::with_settings(json!({ "utc_offset_minutes": 480 }));
    let ready: Vec<String> = (0..4).map(|_| s.ready().0).collect();
    let at = |d: u32, m: u32, y: i32, h: u32, min: u32, sec: u32| {
        Utc.with_ymd_and_hms(y, m, d, h, min, sec).unwrap()
    };
    let mut totals = Vec::new();
    for (job, when) in ready.iter().zip([
        at(30, 11, 2026, 15, 59, 59), // 23:59:59 on 30 November, local
        at(30, 11, 2026, 16, 0, 0),   // midnight, 1 December
        at(1, 1, 2027, 1, 0, 0),      // 09:00 on 1 January
        at(10, 1, 2027, 16, 0, 0),    // 11 January: after the period
    ]) {
        s.at(when);
        let r = s.call(
            "invoice.issue",
            json!({ "staff_id": s.counter, "job": job }),
        );
        totals.push(r["invoice"]["invoice"]["totals"]["total"].as_i64().unwrap());
    }
    let k = s.call(
        "kpi.report",
        json!({ "staff_id": s.manager, "from": "2026-11-15", "to": "2027-01-10" }),
    );
    let months: Vec<(String, i64, i64)> = k["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["month"].as_str().unwrap().into(),
                m["jobs"].as_i64().unwrap(),
                m["total"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        months,
        [
            ("2026-11".to_string(), 1, totals[0]),
            ("2026-12".to_string(), 1, totals[1]),
            ("2027-01".to_string(), 1, totals[2]),
        ]
    );
    assert!(totals[0] > 0);
    // A period with no invoice has no month to show.
    let k = s.call(
        "kpi.report",
        json!({ "staff_id": s.manager, "from": "2025-01-01", "to": "2025-02-01" }),
    );
    assert_eq!(k["months"], json!([]));
}

#[test]
fn only_a_manager_reads_the_figures_and_bad_periods_are_refused() {
    let mut s = Shop::new();
    s.refused(
        "kpi.report",
        json!({ "staff_id": s.counter, "from": "2026-11-01", "to": "2026-11-30" }),
        ErrorCode::Forbidden,
    );
    for (from, to) in [
        ("2026-11-30", "2026-11-01"),
        ("2020-01-01", "2026-01-01"),
        ("x", "2026-01-01"),
    ] {
        let e = s.fails(
            "kpi.report",
            json!({ "staff_id": s.manager, "from": from, "to": to }),
        );
        assert!(e.field.is_some(), "{from} {to}");
    }
}

#[test]
fn the_figures_export_to_csv() {
    let mut s = shop();
    let req: jobcard::exchange::export::ExportRequest = serde_json::from_value(json!({
        "what": "kpis", "format": "csv", "from": "2026-11-02", "to": "2026-11-02" }))
    .unwrap();
    let (_, bytes) = s.core.export_named(&req).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        text.contains("close_ratio_amount,percent,62.50,,"),
        "{text}"
    );
    assert!(
        text.contains("average_repair_order,money,275.50,,"),
        "{text}"
    );
}

#[test]
fn schema_9_fills_the_figures_of_older_invoices_as_new_ones_are_written() {
    let mut s = shop();
    let read = |s: &mut Shop| -> Vec<(i64, i64, i64, i64, i64)> {
        let checks = s.core.checks();
        let c = checks.sql();
        let mut st = c
            .prepare("SELECT job_id, total, labour_hours, parts_cost, presented_at IS NOT NULL FROM job_figures ORDER BY job_id")
            .unwrap();
        st.query_map((), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    };
    let live = read(&mut s);
    let approvals: i64 = s.count("approval_figures");
    assert_eq!(live.len(), 2);
    // Back to schema 8: the new tables gone, then opened again.
    let path = s.dir.path().join("shop.db");
    s.core
        .checks()
        .sql()
        .execute_batch(
            "DROP TABLE job_figures; DROP TABLE approval_figures; DROP TABLE reminder_contacts;
             DROP TABLE reminder_opt_outs; DROP TABLE reminders; DROP TABLE day_closes; DROP TABLE appointments;
             DROP INDEX payments_at; DROP INDEX credit_notes_issued; DROP INDEX jobs_delivered;
             DROP INDEX jobs_claims; DROP INDEX callbacks_closed; DROP INDEX stock_movements_job;
             PRAGMA user_version = 8;",
        )
        .unwrap();
    drop(s.core);
    s.core = jobcard::Core::open(&path).unwrap();
    assert_eq!(read(&mut s), live);
    assert_eq!(s.count("approval_figures"), approvals);
    // The handed-over car has its service reminder, six months on.
    let due: String = s
        .core
        .checks()
        .sql()
        .query_row(
            "SELECT due_on FROM reminders WHERE kind = 'service'",
            (),
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(due, "2027-05-02");
}

/// Issuing an invoice sums the job's parts' cost from its stock movements by
/// job (store/figure_sql.rs); the movements are found by index, not by
/// reading every one the shop has made, on either backend.
#[test]
fn an_invoices_figures_find_the_jobs_movements_by_index() {
    let mut s = Shop::new();
    let checks = s.core.checks();
    let sql = checks.sql();
    let read = "SELECT sum(-m.quantity) FROM stock_movements m
                WHERE m.job_id = 7 AND m.kind IN ('consumption', 'return')";
    let plan: Vec<String> = if crate::common::on_server() {
        sql.execute_batch("SET enable_seqscan = off").unwrap();
        let mut st = sql.prepare(&format!("EXPLAIN {read}")).unwrap();
        let lines = st.query_map((), |r| r.get(0)).unwrap();
        let lines = lines.map(|l| l.unwrap()).collect();
        sql.execute_batch("RESET enable_seqscan").unwrap();
        lines
    } else {
        let mut st = sql.prepare(&format!("EXPLAIN QUERY PLAN {read}")).unwrap();
        let lines = st.query_map((), |r| r.get(3)).unwrap();
        lines.map(|l| l.unwrap()).collect()
    };
    assert!(
        plan.iter().any(|l| l.contains("stock_movements_job")),
        "{plan:?}"
    );
}

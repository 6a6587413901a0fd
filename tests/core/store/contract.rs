//! The SQLite store on real files: durability settings, schema upgrades from old
//! files, refusal of newer and damaged files, and all-or-nothing commands.

use crate::common::*;
use jobcard::{Core, ErrorCode};
use rusqlite::Connection;
use serde_json::json;

#[test]
fn data_survives_reopening_the_file() {
    let mut s = Shop::new();
    let (j, _, _) = s.approved();
    let path = s.dir.path().join("shop.db");
    drop(s.core);
    let mut core = Core::open(&path).unwrap();
    let d = core.call("job.get", json!({ "job": j })).unwrap();
    assert_eq!(d["job"]["state"], "approved");
    assert_eq!(d["approvals"][0]["revised_total"], 44_500);
}

#[test]
fn an_old_schema_file_is_upgraded_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let mut conn = Connection::open(&path).unwrap();
        jobcard::store::migrations::to_version(&mut conn, 1).unwrap();
        conn.execute_batch(
            "INSERT INTO staff (name, roles, active, created_at) VALUES ('Old Hand', 'manager', 1, '2026-01-01T00:00:00Z');
             INSERT INTO customers (kind, name, created_at, created_by) VALUES ('person', '老客户', '2026-01-01T00:00:00Z', 1);
             INSERT INTO items (kind, owner_id, plate, make, model, created_at) VALUES ('vehicle', 1, '粤B00001', 'Toyota', 'Camry', '2026-01-01T00:00:00Z');
             INSERT INTO jobs (number, customer_id, item_id, complaint, state, created_at, created_by)
               VALUES ('J2026-000001', 1, 1, 'old complaint', 'approved', '2026-01-01T00:00:00Z', 1);
             INSERT INTO estimate_lines (job_id, position, supplement, kind, description, quantity, unit_price,
               tax_rate_bp, status, approved_quantity, approved_unit_price, created_at, created_by)
               VALUES (1, 1, 0, 'labour', 'Old work', 1000, 10000, 600, 'approved', 1000, 10000, '2026-01-01T00:00:00Z', 1);",
        )
        .unwrap();
    }
    let mut core = Core::open(&path).unwrap();
    let v: i64 = core
        .connection()
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v as usize, jobcard::store::migrations::latest_version());
    let staff = core.call("staff.list", json!({})).unwrap();
    assert_eq!(staff[0]["name"], "Old Hand");
    // A job written by schema 1 reads and carries on under schema 2.
    let job = core
        .call("job.get", json!({ "job": "J2026-000001" }))
        .unwrap();
    assert_eq!(job["lines"][0]["description"], "Old work");
    assert!(job["job"]["repair_category"].is_null());
    assert_eq!(job["lines"][0]["consumed"], "0");
    core.call("work.start_line", json!({ "staff_id": 1, "line_id": 1 }))
        .unwrap();
    // Schema 7 keyed the old customer's name in pinyin on the way up.
    let hits = core.call("search", json!({ "query": "lkh" })).unwrap();
    assert_eq!(hits[0]["title"], "老客户");
}

#[test]
fn a_file_from_a_newer_jobcard_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    drop(Core::open(&path).unwrap());
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
    }
    let err = Core::open(&path).err().unwrap();
    assert_eq!(err.code, ErrorCode::DatabaseTooNew);
    assert!(err.message.contains("newer Jobcard"));
    let conn = Connection::open(&path).unwrap();
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 999);
}

#[test]
fn a_damaged_file_is_refused_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.db");
    let mut s = Shop::new();
    s.approved();
    let good = s.dir.path().join("shop.db");
    s.core
        .connection()
        .unwrap()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    drop(s.core);
    let mut bytes = std::fs::read(&good).unwrap();
    // Scribble over the middle pages (table b-trees), keep the header.
    let len = bytes.len();
    for b in &mut bytes[4096..len - 4096] {
        *b = 0x5A;
    }
    std::fs::write(&path, bytes).unwrap();
    let err = Core::open(&path)
        .err()
        .expect("damaged file must be refused");
    assert_eq!(err.code, ErrorCode::DatabaseCorrupt, "{err:?}");
}

#[test]
fn a_failing_command_writes_nothing() {
    let mut s = Shop::new();
    let customers = s.count("customers");
    let items = s.count("items");
    // A new customer is valid, the new item is not: neither may remain.
    let e = s.fails(
        "job.receive",
        json!({ "staff_id": s.counter,
        "customer": { "new": { "kind": "person", "name": "Half Written", "phones": ["555 0101"] } },
        "item": { "new": { "kind": "vehicle", "vin": "NOT-A-VIN", "make": "X", "model": "Y" } },
        "odometer_in": 1, "complaint": "x" }),
    );
    assert_eq!(e.code, ErrorCode::InvalidInput);
    assert_eq!(e.field.as_deref(), Some("item.vin"));
    assert_eq!(s.count("customers"), customers);
    assert_eq!(s.count("items"), items);
    assert_eq!(s.count("search_docs"), customers + items);
    assert_eq!(s.count("jobs"), 0);
    assert_eq!(s.count("number_series"), 0, "no job number was taken");
    // An approval that fails on its second line leaves the first line proposed.
    let (j, l, p) = s.awaiting();
    s.fails("approval.record", json!({ "staff_id": s.counter, "job": j, "method": "phone", "contact": "123456", "old_parts": "discard",
        "decisions": [{ "line_id": l, "decision": "approved" }, { "line_id": p, "decision": "declined" }] }));
    let d = s.job(&j);
    assert!(d["lines"]
        .as_array()
        .unwrap()
        .iter()
        .all(|l| l["status"] == "proposed"));
    assert_eq!(s.count("approvals"), 0);
    assert_eq!(s.count("recommendations"), 0);
}

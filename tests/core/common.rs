//! Shared test fixtures: a real SQLite file in a temp folder (or a fresh
//! database on the PostgreSQL test server), a set-up shop, and
//! helpers that drive a job to a given state through the command API.
#![allow(dead_code)]

use chrono::{DateTime, TimeZone, Utc};
use jobcard::{Core, Error, ErrorCode};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct Shop {
    pub core: Core,
    pub dir: tempfile::TempDir,
    /// The server database the shop lives in, when the run is on the server.
    pub server: Option<String>,
    pub manager: i64,
    pub counter: i64,
    pub tech: i64,
    pub inspector: i64,
    pub customer: i64,
    pub designated: i64,
    pub car: i64,
    pub phone_item: i64,
}

/// A fresh database on the test cluster, as a connection string.
pub fn fresh_pg_database() -> Option<String> {
    let Ok(server) = std::env::var("JOBCARD_TEST_PG") else {
        assert!(
            std::env::var_os("JOBCARD_REQUIRE_PG").is_none(),
            "JOBCARD_REQUIRE_PG is set but JOBCARD_TEST_PG names no server"
        );
        eprintln!(
            "no PostgreSQL test server (JOBCARD_TEST_PG): skipped; scripts/test.sh starts one"
        );
        return None;
    };
    // One database per test process, one schema per test shop: a schema is a
    // few hundred kilobytes where a database is several megabytes.
    static N: AtomicUsize = AtomicUsize::new(0);
    static DATABASE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let db = DATABASE.get_or_init(|| {
        let name = format!("jobcard_test_{}", std::process::id());
        let mut admin = postgres::Client::connect(&server, postgres::NoTls).unwrap();
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap();
        let mut db =
            postgres::Client::connect(&format!("{server} dbname={name}"), postgres::NoTls).unwrap();
        db.batch_execute("CREATE EXTENSION pg_trgm SCHEMA public")
            .unwrap();
        name
    });
    let schema = format!("shop_{}", N.fetch_add(1, Ordering::Relaxed));
    let url = format!("{server} dbname={db}");
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    admin
        .batch_execute(&format!("CREATE SCHEMA {schema}"))
        .unwrap();
    Some(format!("{url} options='-c search_path={schema},public'"))
}

/// A database of its own on the test cluster, the shop in its `public`
/// schema as a real shop's server holds it (None: no test server).
pub fn fresh_pg_public_database() -> Option<String> {
    fresh_pg_database()?;
    let server = std::env::var("JOBCARD_TEST_PG").ok()?;
    static N: AtomicUsize = AtomicUsize::new(0);
    let name = format!(
        "jobcard_public_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    );
    let mut admin = postgres::Client::connect(&server, postgres::NoTls).unwrap();
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap();
    Some(format!("{server} dbname={name}"))
}

/// Whether this run puts the test shops on the PostgreSQL test server
/// (`JOBCARD_TEST_BACKEND=pg`, as scripts/test.sh's second pass sets it).
pub fn on_server() -> bool {
    std::env::var("JOBCARD_TEST_BACKEND").as_deref() == Ok("pg")
}

/// A new shop's database: a file in `dir`, or a fresh database on the test
/// server when this run is on the server (its connection string returned).
pub fn open_core(dir: &std::path::Path) -> (Core, Option<String>) {
    if on_server() {
        let url = fresh_pg_database().expect("JOBCARD_TEST_BACKEND=pg needs JOBCARD_TEST_PG");
        (Core::connect(&url).unwrap(), Some(url))
    } else {
        (Core::open(&dir.join("shop.db")).unwrap(), None)
    }
}

/// How many hostile inputs the hostile test tries: 2,000 on a file; 400 on
/// the server, where each case's before-and-after digest of every table is a
/// round trip per table (the rules are the same; the server pass checks its
/// errors reach the counter as clear refusals).
pub fn hostile_cases() -> u32 {
    if on_server() {
        400
    } else {
        2000
    }
}

pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap()
}

pub fn sig() -> String {
    jobcard::demo::signature::base64(1)
}

impl Shop {
    pub fn new() -> Shop {
        Self::with_settings(json!({}))
    }

    /// A shop whose settings are the defaults overlaid with `overrides`.
    pub fn with_settings(overrides: Value) -> Shop {
        let dir = tempfile::tempdir().unwrap();
        let (core, server) = open_core(dir.path());
        Self::set_up(core, dir, server, overrides)
    }

    /// The same shop on the test server, whichever pass this is (None: no
    /// test server, and the caller skips).
    pub fn on_test_server() -> Option<Shop> {
        Self::on_server_at(fresh_pg_database()?)
    }

    /// The same, in the `public` schema of a database of its own.
    pub fn on_test_server_public() -> Option<Shop> {
        Self::on_server_at(fresh_pg_public_database()?)
    }

    pub fn on_server_at(url: String) -> Option<Shop> {
        let core = Core::connect(&url).unwrap();
        Some(Self::set_up(
            core,
            tempfile::tempdir().unwrap(),
            Some(url),
            json!({}),
        ))
    }

    fn set_up(
        mut core: Core,
        dir: tempfile::TempDir,
        server: Option<String>,
        overrides: Value,
    ) -> Shop {
        core.set_now(Some(t0()));
        let mut settings = json!({ "legal_name": "Test Garage Ltd", "labour_rate": 10000,
            "labour_tax_bp": 600, "parts_tax_bp": 1300, "other_tax_bp": 600 });
        if server.is_some() {
            // A server shop's backups default to the person's home folder;
            // a test's go to its own folder.
            let folder = dir.path().join("backups");
            std::fs::create_dir_all(&folder).unwrap();
            let mut backup = core.call("settings.defaults", json!({})).unwrap()["backup"].clone();
            backup["folder"] = json!(folder.display().to_string());
            settings["backup"] = backup;
        }
        if let (Some(s), Some(o)) = (settings.as_object_mut(), overrides.as_object()) {
            s.extend(o.clone());
        }
        let manager = id(&core
            .call(
                "shop.setup",
                json!({ "settings": settings, "manager_name": "Helen", "manager_secret": "2468" }),
            )
            .unwrap());
        let add = |core: &mut Core, name: &str, roles: Value| {
            id(&core
                .call(
                    "staff.add",
                    json!({ "staff_id": manager, "name": name, "roles": roles }),
                )
                .unwrap())
        };
        let counter = add(&mut core, "Tom", json!(["counter"]));
        let tech = add(&mut core, "Ivan", json!(["technician"]));
        let inspector = add(&mut core, "Nadia", json!(["inspector"]));
        let c = core.call("customer.create", json!({ "staff_id": counter, "customer": {
            "kind": "person", "name": "王小明", "phones": ["138 0013 8000"],
            "designated_persons": [{ "name": "李娜", "phone": "13900000000", "relation": "spouse" }] } })).unwrap();
        let customer = id(&c);
        let designated = c["designated_persons"][0]["id"].as_i64().unwrap();
        let car = id(&core.call("item.create", json!({ "staff_id": counter, "owner_id": customer, "odometer": 42000, "item": {
            "kind": "vehicle", "plate": "粤B 12345", "vin": "LSVAU2180N2183294", "make": "Volkswagen", "model": "Passat", "year": 2019 } })).unwrap());
        let phone_item = id(&core.call("item.create", json!({ "staff_id": counter, "owner_id": customer, "item": {
            "kind": "device", "category": "phone", "brand": "Apple", "model": "iPhone 13", "serial": "F2LXK0AAP1GC" } })).unwrap());
        Shop {
            core,
            dir,
            server,
            manager,
            counter,
            tech,
            inspector,
            customer,
            designated,
            car,
            phone_item,
        }
    }

    pub fn call(&mut self, name: &str, input: Value) -> Value {
        self.core
            .call(name, input)
            .unwrap_or_else(|e| panic!("{name} failed: {e:?}"))
    }

    pub fn fails(&mut self, name: &str, input: Value) -> Error {
        match self.core.call(name, input) {
            Ok(v) => panic!("{name} should have failed but answered {v}"),
            Err(e) => e,
        }
    }

    pub fn refused(&mut self, name: &str, input: Value, code: ErrorCode) -> Error {
        let e = self.fails(name, input);
        assert_eq!(e.code, code, "{name}: {e:?}");
        assert!(!e.message.is_empty() && !e.message_zh.is_empty());
        e
    }

    pub fn job(&mut self, number: &str) -> Value {
        self.call("job.get", json!({ "job": number }))
    }

    pub fn state(&mut self, number: &str) -> String {
        self.job(number)["job"]["state"]
            .as_str()
            .unwrap()
            .to_string()
    }

    /// A job for the car, 100 km after its last reading (42,100 km the first time).
    pub fn receive(&mut self) -> String {
        let odo = self.call("item.get", json!({ "id": self.car }))["item"]["odometer"]
            .as_i64()
            .unwrap()
            + 100;
        let r = self.call(
            "job.receive",
            json!({ "staff_id": self.counter, "customer": { "id": self.customer },
            "item": { "id": self.car }, "odometer_in": odo, "complaint": "刹车有异响",
            "promised_at": "2026-11-03T17:00:00+08:00" }),
        );
        r["job"]["number"].as_str().unwrap().to_string()
    }

    pub fn inspected(&mut self) -> String {
        let j = self.receive();
        self.call(
            "inspection.start",
            json!({ "staff_id": self.counter, "job": j }),
        );
        self.call(
            "inspection.all_ok",
            json!({ "staff_id": self.counter, "job": j }),
        );
        self.call(
            "inspection.acknowledge",
            json!({ "staff_id": self.counter, "job": j, "name": "王小明", "method": "verbal" }),
        );
        j
    }

    pub fn add_labour(&mut self, job: &str, desc: &str, hours: &str) -> i64 {
        id(&self.call(
            "estimate.add_line",
            json!({ "staff_id": self.counter, "job": job,
            "line": { "kind": "labour", "description": desc, "quantity": hours } }),
        ))
    }

    pub fn add_part(&mut self, job: &str, desc: &str, qty: &str, price: i64) -> i64 {
        id(&self.call("estimate.add_line", json!({ "staff_id": self.counter, "job": job,
            "line": { "kind": "part", "description": desc, "quantity": qty, "unit_price": price, "part_kind": "new_oem", "part_number": "BP-1" } })))
    }

    /// A job with one labour line (1 h at 100.00) and one part (2 × 150.00), submitted.
    pub fn awaiting(&mut self) -> (String, i64, i64) {
        let j = self.inspected();
        let labour = self.add_labour(&j, "Replace front brake pads", "1");
        let part = self.add_part(&j, "Brake pad set", "2", 15000);
        self.call(
            "estimate.submit",
            json!({ "staff_id": self.counter, "job": j }),
        );
        (j, labour, part)
    }

    pub fn approve_by_phone(&mut self, job: &str, approve: &[i64], decline: &[i64]) -> Value {
        let mut decisions: Vec<Value> = approve
            .iter()
            .map(|l| json!({ "line_id": l, "decision": "approved" }))
            .collect();
        decisions.extend(decline.iter().map(|l| json!({ "line_id": l, "decision": "declined", "reason": "too expensive now", "consequence": "noise will get worse; discs may wear" })));
        self.call(
            "approval.record",
            json!({ "staff_id": self.counter, "job": job, "method": "phone",
            "contact": "13800138000", "old_parts": "return_to_customer", "decisions": decisions }),
        )
    }

    /// An approved job: (number, labour line, part line).
    pub fn approved(&mut self) -> (String, i64, i64) {
        let (j, l, p) = self.awaiting();
        self.approve_by_phone(&j, &[l, p], &[]);
        (j, l, p)
    }

    /// A catalogue part with `on_hand` units in stock.
    pub fn stock_part(&mut self, number: &str, kind: &str, on_hand: &str) -> i64 {
        let p = self.call("parts.create", json!({ "staff_id": self.manager, "part": { "part_number": number, "name": "Brake pad set",
            "brand": "Bosch", "kind": kind, "unit": "set", "cost": 9000, "price": 15000, "reorder_level": "2" } }));
        self.call("parts.receive", json!({ "staff_id": self.counter, "part_id": p["id"], "quantity": on_hand, "unit_cost": 9000,
            "supplier": "Parts Co", "supplier_invoice": "PC-1001" }));
        id(&p)
    }

    /// Work done on an approved job: category, assignment, parts, lines done, in quality check.
    pub fn worked(&mut self) -> (String, i64, i64) {
        let (j, labour, part) = self.approved();
        self.call(
            "work.set_category",
            json!({ "staff_id": self.counter, "job": j, "category": "vehicle_minor" }),
        );
        self.call(
            "work.assign",
            json!({ "staff_id": self.counter, "line_id": labour, "technician_id": self.tech }),
        );
        self.call(
            "work.clock_on",
            json!({ "staff_id": self.tech, "line_id": labour }),
        );
        self.call(
            "work.clock_off",
            json!({ "staff_id": self.tech, "line_id": labour }),
        );
        // The approved line's own part (BP-1): another number would need approval.
        let known: Option<i64> = self
            .core
            .checks()
            .sql()
            .query_row("SELECT id FROM parts WHERE part_number = 'BP-1'", (), |r| {
                r.get(0)
            })
            .ok();
        let pid = match known {
            Some(pid) => {
                self.call("parts.receive", json!({ "staff_id": self.counter, "part_id": pid, "quantity": "10",
                    "unit_cost": 9000, "supplier": "Parts Co", "supplier_invoice": format!("PC-{labour}") }));
                pid
            }
            None => self.stock_part("BP-1", "new_oem", "10"),
        };
        self.call("parts.consume", json!({ "staff_id": self.tech, "line_id": part, "part_id": pid, "quantity": "2", "source": "stock" }));
        self.call(
            "parts.set_old_part_fate",
            json!({ "staff_id": self.tech, "line_id": part, "fate": "returned_to_customer" }),
        );
        self.call(
            "work.complete_line",
            json!({ "staff_id": self.tech, "line_id": labour }),
        );
        self.call(
            "work.complete_line",
            json!({ "staff_id": self.tech, "line_id": part }),
        );
        self.call(
            "work.to_quality_check",
            json!({ "staff_id": self.counter, "job": j }),
        );
        (j, labour, part)
    }

    pub fn all_pass(&self) -> Value {
        json!([
            "all_items_done",
            "repairs_successful",
            "safe_and_functional",
            "fluids_topped_up",
            "clean",
            "road_test"
        ]
        .iter()
        .map(|c| json!({ "code": c, "passed": true }))
        .collect::<Vec<_>>())
    }

    /// A job that passed its quality check, 50 km after intake (42,150 km the first time).
    pub fn ready(&mut self) -> (String, i64, i64) {
        let (j, l, p) = self.worked();
        let results = self.all_pass();
        let out = self.job(&j)["job"]["odometer_in"].as_i64().unwrap() + 50;
        self.call("quality.record", json!({ "staff_id": self.inspector, "job": j, "results": results, "odometer_out": out }));
        (j, l, p)
    }

    /// Takes an approved job's `lines` through work and the quality check (50 km
    /// road test) and issues the invoice; returns `invoice.issue`'s answer.
    pub fn bill(&mut self, job: &str, lines: &[i64]) -> Value {
        self.call(
            "work.set_category",
            json!({ "staff_id": self.counter, "job": job, "category": "vehicle_minor" }),
        );
        for l in lines {
            self.call(
                "work.complete_line",
                json!({ "staff_id": self.tech, "line_id": l }),
            );
        }
        self.call(
            "work.to_quality_check",
            json!({ "staff_id": self.counter, "job": job }),
        );
        let results = self.all_pass();
        let out = self.job(job)["job"]["odometer_in"].as_i64().unwrap() + 50;
        self.call("quality.record", json!({ "staff_id": self.inspector, "job": job, "results": results, "odometer_out": out }));
        self.call(
            "invoice.issue",
            json!({ "staff_id": self.counter, "job": job }),
        )
    }

    /// An invoiced job: (job number, invoice number, card number).
    pub fn invoiced(&mut self) -> (String, String, String) {
        let (j, _, _) = self.ready();
        let r = self.call(
            "invoice.issue",
            json!({ "staff_id": self.counter, "job": j }),
        );
        (
            j,
            r["invoice"]["invoice"]["number"].as_str().unwrap().into(),
            r["guarantee_card"]["number"].as_str().unwrap().into(),
        )
    }

    /// A job invoiced, paid in full and handed over: (job, invoice, card).
    pub fn delivered(&mut self) -> (String, String, String) {
        let (j, inv, card) = self.invoiced();
        let due = self.call("invoice.get", json!({ "invoice": inv }))["balance_due"].clone();
        self.call(
            "invoice.pay",
            json!({ "staff_id": self.counter, "invoice": inv, "method": "card", "amount": due }),
        );
        self.call("job.deliver", json!({ "staff_id": self.counter, "job": j }));
        (j, inv, card)
    }

    pub fn at(&mut self, t: DateTime<Utc>) {
        self.core.set_now(Some(t));
    }

    /// A second counter on the same shop (the file again, or the server).
    pub fn second_counter(&self) -> Core {
        match &self.server {
            Some(url) => Core::connect(url).unwrap(),
            None => Core::open(&self.dir.path().join("shop.db")).unwrap(),
        }
    }

    pub fn count(&mut self, table: &str) -> i64 {
        self.core
            .checks()
            .sql()
            .query_row(&format!("SELECT COUNT(*) FROM {table}"), (), |r| r.get(0))
            .unwrap()
    }
}

pub fn id(v: &Value) -> i64 {
    v["id"].as_i64().unwrap_or_else(|| panic!("no id in {v}"))
}

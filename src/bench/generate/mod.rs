//! Generates the benchmark's synthetic shop in a fresh SQLite file: customers,
//! items, ten years of jobs with their lines, approvals, history, invoices and
//! payments — written through the store's own repository functions, so the rows
//! are the rows the app writes. Bulk only in that it commits every few thousand
//! jobs and runs with `synchronous = OFF` while generating (FULL again after).
//! Phases: people.rs (customers, items), jobs.rs (each job's estimate, approval
//! and billing as their own steps), care.rs (each handover's call, survey and
//! now and then a complaint), book.rs (appointments and reminders).

use super::names::Seeded;

mod bill;
mod book;
mod care;
mod jobs;
mod people;
mod workshop;
use crate::api::Core;
use crate::base::error::Result;
use crate::model::invoice::Party;
use crate::model::settings::ShopSettings;
use crate::store;
use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::json;

#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub name: &'static str,
    pub customers: usize,
    pub items: usize,
    pub jobs: usize,
}

impl Scale {
    pub fn parse(s: &str) -> Option<Scale> {
        let full = Scale {
            name: "full",
            customers: 200_000,
            items: 250_000,
            jobs: 1_000_000,
        };
        match s {
            "full" => Some(full),
            "medium" => Some(Scale {
                name: "medium",
                customers: full.customers / 10,
                items: full.items / 10,
                jobs: full.jobs / 10,
            }),
            "small" => Some(Scale {
                name: "small",
                customers: full.customers / 100,
                items: full.items / 100,
                jobs: full.jobs / 100,
            }),
            _ => None,
        }
    }
}

/// What the measurements draw their inputs from.
#[derive(Default)]
pub struct Samples {
    pub phone_prefixes: Vec<String>,
    pub chinese_name_parts: Vec<String>,
    pub latin_name_parts: Vec<String>,
    pub plate_fragments: Vec<String>,
    pub job_numbers: Vec<String>,
    pub customer_ids: Vec<i64>,
    pub job_ids: Vec<i64>,
}

pub struct Shop {
    /// The generated shop's today (its ten years end here).
    pub now: DateTime<Utc>,
    pub staff: i64,
    pub counter: i64,
    pub tech: i64,
    pub inspector: i64,
    pub lines: usize,
    pub invoices: usize,
    pub samples: Samples,
}

struct ItemInfo {
    owner: usize,
    label: String,
    plate: Option<String>,
    vin: Option<String>,
    serial: Option<String>,
}

const BATCH: usize = 5_000;
/// The generator's state across its phases.
pub(super) struct Gen {
    r: Seeded,
    start: DateTime<Utc>,
    /// The benchmark's today: ten years after `start`.
    now: DateTime<Utc>,
    scale: Scale,
    settings: ShopSettings,
    counter: i64,
    tech: i64,
    shop_party: Party,
    samples: Samples,
    customers: Vec<(String, Option<String>)>,
    items: Vec<ItemInfo>,
    lines_written: usize,
    invoices: usize,
}

pub fn generate(
    core: &mut Core,
    scale: Scale,
    seed: u64,
    progress: &mut dyn FnMut(&str),
) -> Result<Shop> {
    let r = Seeded::new(seed);
    let start: DateTime<Utc> = Utc
        .with_ymd_and_hms(2016, 11, 1, 8, 0, 0)
        .single()
        .expect("valid date");
    let now = start + Duration::days(3652);
    core.set_now(Some(now));
    let settings = ShopSettings {
        legal_name: "Benchmark Motors & Electronics Ltd".into(),
        address: "1 Test Road".into(),
        ..ShopSettings::default()
    };
    let manager: serde_json::Value = core.call(
        "shop.setup",
        json!({ "settings": settings, "manager_name": "Bench Manager", "manager_secret": "2468" }),
    )?;
    let staff = manager["id"].as_i64().unwrap_or(1);
    let add = |core: &mut Core, name: &str, role: &str| -> Result<i64> {
        let v: serde_json::Value = core.call(
            "staff.add",
            json!({ "staff_id": staff, "name": name, "roles": [role] }),
        )?;
        Ok(v["id"].as_i64().unwrap_or(0))
    };
    let counter = add(core, "Counter", "counter")?;
    let tech = add(core, "Technician", "technician")?;
    let inspector = add(core, "Inspector", "inspector")?;
    let shop_party = Party {
        name: settings.legal_name.clone(),
        address: Some(settings.address.clone()),
        phone: None,
        tax_id: None,
        registration_number: None,
    };

    let mut g = Gen {
        r,
        start,
        now,
        scale,
        settings,
        counter,
        tech,
        shop_party,
        samples: Samples::default(),
        customers: Vec::with_capacity(scale.customers),
        items: Vec::with_capacity(scale.items),
        lines_written: 0,
        invoices: 0,
    };
    let db = core.db();
    db.raw()?.execute_batch("PRAGMA synchronous = OFF")?;
    g.customers(db)?;
    progress(&format!("  {} customers", scale.customers));
    g.items(db)?;
    progress(&format!("  {} items", scale.items));
    g.jobs(db, progress)?;
    g.book(db)?;
    progress("  the appointment book and the reminders");
    db.raw()?.execute_batch(&format!(
        "PRAGMA synchronous = {}; PRAGMA optimize;",
        store::SYNCHRONOUS
    ))?;
    core.set_now(None);
    Ok(Shop {
        now,
        staff,
        counter,
        tech,
        inspector,
        lines: g.lines_written,
        invoices: g.invoices,
        samples: g.samples,
    })
}

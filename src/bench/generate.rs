//! Generates the benchmark's synthetic shop in a fresh SQLite file: customers,
//! items, ten years of jobs with their lines, approvals, history, invoices and
//! payments — written through the store's own repository functions, so the rows
//! are the rows the app writes. Bulk only in that it commits every few thousand
//! jobs and runs with `synchronous = OFF` while generating (FULL again after).

use super::names::{self, Seeded};
use crate::api::{time_text, Core};
use crate::customers::{CleanCustomer, CustomerKind};
use crate::error::Result;
use crate::estimate::{Line, PartKind, WorkState};
use crate::invoice::{InvoiceDocument, InvoiceLine, ItemOnDocument, Party, Payment, PaymentMethod};
use crate::items::{ItemSpec, VehicleClass};
use crate::job::JobState;
use crate::money::Qty;
use crate::settings::{Lang, ShopSettings};
use crate::store;
use crate::totals::{self, JobDiscount, LineKind};
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

pub fn generate(core: &mut Core, scale: Scale, seed: u64) -> Result<Shop> {
    let mut r = Seeded::new(seed);
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
        json!({ "settings": settings, "manager_name": "Bench Manager" }),
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

    let conn = core.connection();
    conn.execute_batch("PRAGMA synchronous = OFF")?;
    let mut samples = Samples::default();
    let mut customers: Vec<(String, Option<String>)> = Vec::with_capacity(scale.customers);
    let sample_every = (scale.customers / 2_000).max(1);
    for chunk in (0..scale.customers).collect::<Vec<_>>().chunks(BATCH) {
        let tx = conn.transaction()?;
        for &i in chunk {
            let chinese = r.chance(60);
            let name = if chinese {
                names::chinese_name(&mut r)
            } else {
                names::latin_name(&mut r)
            };
            let phone = if chinese {
                names::chinese_mobile(&mut r)
            } else {
                names::latin_phone(&mut r)
            };
            let phone = crate::text::phone("phone", &phone)?;
            let business = r.chance(5);
            let c = CleanCustomer {
                kind: if business {
                    CustomerKind::Business
                } else {
                    CustomerKind::Person
                },
                name: if business {
                    format!("{name} Trading Co")
                } else {
                    name.clone()
                },
                phones: vec![phone.clone()],
                email: None,
                address: None,
                tax_id: business.then(|| format!("91{}", r.digits(16))),
                language: if chinese { Lang::ZhCn } else { Lang::En },
                notes: None,
            };
            let at = time_text(
                start + Duration::minutes((i as i64 * 5_256_000) / scale.customers as i64),
            );
            let id = store::customers::insert(&tx, &c, counter, &at)?;
            store::search::index_customer(&tx, id)?;
            if i % sample_every == 0 {
                samples.phone_prefixes.push(phone.chars().take(7).collect());
                samples.customer_ids.push(id);
                let chars: Vec<char> = name.chars().collect();
                if chinese && chars.len() >= 2 {
                    samples
                        .chinese_name_parts
                        .push(chars[chars.len() - 2..].iter().collect());
                } else if !chinese {
                    let last = name.split(' ').nth(1).unwrap_or(&name);
                    let lc: Vec<char> = last.chars().collect();
                    if lc.len() >= 5 {
                        samples.latin_name_parts.push(lc[1..5].iter().collect());
                    }
                }
            }
            customers.push((c.name, c.tax_id));
        }
        tx.commit()?;
    }

    let mut items: Vec<ItemInfo> = Vec::with_capacity(scale.items);
    let item_sample = (scale.items / 2_000).max(1);
    for chunk in (0..scale.items).collect::<Vec<_>>().chunks(BATCH) {
        let tx = conn.transaction()?;
        for &i in chunk {
            let owner = if i < customers.len() {
                i
            } else {
                r.below(customers.len())
            };
            let vehicle = r.chance(80);
            let spec = if vehicle {
                let (make, model) = *r.pick(names::MAKES);
                let plate = if r.chance(60) {
                    names::chinese_plate(&mut r)
                } else {
                    names::latin_plate(&mut r)
                };
                ItemSpec::Vehicle {
                    plate: Some(plate),
                    vin: Some(names::vin(&mut r, i)),
                    make: make.into(),
                    model: model.into(),
                    year: Some(2005 + r.below(20) as i32),
                    colour: None,
                    vehicle_class: if r.chance(8) {
                        VehicleClass::Motorcycle
                    } else {
                        VehicleClass::Car
                    },
                }
            } else {
                let (cat, brand, model) = *r.pick(names::DEVICES);
                ItemSpec::Device {
                    category: cat.into(),
                    brand: brand.into(),
                    model: Some(model.into()),
                    serial: Some(names::serial(&mut r, i)),
                }
            };
            let at = time_text(start);
            let id = store::items::insert(&tx, owner as i64 + 1, &spec, &at)?;
            store::items::open_ownership(&tx, id, owner as i64 + 1, &at, counter)?;
            if vehicle {
                store::items::add_odometer(
                    &tx,
                    id,
                    1_000 + r.below(80_000) as i64,
                    &at,
                    None,
                    "manual",
                )?;
            }
            store::search::index_item(&tx, id)?;
            let (plate, vin, serial) = match &spec {
                ItemSpec::Vehicle { plate, vin, .. } => (plate.clone(), vin.clone(), None),
                ItemSpec::Device { serial, .. } => (None, None, serial.clone()),
            };
            if i % item_sample == 0 {
                if let Some(p) = &plate {
                    let chars: Vec<char> = p.chars().collect();
                    samples
                        .plate_fragments
                        .push(chars[chars.len() - 4..].iter().collect());
                }
            }
            items.push(ItemInfo {
                owner,
                label: spec.label(),
                plate,
                vin,
                serial,
            });
        }
        tx.commit()?;
    }

    let mut lines_written = 0;
    let mut invoices = 0;
    let job_sample = (scale.jobs / 2_000).max(1);
    let open_states = [
        JobState::Received,
        JobState::Inspected,
        JobState::Estimated,
        JobState::AwaitingApproval,
        JobState::Approved,
        JobState::InWork,
        JobState::WaitingParts,
        JobState::QualityCheck,
        JobState::Ready,
        JobState::Invoiced,
    ];
    let open_from = scale.jobs.saturating_sub(300);
    for chunk in (0..scale.jobs).collect::<Vec<_>>().chunks(BATCH) {
        let tx = conn.transaction()?;
        for &k in chunk {
            let item = r.below(items.len());
            let info = &items[item];
            let at_time = start + Duration::seconds((k as i64 * 315_360_000) / scale.jobs as i64);
            let at = time_text(at_time);
            let seq = store::numbers::next(&tx, "job")?;
            let number = crate::numbering::format(&settings.job_number_format, at_time, seq);
            let open = k >= open_from;
            let state = if open {
                open_states[k % open_states.len()]
            } else if r.chance(80) {
                JobState::Delivered
            } else {
                JobState::Cancelled
            };
            let promised = time_text(at_time + Duration::hours(4 + r.below(72) as i64));
            let id = store::jobs::insert(
                &tx,
                &store::jobs::NewJob {
                    number: &number,
                    customer_id: info.owner as i64 + 1,
                    item_id: item as i64 + 1,
                    odometer_in: info
                        .plate
                        .as_ref()
                        .map(|_| 10_000 + r.below(150_000) as i64),
                    complaint: "Noise from the front when braking",
                    requested_work: Some("Check and quote"),
                    promised_at: Some(&promised),
                    now: &at,
                    staff_id: counter,
                },
            )?;
            store::events::append(
                &tx,
                id,
                &at,
                counter,
                "received",
                &json!({ "customer_id": info.owner + 1, "item_id": item + 1 }),
            )?;
            // Lines: labour and parts, as estimated.
            let n = 3 + r.below(5);
            let mut lines = Vec::with_capacity(n);
            for p in 0..n {
                let labour = p < 2;
                let mut l = if labour {
                    Line::draft(
                        id,
                        p as i64 + 1,
                        0,
                        LineKind::Labour,
                        ["Replace brake pads", "Diagnose fault", "Service engine"][p % 3].into(),
                        Qty(500 + 100 * r.below(20) as i64),
                        12_000,
                        settings.labour_tax_bp,
                    )
                } else {
                    let mut l = Line::draft(
                        id,
                        p as i64 + 1,
                        0,
                        LineKind::Part,
                        ["Brake pad set", "Oil filter", "Engine oil 4L", "Spark plug"][p % 4]
                            .into(),
                        Qty::from_units(1 + r.below(4) as i64),
                        1_000 + 100 * r.below(500) as i64,
                        settings.parts_tax_bp,
                    );
                    l.part_kind = Some(PartKind::NewOem);
                    l.part_number = Some(format!("P{}", r.digits(6)));
                    l
                };
                l.id = store::lines::insert(&tx, &l, &at, counter)?;
                lines.push(l);
            }
            lines_written += n;
            let approved = state != JobState::Cancelled
                && !matches!(
                    state,
                    JobState::Received
                        | JobState::Inspected
                        | JobState::Estimated
                        | JobState::AwaitingApproval
                );
            let declined = approved && r.chance(5);
            if approved {
                let priced: Vec<_> = lines.iter().map(Line::priced).collect();
                let total =
                    totals::compute(&priced, JobDiscount::default(), settings.prices_include_tax)
                        .total;
                let aid = store::approvals::insert(
                    &tx,
                    &store::approvals::NewApproval {
                        job_id: id,
                        supplement: 0,
                        method: "phone",
                        approver_name: &customers[info.owner].0,
                        designated_person_id: None,
                        contact: Some("13800000000"),
                        signature: None,
                        staff_id: counter,
                        at: &at,
                        conditions: None,
                        old_parts: Some("return_to_customer"),
                        previous_total: 0,
                        amount_approved: total,
                        revised_total: total,
                    },
                )?;
                for (i, l) in lines.iter().enumerate() {
                    if declined && i == lines.len() - 1 {
                        store::lines::decline(&tx, l.id, "Next time", "Wear will continue")?;
                        store::approvals::insert_line(
                            &tx,
                            aid,
                            l.id,
                            "declined",
                            l.quantity.milli(),
                            l.unit_price,
                        )?;
                        store::approvals::insert_recommendation(
                            &tx,
                            item as i64 + 1,
                            id,
                            l.id,
                            &l.description,
                            "Next time",
                            "Wear will continue",
                            &at,
                        )?;
                    } else {
                        store::lines::approve(&tx, l.id)?;
                        store::approvals::insert_line(
                            &tx,
                            aid,
                            l.id,
                            "approved",
                            l.quantity.milli(),
                            l.unit_price,
                        )?;
                    }
                }
                store::events::append(
                    &tx,
                    id,
                    &at,
                    counter,
                    "approval",
                    &json!({ "approval_id": aid, "method": "phone" }),
                )?;
            }
            if matches!(state, JobState::Delivered | JobState::Invoiced) {
                let billed: Vec<&Line> = lines
                    .iter()
                    .take(if declined { n - 1 } else { n })
                    .collect();
                for l in &billed {
                    store::lines::set_work_state(&tx, l.id, WorkState::Done)?;
                }
                store::work::set_category(&tx, id, "vehicle_minor")?;
                store::work::set_completed(&tx, id, &at, None)?;
                let priced: Vec<_> = billed.iter().map(|l| l.priced()).collect();
                let (nets, _) = totals::line_nets(&priced, JobDiscount::default());
                let t =
                    totals::compute(&priced, JobDiscount::default(), settings.prices_include_tax);
                let sequence = store::numbers::next(&tx, "invoice")?;
                let inv_number =
                    crate::numbering::format(&settings.invoice_number_format, at_time, sequence);
                let (name, tax_id) = &customers[info.owner];
                let doc = InvoiceDocument {
                    number: inv_number.clone(),
                    series: "invoice".into(),
                    issued_at: at.clone(),
                    supplied_at: at.clone(),
                    language: settings.document_language,
                    currency: settings.currency.clone(),
                    shop: shop_party.clone(),
                    customer: Party {
                        name: name.clone(),
                        address: None,
                        phone: None,
                        tax_id: tax_id.clone(),
                        registration_number: None,
                    },
                    job_number: number.clone(),
                    item: ItemOnDocument {
                        label: info.label.clone(),
                        plate: info.plate.clone(),
                        vin: info.vin.clone(),
                        serial: info.serial.clone(),
                        odometer_in: None,
                        odometer_out: None,
                    },
                    complaint: "Noise from the front when braking".into(),
                    lines: billed
                        .iter()
                        .zip(&nets)
                        .map(|(l, net)| InvoiceLine {
                            line_id: l.id,
                            kind: l.kind,
                            description: l.description.clone(),
                            part_number: l.part_number.clone(),
                            brand: None,
                            part_kind: l.part_kind,
                            quantity: l.quantity,
                            unit_price: l.unit_price,
                            amount: l.amount,
                            discount: l.amount - net,
                            net: *net,
                            tax_rate_bp: l.tax_rate_bp,
                            covered_by_card: false,
                            sublet_vendor: None,
                            old_part_fate: None,
                        })
                        .collect(),
                    totals: t.clone(),
                    approvals: vec![],
                    recommendations: vec![],
                    claim_card: None,
                    guarantee_card: None,
                    certificate_number: None,
                };
                let numbered = store::invoices::Numbered {
                    number: &inv_number,
                    series: "invoice",
                    sequence,
                };
                let inv_id =
                    store::invoices::insert_invoice(&tx, &numbered, id, &at, &at, counter, &doc)?;
                if state == JobState::Delivered {
                    store::invoices::insert_payment(
                        &tx,
                        inv_id,
                        &Payment {
                            id: 0,
                            method: PaymentMethod::WechatPay,
                            amount: t.total,
                            tendered: None,
                            change: 0,
                            reference: None,
                            staff_id: counter,
                            at: at.clone(),
                        },
                    )?;
                    store::work::set_delivered(&tx, id, &at)?;
                }
                invoices += 1;
            }
            if state != JobState::Received {
                store::jobs::set_state(&tx, id, state)?;
                store::events::append(
                    &tx,
                    id,
                    &at,
                    counter,
                    "state",
                    &json!({ "from": "received", "to": state.code() }),
                )?;
            }
            if k % job_sample == 0 {
                samples.job_numbers.push(number);
                samples.job_ids.push(id);
            }
        }
        tx.commit()?;
    }
    conn.execute_batch(&format!(
        "PRAGMA synchronous = {}; PRAGMA optimize;",
        store::SYNCHRONOUS
    ))?;
    core.set_now(None);
    Ok(Shop {
        staff,
        counter,
        tech,
        inspector,
        lines: lines_written,
        invoices,
        samples,
    })
}

//! The generated shop's people and things: customers (60 % Chinese names) and
//! their items (vehicles with plates and VINs, devices with serials), written in
//! batches through the store. Tests: tests/core/faces/cli.rs runs the benchmark.

use super::{Gen, ItemInfo, BATCH};
use crate::base::error::Result;
use crate::base::time::time_text;
use crate::bench::names;
use crate::model::customer::{CleanCustomer, CustomerKind};
use crate::model::item::{ItemSpec, VehicleClass};
use crate::model::settings::Lang;
use crate::store::{self, Db};
use chrono::Duration;

impl Gen {
    /// Writes every customer; keeps their names and tax ids for the invoices.
    pub(super) fn customers(&mut self, db: &mut Db) -> Result<()> {
        let Gen {
            r,
            start,
            scale,
            counter,
            samples,
            customers,
            ..
        } = self;
        let (start, counter) = (*start, *counter);
        let sample_every = (scale.customers / 2_000).max(1);
        for chunk in (0..scale.customers).collect::<Vec<_>>().chunks(BATCH) {
            let tx = store::write_tx(db)?;
            for &i in chunk {
                let chinese = r.chance(60);
                let name = if chinese {
                    names::chinese_name(r)
                } else {
                    names::latin_name(r)
                };
                let phone = if chinese {
                    names::chinese_mobile(r)
                } else {
                    names::latin_phone(r)
                };
                let phone = crate::base::text::phone("phone", &phone)?;
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
        Ok(())
    }

    /// Writes every item, owned by the customers in turn (some own several).
    pub(super) fn items(&mut self, db: &mut Db) -> Result<()> {
        let Gen {
            r,
            start,
            scale,
            counter,
            samples,
            customers,
            items,
            ..
        } = self;
        let (start, counter) = (*start, *counter);
        let item_sample = (scale.items / 2_000).max(1);
        for chunk in (0..scale.items).collect::<Vec<_>>().chunks(BATCH) {
            let tx = store::write_tx(db)?;
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
                        names::chinese_plate(r)
                    } else {
                        names::latin_plate(r)
                    };
                    ItemSpec::Vehicle {
                        plate: Some(plate),
                        vin: Some(names::vin(r, i)),
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
                        serial: Some(names::serial(r, i)),
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
        Ok(())
    }
}

//! SQL for `items`, `item_owners` and `odometer_readings`.

use super::driver::read::{self, Read, Reads};
use super::driver::{DbRow as Row, OptionalExtension};
use super::{Key, Tx};
use crate::base::error::Result;
use crate::model::item::{Item, ItemSpec, OdometerReading, Ownership, VehicleClass};
use std::collections::HashMap;

const COLUMNS: &str = "i.id, i.kind, i.owner_id, i.plate, i.vin, i.make, i.model, i.year, i.colour,
     i.vehicle_class, i.category, i.brand, i.serial,
     (SELECT reading FROM odometer_readings o WHERE o.item_id = i.id ORDER BY o.at DESC, o.id DESC LIMIT 1)";

fn from_row(r: &Row) -> super::driver::SqlResult<Item> {
    let kind: String = r.get(1)?;
    let spec = if kind == "vehicle" {
        let class: Option<String> = r.get(9)?;
        ItemSpec::Vehicle {
            plate: r.get(3)?,
            vin: r.get(4)?,
            make: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
            model: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
            year: r.get(7)?,
            colour: r.get(8)?,
            vehicle_class: VehicleClass::parse(class.as_deref().unwrap_or("car")),
        }
    } else {
        ItemSpec::Device {
            category: r.get::<_, Option<String>>(10)?.unwrap_or_default(),
            brand: r.get::<_, Option<String>>(11)?.unwrap_or_default(),
            model: r.get(6)?,
            serial: r.get(12)?,
        }
    };
    Ok(Item {
        id: r.get(0)?,
        owner_id: r.get(2)?,
        label: spec.label(),
        spec,
        odometer: r.get(13)?,
    })
}

type Cols<'a> = (
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<i32>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
);

fn columns(spec: &ItemSpec) -> Cols<'_> {
    match spec {
        ItemSpec::Vehicle {
            plate,
            vin,
            make,
            model,
            year,
            colour,
            vehicle_class,
        } => (
            plate.as_deref(),
            vin.as_deref(),
            Some(make),
            Some(model),
            *year,
            colour.as_deref(),
            Some(vehicle_class.code()),
            None,
            None,
            None,
        ),
        ItemSpec::Device {
            category,
            brand,
            model,
            serial,
        } => (
            None,
            None,
            None,
            model.as_deref(),
            None,
            None,
            None,
            Some(category),
            Some(brand),
            serial.as_deref(),
        ),
    }
}

pub fn insert(tx: &Tx, owner_id: i64, spec: &ItemSpec, now: &str) -> Result<i64> {
    let c = columns(spec);
    tx.sql().execute(
        "INSERT INTO items (kind, owner_id, plate, vin, make, model, year, colour, vehicle_class,
         category, brand, serial, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        crate::sql_params![spec.kind_code(), owner_id, c.0, c.1, c.2, c.3, c.4, c.5, c.6, c.7, c.8, c.9, now],
    )?;
    Ok(tx.sql().last_insert_rowid()?)
}

pub fn update(tx: &Tx, id: i64, spec: &ItemSpec) -> Result<()> {
    let c = columns(spec);
    tx.sql().execute(
        "UPDATE items SET plate = ?2, vin = ?3, make = ?4, model = ?5, year = ?6, colour = ?7,
         vehicle_class = ?8, category = ?9, brand = ?10, serial = ?11 WHERE id = ?1",
        crate::sql_params![id, c.0, c.1, c.2, c.3, c.4, c.5, c.6, c.7, c.8, c.9],
    )?;
    Ok(())
}

pub fn get(tx: &Tx, id: i64) -> Result<Option<Item>> {
    tx.together(get_read(id))
}

pub fn get_read(item: impl Into<Key>) -> Read<'static, Option<Item>> {
    let item = item.into();
    Read::first(
        format!("SELECT {COLUMNS} FROM items i WHERE i.id = {}", item.sql()),
        item,
        from_row,
    )
}

/// The items with `ids` (one query per 256).
pub fn by_ids(tx: &Tx, ids: &[i64]) -> Result<HashMap<i64, Item>> {
    tx.together(by_ids_read(ids))
}

pub fn by_ids_read(ids: &[i64]) -> impl Reads<Out = HashMap<i64, Item>> {
    read::of_ids(
        ids,
        &[],
        |ids| format!("SELECT {COLUMNS} FROM items i WHERE i.id IN ({ids})"),
        from_row,
    )
    .then(|items| Ok(items.into_iter().map(|i| (i.id, i)).collect()))
}

pub fn owned_by(tx: &Tx, customer_id: i64) -> Result<Vec<Item>> {
    let mut st = tx.sql().prepare_cached(&format!(
        "SELECT {COLUMNS} FROM items i WHERE i.owner_id = ?1 ORDER BY i.id"
    ))?;
    let rows = st.query_map([customer_id], from_row)?;
    Ok(rows.collect::<super::driver::SqlResult<_>>()?)
}

/// Another item with the same plate, VIN or (brand, serial), if any.
pub fn find_duplicate(tx: &Tx, spec: &ItemSpec, except: Option<i64>) -> Result<Option<i64>> {
    let except = except.unwrap_or(-1);
    let q = |sql: &str, a: &str, b: Option<&str>| -> Result<Option<i64>> {
        Ok(tx
            .sql()
            .query_row(sql, crate::sql_params![a, b, except], |r| r.get(0))
            .optional()?)
    };
    match spec {
        ItemSpec::Vehicle { plate, vin, .. } => {
            if let Some(v) = vin {
                if let Some(id) = q(
                    "SELECT id FROM items WHERE vin = ?1 AND CAST(?2 AS TEXT) IS NULL AND id <> ?3",
                    v,
                    None,
                )? {
                    return Ok(Some(id));
                }
            }
            if let Some(p) = plate {
                return q(
                    "SELECT id FROM items WHERE plate = ?1 AND CAST(?2 AS TEXT) IS NULL AND id <> ?3",
                    p,
                    None,
                );
            }
            Ok(None)
        }
        ItemSpec::Device {
            brand,
            serial: Some(sn),
            ..
        } => q(
            "SELECT id FROM items WHERE serial = ?1 AND brand = ?2 AND id <> ?3",
            sn,
            Some(brand),
        ),
        ItemSpec::Device { .. } => Ok(None),
    }
}

pub fn set_owner(tx: &Tx, id: i64, owner_id: i64) -> Result<()> {
    tx.sql().execute(
        "UPDATE items SET owner_id = ?2 WHERE id = ?1",
        (id, owner_id),
    )?;
    Ok(())
}

pub fn open_ownership(
    tx: &Tx,
    item_id: i64,
    customer_id: i64,
    now: &str,
    staff_id: i64,
) -> Result<()> {
    tx.sql().execute(
        "INSERT INTO item_owners (item_id, customer_id, from_at, staff_id) VALUES (?1, ?2, ?3, ?4)",
        (item_id, customer_id, now, staff_id),
    )?;
    Ok(())
}

pub fn close_ownership(tx: &Tx, item_id: i64, now: &str) -> Result<()> {
    tx.sql().execute(
        "UPDATE item_owners SET until_at = ?2 WHERE item_id = ?1 AND until_at IS NULL",
        (item_id, now),
    )?;
    Ok(())
}

pub fn owners(tx: &Tx, item_id: i64) -> Result<Vec<Ownership>> {
    let mut st = tx.sql().prepare_cached(
        "SELECT o.customer_id, c.name, o.from_at, o.until_at FROM item_owners o
         JOIN customers c ON c.id = o.customer_id WHERE o.item_id = ?1 ORDER BY o.id",
    )?;
    let rows = st.query_map([item_id], |r| {
        Ok(Ownership {
            customer_id: r.get(0)?,
            customer_name: r.get(1)?,
            from_at: r.get(2)?,
            until_at: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<super::driver::SqlResult<_>>()?)
}

pub fn add_odometer(
    tx: &Tx,
    item_id: i64,
    reading: i64,
    now: &str,
    job_id: Option<i64>,
    source: &str,
) -> Result<()> {
    tx.sql().execute(
        "INSERT INTO odometer_readings (item_id, reading, at, job_id, source) VALUES (?1, ?2, ?3, ?4, ?5)",
        (item_id, reading, now, job_id, source),
    )?;
    Ok(())
}

pub fn odometer_readings(tx: &Tx, item_id: i64) -> Result<Vec<OdometerReading>> {
    let mut st = tx.sql().prepare_cached(
        "SELECT reading, at, source FROM odometer_readings WHERE item_id = ?1 ORDER BY at, id",
    )?;
    let rows = st.query_map([item_id], |r| {
        Ok(OdometerReading {
            reading: r.get(0)?,
            at: r.get(1)?,
            source: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<super::driver::SqlResult<_>>()?)
}

/// The odometer histories of `item_ids`, each oldest first, a query per 256
/// items, as a read to run with others (the reminder list's rows).
pub fn odometer_readings_of_read(
    item_ids: &[i64],
) -> impl Reads<Out = HashMap<i64, Vec<OdometerReading>>> + 'static {
    read::of_ids(
        item_ids,
        &[],
        |ids| {
            format!(
                "SELECT item_id, reading, at, source FROM odometer_readings
                  WHERE item_id IN ({ids}) ORDER BY item_id, at, id"
            )
        },
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                OdometerReading {
                    reading: r.get(1)?,
                    at: r.get(2)?,
                    source: r.get(3)?,
                },
            ))
        },
    )
    .then(|rows| {
        let mut found: HashMap<i64, Vec<OdometerReading>> = HashMap::new();
        for (item, reading) in rows {
            found.entry(item).or_default().push(reading);
        }
        Ok(found)
    })
}

/// Items registered in a period, for an export: id, kind, owner id and name,
/// plate, VIN, make or brand, model, year, colour, category, serial, latest
/// odometer, registered at.
pub fn export(tx: &Tx, from: &str, to: &str) -> Result<Vec<crate::model::sheet::Row>> {
    use super::sheet::Kind::*;
    super::sheet::rows(
        tx,
        "SELECT i.id, i.kind, i.owner_id, c.name, i.plate, i.vin, coalesce(i.make, i.brand), i.model,
                i.year, i.colour, i.category, i.serial,
                (SELECT max(reading) FROM odometer_readings o WHERE o.item_id = i.id), i.created_at
         FROM items i JOIN customers c ON c.id = i.owner_id
         WHERE i.created_at >= ?1 AND i.created_at < ?2 ORDER BY i.id",
        from,
        to,
        &[Int, Text, Int, Text, Text, Text, Text, Text, Int, Text, Text, Text, Int, Time],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_vehicles_devices_owners_and_readings() {
        let mut conn = crate::store::open_in_memory().unwrap();
        let tx = crate::store::write_tx(&mut conn).unwrap();
        let s = crate::store::staff::insert(&tx, "A", &[crate::model::staff::Role::Counter], "t")
            .unwrap();
        tx.sql().execute("INSERT INTO customers (kind, name, created_at, created_by) VALUES ('person','A','t',?1),('person','B','t',?1)", [s]).unwrap();
        let car = ItemSpec::Vehicle {
            plate: Some("粤B12345".into()),
            vin: None,
            make: "Toyota".into(),
            model: "Corolla".into(),
            year: Some(2019),
            colour: None,
            vehicle_class: VehicleClass::Car,
        };
        let id = insert(&tx, 1, &car, "2026-01-01T00:00:00Z").unwrap();
        open_ownership(&tx, id, 1, "2026-01-01T00:00:00Z", s).unwrap();
        add_odometer(&tx, id, 1000, "2026-01-01T00:00:00Z", None, "intake").unwrap();
        add_odometer(&tx, id, 1500, "2026-02-01T00:00:00Z", None, "intake").unwrap();
        let got = get(&tx, id).unwrap().unwrap();
        assert_eq!(got.spec, car);
        assert_eq!(got.odometer, Some(1500));
        assert_eq!(find_duplicate(&tx, &car, None).unwrap(), Some(id));
        assert_eq!(find_duplicate(&tx, &car, Some(id)).unwrap(), None);
        close_ownership(&tx, id, "2026-03-01T00:00:00Z").unwrap();
        open_ownership(&tx, id, 2, "2026-03-01T00:00:00Z", s).unwrap();
        set_owner(&tx, id, 2).unwrap();
        let o = owners(&tx, id).unwrap();
        assert_eq!(o.len(), 2);
        assert!(o[0].until_at.is_some() && o[1].until_at.is_none());
        assert_eq!(owned_by(&tx, 2).unwrap().len(), 1);
        let phone = ItemSpec::Device {
            category: "phone".into(),
            brand: "Apple".into(),
            model: None,
            serial: Some("SN1".into()),
        };
        let pid = insert(&tx, 2, &phone, "t").unwrap();
        assert_eq!(get(&tx, pid).unwrap().unwrap().spec, phone);
    }
}

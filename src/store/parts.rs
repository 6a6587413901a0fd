//! SQL for `parts` (the catalogue with stock on hand) and `stock_movements`
//! (append-only). Stock on hand changes only together with a movement.

use super::driver::{DbRow as Row, OptionalExtension};
use super::Tx;
use crate::base::error::Result;
use crate::base::money::Qty;
use crate::model::line::PartKind;
use crate::model::part::{Movement, Part, PartInput};

const COLUMNS: &str = "id, part_number, name, brand, kind, unit, cost, price, on_hand, reorder_level, supplier, active";

fn from_row(r: &Row) -> super::driver::SqlResult<Part> {
    let kind: String = r.get(4)?;
    Ok(Part {
        id: r.get(0)?,
        part_number: r.get(1)?,
        name: r.get(2)?,
        brand: r.get(3)?,
        kind: PartKind::parse(&kind).unwrap_or(PartKind::NewAftermarket),
        unit: r.get(5)?,
        cost: r.get(6)?,
        price: r.get(7)?,
        on_hand: Qty(r.get(8)?),
        reorder_level: Qty(r.get(9)?),
        supplier: r.get(10)?,
        active: r.get(11)?,
    })
}

pub fn insert(tx: &Tx, p: &PartInput) -> Result<i64> {
    tx.sql().execute(
        "INSERT INTO parts (part_number, name, brand, kind, unit, cost, price, reorder_level, supplier)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        crate::sql_params![p.part_number, p.name, p.brand, p.kind.code(), p.unit, p.cost, p.price, p.reorder_level.milli(), p.supplier],
    )?;
    Ok(tx.sql().last_insert_rowid()?)
}

pub fn update(tx: &Tx, id: i64, p: &PartInput, active: bool) -> Result<()> {
    tx.sql().execute(
        "UPDATE parts SET part_number = ?2, name = ?3, brand = ?4, kind = ?5, unit = ?6, cost = ?7,
         price = ?8, reorder_level = ?9, supplier = ?10, active = ?11 WHERE id = ?1",
        crate::sql_params![
            id,
            p.part_number,
            p.name,
            p.brand,
            p.kind.code(),
            p.unit,
            p.cost,
            p.price,
            p.reorder_level.milli(),
            p.supplier,
            active
        ],
    )?;
    Ok(())
}

pub fn get(tx: &Tx, id: i64) -> Result<Option<Part>> {
    Ok(tx
        .sql()
        .query_row(
            &format!("SELECT {COLUMNS} FROM parts WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?)
}

pub fn by_number(tx: &Tx, number: &str) -> Result<Option<Part>> {
    Ok(tx
        .sql()
        .query_row(
            &format!("SELECT {COLUMNS} FROM parts WHERE part_number = ?1"),
            [number],
            from_row,
        )
        .optional()?)
}

/// Active parts whose number starts with, or whose name contains, `q`.
pub fn search(tx: &Tx, q: &str, limit: i64) -> Result<Vec<Part>> {
    let mut st = tx.sql().prepare_cached(&format!(
        "SELECT {COLUMNS} FROM parts WHERE active = 1 AND (part_number >= ?1 AND part_number < ?3
         OR instr(lower(name), lower(?1)) > 0 OR instr(lower(COALESCE(brand, '')), lower(?1)) > 0)
         ORDER BY part_number LIMIT ?2"
    ))?;
    // ?3: the end of the numbers starting with `q` (the highest code point after it).
    let rows = st.query_map((q, limit, format!("{q}\u{10FFFF}")), from_row)?;
    Ok(rows.collect::<super::driver::SqlResult<_>>()?)
}

/// Active parts at or below their reorder level.
pub fn low_stock(tx: &Tx) -> Result<Vec<Part>> {
    let mut st = tx.sql().prepare_cached(&format!(
        "SELECT {COLUMNS} FROM parts WHERE active = 1 AND on_hand <= reorder_level ORDER BY part_number"
    ))?;
    let rows = st.query_map((), from_row)?;
    Ok(rows.collect::<super::driver::SqlResult<_>>()?)
}

/// Appends a movement and, when it moves shop stock, changes stock on hand.
pub fn record(tx: &Tx, m: &Movement, moves_stock: bool) -> Result<i64> {
    tx.sql().execute(
        "INSERT INTO stock_movements (part_id, kind, quantity, unit_cost, source, supplier, supplier_invoice,
         batch, job_id, line_id, reason, staff_id, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        crate::sql_params![
            m.part_id, m.kind, m.quantity.milli(), m.unit_cost, m.source, m.supplier, m.supplier_invoice,
            m.batch, m.job_id, m.line_id, m.reason, m.staff_id, m.at
        ],
    )?;
    let id = tx.sql().last_insert_rowid()?;
    if let (true, Some(part)) = (moves_stock, m.part_id) {
        tx.sql().execute(
            "UPDATE parts SET on_hand = on_hand + ?2 WHERE id = ?1",
            (part, m.quantity.milli()),
        )?;
    }
    Ok(id)
}

const MOVEMENT_COLUMNS: &str =
    "id, part_id, kind, quantity, unit_cost, source, supplier, supplier_invoice, batch,
    job_id, line_id, reason, staff_id, at";

fn movement(r: &Row) -> super::driver::SqlResult<Movement> {
    Ok(Movement {
        id: r.get(0)?,
        part_id: r.get(1)?,
        kind: r.get(2)?,
        quantity: Qty(r.get(3)?),
        unit_cost: r.get(4)?,
        source: r.get(5)?,
        supplier: r.get(6)?,
        supplier_invoice: r.get(7)?,
        batch: r.get(8)?,
        job_id: r.get(9)?,
        line_id: r.get(10)?,
        reason: r.get(11)?,
        staff_id: r.get(12)?,
        at: r.get(13)?,
    })
}

pub fn movements_for_part(tx: &Tx, part_id: i64, limit: i64) -> Result<Vec<Movement>> {
    let mut st = tx.sql().prepare_cached(&format!(
        "SELECT {MOVEMENT_COLUMNS} FROM stock_movements WHERE part_id = ?1 ORDER BY id DESC LIMIT ?2"
    ))?;
    let rows = st.query_map((part_id, limit), movement)?;
    Ok(rows.collect::<super::driver::SqlResult<_>>()?)
}

/// Net quantity of `part_id` consumed on `line_id` (consumption less returns).
pub fn consumed_on_line(tx: &Tx, line_id: i64, part_id: i64) -> Result<Qty> {
    Ok(Qty(tx.sql().query_row(
        "SELECT COALESCE(-SUM(quantity), 0) FROM stock_movements WHERE line_id = ?1 AND part_id = ?2",
        (line_id, part_id),
        |r| r.get(0),
    )?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(n: &str) -> PartInput {
        PartInput {
            part_number: n.into(),
            name: "Brake pads".into(),
            brand: Some("Bosch".into()),
            kind: PartKind::NewOem,
            unit: "set".into(),
            cost: 20_000,
            price: 36_000,
            reorder_level: Qty::from_units(2),
            supplier: None,
        }
    }

    #[test]
    fn stock_moves_only_with_a_movement_and_movements_are_permanent() {
        let mut conn = crate::store::open_in_memory().unwrap();
        let tx = crate::store::write_tx(&mut conn).unwrap();
        let s = crate::store::staff::insert(&tx, "A", &[crate::model::staff::Role::Counter], "t")
            .unwrap();
        let id = insert(&tx, &input("BP-1")).unwrap();
        assert_eq!(low_stock(&tx).unwrap().len(), 1);
        let m = Movement {
            id: 0,
            part_id: Some(id),
            kind: "receipt".into(),
            quantity: Qty::from_units(5),
            unit_cost: Some(19_000),
            source: "supplier".into(),
            supplier: Some("ACME".into()),
            supplier_invoice: Some("A-77".into()),
            batch: None,
            job_id: None,
            line_id: None,
            reason: None,
            staff_id: s,
            at: "t".into(),
        };
        record(&tx, &m, true).unwrap();
        assert_eq!(get(&tx, id).unwrap().unwrap().on_hand, Qty::from_units(5));
        assert!(low_stock(&tx).unwrap().is_empty());
        assert_eq!(
            search(&tx, "bp-", 10).unwrap().len(),
            0,
            "part numbers match by exact-case prefix"
        );
        assert_eq!(search(&tx, "BP-", 10).unwrap().len(), 1);
        assert_eq!(search(&tx, "brake", 10).unwrap().len(), 1);
        assert_eq!(
            movements_for_part(&tx, id, 10).unwrap()[0]
                .supplier_invoice
                .as_deref(),
            Some("A-77")
        );
        assert!(tx
            .sql()
            .execute("UPDATE stock_movements SET quantity = 0", ())
            .is_err());
        assert!(tx.sql().execute("DELETE FROM stock_movements", ()).is_err());
    }
}

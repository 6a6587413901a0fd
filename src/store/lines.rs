//! SQL for `estimate_lines` and `canned_jobs`.

use super::driver::read::{self, Read, Reads};
use super::driver::{DbRow as Row, OptionalExtension};
use super::{Key, Tx};
use crate::base::error::Result;
use crate::base::money::Qty;
use crate::base::totals::{LineKind, Priced};
use crate::model::line::{Line, LineStatus, OldPartFate, PartKind, Sublet, WorkState};
use std::collections::HashMap;

/// A line's own columns (then the two it is read with: consumed and clocked).
macro_rules! own_columns {
    () => {
        "id, job_id, position, supplement, kind, description, quantity, unit_price,
    part_number, brand, part_kind, tax_rate_bp, discount_bp, discount_amount, status,
    approved_quantity, approved_unit_price, approved_part_kind, decline_reason, decline_consequence,
    finding_id, work_state, technician_id, sublet_vendor, sublet_invoice, sublet_cost,
    old_part_fate, old_part_note, covered_by_card"
    };
}

const COLUMNS: &str = concat!(
    own_columns!(),
    ",
    (SELECT COALESCE(-SUM(m.quantity), 0) FROM stock_movements m WHERE m.line_id = estimate_lines.id),
    (SELECT COALESCE(SUM((julianday(c.stopped_at) - julianday(c.started_at)) * 1440), 0)
       FROM work_clocks c WHERE c.line_id = estimate_lines.id AND c.stopped_at IS NOT NULL)"
);

fn from_row(r: &Row) -> super::driver::SqlResult<Line> {
    let kind: String = r.get(4)?;
    let part_kind: Option<String> = r.get(10)?;
    let status: String = r.get(14)?;
    let approved_kind: Option<String> = r.get(17)?;
    let work: String = r.get(21)?;
    Ok(Line {
        id: r.get(0)?,
        job_id: r.get(1)?,
        position: r.get(2)?,
        supplement: r.get(3)?,
        kind: LineKind::parse(&kind),
        description: r.get(5)?,
        quantity: Qty(r.get(6)?),
        unit_price: r.get(7)?,
        part_number: r.get(8)?,
        brand: r.get(9)?,
        part_kind: part_kind.as_deref().and_then(PartKind::parse),
        tax_rate_bp: r.get(11)?,
        discount_bp: r.get(12)?,
        discount_amount: r.get(13)?,
        status: LineStatus::parse(&status),
        approved_quantity: r.get::<_, Option<i64>>(15)?.map(Qty),
        approved_unit_price: r.get(16)?,
        approved_part_kind: approved_kind.as_deref().and_then(PartKind::parse),
        decline_reason: r.get(18)?,
        decline_consequence: r.get(19)?,
        finding_id: r.get(20)?,
        work_state: WorkState::parse(&work),
        amount: 0,
        technician_id: r.get(22)?,
        sublet: match r.get::<_, Option<String>>(23)? {
            Some(vendor) => Some(Sublet {
                vendor,
                vendor_invoice: r.get(24)?,
                cost: r.get::<_, Option<i64>>(25)?.unwrap_or(0),
            }),
            None => None,
        },
        old_part_fate: r
            .get::<_, Option<String>>(26)?
            .as_deref()
            .and_then(OldPartFate::parse),
        old_part_note: r.get(27)?,
        covered_by_card: r.get(28)?,
        consumed: Qty(r.get(29)?),
        clocked_minutes: r.get::<_, f64>(30)?.round() as i64,
    })
}

pub fn insert(tx: &Tx, l: &Line, now: &str, staff_id: i64) -> Result<i64> {
    tx.sql().execute(
        "INSERT INTO estimate_lines (job_id, position, supplement, kind, description, quantity, unit_price,
         part_number, brand, part_kind, tax_rate_bp, discount_bp, discount_amount, status, finding_id,
         created_at, created_by, covered_by_card)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
        crate::sql_params![
            l.job_id, l.position, l.supplement, l.kind.code(), l.description, l.quantity.milli(),
            l.unit_price, l.part_number, l.brand, l.part_kind.map(|k| k.code()), l.tax_rate_bp,
            l.discount_bp, l.discount_amount, l.status.code(), l.finding_id, now, staff_id, l.covered_by_card
        ],
    )?;
    Ok(tx.sql().last_insert_rowid()?)
}

/// Writes a line's editable fields (what the estimate editor changes).
pub fn update(tx: &Tx, l: &Line) -> Result<()> {
    tx.sql().execute(
        "UPDATE estimate_lines SET kind = ?2, description = ?3, quantity = ?4, unit_price = ?5,
         part_number = ?6, brand = ?7, part_kind = ?8, tax_rate_bp = ?9, discount_bp = ?10,
         discount_amount = ?11 WHERE id = ?1",
        crate::sql_params![
            l.id,
            l.kind.code(),
            l.description,
            l.quantity.milli(),
            l.unit_price,
            l.part_number,
            l.brand,
            l.part_kind.map(|k| k.code()),
            l.tax_rate_bp,
            l.discount_bp,
            l.discount_amount
        ],
    )?;
    Ok(())
}

/// Marks a line approved, freezing what was approved (the ceiling for later edits).
pub fn approve(tx: &Tx, id: i64) -> Result<()> {
    tx.sql().execute(
        "UPDATE estimate_lines SET status = 'approved', approved_quantity = quantity,
         approved_unit_price = unit_price, approved_part_kind = part_kind WHERE id = ?1",
        [id],
    )?;
    Ok(())
}

pub fn decline(tx: &Tx, id: i64, reason: &str, consequence: &str) -> Result<()> {
    tx.sql().execute(
        "UPDATE estimate_lines SET status = 'declined', decline_reason = ?2, decline_consequence = ?3 WHERE id = ?1",
        (id, reason, consequence),
    )?;
    Ok(())
}

pub fn set_status(tx: &Tx, id: i64, status: LineStatus) -> Result<()> {
    tx.sql().execute(
        "UPDATE estimate_lines SET status = ?2 WHERE id = ?1",
        (id, status.code()),
    )?;
    Ok(())
}

pub fn set_work_state(tx: &Tx, id: i64, state: WorkState) -> Result<()> {
    tx.sql().execute(
        "UPDATE estimate_lines SET work_state = ?2 WHERE id = ?1",
        (id, state.code()),
    )?;
    Ok(())
}

pub fn set_technician(tx: &Tx, id: i64, staff_id: i64) -> Result<()> {
    tx.sql().execute(
        "UPDATE estimate_lines SET technician_id = ?2 WHERE id = ?1",
        (id, staff_id),
    )?;
    Ok(())
}

pub fn set_sublet(tx: &Tx, id: i64, s: &Sublet) -> Result<()> {
    tx.sql().execute(
        "UPDATE estimate_lines SET sublet_vendor = ?2, sublet_invoice = ?3, sublet_cost = ?4 WHERE id = ?1",
        (id, &s.vendor, &s.vendor_invoice, s.cost),
    )?;
    Ok(())
}

pub fn set_old_part_fate(tx: &Tx, id: i64, fate: OldPartFate, note: Option<&str>) -> Result<()> {
    tx.sql().execute(
        "UPDATE estimate_lines SET old_part_fate = ?2, old_part_note = ?3 WHERE id = ?1",
        (id, fate.code(), note),
    )?;
    Ok(())
}

pub fn get(tx: &Tx, id: i64) -> Result<Option<Line>> {
    Ok(tx
        .sql()
        .query_row(
            &format!("SELECT {COLUMNS} FROM estimate_lines WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?)
}

/// Every line of the job, removed ones included, in order.
pub fn for_job(tx: &Tx, job_id: i64) -> Result<Vec<Line>> {
    tx.together(for_job_read(job_id))
}

pub fn for_job_read(job: impl Into<Key>) -> Read<'static, Vec<Line>> {
    let job = job.into();
    Read::all(
        format!(
            "SELECT {COLUMNS} FROM estimate_lines WHERE job_id = {} ORDER BY position, id",
            job.sql()
        ),
        job,
        from_row,
    )
}

/// The lines of each of `job_ids` as far as their totals need them — a
/// line's status and its price (`Priced`), in each job's order — one query
/// per 256 jobs: the board prices a whole shop's open jobs at once, and a
/// card shows none of the lines' words.
pub fn priced_for_jobs(
    tx: &Tx,
    job_ids: &[i64],
) -> Result<HashMap<i64, Vec<(LineStatus, Priced)>>> {
    tx.together(priced_for_jobs_read(job_ids))
}

pub fn priced_for_jobs_read(
    job_ids: &[i64],
) -> impl Reads<Out = HashMap<i64, Vec<(LineStatus, Priced)>>> {
    read::of_ids(
        job_ids,
        &[],
        |ids| {
            format!(
                "SELECT job_id, status, kind, quantity, unit_price, discount_bp, discount_amount, tax_rate_bp
                 FROM estimate_lines WHERE job_id IN ({ids}) ORDER BY job_id, position, id"
            )
        },
        |r| {
            let status: String = r.get(1)?;
            let kind: String = r.get(2)?;
            Ok((
                r.get::<_, i64>(0)?,
                LineStatus::parse(&status),
                Priced {
                    kind: LineKind::parse(&kind),
                    quantity: Qty(r.get(3)?),
                    unit_price: r.get(4)?,
                    discount_bp: r.get(5)?,
                    discount_amount: r.get(6)?,
                    tax_rate_bp: r.get(7)?,
                },
            ))
        },
    )
    .then(|rows| {
        let mut found: HashMap<i64, Vec<(LineStatus, Priced)>> = HashMap::new();
        for (job, status, priced) in rows {
            found.entry(job).or_default().push((status, priced));
        }
        Ok(found)
    })
}

pub fn next_position(tx: &Tx, job_id: i64) -> Result<i64> {
    Ok(tx.sql().query_row(
        "SELECT COALESCE(MAX(position), 0) + 1 FROM estimate_lines WHERE job_id = ?1",
        [job_id],
        |r| r.get(0),
    )?)
}

pub fn save_canned(tx: &Tx, name: &str, lines_json: &str) -> Result<i64> {
    tx.sql().execute(
        "INSERT INTO canned_jobs (name, lines) VALUES (?1, ?2)
         ON CONFLICT (name) DO UPDATE SET lines = excluded.lines",
        (name, lines_json),
    )?;
    Ok(tx
        .sql()
        .query_row("SELECT id FROM canned_jobs WHERE name = ?1", [name], |r| {
            r.get(0)
        })?)
}

pub fn canned(tx: &Tx) -> Result<Vec<(i64, String, String)>> {
    let mut st = tx
        .sql()
        .prepare_cached("SELECT id, name, lines FROM canned_jobs ORDER BY name")?;
    let rows = st.query_map((), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<super::driver::SqlResult<_>>()?)
}

/// The descriptions of a job's approved lines that are done (what was billed),
/// in order: the calls list's "work done" without reading the frozen invoice.
pub fn done_descriptions(tx: &Tx, job_id: i64) -> Result<Vec<String>> {
    Ok(done_descriptions_of(tx, &[job_id])?
        .remove(&job_id)
        .unwrap_or_default())
}

/// The approved work done on each of `job_ids`, in each job's order.
pub fn done_descriptions_of(tx: &Tx, job_ids: &[i64]) -> Result<HashMap<i64, Vec<String>>> {
    tx.together(done_descriptions_of_read(job_ids))
}

pub fn done_descriptions_of_read(job_ids: &[i64]) -> impl Reads<Out = HashMap<i64, Vec<String>>> {
    read::of_ids(
        job_ids,
        &[],
        |ids| {
            format!(
                "SELECT job_id, description FROM estimate_lines
                 WHERE job_id IN ({ids}) AND status = 'approved' AND work_state = 'done'
                 ORDER BY job_id, position"
            )
        },
        |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
    )
    .then(|rows| {
        let mut found: HashMap<i64, Vec<String>> = HashMap::new();
        for (id, d) in rows {
            found.entry(id).or_default().push(d);
        }
        Ok(found)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn approval_freezes_quantity_price_and_kind() {
        let mut conn = crate::store::open_in_memory().unwrap();
        let tx = crate::store::write_tx(&mut conn).unwrap();
        let s = crate::store::staff::insert(&tx, "A", &[crate::model::staff::Role::Counter], "t")
            .unwrap();
        tx.sql().execute_batch(&format!(
            "INSERT INTO customers (kind, name, created_at, created_by) VALUES ('person','A','t',{s});
             INSERT INTO items (kind, owner_id, plate, make, model, created_at) VALUES ('vehicle',1,'X','M','N','t');
             INSERT INTO jobs (number, customer_id, item_id, complaint, state, created_at, created_by)
               VALUES ('J1',1,1,'noise','received','t',{s});"
        ))
        .unwrap();
        let mut l = Line::draft(
            1,
            1,
            0,
            LineKind::Part,
            "Brake pads".into(),
            Qty::ONE,
            30_000,
            1300,
        );
        l.part_kind = Some(PartKind::NewOem);
        l.id = insert(&tx, &l, "t", s).unwrap();
        assert_eq!(next_position(&tx, 1).unwrap(), 2);
        approve(&tx, l.id).unwrap();
        l.quantity = Qty(2000);
        update(&tx, &l).unwrap();
        let got = get(&tx, l.id).unwrap().unwrap();
        assert_eq!(got.status, LineStatus::Approved);
        assert_eq!(got.approved_quantity, Some(Qty::ONE));
        assert_eq!(got.quantity, Qty(2000));
        assert_eq!(got.approved_part_kind, Some(PartKind::NewOem));
        save_canned(&tx, "Oil change", "[]").unwrap();
        save_canned(&tx, "Oil change", "[1]").unwrap();
        assert_eq!(canned(&tx).unwrap().len(), 1);
    }
}

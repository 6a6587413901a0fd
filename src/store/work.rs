//! SQL for `work_clocks` and the job-level work fields (category, odometer out).

use super::driver::read::Read;
use super::driver::OptionalExtension;
use super::{Key, Tx};
use crate::base::error::Result;

pub fn start_clock(tx: &Tx, line_id: i64, staff_id: i64, now: &str) -> Result<()> {
    tx.sql().execute(
        "INSERT INTO work_clocks (line_id, staff_id, started_at) VALUES (?1, ?2, ?3)",
        (line_id, staff_id, now),
    )?;
    Ok(())
}

/// The open clock of `staff_id`, if any: (clock id, line id).
pub fn open_clock(tx: &Tx, staff_id: i64) -> Result<Option<(i64, i64)>> {
    Ok(tx
        .sql()
        .query_row(
            "SELECT id, line_id FROM work_clocks WHERE staff_id = ?1 AND stopped_at IS NULL",
            [staff_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

pub fn stop_clock(tx: &Tx, clock_id: i64, now: &str) -> Result<()> {
    tx.sql().execute(
        "UPDATE work_clocks SET stopped_at = ?2 WHERE id = ?1",
        (clock_id, now),
    )?;
    Ok(())
}

/// A job clock still running.
pub struct OpenClock {
    pub id: i64,
    pub line_id: i64,
    pub technician_id: i64,
    pub technician: String,
    pub since: String,
}

/// The clocks still running on a job's lines, oldest first.
pub fn running_on_job(tx: &Tx, job_id: i64) -> Result<Vec<OpenClock>> {
    tx.together(running_on_job_read(job_id))
}

pub fn running_on_job_read(job: impl Into<Key>) -> Read<'static, Vec<OpenClock>> {
    let job = job.into();
    Read::all(
        format!(
            "SELECT c.id, c.line_id, c.staff_id, s.name, c.started_at FROM work_clocks c
             JOIN estimate_lines l ON l.id = c.line_id JOIN staff s ON s.id = c.staff_id
             WHERE l.job_id = {} AND c.stopped_at IS NULL ORDER BY c.id",
            job.sql()
        ),
        job,
        |r| {
            Ok(OpenClock {
                id: r.get(0)?,
                line_id: r.get(1)?,
                technician_id: r.get(2)?,
                technician: r.get(3)?,
                since: r.get(4)?,
            })
        },
    )
}

/// Open clocks on a job's lines.
pub fn open_clocks_on_job(tx: &Tx, job_id: i64) -> Result<i64> {
    Ok(tx.sql().query_row(
        "SELECT COUNT(*) FROM work_clocks c JOIN estimate_lines l ON l.id = c.line_id
         WHERE l.job_id = ?1 AND c.stopped_at IS NULL",
        [job_id],
        |r| r.get(0),
    )?)
}

/// Everyone who worked on the job: assigned to a line or clocked on one.
pub fn technicians_on_job(tx: &Tx, job_id: i64) -> Result<Vec<i64>> {
    let mut st = tx.sql().prepare_cached(
        "SELECT technician_id FROM estimate_lines WHERE job_id = ?1 AND technician_id IS NOT NULL
         UNION SELECT c.staff_id FROM work_clocks c JOIN estimate_lines l ON l.id = c.line_id WHERE l.job_id = ?1",
    )?;
    let rows = st.query_map([job_id], |r| r.get(0))?;
    Ok(rows.collect::<super::driver::SqlResult<_>>()?)
}

pub fn set_category(tx: &Tx, job_id: i64, category: &str) -> Result<()> {
    tx.sql().execute(
        "UPDATE jobs SET repair_category = ?2 WHERE id = ?1",
        (job_id, category),
    )?;
    Ok(())
}

pub fn set_completed(tx: &Tx, job_id: i64, at: &str, odometer_out: Option<i64>) -> Result<()> {
    tx.sql().execute(
        "UPDATE jobs SET completed_at = ?2, odometer_out = ?3 WHERE id = ?1",
        (job_id, at, odometer_out),
    )?;
    Ok(())
}

pub fn set_delivered(tx: &Tx, job_id: i64, at: &str) -> Result<()> {
    tx.sql().execute(
        "UPDATE jobs SET delivered_at = ?2 WHERE id = ?1",
        (job_id, at),
    )?;
    Ok(())
}

/// A running clock as the board shows it: on which job, whose, since when.
pub struct BoardClock {
    pub job_number: String,
    pub technician: String,
    pub since: String,
}

/// Every clock still running in the shop (the partial index keeps it small).
pub fn running_in_shop(tx: &Tx) -> Result<Vec<BoardClock>> {
    tx.together(running_in_shop_read())
}

pub fn running_in_shop_read() -> Read<'static, Vec<BoardClock>> {
    Read::all(
        "SELECT j.number, s.name, c.started_at FROM work_clocks c
         JOIN estimate_lines l ON l.id = c.line_id JOIN jobs j ON j.id = l.job_id
         JOIN staff s ON s.id = c.staff_id
         WHERE c.stopped_at IS NULL ORDER BY c.started_at, c.id",
        (),
        |r| {
            Ok(BoardClock {
                job_number: r.get(0)?,
                technician: r.get(1)?,
                since: r.get(2)?,
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_open_clock_per_person_and_who_worked() {
        let mut conn = crate::store::open_in_memory().unwrap();
        let tx = crate::store::write_tx(&mut conn).unwrap();
        let s =
            crate::store::staff::insert(&tx, "A", &[crate::model::staff::Role::Technician], "t")
                .unwrap();
        tx.sql().execute_batch(&format!(
            "INSERT INTO customers (kind, name, created_at, created_by) VALUES ('person','A','t',{s});
             INSERT INTO items (kind, owner_id, plate, make, model, created_at) VALUES ('vehicle',1,'X','M','N','t');
             INSERT INTO jobs (number, customer_id, item_id, complaint, state, created_at, created_by)
               VALUES ('J1',1,1,'noise','in_work','t',{s});
             INSERT INTO estimate_lines (job_id, position, supplement, kind, description, quantity, unit_price,
               tax_rate_bp, status, created_at, created_by) VALUES (1,1,0,'labour','x',1000,100,0,'approved','t',{s});"
        ))
        .unwrap();
        start_clock(&tx, 1, s, "2026-01-01T10:00:00Z").unwrap();
        let (clock, line) = open_clock(&tx, s).unwrap().unwrap();
        assert_eq!(line, 1);
        assert_eq!(open_clocks_on_job(&tx, 1).unwrap(), 1);
        stop_clock(&tx, clock, "2026-01-01T11:30:00Z").unwrap();
        assert!(open_clock(&tx, s).unwrap().is_none());
        assert_eq!(technicians_on_job(&tx, 1).unwrap(), vec![s]);
        let l = crate::store::lines::get(&tx, 1).unwrap().unwrap();
        assert_eq!(l.clocked_minutes, 90);
    }
}

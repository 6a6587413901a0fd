//! SQL for `job_events`, the append-only job history (triggers refuse changes).

use super::driver::read::{self, Read, Reads};
use super::driver::OptionalExtension;
use super::{Key, Tx};
use crate::base::error::Result;
use crate::model::job_event::{JobEvent, JobEventKind};
use std::collections::HashMap;

pub fn append(tx: &Tx, job_id: i64, at: &str, staff_id: i64, event: &JobEventKind) -> Result<()> {
    let (action, detail) = event.to_parts();
    tx.sql().execute(
        "INSERT INTO job_events (job_id, at, staff_id, action, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        (job_id, at, staff_id, action, detail),
    )?;
    Ok(())
}

/// The job's history, oldest first.
pub fn for_job(tx: &Tx, job_id: i64) -> Result<Vec<JobEvent>> {
    tx.together(for_job_read(job_id))
}

pub fn for_job_read(job: impl Into<Key>) -> Read<'static, Vec<JobEvent>> {
    let job = job.into();
    Read::all(
        format!(
            "SELECT e.at, e.staff_id, s.name, e.action, e.detail FROM job_events e
             JOIN staff s ON s.id = e.staff_id WHERE e.job_id = {} ORDER BY e.id",
            job.sql()
        ),
        job,
        |r| {
            let action: String = r.get(3)?;
            let detail: String = r.get(4)?;
            Ok(JobEvent {
                at: r.get(0)?,
                staff_id: r.get(1)?,
                staff_name: r.get(2)?,
                event: JobEventKind::from_parts(&action, &detail),
            })
        },
    )
}

/// When the job entered the state it is in: its last state change (`None`
/// for a job still in the state it was received in).
pub fn state_since(tx: &Tx, job_id: i64) -> Result<Option<String>> {
    let mut st = tx.sql().prepare_cached(
        "SELECT at FROM job_events WHERE job_id = ?1 AND action = 'state' ORDER BY id DESC LIMIT 1",
    )?;
    Ok(st.query_row([job_id], |r| r.get(0)).optional()?)
}

/// For each of `job_ids`, when its latest event of `action` happened (one
/// query per 256 jobs: the board reads a whole shop's cards at once).
/// The action is written into the statement (`code_literal`), so the
/// server keeps one plan for each action rather than planning every run.
pub fn latest_of_read(
    job_ids: &[i64],
    action: &'static str,
) -> impl Reads<Out = HashMap<i64, String>> {
    let action = super::driver::code_literal(action);
    read::of_ids(
        job_ids,
        &[],
        move |ids| {
            format!(
                "SELECT job_id, at FROM job_events WHERE id IN (
                   SELECT max(id) FROM job_events
                    WHERE action = {action} AND job_id IN ({ids}) GROUP BY job_id)"
            )
        },
        |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
    )
    .then(|rows| Ok(rows.into_iter().collect()))
}

/// When the customer was last told the job is ready to collect.
pub fn told_ready(tx: &Tx, job_id: i64) -> Result<Option<String>> {
    let mut st = tx.sql().prepare_cached(
        "SELECT at FROM job_events WHERE job_id = ?1 AND action = 'customer_told_ready'
         ORDER BY id DESC LIMIT 1",
    )?;
    Ok(st.query_row([job_id], |r| r.get(0)).optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_cannot_be_rewritten() {
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
        let e = JobEventKind::WorkDone { line_id: 7 };
        append(&tx, 1, "t1", s, &e).unwrap();
        assert_eq!(for_job(&tx, 1).unwrap()[0].event, e);
        assert!(tx
            .sql()
            .execute("UPDATE job_events SET action = 'x'", ())
            .is_err());
        assert!(tx.sql().execute("DELETE FROM job_events", ()).is_err());
        assert_eq!(for_job(&tx, 1).unwrap().len(), 1);
    }
}

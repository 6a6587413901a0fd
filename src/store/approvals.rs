//! SQL for `approvals`, `approval_lines` (both append-only: triggers refuse change)
//! and `recommendations`.

use super::driver::read::{self, Read, Reads};
use super::driver::{DbRow as Row, OptionalExtension};
use super::{Key, Tx};
use crate::base::error::Result;
use crate::base::money::{Money, Qty};
use crate::model::approval::{
    ApprovalRecord, ApprovedLine, Decision, Method, OldParts, Recommendation,
};
use std::collections::HashMap;

pub struct NewApproval<'a> {
    pub job_id: i64,
    pub supplement: i64,
    pub method: &'a str,
    pub approver_name: &'a str,
    pub designated_person_id: Option<i64>,
    pub contact: Option<&'a str>,
    pub signature: Option<&'a [u8]>,
    pub staff_id: i64,
    pub at: &'a str,
    pub conditions: Option<&'a str>,
    pub old_parts: Option<&'a str>,
    pub previous_total: Money,
    pub amount_approved: Money,
    pub revised_total: Money,
}

pub fn insert(tx: &Tx, a: &NewApproval) -> Result<i64> {
    tx.sql().execute(
        "INSERT INTO approvals (job_id, supplement, method, approver_name, designated_person_id, contact,
         signature, staff_id, at, conditions, old_parts, previous_total, amount_approved, revised_total)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        crate::sql_params![
            a.job_id, a.supplement, a.method, a.approver_name, a.designated_person_id, a.contact,
            a.signature, a.staff_id, a.at, a.conditions, a.old_parts, a.previous_total,
            a.amount_approved, a.revised_total
        ],
    )?;
    Ok(tx.sql().last_insert_rowid()?)
}

pub fn insert_line(
    tx: &Tx,
    approval_id: i64,
    line_id: i64,
    decision: &str,
    quantity: i64,
    unit_price: Money,
) -> Result<()> {
    tx.sql().execute(
        "INSERT INTO approval_lines (approval_id, line_id, decision, quantity, unit_price) VALUES (?1, ?2, ?3, ?4, ?5)",
        (approval_id, line_id, decision, quantity, unit_price),
    )?;
    Ok(())
}

const COLUMNS: &str =
    "a.id, a.job_id, a.supplement, a.method, a.approver_name, a.designated_person_id,
    a.contact, a.signature IS NOT NULL, a.staff_id, s.name, a.at, a.conditions, a.old_parts,
    a.previous_total, a.amount_approved, a.revised_total";

fn from_row(r: &Row) -> super::driver::SqlResult<ApprovalRecord> {
    let method: String = r.get(3)?;
    let old: Option<String> = r.get(12)?;
    Ok(ApprovalRecord {
        id: r.get(0)?,
        job_id: r.get(1)?,
        supplement: r.get(2)?,
        method: Method::parse(&method),
        approver_name: r.get(4)?,
        designated_person_id: r.get(5)?,
        contact: r.get(6)?,
        has_signature: r.get(7)?,
        staff_id: r.get(8)?,
        staff_name: r.get(9)?,
        at: r.get(10)?,
        conditions: r.get(11)?,
        old_parts: old.as_deref().and_then(OldParts::parse),
        previous_total: r.get(13)?,
        amount_approved: r.get(14)?,
        revised_total: r.get(15)?,
        lines: vec![],
    })
}

pub fn get(tx: &Tx, id: i64) -> Result<Option<ApprovalRecord>> {
    let mut found = tx.together(with_lines_where("a.id = ?1", id, Words::Joined))?;
    Ok(found.pop())
}

pub fn for_job(tx: &Tx, job_id: i64) -> Result<Vec<ApprovalRecord>> {
    tx.together(for_job_read(job_id))
}

/// The job's approvals, oldest first, each with its lines: the approvals
/// and their lines in one query, an approval's columns on each of its lines.
pub fn for_job_read(job: impl Into<Key>) -> impl Reads<Out = Vec<ApprovalRecord>> {
    let job = job.into();
    with_lines_where(&format!("a.job_id = {}", job.sql()), job, Words::Joined)
}

/// The job's approvals as `for_job_read` gives them, but each line's words
/// and place left to the caller, who reads the job's lines in the same round
/// trip and gives them with `ApprovalRecord::word_lines` (views/job.rs). On
/// the server that spares an opening the lines' primary-key block, often a
/// cold read from disk on a ten-year shop.
pub fn for_job_unworded_read(job: impl Into<Key>) -> impl Reads<Out = Vec<ApprovalRecord>> {
    let job = job.into();
    with_lines_where(&format!("a.job_id = {}", job.sql()), job, Words::Caller)
}

/// Where an approval's lines get their description and their order.
enum Words {
    /// Joined from `estimate_lines`, ordered by the line's position.
    Joined,
    /// Left empty, in line id order, for the caller to fill.
    Caller,
}

/// The approvals matching `filter` (on `a`, with `key` as ?1), oldest first,
/// each with its lines, in one query.
fn with_lines_where(
    filter: &str,
    key: impl Into<Key>,
    words: Words,
) -> impl Reads<Out = Vec<ApprovalRecord>> {
    let (description, join, order) = match words {
        Words::Joined => (
            "l.description",
            "LEFT JOIN estimate_lines l ON l.id = al.line_id",
            "l.position",
        ),
        Words::Caller => ("''", "", "al.line_id"),
    };
    Read::all(
        format!(
            "SELECT {COLUMNS}, al.line_id, al.decision, {description}, al.quantity, al.unit_price
             FROM approvals a JOIN staff s ON s.id = a.staff_id
             LEFT JOIN approval_lines al ON al.approval_id = a.id
             {join}
             WHERE {filter} ORDER BY a.id, {order}"
        ),
        key.into(),
        |r| {
            let line = match r.get::<_, Option<i64>>(16)? {
                None => None,
                Some(line_id) => Some(approved_line(r, line_id, 17)?),
            };
            Ok((from_row(r)?, line))
        },
    )
    .then(|rows| {
        let mut out: Vec<ApprovalRecord> = Vec::new();
        for (a, line) in rows {
            if out.last().is_none_or(|last| last.id != a.id) {
                out.push(a);
            }
            if let (Some(line), Some(last)) = (line, out.last_mut()) {
                last.lines.push(line);
            }
        }
        Ok(out)
    })
}

/// An approval's line from the columns at `at`.. (its line id read already).
fn approved_line(r: &Row, line_id: i64, at: usize) -> super::driver::SqlResult<ApprovedLine> {
    let d: String = r.get(at)?;
    Ok(ApprovedLine {
        line_id,
        decision: if d == "approved" {
            Decision::Approved
        } else {
            Decision::Declined
        },
        description: r.get(at + 1)?,
        quantity: Qty(r.get(at + 2)?),
        unit_price: r.get(at + 3)?,
    })
}

pub fn signature(tx: &Tx, id: i64) -> Result<Option<Vec<u8>>> {
    Ok(tx
        .sql()
        .query_row("SELECT signature FROM approvals WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?
        .flatten())
}

/// The ceiling: the revised total of the job's latest approval that approved anything.
pub fn latest_revised_total(tx: &Tx, job_id: i64) -> Result<Option<Money>> {
    tx.together(latest_revised_total_read(job_id))
}

pub fn latest_revised_total_read(job: impl Into<Key>) -> Read<'static, Option<Money>> {
    let job = job.into();
    Read::first(
        format!(
            "SELECT revised_total FROM approvals WHERE job_id = {} ORDER BY id DESC LIMIT 1",
            job.sql()
        ),
        job,
        |r| r.get(0),
    )
}

#[allow(clippy::too_many_arguments)]
pub fn insert_recommendation(
    tx: &Tx,
    item_id: i64,
    job_id: i64,
    line_id: i64,
    description: &str,
    reason: &str,
    consequence: &str,
    now: &str,
) -> Result<()> {
    tx.sql().execute(
        "INSERT INTO recommendations (item_id, job_id, line_id, description, reason, consequence, status, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'open', ?7)",
        crate::sql_params![item_id, job_id, line_id, description, reason, consequence, now],
    )?;
    Ok(())
}

pub fn take_up_recommendation(tx: &Tx, id: i64, job_id: i64) -> Result<()> {
    tx.sql().execute(
        "UPDATE recommendations SET status = 'taken_up', taken_up_job_id = ?2 WHERE id = ?1",
        (id, job_id),
    )?;
    Ok(())
}

/// Work declined on this item and not yet offered again, newest first.
pub fn open_recommendations(tx: &Tx, item_id: i64) -> Result<Vec<Recommendation>> {
    Ok(open_recommendations_of(tx, &[item_id])?
        .remove(&item_id)
        .unwrap_or_default())
}

/// The open recommendations of each of `item_ids`, newest first.
pub fn open_recommendations_of(
    tx: &Tx,
    item_ids: &[i64],
) -> Result<HashMap<i64, Vec<Recommendation>>> {
    tx.together(open_recommendations_of_read(item_ids))
}

pub fn open_recommendations_of_read(
    item_ids: &[i64],
) -> impl Reads<Out = HashMap<i64, Vec<Recommendation>>> {
    read::of_ids(
        item_ids,
        &[],
        |ids| {
            format!(
                "SELECT r.id, r.item_id, r.job_id, j.number, r.line_id, r.description, r.reason, r.consequence, r.created_at
                 FROM recommendations r JOIN jobs j ON j.id = r.job_id
                 WHERE r.item_id IN ({ids}) AND r.status = 'open' ORDER BY r.created_at DESC, r.id DESC"
            )
        },
        recommendation,
    )
    .then(|rows| {
        let mut found: HashMap<i64, Vec<Recommendation>> = HashMap::new();
        for r in rows {
            found.entry(r.item_id).or_default().push(r);
        }
        Ok(found)
    })
}

fn recommendation(r: &Row) -> super::driver::SqlResult<Recommendation> {
    Ok(Recommendation {
        id: r.get(0)?,
        item_id: r.get(1)?,
        job_id: r.get(2)?,
        job_number: r.get(3)?,
        line_id: r.get(4)?,
        description: r.get(5)?,
        reason: r.get(6)?,
        consequence: r.get(7)?,
        created_at: r.get(8)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn approvals_are_append_only() {
        let mut conn = crate::store::open_in_memory().unwrap();
        let tx = crate::store::write_tx(&mut conn).unwrap();
        let s = crate::store::staff::insert(&tx, "A", &[crate::model::staff::Role::Counter], "t")
            .unwrap();
        tx.sql().execute_batch(&format!(
            "INSERT INTO customers (kind, name, created_at, created_by) VALUES ('person','A','t',{s});
             INSERT INTO items (kind, owner_id, plate, make, model, created_at) VALUES ('vehicle',1,'X','M','N','t');
             INSERT INTO jobs (number, customer_id, item_id, complaint, state, created_at, created_by)
               VALUES ('J1',1,1,'noise','received','t',{s});
             INSERT INTO estimate_lines (job_id, position, supplement, kind, description, quantity, unit_price,
               tax_rate_bp, status, created_at, created_by) VALUES (1,1,0,'labour','x',1000,100,0,'proposed','t',{s});"
        ))
        .unwrap();
        let id = insert(
            &tx,
            &NewApproval {
                job_id: 1,
                supplement: 0,
                method: "phone",
                approver_name: "A",
                designated_person_id: None,
                contact: Some("123"),
                signature: None,
                staff_id: s,
                at: "t",
                conditions: None,
                old_parts: None,
                previous_total: 0,
                amount_approved: 100,
                revised_total: 100,
            },
        )
        .unwrap();
        insert_line(&tx, id, 1, "approved", 1000, 100).unwrap();
        assert_eq!(latest_revised_total(&tx, 1).unwrap(), Some(100));
        assert_eq!(get(&tx, id).unwrap().unwrap().lines.len(), 1);
        assert!(tx
            .sql()
            .execute("UPDATE approvals SET revised_total = 999", ())
            .is_err());
        assert!(tx.sql().execute("DELETE FROM approvals", ()).is_err());
        assert!(tx
            .sql()
            .execute("UPDATE approval_lines SET unit_price = 999", ())
            .is_err());
        assert!(tx.sql().execute("DELETE FROM approval_lines", ()).is_err());
        insert_recommendation(&tx, 1, 1, 1, "tyres", "later", "wear", "t").unwrap();
        let recs = open_recommendations(&tx, 1).unwrap();
        take_up_recommendation(&tx, recs[0].id, 1).unwrap();
        assert!(open_recommendations(&tx, 1).unwrap().is_empty());
    }
}

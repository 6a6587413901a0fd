//! SQL for `inspections`, `inspection_findings`, `finding_photos` and
//! `damage_marks`.

use super::driver::read::{Read, Reads};
use super::driver::OptionalExtension;
use super::{Key, Tx};
use crate::base::error::Result;
use crate::model::inspection::{
    area_label, AckMethod, Acknowledgment, Condition, DamageKind, DamageMark, Finding, Inspection,
    IntakeCondition,
};

pub fn insert(tx: &Tx, job_id: i64, staff_id: i64, now: &str) -> Result<i64> {
    tx.sql().execute(
        "INSERT INTO inspections (job_id, staff_id, started_at) VALUES (?1, ?2, ?3)",
        (job_id, staff_id, now),
    )?;
    Ok(tx.sql().last_insert_rowid()?)
}

pub fn insert_finding(
    tx: &Tx,
    inspection_id: i64,
    area: &str,
    checklist: bool,
    c: Condition,
    note: Option<&str>,
) -> Result<i64> {
    tx.sql().execute(
        "INSERT INTO inspection_findings (inspection_id, area, from_checklist, condition, note)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        (inspection_id, area, checklist, c.code(), note),
    )?;
    Ok(tx.sql().last_insert_rowid()?)
}

pub fn update_finding(tx: &Tx, id: i64, c: Condition, note: Option<&str>) -> Result<()> {
    tx.sql().execute(
        "UPDATE inspection_findings SET condition = ?2, note = ?3 WHERE id = ?1",
        (id, c.code(), note),
    )?;
    Ok(())
}

pub fn insert_photo(tx: &Tx, finding_id: i64, mime: &str, bytes: &[u8]) -> Result<i64> {
    tx.sql().execute(
        "INSERT INTO finding_photos (finding_id, mime, bytes) VALUES (?1, ?2, ?3)",
        (finding_id, mime, bytes),
    )?;
    Ok(tx.sql().last_insert_rowid()?)
}

pub fn photo(tx: &Tx, id: i64) -> Result<Option<(String, Vec<u8>)>> {
    Ok(tx
        .sql()
        .query_row(
            "SELECT mime, bytes FROM finding_photos WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

pub fn acknowledge(
    tx: &Tx,
    job_id: i64,
    name: &str,
    at: &str,
    method: &str,
    signature: Option<&[u8]>,
) -> Result<()> {
    tx.sql().execute(
        "UPDATE inspections SET ack_name = ?2, ack_at = ?3, ack_method = ?4, ack_signature = ?5 WHERE job_id = ?1",
        (job_id, name, at, method, signature),
    )?;
    Ok(())
}

pub fn signature(tx: &Tx, job_id: i64) -> Result<Option<Vec<u8>>> {
    Ok(tx
        .sql()
        .query_row(
            "SELECT ack_signature FROM inspections WHERE job_id = ?1",
            [job_id],
            |r| r.get(0),
        )
        .optional()?
        .flatten())
}

pub fn for_job(tx: &Tx, job_id: i64) -> Result<Option<Inspection>> {
    tx.together(for_job_read(job_id))
}

/// The job's inspection with its findings and marks: three queries keyed by
/// the job, sent together.
pub fn for_job_read(job: impl Into<Key>) -> impl Reads<Out = Option<Inspection>> {
    let job = job.into();
    let head = Read::first(
        format!(
            "SELECT id, staff_id, started_at, ack_name, ack_at, ack_method, ack_signature IS NOT NULL,
                    fuel_eighths, keys_left, valuables, job_id
             FROM inspections WHERE job_id = {}",
            job.sql()
        ),
        job.clone(),
        move |r| {
            let ack_name: Option<String> = r.get(3)?;
            let method: Option<String> = r.get(5)?;
            let ack = match ack_name {
                Some(name) => Some(Acknowledgment {
                    name,
                    at: r.get(4)?,
                    method: match method.as_deref() {
                        Some("signature") => AckMethod::Signature,
                        Some("electronic") => AckMethod::Electronic,
                        _ => AckMethod::Verbal,
                    },
                    has_signature: r.get(6)?,
                }),
                None => None,
            };
            Ok(Inspection {
                id: r.get(0)?,
                job_id: r.get(10)?,
                staff_id: r.get(1)?,
                started_at: r.get(2)?,
                findings: vec![],
                acknowledgment: ack,
                intake: IntakeCondition {
                    fuel_eighths: r.get(7)?,
                    keys_left: r.get(8)?,
                    valuables: r.get(9)?,
                },
                marks: vec![],
            })
        },
    );
    let findings = Read::all(
        format!(
            "SELECT f.id, f.area, f.from_checklist, f.condition, f.note,
                    (SELECT group_concat(CAST(p.id AS TEXT), ',') FROM finding_photos p WHERE p.finding_id = f.id)
             FROM inspection_findings f
             WHERE f.inspection_id = (SELECT id FROM inspections WHERE job_id = {}) ORDER BY f.id",
            job.sql()
        ),
        job.clone(),
        |r| {
            let area: String = r.get(1)?;
            let (label, label_zh) = area_label(&area);
            let cond: String = r.get(3)?;
            let photos: Option<String> = r.get(5)?;
            Ok(Finding {
                id: r.get(0)?,
                area,
                label,
                label_zh,
                from_checklist: r.get(2)?,
                condition: Condition::parse(&cond),
                note: r.get(4)?,
                photo_ids: photos
                    .map(|p| p.split(',').filter_map(|x| x.parse().ok()).collect())
                    .unwrap_or_default(),
            })
        },
    );
    let marks = Read::all(
        format!(
            "SELECT id, x, y, kind, note FROM damage_marks
             WHERE inspection_id = (SELECT id FROM inspections WHERE job_id = {}) ORDER BY id",
            job.sql()
        ),
        job,
        |r| {
            let kind: String = r.get(3)?;
            Ok(DamageMark {
                id: r.get(0)?,
                x: r.get(1)?,
                y: r.get(2)?,
                kind: DamageKind::parse(&kind),
                note: r.get(4)?,
            })
        },
    );
    (head, findings, marks).then(|(head, findings, marks)| {
        Ok(head.map(|insp| Inspection {
            findings,
            marks,
            ..insp
        }))
    })
}

pub fn set_intake(tx: &Tx, inspection_id: i64, c: &IntakeCondition) -> Result<()> {
    tx.sql().execute(
        "UPDATE inspections SET fuel_eighths = ?2, keys_left = ?3, valuables = ?4 WHERE id = ?1",
        (inspection_id, c.fuel_eighths, c.keys_left, &c.valuables),
    )?;
    Ok(())
}

pub fn insert_mark(tx: &Tx, inspection_id: i64, m: &DamageMark) -> Result<i64> {
    tx.sql().execute(
        "INSERT INTO damage_marks (inspection_id, x, y, kind, note) VALUES (?1, ?2, ?3, ?4, ?5)",
        (inspection_id, m.x, m.y, m.kind.code(), &m.note),
    )?;
    Ok(tx.sql().last_insert_rowid()?)
}

/// Removes a mark of this inspection; false when it has no such mark.
pub fn delete_mark(tx: &Tx, inspection_id: i64, mark_id: i64) -> Result<bool> {
    Ok(tx.sql().execute(
        "DELETE FROM damage_marks WHERE id = ?1 AND inspection_id = ?2",
        (mark_id, inspection_id),
    )? == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_findings_photos_and_acknowledgment() {
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
        let id = insert(&tx, 1, s, "t").unwrap();
        let f = insert_finding(&tx, id, "glass", true, Condition::NotChecked, None).unwrap();
        update_finding(&tx, f, Condition::PreExistingDamage, Some("chip")).unwrap();
        let p = insert_photo(&tx, f, "image/png", &[1, 2, 3]).unwrap();
        acknowledge(&tx, 1, "Ann", "t2", "verbal", None).unwrap();
        let got = for_job(&tx, 1).unwrap().unwrap();
        assert_eq!(got.findings[0].label_zh, "玻璃");
        assert_eq!(got.findings[0].photo_ids, vec![p]);
        assert_eq!(got.acknowledgment.unwrap().name, "Ann");
        assert_eq!(photo(&tx, p).unwrap().unwrap().1, vec![1, 2, 3]);
        assert!(signature(&tx, 1).unwrap().is_none());
    }
}

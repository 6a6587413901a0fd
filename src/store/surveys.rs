//! SQL for `surveys` (append-only): one per job, the scores as JSON beside the
//! overall and recommend columns the reports filter on. Rules:
//! care/satisfaction.rs; tests tests/core/care/satisfaction.rs.

use super::Tx;
use crate::base::error::{Error, Result};
use crate::model::survey::{Answers, Survey, SurveyVia};
use rusqlite::OptionalExtension;

/// Stores a survey with the job's advisor and technicians, so the report
/// reads one table.
pub fn insert(tx: &Tx, s: &Survey, advisor_id: i64, technicians: &[i64]) -> Result<i64> {
    let answers = serde_json::to_string(&s.answers).map_err(Error::internal)?;
    let techs: Vec<String> = technicians.iter().map(|t| t.to_string()).collect();
    tx.sql().execute(
        "INSERT INTO surveys (job_id, via, staff_id, at, scale, advisor_id, technicians, overall, recommend, answers)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        rusqlite::params![
            s.job_id,
            super::contacts::code(s.via),
            s.staff_id,
            s.at,
            s.scale,
            advisor_id,
            techs.join(","),
            s.answers.overall,
            s.answers.recommend,
            answers
        ],
    )?;
    Ok(tx.sql().last_insert_rowid())
}

fn via(s: &str) -> SurveyVia {
    match s {
        "callback" => SurveyVia::Callback,
        "paper" => SurveyVia::Paper,
        _ => SurveyVia::Counter,
    }
}

fn row(r: &rusqlite::Row) -> rusqlite::Result<(Survey, String)> {
    Ok((
        Survey {
            id: r.get(0)?,
            job_id: r.get(1)?,
            job_number: r.get(2)?,
            via: via(&r.get::<_, String>(3)?),
            staff_id: r.get(4)?,
            at: r.get(5)?,
            scale: r.get(6)?,
            answers: Answers {
                stages: Vec::new(),
                overall: 0,
                recommend: None,
                comment: None,
                unhappy: false,
            },
        },
        r.get(7)?,
    ))
}

fn parse((mut s, text): (Survey, String)) -> Result<Survey> {
    s.answers = serde_json::from_str(&text)
        .map_err(|e| Error::internal(format!("stored survey unreadable: {e}")))?;
    Ok(s)
}

const SELECT: &str = "SELECT s.id, s.job_id, j.number, s.via, s.staff_id, s.at, s.scale, s.answers
     FROM surveys s JOIN jobs j ON j.id = s.job_id";

pub fn for_job(tx: &Tx, job_id: i64) -> Result<Option<Survey>> {
    tx.sql()
        .prepare_cached(&format!("{SELECT} WHERE s.job_id = ?1"))?
        .query_row([job_id], row)
        .optional()?
        .map(parse)
        .transpose()
}

/// A survey with the job's service advisor (who received it) and technicians.
pub struct Rated {
    pub survey: Survey,
    pub advisor_id: i64,
    pub technicians: Vec<i64>,
}

/// Every survey taken in [from, to), oldest first.
pub fn in_period(tx: &Tx, from: &str, to: &str) -> Result<Vec<Rated>> {
    let mut st = tx.sql().prepare_cached(
        "SELECT s.id, s.job_id, j.number, s.via, s.staff_id, s.at, s.scale, s.answers, s.advisor_id, s.technicians
         FROM surveys s JOIN jobs j ON j.id = s.job_id
         WHERE s.at >= ?1 AND s.at < ?2 ORDER BY s.at",
    )?;
    let rows = st.query_map((from, to), |r| {
        Ok((row(r)?, r.get::<_, i64>(8)?, r.get::<_, Option<String>>(9)?))
    })?;
    let mut out = Vec::new();
    for r in rows {
        let (s, advisor_id, techs) = r?;
        out.push(Rated {
            survey: parse(s)?,
            advisor_id,
            technicians: techs
                .unwrap_or_default()
                .split(',')
                .filter_map(|t| t.parse().ok())
                .collect(),
        });
    }
    Ok(out)
}

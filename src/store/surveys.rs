//! SQL for `surveys` (append-only): one per job, the scores as JSON beside the
//! overall and recommend columns the reports filter on. Rules:
//! care/satisfaction.rs; tests tests/core/care/satisfaction.rs.

use super::driver::OptionalExtension;
use super::Tx;
use crate::base::error::{Error, Result};
use crate::model::survey::{Answers, Survey, SurveyVia, STAGES};

/// Stores a survey with the job's advisor and technicians, so the report
/// reads one table.
pub fn insert(tx: &Tx, s: &Survey, advisor_id: i64, technicians: &[i64]) -> Result<i64> {
    let answers = serde_json::to_string(&s.answers).map_err(Error::internal)?;
    let techs: Vec<String> = technicians.iter().map(|t| t.to_string()).collect();
    tx.sql().execute(
        "INSERT INTO surveys (job_id, via, staff_id, at, scale, advisor_id, technicians, overall, recommend,
                              stage_scores, said_unhappy, comment, answers)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        crate::sql_params![
            s.job_id,
            crate::base::code::code_of(s.via),
            s.staff_id,
            s.at,
            s.scale,
            advisor_id,
            techs.join(","),
            s.answers.overall,
            s.answers.recommend,
            stage_scores(&s.answers),
            s.answers.unhappy as i64,
            s.answers.comment,
            answers
        ],
    )?;
    Ok(tx.sql().last_insert_rowid()?)
}

fn row(r: &super::driver::DbRow) -> super::driver::SqlResult<(Survey, String)> {
    Ok((
        Survey {
            id: r.get(0)?,
            job_id: r.get(1)?,
            job_number: r.get(2)?,
            via: crate::base::code::from_code(&r.get::<_, String>(3)?)
                .unwrap_or(SurveyVia::Counter),
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

fn stage_scores(a: &Answers) -> String {
    STAGES
        .iter()
        .map(|st| {
            a.stages
                .iter()
                .find(|x| x.stage == *st)
                .and_then(|x| x.score)
                .map_or("-".to_string(), |v| v.to_string())
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// One survey's figures, as the report reads them (no JSON).
pub struct Scores {
    pub at: String,
    pub scale: u8,
    pub overall: u8,
    pub recommend: Option<u8>,
    pub stages: [Option<u8>; 6],
    pub said_unhappy: bool,
    pub advisor_id: i64,
    pub technicians: Vec<i64>,
}

/// Every survey's figures in [from, to), oldest first.
pub fn scores_in_period(tx: &Tx, from: &str, to: &str) -> Result<Vec<Scores>> {
    let mut st = tx.sql().prepare_cached(
        "SELECT at, scale, overall, recommend, stage_scores, said_unhappy, advisor_id, technicians
         FROM surveys WHERE at >= ?1 AND at < ?2 ORDER BY at",
    )?;
    let rows = st.query_map((from, to), |r| {
        let text: String = r.get(4)?;
        let mut stages = [None; 6];
        for (slot, v) in stages.iter_mut().zip(text.split(',')) {
            *slot = v.parse().ok();
        }
        let techs: String = r.get(7)?;
        Ok(Scores {
            at: r.get(0)?,
            scale: r.get(1)?,
            overall: r.get(2)?,
            recommend: r.get(3)?,
            stages,
            said_unhappy: r.get::<_, i64>(5)? == 1,
            advisor_id: r.get(6)?,
            technicians: techs.split(',').filter_map(|t| t.parse().ok()).collect(),
        })
    })?;
    Ok(rows.collect::<super::driver::SqlResult<_>>()?)
}

/// The newest comments in [from, to): (job number, at, overall, comment).
pub fn comments_in_period(
    tx: &Tx,
    from: &str,
    to: &str,
    limit: i64,
) -> Result<Vec<(String, String, u8, String)>> {
    let mut st = tx.sql().prepare_cached(
        "SELECT j.number, s.at, s.overall, s.comment FROM surveys s JOIN jobs j ON j.id = s.job_id
         WHERE s.comment IS NOT NULL AND s.at >= ?1 AND s.at < ?2 ORDER BY s.at DESC LIMIT ?3",
    )?;
    let rows = st.query_map(crate::sql_params![from, to, limit], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })?;
    Ok(rows.collect::<super::driver::SqlResult<_>>()?)
}
